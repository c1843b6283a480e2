"""Attack: a damaged store. Bytes flipped in a text column, a word where a number belongs, a blob
where text belongs, broken pages, a 5000-digit schema version.

Reading commands use what can be read and name the store and the damage in one line (exit 1, or 2
when nothing can be read); writing commands refuse with one line and leave the file unchanged.
"""
from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from sample_graphs import many_claims, store_of

pytestmark = pytest.mark.slow  # a real command per case

EXE = str(Path(sys.executable).parent / "newsgraph")


def _sql(path: Path, statement: str) -> None:
    db = sqlite3.connect(path)
    try:
        db.execute(statement)
        db.commit()
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # all of it in the file itself
    finally:
        db.close()


def _flip_text(path: Path) -> None:
    data = bytearray(path.read_bytes())
    at = data.index(b"Person Number17")
    data[at] = 0xFF  # no longer UTF-8; SQLite's checks do not look inside text
    path.write_bytes(bytes(data))


def _break_pages(path: Path) -> None:
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big") or 65536
    for k in range(2, len(data) // page):
        data[k * page:k * page + 12] = b"\xde\xad\xbe\xef" * 3  # page headers gone
    path.write_bytes(bytes(data))


DAMAGE = {
    "flipped text": _flip_text,
    "word for a number": lambda p: _sql(p, "UPDATE evidence SET confidence = 'high' "
                                           "WHERE id = (SELECT min(id) FROM evidence)"),
    "blob for text": lambda p: _sql(p, "UPDATE articles SET title = X'00ff10'"),
    "broken pages": _break_pages,
    "huge schema version": lambda p: _sql(p, f"UPDATE meta SET value = '{'1' * 5000}' "
                                             "WHERE key = 'schema_version'"),
}
ROW_DAMAGE = {"flipped text", "word for a number", "blob for text"}


@pytest.fixture(params=sorted(DAMAGE))
def damaged(request, tmp_path) -> tuple[str, Path]:
    path = store_of(tmp_path / "graph.db", many_claims(people=30, bills=10))
    DAMAGE[request.param](path)
    return request.param, path


def newsgraph(*args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "NEWSGRAPH_"))}
    return subprocess.run([EXE, *args], capture_output=True, text=True, timeout=120,
                          stdin=subprocess.DEVNULL, env=env)


def test_every_command_names_the_damage_and_writes_nothing(damaged, tmp_path):
    kind, store = damaged
    before = store.read_bytes()
    good = tmp_path / "good.jsonl"
    r = newsgraph("export", "--format", "jsonl", "-o", str(good), "--store",
                  str(store_of(tmp_path / "other.db", many_claims(people=2, bills=5, article="other"))))
    assert r.returncode == 0, r.stderr
    reading = {"stats": ["stats"], "query": ["query", "who-opposes"],
               "export": ["export", "--format", "jsonl", "-o", str(tmp_path / "out.jsonl")],
               "view": ["view", "-o", str(tmp_path / "out.html")]}
    writing = {"restore": ["restore", str(good)], "build": ["build", str(good)]}
    for name, argv in {**reading, **writing}.items():
        r = newsgraph(*argv, "--store", str(store))
        assert "Traceback" not in r.stderr and "internal error" not in r.stderr, (kind, name, r.stderr)
        named = [ln for ln in r.stderr.splitlines() if str(store) in ln]
        assert len(named) == 1, (kind, name, r.stderr)
        assert "damaged" in named[0] or (kind == "huge schema version" and "not a newsgraph store" in named[0]), \
            (kind, name, named)
        if name in writing or kind not in ROW_DAMAGE:
            assert r.returncode == 2, (kind, name, r.returncode, r.stderr)
        else:
            assert r.returncode == 1, (kind, name, r.returncode, r.stderr)
    assert store.read_bytes() == before  # nothing written into it
    if kind in ROW_DAMAGE:  # what could be read was exported, and reads back
        out = tmp_path / "out.jsonl"
        assert out.exists() and (tmp_path / "out.html").exists()
        r = newsgraph("restore", str(out), "--store", str(tmp_path / "saved.db"))
        assert r.returncode == 0, r.stderr
