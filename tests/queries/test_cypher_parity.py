"""The Cypher twins of the named queries give the rows the Python ones give, on Neo4j and on ArcadeDB."""
from __future__ import annotations

from collections import Counter
from importlib import resources

import pytest
from loaded_graphs import load_once, still_loaded

from newsgraph.graph import (ALL_RELATIONS, Article, Claim, Entity, Evidence, Extraction, NewsGraph,
                             normalize)
from newsgraph.loaders.neo4j import Connection, Neo4jStore

library = pytest.importorskip("newsgraph.queries.library")

CLAIM_QUERIES = ("who-opposes", "who-supports", "funders", "critics", "profile")
ENTITIES = {
    "Maria Alvarez": ("Person", ["Governor Maria Alvarez", "the governor"]),
    "Tom Okafor": ("Person", ["Okafor"]),
    "Civic Fund": ("Organization", ["the fund"]),
    "Safe Streets Act": ("Policy", ["the bill", "SSA"]),
    "Sanctuary Ordinance": ("Policy", []),
    "Springfield": ("Place", []),
    "City Council": ("Organization", ["the council"]),
    "ICE": ("Organization", ["Immigration and Customs Enforcement"]),
    "protesters": ("Group", []),
    "Lee Park": ("Person", []),
    "Dana Park": ("Person", []),
    "apex Group": ("Group", []),  # lower case first letter: sorts after every capital
    "Apex": ("Organization", []),
}
# (article, subject, relation, object, confidence, sentence); several articles restate claims.
CLAIMS = [
    ("a1", "Maria Alvarez", "OPPOSES", "Safe Streets Act", 0.8, "Alvarez opposed the Safe Streets Act."),
    ("a1", "Tom Okafor", "SUPPORTS", "Safe Streets Act", 0.7, "Okafor backed the bill."),
    ("a1", "Civic Fund", "FUNDS", "Tom Okafor", 0.9, "Civic Fund bankrolled Okafor."),
    ("a1", "Tom Okafor", "CRITICIZES", "Maria Alvarez", 0.65, "Okafor slammed the governor."),
    ("a2", "Maria Alvarez", "OPPOSES", "Safe Streets Act", 0.95, "Alvarez vowed to veto the bill."),
    ("a2", "City Council", "APPROVES", "Sanctuary Ordinance", 0.88, "The council passed the ordinance."),
    ("a2", "ICE", "OPPOSES", "Sanctuary Ordinance", 0.6, "ICE rejected the ordinance."),
    ("a2", "Maria Alvarez", "ACCUSES", "ICE", 0.75, "Alvarez accused ICE of overreach."),
    ("a2", "Sanctuary Ordinance", "TARGETS", "ICE", 0.5, "The ordinance limits ICE."),
    ("a3", "ICE", "THREATENS", "Springfield", 0.55, "ICE threatened to sue Springfield."),
    ("a3", "City Council", "PROPOSES", "Sanctuary Ordinance", 0.7, "The council introduced the ordinance."),
    ("a3", "Lee Park", "INVESTIGATES", "Civic Fund", 0.45, "Park opened an inquiry into Civic Fund."),
    ("a3", "Maria Alvarez", "AFFILIATED_WITH", "Springfield", 0.99, "Springfield Governor Maria Alvarez spoke."),
    ("a3", "protesters", "RELATED_TO", "ICE", 0.3, "Protesters met ICE agents."),
    ("a3", "protesters", "RELATED_TO", "ICE", 0.35, "Protesters marched past ICE."),
    ("a3", "protesters", "SUPPORTS", "Sanctuary Ordinance", 0.8, "Protesters cheered the ordinance."),
    ("a4", "Dana Park", "CRITICIZES", "ICE", 0.6, "Park slammed ICE."),
    ("a4", "Civic Fund", "FUNDS", "protesters", 0.4, "Civic Fund paid the protesters."),
    ("a4", "Tom Okafor", "OPPOSES", "Sanctuary Ordinance", 0.5, "Okafor said he did not like it."),
    ("a4", "Maria Alvarez", "SUPPORTS", "Sanctuary Ordinance", 0.77, "Alvarez praised the ordinance."),
    ("a4", "apex Group", "OPPOSES", "Safe Streets Act", 0.61, "apex Group fought the bill."),
    ("a4", "Apex", "OPPOSES", "Safe Streets Act", 0.62, "Apex fought the bill too."),
    ("a4", "Civic Fund", "SUPPORTS", "Tom Okafor", 0.33, "Civic Fund stood by Okafor."),
]


