"""Articles from the web: a page's URL, or every item of an RSS/Atom feed (feedparser).

Each page is fetched once and kept in a cache by URL, so building again (or a feed that lists a
page again tomorrow) does not fetch it again. A page that cannot be had (timeout, HTTP error, not
a page) is one `Skipped` naming the URL; the other URLs are still read. The URL becomes the
article's `url` (the page's own canonical URL wins), its site name or domain the outlet.
"""
from __future__ import annotations

import hashlib
import json
import os
import socket
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import feedparser

from newsgraph.graph import Article, domain_of

from . import readers
from .readers import Skipped

CACHE_ENV = "NEWSGRAPH_CACHE"
DEFAULT_TIMEOUT = 20.0
URL_PREFIXES = ("http://", "https://")


def is_url(path: str) -> bool:
    return path.lower().startswith(URL_PREFIXES)


def default_cache_dir() -> Path:
    """$NEWSGRAPH_CACHE, else $XDG_CACHE_HOME/newsgraph/pages (XDG default ~/.cache)."""
    env = os.environ.get(CACHE_ENV)
    if env:
        return Path(env).expanduser()
    base = os.environ.get("XDG_CACHE_HOME", "")
    root = Path(base) if base and os.path.isabs(base) else Path.home() / ".cache"
    return root / "newsgraph" / "pages"


@dataclass(frozen=True)
class Page:
    url: str  # where the body came from, after redirects
    body: bytes
    content_type: str  # "text/html", without parameters
    charset: str  # from the Content-Type header, "" if none


class Fetcher:
    """HTTP GET with a timeout and a cache of successful fetches by URL (`cache_dir` None: no cache)."""

    def __init__(self, cache_dir: Path | None = None, timeout: float = DEFAULT_TIMEOUT) -> None:
        self.cache_dir = cache_dir
        self.timeout = timeout

    def get(self, url: str, cache: bool = True) -> Page | Skipped:
        cached = self._cached(url) if cache else None
        if cached is not None:
            return cached
        request = urllib.request.Request(url, headers={"User-Agent": _user_agent(), "Accept": "*/*"})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                body = response.read(readers.MAX_FILE_BYTES + 1)
                final, headers = response.geturl(), response.headers
        except urllib.error.HTTPError as e:
            return Skipped(url, f"HTTP {e.code} {e.reason}")
        except urllib.error.URLError as e:
            return Skipped(url, f"cannot fetch: {_reason(e.reason)}")
        except (TimeoutError, socket.timeout):
            return Skipped(url, f"timed out after {self.timeout:g} s")
        except (OSError, ValueError) as e:  # a reset connection, a malformed URL
            return Skipped(url, f"cannot fetch: {_reason(e)}")
        if len(body) > readers.MAX_FILE_BYTES:
            return Skipped(url, f"page too large (over {readers.MAX_FILE_BYTES // (1024 * 1024)} MB)")
        page = Page(url=final, body=body, content_type=headers.get_content_type(),
                    charset=headers.get_content_charset() or "")
        if cache:
            self._store(url, page)
        return page

    def _path(self, url: str) -> Path | None:
        if self.cache_dir is None:
            return None
        return self.cache_dir / hashlib.sha256(url.encode("utf-8")).hexdigest()

    def _cached(self, url: str) -> Page | None:
        path = self._path(url)
        if path is None:
            return None
        try:
            meta = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
            body = path.with_suffix(".body").read_bytes()
            return Page(url=meta["url"], body=body, content_type=meta["content_type"], charset=meta["charset"])
        except (OSError, ValueError, KeyError, TypeError):
            return None  # not cached, or a damaged entry: fetch again

    def _store(self, url: str, page: Page) -> None:
        path = self._path(url)
        if path is None:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # body first, then the meta file that makes the entry count: a half-written entry is a miss
            _write_atomic(path.with_suffix(".body"), page.body)
            meta = {"url": page.url, "content_type": page.content_type, "charset": page.charset}
            _write_atomic(path.with_suffix(".json"), json.dumps(meta).encode("utf-8"))
        except OSError:
            pass  # a cache we cannot write is only slower


def read_url(url: str, fetcher: Fetcher, fallback: dict | None = None) -> Iterator[Article | Skipped]:
    """The article(s) at `url`. `fallback` fills fields the page leaves empty (a feed item's title, date)."""
    page = fetcher.get(url)
    if isinstance(page, Skipped):
        yield page
        return
    text = readers._decode(url, page.body, declared=page.charset)
    if isinstance(text, Skipped):
        yield text
        return
    kind = page.content_type
    if kind in ("text/html", "application/xhtml+xml") or (kind != "text/plain" and _looks_html(text)):
        item = readers._from_html(url, text, url=page.url)
        items = [item]
    elif kind == "application/json" or text.lstrip().startswith(("{", "[")):
        items = list(readers._sniffed(url, text))
    else:
        items = [readers._from_text(url, text, markdown=kind == "text/markdown")]
    for item in items:
        if isinstance(item, Article):
            item = _completed(item, page.url, fallback or {})
        yield item


def read_feed(feed_url: str, fetcher: Fetcher, seen: set[str]) -> Iterator[Article | Skipped]:
    """Every item of an RSS or Atom feed, each page fetched once (`seen` holds URLs already read)."""
    page = fetcher.get(feed_url, cache=False)  # a feed changes: always ask for the current one
    if isinstance(page, Skipped):
        yield page
        return
    feed = feedparser.parse(page.body, response_headers={"content-type": page.content_type})
    if not feed.entries:
        reason = "not an RSS or Atom feed" if feed.bozo else "feed has no items"
        yield Skipped(feed_url, reason)
        return
    outlet = readers._clean(feed.feed.get("title", ""))
    for i, entry in enumerate(feed.entries, start=1):
        link = (entry.get("link") or "").strip()
        if not is_url(link):
            yield Skipped(f"{feed_url} item {i}", "no link to the article")
            continue
        if link in seen:
            continue
        seen.add(link)
        fallback = {"title": readers._clean(entry.get("title", "")), "date": _entry_date(entry), "source": outlet}
        yield from read_url(link, fetcher, fallback)


def _entry_date(entry: dict) -> str:
    """A feed item's date as ISO (feedparser reads RFC 822 and the rest); as written if unparsed."""
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if parsed:
        return time.strftime("%Y-%m-%d", parsed)
    return readers._clean(entry.get("published") or entry.get("updated") or "")


def _completed(article: Article, url: str, fallback: dict) -> Article:
    fields = article.to_dict()
    fields["url"] = fields["url"] or url
    for key, value in fallback.items():
        if value and not fields.get(key):
            fields[key] = value
    if not fields["source"]:
        fields["source"] = domain_of(fields["url"])
    if fields["title"] != article.title:
        fields["id"] = ""  # derived from title and text: derive it again
    return Article(**fields)


def _looks_html(text: str) -> bool:
    return text.lstrip()[:200].lower().startswith(("<!doctype html", "<html", "<head", "<body", "<"))


def _reason(e: object) -> str:
    if isinstance(e, (TimeoutError, socket.timeout)):
        return "timed out"
    if isinstance(e, OSError) and e.strerror:
        return e.strerror.lower()
    return readers._one_line(str(e)) or type(e).__name__


def _user_agent() -> str:
    from newsgraph import __version__

    return f"newsgraph/{__version__}"


def _write_atomic(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


