"""Policies named in the text: numbered measures, quoted names, and noun phrases headed by a policy noun.

A policy noun phrase with a content modifier ("the Ohio bill", "lumber and copper tariffs")
names a policy; a bare one ("the bill", "the measure") is a description that refers back
(see coref.py), unless it is indefinite and carries its own clause ("a bill to repeal the quotas").
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from .entity_words import table, words

POLICY_HEADS = words("policy_heads")
POLICY_NAME_HEADS = words("policy_name_heads")
WEAK_HEADS = words("policy_weak_heads")
NON_MODIFIERS = words("policy_non_modifiers")
NUMBERED = words("numbered_policy_words")
ADJECTIVE_HEADS = words("adjective_policy_heads")
CLAUSE_HEADS = words("clause_policy_heads")
GENERIC_HEADS = words("generic_policy_heads")  # "immigration policy", "trade law": need a proper name inside
PERSON_NOUNS = frozenset(d.split()[-1] for d in words("person_descriptions"))
DESCRIPTIONS = table("policy_descriptions")
_DROP_DEPS = frozenset({"det", "poss", "predet", "case", "punct", "quantmod", "advmod", "cc", "prep"})
_CONTENT_DEPS = frozenset({"compound", "nmod", "amod", "npadvmod", "conj", "nummod"})
_NAMING_VERBS = frozenset({"know", "call", "dub", "name", "title", "nickname", "label"})
_QUOTES = frozenset('"\u201c\u201d\'\u2018\u2019')
_CLAUSE_DEPS = frozenset({"relcl", "acl"})


@dataclass
class PolicyPhrase:
    """A policy noun phrase: tokens [start, end) of its name, and whether it names or describes."""

    start: int
    end: int
    head: Token
    kind: str  # "name" (has its own content), "clause" (new, named by its clause), "description"


def is_policy_head(tok: Token) -> bool:
    return tok.pos_ == "NOUN" and tok.lower_ in POLICY_HEADS


def numbered_policy(doc: Doc, i: int) -> tuple[int, int] | None:
    """"Proposition 47", "Prop. 47", "SB 2210", "Senate Bill 2210" starting at token i."""
    tok = doc[i]
    if tok.lower_ not in NUMBERED or not (tok.is_title or tok.is_upper):
        return None
    j = i + 1
    if j < len(doc) and doc[j].text == ".":
        j += 1
    if j < len(doc) and (doc[j].like_num or doc[j].text[:1].isdigit()):
        start = i  # "Senate Bill 2210", "Water Bill 2031": capitalized words before belong to the name
        while start > 0 and i - start < 4 and doc[start - 1].is_title and doc[start - 1].pos_ == "PROPN" \
                and doc[start - 1].ent_type_ in ("", "LAW", "ORG") and doc[start - 1].lower_ != "the":
            start -= 1
        return start, j + 1
    return None


def quoted_name_after(doc: Doc, i: int) -> tuple[int, int] | None:
    """A quoted name right at token i ("SAFE STREETS" in quotes): span inside the quotes."""
    if i >= len(doc) or doc[i].text not in _QUOTES:
        return None
    for j in range(i + 1, min(i + 9, len(doc))):
        if doc[j].text in _QUOTES:
            end = j - 1 if doc[j - 1].text in (",", ".") else j  # 'known as "X,"'
            if end > i + 1 and all(t.is_title or t.is_upper or t.like_num or t.is_stop for t in doc[i + 1:end]):
                return i + 1, end
            return None
        if doc[j].text in (",", ".", ";") and not (j + 1 < len(doc) and doc[j + 1].text in _QUOTES):
            return None
    return None


def named_by_clause(head: Token) -> tuple[int, int] | None:
    """"a package known as 'X'" / "a plan called X": the name the clause gives."""
    for child in head.rights:
        if child.dep_ == "acl" and child.lemma_.lower() in _NAMING_VERBS:
            for grand in child.rights:
                if grand.dep_ in ("prep", "oprd", "attr", "dobj") or grand.lower_ == "as":
                    k = grand.i + 1 if grand.lower_ == "as" else grand.left_edge.i
                    q = quoted_name_after(head.doc, k)
                    if q:
                        return q
                    sub = grand if grand.lower_ != "as" else next(iter(grand.children), None)
                    if sub is not None and sub.pos_ == "PROPN":
                        return sub.left_edge.i, sub.right_edge.i + 1
    return None


def _titled_prefix(doc: Doc, start: int, head: Token) -> int:
    """"the Homes for Oregon plan": capitalized words joined by "for"/"of" before a capitalized modifier
    belong to the name (the parser hangs them elsewhere)."""
    if head.lower_ not in POLICY_NAME_HEADS or start < 2 or not doc[start].is_title or doc[start].pos_ != "PROPN":
        return start
    if doc[start - 1].lower_ not in ("for", "of") or not doc[start - 2].is_title \
            or doc[start - 2].tag_ not in ("NNP", "NNPS") or doc[start - 2].is_sent_start:
        return start
    k = start - 2
    while k > 0 and head.i - k < 8 and doc[k - 1].is_title and doc[k - 1].tag_ in ("NNP", "NNPS") \
            and not doc[k].is_sent_start:
        k -= 1
    return k


def policy_phrase(head: Token) -> PolicyPhrase | None:
    """Classify the noun phrase headed by a policy noun."""
    if not is_policy_head(head) or head.dep_ in ("compound",):
        return None
    doc = head.doc
    start = head.i
    content = False
    for child in head.lefts:
        if child.dep_ == "poss" and (child.ent_type_ == "PERSON" or child.lower_ in PERSON_NOUNS):
            start = min(start, child.left_edge.i)  # "Senator Dana Whitfield's housing measure": the owner is part of the name
            continue
        if child.dep_ in _DROP_DEPS:
            continue
        if child.ent_type_ == "PERSON" and child.dep_ == "compound":
            continue  # "sent Governor X legislation": a misparse, not a modifier
        if child.dep_ in _CONTENT_DEPS:
            start = min(start, child.left_edge.i)
            for t in child.subtree:
                if t.lower_ in NON_MODIFIERS:
                    continue
                if head.lower_ in GENERIC_HEADS:
                    content = content or t.pos_ == "PROPN" or bool(t.ent_type_)
                elif t.pos_ in ("NOUN", "PROPN") or t.pos_ == "ADJ" and head.lower_ in ADJECTIVE_HEADS:
                    content = True
    while start < head.i and (doc[start].dep_ in ("det", "predet", "punct", "cc") and doc[start].head == head
                              or doc[start].lower_ in ("a", "an", "the")):
        start += 1
    for k in range(start, head.i):
        if doc[k].text in _QUOTES:
            start = k + 1  # 'the "toughest" housing legislation': the quote is not the name
    if content:
        start = _titled_prefix(doc, start, head)
        return PolicyPhrase(start, head.i + 1, head, "name")
    det = next((c for c in head.lefts if c.dep_ == "det"), None)
    indefinite = det is None or det.lower_ in ("a", "an")
    owner = next((c for c in head.lefts if c.dep_ == "poss"), None)
    if indefinite and owner is None and head.lower_ in CLAUSE_HEADS:
        clause = next((c for c in head.rights if c.dep_ in _CLAUSE_DEPS and c.pos_ in ("VERB", "AUX")
                       and (c.dep_ == "relcl" or any(a.lower_ == "to" for a in c.lefts))
                       and not any(a.tag_ == "WRB" for a in c.lefts)), None)  # not "a bill when X convenes"
        if clause is None and head.i + 2 < len(doc) and doc[head.i + 1].lower_ == "to" \
                and doc[head.i + 2].tag_ == "VB" and doc[head.i + 2].head == head.head:
            clause = doc[head.i + 2]  # "passed a bill to expand X", the clause hung on the verb
        if clause is not None:
            return PolicyPhrase(head.i, _clause_end(clause), head, "clause")
    return PolicyPhrase(start, head.i + 1, head, "description")


def _clause_end(verb: Token) -> int:
    """The end of a clause: through its object ("a bill to repeal the quotas"), else its first phrase."""
    end = verb.i + 1
    for child in verb.rights:
        if child.dep_ in ("advcl", "conj", "cc", "punct", "parataxis", "mark", "npadvmod"):
            break
        end = child.right_edge.i + 1
        if child.dep_ in ("dobj", "attr", "ccomp", "xcomp", "pobj", "prep", "oprd"):
            break
    doc = verb.doc
    while end > verb.i + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return end


def topic(pp: PolicyPhrase) -> str:
    """The noun right before a policy's head ("carbon" in "the federal carbon price"): what it is about."""
    doc = pp.head.doc
    i = pp.head.i - 1
    if i >= pp.start and doc[i].pos_ in ("NOUN", "PROPN") and doc[i].dep_ in ("compound", "nmod") \
            and doc[i].lower_ not in NON_MODIFIERS:
        return doc[i].lower_
    return ""


def compatible(description: str, policy_head: str) -> bool:
    """May a bare description ("the measure") refer to a policy whose head noun is `policy_head`?"""
    allowed = DESCRIPTIONS.get(description.lower())
    if allowed is None:
        return description.lower() == policy_head.lower()
    return "*" in allowed or policy_head.lower() in allowed