def build_graph() -> NewsGraph:
    g = NewsGraph()
    for aid in ("a1", "a2", "a3", "a4"):
        mine = [c for c in CLAIMS if c[0] == aid]
        names = sorted({c[1] for c in mine} | {c[3] for c in mine})
        text = " ".join(c[5] for c in mine)
        claims, pos = [], 0
        for i, (_, s, rel, o, conf, sentence) in enumerate(mine):
            predicate = f"pred {i}" if rel == "RELATED_TO" else sentence.split()[1]
            claims.append(Claim(s, ENTITIES[s][0], rel, o, ENTITIES[o][0],
                                [Evidence(aid, sentence, pos, pos + len(sentence), predicate, conf)],
                                role="governor" if rel == "AFFILIATED_WITH" else "",
                                predicate=predicate if rel == "RELATED_TO" else ""))
            pos += len(sentence) + 1
        g.add(Extraction(Article(text, id=aid, title=f"Story {aid}", date="2026-11-2" + aid[1]),
                         [Entity(n, ENTITIES[n][0], ENTITIES[n][1]) for n in names], claims))
    return g


@pytest.fixture(scope="module")
def loaded_once(bolt_on):
    """The fixture graph loaded into each server kind in turn (Neo4j, then ArcadeDB)."""
    yield from load_once(bolt_on, build_graph())


@pytest.fixture
def loaded(loaded_once, bolt_on):
    return still_loaded(loaded_once, bolt_on)


def cypher(name: str) -> str:
    return resources.files("newsgraph.queries").joinpath(f"{name}.cypher").read_text(encoding="utf-8")


def test_the_fixture_covers_every_type():
    assert {r.relation for r in build_graph().relationships()} == set(ALL_RELATIONS)


@pytest.mark.parametrize("name", [*CLAIM_QUERIES, "path"])
def test_every_query_file_has_its_header(name):
    head = cypher(name).splitlines()[:3]
    assert head[0] == f"// name: {name}"
    assert head[1].startswith("// answers: ") and head[2].startswith("// params: ")


KEYS = [None, "Maria Alvarez", "alvarez", "the governor", "Safe Streets Act", "the bill", "SSA", "ICE",
        "Immigration and Customs Enforcement", "Sanctuary Ordinance", "Okafor", "Tom Okafor", "Civic Fund",
        "protesters", "Park", "Springfield", "nobody at all"]


@pytest.mark.bolt
@pytest.mark.parametrize("name", CLAIM_QUERIES)
def test_claim_queries_match_the_python_rows(loaded, name):
    g, store = loaded
    for key in KEYS:
        expected = library.run_query(name, g, key=key)
        got = store.run(library.cypher_text(name, key=key), {"key": normalize(key) if key else None})
        assert got == expected, (name, key)
    assert store.run(library.cypher_text(name), {"key": None}) or name == "funders"


@pytest.mark.bolt
def test_claim_rows_have_the_agreed_shape(loaded):
    _, store = loaded
    rows = store.run(library.cypher_text("who-opposes", key="x"), {"key": normalize("Safe Streets Act")})
    assert [r["subject"] for r in rows] == ["Apex", "Maria Alvarez", "apex Group"]
    alvarez = rows[1]
    assert alvarez == {"subject": "Maria Alvarez", "subject_type": "Person", "relation": "OPPOSES",
                       "object": "Safe Streets Act", "object_type": "Policy", "role": "",
                       "confidence": 0.95, "evidence": 2, "articles": ["a1", "a2"],
                       "sentence": "Alvarez opposed the Safe Streets Act."}


PAIRS = [("Lee Park", "Tom Okafor"), ("Okafor", "Springfield"), ("Dana Park", "Civic Fund"),
         ("protesters", "Safe Streets Act"), ("apex Group", "Lee Park"), ("Alvarez", "Alvarez"),
         ("ICE", "nobody at all"), ("Springfield", "Apex")]


def ends(rows: list[dict]) -> set[str]:
    """A simple path's two end names: the names that occur an odd number of times among its hops."""
    seen = Counter(n for r in rows for n in (r["subject"], r["object"]))
    return {n for n, c in seen.items() if c % 2}


@pytest.mark.bolt
@pytest.mark.parametrize("a,b", PAIRS)
def test_path_matches_the_python_length_and_ends(loaded, a, b):
    g, store = loaded
    expected = library.run_query("path", g, a=a, b=b)
    got = store.run(cypher("path"), {"a": normalize(a), "b": normalize(b)})
    assert [r["step"] for r in got] == [r["step"] for r in expected]
    if expected:
        assert ends(got) == ends(expected)
        for row in got:  # every hop is a real claim, stated in its true direction
            assert store.run("MATCH (s:Entity {name: $s})-[r]->(o:Entity {name: $o}) WHERE type(r) = $t "
                             "RETURN count(r) AS c", {"s": row["subject"], "o": row["object"],
                                                      "t": row["relation"]}) != [{"c": 0}]


