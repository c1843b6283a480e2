"""The Neo4j password never reaches the terminal: every Neo4j command, every way to give it, errors or not.

Targets: (i) a port where nothing listens, (ii) the real Bolt server with a wrong password,
(iii) the real Bolt server with the right one (the `bolt` fixture: ArcadeDB, or NEO4J_URI).
The password comes by `--password` or by NEO4J_PASSWORD (and, separately, inside the URI), with and without
NEWSGRAPH_DEBUG=1 (which prints the trace of an internal error). Errors are one line, exit non-zero.
"""
from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Iterator
from urllib.parse import quote, urlsplit

import pytest

from bolt_server import Settings, free_port

EXE = str(Path(sys.executable).parent / "newsgraph")
SECRET = "Zq9-Kx7#Secret!pw@4471"  # distinctive, and with characters a URI must escape
ARTICLE = "Senator Tom Okafor opposed the Fair Rent Act. Governor Maria Alvarez supported the Fair Rent Act."
PROGRESS_LABELS = {"extracting", "loading"}


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> tuple[Path, Path]:
    """An article file and an embedded store built from it (for `load`)."""
    d = tmp_path_factory.mktemp("secrets")
    article = d / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    store = d / "graph.db"
    r = subprocess.run([EXE, "build", str(article)], capture_output=True, text=True, timeout=300,
                       env={**clean_env(), "NEWSGRAPH_STORE": str(store)})
    assert r.returncode == 0, r.stderr
    return article, store


def clean_env() -> dict:
    return {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "NEWSGRAPH_"))}


def commands(article: Path) -> dict[str, list[str]]:
    return {
        "load": ["load"],
        "import": ["import", str(article), "--neo4j"],
        "query": ["query", "who-opposes", "--neo4j"],
        "cypher": ["cypher", "MATCH (n) RETURN count(n) AS n"],
        "stats": ["stats", "--neo4j"],
    }


def with_password_in_uri(uri: str, user: str, password: str) -> str:
    parts = urlsplit(uri)
    return parts._replace(netloc=f"{quote(user, safe='')}:{quote(password, safe='')}@{parts.netloc}").geturl()


MODES = ("flag", "env")


def runs(target: Settings, article: Path, store: Path, modes=MODES) -> list[tuple[str, list[str], dict]]:
    """(description, argv, env) for every command x way of giving the password x debug on/off."""
    out = []
    db = ["--database", target.database] if target.database else []
    for name, argv in commands(article).items():
        for debug in (False, True):
            base = {**clean_env(), "NEWSGRAPH_STORE": str(store)}
            if debug:
                base["NEWSGRAPH_DEBUG"] = "1"
            # import loads the model before it connects (seconds per run): two runs cover both ways
            # and both debug settings between them.
            if name == "import" and len(modes) > 1:
                pair_mode = "flag" if debug else "env"
            else:
                pair_mode = None
            if "flag" in modes and pair_mode in (None, "flag"):
                flags = ["--uri", target.uri, "--user", target.user, "--password", target.password, *db]
                out.append((f"{name} --password debug={debug}", [*argv, *flags], base))
            if "env" in modes and pair_mode in (None, "env"):
                env = {**base, "NEO4J_URI": target.uri, "NEO4J_USERNAME": target.user,
                       "NEO4J_PASSWORD": target.password, **({"NEO4J_DATABASE": target.database} if db else {})}
                out.append((f"{name} NEO4J_PASSWORD debug={debug}", argv, env))
            if "uri" in modes:
                uri = with_password_in_uri(target.uri, target.user, target.password)
                out.append((f"{name} password in URI debug={debug}", [*argv, "--uri", uri, *db], base))
    return out


