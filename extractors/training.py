"""Training the claim model on gold-format articles, and cross-validating it by article.

Each gold article is parsed and run through the entity stage and the rule finders exactly
as `extract` does; every candidate pair (pairs.py) is labelled from the gold triples: a pair
whose entities match a gold triple's subject and object (by the ontology's name matching)
in the sentence that best matches the triple's evidence is a positive for its type;
the same pair elsewhere in the article, and optional triples, teach nothing either way.
One L2-regularized logistic regression per type (scikit-learn, liblinear: deterministic).
"""
from __future__ import annotations

import platform
import random
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Iterable, Sequence

from newsgraph.graph import RELATIONS

from .claim_model import FORMAT, ClaimModel
from .gold import GoldArticle
from .pairs import PairCandidate

MIN_COUNT = 2  # a feature seen once is noise
C = 0.5  # inverse regularization strength (chosen by 5-fold cross-validation over the dev articles)
THRESHOLD = 0.4
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
    """Gold labels for the candidate pairs of one article."""
    examples = [Example(gold.article.id, p) for p in pairs]
    keyed = [(_gold_names(gold, p.subject), _gold_names(gold, p.object)) for p in pairs]
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


def coverage(gold: GoldArticle, pairs: Sequence[PairCandidate]) -> tuple[int, int]:
    """(required gold triples some candidate pair can state, required gold triples)."""
    keyed = [(_gold_names(gold, p.subject), _gold_names(gold, p.object)) for p in pairs]
    req = gold.required
    found = sum(1 for s, _, o in req if any(s in ss and o in oo for ss, oo in keyed))
    return found, len(req)


def fit(examples: Sequence[Example], c: float = C, threshold: float = THRESHOLD, seed: int = 0,
        balance: float = 1.0) -> ClaimModel:
    """One logistic regression per relation type over the examples' features."""
    import numpy as np
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    counts: dict[str, int] = {}
    for ex in examples:
        for f in set(ex.pair.features):
            counts[f] = counts.get(f, 0) + 1
    vocab = sorted(f for f, n in counts.items() if n >= MIN_COUNT)
    index = {f: k for k, f in enumerate(vocab)}
    rows, cols = [], []
    for r, ex in enumerate(examples):
        for k in {index[f] for f in ex.pair.features if f in index}:
            rows.append(r)
            cols.append(k)
    x = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(examples), len(vocab)))
    weights: dict[str, dict[str, float]] = {}
    bias: dict[str, float] = {}
    for rel in RELATIONS:
        keep = [k for k, ex in enumerate(examples) if rel not in ex.ignore]
        y = np.array([rel in examples[k].positive for k in keep], dtype=int)
        if y.sum() == 0:
            continue  # a type the data never shows: the model does not claim it
        lr = LogisticRegression(C=c, solver="liblinear", random_state=seed, max_iter=1000,
                                class_weight={0: 1.0, 1: balance})
        lr.fit(x[keep], y)
        coef = lr.coef_[0]
        weights[rel] = {vocab[k]: round(float(coef[k]), 5) for k in np.flatnonzero(np.abs(coef) > 1e-4)}
        bias[rel] = round(float(lr.intercept_[0]), 5)
    return ClaimModel(weights, bias, threshold)


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
