"""Work shared with forked processes: how many may run (``cores``), whether this process may fork (``forkable``), and
one function made in a forked child while this process makes another (``beside``). A fork shares what this process
holds without pickling it (an archive of 18,000 entries, its indexes), and costs a few milliseconds."""
from __future__ import annotations

import multiprocessing
import os
import pickle
import signal
import threading
from collections.abc import Callable
from typing import TypeVar

T, U = TypeVar("T"), TypeVar("U")


def forkable(workers: int) -> bool:
    """Whether to fork ``workers`` processes: more than one, and no other thread in this process (forking a process
    with threads can deadlock the child: the preview's)."""
    return workers >= 2 and threading.active_count() == 1


def cores() -> int:
    """The cores this process may run on; 1 where processes cannot be forked (Windows), as nothing is shared then."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def beside(there: Callable[[], T], here: Callable[[], U], fork: bool = True) -> tuple[T, U]:
    """(``there()``, ``here()``), ``there`` made meanwhile in a forked child if ``fork`` and one may be (``forkable``),
    sent back pickled: it must change nothing this process reads later, as what it changes dies with the child. A child
    that fails (an error, killed) leaves ``there`` to this process afterwards, which then raises what it raised, as in
    turn."""
    if not (fork and forkable(cores())):
        return there(), here()
    reading, writing = os.pipe()
    child = os.fork()
    if child == 0:
        os.close(reading)
        code = 1
        try:
            with os.fdopen(writing, "wb") as out:
                pickle.dump(there(), out, protocol=pickle.HIGHEST_PROTOCOL)
            code = 0
        finally:
            os._exit(code)  # nothing of this process's exit (its buffers, atexit, temporary folders) runs twice
    os.close(writing)
    received = os.fdopen(reading, "rb")
    try:
        made = here()
        sent = received.read()  # read whole before waiting: a child blocked on a full pipe never ends
    except BaseException:  # an error here, or Ctrl-C while reading: the child's part is no one's now
        os.kill(child, signal.SIGKILL)
        raise
    finally:
        received.close()
        _, status = os.waitpid(child, 0)  # reaped whatever happened: no process left behind
    return (pickle.loads(sent) if status == 0 else there()), made
