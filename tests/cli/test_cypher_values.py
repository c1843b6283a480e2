"""`newsgraph cypher` shows what Neo4j returns: nodes, relationships and paths keep labels, type,
properties and endpoints, in the table and in --json."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import neo4j
import pytest


def cli(settings, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "NEO4J_URI": settings.uri, "NEO4J_USERNAME": settings.user,
           "NEO4J_PASSWORD": settings.password, "NEO4J_DATABASE": settings.database or ""}
    return subprocess.run([str(Path(sys.executable).parent / "newsgraph"), "cypher", *args],
                          capture_output=True, text=True, env=env, timeout=120)


@pytest.fixture
def funded(neo4j_db):
    with neo4j.GraphDatabase.driver(neo4j_db.uri, auth=(neo4j_db.user, neo4j_db.password)) as d:
        d.execute_query("CREATE (:Entity:Organization {name: 'Civic Fund'})-[:FUNDS {confidence: 0.9}]->"
                        "(:Entity:Person {name: 'Tom Okafor'})<-[:CRITICIZES {confidence: 0.6}]-"
                        "(:Entity:Person {name: 'Maria Alvarez'})", database_=neo4j_db.database)
    return neo4j_db


@pytest.mark.bolt
def test_relationships_keep_type_properties_and_endpoints_in_json(funded):
    out = cli(funded, "MATCH (a)-[r:FUNDS]->(b) RETURN a, r, b", "--json")
    assert out.returncode == 0, out.stderr
    [row] = json.loads(out.stdout)
    assert row["a"]["labels"] == ["Entity", "Organization"] and row["a"]["properties"] == {"name": "Civic Fund"}
    assert row["r"]["type"] == "FUNDS" and row["r"]["properties"] == {"confidence": 0.9}
    assert (row["r"]["start"], row["r"]["end"]) == (row["a"]["elementId"], row["b"]["elementId"])


@pytest.mark.bolt
def test_paths_keep_their_order_and_directions(funded):
    q = "MATCH p = (:Entity {name: 'Civic Fund'})-[*2]-(:Entity {name: 'Maria Alvarez'}) RETURN p"
    out = cli(funded, q, "--json")
    assert out.returncode == 0, out.stderr
    [row] = json.loads(out.stdout)
    path = row["p"]
    assert path["length"] == 2
    assert [n["properties"]["name"] for n in path["nodes"]] == ["Civic Fund", "Tom Okafor", "Maria Alvarez"]
    assert [r["type"] for r in path["relationships"]] == ["FUNDS", "CRITICIZES"]
    table = cli(funded, q)
    assert table.returncode == 0, table.stderr
    assert "(Civic Fund)-[:FUNDS]->(Tom Okafor)<-[:CRITICIZES]-(Maria Alvarez)" in table.stdout


@pytest.mark.bolt
def test_a_relationship_in_the_table_is_not_empty_maps(funded):
    out = cli(funded, "MATCH ()-[r:FUNDS]->() RETURN r")
    assert out.returncode == 0, out.stderr
    assert "[:FUNDS {confidence: 0.9}]->" in out.stdout and "{}" not in out.stdout
