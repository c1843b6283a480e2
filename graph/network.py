"""NewsGraph: the merged graph in memory, a networkx MultiDiGraph.

Nodes are keyed by entity id and carry a `Node`; edges are keyed by claim id and
carry a `Relationship` with all its evidence. Every store reads into and writes
from this one shape.
"""
from __future__ import annotations

from collections import Counter
from typing import Iterable, Iterator

import networkx as nx

from .keys import indexed_resolution_keys, possible_resolution_keys
from .records import Article, Extraction, Node, Relationship
from .resolve import MergePlan, plan_merge
from .union import union_node, union_relationship


class NewsGraph:
    """The merged graph of many articles; an `EntityIndex` for resolving new ones."""

    def __init__(self) -> None:
        self.g = nx.MultiDiGraph()
        self.articles: dict[str, Article] = {}
        self._keys: dict[tuple[str, str], set[str]] = {}  # (label, resolution key) -> node ids

    # -- EntityIndex --------------------------------------------------------
    def candidates(self, label: str, key: str) -> list[tuple[str, str]]:
        ids = sorted(self._keys.get((label, key), ()))
        return [(i, self.g.nodes[i]["node"].name) for i in ids]

    # -- building -----------------------------------------------------------
    def add(self, extraction: Extraction) -> MergePlan:
        """Merge one article's extraction; adding the same article again changes nothing."""
        plan = plan_merge(extraction, self)
        self.apply(plan)
        self.articles.setdefault(extraction.article.id, extraction.article)
        return plan

    def apply(self, plan: MergePlan) -> None:
        for node in plan.nodes:
            self.add_node(node, plan.resolution_keys.get(node.id, ()))
        for rel in plan.relationships:
            self.add_relationship(rel)

    def add_node(self, node: Node, keys: Iterable[str] = ()) -> None:
        """Union `node` into the graph (name upgraded, aliases and articles unioned) and index it by
        its name's key and the resolution `keys` its extractions gave."""
        merged = union_node(self.g.nodes[node.id]["node"] if node.id in self.g else None, node)
        self.g.add_node(node.id, node=merged)
        for key in indexed_resolution_keys(merged.name, keys):
            self._keys.setdefault((merged.label, key), set()).add(node.id)

    def add_relationship(self, rel: Relationship) -> None:
        """Union `rel` into the graph; evidence is kept once per (article, span)."""
        old = self.g.edges[rel.subject, rel.object, rel.id]["rel"] \
            if self.g.has_edge(rel.subject, rel.object, key=rel.id) else None
        rel = union_relationship(old, rel)
        self.g.add_edge(rel.subject, rel.object, key=rel.id, rel=rel, type=rel.relation)

    def resolution_keys_of(self, node_id: str) -> list[str]:
        """The resolution keys this graph indexes node `node_id` by (for a store to index it alike)."""
        node = self.node(node_id)
        return [k for k in possible_resolution_keys(node.label, node.name, node.aliases)
                if node_id in self._keys.get((node.label, k), ())]

    # -- reading ------------------------------------------------------------
    def node(self, node_id: str) -> Node:
        return self.g.nodes[node_id]["node"]

    def nodes(self) -> Iterator[Node]:
        for nid in sorted(self.g.nodes):
            yield self.g.nodes[nid]["node"]

    def relationships(self) -> Iterator[Relationship]:
        for _, _, _, rel in sorted(self.g.edges(keys=True, data="rel"), key=lambda e: e[2]):
            yield rel

    def stats(self) -> dict:
        """Counts in the shape every store reports them."""
        rels = list(self.relationships())
        return {"articles": len(self.articles), "entities": len(self),
                "relationships": len(rels), "evidence": sum(len(r.evidence) for r in rels),
                "labels": dict(sorted(Counter(n.label for n in self.nodes()).items())),
                "relations": dict(sorted(Counter(r.relation for r in rels).items()))}

    def __len__(self) -> int:
        return self.g.number_of_nodes()

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, NewsGraph):
            return NotImplemented
        return (list(self.nodes()) == list(other.nodes())
                and list(self.relationships()) == list(other.relationships())
                and self.articles == other.articles)
