"""Claims stated by nouns, adjectives and modifiers.

"X's opposition to Y", "a lawsuit against Y", "X, a supporter of Y", "criticism from X",
"X is critical of Y", "Halvorsen-backed X", and "X's plan" (whoever owns a policy proposed it).
"""
from __future__ import annotations

from typing import Iterator

from spacy.tokens import Doc, Token

from .clauses import noun_subject, pobj_of, possessor, prep_children, subject_of
from .findings import Finding
from .lexicon import Lexicon, NounSense, Sense
from .mentions import EntityTable
from .tree import kids, tokens

INCLUDING_VERBS = frozenset({"include", "comprise", "number"})  # "its backers include X": X is one
RULED = frozenset({"ruling", "decision", "verdict", "judgment", "judgement", "injunction"})
CIRCUMSTANCE_PREPS = frozenset({"with", "despite", "amid", "over"})  # "with X's support, Y passed"


def _referent(noun: Token) -> Token | None:
    """Who an agent noun describes: "X was a supporter", "X, an opponent of", "the backers are X"."""
    for c in kids(noun):  # "the bill's sponsor, Senator X,"
        if c.dep_ == "appos":
            return c
    t = noun
    for _ in range(4):  # through coordination, and a misparse hanging it on a prepositional object
        if t.dep_ == "conj" and t.head != t:
            t = t.head
        elif t.dep_ == "pobj" and t.head.head.dep_ in ("appos", "attr") and noun != t:
            t = t.head.head
        else:
            break
    if t.dep_ in ("attr", "acomp"):
        return next((c for c in kids(t.head) if c.dep_ in ("nsubj", "nsubjpass")), None)
    if t.dep_ == "amod" and t.pos_ == "ADJ":  # "lawmakers critical of the bill"
        return t.head
    if t.dep_ == "appos":
        return t.head
    if t.dep_ == "nsubj":  # "the backers are X", "the backers include X"
        deps = ("attr", "dobj") if t.head.lemma_.lower() in INCLUDING_VERBS else ("attr",)
        return next((c for c in kids(t.head) if c.dep_ in deps), None)
    if t.dep_ == "compound" and t.head.pos_ == "PROPN":  # "tax opponent Jane Smith"
        return t.head
    return None


def _noun_args(noun: Token, ns: NounSense, lex: Lexicon) -> Iterator[tuple[Token, tuple[Sense, ...], Token]]:
    """(object token, senses, preposition) for each object preposition of a claim noun."""
    holders = [noun]
    if noun.dep_ == "dobj" and noun.head.lemma_.lower() in lex.light_verbs:
        holders.append(noun.head)  # "filed a lawsuit against X": the parser hangs "against" on the verb
    for h in holders:
        for p in prep_children(h):
            senses = ns.objects.get(p.lower_)
            o = pobj_of(p)
            if senses and o is not None:
                yield o, senses, p


def _nearest_verb(t: Token) -> Token | None:
    for _ in range(5):
        if t.head == t:
            return None
        t = t.head
        if t.pos_ in ("VERB", "AUX"):
            return t
    return None


