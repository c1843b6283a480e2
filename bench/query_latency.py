"""Do the named queries on the embedded store stay fast as the store grows?

Builds two synthetic stores in one run, of N and 10 x N articles (default 2,000 and 20,000; the
same generator as store_growth.py, with texts of about 500 words), and times, on each:
- the `newsgraph` command as a user runs it (a child process: start-up, opening the store,
  the query, the table), median of --repeat runs, for `stats` and each named query;
- the query alone in this process (`answer()` on the store's indexes; for the stance questions,
  timeline and contested, their names matched there and only their claims read), median of --repeat, and
  once the way every query ran before (the whole store read into a NewsGraph), for comparison.

Queries name an actor of the first article (its answer is the same size in both stores), and
also a recurring actor and no actor at all, whose answers grow with the store. Targets (for the
named-actor queries): latency at 10 x N <= 1.5x that at N, and <= 3x `stats` at both.

    .venv/bin/python bench/query_latency.py [--articles 2000] [--factor 10] [--repeat 5]
"""
from __future__ import annotations

import argparse
import dataclasses
import functools
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from store_growth import RECURRING, synthetic_extraction

from newsgraph.graph import Extraction
from newsgraph.loaders.store import Store
from newsgraph.loaders.store_claims import claims_subgraph
from newsgraph.queries.answer import GraphBackend, StoreBackend, answer
from newsgraph.queries.library import STANCE_NAMES
from newsgraph.queries.stance_answer import GraphStances, bind_stance
from newsgraph.queries.stance_answer import answer as stance_answer

EXE = str(Path(sys.executable).parent / "newsgraph")
WORDS = "the council said on tuesday that its members would consider the proposal again next month".split()


def extractions(n: int) -> list[Extraction]:
    rng = random.Random(2026)
    out = []
    for i in range(n):
        x = synthetic_extraction(i, rng)
        pad = " ".join(rng.choice(WORDS) for _ in range(500))  # a news article's length of text
        out.append(dataclasses.replace(x, article=dataclasses.replace(x.article, text=x.article.text + " " + pad)))
    return out


def build(path: Path, xs: list[Extraction]) -> float:
    t0 = time.perf_counter()
    with Store(path) as store:
        for x in xs:
            store.add(x)
    return time.perf_counter() - t0


def cli(args: list[str], store: Path, repeat: int) -> float:
    times = []
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "NEWSGRAPH_"))}
    for _ in range(repeat):
        t0 = time.perf_counter()
        r = subprocess.run([EXE, *args, "--store", str(store)], capture_output=True, text=True, env=env)
        times.append(time.perf_counter() - t0)
        if r.returncode != 0:
            raise SystemExit(f"{args}: exit {r.returncode}: {r.stderr.strip()}")
    return statistics.median(times)


def in_process(store: Store, name: str, args: tuple[str, ...], repeat: int) -> tuple[float, int]:
    times, rows = [], 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        rows = len(ask(store, name, args))
        times.append(time.perf_counter() - t0)
    return statistics.median(times), rows


def ask(store: Store, name: str, args: tuple[str, ...]) -> list[dict]:
    """The rows of a query as `newsgraph query` gets them, from the store's indexes."""
    if name in STANCE_NAMES:  # timeline, ...: names on the index, then only their claims read
        backend = GraphStances.of_store(store, functools.partial(claims_subgraph, store))
        return stance_answer(name, bind_stance(name, args), backend)[0]
    return answer(name, args, StoreBackend(store)).rows


def median_of(f, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        f()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def whole_graph(store: Store, name: str, args: tuple[str, ...]) -> float:
    t0 = time.perf_counter()
    answer(name, args, GraphBackend(store.graph()))
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--factor", type=int, default=10)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    sizes = [args.articles, args.articles * args.factor]
    xs = extractions(sizes[-1])
    # Actors of the first articles that recur nowhere else: their answers are the same in both stores.
    new = [(c, x) for x in xs[:50] for c in x.claims if (c.object, c.object_label) not in RECURRING
           and (c.subject, c.subject_label) not in RECURRING]
    person = next(c.subject for c, _ in new if c.subject_label == "Person")
    other = next(c.object for c, x in new if person not in (c.subject, c.object))

    def object_of(*relations: str) -> str:
        return next(c.object for c, _ in new if c.relation in relations)
    queries = {  # what a user asks: a named actor (constant answer) ...
        "profile ACTOR": ["profile", person], "who-opposes OBJECT": ["who-opposes", object_of("OPPOSES")],
        "critics OBJECT": ["critics", object_of("CRITICIZES", "ACCUSES")],
        "funders OBJECT": ["funders", object_of("FUNDS")],
        "path ACTOR ACTOR": ["path", person, other],
        "timeline ACTOR": ["timeline", person], "contested ACTOR": ["contested", person],
        # ... and answers that grow with the store
        "profile RECURRING": ["profile", "Larry Krasner"], "who-opposes (all)": ["who-opposes"],
    }
    print("queries: " + "; ".join(" ".join(argv) for argv in queries.values()) + f"; {args.repeat} runs each, median")
    results: dict[int, dict[str, float]] = {}
    alone: dict[int, dict[str, float]] = {}  # in this process: no start-up, no checks on opening
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            path = Path(tmp) / f"store-{n}.db"
            secs = build(path, xs[:n])
            size = sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))
            with Store(path, readonly=True) as store:
                s = store.stats()
                print(f"\n{n} articles: {s['entities']} entities, {s['relationships']} relationships, "
                      f"{s['evidence']} evidence; {size / 1e6:.0f} MB; built in {secs:.0f} s")
                res = results[n] = {"stats": cli(["stats"], path, args.repeat)}
                own = alone[n] = {"stats": median_of(store.stats, args.repeat)}
                print(f"  {'newsgraph stats':34s} {res['stats'] * 1e3:7.0f} ms; Store.stats() alone "
                      f"{own['stats'] * 1e3:.1f} ms")
                for label, argv in queries.items():
                    res[label] = cli(["query", *argv], path, args.repeat)
                    own[label], rows = in_process(store, argv[0], tuple(argv[1:]), args.repeat)
                    before = whole_graph(store, argv[0], tuple(argv[1:])) if label == "profile ACTOR" else None
                    extra = f"; whole store into a NewsGraph (as before): {before * 1e3:.0f} ms" if before else ""
                    print(f"  {'newsgraph query ' + label:34s} {res[label] * 1e3:7.0f} ms "
                          f"({res[label] / res['stats']:.2f}x stats); the query alone {own[label] * 1e3:.1f} ms, "
                          f"{rows} rows{extra}")
    for what, table in (("the command", results), ("the query alone, in this process", alone)):
        small, big = table[sizes[0]], table[sizes[1]]
        print(f"\n{what}: {sizes[1]} vs {sizes[0]} articles (target <= 1.5 for a named actor), and vs stats "
              f"at {sizes[0]} / {sizes[1]} (target <= 3 at both):")
        for label in ["stats", *queries]:
            vs = "" if label == "stats" else f"   vs stats {small[label] / small['stats']:.2f}x / {big[label] / big['stats']:.2f}x"
            print(f"  {label:22s} {big[label] / small[label]:.2f}{vs}")


if __name__ == "__main__":
    main()
