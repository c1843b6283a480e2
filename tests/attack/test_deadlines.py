"""Attack: a Neo4j server that stops answering. Every command gives up after its deadline with one
line naming what timed out and exit 2; `load` says how many whole batches it wrote.

Real loopback servers: `MuteBolt` logs the driver in and then answers nothing; `BlackHoleProxy`
carries a connection to the real Bolt server until a few KB have passed, then nothing.
Deadlines here are a second or two, and every run has a hard subprocess timeout.
"""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bolt_server import Settings
from sample_graphs import many_claims, store_of
from silent_servers import BlackHoleProxy, MuteBolt

pytestmark = pytest.mark.slow  # one real command per case, each waiting out its deadline

EXE = str(Path(sys.executable).parent / "newsgraph")
HARD_LIMIT = 60  # seconds: a run this long is a hang


def clean_env(**extra: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "NEWSGRAPH_"))}
    return {**env, **extra}


def newsgraph(*args: str, env: dict | None = None) -> tuple[subprocess.CompletedProcess, float]:
    t0 = time.monotonic()
    r = subprocess.run([EXE, *args], capture_output=True, text=True, timeout=HARD_LIMIT,
                       stdin=subprocess.DEVNULL, env=env or clean_env(NEO4J_PASSWORD="pw-mute-1"))
    return r, time.monotonic() - t0


def one_line(r: subprocess.CompletedProcess) -> str:
    assert r.returncode == 2, (r.returncode, r.stderr)
    lines = [ln for ln in r.stderr.splitlines() if ln.strip() and not ln.startswith("loading")]
    assert len(lines) == 1 and "Traceback" not in r.stderr, r.stderr
    return lines[0]


@pytest.mark.parametrize("answer_runs, args, what", [
    (0, ["stats", "--neo4j"], "timed out connecting"),
    (1, ["stats", "--neo4j"], "timed out reading the entities"),
    (1, ["cypher", "MATCH (n) RETURN count(n) AS n"], "timed out running the query"),
    (1, ["query", "who-opposes", "--neo4j"], "timed out running the query"),
    (1, ["export", "--neo4j", "--format", "jsonl", "-o", "{tmp}/out.jsonl"], "timed out reading"),
    (1, ["view", "--neo4j", "-o", "{tmp}/view.html"], "timed out reading"),
])
def test_a_server_that_never_answers(tmp_path, answer_runs, args, what):
    with MuteBolt(answer_runs=answer_runs) as server:
        argv = [a.replace("{tmp}", str(tmp_path)) for a in args]
        r, took = newsgraph(*argv, "--uri", server.uri, "--user", "neo4j", "--timeout", "1")
    line = one_line(r)
    assert what in line and "within 1 s" in line and "--timeout" in line, line
    assert took < 20, took
    assert not list(tmp_path.iterdir())  # nothing half-written


def test_the_timeout_comes_from_the_environment_too(tmp_path):
    with MuteBolt(answer_runs=1) as server:
        r, took = newsgraph("cypher", "RETURN 1", "--uri", server.uri,
                            env=clean_env(NEO4J_PASSWORD="pw", NEWSGRAPH_NEO4J_TIMEOUT="1.5"))
    assert "within 1.5 s" in one_line(r)


def test_the_whole_command_has_a_deadline(tmp_path):
    with MuteBolt(answer_runs=1) as server:
        r, took = newsgraph("stats", "--neo4j", "--uri", server.uri, "--timeout", "0", "--deadline", "1.5")
    line = one_line(r)
    assert "timed out the whole command" in line and "--deadline" in line, line


def test_a_bad_timeout_setting_is_one_line():
    r, _ = newsgraph("stats", "--neo4j", "--uri", "bolt://127.0.0.1:1",
                     env=clean_env(NEWSGRAPH_NEO4J_TIMEOUT="soon"))
    assert "NEWSGRAPH_NEO4J_TIMEOUT" in one_line(r)


@pytest.mark.bolt
def test_a_connection_that_stops_carrying_data_mid_load(neo4j_db: Settings, tmp_path):
    from urllib.parse import urlsplit

    where = urlsplit(neo4j_db.uri)
    if where.hostname not in ("127.0.0.1", "localhost") or not where.port:
        pytest.skip("the proxy forwards to a server on this machine")
    store = tmp_path / "graph.db"
    store_of(store, many_claims())
    with BlackHoleProxy(where.port, after_bytes=60_000) as proxy:
        db = ["--database", neo4j_db.database] if neo4j_db.database else []
        r, took = newsgraph("load", "--store", str(store), "--batch-size", "50", "--uri", proxy.uri,
                            "--user", neo4j_db.user, *db, "--timeout", "2",
                            env=clean_env(NEO4J_PASSWORD=neo4j_db.password))
    line = one_line(r)
    assert proxy.holed.is_set()
    assert "timed out writing batch" in line and "whole batches were written" in line, line
    assert took < 30, took

