"""Loose name matching: what a user types ("fair rent", "alvarez", "Alvárez", "Alvarz") to the actors
and policies the graph holds.

Tried in order, the first that finds something wins: an exact name key (case, alias, a person's
surname: the stores' own `keys`), then word prefixes ("fair rent" -> "Fair Rent Act", accents
folded), then small typos (rapidfuzz). The result is the stored keys of the nodes found, which every
store matches exactly, so the named queries themselves stay one `IN` on every store.
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Callable, Iterable, Mapping, Protocol, runtime_checkable

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from newsgraph.graph.names import fold, normalize

# Shorter input matches by prefix only: three letters are too few to guess a typo from.
MIN_FUZZY_CHARS = 4
# Typos allowed (Levenshtein edits): one in a short name ("nunes"), two from this length on
# ("fair rnet act"): a slip of the keyboard, not a different name.
TWO_TYPOS_FROM = 8
CLOSEST = 3
MIN_CLOSEST = 30  # rapidfuzz ratio: below this a name is not "close", whatever else there is


@dataclass(frozen=True)
class Named:
    """A node as matching sees it: its display name and the keys the stores match on."""

    name: str
    keys: tuple[str, ...]
    folded: tuple[str, ...] = ()  # fold() of each key, when the store keeps them; else computed

    def folded_keys(self) -> tuple[str, ...]:
        return self.folded or tuple(fold(k) for k in self.keys)


@runtime_checkable
class NameIndex(Protocol):
    """Where matching looks names up: a store answers each step from its indexes."""

    def exact(self, key: str) -> list[Named]:
        """The nodes with this key."""
        ...

    def prefixed(self, word: str) -> list[Named]:
        """At least every node with a folded key that has a word starting with `word`."""
        ...

    def everything(self) -> Iterable[Named]:
        """Every node (small typos and the closest names compare with all of them)."""
        ...


class NameList:
    """A NameIndex over a list of nodes, read whole (the in-memory graph, Neo4j)."""

    def __init__(self, nodes: Iterable[Named]) -> None:
        self.nodes = list(nodes)

    def exact(self, key: str) -> list[Named]:
        return [n for n in self.nodes if key in n.keys]

    def prefixed(self, word: str) -> list[Named]:
        return self.nodes

    def everything(self) -> Iterable[Named]:
        return self.nodes


@dataclass
class Match:
    """What a user's text names: the keys to query with (empty: nothing), how, and near misses."""

    text: str
    keys: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    how: str = ""  # "exact", "prefix", "typo" or "" (nothing)
    closest: list[str] = field(default_factory=list)


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


def _is_typo(typed: str, key: str) -> bool:
    """`typed` is `key`, or its first words ("fair rnet" ~ "fair rent act"), but for a typo or two."""
    edits = 1 if len(typed) < TWO_TYPOS_FROM else 2
    head = " ".join(key.split()[: len(typed.split())])
    return any(Levenshtein.distance(typed, k, score_cutoff=edits) <= edits for k in {key, head})


def match_name(text: str, candidates: Iterable[Named] | NameIndex) -> Match:
    """The nodes `text` names among `candidates` (see the module docstring for the order)."""
    index = candidates if isinstance(candidates, NameIndex) else NameList(candidates)
    m = Match(text)
    key = normalize(text)
    if not key:
        return m
    exact = index.exact(key)
    if exact:
        m.keys, m.how = [key], "exact"
        m.names = sorted({n.name for n in exact})
        return m
    typed = fold(text)
    words = typed.split()
    found = [n for n in index.prefixed(words[0]) if any(_prefix_match(words, k) for k in n.folded_keys())] \
        if len(typed) >= 2 else []
    how = "prefix"
    nodes: list[Named] | None = None
    if not found and len(typed) >= MIN_FUZZY_CHARS:
        nodes = list(index.everything())
        found = [n for n in nodes if any(_is_typo(typed, k) for k in n.folded_keys())]
        how = "typo"
    if found:
        # normalize(name) is always one of a node's keys, so each found node is matched exactly.
        m.keys = sorted({normalize(n.name) for n in found})
        m.names = sorted({n.name for n in found})
        m.how = how
        return m
    m.closest = closest_names(typed, list(index.everything()) if nodes is None else nodes)
    return m


def closest_names(typed: str, nodes: list[Named], limit: int = CLOSEST) -> list[str]:
    """The names most like `typed` (by their best key: name, alias or surname), for a "did you mean" line."""
    best: dict[str, float] = {}
    for n in nodes:
        # fold(name) is one of the folded keys, unless the name folds to nothing
        score = max((fuzz.ratio(typed, k) for k in (*n.folded_keys(), fold(n.name))), default=0.0)
        best[n.name] = max(best.get(n.name, 0.0), score)
    ranked = sorted(best, key=lambda name: (-best[name], name))
    return [name for name in ranked[:limit] if best[name] >= MIN_CLOSEST]


def argument_sets(bound: Mapping[str, str | None], given: Mapping[str, str],
                  names: Callable[[], Iterable[Named] | NameIndex], best_only: bool = False
                  ) -> tuple[list[dict[str, str | None]], list[Match]]:
    """The argument sets to run a query with, one per combination of the keys each given name matches
    (only each name's best key with `best_only`), and the matches; no set when a name matches nothing.
    The store's names are read only when a name is given."""
    if not given:
        return [dict(bound)], []
    nodes = names()
    matches = {a: match_name(v, nodes) for a, v in given.items()}
    found = list(matches.values())
    if any(not m.keys for m in found):
        return [], found
    keys = [m.keys[:1] if best_only else m.keys for m in found]
    return [{**bound, **dict(zip(matches, combo))} for combo in itertools.product(*keys)], found
