"""``gongbao check`` without re-reading an unchanged archive: the last result, keyed by content hashes.

The key is a hash of every file the check reads (gongbao.content.tree's folders and configuration files), of the
last published lock it compares with, of the build date and of the code. A file's hash is recomputed when
its size, modification time, change time or inode differ from those recorded with it, as git's index does:
an unchanged archive is stat-ed, not read. A cold check (nothing recorded to compare with) hashes each file where
it is read for the check, the pool's workers included, and records a file changed meanwhile as such
(gongbao.publish.filestamp). The cache is signed with a secret kept outside the repository,
so a cache file committed in a pull request or restored from another branch cannot make a check pass: it
is ignored, as is a corrupt one, and the check runs in full (gongbao.publish.signed); so it does when the cache's
folder is a link (gongbao.publish.cachefolder). When the result
cannot be reused, the files unchanged since the last check are not read again (gongbao.publish.filecache), and
the cross-document rules' findings are the last ones when no change could alter them (gongbao.publish.crosskept);
when, besides, only a few entries changed, the result is the last one with their own findings replaced, and the
per-file cache is not even loaded (gongbao.publish.quickcheck).
The build never uses these caches: it checks everything itself.
"""
from __future__ import annotations

import datetime as dt
import gc
import hashlib
import json
import marshal
import os
import pickle
import time
from dataclasses import asdict, dataclass
from functools import partial
from pathlib import Path

from gongbao import rules
from gongbao.content import diagnostics, gitshow, lock, published_lock, settings as settings_module, tree
from gongbao.publish import cachefolder, collector, crosskept, filecache, filestamp, fingerprint, quickcheck, signed
from gongbao.publish.check import Checked, check
from gongbao.content.clock import build_date, judged_on
from gongbao.content.diagnostics import Diagnostic
from gongbao.content.model import Archive

VERSION = 1
TOOLS = ("pyyaml", "markdown", "opencc-python-reimplemented")  # what the loader and rules run besides this package
RACY_NS = 2_000_000_000  # a file changed this recently is hashed again next time (git's "racy" entries)
SECRET_ENV = signed.SECRET_ENV
RESULT = "check.marshal"  # the last result, stamps and kept findings: marshal loads 18,000 stamps a few times faster than JSON
LOCK = "lock.pickle"  # the committed lock as parsed, by the hash of its bytes: parsing 18,000 entries took 0.4 s a check
# The last check's objects (what it loaded, made and kept), let go at the next check in this process and hidden from the
# collector meanwhile (gc.freeze): freed one by one as the check returned they were 0.09 s of a cold check at 10,000
# documents, which ``gongbao check`` never needs (it ends with os._exit, gongbao.cli.console); kept but not frozen, the
# collector's first pass once on again walked them all (the check made them with it off: none was ever collected).
# gc.freeze takes all the process holds: a process that manages frozen objects itself (the preview's worker) never
# calls cached_check.
_HELD: list = []


@dataclass(frozen=True)
class Summary:
    diagnostics: list[Diagnostic]
    documents: int
    interpretations: int

    @property
    def ok(self) -> bool:
        return not diagnostics.has_errors(self.diagnostics)


def cached_check(root: Path, today: dt.date | None = None,
                 published: tuple[lock.Lock, list[Diagnostic]] | None = None) -> Summary:
    # No collection meanwhile: what the check unpickles, receives from the pool and makes lives to its end (millions of
    # objects) and next to none of it is cyclic garbage (40 objects at 10,000 documents), so collections walking it
    # were 0.65 of a cold check's 2.6 CPU seconds in this process. Its objects are let go at the next check (_HELD).
    with collector.paused():
        _HELD.clear()
        gc.unfreeze()
        try:
            return _cached_check(root, today, published)
        finally:
            gc.freeze()


