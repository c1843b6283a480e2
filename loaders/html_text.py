"""The main text of a news web page: what a reader would read, without the page around it.

Stdlib only (html.parser). The parser is forgiving, so this never needs the page to be valid:
unclosed tags just close with their parent.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from html.parser import HTMLParser

# Page furniture: menus, banners, sidebars, code and forms are never the article.
_DROP = frozenset({
    "head", "title", "nav", "header", "footer", "aside", "script", "style", "noscript", "form",
    "template", "svg", "iframe", "button", "select", "textarea", "object", "canvas", "dialog", "menu",
})
# Tags that end a paragraph of running text.
_BLOCK = frozenset({
    "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
    "blockquote", "pre", "table", "thead", "tbody", "tr", "td", "th", "br", "hr", "figure",
    "figcaption", "dl", "dt", "dd", "address", "body", "html", "caption", "details", "summary",
})
_VOID = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
})
_CONTAINERS = frozenset({"article", "main"})
# Where pages put the publication date, best first.
_DATE_KEYS = (
    "article:published_time", "og:published_time", "datepublished", "date", "pubdate",
    "publishdate", "dc.date", "dc.date.issued", "dcterms.created", "parsely-pub-date",
    "sailthru.date", "article:modified_time", "datemodified",
)
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class HtmlDocument:
    """What a page says about its article; empty strings where the page is silent."""

    text: str  # paragraphs separated by blank lines
    title: str = ""
    date: str = ""
    url: str = ""


def parse_html(markup: str) -> HtmlDocument:
    """The article of a page: the text of its <article>/<main> if any, else of its <body>."""
    parser = _PageParser()
    parser.feed(markup)
    parser.close()
    return parser.document()


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._stack: list[str] = []
        self._open: dict[str, int] = {}  # tag -> times on the stack: "is it open?" without a scan
        self._dropping = 0  # how many open tags on the stack are furniture
        self._container: int | None = None  # index of the open <article>/<main>, if any
        self._container_tag = ""
        self._containers = 0
        self._buffer: list[str] = []
        self._blocks: list[tuple[int | None, str]] = []  # (container, paragraph)
        self._h1: list[str] | None = None  # collecting an <h1>
        self._h1_in_container = False
        self._headlines: list[tuple[bool, str]] = []  # (inside <article>/<main>, text)
        self._title: list[str] | None = None
        self._title_text = ""
        self._meta: dict[str, str] = {}
        self._canonical = ""
        self._time = ""
        self._ld: list[str] | None = None  # collecting a <script type="application/ld+json">
        self._linked_data: dict[str, str] = {}

    # -- events -------------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            self._read_meta(a)
        elif tag == "link" and "canonical" in a.get("rel", "").lower().split():
            self._canonical = self._canonical or a.get("href", "").strip()
        elif tag == "time" and not self._time:
            self._time = a.get("datetime", "").strip()
        elif tag == "script" and a.get("type", "").strip().lower() == "application/ld+json":
            self._ld = []
        if tag in _BLOCK:
            self._flush()
        if tag in _VOID:
            return
        if tag == "h1" and self._h1 is None:
            self._h1, self._h1_in_container = [], self._container is not None
        elif tag == "title" and self._title is None and not self._title_text:
            self._title = []
        if tag in _CONTAINERS and self._container is None and not self._dropping:
            self._container, self._container_tag = self._containers, tag
            self._containers += 1
        self._stack.append(tag)
        self._open[tag] = self._open.get(tag, 0) + 1
        if tag in _DROP:
            self._dropping += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # <br/>, <meta ... />: nothing is ever inside them.
        self.handle_starttag(tag, attrs)
        if tag not in _VOID and self._stack and self._stack[-1] == tag:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCK:
            self._flush()
        if not self._open.get(tag):
            return  # a stray end tag: browsers ignore it too (counted, not searched: '<b>'*n+'</i>'*n)
        while self._stack:
            open_tag = self._stack.pop()
            self._closed(open_tag)
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if self._ld is not None:
            self._ld.append(data)
        if self._h1 is not None:
            self._h1.append(data)
        if self._title is not None:
            self._title.append(data)
        if not self._dropping:
            self._buffer.append(data)

    def parse_marked_section(self, i: int, report: int = 1) -> int:
        # Word's "<![if !supportLists]>" is fine, but an unknown keyword ("<![foo[") makes
        # _markupbase assert; a browser skips such a section, so do the same.
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            end = self.rawdata.find(">", i)
            return end + 1 if end >= 0 else -1

    def close(self) -> None:
        super().close()
        while self._stack:
            self._closed(self._stack.pop())
        self._flush()

    # -- bookkeeping --------------------------------------------------------------------
    def _closed(self, tag: str) -> None:
        self._open[tag] -= 1  # every tag popped off the stack comes through here
        if tag == "script" and self._ld is not None:
            self._read_linked_data("".join(self._ld))
            self._ld = None
        if tag in _DROP:
            self._dropping -= 1
        if tag == "h1" and self._h1 is not None:
            self._headlines.append((self._h1_in_container, _squash("".join(self._h1))))
            self._h1 = None
        elif tag == "title" and self._title is not None:
            self._title_text, self._title = _squash("".join(self._title)), None
        if tag == self._container_tag and self._container is not None and not self._open.get(tag):
            self._flush()
            self._container, self._container_tag = None, ""

    def _flush(self) -> None:
        text = _squash("".join(self._buffer))
        self._buffer.clear()
        if text:
            self._blocks.append((self._container, text))

    def _read_linked_data(self, script: str) -> None:
        """The first schema.org article of a JSON-LD block: many sites date pages only there."""
        if self._linked_data:
            return
        try:
            data = json.loads(script)
        except (ValueError, RecursionError):
            return  # a broken script block is the page's problem, not the article's
        nodes = data.get("@graph", [data]) if isinstance(data, dict) else data
        for node in nodes if isinstance(nodes, list) else []:
            if isinstance(node, dict) and ("datePublished" in node or "headline" in node):
                self._linked_data = {k: node[k].strip() for k in ("datePublished", "headline", "url")
                                     if isinstance(node.get(k), str)}
                return

    def _read_meta(self, a: dict[str, str]) -> None:
        key = (a.get("property") or a.get("name") or a.get("itemprop") or "").strip().lower()
        content = a.get("content", "").strip()
        if key and content and key not in self._meta:
            self._meta[key] = content

    # -- result -------------------------------------------------------------------------
    def document(self) -> HtmlDocument:
        blocks = self._main_blocks()
        title = self._headline()
        if title and blocks and blocks[0] == title:
            blocks = blocks[1:]  # the headline is the title, not the first paragraph
        ld = self._linked_data
        date = (next((self._meta[k] for k in _DATE_KEYS if self._meta.get(k)), "")
                or ld.get("datePublished", "") or self._time)
        url = self._canonical or self._meta.get("og:url", "") or ld.get("url", "")
        return HtmlDocument(text="\n\n".join(blocks), title=title, date=date, url=url)

    def _headline(self) -> str:
        """The article's headline: its own <h1>, else og:title, else any <h1>, else <title>.

        An <h1> outside the article is often the site's logo, so it ranks below og:title.
        """
        inside = [text for in_container, text in self._headlines if in_container and text]
        anywhere = [text for _, text in self._headlines if text]
        for candidate in (*inside[:1], self._meta.get("og:title", ""),
                          self._linked_data.get("headline", ""), *anywhere[:1]):
            if candidate:
                return candidate
        return _site_title(self._title_text)

    def _main_blocks(self) -> list[str]:
        """The paragraphs of the biggest <article>/<main>; all of them if the page has none."""
        sizes: dict[int, int] = {}
        for container, text in self._blocks:
            if container is not None:
                sizes[container] = sizes.get(container, 0) + len(text)
        if sizes:
            best = max(sizes, key=lambda c: (sizes[c], -c))
            return [text for container, text in self._blocks if container == best]
        return [text for _, text in self._blocks]


def _squash(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _site_title(title: str) -> str:
    """A <title> without the site name pages append ("Council votes | The Ledger")."""
    head = title.split(" | ")[0].strip()
    return head or title
