"""The HTML view: a self-contained page, checked in a real headless Chromium.

Browser tests read what the page itself reports on <body> (data-drawn-nodes,
data-drawn-edges, set from vis-network's afterDrawing event) with --dump-dom, and
count the label colours in a screenshot (kept in test-artifacts/).
"""
from __future__ import annotations

import html
import json
import re
import shutil
import struct
import subprocess
import tempfile
import zlib
from pathlib import Path

import pytest

from newsgraph.graph import (Article, Evidence, NewsGraph, Node, QueryError, Relationship, claim_id,
                             entity_id)
from newsgraph.loaders.view import LABEL_COLOURS, neighbourhood, render_html

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
INJECTION = "</script><script>document.body.setAttribute('data-pwned','1')</script>"

needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed "
                                    "(apt-get install chromium); the view is checked in a real browser")


def _node(label: str, name: str, articles=("a1",)) -> Node:
    return Node(id=entity_id(label, name), label=label, name=name, articles=list(articles))


def _rel(g: NewsGraph, s: Node, relation: str, o: Node, sentence: str, article: str = "a1",
         **flags) -> Relationship:
    rel = Relationship(id=claim_id(s.id, relation, o.id), subject=s.id, relation=relation, object=o.id,
                       evidence=[Evidence(article=article, sentence=sentence, start=0, end=len(sentence),
                                          predicate=relation.lower(), confidence=0.8, **flags)])
    g.add_relationship(rel)
    return rel


@pytest.fixture
def graph() -> NewsGraph:
    """Five nodes, one per label, five claims; names and sentences that try to break out of the page."""
    g = NewsGraph()
    g.articles["a1"] = Article(text="...", id="a1", title="Krasner vows to fight <ICE> & \"friends\"",
                               date="2026-11-24", url="https://example.com/krasner")
    g.articles["a2"] = Article(text="...", id="a2", title="Council votes", date="2026-11-25")
    krasner = _node("Person", "Larry Krasner")
    ice = _node("Organization", f"ICE {INJECTION}")
    philly = _node("Place", "Philadelphia")
    policy = _node("Policy", "welcoming city ordinance", ["a2"])
    group = _node("Group", "immigrant communities", ["a2"])
    for n in (krasner, ice, philly, policy, group):
        g.add_node(n)
    _rel(g, krasner, "OPPOSES", ice, f"Krasner said {INJECTION} ICE <!-- must go & \"now\".")
    _rel(g, krasner, "AFFILIATED_WITH", philly, "Philadelphia District Attorney Larry Krasner")
    _rel(g, krasner, "CRITICIZES", ice, "Krasner called the agents wannabe Nazis.")
    _rel(g, group, "SUPPORTS", policy, "Immigrant communities welcomed the ordinance.", "a2", hedged=True)
    _rel(g, policy, "TARGETS", ice, "The ordinance limits what ICE may do.", "a2")
    return g


def _data_block(page: str) -> dict:
    m = re.search(r'<script type="application/json" id="newsgraph-data">(.*?)</script>', page, re.S)
    assert m, "the page must embed its data as a JSON block"
    return json.loads(m.group(1))


# -- the page as text ---------------------------------------------------------------------
def test_page_is_self_contained(graph):
    page = render_html(graph)
    assert page.startswith("<!DOCTYPE html>")
    # Nothing fetched: no external scripts, styles, images or frames.
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=", page, re.I)
    assert "vis-network" in page and "@license" in page  # the renderer, licence header kept
    assert "sourceMappingURL" not in page


def test_data_cannot_close_the_script_or_inject_markup(graph):
    page = render_html(graph, title="<b>Philly</b> & ICE")
    data_start = page.index('id="newsgraph-data">')
    block = page[data_start:page.index("</script>", data_start)]
    assert "<" not in block.split(">", 1)[1] and "&" not in block
    assert page.count(INJECTION) == 0
    assert "<title>&lt;b&gt;Philly&lt;/b&gt; &amp; ICE</title>" in page
    data = _data_block(page)
    assert f"ICE {INJECTION}" in [n["name"] for n in data["nodes"]]
    sentences = [ev["sentence"] for e in data["edges"] for ev in e["evidence"]]
    assert f"Krasner said {INJECTION} ICE <!-- must go & \"now\"." in sentences


