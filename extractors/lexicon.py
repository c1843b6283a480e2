"""The predicate lexicon: which words mean which ontology relation, loaded from lexicon.json.

The mapping is data (see LEXICON.md) so a reader can review and extend it without code;
this module only parses it into typed records and answers look-ups.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from newsgraph.graph.ontology import ACTOR_LABELS, LABELS, RELATIONS

LEXICON_PATH = Path(__file__).with_name("lexicon.json")
ACTORS = ACTOR_LABELS  # the labels that act: subjects of most claims


@dataclass(frozen=True)
class Sense:
    """One reading of a predicate: its relation and the conditions under which it holds."""

    type: str
    object_labels: tuple[str, ...] = ()  # empty: any label
    subject_labels: tuple[str, ...] = ()
    subject_from: str = ""  # "dobj": the direct object is the subject ("slap tariffs on X")
    object_from: str = ""  # a preposition whose object is the claim's object
    role: str = ""
    modifiers: tuple[tuple[str, str], ...] = ()  # adverb/adjective -> relation that overrides `type`
    also: tuple[tuple[str, tuple["Sense", ...]], ...] = ()  # a further object by preposition ("sue X over Y")
    reverse: bool = False  # the verb's object is the claim's subject ("the bill passed the Senate")

    def fits(self, subject_label: str, object_label: str) -> bool:
        """Whether the labels meet this sense's conditions."""
        return ((not self.object_labels or object_label in self.object_labels)
                and (not self.subject_labels or subject_label in self.subject_labels))

    def retyped(self, words: set[str]) -> str:
        """The relation after modifiers present in `words` ("backed financially" -> FUNDS)."""
        for word, rel in self.modifiers:
            if word in words:
                return rel
        return self.type


@dataclass(frozen=True)
class NounSense:
    """A noun that states a claim: prepositions introducing its object, and how its subject is found."""

    objects: dict[str, tuple[Sense, ...]]  # preposition -> senses
    agent: bool = False  # the noun names the subject ("a supporter of X")
    self_subject: bool = False  # the noun is itself the (Policy) subject ("a ban on X")
    event_object: str = ""  # relation when a receiving verb supplies the object ("drew criticism")
    modifiers: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Lexicon:
    verbs: dict[str, tuple[Sense, ...]]
    nouns: dict[str, NounSense]
    light_verbs: frozenset[str]
    receiving_verbs: frozenset[str]
    control_nouns: frozenset[str]
    author_preps: frozenset[str]
    subject_preps: frozenset[str]
    modifiers: dict[str, str]
    money_verbs: frozenset[str]
    money_receiving: frozenset[str]  # "accepted $5 million from X": the source funds the subject
    money_sources: frozenset[str]
    money_preps: dict[str, str]
    money_purpose: dict[str, tuple[str, ...]]
    complements: dict[str, dict[str, str]]
    advocacy_verbs: frozenset[str]
    advocacy_as: dict[str, str]
    speech_verbs: frozenset[str]
    about_preps: frozenset[str]
    naming_verbs: frozenset[str]
    roles: frozenset[str]
    role_heads: frozenset[str]
    affiliation_preps: frozenset[str]
    party_roles: frozenset[str]
    party_words: frozenset[str]
    negator_verbs: frozenset[str]
    refusal_verbs: frozenset[str]  # negators that state opposition ("refused to back": ONTOLOGY.md conventions)
    negator_nouns: frozenset[str]
    negator_preps: frozenset[str]
    modals: frozenset[str]
    hedge_verbs: frozenset[str]
    hedge_adjectives: frozenset[str]
    hedge_adverbs: frozenset[str]
    condition_marks: frozenset[str]
    list_openers: tuple[str, ...]
    inclusion_preps: frozenset[str]
    verb_heads: frozenset[str] = field(default=frozenset())  # first words of verb keys: a fast pre-check
    not_claims: tuple[str, ...] = ()  # fixed phrases that only look like claims ("as opposed to")
    preps_in_keys: frozenset[str] = field(default=frozenset())

    def verb(self, key: str) -> tuple[Sense, ...]:
        """The senses of a verb key ("oppose", "vote against", "push back on"), empty if unknown."""
        return self.verbs.get(key, ())


def _check(rel: str, where: str) -> str:
    if rel not in RELATIONS:
        raise ValueError(f"lexicon: {where}: not an ontology relation: {rel!r}")
    return rel


def _labels(values: list[str] | None, where: str) -> tuple[str, ...]:
    for v in values or ():
        if v not in LABELS:
            raise ValueError(f"lexicon: {where}: not an ontology label: {v!r}")
    return tuple(values or ())


