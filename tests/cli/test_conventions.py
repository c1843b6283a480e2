"""Conventions a user relies on: `-o -`, file modes, what `view` draws and says, what built a store,
`import` without a flag, the model a hint names."""
from __future__ import annotations

import json
import os
import re
import shutil
import stat
from pathlib import Path

import pytest

ARTICLES = {
    "one.txt": "Rent bill vetoed\n\nGovernor Maria Alvarez vetoed the Fair Rent Act on Tuesday. "
               "Senator Tom Okafor criticized Alvarez for the veto. The Fair Rent Act was sponsored by Okafor.",
    "two.txt": "Donors line up\n\nThe Civic Futures Fund donated $2 million to Tom Okafor. "
               "Maria Alvarez opposed the Fair Rent Act again. Mayor Dana Lee supported the Fair Rent Act.",
}


@pytest.fixture()
def built(newsgraph, tmp_path):
    d = tmp_path / "articles"
    d.mkdir()
    for name, text in ARTICLES.items():
        (d / name).write_text(text, encoding="utf-8")
    r = newsgraph("build", str(d))
    assert r.returncode == 0, r.stderr
    return newsgraph


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture()
def umask_022():
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_dash_is_standard_output_everywhere(built, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    page = built("view", "-o", "-")
    assert page.returncode == 0 and page.stdout.startswith("<!DOCTYPE html>")
    assert built("browser-style", "-o", "-").stdout.strip()
    lines = built("extract", str(tmp_path / "articles" / "one.txt"), "-o", "-").stdout.splitlines()
    assert lines and all(json.loads(line) for line in lines)
    graphml = built("export", "--format", "graphml", "-o", "-")
    assert graphml.returncode == 0 and "<graphml" in graphml.stdout
    assert not (tmp_path / "-").exists()
    admin = built("export", "--format", "neo4j-admin", "-o", "-")
    assert admin.returncode == 2 and "folder" in admin.stderr


def test_files_are_created_with_the_users_umask(built, tmp_path, umask_022):
    out = tmp_path / "out"
    built("view", "-o", str(out / "graph.html"))
    built("extract", str(tmp_path / "articles" / "one.txt"), "-o", str(out / "claims.jsonl"))
    built("browser-style", "-o", str(out / "style.grass"))
    for name in ("graph.html", "claims.jsonl", "style.grass"):
        assert mode(out / name) == 0o644, name


def test_view_without_arguments_shows_the_most_connected_actors_and_says_so(built, tmp_path):
    r = built("view", "-o", str(tmp_path / "g.html"))
    assert "most connected actors" in r.stderr
    page = (tmp_path / "g.html").read_text()
    assert re.search(r"<title>The \d+ most connected actors and their claims</title>", page)


def test_view_name_is_an_actor_not_the_whole_graph(built, tmp_path):
    whole = built("view", "--all", "-o", str(tmp_path / "all.html"))
    one = built("view", "okafor", "-o", str(tmp_path / "okafor.html"))
    assert one.returncode == 0, one.stderr
    assert "<title>Tom Okafor: claims within 1 step</title>" in (tmp_path / "okafor.html").read_text()
    nodes = lambda r: int(re.search(r"\((\d+) nodes", r.stderr).group(1))  # noqa: E731
    assert nodes(one) < nodes(whole)
    assert "<title>The whole graph</title>" in (tmp_path / "all.html").read_text()


def test_view_query_title_is_the_question(built, tmp_path):
    r = built("view", "--query", "who-opposes", "fair rent", "-o", str(tmp_path / "q.html"))
    assert r.returncode == 0, r.stderr
    assert "<title>Who opposes Fair Rent Act?</title>" in (tmp_path / "q.html").read_text()


def test_view_of_a_name_that_matches_nothing_writes_nothing(built, tmp_path):
    r = built("view", "Zzyzx Qwerty", "-o", str(tmp_path / "z.html"))
    assert r.returncode == 1 and "no actor or policy matches" in r.stderr
    assert not (tmp_path / "z.html").exists()


def test_view_refuses_two_questions_at_once(built, tmp_path):
    r = built("view", "okafor", "--all", "-o", str(tmp_path / "x.html"))
    assert r.returncode == 2 and r.stderr.count("\n") == 1


def test_the_store_says_what_built_it(built):
    from newsgraph import __version__

    s = json.loads(built("stats", "--json").stdout)
    assert s["built_by"]["version"] == __version__
    assert s["built_by"]["model"].startswith("en_core_web")
    assert f"built by newsgraph {__version__} with spaCy pipeline {s['built_by']['model']}" in built("stats").stdout


def test_a_missing_model_is_named_with_how_to_install_it(newsgraph, tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLES["one.txt"])
    r = newsgraph("build", str(tmp_path / "a.txt"), "--model", "en_core_web_lg")
    assert r.returncode == 2 and r.stderr.count("\n") == 1
    assert "'en_core_web_lg' is not installed" in r.stderr and "python -m spacy download en_core_web_lg" in r.stderr


def test_import_needs_no_flag_and_still_accepts_neo4j(newsgraph, tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLES["one.txt"])
    for extra in ((), ("--neo4j",)):
        r = newsgraph("import", str(tmp_path / "a.txt"), "--dry-run", *extra)
        assert r.returncode == 0, r.stderr
        assert "UNWIND" in r.stdout


def test_nothing_to_read_is_a_usage_error(newsgraph):
    r = newsgraph("build")
    assert r.returncode == 2 and "--feed" in r.stderr


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.browser
@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)")
def test_the_first_view_draws_only_connected_nodes_with_readable_captions(built, tmp_path):
    import subprocess
    import tempfile

    built("view", "-o", str(tmp_path / "g.html"))
    page = (tmp_path / "g.html").read_text()
    data = json.loads(re.search(r'id="newsgraph-data">(.*?)</script>', page, re.S).group(1))
    colours = {r["name"]: r["colour"] for r in data["relations"]}
    assert len(set(colours.values())) == len(colours)  # a colour per relationship type
    with tempfile.TemporaryDirectory() as profile:
        dom = subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={profile}",
                              "--virtual-time-budget=20000", "--dump-dom", (tmp_path / "g.html").as_uri()],
                             capture_output=True, text=True, timeout=180).stdout
    drawn = int(re.search(r'data-drawn-nodes="(\d+)"', dom).group(1))
    assert drawn == sum(1 for n in data["nodes"] if n["degree"]) and drawn > 0


def test_the_store_never_holds_the_paths_articles_were_read_from(built, tmp_path):
    from newsgraph.loaders.store import Store

    with Store(tmp_path / "store" / "graph.db", readonly=True) as store:
        articles = list(store.articles())
    assert len(articles) == 2 and not any(str(tmp_path) in a.source for a in articles)
    out = built("export", "--format", "jsonl", "-o", "-").stdout
    assert str(tmp_path) not in out
