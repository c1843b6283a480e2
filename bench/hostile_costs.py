"""Does a hostile input cost in proportion to its size? Ratios of time for 2n against n, one run.

    .venv/bin/python bench/hostile_costs.py [--n 20000]

Linear work doubles (ratio about 2); quadratic work quadruples (ratio about 4). Inputs:
  html-unclosed   '<b>' * n + '</i>' * n through the HTML reader (was quadratic: 840 KB took 152 s)
  cypher-guard    a query of n words through the read-only guard's tokenizer
"""
from __future__ import annotations

import argparse
import time

from newsgraph.loaders.cypher_guard import refusal
from newsgraph.loaders.html_text import parse_html


def _html(n: int) -> None:
    parse_html("<p>Senator Tom Okafor opposed the Fair Rent Act.</p>" + "<b>" * n + "</i>" * n)


def _cypher(n: int) -> None:
    refusal("MATCH (n) WHERE " + " OR ".join(f"n.x{i} = 'v{i}' // c\n" for i in range(n)) + " RETURN n")


def seconds(f, n: int) -> float:
    t = time.perf_counter()
    f(n)
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=20_000)
    n = ap.parse_args().n
    for name, f in (("html-unclosed", _html), ("cypher-guard", _cypher)):
        a, b = seconds(f, n), seconds(f, 2 * n)
        print(f"{name:15s} n={n}: {a:.2f}s  2n: {b:.2f}s  ratio {b / a:.1f}")


if __name__ == "__main__":
    main()
