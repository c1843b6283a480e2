"""One entity per actor within an article: the rules that decide two names are the same.

Names arrive in text order. A name joins an earlier entity when it has the same key, is a
person's surname or first name, is an acronym of it (or it of the acronym), is the same
organization without a place prefix ("Senate" after "U.S. Senate"), or is a party's members
("Conservatives" after "Conservative Party"). The fullest proper name becomes the canonical one.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from newsgraph.graph import Entity
from newsgraph.graph.names import normalize as _normalize

from .acronyms import acronym_form, initials
from .names import name_key, person_parts
from .policies import compatible

SHORT_FORM_LABELS = frozenset({"Organization", "Policy"})  # labels whose names shorten to their head
FUNCTION_WORDS = frozenset({"of", "the", "and", "for", "on", "in", "de", "&"})

normalize = lru_cache(maxsize=8192)(_normalize)  # the same few names come back many times


@dataclass
class EntityInfo:
    """What the finder knows about an entity beyond its record."""

    entity: Entity
    keys: set[str] = field(default_factory=set)
    votes: Counter = field(default_factory=Counter)
    gender: str = ""
    roles: list[str] = field(default_factory=list)  # title words seen with a person, lowercase
    heads: set[str] = field(default_factory=set)  # head nouns: "bill", "committee", "government"
    last_seen: int = -1
    alias_keys: set[str] = field(default_factory=set)  # normalized aliases, to keep them distinct
    parts: tuple[str, str] = ("", "")  # a person's (first, last) name words
    sig: tuple | None = None  # a phrase's shape: ("group", head, modifiers, marked) or ("policy", head, topic)


class Registry:
    """The entities of one article and the keys they are known by."""

    def __init__(self) -> None:
        self.infos: list[EntityInfo] = []
        self._by_key: dict[str, EntityInfo] = {}
        self._by_id: dict[int, EntityInfo] = {}

    def info(self, entity: Entity) -> EntityInfo:
        return self._by_id[id(entity)]

    def add(self, name: str, label: str, weight: int = 1, alt_keys: tuple[str, ...] = (),
            sig: tuple | None = None) -> Entity:
        """The entity `name` refers to, created if new; records the surface form and a label vote."""
        key = name_key(name, label)
        if not key:
            raise ValueError("empty name")
        info = self._find(name, key, label)
        if info is None:
            info = next((self._by_key[k] for k in alt_keys if k in self._by_key), None)
        if info is None and sig is not None:
            info = next((i for i in reversed(self.infos) if i.sig and _same_phrase(i.sig, sig)), None)
        if info is None:
            info = EntityInfo(Entity(name=name, label=label), sig=sig, parts=person_parts(name))
            self.infos.append(info)
            self._by_id[id(info.entity)] = info
        else:
            self._alias(info, name, label)
            if "Person" in info.votes and len(key.split()) == 1:
                label = "Person"  # a bare surname the recognizer calls ORG or GPE is still the person
        info.votes[label] += weight
        self._key(info, key)
        for k in alt_keys:
            if k and k not in self._by_key:
                self._by_key[k] = info
        return info.entity

    def lookup(self, name: str, label: str = "") -> Entity | None:
        info = self._find(name, name_key(name, label), label)
        return info.entity if info else None

    def add_alias(self, entity: Entity, alias: str) -> None:
        alias = alias.strip()
        if not alias or alias == entity.name or alias in entity.aliases:
            return
        info = self._by_id[id(entity)]
        key = normalize(alias)
        if key and key != normalize(entity.name) and key not in info.alias_keys:
            info.alias_keys.add(key)
            entity.aliases.append(alias)

    def merge(self, keep: Entity, drop: Entity) -> None:
        """Fold `drop` into `keep` (found to be one actor late, e.g. by apposition); callers repoint mentions."""
        if keep is drop:
            return
        k, d = self.info(keep), self.info(drop)
        self.add_alias(keep, drop.name)
        for a in drop.aliases:
            self.add_alias(keep, a)
        k.votes.update(d.votes)
        k.heads |= d.heads
        k.keys |= d.keys
        k.last_seen = max(k.last_seen, d.last_seen)
        for key, info in list(self._by_key.items()):
            if info is d:
                self._by_key[key] = k
        self.infos.remove(d)

    def finalize(self) -> list[Entity]:
        """Settle labels by vote and return the entities in order of first mention."""
        for info in self.infos:
            if info.votes:
                best = max(info.votes.values())
                for label, n in info.votes.items():  # first-voted label wins a tie (Counter keeps order)
                    if n == best:
                        info.entity.label = label
                        break
        return [i.entity for i in self.infos]

    # -- matching rules -------------------------------------------------------------------

    def _find(self, name: str, key: str, label: str) -> EntityInfo | None:
        hit = self._by_key.get(key)
        if hit is not None:
            return hit
        words = key.split()
        acr = acronym_form(name.strip())
        if acr and len(words) == 1 or acr and "." in name:
            hit = self._by_key.get("acr:" + acr)
            if hit is not None:
                return hit
        if label == "Person" or len(words) == 1:
            hit = self._person(name, words, label)
            if hit is not None:
                return hit
        if len(words) == 1 and label in SHORT_FORM_LABELS and name.strip()[:1].isupper():
            hit = self._short_form(words[0])
            if hit is not None:
                return hit
        if len(words) > 1:
            for a in initials(name):
                hit = self._by_key.get(a.lower())
                if hit is not None and hit.entity.label != "Person":
                    return hit
        if label == "Group" and words and words[-1].endswith("s"):
            hit = self._by_key.get(words[-1][:-1] + " party") if len(words) == 1 else None
            if hit is not None:
                return hit  # "Conservatives" after "Conservative Party"
        return None

    def _short_form(self, word: str) -> EntityInfo | None:
        """"the Commission" after "the Electoral Commission": a capitalized head alone names the latest
        organization or policy whose name ends in it."""
        for info in sorted(self.infos, key=lambda i: -i.last_seen):
            ws = normalize(info.entity.name).split()
            if len(ws) > 1 and ws[-1] == word and info.entity.label in SHORT_FORM_LABELS and _proper(info.entity.name):
                return info
        return None

    def _person(self, name: str, words: list[str], label: str) -> EntityInfo | None:
        if len(words) == 1:
            w = words[0]
            cands = sorted((i for i in self.infos if "Person" in i.votes and " " in i.entity.name),
                           key=lambda i: -i.last_seen)
            for info in cands:
                if w == info.parts[1]:
                    return info
            for info in cands if label == "Person" else ():  # a first name only for a person ("Paris")
                if w == info.parts[0]:
                    return info
            return None
        if label != "Person":
            return None
        first, last = person_parts(name)
        for info in self.infos:  # an earlier bare surname ("Okafor") meets the full name ("Tom Okafor")
            ws = normalize(info.entity.name).split()
            if len(ws) == 1 and ws[0] == last and info.entity.label in ("Person", "Organization", "Place", "Group"):
                if info.entity.label == "Person" or "Person" in info.votes or info.votes.total() <= 1:
                    return info
        for info in self.infos:  # "Ellis Jr." after "Martin Ellis Jr.": a shorter form, same ending
            ws = normalize(info.entity.name).split()
            if info.entity.label == "Person" and len(ws) > len(words) and ws[-len(words):] == words:
                return info
        return None

    def _alias(self, info: EntityInfo, name: str, label: str) -> None:
        """Record a new surface form; the fuller one becomes the name ("Okafor" -> "Tom Okafor")."""
        ent = info.entity
        old, new = normalize(ent.name).split(), normalize(name).split()
        fuller = len(new) > len(old) and (new[-len(old):] == old or label == "Person" and new[-1] == old[-1]
                                          or bool(acronym_form(ent.name)))
        if fuller:
            old_name = ent.name
            ent.name = name
            info.parts = person_parts(name)
            if name in ent.aliases:
                ent.aliases.remove(name)
            self.add_alias(ent, old_name)
        else:
            self.add_alias(ent, name)

    def _key(self, info: EntityInfo, key: str) -> None:
        info.keys.add(key)
        self._by_key.setdefault(key, info)
        acr = acronym_form(info.entity.name) if len(key.split()) <= 2 else ""
        if acr:
            self._by_key.setdefault("acr:" + acr, info)
        for a in initials(info.entity.name) if len(key.split()) > 1 else ():
            self._by_key.setdefault("acr:" + a, info)


def _proper(name: str) -> bool:
    """A proper name ("Electoral Commission", "House of Lords"), not a description ("legislation that could ban X")."""
    return all(w[:1].isupper() or not w[:1].isalpha() or w in FUNCTION_WORDS for w in name.split())


def _same_phrase(a: tuple, b: tuple) -> bool:
    """Two noun phrases that name one group or policy ("Republican lawmakers" in "Republican state lawmakers")."""
    if a[0] != b[0]:
        return False
    if a[0] == "group":
        return a[1] == b[1] and a[3] == b[3] and (a[2] <= b[2] or b[2] <= a[2])
    if a[0] == "policy":
        return bool(a[2]) and a[2] == b[2] and (a[1] == b[1] or compatible(a[1], b[1]) or compatible(b[1], a[1]))
    return False
