from newsgraph.graph import is_proper, normalize
from newsgraph.graph.records import Node


def test_normalize_follows_the_ontology_matching_rule():
    assert normalize("The  White House") == "white house"
    assert normalize("\u201cICE OUT,\u201d") == "ice out"
    assert normalize("Krasner's") == "krasner"


def test_descriptions_are_not_proper_names():
    assert not is_proper("the agency")
    assert is_proper("the Affordable Care Act")
    assert is_proper("Prop. 30")


def test_node_keys_let_users_type_a_surname_or_an_alias():
    n = Node(id="x", label="Person", name="Larry Krasner", aliases=["Philadelphia DA"])
    assert {"larry krasner", "krasner", "philadelphia da"} <= set(n.keys)
