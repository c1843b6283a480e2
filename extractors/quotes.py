"""Quotations, who speaks them, and the stance they take toward what they name.

A quotation may run over several sentences and be attributed once ('"A. B," Smith said.',
'Smith said: "A. B."'), or continue a quote attributed just before ('"A," she said. "B."').
Each sentence of a quotation is judged by a general sentiment lexicon (VADER's compound score,
which reads negation and degree: "not helpful" is negative); the speaker criticizes the
actors and policies a clearly negative quote names, and supports those a clearly positive one
names. Nothing here was picked from the articles newsgraph is measured on.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from spacy.tokens import Doc, Span, Token

from newsgraph.graph import Entity

from .clauses import subject_of
from .lexicon import Lexicon
from .mentions import EntityTable
from .sentiment import compound, judging
from .tree import tokens

OPEN = frozenset({"\u201c", "\u00ab"})
CLOSE = frozenset({"\u201d", "\u00bb"})
BOTH = frozenset({'"', "``", "''"})
NEGATIVE = -0.3  # VADER compound at or below: the quote judges what it names
POSITIVE = 0.5  # at or above: it backs what it names (praise is more often polite than a stance)
TARGET_LABELS = frozenset({"Person", "Organization", "Group", "Policy"})
CORE_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "attr", "ROOT"})
# verbs that report a finding as speech verbs report words ("the commission found X breached ...")
FINDING_VERBS = frozenset({"find", "allege", "conclude", "rule", "accuse"})


@dataclass
class Quotation:
    """Tokens [start, end) inside one pair of quotation marks, and the speech verb and speaker they are attributed to."""

    start: int
    end: int
    verb: Token | None = None
    speaker: Token | None = None


def _paragraph_breaks(doc: Doc) -> set[int]:
    return {t.i for t in tokens(doc) if t.is_space and "\n" in t.text}


def quotations(doc: Doc) -> list[Quotation]:
    """The quotations of the text: curly marks say which way they go, straight ones toggle; a
    paragraph break closes any quotation left open (a quote continued in the next paragraph
    opens again there)."""
    toks = tokens(doc)
    out: list[Quotation] = []
    start = None
    for t in toks:
        if t.is_space and "\n" in t.text:
            if start is not None and t.i > start:
                out.append(Quotation(start, t.i))
            start = None
        elif t.text in OPEN or t.text in BOTH and start is None:
            start = t.i + 1
        elif (t.text in CLOSE or t.text in BOTH) and start is not None:
            if t.i > start:
                out.append(Quotation(start, t.i))
            start = None
    return out


def _speech_verb(span: Span, q: Quotation, lex: Lexicon) -> tuple[Token, Token] | None:
    """A speech verb of `span` outside the quotation, with its subject outside it too."""
    for v in span:
        if q.start <= v.i < q.end or v.pos_ != "VERB" or v.lemma_.lower() not in lex.speech_verbs:
            continue
        s = subject_of(v, lex)
        if s is not None and not q.start <= s.token.i < q.end:
            return v, s.token
    return None


def attribute(doc: Doc, quotes: list[Quotation], lex: Lexicon) -> None:
    """Give each quotation its speaker: a speech verb in the sentence where it closes, else in the
    sentence where it opens ('X said: "..."'), else the speaker of the quotation just before it in
    the same paragraph ('"A," she said. "B."')."""
    breaks = sorted(_paragraph_breaks(doc))
    toks = tokens(doc)
    prev: Quotation | None = None
    for q in quotes:
        last, first = toks[q.end - 1], toks[q.start]
        found = _speech_verb(last.sent, q, lex)
        if found is None and first.sent.start != last.sent.start:
            found = _speech_verb(first.sent, q, lex)
        if found is None and first.sent.start == q.start - 1 and first.sent.start > 0:
            before = toks[first.sent.start - 1].sent  # 'X said:', or 'X said Y.' in the same paragraph
            if before[-1].text == ":" or not any(before.end - 1 <= b < q.start for b in breaks):
                found = _speech_verb(before, q, lex)
        if found is not None:
            q.verb, q.speaker = found
        elif prev is not None and prev.speaker is not None and not any(prev.end <= b < q.start for b in breaks):
            q.verb, q.speaker = prev.verb, prev.speaker
        prev = q


@dataclass
class QuoteStance:
    """The speaker of a quotation judges an entity it names: (relation, the sentence piece, its score)."""

    speaker: Entity
    target: Entity
    relation: str
    sentence: Span
    score: float
    verb: Token
    target_token: Token


def quote_stances(doc: Doc, table: EntityTable, lex: Lexicon) -> Iterator[QuoteStance]:
    """What each attributed quotation says of the entities it names, sentence by sentence."""
    quotes = quotations(doc)
    attribute(doc, quotes, lex)
    toks = tokens(doc)
    for q in quotes:
        if q.speaker is None or q.verb is None:
            continue
        speaker = table.entity_of(q.speaker)
        if speaker is None or speaker.label not in ("Person", "Organization", "Group"):
            continue
        k = q.start
        while k < q.end:
            sent = toks[k].sent
            piece = doc[k:min(q.end, sent.end)]
            k = piece.end
            # names are not opinions: "Clean Water Act" must not make a quote sound positive
            score = compound(" ".join(t.text for t in piece if table.mention_at(t.i) is None))
            rel = "CRITICIZES" if score <= NEGATIVE else "SUPPORTS" if score >= POSITIVE else ""
            if not rel:
                continue
            seen: set[int] = {id(speaker)}
            for t in [*_targets(piece), *_reported_subject(piece, q.verb)]:
                m = table.mention_at(t.i)
                if m is None or id(m.entity) in seen or m.entity.name == speaker.name:
                    continue
                if m.kind == "description" and m.entity.label == "Person":
                    continue  # "the next president" in a quote is seldom the president named before
                seen.add(id(m.entity))
                if m.entity.label in TARGET_LABELS:
                    yield QuoteStance(speaker, m.entity, rel, sent, score, q.verb, t)


def _targets(piece: Span) -> Iterator[Token]:
    """The words of a quotation that can be what it judges: subjects, objects, predicates, owners
    ("Acme's plan"), and their conjuncts; not the people a thing is good or bad for."""
    for t in piece:
        u = t
        while u.dep_ in ("conj", "appos", "compound") and u.head != u and piece.start <= u.head.i < piece.end:
            u = u.head
        if u.dep_ in CORE_DEPS or u.dep_ == "poss" and u.head.dep_ in CORE_DEPS:
            yield t


def _reported_subject(piece: Span, verb: Token) -> Iterator[Token]:
    """'X said the act was "not helpful"': the reported clause's subject, outside the quotation."""
    t = piece.root
    while t.head != t and t.head != verb and not (t.dep_ == "ccomp" and t.head == verb):
        t = t.head
    if t.dep_ == "ccomp" and t.head == verb:
        for c in t.children:
            if c.dep_ in ("nsubj", "nsubjpass") and not piece.start <= c.i < piece.end:
                yield from c.subtree


