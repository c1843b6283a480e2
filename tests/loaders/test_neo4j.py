"""The Neo4j store against a real Bolt server: round trips, idempotence, errors, read-only Cypher."""
from __future__ import annotations

import os

import neo4j
import pytest

from bolt_server import BoltServer, Settings
from newsgraph.graph import (Article, Claim, Entity, Evidence, Extraction, LABELS, Neo4jError, NewsGraph,
                             QueryError, RELATIONS)
from newsgraph.loaders.neo4j import Connection, Neo4jStore, browser_style, dry_run
from newsgraph.loaders.neo4j_cypher import published

PASSWORD_MARK = "s3cret-Pa55word"


def conn(s: Settings, **over) -> Connection:
    return Connection(**{"uri": s.uri, "user": s.user, "password": s.password, "database": s.database,
                         **over})


def ev(article: str, sentence: str, start: int, predicate: str, confidence: float = 0.8,
       negated: bool = False, hedged: bool = False) -> Evidence:
    return Evidence(article, sentence, start, start + len(predicate), predicate, confidence, negated, hedged)


def extraction(aid: str, names: list[tuple[str, str, list[str]]],
               claims: list[tuple[str, str, str, str, float]], title: str = "") -> Extraction:
    """An article's extraction from (name, label, aliases) and (subject, relation, object, sentence, conf)."""
    labels = {n: lab for n, lab, _ in names}
    text = " ".join(c[3] for c in claims) or "nothing"
    out = Extraction(Article(text=text, id=aid, title=title or f"Title of {aid}", date="2026-11-24",
                             url=f"https://news.example/{aid}", source=f"{aid}.json"),
                     [Entity(n, lab, list(al)) for n, lab, al in names])
    pos = 0
    for subj, rel, obj, sentence, conf in claims:
        out.claims.append(Claim(subj, labels[subj], rel, obj, labels[obj],
                                [ev(aid, sentence, pos, sentence.split()[1], conf)],
                                role="spokeswoman" if rel == "AFFILIATED_WITH" else "",
                                predicate="met with" if rel == "RELATED_TO" else ""))
        pos += len(sentence) + 1
    return out


def small_graph(articles: int = 2) -> NewsGraph:
    g = NewsGraph()
    ents = [("Larry Krasner", "Person", ["Krasner", "the district attorney"]),
            ("ICE", "Organization", ["Immigration and Customs Enforcement"]),
            ("Philadelphia", "Place", []), ("ICE OUT", "Policy", ["the ordinance"]),
            ("protesters", "Group", [])]
    batches = [
        [("Larry Krasner", "SUPPORTS", "ICE OUT", "Krasner backs the ICE OUT ordinance.", 0.9),
         ("ICE", "OPPOSES", "ICE OUT", "ICE rejects the ordinance.", 0.75),
         ("Larry Krasner", "AFFILIATED_WITH", "Philadelphia", "Philadelphia DA Larry Krasner spoke.", 0.6),
         ("protesters", "RELATED_TO", "ICE", "Protesters met with ICE agents.", 0.4)],
        [("Larry Krasner", "CRITICIZES", "ICE", "Krasner slammed ICE on Tuesday.", 0.85),
         ("ICE", "OPPOSES", "ICE OUT", "ICE vowed to fight the ordinance.", 0.95),
         ("protesters", "SUPPORTS", "ICE OUT", "Protesters cheered the ordinance.", 0.7)],
    ]
    for i in range(articles):
        g.add(extraction(f"art-{i}", ents, batches[i % 2]))
    return g


def as_published(g: NewsGraph) -> NewsGraph:
    """`g` as Neo4j keeps it: articles' local paths dropped, source the URL's host."""
    out = NewsGraph()
    for n in g.nodes():
        out.add_node(n)
    for r in g.relationships():
        out.add_relationship(r)
    out.articles = {k: published(a) for k, a in g.articles.items()}
    return out


def snapshot(s: Settings) -> tuple[list, list]:
    """Everything in the database: every node's labels and properties, every relationship's."""
    with neo4j.GraphDatabase.driver(s.uri, auth=(s.user, s.password)) as d:
        with d.session(database=s.database) as ses:
            nodes = ses.run("MATCH (n) RETURN labels(n) AS l, properties(n) AS p").data()
            rels = ses.run("MATCH (a)-[r]->(b) RETURN properties(a) AS a, type(r) AS t, properties(r) AS p, "
                           "properties(b) AS b").data()
    return (sorted(((sorted(n["l"]), n["p"]) for n in nodes), key=repr), sorted(rels, key=repr))


