"""Clause structure: the predicate of a verb and where its subject and object are.

Works on spaCy's dependency parse only (no second parse). The functions return tokens;
which entity a token names is the entity table's business, not this module's.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from spacy.tokens import Doc, Token

from .lexicon import Lexicon, Sense
from .tree import kids, tokens

RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom", "whose"})
PARTICLE_ADVERBS = frozenset({"back", "down", "out", "through", "forward", "up", "off", "in"})
SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "csubjpass"})
# Clauses whose missing subject is the governing clause's subject ("vowed to block", "and opposed").
INHERIT_DEPS = frozenset({"xcomp", "advcl", "conj"})
MAX_UP = 4


@dataclass(frozen=True)
class Arg:
    """An argument token and how it was reached (feeds the claim's confidence)."""

    token: Token
    how: str  # nsubj | agent | dobj | pobj | head | inherited | relative | noun_subject


@dataclass(frozen=True)
class Predication:
    """A verb with a lexicon reading, its subject and object (either may be missing)."""

    pred: Token
    key: str  # the lexicon key that matched ("vote against"), or the lemma when unknown
    senses: tuple[Sense, ...]
    subject: Arg | None
    object: Arg | None
    prep: Token | None  # the preposition named in the key
    passive: bool
    surface: tuple[Token, ...]  # tokens of the surface predicate, in order


def is_passive(v: Token) -> bool:
    """Passive voice, including reduced relatives ("bills pushed by X")."""
    if any(c.dep_ in PASSIVE_SUBJECT_DEPS or c.dep_ == "auxpass" for c in kids(v)):
        return True
    if v.dep_ in ("acl", "advcl", "conj", "acomp") and any(c.dep_ == "agent" for c in kids(v)):
        return True  # "X, backed by Y": the tagger sometimes calls the participle a past tense
    if v.tag_ != "VBN" or any(c.dep_ == "aux" for c in kids(v)):
        return False
    # "the act, pushed by X": the parser often hangs a reduced relative on the verb as advcl
    return v.dep_ in ("acl", "amod") or (v.dep_ == "advcl" and any(c.dep_ == "agent" for c in kids(v)))


def relative_antecedent(t: Token) -> Token:
    """'who'/'which' in a relative clause stands for the noun the clause modifies."""
    if t.lower_ in RELATIVE_PRONOUNS:
        h = t.head
        for _ in range(MAX_UP):
            if h.dep_ == "relcl":
                return h.head
            if h.head == h:
                break
            h = h.head
    return t


def pobj_of(prep: Token) -> Token | None:
    """The object of a preposition; for "at limiting X" the gerund clause itself."""
    for c in kids(prep):
        if c.dep_ in ("pobj", "pcomp"):
            return c
    return None


def prep_children(t: Token, word: str | None = None) -> Iterator[Token]:
    for c in kids(t):
        if c.dep_ in ("prep", "agent", "dative") and (word is None or c.lower_ == word):
            yield c


def possessor(noun: Token) -> Token | None:
    """The possessor of a noun: "X's plan", and "Congress' opposition" (an apostrophe the parser missed)."""
    for c in kids(noun):
        if c.dep_ == "poss":
            return c
        if c.dep_ in ("nmod", "compound") and c.i + 1 < noun.i and c.doc[c.i + 1].text in ("'", "’"):
            return c
    return None


def noun_subject(noun: Token, lex: Lexicon) -> Arg | None:
    """Who does what a noun names: "X's decision", "calls from X", "a lawsuit by X"."""
    p = possessor(noun)
    if p is not None:
        return Arg(p, "noun_subject")
    for p in prep_children(noun):
        if p.lower_ in lex.subject_preps:
            o = pobj_of(p)
            if o is not None:
                return Arg(o, "noun_subject")
    return None


DASHES = frozenset({"\u2014", "\u2013", "--", "-"})


def _past_dateline(c: Token) -> Token:
    """"LEEDS — Secretary X criticised ...": the parser makes the dateline the subject, X its apposition."""
    cs = kids(c)
    dash = next((d for d in cs if d.dep_ == "punct" and d.text in DASHES and d.i == c.i + 1), None)
    if dash is None:
        return c
    return next((a for a in cs if a.dep_ == "appos" and a.i > dash.i), c)


def subject_of(v: Token, lex: Lexicon, depth: int = 0) -> Arg | None:
    """The (logical) subject of verb `v`: active subject, passive agent, or inherited."""
    subjects = [c for c in kids(v) if c.dep_ in SUBJECT_DEPS]
    if subjects:
        # two subjects are a misparse (a dateline "(Source) — X filed ..."): the nearest is the real one
        c = max((c for c in subjects if c.i < v.i), key=lambda c: c.i, default=subjects[0])
        c = _past_dateline(c)
        r = relative_antecedent(c)
        return Arg(r, "relative" if r != c else "nsubj")
    for c in kids(v):
        if c.dep_ == "agent":
            o = pobj_of(c)
            if o is not None:
                return Arg(o, "agent")
    if depth >= MAX_UP or v.head == v:
        return None
    h = v.head
    if v.dep_ in ("advcl", "xcomp") and any(a.lower_ == "to" for a in kids(v)):
        # "dismissed calls from X to pause Y": the infinitive belongs to the control noun, not the verb
        for d in kids(h):
            if d.dep_ == "dobj" and d.i < v.i and d.lemma_.lower() in lex.control_nouns:
                ns = noun_subject(d, lex)
                if ns is not None:
                    return ns
    if v.dep_ == "xcomp" and h.pos_ == "VERB":
        # object control: "asked the agency to audit X", "urged lawmakers to reject X"
        controlled: Token | None = next((c for c in kids(h) if c.dep_ == "dobj" and c.i < v.i), None)
        if controlled is None:  # "called on Congress to pass X"
            controlled = next((pobj_of(p) for p in prep_children(h) if p.lower_ in ("on", "upon") and p.i < v.i),
                              None)
        if controlled is not None:
            return Arg(controlled, "inherited")
    if v.dep_ == "xcomp":  # raising: "X is expected to introduce Y", "X was forced to withdraw Y"
        sp = next((c for c in kids(h) if c.dep_ in PASSIVE_SUBJECT_DEPS), None)
        if sp is not None:
            return Arg(relative_antecedent(sp), "inherited")
    if v.dep_ in INHERIT_DEPS and h.pos_ in ("VERB", "AUX"):
        if v.dep_ == "conj" and any(c.dep_ in PASSIVE_SUBJECT_DEPS for c in kids(h)):
            return None  # "was criticized ... and opposed X": the head's subject is its object
        s = subject_of(h, lex, depth + 1)
        return Arg(s.token, "inherited") if s else None
    if v.dep_ == "pcomp" and h.dep_ == "prep":
        g = h.head
        if g.tag_ == "VBN" and g.dep_ in ("acl", "amod") and g.head != g:  # "a package aimed at limiting"
            return Arg(g.head, "head")
        if g.pos_ == "VERB" and h.lower_ in ("of", "for"):
            # "accused X of siding with Y", "praised X for refusing": X does it
            obj = next((c for c in kids(g) if c.dep_ == "dobj" and c.i < v.i), None)
            if obj is not None:
                return Arg(obj, "inherited")
        if g.pos_ in ("VERB", "AUX"):
            s = subject_of(g, lex, depth + 1)
            return Arg(s.token, "inherited") if s else None
        if g.pos_ in ("NOUN", "PROPN") and g.lemma_.lower() in lex.nouns:  # "advocates for expanding X"
            return Arg(g, "head")
    if v.dep_ in ("acl", "relcl") and not is_passive(v):
        if v.dep_ == "acl" and h.lemma_.lower() in lex.control_nouns:
            ns = noun_subject(h, lex)
            if ns is not None:
                return ns
        return Arg(h, "head")
    if v.dep_ in ("acl", "amod") and is_passive(v) and h != v:
        # "councils opposed to extending X": an adjectival participle with a prepositional object.
        return None
    return None


def object_of(v: Token, prep_word: str | None = None, passive: bool = False) -> Arg | None:
    """The object of `v`: the preposition's object when the key names one, else the direct object."""
    if prep_word:
        holders = [v, *(c for c in kids(v) if c.dep_ == "dobj")]
        for hold in holders:
            for p in prep_children(hold, prep_word):
                o = pobj_of(p)
                if o is not None:
                    return Arg(o, "pobj")
        # "hunt down the agents": a particle the parser took for a preposition
        d = next((c for c in kids(v) if c.dep_ == "dobj"), None)
        return Arg(d, "dobj") if d is not None and prep_word in PARTICLE_ADVERBS else None
    if passive:
        for c in kids(v):
            if c.dep_ in PASSIVE_SUBJECT_DEPS:
                return Arg(relative_antecedent(c), "nsubjpass")
        if v.dep_ == "conj" and v.head != v and is_passive(v.head):  # "was backed by X and criticized by Y"
            return object_of(v.head, None, passive=True)
        if v.dep_ == "acomp":  # "the bill is co-sponsored by X": the parser made the participle a complement
            s = next((c for c in kids(v.head) if c.dep_ in ("nsubj", "nsubjpass")), None)
            return Arg(relative_antecedent(s), "nsubjpass") if s is not None else None
        if v.dep_ in ("acl", "amod") and v.head != v:
            return Arg(v.head, "head")
        if v.dep_ == "advcl":  # "criticized the act, pushed by X": the act
            d = next((c for c in kids(v.head) if c.dep_ == "dobj" and c.i < v.i), None)
            return Arg(d, "head") if d is not None else None
        return None
    for c in kids(v):
        if c.dep_ == "dobj":
            r = relative_antecedent(c)
            return Arg(r, "relative" if r != c else "dobj")
    if v.dep_ == "relcl":  # "the bill that X opposed": the relative pronoun may be unparsed
        for c in kids(v):
            if c.dep_ in SUBJECT_DEPS:
                return None
    return None


def particles(v: Token) -> list[Token]:
    return [c for c in kids(v) if c.dep_ == "prt" or (c.dep_ == "advmod" and c.lower_ in PARTICLE_ADVERBS)]


def match_verb(v: Token, lex: Lexicon) -> tuple[str, Token | None, tuple[Token, ...]]:
    """The longest lexicon key `v` realises: "push back on", "vote against", "slap on", "take aim at", "oppose".

    Returns (key, preposition, surface tokens); key is the bare lemma when nothing matched.
    """
    lemma = v.lemma_.lower()
    children = kids(v)
    prts = [c for c in children if c.dep_ == "prt" or (c.dep_ == "advmod" and c.lower_ in PARTICLE_ADVERBS)]
    if lemma not in lex.verb_heads:  # most verbs: no key can match
        return lemma, None, (v, *prts)
    dobjs = [c for c in children if c.dep_ == "dobj"]
    preps = [c for c in children if c.dep_ in ("prep", "agent", "dative")]
    dobj_preps = [(d, p) for d in dobjs for p in prep_children(d)]
    preps += [p for _, p in dobj_preps]
    preps = [p for p in preps if p.lower_ in lex.preps_in_keys]
    for prt in prts:
        for p in preps:
            key = f"{lemma} {prt.lower_} {p.lower_}"
            if key in lex.verbs:
                return key, p, (v, prt, p)
    for d, p in dobj_preps:  # "take aim at"
        key = f"{lemma} {d.lemma_.lower()} {p.lower_}"
        if key in lex.verbs:
            return key, p, (v, d, p)
    for p in preps:
        key = f"{lemma} {p.lower_}"
        if key in lex.verbs:
            return key, p, (v, p)
    for prt in prts:
        key = f"{lemma} {prt.lower_}"
        if key in lex.verbs:
            return key, None, (v, prt)
    return lemma, None, (v, *prts)


def predications(doc: Doc, lex: Lexicon) -> Iterator[Predication]:
    """Every verb of `doc` with its reading and arguments, in one pass."""
    for v in tokens(doc):
        if v.pos_ not in ("VERB",) and not (v.pos_ == "ADJ" and v.tag_ == "VBN"):
            continue
        key, prep, surface = match_verb(v, lex)
        senses = lex.verb(key)
        passive = is_passive(v)
        sense = senses[0] if senses else None
        if sense is not None and sense.subject_from == "dobj":
            dobj = next((c for c in kids(v) if c.dep_ == "dobj"), None)
            subj = Arg(dobj, "dobj") if dobj is not None else None
            obj = object_of(v, sense.object_from or (prep.lower_ if prep is not None else None))
        elif prep is not None:
            obj = object_of(v, prep.lower_)
            # With a prepositional object a participle is adjectival: "X (is) opposed to Y".
            subj = subject_of(v, lex)
            if subj is None and passive:
                o = object_of(v, None, passive=True)
                subj = Arg(o.token, "head") if o else None
        else:
            subj = subject_of(v, lex)
            obj = object_of(v, None, passive=passive)
        yield Predication(v, key, senses, subj, obj, prep, passive and prep is None,
                          tuple(sorted(set(surface), key=lambda t: t.i)))
