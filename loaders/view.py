"""The HTML view: one self-contained page that draws a NewsGraph with vis-network.

The page needs no network access: the vendored vis-network build
(assets/vis-network.min.js, Apache-2.0 OR MIT), the page's script and its
style are all inlined. The graph travels as JSON in a
`<script type="application/json">` block with `<`, `>` and `&` escaped, so no
name or sentence can close the block or inject markup.
"""
from __future__ import annotations

import html
import json
from collections import Counter
from functools import lru_cache
from importlib.resources import files
from typing import Any, Iterable

from newsgraph.graph import ALL_RELATIONS, LABELS, NewsGraph, Relationship, clean_sentence, outlet_of

# Tableau 10: distinct, colour-blind-aware hues, one per ontology label.
LABEL_COLOURS: dict[str, str] = {
    "Person": "#4e79a7", "Organization": "#f28e2b", "Place": "#59a14f",
    "Policy": "#e15759", "Group": "#b07aa1",
}
# A colour per relationship type, so OPPOSES and CRITICIZES read apart at a glance: reds and
# oranges for conflict, greens and blues for backing, greys for the rest.
RELATION_COLOURS: dict[str, str] = {
    "OPPOSES": "#d62728", "CRITICIZES": "#ff7f0e", "ACCUSES": "#8c1c13", "THREATENS": "#e377c2",
    "INVESTIGATES": "#9467bd", "TARGETS": "#bcbd22", "SUPPORTS": "#2ca02c", "APPROVES": "#17becf",
    "FUNDS": "#1f77b4", "PROPOSES": "#8c564b", "AFFILIATED_WITH": "#7f7f7f", "RELATED_TO": "#c7c7c7",
}
# Past this many nodes the page trades layout quality for speed (no improvedLayout,
# fewer stabilization iterations, edges hidden while dragging).
BIG_GRAPH = 300


def render_html(graph: NewsGraph, title: str = "newsgraph") -> str:
    """One self-contained HTML page showing `graph`: legend, filters, evidence on hover and click."""
    payload = _escape_json(json.dumps(_page_data(graph), ensure_ascii=False, separators=(",", ":")))
    return _TEMPLATE.format(
        title=html.escape(title),
        css=_asset("view.css"),
        data=payload,
        vis=_vis_network(),
        app=_asset("view.js"),
    )


def subgraph(graph: NewsGraph, rels: list[Relationship]) -> NewsGraph:
    """The part of `graph` made of `rels`, their ends and the articles they cite."""
    return graph.subgraph(rels)


def neighbourhood(graph: NewsGraph, node_ids: Iterable[str], depth: int) -> NewsGraph:
    """The part of `graph` within `depth` hops of `node_ids` (either direction), with every
    relationship among those nodes and the articles they cite."""
    return graph.neighbourhood(node_ids, depth)


def _page_data(graph: NewsGraph) -> dict:
    rels = list(graph.relationships())
    degree: Counter[str] = Counter()
    for rel in rels:
        degree[rel.subject] += 1
        degree[rel.object] += 1
    nodes: list[dict[str, Any]] = [{"id": n.id, "name": n.name, "label": n.label, "aliases": n.aliases,
              "articles": n.articles, "degree": degree[n.id]} for n in graph.nodes()]
    label_counts = Counter(n["label"] for n in nodes)
    relation_counts = Counter(r.relation for r in rels)
    cited = {a for n in nodes for a in n["articles"]} | {ev.article for r in rels for ev in r.evidence}
    return {
        "big": len(nodes) > BIG_GRAPH,
        "labels": [{"name": lab, "colour": LABEL_COLOURS[lab], "count": label_counts[lab]}
                   for lab in LABELS if label_counts[lab]],
        "relations": [{"name": r, "colour": RELATION_COLOURS[r], "count": relation_counts[r]}
                      for r in ALL_RELATIONS if relation_counts[r]],
        "nodes": nodes,
        "edges": [_edge(r, roundness) for r, roundness in zip(rels, _roundness(rels))],
        "articles": {aid: {"title": a.title, "date": a.date, "url": a.url, "outlet": outlet_of(a.source, a.url)}
                     for aid, a in sorted(graph.articles.items()) if aid in cited},
    }


def _edge(rel: Relationship, roundness: float) -> dict:
    return {
        "id": rel.id, "from": rel.subject, "to": rel.object, "type": rel.relation,
        "role": rel.role, "predicate": rel.predicate, "confidence": rel.confidence,
        "roundness": roundness, "sources": len({ev.article for ev in rel.evidence}),
        "evidence": [{"article": ev.article, "sentence": clean_sentence(ev.sentence), "predicate": ev.predicate,
                      "confidence": ev.confidence, "negated": ev.negated, "hedged": ev.hedged}
                     for ev in rel.evidence],
    }


def _roundness(rels: list[Relationship]) -> list[float]:
    """Curvature per edge so that claims between the same two nodes do not overlap.

    The first edge of a pair is straight (0); the next ones bend further out. Edges
    running the other way bend to the other side already (curvedCW is relative to
    direction), so pairs are counted without direction.
    """
    seen: Counter[frozenset[str]] = Counter()
    out = []
    for rel in rels:
        pair = frozenset((rel.subject, rel.object))
        out.append(0.2 * seen[pair])
        seen[pair] += 1
    return out


def _escape_json(text: str) -> str:
    # <, > and & occur in JSON only inside strings, where \u escapes mean the same
    # characters: the block can then hold no "</script>" and no "<!--".
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


# -- assets ----------------------------------------------------------------------
@lru_cache(maxsize=None)
def _asset(name: str) -> str:
    return files("newsgraph.loaders").joinpath("assets", name).read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def _vis_network() -> str:
    js = _asset("vis-network.min.js")
    # The source map is not shipped inside the page; drop the dangling reference to it.
    js = "\n".join(line for line in js.splitlines() if not line.startswith("//# sourceMappingURL="))
    if "</script" in js.lower():  # would end the inline block early; the shipped build has none
        raise RuntimeError("vis-network.min.js contains '</script' and cannot be inlined")
    return js


_TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="newsgraph">
<title>{title}</title>
<style>
{css}
</style>
</head>
<body>
<aside id="sidebar">
<h1>{title}</h1>
<div id="summary"></div>
<div id="status"></div>
<h2>Find</h2>
<input id="search" type="search" placeholder="a name, then Enter">
<h2>Labels</h2>
<div id="legend" class="filters"></div>
<h2>Relationships</h2>
<div id="relations" class="filters"></div>
<div class="buttons"><button id="relations-all" type="button">all</button>
<button id="relations-none" type="button">none</button></div>
<h2>Layout</h2>
<div class="filters"><label><input id="unconnected" type="checkbox" checked> hide nodes without relationships</label>
<label><input id="physics" type="checkbox"> keep laying out (drag nodes to help)</label></div>
<h2>Details</h2>
<div id="details"><span class="hint">Hover over a node or an edge; click one for its evidence.</span></div>
</aside>
<main id="graph"></main>
<script type="application/json" id="newsgraph-data">{data}</script>
<script>
{vis}
</script>
<script>
{app}
</script>
</body>
</html>
"""
