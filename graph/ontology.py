"""The news graph ontology (v1): the fixed lists every stage agrees on.

Labels and relationship types are the only strings ever written into query
text (Cypher cannot take them as parameters), so they live here, closed.
"""
from __future__ import annotations

from dataclasses import dataclass

ENTITY = "Entity"  # every domain node carries it, plus exactly one label below

LABELS: tuple[str, ...] = ("Person", "Organization", "Place", "Policy", "Group")

# Which labels act: the subjects of a type that says nothing else (a policy supports, funds, criticizes no one).
ACTOR_LABELS: tuple[str, ...] = ("Person", "Organization", "Group", "Place")


@dataclass(frozen=True)
class RelationType:
    """One relationship type (ONTOLOGY.md): what it means, and which labels it joins whatever words
    stated the claim. Everything derived from the types (constraints, query text, colours, docs)
    is built from or checked against these records."""

    name: str
    description: str  # "the subject ... the object", as the README's data model table reads it
    subjects: tuple[str, ...] = ACTOR_LABELS
    objects: tuple[str, ...] = LABELS


TYPES: tuple[RelationType, ...] = (
    RelationType("SUPPORTS", "backs, endorses, defends, advocates, praises, votes for, welcomes"),
    RelationType("OPPOSES", "is against, rejects, fights, seeks to block or repeal, votes against, vetoes"),
    RelationType("CRITICIZES", "criticizes, condemns, denounces, slams, reproaches, insults"),
    RelationType("ACCUSES", "accuses of wrongdoing"),
    RelationType("THREATENS", "threatens, vows to punish, hunt, prosecute or sue, warns of consequences"),
    RelationType("PROPOSES", "introduces, sponsors, drafts, pushes, proposes (object is a Policy)",
                 objects=("Policy",)),
    RelationType("APPROVES", "passes, signs, adopts, enacts, ratifies (object is a Policy)", objects=("Policy",)),
    RelationType("FUNDS", "finances, donates to, bankrolls"),
    RelationType("TARGETS", "(a Policy) restricts, regulates, limits, bans, applies to", subjects=("Policy",)),
    RelationType("INVESTIGATES", "investigates, prosecutes, sues, charges, audits"),
    RelationType("AFFILIATED_WITH", "(a Person or Group) holds an office in, works for, is a member, leader or "
                 "spokesperson of (object is an Organization or Place); property role",
                 subjects=("Person", "Group"), objects=("Organization", "Place")),
)
RELATED_TO = "RELATED_TO"  # a claim that fits no type; keeps its predicate
OTHER = RelationType(RELATED_TO, "a claim that fits none of these; property predicate")
BY_NAME: dict[str, RelationType] = {t.name: t for t in (*TYPES, OTHER)}

RELATIONS: tuple[str, ...] = tuple(t.name for t in TYPES)
ALL_RELATIONS: tuple[str, ...] = RELATIONS + (RELATED_TO,)

# Internal labels, kept apart from the domain ones (provenance, bookkeeping).
ARTICLE = "Article"

LABEL_DESCRIPTIONS: dict[str, str] = {
    "Person": "a named individual",
    "Organization": "an agency, office, company, party, court, council, newsroom",
    "Place": "a country, state, city, county, district",
    "Policy": "a law, bill, ordinance, executive order, program, measure, proposal, "
              "legislative package, regulation, budget, treaty",
    "Group": "a collective actor that is not a formal organization",
}
DESCRIPTIONS: dict[str, str] = {**LABEL_DESCRIPTIONS, **{t.name: t.description for t in BY_NAME.values()}}

# "X refused to back Y" is X OPPOSES Y (the annotation conventions): what a refusal turns into opposition.
AGREEING: frozenset[str] = frozenset({"SUPPORTS", "APPROVES", "PROPOSES"})


def allowed(relation: str, subject_label: str, object_label: str) -> bool:
    """Whether the ontology lets `relation` join a `subject_label` to an `object_label`."""
    kind = BY_NAME.get(relation, OTHER)
    return subject_label in kind.subjects and object_label in kind.objects


def check_label(label: str) -> str:
    """Return `label` if it is one of the five, else raise (labels reach query text)."""
    if label not in LABELS:
        raise ValueError(f"not an ontology label: {label!r}")
    return label


def check_relation(relation: str) -> str:
    """Return `relation` if it is an ontology type or RELATED_TO, else raise."""
    if relation not in ALL_RELATIONS:
        raise ValueError(f"not an ontology relationship type: {relation!r}")
    return relation
