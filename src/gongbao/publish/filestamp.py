"""A file's stamp as ``gongbao check`` records it (gongbao.publish.checkcache): [size, modification time, change time,
inode, sha256], and how a check makes sure the hash is of the bytes it checked.

The walk (gongbao.content.tree.scan) stats every file before anything reads it. Whoever reads a file for its hash
reads it whole and stats it again after: when that stat is the walk's, nothing was written in between (a write
changes the change time, beyond the clock's tick: checkcache.RACY_NS), so the hash is of the bytes the file had
all along, and of those the loader read in between. Else the file changed while the check read it: it is
recorded as ``CHANGED``, a hash no content has, so nothing made of it is trusted later. A cold check's workers
hash the very bytes the loader read, with the stat it took once it had read them (``of``): no second read.
"""
from __future__ import annotations

import hashlib
import os
import stat

CHUNK = 1 << 16  # bytes a read: most files in one
CHANGED = "changed"  # the hash of a file changed while the check read it: never a content's hash


def read(path: str) -> list | None:
    """The file's stat taken after reading it whole, and the sha256 of what was read: [size, mtime, ctime, inode,
    sha256]; None when it cannot be read or is no regular file (one swapped in since the walk: a FIFO is opened
    non-blocking, so nothing blocks)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY)
    except OSError:
        return None
    try:  # os.read in pieces: a fifth cheaper than a file object, and a huge file never whole in memory
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None  # a device swapped in since the walk would read without end
        digest = hashlib.sha256()
        while chunk := os.read(fd, CHUNK):
            digest.update(chunk)
        after = os.fstat(fd)
    except OSError:
        return None
    finally:
        os.close(fd)
    return [after.st_size, after.st_mtime_ns, after.st_ctime_ns, after.st_ino, digest.hexdigest()]


def of(path: str, data: bytes | None, after: os.stat_result | None) -> list | None:
    """The stamp of a file someone else read whole (``data``, stat-ed ``after`` reading it): as ``read`` finds it,
    without reading the file a second time; the file read here when they did not (``data`` None)."""
    if data is None or after is None:
        return read(path)
    if not stat.S_ISREG(after.st_mode):
        return None  # a FIFO or device opened in place of the file: as read says
    return [after.st_size, after.st_mtime_ns, after.st_ctime_ns, after.st_ino, hashlib.sha256(data).hexdigest()]


def stated(path: str, sha256: str) -> list | None:
    """The stamp of a file hashed (``sha256``) before something else read it: its stat now, which, the walk's, shows
    nothing was written since, so the bytes read later are those hashed (no need to read them a third time)."""
    try:
        now = os.stat(path)
    except OSError:
        return None
    return [now.st_size, now.st_mtime_ns, now.st_ctime_ns, now.st_ino, sha256]


def hash_of(stamp: list, read: list | None) -> str:
    """The hash of the file ``stamp`` (from the walk, its hash None when not read yet) describes, given what
    ``read`` found: ``CHANGED`` unless the file was as the walk saw it (and as hashed, when it was)."""
    if read is None or read[1:4] != stamp[1:4] or stamp[0] not in (read[0], -1) or stamp[4] not in (None, read[4]):
        return CHANGED  # size -1: too recent to trust (checkcache.stamps), compared by its times and inode alone
    return read[4]
