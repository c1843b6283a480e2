"""Graph values from Bolt as plain data, keeping what Neo4j returns: labels, types, endpoints, paths.

`Record.data()` flattens a relationship to `[{start props}, "TYPE", {end props}]` and a path to a
list, losing which is which. Here a node is `{"elementId", "labels", "properties"}`, a relationship
`{"elementId", "type", "start", "end", "properties"}` (the endpoints' element ids) and a path
`{"nodes": [...], "relationships": [...], "length"}`: the shapes Neo4j's own JSON exports use.
"""
from __future__ import annotations

from typing import Any

import neo4j
from neo4j.graph import Node, Path, Relationship


def node_dict(node: Node) -> dict:
    return {"elementId": node.element_id, "labels": sorted(node.labels), "properties": dict(node)}


def relationship_dict(rel: Relationship) -> dict:
    return {"elementId": rel.element_id, "type": rel.type,
            "start": rel.start_node.element_id if rel.start_node is not None else None,
            "end": rel.end_node.element_id if rel.end_node is not None else None,
            "properties": dict(rel)}


def plain(value: Any) -> Any:
    """`value` with every node, relationship and path inside it (lists, maps) made plain data."""
    if isinstance(value, Node):
        return node_dict(value)
    if isinstance(value, Relationship):
        return relationship_dict(value)
    if isinstance(value, Path):
        return {"nodes": [node_dict(n) for n in value.nodes],
                "relationships": [relationship_dict(r) for r in value.relationships], "length": len(value)}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


def record_dict(record: neo4j.Record) -> dict:
    return {k: plain(v) for k, v in record.items()}
