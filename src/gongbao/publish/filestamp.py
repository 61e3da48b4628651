"""A file's stamp as ``gongbao check`` records it (gongbao.publish.checkcache): [size, modification time, change time,
inode, sha256], and how a check makes sure the hash is of the bytes it checked.

The walk (gongbao.content.tree.scan) stats every file before anything reads it. Whoever reads a file for its hash
reads it whole and stats it again after: when that stat is the walk's, nothing was written in between (a write
changes the change time, beyond the clock's tick: checkcache.RACY_NS), so the hash is of the bytes the file had
all along, and of those the loader read in between. Else the file changed while the check read it: it is
recorded as ``CHANGED``, a hash no content has, so nothing made of it is trusted later.
"""
from __future__ import annotations

import hashlib
import os

CHUNK = 1 << 20
CHANGED = "changed"  # the hash of a file changed while the check read it: never a content's hash


def read(path: str) -> list | None:
    """The file's stat taken after reading it whole, and the sha256 of what was read: [size, mtime, ctime, inode,
    sha256]; None when it cannot be read. Never blocks: a FIFO swapped in since the walk is opened non-blocking,
    and its stat is not the walk's."""
    try:
        with open(os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY), "rb") as file:
            digest = hashlib.sha256()
            while chunk := file.read(CHUNK):  # a huge file in pieces (hashlib.file_digest: slower for small ones)
                digest.update(chunk)
            after = os.fstat(file.fileno())
    except OSError:
        return None
    return [after.st_size, after.st_mtime_ns, after.st_ctime_ns, after.st_ino, digest.hexdigest()]


def hash_of(stamp: list, read: list | None) -> str:
    """The hash of the file ``stamp`` (from the walk, its hash None when not read yet) describes, given what
    ``read`` found: ``CHANGED`` unless the file was as the walk saw it (and as hashed, when it was)."""
    if read is None or read[1:4] != stamp[1:4] or stamp[0] not in (read[0], -1) or stamp[4] not in (None, read[4]):
        return CHANGED  # size -1: too recent to trust (checkcache.stamps), compared by its times and inode alone
    return read[4]
