"""Finding the entities of an article: named entities fixed up, policies, groups, then coreference.

Candidates come from one pass over `doc.ents` and one over the tokens; they claim tokens by
priority (numbered or quoted policy names and "X administration" first, then spaCy's names, then
noun phrases, which only need their head free), are merged into one entity per actor in text
order (registry.py), and finally pronouns and descriptions are resolved (coref.py).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from newsgraph.graph import Entity

from .acronyms import acronym_form, defined_after
from .coref import resolve_references
from .entity_words import words
from .groups import group_phrase
from .mentions import EntityTable, Mention, Title
from .names import TITLE_WORDS, name_key, span_text, title_before, trim
from .policies import POLICY_NAME_HEADS, is_policy_head, named_by_clause, numbered_policy, policy_phrase, \
    quoted_name_after
from .registry import Registry

NER_LABELS = {"PERSON": "Person", "ORG": "Organization", "GPE": "Place", "LOC": "Place", "LAW": "Policy",
              "FAC": "Place"}
ORG_HEADS = words("org_heads")
PLACE_HEADS = words("place_heads")
GOVERNMENT_HEADS = words("government_heads")
MEMBER_HEADS = words("org_member_heads")
NOT_ENTITIES = words("not_entities")
LOCATION_PREFIXES = words("location_prefixes")
_EXTENDABLE = frozenset({"court", "commission", "committee", "council", "department", "ministry", "bureau",
                         "office", "agency", "service", "board"})
_PARTY_TAGS = frozenset({"D", "R", "I"})

NAMED, ENT, PHRASE = 0, 1, 2  # candidate priorities


@dataclass
class Candidate:
    """A stretch of tokens that names (or will be merged into) an entity."""

    start: int
    end: int
    name: str
    label: str
    priority: int
    head: int  # the token that must be free for a phrase to count
    kind: str = "name"
    heads: tuple[str, ...] = ()  # head nouns the entity may later be described by
    aliases: list[str] = field(default_factory=list)
    extra: list[tuple[int, int]] = field(default_factory=list)  # more spans of the same entity ("(ICE)")
    weight: int = 1


def find_entities(doc: Doc) -> EntityTable:
    """Build the article's entity table from the parse."""
    table = EntityTable(doc)
    reg = Registry()
    places = {e.text for e in doc.ents if e.label_ in ("GPE", "NORP", "LOC")}
    cands = list(_ent_candidates(doc)) + list(_token_candidates(doc))
    for c in _claim(cands, len(doc)):
        _register(c, doc, table, reg, places)
    resolve_references(doc, table, reg)
    table.entities = reg.finalize()
    return table


# -- candidates from spaCy's named entities ----------------------------------------------------

def _ent_candidates(doc: Doc):
    ents = list(doc.ents)
    skip_next = 0
    for n, ent in enumerate(ents):
        if skip_next:
            skip_next -= 1
            continue
        label = NER_LABELS.get(ent.label_)
        if not label:
            continue
        start, end = ent.start, ent.end
        if label == "Place" and n + 1 < len(ents) and _joined_place(doc, ent, ents[n + 1]):
            end = ents[n + 1].end  # "Newfoundland and Labrador Premier"
            skip_next = 1
        if label == "Person":
            while end - start > 1 and doc[start].lower_ in TITLE_WORDS:
                start += 1  # "Councilwomen Kendra Brooks" tagged whole
        start, end = trim(doc, start, end)
        if start >= end or _not_an_actor(doc, start, end, label):
            continue
        if label == "Organization":
            split = _split_coordination(doc, start, end)
            if split:
                for s, e in split:
                    yield Candidate(s, e, span_text(doc, s, e), "Organization", ENT, doc[s:e].root.i)
                continue
            end = _extend_of(doc, start, end)
        name = span_text(doc, start, end)
        label = _relabel(name, label)
        c = Candidate(start, end, name, label, ENT, doc[start:end].root.i)
        if label == "Policy":
            c.heads = (name.split()[-1].lower(),)
        acr = defined_after(doc, end)
        if acr:
            c.aliases.append(doc[acr[0]].text)
            c.extra.append(acr)
        yield c


def _joined_place(doc: Doc, a: Span, b: Span) -> bool:
    """"Newfoundland and Labrador Premier X": two places that together modify a title."""
    if b.label_ not in ("GPE", "LOC") or b.start != a.end + 1 or doc[a.end].lower_ != "and":
        return False
    nxt = doc[b.end] if b.end < len(doc) else None
    return nxt is not None and nxt.lower_ in TITLE_WORDS and nxt.is_title and doc[b.end - 1].dep_ == "compound"


