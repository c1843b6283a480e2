"""Scoring extractions against gold articles: precision, recall and F1 as ONTOLOGY.md defines them.

typed: a predicted claim is right when its subject, object and type match a required gold
triple (names matched by the ontology's rule: case, punctuation, a leading article, aliases);
a claim matching only an optional triple neither gains nor loses; RELATED_TO is ignored.
untyped: the same, ignoring the type. entities: a predicted entity is right when it matches
a gold entity and carries its label. Micro-averaged over articles, and typed per relation.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from newsgraph.graph import RELATIONS, Extraction, normalize

from .gold import GoldArticle


@dataclass
class Count:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: "Count") -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass
class Scores:
    typed: Count = field(default_factory=Count)
    untyped: Count = field(default_factory=Count)
    entities: Count = field(default_factory=Count)
    per_type: dict[str, Count] = field(default_factory=lambda: {r: Count() for r in RELATIONS})
    articles: int = 0

    def add(self, other: "Scores") -> None:
        self.typed.add(other.typed)
        self.untyped.add(other.untyped)
        self.entities.add(other.entities)
        for r, c in other.per_type.items():
            self.per_type[r].add(c)
        self.articles += other.articles

    def to_dict(self) -> dict:
        return {"articles": self.articles, "typed": self.typed.to_dict(), "untyped": self.untyped.to_dict(),
                "entities": self.entities.to_dict(),
                "per_type": {r: c.to_dict() for r, c in self.per_type.items()}}


def _triples(gold: GoldArticle, x: Extraction, typed: bool) -> tuple[Count, dict[str, Count]]:
    def key(t: tuple[str, str, str]) -> tuple:
        return t if typed else (t[0], t[2])

    req = {key(t) for t in gold.required}
    opt = {key(t) for t in gold.optional} - req
    hit: set = set()
    wrong: dict[tuple, str] = {}
    for c in x.claims:
        if c.relation not in RELATIONS:
            continue
        cands = {key((s, c.relation, o)) for s in gold.resolve(c.subject) for o in gold.resolve(c.object)}
        if cands & req:
            hit |= cands & req
        elif not cands & opt:
            wrong[(normalize(c.subject), c.relation if typed else "", normalize(c.object))] = c.relation
    total = Count(len(hit), len(wrong), len(req - hit))
    per = {r: Count() for r in RELATIONS}
    if typed:
        for t in req:
            per[t[1]].tp += t in hit
            per[t[1]].fn += t not in hit
        for rel in wrong.values():
            per[rel].fp += 1
    return total, per


def _entities(gold: GoldArticle, x: Extraction) -> Count:
    predicted = [(e.name, e.label) for e in x.entities]
    predicted += [(c.subject, c.subject_label) for c in x.claims] + [(c.object, c.object_label) for c in x.claims]
    good: set[str] = set()
    bad: set[str] = set()
    for name, label in predicted:
        golds = gold.resolve(name)
        right = {g for g in golds if gold.types[g] == label}
        if right:
            good |= right
        else:
            bad.add(normalize(name))
    return Count(len(good), len(bad), len(set(gold.types) - good))


def score_article(gold: GoldArticle, x: Extraction) -> Scores:
    typed, per = _triples(gold, x, True)
    untyped, _ = _triples(gold, x, False)
    return Scores(typed, untyped, _entities(gold, x), per, 1)


def score(golds: Iterable[GoldArticle], extractions: Iterable[Extraction]) -> Scores:
    """Micro-averaged scores of `extractions` against the gold articles with the same ids."""
    by_id = {x.article.id: x for x in extractions}
    total = Scores()
    for g in golds:
        total.add(score_article(g, by_id.get(g.article.id) or Extraction(article=g.article)))
    return total


def calibration(golds: Iterable[GoldArticle], extractions: Iterable[Extraction],
                cuts: tuple[float, ...] = (0.5, 0.8, 0.9)) -> dict[str, dict]:
    """Typed precision of the claims whose confidence is at least each cut: is 0.8 right 8 times in 10?"""
    golds = list(golds)
    xs = list(extractions)
    out = {}
    for cut in cuts:
        kept = [Extraction(x.article, x.entities, [c for c in x.claims
                                                   if max((e.confidence for e in c.evidence), default=0) >= cut])
                for x in xs]
        s = score(golds, kept)
        out[f"{cut:g}"] = {"precision": round(s.typed.precision, 4), "claims": s.typed.tp + s.typed.fp}
    return out
