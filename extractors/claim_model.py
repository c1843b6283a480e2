"""The trained claim model: which ontology types a candidate pair states, with a probability.

Two logistic regressions over the pair's sparse binary features (pairs.py), trained by
training.py: one says whether the pair states a claim, one which type. The model is data: a folder holding `model.json`
(weights, threshold) and `meta.json` (what it was trained on, seed, versions, scores), so
it loads without pickles and a model from another format version is one clear error.
Scoring is a sparse dot product in plain Python: a few dozen features per pair.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

from newsgraph.graph import RELATIONS
from newsgraph.graph.errors import NewsgraphError

FORMAT = "newsgraph-claim-model/2"
MODEL_FILE = "model.json"
META_FILE = "meta.json"
DEFAULT_DIR = Path(__file__).with_name("claim_model")  # the shipped model (`newsgraph train`, see README)
MODEL_ENV = "NEWSGRAPH_CLAIM_MODEL"


class ClaimModelError(NewsgraphError):
    """A claim model folder that is missing, malformed, or of another format version."""

    code = "E009"


@dataclass
class ClaimModel:
    """Two linear models over feature strings: whether a pair states a claim, and which type it is.

    P(type) = P(claim) x P(type | claim). Factored this way, the "is there a claim" part learns
    from every annotated claim at once (syntax, quotes, speakers) and the type part mostly from
    the predicate's words, which a per-type model could not learn from a few dozen examples.
    `threshold` is the probability a claim needs.
    """

    claim_weights: dict[str, float]
    claim_bias: float
    type_weights: dict[str, dict[str, float]]  # relation -> feature -> weight (a softmax over relations)
    type_bias: dict[str, float]
    threshold: float = 0.5
    calibration: tuple[float, float] = (1.0, 0.0)  # Platt scaling (a, b) of the raw probability, from cross-validation
    # Platt scaling of the rule finders' confidences, measured on the same gold articles: the
    # `rules` extractor reads it so its confidences, too, say how often such a claim is right
    rules_calibration: tuple[float, float] = (1.0, 0.0)
    meta: dict = field(default_factory=dict)

    def claim_probability(self, features: list[str]) -> float:
        z = self.claim_bias + sum(self.claim_weights.get(f, 0.0) for f in features)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    @cached_property
    def _by_feature(self) -> dict[str, list[tuple[str, float]]]:
        """Feature -> [(relation, weight)]: a pair's few features touch few weights."""
        out: dict[str, list[tuple[str, float]]] = {}
        for r, w in self.type_weights.items():
            for f, v in w.items():
                out.setdefault(f, []).append((r, v))
        return out

    def type_probabilities(self, features: list[str]) -> dict[str, float]:
        scores = dict(self.type_bias)
        by_feature = self._by_feature
        for f in features:
            for r, v in by_feature.get(f, ()):
                scores[r] += v
        top = max(scores.values(), default=0.0)
        exp = {r: math.exp(z - top) for r, z in scores.items()}
        total = sum(exp.values()) or 1.0
        return {r: e / total for r, e in exp.items()}

    def raw_probabilities(self, features: list[str]) -> dict[str, float]:
        """Relation -> P(claim) x P(type | claim), before calibration."""
        p = self.claim_probability(features)
        return {r: p * q for r, q in self.type_probabilities(features).items()}

    def calibrated(self, q: float) -> float:
        return platt(q, self.calibration)

    def probabilities(self, features: list[str], floor: float = 0.0) -> dict[str, float]:
        """Relation -> calibrated probability that the pair states it (a claim at 0.8 is right 8 times in 10
        on the cross-validated training articles). With `floor`, a pair whose claim probability alone
        is below it returns {} without scoring the types (no type can score above it)."""
        p = self.claim_probability(features)
        if floor and self.calibrated(p) < floor:
            return {}
        return {r: self.calibrated(p * q) for r, q in self.type_probabilities(features).items()}

    def save(self, folder: str | Path, meta: dict | None = None) -> Path:
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        body = {"format": FORMAT, "threshold": self.threshold, "calibration": list(self.calibration),
                "rules_calibration": list(self.rules_calibration),
                "claim": {"bias": self.claim_bias, "weights": dict(sorted(self.claim_weights.items()))},
                "type": {"bias": self.type_bias,
                         "weights": {r: dict(sorted(w.items())) for r, w in sorted(self.type_weights.items())}}}
        (folder / MODEL_FILE).write_text(json.dumps(body, indent=0, sort_keys=True) + "\n", encoding="utf-8")
        (folder / META_FILE).write_text(json.dumps(meta or self.meta, indent=2, sort_keys=True) + "\n",
                                        encoding="utf-8")
        return folder


def read_model(folder: str | Path) -> ClaimModel:
    """Load a model folder; anything wrong with it is a `ClaimModelError` naming the file."""
    folder = Path(folder)
    path = folder / MODEL_FILE
    try:
        body = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ClaimModelError(f"{folder}: not a claim model folder (no {MODEL_FILE}); "
                              f"make one with: newsgraph train GOLD_DIR -o {folder}") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise ClaimModelError(f"{path}: cannot be read: {e}") from None
    if not isinstance(body, dict) or body.get("format") != FORMAT:
        found = body.get("format") if isinstance(body, dict) else None
        raise ClaimModelError(f"{path}: format {found!r} is not {FORMAT!r}; retrain it with this newsgraph "
                              "(newsgraph train)")
    try:
        claim = {str(f): float(v) for f, v in body["claim"]["weights"].items()}
        claim_bias = float(body["claim"]["bias"])
        weights = {str(r): {str(f): float(v) for f, v in w.items()} for r, w in body["type"]["weights"].items()}
        bias = {str(r): float(v) for r, v in body["type"]["bias"].items()}
        threshold = float(body["threshold"])
        a, b = (float(v) for v in body.get("calibration", (1.0, 0.0)))
        ra, rb = (float(v) for v in body.get("rules_calibration", (1.0, 0.0)))
    except (KeyError, TypeError, ValueError, AttributeError) as e:
        raise ClaimModelError(f"{path}: malformed model ({type(e).__name__}: {e})") from None
    unknown = sorted(set(weights) - set(RELATIONS))
    if unknown or not weights or set(weights) != set(bias) or not 0.0 < threshold < 1.0:
        raise ClaimModelError(f"{path}: malformed model (types {unknown or sorted(weights)}, threshold {threshold})")
    meta: dict = {}
    try:
        meta = json.loads((folder / META_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass  # metadata is for people; a model without it still works
    return ClaimModel(claim, claim_bias, weights, bias, threshold, (a, b), (ra, rb),
                      meta if isinstance(meta, dict) else {})


def platt(q: float, ab: tuple[float, float]) -> float:
    """sigmoid(a * logit(q) + b): a confidence mapped to how often such claims were right."""
    a, b = ab
    if (a, b) == (1.0, 0.0):
        return q
    q = min(max(q, 1e-6), 1 - 1e-6)
    z = a * math.log(q / (1 - q)) + b
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@lru_cache(maxsize=4)
def load_claim_model(folder: str = "") -> ClaimModel:
    """The model in `folder` (read once per process), else the shipped one."""
    return read_model(folder or DEFAULT_DIR)
