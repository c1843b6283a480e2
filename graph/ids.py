"""Content-derived ids: the same input gives the same id on every run and every store."""
from __future__ import annotations

import hashlib

from .names import normalize


def _digest(*parts: object) -> str:
    text = "\x1f".join(str(p) for p in parts)
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def article_id(text: str, title: str = "") -> str:
    """Id of an article that came without one: a digest of its title and text."""
    return "a-" + _digest(title.strip(), text.strip())


def entity_id(label: str, name: str) -> str:
    """Id of an entity: its label and normalized name."""
    return "e-" + _digest(label, normalize(name))


def claim_id(subject_id: str, relation: str, object_id: str, predicate: str = "") -> str:
    """Id of a claim: subject, type, object (and the predicate of an untyped RELATED_TO)."""
    return "c-" + _digest(subject_id, relation, object_id, predicate)


def evidence_id(claim: str, article: str, start: int, end: int) -> str:
    """Id of one piece of evidence: the claim it supports, the article and the span."""
    return "v-" + _digest(claim, article, start, end)
