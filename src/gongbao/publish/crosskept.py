"""The cross-document rules' findings kept from the last ``gongbao check`` (gongbao.publish.checkcache).

Those findings are of two kinds. Each file's own (rules.of_page) come from it, the locks and the build date alone:
its page compared with the locks' entries at its URL (an issue's order of sections also with its documents' sections,
shared fields: a change of one runs the rules), and its 勘误's dates. The shared ones (rules.shared) read
of an issue, a document or an interpretation its entry without the body and the 勘误 — every other front-matter
field, the lines of its keys and of its body — and the links of its body (gongbao.rules.body_links); the lock rule
reads bodies only of the files reached by an earlier URL (gongbao.rules.lock.compared).
So when every file whose content changed since the last check is an entry, shows the shared rules the same as it
did then (``shown``: its lines may have moved, when no finding is at it or names it: ``unmoved``), had and has no
error of its own (a body with errors need not render, and the links rule lists the rendered files), had none at the
last check and is not one the lock rule compares by an earlier URL nor one whose page a link names an id of
(rules.page_anchors.anchored: its body gives the ids), and no file was added or removed (settings,
lock, hand-written pages, attachments and participation texts are files too: any change of them is a change of a
file that is not an entry), and the last published lock, the build date and the code are the same, the shared
findings are the last ones, and each changed file's own are made again. Otherwise the rules run. Either way the
per-file rules and the loader run as before.
"""
from __future__ import annotations

import dataclasses
import functools
import hashlib
import operator
from collections.abc import Callable
from dataclasses import asdict
from typing import TypeVar

from gongbao import rules
from gongbao.content import diagnostics
from gongbao.content.diagnostics import Diagnostic
from gongbao.publish import forked
from gongbao.publish.filecache import FileCache
from gongbao.rules import lock as lock_rule, page_anchors

T = TypeVar("T")


class Across:
    """``check``'s ``across``: the stored findings when they still hold, else the rules' own."""

    def __init__(self, stored: dict, before: dict[str, list], now: dict[str, list], frame: str, files: FileCache):
        """``stored``: what ``kept`` gave last time ({} if nothing); ``before``, ``now``: the last check's and this
        one's stamps (gongbao.publish.checkcache.stamps); ``frame``: a digest of all else the check depends on."""
        self._stored, self._before, self._now, self._frame, self._files = stored, before, now, frame, files
        self.reused = False
        self._found: list[Diagnostic] = []  # rules.shared's
        self._pages: dict[str, list[Diagnostic]] = {}  # rules.of_pages'
        self._urls: dict[str, str] = {}  # rules/lock.page_urls
        self._compared: frozenset[str] = frozenset()
        self._shown: dict[str, list] = {}  # rel → [sha256, shown()] of the changed files this check looked at

    def __call__(self, ctx: rules.Context, pooled: bool = False) -> list[Diagnostic]:
        """``pooled``: the files were made by a pool's workers (``made``)."""
        if not self._reuse(ctx):
            self._found, (self._pages, self._urls, self._compared) = made(ctx, _compared, pooled)
        return [*self._found, *(d for found in self._pages.values() for d in found)]

    def kept(self, result: list[Diagnostic]) -> dict:
        """What the next check needs to reuse these findings (plain data, as marshal keeps it); ``result``: the whole check's."""
        return {"frame": self._frame, "found": [asdict(d) for d in self._found],
                "pages": {rel: [asdict(d) for d in found] for rel, found in self._pages.items()}, "urls": self._urls,
                "compared": sorted(self._compared), "shown": self._shown,
                "erring": sorted({d.path for d in result if d.is_error})}

    def _reuse(self, ctx: rules.Context) -> bool:
        """Whether the stored findings still hold: then they are this check's, with each changed file's own made again."""
        stored, before, now = self._stored, self._before, self._now
        if stored.get("frame") != self._frame or before.keys() != now.keys():
            return False
        changed = [rel for rel, stamp in now.items() if before[rel][4] != stamp[4]]
        compared, erring = frozenset(stored.get("compared", ())), frozenset(stored.get("erring", ()))
        if any(rel in compared or rel in erring for rel in changed):
            return False
        try:
            found = [Diagnostic(**d) for d in stored["found"]]
            pages = {rel: [Diagnostic(**d) for d in kept] for rel, kept in stored["pages"].items()}
            page_urls = dict(stored["urls"])
        except (KeyError, TypeError, AttributeError):
            return False  # signed by us, so only an older layout: the rules run
        items = {item.source.path: item for item in _entries(ctx.archive, changed)}
        for rel in changed:
            if (was := self._was(rel, stored.get("shown", {}).get(rel))) is None or (item := items.get(rel)) is None:
                return False
            if diagnostics.has_errors(ctx.in_file(item, ctx.settings)):
                return False  # with errors, before or now, its body need not render: the files the links rule lists could differ
            self._shown[rel] = [now[rel][4], shown(item, ctx.links_of(item))]
            if not unmoved(rel, was, self._shown[rel][1], found):
                return False
            pages.pop(rel, None)
            if mine := list(rules.of_page(item, page_urls.get(rel), ctx)):
                pages[rel] = mine
        self._found, self._pages, self._urls, self._compared = found, pages, page_urls, compared
        self.reused = True
        return True

    def _was(self, rel: str, stored: list | None) -> tuple | None:
        """What ``rel`` showed the rules at the last check: as that check found it, or from its kept entry."""
        sha = self._before[rel][4]
        if isinstance(stored, list) and stored[:1] == [sha]:  # a file the last check looked at, kept or not
            return tuple(stored[1])
        entry = self._files.previous(rel)
        if entry is None or entry[0] != sha or entry[2].item is None or entry[4] is None:
            return None
        return shown(entry[2].item, entry[4])