def _not_an_actor(doc: Doc, start: int, end: int, label: str) -> bool:
    text = doc[start:end].text
    if text.lower() in NOT_ENTITIES:
        return True
    if start > 0 and end < len(doc) and doc[start - 1].text == "[" and doc[end].text == "]":
        return True  # "[PDF]"
    if label == "Place" and (text[:2] in ("D-", "R-", "I-") or end - start == 1 and text.endswith(".")
                             and len(text) <= 6 and not acronym_form(text)):
        return True  # "D-Wash.", "Ga.": a lawmaker's party and state tag
    if label == "Person" and end - start == 1:
        tok = doc[start]
        head = tok.head
        if tok.dep_ in ("compound", "amod", "nmod") and head.pos_ == "NOUN" and head.lower_ not in TITLE_WORDS:
            return True  # "the Bruen decision": a case name, not an actor
    return False


def _relabel(name: str, label: str) -> str:
    """Fix spaCy's label from the name's last word: "... Act" is a policy, "... Union" an organization."""
    last = name.split()[-1].lower().strip(".,")
    if label != "Person" and last in POLICY_NAME_HEADS and name.split()[-1][:1].isupper():
        return "Policy"
    if label == "Place" and last in ORG_HEADS and last not in PLACE_HEADS:
        return "Organization"
    if label == "Organization" and last in PLACE_HEADS and last not in ORG_HEADS:
        return "Place"
    return label


def _split_coordination(doc: Doc, start: int, end: int) -> list[tuple[int, int]] | None:
    """"the Firearms Policy Coalition and Second Amendment Foundation": two organizations."""
    for i in range(start + 2, end - 2):
        if doc[i].lower_ == "and" and doc[i - 1].lower_ in ORG_HEADS and doc[end - 1].lower_ in ORG_HEADS:
            return [(start, i), trim(doc, i + 1, end)]
    return None


def _extend_of(doc: Doc, start: int, end: int) -> int:
    """"U.S. District Court" + "for the Western District of Washington": one name."""
    if doc[end - 1].lower_ not in _EXTENDABLE:
        return end
    j = end
    while j + 1 < len(doc) and doc[j].lower_ in ("for", "of"):
        k = j + 1
        if doc[k].lower_ == "the":
            k += 1
        if k < len(doc) and doc[k].ent_type_ in ("GPE", "LOC", "ORG") and doc[k].is_title:
            while k < len(doc) and doc[k].ent_type_ and (doc[k].is_title or doc[k].is_upper):
                k += 1
            end = j = k
        else:
            break
    return end


# -- candidates from tokens ----------------------------------------------------------------------

def _token_candidates(doc: Doc):
    n = len(doc)
    for tok in doc:
        i = tok.i
        num = numbered_policy(doc, i)
        if num:
            word = doc[num[1] - 2].lower_ if doc[num[1] - 2].text != "." else doc[num[1] - 3].lower_
            yield Candidate(num[0], num[1], span_text(doc, *num), "Policy", NAMED, num[0], heads=(word, "bill"))
            continue
        if tok.text in _PARTY_TAGS and i + 2 < n and doc[i + 1].text == "-" and doc[i + 2].pos_ == "PROPN" \
                and not doc[i + 2].text.endswith(".") and doc[i + 2].is_title:
            yield Candidate(i + 2, i + 3, doc[i + 2].text, "Place", NAMED, i + 2)  # "D-Texas"
            continue
        if tok.pos_ != "NOUN":
            continue
        low = tok.lower_
        if is_policy_head(tok):
            yield from _policy_candidates(tok)
        elif low in GOVERNMENT_HEADS:
            c = _government(tok)
            if c:
                yield c
        elif low in MEMBER_HEADS and tok.tag_ == "NNS":
            org = next((c for c in tok.lefts if c.dep_ == "compound" and c.ent_type_ == "ORG"), None)
            if org is not None:  # "ICE agents": the organization itself
                s, e = _ent_bounds(doc, org.i)
                s, e = trim(doc, s, e)
                if s < e:
                    yield Candidate(s, i + 1, span_text(doc, s, e), "Organization", NAMED, i,
                                    kind="alias", aliases=[doc[s:i + 1].text])
                continue
        g = group_phrase(tok)
        if g:
            name = span_text(doc, g.start, g.end)
            yield Candidate(g.start, g.end, name, "Group", PHRASE, i, heads=(low,))


def _ent_bounds(doc: Doc, i: int) -> tuple[int, int]:
    s, e = i, i + 1
    while s > 0 and doc[s].ent_iob_ == "I":
        s -= 1
    while e < len(doc) and doc[e].ent_iob_ == "I":
        e += 1
    return s, e


