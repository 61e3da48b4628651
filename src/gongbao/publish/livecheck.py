"""``gongbao check`` kept in memory between calls, for the preview (gongbao_preview): a call reads again only the
files whose content hash changed since the last call (gongbao.publish.checkcache's stamps: an unchanged file is
stat-ed, not read), and the cross-document rules' findings are the last call's when the changed files show those
rules the same (gongbao.publish.crosskept, as ``gongbao check`` decides it). The entries are the CLI's per-file
cache (gongbao.publish.filecache) kept whole, bodies included, so nothing is pickled, signed or read back: the
result is the one a cold check gives. A normal build never uses it: the hook checks from scratch unless handed a
Checker.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from gongbao.content import gitshow, lock, published_lock, tree
from gongbao.content.clock import build_date
from gongbao.content.diagnostics import Diagnostic
from gongbao.publish import checkcache, crosskept, fingerprint
from gongbao.publish.check import Checked, check
from gongbao.publish.filecache import FileCache


class Checker:
    """``check`` with the last call's per-file entries, stamps and cross-document findings kept in memory."""

    def __init__(self):
        self._code = fingerprint.code(checkcache.TOOLS)  # the process's code: a change of it restarts the preview
        self._stamps: dict[str, list] = {}
        self._entries: dict = {}
        self._made_under = ""
        self._across: dict = {}  # what crosskept.Across.kept gave at the last call
        self.last: FileCache | None = None  # the last call's entries, to see how much it reused
        self.reused = False  # whether the last call reused the cross-document findings

    def check(self, root: Path, today: dt.date | None = None,
              published: tuple[lock.Lock, list[Diagnostic]] | None = None) -> Checked:
        scanned = tree.scan(root)
        if scanned.problems:  # before any file is opened for its hash: a FIFO would block
            return check(root, today, published, scanned=scanned)
        published = published or published_lock.from_env()
        before, self._stamps = self._stamps, checkcache.stamps(root, scanned.files, self._stamps)
        made_under = checkcache.made_under(self._stamps, self._code)  # the code and gazette.yml
        kept = self._entries if made_under == self._made_under else {}
        self.last = FileCache(root, self._stamps, made_under, kept)
        frame = checkcache.frame(published, today or build_date(), self._code, gitshow.head(root))
        across = crosskept.Across(self._across, before, self._stamps, frame, self.last)
        checked = check(root, today, published, self.last, scanned, across)
        # the hash of the bytes checked: a file saved again between its stamp and its read is not taken for the stamped
        self._stamps = checkcache.completed(root, self._stamps, self.last.read)
        for _, _, result, _, links, _ in self.last.entries.values():  # what the next call's crosskept compares with,
            if result.item is not None and links is None:  # as the CLI's cache keeps it (filecache's bodiless entry)
                self.last.links_of(result.item)
        self._entries, self._made_under = self.last.entries, made_under
        self._across, self.reused = across.kept(checked.diagnostics), across.reused
        return checked
