"""Confidence of a claim from how it was found.

A direct active verb between two named entities is the most reliable reading; every
indirection (passive, nominal, a pronoun resolved by coreference, a quote, a list
member, a hedge) is a place the reading can go wrong, so each one lowers the score.
The numbers are ordinal, not calibrated probabilities: they rank claims.
"""
from __future__ import annotations

from typing import Iterable

# How the predicate was found.
BASE: dict[str, float] = {
    "verb": 0.9,          # "X opposed Y"
    "passive": 0.8,       # "Y was opposed by X"
    "money": 0.85,        # "X gave $5 million to Y"
    "title": 0.85,        # "State Department spokeswoman X"
    "appos": 0.8,         # "X, president of Y"
    "agent_noun": 0.75,   # "X, a supporter of Y"
    "noun": 0.7,          # "X's opposition to Y", "criticism of Y from X"
    "modifier": 0.75,     # "Y-backed X"
    "purpose": 0.7,       # "gave $5 million to pass Y" -> SUPPORTS Y
    "policy_author": 0.65,  # "X's plan", "proposals by X"
    "possessive": 0.55,   # "X's own party"
    "quote": 0.45,        # '"It's a farce," said X' -> X CRITICIZES ...
    "member": 0.45,       # "Those included X and Y"
    "unknown": 0.3,       # a verb the lexicon does not know: RELATED_TO
}

# How far an argument was from the predicate, and what else made the reading weaker.
FACTOR: dict[str, float] = {
    "nsubj": 1.0, "dobj": 1.0, "pobj": 0.97, "agent": 1.0, "nsubjpass": 1.0,
    "inherited": 0.9,     # subject of a governing clause ("vowed to block")
    "relative": 0.92,     # "X, who opposed Y"
    "head": 0.9,          # a participle's or relative clause's noun
    "noun_subject": 0.95,
    "light": 0.95,        # "filed a lawsuit against"
    "climbed": 0.75,      # subject of a verb further up the sentence
    "fallback": 0.75,     # "criticized the bill's limits" -> the bill
    "conj": 0.95,         # one of a coordination
    "coref": 0.8,         # a description ("the senator") resolved by the entity table
    "pronoun": 0.6,       # a pronoun resolved by the entity table: the likeliest wrong link
    "quoted": 0.75,       # stated inside a quotation: the speaker's claim, not the article's
    "across": 0.85,       # a quotation attributed in another sentence ('"A. B," X said.')
    "reported": 0.9,      # "X said Y opposes Z": reported, not stated by the article
    "hedged": 0.7,
    "complement": 0.9,    # type rewritten by a governing verb ("threatened to sue")
    "constraint": 0.8,
}


def confidence(base: str, cues: Iterable[str]) -> float:
    """The confidence for a claim found by `base` with the given cues, in [0, 1]."""
    c = BASE[base]
    for cue in cues:
        c *= FACTOR.get(cue, 1.0)
    return round(max(0.0, min(1.0, c)), 3)
