"""Candidates from spaCy's named entities, with the recognizer's known faults fixed.

Labels are mapped to the ontology and corrected from the name's last word ("... Act" is a
policy, "... Union" an organization); NORP adjectives are left to the group finder; names cut
wrongly are joined ("Trinidad and Tobago", "U.S." + "District Court for ...") or split
("the X Coalition and Y Foundation"); titles, "the", possessives and tags like "D-Wash." go.
"""
from __future__ import annotations

import re
from typing import Iterator

from spacy.tokens import Doc, Span, Token

from .acronyms import acronym_form, defined_after
from .candidates import ENT, Candidate
from .entity_words import table, words
from .lexicon import load_lexicon
from .names import TITLE_WORDS, is_title_word, span_text, trim
from .policies import POLICY_NAME_HEADS

NER_LABELS = {"PERSON": "Person", "ORG": "Organization", "GPE": "Place", "LOC": "Place", "LAW": "Policy",
              "FAC": "Place"}
ORG_HEADS = words("org_heads")
PLACE_HEADS = words("place_heads")
NOT_ENTITIES = words("not_entities")
ORG_DESCRIPTIONS = words("org_descriptions")
FIRST_NAMES = words("female_first_names") | words("male_first_names")
STRONG_TITLES = words("strong_titles")
STATES = table("state_abbreviations")
_PLACE_LIST_NOUNS = frozenset({"states", "countries", "cities", "provinces", "regions", "nations", "towns",
                               "counties", "territories", "districts"})
_QUOTE_MARKS = frozenset('"\u201c\u201d')
_EXTENDABLE = frozenset({"court", "commission", "committee", "council", "department", "ministry", "bureau",
                         "office", "agency", "service", "board"})


def ent_candidates(doc: Doc) -> Iterator[Candidate]:
    """Candidates from spaCy's named entities, with its known faults fixed."""
    repair_spans(doc)
    retag_described_organizations(doc)
    retag_titled_affiliations(doc)
    ents = list(doc.ents)
    skip_next = 0
    for n, ent in enumerate(ents):
        if skip_next:
            skip_next -= 1
            continue
        label = NER_LABELS.get(ent.label_)
        if ent.label_ in ("NORP", "ORG") and _in_place_list(doc, ent.start):
            label = "Place"  # "provinces such as Alberta and Manitoba"
        start, end = ent.start, ent.end
        named_for = _named_for(doc, ent)
        if named_for:
            end, label = named_for, "Organization"  # "Oregonians for Fair Taxes" tagged NORP + nothing
        if not label:
            continue
        if label in ("Organization", "Place") and n + 1 < len(ents) and ents[n + 1].start == end \
                and ents[n + 1].label_ == "ORG" and acronym_form(doc[end - 1].text):
            end = ents[n + 1].end  # "the U.S." + "District Court"
            label = "Organization"
            skip_next = 1
        elif label == "Place" and n + 1 < len(ents) and ents[n + 1].start == end and ents[n + 1].label_ == "ORG" \
                and len(ents[n + 1]) == 1 and ents[n + 1][0].lower_ in _CHAMBERS and ents[n + 1][0].is_title:
            end = ents[n + 1].end  # "the Oregon Senate" tagged as a place and a bare chamber
            label = "Organization"
            skip_next = 1
        if label == "Place" and n + 1 < len(ents) and _joined_place(doc, ent, ents[n + 1]):
            end = ents[n + 1].end  # "Trinidad and Tobago Premier"
            skip_next = 1
        if label == "Person":
            while end - start > 1 and doc[start].lower_ in TITLE_WORDS:
                start += 1  # "Councilwomen Lena Mills" tagged whole
        elif label == "Organization" and (titled := _titled_inside(doc, start, end)):
            start, label = titled, "Person"  # "U.S. Senator Helen Brandt" tagged ORG
        if start == 0 and label in ("Organization", "Place", "Person") and _dateline(doc, end):
            label = "Place"  # "SALEM, Ore. —": the dateline names a place
        if label == "Place" and doc[start:end].text.lower() in STATES and not (start and doc[start - 1].text == "-"):
            yield Candidate(start, end, STATES[doc[start:end].text.lower()], "Place", ENT, start,
                            aliases=[doc[start:end].text])  # "Ore." in a dateline
            continue
        start, end = trim(doc, start, end)
        if start >= end or _not_an_actor(doc, start, end, label):
            continue
        if label != "Person" and (_person_by_position(doc, start, end) or _party_tagged(doc, end)):
            label = "Person"  # "The union's director general, Rain Newton-Smith, ..." tagged ORG
        if label == "Organization":
            split = _split_coordination(doc, start, end)
            if split:
                for s, e in split:
                    yield Candidate(s, e, span_text(doc, s, e), "Organization", ENT, doc[s:e].root.i)
                continue
            end = _extend_of(doc, start, end)
        name = span_text(doc, start, end)
        if label == "Person" and end - start == 1 and start > 0 and doc[start - 1].pos_ == "DET" \
                and name.lower() in POLICY_NAME_HEADS:
            label = "Policy"  # "this Bill" tagged as a person
        label = _relabel(name, label)
        if label == "Policy" and coordinated_policies(doc, start, end):
            for s, e, nm in coordinated_policies(doc, start, end):
                yield Candidate(s, e, nm, "Policy", ENT, e - 1, heads=(nm.split()[-1].lower(),))
            continue
        c = Candidate(start, end, name, label, ENT, doc[start:end].root.i)
        if label == "Policy":
            c.heads = (name.split()[-1].lower(),)
        acr = defined_after(doc, end)
        if acr:
            c.aliases.append(doc[acr[0]].text)
            c.extra.append(acr)
        yield c


