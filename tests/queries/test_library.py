"""The named queries over the in-memory graph, as a user reads their answers."""
import pytest

from newsgraph.graph import Article, Claim, Entity, Evidence, Extraction, NewsGraph, QueryError
from newsgraph.queries import bind, run_query, select


def claim(s, sl, rel, o, ol, aid, start, sentence, conf=0.8, **kw):
    return Claim(s, sl, rel, o, ol, [Evidence(aid, sentence, start, start + len(sentence), "p", conf)], **kw)


@pytest.fixture(scope="module")
def graph() -> NewsGraph:
    g = NewsGraph()
    people = [Entity("Maria Alvarez", "Person", ["Governor Maria Alvarez"]), Entity("Tom Okafor", "Person"),
              Entity("Safe Streets Act", "Policy", ["the bill"]), Entity("Civic Fund", "Organization")]
    g.add(Extraction(Article("t1", id="a1"), people, [
        claim("Maria Alvarez", "Person", "OPPOSES", "Safe Streets Act", "Policy", "a1", 0, "Alvarez opposed it."),
        claim("Tom Okafor", "Person", "SUPPORTS", "Safe Streets Act", "Policy", "a1", 30, "Okafor backed it."),
        claim("Civic Fund", "Organization", "FUNDS", "Tom Okafor", "Person", "a1", 60, "Civic Fund paid.", 0.9),
        claim("Tom Okafor", "Person", "CRITICIZES", "Maria Alvarez", "Person", "a1", 90, "Okafor slammed her."),
    ]))
    g.add(Extraction(Article("t2", id="a2"), [Entity("Alvarez", "Person"), Entity("Safe Streets Act", "Policy")], [
        claim("Alvarez", "Person", "OPPOSES", "Safe Streets Act", "Policy", "a2", 5, "Alvarez vowed to veto it.", 0.95),
    ]))
    return g


def test_who_opposes_lists_actor_policy_and_merged_evidence(graph):
    rows = run_query("who-opposes", graph)
    assert [(r["subject"], r["object"]) for r in rows] == [("Maria Alvarez", "Safe Streets Act")]
    assert rows[0]["evidence"] == 2 and rows[0]["articles"] == ["a1", "a2"]
    assert rows[0]["confidence"] == 0.95
    assert rows[0]["sentence"] == "Alvarez opposed it."


def test_names_match_loosely_by_case_surname_and_alias(graph):
    for name in ("maria alvarez", "ALVAREZ", "Governor Maria Alvarez"):
        assert [r["subject"] for r in run_query("critics", graph, key=name)] == ["Tom Okafor"]
    assert run_query("who-opposes", graph, key="the safe streets act")
    assert run_query("who-opposes", graph, key="nobody") == []


def test_funders_and_who_supports(graph):
    assert [(r["subject"], r["object"]) for r in run_query("funders", graph, key="Okafor")] == [("Civic Fund", "Tom Okafor")]
    assert [r["subject"] for r in run_query("who-supports", graph)] == ["Tom Okafor"]


def test_profile_holds_every_claim_about_an_actor_either_way(graph):
    rows = run_query("profile", graph, key="Okafor")
    assert {(r["subject"], r["relation"], r["object"]) for r in rows} == {
        ("Civic Fund", "FUNDS", "Tom Okafor"), ("Tom Okafor", "SUPPORTS", "Safe Streets Act"),
        ("Tom Okafor", "CRITICIZES", "Maria Alvarez")}


def test_path_connects_two_actors_through_the_graph(graph):
    rows = run_query("path", graph, a="Civic Fund", b="Alvarez")
    assert [r["step"] for r in rows] == [1, 2]
    assert rows[0]["subject"] == "Civic Fund" and rows[-1]["object"] == "Maria Alvarez"
    assert run_query("path", graph, a="Civic Fund", b="nobody") == []


def test_select_gives_the_relationships_behind_the_rows(graph):
    assert [r.relation for r in select("funders", graph)] == ["FUNDS"]


def test_bad_query_name_or_arguments_are_one_line_errors():
    with pytest.raises(QueryError, match="unknown query 'who-likes'; known: who-opposes"):
        bind("who-likes", ())
    with pytest.raises(QueryError, match="takes ACTOR ACTOR"):
        bind("path", ("one",))
    assert bind("who-opposes", ()) == {"key": None}
