"""``gongbao check`` without re-reading an unchanged archive: the last result, keyed by content hashes.

The key is a hash of every file the check reads (gongbao.content.tree's folders and configuration files), of the
last published lock it compares with, of the build date and of the code. A file's hash is recomputed when
its size, modification time, change time or inode differ from those recorded with it, as git's index does:
an unchanged archive is stat-ed, not read. The cache is signed with a secret kept outside the repository,
so a cache file committed in a pull request or restored from another branch cannot make a check pass: it
is ignored, as is a corrupt one, and the check runs in full (gongbao.publish.signed). When the result
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
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from gongbao.content import diagnostics, lock, published_lock, settings as settings_module, tree
from gongbao.publish import crosskept, filecache, fingerprint, quickcheck, signed
from gongbao.publish.check import check
from gongbao.content.clock import build_date
from gongbao.content.diagnostics import Diagnostic

VERSION = 1
TOOLS = ("pyyaml", "markdown", "opencc-python-reimplemented")  # what the loader and rules run besides this package
RACY_NS = 2_000_000_000  # a file changed this recently is hashed again next time (git's "racy" entries)
SECRET_ENV = signed.SECRET_ENV
RESULT = "check.marshal"  # the last result, stamps and kept findings: marshal loads 18,000 stamps a few times faster than JSON


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
    day = today or build_date()  # in the key; a snapshot's build_date is in gazette.yml, hashed with it
    scanned = tree.scan(root)  # the one walk of the check: its listing and stats serve the hashes and the loader
    if scanned.problems:  # before any file is opened for its hash: a FIFO would block, a link could lead anywhere
        return Summary(diagnostics.sort(scanned.problems), 0, 0)
    published = published or published_lock.from_env()
    folder = root / ".cache" / "gongbao"
    path, key = folder / RESULT, signed.secret()
    stored = _load(path, key)
    hashes, code = stamps(root, scanned.files, stored.get("files", {})), fingerprint.code(TOOLS)
    digest = _key(hashes, published, day, code)
    summary = _stored_result(stored) if stored.get("key") == digest else None
    fresh, kept, own, common = summary is None, stored.get("across"), stored.get("own"), made_under(hashes, code)
    quick = quickcheck.reused(root, stored, hashes, frame(published, day, code), common) if fresh else None
    if quick is not None:  # a few entries edited: the last result with their own findings replaced
        found, kept, own = quick
        summary, fresh = Summary(found, stored["result"]["documents"], stored["result"]["interpretations"]), False
    if fresh:  # the files unchanged since the last check are not read again (gongbao.publish.filecache)
        gc.disable()  # unpickling makes millions of objects, none of them garbage: frozen before a collection walks them
        try:
            files = filecache.load(folder / "files.pickle", key, root, hashes, common)
            gc.freeze()  # and kept out of sight of the collections the check's own objects trigger
        finally:
            gc.enable()
        across = crosskept.Across(kept if isinstance(kept, dict) else {}, stored.get("files", {}), hashes,
                                  frame(published, day, code), files)
        try:
            checked = check(root, today, published, files, scanned, across, bodies=False)  # a summary: nothing rendered
            files.save(folder / "files.pickle", key)
            own = quickcheck.records(files, checked.settings, stored.get("files", {}), hashes, own, common)
        finally:
            gc.unfreeze()
        summary, kept = Summary(checked.diagnostics, len(checked.archive.documents), len(checked.archive.interpretations)), across.kept(checked.diagnostics)
    if fresh or hashes != stored["files"]:  # new stamps are worth keeping: the next check reads less
        signed.write(path, key, marshal.dumps({"files": hashes, "key": digest, "across": kept, "own": own, "result": {
            "diagnostics": [asdict(d) for d in summary.diagnostics],
            "documents": summary.documents, "interpretations": summary.interpretations}}))
    return summary


def _stored_result(stored: dict) -> Summary | None:
    try:
        result = stored["result"]
        return Summary([Diagnostic(**d) for d in result["diagnostics"]], result["documents"], result["interpretations"])
    except (KeyError, TypeError):
        return None  # signed by us, so only an older layout: checked afresh


def stamps(root: Path, listed: dict[str, os.stat_result], known: dict) -> dict[str, list]:
    """Relative path → [size, mtime, ctime, inode, sha256] of every file the check reads (``listed``: the
    walk's stats, gongbao.content.tree.scan); a file whose stat is as recorded is not read."""
    found, now, base = {}, time.time_ns(), str(root)
    for rel, st in listed.items():
        stamp = [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]
        before = known.get(rel)
        if isinstance(before, list) and before[:4] == stamp and len(before) == 5:
            found[rel] = before
            continue
        try:
            with open(os.path.join(base, rel), "rb") as file:
                found[rel] = [*stamp, hashlib.sha256(file.read()).hexdigest()]
        except OSError:
            continue  # gone since the walk
        if now - st.st_ctime_ns < RACY_NS:
            found[rel][0] = -1  # may change again within the clock's tick, its stamp unchanged: read next time
    return found


def _key(hashes: dict[str, list], published: tuple[lock.Lock, list[Diagnostic]], today: dt.date, code: bytes) -> str:
    digest = hashlib.sha256(code)
    last, unreadable = published
    digest.update(json.dumps([VERSION, today.isoformat(), last.name, last.exists, last.text,
                              [asdict(d) for d in unreadable]], ensure_ascii=False).encode())
    for rel, stamp in hashes.items():
        digest.update(f"{rel}\0{stamp[4]}\n".encode())
    return digest.hexdigest()


def frame(published: tuple[lock.Lock, list[Diagnostic]], today: dt.date, code: bytes) -> str:
    """All else than the files a check depends on (gongbao.publish.crosskept's ``frame``)."""
    return _key({}, published, today, code)


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
