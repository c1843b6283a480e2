"""The embedded store answers the named queries from its indexes with the rows the in-memory graph
gives: every query, every way of naming an actor, paths, citations, and old stores without the index."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from newsgraph.graph import Article, Claim, Entity, Evidence, Extraction, NewsGraph
from newsgraph.loaders.store import Store
from newsgraph.queries import library
from newsgraph.queries.answer import GraphBackend, StoreBackend, answer, store_backend
from newsgraph.queries.matching import match_name
from newsgraph.queries.sql import sql_rows, sql_select

LABELS = {"Maria Alvarez": "Person", "Alvarez": "Person", "Tom Okafor": "Person", "José Núñez": "Person",
          "Civic Fund": "Organization", "Safe Streets Act": "Policy", "Safe Streets Amendment": "Policy",
          "Springfield": "Place", "City Council": "Organization", "ICE": "Organization",
          "protesters": "Group", "Lee Park": "Person", "Dana Park": "Person"}
ALIASES = {"Maria Alvarez": ["Governor Maria Alvarez", "the governor"], "Safe Streets Act": ["the bill", "SSA"],
           "ICE": ["Immigration and Customs Enforcement"], "Civic Fund": ["the fund"]}
# (article, subject, relation, object, confidence, sentence)
CLAIMS = [
    ("a1", "Maria Alvarez", "OPPOSES", "Safe Streets Act", 0.8, "Alvarez opposed the Safe Streets Act."),
    ("a1", "Tom Okafor", "SUPPORTS", "Safe Streets Act", 0.7, "Okafor backed the bill."),
    ("a1", "Civic Fund", "FUNDS", "Tom Okafor", 0.9, "Civic Fund bankrolled Okafor."),
    ("a1", "Tom Okafor", "CRITICIZES", "Maria Alvarez", 0.65, "Okafor slammed the governor."),
    ("a2", "Alvarez", "OPPOSES", "Safe Streets Act", 0.95, "Alvarez vowed to veto the bill."),
    ("a2", "City Council", "APPROVES", "Safe Streets Amendment", 0.88, "The council passed the amendment."),
    ("a2", "ICE", "OPPOSES", "Safe Streets Amendment", 0.6, "ICE rejected the amendment."),
    ("a2", "Alvarez", "ACCUSES", "ICE", 0.75, "Alvarez accused ICE of overreach."),
    ("a3", "ICE", "THREATENS", "Springfield", 0.55, "ICE threatened to sue Springfield."),
    ("a3", "Lee Park", "INVESTIGATES", "Civic Fund", 0.45, "Park opened an inquiry into Civic Fund."),
    ("a3", "protesters", "RELATED_TO", "ICE", 0.3, "Protesters met ICE agents."),
    ("a3", "protesters", "RELATED_TO", "ICE", 0.35, "Protesters marched past ICE."),
    ("a3", "José Núñez", "SUPPORTS", "Safe Streets Amendment", 0.8, "Senator José Núñez backed the amendment."),
    ("a4", "Dana Park", "CRITICIZES", "ICE", 0.6, "Park slammed ICE."),
    ("a4", "Civic Fund", "FUNDS", "protesters", 0.4, "Civic Fund paid the protesters."),
    ("a4", "Civic Fund", "SUPPORTS", "Tom Okafor", 0.33, "Civic Fund stood by Okafor."),
]
ARTICLES = {"a1": ("Story one", "2026-11-21", "The Ledger"), "a2": ("Story two", "2026-11-22", ""),
            "a3": ("Story three", "", "Herald"), "a4": ("Story four", "2026-11-24", "The Ledger")}


def extractions() -> list[Extraction]:
    out = []
    for aid, (title, date, source) in ARTICLES.items():
        mine = [c for c in CLAIMS if c[0] == aid]
        names = sorted({c[1] for c in mine} | {c[3] for c in mine})
        claims, pos = [], 0
        for i, (_, s, rel, o, conf, sentence) in enumerate(mine):
            predicate = f"pred {i}" if rel == "RELATED_TO" else sentence.split()[1]
            claims.append(Claim(s, LABELS[s], rel, o, LABELS[o],
                                [Evidence(aid, sentence, pos, pos + len(sentence), predicate, conf)],
                                predicate=predicate if rel == "RELATED_TO" else ""))
            pos += len(sentence) + 1
        text = " ".join(c[5] for c in mine)
        out.append(Extraction(Article(text, id=aid, title=title, date=date, source=source),
                              [Entity(n, LABELS[n], ALIASES.get(n, [])) for n in names], claims))
    return out


@pytest.fixture(scope="module")
def stores(tmp_path_factory) -> tuple[NewsGraph, Store]:
    g = NewsGraph()
    store = Store(tmp_path_factory.mktemp("sql") / "graph.db")
    for x in extractions():
        g.add(x)
        store.add(x)
    yield g, store
    store.close()


CLAIM_QUERIES = ("who-opposes", "who-supports", "funders", "critics", "profile")
KEYS = [None, "Maria Alvarez", "alvarez", "the governor", "Safe Streets Act", "the bill", "SSA", "ICE",
        "Immigration and Customs Enforcement", "Okafor", "Civic Fund", "protesters", "Park", "Springfield",
        "José Núñez", "nunez", "nobody at all"]


@pytest.mark.parametrize("name", CLAIM_QUERIES)
def test_claim_queries_give_the_in_memory_rows(stores, name):
    g, store = stores
    for key in KEYS:
        assert sql_rows(name, store, key=key) == library.run_query(name, g, key=key), (name, key)


PAIRS = [("Lee Park", "Tom Okafor"), ("Okafor", "Springfield"), ("Dana Park", "Civic Fund"),
         ("protesters", "Safe Streets Act"), ("Alvarez", "Alvarez"), ("ICE", "nobody at all"),
         ("José Núñez", "Lee Park"), ("Springfield", "Safe Streets Amendment")]


@pytest.mark.parametrize("a,b", PAIRS)
def test_paths_are_the_in_memory_paths(stores, a, b):
    g, store = stores
    assert sql_rows("path", store, a=a, b=b) == library.run_query("path", g, a=a, b=b)


def test_a_path_takes_the_strongest_claim_between_two_actors(stores):
    _, store = stores
    rows = sql_rows("path", store, a="Lee Park", b="Tom Okafor")
    assert [r["relation"] for r in rows] == ["INVESTIGATES", "FUNDS"]  # FUNDS 0.9 beats SUPPORTS 0.33


TYPED = ["fair", "safe streets", "streets", "safe streets akt", "SAFE STREETS ACT", "Nunes", "núñez", "alvarex",
         "okafor", "the council", "zzzz", "Rice", "Immigration", "park"]


@pytest.mark.parametrize("name", ["who-opposes", "who-supports", "critics", "profile"])
def test_answers_match_loose_names_and_cite_sources_alike(stores, name):
    g, store = stores
    for typed in TYPED:
        mem, sql = answer(name, (typed,), GraphBackend(g)), answer(name, (typed,), StoreBackend(store))
        assert sql.rows == mem.rows, (name, typed)
        assert [(m.keys, m.names, m.how, m.closest) for m in sql.matches] == \
            [(m.keys, m.names, m.how, m.closest) for m in mem.matches], (name, typed)


def test_name_matching_finds_the_same_nodes(stores):
    g, store = stores
    for typed in TYPED:
        mem, sql = match_name(typed, GraphBackend(g).names()), match_name(typed, StoreBackend(store).names())
        assert (sql.keys, sql.names, sql.how, sql.closest) == (mem.keys, mem.names, mem.how, mem.closest), typed


def test_select_gives_the_claims_with_their_ends(stores):
    g, store = stores
    part = sql_select("funders", store, key="Okafor")
    assert [r.id for r in part.relationships] == [r.id for r in library.select("funders", g, key="Okafor")]
    assert {n.name for n in part.nodes.values()} == {"Civic Fund", "Tom Okafor"}


def test_a_query_reads_no_article_text(stores):
    _, store = stores
    read: list[str] = []
    store._conn.set_trace_callback(read.append)
    try:
        answer("profile", ("alvarez",), StoreBackend(store))
    finally:
        store._conn.set_trace_callback(None)
    assert read and not [s for s in read if "text" in s and "FROM articles" in s]


def test_an_old_store_gets_the_index_when_opened_for_writing(tmp_path: Path):
    path = tmp_path / "old.db"
    with Store(path) as store:
        for x in extractions():
            store.add(x)
    db = sqlite3.connect(path)  # as a store written before the index existed
    db.executescript("DROP TABLE match_keys; DROP TABLE match_words; DELETE FROM meta WHERE key = 'query_index';")
    db.close()
    with Store(path, readonly=True) as old:
        assert not old.indexed
        assert isinstance(store_backend(old), GraphBackend)  # read whole, as before
        expected = answer("who-opposes", ("safe streets",), store_backend(old)).rows
    with Store(path) as store:
        assert store.indexed
    with Store(path, readonly=True) as store:
        assert isinstance(store_backend(store), StoreBackend)
        assert answer("who-opposes", ("safe streets",), store_backend(store)).rows == expected


@pytest.mark.parametrize("seed", range(5))
def test_the_walk_finds_a_shortest_chain(seed):
    import random

    import networkx as nx

    from newsgraph.queries.library import MAX_PATH_HOPS, walk

    rng = random.Random(seed)
    g = nx.gnm_random_graph(60, 70, seed=seed)
    g.add_edges_from((0, n) for n in range(1, 60, 7))  # a busy node, as real graphs have
    adj = {str(n): sorted(str(m) for m in g[n]) for n in g}
    for _ in range(30):
        a, b = rng.sample(range(60), 2)
        chain = walk([str(a)], {str(b)}, lambda level: {v: adj[v] for v in level})
        try:
            length = nx.shortest_path_length(g, a, b)
        except nx.NetworkXNoPath:
            length = None
        if length is None or length > MAX_PATH_HOPS:
            assert chain == []
        else:
            assert len(chain) - 1 == length and chain[0] == str(a) and chain[-1] == str(b)
            assert all(w in adj[v] for v, w in zip(chain, chain[1:]))


def test_every_lookup_by_name_seeks_an_index(stores):
    from newsgraph.queries.sql import sql_text

    _, store = stores

    def plan(statement: str, params: dict) -> str:
        return " | ".join(r["detail"] for r in store.run("EXPLAIN QUERY PLAN " + statement, params))
    statements = [(sql_text(name, key="x"), {"key": "x"}) for name in CLAIM_QUERIES]
    statements += [(sql_text("path", part), {"key": "x", "level": "[]", "u": "a", "v": "b"})
                   for part in ("ends", "neighbours", "hop")]
    statements += [(sql_text("names", part), {"key": "x", "word": "x", "past": "y"}) for part in ("exact", "prefixed", "nodes")]
    for statement, params in statements:
        detail = plan(statement, params)
        assert "SCAN r" not in detail and "SCAN relationships" not in detail and "SCAN match" not in detail \
            and "SCAN n" not in detail, (statement, detail)
