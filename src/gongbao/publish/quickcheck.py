"""``gongbao check`` after a few edits of entries, without the per-file cache (gongbao.publish.checkcache).

A check's result is, file by file: what the loader and the per-file rules found in each issue, document and
interpretation alone (its "own" findings, at its own path), what the cross-document rules found, and what the
other files gave (settings, locks, hand-written pages, participation texts, undeclared attachments, withdrawals:
none of them at an entry's path). When the shared cross-document findings are the last ones (gongbao.publish.crosskept:
the same frame, no file added or removed, every changed file an entry the lock rule does not compare by an earlier
URL, with no error before or now, showing those rules the same) and nothing but entries changed, every other file's
own findings are the last ones too — an entry depends only on its bytes, its place, the settings, the code and the
attachments it names, and each of those is unchanged but the edited bytes. So the result is the last one with
each changed file's own findings (of the per-file rules and rules.of_page) replaced by those of the file read and
checked alone, and the per-file cache (tens of megabytes of pickled entries) is not loaded at all; the committed
lock is, parsed, when a changed file is a page (gongbao.publish.checkcache keeps it).

What that needs is kept in the signed marshal with the result (``records``): for each entry, its place, its
issue, what it showed the cross-document rules (crosskept.shown), the attachments it names and its own findings.
Anything not certain — a file without a record, one with findings at another file's path, a changed
attachment list — and the full check runs.
"""
from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import asdict, astuple
from pathlib import Path

from gongbao import rules
from gongbao.content import diagnostics, settings as settings_module
from gongbao.content.diagnostics import ContentError, Diagnostic
from gongbao.content.loader import FileResult, made_and_read
from gongbao.content.model import Document, IssueKey
from gongbao.content.settings import Settings
from gongbao.publish import crosskept, filestamp
from gongbao.publish.filecache import FileCache


def records(files: FileCache, settings: Settings, before: dict, now: dict, stored, common: str) -> dict:
    """Each entry's record (see above) from the check just made with ``files``; ``before``, ``now``: the last
    check's and this one's stamps; ``stored``: the last records, whose ``shown`` serves an unchanged file."""
    previous = stored["files"] if isinstance(stored, dict) and stored.get("common") == common else {}
    kept, foreign = {}, set()
    for rel, (place, result) in files.results.items():
        item, stamp = result.item, now.get(rel)
        if item is None or stamp is None:
            continue  # an entry with errors is never checked alone (nor a file gone since the walk): no record
        was = previous.get(rel)
        # the same bytes in the same place: the same entry, what it showed kept (one naming attachments is made afresh)
        same = was is not None and not result.files and was[0] == place and before.get(rel, [None] * 5)[4] == stamp[4]
        made = None if same else files.found.record_by(item)
        if made is not None:  # made by the pool's worker that made the file
            kept[rel] = made
            continue
        found = (*result.diagnostics, *files.in_file(item, settings))
        elsewhere = {d.path for d in found if d.path != rel}
        if elsewhere:  # another file's findings would depend on this one: neither is replaced alone
            foreign |= elsewhere | {rel}
            continue
        kept[rel] = _record(place, result, was[2] if same else crosskept.shown(item, files.links_of(item)), found)
    return {"common": common, "files": kept, "foreign": sorted(foreign)}


def reused(root: Path, stored: dict, now: dict, frame: str, common: str,
           context: Callable[[Settings], rules.Context]) -> tuple[list[Diagnostic], dict, dict] | None:
    """The diagnostics of this check and the ``across`` and ``own`` to keep, when the last result with the changed
    files' own findings replaced is certain to be a full check's; else None. ``stored``: the last check's marshal
    (gongbao.publish.checkcache), ``now``: this check's stamps, ``frame`` and ``common`` as checkcache makes them;
    ``context``: the rules' context for a file's own cross-document findings (rules.of_page), given the settings."""
    try:
        return _reused(root, stored, now, frame, common, context)
    except (KeyError, TypeError, ValueError, AttributeError):
        return None  # signed by us, so only an older layout: the full check runs


