"""The news graph ontology (v1): the fixed lists every stage agrees on.

Labels and relationship types are the only strings ever written into query
text (Cypher cannot take them as parameters), so they live here, closed.
"""
from __future__ import annotations

ENTITY = "Entity"  # every domain node carries it, plus exactly one label below

LABELS: tuple[str, ...] = ("Person", "Organization", "Place", "Policy", "Group")

RELATIONS: tuple[str, ...] = (
    "SUPPORTS", "OPPOSES", "CRITICIZES", "ACCUSES", "THREATENS", "PROPOSES",
    "APPROVES", "FUNDS", "TARGETS", "INVESTIGATES", "AFFILIATED_WITH",
)
RELATED_TO = "RELATED_TO"  # a claim that fits no type; keeps its predicate
ALL_RELATIONS: tuple[str, ...] = RELATIONS + (RELATED_TO,)

# Internal labels, kept apart from the domain ones (provenance, bookkeeping).
ARTICLE = "Article"

DESCRIPTIONS: dict[str, str] = {
    "Person": "a named individual",
    "Organization": "an agency, office, company, party, court, council, newsroom",
    "Place": "a country, state, city, county, district",
    "Policy": "a law, bill, ordinance, executive order, program, measure, proposal, "
              "legislative package, regulation, budget, treaty",
    "Group": "a collective actor that is not a formal organization",
    "SUPPORTS": "backs, endorses, defends, advocates, praises, votes for, welcomes",
    "OPPOSES": "is against, rejects, fights, seeks to block or repeal, votes against, vetoes",
    "CRITICIZES": "criticizes, condemns, denounces, slams, reproaches, insults",
    "ACCUSES": "accuses of wrongdoing",
    "THREATENS": "threatens, vows to punish, hunt, prosecute or sue, warns of consequences",
    "PROPOSES": "introduces, sponsors, drafts, pushes, proposes (object is a Policy)",
    "APPROVES": "passes, signs, adopts, enacts, ratifies (object is a Policy)",
    "FUNDS": "finances, donates to, bankrolls",
    "TARGETS": "(a Policy) restricts, regulates, limits, bans, applies to",
    "INVESTIGATES": "investigates, prosecutes, sues, charges, audits",
    "AFFILIATED_WITH": "holds an office in, works for, is a member, leader or spokesperson of "
                       "(object is an Organization or Place); the role goes in property role",
    "RELATED_TO": "a claim that fits no type; its predicate goes in property predicate",
}


# Which labels each type joins (ONTOLOGY.md), whatever words stated the claim.
ACTOR_LABELS: tuple[str, ...] = ("Person", "Organization", "Group", "Place")  # a policy supports, funds, criticizes no one
OBJECT_LABELS: dict[str, tuple[str, ...]] = {"PROPOSES": ("Policy",), "APPROVES": ("Policy",),
                                             "AFFILIATED_WITH": ("Organization", "Place")}
SUBJECT_LABELS: dict[str, tuple[str, ...]] = {"TARGETS": ("Policy",), "AFFILIATED_WITH": ("Person", "Group")}
# "X refused to back Y" is X OPPOSES Y (the annotation conventions): what a refusal turns into opposition.
AGREEING: frozenset[str] = frozenset({"SUPPORTS", "APPROVES", "PROPOSES"})


def allowed(relation: str, subject_label: str, object_label: str) -> bool:
    """Whether the ontology lets `relation` join a `subject_label` to an `object_label`."""
    if object_label not in OBJECT_LABELS.get(relation, (object_label,)):
        return False
    return subject_label in SUBJECT_LABELS.get(relation, ACTOR_LABELS)


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
