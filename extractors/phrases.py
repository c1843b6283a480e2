"""Candidates from single tokens: what the recognizer does not give as a name.

Numbered and quoted policies ("Prop. 47", a package known as "X"), policy and group noun
phrases, "the X administration", members standing for their organization ("FBI agents"),
the state of a "D-Ohio" tag, and names after a title that the recognizer missed.
"""
from __future__ import annotations

from typing import Iterator

from spacy.tokens import Doc, Token

from .acronyms import acronym_form
from .candidates import ENT, NAMED, PHRASE, Candidate, ent_bounds
from .coref import ORG_DESCRIPTIONS
from .entity_words import words
from .groups import GROUP_HEADS, group_phrase
from .names import PARTY_ADJECTIVES, TITLE_WORDS, party_before_title, span_text, trim
from .ner_fixes import STRONG_TITLES, coordinated_policies
from .policies import NUMBERED, POLICY_HEADS, POLICY_NAME_HEADS, is_policy_head, named_by_clause, \
    numbered_policy, policy_phrase, quoted_name_after, topic

GOVERNMENT_HEADS = words("government_heads")
MEMBER_HEADS = words("org_member_heads")
_PARTY_TAGS = frozenset({"D", "R", "I"})
_TRIGGERS = (PARTY_ADJECTIVES | NUMBERED | STRONG_TITLES | TITLE_WORDS | GROUP_HEADS | POLICY_HEADS
             | GOVERNMENT_HEADS | MEMBER_HEADS | POLICY_NAME_HEADS)


def token_candidates(doc: Doc) -> Iterator[Candidate]:
    """Candidates from single tokens: numbered and quoted policies, policy and group phrases,
    governments, titled names the recognizer missed."""
    n = len(doc)
    dateline = _dateline(doc)
    if dateline:
        yield dateline
    for tok in doc:
        low = tok.lower_
        if low not in _TRIGGERS and tok.text not in _PARTY_TAGS:
            continue  # one set lookup for most tokens
        i = tok.i
        num = numbered_policy(doc, i) if low in NUMBERED else None
        if num:
            word = doc[num[1] - 2].lower_ if doc[num[1] - 2].text != "." else doc[num[1] - 3].lower_
            yield Candidate(num[0], num[1], span_text(doc, *num), "Policy", NAMED, num[0], heads=(word, "bill"))
            continue
        if tok.text in _PARTY_TAGS and i + 2 < n and doc[i + 1].text == "-" and doc[i + 2].pos_ == "PROPN" \
                and not doc[i + 2].text.endswith(".") and doc[i + 2].is_title:
            yield Candidate(i + 2, i + 3, doc[i + 2].text, "Place", NAMED, i + 2)  # "D-Ohio"
            continue
        if low in PARTY_ADJECTIVES and party_before_title(doc, i):
            yield Candidate(i, i + 1, f"{tok.text} Party", "Organization", NAMED, i, kind="alias",
                            aliases=[tok.text], heads=("party",))  # "Conservative Leader X": X's party
            continue
        if low in TITLE_WORDS and tok.pos_ == "NOUN" and i + 2 < n and doc[i + 1].text == ",":
            c = _appositive_name(doc, i)
            if c:  # "The union's director general, Rain Holloway-Smith, ..."
                yield c
        if tok.lower_ in STRONG_TITLES and not tok.ent_type_ and (tok.is_title or tok.is_upper):
            c = _titled_name(doc, i)
            if c:
                yield c
                continue
        if tok.pos_ == "PROPN" and low in POLICY_NAME_HEADS and tok.is_title and not tok.ent_type_:
            span = _proper_policy(tok)
            if span:  # "the Save Our Gas Stoves Act" missed by the recognizer
                yield Candidate(span[0], span[1], span_text(doc, *span), "Policy", ENT, i, heads=(low,))
            continue
        if tok.pos_ == "PROPN" and low in GROUP_HEADS and tok.ent_type_ in ("", "NORP"):
            g = group_phrase(tok)
            if g:
                yield _group_candidate(doc, g)
            continue
        if tok.pos_ != "NOUN":
            continue
        if is_policy_head(tok):
            yield from _policy_candidates(tok)
        elif low in GOVERNMENT_HEADS:
            c = _government(tok)
            if c:
                yield c
        elif low in MEMBER_HEADS and tok.tag_ == "NNS":
            c = _members(tok)
            if c:
                yield c
                continue
        g = group_phrase(tok)
        if g:
            yield _group_candidate(doc, g)


