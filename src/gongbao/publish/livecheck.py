"""``gongbao check`` kept in memory between calls, for the preview (gongbao_preview): a call reads again only the
files whose content hash changed since the last call (gongbao.publish.checkcache's stamps: an unchanged file is
stat-ed, not read), and the cross-document rules run on the entries kept. The entries are the CLI's per-file cache
(gongbao.publish.filecache) kept whole, bodies included, so nothing is pickled, signed or read back: the result is
the one a cold check gives. A normal build never uses it: the hook checks from scratch unless handed a Checker.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from gongbao.content import lock, tree
from gongbao.content.diagnostics import Diagnostic
from gongbao.publish import checkcache, fingerprint
from gongbao.publish.check import Checked, check
from gongbao.publish.filecache import FileCache


class Checker:
    """``check`` with the last call's per-file entries and stamps kept in memory."""

    def __init__(self):
        self._code = fingerprint.code(checkcache.TOOLS)  # the process's code: a change of it restarts the preview
        self._stamps: dict[str, list] = {}
        self._entries: dict = {}
        self._made_under = ""
        self.last: FileCache | None = None  # the last call's entries, to see how much it reused

    def check(self, root: Path, today: dt.date | None = None,
              published: tuple[lock.Lock, list[Diagnostic]] | None = None) -> Checked:
        scanned = tree.scan(root)
        if scanned.problems:  # before any file is opened for its hash: a FIFO would block
            return check(root, today, published, scanned=scanned)
        self._stamps = checkcache.stamps(root, scanned.files, self._stamps)
        made_under = checkcache.made_under(self._stamps, self._code)  # the code and gazette.yml
        kept = self._entries if made_under == self._made_under else {}
        self.last = FileCache(root, self._stamps, made_under, kept)
        checked = check(root, today, published, self.last, scanned)
        self._entries, self._made_under = self.last.entries, made_under
        return checked
