"""The union rule every store applies, and the two kinds of keys, as a user of the graph sees them."""
from newsgraph.graph import (Evidence, Node, Relationship, lookup_keys, resolution_keys, union_node,
                             union_relationship)


def ev(article: str, start: int, sentence: str = "s") -> Evidence:
    return Evidence(article=article, sentence=sentence, start=start, end=start + 1, predicate="p", confidence=0.5)


def test_a_node_stated_again_keeps_the_fuller_name_and_unions_aliases_and_articles():
    old = Node(id="e-1", label="Person", name="Krasner", aliases=["the DA"], articles=["a2"])
    new = Node(id="e-1", label="Person", name="Larry Krasner", aliases=["Krasner"], articles=["a1"])
    merged = union_node(old, new)
    assert merged.name == "Larry Krasner"
    assert merged.aliases == ["Krasner", "the DA"] and merged.articles == ["a1", "a2"]
    assert union_node(merged, new) == merged  # stating it again changes nothing
    assert union_node(None, new).aliases == ["Krasner"]


def test_a_claim_stated_again_keeps_its_first_role_and_one_evidence_per_span():
    old = Relationship(id="c-1", subject="e-1", relation="AFFILIATED_WITH", object="e-2", role="spokeswoman",
                       evidence=[ev("a1", 0, "first")])
    new = Relationship(id="c-1", subject="e-1", relation="AFFILIATED_WITH", object="e-2", role="aide",
                       evidence=[ev("a1", 0, "second"), ev("a2", 5)])
    merged = union_relationship(old, new)
    assert merged.role == "spokeswoman"
    assert [(e.article, e.sentence) for e in merged.evidence] == [("a1", "first"), ("a2", "s")]
    assert union_relationship(merged, new) == merged


def test_resolution_keys_leave_descriptions_out_and_namespace_the_surname():
    keys = resolution_keys("Person", "Larry Krasner", ["Krasner", "the district attorney"])
    assert keys == ["larry krasner", "krasner", "surname:krasner"]


def test_lookup_keys_are_every_name_a_user_may_type():
    assert lookup_keys("Person", "Larry Krasner", ["the district attorney"]) == [
        "district attorney", "krasner", "larry krasner"]
