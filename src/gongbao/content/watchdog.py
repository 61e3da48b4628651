"""A bound on the processor time one page's rendering, or one file's check, may take, whatever its Markdown.

The check refuses the Markdown known to make Python-Markdown read a text over and over (gongbao.rules.nesting's
budgets, the brace and table rules), each a prediction of how the renderer reads it; a way around a prediction that
no one has found yet would hold a build, or the check itself (its rules read tables with Python-Markdown's block
parser), for hours. So the work itself is bounded: past ``SECONDS`` of the process's CPU time on one page or one file,
the build stops with an error naming the editor's file, and the check reports that file as one it could not check.
CPU time, not the clock's: a shared machine slows a page down without making it fail. A body of the 2 MB a file may
have renders in about half a second.

The bound is a timer of the process (``ITIMER_VIRTUAL``), whose signal Python handles in the main thread between two
steps of its work, also within a regular expression's search (re checks for signals); there alone it can be set.
Elsewhere (another thread, a system without the timer) the work runs unbounded, as before: ``armed`` says which.
"""
from __future__ import annotations

import os
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

SECONDS = 30.0
# Only to test the bound on a page that renders in well under a second: never set by the project's own commands.
ENV = "GONGBAO_CPU_SECONDS"
T = TypeVar("T")


_WHY = "正文里可能有让 Markdown 渲染器反复读取的写法（成千上万的 [、`、{、| 或层层嵌套的列表、引用）"
HINT = "删去或改写那一部分"


class Overrun(Exception):
    """Work past its bound of processor time (``call``'s)."""

    def __init__(self, seconds: float):
        super().__init__(seconds)
        self.seconds = seconds


def message(seconds: float) -> str:
    """What a build says of a page past its bound."""
    return f"渲染这一页用了超过 {seconds:g} 秒的处理器时间，未生成：{_WHY}。{HINT}"


def unchecked(seconds: float) -> str:
    """What a check says of a file past its bound."""
    return f"检查这个文件用了超过 {seconds:g} 秒的处理器时间，没有检查完：{_WHY}"


def bound() -> float:
    """SECONDS, or the bound the environment sets (``ENV``) when it is a positive number."""
    try:
        seconds = float(os.environ.get(ENV, SECONDS))
    except ValueError:
        return SECONDS
    return seconds if 0 < seconds < float("inf") else SECONDS


_TIMED = hasattr(signal, "setitimer")


def armable() -> bool:
    return _TIMED and threading.current_thread() is threading.main_thread()


# What the running bound raises: (the error's maker, the bound), None when none runs. The handler is set once in a
# process and stays: a bound costs two timer calls, not four system calls (8 µs), as the check bounds every file; a
# signal sent just before a bound ended finds None here and is ignored.
_running: list[tuple[Callable[[float], BaseException], float] | None] = [None]
_handled: list[bool] = []  # whether this process set _handler


def _handler(signum, frame) -> None:  # noqa: ARG001 — a signal handler's signature
    running = _running[0]
    if running is not None:
        _running[0] = None
        raise running[0](running[1])


def arm(overrun: Callable[[float], BaseException], seconds: float | None = None) -> bool:
    """Start bounding the processor time from now (``bound()`` by default); False where it cannot be (``armable``).
    Until ``disarm``, more than that raises ``overrun(seconds)`` in whatever this process runs: the caller's error,
    which its framework reports as its own (MkDocs shows a PluginError as a message, anything else as a traceback)."""
    if not armable():
        return False
    seconds = bound() if seconds is None else seconds
    if not _handled:  # set once in a process (a forked one inherits it)
        signal.signal(signal.SIGVTALRM, _handler)
        _handled.append(True)
    _running[0] = overrun, seconds
    signal.setitimer(signal.ITIMER_VIRTUAL, seconds)
    return True


def disarm() -> None:
    """No bound from now."""
    if _running[0] is not None and armable():
        signal.setitimer(signal.ITIMER_VIRTUAL, 0)
        _running[0] = None


def armed() -> bool:
    return _running[0] is not None and armable()


def call(function: Callable[..., T], *args) -> T:
    """``function(*args)`` bounded as ``arm`` bounds it (``bound()``), raising Overrun past it; within a bound already
    running, that one goes on. A function, not ``bounded``: the check bounds each of 18,000 files twice, and a
    generator's context manager was 3 µs of the 5 each time."""
    if armed() or not arm(Overrun):
        return function(*args)
    try:
        return function(*args)
    finally:
        disarm()


@contextmanager
def bounded(overrun: Callable[[float], BaseException], seconds: float | None = None) -> Iterator[None]:
    """The block bounded as ``arm`` bounds it; within a bound already running, that one goes on (a page's rendering
    may render another page's body: both are one page's work)."""
    if armed() or not arm(overrun, seconds):
        yield
        return
    try:
        yield
    finally:
        disarm()
