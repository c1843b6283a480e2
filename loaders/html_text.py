"""The main text of a news web page, and what the page says about it (title, date, author, site).

trafilatura does the work: it is made for news pages (menus, bylines, related stories, comments
and footers are left out, even on pages built from plain <div>s) and reads the page's metadata
(<meta>, Open Graph, JSON-LD, <time>, the URL).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

import trafilatura
from trafilatura.settings import use_config

# trafilatura's default wants 250 characters of main text before it trusts its guess, and
# otherwise falls back to all the page's text run together; a short news brief is an article too.
_CONFIG = use_config()
_CONFIG.set("DEFAULT", "MIN_EXTRACTED_SIZE", "10")

_SPACE = re.compile(r"[ \t\u00a0]+")
_LIST_MARK = re.compile(r"^[-*\u2022] +")
_WHOLE_PAGE = re.compile(r"<(html|body)[\s>]", re.I)
# Never article text on a news page, whatever the extractor would guess for a page with nothing else.
_NEVER_ARTICLE = ["//nav", "//footer", "//aside", "//form"]
_HIDDEN = frozenset({"head", "title", "script", "style", "noscript", "template", "nav", "footer", "aside",
                     "form", "svg", "iframe", "button", "select", "textarea"})
_BLOCKS = frozenset({"p", "div", "section", "article", "main", "li", "br", "h1", "h2", "h3", "h4", "h5", "h6",
                     "blockquote", "tr", "td", "th", "header", "figure", "figcaption", "pre", "dd", "dt"})


@dataclass(frozen=True)
class HtmlDocument:
    """What a page says about its article; empty strings where the page is silent."""

    text: str  # paragraphs separated by blank lines
    title: str = ""
    date: str = ""
    url: str = ""
    author: str = ""
    site: str = ""  # the site's name ("The Willamette Courier"), else its domain


def parse_html(markup: str, url: str = "") -> HtmlDocument:
    """The article of a page; `url` is where it was fetched from (the page's own canonical URL wins)."""
    doc = _extract(markup, url)
    if (doc is None or not (doc.text or "").strip()) and not _WHOLE_PAGE.search(markup):
        # trafilatura reads only what looks like a whole page: a fragment gets one around it.
        doc = _extract(f"<html><body>{markup}</body></html>", url) or doc
    paragraphs = _paragraphs(doc.text or "") if doc is not None else []
    if not paragraphs:
        # Markup lxml gives up on (100,000 nested <div>s, a tag broken mid-attribute) still has
        # words a reader sees: take them as the browser would show them.
        paragraphs = _paragraphs(_visible_text(markup))
    if doc is None:
        return HtmlDocument(text="\n\n".join(paragraphs), url=url)
    title = _one_line(doc.title)
    if paragraphs and title and paragraphs[0] == title:
        paragraphs = paragraphs[1:]  # the headline is the title, not the first paragraph
    return HtmlDocument(text="\n\n".join(paragraphs), title=title, date=_one_line(doc.date),
                        url=_one_line(doc.url) or url, author=_one_line(doc.author),
                        site=_one_line(doc.sitename) or _one_line(doc.hostname))


def _extract(markup: str, url: str):
    try:
        return trafilatura.bare_extraction(markup, url=url or None, with_metadata=True, include_comments=False,
                                           include_tables=False, include_images=False, deduplicate=False,
                                           prune_xpath=_NEVER_ARTICLE, config=_CONFIG)
    except (ValueError, TypeError, RecursionError):  # lxml's limits on hostile markup
        return None


class _VisibleText(HTMLParser):
    """The text a browser would show, outside page furniture; blocks end lines."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def _visible_text(markup: str) -> str:
    parser = _VisibleText()
    try:
        parser.feed(markup)
        parser.close()
    except (AssertionError, ValueError):  # a declaration html.parser cannot take: what came before it
        pass
    return "".join(parser.parts)


def _paragraphs(text: str) -> list[str]:
    """trafilatura's lines (one paragraph each), list marks dropped."""
    lines = (_LIST_MARK.sub("", _SPACE.sub(" ", line).strip()) for line in text.split("\n"))
    return [line for line in lines if line]


def _one_line(value: object) -> str:
    return " ".join(str(value).split()) if value else ""