def _dateline(doc: Doc) -> Candidate | None:
    """"PORTLAND, Ore. —", "LEEDS —": the capitalized place a story starts with, if not recognized."""
    k = 0
    while k < min(len(doc), 4) and doc[k].is_upper and doc[k].is_alpha and len(doc[k].text) > 1:
        k += 1
    if k == 0 or k >= len(doc) or doc[k].text not in (",", "\u2014", "\u2013", "--") or doc[0].ent_type_:
        return None
    return Candidate(0, k, doc[0:k].text, "Place", ENT, 0)


def _members(tok: Token) -> Candidate | None:
    """"FBI agents", "Whitfield administration officials": the organization itself."""
    doc, i = tok.doc, tok.i
    j = i - 1
    if j >= 3 and doc[j].text == ")" and doc[j - 2].text == "(":
        j -= 3  # "Federal Bureau of Investigation (FBI) agents"
    if j < 0:
        return None
    gov = _government(doc[j]) if doc[j].lower_ in GOVERNMENT_HEADS else None
    if gov is not None:
        return Candidate(gov.start, i + 1, gov.name, "Organization", NAMED, i, kind="alias",
                         heads=gov.heads, aliases=[doc[gov.start:i + 1].text], weight=2)
    if doc[j].ent_type_ == "ORG" or doc[j].pos_ == "PROPN" and acronym_form(doc[j].text) and not doc[j].ent_type_:
        s, e = trim(doc, *ent_bounds(doc, j))
        if s < e:
            return Candidate(s, i + 1, span_text(doc, s, e), "Organization", NAMED, i, kind="alias",
                             aliases=[doc[s:i + 1].text])
    return None


def _group_candidate(doc: Doc, g) -> Candidate:
    name = span_text(doc, g.start, g.end)
    kind = "collective" if g.end > g.head.i + 1 else "name"
    return Candidate(g.start, g.end, name, "Group", PHRASE, g.head.i, kind=kind, heads=(g.head.lower_,),
                     sig=("group", g.head.lower_, g.modifiers, g.marked))


def _appositive_name(doc: Doc, i: int) -> Candidate | None:
    j = k = i + 2
    while k < len(doc) and k - j < 5 and (doc[k].pos_ == "PROPN" and doc[k].is_title or doc[k].text == "-") \
            and doc[k].ent_type_ in ("", "PERSON", "ORG"):
        k += 1
    if k - j < 2 or doc[k - 1].dep_ != "appos" or doc[k - 1].head.i != i or doc[j].ent_type_ == "PERSON":
        return None
    return Candidate(j, k, span_text(doc, j, k), "Person", ENT, k - 1)


def _titled_name(doc: Doc, i: int) -> Candidate | None:
    """"Sheriff Dana Whitfield" when the recognizer missed the name: proper nouns after a title."""
    j = i + 1
    while j < len(doc) and doc[j].lower_ in TITLE_WORDS and doc[j].is_title and not doc[j].ent_type_:
        j += 1
    k = j
    while k < len(doc) and k - j < 3 and doc[k].pos_ == "PROPN" and doc[k].is_title and not doc[k].ent_type_ \
            and doc[k].lower_ not in TITLE_WORDS and not acronym_form(doc[k].text):
        k += 1
    if k == j or k < len(doc) and (doc[k].pos_ == "PROPN" or doc[k].tag_ == "POS" and k - j == 1):
        return None
    if k - j == 1 and doc[j].dep_ not in ("nsubj", "nsubjpass", "pobj", "dobj", "appos", "conj"):
        return None
    return Candidate(j, k, span_text(doc, j, k), "Person", ENT, doc[k - 1].i)


