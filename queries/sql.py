"""The named queries on the embedded store, answered from its indexes.

Each query's SQL (`queries/<name>.sql`) selects the ids of the claims that answer it, seeking
the store's indexes (claims by type and by either end, the keys users type); the store then reads
just those claims with their evidence, their ends and their articles' titles and dates
(`Store.claims`), and the query's own rows function (`NamedQuery.rows`, as on the in-memory graph)
makes the rows. No query reads the whole store, and none reads an article's text.

A new query whose answer is a set of claims needs only its `<name>.sql` (selecting their `id`s,
lines ending in `-- with :arg` left out when that argument is not given) beside its Cypher twin and
its entry in `QUERIES`; one answered by a walk, as `path`, gets its branch in `sql_rows`/`sql_select`.
"""
from __future__ import annotations

import json
from collections import defaultdict
from typing import Iterable, Protocol

from newsgraph.graph import Article, Relationship, is_text
from newsgraph.graph.claims import ClaimSet

from .library import _key, get_query, pairwise, query_file, strongest, walk, with_arguments
from .matching import Named

OPTIONAL_LINE = "-- with :"  # a line ending in `-- with :key` is run only when :key is given
STATEMENT = "-- statement: "  # a file of several statements: each starts with this line
PAST = "\U0010ffff"  # sorts after every character: [word, word + PAST) holds the words starting with it


class SqlStore(Protocol):
    """What these queries need of the embedded store (loaders.store.Store)."""

    def run(self, statement: str, params: dict | None = None) -> list[dict]: ...
    def claims(self, ids: Iterable[str]) -> ClaimSet: ...
    def sources(self, ids: Iterable[str]) -> dict[str, Article]: ...


def sql_text(name: str, statement: str = "", /, **args: str | None) -> str:
    """The SQL of named query `name` (or one `statement` of a file of several) for the arguments given."""
    text = query_file(f"{name}.sql")
    if statement:
        parts = dict(part.split("\n", 1) for part in text.split(STATEMENT)[1:])
        text = parts[statement]
    return with_arguments(text, "--", OPTIONAL_LINE, args)


def sql_rows(name: str, store: SqlStore, **args: str | None) -> list[dict]:
    """Rows of named query `name`, the rows `library.run_query` gives on the same graph."""
    q = get_query(name)
    if name == "path":
        part, hops = _path(store, args.get("a"), args.get("b"))
        return q.rows(part, hops)
    params = {k: _key(v) for k, v in args.items()}
    part = store.claims(r["id"] for r in store.run(sql_text(name, **args), params))
    # The query's own rows function, as on the in-memory graph: a ClaimSet answers node() and
    # holds `articles` (without text) as a NewsGraph does.
    return q.rows(part, part.relationships)


def sql_select(name: str, store: SqlStore, **args: str | None) -> ClaimSet:
    """The claims a named query's answer is made of, with their ends (to draw them, say)."""
    get_query(name)
    if name == "path":
        part, hops = _path(store, args.get("a"), args.get("b"))
        return ClaimSet({n: part.nodes[n] for h in hops for n in (h.subject, h.object)}, hops)
    params = {k: _key(v) for k, v in args.items()}
    return store.claims(r["id"] for r in store.run(sql_text(name, **args), params))


def _path(store: SqlStore, a: str | None, b: str | None) -> tuple[ClaimSet, list[Relationship]]:
    def ends(text: str | None) -> list[str]:
        return [r["node"] for r in store.run(sql_text("path", "ends"), {"key": _key(text)})]

    def neighbours(level: list[str]) -> dict[str, list[str]]:
        found: dict[str, list[str]] = defaultdict(list)
        for r in store.run(sql_text("path", "neighbours"), {"level": json.dumps(level)}):
            found[r["node"]].append(r["neighbour"])  # in id order (ORDER BY)
        return found

    chain = walk(ends(a), set(ends(b)), neighbours)
    hop_ids = [[r["id"] for r in store.run(sql_text("path", "hop"), {"u": u, "v": v})] for u, v in pairwise(chain)]
    part = store.claims(i for ids in hop_ids for i in ids)
    by_id = {r.id: r for r in part.relationships}
    hops = [strongest([by_id[i] for i in ids if i in by_id]) for ids in hop_ids]
    return part, hops




class StoreNames:
    """matching.NameIndex on the embedded store: each step a seek on its key or word index."""

    def __init__(self, store: SqlStore) -> None:
        self.store = store

    def exact(self, key: str) -> list[Named]:
        return self._named(sql_text("names", "exact"), {"key": key})

    def prefixed(self, word: str) -> list[Named]:
        return self._named(sql_text("names", "prefixed"), {"word": word, "past": word + PAST})

    def everything(self) -> list[Named]:
        return self._named(sql_text("names", "everything"), {})

    def _named(self, statement: str, params: dict) -> list[Named]:
        nodes: dict[str, tuple[str, list[str], list[str]]] = {}
        for r in self.store.run(statement, params):
            if not all(is_text(r[c]) for c in ("id", "name")):
                continue  # a damaged row (the store notes damage where it reads claims): not offered
            _, keys, folded = nodes.setdefault(r["id"], (r["name"], [], []))
            if is_text(r["key"]) and is_text(r["folded"]):
                keys.append(r["key"])
                folded.append(r["folded"])
        return [Named(name, tuple(keys), tuple(folded)) for name, keys, folded in nodes.values()]