def _cached_check(root: Path, today: dt.date | None, published: tuple[lock.Lock, list[Diagnostic]] | None) -> Summary:
    day = today or build_date()  # in the key; a snapshot's build_date is in gazette.yml, hashed with it
    scanned = tree.scan(root)  # the one walk of the check: its listing and stats serve the hashes and the loader
    if scanned.problems:  # before any file is opened for its hash: a FIFO would block, a link could lead anywhere
        return Summary(diagnostics.sort(scanned.problems), 0, 0)
    published = published or published_lock.from_env()
    folder = cachefolder.of(root)
    if folder is None:
        return _summary(check(root, today, published, scanned=scanned, bodies=False))
    path, key = folder / RESULT, signed.secret()
    stored = _load(path, key)
    _HELD.append(stored)
    known = stored.get("files", {})
    hashes, code = stamps(root, scanned.files, known, unread=not known), fingerprint.code(TOOLS)
    head = gitshow.head(root)
    digest = _key(hashes, published, day, code, head) if known else None
    summary = _stored_result(stored) if digest is not None and stored.get("key") == digest else None
    fresh, kept, own, common = summary is None, stored.get("across"), stored.get("own"), made_under(hashes, code)
    def context(settings: settings_module.Settings) -> rules.Context:  # as check makes it, for one file's own findings
        committed = _committed(root, folder / LOCK, key, hashes.get(lock.FILENAME), code)[0]
        return rules.Context(Archive(), settings, today or judged_on(settings), committed,
                             published=published[0], earlier=gitshow.reader(root))
    quick = quickcheck.reused(root, stored, hashes, frame(published, day, code, head), common, context) if fresh else None
    if quick is not None:  # a few entries edited: the last result with their own findings replaced
        found, kept, own = quick
        summary, fresh = Summary(found, stored["result"]["documents"], stored["result"]["interpretations"]), False
    if fresh:  # the files unchanged since the last check are not read again (gongbao.publish.filecache)
        files = filecache.load(folder / "files.pickle", key, root, hashes, common)
        across = crosskept.Across(kept if isinstance(kept, dict) else {}, stored.get("files", {}), hashes,
                                  frame(published, day, code, head), files)
        committed = partial(_committed, root, folder / LOCK, key, hashes.get(lock.FILENAME), code)
        checked = check(root, today, published, files, scanned, across, bodies=False, committed=committed)
        _HELD.extend((files, checked))
        hashes = completed(root, hashes, files.read)
        digest = _key(hashes, published, day, code, head)  # of the bytes checked
        files.save(folder / "files.pickle", key)
        own = quickcheck.records(files, checked.settings, stored.get("files", {}), hashes, own, common)
        summary, kept = _summary(checked), across.kept(checked.diagnostics)
    if fresh or hashes != stored["files"]:  # new stamps are worth keeping: the next check reads less
        signed.write(path, key, marshal.dumps({"files": hashes, "key": digest, "across": kept, "own": own, "result": {
            "diagnostics": [asdict(d) for d in summary.diagnostics],
            "documents": summary.documents, "interpretations": summary.interpretations}}))
    return summary


def _committed(root: Path, path: Path, key: bytes, stamp: list | None, code: bytes) -> tuple[lock.Lock, list[Diagnostic]]:
    """The committed lock as ``lock.load`` reads it: kept, parsed, from the last check that read these very bytes
    (``stamp``'s hash) with this code (``code``: another parses them otherwise, a key one did not know being an error),
    else read now and kept for the next one, by the hash of the bytes parsed and the code."""
    body = signed.read(path, key)  # signed by this user's checks, so pickled by them: a torn or forged file is None
    if body is not None and stamp is not None and stamp[4] is not None:
        try:
            sha, made_by, parsed = pickle.loads(body)
        except (pickle.UnpicklingError, EOFError, TypeError, ValueError, AttributeError):  # another layout or Python
            sha, made_by, parsed = None, None, None
        if sha == stamp[4] and made_by == code:
            return parsed
    parsed = lock.load(root)
    if parsed[0].exists:
        signed.write(path, key, pickle.dumps((hashlib.sha256(parsed[0].text.encode("utf-8")).hexdigest(), code, parsed),
                                             protocol=pickle.HIGHEST_PROTOCOL))
    return parsed


