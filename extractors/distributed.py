"""Extraction on a Dask cluster: partitions of the input as tasks, results in input order.

Dask is optional (`pip install 'newsgraph[dask]'`), so it is imported only when used.
`scheduler="local"` starts a two-process cluster on this machine for the run; any other
value is the address of a running scheduler, whose workers need newsgraph and the
pipeline installed (and the claim model folder, if not the shipped one, at the same path).
Each worker process builds the extractor its `ExtractorSpec` names once (`build` caches it
per process) and runs it as a single process would, so results agree.
"""
from __future__ import annotations

import gc
import logging
import signal
import threading
from collections import deque
from concurrent.futures import CancelledError
from contextlib import contextmanager
from dataclasses import replace
from typing import TYPE_CHECKING, Any, Iterable, Iterator

from newsgraph.graph import Article, Extraction, WorkerError

from .extractor import ExtractorSpec, prepare
# The same units of work as the process pool: a partition is a chunk.
from .parallel import _chunked as _partitioned
from .parallel import _extract_chunk as _extract_partition
from .parallel import _prepend

if TYPE_CHECKING:
    from distributed import Client, Future

LOCAL = "local"
INSTALL_HINT = "pip install 'newsgraph[dask]'"
# Seconds to wait for a scheduler before saying it cannot be reached.
CONNECT_TIMEOUT = 5
# Partitions queued per worker thread: one running, one shipped and waiting.
PARTITIONS_PER_THREAD = 2
LOCAL_WORKERS = 2
LOCAL_START_TIMEOUT = 120  # seconds for the local workers to come up (each imports spaCy)

Found = Extraction  # without its Article, as the process pool's workers send it


def extract_dask(articles: Iterable[Article], spec: ExtractorSpec | None, scheduler: str,
                 partition_size: int = 64) -> Iterator[Extraction]:
    """Extract `articles` with the extractor `spec` names on a Dask cluster.

    The same Extractions, in the same order, as one process.
    """
    if partition_size < 1:
        raise ValueError(f"partition_size must be at least 1, not {partition_size}")
    try:
        import distributed  # noqa: F401  (checked now so the error comes before any work)
    except ImportError:
        raise WorkerError(f"Dask is not installed; install it with: {INSTALL_HINT}") from None
    # Resolved and checked here so every worker builds the same extractor, and a bad
    # setting fails before a cluster is started or reached.
    return _run(articles, prepare(spec), scheduler, partition_size)


def _run(articles: Iterable[Article], spec: ExtractorSpec, scheduler: str,
         partition_size: int) -> Iterator[Extraction]:
    partitions = _partitioned(articles, partition_size)
    first = next(partitions, None)
    if first is None:
        return  # no input: no cluster to start or reach
    cluster, client = _connect(scheduler)
    in_flight: deque[tuple[list[Article], Future]] = deque()
    try:
        limit = max(1, sum(client.nthreads().values())) * PARTITIONS_PER_THREAD
        for part in _prepend(first, partitions):
            # pure=False: a random key, so dask does not hash every article's text
            in_flight.append((part, client.submit(_extract_partition, spec, part, pure=False)))
            if len(in_flight) >= limit:
                yield from _joined(*in_flight.popleft())
        while in_flight:
            yield from _joined(*in_flight.popleft())
    finally:
        for _, future in in_flight:  # the caller stopped early: drop the queued work
            future.cancel()
        client.close()
        if cluster is not None:
            cluster.close()


def _connect(scheduler: str) -> tuple[Any, Client]:
    """A client of the scheduler (and the local cluster it started, to close after)."""
    from distributed import Client, LocalCluster

    if scheduler == LOCAL:
        cluster = client = None
        try:
            with _sigint_ignored():
                cluster = LocalCluster(n_workers=LOCAL_WORKERS, threads_per_worker=1, processes=True,
                                       host="127.0.0.1", dashboard_address=None,
                                       silence_logs=logging.ERROR)
            client = Client(cluster, set_as_default=False)
            # so the in-flight bound counts both workers' threads
            client.wait_for_workers(LOCAL_WORKERS, timeout=LOCAL_START_TIMEOUT)
            return cluster, client
        except Exception as e:
            for started in (client, cluster):
                if started is not None:
                    started.close()
            reason = str(e).splitlines()[0] if str(e) else type(e).__name__
            raise WorkerError(f"cannot start a local Dask cluster: {reason}") from None
    reason = ""
    try:
        return None, Client(scheduler, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError, ValueError, TypeError) as e:
        # OSError/TimeoutError: nothing answers; ValueError/TypeError: not an address at all.
        reason = str(e).splitlines()[0] if str(e) else type(e).__name__
    except Exception:
        reason = "it does not answer as a Dask scheduler"  # something else listens there
    # Raised outside the except block, and collected now, so the half-made Client is
    # closed while its event loop still runs (else its __del__ stalls interpreter exit).
    gc.collect()
    raise WorkerError(f"cannot reach the Dask scheduler at {scheduler!r}: {reason}")


@contextmanager
def _sigint_ignored() -> Iterator[None]:
    """Ignore Ctrl-C while the local workers start, so they inherit the ignoring.

    Ctrl-C reaches every process of the terminal's group; the parent handles it (it closes
    the cluster), while workers that got it too would each print a traceback. An ignored
    signal stays ignored across exec, a handled one does not, hence SIG_IGN; a Ctrl-C in
    the few seconds of start-up is lost.
    """
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may change signal handling
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _joined(part: list[Article], future: Future) -> Iterator[Extraction]:
    from distributed import KilledWorker

    try:
        found: list[Found] = future.result()
    except KilledWorker:
        raise WorkerError("Dask workers died running an extraction task (out of memory, or killed)") from None
    except CancelledError:
        raise WorkerError("the Dask scheduler dropped the run (it stopped, or lost this client)") from None
    for article, x in zip(part, found, strict=True):
        yield replace(x, article=article)


