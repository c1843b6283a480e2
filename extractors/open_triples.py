"""Open triples: every clause-level subject-predicate-object the parser finds, typed when the lexicon knows it.

Unlike claims, arguments need not be entities: they are the noun phrases of the parse,
so a reader can see what the typed extractor passed over.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator

from spacy.tokens import Doc, Token

from .clauses import pobj_of, predications, prep_children
from .lexicon import load_lexicon
from .polarity import polarity
from .tree import kids, release


@dataclass(frozen=True)
class OpenTriple:
    article: str
    sentence: str
    subject: str
    predicate: str
    object: str
    subject_span: tuple[int, int]  # character spans in the article text
    predicate_span: tuple[int, int]
    object_span: tuple[int, int]
    extra: list[tuple[str, tuple[int, int]]] = field(default_factory=list)  # other arguments ("to the measure")
    confidence: float = 0.5
    relation: str | None = None  # the typed relation when the lexicon knows the predicate


def _phrase(t: Token, chunks: dict[int, tuple[int, int]]) -> tuple[int, int]:
    """Token range of the noun phrase headed by `t`: its noun chunk, else the token with its compounds."""
    if t.i in chunks:
        start, end = chunks[t.i]
    else:
        start = min((c.i for c in kids(t) if c.dep_ in ("compound", "det", "amod", "poss", "nummod") and c.i < t.i),
                    default=t.i)
        end = t.i + 1
    if t.pos_ == "PROPN":  # a name goes on through "of": "the U.S. Department of Education"
        for p in kids(t):
            if p.dep_ == "prep" and p.lower_ == "of" and p.i == end:
                o = pobj_of(p)
                if o is not None and o.pos_ == "PROPN":
                    end = _phrase(o, chunks)[1]
    return start, end


def _chars(doc: Doc, rng: tuple[int, int]) -> tuple[int, int]:
    span = doc[rng[0]:rng[1]]
    return span.start_char, span.end_char


def open_triples(doc: Doc, article: str) -> Iterator[OpenTriple]:
    """Every clause-level triple of `doc`: a verb with a subject and an object (direct or prepositional)."""
    lex = load_lexicon()
    chunks = {nc.root.i: (nc.start, nc.end) for nc in doc.noun_chunks}
    try:
        yield from _triples(doc, article, lex, chunks)
    finally:
        release(doc)


def _triples(doc: Doc, article: str, lex, chunks: dict[int, tuple[int, int]]) -> Iterator[OpenTriple]:
    for pr in predications(doc, lex):
        if pr.subject is None:
            continue
        obj = pr.object.token if pr.object is not None else None
        preps = [p for p in prep_children(pr.pred)
                 if p != pr.prep and p.dep_ != "agent" and pobj_of(p) is not None]
        if obj is None and preps:  # "X rallied against Y": the first prepositional phrase
            first = preps.pop(0)
            obj = pobj_of(first)
            surface = tuple(sorted({*pr.surface, first}, key=lambda t: t.i))
        else:
            surface = pr.surface
        if obj is None:
            continue
        s_rng, o_rng = _phrase(pr.subject.token, chunks), _phrase(obj, chunks)
        pol = polarity(pr.pred, lex)
        pred_text = ("not " if pol.negated else "") + " ".join(t.text for t in surface)
        rel = pr.senses[0].type if pr.senses and not pol.negated else None
        extra = []
        for p in preps:
            o = pobj_of(p)
            if o is None:
                continue
            rng = _phrase(o, chunks)
            extra.append((f"{p.text} {doc[rng[0]:rng[1]].text}", (p.idx, _chars(doc, rng)[1])))
        conf = 0.7 if pr.subject.how in ("nsubj", "agent") else 0.55
        conf *= 0.7 if pol.hedged else 1.0
        yield OpenTriple(
            article=article, sentence=pr.pred.sent.text,
            subject=doc[s_rng[0]:s_rng[1]].text, predicate=pred_text, object=doc[o_rng[0]:o_rng[1]].text,
            subject_span=_chars(doc, s_rng),
            predicate_span=(surface[0].idx, surface[-1].idx + len(surface[-1].text)),
            object_span=_chars(doc, o_rng), extra=extra, confidence=round(conf, 3), relation=rel)
