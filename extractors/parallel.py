"""Extraction on several cores: a process pool, input streamed in chunks, output in input order.

spaCy's parse is CPU-bound Python/Cython that holds the GIL, so more cores need more
processes. Each worker builds the extractor its `ExtractorSpec` names once (in its
initializer) and extracts whole chunks with it, as a single process would, so the results
are the same.
Only a bounded number of chunks is in flight at once, so memory stays flat however
long the input is.
"""
from __future__ import annotations

import multiprocessing
import signal
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace
from itertools import islice
from typing import Iterable, Iterator

from newsgraph.graph import Article, Extraction, WorkerError

from .extractor import ExtractorSpec, build, prepare

# Chunks queued per worker: 2 keeps every worker busy while the parent reads results
# (one running, one waiting) without holding more of the input than that in memory.
CHUNKS_PER_WORKER = 2

# What a worker sends back per article: its Extraction without the Article, which the parent
# still holds (this halves the bytes pickled back and keeps the caller's Article objects).
Found = Extraction


def extract_parallel(articles: Iterable[Article], spec: ExtractorSpec | None, workers: int,
                     chunk_size: int | None = None) -> Iterator[Extraction]:
    """Extract `articles` with the extractor `spec` names on `workers` processes.

    The same Extractions, in the same order, as one process. `chunk_size` articles (default
    the spec's batch size) go to a worker at a time.
    """
    if workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    # Resolved and checked here, so every worker builds the same extractor and a bad setting
    # fails before any worker starts; a spaCy pipeline that will not load fails in the
    # workers, and its ModelError is raised here, at the first result.
    spec = prepare(spec)
    if workers == 1:
        return build(spec).extract(articles)
    return _pooled(articles, spec, workers, chunk_size or spec.batch_size)


def _pooled(articles: Iterable[Article], spec: ExtractorSpec, workers: int,
            chunk_size: int) -> Iterator[Extraction]:
    chunks = _chunked(articles, chunk_size)
    first = next(chunks, None)
    if first is None:
        return  # no input: no pool to start
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=_context(),
                               initializer=_init_worker, initargs=(spec,))
    in_flight: deque[tuple[list[Article], Future[list[Found]]]] = deque()
    try:
        pending: Iterator[list[Article]] = _prepend(first, chunks)
        limit = workers * CHUNKS_PER_WORKER
        for chunk in pending:
            in_flight.append((chunk, _submit(pool, spec, chunk)))
            if len(in_flight) >= limit:
                yield from _joined(*in_flight.popleft())
        while in_flight:
            yield from _joined(*in_flight.popleft())
    finally:
        # Also reached when the caller stops early: drop queued work, stop the workers.
        pool.shutdown(wait=True, cancel_futures=True)


DIED = "an extraction worker process died (out of memory, or killed); try fewer --workers"


def _submit(pool: ProcessPoolExecutor, spec: ExtractorSpec, chunk: list[Article]) -> Future[list[Found]]:
    try:
        return pool.submit(_extract_chunk, spec, chunk)
    except BrokenProcessPool:  # a worker died since the last result: the pool takes no more work
        raise WorkerError(DIED) from None


def _joined(chunk: list[Article], future: Future[list[Found]]) -> Iterator[Extraction]:
    try:
        found = future.result()
    except BrokenProcessPool:
        raise WorkerError(DIED) from None
    for article, x in zip(chunk, found, strict=True):
        yield replace(x, article=article)


def _context() -> multiprocessing.context.BaseContext:
    # Not fork: the parent may hold threads, an open store or a loaded pipeline, none of
    # which survive fork safely. forkserver starts workers from a clean process, cheaper
    # than spawn; spawn is the portable fallback (macOS, Windows).
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    # The server imports spaCy and newsgraph's extractors once; each worker forked from it skips that
    # (about a second of every pool start but the first in a process).
    context.set_forkserver_preload([__name__, f"{__package__}.spacy_extractors"])
    return context


def _init_worker(spec: ExtractorSpec) -> None:
    """Build the extractor (load the pipeline and the claim model) once per worker, before its first chunk."""
    # Ctrl-C is the parent's to handle (it stops the pool); a worker that also caught it
    # would die mid-chunk and print a traceback of its own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        build(spec)
    except Exception:
        # A failing initializer breaks the whole pool with an opaque error; instead the
        # first chunk calls build again and its error (a ModelError) reaches the caller.
        pass


def _extract_chunk(spec: ExtractorSpec, chunk: list[Article]) -> list[Found]:
    extractor = build(spec)  # cached per process by build
    return [replace(x, article=None) for x in extractor.extract(chunk)]  # type: ignore[arg-type]  # (Found)


def _chunked(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def _prepend(first: list[Article], rest: Iterator[list[Article]]) -> Iterator[list[Article]]:
    yield first
    yield from rest
