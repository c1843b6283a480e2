"""A named query answered for a user: loose names resolved, rows cited, the same on every store.

The named queries (library.py, and their Cypher twins) match exact name keys; this layer turns
what the user typed into those keys (matching.py), runs the query once per key found, and adds
the sources of each row (sources.py).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Mapping, Protocol

from newsgraph.graph import Article, NewsGraph

from .library import _sort, bind, cypher_params, cypher_text, get_query, run_query
from .matching import Match, Named, NameIndex, argument_sets
from .sources import cite, min_sources
from .sql import SqlStore, StoreNames, sql_rows


class Backend(Protocol):
    """Where a query runs: a graph in memory, the embedded store, or Neo4j."""

    def names(self) -> list[Named] | NameIndex: ...
    def rows(self, name: str, args: dict[str, str | None]) -> list[dict]: ...
    def articles(self, ids: list[str]) -> Mapping[str, Article]: ...


@dataclass
class Answer:
    rows: list[dict]
    matches: list[Match] = field(default_factory=list)

    @property
    def unmatched(self) -> list[Match]:
        return [m for m in self.matches if not m.keys]


class GraphBackend:
    def __init__(self, graph: NewsGraph) -> None:
        self.graph = graph

    def names(self) -> list[Named]:
        return [Named(n.name, tuple(n.keys)) for n in self.graph.nodes()]

    def rows(self, name: str, args: dict[str, str | None]) -> list[dict]:
        return run_query(name, self.graph, **args)

    def articles(self, ids: list[str]) -> Mapping[str, Article]:
        return self.graph.articles


class StoreBackend:
    """The embedded store, answered from its indexes (sql.py): only the answer is read."""

    def __init__(self, store: SqlStore) -> None:
        self.store = store

    def names(self) -> NameIndex:
        return StoreNames(self.store)

    def rows(self, name: str, args: dict[str, str | None]) -> list[dict]:
        return sql_rows(name, self.store, **args)

    def articles(self, ids: list[str]) -> Mapping[str, Article]:
        return self.store.sources(ids)


def store_backend(store) -> Backend:  # a newsgraph.loaders.store.Store
    """The embedded store's backend: its indexes, or its whole graph read into memory when the
    store predates them and is opened read-only (a write adds them)."""
    return StoreBackend(store) if store.indexed else GraphBackend(store.graph())


class Neo4jBackend:
    def __init__(self, db) -> None:  # a newsgraph.loaders.neo4j.Neo4jStore
        self.db = db

    def names(self) -> list[Named]:
        rows = self.db.run("MATCH (n:Entity) RETURN n.name AS name, coalesce(n.keys, []) AS keys")
        return [Named(r["name"] or "", tuple(r["keys"])) for r in rows]

    def rows(self, name: str, args: dict[str, str | None]) -> list[dict]:
        return self.db.run(cypher_text(name, **args), cypher_params(name, **args))

    def articles(self, ids: list[str]) -> Mapping[str, Article]:
        rows = self.db.run("MATCH (a:Article) WHERE a.id IN $ids RETURN a.id AS id, a.title AS title, "
                           "coalesce(a.date_text, toString(a.date)) AS date, a.url AS url, a.source AS source", {"ids": ids})
        return {r["id"]: Article(text="", id=r["id"], title=r["title"] or "", date=r["date"] or "",
                                 url=r["url"] or "", source=r["source"] or "") for r in rows}


def resolve(name: str, args: tuple[str, ...], backend: Backend) -> tuple[list[dict[str, str | None]], list[Match]]:
    """The argument sets to run `name` with (one per combination of matched keys), and the matches."""
    bound = bind(name, args)
    given = {k: v for k, v in bound.items() if v}
    # `path`: one chain between two actors, from the best match of each side
    return argument_sets(bound, given, backend.names, best_only=name == "path")


def answer(name: str, args: tuple[str, ...], backend: Backend, at_least: int = 1) -> Answer:
    """Rows of named query `name` for what the user typed, with their sources."""
    get_query(name)
    runs, matches = resolve(name, args, backend)
    rows: list[dict] = []
    seen: set[str] = set()
    for bound in runs:
        for row in backend.rows(name, bound):
            ident = json.dumps(row, sort_keys=True, default=str)
            if ident not in seen:  # a claim between two matched nodes comes once
                seen.add(ident)
                rows.append(row)
    if len(runs) > 1:
        rows = _sort(rows)
    ids = sorted({a for r in rows for a in r.get("articles", [])})
    rows = cite(rows, backend.articles(ids) if ids else {})
    return Answer(min_sources(rows, at_least), matches)
