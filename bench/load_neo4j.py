"""How much batching buys: the batched Neo4j writer against one MERGE per row and against a plain
hand-written UNWIND of the same rows, same driver, same server; on Neo4j and on ArcadeDB.

    python bench/load_neo4j.py [--relationships 50000] [--sample 3000] [--batch-size 1000]
                               [--servers neo4j,arcadedb]

Starts each test server (Neo4j Community from tests/neo4j_server.py, ArcadeDB from
tests/bolt_server.py) unless NEO4J_URI is set, in which case it uses NEO4J_URI/NEO4J_USERNAME/
NEO4J_PASSWORD/NEO4J_DATABASE only and EMPTIES that database.
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


def plain_unwind(conn: Connection, g: NewsGraph, batch_size: int) -> float:
    """Seconds to write g's relationships as anyone would by hand: UNWIND batches, one MERGE, SET +=."""
    by_type: dict[str, list[dict]] = {}
    for r in g.relationships():
        row = cy.relationship_row(r)
        by_type.setdefault(r.relation, []).append(
            {"subject": row["subject"], "object": row["object"], "id": row["id"],
             "props": {f: row[f] for f in cy.REL_FIELDS}})
    with neo4j.GraphDatabase.driver(conn.uri, auth=(conn.user, conn.password)) as d, \
            d.session(database=conn.database) as s:
        t = time.perf_counter()
        for relation, rows in by_type.items():
            cypher = ("UNWIND $rows AS row MATCH (s:Entity {id: row.subject}) MATCH (o:Entity {id: row.object}) "
                      f"MERGE (s)-[r:{relation} {{id: row.id}}]->(o) SET r += row.props")
            for i in range(0, len(rows), batch_size):
                s.execute_write(lambda tx, b=rows[i:i + batch_size]: tx.run(cypher, rows=b).consume())
        return time.perf_counter() - t


def nodes_only(g: NewsGraph) -> NewsGraph:
    out = NewsGraph()
    for node in g.nodes():
        out.add_node(node)
    return out


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


def measure(conn: Connection, server, g: NewsGraph, args: argparse.Namespace) -> dict:
    """Rates (relationships/s) of each way of writing g's relationships on one server."""
    n_rels = len(list(g.relationships()))
    out: dict = {}
    # Warm the server's JIT on a small load first, so no method pays for it.
    empty(conn, server)
    with Neo4jStore(conn) as store:
        store.write_graph(synthetic_graph(2_000, seed=1), batch_size=args.batch_size)
    for merge in (True, False):
        empty(conn, server)
        phases: dict[str, float] = {}
        with Neo4jStore(conn) as store:
            store.ensure_schema()
            t0 = time.perf_counter()
            last = [t0]
            step = iter([st.kind for st in cy.write_plan(g, args.batch_size, store.dialect)])

            def tick(_: int) -> None:  # the progress callback fires after every batch
                now = time.perf_counter()
                kind = next(step)
                phases[kind] = phases.get(kind, 0.0) + now - last[0]
                last[0] = now

            store.write_graph(g, batch_size=args.batch_size, progress=tick, merge=merge)
            total = time.perf_counter() - t0
            got = store.run("MATCH (:Entity)-[r]->(:Entity) WHERE type(r) <> 'KNOWN_AS' RETURN count(r) AS c")
            assert got[0]["c"] == n_rels, got
        key = "loader" if merge else "loader, merge=False"
        out[key] = n_rels / phases["relationships"]
        print(f"  {key}: whole load {total:.1f}s (" + ", ".join(f"{k} {v:.1f}s" for k, v in phases.items())
              + f"); relationships {out[key]:,.0f}/s", flush=True)

    # The same relationship rows by hand, into the same nodes.
    empty(conn, server)
    with Neo4jStore(conn) as store:
        store.write_graph(nodes_only(g), batch_size=args.batch_size)
    secs = plain_unwind(conn, g, args.batch_size)
    out["plain UNWIND"] = n_rels / secs
    print(f"  plain UNWIND: relationships {secs:.1f}s = {out['plain UNWIND']:,.0f}/s", flush=True)

    # The naive way, on the same nodes: a sample, one statement and transaction per row.
    empty(conn, server)
    with Neo4jStore(conn) as store:
        store.write_graph(nodes_only(g), batch_size=args.batch_size)
    rows = [(r.relation, cy.relationship_row(r)) for r in list(g.relationships())[: args.sample]]
    secs = per_row(conn, rows)
    out["one MERGE per row"] = len(rows) / secs
    print(f"  one MERGE per row: {len(rows)} in {secs:.1f}s = {out['one MERGE per row']:,.0f}/s "
          f"({n_rels} would take ~{n_rels / out['one MERGE per row']:,.0f}s)", flush=True)
    return out


def start(kind: str):
    """(Connection, server) for a server of `kind` started here."""
    if kind == "neo4j":
        from neo4j_server import Neo4jServer

        server = Neo4jServer().start()
        print(f"neo4j: started in {server.started_in:.1f}s", flush=True)
    else:
        from bolt_server import BoltServer

        server = BoltServer().start()
    s = server.settings()
    return Connection(s.uri, s.user, s.password, s.database), server


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--relationships", type=int, default=50_000)
    ap.add_argument("--sample", type=int, default=3_000)
    ap.add_argument("--batch-size", type=int, default=1000)
    ap.add_argument("--servers", default="neo4j,arcadedb", help="comma-separated: neo4j, arcadedb")
    args = ap.parse_args()

    t = time.perf_counter()
    g = synthetic_graph(args.relationships)
    n_rels = len(list(g.relationships()))
    try:
        import neo4j._rust  # noqa: F401  (neo4j-rust-ext: the driver's packstream in Rust)
        rust = "with neo4j-rust-ext"
    except ImportError:
        rust = "pure-Python packstream"
    print(f"graph: {len(g)} nodes, {n_rels} relationships, {len(g.articles)} articles "
          f"(built in {time.perf_counter() - t:.1f}s); driver {neo4j.__version__} {rust}", flush=True)

    kinds = ["env"] if os.environ.get("NEO4J_URI") else args.servers.split(",")
    results: dict[str, dict] = {}
    for kind in kinds:
        conn, server = (Connection.from_env(), None) if kind == "env" else start(kind)
        try:
            with Neo4jStore(conn) as store:
                agent = store._driver.get_server_info().agent
            print(f"{kind}: {agent} at {conn.display_uri}", flush=True)
            results[kind] = measure(conn, server, g, args)
        finally:
            if server is not None:
                server.cleanup()

    print(f"\nrelationships/s ({n_rels} relationships, batches of {args.batch_size}):")
    print(f"{'':24}" + "".join(f"{k:>12}" for k in results))
    for key in next(iter(results.values())):
        print(f"{key:24}" + "".join(f"{r[key]:>12,.0f}" for r in results.values()))
    for k, r in results.items():
        print(f"{k}: batched/per-row {r['loader'] / r['one MERGE per row']:.1f}x (target >= 20x); "
              f"loader/plain UNWIND {r['loader'] / r['plain UNWIND']:.2f}x (target >= 0.9x); "
              f"merge=False/plain {r['loader, merge=False'] / r['plain UNWIND']:.2f}x")


if __name__ == "__main__":
    main()
