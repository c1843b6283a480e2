"""Attack: odd Neo4j input. A node another tool wrote in a shape newsgraph cannot read is skipped and
named; URIs with a password holding / ? # or a broken IPv6 host are one line, password never shown;
the driver's own log lines never reach stderr; `--model numpy` is one line."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import neo4j
import pytest

from bolt_server import Settings
from newsgraph.loaders.neo4j import Connection, Neo4jStore
from sample_graphs import many_claims

pytestmark = pytest.mark.slow  # real commands

EXE = str(Path(sys.executable).parent / "newsgraph")
SECRET = "pa/ss?w#rd-9931"


def newsgraph(*args: str, password: str = "x") -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "NEWSGRAPH_"))}
    return subprocess.run([EXE, *args], capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL,
                          env={**env, "NEO4J_PASSWORD": password})


@pytest.mark.parametrize("uri", [f"bolt://neo4j:{SECRET}@127.0.0.1:7687", f"neo4j://u:{SECRET}@[::1]:7687",
                                 "bolt://[::1", "bolt://127.0.0.1:99999", "bolt://[fe80::1%zz]:x"])
def test_odd_uris_are_one_line_without_the_password(uri):
    r = newsgraph("stats", "--neo4j", "--uri", uri, "--timeout", "3")
    assert r.returncode == 2 and r.stderr.count("\n") == 1, r.stderr
    assert "internal error" not in r.stderr
    for part in ("pa/ss", "w#rd", SECRET):
        assert part not in r.stderr


def test_a_module_that_is_not_a_model_is_one_line(tmp_path):
    (tmp_path / "a.txt").write_text("Senator Tom Okafor opposed the Fair Rent Act.")
    r = newsgraph("extract", str(tmp_path / "a.txt"), "--model", "numpy")
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and "not a spaCy pipeline" in r.stderr, r.stderr


def test_driver_log_lines_do_not_reach_stderr():
    code = ("import logging, newsgraph.loaders.neo4j; "
            "logging.getLogger('neo4j.notifications').warning('Received notification from DBMS server')")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert r.stderr == ""


@pytest.mark.bolt
def test_a_node_another_tool_wrote_is_skipped_and_named(neo4j_db: Settings, tmp_path):
    s = neo4j_db
    with Neo4jStore(Connection(s.uri, s.user, s.password, s.database)) as store:
        store.write_graph(many_claims(people=4, bills=5))
    with neo4j.GraphDatabase.driver(s.uri, auth=(s.user, s.password)) as d, d.session(database=s.database) as ses:
        ses.run("CREATE (:Entity:Person {id: 'bad-node-1', label: 'Person', name: 42, aliases: [1, 2], articles: 'big'})").consume()
    db = ["--database", s.database] if s.database else []
    conn = ["--uri", s.uri, "--user", s.user, *db]
    runs = {"stats": ["stats", "--neo4j", "--json"],
            "export": ["export", "--neo4j", "--format", "jsonl", "-o", str(tmp_path / "g.jsonl")],
            "view": ["view", "--neo4j", "-o", str(tmp_path / "g.html")],
            "query": ["query", "who-opposes", "--neo4j"],
            "import": ["import", str(tmp_path / "a.txt"), "--neo4j"]}
    (tmp_path / "a.txt").write_text("Senator Tom Okafor opposed the Fair Rent Act.", encoding="utf-8")
    for name, argv in runs.items():
        r = newsgraph(*argv, *conn, password=s.password)
        assert "internal error" not in r.stderr and "Traceback" not in r.stderr, (name, r.stderr)
        if name == "query":  # Cypher on the server: the node is not a claim's end, so nothing to skip
            assert r.returncode == 0, r.stderr
            continue
        named = [ln for ln in r.stderr.splitlines() if "bad-node-1" in ln]
        assert r.returncode == 1 and len(named) == 1, (name, r.returncode, r.stderr)
    exported = [json.loads(ln) for ln in (tmp_path / "g.jsonl").read_text().splitlines()]
    assert sum(1 for e in exported if e["kind"] == "node") >= 9  # the 4 people and 5 bills (and the import's)
    assert (tmp_path / "g.html").exists()


@pytest.mark.bolt
def test_the_driver_notifications_stay_quiet(neo4j_db: Settings):
    # A query that makes Neo4j send a notification (a cartesian product); ArcadeDB sends none,
    # and either way nothing but rows may be printed.
    s = neo4j_db
    r = newsgraph("cypher", "MATCH (a), (b) RETURN count(*) AS n", "--uri", s.uri, "--user", s.user,
                  *(["--database", s.database] if s.database else []), password=s.password)
    assert r.returncode == 0 and r.stderr == "", r.stderr
