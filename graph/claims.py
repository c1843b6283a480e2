"""A part of the graph: some claims and their two ends, without the rest of the store.

What a named query's answer is made of when a store reads only what the answer needs; it
answers `node(id)` as `NewsGraph` does, so the same code turns either into rows.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator

from .records import Article, Node, Relationship


@dataclass
class ClaimSet:
    nodes: dict[str, Node] = field(default_factory=dict)  # the ends of `relationships`, by id
    relationships: list[Relationship] = field(default_factory=list)  # sorted by id
    articles: dict[str, Article] = field(default_factory=dict)  # those their evidence cites, without text

    def node(self, node_id: str) -> Node:
        return self.nodes[node_id]


@dataclass
class ClaimPart:
    """Some claims with their ends (aliases too) and the articles stating them, read as a `NewsGraph`
    is read (`node`, `relationships()` in id order, `articles`) without building one: the stance
    questions run on it (networkx, a tenth of a second to import, is not needed for them)."""

    nodes: dict[str, Node] = field(default_factory=dict)
    claims: dict[str, Relationship] = field(default_factory=dict)  # by id
    articles: dict[str, Article] = field(default_factory=dict)

    def node(self, node_id: str) -> Node:
        return self.nodes[node_id]

    def relationships(self) -> Iterator[Relationship]:
        for rid in sorted(self.claims):
            yield self.claims[rid]
