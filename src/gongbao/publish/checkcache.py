"""``gongbao check`` without re-reading an unchanged archive: the last result, keyed by content hashes.

The key is a hash of every file the check reads (gongbao.content.tree's folders and configuration files), of the
last published lock it compares with, of the build date and of the code. A file's hash is recomputed when
its size, modification time, change time or inode differ from those recorded with it, as git's index does:
an unchanged archive is stat-ed, not read. The cache is signed with a secret kept outside the repository,
so a cache file committed in a pull request or restored from another branch cannot make a check pass: it
is ignored, as is a corrupt one, and the check runs in full. The build never uses this cache: it checks
everything itself.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import os
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from gongbao.content import diagnostics, lock, published_lock, tree
from gongbao.publish import fingerprint
from gongbao.publish.check import check
from gongbao.content.clock import build_date
from gongbao.content.diagnostics import Diagnostic

VERSION = 1
TOOLS = ("pyyaml",)
RACY_NS = 2_000_000_000  # a file changed this recently is hashed again next time (git's "racy" entries)
SECRET_ENV = "GONGBAO_CACHE_SECRET"  # a file; default under $XDG_CACHE_HOME (~/.cache), never in a repository


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
    unsafe = tree.problems(root)
    if unsafe:  # before any file is opened for its hash: a FIFO would block, a link could lead anywhere
        return Summary(diagnostics.sort(unsafe), 0, 0)
    published = published or published_lock.from_env()
    path = root / ".cache" / "gongbao" / "check.json"
    secret = _secret()
    stored = _load(path, secret)
    hashes = _hashes(root, stored.get("files", {}))
    key = _key(hashes, published, day)
    summary = _stored_result(stored) if stored.get("key") == key else None
    fresh = summary is None
    if fresh:
        checked = check(root, today, published)
        summary = Summary(checked.diagnostics, len(checked.archive.documents), len(checked.archive.interpretations))
    if fresh or hashes != stored["files"]:  # new stamps are worth keeping: the next check reads less
        _save(path, secret, {"files": hashes, "key": key, "result": {
            "diagnostics": [asdict(d) for d in summary.diagnostics],
            "documents": summary.documents, "interpretations": summary.interpretations}})
    return summary


def _stored_result(stored: dict) -> Summary | None:
    try:
        result = stored["result"]
        return Summary([Diagnostic(**d) for d in result["diagnostics"]], result["documents"], result["interpretations"])
    except (KeyError, TypeError):
        return None  # signed by us, so only an older layout: checked afresh


def _inputs(root: str):
    """Every file the check reads, by path relative to ``root``; links inside are followed, as the loader does.
    (Plain strings: at 10,000 documents pathlib alone would take a third of a cached check.)"""
    yield from tree.CONFIGURATION
    seen, skip = set(), len(root) + 1
    for folder in tree.FOLDERS:
        for parent, dirs, names in os.walk(os.path.join(root, folder), followlinks=True):
            real = os.path.realpath(parent)
            if real in seen:
                dirs.clear()
                continue
            seen.add(real)
            dirs.sort()
            for name in sorted(names):
                yield os.path.join(parent, name)[skip:]


def _hashes(root: Path, known: dict) -> dict[str, list]:
    """Relative path → [size, mtime, ctime, inode, sha256]; a file whose stat is as recorded is not read."""
    found, now, base = {}, time.time_ns(), str(root)
    for rel in _inputs(base):
        path = os.path.join(base, rel)
        try:
            st = os.stat(path)
        except OSError:
            continue
        stamp = [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]
        before = known.get(rel)
        if isinstance(before, list) and before[:4] == stamp and len(before) == 5:
            found[rel] = before
        else:
            with open(path, "rb") as file:
                found[rel] = [*stamp, hashlib.sha256(file.read()).hexdigest()]
            if now - st.st_ctime_ns < RACY_NS:
                found[rel][0] = -1  # may change again within the clock's tick, its stamp unchanged: read next time
    return found


def _key(hashes: dict[str, list], published: tuple[lock.Lock, list[Diagnostic]], today: dt.date) -> str:
    digest = hashlib.sha256(fingerprint.code(TOOLS))
    last, unreadable = published
    digest.update(json.dumps([VERSION, today.isoformat(), last.name, last.exists, last.text,
                              [asdict(d) for d in unreadable]], ensure_ascii=False).encode())
    for rel, stamp in hashes.items():
        digest.update(f"{rel}\0{stamp[4]}\n".encode())
    return digest.hexdigest()


def _secret() -> bytes:
    """This user's signing key, made on first use; readable by this user only."""
    path = Path(os.environ.get(SECRET_ENV) or
                Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "gongbao" / "secret")
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as out:
                out.write(os.urandom(32))
        except FileExistsError:
            pass  # another check made it first
    return path.read_bytes()


def _load(path: Path, secret: bytes) -> dict:
    """The cache if it is ours and whole; else an empty one."""
    try:
        signature, _, body = path.read_bytes().partition(b"\n")
        if hmac.compare_digest(signature, hmac.new(secret, body, hashlib.sha256).hexdigest().encode()):
            stored = json.loads(body)
            if isinstance(stored, dict) and isinstance(stored.get("files"), dict):
                return stored
    except (OSError, ValueError):
        pass
    return {}


def _save(path: Path, secret: bytes, stored: dict) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        body = json.dumps(stored, ensure_ascii=False, separators=(",", ":")).encode()
        temporary = path.with_name(f".{path.name}.{os.getpid()}")
        temporary.write_bytes(hmac.new(secret, body, hashlib.sha256).hexdigest().encode() + b"\n" + body)
        temporary.replace(path)
    except OSError:
        pass  # a read-only checkout: the next check runs in full