def test_data_holds_labels_relations_and_evidence_with_article_title_and_date(graph):
    data = _data_block(render_html(graph))
    assert [lab["name"] for lab in data["labels"]] == ["Person", "Organization", "Place", "Policy", "Group"]
    assert {lab["name"]: lab["colour"] for lab in data["labels"]} == LABEL_COLOURS
    assert [r["name"] for r in data["relations"]] == ["SUPPORTS", "OPPOSES", "CRITICIZES", "TARGETS",
                                                      "AFFILIATED_WITH"]
    assert len(data["nodes"]) == 5 and len(data["edges"]) == 5
    assert data["articles"]["a2"] == {"title": "Council votes", "date": "2026-11-25", "url": "", "outlet": ""}
    hedged = [ev for e in data["edges"] for ev in e["evidence"] if ev["hedged"]]
    assert len(hedged) == 1


def test_parallel_claims_are_curved_apart(graph):
    edges = _data_block(render_html(graph))["edges"]
    pair = [e["roundness"] for e in edges if {e["type"]} <= {"OPPOSES", "CRITICIZES", "TARGETS"}
            and e["from"] == entity_id("Person", "Larry Krasner")]
    assert sorted(pair) == [0, 0.2]


# -- neighbourhood --------------------------------------------------------------------------
def test_neighbourhood_depth_zero_is_the_node_alone(graph):
    krasner = entity_id("Person", "Larry Krasner")
    part = neighbourhood(graph, [krasner], 0)
    assert [n.id for n in part.nodes()] == [krasner]
    assert list(part.relationships()) == []
    assert set(part.articles) == {"a1"}


def test_neighbourhood_follows_edges_both_ways(graph):
    group = entity_id("Group", "immigrant communities")
    one = neighbourhood(graph, [group], 1)
    assert {n.name for n in one.nodes()} == {"immigrant communities", "welcoming city ordinance"}
    two = neighbourhood(graph, [group], 2)
    assert {n.label for n in two.nodes()} == {"Group", "Policy", "Organization"}
    # Every claim among the chosen nodes is kept, not only the ones walked.
    assert {r.relation for r in two.relationships()} == {"SUPPORTS", "TARGETS"}
    assert set(two.articles) == {"a1", "a2"}
    everything = neighbourhood(graph, [group], 5)
    assert everything == graph


def test_neighbourhood_of_several_seeds_is_their_union(graph):
    ids = [entity_id("Place", "Philadelphia"), entity_id("Group", "immigrant communities")]
    part = neighbourhood(graph, ids, 1)
    assert {n.name for n in part.nodes()} == {"Philadelphia", "Larry Krasner", "immigrant communities",
                                              "welcoming city ordinance"}


def test_neighbourhood_rejects_unknown_ids_and_negative_depth(graph):
    with pytest.raises(QueryError, match="e-nope"):
        neighbourhood(graph, ["e-nope"], 1)
    with pytest.raises(QueryError, match="depth -1"):
        neighbourhood(graph, [entity_id("Place", "Philadelphia")], -1)


# -- in Chromium ----------------------------------------------------------------------------
def _chromium(url: str, *args: str, timeout: float = 180) -> str:
    with tempfile.TemporaryDirectory() as profile:
        # The proxy goes nowhere: a page that needs the network cannot draw.
        cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
               "--proxy-server=http://127.0.0.1:9", "--window-size=1200,800", "--hide-scrollbars", *args, url]
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    return done.stdout


def _dom(path: Path, fragment: str = "", budget_ms: int = 30000) -> str:
    return _chromium(path.as_uri() + fragment, f"--virtual-time-budget={budget_ms}", "--dump-dom")


def _body(dom: str) -> dict[str, str]:
    tag = re.search(r"<body([^>]*)>", dom)
    assert tag, "no <body> in the dumped DOM"
    return {k: html.unescape(v) for k, v in re.findall(r'([\w-]+)="([^"]*)"', tag.group(1))}


def _write(tmp_path: Path, page: str, name: str = "graph.html") -> Path:
    path = tmp_path / name
    path.write_text(page, encoding="utf-8")
    return path