def _policy_candidates(tok: Token):
    doc = tok.doc
    named = named_by_clause(tok) or quoted_name_after(doc, tok.i + 1)
    if named:
        s, e = named
        yield Candidate(s, e, span_text(doc, s, e), "Policy", NAMED, s, heads=(tok.lower_,),
                        aliases=[doc[s:e].text])
        pp = policy_phrase(tok)
        if pp:  # "a legislative package known as ..." is the same policy
            yield Candidate(pp.start, pp.end, span_text(doc, s, e), "Policy", PHRASE, tok.i, kind="alias",
                            heads=(tok.lower_,), aliases=[doc[pp.start:pp.end].text])
        return
    pp = policy_phrase(tok)
    if pp is None or pp.kind == "description":
        return
    if any(t.ent_type_ == "PERSON" for t in doc[pp.start:pp.end]):
        return
    yield Candidate(pp.start, pp.end, span_text(doc, pp.start, pp.end), "Policy", PHRASE, tok.i,
                    heads=(tok.lower_,))


def _government(tok: Token) -> Candidate | None:
    """"the Trump administration", "the UK government", "Modi's Hindu nationalist government"."""
    doc = tok.doc
    for c in tok.lefts:
        if c.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") and c.dep_ in ("compound", "amod", "nmod"):
            s, e = _ent_bounds(doc, c.i)
            s, e = trim(doc, s, e)
            if e == tok.i:
                return Candidate(s, tok.i + 1, f"{span_text(doc, s, e)} {tok.text}", "Organization", NAMED, tok.i,
                                 heads=(tok.lower_,), weight=2)
        if c.dep_ == "poss" and c.ent_type_ in ("PERSON", "GPE"):
            s, e = _ent_bounds(doc, c.i)
            owner = doc[e - 1].text if c.ent_type_ == "PERSON" else span_text(doc, s, e)
            start = c.right_edge.i + 1
            while start < tok.i and doc[start].is_punct or start < tok.i and doc[start].tag_ == "POS":
                start += 1
            return Candidate(start, tok.i + 1, f"{owner} {tok.text}", "Organization", NAMED, tok.i,
                             heads=(tok.lower_,), aliases=[doc[c.left_edge.i:tok.i + 1].text], weight=2)
    return None


# -- claiming and registering --------------------------------------------------------------------

def _claim(cands: list[Candidate], n: int) -> list[Candidate]:
    """Keep the candidates that win their tokens, in text order."""
    taken = [False] * n
    kept = []
    for c in sorted(cands, key=lambda c: (c.priority, c.start, -(c.end - c.start))):
        if c.priority < PHRASE:
            if any(taken[c.start:c.end]):
                continue
            for i in range(c.start, c.end):
                taken[i] = True
            for s, e in c.extra:
                for i in range(s, e):
                    taken[i] = True
        elif taken[c.head]:
            continue
        else:
            taken[c.head] = True
        kept.append(c)
    kept.sort(key=lambda c: (c.start, c.priority))
    return kept


def _register(c: Candidate, doc: Doc, table: EntityTable, reg: Registry, places: set[str]) -> None:
    if not name_key(c.name, c.label):
        return
    ent = reg.add(c.name, c.label, c.weight, _alt_keys(c, doc, places))
    info = reg.info(ent)
    info.last_seen = c.start
    info.heads.update(c.heads)
    for a in c.aliases:
        reg.add_alias(ent, a)
    if ent.label == "Person" or c.label == "Person":
        _titles(c, doc, table, reg, ent)
    table.add_mention(Mention(c.start, c.end, ent, c.kind))
    for s, e in c.extra:
        table.add_mention(Mention(s, e, ent, "acronym"))


def _alt_keys(c: Candidate, doc: Doc, places: set[str]) -> tuple[str, ...]:
    """"Senate" for "U.S. Senate": an organization's name without its place prefix."""
    if c.label != "Organization" or c.end - c.start < 2:
        return ()
    first = doc[c.start]
    rest = span_text(doc, c.start + 1, c.end)
    located = (acronym_form(first.text) or first.lower_ in LOCATION_PREFIXES or first.text in places
               or first.is_title and first.lower_.endswith("an"))
    return (name_key(rest, "Organization"),) if located and rest else ()


def _titles(c: Candidate, doc: Doc, table: EntityTable, reg: Registry, ent: Entity) -> None:
    t = title_before(doc, c.start)
    if t is None:
        return
    info = reg.info(ent)
    reg.add_alias(ent, doc[t.start:c.end].text)
    if t.role:
        info.roles.append(t.role.lower())
    if t.gender and not info.gender:
        info.gender = t.gender
    table.titles.append(Title(t.start, t.end, t.role, ent, t.affiliations))
