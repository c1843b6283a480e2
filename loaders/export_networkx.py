"""GraphML and GEXF exports through networkx, for Gephi, yEd, Cytoscape.

Both formats take only scalar attributes, so lists are joined with "; " and the
evidence travels as one JSON string. Attribute names avoid the words the
formats reserve: GEXF reads a node's or edge's `label` as its caption and an
edge's `type` as its direction. So every node and edge carries `label` as its
caption (the name; the relationship type) and the ontology label is `kind`,
the relationship type `relation`, the same in both files.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import networkx as nx

from newsgraph.graph import NewsGraph

LIST_SEPARATOR = "; "
# Characters XML 1.0 cannot hold at all, not even escaped; a stray one in a scraped
# article would make the whole file unreadable.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def to_flat_networkx(graph: NewsGraph) -> nx.MultiDiGraph:
    """A copy of `graph` with scalar attributes only, keyed like the original (node id, claim id)."""
    flat = nx.MultiDiGraph()
    for n in graph.nodes():
        flat.add_node(n.id, label=n.name, name=n.name, kind=n.label,
                      aliases=LIST_SEPARATOR.join(n.aliases), keys=LIST_SEPARATOR.join(n.keys),
                      articles=LIST_SEPARATOR.join(n.articles))
    for r in graph.relationships():
        evidence = [_evidence(ev, graph) for ev in r.evidence]
        flat.add_edge(r.subject, r.object, key=r.id, label=r.relation, relation=r.relation,
                      role=r.role, predicate=r.predicate, confidence=float(r.confidence),
                      articles=LIST_SEPARATOR.join(sorted({ev.article for ev in r.evidence})),
                      evidence_count=len(evidence),
                      evidence=json.dumps(evidence, ensure_ascii=False))
    for _, attrs in flat.nodes(data=True):
        _clean(attrs)
    for _, _, attrs in flat.edges(data=True):
        _clean(attrs)
    return flat


def _clean(attrs: dict) -> None:
    for k, v in attrs.items():
        if isinstance(v, str):
            attrs[k] = _NOT_XML.sub(" ", v)


def write_graphml(graph: NewsGraph, path: Path) -> None:
    nx.write_graphml(to_flat_networkx(graph), path, encoding="utf-8", prettyprint=True)


def write_gexf(graph: NewsGraph, path: Path) -> None:
    nx.write_gexf(to_flat_networkx(graph), path, encoding="utf-8", prettyprint=True)


def _evidence(ev, graph: NewsGraph) -> dict:
    # The article's title and date ride along: a GEXF/GraphML file has no article nodes.
    d = ev.to_dict()
    art = graph.articles.get(ev.article)
    d["title"] = art.title if art else ""
    d["date"] = art.date if art else ""
    return d
