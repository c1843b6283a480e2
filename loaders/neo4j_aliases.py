"""The analyst's aliases on Neo4j: `load` writes the nodes they name afresh.

A load unions the store's graph into what Neo4j holds, so a node merged away, or claims that a
split moved to another node, would stay there. Before the load writes, the nodes any alias rule
names (by their name keys) are deleted with their claims; the load then writes them as the store
holds them, the rules applied.
"""
from __future__ import annotations

from typing import Iterable

from newsgraph.graph import ENTITY, normalize
from newsgraph.graph.aliases import AliasRules

from .neo4j_cypher import KNOWN_AS, NAME

FORGET = f"UNWIND $keys AS key MATCH (:{NAME} {{key: key}})<-[:{KNOWN_AS}]-(n:{ENTITY}) DETACH DELETE n"


def rule_keys(rules: AliasRules, touched: Iterable[str] = ()) -> list[str]:
    """The name keys the rules name, and `touched` (the keys of every merge or split made so far,
    Store.alias_keys: a split removes its rule, but its nodes must still be written afresh)."""
    names = [n for m in rules.merges for n in (m.alias, m.into)] + list(rules.splits)
    return sorted({normalize(n) for n in names if normalize(n)} | set(touched))


def forget_named(db, keys: list[str]) -> None:
    """Delete from Neo4j (`db`, a Neo4jStore) the nodes known by `keys`, and their relationships."""
    if keys:
        db.run(FORGET, {"keys": keys}, read_only=False)