def _sense(raw: str | dict, where: str, key: str = "") -> Sense:
    if isinstance(raw, str):
        return Sense(type=_check(raw, where))
    # A key "slap on" names its preposition; the entry may say which argument it feeds.
    return Sense(type=_check(raw["type"], where),
                 object_labels=_labels(raw.get("object_labels"), where),
                 subject_labels=_labels(raw.get("subject_labels"), where),
                 subject_from=raw.get("subject", ""), object_from=raw.get("object", ""),
                 role=raw.get("role", ""), reverse=bool(raw.get("reverse", False)),
                 modifiers=tuple((w, _check(r, where)) for w, r in raw.get("modifiers", {}).items()),
                 also=tuple((p, _senses(v, f"{where}.also.{p}")) for p, v in raw.get("also", {}).items()))


def _senses(raw: str | dict | list, where: str) -> tuple[Sense, ...]:
    items = raw if isinstance(raw, list) else [raw]
    return tuple(_sense(r, where) for r in items)


def parse_lexicon(data: dict) -> Lexicon:
    """Build a `Lexicon` from the JSON structure, checking every relation and label name."""
    verbs = {k.lower(): _senses(v, f"verbs[{k}]") for k, v in data["verbs"].items()}
    nouns = {}
    for k, v in data["nouns"].items():
        nouns[k.lower()] = NounSense(
            objects={p: _senses(s, f"nouns[{k}].{p}") for p, s in v.get("object", {}).items()},
            agent=bool(v.get("agent")), self_subject=bool(v.get("self_subject")),
            event_object=_check(v["event_object"], f"nouns[{k}]") if v.get("event_object") else "",
            modifiers=tuple((w, _check(r, f"nouns[{k}]")) for w, r in v.get("modifiers", {}).items()))
    money, speech, pol = data["money"], data["speech"], data["polarity"]
    preps = {w for k in verbs for w in k.split()[1:]}
    fs = frozenset
    return Lexicon(
        verbs=verbs, nouns=nouns,
        light_verbs=fs(data["light_verbs"]), receiving_verbs=fs(data["receiving_verbs"]),
        control_nouns=fs(data["control_nouns"]), author_preps=fs(data["author_preps"]),
        subject_preps=fs(data["subject_preps"]),
        modifiers={k: _check(v, f"modifiers[{k}]") for k, v in data["modifiers"].items()},
        money_verbs=fs(money["verbs"]), money_receiving=fs(money.get("receiving_verbs", ())),
        money_sources=fs(money.get("source_preps", ())),
        money_preps={k: _check(v, f"money.preps[{k}]") for k, v in money["preps"].items()},
        money_purpose={k: tuple(_check(r, "money.purpose") for r in v) for k, v in money["purpose"].items()},
        complements={k: {a: _check(b, f"complements[{k}]") for a, b in v.items()}
                     for k, v in data["complements"].items()},
        advocacy_verbs=fs(data["advocacy"]["verbs"]),
        advocacy_as={k: _check(v, "advocacy.as") for k, v in data["advocacy"]["as"].items()},
        speech_verbs=fs(speech["verbs"]), about_preps=fs(speech["about_preps"]),
        naming_verbs=fs(speech["naming_verbs"]),
        roles=fs(r.lower() for r in data["roles"]), role_heads=fs(r.lower() for r in data["role_heads"]),
        affiliation_preps=fs(data["affiliation_preps"]), party_roles=fs(data.get("party_roles", ())),
        party_words=fs(data.get("party_words", ())),
        negator_verbs=fs(pol["negator_verbs"]), refusal_verbs=fs(pol.get("refusal_verbs", ())),
        negator_nouns=fs(pol.get("negator_nouns", ())), negator_preps=fs(pol.get("negator_preps", ())),
        modals=fs(pol["modals"]), hedge_verbs=fs(pol["hedge_verbs"]),
        hedge_adjectives=fs(pol["hedge_adjectives"]), hedge_adverbs=fs(pol["hedge_adverbs"]),
        condition_marks=fs(pol["condition_marks"]),
        list_openers=tuple(data["members"]["list_openers"]), inclusion_preps=fs(data["members"]["inclusion_preps"]),
        verb_heads=fs(k.split()[0] for k in verbs),
        not_claims=tuple(p.lower() for p in data.get("not_claims", ())),
        preps_in_keys=fs(preps),
    )


@lru_cache(maxsize=1)
def load_lexicon(path: str | None = None) -> Lexicon:
    """The lexicon (read once per process) from `path` or the packaged lexicon.json."""
    with open(path or LEXICON_PATH, encoding="utf-8") as fh:
        return parse_lexicon(json.load(fh))
