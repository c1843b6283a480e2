"""Deadlines for blocking network work that has no timeout of its own.

The Neo4j driver bounds connecting and the Bolt handshake, but once a connection is up it waits
forever for a server that stops answering (or a network that stops carrying data). A deadline
here is a real-time alarm (SIGALRM): when it rings, the blocked call is interrupted and
`DeadlineExceeded` raised from it, whatever the driver was doing. Deadlines nest: the earliest
one rings first, and an inner one ending re-arms the outer.

Signals reach only the main thread; elsewhere (tests driving a store from threads) `deadline`
does nothing, and the caller's other limits apply.
"""
from __future__ import annotations

import signal
import threading
import time
from contextlib import contextmanager
from typing import Iterator

__all__ = ["DeadlineExceeded", "deadline"]


class DeadlineExceeded(BaseException):
    """A deadline rang. A BaseException, so `except Exception` inside a library cannot swallow it."""

    def __init__(self, what: str, seconds: float) -> None:
        super().__init__(f"{what}: no answer within {seconds:g} s")
        self.what = what
        self.seconds = seconds


# Armed deadlines, outermost first: (monotonic time it rings, what, seconds it was given).
_armed: list[tuple[float, str, float]] = []
_RING_AGAIN = 0.5


def _ring(signum: int, frame: object) -> None:
    now = time.monotonic()
    due = [d for d in _armed if d[0] <= now + 0.001]
    if not due:  # rang early (clock skew): wait for the earliest again
        _arm()
        return
    at, what, seconds = min(due)
    # Ring again soon while still inside the block: cleanup on the way out (a rollback, closing a
    # session) talks to the same silent server and must not block forever either.
    signal.setitimer(signal.ITIMER_REAL, _RING_AGAIN)
    raise DeadlineExceeded(what, seconds)


def _arm() -> None:
    if _armed:
        signal.setitimer(signal.ITIMER_REAL, max(min(d[0] for d in _armed) - time.monotonic(), 0.001))
    else:
        signal.setitimer(signal.ITIMER_REAL, 0)


@contextmanager
def deadline(seconds: float | None, what: str) -> Iterator[None]:
    """Raise DeadlineExceeded(what) in this block once `seconds` have passed; None or 0: no limit."""
    if not seconds or seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return
    entry = (time.monotonic() + seconds, what, seconds)
    previous = signal.signal(signal.SIGALRM, _ring) if not _armed else None
    _armed.append(entry)
    _arm()
    try:
        yield
    finally:
        _armed.remove(entry)
        _arm()
        if previous is not None:
            signal.signal(signal.SIGALRM, previous)
