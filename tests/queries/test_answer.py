"""Answers a reporter can cite: loose names, the sources of each row, --min-sources; the same rows
from the embedded store and from Neo4j."""
from __future__ import annotations

import json

import pytest

from newsgraph.graph import Article, Claim, Entity, Evidence, Extraction, NewsGraph
from newsgraph.queries.answer import GraphBackend, Neo4jBackend, answer
from newsgraph.queries.matching import Named, match_name
from newsgraph.queries.sources import clean_sentence, outlet_of

ARTICLES = {
    "a1": Article("t1", id="a1", title="Ruiz vetoes Fair Rent Act", date="2026-03-02",
                  url="https://www.ledger.example/veto", source="The Valley Ledger"),
    "a2": Article("t2", id="a2", title="Veto stands", date="2026-03-04", url="https://herald.example/veto"),
    "a3": Article("t3", id="a3", title="Local file", source="/home/me/notes/veto.txt"),
}
# (article, subject, relation, object, sentence)
CLAIMS = [
    ("a1", "Ana Ruiz", "OPPOSES", "Fair Rent Act", "Governor Ana Ruiz vetoed the Fair Rent Act."),
    ("a2", "Ana Ruiz", "OPPOSES", "Fair Rent Act", '" Ruiz opposed the Fair Rent Act,\n\nher office said.'),
    ("a3", "Ana Ruiz", "OPPOSES", "Fair Rent Act", "Ruiz opposes the Fair Rent Act."),
    ("a2", "José Núñez", "SUPPORTS", "Fair Rent Act", "Senator José Núñez backed the Fair Rent Act."),
    ("a3", "Tenants Union", "OPPOSES", "Fair Rent Amendment", "The Tenants Union opposed the Fair Rent Amendment."),
    ("a1", "José Núñez", "CRITICIZES", "Ana Ruiz", "Núñez criticized Ruiz."),
]
LABELS = {"Ana Ruiz": "Person", "José Núñez": "Person", "Tenants Union": "Group",
          "Fair Rent Act": "Policy", "Fair Rent Amendment": "Policy"}


def build() -> NewsGraph:
    g = NewsGraph()
    for aid, art in ARTICLES.items():
        mine = [c for c in CLAIMS if c[0] == aid]
        names = sorted({c[1] for c in mine} | {c[3] for c in mine})
        claims = [Claim(s, LABELS[s], rel, o, LABELS[o], [Evidence(aid, sent, i * 100, i * 100 + 10, "p", 0.8)])
                  for i, (_, s, rel, o, sent) in enumerate(mine)]
        g.add(Extraction(art, [Entity(n, LABELS[n]) for n in names], claims))
    return g


@pytest.fixture(scope="module")
def graph() -> NewsGraph:
    return build()


def ask(graph, name, *args, at_least=1):
    return answer(name, args, GraphBackend(graph), at_least)


@pytest.mark.parametrize("typed", ["fair rent act", "Fair Rent Act", "FAIR RENT ACT", "fair rent ac", "rent act",
                                   "fair rnet act", "Fair Rent Akt"])
def test_a_policy_is_found_by_prefix_case_and_small_typos(graph, typed):
    rows = ask(graph, "who-opposes", typed).rows
    assert {r["object"] for r in rows} == {"Fair Rent Act"}, typed


def test_a_prefix_shared_by_two_policies_finds_both(graph):
    rows = ask(graph, "who-opposes", "fair rent").rows
    assert {r["object"] for r in rows} == {"Fair Rent Act", "Fair Rent Amendment"}
    assert rows == sorted(rows, key=lambda r: (r["subject"], r["relation"], r["object"]))


@pytest.mark.parametrize("typed", ["nunez", "Núñez", "jose nunez", "Nunes"])
def test_accents_are_optional(graph, typed):
    assert [r["subject"] for r in ask(graph, "who-supports", None).rows] == ["José Núñez"]
    assert match_name(typed, GraphBackend(graph).names()).names == ["José Núñez"], typed


def test_nothing_matches_gives_the_closest_names():
    m = match_name("Rice", [Named("Ana Ruiz", ("ana ruiz", "ruiz")), Named("Measure K", ("measure k",))])
    assert m.keys == [] and m.closest[0] == "Ana Ruiz"