def noun_findings(doc: Doc, table: EntityTable, lex: Lexicon) -> Iterator[Finding]:
    """Claims stated by nouns: "opposition to", "a lawsuit against", "a supporter of", "criticism from"."""
    for noun in tokens(doc):
        if noun.pos_ not in ("NOUN", "PROPN", "ADJ"):  # adjectives: "X is critical of Y"
            continue
        ns = lex.nouns.get(noun.lemma_.lower()) or lex.nouns.get(noun.lower_)
        if ns is None:
            continue
        amods = {c.lower_ for c in kids(noun) if c.dep_ in ("amod", "compound")}
        retype = next((r for w, r in ns.modifiers if w in amods), "")
        # the subject
        subj: Token | None = None
        cues: tuple[str, ...] = ()
        named = table.entity_of(noun) is not None
        if ns.agent:
            if named:
                subj = noun
            else:
                subj = _referent(noun)
        elif ns.self_subject:
            subj = noun
        else:
            holder = noun
            if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ == "NOUN":
                holder = noun.head.head  # "a torrent of criticism from X"
            a = noun_subject(noun, lex) or (noun_subject(holder, lex) if holder != noun else None)
            if a is None and holder.dep_ == "dobj" and holder.head.lemma_.lower() in lex.receiving_verbs:
                a = noun_subject(holder.head, lex)  # "drew criticism from X": "from" hangs on the verb
            if a is not None:
                subj = a.token
            else:
                v = _nearest_verb(holder)
                if v is not None and v.lemma_.lower() not in lex.receiving_verbs:
                    s = subject_of(v, lex)
                    if s is not None:
                        light = holder.dep_ == "dobj" and v.lemma_.lower() in lex.light_verbs and holder.head == v
                        subj, cues = s.token, (s.how, "light" if light else "climbed")
        if subj is None:
            continue
        found = False
        for o, senses, p in _noun_args(noun, ns, lex):
            if retype:
                senses = tuple(Sense(retype, s.object_labels, s.subject_labels) for s in senses)
            found = True
            yield Finding(subj, o, senses, noun, (noun, p), "agent_noun" if ns.agent else "noun", cues)
        if found:
            continue
        if ns.agent and not named:  # "the plan's main financial backers are X", "tax opponent X"
            poss = next((c for c in kids(noun) if c.dep_ == "poss"), None)
            if poss is None:  # "tax opponent X"; "X, a senior Lula ally": a named modifier is what it is about
                poss = next((c for c in kids(noun) if c.dep_ == "compound" and (
                    c.pos_ == "PROPN" or noun.dep_ == "compound" and c.pos_ == "NOUN")), None)
            first = next(iter(ns.objects.values()), ())
            if poss is not None and first:
                senses = tuple(Sense(retype or s.type, s.object_labels, s.subject_labels) for s in first)
                yield Finding(subj, poss, senses, noun, (noun,), "agent_noun", cues)
        elif ns.event_object and noun.dep_ == "pobj" and noun.head.lower_ in CIRCUMSTANCE_PREPS \
                and any(c.dep_ == "poss" for c in kids(noun)):
            # "With X's support, the bill passed", "despite X's opposition": the clause's subject is the object
            v = noun.head.head
            target = next((c for c in kids(v) if c.dep_ in ("nsubj", "nsubjpass")), None) if v.pos_ in (
                "VERB", "AUX") else None
            if target is not None:
                yield Finding(subj, target, (Sense(ns.event_object, ("Policy",)),), noun, (noun,), "noun",
                              ("climbed",))
        elif ns.event_object:  # "X's remarks drew criticism from Y": Y criticizes X
            holder = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "of" else noun
            v = holder.head
            if holder.dep_ == "dobj" and v.lemma_.lower() in lex.receiving_verbs:
                s = subject_of(v, lex)
                if s is not None:
                    yield Finding(subj, s.token, (Sense(ns.event_object),), noun, (v, noun), "noun",
                                  (s.how, "climbed"))


def modifier_findings(doc: Doc, lex: Lexicon) -> Iterator[Finding]:
    """"Halvorsen-backed prosecutor": a hyphenated participle names the subject of a claim about its noun."""
    for t in tokens(doc):
        rel = lex.modifiers.get(t.lemma_.lower())
        if not rel or t.dep_ not in ("amod", "compound") or t.tag_ not in ("VBN", "JJ"):
            continue
        if t.i == 0 or doc[t.i - 1].text != "-":
            continue
        subj = next((c for c in kids(t) if c.i < t.i and c.dep_ in ("npadvmod", "compound", "nmod", "advmod",
                                                                        "nsubj", "dep")), None)
        if subj is None:
            subj = doc[t.i - 2] if t.i >= 2 else None
        if subj is None:
            continue
        head = t.head
        while head.dep_ == "compound" and head.head != head:  # "the X-backed senator Y": Y
            head = head.head
        yield Finding(subj, head, (Sense(rel),), t, (doc[t.i - 1], t), "modifier")


def policy_author_findings(doc: Doc, table: EntityTable, lex: Lexicon) -> Iterator[Finding]:
    """"X's plan", "the government's bill", "proposals by X": whoever a policy belongs to proposed it."""
    for m in table.mentions:
        if m.entity.label != "Policy":
            continue
        root = doc[m.start:m.end].root
        if root.lemma_.lower() in RULED:
            continue  # a court's ruling, a regulator's decision: decided, not proposed
        c = possessor(root)
        if c is not None:
            yield Finding(c, root, (Sense("PROPOSES"),), c, (c,), "policy_author")
        for p in prep_children(root):
            if p.lower_ in lex.author_preps:
                o = pobj_of(p)
                if o is not None:
                    yield Finding(o, root, (Sense("PROPOSES"),), p, (p,), "policy_author")
