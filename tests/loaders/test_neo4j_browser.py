"""Neo4j Browser, for real: its static build from Maven Central served on loopback, opened in headless
Chromium (driven by Playwright on Debian's chromium), connected to the test Neo4j; `newsgraph
browser-style` applied with `:style`; the README's "who opposes which policy" query drawn with the
style's colours and captions (Browser's SVG and the screenshot's pixels).

NEWSGRAPH_SCREENSHOTS=1 also writes the screenshot to docs/neo4j-browser.png (the README's)."""
from __future__ import annotations

import base64
import functools
import http.server
import os
import shutil
import threading
import zipfile
from pathlib import Path

import pytest

from neo4j_server import Unavailable, browser_jar
from newsgraph.graph import Article, Claim, Entity, Evidence, Extraction, NewsGraph
from newsgraph.loaders.neo4j import Connection, Neo4jStore, browser_style
from newsgraph.loaders.neo4j_style import COLOURS, REL_COLOURS

pytestmark = [pytest.mark.bolt, pytest.mark.browser, pytest.mark.slow]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
QUERY = "MATCH (a:Entity)-[r:OPPOSES]->(p:Policy) RETURN a, r, p"
DOCS = Path(__file__).resolve().parents[2] / "docs" / "neo4j-browser.png"
ACTORS = {"Maria Alvarez": "Person", "Tom Okafor": "Person", "City Council": "Organization",
          "Tenants Union": "Group", "Fair Rent Act": "Policy", "Safe Streets Act": "Policy"}
OPPOSES = [("Maria Alvarez", "Fair Rent Act"), ("City Council", "Fair Rent Act"),
           ("Tenants Union", "Safe Streets Act"), ("Tom Okafor", "Safe Streets Act")]


def graph() -> NewsGraph:
    g = NewsGraph()
    claims, pos, text = [], 0, []
    for s, o in OPPOSES:
        sentence = f"{s} opposed the {o}."
        claims.append(Claim(s, ACTORS[s], "OPPOSES", o, ACTORS[o],
                            [Evidence("b1", sentence, pos, pos + len(sentence), "opposed", 0.9)]))
        text.append(sentence)
        pos += len(sentence) + 1
    g.add(Extraction(Article(" ".join(text), id="b1", title="Opposition", date="2026-11-24"),
                     [Entity(n, lab, []) for n, lab in ACTORS.items()], claims))
    return g


@pytest.fixture
def browser_site(tmp_path):
    """Neo4j Browser's files served on 127.0.0.1; yields the base URL."""
    try:
        jar = browser_jar()
    except Unavailable as e:
        pytest.skip(str(e))
    with zipfile.ZipFile(jar) as z:
        z.extractall(tmp_path, [n for n in z.namelist() if n.startswith("browser/")])

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass
    httpd = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(tmp_path / "browser")))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_port}/"
    httpd.shutdown()


def count_colours(page, png: bytes, colours: list[str]) -> dict[str, int]:
    """Pixels of each exact colour in a PNG, counted by the browser's own decoder."""
    return page.evaluate("""async ([data, colours]) => {
        const img = new Image(); img.src = 'data:image/png;base64,' + data; await img.decode();
        const c = document.createElement('canvas'); c.width = img.width; c.height = img.height;
        const ctx = c.getContext('2d'); ctx.drawImage(img, 0, 0);
        const px = ctx.getImageData(0, 0, c.width, c.height).data;
        const want = Object.fromEntries(colours.map(h => [h, [1, 3, 5].map(i => parseInt(h.substr(i, 2), 16))]));
        const out = Object.fromEntries(colours.map(h => [h, 0]));
        for (let i = 0; i < px.length; i += 4)
            for (const [h, [r, g, b]] of Object.entries(want))
                if (px[i] === r && px[i + 1] === g && px[i + 2] === b) out[h]++;
        return out; }""", [base64.b64encode(png).decode(), colours])


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)")
def test_browser_draws_who_opposes_with_the_newsgraph_style(neo4j_db, browser_site, tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api", reason="the Browser test drives Chromium with playwright")
    with Neo4jStore(Connection(neo4j_db.uri, neo4j_db.user, neo4j_db.password, neo4j_db.database)) as store:
        store.write_graph(graph())
    host = neo4j_db.uri.split("://", 1)[1]
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.goto(f"{browser_site}?dbms=bolt://{neo4j_db.user}@{host}&preselectAuthMethod=basic")
            page.wait_for_selector("[data-testid='boltaddress']", timeout=120_000)
            page.locator("select[data-testid='bolt-scheme-select']").select_option("bolt://")
            page.locator("select").nth(1).select_option("NATIVE")  # shows the user and password fields
            page.fill("[data-testid='password']", neo4j_db.password)
            page.click("[data-testid='connect']")
            page.wait_for_selector("text=You are connected as user", timeout=60_000)

            def run(command: str) -> None:
                page.locator(".monaco-editor textarea").first.click()
                page.keyboard.press("Control+A")
                page.keyboard.press("Delete")
                page.keyboard.insert_text(command)
                page.keyboard.press("Control+Enter")

            # Browser 5.24 takes `:style` on one line (a sheet over several lines breaks it).
            run(":style " + " ".join(browser_style().split()))
            page.wait_for_selector("text=text-color-internal", timeout=30_000)
            run(QUERY)
            page.wait_for_function("document.querySelectorAll('svg g.node').length >= 6", timeout=60_000)
            page.wait_for_timeout(3000)  # the force layout settles
            nodes = page.evaluate("""() => [...document.querySelectorAll('svg g.node')].map(g => ({
                fill: g.querySelector('circle.b-outline').getAttribute('fill'),
                caption: [...g.querySelectorAll('text')].map(t => t.textContent.trim()).join(' ')}))""")
            rels = page.evaluate("""() => [...document.querySelectorAll('svg g.relationship')].map(g => ({
                stroke: g.querySelector('path.b-outline').getAttribute('fill'),
                caption: [...g.querySelectorAll('text')].map(t => t.textContent.trim()).join(' ')}))""")
            shot = page.screenshot()
            pixels = count_colours(page, shot, [COLOURS["Person"][0], COLOURS["Policy"][0], REL_COLOURS["OPPOSES"]])
        finally:
            browser.close()
    (tmp_path / "neo4j-browser.png").write_bytes(shot)
    if os.environ.get("NEWSGRAPH_SCREENSHOTS"):
        DOCS.parent.mkdir(exist_ok=True)
        DOCS.write_bytes(shot)

    # Browser's own drawing: every actor once, in its label's colour, captioned with its name.
    drawn = {n["caption"]: n["fill"] for n in nodes}
    assert len(nodes) == len(ACTORS)
    for name, label in ACTORS.items():
        assert drawn.get(" ".join(name.split())) == COLOURS[label][0], (name, drawn)
    assert sorted(r["caption"] for r in rels) == ["OPPOSES"] * len(OPPOSES)
    assert {r["stroke"] for r in rels} == {REL_COLOURS["OPPOSES"]}
    # And on screen: the style's fills cover real areas of the screenshot (a 50px circle ~ 1,900 px).
    assert pixels[COLOURS["Person"][0]] > 2 * 1000 and pixels[COLOURS["Policy"][0]] > 2 * 1000, pixels
    assert pixels[REL_COLOURS["OPPOSES"]] > 200, pixels
