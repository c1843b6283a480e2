"""Stances over time: `timeline`, `shifts` and `contested`, from the dated articles that state each claim.

A claim is stated by one or more articles; each (claim, article) pair is a *statement* with the
article's day (graph/dates.py's reading of its date; undated articles have none and say so). The
three questions are answered over statements here, on a NewsGraph or a part of one (`Claims`: the embedded store gives the
part of its graph a question needs), and by their Cypher twins in `queries/<name>.cypher` on
Neo4j; both give the same rows.

- timeline ACTOR [TARGET]: the actor's typed claims (RELATED_TO left out), one row per stating
  article, in date order (undated last).
- shifts [TARGET]: actors whose SUPPORTS/OPPOSES stance on a target changed between two dated
  statements on different days, with the statement on each side.
- contested [NAME]: pairs where X SUPPORTS Y and X OPPOSES Y are both stated, with every source
  of each side.

`--since`/`--until` keep the statements dated within the bounds (inclusive); undated ones then
cannot be placed and are left out.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable, Mapping, Protocol

from newsgraph.graph import RELATED_TO, RELATIONS, Article, Node, Relationship, normalize
from newsgraph.graph.dates import UNDATED, day_text

STANCES = ("SUPPORTS", "OPPOSES")
TYPED = tuple(r for r in RELATIONS if r != RELATED_TO)  # a timeline of stances: RELATED_TO says none
LAST = "~"  # sorts after every ISO day: undated statements come last


class Claims(Protocol):
    """What the questions read of a graph: a NewsGraph, or the part of one a question needs (ClaimPart)."""

    @property
    def articles(self) -> Mapping[str, Article]: ...

    def node(self, node_id: str) -> Node: ...

    def relationships(self) -> Iterable[Relationship]: ...


@dataclass(frozen=True)
class Statement:
    """One claim as one article states it: the article's day, its strongest and first evidence."""

    claim: Relationship
    subject: Node
    object: Node
    article: str
    day: str  # ISO day, or UNDATED
    confidence: float
    sentence: str

    @property
    def relation(self) -> str:
        return self.claim.relation


def statements(graph: Claims, rel: Relationship) -> list[Statement]:
    """`rel` as stated by each of its articles (in the order of its evidence's articles)."""
    out = []
    for aid in dict.fromkeys(e.article for e in rel.evidence):
        mine = [e for e in rel.evidence if e.article == aid]
        art = graph.articles.get(aid)
        out.append(Statement(rel, graph.node(rel.subject), graph.node(rel.object), aid,
                             day_text(art.date) if art else UNDATED,
                             round(max(e.confidence for e in mine), 3), mine[0].sentence))
    return out


def within(st: Statement, since: str | None, until: str | None) -> bool:
    if since is None and until is None:
        return True
    return st.day != UNDATED and (since is None or st.day >= since) and (until is None or st.day <= until)


def _has_key(node: Node, key: str | None) -> bool:
    return key is None or normalize(key) in node.keys


def _node_key(node: Node) -> tuple[str, str]:
    return node.name, node.label


def _claims(graph: Claims, relations: tuple[str, ...], subject: str | None = None,
            object: str | None = None, either: str | None = None) -> list[Relationship]:
    out = []
    for rel in graph.relationships():
        if rel.relation not in relations:
            continue
        s, o = graph.node(rel.subject), graph.node(rel.object)
        if _has_key(s, subject) and _has_key(o, object) and (either is None or _has_key(s, either)
                                                             or _has_key(o, either)):
            out.append(rel)
    return out


# -- timeline ------------------------------------------------------------------
def timeline(graph: Claims, key: str | None = None, object: str | None = None,
             since: str | None = None, until: str | None = None) -> list[dict]:
    """The typed claims of the actor named by `key` (on `object` when given), one row per article."""
    rows = []
    for rel in _claims(graph, TYPED, subject=key, object=object):
        for st in statements(graph, rel):
            if within(st, since, until):
                rows.append({"date": st.day, "subject": st.subject.name, "subject_type": st.subject.label,
                             "relation": st.relation, "object": st.object.name, "object_type": st.object.label,
                             "confidence": st.confidence, "articles": [st.article], "sentence": st.sentence})
    return sorted(rows, key=timeline_order)


