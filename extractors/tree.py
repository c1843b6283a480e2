"""Children of a token, computed once per doc.

spaCy's `Token.children` walks the token's whole left and right edges on every call, so
asking it for a sentence root costs the sentence's length; the finders ask many times.
One linear pass per doc builds the lists; they live in `doc.user_data`.
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

KEY = "newsgraph.children"
TOKENS = "newsgraph.tokens"
HEADS = "newsgraph.heads"


def tokens(doc: Doc) -> list[Token]:
    """The doc's tokens as one list (cached): each `for t in doc` would build new Token objects."""
    cached = doc.user_data.get(TOKENS)
    if cached is None or len(cached) != len(doc):
        cached = doc.user_data[TOKENS] = list(doc)
    return cached


def heads(doc: Doc) -> list[int]:
    """Each token's head index (cached): walking `.head` makes a new Token object at every step."""
    cached = doc.user_data.get(HEADS)
    if cached is None or len(cached) != len(doc):
        cached = doc.user_data[HEADS] = [t.head.i for t in tokens(doc)]
    return cached


def build(doc: Doc) -> list[list[Token]]:
    """Children lists of every token of `doc`, in document order (cached on the doc)."""
    cached = doc.user_data.get(KEY)
    if cached is not None and len(cached) == len(doc):
        return cached
    out: list[list[Token]] = [[] for _ in range(len(doc))]
    toks = tokens(doc)
    for t in toks:
        h = t.head.i
        if h != t.i:
            out[h].append(t)  # `t` itself, not a fresh object
    doc.user_data[KEY] = out
    return out


def kids(t: Token) -> list[Token]:
    """The syntactic children of `t` (like `t.children`, without the walk)."""
    cached = t.doc.user_data.get(KEY)
    if cached is None:
        cached = build(t.doc)
    return cached[t.i]


def release(doc: Doc) -> None:
    """Drop the caches: Token objects must not stay in `user_data` (it is serialized with the doc)."""
    doc.user_data.pop(KEY, None)
    doc.user_data.pop(TOKENS, None)
    doc.user_data.pop(HEADS, None)
