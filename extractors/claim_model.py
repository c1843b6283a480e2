"""The trained claim model: which ontology types a candidate pair states, with a probability.

One logistic regression per relation type over the pair's sparse binary features
(pairs.py), trained by training.py. The model is data: a folder holding `model.json`
(weights, threshold) and `meta.json` (what it was trained on, seed, versions, scores), so
it loads without pickles and a model from another format version is one clear error.
Scoring is a sparse dot product in plain Python: a few dozen features per pair.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from newsgraph.graph import RELATIONS
from newsgraph.graph.errors import NewsgraphError

FORMAT = "newsgraph-claim-model/1"
MODEL_FILE = "model.json"
META_FILE = "meta.json"
DEFAULT_DIR = Path(__file__).with_name("claim_model")  # the shipped model (`newsgraph train`, see README)
MODEL_ENV = "NEWSGRAPH_CLAIM_MODEL"


class ClaimModelError(NewsgraphError):
    """A claim model folder that is missing, malformed, or of another format version."""

    code = "E009"


@dataclass
class ClaimModel:
    """Per-type weights over feature strings; `threshold` is the probability a claim needs."""

    weights: dict[str, dict[str, float]]  # relation -> feature -> weight
    bias: dict[str, float]
    threshold: float = 0.5
    meta: dict = field(default_factory=dict)

    def probabilities(self, features: list[str]) -> dict[str, float]:
        """Relation -> probability that the pair states it."""
        out = {}
        for rel, w in self.weights.items():
            z = self.bias[rel] + sum(w.get(f, 0.0) for f in features)
            out[rel] = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
        return out

    def save(self, folder: str | Path, meta: dict | None = None) -> Path:
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        body = {"format": FORMAT, "threshold": self.threshold, "bias": self.bias,
                "weights": {r: dict(sorted(w.items())) for r, w in sorted(self.weights.items())}}
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
        weights = {str(r): {str(f): float(v) for f, v in w.items()} for r, w in body["weights"].items()}
        bias = {str(r): float(v) for r, v in body["bias"].items()}
        threshold = float(body["threshold"])
    except (KeyError, TypeError, ValueError, AttributeError) as e:
        raise ClaimModelError(f"{path}: malformed model ({type(e).__name__}: {e})") from None
    unknown = sorted(set(weights) - set(RELATIONS))
    if unknown or set(weights) != set(bias) or not 0.0 < threshold < 1.0:
        raise ClaimModelError(f"{path}: malformed model (types {unknown or sorted(weights)}, threshold {threshold})")
    meta: dict = {}
    try:
        meta = json.loads((folder / META_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass  # metadata is for people; a model without it still works
    return ClaimModel(weights, bias, threshold, meta if isinstance(meta, dict) else {})


@lru_cache(maxsize=4)
def load_claim_model(folder: str = "") -> ClaimModel:
    """The model in `folder` (read once per process), else the shipped one."""
    return read_model(folder or DEFAULT_DIR)
