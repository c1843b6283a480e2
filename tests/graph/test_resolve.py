"""Entity resolution across articles: one node per actor, whatever each article calls it."""
from newsgraph.graph import Article, Claim, Entity, Evidence, Extraction, NewsGraph


def ev(article: str, start: int = 0) -> Evidence:
    return Evidence(article=article, sentence="s", start=start, end=start + 1, predicate="p", confidence=0.8)


def extraction(aid: str, entities: list[Entity], claims: list[Claim] = ()) -> Extraction:
    return Extraction(Article(text=f"text of {aid}", id=aid), list(entities), list(claims))


def test_full_name_and_titled_alias_in_two_articles_are_one_node():
    g = NewsGraph()
    g.add(extraction("a1", [Entity("Larry Krasner", "Person")]))
    g.add(extraction("a2", [Entity("Larry Krasner", "Person",
                                   ["Philadelphia District Attorney Larry Krasner", "Krasner"])]))
    nodes = list(g.nodes())
    assert [n.name for n in nodes] == ["Larry Krasner"]
    assert nodes[0].articles == ["a1", "a2"]
    assert "Philadelphia District Attorney Larry Krasner" in nodes[0].aliases


def test_surname_alone_later_joins_the_full_name_and_the_reverse_upgrades_the_name():
    g = NewsGraph()
    g.add(extraction("a1", [Entity("Maria Alvarez", "Person")]))
    g.add(extraction("a2", [Entity("Alvarez", "Person")]))
    assert [n.name for n in g.nodes()] == ["Maria Alvarez"]

    h = NewsGraph()
    h.add(extraction("a1", [Entity("Alvarez", "Person")]))
    h.add(extraction("a2", [Entity("Maria Alvarez", "Person")]))
    assert [n.name for n in h.nodes()] == ["Maria Alvarez"]


def test_ambiguous_surname_is_not_merged():
    g = NewsGraph()
    g.add(extraction("a1", [Entity("John Smith", "Person"), Entity("Anna Smith", "Person")]))
    g.add(extraction("a2", [Entity("Smith", "Person")]))
    assert sorted(n.name for n in g.nodes()) == ["Anna Smith", "John Smith", "Smith"]


def test_descriptions_do_not_merge_different_actors_across_articles():
    g = NewsGraph()
    g.add(extraction("a1", [Entity("ICE", "Organization", ["the agency"])]))
    g.add(extraction("a2", [Entity("FDA", "Organization", ["the agency"])]))
    assert len(g) == 2


def test_acronym_defined_in_one_article_matches_full_name_in_another():
    g = NewsGraph()
    g.add(extraction("a1", [Entity("ICE", "Organization", ["Immigration and Customs Enforcement"])]))
    g.add(extraction("a2", [Entity("Immigration and Customs Enforcement", "Organization")]))
    assert len(g) == 1


def test_same_name_different_label_stays_apart():
    g = NewsGraph()
    g.add(extraction("a1", [Entity("Georgia", "Place"), Entity("Georgia", "Person")]))
    assert len(g) == 2


def test_claims_merge_and_keep_every_piece_of_evidence():
    claim = lambda aid: Claim("George Soros", "Person", "FUNDS", "Larry Krasner", "Person", [ev(aid)])
    ents = [Entity("George Soros", "Person"), Entity("Larry Krasner", "Person")]
    g = NewsGraph()
    g.add(extraction("a1", ents, [claim("a1")]))
    g.add(extraction("a2", ents, [claim("a2")]))
    g.add(extraction("a2", ents, [claim("a2")]))  # the same article again changes nothing
    rels = list(g.relationships())
    assert len(rels) == 1
    assert [e.article for e in rels[0].evidence] == ["a1", "a2"]


def test_ids_are_stable_across_runs():
    def build():
        g = NewsGraph()
        g.add(extraction("a1", [Entity("ICE", "Organization"), Entity("Kendra Brooks", "Person")],
                         [Claim("Kendra Brooks", "Person", "OPPOSES", "ICE", "Organization", [ev("a1")])]))
        return g
    assert build() == build()
    assert [n.id for n in build().nodes()] == [n.id for n in build().nodes()]
