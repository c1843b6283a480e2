"""The stance questions answered for a user, the same on every store: loose names resolved, each
side's sources cited, --since/--until checked; and how their rows read in a table.

Backends: `GraphStances` runs the Python of stances.py / coalitions.py on the part of a graph a
question needs (the embedded store matches names on its query index, sql.py, and reads that part
with SQL, loaders/store_claims.py); `Neo4jStances` runs their Cypher twins, `queries/<name>.cypher`.
"""
from __future__ import annotations

import json
from typing import Callable, Mapping, Protocol

from newsgraph.graph import Article, NewsGraph, Node, normalize
from newsgraph.graph.claims import ClaimPart
from newsgraph.graph.dates import date_bound
from newsgraph.graph.errors import QueryError

from .coalitions import COALITIONS, coalitions, stance_edges
from .library import OPTIONAL_LINE, query_file, with_arguments
from .matching import Match, Named, NameIndex, argument_sets
from .sources import clean_sentence, source_of
from .sql import SqlStore, StoreNames, sql_text
from .stances import STANCE_QUERIES, Claims, StanceQuery

QUERY_NAMES = (*STANCE_QUERIES, COALITIONS.name)
UNDATED_TEXT = "undated"


def get_stance_query(name: str) -> StanceQuery:
    return COALITIONS if name == COALITIONS.name else STANCE_QUERIES[name]


def bind_stance(name: str, values: tuple[str, ...], since: str | None = None,
                until: str | None = None) -> dict[str, str | None]:
    """Positional CLI values and --since/--until to the query's arguments (checked: one-line errors)."""
    q = get_stance_query(name)
    if len(values) < q.required or len(values) > len(q.args):
        raise QueryError(f"query {name!r} takes {q.usage}, got {len(values)} argument(s)")
    for value in values:
        if not normalize(value):
            raise QueryError(f"query {name!r}: {value!r} names nothing (give a name)")
    if name == COALITIONS.name and (since or until):
        raise QueryError("query 'coalitions' groups every stance stated; --since/--until apply to "
                         "timeline, shifts and contested")
    bound: dict[str, str | None] = {a: (values[i] if i < len(values) else None) for i, a in enumerate(q.args)}
    bound["since"] = date_bound(since, "--since") if since else None
    bound["until"] = date_bound(until, "--until") if until else None
    if bound["since"] and bound["until"] and bound["since"] > bound["until"]:
        raise QueryError(f"--since {since} is after --until {until}: no day is in between")
    return bound


class StanceBackend(Protocol):
    def names(self) -> list[Named] | NameIndex: ...
    def rows(self, name: str, args: dict[str, str | None]) -> list[dict]: ...
    def articles(self, ids: list[str]) -> Mapping[str, Article]: ...


Part = Callable[..., Claims]  # (relations, subjects=, objects=, either=) -> the part of the graph
NodeIds = Callable[[str], set[str]]  # a matched key -> the ids of the nodes with that key


class GraphStances:
    """The Python answers, on the part of a graph each question needs: `names` are what the user's
    text is matched against, `ids` finds the nodes of a matched key, `part` reads the claims."""

    def __init__(self, names: list[Named] | NameIndex, ids: NodeIds, part: Part) -> None:
        self._names = names
        self.ids = ids
        self.part = part
        self._cited: dict[str, Article] = {}

    @classmethod
    def of_nodes(cls, nodes: list[Node], part: Part) -> GraphStances:
        """Names matched against `nodes`, all of them in memory."""
        def ids(key: str) -> set[str]:
            return {n.id for n in nodes if key in n.keys}
        return cls([Named(n.name, tuple(n.keys)) for n in nodes], ids, part)

    @classmethod
    def of_store(cls, store: SqlStore, part: Part) -> GraphStances:
        """The embedded store: names matched and keys looked up by seeks on its query index."""
        def ids(key: str) -> set[str]:
            return {r["node"] for r in store.run(sql_text("names", "nodes"), {"key": key})}
        return cls(StoreNames(store), ids, part)

    @classmethod
    def of(cls, graph: NewsGraph) -> GraphStances:
        def part(relations, subjects=None, objects=None, either=None) -> ClaimPart:
            rels = [r for r in graph.relationships() if r.relation in relations
                    and (subjects is None or r.subject in subjects) and (objects is None or r.object in objects)
                    and (either is None or r.subject in either or r.object in either)]
            cited = {e.article for r in rels for e in r.evidence}
            return ClaimPart({nid: graph.node(nid) for r in rels for nid in (r.subject, r.object)},
                             {r.id: r for r in rels},
                             {a: art for a, art in graph.articles.items() if a in cited})
        return cls.of_nodes(list(graph.nodes()), part)

    def names(self) -> list[Named] | NameIndex:
        return self._names

    def _ids(self, key: str | None) -> set[str] | None:
        return None if key is None else self.ids(normalize(key))

    def rows(self, name: str, args: dict[str, str | None]) -> list[dict]:
        q = get_stance_query(name)
        sides = {side: self._ids(args.get(arg)) for arg, side in zip(q.args, q.sides)}
        part = self.part(q.relations, **{f"{side}s" if side != "either" else side: ids
                                         for side, ids in sides.items() if ids is not None})
        self._cited.update(part.articles)
        return q.run(part, **args)

    def articles(self, ids: list[str]) -> Mapping[str, Article]:
        return self._cited


class Neo4jStances:
    def __init__(self, db) -> None:  # a newsgraph.loaders.neo4j.Neo4jStore
        from .answer import Neo4jBackend

        self.db = db
        self._backend = Neo4jBackend(db)

    def names(self) -> list[Named]:
        return self._backend.names()

    def rows(self, name: str, args: dict[str, str | None]) -> list[dict]:
        return self.db.run(cypher_text(name, **args), cypher_params(name, **args))

    def articles(self, ids: list[str]) -> Mapping[str, Article]:
        return self._backend.articles(ids)


