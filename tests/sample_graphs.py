"""Graphs made without the NLP model, for tests that need a store of some size fast."""
from __future__ import annotations

from pathlib import Path

from newsgraph.graph import Article, Claim, Entity, Evidence, Extraction, NewsGraph
from newsgraph.loaders.store import Store


def many_claims(people: int = 120, bills: int = 30, text_size: int = 200, article: str = "big") -> NewsGraph:
    """One article: `people` persons each opposing every fifth of `bills` policies."""
    g = NewsGraph()
    persons = [f"Person Number{i}" for i in range(people)]
    policies = [f"Bill {i}" for i in range(bills)]
    ex = Extraction(Article(text="x" * text_size, id=article, title="t", date="2026-11-30", url="",
                            source=f"{article}.txt"),
                    [Entity(n, "Person", []) for n in persons] + [Entity(b, "Policy", []) for b in policies])
    for i, p in enumerate(persons):
        for j in range(0, bills, 5):
            ex.claims.append(Claim(p, "Person", "OPPOSES", policies[j], "Policy",
                                   [Evidence(article, f"{p} opposes {policies[j]}, said a long sentence " * 3,
                                             i, i + 5, "opposes", 0.8, False, False)]))
    g.add(ex)
    return g


def store_of(path: Path, graph: NewsGraph) -> Path:
    with Store(path) as store:
        store.write_graph(graph)
    return path
