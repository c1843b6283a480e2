"""Shared fixtures.

`newsgraph` (function) runs the CLI in this process with click's CliRunner and a store in a temp
folder: what a user sees (exit status, stdout, stderr) without paying for a new Python and spaCy per
command. Tests that need a real process (signals, two processes at once) use subprocess instead.
`nlp` (session) is the one spaCy pipeline the tests share.

Bolt: `bolt` (session) gives connection settings for a Bolt server: the one named by NEO4J_URI
(NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE) if set, else an ArcadeDB started for the session.
`neo4j_db` (function) gives the same settings for an emptied database. Mark such tests
`@pytest.mark.bolt`.
"""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

import pytest

# Tests import `bolt_server` by name, whatever pytest's import mode (importlib does not add this folder).
sys.path.insert(0, str(Path(__file__).resolve().parent))
from bolt_server import BoltServer, Settings  # noqa: E402


@pytest.fixture(scope="session")
def bolt_server() -> Iterator[BoltServer | None]:
    """The ArcadeDB we started, or None when NEO4J_URI names a server we do not own."""
    if os.environ.get("NEO4J_URI"):
        yield None
        return
    pytest.importorskip("arcadedb_embedded", reason="the test Bolt server needs arcadedb-embedded")
    server = BoltServer()
    try:
        server.start()
        yield server
    finally:
        server.cleanup()


@pytest.fixture(scope="session")
def bolt(bolt_server: BoltServer | None) -> Settings:
    if bolt_server is None:
        env = os.environ
        return Settings(env["NEO4J_URI"], env.get("NEO4J_USERNAME", "neo4j"),
                        env.get("NEO4J_PASSWORD", ""), env.get("NEO4J_DATABASE") or None)
    return bolt_server.settings()


def _empty_external(settings: Settings) -> None:
    import neo4j

    with neo4j.GraphDatabase.driver(settings.uri, auth=(settings.user, settings.password)) as driver:
        with driver.session(database=settings.database) as s:
            while s.run("MATCH (n) WITH n LIMIT 10000 DETACH DELETE n RETURN count(*) AS c").single()["c"]:
                pass


@pytest.fixture
def neo4j_db(bolt: Settings, bolt_server: BoltServer | None) -> Settings:
    """An empty database on the session's server (drop and create on ArcadeDB: ~0.2 s)."""
    if bolt_server is not None:
        bolt_server.reset(bolt.database)
        bolt_server.wait_for_login()
    else:
        _empty_external(bolt)
    return bolt


@dataclass
class Ran:
    """One `newsgraph` command as the user saw it."""

    returncode: int
    stdout: str
    stderr: str


@pytest.fixture(scope="session")
def nlp():
    from newsgraph.extractors import load_model

    return load_model(None)


@pytest.fixture
def newsgraph(tmp_path, monkeypatch) -> Callable[..., Ran]:
    """`newsgraph(*args, input=None, env=None)` runs the command in-process; the store is in tmp_path."""
    from click.testing import CliRunner

    from newsgraph.cli import main

    monkeypatch.setenv("NEWSGRAPH_STORE", str(tmp_path / "store" / "graph.db"))
    monkeypatch.setenv("NEWSGRAPH_CACHE", str(tmp_path / "cache"))  # fetched pages: never the user's cache
    monkeypatch.delenv("NEWSGRAPH_DEBUG", raising=False)

    def run(*args: str, input: str | bytes | None = None, env: dict | None = None) -> Ran:
        result = CliRunner(env=env).invoke(main, list(args), input=input, prog_name="newsgraph")
        return Ran(result.exit_code, result.stdout, result.stderr)

    return run
