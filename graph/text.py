"""Evidence text as people read it: every stage that shows a sentence (query rows, the HTML view)."""
from __future__ import annotations

_QUOTES = "\"\u201c\u201d"


def clean_sentence(sentence: str) -> str:
    """The evidence as one clean line: no paragraph breaks, no quote mark left over from the
    sentence before (`" Police Chief ... opposed`) or opening the next one."""
    s = " ".join(sentence.split())
    if sum(s.count(q) for q in _QUOTES) % 2 and s[:1] in _QUOTES:
        s = s[1:].lstrip()
    if sum(s.count(q) for q in _QUOTES) % 2 and s[-1:] in _QUOTES:
        s = s[:-1].rstrip()
    return s
