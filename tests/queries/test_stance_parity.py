"""The Cypher twins of the stance questions (timeline, shifts, contested, coalitions) give the rows
the Python ones give, on Neo4j and on ArcadeDB, and seek names by index on Neo4j."""
from __future__ import annotations

from importlib import resources

import pytest
from loaded_graphs import load_once, still_loaded
from stance_graphs import stance_graph

from newsgraph.queries.stance_answer import (GraphStances, Neo4jStances, answer, bind_stance, cypher_params,
                                             cypher_text)

NAMES = ("timeline", "shifts", "contested", "coalitions")
CASES = [  # (query, positional args, --since, --until)
    ("timeline", ("ruiz",), None, None), ("timeline", ("Ana Ruiz", "fair rent act"), None, None),
    ("timeline", ("ruiz",), "2026-09-02", None), ("timeline", ("ruiz",), None, "2026-10-02"),
    ("timeline", ("tenants union",), "2026-09-01", "2026-10-20"), ("timeline", ("lind",), None, None),
    ("timeline", ("ode", "measure 9"), None, None), ("timeline", ("city council", "ruiz"), None, None),
    ("shifts", (), None, None), ("shifts", ("fair rent act",), None, None), ("shifts", (), "2026-10-01", None),
    ("shifts", (), None, "2026-10-02"), ("shifts", ("transit levy",), None, None),
    ("contested", (), None, None), ("contested", ("ruiz",), None, None), ("contested", ("measure 9",), None, None),
    ("contested", (), "2026-09-01", None), ("contested", (), None, "2026-10-19"), ("contested", ("lind",), None, None),
    ("coalitions", (), None, None), ("coalitions", ("transit levy",), None, None),
    ("coalitions", ("fair rent act",), None, None),
]


@pytest.fixture(scope="module")
def loaded_once(bolt_on):
    yield from load_once(bolt_on, stance_graph())


@pytest.fixture
def loaded(loaded_once, bolt_on):
    return still_loaded(loaded_once, bolt_on)


@pytest.mark.parametrize("name", NAMES)
def test_every_stance_query_file_has_its_header(name):
    head = resources.files("newsgraph.queries").joinpath(f"{name}.cypher").read_text(encoding="utf-8").splitlines()
    assert head[0] == f"// name: {name}" and head[1].startswith("// answers: ") and head[2].startswith("// params: ")


@pytest.mark.bolt
@pytest.mark.parametrize("name,args,since,until", CASES)
def test_stance_queries_match_the_python_rows(loaded, name, args, since, until):
    g, store = loaded
    bound = bind_stance(name, args, since, until)
    expected = answer(name, bound, GraphStances.of(g))
    got = answer(name, bound, Neo4jStances(store))
    assert got == expected
    assert expected[0] or (name, args) in {("shifts", ("transit levy",)), ("contested", ("lind",)),
                                           ("timeline", ("city council", "ruiz"))}


@pytest.mark.bolt
@pytest.mark.parametrize("name", NAMES)
def test_stance_queries_match_for_every_single_key(loaded, name):
    """Row for row, straight from each .cypher file, for every name key the graph holds."""
    g, store = loaded
    q_args = {"timeline": ("key",), "shifts": ("key",), "contested": ("key",), "coalitions": ("key",)}[name]
    keys = sorted({k for n in g.nodes() for k in n.keys}) + ([] if name == "timeline" else [None])
    backend = GraphStances.of(g)
    for key in keys:
        args = {q_args[0]: key, **({"object": None} if name == "timeline" else {}), "since": None, "until": None}
        expected = backend.rows(name, args)
        got = store.run(cypher_text(name, **args), cypher_params(name, **args))
        assert got == expected, (name, key)


@pytest.mark.bolt
@pytest.mark.parametrize("name", NAMES)
def test_stance_queries_seek_names_by_index(loaded, bolt_on, name):
    if bolt_on.kind != "neo4j":
        pytest.skip("EXPLAIN plans are Neo4j's")
    import neo4j

    _, store = loaded
    # As a server that has run a while: indexes online and sampled, no plan cached from before the
    # graph was loaded (test_cypher_parity.py's neo4j_loaded does the same).
    for call in ("CALL db.awaitIndexes(300)", "CALL db.resampleOutdatedIndexes()", "CALL db.clearQueryCaches()"):
        store.run(call, read_only=False)
    args = {"key": "x", "object": None, "since": None, "until": None}
    s = bolt_on.settings
    with neo4j.GraphDatabase.driver(s.uri, auth=(s.user, s.password)) as d, d.session(database=s.database) as sess:
        plan = sess.run("EXPLAIN " + cypher_text(name, **args), cypher_params(name, **args)).consume().plan

    def walk(p: dict) -> list[str]:
        return [p["operatorType"].split("@")[0], *(op for c in p.get("children", []) for op in walk(c))]
    ops = walk(plan)
    assert "NodeUniqueIndexSeek" in ops and "AllNodesScan" not in ops, ops