_CHAMBERS = frozenset({"senate", "house", "assembly", "legislature", "parliament"})
_AFFILIATION_TAGS = frozenset({"ORG", "GPE", "NORP", "LOC", "FAC"})


_POSSESSIVE = frozenset({"'s", "\u2019s"})


def repair_spans(doc: Doc) -> None:
    """Names of policies and organizations the recognizer cut at a parenthesis are joined
    ("Waqf (Amendment" + ") Bill"); such a name holding a possessive is its owner and the thing
    owned ("Modi Government's Waqf (Amendment) Bill")."""
    ents, changed = list(doc.ents), False
    out: list[Span] = []
    k = 0
    while k < len(ents):
        e = ents[k]
        start, end, label = e.start, e.end, e.label_
        if any(t.text == "(" for t in e) and not any(t.text == ")" for t in e) and end < len(doc) \
                and doc[end].text == ")":
            stop = end + 1
            while stop < len(doc) and doc[stop].pos_ == "PROPN" and doc[stop].is_title:
                stop += 1
            if _named_thing(doc[stop - 1]):
                end, changed = stop, True
                while k + 1 < len(ents) and ents[k + 1].start < end:
                    k += 1  # the tail the recognizer tagged apart
        if start > 2 and doc[start - 1].text == ")" and doc[start - 3].text == "(" and doc[start - 2].is_title \
                and _named_thing(doc[end - 1]):
            start -= 3  # "Waqf (Amendment) | Bill"
            while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].is_title \
                    and not doc[start - 1].ent_type_:
                start -= 1
            changed = True
        if doc[end - 1].lower_ in POLICY_NAME_HEADS and doc[end - 1].is_title and label in ("PERSON", "WORK_OF_ART") \
                and end - start > 1:
            label, changed = "LAW", True  # "Waqf (Amendment) Bill" tagged as a person or a title
        cut = next((t.i for t in doc[start:end - 1] if t.text in _POSSESSIVE and t.i > start + 1), None)
        if cut is not None and doc[cut + 1].is_title and label in ("ORG", "LAW") and _named_thing(doc[end - 1]):
            owned = "LAW" if doc[end - 1].lower_ in POLICY_NAME_HEADS else label
            out += [Span(doc, start, cut, label="ORG"), Span(doc, cut + 1, end, label=owned)]
            changed = True
        else:
            out.append(Span(doc, start, end, label=label))
        k += 1
    if changed:
        doc.ents = out


