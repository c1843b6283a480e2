"""Load batches: cut by rows and by size."""
from __future__ import annotations


def test_batches_are_cut_by_size_as_well_as_rows():
    from newsgraph.loaders.neo4j_cypher import _chunks

    rows = [{"id": str(i), "text": "x" * 1000} for i in range(10)]
    assert [len(c) for c in _chunks(rows, 4, max_chars=2500)] == [2, 2, 2, 2, 2]
    assert [len(c) for c in _chunks(rows, 4)] == [4, 4, 2]
    assert [len(c) for c in _chunks([{"t": "x" * 10_000}], 4, max_chars=100)] == [1]  # alone, still sent
