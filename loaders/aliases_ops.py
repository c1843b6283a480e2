"""`newsgraph alias merge|split|list` on the embedded store and its aliases file.

Each change is checked first (unknown or ambiguous names, a merge of an actor with itself, a split
of a name never merged: one-line AliasErrors, nothing changed), then the aliases file is written
and the store rewritten in one transaction (the file is put back if that fails). A merge folds
one node into the other at once; a split re-reads the store's articles (`reextract`: extraction
with the store's own extractor) and rebuilds its graph under the rules, since only the articles
say which mentions were which.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from newsgraph.graph import Article, Extraction, NewsGraph, Node, entity_id, normalize
from newsgraph.graph.aliases import AliasRules, Merge, merge_nodes
from newsgraph.graph.errors import AliasError

from .aliases_file import read_rules, write_rules
from .store import Store

Reextract = Callable[[Iterable[Article]], Iterator[Extraction]]


@dataclass
class Change:
    """What a merge or split did, for the line the command prints."""

    summary: str
    names: list[str] = field(default_factory=list)  # the node names the changed name now belongs to


def find_node(graph: NewsGraph, text: str) -> Node:
    """The one node `text` names exactly (its name, an alias, a person's surname); else AliasError."""
    key = normalize(text)
    found = [n for n in graph.nodes() if key and key in n.keys]
    if len(found) == 1:
        return found[0]
    if found:
        names = ", ".join(sorted(n.name for n in found))
        raise AliasError(f"{text!r} names {len(found)} actors ({names}); give the full name")
    close = difflib.get_close_matches(text, sorted({n.name for n in graph.nodes()}), n=3, cutoff=0.5)
    hint = f"; closest: {', '.join(close)}" if close else ""
    raise AliasError(f"no actor or policy is named {text!r}{hint}")


def merge(store: Store, path: Path, alias: str, into: str) -> Change:
    """Fold the node `alias` names into the node `into` names, now and in every later build."""
    rules = read_rules(path)
    graph = store.graph()
    a, b = find_node(graph, alias), find_node(graph, into)
    if a.id == b.id:
        raise AliasError(f"{alias!r} and {into!r} are already one actor ({a.name}); nothing to merge")
    new = AliasRules([m for m in rules.merges if normalize(m.alias) != normalize(a.name)],
                     [s for s in rules.splits if normalize(s) != normalize(a.name)])
    # a rule that led into the node merged away now leads into its new node
    new.merges = [Merge(m.alias, b.name, b.label) if normalize(m.into) == normalize(a.name) else m
                  for m in new.merges]
    new.merges.append(Merge(a.name, b.name, b.label))
    _commit(store, path, rules, new, merge_nodes(graph, a.id, b.id), [a.name, b.name])
    return Change(f"merged {a.name!r} ({a.label}, {len(a.articles)} articles) into {b.name!r} ({b.label})",
                  [b.name])


def split(store: Store, path: Path, name: str, reextract: Reextract) -> Change:
    """Undo a merge: the analyst's (its rule goes) or the resolver's (the name joins no other)."""
    rules = read_rules(path)
    key = normalize(name)
    merged = rules.merge_for(name)
    if merged is not None:
        new = AliasRules([m for m in rules.merges if m is not merged], list(rules.splits))
        how = f"undid the merge of {merged.alias!r} into {merged.into!r}"
        touched = [merged.alias, merged.into]
    else:
        if rules.is_split(name):
            raise AliasError(f"{name!r} is already split; nothing to do")
        graph = store.graph()
        node = find_node(graph, name)
        if not node.aliases:
            raise AliasError(f"{name!r} was never merged: {node.name!r} has no other name")
        if entity_id(node.label, name) == node.id and key == normalize(node.name):
            others = ", ".join(repr(a) for a in node.aliases[:3])
            raise AliasError(f"{name!r} is the name {node.name!r} was made from; split one of its other "
                             f"names ({others})")
        new = AliasRules(list(rules.merges), [*rules.splits, name])
        how = f"split {name!r} from {node.name!r}"
        touched = [name, node.name]
    rebuilt = rebuild(store, new, reextract)
    _commit(store, path, rules, new, rebuilt, touched)
    names = sorted({n.name for n in rebuilt.nodes() if key in n.keys})
    return Change(f"{how}; re-read {len(rebuilt.articles)} articles", names)


def rebuild(store: Store, rules: AliasRules, reextract: Reextract) -> NewsGraph:
    """The store's graph as its articles give it under `rules` (in the order they were added)."""
    graph = NewsGraph()
    for extraction in reextract(store.articles()):
        rules.add(graph, extraction)
    return graph


def _commit(store: Store, path: Path, old: AliasRules, new: AliasRules, graph: NewsGraph,
            touched: list[str]) -> None:
    """The file first, then the store in one transaction; the old file back if the store refuses."""
    existed = path.exists()
    write_rules(path, new)
    try:
        store.replace_graph(graph, sorted({normalize(n) for n in touched} - {""}))
    except BaseException:
        if existed:
            write_rules(path, old)
        else:
            path.unlink(missing_ok=True)
        raise


def listing(store: Store, path: Path) -> list[dict]:
    """Every rule, with the node each name belongs to now."""
    rules = read_rules(path)
    graph = store.graph()

    def now(name: str) -> str:
        key = normalize(name)
        return ", ".join(sorted({n.name for n in graph.nodes() if key in n.keys})) or "(not in the store)"
    rows = [{"rule": "merge", "name": m.alias, "into": f"{m.into} ({m.label})", "now": now(m.alias)}
            for m in rules.merges]
    rows += [{"rule": "split", "name": s, "into": "", "now": now(s)} for s in rules.splits]
    return rows