@pytest.mark.browser
@needs_chromium
def test_browser_draws_every_node_and_edge(graph, tmp_path):
    body = _body(_dom(_write(tmp_path, render_html(graph))))
    assert body.get("data-drawn-nodes") == "5"
    assert body.get("data-drawn-edges") == "5"
    assert body.get("data-stabilized") == "true"
    assert "data-pwned" not in body


@pytest.mark.browser
@needs_chromium
def test_browser_shows_legend_and_relationship_filters(graph, tmp_path):
    dom = _dom(_write(tmp_path, render_html(graph)))
    legend = dom[dom.index('id="legend"'):dom.index('id="relations"')]
    assert re.findall(r"<span>(\w+)</span>", legend) == ["Person", "Organization", "Place", "Policy", "Group"]
    boxes = re.findall(r'<input type="checkbox" value="(\w+)" data-filter="\1"', dom[dom.index('id="relations"'):])
    assert boxes == ["SUPPORTS", "OPPOSES", "CRITICIZES", "TARGETS", "AFFILIATED_WITH"]


@pytest.mark.browser
@needs_chromium
def test_browser_filter_checkbox_hides_that_relationship_type(graph, tmp_path):
    # Untick OPPOSES and CRITICIZES the way a user does, then let the page redraw.
    click = ("<script>setTimeout(function () {"
             "['OPPOSES', 'CRITICIZES'].forEach(function (t) {"
             "document.querySelector('#relations input[data-filter=' + t + ']').click(); });"
             "}, 3000);</script></body>")
    page = render_html(graph).replace("</body>", click, 1)
    body = _body(_dom(_write(tmp_path, page)))
    assert body.get("data-drawn-edges") == "3"
    assert body.get("data-drawn-nodes") == "5"


@pytest.mark.browser
@needs_chromium
def test_browser_label_checkbox_hides_those_nodes_and_their_edges(graph, tmp_path):
    click = ("<script>setTimeout(function () {"
             "document.querySelector('#legend input[data-filter=Organization]').click();"
             "}, 3000);</script></body>")
    body = _body(_dom(_write(tmp_path, render_html(graph).replace("</body>", click, 1))))
    assert body.get("data-drawn-nodes") == "4"
    assert body.get("data-drawn-edges") == "2"  # AFFILIATED_WITH and SUPPORTS do not touch ICE


@pytest.mark.browser
@needs_chromium
def test_browser_hides_nodes_without_relationships_until_asked(graph, tmp_path):
    graph.add_node(_node("Person", "Nobody Inparticular"))
    connected = sum(1 for n in graph.nodes() if graph.g.degree(n.id))
    tick = ("<script>setTimeout(function () { document.getElementById('unconnected').click(); }, 3000);"
            "</script></body>")
    before = _body(_dom(_write(tmp_path, render_html(graph), "before.html")))
    after = _body(_dom(_write(tmp_path, render_html(graph).replace("</body>", tick, 1))))
    assert (before.get("data-drawn-nodes"), after.get("data-drawn-nodes")) == (str(connected), str(len(graph)))


@pytest.mark.browser
@needs_chromium
def test_browser_search_finds_a_node_by_part_of_its_name(graph, tmp_path):
    typing = ("<script>setTimeout(function () { var s = document.getElementById('search');"
              "s.value = 'communities';"
              "s.dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter'})); }, 3000);</script></body>")
    dom = _dom(_write(tmp_path, render_html(graph).replace("</body>", typing, 1)))
    assert f'data-selected="{entity_id("Group", "immigrant communities")}"' in dom
    assert "<h3>immigrant communities</h3>" in dom


@pytest.mark.browser
@needs_chromium
def test_browser_shows_evidence_with_article_title_and_date(graph, tmp_path):
    rel = next(r for r in graph.relationships() if r.relation == "OPPOSES")
    dom = _dom(_write(tmp_path, render_html(graph)), f"#select={rel.id}")
    details = dom[dom.index('<div id="details"'):dom.index("</aside>")]
    assert f'data-selected="{rel.id}"' in details
    # Shown as text: the markup in the data arrives escaped, not as elements.
    assert html.escape(f"Krasner said {INJECTION} ICE <!-- must go & \"now\".", quote=False) in details
    assert html.escape('Krasner vows to fight <ICE> & "friends"', quote=False) in details
    assert "2026-11-24" in details and 'href="https://example.com/krasner"' in details
    assert "<script>document" not in dom


