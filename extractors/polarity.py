"""Negation and hedging of a predicate: "did not oppose", "refused to back", "may oppose", "is expected to".

A predicate inherits the polarity of the clauses that govern it through complements
("did not vote to pass" negates "pass"), so both checks walk up the xcomp chain.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from .lexicon import Lexicon
from .tree import kids

# Dependencies through which a governing verb's polarity reaches a complement.
CHAIN_DEPS = frozenset({"xcomp", "pcomp", "acomp"})
MAX_CHAIN = 4


@dataclass(frozen=True)
class Polarity:
    negated: bool
    hedged: bool
    cue: str = ""  # the word that negated or hedged ("not", "refused", "may")
    refusal: bool = False  # negated by refusing ("refused to back"): opposition, by the ontology's conventions


def _chain(pred: Token) -> list[Token]:
    """`pred` and the predicates governing it through complements (nearest first)."""
    out = [pred]
    t = pred
    for _ in range(MAX_CHAIN):
        if t.dep_ not in CHAIN_DEPS or t.head == t:
            break
        t = t.head
        if t.dep_ == "prep":  # "aimed at limiting": skip the preposition
            t = t.head
        out.append(t)
    return out


def polarity(pred: Token, lex: Lexicon) -> Polarity:
    """Whether `pred` (a verb or a claim noun) is negated or hedged in its sentence."""
    negated, hedged, cue, refusal = False, False, "", False
    if pred.dep_ == "dobj" and pred.pos_ == "NOUN" and pred.head.lemma_.lower() in lex.negator_verbs:
        negated, cue = True, pred.head.text  # "dropped its opposition to", "abandoned its support for"
    if pred.dep_ == "pobj":  # "without the support of", "a lack of support for"
        p = pred.head
        if p.lower_ in lex.negator_preps or (p.lower_ == "of" and p.head.lemma_.lower() in lex.negator_nouns):
            negated, cue = True, p.text if p.lower_ in lex.negator_preps else p.head.text
    for i, t in enumerate(_chain(pred)):
        for c in kids(t):
            low = c.lower_
            if c.dep_ in ("nsubj", "nsubjpass") and any(p.lower_ == "neither" and p.i < c.i
                                                        for p in kids(c)):
                negated, cue = not negated, "neither"  # "Neither X nor Y supported Z"
            if c.dep_ == "neg" or (c.dep_ == "det" and low == "no"):
                negated, cue = not negated, low
            elif c.dep_ == "aux" and low in lex.modals:
                hedged, cue = True, cue or low
            elif c.dep_ == "advmod" and low in lex.hedge_adverbs:
                hedged, cue = True, cue or low
            elif c.dep_ == "mark" and low in lex.condition_marks:
                hedged, cue = True, cue or low
        if i and t.lemma_ in lex.negator_verbs and pred.dep_ in ("xcomp",) and t == pred.head:
            negated, cue = not negated, t.text
            refusal = negated and t.lemma_ in lex.refusal_verbs
        if i and (t.lemma_ in lex.hedge_verbs or t.lower_ in lex.hedge_adjectives):
            hedged, cue = True, cue or t.text
    return Polarity(negated, hedged, cue, refusal)
