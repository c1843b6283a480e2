"""Candidates: stretches of tokens that may name an entity, before they are merged into entities."""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

NAMED, ENT, PHRASE = 0, 1, 2  # priorities: who wins a token when candidates overlap


@dataclass
class Candidate:
    """A stretch of tokens that names (or will be merged into) an entity."""

    start: int
    end: int
    name: str
    label: str
    priority: int
    head: int  # the token that must be free for a phrase to count
    kind: str = "name"
    heads: tuple[str, ...] = ()  # head nouns the entity may later be described by
    aliases: list[str] = field(default_factory=list)
    extra: list[tuple[int, int]] = field(default_factory=list)  # more spans of the same entity ("(ICE)")
    weight: int = 1
    sig: tuple | None = None  # phrase shape for merging groups and policies (registry.py)


def ent_bounds(doc: Doc, i: int) -> tuple[int, int]:
    """The token span of the named entity that token i is in."""
    s, e = i, i + 1
    while s > 0 and doc[s].ent_iob_ == "I":
        s -= 1
    while e < len(doc) and doc[e].ent_iob_ == "I":
        e += 1
    return s, e
