"""Files written whole or not at all, and never through a link planted in their place or beside them."""
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
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), mode)
    try:
        with os.fdopen(descriptor, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
