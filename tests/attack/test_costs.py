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
