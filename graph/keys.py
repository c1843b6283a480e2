"""The two kinds of keys a node is found by, each computed here and nowhere else.

- **Resolution keys** are what entity resolution looks an article's entity up by, to decide which
  stored node it is: its name and its proper aliases, normalized, and for a multi-word person a
  surname key in its own namespace (`surname:krasner`) that only `resolve` reads. Descriptions ("the
  agency") are never resolution keys: they mean different things in different articles. Stores index
  them per label (`NewsGraph`, the embedded store's `name_keys` table).
- **Lookup keys** (`Node.keys`) are what a user may type to name a node in a query: its name, every
  alias and a person's bare surname, normalized. Stores keep them (Neo4j as property `keys` and
  `(:Name {key})` nodes), so loose matching is one `IN` on every store.
"""
from __future__ import annotations

from typing import Iterable

from .names import is_proper, normalize

SURNAME = "surname:"  # resolution key namespace: a multi-word Person's last name


def resolution_keys(label: str, name: str, aliases: Iterable[str] = ()) -> list[str]:
    """The resolution keys of an entity named `name` with `aliases`: its name and proper aliases.

    A multi-word person also gets a surname key, so that a later "Krasner" finds "Larry Krasner".
    Used for an article's entity, and for a stored node a store kept no resolution keys for.
    """
    keys = [normalize(name)]
    for alias in aliases:
        k = normalize(alias)
        if k and is_proper(alias) and k not in keys:
            keys.append(k)
    if label == "Person":
        words = normalize(name).split()
        if len(words) > 1:
            keys.append(SURNAME + words[-1])
    return [k for k in keys if k]


def indexed_resolution_keys(name: str, keys: Iterable[str]) -> list[str]:
    """What a store indexes a merged node by: the key of its (merged) name, then the resolution keys
    its extractions gave, each once."""
    return list(dict.fromkeys([normalize(name), *keys]))


def possible_resolution_keys(label: str, name: str, aliases: Iterable[str]) -> list[str]:
    """Every resolution key a node of this name and aliases can have been indexed by (a superset:
    each is the normalized form of its name or an alias, or a person's surname key)."""
    probes: list[str] = []
    for surface in [name, *aliases]:
        key = normalize(surface)
        probes.append(key)
        if label == "Person" and len(key.split()) > 1:
            probes.append(SURNAME + key.split()[-1])
    return [k for k in dict.fromkeys(probes) if k]


def lookup_keys(label: str, name: str, aliases: Iterable[str]) -> list[str]:
    """The lookup keys of a node: the normalized forms a user may type to name it (name, every alias,
    a person's surname), sorted."""
    keys = [normalize(name), *(normalize(a) for a in aliases)]
    if label == "Person" and len(keys[0].split()) > 1:
        keys.append(keys[0].split()[-1])
    return sorted({k for k in keys if k})
