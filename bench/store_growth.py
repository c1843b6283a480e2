"""Does adding an article to the embedded store get slower as the store grows?

Adds N synthetic articles (default 10,000) to a fresh store in one run and
compares the mean time of `Store.add` over the first and the last thousand.
The target is a ratio <= 1.5: the cost of an article must not depend on how
much is already stored.

    .venv/bin/python bench/store_growth.py [--articles 10000] [--no-paired]

On a shared machine the load of other processes drifts between the first and
the last block; the paired re-measurement alternates the two blocks (a fresh
store and a store holding the other articles) so both see the same load.
"""
from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from newsgraph.graph import Article, Claim, Entity, Evidence, Extraction, RELATIONS
from newsgraph.loaders.store import Store

SYLLABLES = ["ka", "ren", "mo", "li", "sa", "tor", "vi", "den", "el", "gu", "na", "pra", "zo", "bel", "ri"]
RECURRING = [("Larry Krasner", "Person"), ("George Soros", "Person"), ("ICE", "Organization"),
             ("White House", "Organization"), ("Philadelphia", "Place"), ("Illinois", "Place"),
             ("ICE OUT", "Policy"), ("protesters", "Group"), ("Philadelphia City Council", "Organization"),
             ("Republican state lawmakers", "Group")]
KINDS = ("Person", "Organization", "Place", "Policy", "Group")


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def synthetic_extraction(i: int, rng: random.Random) -> Extraction:
    """One article: two or three new actors, one or two recurring ones, three or four claims."""
    aid = f"bench-{i:05d}"
    ents = [Entity(name, label, [name.split()[-1]] if label == "Person" else [])
            for name, label in rng.sample(RECURRING, rng.randint(1, 2))]
    for _ in range(rng.randint(2, 3)):
        label = rng.choice(KINDS)
        name = f"{_word(rng)} {_word(rng)}" + ("" if label == "Person" else f" {label} {i}")
        ents.append(Entity(name, label, [name.split()[-1]] if label == "Person" else []))
    ents = list({(e.label, e.name): e for e in ents}.values())
    text = " ".join(f"{e.name} said something about the matter." for e in ents) * 8
    claims = []
    for k in range(rng.randint(3, 4)):
        s, o = rng.sample(ents, 2)
        start = 40 * k
        claims.append(Claim(s.name, s.label, rng.choice(RELATIONS), o.name, o.label,
                            [Evidence(aid, text[start:start + 40], start, start + 40, "said",
                                      round(rng.uniform(0.5, 1.0), 3), rng.random() < 0.05)]))
    article = Article(id=aid, title=f"Synthetic article {i}", text=text, date="2026-11-24",
                      source="bench")
    return Extraction(article, ents, claims)


def timed_add(store: Store, ex: Extraction, wall: list[float], cpu: list[float]) -> None:
    t0, c0 = time.perf_counter(), time.process_time()
    store.add(ex)
    wall.append(time.perf_counter() - t0)
    cpu.append(time.process_time() - c0)


def store_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))


def paired(extractions: list[Extraction], block: int, tmp: Path) -> tuple[float, float]:
    """First block into a fresh store alternated with the last block into a store holding all the
    others: both halves see the same load from other processes, so their ratio is the store's own."""
    small, big = Store(tmp / "small.db"), Store(tmp / "big.db")
    with small, big:
        for ex in extractions[:-block]:
            big.add(ex)
        ws, cs, wb, cb = [], [], [], []
        for early, late in zip(extractions[:block], extractions[-block:]):
            timed_add(small, early, ws, cs)
            timed_add(big, late, wb, cb)
    return statistics.mean(wb) / statistics.mean(ws), statistics.mean(cb) / statistics.mean(cs)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--no-paired", action="store_true", help="skip the paired re-measurement")
    args = ap.parse_args()
    rng = random.Random(2026)
    extractions = [synthetic_extraction(i, rng) for i in range(args.articles)]
    block = min(1000, args.articles // 2)
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        path = tmp / "bench.db"
        wall: list[float] = []
        cpu: list[float] = []  # our own CPU time: less disturbed by other processes on the machine
        with Store(path) as store:
            for ex in extractions:
                timed_add(store, ex, wall, cpu)
            stats = store.stats()
        size = store_size(path)
        first, last = statistics.mean(wall[:block]), statistics.mean(wall[-block:])
        print(f"{len(wall)} articles -> {stats['entities']} entities, "
              f"{stats['relationships']} relationships, "
              f"{stats['evidence']} evidence; store {size / 1e6:.1f} MB; total {sum(wall):.1f} s")
        print(f"mean per article, articles 1-{block}: {first * 1e3:.3f} ms")
        print(f"mean per article, articles {len(wall) - block + 1}-{len(wall)}: {last * 1e3:.3f} ms")
        print(f"ratio last/first: {last / first:.2f} (target <= 1.5)")
        cfirst, clast = statistics.mean(cpu[:block]), statistics.mean(cpu[-block:])
        print(f"CPU time per article: {cfirst * 1e3:.3f} ms -> {clast * 1e3:.3f} ms, "
              f"ratio {clast / cfirst:.2f}")
        # The whole curve: a store that slows with its size shows a trend here, not just noise.
        curve = [statistics.mean(wall[i:i + block]) * 1e3 for i in range(0, len(wall), block)]
        print(f"mean per article by block of {block}: " + " ".join(f"{t:.2f}" for t in curve) + " ms")
        if not args.no_paired:
            wall_ratio, cpu_ratio = paired(extractions, block, tmp)
            print(f"paired (first and last block alternated, same machine load): "
                  f"ratio {wall_ratio:.2f} wall, {cpu_ratio:.2f} CPU")


if __name__ == "__main__":
    main()
