"""Affiliations from titles, appositions, "of" phrases and possessives.

"State Department spokeswoman X", "Baltimore District Attorney X", "X, president of the
African Union", "Rep. X of Vermont", "the Ledger's X", "X's own Labour Party".
"""
from __future__ import annotations

from typing import Iterator

from spacy.tokens import Doc, Token

from .clauses import pobj_of, prep_children
from .findings import Finding
from .lexicon import Lexicon, Sense
from .mentions import EntityTable, Mention
from .tree import kids

AFFILIATION = (Sense("AFFILIATED_WITH", object_labels=("Organization", "Place")),)
HOLDERS = ("Organization", "Place")
TITLE_DEPS = frozenset({"compound", "amod", "nmod", "npadvmod", "poss"})


def _title_region(doc: Doc, m: Mention) -> range:
    """Token indexes of the person's name and the title words in front of it."""
    j = m.start
    sent_start = doc[m.start].sent.start
    while j - 1 >= sent_start:
        t = doc[j - 1]
        if t.tag_ == "VBN" or t.head.tag_ == "VBN":  # "Halvorsen-backed prosecutor X": not a title
            break
        if t.dep_ in TITLE_DEPS and j <= t.head.i < m.end + 1 or (t.dep_ == "case" and t.head.i < m.end):
            j -= 1
        elif t.is_punct and t.text == "-":
            j -= 1
        else:
            break
    return range(j, m.end)


def _singular(t: Token) -> str:
    """"mps" -> "mp": a plural title ("Labour MPs A and B") is each person's title."""
    low = t.lower_
    return low[:-1] if len(low) > 2 and low.endswith("s") and t.pos_ in ("NOUN", "PROPN") else low


def _in(t: Token, words: frozenset[str] | set[str]) -> bool:
    return t.lower_ in words or _singular(t) in words


def _role(tokens: list[Token], lex: Lexicon) -> str:
    words = [t for t in tokens if _in(t, lex.roles) and not t.is_punct]
    if not any(_in(t, lex.role_heads) for t in words):
        return ""
    heads = [t for t in words if _in(t, lex.role_heads)]
    # the role is the contiguous run of title words ending at the last role head
    last = heads[-1]
    run = [last]
    k = tokens.index(last) - 1
    while k >= 0 and _in(tokens[k], lex.roles) and tokens[k].lower_ != "for":
        run.insert(0, tokens[k])
        k -= 1
    return " ".join(t.text for t in run)


def _partisan(t: Token, m: Mention, lex: Lexicon) -> bool:
    """A party named as an adjective or label in a title ("Republican", "GOP", "Labour")."""
    return (t.ent_type_ == "NORP" or t.pos_ == "ADJ" or t.lower_ in lex.party_words
            or "party" in m.entity.name.lower())


def _holder_mentions(tokens: list[Token], table: EntityTable, person: Mention) -> list[tuple[Token, Mention]]:
    out, seen = [], set()
    for t in tokens:
        m = table.mention_at(t.i)
        if m is None or m == person or m.entity == person.entity or id(m) in seen:
            continue
        if m.entity.label in HOLDERS:
            seen.add(id(m))
            out.append((t, m))
    return out


def _from_noun(person: Token, noun: Token, table: EntityTable, lex: Lexicon, base: str) -> Iterator[Finding]:
    """`noun` describes `person` ("president of Y", "a Nevada Republican", "organizer for the union")."""
    own = table.entity_of(noun)
    if own is not None and own.label in HOLDERS:
        return
    role = noun.text if noun.lower_ in lex.role_heads or noun.lemma_.lower() in lex.role_heads else ""
    targets: list[Token] = []
    for p in prep_children(noun):
        if p.lower_ in lex.affiliation_preps:
            o = pobj_of(p)
            if o is not None:
                targets.append(o)
    for c in kids(noun):
        if c.dep_ in ("compound", "amod", "nmod", "poss") and c.i < noun.i:
            e = table.entity_of(c)
            if e is not None and e.label in HOLDERS:
                targets.append(c)
            elif c.lower_ in lex.role_heads:
                role = f"{c.text} {role}".strip()
    if not role:
        return
    for o in targets:
        yield Finding(person, o, AFFILIATION, noun, (noun,), base, role=role, polarity_free=True)


def affiliations(doc: Doc, table: EntityTable, lex: Lexicon) -> Iterator[Finding]:
    """Every affiliation the article states by title, apposition, "of" or possessive."""
    for m in table.mentions:
        label = m.entity.label
        root = doc[m.start:m.end].root
        if label == "Person" and m.kind in ("name", "alias"):
            region = [doc[i] for i in _title_region(doc, m)]
            role = _role(region, lex)
            if role:
                for t, hm in _holder_mentions(region, table, m):
                    last = role.split()[-1].lower()
                    if _partisan(t, hm, lex) and last not in lex.party_roles and last[:-1] not in lex.party_roles:
                        continue  # "Democratic Governor X" governs a state, not the party
                    yield Finding(root, t, AFFILIATION, t, tuple(x for x in region if _in(x, lex.roles)),
                                  "title", role=role, polarity_free=True)
            for p in prep_children(root, "of"):  # "Rep. X of Vermont"
                o = pobj_of(p)
                held = table.entity_of(o) if o is not None else None
                if o is not None and held is not None and held.label in HOLDERS:
                    yield Finding(root, o, AFFILIATION, p, (p,), "appos", role=role, polarity_free=True)
            for c in kids(root):
                if c.dep_ == "appos":
                    yield from _from_noun(root, c, table, lex, "appos")
                    for cc in c.conjuncts:
                        yield from _from_noun(root, cc, table, lex, "appos")
                elif c.dep_ == "poss" and c.i < m.start:
                    e = table.entity_of(c)
                    if e is not None and e.label in HOLDERS:  # "VOA's X"
                        yield Finding(root, c, AFFILIATION, c, (c,), "possessive", polarity_free=True)
            if root.dep_ == "appos":  # "the top Democrat on the committee, Rep. X"
                yield from _from_noun(root, root.head, table, lex, "appos")
            if root.dep_ == "nsubj" and root.head.lemma_ == "be":  # "X is the president of Y"
                for c in kids(root.head):
                    if c.dep_ == "attr":
                        yield from _from_noun(root, c, table, lex, "appos")
        elif label == "Organization":
            for c in kids(root):  # "Whitfield's own Labour Party", "his party"
                if c.dep_ == "poss":
                    e = table.entity_of(c)
                    if e is not None and e.label == "Person":
                        yield Finding(c, root, AFFILIATION, c, (c,), "possessive", polarity_free=True)
