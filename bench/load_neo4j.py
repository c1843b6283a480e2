"""How much batching buys: the batched Neo4j writer against one MERGE per row, same driver, same server.

    python bench/load_neo4j.py [--relationships 50000] [--sample 3000] [--batch-size 1000]

Starts the test Bolt server (ArcadeDB, tests/bolt_server.py) unless NEO4J_URI is set, in which case
it uses NEO4J_URI/NEO4J_USERNAME/NEO4J_PASSWORD/NEO4J_DATABASE and EMPTIES that database.
The one-row-per-statement rate is measured on a sample (`--sample` relationships, into the same
nodes) and extrapolated: loading all 50,000 that way would take minutes.
"""
from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

import neo4j

from newsgraph.graph import LABELS, RELATIONS, Article, Evidence, NewsGraph, Node, Relationship, claim_id
from newsgraph.graph.ids import entity_id
from newsgraph.loaders import neo4j_cypher as cy
from newsgraph.loaders.neo4j import Connection, Neo4jStore

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))


def synthetic_graph(n_rels: int, seed: int = 7) -> NewsGraph:
    """n_rels claims among n_rels/5 actors, over n_rels/100 articles, one or two pieces of evidence each."""
    rnd = random.Random(seed)
    g = NewsGraph()
    n_nodes, n_articles = max(n_rels // 5, 10), max(n_rels // 100, 1)
    arts = [f"bench-{i:05d}" for i in range(n_articles)]
    for a in arts:
        g.articles[a] = Article(text=f"Synthetic article {a}.", id=a, title=f"Bench {a}", date="2026-11-24")
    ids = []
    for i in range(n_nodes):
        label = LABELS[i % len(LABELS)]
        name = f"{label} Number {i}"
        nid = entity_id(label, name)
        ids.append(nid)
        g.add_node(Node(id=nid, label=label, name=name, aliases=[f"N{i}"], articles=sorted(rnd.sample(arts, 2))))
    seen = set()
    while len(seen) < n_rels:
        s, o = rnd.sample(ids, 2)
        rel = rnd.choice(RELATIONS)
        cid = claim_id(s, rel, o)
        if cid in seen:
            continue
        seen.add(cid)
        evidence = [Evidence(a, f"Sentence about {s} and {o}.", k * 40, k * 40 + 20, "backs",
                             round(rnd.random(), 3)) for k, a in enumerate(sorted(rnd.sample(arts, rnd.choice((1, 2)))))]
        g.add_relationship(Relationship(id=cid, subject=s, relation=rel, object=o, evidence=evidence))
    return g


def empty(conn: Connection, server) -> None:
    if server is not None:
        server.reset(conn.database or "neo4j")
        return
    with neo4j.GraphDatabase.driver(conn.uri, auth=(conn.user, conn.password)) as d, \
            d.session(database=conn.database) as s:
        while s.run("MATCH (n) WITH n LIMIT 10000 DETACH DELETE n RETURN count(*) AS c").single()["c"]:
            pass


def per_row(conn: Connection, rows: list[tuple[str, dict]]) -> float:
    """Seconds to write `rows` one statement (and one transaction) each: the naive loader."""
    with neo4j.GraphDatabase.driver(conn.uri, auth=(conn.user, conn.password)) as d, \
            d.session(database=conn.database) as s:
        t = time.perf_counter()
        for relation, row in rows:
            cypher = (f"MATCH (s:Entity {{id: $subject}}) MATCH (o:Entity {{id: $object}}) "
                      f"MERGE (s)-[r:{relation} {{id: $id}}]->(o) "
                      + "SET " + ", ".join(f"r.{f} = ${f}" for f in cy.REL_FIELDS))
            s.execute_write(lambda tx: tx.run(cypher, row).consume())
        return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--relationships", type=int, default=50_000)
    ap.add_argument("--sample", type=int, default=3_000)
    ap.add_argument("--batch-size", type=int, default=1000)
    ap.add_argument("--no-merge", action="store_true", help="write_graph(merge=False): skip reading stored values")
    args = ap.parse_args()

    server = None
    if os.environ.get("NEO4J_URI"):
        conn = Connection.from_env()
    else:
        from bolt_server import BoltServer

        server = BoltServer().start()
        s = server.settings()
        conn = Connection(s.uri, s.user, s.password, s.database)
    try:
        t = time.perf_counter()
        g = synthetic_graph(args.relationships)
        n_rels = len(list(g.relationships()))
        print(f"graph: {len(g)} nodes, {n_rels} relationships, {len(g.articles)} articles "
              f"(built in {time.perf_counter() - t:.1f}s); server {conn.display_uri}")

        # Warm the server's JIT on a small load first, so neither method pays for it.
        empty(conn, server)
        with Neo4jStore(conn) as store:
            store.write_graph(synthetic_graph(2_000, seed=1), batch_size=args.batch_size)
        empty(conn, server)
        phases: dict[str, float] = {}
        with Neo4jStore(conn) as store:
            store.ensure_schema()
            t0 = time.perf_counter()
            last = [t0, None]

            # Time each kind separately: the progress callback fires after every batch.
            plan = [st.kind for st in cy.write_plan(g, args.batch_size)]
            step = iter(plan)

            def tick(_: int) -> None:
                now = time.perf_counter()
                kind = next(step)
                phases[kind] = phases.get(kind, 0.0) + now - last[0]
                last[0] = now

            counts = store.write_graph(g, batch_size=args.batch_size, progress=tick, merge=not args.no_merge)
            total = time.perf_counter() - t0
            assert store.run("MATCH ()-[r]->() WHERE NOT type(r) = 'MENTIONS' RETURN count(r) AS c")[0]["c"] == n_rels
        batched_rate = n_rels / phases["relationships"]
        print(f"batched (UNWIND, {args.batch_size}/batch, merge={not args.no_merge}): {counts}")
        print("  seconds per phase: " + ", ".join(f"{k} {v:.1f}" for k, v in phases.items()))
        print(f"  whole load {total:.1f}s; relationship phase {phases['relationships']:.1f}s "
              f"= {batched_rate:,.0f} relationships/s (whole load: {n_rels / total:,.0f} rel/s incl. nodes)")

        # The naive way, on the same nodes: drop the relationships, keep nodes, write a sample per row.
        empty(conn, server)
        nodes_only = NewsGraph()
        for node in g.nodes():
            nodes_only.add_node(node)
        with Neo4jStore(conn) as store:
            store.write_graph(nodes_only, batch_size=args.batch_size)
        rels = list(g.relationships())[: args.sample]
        rows = [(r.relation, cy.relationship_row(r)) for r in rels]
        secs = per_row(conn, rows)
        row_rate = len(rows) / secs
        print(f"one MERGE per row: {len(rows)} relationships in {secs:.1f}s = {row_rate:,.0f} relationships/s "
              f"(sample; {n_rels} would take ~{n_rels / row_rate:,.0f}s)")
        print(f"ratio batched/per-row: {batched_rate / row_rate:.1f}x (target >= 20x)")
    finally:
        if server is not None:
            server.cleanup()


if __name__ == "__main__":
    main()