def timeline_order(row: dict) -> tuple:
    return (row["date"] or LAST, row["subject"], row["subject_type"], row["relation"], row["object"],
            row["object_type"], row["articles"][0])


# -- shifts --------------------------------------------------------------------
def shifts(graph: Claims, key: str | None = None, since: str | None = None,
           until: str | None = None) -> list[dict]:
    """Changes of stance (SUPPORTS to OPPOSES or back) on the target named by `key` (or any)."""
    by_pair: dict[tuple[str, str], list[Statement]] = {}
    for rel in _claims(graph, STANCES, object=key):
        for st in statements(graph, rel):
            if st.day != UNDATED and within(st, since, until):
                by_pair.setdefault((rel.subject, rel.object), []).append(st)
    rows = []
    for sts in by_pair.values():
        sts.sort(key=lambda st: (st.day, st.relation, st.article))
        for before, after in zip(sts, sts[1:]):
            if before.relation != after.relation and before.day < after.day:
                rows.append({"subject": after.subject.name, "subject_type": after.subject.label,
                             "object": after.object.name, "object_type": after.object.label,
                             "before": before.relation, "before_date": before.day,
                             "after": after.relation, "after_date": after.day,
                             "articles": [before.article, after.article],
                             "before_sentence": before.sentence, "after_sentence": after.sentence})
    return sorted(rows, key=lambda r: (r["subject"], r["subject_type"], r["object"], r["object_type"],
                                       r["after_date"], r["before_date"]))


# -- contested -----------------------------------------------------------------
def contested(graph: Claims, key: str | None = None, since: str | None = None,
              until: str | None = None) -> list[dict]:
    """Pairs with both SUPPORTS and OPPOSES stated (about the actor or policy `key`, at either end)."""
    sides: dict[tuple[str, str], dict[str, list[Statement]]] = {}
    for rel in _claims(graph, STANCES, either=key):
        sts = [st for st in statements(graph, rel) if within(st, since, until)]
        if sts:
            sides.setdefault((rel.subject, rel.object), {})[rel.relation] = \
                sorted(sts, key=lambda st: (st.day or LAST, st.article))
    rows = []
    for pair in sides.values():
        if len(pair) < 2:
            continue
        sup, opp = pair["SUPPORTS"], pair["OPPOSES"]
        rows.append({"subject": sup[0].subject.name, "subject_type": sup[0].subject.label,
                     "object": sup[0].object.name, "object_type": sup[0].object.label,
                     "supports": [st.article for st in sup], "opposes": [st.article for st in opp],
                     "supports_sentence": sup[0].sentence, "opposes_sentence": opp[0].sentence})
    return sorted(rows, key=lambda r: (r["subject"], r["subject_type"], r["object"], r["object_type"]))


@dataclass(frozen=True)
class StanceQuery:
    """A question over statements: `args` are the CLI's positional names, in order."""

    name: str
    answers: str
    args: tuple[str, ...]
    required: int
    shown: tuple[str, ...]
    relations: tuple[str, ...]  # the claim types it reads (the embedded store reads only those)
    sides: tuple[str, ...]  # per arg: which end of a claim it names ("subject", "object", "either")
    run: Callable[..., list[dict]]

    @property
    def usage(self) -> str:
        return " ".join(s if i < self.required else f"[{s}]" for i, s in enumerate(self.shown))


STANCE_QUERIES: dict[str, StanceQuery] = {q.name: q for q in (
    StanceQuery("timeline", "an actor's claims (on TARGET) in date order, one row per stating article",
                ("key", "object"), 1, ("ACTOR", "TARGET"), TYPED, ("subject", "object"), timeline),
    StanceQuery("shifts", "actors whose stance (SUPPORTS/OPPOSES) on a policy or actor changed over time",
                ("key",), 0, ("TARGET",), STANCES, ("object",), shifts),
    StanceQuery("contested", "pairs where X SUPPORTS Y in one article and X OPPOSES Y in another",
                ("key",), 0, ("NAME",), STANCES, ("either",), contested),
)}
