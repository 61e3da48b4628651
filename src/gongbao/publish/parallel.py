"""A cold check's content files read, parsed and checked alone on every core (gongbao.content.loader.Make).

Reading, decoding, parsing the front matter and running the per-file rules (gongbao.rules.per_file) is
most of a cold check, and each file is independent of the others: forked workers make chunks of files and
send back each FileResult with what the per-file rules found, in the loader's order, so the diagnostics are
the ones a single process gives. The work is the same plus the results pickled, sent and unpickled, shared
by two cores. For ``gongbao check``, whose cache stands for the bodies, the workers send each item without its
body and front-matter values (gongbao.content.source.Recalled: read again from the file if something asks) and
with what the other rules read of the body (its links, and its hash when a lock compares hashes) and its record for
the next check (gongbao.publish.quickcheck.own_record, with what it shows the cross-document rules): bodies were
nearly all of the 22 MB sent back at 1,000 documents, and unpickling them, the digests and the records were serial
work. With each file, its stamp read
as the loader read it (gongbao.publish.filestamp), so the cache knows what bytes the entry is of; the results,
findings, links and hashes come pickled by the worker, and a check's cache keeps those bytes (``pickled``). Not used
with few files, one core, or other threads in this process (the preview's: forking a process with threads
can deadlock the child); a pool that breaks (a worker killed) leaves the files to this process.
"""
from __future__ import annotations

import gc
import itertools
import multiprocessing
import os
import pickle
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from collections.abc import Callable
from functools import partial
from pathlib import Path

from gongbao import rules
from gongbao.content.loader import FileResult, Job, again, made_and_read, made_here
from gongbao.content.settings import Settings
from gongbao.content.source import Recalled
from gongbao.publish import collector, crosskept, filestamp, quickcheck
from gongbao.publish.forked import cores, forkable

MIN_FILES = 1000  # fewer are made in half a second: not worth two forks and sending the results back
CHUNK = 100      # files a task: few enough round trips, small enough for the two workers to end together


