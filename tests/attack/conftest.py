"""The attack suite's tally: every `newsgraph` command the attack runs, how many crashed (exit 70,
"internal error") and how many hung (hit their hard time limit). Printed at the end of the run;
the tests themselves fail on any crash, hang, change of data or schema, or wrong merge."""
from __future__ import annotations

import subprocess
from dataclasses import dataclass

import pytest


@dataclass
class Tally:
    commands: int = 0
    crashes: int = 0
    hangs: int = 0


TALLY = Tally()
_run = subprocess.run


def _counted_run(args, *a, **kw):
    argv = args if isinstance(args, (list, tuple)) else [args]
    first = str(argv[0]) if argv else ""
    ours = first.endswith("/newsgraph") or (first == "unshare" and "newsgraph" in str(argv[-1]))
    try:
        r = _run(args, *a, **kw)
    except subprocess.TimeoutExpired:
        if ours:
            TALLY.commands += 1
            TALLY.hangs += 1
        raise
    if ours:
        TALLY.commands += 1
        err = r.stderr if isinstance(r.stderr, str) else (r.stderr or b"").decode("utf-8", "replace")
        if r.returncode == 70 or "internal error" in (err or ""):
            TALLY.crashes += 1
    return r


@pytest.fixture(autouse=True)
def _tally_commands(monkeypatch):
    monkeypatch.setattr(subprocess, "run", _counted_run)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    def ours(kind: str) -> list:
        return [r for r in terminalreporter.stats.get(kind, []) if "attack/" in getattr(r, "nodeid", "")]

    cases = sum(len(ours(k)) for k in ("passed", "failed", "error"))
    if TALLY.commands or cases:
        terminalreporter.write_line(
            f"attack: {cases} cases, {TALLY.commands} newsgraph commands, {TALLY.crashes} crashes (exit 70), "
            f"{TALLY.hangs} hangs, {len(ours('failed'))} failed (data/schema changes, wrong merges, "
            "refusals missing)")
