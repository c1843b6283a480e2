"""NewsGraph: the merged graph in memory, a networkx MultiDiGraph.

Nodes are keyed by entity id and carry a `Node`; edges are keyed by claim id and
carry a `Relationship` with all its evidence. Every store reads into and writes
from this one shape.
"""
from __future__ import annotations

from collections import Counter, deque
from typing import Iterable, Iterator

from .errors import QueryError
from .keys import indexed_resolution_keys, possible_resolution_keys
from .records import Article, Extraction, Node, Relationship
from .resolve import MergePlan, plan_merge
from .union import union_node, union_relationship


class NewsGraph:
    """The merged graph of many articles; an `EntityIndex` for resolving new ones."""

    def __init__(self) -> None:
        # Imported here: networkx is two thirds of the CLI's start-up, and most commands (`--help`,
        # `stats`, the named queries on the embedded store) never make a NewsGraph.
        import networkx as nx

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

    def __contains__(self, node_id: object) -> bool:
        return node_id in self.g

    def neighbours(self, node_id: str) -> list[str]:
        """The nodes joined to `node_id` by a claim, either way, in id order."""
        return sorted(set(self.g.succ[node_id]) | set(self.g.pred[node_id]))

    def between(self, a: str, b: str) -> list[Relationship]:
        """The claims joining `a` and `b`, either way."""
        return [r for x, y in ((a, b), (b, a)) for _, o, r in self.g.out_edges(x, data="rel") if o == y]

    def number_of_relationships(self) -> int:
        return self.g.number_of_edges()

    def named(self, keys: Iterable[str]) -> list[str]:
        """The ids of the nodes carrying any of these keys (`Node.keys`: what users type), in id order."""
        wanted = set(keys)
        return [n.id for n in self.nodes() if wanted & set(n.keys)]

    def subgraph(self, rels: Iterable[Relationship]) -> NewsGraph:
        """The part of the graph made of `rels`, their ends and the articles they cite."""
        rels = list(rels)
        part = NewsGraph()
        for rel in rels:
            for nid in (rel.subject, rel.object):
                if nid not in part:
                    part.add_node(self.node(nid))
            part.add_relationship(rel)
        cited = {a for node in part.nodes() for a in node.articles} | {ev.article for r in rels for ev in r.evidence}
        part.articles = {aid: art for aid, art in self.articles.items() if aid in cited}
        return part

    def neighbourhood(self, node_ids: Iterable[str], depth: int) -> NewsGraph:
        """The part of the graph within `depth` hops of `node_ids` (either direction), with every
        relationship among those nodes and the articles they cite."""
        seeds = list(dict.fromkeys(node_ids))
        if depth < 0:
            raise QueryError(f"depth {depth}: must be 0 or more")
        for nid in seeds:
            if nid not in self:
                raise QueryError(f"node {nid!r}: not in the graph")
        seen = set(seeds)
        frontier = deque((nid, 0) for nid in seeds)
        while frontier:
            nid, dist = frontier.popleft()
            if dist == depth:
                continue
            for other in (*self.g.successors(nid), *self.g.predecessors(nid)):
                if other not in seen:
                    seen.add(other)
                    frontier.append((other, dist + 1))
        part = NewsGraph()
        cited: set[str] = set()
        for node in self.nodes():
            if node.id in seen:
                part.add_node(node)
                cited.update(node.articles)
        for rel in self.relationships():
            if rel.subject in seen and rel.object in seen:
                part.add_relationship(rel)
                cited.update(ev.article for ev in rel.evidence)
        part.articles = {aid: art for aid, art in self.articles.items() if aid in cited}
        return part

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
