"""Throughput of extraction (words/s) at 1 and 2 workers on the same generated corpus.

    .venv/bin/python bench/scale_workers.py [--articles 600] [--seed 0] [--workers 1 2] [--repeat 1]
                                            [--model NAME] [--extractor NAME] [--claim-model DIR] [--profile]

Prints the model load time on its own, then per worker count the time and words/s, and the
speed-up over 1 worker, both excluding start-up (1 worker: the model load; N workers:
the measured cost of starting a pool, i.e. the processes and their model loads) and end
to end (including it). With psutil installed it also prints each process's CPU time and the
throughput that implies on idle cores (a figure other load on the machine does not skew,
since CPU time is not counted while a process waits for a core). --profile adds a cProfile
of the 1-worker run (top 15 by cumulative time). Run it on an idle machine: the load
average is printed, since other processes on the same cores skew every figure.
"""
from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import sys
import time
from dataclasses import dataclass
from pathlib import Path

try:  # optional: per-worker CPU time, for a figure that load on the machine does not skew
    import psutil
except ImportError:
    psutil = None

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus  # noqa: E402  (bench/corpus.py, next to this script)

from newsgraph.extractors import ExtractorSpec, build_extractor, prepare_extractor  # noqa: E402
from newsgraph.extractors.parallel import extract_parallel  # noqa: E402
from newsgraph.graph import Article  # noqa: E402


@dataclass
class Run:
    wall: float  # seconds
    parent_cpu: float  # CPU seconds of this process during the run
    worker_cpu: list[float]  # CPU seconds of each worker process (empty without psutil, or at 1 worker)

    def idle_estimate(self, cores: int, worker_startup: float = 0.0) -> float:
        """The wall time this work would take on `cores` idle cores, less each worker's start-up.

        CPU time is what load on the machine does not skew: a process waiting for a core
        is not charged.
        """
        work = [max(c - worker_startup, 0.0) for c in self.worker_cpu]
        return max(self.parent_cpu, *work, (self.parent_cpu + sum(work)) / cores)


def run(articles: list[Article], spec: ExtractorSpec, workers: int) -> Run:
    batch_size = spec.batch_size
    me = psutil.Process() if psutil else None
    seen: dict[int, float] = {}  # pid -> CPU seconds, last sampled
    cpu, start = time.process_time(), time.perf_counter()
    for i, _ in enumerate(extract_parallel(articles, spec, workers)):
        if me and workers > 1 and i % batch_size == 0:
            # Workers are children of the forkserver, gone once the pool shuts down, so they are
            # sampled as results arrive: at the first result of each chunk (a chunk is batch_size
            # articles), i.e. just after a worker finished one, so no chunk's work is missed.
            for child in me.children(recursive=True):
                try:
                    if child.children() or "resource_tracker" in " ".join(child.cmdline()):
                        continue  # the forkserver (it forks the workers) and multiprocessing's tracker
                    t = child.cpu_times()
                    seen[child.pid] = t.user + t.system
                except psutil.Error:
                    pass
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    return Run(wall, cpu, sorted(seen.values(), reverse=True))


def startup(spec: ExtractorSpec, workers: int) -> tuple[float, float]:
    """What starting a pool costs: (wall seconds, CPU seconds per worker) of a run over a tiny article."""
    r = run([Article(text="Mayor Ana Ruiz spoke.")], spec, workers)
    return r.wall, (sum(r.worker_cpu) / len(r.worker_cpu) if r.worker_cpu else 0.0)


def profile(articles: list[Article], spec: ExtractorSpec) -> str:
    extractor = build_extractor(spec)
    prof = cProfile.Profile()
    prof.enable()
    for _ in extractor.extract(articles):
        pass
    prof.disable()
    out = io.StringIO()
    pstats.Stats(prof, stream=out).sort_stats("cumulative").print_stats(15)
    return out.getvalue()


def _autogroup() -> bool:
    try:
        return Path("/proc/sys/kernel/sched_autogroup_enabled").read_text().strip() == "1"
    except OSError:
        return False


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=600)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--repeat", type=int, default=1, help="runs per worker count, interleaved; the fastest counts")
    ap.add_argument("--model", default=None, help="spaCy pipeline")
    ap.add_argument("--extractor", default="", help="'model' or 'rules' [default: $NEWSGRAPH_EXTRACTOR or model]")
    ap.add_argument("--claim-model", default="", help="claim model folder [default: the shipped one]")
    ap.add_argument("--profile", action="store_true")
    args = ap.parse_args()

    spec = prepare_extractor(ExtractorSpec(args.extractor, args.model, args.claim_model, args.batch_size))
    articles = [Article(text=text, title=title) for title, text in corpus.articles(args.articles, args.seed)]
    words = sum(len(a.text.split()) for a in articles)
    load_before = os.getloadavg()[0]
    print(f"corpus: {len(articles)} articles, {words} words (bench/corpus.py, seed {args.seed}); "
          f"model {spec.pipeline}, extractor {spec.extractor}; {os.cpu_count()} cores; "
          f"load average {load_before:.2f}")
    t = time.perf_counter()
    build_extractor(spec)  # the first load in this process; the 1-worker runs reuse it
    load = time.perf_counter() - t
    print(f"model load: {load:.2f} s")

    cores = os.cpu_count() or 1
    base = None
    # Repeats are interleaved (1, 2, 1, 2, ...) so a burst of other load hits every worker count alike.
    runs: dict[int, list[Run]] = {w: [] for w in args.workers}
    for _ in range(args.repeat):
        for workers in args.workers:
            runs[workers].append(run(articles, spec, workers))
    for workers in args.workers:
        r = min(runs[workers], key=lambda r: r.wall)
        if workers == 1:  # its start-up is the model load, done before the timed runs
            start, start_cpu, excluded, end_to_end = load, 0.0, r.wall, r.wall + load
        else:  # the pool starts inside each run
            start, start_cpu = startup(spec, workers)
            excluded, end_to_end = max(r.wall - start, 1e-9), r.wall
        steady, total = words / excluded, words / end_to_end
        idle = words / r.idle_estimate(cores, start_cpu) if workers == 1 or r.worker_cpu else 0.0
        if base is None:
            base = (steady, total, idle)
        print(f"workers={workers}: {end_to_end:.1f} s end to end, of which start-up {start:.1f} s; "
              f"{steady:,.0f} words/s excluding start-up ({steady / base[0]:.2f}x), "
              f"{total:,.0f} words/s end to end ({total / base[1]:.2f}x)")
        if idle:
            workers_cpu = ", ".join(f"{c:.1f}" for c in r.worker_cpu) or "-"
            print(f"  CPU s: parent {r.parent_cpu:.1f}, workers [{workers_cpu}] (start-up {start_cpu:.1f} each)"
                  f" -> on {cores} idle cores, excluding start-up: {idle:,.0f} words/s ({idle / base[2]:.2f}x)")
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    if max(os.getloadavg()[0], load_before) > 1 and _autogroup():
        # The kernel shares CPU fairly between sessions, not processes: while another session
        # is busy this whole bench gets the same share at 1 or at 2 workers.
        print("note: the machine was busy and the kernel's autogroup scheduling is on, so the wall-clock "
              "ratios understate the speed-up; trust the CPU s lines")
    if args.profile:
        print("\ncProfile of the 1-worker run, top 15 by cumulative time:")
        print(profile(articles, spec))


if __name__ == "__main__":
    main()
