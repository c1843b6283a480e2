"""Claims stated by verbs: active and passive clauses, complements, relative and participial clauses.

`clauses.predications` finds each verb's reading and arguments; this module turns them into
findings, letting a governing verb retype its complement ("threatened to sue" -> THREATENS).
"""
from __future__ import annotations

from typing import Iterator

from spacy.tokens import Doc, Token

from .clauses import Predication, pobj_of, predications, prep_children, subject_of
from .findings import Finding
from .lexicon import ACTORS, Lexicon, Sense
from .tree import kids


def _chain_surface(v: Token, surface: tuple[Token, ...]) -> tuple[Token, ...]:
    """Add governing complement verbs to the surface predicate: "vowed to hunt down"."""
    toks = list(surface)
    t = v
    while t.dep_ == "xcomp" and t.head != t:
        toks += [c for c in kids(t) if c.dep_ == "aux" and c.lower_ == "to"]
        t = t.head
        toks.append(t)
    return tuple(sorted(set(toks), key=lambda x: x.i))


def _rewrite(v: Token, senses: tuple[Sense, ...], lex: Lexicon) -> tuple[tuple[Sense, ...], tuple[str, ...]]:
    """A governing verb or noun may retype a complement: "threatened to sue" -> THREATENS."""
    h = v.head
    if v.dep_ not in ("xcomp", "acl", "ccomp", "advcl") or h == v:
        return senses, ()
    rules = lex.complements.get(h.lemma_.lower()) or lex.complements.get(h.lower_)
    if not rules:
        return senses, ()
    out = []
    for s in senses:
        new = rules.get(s.type) or rules.get("*")
        out.append(Sense(new, subject_labels=ACTORS) if new else s)
    if not senses and "*" in rules:
        out.append(Sense(rules["*"], subject_labels=ACTORS))
    return tuple(out), ("complement",)


def in_fixed_phrase(v: Token, lex: Lexicon) -> bool:
    """Whether `v` is part of a phrase that only looks like a claim ("as opposed to")."""
    if not any(v.lower_ in p.split() for p in lex.not_claims):  # the usual case: no phrase has this word
        return False
    doc = v.doc
    window = " ".join(t.lower_ for t in doc[max(v.i - 2, 0):v.i + 3])
    return any(p in window and v.lower_ in p.split() for p in lex.not_claims)


def verb_findings(doc: Doc, lex: Lexicon, consumed: set[int]) -> Iterator[Finding]:
    """Claims stated by verbs: active, passive, complements, relative and participial clauses."""
    for pr in predications(doc, lex):
        if pr.pred.i in consumed or pr.subject is None or in_fixed_phrase(pr.pred, lex):
            continue
        for sense in pr.senses:  # "sued the agency over the plan": the plan is opposed too
            for word, more in sense.also:
                for p in prep_children(pr.pred, word):
                    o = pobj_of(p)
                    if o is not None:
                        yield Finding(pr.subject.token, o, more, pr.pred, (pr.pred, p), "verb",
                                      (pr.subject.how, "pobj"))
        if pr.object is None:
            continue
        senses, cues = _rewrite(pr.pred, pr.senses, lex)
        words = {c.lower_ for c in kids(pr.pred)}
        if senses and any(s.modifiers for s in senses):
            senses = tuple(Sense(s.retyped(words), s.object_labels, s.subject_labels, role=s.role) for s in senses)
        lemma = pr.pred.lemma_.lower()
        if not senses and (lemma in lex.speech_verbs or lemma in lex.naming_verbs):
            continue  # the quote finder reads these
        base = "passive" if pr.passive else ("verb" if senses else "unknown")
        surface = pr.surface
        if pr.subject.how == "agent":  # "backed financially by"
            surface += tuple(c for c in kids(pr.pred) if c.dep_ == "agent" or
                             (c.dep_ == "advmod" and any(c.lower_ == w for s in pr.senses for w, _ in s.modifiers)))
        yield Finding(pr.subject.token, pr.object.token, senses, pr.pred, _chain_surface(pr.pred, surface),
                      base, cues + (pr.subject.how, pr.object.how))
        yield from _advocacy(pr, senses, lex)


def _advocacy(pr: Predication, senses: tuple[Sense, ...], lex: Lexicon) -> Iterator[Finding]:
    """"X urged lawmakers to reject Y": whoever urges takes the side of what is urged (X OPPOSES Y)."""
    h = pr.pred.head
    if pr.pred.dep_ != "xcomp" or h.lemma_.lower() not in lex.advocacy_verbs or pr.subject is None \
            or pr.object is None or pr.subject.how != "inherited":
        return
    urger = subject_of(h, lex)
    if urger is None or urger.token == pr.subject.token:
        return
    mapped = tuple(Sense(lex.advocacy_as[s.type]) for s in senses if s.type in lex.advocacy_as)
    if mapped:
        yield Finding(urger.token, pr.object.token, mapped, h, _chain_surface(pr.pred, pr.surface), "verb",
                      (urger.how, "complement", pr.object.how))
