"""Files written whole or not at all, and never through a link planted in their place or beside them (a pull request
can commit one: opened for writing by its name, the file it led to was written or truncated)."""
from __future__ import annotations

import os
import secrets
from pathlib import Path


def write(path: Path, data: bytes, mode: int = 0o666) -> None:
    """``data`` as the whole of ``path``: written into a new file beside it, under a name nobody can foresee and
    created, never opened (O_EXCL, O_NOFOLLOW: a link planted there is refused, not followed), then renamed over
    ``path``, which replaces a link in its place instead of writing where it leads. The new file is removed if
    anything fails; OSError is the caller's."""
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(6)}")
    try:
        with unfollowed(temporary, os.O_EXCL, "wb", mode) as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def unfollowed(path: Path, flags: int = 0, how: str = "w", mode: int = 0o666):
    """``path`` opened for writing (created if need be; ``flags``: O_EXCL, O_TRUNC…), never through a link in its
    place: OSError (ELOOP) instead."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | flags | getattr(os, "O_NOFOLLOW", 0), mode)
    return os.fdopen(descriptor, how, encoding=None if "b" in how else "utf-8")
