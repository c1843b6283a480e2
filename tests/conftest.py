"""Shared fixtures.

Bolt: `bolt` (session) gives connection settings for a Bolt server: the one named by NEO4J_URI
(NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE) if set, else an ArcadeDB started for the session.
`neo4j_db` (function) gives the same settings for an emptied database. Mark such tests
`@pytest.mark.bolt`.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Iterator

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
