"""Deadlines interrupt a blocked call, nest, and leave no alarm behind."""
from __future__ import annotations

import signal
import socket
import time

import pytest

from newsgraph.loaders.deadline import DeadlineExceeded, deadline


def test_a_blocked_read_is_interrupted_and_named():
    a, b = socket.socketpair()
    t0 = time.monotonic()
    with a, b, pytest.raises(DeadlineExceeded) as err:
        with deadline(0.3, "reading"):
            a.recv(1)  # nobody ever writes
    assert 0.25 < time.monotonic() - t0 < 3
    assert err.value.what == "reading" and err.value.seconds == 0.3
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_the_earlier_of_nested_deadlines_rings_and_the_outer_survives_the_inner():
    with pytest.raises(DeadlineExceeded) as err:
        with deadline(0.4, "outer"):
            with deadline(5, "inner"):
                pass
            time.sleep(2)
    assert err.value.what == "outer"
    with pytest.raises(DeadlineExceeded) as err:
        with deadline(5, "outer"):
            with deadline(0.2, "inner"):
                time.sleep(2)
    assert err.value.what == "inner"


def test_no_limit_and_a_finished_block_leave_no_alarm():
    with deadline(None, "x"), deadline(0, "y"):
        pass
    with deadline(10, "z"):
        pass
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)

