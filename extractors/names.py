"""Names as the text writes them: trimming a span to its name, titles before a person, name keys.

A name span loses a leading article, a trailing possessive and stray punctuation; a
person's titles ("Baltimore District Attorney", "Sen.", "spokeswoman") are not part
of the name but are kept (as an alias and as a role) because the relation finder needs them.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from newsgraph.graph.names import normalize

from .entity_words import table, words

TITLE_WORDS = words("title_words")
TITLE_CONNECTORS = words("title_connectors")
FEMALE_TITLES = words("female_titles")
MALE_TITLES = words("male_titles")
NAME_SUFFIXES = words("name_suffixes")
PARTY_ADJECTIVES = words("party_adjectives")
ABBREVIATIONS = table("abbreviations")
_LEAD_DROP = frozenset({"the", "a", "an"})
_POSSESSIVE = frozenset({"'s", "\u2019s", "'", "\u2019"})
_EDGE_PUNCT = frozenset('"\'\u201c\u201d\u2018\u2019()[]{},;:-\u2014\u2013')
_AFFILIATION_ENTS = frozenset({"ORG", "GPE", "NORP", "LOC", "FAC"})


def is_title_word(tok: Token) -> bool:
    """A word of a person's title, plurals included ("MPs Jane Smith and John Doe")."""
    low = tok.lower_
    return low in TITLE_WORDS or len(low) > 2 and low.endswith("s") and low[:-1] in TITLE_WORDS \
        and tok.pos_ in ("NOUN", "PROPN")


def trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Narrow [start, end) to the name: no leading article, trailing possessive or edge punctuation."""
    while start < end and (doc[start].lower_ in _LEAD_DROP or doc[start].text in _EDGE_PUNCT):
        start += 1
    while end > start and (doc[end - 1].text in _POSSESSIVE or doc[end - 1].text in _EDGE_PUNCT):
        end -= 1
    return start, end


def span_text(doc: Doc, start: int, end: int) -> str:
    """The text of tokens [start, end), spacing as written, possessive 's cut from the last word."""
    if end <= start:
        return ""
    text = doc[start:end].text  # (Doc.text would join the whole article on every call)
    for suffix in ("'s", "\u2019s"):
        if text.endswith(suffix) and len(text) > 2:
            text = text[: -len(suffix)]
    return text.strip()


def name_key(name: str, label: str = "") -> str:
    """The matching key of a name inside one article: normalized, abbreviations spelled out."""
    key = normalize(name.replace("\u2019", "'"))
    parts = [ABBREVIATIONS.get(w, w) for w in key.split()]
    # "Prop. 47" normalizes to "prop 47": spell the abbreviation out so it meets "Proposition 47"
    if label == "Place":
        if parts[:2] == ["state", "of"] and len(parts) > 2:
            parts = parts[2:]
        elif len(parts) > 1 and parts[-1] == "state":
            parts = parts[:-1]
    return " ".join(parts)


def person_parts(name: str) -> tuple[str, str]:
    """(first, last) name words of a person's name, lowercased, suffixes like "Jr." ignored."""
    ws = [w for w in name.split() if w.lower() not in NAME_SUFFIXES]
    if not ws:
        return "", ""
    return normalize(ws[0]), normalize(ws[-1])


def party_before_title(doc: Doc, i: int) -> bool:
    """"Conservative" in "Conservative Leader X", "Democratic" in "Democratic Sen. X": a party."""
    tok = doc[i]
    if tok.lower_ not in PARTY_ADJECTIVES or not tok.is_title or i + 1 >= len(doc):
        return False
    nxt = doc[i + 1]
    return nxt.lower_ in TITLE_WORDS and nxt.pos_ in ("PROPN", "NOUN") and nxt.lower_ not in PARTY_ADJECTIVES \
        and nxt.lower_ not in ("party", "parties", "house", "senate", "state", "city", "county")


@dataclass
class TitleSpan:
    """Titles written before a person's name: tokens [start, end) and what they say."""

    start: int
    end: int
    role: str  # the title words without the affiliation ("District Attorney")
    affiliations: list[tuple[int, int]]  # spans of named organizations/places inside the title
    gender: str  # "f", "m" or ""


def title_before(doc: Doc, start: int) -> TitleSpan | None:
    """The title words right before a person's name at `start` ("State Department spokeswoman")."""
    i = start - 1
    first = start
    while i >= 0:
        tok = doc[i]
        low = tok.lower_
        if tok.ent_type_ in _AFFILIATION_ENTS and tok.ent_type_ and not tok.is_punct or party_before_title(doc, i):
            first = i  # "Baltimore" in "Baltimore District Attorney", "Conservative" in "Conservative Leader"
        elif is_title_word(tok) and not tok.is_punct and tok.pos_ in ("PROPN", "NOUN", "ADJ", "ADV"):
            first = i
        elif tok.text == "." and i > 0 and doc[i - 1].lower_ + "." in TITLE_WORDS and first == i + 1:
            first = i - 1  # "Reps" "." split by the tokenizer
            i -= 1
        elif low in TITLE_CONNECTORS and i - 1 >= 0 and first == i + 1 and i + 1 < start and (
                doc[i - 1].lower_ in TITLE_WORDS or doc[i - 1].ent_type_ in _AFFILIATION_ENTS and low == "and"):
            first = i
        else:
            break
        i -= 1
    while first < start and (doc[first].lower_ in TITLE_CONNECTORS or doc[first].lower_ in _LEAD_DROP):
        first += 1
    if first >= start:
        return None
    roles, affs, gender = [], [], ""
    j = first
    while j < start:
        tok = doc[j]
        if party_before_title(doc, j):
            affs.append((j, j + 1))
            j += 1
            continue
        if tok.ent_type_ in _AFFILIATION_ENTS and tok.ent_iob_ == "B":
            k = j + 1
            while k < start and doc[k].ent_iob_ == "I":
                k += 1
            if tok.ent_type_ != "NORP":
                affs.append((j, k))
            j = k
            continue
        if is_title_word(tok) and tok.ent_type_ not in _AFFILIATION_ENTS:
            roles.append(tok.text + ("." if j + 1 < start and doc[j + 1].text == "." else ""))
            gender = gender or ("f" if tok.lower_ in FEMALE_TITLES else "m" if tok.lower_ in MALE_TITLES else "")
        j += 1
    if not roles and not affs:
        return None
    return TitleSpan(first, start, " ".join(roles), affs, gender)