class Parallel:
    """A gongbao.content.loader.Make over worker processes, and what they found of each item they made: the per-file
    rules' findings (``per_file``, for gongbao.rules.Context.in_file or a FileCache), its links, its hash, its stamp
    and its record for the next check (``known``, ``links_of``, ``sha256_of``, ``read_by``, ``record_by``: a
    FileCache's gongbao.publish.filecache.Found)."""

    def __init__(self, min_files: int | None = None, workers: int | None = None, bodiless: bool = False,
                 hashed: bool = False, stamped: bool = False, meanwhile: Callable[[], object] = lambda: None):
        """Defaults: MIN_FILES, and a worker for each core this process may run on. ``bodiless``: items sent back
        without their bodies, with their links, and their hashes too when ``hashed`` (a lock will ask for them).
        ``stamped``: each file's stamp, of the bytes the loader read (``read_by``, for a FileCache). ``meanwhile``:
        what this process does while the workers make the files, each time a pool is used (the caller keeps what it
        gives: it is called again, or first, when the caller needs it)."""
        self.min_files = MIN_FILES if min_files is None else min_files
        self.workers = workers or cores()
        self.bodiless, self.hashed, self.stamped, self.meanwhile = bodiless, hashed, stamped, meanwhile
        self.used = 0  # the workers of the last pool: 0 when the files were made here
        self._found: dict[str, tuple] = {}  # rel → (the item, per-file findings, links, hash, record) made by a worker
        self._read: dict[str, list | None] = {}  # rel → its stamp as the loader read it, in a worker or here (filestamp.of)
        self._sent: list[tuple[list[str], bytes]] = []  # when stamped: each chunk's files and its entries as pickled

    def make(self, root: Path, settings: Settings, jobs: list[Job]) -> list[FileResult]:
        if len(jobs) < self.min_files or not forkable(self.workers):
            return self._here(root, settings, jobs)
        # The first chunk here: what files need built once (the look-alike tables, the rules' caches) the workers inherit.
        chunks = [jobs[start:start + CHUNK] for start in range(CHUNK, len(jobs), CHUNK)]
        sent = partial(_made, root, settings, self.bodiless, self.hashed, self.stamped)
        first = sent(jobs[:CHUNK])
        # What comes back is hundreds of thousands of objects, none garbage: collections walking them were 0.4 s of the
        # parent's serial time at 10,000 documents.
        with collector.paused():
            received = self._received(root, [jobs[:CHUNK], *chunks], first, sent)
            return self._here(root, settings, jobs) if received is None else received

    def _here(self, root: Path, settings: Settings, jobs: list[Job]) -> list[FileResult]:
        """The files made in this process; ``stamped``: each stamped as the loader read it, as a worker does (a cache
        read every file made here a second time for its hash: the 834 issues of a cold check at 10,000 documents)."""
        if not self.stamped:
            return made_here(root, settings, jobs)
        results = []
        for rel, result, stamp in _stamped(root, settings, jobs):
            self._read[rel] = stamp
            results.append(result)
        return results

    def _received(self, root: Path, chunks: list[list[Job]], first: list, sent) -> list[FileResult] | None:
        """The results of every chunk, the first made already: each chunk's unpickled as it comes back, while the
        workers make the next ones (after the pool, it was a tenth of a second of serial time at 10,000 documents).
        None when the pool broke (a worker killed): then nothing of the chunks taken in is kept."""
        results, found, read, pickled = [], {}, {}, []
        try:
            with ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("fork"),
                                     initializer=gc.disable) as pool:  # a worker's objects die with its chunk
                coming = pool.map(sent, chunks[1:])  # every chunk handed out: the workers start on them
                self.meanwhile()
                for jobs, done in zip(chunks, itertools.chain([first], coming)):
                    results += self._taken(root, jobs, done, found, read, pickled)
        except BrokenProcessPool:
            return None
        self.used = self.workers
        self._found |= found
        self._read |= read
        self._sent += pickled
        return results

    def _taken(self, root: Path, jobs: list[Job], done: tuple, found: dict, read: dict, pickled: list) -> list[FileResult]:
        """One chunk's results, what the worker found of each item into ``found``, its stamps into ``read`` and, for
        a cache, its bytes into ``pickled``."""
        results, read_again, (sent, more) = [], partial(again, root), done
        for (rel, _, _), (result, *findings), (record, stamp) in zip(jobs, pickle.loads(sent), more):
            if result.item is not None:
                if isinstance(result.item.source, Recalled):
                    result.item.source.reading(read_again)
                found[result.item.source.path] = result.item, *findings, record
            if self.stamped:
                read[rel] = stamp
            results.append(result)
        if self.stamped and self.bodiless:  # what a cache keeps: bodiless results
            pickled.append(([rel for rel, _, _ in jobs], sent))
        return results

    def pickled(self) -> list[tuple[list[str], bytes]]:
        """Each chunk's files and what came back of them as the workers pickled it: each file's result, per-file
        findings, links and hash (gongbao.publish.filecache keeps these bytes rather than pickling it all again)."""
        return self._sent

    def as_sent(self, rel: str, entry: tuple) -> bool:
        """Whether ``entry`` (gongbao.publish.filecache's) is, as the cache keeps it, what came back of ``rel``: its
        links may not have been asked for yet (the worker's are kept then); its hash must be the worker's, or none."""
        found = self._found.get(rel)
        return (found is not None and entry[2].item is found[0] and entry[3] == tuple(found[1])
                and entry[4] in (None, found[2]) and entry[5] == found[3])

    def read_by(self, rel: str) -> list | None:
        """The file's stamp as it was read to be made (gongbao.publish.filestamp.of), by a worker or here; None if it
        was not made here when stamped."""
        return self._read.get(rel)

    def known(self, item) -> tuple:
        """(per_file's findings as a tuple, links, hash) as a worker found them when it made this very item; None for
        each it did not find (links when items came with their bodies, the hash when no lock asks for it)."""
        found = self._made_by_worker(item)
        return (tuple(found[1]), found[2], found[3]) if found else (None, None, None)

    def per_file(self, item, settings: Settings) -> list:
        """rules.per_file, as a worker found it when it made this very item."""
        found = self._made_by_worker(item)
        return found[1] if found else rules.per_file(item, settings)

    def links_of(self, item) -> tuple:
        """rules.body_links, as a worker found it while it had this item's body."""
        found = self._made_by_worker(item)
        return found[2] if found and found[2] is not None else rules.body_links(item)

    def sha256_of(self, item) -> str | None:
        """rules.body_sha256, as a worker found it while it had this item's body."""
        found = self._made_by_worker(item)
        return found[3] if found and found[3] is not None else rules.body_sha256(item)

    def record_by(self, item) -> list | None:
        """gongbao.publish.quickcheck.own_record, as a worker made it for this very item; None when none did (or its
        findings are not all its own)."""
        found = self._made_by_worker(item)
        return found[4] if found else None

    def _made_by_worker(self, item) -> tuple | None:
        found = self._found.get(item.source.path)
        return found if found is not None and found[0] is item else None