def _named_thing(last: Token) -> bool:
    """The last word of a policy's name ("Bill", "Act"), the only names these repairs touch."""
    return last.is_title and last.lower_ in POLICY_NAME_HEADS


def retag_described_organizations(doc: Doc) -> None:
    """"the advocacy group Freedom Watch", "the nonprofit Open Books": a name in apposition to an
    organization noun is an organization, whatever the recognizer called it."""
    found = []
    for ent in doc.ents:
        if ent.label_ not in ("PERSON", "GPE", "NORP", "WORK_OF_ART", "PRODUCT"):
            continue
        root = ent.root
        head = root.head
        if root.dep_ == "appos" and head.i < ent.start and head.pos_ == "NOUN" and head.lower_ in ORG_DESCRIPTIONS \
                and all(t.is_title or not t.is_alpha for t in ent):
            found.append(Span(doc, ent.start, ent.end, label="ORG"))
    if found:
        starts = {sp.start for sp in found}
        doc.ents = [e for e in doc.ents if e.start not in starts] + found


def retag_titled_affiliations(doc: Doc) -> None:
    """"ACT leader David Seymour", "Likud spokesman Jane Smith": proper nouns the recognizer left
    untagged before the title of a named person are that person's organization (a tagged one,
    even a person as in "Obama adviser Jane Smith", is left as it is). Fixed in `doc.ents`, so the
    titles and affiliations read later see it."""
    found, people = [], []
    for ent in doc.ents:
        inside = [t.i for t in ent[:-1] if is_title_word(t)]
        named = inside and all(t.is_title or t.text in ".-" for t in doc[inside[-1] + 1:ent.end])
        if ent.label_ != "PERSON" and not (named and ent.label_ == "ORG" and _person_after_title(doc, inside[-1], ent.end)):
            continue
        start = ent.start
        if named:
            start = inside[-1] + 1  # "Labour MPs Jane Smith" tagged whole: the name is "Jane Smith"
            people.append(Span(doc, start, ent.end, label="PERSON"))
        i = start - 1
        while i >= 0 and is_title_word(doc[i]) and doc[i].pos_ in ("NOUN", "PROPN", "ADJ"):
            i -= 1
        j = i
        while j >= 0 and i < start - 1 and _proper_modifier(doc[j], ent.start):
            j -= 1
        if j < i and not any(t.ent_type_ and t.i < ent.start for t in doc[j + 1:i + 1]):
            found.append(Span(doc, j + 1, i + 1, label="ORG"))  # (one the recognizer named stays as it is)
    if found or people:
        taken = {t for sp in found + people for t in range(sp.start, sp.end)}
        kept = [e for e in doc.ents if not any(t in taken for t in range(e.start, e.end))]
        doc.ents = sorted(kept + found + people, key=lambda e: e.start)


def _person_after_title(doc: Doc, title: int, end: int) -> bool:
    """"Sinn Fein TD Jane Smith" tagged as an organization: a person's role, then a name that is no
    body's ("Senate Finance Committee" is one)."""
    tail = doc[title + 1:end]
    return doc[title].lower_ in load_lexicon().role_heads and (
        tail[0].lower_ in FIRST_NAMES or len(tail) >= 2 and all(t.pos_ == "PROPN" for t in tail)
        and tail[-1].lower_ not in ORG_HEADS | PLACE_HEADS | POLICY_NAME_HEADS)


