"""Attack: `newsgraph cypher` is read-only. Every query here, in every spelling, must be refused
and leave the server's users, schema and data exactly as they were.

Runs against the session's Bolt server (ArcadeDB, which ignores READ access mode, so only the
guard stands between these queries and the data; or the Neo4j named by NEO4J_URI).
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import neo4j
import pytest

from bolt_server import Settings
from newsgraph.graph import NewsgraphError
from newsgraph.loaders.neo4j import Connection, Neo4jStore

EXE = str(Path(sys.executable).parent / "newsgraph")

# The queries the independent attack ran (exit 0 or a change that stayed), then the same ideas
# spelt other ways.
REPORTED = [
    "//\rCREATE USER evil2 SET PASSWORD 'evilpassword1'",
    "//x\rDROP INDEX newsgraph_entity_name",
    "//x\rDROP CONSTRAINT newsgraph_entity_id",
    "UNWIND [1,2,3] AS i CALL { WITH i CREATE (:Pwn {v:i}) } IN TRANSACTIONS OF 1 ROWS",
    "MATCH (n:Canary) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS",
    "LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l LIMIT 3",
    "MATCH (n:Canary) SET n:Label RETURN n",
    "MATCH (n:Canary) REMOVE n:Canary RETURN n",
    "CREATE (n:NewLabel)-[:NEW_TYPE]->(m) RETURN n",
]
SPELLINGS = [
    "//x\nCREATE USER evil3 SET PASSWORD 'evilpassword1'",
    "//x\r\nCREATE USER evil4 SET PASSWORD 'evilpassword1'",
    "//x\u2028CREATE USER evil5 SET PASSWORD 'evilpassword1'",
    "//x\u2029DROP INDEX newsgraph_entity_name",
    "//x\x85DROP CONSTRAINT newsgraph_entity_id",
    "/* x */ DROP INDEX newsgraph_entity_name",
    "/**/drop/**/constraint/**/newsgraph_entity_id",
    "dRoP InDeX newsgraph_entity_name",
    "DROP\u00a0INDEX newsgraph_entity_name",
    "DROP\tCONSTRAINT\nnewsgraph_article_id",
    "CREATE INDEX junk IF NOT EXISTS FOR (n:Junk) ON (n.a)",
    "CREATE OR REPLACE USER evil6 SET PASSWORD 'evilpassword1'",
    "ALTER USER newsgraph SET PASSWORD 'changed-password-1'",
    "ALTER CURRENT USER SET PASSWORD FROM 'newsgraph-test-pw' TO 'changed-password-2'",
    "DROP USER root", "CREATE ROLE evilrole", "GRANT ROLE admin TO newsgraph",
    "CREATE DATABASE evildb", "DROP DATABASE neo4j", "STOP DATABASE neo4j",
    "MATCH (n:Canary) DETACH DELETE n", "MATCH (n:Canary) DELETE n",
    "MATCH (n:Canary) WITH n CALL { WITH n DELETE n } RETURN 1",
    "MATCH (n:Canary) CALL (n) { DETACH DELETE n }",
    "CALL { MATCH (n:Canary) RETURN n } IN TRANSACTIONS RETURN n",
    "MERGE (n:Pwn {v: 1}) RETURN n", "MATCH (n:Canary) SET n.v = 99", "MATCH (n:Canary) SET n += {v: 99}",
    "MATCH (n:Canary) FOREACH (x IN [1] | SET n.v = x)",
    "MATCH (n:Canary) REMOVE n.v",
    "UNWIND range(1, 3) AS i CREATE (:Pwn {v: i})",
    "load csv from 'file:///etc/hostname' as l return l",
    "LOAD CSV WITH HEADERS FROM 'file:///etc/passwd' AS l RETURN l",
    "CALL dbms.security.createUser('evil7', 'evilpassword1', false)",
    "CALL apoc.create.node(['Pwn'], {v: 1})",
    "CALL `apoc`.`cypher`.`doIt`('CREATE (:Pwn)', {})",
    "RETURN apoc.cypher.runFirstColumnSingle('CREATE (n:Pwn) RETURN n', {})",
    "//x\u2028'\nCREATE (:Pwn) //'",
    "RETURN 'x' // '\rCREATE (:Pwn)",
    "CREATE (:Pwn) /* never closed",
    "SHOW USERS", "SHOW CURRENT USER", "SHOW DATABASES", "SHOW PRIVILEGES",
    "USE system CREATE USER evil8 SET PASSWORD 'evilpassword1'",
]


def _query(s: Settings, cypher: str) -> list[dict]:
    with neo4j.GraphDatabase.driver(s.uri, auth=(s.user, s.password)) as d:
        with d.session(database=s.database) as ses:
            return ses.run(cypher).data()


def state(s: Settings) -> dict:
    """Users, schema (indexes, constraints, labels, types) and every node and relationship."""
    out = {}
    # Neo4j's SHOW INDEXES counts reads (lastRead, readCount): compare what defines the schema.
    for name, cypher in [("users", "SHOW USERS"),
                         ("indexes", "SHOW INDEXES YIELD name, type, labelsOrTypes, properties RETURN *"),
                         ("constraints", "SHOW CONSTRAINTS YIELD name, type, labelsOrTypes, properties RETURN *"),
                         ("labels", "CALL db.labels()"), ("types", "CALL db.relationshipTypes()"),
                         ("nodes", "MATCH (n) RETURN labels(n) AS l, properties(n) AS p"),
                         ("rels", "MATCH (a)-[r]->(b) RETURN type(r) AS t, properties(r) AS p, "
                                  "properties(a) AS a, properties(b) AS b")]:
        try:
            out[name] = sorted(map(repr, _query(s, cypher)))
        except neo4j.exceptions.Neo4jError as e:  # SHOW USERS needs the system database on Neo4j
            out[name] = f"unavailable: {e.code}"
    return out


@pytest.fixture
def seeded(neo4j_db: Settings) -> Settings:
    with Neo4jStore(Connection(neo4j_db.uri, neo4j_db.user, neo4j_db.password, neo4j_db.database)) as store:
        store.ensure_schema()
        store.run("UNWIND range(1, 3) AS i CREATE (:Canary {v: i})-[:SINGS]->(:Tree {v: i})", read_only=False)
    return neo4j_db


@pytest.mark.bolt
def test_no_query_gets_past_the_guard(seeded):
    before = state(seeded)
    passed, changed = [], []
    with Neo4jStore(Connection(seeded.uri, seeded.user, seeded.password, seeded.database)) as store:
        for cypher in REPORTED + SPELLINGS:
            try:
                rows = store.run(cypher)
                passed.append((cypher, rows[:2]))
            except NewsgraphError:
                pass
            now = state(seeded)
            if now != before:
                changed.append(cypher)
                before = now
    assert not changed, f"changed the server: {changed}"
    assert not passed, f"ran as read-only: {passed}"


def clean_env() -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "NEWSGRAPH_"))}
    return env


@pytest.mark.bolt
def test_the_reported_queries_through_the_command(seeded):
    """Exactly as the attack ran them: one line, exit 2, nothing printed from the server."""
    before = state(seeded)
    db = ["--database", seeded.database] if seeded.database else []
    for cypher in REPORTED:
        r = subprocess.run([EXE, "cypher", cypher, "--uri", seeded.uri, "--user", seeded.user, *db],
                           capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL,
                           env={**clean_env(), "NEO4J_PASSWORD": seeded.password})
        assert r.returncode == 2, (cypher, r.returncode, r.stdout, r.stderr)
        assert r.stdout == "" and r.stderr.count("\n") == 1, (cypher, r.stderr)
        assert "only read queries are allowed here" in r.stderr, r.stderr
        assert "root:" not in r.stdout + r.stderr
    assert state(seeded) == before


@pytest.mark.bolt
def test_reading_still_works(seeded):
    with Neo4jStore(Connection(seeded.uri, seeded.user, seeded.password, seeded.database)) as store:
        rows = store.run("// canaries\rMATCH (n:Canary)-[:SINGS]->(t) RETURN n.v AS v ORDER BY v")
        assert rows == [{"v": 1}, {"v": 2}, {"v": 3}]
        assert {"label": "Canary"} in store.run("CALL db.labels()")
