"""Reading only part of the embedded store: the claims of some types, between some nodes.

The stance questions (timeline, shifts, contested, coalitions) need the claims of a few types
and the dates of the articles stating them, not the whole graph: these read just those rows
with SQL (articles without their text) into a ClaimPart, which the queries read as a NewsGraph.
Given the nodes a name matched, each read is a seek on the store's query index (claims by subject
or by object, evidence by claim; loaders/store.py), so its cost follows the answer, not the store.
"""
from __future__ import annotations

import json
from collections import defaultdict
from typing import Iterable

from newsgraph.graph import Article, Evidence, Node, Relationship, union_node, union_relationship
from newsgraph.graph.claims import ClaimPart

from .store import Store

_IN = "IN (SELECT value FROM json_each(?))"  # one parameter, however many ids


def store_nodes(store: Store) -> list[Node]:
    """Every node with its aliases (not its articles): what names are matched against."""
    with store._read() as db:  # noqa: SLF001 -- a reader of the store's own tables, beside it
        aliases: dict[str, list[str]] = defaultdict(list)
        for nid, alias in db.execute("SELECT node, alias FROM aliases ORDER BY node, alias"):
            aliases[nid].append(alias)
        return [Node(id=nid, label=label, name=name, aliases=aliases.get(nid, []))
                for nid, label, name in db.execute("SELECT id, label, name FROM nodes ORDER BY id")]


def claims_subgraph(store: Store, relations: Iterable[str], subjects: Iterable[str] | None = None,
                    objects: Iterable[str] | None = None, either: Iterable[str] | None = None) -> ClaimPart:
    """The claims of `relations` whose subject is in `subjects`, object in `objects`, and one end
    in `either` (None: any), with their end nodes and the articles stating them (without text)."""
    sql = f"SELECT id, subject, relation, object, role, predicate FROM relationships WHERE relation {_IN}"
    params: list[str] = [json.dumps(sorted(set(relations)))]
    for column, ids in (("subject", subjects), ("object", objects)):
        if ids is not None:
            sql += f" AND {column} {_IN}"
            params.append(json.dumps(sorted(set(ids))))
    if either is not None:
        sql += f" AND (subject {_IN} OR object {_IN})"
        params += [json.dumps(sorted(set(either)))] * 2
    part = ClaimPart()
    with store._read() as db:  # noqa: SLF001 -- one snapshot for the claims, nodes and articles
        rels = db.execute(sql, params).fetchall()
        claim_ids = json.dumps([r[0] for r in rels])
        evidence: dict[str, list[Evidence]] = defaultdict(list)
        for rid, art, sentence, start, end, predicate, conf, neg, hedged in db.execute(
                'SELECT relationship, article, sentence, start, "end", predicate, confidence, negated, hedged '
                f"FROM evidence WHERE relationship {_IN}", (claim_ids,)):
            evidence[rid].append(Evidence(art, sentence, start, end, predicate, conf, bool(neg), bool(hedged)))
        node_ids = json.dumps(sorted({r[1] for r in rels} | {r[3] for r in rels}))
        aliases: dict[str, list[str]] = defaultdict(list)
        for nid, alias in db.execute(f"SELECT node, alias FROM aliases WHERE node {_IN}", (node_ids,)):
            aliases[nid].append(alias)
        for nid, label, name in db.execute(f"SELECT id, label, name FROM nodes WHERE id {_IN}", (node_ids,)):
            # union_node and union_relationship below: each as a NewsGraph would hold it
            part.nodes[nid] = union_node(None, Node(id=nid, label=label, name=name, aliases=aliases.get(nid, [])))
        cited = json.dumps(sorted({e.article for evs in evidence.values() for e in evs}))
        for aid, title, date, url, source in db.execute(
                f"SELECT id, title, date, url, source FROM articles WHERE id {_IN}", (cited,)):
            part.articles[aid] = Article(text="", id=aid, title=title, date=date, url=url, source=source)
    for rid, s, relation, o, role, predicate in rels:
        if s in part.nodes and o in part.nodes:
            part.claims[rid] = union_relationship(None, Relationship(
                id=rid, subject=s, relation=relation, object=o, role=role, predicate=predicate,
                evidence=evidence.get(rid, [])))
    return part