def found(ctx, pooled: bool = False) -> list[Diagnostic]:
    """What the cross-document rules find (rules.shared's and rules.of_pages' findings); ``pooled``: as ``made``."""
    shared, pages = made(ctx, rules.of_pages, pooled)
    return [*shared, *(d for found in pages.values() for d in found)]


def made(ctx, pages: Callable[[rules.Context], T], pooled: bool) -> tuple[list[Diagnostic], T]:
    """(rules.shared's findings, ``pages(ctx)``: rules.of_pages' with what else a check keeps of the pages), the second
    made meanwhile in a forked child (gongbao.publish.forked.beside) when a pool's workers made the files (``pooled``):
    at 10,000 documents, 0.47 and 0.34 s of serial time one after the other before. The child only reads: the workers
    sent what the rules derive of each file (its findings, links and hash, which a per-file cache keeps), and the
    context's indexes it makes for itself (0.1 s) the shared rules make again here. Fewer files are not worth a fork,
    and a hash the lock rule asked for of a file made here would not reach the cache."""
    there, here = forked.beside(functools.partial(pages, ctx), lambda: list(rules.shared(ctx)), pooled)
    return here, there


def _compared(ctx) -> tuple[dict[str, list[Diagnostic]], dict[str, str], frozenset[str]]:
    """rules.of_pages' findings, and what Across.kept keeps of the pages compared: their URLs, the files compared by
    an earlier URL or whose page a link names an id of."""
    return rules.of_pages(ctx), lock_rule.page_urls(ctx), lock_rule.compared(ctx) | page_anchors.anchored(ctx)


def _entries(archive, paths: list[str]):
    wanted = set(paths)
    return (item for item in (*archive.issues, *archive.documents, *archive.interpretations)
            if item.source.path in wanted)


def shown(item, links: tuple) -> tuple[str, str]:
    """What the cross-document rules but each file's own findings (rules.of_page) read of an entry, as two digests:
    of the repr of its kind, its fields but the source, the 勘误 and an issue's note (in their order), the source's path
    and its links;
    and of its key lines, body line and what the loader removed from its body, which those rules read only to say where a finding is
    (``unmoved``).
    One repr of a tuple rather than a text made field by field (a third of this digest's time, 18,000 times a cold
    check); the fields' names are its kind's, so the same values give the same digest."""
    source = item.source  # repr, not pickle: a pickle differs with which equal strings are one object
    seen = (type(item).__qualname__, _shown_fields(type(item))(item), source.path, tuple(links))
    return (hashlib.sha256(repr(seen).encode()).hexdigest(),
            _where(tuple(source.key_lines.items()), source.body_line, source.removed))


@functools.lru_cache(maxsize=1 << 12)  # files of a kind put their keys on the same lines: 42 ways in 5,000 files
def _where(key_lines: tuple[tuple[str, int], ...], body_line: int, removed: tuple) -> str:
    """The digest of a source's key lines (in their order), body line and removals, ``shown``'s second."""
    return hashlib.sha256(repr((dict(key_lines), body_line, removed)).encode()).hexdigest()


def unmoved(rel: str, was: tuple, now: tuple, found: list[Diagnostic]) -> bool:
    """Whether the file ``rel``, showing the rules ``now`` where it showed ``was`` (``shown``), leaves their shared
    findings ``found`` (rules.shared) as they were: it shows the same, or only its lines moved (a 勘误 added above
    the body) and no finding is at it or names it, so none says where in it something is."""
    return was[0] == now[0] and (was[1] == now[1] or not any(
        d.path == rel or rel in d.message or rel in d.hint for d in found))


@functools.cache
def _shown_fields(kind: type) -> operator.attrgetter:
    """The fields a dataclass's repr shows but its source, its 勘误 and an issue's note (read by rules.of_page alone: the
    note of the issue being prepared is edited as often as its documents), in its order, as one tuple."""
    return operator.attrgetter(*(field.name for field in dataclasses.fields(kind)
                                 if field.repr and field.name not in ("source", "corrections", "note")))
