"""Extraction speed against bare spaCy: words/second of `nlp.pipe` and of newsgraph's `extract`.

    .venv/bin/python bench/extract_speed.py [--words 60000] [--model NAME] [--extractor rules|model] [--repeat 3]

Both runs use the same process, model and text: the project's own sample articles in
`examples/articles` (*.txt, *.md, front matter dropped), repeated up to --words, else
sentences written here. Target: extract / bare >= 0.85.
"""
from __future__ import annotations

import argparse
import re
import time
from pathlib import Path

from newsgraph.extractors import extract, load_model
from newsgraph.extractors.claim_model import load_claim_model
from newsgraph.graph import Article

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "articles"
FALLBACK = (
    "Governor Maria Alvarez vetoed the Fair Rent Act on Tuesday, and the Oregon Tenants Union condemned "
    "the veto. State Senator Daniel Whitaker, a Republican from Bend, said he did not oppose the measure. "
    "The Oregon Association of Realtors gave $2 million to defeat the proposal, which would limit rent "
    "increases. Critics may challenge the decision in court."
)


def sample_texts() -> list[str]:
    texts = []
    for p in sorted(EXAMPLES.glob("*")):
        if p.suffix not in (".txt", ".md"):
            continue
        text = p.read_text(encoding="utf-8")
        text = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)  # Markdown front matter
        texts.append(text.strip())
    return texts or [FALLBACK]


def corpus(words: int) -> list[str]:
    base = sample_texts()
    out, n = [], 0
    while n < words:
        for t in base:
            out.append(t)
            n += len(t.split())
            if n >= words:
                break
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--words", type=int, default=60000)
    ap.add_argument("--model", default=None)
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--extractor", choices=("rules", "model"), default="rules",
                    help="rules alone, or the shipped claim model deciding")
    ap.add_argument("--repeat", type=int, default=3, help="interleaved rounds; the best of each is kept")
    args = ap.parse_args()
    nlp = load_model(args.model)
    claim_model = load_claim_model() if args.extractor == "model" else None
    texts = corpus(args.words)
    words = sum(len(t.split()) for t in texts)
    for _ in nlp.pipe(texts[:4]):  # warm up
        pass
    articles = [Article(text=t, id=f"a{i}") for i, t in enumerate(texts)]
    bare, full, claims = float("inf"), float("inf"), 0
    # interleaved rounds, best of each: other load on the machine hits both sides alike
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=args.batch_size):
            pass
        bare = min(bare, time.perf_counter() - t0)
        t0 = time.perf_counter()
        claims = sum(len(x.claims) for x in extract(articles, nlp, batch_size=args.batch_size, model=claim_model))
        full = min(full, time.perf_counter() - t0)
    print(f"model {nlp.meta['name']}, extractor {args.extractor}, {len(texts)} articles, {words} words, {claims} claims")
    print(f"bare nlp.pipe : {words / bare:9.0f} words/s")
    print(f"extract       : {words / full:9.0f} words/s")
    print(f"ratio         : {bare / full:9.3f} (target >= 0.85)")


if __name__ == "__main__":
    main()
