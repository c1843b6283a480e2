"""Attack: exports cut short, full disks, read-only places, NaN and Infinity, empty names.

Nothing is lost in silence: a partial export is refused by `restore`, a failed export leaves the
previous one whole, and every refusal is one line with exit 2.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sample_graphs import many_claims, store_of

pytestmark = pytest.mark.slow  # real commands, real mounts

EXE = str(Path(sys.executable).parent / "newsgraph")


def newsgraph(*args: str, store: Path | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "NEWSGRAPH_"))}
    if store:
        env["NEWSGRAPH_STORE"] = str(store)
    return subprocess.run([EXE, *args], capture_output=True, text=True, timeout=120,
                          stdin=subprocess.DEVNULL, env=env)


def one_line(r: subprocess.CompletedProcess, code: int = 2) -> str:
    assert r.returncode == code, (r.returncode, r.stderr)
    assert r.stderr.count("\n") == 1 and "Traceback" not in r.stderr, r.stderr
    return r.stderr


@pytest.fixture
def exported(tmp_path) -> tuple[Path, Path]:
    store = store_of(tmp_path / "graph.db", many_claims(people=30, bills=10))
    out = tmp_path / "graph.jsonl"
    r = newsgraph("export", "--format", "jsonl", "-o", str(out), store=store)
    assert r.returncode == 0, r.stderr
    return store, out


def test_an_export_cut_at_a_line_boundary_is_refused(exported, tmp_path):
    _, out = exported
    lines = out.read_text(encoding="utf-8").splitlines(keepends=True)
    assert json.loads(lines[-1]) == {"kind": "end", "articles": 1, "nodes": 40, "relationships": 60}
    for cut in (len(lines) - 1, len(lines) // 2, 5):
        part = tmp_path / f"part{cut}.jsonl"
        part.write_text("".join(lines[:cut]), encoding="utf-8")
        target = tmp_path / f"restored{cut}.db"
        assert "not a whole export" in one_line(newsgraph("restore", str(part), "--store", str(target)))
        assert not target.exists()
    edited = tmp_path / "edited.jsonl"
    edited.write_text("".join(lines[:-3] + lines[-1:]), encoding="utf-8")  # two claims dropped, end kept
    assert "closing line says" in one_line(newsgraph("restore", str(edited), "--store", str(tmp_path / "e.db")))


@pytest.mark.parametrize("bad", ["NaN", "Infinity", "-Infinity", "1.5", "-0.1"])
def test_a_confidence_that_is_not_0_to_1_is_refused_by_line(exported, tmp_path, bad):
    _, out = exported
    lines = out.read_text(encoding="utf-8").splitlines(keepends=True)
    n = next(i for i, ln in enumerate(lines) if '"kind":"relationship"' in ln)
    lines[n] = lines[n].replace('"confidence":0.8', f'"confidence":{bad}')
    (tmp_path / "bad.jsonl").write_text("".join(lines), encoding="utf-8")
    line = one_line(newsgraph("restore", str(tmp_path / "bad.jsonl"), "--store", str(tmp_path / "r.db")))
    assert f"bad.jsonl:{n + 1}:" in line, line


def test_an_empty_actor_name_is_refused(exported):
    store, _ = exported
    for name in ("", "   "):
        assert "names nothing" in one_line(newsgraph("query", "profile", name, store=store))


def _can_mount() -> bool:
    return bool(shutil.which("unshare")) and subprocess.run(
        ["unshare", "-m", "mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", "/mnt"],
        capture_output=True).returncode == 0


@pytest.mark.skipif(not _can_mount(), reason="needs unshare -m and mount (root) for a full disk")
def test_a_full_disk_leaves_the_previous_export_whole(tmp_path):
    small = store_of(tmp_path / "small.db", many_claims(people=3, bills=5, article="small"))
    big = store_of(tmp_path / "big.db", many_claims(people=400, bills=30, text_size=400_000))
    disk = tmp_path / "disk"
    disk.mkdir()
    script = f"""
mount -t tmpfs -o size=300k tmpfs {disk} || exit 99
for fmt in jsonl graphml gexf; do
  {EXE} export --format $fmt -o {disk}/g.$fmt --store {small} 2>/dev/null || echo "small $fmt failed"
  cp {disk}/g.$fmt {disk}/../before.$fmt
  {EXE} export --format $fmt -o {disk}/g.$fmt --store {big}; echo "big $fmt exit=$?"
  cmp -s {disk}/g.$fmt {tmp_path}/before.$fmt && echo "$fmt kept"
done
{EXE} view -o {disk}/view.html --store {big}; echo "view exit=$?"
ls -a {disk}
"""
    r = subprocess.run(["unshare", "-m", "sh", "-c", script], capture_output=True, text=True, timeout=300)
    for fmt in ("jsonl", "graphml", "gexf"):
        assert f"big {fmt} exit=2" in r.stdout and f"{fmt} kept" in r.stdout, (r.stdout, r.stderr)
    assert "view exit=2" in r.stdout, (r.stdout, r.stderr)
    assert ".tmp" not in r.stdout  # no temporary file left behind
    assert "Traceback" not in r.stderr and "internal error" not in r.stderr, r.stderr
    assert r.stderr.count("cannot write") == 4, r.stderr


@pytest.mark.skipif(not _can_mount(), reason="needs unshare -m and mount (root) for a read-only mount")
def test_view_and_export_onto_a_read_only_place(exported, tmp_path):
    store, _ = exported
    ro = tmp_path / "ro"
    ro.mkdir()
    script = f"""
mount --bind {ro} {ro} && mount -o remount,bind,ro {ro} || exit 99
{EXE} view -o {ro}/v.html --store {store}; echo "view exit=$?"
{EXE} export --format gexf -o {ro}/g.gexf --store {store}; echo "export exit=$?"
"""
    r = subprocess.run(["unshare", "-m", "sh", "-c", script], capture_output=True, text=True, timeout=120)
    assert "view exit=2" in r.stdout and "export exit=2" in r.stdout, (r.stdout, r.stderr)
    assert r.stderr.count("Read-only file system") == 2 and "internal error" not in r.stderr, r.stderr
