"""``within(seconds)``: a block that takes longer fails the test instead of hanging the suite.

SIGALRM interrupts a blocking system call (opening a FIFO) as well as a busy loop."""
from __future__ import annotations

import signal
from contextlib import contextmanager


@contextmanager
def within(seconds: float):
    def expired(*_):
        raise TimeoutError(f"took longer than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
