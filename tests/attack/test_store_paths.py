"""Attack: store paths that are not files, and a store on a read-only mount.

A FIFO as the store made every command wait forever; now each says what the path is in one line.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from newsgraph.loaders.store import Store

pytestmark = pytest.mark.slow  # a real command per case

EXE = str(Path(sys.executable).parent / "newsgraph")


def newsgraph(*args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "NEWSGRAPH_"))}
    return subprocess.run([EXE, *args], capture_output=True, text=True, timeout=timeout,
                          stdin=subprocess.DEVNULL, env=env)


EMPTY_EXPORT = '{"kind": "end", "articles": 0, "nodes": 0, "relationships": 0}\n'
COMMANDS = [["stats"], ["query", "who-opposes"], ["export", "--format", "jsonl", "-o", "{tmp}/x.jsonl"],
            ["view", "-o", "{tmp}/x.html"], ["load", "--uri", "bolt://127.0.0.1:1"],
            ["build", "{tmp}/none.txt"], ["restore", "{tmp}/none.jsonl"]]


@pytest.mark.parametrize("kind", ["fifo", "folder", "device"])
def test_a_store_path_that_is_not_a_file_is_refused_at_once(tmp_path, kind):
    store = {"fifo": tmp_path / "pipe.db", "folder": tmp_path / "dir.db", "device": Path("/dev/null")}[kind]
    if kind == "fifo":
        os.mkfifo(store)
    elif kind == "folder":
        store.mkdir()
    (tmp_path / "none.jsonl").write_text(EMPTY_EXPORT)
    (tmp_path / "none.txt").write_text("")
    what = {"fifo": "a named pipe", "folder": "a folder", "device": "a character device"}[kind]
    for cmd in COMMANDS:
        argv = [a.replace("{tmp}", str(tmp_path)) for a in cmd] + ["--store", str(store)]
        r = newsgraph(*argv)  # a hang fails here by timeout
        assert r.returncode == 2, (cmd, r.returncode, r.stderr)
        if kind == "folder":  # click's own check of --store: a usage error, also exit 2
            assert "is a directory" in r.stderr and "Traceback" not in r.stderr, (cmd, r.stderr)
            continue
        assert r.stderr.count("\n") == 1 and f"it is {what}, not a file" in r.stderr, (cmd, r.stderr)
    assert not (tmp_path / "x.jsonl").exists() and not (tmp_path / "x.html").exists()


def _can_unshare() -> bool:
    if not shutil.which("unshare"):
        return False
    return subprocess.run(["unshare", "-m", "mount", "--bind", "/", "/mnt"], capture_output=True).returncode == 0


@pytest.mark.skipif(not _can_unshare(), reason="needs unshare -m and mount (root) for a read-only mount")
def test_a_store_on_a_read_only_mount_is_read_and_not_written(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    with Store(folder / "graph.db") as s:
        s.stats()
    before = (folder / "graph.db").read_bytes()
    script = (f"mount --bind {folder} {folder} && mount -o remount,bind,ro {folder} && "
              f"{EXE} stats --json --store {folder}/graph.db && "
              f"{{ {EXE} restore {tmp_path}/e.jsonl --store {folder}/graph.db; echo restore=$?; }}")
    (tmp_path / "e.jsonl").write_text(EMPTY_EXPORT)
    r = subprocess.run(["unshare", "-m", "sh", "-c", script], capture_output=True, text=True, timeout=60)
    assert '"articles": 0' in r.stdout, r.stderr
    assert "restore=2" in r.stdout and "read-only" in r.stderr, (r.stdout, r.stderr)
    assert (folder / "graph.db").read_bytes() == before
