"""The `newsgraph` command as a user runs it (in this process, through click's runner): real model,
a store in a temp folder."""
import json
from pathlib import Path

import pytest

ARTICLE_1 = """Governor signs budget, vetoes rent bill

Governor Maria Alvarez vetoed the Fair Rent Act on Tuesday. Senator Tom Okafor criticized Alvarez for the veto.
The Fair Rent Act was sponsored by Senator Tom Okafor.
"""
ARTICLE_2 = {"id": "art-2", "title": "Donors line up", "date": "2026-03-02",
             "text": "The Civic Futures Fund donated $2 million to Tom Okafor. Alvarez opposed the Fair Rent Act again."}


@pytest.fixture()
def corpus(tmp_path) -> Path:
    d = tmp_path / "articles"
    d.mkdir()
    (d / "one.txt").write_text(ARTICLE_1, encoding="utf-8")
    (d / "two.json").write_text(json.dumps(ARTICLE_2), encoding="utf-8")
    return d


def test_build_then_query_then_build_again_changes_nothing(newsgraph, corpus):
    first = newsgraph("build", str(corpus))
    assert first.returncode == 0, first.stderr
    assert "2 added" in first.stderr
    stats = json.loads(newsgraph("stats", "--json").stdout)
    assert stats["articles"] == 2 and stats["entities"] > 0

    again = newsgraph("build", str(corpus))
    assert again.returncode == 0 and "0 added, 2 already stored" in again.stderr
    assert json.loads(newsgraph("stats", "--json").stdout) == stats

    rows = json.loads(newsgraph("query", "profile", "alvarez", "--json").stdout)
    assert rows and all("Alvarez" in (r["subject"] + r["object"]) for r in rows)


def test_extract_writes_the_json_lines_the_scorer_reads(newsgraph, corpus, tmp_path):
    out = tmp_path / "pred.jsonl"
    r = newsgraph("extract", str(corpus / "two.json"), "-o", str(out))
    assert r.returncode == 0, r.stderr
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    ents = [x for x in rows if "entity" in x]
    assert ents and all({"article", "entity", "type", "aliases"} <= x.keys() for x in ents)
    assert all(x["article"] == "art-2" for x in rows)
    rels = [x for x in rows if "relation" in x]
    for x in rels:
        assert {"subject", "subject_type", "object", "object_type", "sentence", "start", "end",
                "confidence", "negated", "hedged"} <= x.keys()


def test_extract_reads_standard_input(newsgraph):
    r = newsgraph("extract", "-", input="Senator Tom Okafor criticized Governor Maria Alvarez.")
    assert r.returncode == 0, r.stderr
    assert any(json.loads(line).get("entity") for line in r.stdout.splitlines())


def test_bad_inputs_are_named_skipped_and_the_rest_processed(newsgraph, corpus, tmp_path):
    (corpus / "empty.txt").write_text("")
    (corpus / "notext.json").write_text(json.dumps({"title": "x"}))
    (corpus / "binary.txt").write_bytes(b"\x00\x01\x02binary\xff")
    r = newsgraph("build", str(corpus), str(tmp_path / "missing.txt"))
    assert r.returncode == 1
    errors = [line for line in r.stderr.splitlines() if "skipped" in line and "already" not in line
              and "added" not in line]
    assert len(errors) == 4, r.stderr
    assert "Traceback" not in r.stderr
    assert "2 added" in r.stderr and "4 skipped" in r.stderr


def test_errors_are_one_line_with_non_zero_exit(newsgraph, tmp_path, monkeypatch):
    r = newsgraph("query", "who-likes")
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and "unknown query" in r.stderr
    monkeypatch.setenv("NEWSGRAPH_STORE", str(tmp_path / "nothing-here.db"))
    r = newsgraph("stats")
    assert r.returncode == 2 and "Traceback" not in r.stderr and r.stderr.count("\n") == 1
    assert not (tmp_path / "nothing-here.db").exists()


def test_every_command_has_help_with_examples(newsgraph):
    for cmd in ("extract", "build", "query", "stats", "view", "export", "restore", "load", "import",
                "cypher", "browser-style"):
        r = newsgraph(cmd, "--help")
        assert r.returncode == 0 and "newsgraph " + cmd.split()[0] in r.stdout, cmd
