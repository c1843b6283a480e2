"""`--extractor` and `--claim-model`: which extractor decides the claims, as a user sets it."""
import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from newsgraph.extractors.claim_model import DEFAULT_DIR, MODEL_FILE, ClaimModel

TEXT = "The Ohio Teachers Union endorsed Governor Maria Okafor. Senator James Whitfield opposed the Clean Rivers Act."


def run(*args: str, env: dict, stdin: str | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    cmd = [str(Path(sys.executable).parent / "newsgraph"), *args]
    return subprocess.run(cmd, input=stdin, capture_output=True, text=True, env=env, timeout=timeout)


@pytest.fixture()
def env(tmp_path) -> dict:
    e = {k: v for k, v in os.environ.items() if k not in ("NEWSGRAPH_EXTRACTOR", "NEWSGRAPH_CLAIM_MODEL")}
    e["NEWSGRAPH_STORE"] = str(tmp_path / "store" / "graph.db")
    return e


@pytest.fixture(scope="module")
def claim_model(tmp_path_factory) -> str:
    """A real model folder that reads every pair of actors as a criticism (nothing the rules would say)."""
    folder = tmp_path_factory.mktemp("claim_model")
    ClaimModel({}, 3.0, {"CRITICIZES": {}}, {"CRITICIZES": 0.0}, threshold=0.5).save(folder, {"test": True})
    return str(folder)


def claims(out: str) -> set[tuple[str, str, str]]:
    rows = [json.loads(line) for line in out.splitlines()]
    return {(r["subject"], r["relation"], r["object"]) for r in rows if "relation" in r}


def one_error_line(r: subprocess.CompletedProcess) -> str:
    assert r.returncode == 2, r.stderr
    assert "Traceback" not in r.stderr and len(r.stderr.strip().splitlines()) == 1, r.stderr
    return r.stderr


def test_rules_and_the_default_model_extractor_decide_differently(env, claim_model):
    rules = run("extract", "-", "--extractor", "rules", env=env, stdin=TEXT)
    assert rules.returncode == 0, rules.stderr
    assert ("Ohio Teachers Union", "SUPPORTS", "Maria Okafor") in claims(rules.stdout)

    model = run("extract", "-", "--claim-model", claim_model, env=env, stdin=TEXT)  # a folder named: "model"
    assert model.returncode == 0, model.stderr
    assert ("Ohio Teachers Union", "CRITICIZES", "Maria Okafor") in claims(model.stdout)
    assert ("Ohio Teachers Union", "SUPPORTS", "Maria Okafor") not in claims(model.stdout)

    by_env = run("extract", "-", env={**env, "NEWSGRAPH_EXTRACTOR": "rules"}, stdin=TEXT)
    assert by_env.returncode == 0 and claims(by_env.stdout) == claims(rules.stdout)
    by_env = run("extract", "-", env={**env, "NEWSGRAPH_CLAIM_MODEL": claim_model}, stdin=TEXT)
    assert by_env.returncode == 0 and claims(by_env.stdout) == claims(model.stdout)


@pytest.mark.skipif(not (DEFAULT_DIR / MODEL_FILE).exists(), reason="no shipped claim model in this checkout")
def test_without_settings_the_rules_decide_and_the_shipped_model_is_one_flag_away(env):
    r = run("extract", "-", env=env, stdin=TEXT)
    assert r.returncode == 0, r.stderr
    assert claims(r.stdout) == claims(run("extract", "-", "--extractor", "rules", env=env, stdin=TEXT).stdout)
    r = run("extract", "-", "--extractor", "model", env=env, stdin=TEXT)
    assert r.returncode == 0, r.stderr


def test_a_missing_claim_model_folder_is_one_line(env, tmp_path):
    r = run("extract", "-", "--claim-model", str(tmp_path / "nowhere"), env=env, stdin=TEXT)
    assert "not a claim model folder" in one_error_line(r) and "nowhere" in r.stderr
    assert r.stdout == ""


def test_a_malformed_claim_model_is_one_line_and_no_store_is_made(env, tmp_path):
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "model.json").write_text('{"format": "newsgraph-claim-model/1", "weights": 3}')
    articles = tmp_path / "a.txt"
    articles.write_text(TEXT)
    r = run("build", str(articles), "--claim-model", str(bad), env=env)
    assert "model.json" in one_error_line(r)
    assert not Path(env["NEWSGRAPH_STORE"]).exists()
    r = run("import", str(articles), "--neo4j", "--dry-run", "--claim-model", str(bad), env=env)
    assert "model.json" in one_error_line(r)


def test_an_unknown_extractor_is_one_line_naming_the_known_ones(env):
    r = run("extract", "-", "--extractor", "regex", env=env, stdin=TEXT)
    assert "'regex'" in one_error_line(r) and "model, rules" in r.stderr


def test_open_triples_with_two_workers_are_those_of_one(env, tmp_path):
    texts = [f"Mayor {n} Brennan criticized the Nevada Energy Corporation. {TEXT}" for n in ("Ana", "Tom", "Lea")]
    (tmp_path / "in.jsonl").write_text("".join(json.dumps({"text": t}) + "\n" for t in texts))
    outs = []
    for workers in ("1", "2"):
        r = run("extract", str(tmp_path / "in.jsonl"), "--open", "--extractor", "rules", "--workers", workers,
                env=env)
        assert r.returncode == 0, r.stderr
        outs.append(r.stdout)
    assert outs[0] == outs[1] and '"kind": "open"' in outs[0]


@pytest.mark.slow
def test_open_on_an_article_longer_than_spacy_takes(env, tmp_path):
    """`extract --open` once parsed whole articles a second time: past 1,000,000 characters it exited 70."""
    rng = random.Random(11)
    who = ["Maria Alvarez", "Tom Okafor", "the Tenants Union", "Harbor Bank"]
    what = ["the Fair Rent Act", "Measure K", "the Transit Levy"]
    paras, size = [], 0
    while size < 1_100_000:
        para = " ".join(f"{rng.choice(who)} opposed {rng.choice(what)} in week {rng.randint(1, 99)}."
                        for _ in range(5))
        paras.append(para)
        size += len(para) + 2
    (tmp_path / "big.txt").write_text("A long one\n\n" + "\n\n".join(paras))
    r = run("extract", str(tmp_path / "big.txt"), "--open", "--extractor", "rules", env=env, timeout=1800)
    assert r.returncode == 0, r.stderr[-2000:]
    assert sum('"kind": "open"' in line for line in r.stdout.splitlines()) > 10_000
