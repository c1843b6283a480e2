"""Peak memory (RSS) of `newsgraph build` on a corpus and on one ten times larger.

    .venv/bin/python bench/memory.py [--articles 100] [--factor 10] [--seed 0] [--workers 1]

Generates both corpora with bench/corpus.py into a temporary folder, runs
`newsgraph build <corpus> --store <tmp>/store.db` on each as a child process, and prints
each run's peak RSS (the child's ru_maxrss from wait4, i.e. its largest process), its
time, and the ratio of the two peaks. Streaming extraction and per-article store writes
should keep the ratio near 1 (target <= 1.3): the model dominates, not the corpus.
If the CLI is not installed, the same stages run in a child Python process instead
(read_articles -> extract -> Store.add).
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus  # noqa: E402  (bench/corpus.py, next to this script)

VENV_BIN = Path(sys.executable).parent
# The pipeline of `newsgraph build`, for when the CLI is not there.
FALLBACK = """
import sys
from newsgraph.extractors import extract, load_model
from newsgraph.loaders.readers import read_articles
from newsgraph.loaders.store import Store
from newsgraph.graph import Article
with Store(sys.argv[2]) as store:
    arts = (a for a in read_articles([sys.argv[1]]) if isinstance(a, Article))
    for x in extract(arts, load_model(None)):
        store.add(x)
"""


def build_command(corpus_dir: Path, store: Path, workers: int) -> list[str]:
    cli = shutil.which("newsgraph", path=str(VENV_BIN)) or shutil.which("newsgraph")
    if cli:
        return [cli, "build", str(corpus_dir), "--store", str(store), "--workers", str(workers)]
    return [sys.executable, "-c", FALLBACK, str(corpus_dir), str(store)]


def peak_rss(cmd: list[str]) -> tuple[float, float]:
    """(peak RSS in MiB, seconds) of one child process run to completion."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    # wait4 gives this child's own rusage (RUSAGE_CHILDREN would mix in earlier runs).
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err[-2000:]}")
    return usage.ru_maxrss / 1024, time.perf_counter() - start  # Linux reports KiB


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=100)
    ap.add_argument("--factor", type=int, default=10)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--workers", type=int, default=1)
    args = ap.parse_args()

    with tempfile.TemporaryDirectory(prefix="newsgraph-bench-") as tmp:
        peaks = []
        for n in (args.articles, args.articles * args.factor):
            folder = Path(tmp) / f"corpus-{n}"
            words = corpus.write_corpus(folder, n, args.seed)
            cmd = build_command(folder, Path(tmp) / f"store-{n}.db", args.workers)
            rss, secs = peak_rss(cmd)
            size = (Path(tmp) / f"store-{n}.db").stat().st_size / 2**20
            peaks.append(rss)
            print(f"{n} articles ({words} words): peak RSS {rss:.0f} MiB, {secs:.1f} s, store {size:.1f} MiB"
                  f"  [{Path(cmd[0]).name} {' '.join(cmd[1:2])}]")
        print(f"peak RSS ratio {args.factor}x corpus / 1x corpus: {peaks[1] / peaks[0]:.2f} (target <= 1.3)")


if __name__ == "__main__":
    main()
