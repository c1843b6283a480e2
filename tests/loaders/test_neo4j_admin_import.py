"""neo4j-admin import, for real: `export --format neo4j-admin` output imported by Neo4j's own import
tool (AdminTool of the test server's version, from Maven Central) into a fresh database, started:
the named queries give the rows they give after `newsgraph load`."""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from neo4j_server import JVM_FLAGS, Neo4jServer, Unavailable, classpath
from newsgraph.graph import Article, Claim, Entity, Evidence, Extraction, NewsGraph, normalize
from newsgraph.loaders.export import export
from newsgraph.loaders.neo4j import Connection, Neo4jStore
from newsgraph.loaders.neo4j_cypher import published
from newsgraph.queries import library

pytestmark = [pytest.mark.bolt, pytest.mark.slow]

ENTITIES = {"Maria Alvarez": ("Person", ["the governor"]), "Tom Okafor": ("Person", []),
            "Civic Fund": ("Organization", ["the fund"]), "Safe Streets Act": ("Policy", ["the bill"]),
            "ICE": ("Organization", ["Immigration and Customs Enforcement"]), "Springfield": ("Place", [])}
CLAIMS = [  # article, subject, relation, object, sentence
    ("a1", "Maria Alvarez", "OPPOSES", "Safe Streets Act", 'Alvarez said "no"; then, she\nopposed the bill.'),
    ("a1", "Civic Fund", "FUNDS", "Tom Okafor", "Civic Fund bankrolled Okafor."),
    ("a1", "Tom Okafor", "SUPPORTS", "Safe Streets Act", "Okafor backed the bill, twice."),
    ("a2", "Maria Alvarez", "OPPOSES", "Safe Streets Act", "Alvarez vowed to veto the bill."),
    ("a2", "Tom Okafor", "CRITICIZES", "ICE", "Okafor slammed ICE."),
    ("a2", "Maria Alvarez", "AFFILIATED_WITH", "Springfield", "Springfield Governor Maria Alvarez spoke."),
]
QUERY_KEYS = {"who-opposes": [None, "the bill", "nothing"], "who-supports": [None, "Safe Streets Act"],
              "funders": [None, "Okafor"], "critics": [None, "Immigration and Customs Enforcement"],
              "profile": [None, "Alvarez", "the fund"]}


def graph() -> NewsGraph:
    g = NewsGraph()
    for aid, date in (("a1", "2026-11-20"), ("a2", "Tuesday, Nov 24")):
        mine = [c for c in CLAIMS if c[0] == aid]
        claims, pos = [], 0
        for _, s, rel, o, sentence in mine:
            claims.append(Claim(s, ENTITIES[s][0], rel, o, ENTITIES[o][0],
                                [Evidence(aid, sentence, pos, pos + len(sentence), sentence.split()[1], 0.8)]))
            pos += len(sentence) + 1
        names = sorted({c[1] for c in mine} | {c[3] for c in mine})
        g.add(Extraction(Article(" ".join(c[4] for c in mine), id=aid, title=f"Story {aid}", date=date,
                                 url=f"https://news.example/{aid}", source=f"/home/me/{aid}.json"),
                         [Entity(n, *ENTITIES[n]) for n in names], claims))
    return g


def answers(store: Neo4jStore) -> dict:
    out = {}
    for name, keys in QUERY_KEYS.items():
        for key in keys:
            out[name, key] = store.run(library.cypher_text(name, key=key), {"key": normalize(key) if key else None})
    out["path"] = store.run(library.cypher_text("path", a="x", b="y"),
                            {"a": normalize("Civic Fund"), "b": normalize("Alvarez")})
    return out


def neo4j_admin_on_path(home: Path, bin_dir: Path) -> None:
    """`$NEO4J_HOME/bin/neo4j-admin`: Neo4j's AdminTool on the classpath Maven resolved."""
    bin_dir.mkdir(parents=True, exist_ok=True)
    script = bin_dir / "neo4j-admin"
    script.write_text("#!/bin/sh\n"
                      f'NEO4J_CONF="{home}/conf" exec java {" ".join(JVM_FLAGS)} -cp "{classpath()}" '
                      'org.neo4j.cli.AdminTool "$@"\n')
    script.chmod(0o755)
    (home / "conf").mkdir(parents=True, exist_ok=True)


def import_sh(folder: Path, home: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "NEO4J_HOME": str(home)}
    return subprocess.run(["sh", str(folder / "import.sh"), *args], capture_output=True, text=True,
                          env=env, timeout=600)


def test_imported_database_answers_like_a_loaded_one(tmp_path, neo4j_db):
    g = graph()
    with Neo4jStore(Connection(neo4j_db.uri, neo4j_db.user, neo4j_db.password, neo4j_db.database)) as store:
        store.write_graph(g)
        loaded = answers(store)
    assert loaded["who-opposes", None] and loaded["path"]

    folder = tmp_path / "export"
    export(g, "neo4j-admin", folder)
    home = tmp_path / "neo4j-home"
    try:
        neo4j_admin_on_path(home, home / "bin")
    except Unavailable as e:
        pytest.skip(str(e))
    # A Neo4j that has run once already holds an (empty) `neo4j` database, as a fresh install does.
    Neo4jServer(home=home).start().stop()
    refused = import_sh(folder, home)
    assert refused.returncode != 0
    done = import_sh(folder, home, "neo4j", "--overwrite-destination=true")
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]

    server = Neo4jServer(home=home)
    try:
        server.start()
        s = server.settings()
        with Neo4jStore(Connection(s.uri, s.user, s.password, s.database)) as store:
            for statement in (folder / "schema.cypher").read_text().split(";\n"):
                if statement.strip():
                    store.run(statement, read_only=False)
            assert answers(store) == loaded
            back = store.graph()  # and the whole graph reads back as loaded
            assert list(back.nodes()) == list(g.nodes()) and list(back.relationships()) == list(g.relationships())
            assert back.articles == {k: published(a) for k, a in g.articles.items()}
            dates = store.run("MATCH (a:Article) RETURN a.id AS id, toString(a.date) AS date, "
                              "a.date_text AS text, a.source AS source ORDER BY id")
        assert dates == [{"id": "a1", "date": "2026-11-20", "text": None, "source": "news.example"},
                         {"id": "a2", "date": None, "text": "Tuesday, Nov 24", "source": "news.example"}]
    finally:
        server.stop()
