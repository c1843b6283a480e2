"""Extraction on several cores: a process pool, input streamed in chunks, output in input order.

spaCy's parse is CPU-bound Python/Cython that holds the GIL, so more cores need more
processes. Each worker loads the pipeline once (in its initializer) and extracts whole
chunks with the same `extract` a single process runs, so the results are the same.
Only a bounded number of chunks is in flight at once, so memory stays flat however
long the input is.
"""
from __future__ import annotations

import multiprocessing
import signal
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from typing import Iterable, Iterator

from newsgraph.graph import Article, Claim, Entity, Extraction, WorkerError

from .model import load_model, model_name
from .pipeline import extract

# Chunks queued per worker: 2 keeps every worker busy while the parent reads results
# (one running, one waiting) without holding more of the input than that in memory.
CHUNKS_PER_WORKER = 2

# What a worker sends back per article: no Article, the parent still holds it
# (this halves the bytes pickled back and keeps the caller's Article objects).
Found = tuple[list[Entity], list[Claim]]


def extract_parallel(articles: Iterable[Article], model: str | None, workers: int,
                     batch_size: int = 16, chunk_size: int | None = None) -> Iterator[Extraction]:
    """Extract `articles` on `workers` processes; the same Extractions, in the same order, as one.

    `chunk_size` articles (default `batch_size`) go to a worker at a time.
    """
    if workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, not {batch_size}")
    if workers == 1:
        return extract(articles, load_model(model), batch_size)
    # Resolved here so every worker loads the same pipeline; a pipeline that will not load
    # fails in the workers, and its ModelError is raised here, at the first result.
    name = model_name(model)
    return _pooled(articles, name, workers, batch_size, chunk_size or batch_size)


def _pooled(articles: Iterable[Article], model: str, workers: int, batch_size: int,
            chunk_size: int) -> Iterator[Extraction]:
    chunks = _chunked(articles, chunk_size)
    first = next(chunks, None)
    if first is None:
        return  # no input: no pool to start
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=_context(),
                               initializer=_init_worker, initargs=(model,))
    in_flight: deque[tuple[list[Article], Future[list[Found]]]] = deque()
    try:
        pending: Iterator[list[Article]] = _prepend(first, chunks)
        limit = workers * CHUNKS_PER_WORKER
        for chunk in pending:
            in_flight.append((chunk, pool.submit(_extract_chunk, model, batch_size, chunk)))
            if len(in_flight) >= limit:
                yield from _joined(*in_flight.popleft())
        while in_flight:
            yield from _joined(*in_flight.popleft())
    finally:
        # Also reached when the caller stops early: drop queued work, stop the workers.
        pool.shutdown(wait=True, cancel_futures=True)


def _joined(chunk: list[Article], future: Future[list[Found]]) -> Iterator[Extraction]:
    try:
        found = future.result()
    except BrokenProcessPool:
        raise WorkerError("an extraction worker process died (out of memory, or killed); "
                          "try fewer --workers") from None
    for article, (entities, claims) in zip(chunk, found, strict=True):
        yield Extraction(article=article, entities=entities, claims=claims)


def _context() -> multiprocessing.context.BaseContext:
    # Not fork: the parent may hold threads, an open store or a loaded pipeline, none of
    # which survive fork safely. forkserver starts workers from a clean process, cheaper
    # than spawn; spawn is the portable fallback (macOS, Windows).
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    # The server imports spaCy and newsgraph once; each worker forked from it skips that
    # (about a second of every pool start but the first in a process).
    context.set_forkserver_preload([__name__])
    return context


def _init_worker(model: str) -> None:
    """Load the pipeline once per worker, before its first chunk."""
    # Ctrl-C is the parent's to handle (it stops the pool); a worker that also caught it
    # would die mid-chunk and print a traceback of its own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        load_model(model)
    except Exception:
        # A failing initializer breaks the whole pool with an opaque error; instead the
        # first chunk calls load_model again and the ModelError reaches the caller.
        pass


def _extract_chunk(model: str, batch_size: int, chunk: list[Article]) -> list[Found]:
    nlp = load_model(model)  # cached per process by load_model
    return [(x.entities, x.claims) for x in extract(chunk, nlp, batch_size)]


def _chunked(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def _prepend(first: list[Article], rest: Iterator[list[Article]]) -> Iterator[list[Article]]:
    yield first
    yield from rest
