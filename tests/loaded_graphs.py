"""A graph written once per module into the Bolt server under test, written again if another module emptied it."""
from __future__ import annotations

from typing import Iterator

from newsgraph.graph import NewsGraph
from newsgraph.loaders.neo4j import Connection, Neo4jStore


def load_once(bolt_on, graph: NewsGraph) -> Iterator[tuple[NewsGraph, Neo4jStore]]:
    """For a module-scoped fixture: the server emptied, `graph` written, the store closed afterwards."""
    bolt_on.reset()
    s = bolt_on.settings
    store = Neo4jStore(Connection(s.uri, s.user, s.password, s.database))
    store.write_graph(graph)
    yield graph, store
    store.close()


def still_loaded(loaded_once: tuple[NewsGraph, Neo4jStore], bolt_on) -> tuple[NewsGraph, Neo4jStore]:
    """`loaded_once`, written again if a test of another module emptied the server meanwhile (pytest groups
    tests by server kind across modules, so they may run in between)."""
    g, store = loaded_once
    if store.run("MATCH (n:Entity) RETURN count(n) AS c") != [{"c": len(g)}]:
        bolt_on.reset()
        store.write_graph(g)
    return g, store
