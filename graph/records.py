"""The records that flow between the stages (see DESIGN.md).

Article -> extractors -> Extraction (entities and claims of one article)
        -> NewsGraph (merged Nodes and Relationships, every Evidence kept).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

from .ids import article_id, entity_id
from .keys import lookup_keys
from .ontology import RELATED_TO, check_label, check_relation


@dataclass(frozen=True)
class Article:
    """One news article as read from a file or a record."""

    text: str
    id: str = ""
    title: str = ""
    date: str = ""
    url: str = ""
    source: str = ""  # the outlet: the site name or web domain ("" if unknown); never a local path

    def __post_init__(self) -> None:
        if not self.id:
            object.__setattr__(self, "id", article_id(self.text, self.title))

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Evidence:
    """Where an article states a claim: the ontology's evidence fields."""

    article: str
    sentence: str
    start: int  # character span of the claim in the article text
    end: int
    predicate: str  # the surface predicate ("vowed to hunt down")
    confidence: float  # in [0, 1]
    negated: bool = False
    hedged: bool = False

    def __post_init__(self) -> None:
        # Three decimals everywhere: stores and Cypher's round() then agree to the last digit.
        object.__setattr__(self, "confidence", round(float(self.confidence), 3))

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Entity:
    """An actor or policy as one article names it; `aliases` are its other mentions there."""

    name: str
    label: str
    aliases: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        check_label(self.label)

    @property
    def id(self) -> str:
        return entity_id(self.label, self.name)


@dataclass
class Claim:
    """One subject-relation-object claim of one article, named by the article's canonical names."""

    subject: str
    subject_label: str
    relation: str
    object: str
    object_label: str
    evidence: list[Evidence] = field(default_factory=list)
    role: str = ""  # AFFILIATED_WITH: "spokeswoman", "District Attorney"
    predicate: str = ""  # RELATED_TO: the normalized predicate

    def __post_init__(self) -> None:
        check_relation(self.relation)
        check_label(self.subject_label)
        check_label(self.object_label)

    @property
    def key_predicate(self) -> str:
        """The part of the predicate that tells claims apart: only RELATED_TO's."""
        return self.predicate if self.relation == RELATED_TO else ""


@dataclass
class Extraction:
    """Everything extracted from one article."""

    article: Article
    entities: list[Entity] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)


@dataclass
class Node:
    """A merged entity of the graph: one actor or policy across all articles."""

    id: str
    label: str
    name: str
    aliases: list[str] = field(default_factory=list)  # sorted, without `name`
    articles: list[str] = field(default_factory=list)  # sorted article ids

    @property
    def keys(self) -> list[str]:
        """The node's lookup keys: the normalized forms a user may type to name it (name, aliases, a
        person's surname; see `keys.py`, and `resolution_keys` for what resolution looks up).

        Stores keep them (Neo4j as property `keys`) so loose matching is one `IN` on every store.
        """
        return lookup_keys(self.label, self.name, self.aliases)

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Relationship:
    """A merged claim of the graph with every piece of evidence for it."""

    id: str
    subject: str  # node id
    relation: str
    object: str  # node id
    role: str = ""
    predicate: str = ""
    evidence: list[Evidence] = field(default_factory=list)  # sorted by (article, start)

    @property
    def confidence(self) -> float:
        """The strongest evidence's confidence (one solid statement is enough)."""
        return max((e.confidence for e in self.evidence), default=0.0)

    def to_dict(self) -> dict:
        d = asdict(self)
        d["confidence"] = self.confidence
        return d
