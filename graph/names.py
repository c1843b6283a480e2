"""Name normalization: the one definition of "the same name" every stage uses.

It follows the ontology's matching rule (case folding, trimmed punctuation, no
leading article), so the ids we derive agree with how the evaluation matches.
"""
from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})
_PUNCT = re.compile(r"[\"'`.,;:!?()\[\]{}]")
_SPACE = re.compile(r"\s+")
_ARTICLE = re.compile(r"^(the|a|an) ")
_POSSESSIVE = re.compile(r"'s\b")


def normalize(name: str) -> str:
    """Fold a surface name to its matching key: "The  Senate's" -> "senate"."""
    s = unicodedata.normalize("NFKC", str(name)).casefold().translate(_QUOTES)
    s = _POSSESSIVE.sub("", s)
    s = _PUNCT.sub(" ", s)
    s = _SPACE.sub(" ", s).strip()
    return _ARTICLE.sub("", s)


def fold(text: str) -> str:
    """A key without accents: "Alvárez" and "Alvarez" type the same (loose matching of user text)."""
    decomposed = unicodedata.normalize("NFKD", normalize(text))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def is_proper(name: str) -> bool:
    """True when a surface form names something (has a capitalized or numbered word).

    Descriptions ("the agency", "the bill") are article-local: they may stand for
    an entity inside one article but must never merge entities across articles.
    """
    words = [w for w in re.split(r"[\s\-]+", name.strip()) if w]
    if not words:
        return False
    if words[0].lower() in {"the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their"}:
        words = words[1:]
    return any(w[:1].isupper() or w[:1].isdigit() for w in words)


_PATHLIKE = re.compile(r"[/\\]|\.(txt|md|html?|jsonl?)$|^-", re.I)


def domain_of(url: str) -> str:
    """The web domain of a URL, without "www." ("" when it has none)."""
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    return host.removeprefix("www.")


def outlet_of(source: str, url: str = "") -> str:
    """The publication an article came from: its `source` (a site name) unless that looks like a local
    file or path (older stores kept one there; a path is never an outlet), else the URL's domain."""
    if source and not _PATHLIKE.search(source):
        return source
    return domain_of(url)
