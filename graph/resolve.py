"""Entity resolution across articles: which node an article's entity is.

Both the in-memory graph and the embedded store answer the same small
`EntityIndex` question ("which nodes carry this name key?"), so one merge
function serves both and they agree on every id.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Protocol

from .ids import claim_id, evidence_id
from .names import is_proper, normalize
from .records import Entity, Extraction, Node, Relationship

SURNAME = "surname:"  # key namespace: a multi-word Person's last name


class EntityIndex(Protocol):
    def candidates(self, label: str, key: str) -> list[tuple[str, str]]:
        """(node id, node name) of the nodes of `label` that carry name key `key`."""
        ...


def name_keys(entity: Entity) -> list[str]:
    """The keys an entity may be found by in other articles: its name and proper aliases.

    Descriptions ("the agency") are left out: they mean different things in
    different articles. A multi-word person also gets a surname key, so that a
    later "Krasner" finds "Larry Krasner".
    """
    keys = [normalize(entity.name)]
    for alias in entity.aliases:
        k = normalize(alias)
        if k and is_proper(alias) and k not in keys:
            keys.append(k)
    if entity.label == "Person":
        words = normalize(entity.name).split()
        if len(words) > 1:
            keys.append(SURNAME + words[-1])
    return [k for k in keys if k]


def better_name(old: str, new: str) -> str:
    """Keep the fuller name: "Krasner" becomes "Larry Krasner", never the reverse."""
    o, n = normalize(old).split(), normalize(new).split()
    if len(n) > len(o) and n[-len(o):] == o:
        return new
    return old


def resolve(entity: Entity, index: EntityIndex) -> tuple[str, str]:
    """(node id, node name) for `entity`: an existing node it names, or a new one."""
    keys = name_keys(entity)
    for key in keys:
        if key.startswith(SURNAME):
            continue
        found = index.candidates(entity.label, key)
        if len(found) == 1:
            nid, name = found[0]
            return nid, better_name(name, entity.name)
    words = normalize(entity.name).split()
    if entity.label == "Person" and len(words) == 1:  # "Krasner" after "Larry Krasner"
        found = index.candidates("Person", SURNAME + words[0])
        if len(found) == 1:
            return found[0]
    elif entity.label == "Person":  # "Larry Krasner" after a lone "Krasner"
        found = [(i, n) for i, n in index.candidates("Person", words[-1]) if len(normalize(n).split()) == 1]
        if len(found) == 1:
            return found[0][0], better_name(found[0][1], entity.name)
    return entity.id, entity.name


@dataclass
class MergePlan:
    """What adding one article changes: nodes and relationships to union into a graph."""

    article: str
    nodes: list[Node] = field(default_factory=list)
    keys: dict[str, list[str]] = field(default_factory=dict)  # node id -> name keys to index
    relationships: list[Relationship] = field(default_factory=list)


def plan_merge(extraction: Extraction, index: EntityIndex) -> MergePlan:
    """Resolve an article's entities against `index` and restate its claims by node id."""
    art = extraction.article.id
    plan = MergePlan(article=art)
    by_name: dict[tuple[str, str], str] = {}
    nodes: dict[str, Node] = {}
    for ent in extraction.entities:
        nid, name = resolve(ent, index)
        by_name[(ent.label, ent.name)] = nid
        node = nodes.setdefault(nid, Node(id=nid, label=ent.label, name=name, articles=[art]))
        node.name = better_name(node.name, name)
        node.aliases = sorted(set(node.aliases) | {a for a in [ent.name, *ent.aliases] if a})
        plan.keys.setdefault(nid, [])
        for k in name_keys(ent):
            if k not in plan.keys[nid]:
                plan.keys[nid].append(k)
    for node in nodes.values():
        node.aliases = [a for a in node.aliases if a != node.name]
    plan.nodes = list(nodes.values())

    rels: dict[str, Relationship] = {}
    for claim in extraction.claims:
        s = by_name.get((claim.subject_label, claim.subject))
        o = by_name.get((claim.object_label, claim.object))
        if s is None or o is None or s == o:
            continue  # a claim about an entity the article did not list, or a self-loop
        cid = claim_id(s, claim.relation, o, claim.key_predicate)
        rel = rels.setdefault(cid, Relationship(id=cid, subject=s, relation=claim.relation, object=o,
                                                role=claim.role, predicate=claim.predicate))
        rel.role = rel.role or claim.role
        rel.evidence.extend(claim.evidence)
    for rel in rels.values():
        rel.evidence = dedupe_evidence(rel.id, rel.evidence)
    plan.relationships = list(rels.values())
    return plan


def dedupe_evidence(claim: str, evidence: Iterable) -> list:
    """One piece of evidence per (article, span), sorted: the union is order-free."""
    seen = {}
    for ev in evidence:
        seen.setdefault(evidence_id(claim, ev.article, ev.start, ev.end), ev)
    return sorted(seen.values(), key=lambda e: (e.article, e.start, e.end, e.predicate))
