"""Training the claim model on gold-format articles, and cross-validating it by article.

Each gold article is parsed and run through the entity stage and the rule finders exactly
as `extract` does; every candidate pair (pairs.py) is labelled from the gold triples: a pair
whose entities match a gold triple's subject and object (by the ontology's name matching)
in the sentence that best matches the triple's evidence is a positive for its type;
the same pair elsewhere in the article, and optional triples, teach nothing either way.
One L2-regularized logistic regression per type (scikit-learn, liblinear: deterministic).
"""
from __future__ import annotations

import math
import platform
import random
import re
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Iterable, Sequence

from newsgraph.graph.ontology import RELATED_TO, allowed

from .claim_model import FORMAT, ClaimModel
from .gold import GoldArticle
from .pairs import PairCandidate

if TYPE_CHECKING:
    from .pipeline import Analysis

MIN_COUNT = 2  # a feature seen once is noise
C = 3.0  # inverse regularization strength (chosen by 5-fold cross-validation over the dev articles)
THRESHOLD = 0.3  # the probability a claim needs (likewise)
EVIDENCE_OVERLAP = 0.3  # share of the evidence's words a sentence must hold to be the stating sentence

_WORD = re.compile(r"\w+")


@dataclass
class Example:
    """One candidate pair with its gold labels: `positive` types, and `ignore` types that teach nothing."""

    article: str
    pair: PairCandidate
    positive: set[str] = field(default_factory=set)
    ignore: set[str] = field(default_factory=set)


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text)}


def _gold_names(gold: GoldArticle, entity) -> set[str]:
    names: set[str] = set()
    for n in (entity.name, *entity.aliases):
        names |= gold.resolve(n)
    return names


def label_pairs(gold: GoldArticle, pairs: Sequence[PairCandidate]) -> list[Example]:
    """Gold labels for the candidate pairs of one article.

    A pair with an entity the gold file does not know teaches nothing about claims (the
    entity stage missed or misnamed it), so it is left out rather than made a negative.
    """
    keyed_all = [(p, _gold_names(gold, p.subject), _gold_names(gold, p.object)) for p in pairs]
    kept = [(p, ss, oo) for p, ss, oo in keyed_all if ss and oo]
    examples = [Example(gold.article.id, p) for p, _, _ in kept]
    keyed = [(ss, oo) for _, ss, oo in kept]
    pairs = [p for p, _, _ in kept]
    sent_words = [_words(p.sent.text) for p in pairs]
    for t in gold.triples:
        hits = [k for k, (ss, oo) in enumerate(keyed) if t.subject in ss and t.object in oo]
        if not hits:
            continue
        ev = _words(t.evidence)
        overlap = {k: (len(ev & sent_words[k]) / len(ev) if ev else 1.0) for k in hits}
        best = max(overlap.values())
        for k in hits:
            ex = examples[k]
            if t.optional or best < EVIDENCE_OVERLAP or overlap[k] < best:
                ex.ignore.add(t.relation)
            else:
                ex.positive.add(t.relation)
    for ex in examples:
        ex.ignore -= ex.positive
    return examples


def _matrix(rows: Sequence[list[str]], index: dict[str, int]):
    import numpy as np
    from scipy.sparse import csr_matrix

    r, c = [], []
    for k, feats in enumerate(rows):
        for j in {index[f] for f in feats if f in index}:
            r.append(k)
            c.append(j)
    return csr_matrix((np.ones(len(r)), (r, c)), shape=(len(rows), len(index)))