def _proper_modifier(tok: Token, name_start: int) -> bool:
    """A capitalized word modifying a title: a proper noun, or any capitalized word the recognizer put in the name."""
    return tok.dep_ == "compound" and (tok.is_title or tok.is_upper) and not is_title_word(tok) \
        and (tok.pos_ == "PROPN" or tok.i >= name_start) and tok.ent_type_ not in ("DATE", "TIME")


def _named_for(doc: Doc, ent) -> int:
    """The end of "<plural people> for <Capitalized Words>", an organization's name ("Parents for Safe
    Parks") of which the recognizer tagged only the first word; 0 when the ent is not followed so."""
    if ent.label_ not in ("NORP", "ORG") or not ent.text.endswith("s") or ent.end + 1 >= len(doc) \
            or doc[ent.end].lower_ != "for":
        return 0
    j = ent.end + 1
    while j < len(doc) and j - ent.end <= 5 and doc[j].is_title and doc[j].tag_ in ("NNP", "NNPS") \
            and not doc[j].is_sent_start:
        j += 1
    return j if j > ent.end + 1 else 0


def _in_place_list(doc: Doc, i: int) -> bool:
    """Is token i in a list after "states such as" / "countries including"?"""
    j = i - 1
    while j > 0 and i - j < 12 and (doc[j].ent_type_ or doc[j].text == "," or doc[j].lower_ in ("and", "or")):
        j -= 1
    if j >= 1 and doc[j].lower_ == "as" and doc[j - 1].lower_ == "such":
        return j >= 2 and doc[j - 2].lower_ in _PLACE_LIST_NOUNS
    return j >= 0 and doc[j].lower_ == "including" and j >= 1 and doc[j - 1].lower_ in _PLACE_LIST_NOUNS


def coordinated_policies(doc: Doc, start: int, end: int) -> list[tuple[int, int, str]]:
    """"the First and Fifth amendments": one name (and token span) per conjunct."""
    last = doc[end - 1]
    if end - start < 4 or not last.lower_.endswith("s") or last.lower_[:-1] not in POLICY_NAME_HEADS:
        return []
    parts = [t for t in doc[start:end - 1] if t.lower_ not in ("and", ",", "or", "the")]
    if not all(t.is_title or t.ent_type_ == "ORDINAL" or t.like_num for t in parts):
        return []
    if len(parts) < 2 or len(parts) != sum(1 for t in doc[start:end - 1] if t.lower_ in ("and", ",", "or")) + 1:
        return []
    head = last.text[:-1].title()
    return [(t.i, t.i + 1 if t is not parts[-1] else end, f"{t.text} {head}") for t in parts]


def _joined_place(doc: Doc, a: Span, b: Span) -> bool:
    """"Trinidad and Tobago Premier X": two places that together modify a title."""
    if b.label_ not in ("GPE", "LOC", "ORG") or b.start != a.end + 1 or doc[a.end].lower_ != "and":
        return False
    nxt = doc[b.end] if b.end < len(doc) else None
    return nxt is not None and nxt.lower_ in TITLE_WORDS and nxt.is_title and nxt.pos_ == "PROPN"


def _not_an_actor(doc: Doc, start: int, end: int, label: str) -> bool:
    text = doc[start:end].text
    if text.lower() in NOT_ENTITIES:
        return True
    if start > 0 and end < len(doc) and doc[start - 1].text == "[" and doc[end].text == "]":
        return True  # "[PDF]"
    if any(t.text in _QUOTE_MARKS for t in doc[start:end]):
        return True  # 'council of "legislating': a cut through a quotation
    if label == "Organization" and end < len(doc) and doc[end].lower_ in TITLE_WORDS and doc[end].is_title \
            and all(t.lower_ in TITLE_WORDS for t in doc[start:end]) and text.lower() not in _CHAMBERS:
        return True  # "Energy" in "Energy Secretary X": part of the title ("Senate" in "Senate President X" is not)
    if label == "Place" and (text[:2] in ("D-", "R-", "I-") or end - start == 1 and text.endswith(".")
                             and len(text) <= 6 and not acronym_form(text)):
        return True  # "D-Wash.", "Ga.": a lawmaker's party and state tag
    if label == "Person" and end - start == 1:
        tok = doc[start]
        head = tok.head
        if tok.dep_ in ("compound", "amod", "nmod") and head.pos_ == "NOUN" and head.lower_ not in TITLE_WORDS:
            return True  # "the Bruen decision": a case name, not an actor
    return False


