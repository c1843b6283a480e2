"""Alias rules as resolution applies them: merged names become the canonical node, split names join nothing."""
from __future__ import annotations

from newsgraph.graph import Article, Claim, Entity, Evidence, Extraction, NewsGraph
from newsgraph.graph.aliases import AliasRules, Merge, merge_nodes


def article(aid: str, claims: list[tuple[str, str, str, str, str]], aliases: dict | None = None) -> Extraction:
    labels = {}
    out = []
    for i, (s, sl, rel, o, ol) in enumerate(claims):
        labels[s], labels[o] = sl, ol
        out.append(Claim(s, sl, rel, o, ol, [Evidence(aid, f"{s} {rel} {o}.", i * 10, i * 10 + 5, "p", 0.8)]))
    ents = [Entity(n, lab, (aliases or {}).get(n, [])) for n, lab in sorted(labels.items())]
    return Extraction(Article(f"text {aid}", id=aid), ents, out)


A1 = article("a1", [("Tories", "Group", "SUPPORTS", "Housing Bill", "Policy"),
                    ("Maria Alvarez", "Person", "OPPOSES", "Housing Bill", "Policy")])
A2 = article("a2", [("Conservative Party", "Organization", "OPPOSES", "Rail Plan", "Policy"),
                    ("Alvarez", "Person", "SUPPORTS", "Rail Plan", "Policy")])
A3 = article("a3", [("Tories", "Group", "CRITICIZES", "Rail Plan", "Policy")])
TORIES = Merge("Tories", "Conservative Party", "Organization")


def claims(g: NewsGraph) -> set[tuple[str, str, str]]:
    return {(g.node(r.subject).name, r.relation, g.node(r.object).name) for r in g.relationships()}


def build(rules: AliasRules, *extractions: Extraction) -> NewsGraph:
    g = NewsGraph()
    for x in extractions:
        rules.add(g, x)
    return g


def test_no_rules_is_the_plain_merge():
    plain = NewsGraph()
    for x in (A1, A2, A3):
        plain.add(x)
    assert build(AliasRules(), A1, A2, A3) == plain
    assert ("Maria Alvarez", "SUPPORTS", "Rail Plan") in claims(plain)  # the resolver joined a bare "Alvarez"


def test_a_merged_name_in_any_later_article_is_the_canonical_node():
    g = build(AliasRules([TORIES]), A1, A2, A3)
    assert claims(g) >= {("Conservative Party", "SUPPORTS", "Housing Bill"),
                         ("Conservative Party", "CRITICIZES", "Rail Plan"),
                         ("Conservative Party", "OPPOSES", "Rail Plan")}
    party = next(n for n in g.nodes() if n.name == "Conservative Party")
    assert party.label == "Organization" and "Tories" in party.aliases and party.articles == ["a1", "a2", "a3"]
    assert not [n for n in g.nodes() if n.name == "Tories"]


def test_a_split_name_joins_no_other_node():
    g = build(AliasRules(splits=["Alvarez"]), A1, A2)
    assert ("Alvarez", "SUPPORTS", "Rail Plan") in claims(g)
    assert ("Maria Alvarez", "SUPPORTS", "Rail Plan") not in claims(g)


def test_merging_the_stored_graph_equals_building_with_the_rule():
    plain = build(AliasRules(), A1, A2, A3)
    tories = next(n for n in plain.nodes() if n.name == "Tories")
    party = next(n for n in plain.nodes() if n.name == "Conservative Party")
    merged = merge_nodes(plain, tories.id, party.id)
    assert claims(merged) == claims(build(AliasRules([TORIES]), A1, A2, A3))
    assert sorted(n.name for n in merged.nodes()) == sorted(n.name for n in build(AliasRules([TORIES]), A1, A2, A3).nodes())
    evidence = sum(len(r.evidence) for r in merged.relationships())
    assert evidence == sum(len(r.evidence) for r in plain.relationships())  # nothing lost
