"""Acronyms: the initials of a name, and acronyms an article defines ("Name (ACR)")."""
from __future__ import annotations

from spacy.tokens import Doc

_SKIP = frozenset({"of", "and", "for", "the", "&", "on", "in", "to", "de", "la", "du", "des"})


def acronym_form(text: str) -> str:
    """The letters of an acronym-shaped token ("U.S." -> "US", "PMQs" -> "PMQ"); "" when not one."""
    t = text.replace(".", "")
    if t.endswith("s") and t[:-1].isupper():
        t = t[:-1]
    if 2 <= len(t) <= 6 and t.isalpha() and t.isupper():
        return t
    return ""


def initials(name: str) -> set[str]:
    """The acronyms a multiword name may go by: with and without its small words."""
    ws = [w for w in name.replace("-", " ").split() if w]
    if len(ws) < 2:
        return set()
    out = {"".join(w[0] for w in ws if w.lower() not in _SKIP).upper(), "".join(w[0] for w in ws).upper()}
    return {a for a in out if len(a) >= 2}


def defined_after(doc: Doc, end: int) -> tuple[int, int] | None:
    """The acronym token span of "(ACR)" right after a name ending at `end`, if any."""
    if end + 2 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ")" and acronym_form(doc[end + 1].text):
        return end + 1, end + 2
    return None
