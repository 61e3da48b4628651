"""A bound on the processor time one page's rendering may take, whatever its Markdown.

The check refuses the Markdown known to make Python-Markdown read a text over and over (gongbao.rules.nesting's
budgets, the brace and table rules), each a prediction of how the renderer reads it; a way around a prediction that
no one has found yet would hold a build for hours. So the rendering itself is bounded: past ``SECONDS`` of the
process's CPU time on one page, the build stops with an error naming the page. CPU time, not the clock's: a shared
machine slows a page down without making it fail. A page of the 2 MB a body may have renders in about half a second.

The bound is a timer of the process (``ITIMER_VIRTUAL``), whose signal Python handles in the main thread between two
steps of its work, also within a regular expression's search (re checks for signals); there alone it can be set.
Elsewhere (another thread, a system without the timer) pages render unbounded, as before: ``armed`` says which.
"""
from __future__ import annotations

import os
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

SECONDS = 30.0
# Only to test the bound on a page that renders in well under a second: never set by the project's own commands.
ENV = "GONGBAO_PAGE_CPU_SECONDS"


def message(seconds: float) -> str:
    return (f"渲染这一页用了超过 {seconds:g} 秒的处理器时间，未生成：正文里可能有让 Markdown 渲染器反复读取的写法"
            "（成千上万的 [、`、{、| 或层层嵌套的列表、引用）。删去或改写那一部分")


def bound() -> float:
    """SECONDS, or the bound the environment sets (``ENV``) when it is a positive number."""
    try:
        seconds = float(os.environ.get(ENV, SECONDS))
    except ValueError:
        return SECONDS
    return seconds if 0 < seconds < float("inf") else SECONDS


def armable() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


def arm(overrun: Callable[[float], BaseException], seconds: float | None = None) -> bool:
    """Start bounding the processor time from now (``bound()`` by default); False where it cannot be (``armable``).
    Until ``disarm``, more than that raises ``overrun(seconds)`` in whatever this process runs: the caller's error,
    which its framework reports as its own (MkDocs shows a PluginError as a message, anything else as a traceback)."""
    if not armable():
        return False
    seconds = bound() if seconds is None else seconds

    def handler(signum, frame):  # noqa: ARG001 — a signal handler's signature
        raise overrun(seconds)
    signal.signal(signal.SIGVTALRM, handler)
    signal.setitimer(signal.ITIMER_VIRTUAL, seconds)
    return True


def disarm() -> None:
    """No bound from now: the timer stopped first, so no signal comes after the default action (ending the process) is
    back; one it sent just before is ignored, as Python runs no handler for a signal set to its default."""
    if armable():
        signal.setitimer(signal.ITIMER_VIRTUAL, 0)
        signal.signal(signal.SIGVTALRM, signal.SIG_DFL)


def armed() -> bool:
    return armable() and signal.getitimer(signal.ITIMER_VIRTUAL)[0] > 0


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
