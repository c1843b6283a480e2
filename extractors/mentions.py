"""Mentions and the per-article entity table: which entity each stretch of a doc refers to.

The entity finder fills an `EntityTable`; the relation finder asks it which entity a
token belongs to. This is the seam between the two halves of extraction.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from newsgraph.graph import Entity


@dataclass
class Mention:
    """A stretch of tokens [start, end) that refers to `entity`."""

    start: int
    end: int
    entity: Entity
    kind: str = "name"  # name | alias | acronym | pronoun | description


@dataclass
class Title:
    """Title words written before a person's name: "Baltimore District Attorney" [start, end).

    `role` is the title without the affiliation ("District Attorney"); `affiliations` are the
    token spans of the organizations or places named inside it ("Baltimore"): ask the table
    which entity each is (`entity_of(doc[start])`). For AFFILIATED_WITH claims.
    """

    start: int
    end: int
    role: str
    entity: Entity
    affiliations: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class EntityTable:
    """The entities of one article and where each is mentioned."""

    doc: Doc
    entities: list[Entity] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    titles: list[Title] = field(default_factory=list)
    provisional: set[int] = field(default_factory=set)  # id() of description entities kept only if a claim uses them
    _by_token: dict[int, Mention] = field(default_factory=dict, repr=False)

    def add_mention(self, mention: Mention) -> None:
        """Record a mention; a token keeps the first mention that claimed it."""
        self.mentions.append(mention)
        for i in range(mention.start, mention.end):
            self._by_token.setdefault(i, mention)

    def mention_at(self, i: int) -> Mention | None:
        """The mention covering token index `i`, if any."""
        return self._by_token.get(i)

    def entity_of(self, token: Token | Span) -> Entity | None:
        """The entity a token (or a span, by its root) refers to, if any."""
        t = token.root if isinstance(token, Span) else token
        m = self._by_token.get(t.i)
        return m.entity if m else None