def fit(examples: Sequence[Example], c: float = C, threshold: float = THRESHOLD, seed: int = 0) -> ClaimModel:
    """The claim/no-claim regression over all pairs, and the type regression over the claims."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    counts: dict[str, int] = {}
    for ex in examples:
        for f in set(ex.pair.features):
            counts[f] = counts.get(f, 0) + 1
    vocab = sorted(f for f, n in counts.items() if n >= MIN_COUNT)
    index = {f: k for k, f in enumerate(vocab)}
    # claim or not: a pair whose only gold readings are optional teaches nothing
    rows = [ex for ex in examples if ex.positive or not ex.ignore]
    x = _matrix([ex.pair.features for ex in rows], index)
    y = np.array([bool(ex.positive) for ex in rows], dtype=int)
    binary = LogisticRegression(C=c, solver="liblinear", random_state=seed, max_iter=1000).fit(x, y)
    claim = {vocab[k]: round(float(w), 4) for k, w in enumerate(binary.coef_[0]) if abs(w) > 1e-3}
    # which type: one row per (claim, type)
    typed = [(ex.pair.features, rel) for ex in examples for rel in sorted(ex.positive)]
    labels = sorted({rel for _, rel in typed})
    if len(labels) < 2:
        raise ValueError("the gold data shows fewer than two relation types; annotate more claims")
    tx = _matrix([f for f, _ in typed], index)
    ty = np.array([labels.index(rel) for _, rel in typed])
    multi = LogisticRegression(C=c, solver="lbfgs", random_state=seed, max_iter=2000).fit(tx, ty)
    type_weights = {rel: {vocab[k]: round(float(w), 4) for k, w in enumerate(multi.coef_[i]) if abs(w) > 1e-3}
                    for i, rel in enumerate(labels)}
    type_bias = {rel: round(float(multi.intercept_[i]), 4) for i, rel in enumerate(labels)}
    return ClaimModel(claim, round(float(binary.intercept_[0]), 4), type_weights, type_bias, threshold)


def folds(articles: Sequence[str], k: int, seed: int = 0) -> list[set[str]]:
    """`k` folds of article ids, shuffled by `seed`."""
    ids = sorted(set(articles))
    random.Random(seed).shuffle(ids)
    return [set(ids[i::k]) for i in range(k)]


def metadata(gold_paths: Iterable[str], articles: Sequence[GoldArticle], examples: Sequence[Example],
             seed: int, c: float, threshold: float, model_name: str, scores: dict | None = None) -> dict:
    """What a model was made from, so it can be remade and judged."""
    import sklearn
    import spacy

    from newsgraph import __version__

    return {
        "format": FORMAT,
        "created": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "training_data": {"paths": [str(p) for p in gold_paths], "articles": len(articles),
                          "article_ids": sorted(a.article.id for a in articles),
                          "pairs": len(examples), "positives": sum(len(e.positive) for e in examples)},
        "seed": seed, "C": c, "threshold": threshold, "min_feature_count": MIN_COUNT,
        "versions": {"newsgraph": __version__, "spacy": spacy.__version__, "spacy_pipeline": model_name,
                     "scikit-learn": sklearn.__version__, "python": platform.python_version()},
        "scores": scores or {},
    }


@dataclass
class Parsed:
    """A gold article run through the entity stage, the rules and pair building (done once for folds)."""

    gold: GoldArticle
    analysis: "Analysis"
    examples: list[Example]


def parse_gold_articles(golds: Sequence[GoldArticle], nlp, batch_size: int = 16) -> list[Parsed]:
    """Parse and analyze every gold article the way `extract` does, and label its pairs."""
    from .chunking import defuse
    from .pipeline import analyze

    out = []
    texts = (defuse(g.article.text) for g in golds)
    for g, doc in zip(golds, nlp.pipe(texts, batch_size=batch_size)):
        a = analyze(doc, g.article)
        out.append(Parsed(g, a, label_pairs(g, a.pairs)))
    return out


def predict(parsed: Parsed, model: ClaimModel):
    """The Extraction the model makes of one parsed gold article."""
    from newsgraph.graph import Extraction

    from .classify import model_claims, untyped_claims

    from .pipeline import kept_entities

    a = parsed.analysis
    claims = model_claims(a.pairs, model, parsed.gold.article.id) + untyped_claims(a.rule_claims)
    return Extraction(parsed.gold.article, kept_entities(a.table, claims), claims)


def out_of_fold(parsed: Sequence[Parsed], k: int, seed: int = 0, c: float = C) -> dict[str, ClaimModel]:
    """Article id -> a model trained on the other folds (k-fold by article)."""
    out: dict[str, ClaimModel] = {}
    for fold in folds([p.gold.article.id for p in parsed], k, seed):
        model = fit([e for p in parsed if p.gold.article.id not in fold for e in p.examples], c, THRESHOLD, seed)
        out.update({aid: model for aid in fold})
    return out


def _outcomes(parsed: Sequence[Parsed], models: dict[str, ClaimModel]) -> tuple[list[float], list[int]]:
    """(raw probability, right?) of every claim the out-of-fold models could make, judged as the scorer
    judges claims: right when the named entities and the type match a required gold triple anywhere in
    the article (a claim about a misnamed entity is wrong, whatever the pair's words say)."""

    probs, right = [], []
    for p in parsed:
        g, model = p.gold, models[p.gold.article.id]
        req, opt = g.required, g.optional
        for pair in p.analysis.pairs:
            if pair.negated:
                continue
            ss, oo = _gold_names(g, pair.subject), _gold_names(g, pair.object)
            for rel, q in model.raw_probabilities(pair.features).items():
                if q < 0.02 or not allowed(rel, pair.subject.label, pair.object.label):
                    continue
                keys = {(s, rel, o) for s in ss for o in oo}
                if keys & opt and not keys & req:
                    continue
                probs.append(q)
                right.append(int(bool(keys & req)))
    return probs, right


def rule_outcomes(parsed: Sequence[Parsed]) -> tuple[list[float], list[int]]:
    """(confidence, right?) of every typed claim the rule finders make on the gold articles, judged as
    the scorer judges claims (claims only an optional gold triple states are left out)."""
    probs, right = [], []
    for p in parsed:
        g = p.gold
        for c in p.analysis.rule_claims:
            if c.relation == RELATED_TO or not c.evidence:
                continue
            keys = {(s, c.relation, o) for s in g.resolve(c.subject) for o in g.resolve(c.object)}
            if keys & g.optional and not keys & g.required:
                continue
            probs.append(max(e.confidence for e in c.evidence))
            right.append(int(bool(keys & g.required)))
    return probs, right


def calibrate(probs: Sequence[float], right: Sequence[int]) -> tuple[float, float]:
    """Platt scaling: (a, b) so that sigmoid(a * logit(p) + b) is the share of such claims that are right."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    if len(set(right)) < 2:
        return 1.0, 0.0
    x = np.array([[_logit(p)] for p in probs])
    lr = LogisticRegression(C=100.0, solver="lbfgs").fit(x, np.array(right))
    return round(float(lr.coef_[0][0]), 4), round(float(lr.intercept_[0]), 4)


def _logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))


def cross_validate(parsed: Sequence[Parsed], k: int = 5, seed: int = 0, c: float = C,
                   threshold: float = THRESHOLD, models: dict[str, ClaimModel] | None = None,
                   calibration: tuple[float, float] = (1.0, 0.0)):
    """Scores of k-fold cross-validation by article: each fold predicted by a model trained on the others."""
    from .evaluation import score

    models = models or out_of_fold(parsed, k, seed, c)
    xs = []
    for p in parsed:
        m = models[p.gold.article.id]
        xs.append(predict(p, replace(m, threshold=threshold, calibration=calibration)))
    return score([p.gold for p in parsed], xs)


def train(gold_paths: Sequence[str], nlp, pipeline_name: str, seed: int = 0, c: float = C,
          threshold: float | None = None, cv: int = 5) -> ClaimModel:
    """Fit a claim model on every gold article under `gold_paths`.

    With `cv` folds (by article), the out-of-fold predictions calibrate the probabilities
    (Platt scaling) and, unless `threshold` is given, choose the threshold with the best
    cross-validated typed F1; the cross-validated scores are recorded in the metadata.
    """
    from .gold import read_gold

    parsed = parse_gold_articles(read_gold(gold_paths), nlp)
    examples = [e for p in parsed for e in p.examples]
    model = fit(examples, c, threshold or THRESHOLD, seed)
    scores = {}
    if cv > 1 and len(parsed) >= cv:
        models = out_of_fold(parsed, cv, seed, c)
        model.calibration = calibrate(*_outcomes(parsed, models))
        if threshold is None:
            grid = [round(0.1 + 0.05 * i, 2) for i in range(13)]
            fits = {t: cross_validate(parsed, cv, seed, c, t, models, model.calibration) for t in grid}
            model.threshold = max(grid, key=lambda t: (round(fits[t].typed.f1, 3), t))
        s = cross_validate(parsed, cv, seed, c, model.threshold, models, model.calibration)
        scores[f"cross_validation_{cv}_fold"] = s.to_dict()
    model.rules_calibration = calibrate(*rule_outcomes(parsed))
    model.meta = metadata(gold_paths, [p.gold for p in parsed], examples, seed, c, model.threshold,
                          pipeline_name, scores)
    model.meta["calibration"] = list(model.calibration)
    model.meta["rules_calibration"] = list(model.rules_calibration)
    return model
