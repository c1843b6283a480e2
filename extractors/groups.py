"""Groups: collective actors written as noun phrases ("Republican state lawmakers", "farmers' unions").

A plural noun from the group list heads the phrase; the name keeps its modifiers and
numbers ("Sixty Democrats") but not determiners or vague quantities ("many", "thousands of").
A bare head counts only when it names a political actor by itself ("protesters", "Democrats");
a weak head ("workers", "officials") needs a noun or a party word before it.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from .entity_words import words

GROUP_HEADS = words("group_heads")
WEAK_HEADS = words("weak_group_heads")
BARE_HEADS = words("bare_group_heads")
COLLECTIVE = words("collective_heads")
DROP = words("group_drop_words")
NONCONTENT = words("group_noncontent")
_SKIP_DEPS = frozenset({"det", "predet", "case", "punct", "cc", "quantmod", "prep", "advmod"})
_TITLE_HEADS = frozenset({"PERSON"})


@dataclass
class GroupPhrase:
    start: int
    end: int
    head: Token
    modifiers: frozenset[str]  # lowercase content words before the head
    marked: frozenset[str]  # numbers and "other": groups that differ in them are different groups


def group_phrase(head: Token) -> GroupPhrase | None:
    """The group noun phrase headed by `head`, if it is one."""
    low = head.lower_
    if low not in GROUP_HEADS or head.dep_ in ("compound", "amod", "poss", "nmod"):
        return None  # a modifier ("Democratic Senators Ann Cole", "union dues") is not the actor
    doc = head.doc
    start = head.i
    for child in head.lefts:
        if child.dep_ in _SKIP_DEPS or child.lower_ in DROP and child.dep_ != "poss":
            continue
        if child.dep_ == "poss" and (child.pos_ != "NOUN" or child.lower_ in DROP):
            continue
        if child.ent_type_ == "PERSON":
            return None
        start = min(start, child.left_edge.i)
    while start < head.i and (doc[start].lower_ in DROP or doc[start].is_punct):
        start += 1
    end = head.i + 1
    if low in COLLECTIVE:
        of = next((c for c in head.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
        if of is None:
            return None  # "the coalition" alone is a description
        end = of.right_edge.i + 1
        while end > head.i and doc[end - 1].is_punct:
            end -= 1
    else:
        of = next((c for c in head.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
        if of is not None and any(t.ent_type_ in ("ORG", "NORP") for t in of.subtree):
            end = of.right_edge.i + 1  # "lawmakers of the Republican Party"
    mod_toks = [t for t in doc[start:head.i] if not t.is_punct and t.lower_ not in DROP]
    content = [t for t in mod_toks if t.lower_ not in NONCONTENT]
    if not content and end == head.i + 1 and low not in BARE_HEADS and low not in COLLECTIVE:
        return None
    if low in WEAK_HEADS and low not in BARE_HEADS and end == head.i + 1 and not any(
            t.pos_ in ("NOUN", "PROPN") or t.ent_type_ in ("NORP", "ORG", "GPE") for t in content):
        return None
    mods = frozenset(t.lower_ for t in mod_toks)
    marked = frozenset(t.lower_ for t in mod_toks if t.like_num or t.lower_ == "other")
    return GroupPhrase(start, end, head, mods, marked)
