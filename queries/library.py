"""The named queries: the questions users ask, answered the same way on every store.

Each query has a Python implementation over a `NewsGraph` (the graph in memory), an SQL twin in
`queries/<name>.sql` (the embedded store, answered from its indexes: see sql.py) and a Cypher twin
in `queries/<name>.cypher` (Neo4j); all three return the same rows. A new query is one entry in
QUERIES below and its two files.
"""
from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from typing import Callable, Mapping, Protocol

from newsgraph.graph import Article, NewsGraph, Node, Relationship, normalize
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
    rows: Callable[[Nodes, list[Relationship]], list[dict]]  # a NewsGraph, or a store's ClaimSet
    shown: tuple[str, ...] = ()  # how the arguments read in help: POLICY, ACTOR

    @property
    def usage(self) -> str:
        return " ".join(s if i < self.required else f"[{s}]" for i, s in enumerate(self.shown))


class Nodes(Protocol):
    """What rows are made from: a NewsGraph, or the part of a store an answer needs (ClaimSet)."""

    @property
    def articles(self) -> Mapping[str, Article]: ...  # read-only here: a dict attribute fits

    def node(self, node_id: str) -> Node: ...


def claim_row(graph: Nodes, rel: Relationship) -> dict:
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

    chain = walk(starts, ends, lambda level: {v: graph.neighbours(v) for v in level})
    return [strongest(graph.between(u, v)) for u, v in pairwise(chain)]


def walk(starts: list[str], ends: set[str],
         neighbours: Callable[[list[str]], Mapping[str, list[str]]]) -> list[str]:
    """The shortest chain of nodes from one of `starts` to one of `ends`, at most MAX_PATH_HOPS
    hops, direction ignored; [] if there is none. From each start in turn, a later one replacing
    the best only with a shorter chain; `neighbours` gives a whole level's neighbours at once,
    each list in id order, so a store answers a level with one lookup and every store walks
    the same way to the same chain."""
    best: list[str] = []
    for s in starts:
        limit = MAX_PATH_HOPS if not best else len(best) - 2  # hops of a strictly shorter chain
        chain = _meet(s, sorted(ends - {s}), neighbours, limit)
        if chain:
            best = chain
    return best


def _meet(start: str, ends: list[str], neighbours: Callable[[list[str]], Mapping[str, list[str]]],
          limit: int) -> list[str]:
    """Breadth first from both sides, a level at a time, always growing the smaller frontier:
    between two actors of a few claims each it reads around them, not around the busy actors
    ("the White House") next to them, whose neighbours are a good part of the graph. The first
    level that reaches the other side gives the shortest chain (through the first node met, by id)."""
    # each side: node -> the node it was reached from
    sides: tuple[dict[str, str | None], dict[str, str | None]] = ({start: None}, dict.fromkeys(ends))
    fronts = ([start], list(ends))
    hops = 0
    while fronts[0] and fronts[1] and hops < limit:
        i = 0 if len(fronts[0]) <= len(fronts[1]) else 1
        seen, other = sides[i], sides[1 - i]
        found = neighbours(fronts[i])
        nxt = []
        for v in fronts[i]:
            for w in found.get(v, ()):
                if w not in seen:
                    seen[w] = v
                    nxt.append(w)
        hops += 1
        met = sorted(w for w in nxt if w in other)
        if met:
            return _chain(sides[0], met[0])[::-1] + _chain(sides[1], met[0])[1:]
        fronts = (nxt, fronts[1]) if i == 0 else (fronts[0], nxt)
    return []


def _chain(parents: Mapping[str, str | None], node: str | None) -> list[str]:
    out = []
    while node is not None:
        out.append(node)
        node = parents[node]
    return out


def pairwise(chain: list[str]) -> list[tuple[str, str]]:
    return list(zip(chain, chain[1:]))


def strongest(rels: list[Relationship]) -> Relationship:
    """The claim a hop shows when two actors share several: the strongest, then the lowest id."""
    return min(rels, key=lambda r: (-r.confidence, r.id))


def path_rows(graph: Nodes, hops: list[Relationship]) -> list[dict]:
    return [{"step": i, "subject": graph.node(r.subject).name, "relation": r.relation,
             "object": graph.node(r.object).name, "sentence": r.evidence[0].sentence if r.evidence else ""}
            for i, r in enumerate(hops, start=1)]


def claim_rows(graph: Nodes, rels: list[Relationship]) -> list[dict]:
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
    return with_arguments(query_file(f"{name}.cypher"), "//", OPTIONAL_LINE, args)


def query_file(filename: str) -> str:
    return resources.files(__package__).joinpath(filename).read_text(encoding="utf-8")


def with_arguments(text: str, comment: str, optional: str, args: Mapping[str, object]) -> str:
    """`text` without the lines that end in `optional` + an argument not given (None)."""
    lines = []
    for line in text.splitlines(keepends=True):
        code, sep, arg = line.rstrip().rpartition(optional)
        if sep and arg.isidentifier() and not code.lstrip().startswith(comment):
            if args.get(arg) is None:
                continue
            line = code.rstrip() + "\n"
        lines.append(line)
    return "".join(lines)


def cypher_params(name: str, **args: str | None) -> dict:
    """The Cypher parameters: user text normalized on this side, so matching is one `IN` on the server."""
    get_query(name)
    return {k: _key(v) for k, v in args.items()}
