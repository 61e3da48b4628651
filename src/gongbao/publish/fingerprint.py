"""Hashes of what a result was made from, for the caches (gongbao.publish.incremental, gongbao.publish.checkcache)."""
from __future__ import annotations

import hashlib
import platform
import sys
from importlib import metadata
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent  # all of gongbao, not only this folder


def code(tools: tuple[str, ...]) -> bytes:
    """This package's source, the versions of ``tools`` and of Python: a new release of any changes every result."""
    digest = hashlib.sha256()
    for name in tools:
        digest.update(f"{name}={metadata.version(name)}\n".encode())
    digest.update(f"{sys.version}\n{platform.machine()}\n".encode())
    digest.update(files(sorted(PACKAGE.rglob("*.py")), PACKAGE))
    return digest.digest()


def files(paths: list[Path], base: Path) -> bytes:
    """The names (relative to ``base``) and bytes of the regular files among ``paths``, in that order."""
    digest = hashlib.sha256()
    for path in paths:
        if path.is_file():
            digest.update(f"{path.relative_to(base).as_posix()}\0".encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.digest()