def counts(s: Settings) -> dict:
    nodes, rels = snapshot(s)
    return {"nodes": len(nodes), "relationships": len(rels),
            "node_properties": sum(len(p) for _, p in nodes),
            "relationship_properties": sum(len(r["p"]) for r in rels)}


@pytest.mark.bolt
def test_round_trip_gives_an_equal_graph(neo4j_db):
    g = small_graph()
    with Neo4jStore(conn(neo4j_db)) as store:
        written = store.write_graph(g)
        back = store.graph()
    assert back == as_published(g)
    assert written["nodes"] == 5 and written["relationships"] == len(list(g.relationships()))
    assert written["articles"] == 2


@pytest.mark.bolt
def test_domain_model_on_the_server(neo4j_db):
    g = small_graph()
    with Neo4jStore(conn(neo4j_db)) as store:
        store.write_graph(g)
        krasner = store.run("MATCH (n:Entity:Person) RETURN n.name AS name, n.label AS label, "
                            "n.keys AS keys, n.articles AS articles")
        opposes = store.run("MATCH (:Entity)-[r:OPPOSES]->(:Entity) RETURN r.confidence AS c, "
                            "r.articles AS a, r.ev_predicates AS p, r.ev_negated AS neg")
        mentions = store.run("MATCH (a:Article)-[:MENTIONS]->(n:Entity) RETURN count(*) AS c")
        labels = store.run("MATCH (n:Entity) RETURN labels(n) AS l")
        articles = store.run("MATCH (a:Article)-[:MENTIONS]->(:Entity {name: 'Larry Krasner'}) "
                             "WHERE a.date >= date('2026-11-01') RETURN a.id AS id, a.date AS date, "
                             "a.url AS url, a.source AS source ORDER BY id")
        names = store.run("MATCH (:Name {key: 'district attorney'})<-[:KNOWN_AS]-(n) RETURN n.name AS n")
    assert krasner == [{"name": "Larry Krasner", "label": "Person", "articles": ["art-0", "art-1"],
                        "keys": ["district attorney", "krasner", "larry krasner"]}]
    assert opposes == [{"c": 0.95, "a": ["art-0", "art-1"], "p": ["rejects", "vowed"], "neg": [False, False]}]
    assert mentions == [{"c": 10}]
    assert all(len(r["l"]) == 2 and "Entity" in r["l"] for r in labels)
    # Dates are Neo4j dates; the URL stays, its host is the source, the local file name is gone.
    assert articles == [{"id": f"art-{i}", "date": neo4j.time.Date(2026, 11, 24), "url": f"https://news.example/art-{i}",
                         "source": "news.example"} for i in (0, 1)]
    assert names == [{"n": "Larry Krasner"}]


@pytest.mark.bolt
def test_loading_twice_changes_nothing(neo4j_db):
    g = small_graph()
    with Neo4jStore(conn(neo4j_db)) as store:
        store.write_graph(g)
        first, first_counts = snapshot(neo4j_db), counts(neo4j_db)
        store.write_graph(g, batch_size=2)
    assert counts(neo4j_db) == first_counts
    assert snapshot(neo4j_db) == first


@pytest.mark.bolt
def test_a_graph_with_more_articles_merges_into_the_same_nodes(neo4j_db):
    with Neo4jStore(conn(neo4j_db)) as store:
        store.write_graph(small_graph(1))
        # What `import --neo4j` does: read, merge new articles client-side, write the result.
        merged = store.graph()
        merged.add(extraction("art-1", [("Larry Krasner", "Person", []), ("ICE", "Organization", []),
                                        ("ICE OUT", "Policy", [])],
                              [("ICE", "OPPOSES", "ICE OUT", "ICE vowed to fight the ordinance.", 0.95)]))
        store.write_graph(merged)
        back = store.graph()
        n = store.run("MATCH (n:Entity) RETURN count(n) AS c")[0]["c"]
        ev = store.run("MATCH ()-[r:OPPOSES]->() RETURN r.ev_articles AS a, r.confidence AS c")
    assert back == as_published(merged)
    assert n == 5
    assert ev == [{"a": ["art-0", "art-1"], "c": 0.95}]