@pytest.mark.browser
@needs_chromium
def test_browser_node_details_list_its_claims(graph, tmp_path):
    krasner = entity_id("Person", "Larry Krasner")
    dom = _dom(_write(tmp_path, render_html(graph)), f"#select={krasner}")
    details = dom[dom.index('<div id="details"'):dom.index("</aside>")]
    assert "<h3>Larry Krasner</h3>" in details
    assert details.count(" OPPOSES ") == 1 and details.count(" AFFILIATED_WITH ") == 1


@pytest.mark.browser
@needs_chromium
def test_browser_empty_graph_says_so(tmp_path):
    dom = _dom(_write(tmp_path, render_html(NewsGraph())))
    assert _body(dom).get("data-drawn-nodes") == "0"
    assert "No nodes to show." in dom


@pytest.mark.browser
@needs_chromium
def test_browser_screenshot_shows_each_label_colour(graph, tmp_path):
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "view-small.png"
    shot.unlink(missing_ok=True)
    _chromium(_write(tmp_path, render_html(graph)).as_uri(), "--virtual-time-budget=30000",
              f"--screenshot={shot}")
    print(f"screenshot: {shot}")
    width, height, pixels = _png_rgb(shot.read_bytes())
    assert (width, height) == (1200, 800)
    # The sidebar (320 px) has small swatches in the same colours: count the canvas only.
    drawn = {n.label for n in graph.nodes() if graph.g.degree(n.id)}  # isolated nodes start hidden
    counts = _colour_counts(pixels, width, height, x_from=330,
                            colours={k: v for k, v in LABEL_COLOURS.items() if k in drawn})
    assert counts
    for label, n in counts.items():
        assert n > 150, f"{label} nodes not drawn (only {n} pixels of {LABEL_COLOURS[label]})"


@pytest.mark.browser
@needs_chromium
def test_browser_draws_a_2000_node_graph(tmp_path):
    g = NewsGraph()
    nodes = [_node(("Person", "Organization", "Place", "Policy", "Group")[i % 5], f"Actor {i}")
             for i in range(2000)]
    for n in nodes:
        g.add_node(n)
    for i in range(1, 2000):
        _rel(g, nodes[i], "SUPPORTS" if i % 2 else "OPPOSES", nodes[(i * 7) % i], f"Claim {i}.")
    body = _body(_dom(_write(tmp_path, render_html(g)), budget_ms=60000))
    assert body.get("data-drawn-nodes") == "2000"
    assert body.get("data-drawn-edges") == "1999"
    assert body.get("data-stabilized") == "true"


# -- reading a PNG without Pillow -------------------------------------------------------------
def _png_rgb(data: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and RGB rows of an 8-bit RGB or RGBA PNG (what Chromium writes)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour_type = struct.unpack(">IIBB", chunk[:10])
            assert depth == 8 and colour_type in (2, 6), "only 8-bit RGB(A) PNGs"
            bpp = 3 if colour_type == 2 else 4
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * bpp
    rows, prev = [], bytearray(stride)
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 0xFF
            elif f == 2:
                line[i] = (line[i] + b) & 0xFF
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 0xFF
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        rows.append(bytes(line) if bpp == 3 else bytes(v for j, v in enumerate(line) if j % 4 != 3))
        prev = line
    return width, height, rows


def _colour_counts(rows: list[bytes], width: int, height: int, x_from: int,
                   colours: dict[str, str], tolerance: int = 8) -> dict[str, int]:
    targets = {k: tuple(int(v[i:i + 2], 16) for i in (1, 3, 5)) for k, v in colours.items()}
    counts = dict.fromkeys(colours, 0)
    for row in rows:
        for x in range(x_from, width):
            px = row[3 * x:3 * x + 3]
            for label, (r, g, b) in targets.items():
                if abs(px[0] - r) <= tolerance and abs(px[1] - g) <= tolerance and abs(px[2] - b) <= tolerance:
                    counts[label] += 1
                    break
    return counts
