"""Attack: a second, different article under an id already stored is said, not dropped in silence;
the same article again is counted as already stored."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # builds with the spaCy model

EXE = str(Path(sys.executable).parent / "newsgraph")


def build(*paths: Path, store: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "NEWSGRAPH_"))}
    return subprocess.run([EXE, "build", *map(str, paths), "--store", str(store)], capture_output=True, text=True,
                          timeout=300, stdin=subprocess.DEVNULL, env=env)


def test_another_article_with_a_stored_id(tmp_path):
    first = tmp_path / "first.json"
    first.write_text(json.dumps({"id": "story-1", "text": "Senator Tom Okafor opposed the Fair Rent Act."}))
    same = tmp_path / "same.json"
    same.write_text(first.read_text())
    other = tmp_path / "other.json"
    other.write_text(json.dumps({"id": "story-1", "text": "Mayor Lucia Ortega supported Measure K."}))
    store = tmp_path / "graph.db"
    r = build(first, store=store)
    assert r.returncode == 0, r.stderr
    r = build(same, other, store=store)
    assert r.returncode == 1, r.stderr
    lines = [ln for ln in r.stderr.splitlines() if ln.startswith("newsgraph: skipped")]
    assert len(lines) == 1 and "another article with id 'story-1' is already stored" in lines[0], r.stderr
    assert "0 added, 1 already stored, 1 skipped" in r.stderr
