"""Both stores behind one interface (graph.GraphStore): fed the same articles one at a time, the
embedded store and Neo4j hold the graph a NewsGraph makes of them, each article resolved against
what the store holds ("Krasner" in a later article is "Larry Krasner")."""
from __future__ import annotations

from pathlib import Path

import pytest

from bolt_server import Settings
from newsgraph.graph import Article, Claim, Entity, Evidence, Extraction, GraphStore, NewsGraph
from newsgraph.graph.aliases import AliasRules, Merge
from newsgraph.loaders.neo4j import Connection, Neo4jStore
from newsgraph.loaders.neo4j_cypher import published
from newsgraph.loaders.store import Store


def article(aid: str, entities: list[tuple[str, str, list[str]]],
            claims: list[tuple[str, str, str, str]]) -> Extraction:
    labels = {n: lab for n, lab, _ in entities}
    text = " ".join(c[3] for c in claims)
    out = Extraction(Article(text=text, id=aid, title=f"Title {aid}", date="2026-11-24",
                             url=f"https://news.example/{aid}", source="news.example"),
                     [Entity(n, lab, aliases) for n, lab, aliases in entities])
    pos = 0
    for s, rel, o, sentence in claims:
        out.claims.append(Claim(s, labels[s], rel, o, labels[o],
                                [Evidence(aid, sentence, pos, pos + len(sentence), sentence.split()[1], 0.8)]))
        pos += len(sentence) + 1
    return out


ARTICLES = [
    article("a1", [("Larry Krasner", "Person", ["District Attorney Larry Krasner"]), ("ICE", "Organization", []),
                   ("ICE OUT", "Policy", ["the ordinance"])],
            [("Larry Krasner", "SUPPORTS", "ICE OUT", "Krasner backs the ordinance."),
             ("ICE", "OPPOSES", "ICE OUT", "ICE rejects the ordinance.")]),
    article("a2", [("Krasner", "Person", []), ("ICE", "Organization", ["Immigration and Customs Enforcement"])],
            [("Krasner", "CRITICIZES", "ICE", "Krasner slammed ICE.")]),
    article("a3", [("Sadiq Khan", "Person", []), ("Lina Khan", "Person", []), ("ICE OUT", "Policy", [])],
            [("Sadiq Khan", "SUPPORTS", "ICE OUT", "Khan backed the ordinance."),
             ("Lina Khan", "OPPOSES", "ICE OUT", "Khan opposed the ordinance.")]),
    article("a4", [("Khan", "Person", []), ("Immigration and Customs Enforcement", "Organization", [])],
            [("Khan", "CRITICIZES", "Immigration and Customs Enforcement", "Khan criticized the agency.")]),
]


def expected() -> NewsGraph:
    g = NewsGraph()
    for x in ARTICLES:
        g.add(x)
    return g


def test_the_embedded_store_is_a_graph_store(tmp_path: Path):
    with Store(tmp_path / "g.db") as store:
        assert isinstance(store, GraphStore) and store.query_language == "sql"
        assert [store.add(x) is not None for x in ARTICLES + ARTICLES[:1]] == [True] * 4 + [False]
        assert store.graph() == expected()
        assert store.has_article("a2") and not store.has_article("a9")
        assert store.stats() == expected().stats()


@pytest.mark.bolt
def test_neo4j_adds_one_article_at_a_time_as_a_newsgraph_does(neo4j_db: Settings):
    s = neo4j_db
    with Neo4jStore(Connection(s.uri, s.user, s.password, s.database)) as store:
        assert isinstance(store, GraphStore) and store.query_language == "cypher"
        assert [store.add(x) is not None for x in ARTICLES + ARTICLES[:1]] == [True] * 4 + [False]
        back = store.graph()
        assert store.has_article("a2") and not store.has_article("a9")
        assert store.stats() == expected().stats()
    want = expected()
    want.articles = {k: published(a) for k, a in want.articles.items()}
    assert back == want
    krasner = [n for n in back.nodes() if "Krasner" in n.name]
    assert [n.name for n in krasner] == ["Larry Krasner"] and krasner[0].articles == ["a1", "a2"]


# The analyst's aliases (graph/aliases.py): "Khan" is always Sadiq Khan; "Krasner" joins nobody.
RULES = AliasRules([Merge("Khan", "Sadiq Khan", "Person")], ["Krasner"])


def aliased() -> NewsGraph:
    g = NewsGraph()
    for x in ARTICLES:
        RULES.add(g, x)
    return g


def test_the_embedded_store_applies_the_aliases_as_a_newsgraph_does(tmp_path: Path):
    with Store(tmp_path / "g.db") as store:
        for x in ARTICLES:
            store.add(x, RULES)
        assert store.graph() == aliased() != expected()


@pytest.mark.bolt
def test_neo4j_applies_the_aliases_one_article_at_a_time(neo4j_db: Settings):
    s = neo4j_db
    with Neo4jStore(Connection(s.uri, s.user, s.password, s.database)) as store:
        for x in ARTICLES:
            store.add(x, RULES)
        back = store.graph()
    want = aliased()
    want.articles = {k: published(a) for k, a in want.articles.items()}
    assert back == want
    assert sorted(n.name for n in back.nodes() if n.label == "Person") == ["Krasner", "Larry Krasner", "Lina Khan",
                                                                           "Sadiq Khan"]
