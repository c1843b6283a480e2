"""The stages' folders are packages of newsgraph (graph/ is newsgraph.graph): imported bare from a checkout,
each says so at once, instead of loading a second copy of every class."""
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("folder", ["graph", "loaders", "queries"])
def test_a_stage_imported_bare_says_to_import_it_from_newsgraph(folder):
    r = subprocess.run([sys.executable, "-c", f"import {folder}"], cwd=ROOT, capture_output=True, text=True,
                       timeout=60)
    assert r.returncode != 0
    assert f"ImportError: import newsgraph.{folder}, not {folder}" in r.stderr
