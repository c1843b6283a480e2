"""Finding the entities of an article: named entities fixed up, policies, groups, then coreference.

Candidates come from one pass over `doc.ents` (ner_fixes.py) and one over the tokens
(phrases.py); they claim tokens by priority (numbered or quoted policy names and "X
administration" first, then names, then noun phrases, which only need their head free), are
merged into one entity per actor in text order (registry.py), and finally pronouns and
descriptions are resolved (coref.py).
"""
from __future__ import annotations

from spacy.tokens import Doc

from newsgraph.graph import Entity

from .acronyms import acronym_form
from .candidates import PHRASE, Candidate
from .coref import resolve_references
from .entity_words import words
from .lemmas import repair_lemmas
from .lexicon import load_lexicon
from .mentions import EntityTable, Mention, Title
from .names import name_key, span_text, title_before
from .ner_fixes import ent_candidates
from .phrases import token_candidates
from .policies import DESCRIPTIONS
from .registry import Registry
from .slots import slot_entities

LOCATION_PREFIXES = words("location_prefixes")


def find_entities(doc: Doc) -> EntityTable:
    """Build the article's entity table from the parse."""
    repair_lemmas(doc, load_lexicon())  # every later reading of `lemma_` sees the repaired ones
    table = EntityTable(doc)
    reg = Registry()
    places = {e.text for e in doc.ents if e.label_ in ("GPE", "NORP", "LOC")}
    cands = list(ent_candidates(doc)) + list(token_candidates(doc))
    for c in _claim(cands, len(doc)):
        _register(c, doc, table, reg, places)
    resolve_references(doc, table, reg)
    slot_entities(doc, table, reg)
    table.entities = reg.finalize()
    return table


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
        elif c.kind in ("collective", "clause"):  # "a coalition of X and Y", "a bill to tax Z": no inner phrases
            for i in range(c.start, c.end):
                taken[i] = True
        else:
            taken[c.head] = True
        kept.append(c)
    kept.sort(key=lambda c: (c.start, c.priority))
    return kept


def _register(c: Candidate, doc: Doc, table: EntityTable, reg: Registry, places: set[str]) -> None:
    if not name_key(c.name, c.label):
        return
    ent = _antecedent_policy(c, reg) if c.kind in ("definite", "demonstrative") else None
    if ent is not None:  # "the road charge" after "the national congestion tax"
        reg.add_alias(ent, c.name)
        reg.info(ent).last_seen = c.start
        table.add_mention(Mention(c.start, c.end, ent, "description"))
        return
    if c.kind in ("definite", "demonstrative"):
        c.kind = "name"
    ent = reg.add(c.name, c.label, c.weight, _alt_keys(c, doc, places), c.sig)
    info = reg.info(ent)
    info.last_seen = c.start
    info.heads.update(c.heads)
    for a in c.aliases:
        reg.add_alias(ent, a)
    if ent.label == "Person" or c.label == "Person":
        _titles(c, doc, table, reg, ent)
    table.add_mention(Mention(c.start, c.end, ent, "name" if c.kind in ("collective", "clause") else c.kind))
    for s, e in c.extra:
        table.add_mention(Mention(s, e, ent, "acronym"))


def _antecedent_policy(c: Candidate, reg: Registry) -> Entity | None:
    """The most recent policy a definite policy phrase may describe: a head it explicitly fits
    ("levy" fits "price"); a demonstrative may take any policy ("these restrictions")."""
    if reg.lookup(c.name, "Policy") is not None:
        return None  # seen under this very name: the ordinary merge applies
    head = c.heads[0]
    allowed = DESCRIPTIONS.get(head, frozenset({head}))
    policies = sorted((i for i in reg.infos if i.entity.label == "Policy"), key=lambda i: -i.last_seen)
    for fits in ({head}, allowed - {"*"}):  # the same head first ("the June 30 increase" -> an increase)
        for info in policies:
            if info.heads & fits:
                return info.entity
    if c.kind == "demonstrative" and "*" in allowed and policies:
        return policies[0].entity
    return None


def _alt_keys(c: Candidate, doc: Doc, places: set[str]) -> tuple[str, ...]:
    """"Senate" for "U.S. Senate": an organization's name without its place prefix; a place's short form."""
    if c.label == "Place" and " of " in c.name and len(c.name.split(" of ")[0].split()) > 1:
        return (name_key(c.name.split(" of ")[0], "Place"),)  # "Republic of Korea" style: "Kingdom of Spain" -> "Kingdom"
    if c.label == "Organization" and c.name.endswith(" Party"):
        return (name_key(c.name[:-len(" Party")], "Organization"),)  # "Labour" is the Labour Party
    if c.label != "Organization" or c.end - c.start < 2:
        return ()
    head, of, _ = c.name.partition(" of ")
    if of and len(head.split()) > 1 and head.split()[-1].lower() in ("party", "union", "council"):
        return (name_key(head, "Organization"),)  # "Labour Party of Norway" is the Labour Party
    first = doc[c.start]
    rest = span_text(doc, c.start + 1, c.end)
    located = (acronym_form(first.text) or first.lower_ in LOCATION_PREFIXES or first.text in places
               or first.is_title and first.lower_.endswith("an"))
    return (name_key(rest, "Organization"),) if located and rest else ()


def _titles(c: Candidate, doc: Doc, table: EntityTable, reg: Registry, ent: Entity) -> None:
    t = title_before(doc, c.start)
    if t is None:
        _shared_title(c, doc, table, reg, ent)
        return
    info = reg.info(ent)
    reg.add_alias(ent, doc[t.start:c.end].text)
    if t.role:
        info.roles.append(t.role.lower())
    if t.gender and not info.gender:
        info.gender = t.gender
    table.titles.append(Title(t.start, t.end, t.role, ent, t.affiliations))


def _shared_title(c: Candidate, doc: Doc, table: EntityTable, reg: Registry, ent: Entity) -> None:
    """"Councilwomen A and B", "Reps. A, B and C": a plural title is every listed person's."""
    root = doc[c.start:c.end].root
    first = root
    while first.dep_ == "conj" and first.head.i < first.i:
        first = first.head
    if first is root:
        return
    m = table.mention_at(first.i)
    title = next((t for t in reversed(table.titles) if m is not None and t.entity is m.entity), None)
    if title is None or not title.role.lower().rstrip(".").endswith(("s", "men")):
        return
    info, other = reg.info(ent), reg.info(title.entity)
    reg.add_alias(ent, f"{doc[title.start:title.end].text} {c.name}")
    info.roles.append(title.role.lower())
    info.gender = info.gender or other.gender
    table.titles.append(Title(title.start, title.end, title.role, ent, title.affiliations))
