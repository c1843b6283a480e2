"""Namesakes across articles stay apart: a wrong merge gives one person another's claims.

Checked on the in-memory graph and on the embedded store, which resolves against stored keys.
"""
from __future__ import annotations

import pytest

from newsgraph.graph import Article, Claim, Entity, Evidence, Extraction, NewsGraph
from newsgraph.graph.resolve import same_person_names
from newsgraph.loaders.store import Store


def ev(aid: str, start: int = 0) -> Evidence:
    return Evidence(aid, "s", start, start + 1, "p", 0.8)


def article(aid: str, entities: list[Entity], claims: list[tuple[str, str, str, str, str]]) -> Extraction:
    return Extraction(Article(text=f"text of {aid}", id=aid), entities,
                      [Claim(s, sl, r, o, ol, [ev(aid, i)]) for i, (s, sl, r, o, ol) in enumerate(claims)])


KHANS = [
    article("ftc", [Entity("Lina Khan", "Person", ["Khan", "FTC Chair Lina Khan"]), Entity("Amazon", "Organization")],
            [("Lina Khan", "Person", "CRITICIZES", "Amazon", "Organization")]),
    article("london", [Entity("Sadiq Khan", "Person", ["Khan", "Mayor Sadiq Khan"]),
                       Entity("Silvertown Tunnel", "Policy")],
            [("Sadiq Khan", "Person", "OPPOSES", "Silvertown Tunnel", "Policy")]),
    article("singapore", [Entity("Raeesah Khan", "Person", ["Khan"]), Entity("Workers' Party", "Organization")],
            [("Raeesah Khan", "Person", "CRITICIZES", "Workers' Party", "Organization")]),
]

MARIA = article("veto", [Entity("Maria Alvarez", "Person", ["Alvarez", "Governor Maria Alvarez"]),
                         Entity("Fair Rent Act", "Policy")],
                [("Maria Alvarez", "Person", "OPPOSES", "Fair Rent Act", "Policy")])
HOSTILE = [  # the same attack, however the extractor happens to cut it
    article("smuggler", [Entity("Bob Alvarez", "Person", ["Alvarez", "Smuggler Bob Alvarez"]),
                         Entity("Patriot Militia", "Organization")],
            [("Bob Alvarez", "Person", "FUNDS", "Patriot Militia", "Organization")]),
    article("smuggler", [Entity("Smuggler Bob Alvarez", "Person"), Entity("Alvarez", "Person"),
                         Entity("Patriot Militia", "Organization")],
            [("Smuggler Bob Alvarez", "Person", "FUNDS", "Patriot Militia", "Organization"),
             ("Alvarez", "Person", "SUPPORTS", "Patriot Militia", "Organization")]),
]


def graph_of(kind: str, extractions: list[Extraction], tmp_path) -> NewsGraph:
    if kind == "memory":
        g = NewsGraph()
        for x in extractions:
            g.add(x)
        return g
    with Store(tmp_path / f"{len(extractions)}.db") as store:
        for x in extractions:
            store.add(x)
        return store.graph()


def claims_of(g: NewsGraph, name: str) -> set[tuple[str, str]]:
    (nid,) = [n.id for n in g.nodes() if n.name == name]
    return {(r.relation, g.node(r.object).name) for r in g.relationships() if r.subject == nid}


@pytest.mark.parametrize("kind", ["memory", "store"])
def test_three_khans_in_three_articles_stay_three(kind, tmp_path):
    g = graph_of(kind, KHANS, tmp_path)
    people = sorted(n.name for n in g.nodes() if n.label == "Person")
    assert people == ["Lina Khan", "Raeesah Khan", "Sadiq Khan"]
    assert claims_of(g, "Sadiq Khan") == {("OPPOSES", "Silvertown Tunnel")}
    # A later bare "Khan" cannot tell them apart: a node of its own, no one's claims moved.
    g = graph_of(kind, KHANS + [article("bare", [Entity("Khan", "Person"), Entity("Amazon", "Organization")],
                                        [("Khan", "Person", "SUPPORTS", "Amazon", "Organization")])], tmp_path)
    assert claims_of(g, "Lina Khan") == {("CRITICIZES", "Amazon")}
    assert claims_of(g, "Khan") == {("SUPPORTS", "Amazon")}


@pytest.mark.parametrize("kind", ["memory", "store"])
@pytest.mark.parametrize("hostile", [0, 1])
def test_a_namesake_article_leaves_maria_alvarez_claims_unchanged(kind, hostile, tmp_path):
    g = graph_of(kind, [MARIA, HOSTILE[hostile]], tmp_path)
    assert claims_of(g, "Maria Alvarez") == {("OPPOSES", "Fair Rent Act")}
    bob = [n for n in g.nodes() if "Bob" in n.name]
    assert len(bob) == 1 and ("FUNDS", "Patriot Militia") in claims_of(g, bob[0].name)


@pytest.mark.parametrize("kind", ["memory", "store"])
def test_a_surname_alone_still_joins_the_one_person_it_can_be(kind, tmp_path):
    later = article("later", [Entity("Alvarez", "Person"), Entity("Fair Rent Act", "Policy")],
                    [("Alvarez", "Person", "CRITICIZES", "Fair Rent Act", "Policy")])
    g = graph_of(kind, [MARIA, later], tmp_path)
    assert claims_of(g, "Maria Alvarez") == {("OPPOSES", "Fair Rent Act"), ("CRITICIZES", "Fair Rent Act")}


@pytest.mark.parametrize("a, b, same", [
    ("Lina Khan", "Sadiq Khan", False), ("Maria Alvarez", "Smuggler Bob Alvarez", False),
    ("Larry Krasner", "Philadelphia District Attorney Larry Krasner", True),
    ("Maria Alvarez", "Governor Maria Alvarez", True), ("Governor Alvarez", "Maria Alvarez", True),
    ("J. Smith", "John Smith", True), ("Khan", "Lina Khan", True), ("Anna Smith", "John Smith", False),
])
def test_given_names_decide(a, b, same):
    assert same_person_names(a, b) is same and same_person_names(b, a) is same