@pytest.mark.bolt
def test_a_graph_of_only_new_articles_adds_to_what_is_stored(neo4j_db):
    whole = small_graph(2)
    only_new = NewsGraph()
    only_new.add(extraction("art-1", [("Larry Krasner", "Person", ["Krasner", "the district attorney"]),
                                      ("ICE", "Organization", ["Immigration and Customs Enforcement"]),
                                      ("Philadelphia", "Place", []), ("ICE OUT", "Policy", ["the ordinance"]),
                                      ("protesters", "Group", [])],
                            [("Larry Krasner", "CRITICIZES", "ICE", "Krasner slammed ICE on Tuesday.", 0.85),
                             ("ICE", "OPPOSES", "ICE OUT", "ICE vowed to fight the ordinance.", 0.95),
                             ("protesters", "SUPPORTS", "ICE OUT", "Protesters cheered the ordinance.", 0.7)]))
    with Neo4jStore(conn(neo4j_db)) as store:
        store.write_graph(small_graph(1))
        store.write_graph(only_new)
        assert store.graph() == as_published(whole)
        first = snapshot(neo4j_db)
        store.write_graph(only_new)  # again: nothing changes
        assert snapshot(neo4j_db) == first
        store.write_graph(only_new, merge=False)  # overwrite: the stored claims lose art-0
        assert store.run("MATCH ()-[r:OPPOSES]->() RETURN r.articles AS a") == [{"a": ["art-1"]}]


@pytest.mark.bolt
def test_two_writers_loading_overlapping_graphs_at_once(neo4j_db):
    from concurrent.futures import ThreadPoolExecutor

    g1, g2 = small_graph(1), small_graph(2)

    def load(g: NewsGraph) -> dict:
        with Neo4jStore(conn(neo4j_db)) as store:
            return store.write_graph(g, batch_size=2)

    with ThreadPoolExecutor(2) as pool:
        list(pool.map(load, [g1, g2]))
    with Neo4jStore(conn(neo4j_db)) as store:
        assert store.graph() == as_published(g2)
        assert store.run("MATCH (n:Entity) RETURN count(n) AS c") == [{"c": 5}]


@pytest.mark.bolt
def test_two_writers_adding_new_articles_to_stored_nodes_lose_nothing(neo4j_db):
    # Both read the same stored nodes and claims, union their own article in and write: without a
    # lock taken before the read, the later writer would overwrite the earlier one's article.
    from concurrent.futures import ThreadPoolExecutor

    base = small_graph(1)
    with Neo4jStore(conn(neo4j_db)) as store:
        store.write_graph(base)
    ents = [("Larry Krasner", "Person", []), ("ICE", "Organization", []), ("ICE OUT", "Policy", [])]
    extra = [NewsGraph() for _ in range(4)]
    for i, g in enumerate(extra):
        g.add(extraction(f"new-{i}", ents, [("ICE", "OPPOSES", "ICE OUT", f"ICE fought it, take {i}.", 0.5)]))

    def load(g: NewsGraph) -> dict:
        with Neo4jStore(conn(neo4j_db)) as store:
            return store.write_graph(g)

    with ThreadPoolExecutor(4) as pool:
        list(pool.map(load, extra))
    with Neo4jStore(conn(neo4j_db)) as store:
        ice = store.run("MATCH (n:Entity {name: 'ICE'}) RETURN n.articles AS a")
        opposes = store.run("MATCH (:Entity {name: 'ICE'})-[r:OPPOSES]->() RETURN r.articles AS a")
    assert ice == [{"a": ["art-0", "new-0", "new-1", "new-2", "new-3"]}]
    assert opposes == [{"a": ["art-0", "new-0", "new-1", "new-2", "new-3"]}]


NASTY = ["O'Brien \"the\" `Boss`", "Robert'); MATCH (n) DETACH DELETE n //", "{name: 'x'} \\ back\\slash",
         "Line\nbreak\r\ttab", "MERGE CREATE DELETE RETURN", "Ünïcødé — 東京 🚀", "$rows ${x} {{y}}"]


@pytest.mark.bolt
def test_injection_names_round_trip_and_touch_nothing_else(neo4j_db):
    g = NewsGraph()
    ents = [(name, LABELS[i % len(LABELS)], [name + " alias'`\\"]) for i, name in enumerate(NASTY)]
    claims = [(NASTY[i], "RELATED_TO" if i % 2 else "OPPOSES", NASTY[(i + 1) % len(NASTY)],
               f"{NASTY[i]} said: \"}}); DROP //\" \\n {i}", 0.5) for i in range(len(NASTY))]
    g.add(extraction("art'`\"\\}-1", ents, claims, title="Title with 'quotes' and `ticks` // {x}"))
    with neo4j.GraphDatabase.driver(neo4j_db.uri, auth=(neo4j_db.user, neo4j_db.password)) as d:
        with d.session(database=neo4j_db.database) as ses:
            ses.run("CREATE (:Bystander {name: 'keep me', n: 1})-[:KNOWS {since: 2020}]->(:Bystander {name: 'me too'})").consume()
    before = snapshot(neo4j_db)
    with Neo4jStore(conn(neo4j_db)) as store:
        store.write_graph(g)
        back = store.graph()
    assert back == as_published(g)
    assert {n.name for n in back.nodes()} == set(NASTY)
    nodes, rels = snapshot(neo4j_db)
    assert [n for n in nodes if "Bystander" in n[0]] == [n for n in before[0]]
    assert [r for r in rels if r["t"] == "KNOWS"] == before[1]


