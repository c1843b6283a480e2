"""Repairs of the parser's lemmas for the verbs the lexicon knows.

spaCy's small English lemmatizer gets some past forms wrong ("fined" -> "fin", "sued" ->
"su"); every finder reads `lemma_`, so one pass puts right the lemma of a verb whose text
de-inflects regularly to a verb the lexicon knows and whose given lemma it does not know.
"""
from __future__ import annotations

from spacy.tokens import Doc

from .lexicon import Lexicon
from .tree import tokens


def _stems(text: str) -> tuple[str, ...]:
    """The regular base forms a verb form may have: "fined" -> "fine", "tried" -> "try", "banned" -> "ban"."""
    w = text.lower()
    out = []
    if w.endswith("ied") or w.endswith("ies"):
        out.append(w[:-3] + "y")
    if w.endswith("ed") or w.endswith("es"):
        out += [w[:-1], w[:-2]]
        if len(w) > 4 and w[-3] == w[-4]:
            out.append(w[:-3])  # doubled consonant: "banned" -> "ban"
    if w.endswith("ing"):
        out += [w[:-3], w[:-3] + "e"]
        if len(w) > 5 and w[-4] == w[-5]:
            out.append(w[:-4])
    if w.endswith("s"):
        out.append(w[:-1])
    return tuple(out)


def repair_lemmas(doc: Doc, lex: Lexicon) -> None:
    """Give verbs the lexicon's base form when spaCy's lemma is one the lexicon does not know."""
    for t in tokens(doc):
        if t.pos_ != "VERB" or t.lemma_.lower() in lex.verb_heads:
            continue
        for stem in _stems(t.text):
            if stem in lex.verb_heads:
                t.lemma_ = stem
                break
