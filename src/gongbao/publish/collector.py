"""The cyclic garbage collector: off while a step makes many long-lived objects and next to no cyclic garbage
(``paused``: the pooled check, the search index made here, the cached check, a preview update), and in a one-shot
build (``mkdocs build``, as ``gongbao build`` runs it) what survives a collection of everything is frozen (gc.freeze),
so that later ones walk only what was made since.

A build's objects mostly live to its end (the archive, what the hooks made, every page MkDocs read), and CPython
collects its oldest generation each time that grew by a quarter: at 10,000 documents 26 collections walking up to
2.8 GB, 13.7 of the build's 229 CPU seconds; frozen after each, 2.1 s, peak memory 2,806 → 2,829 MB. What was frozen
and later became garbage in a cycle is never freed: a build ends. Not for a process that lives on: the preview's
worker freezes what it keeps and collects everything now and then (gongbao_preview.worker.Collector).

Nor while a page renders (its processor time bounded: gongbao.content.watchdog.armed): Python-Markdown's tree of a
page is garbage in a cycle once the page is rendered (its Markdown instance holds it: the block parser's root, the
inline processor's map of parents), and a collection while it was made froze it for good: a page of a table of 500,000
cells kept 150 MB to the build's end, and twenty documents of 40 KB each ran the build out of memory. Once the page is
rendered (``rendered``), its garbage is collected and the rest frozen.
"""
from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

from gongbao.content import watchdog


@contextmanager
def paused() -> Iterator[None]:
    """No collection meanwhile; then the collector as it was (a caller that keeps it off keeps it off)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def freeze_survivors() -> None:
    if _after_collection not in gc.callbacks:
        gc.callbacks.append(_after_collection)


_owed = [False]  # a full collection came while a page rendered: what survives it is frozen once the page is rendered


def _after_collection(phase: str, info: dict) -> None:
    if phase == "stop" and info["generation"] == 2:
        if watchdog.armed():
            _owed[0] = True
        else:
            gc.freeze()


def rendered() -> None:
    """A page is rendered (its bound ended): a full collection owed since, whose survivors are frozen."""
    if _owed[0]:
        _owed[0] = False
        gc.collect()