@pytest.mark.bolt
def test_wrong_password_is_one_line_without_the_password(bolt):
    with pytest.raises(Neo4jError) as err:
        Neo4jStore(conn(bolt, password=PASSWORD_MARK))
    text = str(err.value)
    assert "login refused" in text and PASSWORD_MARK not in text and "\n" not in text


def test_unreachable_server_is_one_line_without_the_password():
    from bolt_server import free_port

    c = Connection(f"bolt://127.0.0.1:{free_port()}", "neo4j", PASSWORD_MARK)
    with pytest.raises(Neo4jError) as err:
        Neo4jStore(c, connect_timeout=3)
    text = str(err.value)
    assert "cannot reach" in text and PASSWORD_MARK not in text and "\n" not in text


@pytest.mark.bolt
def test_missing_database_is_named(bolt):
    with pytest.raises(Neo4jError) as err:
        Neo4jStore(conn(bolt, database="no_such_db"))
    text = str(err.value)
    assert "'no_such_db' does not exist" in text and bolt.password not in text


@pytest.mark.parametrize("uri", ["http://localhost:7474", "localhost:7687",
                                 f"ftp://neo4j:{PASSWORD_MARK}@host:7687"])
def test_bad_uri_scheme_is_refused_before_connecting(uri):
    with pytest.raises(Neo4jError) as err:
        Neo4jStore(Connection(uri, "neo4j", PASSWORD_MARK))
    assert "not a Neo4j URI" in str(err.value) and PASSWORD_MARK not in str(err.value)


def test_a_password_inside_the_uri_is_refused_without_echoing_it():
    with pytest.raises(Neo4jError) as err:
        Neo4jStore(Connection(f"bolt://neo4j:{PASSWORD_MARK}@localhost:1", "neo4j", ""))
    assert "not inside the URI" in str(err.value) and PASSWORD_MARK not in str(err.value)
    assert "bolt://localhost:1" in str(err.value)


@pytest.mark.bolt
def test_read_only_run_refuses_writes_and_leaves_no_trace(neo4j_db):
    with Neo4jStore(conn(neo4j_db)) as store:
        with pytest.raises(QueryError, match="writes"):
            store.run("CREATE (n:Intruder {x: 1}) RETURN n.x AS x")
        assert store.run("MATCH (n:Intruder) RETURN count(n) AS c") == [{"c": 0}]
        assert store.run("CREATE (n:Allowed {x: $x}) RETURN n.x AS x", {"x": 2}, read_only=False) == [{"x": 2}]
        assert store.run("MATCH (n:Allowed) RETURN n.x AS x") == [{"x": 2}]


@pytest.mark.bolt
@pytest.mark.parametrize("statement", [
    "CREATE INDEX junk IF NOT EXISTS FOR (n:Junk) ON (n.a)",
    "// harmless?\ncreate constraint junk_c if not exists for (n:Junk) require n.b is unique",
    "CREATE TEXT INDEX junk_t IF NOT EXISTS FOR (n:Junk) ON (n.c)",
    "DROP CONSTRAINT newsgraph_entity_id"])
def test_read_only_run_refuses_schema_changes(neo4j_db, statement):
    with Neo4jStore(conn(neo4j_db)) as store:
        store.ensure_schema()
        # Neo4j's SHOW INDEXES counts reads (lastRead, readCount): compare what defines the schema.
        schema = ("SHOW INDEXES YIELD name, type, labelsOrTypes, properties RETURN * ORDER BY name",
                  "SHOW CONSTRAINTS YIELD name, type, labelsOrTypes, properties RETURN * ORDER BY name")
        before = [store.run(q) for q in schema]
        with pytest.raises(QueryError, match="only read queries"):
            store.run(statement)
        assert [store.run(q) for q in schema] == before


@pytest.mark.bolt
def test_bad_cypher_is_a_query_error(neo4j_db):
    with Neo4jStore(conn(neo4j_db)) as store:
        with pytest.raises(QueryError, match="Cypher failed"):
            store.run("MATCH (n RETURN n")