def _person_by_position(doc: Doc, start: int, end: int) -> bool:
    """A multiword name in apposition to a title noun, or right after a strong title, is a person."""
    if end - start < 2 or not all(t.is_title or t.text == "-" for t in doc[start:end]):
        return False
    root = doc[start:end].root
    if root.dep_ == "appos" and root.head.lower_ in TITLE_WORDS and root.head.pos_ == "NOUN":
        return True
    return start > 0 and doc[start - 1].lower_ in STRONG_TITLES and doc[start - 1].pos_ == "PROPN" \
        and doc[start - 1].lower_ not in ("house", "senate", "state", "city", "county")


def _titled_inside(doc: Doc, start: int, end: int) -> int:
    """Where the name starts after a title inside an entity span ("U.S. Senator | Helen Brandt"), or 0."""
    for k in range(start, end - 2):
        rest = doc[k + 1:end]
        if doc[k].lower_ in STRONG_TITLES and all(t.is_title and t.lower_ not in TITLE_WORDS for t in rest):
            return k + 1
    return 0


def _dateline(doc: Doc, end: int) -> bool:
    """An all-capitals place at the start of the text, then "," or a dash: "SALEM, Ore. —", "LEEDS —"."""
    return end < len(doc) and doc[end].text in (",", "\u2014", "\u2013", "-", "--") and doc[0].is_upper \
        and doc[0].is_alpha


def _party_tagged(doc: Doc, end: int) -> bool:
    """"Bo Diaz, D-Calif.": a name followed by a party-state tag is a lawmaker."""
    return end + 2 < len(doc) and doc[end].text == "," and doc[end + 1].text in ("D", "R", "I") \
        and doc[end + 2].text == "-"


def _relabel(name: str, label: str) -> str:
    """Fix spaCy's label from the name's last word: "... Act" is a policy, "... Union" an organization."""
    last = name.split()[-1].lower().strip(".,")
    word = name.split()[-1]
    named_for = re.split(r" (?:for|of|on) ", name, maxsplit=1)[0].split()
    if label == "Organization" and len(named_for) < len(name.split()) and named_for[-1].lower() in ORG_HEADS:
        return label  # "Center for Public Interest Law", "Department of Justice": the body, not its subject
    if label != "Person" and last in POLICY_NAME_HEADS and word[:1].isupper() and not (word.isupper() and len(word) > 1):
        # ("ACT", the party, is an acronym, not an act)
        return "Policy"
    if label in ("Place", "Person") and last in ORG_HEADS and last not in PLACE_HEADS and len(name.split()) > 1:
        return "Organization"  # "Sustainability Network" tagged as a person
    if label == "Organization" and last in PLACE_HEADS and last not in ORG_HEADS:
        return "Place"
    if label == "Organization" and name.lower().startswith(("state of ", "city of ", "commonwealth of ")):
        return "Place"
    return label


def _split_coordination(doc: Doc, start: int, end: int) -> list[tuple[int, int]] | None:
    """"the Tenants Rights Alliance and Housing Justice Foundation": two organizations."""
    for i in range(start + 2, end - 2):
        if doc[i].lower_ == "and" and doc[i - 1].lower_ in ORG_HEADS and doc[end - 1].lower_ in ORG_HEADS:
            return [(start, i), trim(doc, i + 1, end)]
    return None


def _extend_of(doc: Doc, start: int, end: int) -> int:
    """"U.S. District Court" + "for the Northern District of Ohio": one name."""
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
