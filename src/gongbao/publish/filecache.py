"""The per-file part of ``gongbao check``'s cache: what reading one content file gave — its entry, its
problems, what the rules that look at one file alone found in it (gongbao.rules.per_file) and what the
cross-document rules read of its body (its links, and its hash once the lock rule asked: gongbao.rules.body_links,
body_sha256) — so a check after a few edits reads only those files, and the cross-document rules run on the
others as kept. Bodies and front-matter values are not kept: what is kept stands for them, and a rule that
still asks for one has the file read again (gongbao.content.source.Recalled).

An entry serves a file whose content hash (the stamps of gongbao.publish.checkcache) and place (an issue's
index.md, a document of a given issue, an interpretation) are the ones it was made from, under the same
code and gazette.yml: a cold check would make the same entry. Its hash is of the very bytes it was made of: the
bytes the loader parsed, hashed where it parsed them (a pool's worker or this process), with the stat taken after
reading them (gongbao.publish.filestamp.of). Not kept: a file that names
attachments (its entry depends on those files too), and one whose stamp is too recent to trust or changed while
it was read.
The cache is pickled and signed (gongbao.publish.signed): only a file this user's checks wrote is unpickled;
a committed, forged or torn one is no cache. The entries the pool's workers made are kept as the bytes they
pickled to send them (gongbao.publish.parallel), beside each file's hash and place; only the others are pickled
here (pickling 10,000 documents' entries again was a third of a second of a cold check's serial time). The
build never uses it: it checks everything itself.
A check that made few entries writes them beside the whole (``files.new.pickle``, read over it) rather than
pickling tens of megabytes again; once they are a tenth of the whole, the whole is written afresh.
"""
from __future__ import annotations

import dataclasses
import functools
import os
import pickle
from pathlib import Path
from typing import Protocol

from gongbao import rules
from gongbao.content.loader import FileResult, again
from gongbao.content.settings import Settings
from gongbao.content.source import Recalled
from gongbao.publish import filestamp, signed

VERSION = 5  # 5: the chunks the pool's workers pickled, kept as they sent them
OVERLAY_MIN = 200  # entries the overlay may hold however small the whole (a tenth of it beyond)


class Found(Protocol):
    """What was found of each file as it was made: here, or by the pool's worker that made it."""

    def per_file(self, item, settings: Settings) -> list: ...  # gongbao.rules.per_file

    def links_of(self, item) -> tuple: ...  # gongbao.rules.body_links

    def sha256_of(self, item) -> str | None: ...  # gongbao.rules.body_sha256

    def read_by(self, rel: str) -> list | None: ...  # its stamp as the loader read it to make it (filestamp.of)

    def known(self, item) -> tuple: ...  # (per_file's findings as a tuple, links, hash) found as it was made, None if not

    def record_by(self, item) -> list | None: ...  # gongbao.publish.quickcheck.own_record, if made

    def pickled(self) -> list[tuple[list[str], bytes]]: ...  # chunks of files, each's (result, findings, links, hash) pickled

    def as_sent(self, rel: str, entry: tuple) -> bool: ...  # whether ``entry`` is what ``pickled`` holds of ``rel``


class Here:
    """Found: nothing beforehand, each made when asked (one process)."""
    per_file, links_of, sha256_of = staticmethod(rules.per_file), staticmethod(rules.body_links), staticmethod(rules.body_sha256)

    def read_by(self, rel: str) -> None:
        return None

    def known(self, item) -> tuple[None, None, None]:
        return None, None, None

    def record_by(self, item) -> None:
        return None

    def pickled(self) -> list:
        return []

    def as_sent(self, rel: str, entry: tuple) -> bool:
        return False


