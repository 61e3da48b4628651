"""Cache files signed with a secret kept outside the repository: a cache committed in a pull request,
restored from another branch or written by another user is not ours, and is read as no cache at all."""
from __future__ import annotations

import hashlib
import hmac
import os
import stat
from pathlib import Path

from gongbao.content import atomic
from gongbao.publish import usercache

SECRET_ENV = "GONGBAO_CACHE_SECRET"  # a file; default under $XDG_CACHE_HOME (~/.cache), never in a repository


def secret() -> bytes:
    """This user's signing key, made on first use; readable by this user only."""
    path = Path(os.environ.get(SECRET_ENV) or usercache.folder() / "secret")
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as out:
                out.write(os.urandom(32))
        except FileExistsError:
            pass  # another check made it first
    return path.read_bytes()


def read(path: Path, key: bytes) -> memoryview | None:
    """The body of ``path`` when it is signed with ``key``; None for anything else (absent, forged, torn)."""
    try:  # not through a link in its place: it could lead to a file this user's checks signed in another checkout
        with os.fdopen(os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0)), "rb") as opened:
            if not stat.S_ISREG(os.fstat(opened.fileno()).st_mode):
                return None  # a FIFO planted there: opened without blocking, and never read
            data = opened.read()
    except OSError:
        return None
    start = data.find(b"\n") + 1
    body = memoryview(data)[start:]  # not a copy: the per-file cache is tens of megabytes
    good = start and hmac.compare_digest(data[:start - 1], hmac.new(key, body, hashlib.sha256).hexdigest().encode())
    return body if good else None


def write(path: Path, key: bytes, body: bytes) -> None:
    """``body`` signed with ``key`` as the whole of ``path``, readable by this user only, never written where a link
    planted in its place or beside it leads (gongbao.content.atomic)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic.write(path, hmac.new(key, body, hashlib.sha256).hexdigest().encode() + b"\n" + body, 0o600)
    except OSError:
        pass  # a read-only checkout: the next check runs in full
