"""Attack: wrong merges across articles, through the real extractor and store.

A hostile article about a namesake must not move claims onto the sample articles' Maria Alvarez,
and three people called Khan in three articles stay three people.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # builds with the spaCy model

EXE = str(Path(sys.executable).parent / "newsgraph")
EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "articles"
HOSTILE = ("Smuggler Bob Alvarez funds the Patriot Militia, prosecutors said. "
           "Alvarez also praised the Patriot Militia.")
# Invented articles (not any real outlet's text) about three different people named Khan.
KHANS = {
    "ftc.txt": "FTC Chair Lina Khan sued Amazon on Tuesday. Khan said the retailer had harmed shoppers "
               "and small sellers for years.",
    # (spaCy's small model reads "London Mayor Sadiq Khan" as the bare "Khan": an extraction loss,
    # after which a lone "Khan" joins the one Khan known. The attack is about resolution.)
    "london.txt": "Sadiq Khan, the mayor of London, opposed the Silvertown Tunnel on Monday. Khan called the "
                  "tunnel a costly mistake for the city.",
    "singapore.txt": "Singapore lawmaker Raeesah Khan criticized the Workers' Party on Friday. Khan said the "
                     "party had failed its voters.",
}


def newsgraph(*args: str, store: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "NEWSGRAPH_"))}
    env["NEWSGRAPH_STORE"] = str(store)
    r = subprocess.run([EXE, *args], capture_output=True, text=True, timeout=600, stdin=subprocess.DEVNULL,
                       env=env)
    assert r.returncode == 0, r.stderr
    return r


def rows(store: Path, *query: str) -> list[dict]:
    return json.loads(newsgraph("query", *query, "--json", store=store).stdout)


def test_a_namesake_article_leaves_maria_alvarez_claims_unchanged(tmp_path):
    store = tmp_path / "graph.db"
    newsgraph("build", str(EXAMPLES), store=store)
    before = rows(store, "profile", "Maria Alvarez")
    assert before, "the sample articles hold claims about Maria Alvarez"
    (tmp_path / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    newsgraph("build", str(tmp_path / "hostile.txt"), store=store)
    assert rows(store, "profile", "Maria Alvarez") == before
    funders = rows(store, "funders")
    assert not [r for r in funders if r["subject"] == "Maria Alvarez" and "Militia" in r["object"]], funders


def test_three_khans_in_three_articles_stay_three_nodes(tmp_path):
    folder = tmp_path / "khans"
    folder.mkdir()
    for name, text in KHANS.items():
        (folder / name).write_text(text, encoding="utf-8")
    store = tmp_path / "graph.db"
    newsgraph("build", str(folder), store=store)
    export = tmp_path / "g.jsonl"
    newsgraph("export", "--format", "jsonl", "-o", str(export), store=store)
    people = [json.loads(ln) for ln in export.read_text().splitlines()]
    khans = [p for p in people if p.get("kind") == "node" and p["label"] == "Person" and "Khan" in p["name"]]
    assert sorted(p["name"] for p in khans) == ["Lina Khan", "Raeesah Khan", "Sadiq Khan"], khans
    for p in khans:  # no one carries another's name
        assert not [a for a in p["aliases"] if "Khan" in a and a.split()[0] not in p["name"]
                    and len(a.split()) > 1 and a.split()[0] in {"Lina", "Sadiq", "Raeesah"}], p