def _reused(root: Path, stored: dict, now: dict, frame: str, common: str,
            context: Callable[[Settings], rules.Context]) -> tuple[list[Diagnostic], dict, dict] | None:
    kept, own, before = stored.get("across"), stored.get("own"), stored.get("files", {})
    if not (isinstance(kept, dict) and isinstance(own, dict) and kept.get("frame") == frame
            and own.get("common") == common and before.keys() == now.keys()):
        return None
    changed = {rel for rel, stamp in now.items() if before[rel][4] != stamp[4]}
    last = own["files"]
    barred = {*kept["compared"], *kept["erring"], *own["foreign"]}
    if not changed or any(rel not in last or rel in barred for rel in changed):
        return None  # a file that is not an entry changed, or one whose findings are not its own alone
    try:
        settings = settings_module.load(root)
    except ContentError:
        return None
    shared = [Diagnostic(**d) for d in kept["found"]]
    ctx = None
    records, found, pages = dict(last), set(), dict(kept["pages"])
    for rel in changed:
        made = _alone(root, settings, rel, last[rel], now[rel], shared)
        if made is None:
            return None
        item, records[rel] = made
        found |= {Diagnostic(*d) for d in records[rel][4]}
        ctx = ctx or context(settings)
        pages.pop(rel, None)
        if mine := [asdict(d) for d in rules.of_page(item, kept["urls"].get(rel), ctx)]:
            pages[rel] = mine
    result = [Diagnostic(**d) for d in stored["result"]["diagnostics"]]
    across = {d for d in shared if d.path in changed}
    was = across | {Diagnostic(**d) for rel in changed for d in kept["pages"].get(rel, ())}
    if {d for d in result if d.path in changed} != {Diagnostic(*d) for rel in changed for d in last[rel][4]} | was:
        return None  # something else reports at a changed file: not replaced blindly
    found |= across | {Diagnostic(**d) for rel in changed for d in pages.get(rel, ())}
    shown = kept["shown"] | {rel: [now[rel][4], records[rel][2]] for rel in changed}
    result = diagnostics.sort([d for d in result if d.path not in changed] + [*found])
    erring = sorted({d.path for d in result if d.is_error})  # as crosskept.Across.kept: a file's own finding may be one
    return result, kept | {"shown": shown, "pages": pages, "erring": erring}, own | {"files": records}


def _alone(root: Path, settings: Settings, rel: str, record: list, stamp: list,
           shared: list[Diagnostic]) -> tuple | None:
    """``rel``'s item and new record, read and checked alone in its last place; None when it has an error, names other
    attachments, shows the cross-document rules something that changes their ``shared`` findings
    (crosskept.unmoved) or is not the file ``stamp`` describes."""
    place, issue, shown, attached, _ = record
    ((result, read),) = made_and_read(root, settings, [(rel, place, IssueKey(*issue) if issue else None)])
    item = result.item
    if item is None or filestamp.hash_of(stamp, filestamp.of(os.path.join(root, rel), read.data, read.after)) != stamp[4]:
        return None  # or saved again since it was stamped: the full check records it as changed meanwhile
    found = (*result.diagnostics, *rules.per_file(item, settings))
    now = crosskept.shown(item, rules.body_links(item))
    if (diagnostics.has_errors(found) or any(d.path != rel for d in found) or sorted(result.files) != attached
            or not crosskept.unmoved(rel, tuple(shown), now, shared)):
        return None
    return item, _record(place, result, now, found)


def own_record(place: str, result: FileResult, shown: tuple[str, str], found: tuple[Diagnostic, ...]) -> list | None:
    """The record of a file made in ``place`` (see ``_record``), when its findings ``found`` are all at its own path;
    else None (``records`` looks at it again)."""
    rel = result.item.source.path
    return None if any(d.path != rel for d in found) else _record(place, result, shown, found)


def _record(place: str, result: FileResult, shown: tuple[str, str], found: tuple[Diagnostic, ...]) -> list:
    """[place, a document's issue (year, number), shown, the attachments named, own findings]: plain data for marshal."""
    issue = [result.item.issue.year, result.item.issue.number] if isinstance(result.item, Document) else None
    return [place, issue, shown, sorted(result.files), [astuple(d) for d in found]]