def reported_stances(doc: Doc, table: EntityTable, lex: Lexicon) -> Iterator[QuoteStance]:
    """Reported speech without quotation marks: 'X said the act was irrational' -> X CRITICIZES the
    act; 'X found Y breached the rules' -> X ACCUSES Y (the reported clause's own verb is a wrong
    done by its subject); 'X said the act was common sense' -> X SUPPORTS the act."""
    quoted = {i for q in quotations(doc) for i in range(q.start, q.end)}
    for v in tokens(doc):
        lemma = v.lemma_.lower()
        if v.pos_ != "VERB" or v.i in quoted or lemma not in lex.speech_verbs and lemma not in FINDING_VERBS:
            continue
        who = subject_of(v, lex)
        speaker = table.entity_of(who.token) if who is not None else None
        if speaker is None or speaker.label not in ("Person", "Organization", "Group"):
            continue
        for c in v.children:
            if c.dep_ != "ccomp" or any(t.i in quoted for t in c.subtree):
                continue  # (a clause quoted in part is the quotation's to judge)
            words = [t for t in c.subtree if table.mention_at(t.i) is None]
            score = compound(" ".join(t.text for t in words))
            # a wrong done by the clause's subject ("breached", "lied") is an accusation, whatever
            # the rest of the clause sounds like ("breached public trust": "trust" is positive)
            wrong = c.pos_ == "VERB" and (judging(c.lemma_.lower()) or judging(c.lower_))
            if NEGATIVE < score < POSITIVE and not wrong:
                continue
            for s in c.children:
                if s.dep_ not in ("nsubj", "nsubjpass"):
                    continue
                for t in (s, *s.conjuncts, *(p for p in s.children if p.dep_ == "poss")):
                    m = table.mention_at(t.i)
                    if m is None or m.entity is speaker or m.entity.label not in TARGET_LABELS:
                        continue
                    if wrong and m.entity.label != "Policy":
                        rel = "ACCUSES"
                    elif score <= NEGATIVE:
                        rel = "CRITICIZES"
                    elif score >= POSITIVE and not wrong:
                        rel = "SUPPORTS"
                    else:
                        continue
                    yield QuoteStance(speaker, m.entity, rel, v.sent, score, v, t)
