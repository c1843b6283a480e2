"""The analyst's corrections to entity resolution: merges ("Tories" is the Conservative Party) and
splits ("Labour Party" must not join other names), as rules every build applies.

A merge renames, in each article's extraction, the entities called by the alias to the canonical
name and label, so they resolve to the canonical node like any other mention of it; the stored
graph is rewritten once with `merge_nodes`. A split hides the name from resolution (an
`EntityIndex` that never answers for it), so an entity called by it keeps a node of its own; the
stored graph is rebuilt with the rule. Rules live in a YAML file (aliases_file.py) the analyst can
edit and keep in version control.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from .ids import claim_id
from .names import normalize
from .network import NewsGraph
from .records import Claim, Entity, Extraction, Node, Relationship
from .keys import SURNAME
from .resolve import EntityIndex, plan_merge


@dataclass(frozen=True)
class Merge:
    """Entities called `alias` are the node `into` (of `label`)."""

    alias: str
    into: str
    label: str


@dataclass
class AliasRules:
    merges: list[Merge] = field(default_factory=list)
    splits: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.merges or self.splits)

    def merge_for(self, name: str) -> Merge | None:
        key = normalize(name)
        return next((m for m in self.merges if normalize(m.alias) == key), None)

    def is_split(self, name: str) -> bool:
        return normalize(name) in {normalize(s) for s in self.splits}

    # -- applied to one article ----------------------------------------------------
    def apply(self, extraction: Extraction) -> Extraction:
        """The extraction with merged names renamed to their canonical name and label."""
        if not self.merges:
            return extraction
        renamed: dict[tuple[str, str], tuple[str, str]] = {}
        entities = []
        for ent in extraction.entities:
            m = self.merge_for(ent.name)
            if m is None:
                entities.append(ent)
                continue
            renamed[(ent.label, ent.name)] = (m.label, m.into)
            entities.append(Entity(m.into, m.label, sorted({ent.name, *ent.aliases} - {m.into})))
        claims = []
        for c in extraction.claims:
            s = renamed.get((c.subject_label, c.subject), (c.subject_label, c.subject))
            o = renamed.get((c.object_label, c.object), (c.object_label, c.object))
            claims.append(Claim(s[1], s[0], c.relation, o[1], o[0], list(c.evidence), c.role, c.predicate))
        return replace(extraction, entities=entities, claims=claims)

    def index(self, base: EntityIndex) -> EntityIndex:
        """`base` as resolution sees it under these rules: split names join nothing."""
        return _SplitIndex(base, {normalize(s) for s in self.splits}) if self.splits else base

    def add(self, graph: NewsGraph, extraction: Extraction) -> None:
        """NewsGraph.add under these rules."""
        extraction = self.apply(extraction)
        graph.apply(plan_merge(extraction, self.index(graph)))
        graph.articles.setdefault(extraction.article.id, extraction.article)


class _SplitIndex:
    def __init__(self, base: EntityIndex, split: set[str]) -> None:
        self.base = base
        self.split = split

    def candidates(self, label: str, key: str) -> list[tuple[str, str]]:
        if key.removeprefix(SURNAME) in self.split:
            return []
        return self.base.candidates(label, key)


def merge_nodes(graph: NewsGraph, old: str, new: str) -> NewsGraph:
    """`graph` with node `old` folded into node `new`: its names become aliases, its claims the new
    node's (restated by the new ids, evidence kept once), a claim between the two dropped."""
    keep = graph.node(new)
    out = NewsGraph()
    out.articles = dict(graph.articles)
    for node in graph.nodes():
        keys = graph.resolution_keys_of(node.id)
        if node.id == old:  # the canonical name stays the name, whichever is fuller
            node = Node(id=new, label=keep.label, name=keep.name, aliases=sorted({node.name, *node.aliases}),
                        articles=list(node.articles))
        out.add_node(node, keys)
    for rel in graph.relationships():
        s = new if rel.subject == old else rel.subject
        o = new if rel.object == old else rel.object
        if s == o:
            continue
        rid = claim_id(s, rel.relation, o, rel.predicate if rel.relation == "RELATED_TO" else "")
        out.add_relationship(Relationship(id=rid, subject=s, relation=rel.relation, object=o, role=rel.role,
                                          predicate=rel.predicate, evidence=list(rel.evidence)))
    return out
