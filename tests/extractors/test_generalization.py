"""Classes of wording that rules tuned to a few articles missed (issue "Extraction that generalizes").

Each sentence is invented and stands for a general class: descriptions as actors, policies by the
slot they fill, refusal as opposition, verbs only a general sentiment lexicon knows, money received,
agent nouns, quotes judged by sentiment. Both extractors must read them.
"""
from __future__ import annotations

import pytest

from newsgraph.extractors import load_model
from newsgraph.extractors.claim_model import load_claim_model
from newsgraph.extractors.pipeline import extract_doc
from newsgraph.graph import Article

CASES = [
    ("The Greens oppose the Clean Water Act.", ("Greens", "OPPOSES", "Clean Water Act")),
    ("The government criticized the Clean Water Act.", ("government", "CRITICIZES", "Clean Water Act")),
    ("The union rejected a 3% pay rise.", ("union", "OPPOSES", "3% pay rise")),
    ("The Liberal Party refused to back the Clean Water Act.", ("Liberal Party", "OPPOSES", "Clean Water Act")),
    ("Acme Corp accepted a $5 million investment from Microsoft.", ("Microsoft", "FUNDS", "Acme Corp")),
    ("Tax opponent Jane Smith spoke on Monday.", ("Jane Smith", "OPPOSES", "Tax")),
    ("Jane Smith criticized the Green Party, accusing it of lying.", ("Jane Smith", "CRITICIZES", "Green Party")),
    ("\"It is deeply disappointing,\" Jane Smith said of the Clean Water Act.",
     ("Jane Smith", "CRITICIZES", "Clean Water Act")),
]
RULES_ONLY = [  # read by the rules; the trained model has too few such examples to learn them yet
    ("Senator Jane Smith lashed the Clean Water Act.", ("Jane Smith", "CRITICIZES", "Clean Water Act")),
    ("The Clean Water Act's backers include Jane Smith.", ("Jane Smith", "SUPPORTS", "Clean Water Act")),
    # a plural title before coordinated names is each person's, with its party
    ("Labour MPs Jane Smith and John Doe criticized the Clean Water Act.", ("Jane Smith", "CRITICIZES",
                                                                            "Clean Water Act")),
    ("Labour MPs Jane Smith and John Doe criticized the Clean Water Act.", ("John Doe", "AFFILIATED_WITH",
                                                                            "Labour")),
    # "it" as an object is the organization just named
    ("Jane Smith criticized the Green Party, accusing it of lying.", ("Jane Smith", "ACCUSES", "Green Party")),
    # a party the recognizer does not know, named before a title
    ("Kiwi leader Jane Smith introduced the Clean Water Act.", ("Jane Smith", "AFFILIATED_WITH", "Kiwi")),
    # a chamber before a title is the body the person belongs to
    ("Senate President Jane Smith criticized the Clean Water Act.", ("Jane Smith", "AFFILIATED_WITH", "Senate")),
    # "<organization noun> for/of ..." names a body, whatever its last word
    ("Robert Fellmeth, director of the Center for Public Interest Law, criticized the Clean Water Act.",
     ("Robert Fellmeth", "AFFILIATED_WITH", "Center for Public Interest Law")),
    # parliamentary titles of other countries, with the party before them
    ("Sinn Fein TD Jane Smith criticized the Clean Water Act.", ("Jane Smith", "AFFILIATED_WITH", "Sinn Fein")),
    # founding an organization is an affiliation; a person-tagged name ending in an organization noun is one
    ("Jane Smith founded the Sustainability Network in 2010.", ("Jane Smith", "AFFILIATED_WITH",
                                                                "Sustainability Network")),
    # a stance noun owned by an actor, framing the clause a policy is the subject of
    ("Despite Acme Corp's opposition, the Clean Water Act passed.", ("Acme Corp", "OPPOSES", "Clean Water Act")),
    # an agent noun with a named modifier ("a Lula ally")
    ("John Doe, a senior Jane Smith ally, spoke.", ("John Doe", "SUPPORTS", "Jane Smith")),
    # offers, rulings and reports actors act on are policies (ONTOLOGY.md); whose they are makes them specific
    ("The union rejected a new offer from Network Rail.", ("union", "OPPOSES", "new offer")),
    ("The union rejected a new offer from Network Rail.", ("Network Rail", "PROPOSES", "new offer")),
    ("Acme Corp will appeal the Harbor Court ruling.", ("Acme Corp", "OPPOSES", "Harbor Court ruling")),
    # a capitalized head alone is the organization named in full before
    ("The Electoral Commission fined Vote Leave. The Commission criticized Jane Smith.",
     ("Electoral Commission", "CRITICIZES", "Jane Smith")),
]
STILL_MISSED = [  # known gaps, kept visible: they should pass one day
    ("Protests grew against the Clean Water Act.", ("protesters", "OPPOSES", "Clean Water Act")),
]


def claims(text: str, model) -> set[tuple[str, str, str]]:
    x = extract_doc(load_model()(text), Article(text), model)
    return {(c.subject, c.relation, c.object) for c in x.claims}


@pytest.mark.parametrize("text, claim", CASES + RULES_ONLY)
def test_the_rules_read_the_class(text, claim):
    assert claim in claims(text, None)


@pytest.mark.parametrize("text, claim", CASES)
def test_the_shipped_model_reads_the_class(text, claim):
    assert claim in claims(text, load_claim_model())


@pytest.mark.parametrize("text, claim", STILL_MISSED)
@pytest.mark.xfail(reason="a known gap (see the README's extraction section)", strict=True)
def test_known_gaps(text, claim):
    assert claim in claims(text, None)


@pytest.mark.parametrize("model", [None, "shipped"])
def test_a_negated_claim_is_never_asserted(model):
    m = load_claim_model() if model else None
    got = claims("Jane Smith did not oppose the Clean Water Act.", m)
    assert not {c for c in got if c[1] != "RELATED_TO"}


def test_a_person_named_before_a_title_stays_a_person():
    """"Obama adviser Jane Smith": the recognizer's person is not made the adviser's organization."""
    text = "Obama adviser Jane Smith criticized the Clean Water Act."
    x = extract_doc(load_model()(text), Article(text), None)
    assert not any(e.name == "Obama" and e.label == "Organization" for e in x.entities)
    assert ("Jane Smith", "CRITICIZES", "Clean Water Act") in {(c.subject, c.relation, c.object) for c in x.claims}