@pytest.mark.bolt
def test_schema_is_created_and_enforced(neo4j_db):
    with Neo4jStore(conn(neo4j_db)) as store:
        store.ensure_schema()
        store.ensure_schema()  # IF NOT EXISTS: twice is fine
        names = {r["name"] for r in store.run("SHOW CONSTRAINTS")}
        assert {"newsgraph_entity_id", "newsgraph_article_id"} <= names
        store.run("CREATE (:Entity:Person {id: 'dup'})", read_only=False)
        with pytest.raises(QueryError):
            store.run("CREATE (:Entity:Place {id: 'dup'})", read_only=False)


@pytest.mark.bolt
def test_progress_reports_every_row(neo4j_db):
    g = small_graph()
    seen: list[int] = []
    with Neo4jStore(conn(neo4j_db)) as store:
        out = store.write_graph(g, batch_size=3, progress=seen.append)
    planned = [rows for _, rows in dry_run(g, batch_size=3) if rows]
    assert seen == planned and len(seen) == out["batches"]
    assert sum(seen) == out["nodes"] + out["names"] + out["articles"] + out["mentions"] + out["relationships"]


@pytest.mark.bolt
def test_server_killed_mid_load_then_reload_completes(tmp_path):
    if os.environ.get("NEO4J_URI"):
        pytest.skip("needs a server this test may kill")
    pytest.importorskip("arcadedb_embedded")
    g = NewsGraph()
    ents = [(f"Person {i}", "Person", []) for i in range(60)] + [(f"Bill {i}", "Policy", []) for i in range(20)]
    claims = [(f"Person {i}", RELATIONS[(i + j) % 4], f"Bill {j}", f"Person {i} acts on Bill {j}.", 0.5)
              for i in range(60) for j in range(0, 20, 3)]
    g.add(extraction("big", ents, claims))
    server = BoltServer(root=tmp_path / "srv")
    try:
        server.start()
        s = server.settings()
        batches = 0

        def kill_after_three(_: int) -> None:
            nonlocal batches
            batches += 1
            if batches == 3:
                server.kill()

        with pytest.raises(Neo4jError) as err:
            with Neo4jStore(conn(s), retry_seconds=2) as store:
                store.write_graph(g, batch_size=50, progress=kill_after_three)
        assert "lost the server" in str(err.value) and "\n" not in str(err.value)
        assert s.password not in str(err.value)

        server.start()
        with Neo4jStore(conn(s)) as store:
            store.write_graph(g, batch_size=50)
            assert store.graph() == as_published(g)
        reloaded = snapshot(s)
        server.reset()
        with Neo4jStore(conn(s)) as store:
            store.write_graph(g, batch_size=50)
        assert snapshot(s) == reloaded
    finally:
        server.cleanup()


def test_dry_run_connects_to_nothing_and_counts_rows():
    g = small_graph()
    plan = list(dry_run(g, batch_size=2))
    assert plan[0][0].startswith("CREATE CONSTRAINT") and plan[0][1] == 0
    rels = sum(rows for cypher, rows in plan if "MERGE (s)-[r:" in cypher)
    assert rels == len(list(g.relationships()))
    assert all("UNWIND $rows" in c for c, rows in plan if rows)
    assert max(rows for _, rows in plan) == 2
    assert not any("Larry" in c for c, _ in plan)  # values travel as parameters only


def test_connection_from_env_prefers_flags(monkeypatch):
    monkeypatch.setenv("NEO4J_URI", "bolt://envhost:7687")
    monkeypatch.setenv("NEO4J_USERNAME", "envuser")
    monkeypatch.setenv("NEO4J_PASSWORD", PASSWORD_MARK)
    monkeypatch.setenv("NEO4J_DATABASE", "envdb")
    c = Connection.from_env()
    assert (c.uri, c.user, c.password, c.database) == ("bolt://envhost:7687", "envuser", PASSWORD_MARK, "envdb")
    c = Connection.from_env(uri="neo4j://flag:7687", user="u", password="p", database="d")
    assert (c.uri, c.user, c.password, c.database) == ("neo4j://flag:7687", "u", "p", "d")
    assert PASSWORD_MARK not in repr(Connection.from_env())


def test_browser_style_colours_every_label_and_captions_names():
    css = browser_style()
    for label in LABELS:
        block = css.split(f"node.{label} {{", 1)[1].split("\n}", 1)[0]
        assert "color: #" in block and "caption: '{name}'" in block
    assert "caption: '<type>'" in css
    for rel in RELATIONS:
        assert f"relationship.{rel} {{" in css
