"""``gongbao status``: what this working copy would publish differently from the lock, per document,
with the changed lines, so an editor sees what a 勘误 must describe before the build refuses it.

Compared with gazette.lock.json (what the site has published): new pages, texts changed with or
without a new 勘误, issues' notes changed (an issue has no 勘误), locked URLs that would vanish. A changed fact of the record (成文日期 …) is named
with its locked value; the changed lines of the text come from the file as committed at a git ref
(HEAD by default: the edits not yet committed; in CI the base branch).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from gongbao.content import changes, integrity, redirects
from gongbao.content.lock import FILENAME, Lock, changed_fields, entry as lock_entry, pages
from gongbao.content.model import Archive, Issue
from gongbao.content.settings import Settings


@dataclass(frozen=True)
class Status:
    url: str
    path: str        # the source file, or the lock for a vanished URL
    state: str       # what happened, and what to do
    needs_correction: bool = False
    lines: list[str] = field(default_factory=list)


def status(archive: Archive, settings: Settings, locked: Lock, earlier: Callable[[str], str | None],
           base: str) -> list[Status]:
    codes = settings.issuer_codes
    public = archive.public()
    now = pages(public, codes)
    planned, _ = redirects.plan(public, codes)
    withdrawn = {w.url for w in archive.withdrawn}
    out = []
    for url, item in sorted(now.items()):
        if url not in locked.entries:
            out.append(Status(url, item.source.path, f"新增（尚未锁定：确认后运行 gongbao lock --write）"))
    for url, entry in sorted(locked.entries.items()):
        item = now.get(url) or (now.get(planned[url].target) if url in planned else None)
        if item is None:
            if url not in withdrawn:
                out.append(Status(url, FILENAME, f"已发布的网址将消失（{entry.ref}《{entry.title}》）：运行 gongbao check 查看怎样处理",
                                  needs_correction=True))
            continue
        if isinstance(item, Issue):
            if entry.note_sha256 is not None and entry.note_sha256 not in integrity.note_hashes(item):
                out.append(Status(url, item.source.path, "本期说明已改动：一期公报出版后不再改动，恢复发布时的说明"
                                  "（更正写在以后一期公报的说明或一份文件中）", needs_correction=True,
                                  lines=_changed_lines(item, earlier, base)))
            continue
        if entry.sha256 is None:
            continue
        if len(item.corrections) == entry.corrections and integrity.sha256(item, entry.canonical_version) == entry.sha256:
            continue
        corrected = len(item.corrections) > entry.corrections
        state = ("已改动，已加勘误（确认勘误写明了以下改动，再运行 gongbao lock --write）" if corrected else
                 "已改动，没有勘误：若是更正，在 corrections 中写明以下改动；否则恢复原文")
        # the facts of the record named from the lock; the lines of the text from the file at ``base``
        facts = changed_fields(entry, lock_entry(item)) if entry.fields else []
        lines = [f"{integrity.LABELS.get(k, k)}：“{was}” → “{now}”" for k, was, now in facts]
        if integrity.sha256(item, entry.canonical_version, dict(entry.fields)) != entry.sha256:
            lines += _changed_lines(item, earlier, base)
        out.append(Status(url, item.source.path, state, needs_correction=not corrected, lines=lines))
    return out


def _changed_lines(item, earlier: Callable[[str], str | None], base: str) -> list[str]:
    """The lines of ``item``'s text changed since the file at ``base``."""
    text = earlier(item.source.path)
    change = changes.compare(text, item) if text is not None else None
    return change.lines if change else [f"（{base} 中没有可比较的版本：改动已提交或文件改了名；用 --base 指定上次发布的提交）"]


def report(found: list[Status], locked: Lock) -> str:
    out = []
    for s in found:
        out.append(f"{s.path}  {s.url}  {s.state}")
        out += [f"  {line}" for line in s.lines]
    changed = sum(1 for s in found if s.lines)
    new = sum(1 for s in found if s.path != FILENAME and not s.lines)
    vanished = sum(1 for s in found if s.path == FILENAME)
    uncorrected = sum(1 for s in found if s.needs_correction and s.lines)
    out.append(f"与 {FILENAME} 相比：新增 {new} 个网址，改动 {changed} 份（其中 {uncorrected} 份没有勘误），"
               f"消失 {vanished} 个网址；锁定的 {len(locked.entries)} 个网址中其余未变")
    return "\n".join(out)
