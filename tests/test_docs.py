"""Everything derived from the ontology keeps up with it, in the style of sqlite-utils' test_docs.py: every
relationship type has its lexicon entry, its colours, its row in the README's data model, and every query
that means "all types" names all of them. Adding a type to graph/ontology.py fails here until it has them."""
from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path

import pytest

from newsgraph.graph import ALL_RELATIONS, LABELS, RELATIONS
from newsgraph.graph.ontology import ACTOR_LABELS, DESCRIPTIONS, TYPES
from newsgraph.loaders import neo4j_style, view
from newsgraph.loaders.neo4j_cypher import KNOWN_AS, MENTIONS

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def data_model() -> dict[str, str]:
    """The README's data model table: type -> what it says, backticks dropped."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## The data model", 1)[1].split("\n## ", 1)[0]
    return {m[1]: m[2].replace("`", "").strip()
            for m in re.finditer(r"^\| `([A-Z_]+)` \| (.+) \|$", section, re.M)}


@pytest.fixture(scope="module")
def lexicon_relations() -> set[str]:
    """Every relation the predicate lexicon (extractors/lexicon.json, read as data) maps a word to."""
    found: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, str) and value in ALL_RELATIONS:
            found.add(value)
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)
    walk(json.loads(resources.files("newsgraph.extractors").joinpath("lexicon.json").read_text(encoding="utf-8")))
    return found


def test_the_readme_documents_exactly_the_ontology_types_in_order(data_model):
    assert list(data_model) == list(ALL_RELATIONS)


@pytest.mark.parametrize("relation", ALL_RELATIONS)
def test_the_readme_says_what_each_type_means_as_the_ontology_does(data_model, relation):
    assert data_model.get(relation) == DESCRIPTIONS[relation]


@pytest.mark.parametrize("kind", TYPES, ids=[t.name for t in TYPES])
def test_each_type_says_which_labels_it_is_narrowed_to(kind):
    """The constraints are data (RelationType.subjects/objects); the words must not say less than the data."""
    for narrowed, default in ((kind.subjects, ACTOR_LABELS), (kind.objects, LABELS)):
        if narrowed != default:
            assert all(label in kind.description for label in narrowed), (kind.name, narrowed)


@pytest.mark.parametrize("label", LABELS)
def test_the_readme_names_every_label(label):
    section = (ROOT / "README.md").read_text(encoding="utf-8").split("## The data model", 1)[1][:600]
    assert f"`{label}`" in section


@pytest.mark.parametrize("relation", RELATIONS)  # RELATED_TO is what no lexicon entry states
def test_every_type_has_a_lexicon_entry_and_its_documentation(lexicon_relations, relation):
    assert relation in lexicon_relations
    assert f"`{relation}`" in (ROOT / "extractors" / "LEXICON.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("colours, names", [
    (view.RELATION_COLOURS, ALL_RELATIONS), (view.LABEL_COLOURS, LABELS),
    (neo4j_style.REL_COLOURS, ALL_RELATIONS), (neo4j_style.COLOURS, LABELS),
], ids=["view-types", "view-labels", "browser-types", "browser-labels"])
def test_every_type_and_label_has_a_colour_in_the_view_and_in_browser(colours, names):
    assert sorted(colours) == sorted(names)


def _type_lists(cypher: str) -> list[list[str]]:
    """The relationship types each pattern of a query names: `[r:A|B]`, `[:A|B*..6]`."""
    return [m.split("|") for m in re.findall(r"\[\w*:([A-Z_|]+)[^\]]*\]", cypher)]


QUERY_FILES = sorted(p.name for p in resources.files("newsgraph.queries").iterdir() if p.name.endswith(".cypher"))


@pytest.mark.parametrize("name", QUERY_FILES)
def test_queries_name_only_ontology_types_and_all_of_them_when_they_mean_all(name):
    cypher = resources.files("newsgraph.queries").joinpath(name).read_text(encoding="utf-8")
    code = "\n".join(line.split("//", 1)[0] for line in cypher.splitlines())
    for types in _type_lists(code):
        assert set(types) <= {*ALL_RELATIONS, KNOWN_AS, MENTIONS}, (name, types)
        if len(types) > len(ALL_RELATIONS) // 2:  # a list of most types is meant to be every type
            assert types == list(ALL_RELATIONS), (name, types)


def test_the_all_types_queries_are_checked():
    checked = [n for n in QUERY_FILES
               if any(len(t) == len(ALL_RELATIONS) for t in _type_lists(
                   resources.files("newsgraph.queries").joinpath(n).read_text(encoding="utf-8")))]
    assert {"path.cypher", "profile.cypher"} <= set(checked)