class FileCache:
    """A gongbao.content.loader.Memo, and the per-file rules' findings and what the other rules read of each
    body, for gongbao.rules.Context (``in_file``, ``links_of``, ``sha256_of``)."""

    def __init__(self, root: Path, hashes: dict[str, list], common: str, kept: dict, overlay: dict | None = None):
        """``kept``: the whole as read, None when there was none; ``overlay``: the entries written beside it."""
        self._base, self._hashes, self._common = str(root), hashes, common
        self._whole, self._overlay = kept is not None, overlay or {}
        self._kept = (kept or {}) | self._overlay
        self.entries: dict[str, tuple] = {}  # this check's: rel → (sha256, place, FileResult, findings, links, hash)
        self.results: dict[str, tuple[str, FileResult]] = {}  # rel → (place, result) of every file, kept or not
        self._loose: dict[tuple[str, int], tuple] = {}  # (rel, index) → (item, what _derived made) of a file not kept
        self.read: dict[str, str] = {}  # rel → the hash of the bytes made into its result (filestamp.hash_of)
        self.recalled = self.made = 0
        self._made: set[str] = set()
        self._again = functools.partial(again, root)
        self.found: Found = Here()  # or what the pool's workers found as they made the files (gongbao.publish.parallel)

    def recall(self, rel: str, place: str) -> FileResult | None:
        entry, stamp = self._kept.get(rel), self._hashes.get(rel)
        if entry is None or stamp is None or entry[:2] != (stamp[4], place):
            return None
        if entry[2].item is not None and isinstance(entry[2].item.source, Recalled):  # else kept in memory whole
            entry[2].item.source.reading(self._again)
        self.entries[rel] = entry
        self.results[rel] = place, entry[2]
        self.recalled += 1
        return entry[2]

    def previous(self, rel: str) -> tuple | None:
        """The kept entry of ``rel`` (rel → (sha256, place, FileResult, findings, links, hash)), whatever its hash."""
        return self._kept.get(rel)

    def keep(self, rel: str, place: str, result: FileResult) -> None:
        """``result`` made of the file just now: kept under the hash of those very bytes (gongbao.publish.filestamp):
        as the loader read them to make it, in a pool's worker or here (``found.read_by``: filestamp.of); else the
        file read again or, when it was hashed before, seen unchanged since by its stat."""
        self.results[rel] = place, result
        stamp = self._hashes.get(rel)
        if stamp is None:
            return  # listed by the loader through a link: not stamped
        read = self.found.read_by(rel)
        if read is None:  # made without its stamp; one hashed before it was made (a warm check's) is only stat-ed
            path = os.path.join(self._base, rel)
            read = filestamp.read(path) if stamp[4] is None else filestamp.stated(path, stamp[4])
        sha = self.read[rel] = filestamp.hash_of(stamp, read)
        if stamp[0] < 0 or result.files or sha == filestamp.CHANGED:
            return
        # an entry's findings are made when the rules ask for them (in_file): they may depend on the settings; those a
        # pool's worker found as it made the item are kept at once (asked for one by one, they were 0.1 s of a cold
        # check's serial time at 10,000 documents), its hash too: the lock rule may ask for it in a forked child
        # (gongbao.publish.crosskept.made), and an entry without it would be pickled here again
        self.entries[rel] = (sha, place, result, *(self.found.known(result.item) if result.item is not None
                                                   else ((), (), None)))
        self._made.add(rel)
        self.made += 1

    def in_file(self, item, settings: Settings) -> tuple:
        return self._derived(item, 3, lambda: tuple(self.found.per_file(item, settings)))

    def links_of(self, item) -> tuple:
        return self._derived(item, 4, lambda: self.found.links_of(item))

    def sha256_of(self, item) -> str | None:
        return self._derived(item, 5, lambda: self.found.sha256_of(item))

    def _derived(self, item, index: int, make):
        """What ``make`` gives for ``item``, kept with its file's entry."""
        rel = item.source.path
        entry = self.entries.get(rel)
        if entry is None or entry[2].item is not item:  # made once all the same: gongbao.publish.quickcheck asks again
            loose = self._loose.get((rel, index))
            if loose is None or loose[0] is not item:
                loose = self._loose[rel, index] = item, make()
            return loose[1]
        if entry[index] is None:
            entry = self.entries[rel] = (*entry[:index], make(), *entry[index + 1:])
            if rel not in self._made:  # a kept entry that now holds more: written again
                self._made.add(rel)
                self.made += 1
        return entry[index]

    def save(self, path: Path, key: bytes) -> None:
        """Writes the entries this check made, when it made any: beside the whole while they are few, else the
        whole afresh (an entry of a file removed is dropped then; one edited too recently is not kept)."""
        if not self.made:
            return
        if self._whole and len(self._overlay.keys() | self._made) <= max(OVERLAY_MIN, len(self._kept) // 10):
            made = {rel: _bodiless(self.entries[rel], self.found.links_of)
                    for rel in self._made if self.entries[rel][3] is not None}
            _write(_beside(path), key, self._common, self._overlay | made)
            return
        entries = {rel: e for rel, e in self.entries.items() if e[3] is not None}
        chunks = []  # what the pool's workers pickled, kept as those bytes: pickling it all here was serial work
        for rels, pickled in self.found.pickled():
            sent = [(index, rel, *entries.pop(rel)[:2]) for index, rel in enumerate(rels)
                    if rel in entries and self.found.as_sent(rel, entries[rel])]
            if sent:
                chunks.append((sent, pickled))
        _write(path, key, self._common, {rel: _bodiless(e, self.found.links_of) for rel, e in entries.items()}, chunks)
        _beside(path).unlink(missing_ok=True)


def _beside(path: Path) -> Path:
    return path.with_name(f"{path.stem}.new{path.suffix}")


def _write(path: Path, key: bytes, common: str, entries: dict, chunks: list | None = None) -> None:
    """``chunks``: [(each file's (index, rel, sha256, place), the pickled (result, findings, links, hash) of a chunk)]."""
    signed.write(path, key, pickle.dumps((VERSION, common, entries, chunks or []), protocol=pickle.HIGHEST_PROTOCOL))


def _bodiless(entry: tuple, body_links) -> tuple:
    """The entry as kept: its item without the body, its links found while the body is at hand (or as a worker
    found them)."""
    result = entry[2]
    if result.item is None:
        return entry
    links = entry[4] if entry[4] is not None else body_links(result.item)
    return (*entry[:2], bodiless(result), entry[3], links, entry[5])


def bodiless(result: FileResult) -> FileResult:
    """``result`` with its item's source without front-matter values and body (Recalled), as an entry is kept and a
    worker sends it (gongbao.publish.parallel)."""
    item = result.item
    if item is None or isinstance(item.source, Recalled):
        return result
    return dataclasses.replace(result, item=dataclasses.replace(item, source=Recalled.of(item.source)))


def load(path: Path, key: bytes, root: Path, hashes: dict[str, list], common: str) -> FileCache:
    """The kept entries, when the cache is ours and made under ``common`` (the code and the settings)."""
    return FileCache(root, hashes, common, _read(path, key, common), _read(_beside(path), key, common))


def _read(path: Path, key: bytes, common: str) -> dict | None:
    body = signed.read(path, key)
    if not body:
        return None
    try:  # millions of objects: the caller keeps the collector off (gongbao.publish.checkcache)
        version, made_under, entries, chunks = pickle.loads(body)  # signed by this user's checks: not forged
        if version != VERSION or made_under != common or not isinstance(entries, dict):
            return None
        for sent, pickled in chunks:
            made = pickle.loads(pickled)
            for index, rel, sha, place in sent:
                result, findings, links, sha256 = made[index]
                entries[rel] = sha, place, result, tuple(findings), links, sha256
        return entries
    except Exception:  # noqa: BLE001 — an older layout, signed by us: checked afresh
        return None