def _summary(checked: Checked) -> Summary:
    return Summary(checked.diagnostics, len(checked.archive.documents), len(checked.archive.interpretations))


def _stored_result(stored: dict) -> Summary | None:
    try:
        result = stored["result"]
        return Summary([Diagnostic(**d) for d in result["diagnostics"]], result["documents"], result["interpretations"])
    except (KeyError, TypeError):
        return None  # signed by us, so only an older layout: checked afresh


def stamps(root: Path, listed: dict[str, os.stat_result], known: dict, unread: bool = False) -> dict[str, list]:
    """Relative path → [size, mtime, ctime, inode, sha256] of every file the check reads (``listed``: the
    walk's stats, gongbao.content.tree.scan); a file whose stat is as recorded is not read. ``unread``: no file
    is read here but gazette.yml (every entry depends on it), its hash None until the check has read it
    (``completed``): a cold check, with nothing to compare, reads each file once, in the pool's workers."""
    found, now, base = {}, time.time_ns(), str(root)
    for rel, st in listed.items():
        stamp = [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, None]
        before = known.get(rel)
        if isinstance(before, list) and before[:4] == stamp[:4] and len(before) == 5:
            found[rel] = before
            continue
        if now - st.st_ctime_ns < RACY_NS:
            stamp[0] = -1  # may change again within the clock's tick, its stamp unchanged: read next time
        if not unread or rel == settings_module.FILENAME:
            read = filestamp.read(os.path.join(base, rel))
            if read is None:
                continue  # gone since the walk
            stamp[4] = filestamp.hash_of(stamp, read)
        found[rel] = stamp
    return found


def completed(root: Path, hashes: dict[str, list], read: dict[str, str]) -> dict[str, list]:
    """``hashes`` with the hash of each file as the check read it (``read``: gongbao.publish.filecache.FileCache's),
    and of each other file ``stamps`` left unread, read now: ``filestamp.CHANGED`` for one changed meanwhile."""
    base, done = str(root), {}
    for rel, stamp in hashes.items():
        if rel in read:
            done[rel] = stamp if stamp[4] == read[rel] else [*stamp[:4], read[rel]]
        elif stamp[4] is None:
            done[rel] = [*stamp[:4], filestamp.hash_of(stamp, filestamp.read(os.path.join(base, rel)))]
        else:
            done[rel] = stamp
    return done


def _key(hashes: dict[str, list], published: tuple[lock.Lock, list[Diagnostic]], today: dt.date, code: bytes,
         head: str) -> str:
    digest = hashlib.sha256(code)
    last, unreadable = published
    digest.update(json.dumps([VERSION, today.isoformat(), head, last.name, last.exists, last.text,
                              last.unrecorded and last.unrecorded.text, [asdict(d) for d in unreadable]],
                             ensure_ascii=False).encode())
    for rel, stamp in hashes.items():
        digest.update(f"{rel}\0{stamp[4]}\n".encode())
    return digest.hexdigest()


def frame(published: tuple[lock.Lock, list[Diagnostic]], today: dt.date, code: bytes, head: str) -> str:
    """All else than the files a check depends on (gongbao.publish.crosskept's ``frame``): the last published lock,
    the build date, the code and the commit git's HEAD names (the lock rule names the line an uncorrected change
    starts at by the file as committed there: gongbao.content.gitshow)."""
    return _key({}, published, today, code, head)


def made_under(hashes: dict[str, list], code: bytes) -> str:
    """What every file's entry depends on besides the file: the code, and the settings (gazette.yml)."""
    settings = hashes.get(settings_module.FILENAME)
    return hashlib.sha256(code + (settings[4] if settings else "none").encode()).hexdigest()


def _load(path: Path, key: bytes) -> dict:
    """The cache if it is ours and whole; else an empty one."""
    try:  # signed by this user's checks, so made by marshal.dumps: a torn or forged file never gets here
        stored = marshal.loads(signed.read(path, key) or marshal.dumps({}))
    except (ValueError, EOFError, TypeError):  # another Python's marshal format
        return {}
    return stored if isinstance(stored, dict) and isinstance(stored.get("files"), dict) else {}
