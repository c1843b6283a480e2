"""Entity resolution across articles: which node an article's entity is.

Both the in-memory graph and the embedded store answer the same small
`EntityIndex` question ("which nodes carry this resolution key?"), so one merge
function serves both and they agree on every id.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from .ids import claim_id
from .keys import SURNAME, resolution_keys
from .names import normalize
from .records import Entity, Extraction, Node, Relationship
from .union import better_name, dedupe_evidence


class EntityIndex(Protocol):
    def candidates(self, label: str, key: str) -> list[tuple[str, str]]:
        """(node id, node name) of the nodes of `label` that carry resolution key `key`."""
        ...


# Words that may stand before a person's name without being a given name ("Governor Alvarez").
TITLES = frozenset("""mr mrs ms miss dr prof sir dame lord lady rev gov governor sen senator rep representative
    mayor president vice prime minister chancellor secretary judge justice chief attorney general district
    councillor councilman councilwoman councilmember commissioner sheriff state us u s deputy assistant
    former acting lt lieutenant col colonel gen sgt officer director chair chairman chairwoman ceo""".split())


def given_names(name: str) -> list[str]:
    """The words of a person's name before the surname, titles left out: "Gov. Maria Alvarez" -> ["maria"]."""
    words = normalize(name).split()
    i = 0
    while i < len(words) - 1 and words[i] in TITLES:
        i += 1
    return words[i:-1]


def same_person_names(a: str, b: str) -> bool:
    """Could names `a` and `b` be one person? Different given names never are ("Lina Khan",
    "Sadiq Khan"); a bare or titled surname ("Khan", "Governor Khan") could be either."""
    ga, gb = given_names(a), given_names(b)
    if not ga or not gb:
        return True
    small, large = (ga, gb) if len(ga) <= len(gb) else (gb, ga)
    return all(any(w == x or (len(w) == 1 and x.startswith(w)) or (len(x) == 1 and w.startswith(x))
                   for x in large) for w in small)


def resolve(entity: Entity, index: EntityIndex) -> tuple[str, str]:
    """(node id, node name) for `entity`: an existing node it names, or a new one.

    People are matched with care, since a wrong merge gives one person another's claims: a
    multi-word name is looked up by its full forms only (never by a bare surname alias), and
    never joins a node whose given names differ; a bare surname joins only a node it cannot be
    confused with (exactly one person of that surname is known).
    """
    words = normalize(entity.name).split()
    person = entity.label == "Person"
    for key in resolution_keys(entity.label, entity.name, entity.aliases):
        if key.startswith(SURNAME) or (person and len(words) > 1 and len(key.split()) == 1):
            continue
        found = index.candidates(entity.label, key)
        if person:
            found = [(i, n) for i, n in found if same_person_names(entity.name, n)]
            if len(words) == 1:  # a bare surname: also every full name it could stand for
                found = list(dict.fromkeys(found + index.candidates("Person", SURNAME + words[0])))
        if len({i for i, _ in found}) == 1:
            nid, name = found[0]
            return nid, better_name(name, entity.name)
        if person and len(words) == 1:
            return entity.id, entity.name  # "Khan" with two Khans known: a node of its own
    if person and len(words) > 1:  # "Larry Krasner" after a lone "Krasner"
        bare = [(i, n) for i, n in index.candidates("Person", words[-1]) if len(normalize(n).split()) == 1]
        others = [n for _, n in index.candidates("Person", SURNAME + words[-1])
                  if not same_person_names(entity.name, n)]
        if len(bare) == 1 and not others:  # the lone surname cannot be someone else known
            return bare[0][0], better_name(bare[0][1], entity.name)
    return entity.id, entity.name


def _resolve_article(entities: list[Entity], index: EntityIndex) -> dict[tuple[str, str], tuple[str, str]]:
    """Resolve one article's entities. A bare surname is first read within the article: with one
    full name of that surname there ("Bob Alvarez ... Alvarez"), it is that person; with several,
    a node of its own; only with none is it looked up across articles."""
    out: dict[tuple[str, str], tuple[str, str]] = {}
    full: dict[str, list[Entity]] = {}
    for ent in entities:
        words = normalize(ent.name).split()
        if ent.label == "Person" and len(words) > 1:
            full.setdefault(words[-1], []).append(ent)
    for ent in entities:
        words = normalize(ent.name).split()
        if not (ent.label == "Person" and len(words) == 1 and words[0] in full):
            out.setdefault((ent.label, ent.name), resolve(ent, index))
    for ent in entities:
        words = normalize(ent.name).split()
        if ent.label == "Person" and len(words) == 1 and words[0] in full:
            namesakes = {out[(e.label, e.name)] for e in full[words[0]]}
            out.setdefault((ent.label, ent.name), namesakes.pop() if len(namesakes) == 1 else (ent.id, ent.name))
    return out


@dataclass
class MergePlan:
    """What adding one article changes: nodes and relationships to union into a graph."""

    article: str
    nodes: list[Node] = field(default_factory=list)
    resolution_keys: dict[str, list[str]] = field(default_factory=dict)  # node id -> resolution keys to index
    relationships: list[Relationship] = field(default_factory=list)


def plan_merge(extraction: Extraction, index: EntityIndex) -> MergePlan:
    """Resolve an article's entities against `index` and restate its claims by node id."""
    art = extraction.article.id
    plan = MergePlan(article=art)
    by_name: dict[tuple[str, str], str] = {}
    nodes: dict[str, Node] = {}
    resolved = _resolve_article(extraction.entities, index)
    for ent in extraction.entities:
        nid, name = resolved[(ent.label, ent.name)]
        by_name[(ent.label, ent.name)] = nid
        node = nodes.setdefault(nid, Node(id=nid, label=ent.label, name=name, articles=[art]))
        node.name = better_name(node.name, name)
        node.aliases = sorted(set(node.aliases) | {a for a in [ent.name, *ent.aliases] if a})
        keys = plan.resolution_keys.setdefault(nid, [])
        for k in resolution_keys(ent.label, ent.name, ent.aliases):
            if k not in keys:
                keys.append(k)
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