def run_all(target: Settings, article: Path, store: Path,
            modes=MODES) -> list[tuple[str, subprocess.CompletedProcess]]:
    # Writers one at a time: concurrent MERGEs of the same new ids fail on ArcadeDB (BOLT-SERVER.md).
    writing = threading.Lock()

    def one(job):
        what, argv, env = job
        with writing if argv[0] in ("load", "import") else contextlib.nullcontext():
            r = subprocess.run([EXE, *argv], capture_output=True, text=True, env=env, timeout=300,
                               stdin=subprocess.DEVNULL)
        return what, r
    # A few at a time: most of each run is starting Python (and, for import, loading the model).
    with ThreadPoolExecutor(3) as pool:
        return list(pool.map(one, runs(target, article, store, modes)))


def secret_forms(password: str) -> list[str]:
    """The password as it could leak: plain, URI-escaped, and repr-escaped."""
    return sorted({password, quote(password, safe=""), repr(password)[1:-1]})


def assert_no_secret(results, password: str) -> None:
    for what, r in results:
        for form in secret_forms(password):
            assert form not in r.stdout and form not in r.stderr, \
                f"{what}: password leaked:\nstdout: {r.stdout[-1500:]}\nstderr: {r.stderr[-1500:]}"


def assert_one_line_errors(results) -> None:
    for what, r in results:
        assert r.returncode != 0, f"{what}: exit 0 against a server it cannot use:\n{r.stderr}"
        lines = [ln for ln in r.stderr.splitlines() if ln.strip() and ln.strip() not in PROGRESS_LABELS]
        assert len(lines) == 1, f"{what}: error is not one line:\n{r.stderr[-3000:]}"
        assert lines[0].startswith("newsgraph: error: "), f"{what}: {lines[0]}"
        assert r.returncode == 2, f"{what}: exit {r.returncode}: {lines[0]}"


def test_unreachable_server(inputs):
    article, store = inputs
    target = Settings(f"bolt://127.0.0.1:{free_port()}", "neo4j", SECRET, None)
    results = run_all(target, article, store)
    assert_no_secret(results, SECRET)
    assert_one_line_errors(results)
    for what, r in results:
        assert "cannot reach" in r.stderr, f"{what}: {r.stderr}"


@pytest.fixture()
def not_bolt() -> Iterator[str]:
    """A port that accepts connections and answers nonsense (an HTTP server, a proxy, a wrong service)."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.2)
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                continue
            with conn:
                try:
                    conn.recv(4096)
                    conn.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
                except OSError:
                    pass
    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"bolt://127.0.0.1:{listener.getsockname()[1]}"
    stop.set()
    thread.join(5)
    listener.close()


def test_a_port_that_is_not_bolt(inputs, not_bolt):
    article, store = inputs
    results = run_all(Settings(not_bolt, "neo4j", SECRET, None), article, store, modes=("flag",))
    assert_no_secret(results, SECRET)
    assert_one_line_errors(results)


def test_password_inside_the_uri(inputs):
    # Once echoed percent-encoded by the driver's "bad URI" message; now refused in one line.
    article, store = inputs
    target = Settings(f"bolt://127.0.0.1:{free_port()}", "neo4j", SECRET, None)
    results = run_all(target, article, store, modes=("uri",))
    assert_no_secret(results, SECRET)
    assert_one_line_errors(results)


@pytest.mark.bolt
def test_wrong_password(inputs, bolt):
    article, store = inputs
    target = Settings(bolt.uri, bolt.user, SECRET, bolt.database)
    results = run_all(target, article, store)
    assert_no_secret(results, SECRET)
    assert_one_line_errors(results)
    for what, r in results:
        assert "login refused" in r.stderr, f"{what}: {r.stderr}"


@pytest.mark.bolt
def test_right_password(inputs, neo4j_db):
    article, store = inputs
    if len(neo4j_db.password) < 6:
        pytest.skip("the server's password is too short to grep for meaningfully")
    results = run_all(neo4j_db, article, store)
    assert_no_secret(results, neo4j_db.password)
    for what, r in results:
        assert r.returncode == 0, f"{what}: exit {r.returncode}:\n{r.stderr[-2000:]}"
        assert "Traceback" not in r.stderr, f"{what}: {r.stderr[-2000:]}"
