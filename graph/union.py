"""The union rule: what one node or claim becomes when it is stated again, written once.

Every store applies it: `NewsGraph` in memory, the embedded store (as a delta over the stored row),
and the Neo4j loader (over the stored values it reads in the batch's transaction). The union is
order-free for aliases, articles and evidence, and keeps the fuller name and the first role and
predicate, so adding the same article again changes nothing.
"""
from __future__ import annotations

from typing import Iterable

from .ids import evidence_id
from .names import normalize
from .records import Evidence, Node, Relationship


def better_name(old: str, new: str) -> str:
    """Keep the fuller name: "Krasner" becomes "Larry Krasner", never the reverse."""
    o, n = normalize(old).split(), normalize(new).split()
    if len(n) > len(o) and n[-len(o):] == o:
        return new
    return old


def dedupe_evidence(claim: str, evidence: Iterable[Evidence]) -> list[Evidence]:
    """One piece of evidence per (article, span), sorted: the union is order-free.

    The same sentence repeated in one article is one piece of evidence (its first place):
    otherwise an article of one sentence copied 2,600 times stores 2,600 copies of it.
    """
    seen: dict[str, Evidence] = {}
    for ev in evidence:
        seen.setdefault(evidence_id(claim, ev.article, ev.start, ev.end), ev)
    folded: dict[tuple, Evidence] = {}
    for ev in sorted(seen.values(), key=lambda e: (e.article, e.start, e.end, e.predicate)):
        folded.setdefault((ev.article, " ".join(ev.sentence.split()), ev.predicate, ev.negated, ev.hedged), ev)
    return list(folded.values())


def union_node(old: Node | None, new: Node) -> Node:
    """`new` unioned into `old` (None: not stored yet): the name upgraded, aliases and articles unioned.

    Aliases and articles only grow, so a store may pass an `old` without them (its name alone) and
    add the result's aliases and articles to what it holds.
    """
    if old is None:
        return Node(id=new.id, label=new.label, name=new.name,
                    aliases=sorted(set(new.aliases) - {new.name}), articles=sorted(set(new.articles)))
    name = better_name(old.name, new.name)
    return Node(id=new.id, label=old.label, name=name,
                aliases=sorted({old.name, new.name, *old.aliases, *new.aliases} - {name}),
                articles=sorted(set(old.articles) | set(new.articles)))


def union_relationship(old: Relationship | None, new: Relationship) -> Relationship:
    """`new` unioned into `old` (None: not stored yet): the first role and predicate stay, evidence is
    kept once per (article, span), the stored piece first.

    Evidence only grows, so a store may pass an `old` without it and add the result's evidence to
    what it holds, keeping what it already has for a span.
    """
    if old is None:
        return Relationship(id=new.id, subject=new.subject, relation=new.relation, object=new.object,
                            role=new.role, predicate=new.predicate,
                            evidence=dedupe_evidence(new.id, new.evidence))
    return Relationship(id=new.id, subject=new.subject, relation=new.relation, object=new.object,
                        role=old.role or new.role, predicate=old.predicate or new.predicate,
                        evidence=dedupe_evidence(new.id, [*old.evidence, *new.evidence]))
