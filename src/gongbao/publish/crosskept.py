"""The cross-document rules' findings kept from the last ``gongbao check`` (gongbao.publish.checkcache).

What those rules read of an issue, a document or an interpretation is its entry without the body — every
front-matter field, the lines of its keys and of its body — and the links of its body (gongbao.rules.body_links);
the lock rule alone reads bodies, attachments and git's copy, of the files it compares (gongbao.rules.lock.compared).
So when every file whose content changed since the last check is one of those, shows the rules the same as it
did then, had and has no error (a body with errors need not render, and the links rule lists the rendered
files) and is not one the lock rule compares, and no file was added or removed (settings, lock, hand-written
pages, attachments and participation texts are files too: any change of them is a change of a file that is not
an entry), and the last published lock, the build date and the code are the same, the findings are the last
ones. Otherwise the rules run. Either way the per-file rules and the loader run as before.
"""
from __future__ import annotations

import dataclasses
import functools
import hashlib
import operator
from dataclasses import asdict

from gongbao import rules
from gongbao.content import diagnostics
from gongbao.content.diagnostics import Diagnostic
from gongbao.publish.filecache import FileCache
from gongbao.rules import lock as lock_rule


class Across:
    """``check``'s ``across``: the stored findings when they still hold, else the rules' own."""

    def __init__(self, stored: dict, before: dict[str, list], now: dict[str, list], frame: str, files: FileCache):
        """``stored``: what ``kept`` gave last time ({} if nothing); ``before``, ``now``: the last check's and this
        one's stamps (gongbao.publish.checkcache.stamps); ``frame``: a digest of all else the check depends on."""
        self._stored, self._before, self._now, self._frame, self._files = stored, before, now, frame, files
        self.reused = False
        self._found: list[Diagnostic] = []
        self._compared: frozenset[str] = frozenset()
        self._shown: dict[str, list[str]] = {}  # rel → [sha256, shown()] of the changed files this check looked at

    def __call__(self, ctx: rules.Context) -> list[Diagnostic]:
        reused = self._reusable(ctx)
        if reused is not None:
            self._found, self._compared = reused
            self.reused = True
        else:
            self._found, self._compared = list(rules.across(ctx)), lock_rule.compared(ctx)
        return self._found

    def kept(self, result: list[Diagnostic]) -> dict:
        """What the next check needs to reuse these findings (plain data, as marshal keeps it); ``result``: the whole check's."""
        return {"frame": self._frame, "found": [asdict(d) for d in self._found], "compared": sorted(self._compared),
                "shown": self._shown, "erring": sorted({d.path for d in result if d.is_error})}

    def _reusable(self, ctx: rules.Context) -> tuple[list[Diagnostic], frozenset[str]] | None:
        stored, before, now = self._stored, self._before, self._now
        if stored.get("frame") != self._frame or before.keys() != now.keys():
            return None
        changed = [rel for rel, stamp in now.items() if before[rel][4] != stamp[4]]
        compared, erring = frozenset(stored.get("compared", ())), frozenset(stored.get("erring", ()))
        if any(rel in compared or rel in erring for rel in changed):
            return None
        items = {item.source.path: item for item in _entries(ctx.archive, changed)}
        for rel in changed:
            if (was := self._was(rel, stored.get("shown", {}).get(rel))) is None or (item := items.get(rel)) is None:
                return None
            if diagnostics.has_errors(ctx.in_file(item, ctx.settings)):
                return None  # with errors, before or now, its body need not render: the files the links rule lists could differ
            self._shown[rel] = [now[rel][4], shown(item, ctx.links_of(item))]
            if self._shown[rel][1] != was:
                return None
        try:
            return [Diagnostic(**d) for d in stored["found"]], compared
        except (KeyError, TypeError):
            return None  # signed by us, so only an older layout: the rules run

    def _was(self, rel: str, stored: list | None) -> str | None:
        """What ``rel`` showed the rules at the last check: as that check found it, or from its kept entry."""
        sha = self._before[rel][4]
        if isinstance(stored, list) and stored[:1] == [sha]:  # a file the last check looked at, kept or not
            return stored[1]
        entry = self._files.previous(rel)
        if entry is None or entry[0] != sha or entry[2].item is None or entry[4] is None:
            return None
        return shown(entry[2].item, entry[4])


def _entries(archive, paths: list[str]):
    wanted = set(paths)
    return (item for item in (*archive.issues, *archive.documents, *archive.interpretations)
            if item.source.path in wanted)


def shown(item, links: tuple) -> str:
    """A digest of what the cross-document rules read of an entry other than the lock rule's comparisons: the repr of
    its kind, its fields but the source (in their order), the source's path, key lines and body line, and its links.
    One repr of a tuple rather than a text made field by field (a third of this digest's time, 18,000 times a cold
    check); the fields' names are its kind's, so the same values give the same digest."""
    source = item.source  # repr, not pickle: a pickle differs with which equal strings are one object
    seen = (type(item).__qualname__, _shown_fields(type(item))(item), source.path, source.key_lines, source.body_line,
            tuple(links))
    return hashlib.sha256(repr(seen).encode()).hexdigest()


@functools.cache
def _shown_fields(kind: type) -> operator.attrgetter:
    """The fields a dataclass's repr shows but its source, in its order, as one tuple."""
    return operator.attrgetter(*(field.name for field in dataclasses.fields(kind) if field.repr and field.name != "source"))
