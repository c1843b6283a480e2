"""Attack: one sentence repeated a thousand times must not cost a thousand times the storage.
The same sentence is one piece of evidence per claim and article."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # builds with the spaCy model

EXE = str(Path(sys.executable).parent / "newsgraph")


def test_a_repeated_sentence_is_stored_once(tmp_path):
    (tmp_path / "long.txt").write_text("Senator Long Line opposes the Long Act. " * 1000, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "NEWSGRAPH_"))}
    env["NEWSGRAPH_STORE"] = str(tmp_path / "graph.db")
    r = subprocess.run([EXE, "build", str(tmp_path / "long.txt")], capture_output=True, text=True, timeout=600,
                       env=env, stdin=subprocess.DEVNULL)
    assert r.returncode == 0, r.stderr
    r = subprocess.run([EXE, "stats", "--json"], capture_output=True, text=True, timeout=60, env=env)
    s = json.loads(r.stdout)
    assert s["relationships"] >= 1 and s["evidence"] <= 2 * s["relationships"], s
    assert (tmp_path / "graph.db").stat().st_size < 2_000_000
