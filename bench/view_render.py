"""How long the HTML view of a 2,000-node graph takes to draw in headless Chromium.

    .venv/bin/python bench/view_render.py [--nodes 2000] [--edges 3000] [--runs 3]

Builds a synthetic graph, renders it with `render_html`, serves the page from a
local HTTP server and opens it in headless Chromium. A small script added to
the page for the benchmark reports back (by a request to the same server) once
the page says it has drawn (body[data-first-draw-ms]) and once the layout has
stabilized (body[data-stabilized-ms]). Printed per run:
  first draw / stabilized  ms since navigation start, as the page measured them
  wall                     seconds from launching Chromium to the report (includes browser start)
"""
from __future__ import annotations

import argparse
import http.server
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import parse_qs, urlparse

from newsgraph.graph import (LABELS, RELATIONS, Article, Evidence, NewsGraph, Node, Relationship,
                             claim_id, entity_id)
from newsgraph.loaders.view import render_html

REPORTER = """<script>
(function () {
  var b = document.body;
  var t = setInterval(function () {
    if (!b.hasAttribute("data-stabilized-ms") || !b.hasAttribute("data-first-draw-ms")) return;
    clearInterval(t);
    var q = ["first", b.getAttribute("data-first-draw-ms"), "stab", b.getAttribute("data-stabilized-ms"),
             "nodes", b.getAttribute("data-drawn-nodes"), "edges", b.getAttribute("data-drawn-edges")];
    var s = [];
    for (var i = 0; i < q.length; i += 2) s.push(q[i] + "=" + encodeURIComponent(q[i + 1]));
    fetch("/report?" + s.join("&"));
  }, 20);
})();
</script>
</body>"""


def synthetic_graph(n_nodes: int, n_edges: int, seed: int = 5) -> NewsGraph:
    rnd = random.Random(seed)
    g = NewsGraph()
    articles = [Article(text=f"Synthetic article {i}.", id=f"art-{i}", title=f"Article {i}",
                        date=f"2026-11-{1 + i % 28:02d}") for i in range(max(1, n_nodes // 20))]
    g.articles = {a.id: a for a in articles}
    ids = []
    for i in range(n_nodes):
        label = LABELS[i % len(LABELS)]
        name = f"{label} {i}"
        nid = entity_id(label, name)
        ids.append(nid)
        g.add_node(Node(id=nid, label=label, name=name, articles=[rnd.choice(articles).id]))
    # A few hubs, as in real news (an agency, a president), and a long tail.
    weights = [1.0 / (1 + i) ** 0.8 for i in range(n_nodes)]
    made = 0
    while made < n_edges:
        s, o = rnd.choices(ids, weights=weights, k=2)
        if s == o:
            continue
        rel = rnd.choice(RELATIONS)
        art = rnd.choice(articles).id
        cid = claim_id(s, rel, o)
        g.add_relationship(Relationship(id=cid, subject=s, relation=rel, object=o, evidence=[
            Evidence(article=art, sentence=f"{s} {rel.lower()} {o}.", start=made, end=made + 10,
                     predicate=rel.lower(), confidence=round(rnd.random(), 2))]))
        made += 1
    return g


class _Server(http.server.ThreadingHTTPServer):
    page: bytes = b""
    report: dict | None = None
    reported: threading.Event


class _Handler(http.server.BaseHTTPRequestHandler):
    server: _Server

    def do_GET(self) -> None:  # noqa: N802 (the stdlib's name)
        url = urlparse(self.path)
        if url.path == "/report":
            self.server.report = {k: v[0] for k, v in parse_qs(url.query).items()}
            self.server.report["at"] = time.perf_counter()
            self.server.reported.set()
            body = b"ok"
        else:
            body = self.server.page
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8" if url.path != "/report" else "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


def open_in_chromium(chromium: str, page: str, timeout: float = 120.0) -> dict:
    """Serve `page`, open it in headless Chromium and wait for its report."""
    server = _Server(("127.0.0.1", 0), _Handler)
    server.page = page.replace("</body>", REPORTER, 1).encode("utf-8")
    server.reported = threading.Event()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    with tempfile.TemporaryDirectory() as profile:
        start = time.perf_counter()
        proc = subprocess.Popen(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
             "--window-size=1400,900", "--remote-debugging-port=0", url],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            if not server.reported.wait(timeout):
                raise SystemExit(f"the page did not report within {timeout:.0f} s")
        finally:
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            server.shutdown()
            server.server_close()
    report = dict(server.report or {})
    report["wall_s"] = report.pop("at") - start
    return report


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--nodes", type=int, default=2000)
    ap.add_argument("--edges", type=int, default=3000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--save", type=Path, help="also write the page here")
    args = ap.parse_args(argv)
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        print("chromium is not installed (apt-get install chromium)", file=sys.stderr)
        return 2

    t = time.perf_counter()
    graph = synthetic_graph(args.nodes, args.edges)
    built = time.perf_counter() - t
    t = time.perf_counter()
    page = render_html(graph, title=f"bench {args.nodes} nodes")
    rendered = time.perf_counter() - t
    if args.save:
        args.save.write_text(page, encoding="utf-8")
    print(f"graph: {len(graph)} nodes, {graph.g.number_of_edges()} relationships (built in {built:.2f} s)")
    print(f"render_html: {rendered * 1000:.0f} ms, page {len(page) / 1e6:.2f} MB")

    baseline = open_in_chromium(chromium, render_html(NewsGraph(), title="empty"))
    print(f"empty page: first draw {baseline['first']} ms, wall {baseline['wall_s']:.2f} s (browser start)")
    firsts, stabs, walls = [], [], []
    for run in range(1, args.runs + 1):
        r = open_in_chromium(chromium, page)
        firsts.append(int(r["first"]))
        stabs.append(int(r["stab"]))
        walls.append(r["wall_s"])
        print(f"run {run}: drawn nodes {r['nodes']}, edges {r['edges']}; first draw {r['first']} ms, "
              f"stabilized {r['stab']} ms after navigation; wall {r['wall_s']:.2f} s")
    print(f"median: first draw {statistics.median(firsts):.0f} ms, stabilized {statistics.median(stabs):.0f} ms, "
          f"wall {statistics.median(walls):.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
