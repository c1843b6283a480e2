"""Reported speech and name-calling: the speaker of a critical quote criticizes what it is about.

'"It's a disgrace," said X, speaking of Y' -> X CRITICIZES Y;
'X called the inspectors "petty tyrants"' -> X CRITICIZES the inspectors.
"""
from __future__ import annotations

from typing import Iterable, Iterator

from spacy.tokens import Doc, Token

from .clauses import Arg, pobj_of, prep_children, subject_of
from .findings import Finding
from .lexicon import Lexicon, Sense
from .mentions import EntityTable
from .sentiment import judging
from .tree import kids, tokens

QUOTES = frozenset({'"', "\u201c", "\u201d", "'", "\u2018", "\u2019", "``", "''"})


def _critical(words: Iterable[Token], lex: Lexicon) -> bool:
    """A judging word in the quote (a general sentiment lexicon's); a verb the lexicon reads as a claim
    of its own does not count."""
    return any((judging(t.lower_) or judging(t.lemma_.lower()))
               and not (t.pos_ == "VERB" and t.lemma_.lower() in lex.verb_heads) for t in words)


def quote_findings(doc: Doc, table: EntityTable, lex: Lexicon) -> Iterator[Finding]:
    """Reported speech: a critical quote makes its speaker criticize what it is about."""
    for v in tokens(doc):
        if v.pos_ != "VERB":
            continue
        lemma = v.lemma_.lower()
        if lemma in lex.naming_verbs:  # 'X called the inspectors "petty tyrants"'
            subj = subject_of(v, lex)
            args = [c for c in kids(v) if c.dep_ in ("dobj", "oprd", "ccomp", "xcomp")]
            quoted = any(t.text in QUOTES for t in v.subtree)
            target = next((a for a in args if table.entity_of(a) is not None), None)
            if subj is not None and target is not None and (quoted or _critical(v.subtree, lex)):
                yield Finding(subj.token, target, (Sense("CRITICIZES"),), v, (v,), "quote", (subj.how,))
            continue
        if lemma not in lex.speech_verbs:
            continue
        subj = subject_of(v, lex)
        if subj is None:
            continue
        sent = v.sent
        abouts = []
        # "said X, speaking of Y": the participle hangs on the verb or on the speaker
        holders = [v, *(c for c in (*kids(v), *kids(subj.token)) if c.tag_ == "VBG" and c.pos_ == "VERB")]
        for h in holders:
            for p in prep_children(h):
                if p.lower_ in lex.about_preps:
                    o = pobj_of(p)
                    if o is not None:
                        abouts.append(o)
        comps = [c for c in kids(v) if c.dep_ == "ccomp"]
        for d in kids(v):  # "raise the alarm that X is a threat"
            if d.dep_ == "dobj":
                comps += [c for c in kids(d) if c.dep_ in ("acl", "ccomp") and c.pos_ in ("VERB", "AUX")]
        if not _critical(sent, lex):
            continue
        if abouts:
            for o in abouts:
                yield from _criticized(subj, o, v)
            continue
        for c in comps:  # '"X has failed," said Y': the quote's grammatical subject is what it is about
            s = next((a for a in kids(c) if a.dep_ in ("nsubj", "nsubjpass")), None)
            if s is not None and _critical(c.subtree, lex):
                yield from _criticized(subj, s, v)


def _criticized(speaker: Arg, target: Token, v: Token) -> Iterator[Finding]:
    """The speaker criticizes the target, and the owner of a criticized thing ("X's plan was exposed")."""
    yield Finding(speaker.token, target, (Sense("CRITICIZES"),), v, (v,), "quote", (speaker.how,))
    for c in kids(target):
        if c.dep_ == "poss" and c.pos_ == "PROPN":
            yield Finding(speaker.token, c, (Sense("CRITICIZES"),), v, (v,), "quote", (speaker.how, "fallback"))