def _policy_candidates(tok: Token):
    doc = tok.doc
    named = named_by_clause(tok) or quoted_name_after(doc, tok.i + 1)
    if named:
        s, e = named
        yield Candidate(s, e, span_text(doc, s, e), "Policy", NAMED, s, heads=(tok.lower_,),
                        aliases=[doc[s:e].text])
        pp = policy_phrase(tok)
        if pp:  # "a set of bills known as ..." is the same policy
            yield Candidate(pp.start, pp.end, span_text(doc, s, e), "Policy", PHRASE, tok.i, kind="alias",
                            heads=(tok.lower_,), aliases=[doc[pp.start:pp.end].text])
        return
    if tok.lower_[:-1] in POLICY_NAME_HEADS:
        start = min((c.left_edge.i for c in tok.lefts if c.dep_ != "det"), default=tok.i)
        split = coordinated_policies(doc, start, tok.i + 1)
    else:
        split = []
    if split:  # "the First and Fifth amendments"
        for s, e, nm in split:
            yield Candidate(s, e, nm, "Policy", ENT, e - 1, heads=(tok.lower_[:-1],))
        return
    pp = policy_phrase(tok)
    if pp is None or tok.dep_ == "attr":
        return  # "X is the strictest legislation": says what X is, names nothing new
    if pp.kind == "description":
        owner = next((c for c in tok.lefts if c.dep_ == "poss"), None)
        if owner is not None and owner.pos_ in ("NOUN", "PROPN") and owner.ent_type_ != "PERSON" \
                and (owner.ent_type_ == "ORG" or owner.lower_ in ORG_DESCRIPTIONS):
            s = owner.left_edge.i
            while doc[s].dep_ == "det":
                s += 1  # "the alliance's proposal": the organization's own policy
            yield Candidate(s, tok.i + 1, span_text(doc, s, tok.i + 1), "Policy", PHRASE, tok.i,
                            heads=(tok.lower_,))
        return
    owned = _owning_policy(doc, pp.start, tok.i) or _appositive_policy(tok)
    if owned:  # "Prop. 47's sales tax", "SB 2210's ban": the policy itself
        yield Candidate(pp.start, pp.end, span_text(doc, *owned), "Policy", PHRASE, tok.i, kind="alias",
                        heads=(tok.lower_,), aliases=[doc[pp.start:pp.end].text])
        return
    name = span_text(doc, pp.start, pp.end)
    nxt = pp.end
    if nxt + 1 < len(doc) and doc[nxt].text == "," and (doc[nxt + 1].ent_type_ == "LAW"
                                                        or numbered_policy(doc, nxt + 1)):
        num = numbered_policy(doc, nxt + 1) or ent_bounds(doc, nxt + 1)
        yield Candidate(pp.start, pp.end, span_text(doc, *num), "Policy", PHRASE, tok.i, kind="alias",
                        heads=(tok.lower_,), aliases=[name])  # "her sales tax, Proposition 47"
        return
    kind = "clause" if pp.kind == "clause" else _definiteness(tok, pp)
    joined = doc[pp.start].is_title and any(t.lower_ in ("for", "of") for t in doc[pp.start + 1:tok.i])
    yield Candidate(pp.start, pp.end, name, "Policy", ENT if joined else PHRASE, tok.i, kind=kind,
                    heads=(tok.lower_,), sig=("policy", tok.lower_, topic(pp)))


_NUMERIC_ENTS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "QUANTITY", ""})


