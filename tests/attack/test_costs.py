"""Attack: inputs whose cost was out of proportion to their size now finish (a hard time bound
catches a regression to quadratic work; speed itself is measured by bench/hostile_costs.py)."""
from __future__ import annotations

import subprocess
import sys

import pytest

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("code", [
    # 480 KB of unclosed and stray tags: was quadratic (840 KB took 152 s); now about a second.
    "from newsgraph.loaders.html_text import parse_html; "
    "parse_html('<p>Okafor opposed it.</p>' + '<b>' * 80000 + '</i>' * 80000)",
    # a long query full of comments through the read-only guard
    "from newsgraph.loaders.cypher_guard import refusal; "
    "refusal('MATCH (n) WHERE ' + ' OR '.join(f'n.x{i} = 1 // c\\n' for i in range(40000)) + ' RETURN n')",
])
def test_hostile_inputs_finish(code):
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_extract_open_keeps_the_long_text_safeguards(tmp_path):
    """`extract --open` parsed the raw text: 40,000 "(" took 127 s, over a million characters failed."""
    from pathlib import Path
    import json
    import os

    text = "Senator Tom Okafor opposed the Fair Rent Act. " * 50 + "(" * 40_000 + " Mayor Lucia Ortega backed Measure K."
    (tmp_path / "storm.txt").write_text(text, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "NEWSGRAPH_"))}
    r = subprocess.run([str(Path(sys.executable).parent / "newsgraph"), "extract", str(tmp_path / "storm.txt"),
                        "--open"], capture_output=True, text=True, timeout=120, env=env, stdin=subprocess.DEVNULL)
    assert r.returncode == 0, r.stderr
    opens = [json.loads(ln) for ln in r.stdout.splitlines() if '"kind": "open"' in ln or '"kind":"open"' in ln]
    assert opens and all(text[o["subject_span"][0]:o["subject_span"][1]] == o["subject"] for o in opens)
