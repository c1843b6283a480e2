"""The entity finder's word lists (extractors/entity_words.json), loaded once as frozen sets."""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from types import MappingProxyType
from typing import Any


@lru_cache(maxsize=1)
def _raw() -> dict[str, Any]:
    text = resources.files("newsgraph.extractors").joinpath("entity_words.json").read_text(encoding="utf-8")
    return json.loads(text)


def words(name: str) -> frozenset[str]:
    """A list of the JSON file as a set of lowercase words."""
    return frozenset(w.lower() for w in _raw()[name])


def table(name: str) -> MappingProxyType:
    """A mapping of the JSON file (word -> value), read-only; list values become frozensets."""
    raw = _raw()[name]
    return MappingProxyType({k: (frozenset(v) if isinstance(v, list) else v) for k, v in raw.items()})