@pytest.mark.bolt
def test_a_unique_shortest_path_matches_row_for_row(loaded):
    g, store = loaded
    # Lee Park -INVESTIGATES-> Civic Fund -FUNDS-> Tom Okafor: one route, and FUNDS (0.9) beats
    # SUPPORTS (0.33) between the same two nodes.
    expected = library.run_query("path", g, a="Lee Park", b="Tom Okafor")
    got = store.run(cypher("path"), {"a": normalize("Lee Park"), "b": normalize("Tom Okafor")})
    assert got == expected
    assert [r["relation"] for r in got] == ["INVESTIGATES", "FUNDS"]


# -- plans: every lookup by name and every write seeks an index on Neo4j -------------------------
SCANS = {"AllNodesScan", "NodeByLabelScan"}


def plan_operators(settings, cypher: str, params: dict) -> list[str]:
    """The operators of Neo4j's EXPLAIN plan for `cypher`, leaves last."""
    import neo4j

    def walk(plan: dict) -> list[str]:
        return [plan["operatorType"].split("@")[0], *(op for c in plan.get("children", []) for op in walk(c))]
    with neo4j.GraphDatabase.driver(settings.uri, auth=(settings.user, settings.password)) as d, \
            d.session(database=settings.database) as s:
        return walk(s.run("EXPLAIN " + cypher, params).consume().plan)


@pytest.fixture
def neo4j_loaded(bolt_on):
    """The fixture graph freshly loaded (schema included) into Neo4j; other tests may have emptied it."""
    if bolt_on.kind != "neo4j":
        pytest.skip("EXPLAIN plans are Neo4j's")
    bolt_on.reset()
    g = with_filler(build_graph())
    s = bolt_on.settings
    with Neo4jStore(Connection(s.uri, s.user, s.password, s.database)) as store:
        store.write_graph(g)
        # As a server that has run a while: indexes online and sampled, no plan cached from
        # before the schema was dropped and made again (other tests reset it).
        for call in ("CALL db.awaitIndexes(300)", "CALL db.resampleOutdatedIndexes()", "CALL db.clearQueryCaches()"):
            store.run(call, read_only=False)
    return g


def with_filler(g: NewsGraph, pairs: int = 150) -> NewsGraph:
    """`g` plus claims of every type between other actors: on a graph of a few claims a type scan
    costs the planner no more than a seek, on a real one it does."""
    from newsgraph.graph import Node, Relationship, claim_id
    from newsgraph.graph.ids import entity_id

    for i in range(pairs):
        a = Node(id=entity_id("Person", f"Filler {i}"), label="Person", name=f"Filler {i}", aliases=[], articles=["a1"])
        b = Node(id=entity_id("Policy", f"Filler Act {i}"), label="Policy", name=f"Filler Act {i}", aliases=[],
                 articles=["a1"])
        g.add_node(a)
        g.add_node(b)
        for rel in ALL_RELATIONS:
            g.add_relationship(Relationship(id=claim_id(a.id, rel, b.id), subject=a.id, relation=rel, object=b.id,
                                            evidence=[Evidence("a1", "Filler.", 0, 7, "fills", 0.5)]))
    return g


@pytest.mark.bolt
@pytest.mark.parametrize("name", [*CLAIM_QUERIES, "path"])
def test_named_queries_seek_names_by_index(neo4j_loaded, bolt_on, name):
    if name == "path":
        ops = plan_operators(bolt_on.settings, library.cypher_text(name, a="x", b="y"),
                             {"a": "lee park", "b": "okafor"})
        assert ops.count("NodeUniqueIndexSeek") == 2 and not SCANS & set(ops), ops
        return
    ops = plan_operators(bolt_on.settings, library.cypher_text(name, key="x"), {"key": "okafor"})
    assert "NodeUniqueIndexSeek" in ops and not SCANS & set(ops), " ".join(ops)
    # Without a name the query reads every claim of its types: Neo4j picks a label or a type scan
    # by its statistics, both served by a lookup index; never a scan of all nodes.
    ops = plan_operators(bolt_on.settings, library.cypher_text(name), {"key": None})
    assert "AllNodesScan" not in ops, ops


@pytest.mark.bolt
def test_every_write_seeks_its_nodes_by_index(neo4j_loaded, bolt_on):
    from newsgraph.loaders import neo4j_cypher as cy

    g = neo4j_loaded
    statements = list(cy.write_plan(g, 1000, cy.NEO4J))
    reads = [(cy.lock_nodes_by_id(st.label), {"ids": [r["id"] for r in st.rows]})
             for st in statements if st.kind == "nodes"]
    reads += [(cy.read_relationships_by_id(st.relation, cy.NEO4J), {"rows": st.rows})
              for st in statements if st.kind == "relationships"]
    for cypher, params in [(st.cypher, {"rows": st.rows}) for st in statements] + reads:
        ops = plan_operators(bolt_on.settings, cypher, params)
        assert not SCANS & set(ops), (cypher, ops)
        assert any(op.startswith("NodeUniqueIndexSeek") for op in ops), (cypher, ops)
