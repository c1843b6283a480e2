"""An analyst's merge and split reach Neo4j on `load`: the nodes they name are written afresh, so
no merged-away node or moved claim is left behind by the union a load makes."""
from __future__ import annotations

import pytest

from newsgraph.loaders.neo4j import Connection, Neo4jStore

from .test_alias import ARTICLES, write


def neo4j_claims(s, actor_key: str) -> set[tuple[str, str, str]]:
    with Neo4jStore(Connection(s.uri, s.user, s.password, s.database)) as db:
        rows = db.run("MATCH (n:Entity)-[:KNOWN_AS]->(:Name {key: $key}) MATCH (a:Entity)-[r]->(b:Entity) "
                      "WHERE a = n OR b = n RETURN DISTINCT a.name AS s, type(r) AS t, b.name AS o", {"key": actor_key})
    return {(r["s"], r["t"], r["o"]) for r in rows}


def node_names(s) -> list[str]:
    with Neo4jStore(Connection(s.uri, s.user, s.password, s.database)) as db:
        return sorted(r["n"] for r in db.run("MATCH (n:Entity) RETURN n.name AS n"))


@pytest.mark.bolt
def test_merge_and_split_reach_neo4j_on_load(newsgraph, tmp_path, neo4j_db, monkeypatch):
    monkeypatch.delenv("NEWSGRAPH_ALIASES", raising=False)
    env = {"NEO4J_URI": neo4j_db.uri, "NEO4J_USERNAME": neo4j_db.user, "NEO4J_PASSWORD": neo4j_db.password,
           "NEO4J_DATABASE": neo4j_db.database or ""}
    assert newsgraph("build", str(write(tmp_path / "in", ARTICLES))).returncode == 0
    assert newsgraph("load", env=env).returncode == 0
    first = node_names(neo4j_db)
    assert "Tories" in first and ("Maria Alvarez", "SUPPORTS", "Rail Plan") in neo4j_claims(neo4j_db, "maria alvarez")

    assert newsgraph("alias", "merge", "Tories", "Conservative Party").returncode == 0
    assert newsgraph("alias", "split", "Alvarez").returncode == 0
    r = newsgraph("load", env=env)
    assert r.returncode == 0, r.stderr
    assert "Tories" not in node_names(neo4j_db)
    assert neo4j_claims(neo4j_db, "tories") == {("Conservative Party", "SUPPORTS", "Housing Bill"),
                                                 ("Conservative Party", "OPPOSES", "Rail Plan")}
    assert neo4j_claims(neo4j_db, "maria alvarez") == {("Maria Alvarez", "OPPOSES", "Housing Bill")}
    assert ("Alvarez", "SUPPORTS", "Rail Plan") in neo4j_claims(neo4j_db, "alvarez")

    assert newsgraph("alias", "split", "Tories").returncode == 0  # and back again
    assert newsgraph("load", env=env).returncode == 0
    assert node_names(neo4j_db) == sorted(first + ["Alvarez"])
    # the split removed its rule; the party still sheds the claims and the name the merge gave it
    assert neo4j_claims(neo4j_db, "conservative party") == {("Conservative Party", "OPPOSES", "Rail Plan")}
    with Neo4jStore(Connection(neo4j_db.uri, neo4j_db.user, neo4j_db.password, neo4j_db.database)) as db:
        party = db.run("MATCH (n:Entity {name: 'Conservative Party'}) RETURN n.aliases AS aliases")
    assert party == [{"aliases": []}]
