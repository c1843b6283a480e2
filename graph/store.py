"""The one interface every store implements: the embedded SQLite store and Neo4j alike.

Stages that write or read a graph (the CLI, `build`, `import`, the named queries) take a
`GraphStore` and do not care which one it is, as neo4j-graphrag's writers share `KGWriter`.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, runtime_checkable

from .records import Extraction
from .resolve import MergePlan

if TYPE_CHECKING:
    from .aliases import AliasRules


@runtime_checkable
class GraphStore(Protocol):
    """A graph kept somewhere, one article at a time.

    `add` resolves the article's entities against what the store holds (through `candidates`,
    the `EntityIndex` question) and unions the result in: the store alone decides node ids, so
    two stores fed the same articles hold the same graph. `run` answers a named query's text in
    `query_language` ("sql" or "cypher"): the named queries live in queries/, which this core
    does not import, and pick the text that a store runs.
    """

    query_language: str

    def add(self, extraction: Extraction, aliases: AliasRules | None = None) -> MergePlan | None:
        """Merge one article's extraction; None (and nothing changed) if the article is stored.
        `aliases`: the analyst's merges and splits, applied to the article first."""
        ...

    def has_article(self, article_id: str) -> bool: ...

    def candidates(self, label: str, key: str) -> list[tuple[str, str]]:
        """(node id, node name) of the stored nodes of `label` with resolution key `key`, by id."""
        ...

    def stats(self) -> dict:
        """Counts: articles, entities, relationships, evidence, and per label / relationship type."""
        ...

    def run(self, statement: str, params: dict | None = None) -> list[dict]:
        """Rows of one read-only statement in `query_language`."""
        ...

    def close(self) -> None: ...