_inherited: dict[str, Callable] = {}


def inherited(name: str, function: Callable) -> Callable:
    """``function`` as a task of a pool forked after this call: the workers inherit it and call it by name, as it is
    not pickled (a hook's function cannot be: MkDocs loads a hook by its path, under no name a worker can import)."""
    _inherited[name] = function
    return partial(_call, name)


def _call(name: str, *args):
    return _inherited[name](*args)


def _made(root: Path, settings: Settings, bodiless: bool, hashed: bool, stamped: bool,
          jobs: list[Job]) -> tuple[bytes, list[tuple[str | None, list | None]]]:
    """In a worker: each file made, with what the per-file rules find in its entry; ``bodiless``: its item without
    its body, with its links, what it shows the cross-document rules (and its hash when ``hashed``); ``stamped``: with
    the stamp of the bytes the loader read (filestamp.of). Pickled here, (result, findings, links, hash) of each file:
    the bytes a cache keeps (``pickled``); beside them (record, stamp) of each."""
    made = (_stamped(root, settings, jobs) if stamped
            else ((None, result, None) for result in made_here(root, settings, jobs)))
    sent = [(*_sent(result, place, settings, bodiless, hashed), stamp)
            for (_, place, _), (_, result, stamp) in zip(jobs, made)]
    return (pickle.dumps([made[:4] for made in sent], protocol=pickle.HIGHEST_PROTOCOL),
            [made[4:] for made in sent])


def _stamped(root: Path, settings: Settings, jobs: list[Job]):
    """(rel, result, stamp) of each job's file, made in this process and stamped from the bytes the loader read."""
    base = str(root)
    for (rel, _, _), (result, read) in zip(jobs, made_and_read(root, settings, jobs)):
        yield rel, result, filestamp.of(os.path.join(base, rel), read.data, read.after)


def _sent(result: FileResult, place: str, settings: Settings, bodiless: bool, hashed: bool) -> tuple:
    item = result.item
    if item is None:
        return result, None, None, None, None
    findings = rules.per_file(item, settings)
    if not bodiless:
        return result, findings, None, None, None
    links = rules.body_links(item)
    # The record made here, where the file's findings are at hand: making 18,000 was serial work after the pool.
    record = quickcheck.own_record(place, result, crosskept.shown(item, links), (*result.diagnostics, *findings))
    found = findings, links, rules.body_sha256(item) if hashed else None, record
    # What filecache.bodiless gives, made in place: this item is only pickled and dropped (the first chunk's too, made
    # in the parent), so no copy of it and of its result (two dataclasses.replace, 8 µs a file).
    item.source = Recalled.of(item.source)
    return result, *found