def cypher_text(name: str, **args: str | None) -> str:
    """`queries/<name>.cypher` for the arguments given: library.cypher_text's rule (a line ending in
    `// with $key` is sent only when $key is given)."""
    get_stance_query(name)
    return with_arguments(query_file(f"{name}.cypher"), "//", OPTIONAL_LINE, args)


def cypher_params(name: str, **args: str | None) -> dict:
    """Names normalized on this side (matching is one index seek on the server); days as given."""
    q = get_stance_query(name)
    params: dict = {a: (normalize(v) if (v := args.get(a)) else None) for a in q.args}
    if name != COALITIONS.name:
        params.update(since=args.get("since"), until=args.get("until"))
    return params


def resolve(name: str, bound: dict[str, str | None], backend: StanceBackend) -> tuple[list[dict], list[Match]]:
    """The argument sets to run with (one per combination of matched keys), and the matches."""
    q = get_stance_query(name)
    given: dict[str, str] = {a: v for a in q.args if (v := bound.get(a))}
    return argument_sets(bound, given, backend.names)


SIDES = {"timeline": ("articles",), "shifts": ("articles",), "contested": ("supports", "opposes"),
         "coalitions": ()}


def answer(name: str, bound: dict[str, str | None], backend: StanceBackend) -> tuple[list[dict], list[Match]]:
    """Rows of stance query `name`, each side's articles cited; and the name matches (empty keys: no match)."""
    runs, matches = resolve(name, bound, backend)
    rows: list[dict] = []
    seen: set[str] = set()
    for args in runs:
        for row in backend.rows(name, args):
            ident = json.dumps(row, sort_keys=True, default=str)
            if ident not in seen:
                seen.add(ident)
                rows.append(row)
    if name == COALITIONS.name:  # the stance edges of every run, grouped once
        return coalitions(rows), matches
    if len(runs) > 1:
        rows = sorted(rows, key=_order(name))
    ids = sorted({a for r in rows for side in SIDES[name] for a in r.get(side, [])})
    articles = backend.articles(ids) if ids else {}
    return [cite(row, SIDES[name], articles) for row in rows], matches


def _order(name: str) -> Callable[[dict], tuple]:
    if name == "timeline":
        from .stances import timeline_order
        return timeline_order
    return lambda r: (r["subject"], r["subject_type"], r["object"], r["object_type"],
                      r.get("after_date", ""), r.get("before_date", ""))


def cite(row: dict, sides: tuple[str, ...], articles: Mapping[str, Article]) -> dict:
    """`row` with `<side>_sources` for each list of article ids (in its order) and clean sentences."""
    row = dict(row)
    for k, v in list(row.items()):
        if k.endswith("sentence") and isinstance(v, str):
            row[k] = clean_sentence(v)
    for side in sides:
        field = "sources" if side == "articles" else f"{side}_sources"
        row[field] = [source_of(articles[a]) if a in articles else {"title": "", "date": "", "outlet": "", "url": ""}
                      for a in row.get(side, [])]
    return row


def coalition_claims(graph: NewsGraph) -> tuple[list, list[dict]]:
    """The stance claims of every coalition's members (to draw them), and the coalitions."""
    from .stances import STANCES

    groups, _ = answer(COALITIONS.name, bind_stance(COALITIONS.name, ()), GraphStances.of(graph))
    members = {m for c in groups for m in c["members"]}
    rels = [r for r in graph.relationships() if r.relation in STANCES and graph.node(r.subject).name in members]
    return rels, groups


# -- tables ----------------------------------------------------------------------
COLUMNS = {
    "timeline": ("date", "subject", "relation", "object", "confidence", "source", "sentence"),
    "shifts": ("subject", "object", "stance", "date", "source", "sentence"),
    "contested": ("subject", "object", "stance", "n_articles", "source", "sentence"),
    "coalitions": ("coalition", "members", "backs", "opposes"),
}


def table_rows(name: str, rows: list[dict]) -> list[dict]:
    """Rows as a table shows them (output.table's SOURCE cell: the first source's outlet or title,
    date, +N more); a shift or a contested pair as two lines, one per side."""
    if name == "timeline":
        return [{**r, "date": r["date"] or UNDATED_TEXT} for r in rows]
    out = []
    if name == "coalitions":  # one member, and one target it backs or opposes, a line
        for r in rows:
            for i in range(max(len(r["members"]), len(r["backs"]), len(r["opposes"]))):
                out.append({"coalition": r["name"] if i == 0 else "",
                            **{k: r[k][i] if i < len(r[k]) else "" for k in ("members", "backs", "opposes")}})
        return out
    for r in rows:
        if name == "shifts":
            sides = [(r["before"], r["before_date"], r["sources"][:1], r["before_sentence"]),
                     (r["after"], r["after_date"], r["sources"][1:], r["after_sentence"])]
        else:
            sides = [("SUPPORTS", "", r["supports_sources"], r["supports_sentence"]),
                     ("OPPOSES", "", r["opposes_sources"], r["opposes_sentence"])]
        for i, (stance, date, sources, sentence) in enumerate(sides):
            out.append({"subject": r["subject"] if i == 0 else "", "object": r["object"] if i == 0 else "",
                        "stance": stance, "date": date, "n_articles": len(sources), "sentence": sentence,
                        "sources": [{**s, "date": s["date"] or UNDATED_TEXT} for s in sources]})
    return out


__all__ = ["QUERY_NAMES", "GraphStances", "Neo4jStances", "answer", "bind_stance", "cypher_params",
           "cypher_text", "stance_edges", "table_rows"]
