"""Loose name matching: what a user types ("fair rent", "alvarez", "Alvárez", "Alvarz") to the actors
and policies the graph holds.

Tried in order, the first that finds something wins: an exact name key (case, alias, a person's
surname: the stores' own `keys`), then word prefixes ("fair rent" -> "Fair Rent Act", accents
folded), then small typos (rapidfuzz). The result is the stored keys of the nodes found, which every
store matches exactly, so the named queries themselves stay one `IN` on every store.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Iterable

from rapidfuzz import fuzz, process

from newsgraph.graph import normalize

# A typo'd name must be this similar (rapidfuzz ratio, 0-100) to a stored one: one or two wrong
# letters in a name of eight or more ("alvarex", "fair rnet act"), not a different name.
MIN_SIMILARITY = 84
# Shorter input matches by prefix only: three letters are too few to guess a typo from.
MIN_FUZZY_CHARS = 4
CLOSEST = 3


@dataclass(frozen=True)
class Named:
    """A node as matching sees it: its display name and the keys the stores match on."""

    name: str
    keys: tuple[str, ...]


@dataclass
class Match:
    """What a user's text names: the keys to query with (empty: nothing), how, and near misses."""

    text: str
    keys: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    how: str = ""  # "exact", "prefix", "typo" or "" (nothing)
    closest: list[str] = field(default_factory=list)


def fold(text: str) -> str:
    """A key without accents: "Alvárez" and "Alvarez" type the same."""
    decomposed = unicodedata.normalize("NFKD", normalize(text))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _prefix_match(words: list[str], key: str) -> bool:
    """Every typed word starts a word of `key`, in order ("fair rent" in "fair rent act")."""
    kwords = key.split()
    i = 0
    for w in words:
        while i < len(kwords) and not kwords[i].startswith(w):
            i += 1
        if i == len(kwords):
            return False
        i += 1
    return True


def _typo_score(typed: str, key: str) -> float:
    """How close `typed` is to `key` or to the same number of its first words ("fair rnet" ~ "fair rent act")."""
    head = " ".join(key.split()[: len(typed.split())])
    return max(fuzz.ratio(typed, key), fuzz.ratio(typed, head))


def match_name(text: str, candidates: Iterable[Named]) -> Match:
    """The nodes `text` names among `candidates` (see the module docstring for the order)."""
    nodes = list(candidates)
    m = Match(text)
    key = normalize(text)
    if not key:
        return m
    if any(key in n.keys for n in nodes):
        m.keys, m.how = [key], "exact"
        m.names = sorted({n.name for n in nodes if key in n.keys})
        return m
    typed = fold(text)
    folded = [(n, [fold(k) for k in n.keys]) for n in nodes]
    found = [n for n, ks in folded if any(_prefix_match(typed.split(), k) for k in ks)] if len(typed) >= 2 else []
    how = "prefix"
    if not found and len(typed) >= MIN_FUZZY_CHARS:
        found = [n for n, ks in folded if max((_typo_score(typed, k) for k in ks), default=0) >= MIN_SIMILARITY]
        how = "typo"
    if found:
        # normalize(name) is always one of a node's keys, so each found node is matched exactly.
        m.keys = sorted({normalize(n.name) for n in found})
        m.names = sorted({n.name for n in found})
        m.how = how
        return m
    m.closest = closest_names(typed, nodes)
    return m


def closest_names(typed: str, nodes: list[Named], limit: int = CLOSEST) -> list[str]:
    """The names most like `typed`, best first, for a "did you mean" line."""
    names = sorted({n.name for n in nodes})
    found = process.extract(typed, names, scorer=fuzz.WRatio, processor=fold, limit=limit)
    return [name for name, score, _ in found if score >= 30]