def _definiteness(tok: Token, pp) -> str:
    """"the road charge" (a definite, common-noun phrase) or "these export limits" (a demonstrative)
    may name a policy seen before; "a road charge" or "the Ohio bill" name their own."""
    det = next((c for c in tok.lefts if c.dep_ == "det"), None)
    if det is None:
        return "name"
    if det.lower_ in ("these", "those", "this", "that"):
        return "demonstrative"
    proper = any(t.ent_type_ not in _NUMERIC_ENTS or t.pos_ == "PROPN" and not t.ent_type_
                 for t in tok.doc[pp.start:tok.i])  # "the June 30 increase" is not a proper name
    return "definite" if det.lower_ == "the" and not proper else "name"


def _proper_policy(tok: Token) -> tuple[int, int] | None:
    """The capitalized name a policy word ends ("Clean Water Act"), without its determiner."""
    doc = tok.doc
    start = tok.left_edge.i
    while start < tok.i and (doc[start].dep_ == "det" or doc[start].is_punct):
        start += 1
    if start == tok.i or not all(t.is_title or t.is_upper or t.like_num or t.lower_ in ("of", "for", "and", "the", "on")
                                 for t in doc[start:tok.i]):
        return None
    return start, tok.i + 1


def _appositive_policy(tok: Token) -> tuple[int, int] | None:
    """"the X Act, a bill that ...": the named policy a policy phrase is in apposition to."""
    head = tok.head
    if tok.dep_ != "appos" or head.i >= tok.i:
        return None
    if head.ent_type_ == "LAW":
        return trim(tok.doc, *ent_bounds(tok.doc, head.i))
    if head.pos_ == "PROPN" and head.lower_ in POLICY_NAME_HEADS:
        return _proper_policy(head)
    return numbered_policy(tok.doc, head.left_edge.i) if head.like_num else None


def _owning_policy(doc: Doc, start: int, head: int) -> tuple[int, int] | None:
    """The span of a policy name that owns a policy phrase ("Prop. 47" in "Prop. 47's sales tax")."""
    for k in range(max(0, start - 1), head):
        if doc[k].tag_ == "POS" and k > 0:
            j = k - 1
            if doc[j].ent_type_ == "LAW":
                s, e = ent_bounds(doc, j)
                return trim(doc, s, e)
            for b in range(max(0, j - 3), j + 1):
                num = numbered_policy(doc, b)
                if num and num[1] == k:
                    return num
    return None


def _government(tok: Token) -> Candidate | None:
    """"the Whitfield administration", "the Irish government", "Okafor's coalition government"."""
    doc = tok.doc
    lefts = list(tok.lefts)
    if tok.i > 0 and doc[tok.i - 1].dep_ == "compound" and doc[tok.i - 1] not in lefts:
        lefts.append(doc[tok.i - 1])  # "Whitfield administration officials": "Whitfield" hangs on "officials"
    for c in lefts:
        if c.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") and c.dep_ in ("compound", "amod", "nmod"):
            s, e = ent_bounds(doc, c.i)
            s, e = trim(doc, s, e)
            if e == tok.i:
                return Candidate(s, tok.i + 1, f"{span_text(doc, s, e)} {tok.text}", "Organization", NAMED, tok.i,
                                 heads=(tok.lower_,), weight=2)
        if c.dep_ == "poss" and c.ent_type_ in ("PERSON", "GPE"):
            s, e = ent_bounds(doc, c.i)
            owner = doc[e - 1].text if c.ent_type_ == "PERSON" else span_text(doc, *trim(doc, s, e)) + "'s"
            start = c.right_edge.i + 1
            while start < tok.i and doc[start].is_punct or start < tok.i and doc[start].tag_ == "POS":
                start += 1
            return Candidate(start, tok.i + 1, f"{owner} {tok.text}", "Organization", NAMED, tok.i,
                             heads=(tok.lower_,), aliases=[doc[c.left_edge.i:tok.i + 1].text], weight=2)
    return None
