"""Text as people read it: evidence sentences on one line (query rows, the HTML view), and whether a value
read back from a store is printable text at all."""
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


def is_text(value: object) -> bool:
    """Text that can be printed (a damaged store may hold bytes, or text that was not UTF-8)."""
    if not isinstance(value, str):
        return False
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
