"""``gongbao status``: what this working copy would publish differently from the lock, per document,
with the changed lines, so an editor sees what a 勘误 must describe before the build refuses it.

Compared with gazette.lock.json (what the site has published): new pages and catalogue slugs, texts changed with or
without a new 勘误, issues' notes changed (an issue has no 勘误), locked URLs and catalogue slugs that would vanish, and the site's name or
address changed (the lock's ``website``). A changed fact of the record (成文日期 …) or script (language, which may come
from gazette.yml's default_language) is named with its locked value; the changed lines of the text come from the file as
committed at a git ref (HEAD by default: the edits not yet committed; in CI the base branch).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from gongbao.content import changes, integrity, redirects, urls
from gongbao.content.fields import KEY_ALIASES
from gongbao.content.lock import FILENAME, Lock, changed_fields, entry as lock_entry, pages, unrecorded_slugs
from gongbao.content.model import Archive, Issue
from gongbao.content.settings import FILENAME as SETTINGS, Settings
from gongbao.rules.lock import lost_slugs, script_changed, site_changes


@dataclass(frozen=True)
class Status:
    url: str
    path: str        # the source file, the lock for a vanished URL, gazette.yml for the site's name and address
    state: str       # what happened, and what to do
    needs_correction: bool = False  # what the check refuses until it is corrected, restored or recorded
    lines: list[str] = field(default_factory=list)
    kind: str = "changed"  # new, changed, vanished or site: what the summary counts it as


def status(archive: Archive, settings: Settings, locked: Lock, earlier: Callable[[str], str | None],
           base: str) -> list[Status]:
    codes = settings.issuer_codes
    public = archive.public()
    now = pages(public, codes)
    planned, _ = redirects.plan(public, codes)
    withdrawn = {w.url for w in archive.withdrawn}
    out = _site(settings, locked)
    for url, item in sorted(now.items()):
        if url not in locked.entries:
            out.append(Status(url, item.source.path, f"新增（尚未锁定：确认后运行 gongbao lock --write）", kind="new"))
    for slug in unrecorded_slugs(locked, public, settings):  # a new catalogue page (and feed), or a renamed name's
        out.append(Status(slug.url, SETTINGS, f"{str(slug).split('  ', 1)[1]}（尚未锁定：确认后运行 gongbao lock --write）", kind="new"))
    for facet, slug, name, holder in lost_slugs(settings, locked.slugs or {}):  # as the check tells them
        fate = "将消失" if holder is None else f"将列出“{holder}”的文件"
        out.append(Status(urls.catalogue(facet, slug), FILENAME, f"已发布的“{name}”的目录{fate}：运行 gongbao check 查看怎样处理",
                          needs_correction=True, kind="vanished"))
    for url, entry in sorted(locked.entries.items()):
        item = now.get(url) or (now.get(planned[url].target) if url in planned else None)
        if item is None:
            if url not in withdrawn:
                out.append(Status(url, FILENAME, f"已发布的网址将消失（{entry.ref}《{entry.title}》）：运行 gongbao check 查看怎样处理",
                                  needs_correction=True, kind="vanished"))
            continue
        if isinstance(item, Issue):
            if entry.note_sha256 is not None and entry.note_sha256 not in integrity.note_hashes(item):
                out.append(Status(url, item.source.path, "本期说明已改动：一期公报出版后不再改动，恢复发布时的说明"
                                  "（更正写在以后一期公报的说明或一份文件中）", needs_correction=True,
                                  lines=_changed_lines(item, earlier, base)))
            continue
        if entry.sha256 is None:
            continue
        script = script_changed(item, entry)
        if (len(item.corrections) == entry.corrections and not script
                and integrity.sha256(item, entry.canonical_version) == entry.sha256):
            continue
        corrected = len(item.corrections) > entry.corrections
        state = ("已改动，已加勘误（确认勘误写明了以下改动，再运行 gongbao lock --write）" if corrected else
                 "已改动，没有勘误：若是更正，在 corrections 中写明以下改动；否则恢复原文")
        # the facts of the record named from the lock; the lines of the text from the file at ``base``
        facts = changed_fields(entry, lock_entry(item)) if entry.fields else []
        lines = [f"{integrity.LABELS.get(k, k)}：“{was}” → “{now}”" for k, was, now in facts]
        if script:  # no hash covers it: the page's 附注 and its twins' language
            written = any(KEY_ALIASES.get(k, k) == "language" for k in item.source.key_lines)
            lines.append(f"字形（language）：“{entry.language}” → “{item.language}”"
                         + ("" if written else f"（页面没有写 language，按 {SETTINGS} 的 default_language）"))
        if integrity.sha256(item, entry.canonical_version, dict(entry.fields)) != entry.sha256:
            lines += _changed_lines(item, earlier, base)
        out.append(Status(url, item.source.path, state, needs_correction=not corrected, lines=lines))
    return out


def _site(settings: Settings, locked: Lock) -> list[Status]:
    """The site's name or address changed from the lock's ``website``: every published page's citation, or every URL,
    with it; the check refuses it until ``gongbao lock --write --site`` records it."""
    changed = site_changes(settings, locked)
    if not changed:
        return []
    return [Status(locked.site[1], SETTINGS, "网站名称或地址已改动：已发布的页面都以锁定的名称和地址发布、被引用；恢复原值，或确实更名、"
                   "迁址的（旧地址的网址先永久转到新地址），运行 gongbao lock --write --site 记下", needs_correction=True,
                   lines=[f"site.{key}：“{was}” → “{now}”" for key, was, now in changed], kind="site")]


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
    counted = {kind: [s for s in found if s.kind == kind] for kind in ("new", "changed", "vanished", "site")}
    uncorrected = sum(1 for s in counted["changed"] if s.needs_correction)
    site = "；网站名称或地址已改动" if counted["site"] else ""
    out.append(f"与 {FILENAME} 相比：新增 {len(counted['new'])} 个网址，改动 {len(counted['changed'])} 份（其中 {uncorrected} 份"
               f"没有勘误），消失 {len(counted['vanished'])} 个网址{site}；锁定的 {len(locked.entries)} 个网址中其余未变")
    return "\n".join(out)
