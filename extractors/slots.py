"""Entities by the slot they fill: noun phrases that act in a clause but that no other finder named.

"The government criticized ...", "the union rejected a 3% pay rise", "the Greens oppose ...":
a subject, object or agent of a verb, headed by a word that names an organization, a group
or a policy, becomes an entity. Such a description is an entity only if it takes part in a
claim (ONTOLOGY.md: "Descriptions are entities when they act in a claim"), so these are
marked provisional; the pipeline drops the ones no claim uses.
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from .entity_words import words
from .lexicon import Lexicon, load_lexicon
from .mentions import EntityTable, Mention
from .names import name_key
from .registry import Registry
from .tree import kids, tokens

ORG_HEADS = words("org_heads") | words("government_heads") | {"opposition"}
GROUP_HEADS = (words("group_heads") | words("weak_group_heads") | words("bare_group_heads")
               | words("party_plurals"))
# (ONTOLOGY.md: court rulings, injunctions and official reports that actors act on are policies; so are the
# offers, motions and guidelines they vote on: `decision_heads`)
POLICY_HEADS = (words("policy_heads") | words("policy_weak_heads") | words("clause_policy_heads")
                | words("generic_policy_heads") | words("adjective_policy_heads") | words("decision_heads"))
DROP = words("group_drop_words")
NONCONTENT = words("group_noncontent") | DROP | {"key", "main", "top", "fellow", "rival", "other"}
WEAK_GROUP_HEADS = words("weak_group_heads")
VAGUE_HEADS = frozenset({"group", "campaign", "authority", "organization", "organisation", "body", "side", "camp",
                         "allies", "ally", "groups"})
SLOT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "appos", "conj"})
MODIFIER_DEPS = frozenset({"amod", "compound", "nummod", "nmod", "quantmod"})
OWNER_PREPS = frozenset({"from", "by", "of"})  # "an offer from X", "the decision by X", "the report of X"
MAX_WORDS = 6
POLICY_VERB_TYPES = frozenset({"APPROVES", "PROPOSES", "OPPOSES"})


def _label(head: Token) -> str:
    low, lemma = head.lower_, head.lemma_.lower()
    if low in GROUP_HEADS and (head.tag_ in ("NNS", "NNPS") or low.endswith("s")):
        return "Group"
    if lemma in ORG_HEADS or low in ORG_HEADS:
        return "Organization"
    if low in POLICY_HEADS or lemma in POLICY_HEADS:
        return "Policy"
    return ""


def _phrase(head: Token) -> tuple[int, int]:
    """The head with its modifiers before it: no determiners, possessive pronouns or clauses."""
    start = head.i
    for c in reversed([k for k in kids(head) if k.i < head.i]):
        if c.dep_ in MODIFIER_DEPS and c.i == start - 1 or c.dep_ in MODIFIER_DEPS and c.right_edge.i == start - 1:
            start = c.left_edge.i
        else:
            break
    doc = head.doc
    while start < head.i and (doc[start].lower_ in DROP or doc[start].is_punct):
        start += 1
    return max(start, head.i - MAX_WORDS + 1), head.i + 1


def _policy_slot(t: Token, lex: Lexicon) -> bool:
    """The object of a verb that passes, proposes or rejects things: what it acts on is a policy ("rejected a pay rise")."""
    if t.dep_ != "dobj" or t.pos_ != "NOUN" or t.tag_ in ("NNS",) and t.lower_ in GROUP_HEADS:
        return False
    return bool({s.type for s in lex.verb(t.head.lemma_.lower())} & POLICY_VERB_TYPES)


def slot_entities(doc: Doc, table: EntityTable, reg: Registry) -> None:
    """Add an entity for each unnamed argument noun phrase with an actor or policy head."""
    lex = load_lexicon()
    for t in tokens(doc):
        if t.dep_ == "compound" and t.pos_ == "NOUN" and table.mention_at(t.i) is None:
            ns = lex.nouns.get(t.head.lemma_.lower())
            if ns is not None and ns.agent:  # "tax opponent X": what the agent noun is about
                _add(doc, table, reg, t.i, t.i + 1, "Policy")
            continue
        if t.pos_ not in ("NOUN", "PROPN") or t.dep_ not in SLOT_DEPS or table.mention_at(t.i) is not None:
            continue
        if t.ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "QUANTITY"):
            continue
        if t.dep_ == "appos" and table.mention_at(t.head.i) is not None:
            continue  # "X, a lobby group funded by Y": the apposition describes X
        label = _label(t) or ("Policy" if _policy_slot(t, lex) else "")
        if not label:
            continue
        start, end = _phrase(t)
        named = next((table.mention_at(c.i) for c in kids(t) if c.dep_ == "appos" and c.i > t.i
                      and table.mention_at(c.i) is not None), None)
        if named is not None:  # "the advocacy group Freedom Watch": the description is the name after it
            table.add_mention(Mention(start, t.i + 1, named.entity, "description"))
            continue
        named_start = start
        if any(table.mention_at(i) is not None for i in range(start, end)):
            start = t.i  # a named modifier ("Network Rail offer") keeps its own entity
        content = [w for w in doc[start:t.i] if w.lower_ not in NONCONTENT and not w.is_punct]
        if label == "Policy" and not content and named_start < start:
            # "the Harbor Court ruling": named by its owner, mentioned by its head
            _add(doc, table, reg, start, end, label, name=doc[named_start:end].text)
            continue
        if label == "Policy" and not content and any(
                p.dep_ == "prep" and p.lower_ in OWNER_PREPS and any(table.mention_at(o.i) is not None for o in kids(p))
                for p in kids(t)):
            content = [t]  # "a new offer from Network Rail": whose it is makes a bare head specific
        if not content:  # a bare head ("the party", "the plan") describes an actor named earlier, if any
            earlier = _antecedent(t, label, table)
            if earlier is not None:
                table.add_mention(Mention(start, end, earlier, "description"))
                continue
            if label == "Policy" or t.lower_ in WEAK_GROUP_HEADS or t.lemma_.lower() in VAGUE_HEADS:
                continue  # "the plan" with nothing to refer to, "members": too vague to be an actor
        _add(doc, table, reg, start, end, label)


def _antecedent(t: Token, label: str, table: EntityTable):
    """The entity most recently mentioned before `t` whose name ends in `t`'s head word ("party" -> "Labour Party")."""
    heads = {t.lower_, t.lemma_.lower()}
    best = None
    for m in table.mentions:
        if m.start >= t.i or m.entity.label != label or m.kind in ("pronoun",):
            continue
        last = m.entity.name.lower().split()[-1] if m.entity.name.split() else ""
        if last in heads or last.rstrip("s") in heads:
            if best is None or m.start > best.start:
                best = m
    return best.entity if best is not None else None


def _add(doc: Doc, table: EntityTable, reg: Registry, start: int, end: int, label: str, name: str = "") -> None:
    name = name or doc[start:end].text
    if not name_key(name, label):
        return
    before = len(reg.infos)
    ent = reg.add(name, label)
    if len(reg.infos) > before:
        table.provisional.add(id(ent))
    table.add_mention(Mention(start, end, ent, "name"))
