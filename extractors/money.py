"""Money verbs: "gave $8 million to the measure" (FUNDS), "spent $2 million against it" (OPPOSES).

A "to ..." purpose clause says what the money was for: "gave $30 million to pass X" is
FUNDS and SUPPORTS X, never APPROVES (the giver does not pass anything).
"""
from __future__ import annotations

from typing import Iterator

from spacy.tokens import Doc, Token

from .clauses import match_verb, object_of, pobj_of, prep_children, subject_of
from .findings import Finding
from .lexicon import Lexicon, Sense
from .tree import kids, tokens


MONEY_WORDS = frozenset({"money", "cash", "funds", "fortune", "million", "millions", "billion", "billions", "sum",
                         "donation", "donations", "contribution", "contributions", "investment", "funding", "grant",
                         "grants", "loan", "loans", "payment", "payments", "gift", "gifts"})


def _money_object(v: Token) -> Token | None:
    for c in kids(v):
        if c.dep_ == "dobj":
            if c.ent_type_ == "MONEY" or c.lower_ in MONEY_WORDS or any(t.tag_ == "$" for t in c.subtree):
                return c
    return None


def _purpose_verbs(v: Token) -> Iterator[Token]:
    """Verbs of "to ..." purpose clauses of `v`: "gave $5M to pass X and oppose Y", "to try to defeat X"."""
    purposes = [c for c in kids(v)
                if c.dep_ in ("advcl", "xcomp") and any(a.dep_ == "aux" and a.lower_ == "to" for a in kids(c))]
    if purposes:  # "spent $5M to pass X and oppose Y": a bare infinitive the parser coordinated with `v`
        purposes += [c for c in kids(v) if c.dep_ == "conj" and c.tag_ == "VB" and c.i > purposes[0].i
                     and not any(a.dep_ in ("nsubj", "nsubjpass") for a in kids(c))]
    stack = list(purposes)
    while stack:  # "to try to defeat X and oppose Y": through complements and coordination
        p = stack.pop()
        yield p
        stack.extend(x for x in kids(p) if x.dep_ in ("conj", "xcomp") and x.pos_ == "VERB")


def _received(v: Token, money: Token, subj, lex: Lexicon) -> Iterator[Finding]:
    """"X accepted a $5 million investment from Y", "X raised $2 million from Y": Y funds X."""
    for holder in (v, money):
        for p in prep_children(holder):
            if p.lower_ in lex.money_sources:
                o = pobj_of(p)
                if o is not None:
                    yield Finding(o, subj.token, (Sense("FUNDS"),), v, (v, money, p), "money", (subj.how,))
                    for c in o.conjuncts:
                        yield Finding(c, subj.token, (Sense("FUNDS"),), v, (v, money, p), "money", (subj.how, "conj"))


def money_findings(doc: Doc, lex: Lexicon, consumed: set[int]) -> Iterator[Finding]:
    """FUNDS (or OPPOSES when spent against) from money verbs; purpose clauses say what the money was for."""
    for v in tokens(doc):
        lemma = v.lemma_.lower()
        if v.pos_ != "VERB" or lemma not in lex.money_verbs and lemma not in lex.money_receiving:
            continue
        money = _money_object(v)
        if money is None:
            continue
        subj = subject_of(v, lex)
        if subj is None:
            continue
        if lemma in lex.money_receiving:
            yield from _received(v, money, subj, lex)
            if lemma not in lex.money_verbs:
                continue
        for p in prep_children(v):
            rel = lex.money_preps.get(p.lower_)
            o = pobj_of(p)
            if rel and o is not None:
                yield Finding(subj.token, o, (Sense(rel),), v, (v, money, p), "money", (subj.how,))
                for q in prep_children(o):  # "spent $1 million on advertising against X"
                    inner = lex.money_preps.get(q.lower_)
                    oo = pobj_of(q)
                    if inner and oo is not None and q.lower_ != "of":
                        yield Finding(subj.token, oo, (Sense(inner),), v, (v, money, p, o, q), "money",
                                      (subj.how, "climbed"))
        for pv in _purpose_verbs(v):
            consumed.add(pv.i)
            key, prep, surface = match_verb(pv, lex)
            obj = object_of(pv, prep.lower_ if prep is not None else None)
            if obj is None:
                continue
            for s in lex.verb(key):
                for rel in lex.money_purpose.get(s.type, ()):
                    yield Finding(subj.token, obj.token, (Sense(rel),), pv, (v, money, *surface), "purpose",
                                  (subj.how,))
