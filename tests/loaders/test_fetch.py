"""Pages and feeds fetched over HTTP, from a server of our own on 127.0.0.1 (http.server in a thread)."""
from __future__ import annotations

import json
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Iterator

import pytest

from newsgraph.graph import Article
from newsgraph.loaders.fetch import Fetcher
from newsgraph.loaders.readers import Skipped, read_articles


def page(title: str, body: str, site: str = "The Valley Ledger", charset: str = "utf-8") -> str:
    return (f"<html><head><meta charset='{charset}'><title>{title}</title>"
            f"<meta property='og:site_name' content='{site}'></head><body><div class='menu'>Home Politics</div>"
            f"<div class='story'><h1>{title}</h1><p>{body}</p></div><div class='footer'>Copyright</div></body></html>")


VETO = page("Ruiz vetoes transit bill", "Governor Ana Ruiz on Friday vetoed the Clean Transit Act, "
            "a bill that would have raised the fuel tax to pay for buses. Senator Tom Hale criticized the veto.")
FUND = page("Fund backs Measure K", "The Civic Futures Fund donated $2 million to the campaign for Measure K, "
            "its filings show. Mayor Lee Park opposed Measure K.")
CAFE = page("Café owners oppose the levy", "Café owner Zoé Dupré opposed the Transit Levy on Monday, "
            "calling it \u201cunfair\u201d.", charset="windows-1252")


class Site:
    """A little news site: pages by path, hit counts, and a page that answers too slowly."""

    def __init__(self) -> None:
        self.hits: Counter[str] = Counter()
        self.routes: dict[str, tuple[int, str, bytes]] = {}
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                site.hits[self.path] += 1
                if self.path == "/slow":
                    time.sleep(3)
                status, kind, body = site.routes.get(self.path, (404, "text/plain", b"not found"))
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def add(self, path: str, body: str | bytes, kind: str = "text/html; charset=utf-8", status: int = 200) -> str:
        self.routes[path] = (status, kind, body.encode("utf-8") if isinstance(body, str) else body)
        return self.base + path

    def feed(self, path: str, links: list[str]) -> str:
        items = "".join(f"<item><title>Item {i}</title><link>{link}</link>"
                        f"<pubDate>Mon, 0{i + 1} Mar 2026 10:00:00 GMT</pubDate></item>" for i, link in enumerate(links))
        rss = (f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>Ledger Politics</title>"
               f"<link>{self.base}/</link><description>d</description>{items}</channel></rss>")
        return self.add(path, rss, "application/rss+xml")


@pytest.fixture()
def site() -> Iterator[Site]:
    s = Site()
    s.thread.start()
    yield s
    s.server.shutdown()
    s.server.server_close()


def read(paths=(), feeds=(), cache=None, timeout=5.0) -> list[Article | Skipped]:
    return list(read_articles(list(paths), feeds=list(feeds), fetcher=Fetcher(cache, timeout=timeout)))


def test_a_page_url_is_an_article_whose_url_and_outlet_are_the_page(site):
    url = site.add("/politics/veto.html", VETO)
    (a,) = read([url])
    assert isinstance(a, Article), a
    assert a.url == url and a.source == "The Valley Ledger" and a.title == "Ruiz vetoes transit bill"
    assert a.text.startswith("Governor Ana Ruiz on Friday vetoed") and "Home" not in a.text


def test_declared_windows_1252_is_decoded(site):
    url = site.add("/cafe.html", CAFE.encode("cp1252"), kind="text/html")
    (a,) = read([url])
    assert "Zoé Dupré opposed the Transit Levy" in a.text and "\u201cunfair\u201d" in a.text


def test_a_feed_reads_each_item_once_and_a_broken_item_is_one_skip(site):
    veto, fund = site.add("/veto.html", VETO), site.add("/fund.html", FUND)
    gone = site.base + "/gone.html"
    feed = site.feed("/rss.xml", [veto, fund, gone, veto])
    items = read(feeds=[feed])
    articles = [i for i in items if isinstance(i, Article)]
    skips = [i for i in items if isinstance(i, Skipped)]
    assert [a.url for a in articles] == [veto, fund]
    assert len(skips) == 1 and skips[0].source == gone and "HTTP 404" in skips[0].reason
    assert site.hits["/veto.html"] == 1 and site.hits["/fund.html"] == 1


def test_a_page_named_and_listed_in_a_feed_is_read_once(site):
    veto = site.add("/veto.html", VETO)
    feed = site.feed("/rss.xml", [veto])
    assert len(read([veto], feeds=[feed])) == 1 and site.hits["/veto.html"] == 1


def test_pages_are_cached_by_url_the_feed_is_not(site, tmp_path):
    veto = site.add("/veto.html", VETO)
    feed = site.feed("/rss.xml", [veto])
    first = read(feeds=[feed], cache=tmp_path / "cache")
    again = read(feeds=[feed], cache=tmp_path / "cache")
    assert first == again and len(first) == 1
    assert site.hits["/veto.html"] == 1 and site.hits["/rss.xml"] == 2


def test_timeouts_and_http_errors_are_one_skip_each_and_the_rest_goes_on(site):
    slow = site.add("/slow", VETO)
    broken = site.add("/boom", "oops", status=500)
    good = site.add("/fund.html", FUND)
    refused = "http://127.0.0.1:9/nothing"  # the discard port: nothing listens
    items = read([slow, broken, refused, good], timeout=1.0)
    assert [type(i).__name__ for i in items] == ["Skipped", "Skipped", "Skipped", "Article"]
    assert "timed out" in items[0].reason
    assert "HTTP 500" in items[1].reason
    assert "cannot fetch" in items[2].reason
    assert all("\n" not in str(i) for i in items[:3])


def test_something_that_is_not_a_feed_is_skipped(site):
    url = site.add("/notafeed", "just words, no feed here", kind="text/plain")
    (s,) = read(feeds=[url])
    assert isinstance(s, Skipped) and "not an RSS or Atom feed" in s.reason


def test_build_from_a_feed_then_cite_the_outlet(site, newsgraph, tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSGRAPH_CACHE", str(tmp_path / "cache"))
    veto, fund = site.add("/veto.html", VETO), site.add("/fund.html", FUND)
    feed = site.feed("/rss.xml", [veto, fund, site.base + "/missing.html"])
    r = newsgraph("build", "--feed", feed)
    assert r.returncode == 1, r.stderr
    assert "2 added" in r.stderr and "1 skipped" in r.stderr
    (line,) = [ln for ln in r.stderr.splitlines() if "skipped [E001]" in ln]
    assert "/missing.html: HTTP 404" in line
    rows = json.loads(newsgraph("query", "who-opposes", "measure k", "--json").stdout)
    assert rows and rows[0]["sources"] == [{"title": "Fund backs Measure K", "date": "2026-03-02",
                                            "outlet": "The Valley Ledger", "url": fund}]
