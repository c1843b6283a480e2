"""The named queries: the questions users ask, answered the same way on every store.

Each query has a Python implementation over a `NewsGraph` (the embedded store) and a
Cypher twin in `queries/<name>.cypher` (Neo4j); both return the same rows.
"""
from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from typing import Callable

import networkx as nx

from newsgraph.graph import NewsGraph, Relationship, normalize
from newsgraph.graph.errors import QueryError

MAX_PATH_HOPS = 6
# The stance questions (stances.py, coalitions.py), answered by stance_answer.py: named here for messages.
STANCE_NAMES = ("timeline", "shifts", "contested", "coalitions")


@dataclass(frozen=True)
class NamedQuery:
    """A question with its arguments: `args` are the CLI's positional names, in order."""

    name: str
    answers: str
    args: tuple[str, ...]
    required: int  # how many of `args` must be given
    select: Callable[..., list[Relationship]]  # the relationships that answer it
    rows: Callable[[NewsGraph, list[Relationship]], list[dict]]
    shown: tuple[str, ...] = ()  # how the arguments read in help: POLICY, ACTOR

    @property
    def usage(self) -> str:
        return " ".join(s if i < self.required else f"[{s}]" for i, s in enumerate(self.shown))


def claim_row(graph: NewsGraph, rel: Relationship) -> dict:
    """A relationship as the query row every store returns."""
    s, o = graph.node(rel.subject), graph.node(rel.object)
    return {"subject": s.name, "subject_type": s.label, "relation": rel.relation,
            "object": o.name, "object_type": o.label, "role": rel.role,
            "confidence": round(rel.confidence, 3), "evidence": len(rel.evidence),
            "articles": sorted({e.article for e in rel.evidence}),
            "sentence": rel.evidence[0].sentence if rel.evidence else ""}


def _sort(rows: list[dict]) -> list[dict]:
    return sorted(rows, key=lambda r: (r["subject"], r["subject_type"], r["relation"], r["object"], r["object_type"]))


def _key(text: str | None) -> str | None:
    return normalize(text) if text else None


def _matches(graph: NewsGraph, node_id: str, key: str) -> bool:
    return key in graph.node(node_id).keys


def _selector(relations: set[str] | None, side: str) -> Callable[..., list[Relationship]]:
    """Relationships of `relations` whose `side` (object, or either end) matches the key."""
    def select(graph: NewsGraph, key: str | None = None) -> list[Relationship]:
        k = _key(key)
        out = []
        for rel in graph.relationships():
            if relations is not None and rel.relation not in relations:
                continue
            ends = [rel.object] if side == "object" else [rel.subject, rel.object]
            if k is None or any(_matches(graph, n, k) for n in ends):
                out.append(rel)
        return out
    return select


def shortest_path(graph: NewsGraph, a: str, b: str) -> list[Relationship]:
    """The shortest chain of claims between two actors (direction ignored), hop by hop."""
    ka, kb = _key(a), _key(b)
    starts = [n.id for n in graph.nodes() if ka in n.keys]
    ends = {n.id for n in graph.nodes() if kb in n.keys}
    undirected = graph.g.to_undirected(as_view=True)
    best: list[str] | None = None
    for s in starts:
        paths = nx.single_source_shortest_path(undirected, s, cutoff=MAX_PATH_HOPS)
        for e in sorted(ends & paths.keys() - {s}):
            if best is None or len(paths[e]) < len(best):
                best = paths[e]
    hops = []
    for u, v in zip(best or [], (best or [])[1:]):
        rels = [r for _, _, r in graph.g.out_edges(u, data="rel") if r.object == v]
        rels += [r for _, _, r in graph.g.out_edges(v, data="rel") if r.object == u]
        hops.append(min(rels, key=lambda r: (-r.confidence, r.id)))
    return hops


def path_rows(graph: NewsGraph, hops: list[Relationship]) -> list[dict]:
    return [{"step": i, "subject": graph.node(r.subject).name, "relation": r.relation,
             "object": graph.node(r.object).name, "sentence": r.evidence[0].sentence if r.evidence else ""}
            for i, r in enumerate(hops, start=1)]


