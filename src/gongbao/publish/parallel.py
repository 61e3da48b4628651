"""A cold check's content files read, parsed and checked alone on every core (gongbao.content.loader.Make).

Reading, decoding, parsing the front matter and running the per-file rules (gongbao.rules.per_file) is
most of a cold check, and each file is independent of the others: forked workers make chunks of files and
send back each FileResult with what the per-file rules found, in the loader's order, so the diagnostics are
the ones a single process gives. The work is the same plus about a quarter (the results pickled, sent and
unpickled: 22 MB at 1,000 documents), shared by two cores: wall time, not CPU, is what it saves. Not used
with few files, one core, or other threads in this process (the preview's: forking a process with threads
can deadlock the child); a pool that breaks (a worker killed) leaves the files to this process.
"""
from __future__ import annotations

import gc
import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import repeat
from pathlib import Path

from gongbao import rules
from gongbao.content.loader import FileResult, Job, made_here
from gongbao.content.settings import Settings

MIN_FILES = 1000  # fewer are made in half a second: not worth two forks and sending the results back
CHUNK = 100      # files a task: few enough round trips, small enough for the two workers to end together


class Parallel:
    """A gongbao.content.loader.Make over worker processes, and the per-file rules' findings they made
    (``per_file``, for gongbao.rules.Context.in_file or a FileCache)."""

    def __init__(self, min_files: int | None = None, workers: int | None = None):
        """Defaults: MIN_FILES, and a worker for each core this process may run on."""
        self.min_files = MIN_FILES if min_files is None else min_files
        self.workers = workers or _cores()
        self.used = 0  # the workers of the last pool: 0 when the files were made here
        self._found: dict[str, tuple] = {}  # rel → (the item, its per-file findings) made by a worker

    def make(self, root: Path, settings: Settings, jobs: list[Job]) -> list[FileResult]:
        if len(jobs) < self.min_files or self.workers < 2 or threading.active_count() > 1:
            return made_here(root, settings, jobs)
        # The first chunk here: what files need built once (the look-alike tables, the rules' caches) the workers inherit.
        chunks = [jobs[start:start + CHUNK] for start in range(CHUNK, len(jobs), CHUNK)]
        first = _made(root, settings, jobs[:CHUNK])
        try:
            with ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("fork"),
                                     initializer=gc.disable) as pool:  # a worker's objects die with its chunk
                done = [first, *pool.map(_made, repeat(root), repeat(settings), chunks)]
        except BrokenProcessPool:
            return made_here(root, settings, jobs)
        self.used = self.workers
        results = []
        for chunk in done:
            for result, findings in chunk:
                if result.item is not None:
                    self._found[result.item.source.path] = result.item, findings
                results.append(result)
        return results

    def per_file(self, item, settings: Settings) -> list:
        """rules.per_file, as a worker found it when it made this very item."""
        found = self._found.pop(item.source.path, None)
        return found[1] if found is not None and found[0] is item else rules.per_file(item, settings)


def _cores() -> int:
    """The cores this process may run on; 1 where processes cannot be forked (Windows), as nothing is shared then."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _made(root: Path, settings: Settings, jobs: list[Job]) -> list[tuple[FileResult, list | None]]:
    """In a worker: each file made, with what the per-file rules find in its entry."""
    return [(result, rules.per_file(result.item, settings) if result.item is not None else None)
            for result in made_here(root, settings, jobs)]
