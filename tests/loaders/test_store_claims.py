"""The stance questions' reads of the embedded store: with a name given, every statement seeks the
query index (claims by either end, evidence by claim), so the cost follows the answer, not the store."""
from __future__ import annotations

from stance_graphs import stance_graph

from newsgraph.loaders.store import Store
from newsgraph.loaders.store_claims import claims_subgraph


def test_a_named_part_is_read_by_index_seeks(tmp_path):
    with Store(tmp_path / "graph.db") as store:
        store.write_graph(stance_graph())
        ruiz = [r["node"] for r in store.run("SELECT node FROM match_keys WHERE key = 'ana ruiz'")]
        assert ruiz
        statements: list[str] = []
        store._conn.set_trace_callback(statements.append)
        try:
            for side in ("subjects", "objects", "either"):
                part = claims_subgraph(store, ("SUPPORTS", "OPPOSES"), **{side: ruiz})
                assert part.relationships()
        finally:
            store._conn.set_trace_callback(None)
        reads = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
        assert reads
        for statement in reads:
            # the trace gives each statement with its values bound in
            plan = " | ".join(r[-1] for r in store._conn.execute("EXPLAIN QUERY PLAN " + statement))
            scans = [step for step in plan.split(" | ") if step.startswith("SCAN") and "json_each" not in step]
            assert not scans, (statement, plan)  # only the list of ids given is walked