def claim_rows(graph: NewsGraph, rels: list[Relationship]) -> list[dict]:
    return _sort([claim_row(graph, r) for r in rels])


QUERIES: dict[str, NamedQuery] = {q.name: q for q in (
    NamedQuery("who-opposes", "which actors oppose which policies (or POLICY), with evidence",
               ("key",), 0, _selector({"OPPOSES"}, "object"), claim_rows, ("POLICY",)),
    NamedQuery("who-supports", "which actors support which policies (or POLICY), with evidence",
               ("key",), 0, _selector({"SUPPORTS"}, "object"), claim_rows, ("POLICY",)),
    NamedQuery("funders", "who funds whom (or who funds ACTOR)", ("key",), 0, _selector({"FUNDS"}, "object"), claim_rows, ("ACTOR",)),
    NamedQuery("critics", "who criticizes or accuses whom (or ACTOR)", ("key",), 0,
               _selector({"CRITICIZES", "ACCUSES"}, "object"), claim_rows, ("ACTOR",)),
    NamedQuery("profile", "everything the graph holds about ACTOR, as subject or object", ("key",), 1, _selector(None, "either"), claim_rows, ("ACTOR",)),
    NamedQuery("path", "how two actors are connected: the shortest chain of claims", ("a", "b"), 2, shortest_path, path_rows, ("ACTOR", "ACTOR")),
)}


def get_query(name: str) -> NamedQuery:
    """The named query `name`, or a QueryError listing the known ones."""
    try:
        return QUERIES[name]
    except KeyError:
        raise QueryError(f"unknown query {name!r}; known: {', '.join([*QUERIES, *STANCE_NAMES])}") from None


def bind(name: str, values: tuple[str, ...]) -> dict[str, str | None]:
    """Positional CLI values to the query's named arguments (checked)."""
    q = get_query(name)
    if len(values) < q.required or len(values) > len(q.args):
        raise QueryError(f"query {name!r} takes {q.usage}, got {len(values)} argument(s)")
    for arg, value in zip(q.args, values):
        if not normalize(value):  # "" or "  " would match every actor, not none
            raise QueryError(f"query {name!r}: {value!r} names nothing (give a name)")
    return {a: (values[i] if i < len(values) else None) for i, a in enumerate(q.args)}


def run_query(name: str, graph: NewsGraph, **args: str | None) -> list[dict]:
    """Run a named query over the in-memory graph."""
    q = get_query(name)
    return q.rows(graph, q.select(graph, **args))


def select(name: str, graph: NewsGraph, **args: str | None) -> list[Relationship]:
    """The relationships a named query's answer is made of (to draw them, say)."""
    return get_query(name).select(graph, **args)


OPTIONAL_LINE = "// with $"  # a line ending in `// with $key` is sent only when $key is given


def cypher_text(name: str, **args: str | None) -> str:
    """The Cypher twin of a named query, from `queries/<name>.cypher`, for the arguments given.

    Lines ending in `// with $key` look an argument up (an index seek on `:Name(key)`); they are
    left out when that argument is None, so "all" is a plain type scan. Neo4j cannot plan one
    query that does both (`$key IS NULL OR ...` defeats the index).
    """
    get_query(name)
    text = resources.files(__package__).joinpath(f"{name}.cypher").read_text(encoding="utf-8")
    lines = []
    for line in text.splitlines(keepends=True):
        code, sep, arg = line.rstrip().rpartition(OPTIONAL_LINE)
        if sep and arg.isidentifier() and not code.lstrip().startswith("//"):
            if args.get(arg) is None:
                continue
            line = code.rstrip() + "\n"
        lines.append(line)
    return "".join(lines)


def cypher_params(name: str, **args: str | None) -> dict:
    """The Cypher parameters: user text normalized on this side, so matching is one `IN` on the server."""
    get_query(name)
    return {k: _key(v) for k, v in args.items()}
