"""Shared fixtures.

`newsgraph` (function) runs the CLI in this process with click's CliRunner and a store in a temp
folder: what a user sees (exit status, stdout, stderr) without paying for a new Python and spaCy per
command. Tests that need a real process (signals, two processes at once) use subprocess instead.
`nlp` (session) is the one spaCy pipeline the tests share.

Bolt: `bolt` (session) gives connection settings for the real Neo4j: the one named by NEO4J_URI
(NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE) if set, else a Neo4j Community started for the
session from Maven Central (tests/neo4j_server.py); when that cannot be had the tests skip with one
line saying why. `neo4j_db` (function) gives the same settings for an emptied database. Mark such
tests `@pytest.mark.bolt`.

`bolt_on` (session, parametrized over SERVERS) gives the same for Neo4j and for ArcadeDB's Bolt
plugin (tests/bolt_server.py): a second implementation catches Neo4j-only assumptions. Use it
where a test must hold on both (the query parity tests, the loader's round trip).
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
from neo4j_server import Neo4jServer, Unavailable, empty_database  # noqa: E402

SERVERS = ("neo4j", "arcadedb")


@pytest.fixture(scope="session")
def neo4j_server() -> Iterator[Neo4jServer | None]:
    """The Neo4j we started, or None when NEO4J_URI names a server we do not own."""
    if os.environ.get("NEO4J_URI"):
        yield None
        return
    server = Neo4jServer()
    try:
        try:
            server.start()
        except Unavailable as e:
            pytest.skip(str(e))
        yield server
    finally:
        server.cleanup()


@pytest.fixture(scope="session")
def arcadedb_server() -> Iterator[BoltServer]:
    pytest.importorskip("arcadedb_embedded", reason="the ArcadeDB Bolt server needs arcadedb-embedded")
    server = BoltServer()
    try:
        server.start()
        yield server
    finally:
        server.cleanup()


@pytest.fixture(scope="session")
def bolt_server(neo4j_server: Neo4jServer | None) -> Neo4jServer | None:
    """The Bolt server the tests own (Neo4j), or None for NEO4J_URI's."""
    return neo4j_server


def _env_settings() -> Settings:
    env = os.environ
    return Settings(env["NEO4J_URI"], env.get("NEO4J_USERNAME", "neo4j"),
                    env.get("NEO4J_PASSWORD", ""), env.get("NEO4J_DATABASE") or None)


@pytest.fixture(scope="session")
def bolt(bolt_server: Neo4jServer | None) -> Settings:
    return _env_settings() if bolt_server is None else bolt_server.settings()


@pytest.fixture
def neo4j_db(bolt: Settings, bolt_server: Neo4jServer | None) -> Settings:
    """An empty database on the session's Neo4j: every node deleted, our schema dropped."""
    if bolt_server is not None:
        bolt_server.reset(bolt.database)
    else:
        empty_database(bolt, schema=False)  # someone else's server: leave its schema alone
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


@dataclass(frozen=True)
class Server:
    """A Bolt server of one kind and how to empty its database."""

    kind: str
    settings: Settings
    reset: Callable[[], None]


@pytest.fixture(scope="session", params=SERVERS)
def bolt_on(request: pytest.FixtureRequest) -> Server:
    """Each server kind in turn: Neo4j (or NEO4J_URI's), then ArcadeDB."""
    if request.param == "neo4j":
        server = request.getfixturevalue("neo4j_server")
        if server is None:
            s = _env_settings()
            return Server("neo4j", s, lambda: empty_database(s, schema=False))
        return Server("neo4j", server.settings(), server.reset)
    arcade = request.getfixturevalue("arcadedb_server")
    s = arcade.settings()

    def reset() -> None:
        arcade.reset(s.database)
        arcade.wait_for_login()
    return Server("arcadedb", s, reset)