def test_each_row_names_its_sources_and_counts_articles_and_outlets(graph):
    (row,) = [r for r in ask(graph, "who-opposes", "Fair Rent Act").rows if r["subject"] == "Ana Ruiz"]
    assert row["n_articles"] == 3 and row["n_outlets"] == 3
    assert row["sources"][:2] == [
        {"title": "Ruiz vetoes Fair Rent Act", "date": "2026-03-02", "outlet": "The Valley Ledger",
         "url": "https://www.ledger.example/veto"},
        {"title": "Veto stands", "date": "2026-03-04", "outlet": "herald.example", "url": "https://herald.example/veto"}]
    # a local file's path is never shown as its outlet
    assert row["sources"][2] == {"title": "Local file", "date": "", "outlet": "", "url": ""}


def test_min_sources_keeps_claims_stated_by_that_many_articles(graph):
    rows = ask(graph, "who-opposes", at_least=2).rows
    assert [(r["subject"], r["object"]) for r in rows] == [("Ana Ruiz", "Fair Rent Act")]
    assert ask(graph, "who-opposes", at_least=4).rows == []


def test_sentences_are_one_clean_line():
    assert clean_sentence('" Ruiz opposed the act,\n\nher office said.') == "Ruiz opposed the act, her office said."
    assert clean_sentence('He said "no" twice.') == 'He said "no" twice.'
    assert clean_sentence('She called it "a disgrace.') == 'She called it "a disgrace.'
    assert clean_sentence('Ruiz vetoed it. \u201c') == "Ruiz vetoed it."


def test_outlet_is_the_site_name_or_the_domain_never_a_path():
    assert outlet_of(ARTICLES["a1"]) == "The Valley Ledger"
    assert outlet_of(ARTICLES["a2"]) == "herald.example"
    assert outlet_of(ARTICLES["a3"]) == ""


def test_path_takes_loose_names_too(graph):
    rows = ask(graph, "path", "nunez", "fair rent act").rows
    assert rows and rows[0]["step"] == 1


@pytest.mark.bolt
def test_neo4j_gives_the_same_cited_rows(graph, neo4j_db):
    from newsgraph.loaders.neo4j import Connection, Neo4jStore

    with Neo4jStore(Connection(neo4j_db.uri, neo4j_db.user, neo4j_db.password, neo4j_db.database)) as db:
        db.write_graph(graph)
        for name, args in [("who-opposes", ("fair rent",)), ("who-opposes", ()), ("who-supports", ("nunez",)),
                           ("critics", ("Ruiz",)), ("profile", ("ana ruiz",))]:
            for at_least in (1, 2):
                embedded = answer(name, args, GraphBackend(graph), at_least).rows
                neo4j = answer(name, args, Neo4jBackend(db), at_least).rows
                assert json.dumps(neo4j, sort_keys=True) == json.dumps(embedded, sort_keys=True), (name, args)


# -- as the user sees it -------------------------------------------------------------------------

@pytest.fixture()
def stored(newsgraph, graph, monkeypatch, tmp_path):
    from newsgraph.loaders.store import Store

    with Store(tmp_path / "store" / "graph.db") as s:
        s.write_graph(graph)
    return newsgraph


def test_query_json_carries_the_sources(stored):
    r = stored("query", "who-opposes", "fair rent act", "--json")
    assert r.returncode == 0, r.stderr
    rows = json.loads(r.stdout)
    assert {"sources", "n_articles", "n_outlets", "sentence"} <= rows[0].keys()
    assert "/home/me" not in r.stdout


def test_no_match_is_one_line_with_the_closest_names_and_exit_1(stored):
    r = stored("query", "critics", "Rooiz Nunyez Q")
    assert r.returncode == 1 and r.stdout == ""
    assert r.stderr.count("\n") == 1 and "no actor or policy matches 'Rooiz Nunyez Q'; closest:" in r.stderr


def test_the_table_fits_the_terminal_and_shows_counts_and_source(stored, monkeypatch):
    monkeypatch.setenv("COLUMNS", "90")
    r = stored("query", "who-opposes")
    lines = r.stdout.splitlines()
    assert lines[0].split()[:8] == ["SUBJECT", "RELATION", "OBJECT", "CONF", "ARTS", "OUTLETS", "SOURCE",
                                    "SENTENCE"]
    assert all(len(line) <= 90 for line in lines), r.stdout
    assert "The Valley" in r.stdout


def test_min_sources_on_the_command_line(stored):
    r = stored("query", "who-opposes", "--min-sources", "2", "--json")
    assert [(x["subject"], x["n_articles"]) for x in json.loads(r.stdout)] == [("Ana Ruiz", 3)]


def test_stats_keeps_its_indentation(stored):
    lines = stored("stats").stdout.splitlines()
    assert any(line.startswith("  :Person") for line in lines)
    assert any(line.startswith("  [OPPOSES]") for line in lines)
