"""``gazette.lock.json``: every URL the site has published, and the hash of the text behind it.

Locked are the pages people cite: documents, interpretations, drafts with their 起草说明 and feedback (with the SHA-256 of their
canonical text, gongbao.content.integrity, and of each 勘误 record) and gazette issues (that the page exists,
its 总期号 in the title, its date as first_published and its note: rules/lock.py compares all three, and an issue has
no 勘误: once printed it never changes, errata go in a later issue).
Catalogue and listing pages are views computed from these and are not locked; the slugs of gazette.yml their URLs (and
the issuers' feeds') hold are (``slugs``: gongbao.content.slugs).

The lock is committed with the content. A build compares what it would publish with the lock
(rule ``rules/lock.py``) and refuses to let a locked URL vanish or a locked text change silently;
it also compares the lock with the last published one (gongbao.content.published_lock), so a hand edit cannot
weaken it. Only ``gongbao lock --write`` adds or updates entries, after showing the editor what it
records; it never removes one: a URL, once published, is published for good (as a page, a
redirect or a withdrawal notice).

    {
      "version": 2,
      "website": {"name": "…", "url": "https://…/"},   once recorded: the name and address every page was published under
                                            (gazette.yml's site.name and site.url): the twins' URLs, the canonical links,
                                            every citation and the printed issues' masthead are made of them; changed
                                            only by gongbao lock --write --site, never dropped
      "slugs": {"issuer": {"wxszfbgs": "无锡市人民政府办公室"}, "topic": {"zhzw": "综合政务"}},   last, once recorded: each slug
                                            of gazette.yml a catalogue page (catalog/<facet>/<slug>/) and an issuer's feed
                                            (feeds/issuer/<slug>.xml) were published under, with the name they list
                                            (gongbao.content.slugs); added by gongbao lock --write, never dropped
      "urls": {
        "doc/xzbf/2018/68/": {
          "canonical_version": 2,           version of the canonical text the sha256 is of
          "correction_sha256": ["…"],       one hash per 勘误 record, in order (integrity.correction_sha256)
          "corrections": 1,                 勘误 recorded when the hash was taken
          "file_order": ["附件1.pdf", "附件2.pdf"],   only when the page publishes two or more files, once recorded:
                                            their names in the order the page lists them (what 附件1 is)
          "fields": {"written": "2018-06-05", …},   the record (integrity.RECORD) the sha256 covers,
                                            by attribute, as the canonical text writes it (version 3 on)
          "files": {"附件1.pdf": {"bytes": 1234, "sha256": "…", "title": "附件1：……"}},   only when the page
                                            publishes files: each one's bytes and the title the page lists it by
          "first_published": "2018-06-05",
          "kind": "document",               or "interpretation", "draft", "explanation", "feedback", or "issue" (sha256: null)
          "language": "zh-Hans",            not an issue's, once recorded: the script the page was published in (its
                                            ``language``, else gazette.yml's default_language): the words the page
                                            prints of it beside the text (附注 （此件公开发布）) and the twin's language
          "note_sha256": "…",               only an issue's, once recorded: of its note (the body of its index.md) as its
                                            page shows it (integrity.note_sha256), also of an empty one
          "section_order": ["市政府文件", "市政府办公室文件"],   only an issue's whose page shows two or more sections,
                                            once recorded: those sections in the order its page and print view list them
          "ref": "锡政办发〔2018〕68号",      number or id (of the interpreted document; of the draft)
          "withdrawal_sha256": "…",         only at a withdrawn URL, once recorded: its notice in withdrawn.yml
                                            (integrity.withdrawal_sha256), never rewritten
          "moved_to": "doc/xzbf/2018/86/",  only at a URL that became a redirect (previous_urls), once recorded:
                                            the page it first led to, never rewritten
          "recorded": "2026-12-04",         the day gongbao lock --write recorded this version of the text (entries
                                            written since): a new 勘误 dated before it is backdated
          "sha256": "…",                    of the canonical text
          "title": "…",
          "versions": [{"corrections": 0, "sha256": "…"}]   only once a 勘误 replaced the text (gongbao lock --write since
                                            versions were kept): each earlier text, how many 勘误 the page had while it
                                            was published and its hash; the text is versions/<sha256>.txt
                                            (gongbao.content.versions), and the page shows what each 勘误 changed
        }
      }
    }

A version-1 lock (the first format) has neither ``canonical_version`` (its hashes are of canonical
text version 1) nor ``correction_sha256``; it is read as such, and ``gongbao lock --write``
upgrades an entry only when its version-1 hash still matches the text (proof nothing changed).
The same holds for an entry of canonical text version 2 (no ``fields``: its hash covers title,
number and body, not the record) on the way to version 3, and for version 3 (a withheld passage's line breaks kept)
on the way to version 4.

An issue's entry written before notes were locked has no ``note_sha256``: it stays valid, and the first
``gongbao lock --write`` that records the note (the note as it is then: nothing else tells what was printed) adds
it and changes nothing else of the entry; from then on the note is locked. Its ``section_order`` is recorded the same
way, while the entry's title, date and note are still the page's. So with an entry written before the titles
of its files, or their order, were locked: the first ``gongbao lock --write`` while its text, record and files are still
as locked records them, and so with one written before the script was locked (``language``): gazette.yml's
default_language, or a document's own key, flipped the 附注 of every page it set from （此件公开发布） to （此件公開發布）
and its twins' language, which no hash covers (the script is not in the canonical text: the body holds its own).
"""
from __future__ import annotations

import datetime as dt
import json
import os
import re
from dataclasses import asdict, dataclass, fields, replace
from functools import cached_property
from pathlib import Path

from gongbao.content import atomic, conflicts, integrity, redirects, urls
from gongbao.content.settings import FILENAME as SETTINGS, SLUG, Settings
from gongbao.content import slugs
from gongbao.identifiers import chars
from gongbao.content.diagnostics import Diagnostic
from gongbao.content.model import (Archive, Document, Interpretation, Issue, IssueKey, Uncounted, Unnumbered,
                                   published_attachments)
from gongbao.identifiers.docnumber import DocNumber, DocRef, parse_reference
from gongbao.identifiers.vocabulary import LANGUAGES
from gongbao.content.participation import Draft, Explanation, Feedback

Locked = Document | Interpretation | Issue | Draft | Explanation | Feedback
_KIND = {Document: "document", Interpretation: "interpretation", Draft: "draft", Explanation: "explanation",
         Feedback: "feedback"}

# the facts of each kind's record (integrity.RECORD): all an entry's fields may name
_FACTS = {kind: {attr for attr, _, _ in integrity.RECORD[page]} for page, kind in _KIND.items()}

FILENAME = "gazette.lock.json"
VERSION = 2
KINDS = ("document", "interpretation", "issue", "draft", "explanation", "feedback")
RULE = "lock"


@dataclass(frozen=True)
class Entry:
    kind: str
    ref: str
    title: str
    first_published: str
    sha256: str | None  # None for an issue: its page lists documents, each locked by its own hash
    corrections: int = 0
    correction_sha256: tuple[str, ...] | None = ()  # None: not recorded (a version-1 entry)
    canonical_version: int = integrity.VERSION
    files: tuple[tuple[str, str, int], ...] = ()  # (name, sha256, bytes) of each file the page publishes, by name
    # (attribute, value) of the record its sha256 covers, by attribute: what tells which fact changed
    fields: tuple[tuple[str, str], ...] = ()
    # (name, title) of each file whose title is recorded, by name: the page lists and prints the file by it (an entry
    # written before titles were locked has none; written into "files" with each file's bytes)
    titles: tuple[tuple[str, str], ...] = ()
    # of the notice at a withdrawn URL (integrity.withdrawal_sha256), once gongbao lock --write has recorded it
    withdrawal_sha256: str | None = None
    # the URL a renumbered page moved to (its previous_urls name this one), once gongbao lock --write has recorded it:
    # from then on this URL leads there (or to where that URL leads now), never to another page
    moved_to: str | None = None
    # the day this version of the text was recorded (gongbao lock --write, or the build that published it): the text
    # read so then, so a new 勘误 dated earlier is backdated; None in entries written before the day was kept
    recorded: str | None = None
    # an issue's: of its note as published (integrity.note_sha256), once gongbao lock --write has recorded it
    note_sha256: str | None = None
    # the names of the files in the order the page lists them (附件1 first), when it publishes two or more: "files" is
    # by name, and a swap changed what "见附件1" points to (an entry written before the order was locked has none)
    file_order: tuple[str, ...] = ()
    # an issue's: the sections its page shows (those with documents), in its order, when there are two or more: the
    # printed 目录 follows "sections:", so a swap there reordered it (an entry written before the order was locked has none)
    section_order: tuple[str, ...] = ()
    # not an issue's: the script the page was published in (model's ``language``), once recorded: the 附注 and the
    # twins' language follow it, and it may come from gazette.yml (default_language), outside the page's hash
    language: str | None = None
    # (corrections, sha256) of each text the page published before the one ``sha256`` is of, oldest first: the text that
    # hashes to it was published while the page had that many 勘误, and is kept in the repository
    # (gongbao.content.versions), so the page shows what each 勘误 changed (entries written before have none)
    versions: tuple[tuple[int, str], ...] = ()

    def file_map(self) -> dict[str, tuple[str, int]]:
        return {name: (sha, size) for name, sha, size in self.files}

    def title_map(self) -> dict[str, str]:
        return dict(self.titles)


_V1_KEYS = {"kind", "ref", "title", "first_published", "sha256", "corrections"}
_OPTIONAL = {"files", "fields", "withdrawal_sha256", "moved_to", "recorded", "note_sha256", "file_order",
             "section_order", "language", "versions"}  # written only when there are some: older entries stay as they were
_V2_KEYS = {f.name for f in fields(Entry)} - _OPTIONAL - {"titles"}  # titles: written in "files"


@dataclass(frozen=True)
class Lock:
    entries: dict[str, Entry]
    text: str = ""  # the file as read, for the line numbers of diagnostics
    name: str = FILENAME  # how diagnostics name it: the committed file, or a published copy
    exists: bool = True
    # a published copy's: what that site published that its lock did not record yet (gongbao.content.published_lock)
    unrecorded: Lock | None = None
    # (name, url) of the site every page was published under, once recorded ("website", after "urls": the entries keep
    # their lines); None in a lock written before
    site: tuple[str, str] | None = None
    # facet (issuer, topic) → slug → name of each listing published (``slugs``, after "site": the entries keep their
    # lines), once recorded; None in a lock written before
    slugs: dict[str, dict[str, str]] | None = None

    @cached_property
    def newest_recorded(self) -> str:
        """The latest day an entry records its text on ("" for none): a site published with this lock was published no
        earlier (its record of what it published unrecorded records them on the day it was built)."""
        return max((entry.recorded for entry in self.entries.values() if entry.recorded), default="")

    def dumps(self) -> str:
        data = {"version": VERSION, "urls": {url: _dumped(e) for url, e in self.entries.items()}}
        if self.site is not None:
            data["website"] = dict(zip(SITE_KEYS, self.site))
        data = _by_key(data)
        if self.slugs is not None:  # last, after what sorts after "urls": every entry keeps its line
            data["slugs"] = _by_key(self.slugs)
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"

    @cached_property
    def lines(self) -> dict[str, int]:
        """URL → line of its entry in the file (the first line that starts with that key)."""
        out: dict[str, int] = {}
        for n, line in enumerate(self.text.split("\n"), 1):
            if match := _KEY.match(line):
                key = match.group(1)
                if "\\" not in key:  # no escape: the key as written (decoding each of 700,000 keys took seconds)
                    out.setdefault(key[1:-1], n)
                    continue
                try:
                    out.setdefault(json.loads(key), n)
                except ValueError:
                    continue
        return out

    def line(self, url: str, key: str = "") -> int:
        """The line of ``url``'s entry, or of its ``key`` when that is on a line of its own."""
        start = self.lines.get(url, 1)
        if key:
            text = self.text.split("\n")
            indent = len(text[start - 1]) - len(text[start - 1].lstrip()) + 2 if start <= len(text) else 0
            for n, line in enumerate(text[start:start + 1000], start + 1):  # the entry's own keys, not its files'
                if re.match(rf" {{{indent}}}{re.escape(json.dumps(key, ensure_ascii=False))}\s*:", line):
                    return n
        return start


def _by_key(value):
    """``value`` with every mapping's keys in order, as json's sort_keys writes them."""
    if isinstance(value, dict):
        return {key: _by_key(value[key]) for key in sorted(value)}
    return [_by_key(item) for item in value] if isinstance(value, (list, tuple)) else value


def _dumped(entry: Entry) -> dict:
    data = asdict(entry)
    files, record, titles = data.pop("files"), data.pop("fields"), dict(data.pop("titles"))
    for key in ("withdrawal_sha256", "moved_to", "recorded", "note_sha256", "file_order", "section_order", "language",
                "versions"):
        if not data[key]:  # None, or () for no order
            del data[key]
    if entry.versions:
        data["versions"] = [{"corrections": count, "sha256": sha} for count, sha in entry.versions]
    if files:
        data["files"] = {name: {"bytes": size, "sha256": sha} | ({"title": titles[name]} if name in titles else {})
                         for name, sha, size in files}
    if record:
        data["fields"] = dict(record)
    return data


def website_line(text: str, key: str = "website") -> int:
    """The line of a lock's text where its ``website`` record (or another of the top level: ``slugs``) is (1 where it has
    none): dumps writes it at the top level."""
    return next((n for n, line in enumerate(text.split("\n"), 1) if line.startswith(f'  "{key}"')), 1)


def slug_line(text: str, facet: str, slug: str) -> int:
    """The line of a lock's text where it records ``slug`` of ``facet`` (of its ``slugs`` where it cannot be told)."""
    start = website_line(text, "slugs")
    lines = text.split("\n")
    at = next((n for n in range(start, len(lines)) if lines[n].startswith(f'    "{facet}"')), start)
    return next((n + 1 for n in range(at, len(lines)) if lines[n].startswith(f'      "{slug}"')), start)


SITE_KEYS = ("name", "url")  # of the lock's "site", as gazette.yml's site names them
_KEY = re.compile(r'^\s*("(?:[^"\\]|\\.)*")\s*:')
_SHA = re.compile(r"^[0-9a-f]{64}\Z")  # \Z: $ would take a line end after it
EMPTY = Lock({}, exists=False)


def parse(text: str, name: str = FILENAME) -> tuple[Lock, list[Diagnostic]]:
    """A lock from its text: every malformed entry is a diagnostic naming ``name:line``, all at once. The last text
    parsed under each name is kept with its lock (never changed: ``updated`` makes another): the preview checks at
    every save, and parsing a lock of 18,000 entries again was most of a second each time."""
    last = _parsed.get(name)
    if last is None or last[0] != text:
        last = _parsed[name] = text, _parse(text, name)
    lock, problems = last[1]
    return lock, list(problems)


_parsed: dict[str, tuple[str, tuple[Lock, list[Diagnostic]]]] = {}


def _parse(text: str, name: str) -> tuple[Lock, list[Diagnostic]]:
    def unreadable(line: int, why: str, hint: str = "不要手工编辑锁定文件；用 git 恢复它，再运行 gongbao lock"):
        return Lock({}, text, name), [Diagnostic(name, line, f"{name} 无法读取：{why}", hint, rule=RULE)]

    try:
        data = json.loads(text, object_pairs_hook=_Unique())
    except _TooMany:
        return unreadable(1, f"对象过多（超过 {MAX_OBJECTS:,} 个），不像是 gongbao lock 写出的锁定文件")
    except ValueError as exc:
        if marks := conflicts.lines(text):  # a merge of two editors' locks
            return unreadable(marks[0] + 1, conflicts.PROBLEM,
                              f"保留一个版本（git checkout --ours 或 --theirs {name}），再运行 gongbao lock --write")
        return unreadable(getattr(exc, "lineno", 1), str(exc))
    except RecursionError:  # the lock is two levels deep; thousands of brackets are a hand edit or an attack
        return unreadable(1, "嵌套层数过深")
    # nothing else: the site publishes the lock as it is (<site>/gazette.lock.json), so another key is published unread
    if (not isinstance(data, dict) or set(data) - {"website", "slugs"} != {"version", "urls"} or data["version"] not in (1, VERSION)
            or not isinstance(data["urls"], dict)):
        return unreadable(1, f"应为 {{\"version\": {VERSION}, \"urls\": {{…}}}}")
    site = data.get("website")
    if "website" in data and not (isinstance(site, dict) and set(site) == set(SITE_KEYS)
                               and all(isinstance(v, str) and v.strip() for v in site.values())
                               and not chars.bad_character(list(site.values()))):
        return unreadable(website_line(text),
                          "website 应为 {\"name\": 网站名称, \"url\": 网站地址}")
    recorded = data.get("slugs")
    if "slugs" in data and not (isinstance(recorded, dict) and set(recorded) <= set(slugs.FACETS) and all(
            isinstance(named, dict) and all(isinstance(slug, str) and SLUG.fullmatch(slug) and isinstance(value, str)
                                            and value.strip() for slug, value in named.items())
            for named in recorded.values()) and not chars.bad_character(recorded)):
        return unreadable(website_line(text, "slugs"),
                          "slugs 应为 {\"issuer\": {代码: 机关名称}, \"topic\": {代码: 主题分类}}")
    lock = Lock({}, text, name, site=tuple(site[key] for key in SITE_KEYS) if site else None,
                slugs=None if recorded is None else {facet: dict(recorded.get(facet, {})) for facet in slugs.FACETS})
    entries, problems = {}, []
    escaped = chars.possible_in_json(text)  # only an escape (\\ud800, \\u001b) makes what no text holds: most locks have none
    for url, value in data["urls"].items():
        entry, why = _entry(value, data["version"])
        if entry is not None and escaped and (found := chars.bad_character([url, value])):
            # printed in its diagnostics, a lone surrogate ended the check in a traceback, a control character
            # wrote into the terminal
            entry, why = None, ("", f"条目含有{found}")
        if entry is None:
            problems.append(Diagnostic(name, lock.line(url, why[0]), f"{name} 中{chars.quoted(url)}的条目无效：{why[1]}",
                                       "不要手工编辑锁定文件；用 git 恢复它，再运行 gongbao lock", rule=RULE))
        else:
            entries[url] = entry
    return replace(lock, entries=entries), problems


# Objects a lock may hold: an entry writes two to a few dozen (its fields, each file, each 勘误), 130,000 entries of the
# largest archive MAX_BYTES allows some 400,000. Past that the text is refused as it is read, before the rest is built:
# a lock of the size limit made of entries of nine bytes ("1/":{},) was ten million objects and 8 GB of memory, growing.
MAX_OBJECTS = 1_000_000


class _TooMany(Exception):
    pass


class _Unique:
    """Each object of the lock, counted; a key written twice would let a second entry hide behind the first one a
    reviewer reads."""

    def __init__(self):
        self.count = 0

    def __call__(self, pairs: list) -> dict:
        self.count += 1
        if self.count > MAX_OBJECTS:
            raise _TooMany
        out = {}
        for key, value in pairs:
            if key in out:
                raise ValueError(f"键{chars.quoted(key)}出现两次")
            out[key] = value
        return out


def _entry(value, version: int) -> tuple[Entry | None, tuple[str, str]]:
    """The entry, or None and (the key at fault, what is wrong with it)."""
    if not isinstance(value, dict):
        return None, ("", f"应为对象，却是 {type(value).__name__}")
    expected, optional = (_V1_KEYS, set()) if version == 1 else (_V2_KEYS, _OPTIONAL)
    if set(value) - optional != expected:
        wrong = sorted((set(value) - optional) ^ expected)
        return None, (wrong[0] if wrong[0] in value else "", f"键应为 {'、'.join(sorted(expected))}（多出或缺少 {'、'.join(wrong)}）")
    for key in ("kind", "ref", "title", "first_published"):
        if not isinstance(value[key], str) or not value[key].strip():
            return None, (key, f"{key} 应为非空字符串")
    if value["kind"] not in KINDS:
        return None, ("kind", f"kind {chars.quoted(value['kind'])} 应为 {'、'.join(KINDS)} 之一")
    if not _is_date(value["first_published"]):
        return None, ("first_published", "first_published 应为 年-月-日")
    count = value["corrections"]
    if type(count) is not int or count < 0:
        return None, ("corrections", "corrections 应为不小于 0 的整数")
    sha = value["sha256"]
    if value["kind"] == "issue" and sha is not None:
        return None, ("sha256", "一期公报的 sha256 应为 null")
    if value["kind"] != "issue" and not (isinstance(sha, str) and _SHA.match(sha)):
        return None, ("sha256", "sha256 应为 64 位小写十六进制（文件和解读的哈希不能为空）")
    records, canonical = value.get("correction_sha256"), value.get("canonical_version", 1)
    if canonical not in integrity.VERSIONS or type(canonical) is not int:
        return None, ("canonical_version", f"canonical_version 应为 {'、'.join(map(str, integrity.VERSIONS))} 之一")
    if version == 1:
        records = None
    elif records is None and canonical == 1:
        pass  # carried over from a version-1 lock: the records were never hashed
    elif not (isinstance(records, list) and len(records) == count and all(isinstance(r, str) and _SHA.match(r)
                                                                           for r in records)):
        return None, ("correction_sha256", "correction_sha256 应为与 corrections 条数相同的 SHA-256 列表")
    files = value.get("files", {})
    if not (isinstance(files, dict) and all(
            isinstance(f, dict) and set(f) - {"title"} == {"bytes", "sha256"} and type(f["bytes"]) is int and f["bytes"] >= 0
            and isinstance(f["sha256"], str) and _SHA.match(f["sha256"]) and isinstance(f.get("title", ""), str)
            for f in files.values())):
        return None, ("files", "files 应为 {文件名: {\"bytes\": 字节数, \"sha256\": SHA-256, \"title\": 标题}}")
    record = value.get("fields", {})
    if not (isinstance(record, dict) and all(isinstance(v, str) for v in record.values())):
        return None, ("fields", "fields 应为 {字段: 字符串}")
    if record and (canonical < 3 or value["kind"] == "issue"):  # a version-2 hash does not cover them
        return None, ("fields", "只有第 3 版规范文本的条目（不含一期公报）才有 fields")
    if extra := sorted(set(record) - _FACTS.get(value["kind"], set())):  # published with the lock, compared with nothing
        return None, ("fields", f"fields 只记这类页面的事实，多出 {'、'.join(extra)}")
    withdrawal = value.get("withdrawal_sha256")
    if "withdrawal_sha256" in value and not (isinstance(withdrawal, str) and _SHA.match(withdrawal)):
        return None, ("withdrawal_sha256", "withdrawal_sha256 应为 64 位小写十六进制（撤回公告的 SHA-256）")
    moved = value.get("moved_to")
    if "moved_to" in value and not (isinstance(moved, str) and redirects.is_page_url(moved) and value["kind"] != "issue"):
        return None, ("moved_to", "moved_to 应为文件或解读的网址，如 doc/xzbf/2018/86/")
    recorded = value.get("recorded")
    if "recorded" in value and not (isinstance(recorded, str) and _is_date(recorded)):
        return None, ("recorded", "recorded 应为 年-月-日")
    note = value.get("note_sha256")
    if "note_sha256" in value and not (isinstance(note, str) and _SHA.match(note) and value["kind"] == "issue"):
        return None, ("note_sha256", "note_sha256 只在一期公报的条目中，应为 64 位小写十六进制（本期说明的 SHA-256）")
    order = value.get("file_order", [])
    if "file_order" in value and not (isinstance(order, list) and all(isinstance(n, str) for n in order)
                                      and len(order) > 1 and sorted(order) == sorted(files)):
        return None, ("file_order", "file_order 只在有两个以上文件的条目中，应为 files 中每个文件名各一次，按页面列出的顺序")
    sections = value.get("section_order", [])
    if "section_order" in value and not (value["kind"] == "issue" and isinstance(sections, list) and len(sections) > 1
                                         and all(isinstance(s, str) and s for s in sections)
                                         and len(set(sections)) == len(sections)):
        return None, ("section_order", "section_order 只在一期公报的条目中，应为本期页面列出的两个以上栏目名，各一次，按页面列出的顺序")
    language = value.get("language")
    if "language" in value and not (language in LANGUAGES and value["kind"] != "issue"):
        return None, ("language", f"language 只在文件、解读和征求意见的条目中，应为 {'、'.join(LANGUAGES)} 之一")
    versions = value.get("versions", [])
    if "versions" in value and not (
            value["kind"] != "issue" and isinstance(versions, list) and versions
            and all(isinstance(v, dict) and set(v) == {"corrections", "sha256"} and type(v["corrections"]) is int
                    and isinstance(v["sha256"], str) and _SHA.match(v["sha256"]) for v in versions)
            and [v["corrections"] for v in versions] == sorted({v["corrections"] for v in versions})
            and 0 <= versions[0]["corrections"] and versions[-1]["corrections"] < count):
        return None, ("versions", "versions 只在文件、解读和征求意见的条目中，应为 [{\"corrections\": 勘误条数, \"sha256\": "
                                  "SHA-256}]，勘误条数由小到大、各不相同且小于 corrections")
    return Entry(value["kind"], value["ref"], value["title"], value["first_published"], sha, count,
                 None if records is None else tuple(records), canonical,
                 tuple(sorted((name, f["sha256"], f["bytes"]) for name, f in files.items())),
                 tuple(sorted(record.items())),
                 tuple(sorted((name, f["title"]) for name, f in files.items() if "title" in f)), withdrawal, moved,
                 recorded, note, tuple(order), tuple(sections), language,
                 tuple((v["corrections"], v["sha256"]) for v in versions)), ("", "")


def _is_date(text: str) -> bool:
    try:
        return dt.date.fromisoformat(text).isoformat() == text
    except ValueError:
        return False


def load(root: Path) -> tuple[Lock, list[Diagnostic]]:
    """The committed lock; a missing file is an empty lock (a new gazette), a broken one an error."""
    return read(root / FILENAME, FILENAME)


# An entry is 0.3-1.2 KB as written (an issue's the least; a document's record, files and 勘误 hashes the most). Thirty
# years of a gazette published twice a month with 20 documents an issue is 14,400 documents; three times that, each
# with its interpretation, and the issues, is some 90,000 URLs: 64 MB at 0.7 KB, more than any gazette holds. Past
# that it is not a lock (a pasted dump, a merge gone wrong, a file made to exhaust memory) and is refused unread. Read,
# a lock takes about seven times its size in memory (128 MB of small real entries took 0.9 GB), and MAX_OBJECTS
# bounds what a text of tiny objects would take.
MAX_BYTES = 64 * 1024 * 1024


def oversized(name: str, size: int) -> Diagnostic:
    # rounded up: a file a little past the cap is not shown as of the cap's size
    return Diagnostic(name, 1, f"{name} 无法读取：文件过大（{-(-size >> 20)} MB，上限 {MAX_BYTES >> 20} MB），"
                               "三十年的公报、每份文件都有解读，锁定文件也不到 64 MB", "用 git 恢复它，再运行 gongbao lock", rule=RULE)


def _capped(path: Path) -> tuple[bytes, int]:
    """The file's bytes and its size; none read when the size is past MAX_BYTES, and never more than one byte past
    it (a file that grows meanwhile)."""
    with path.open("rb") as file:
        size = os.fstat(file.fileno()).st_size
        data = b"" if size > MAX_BYTES else file.read(MAX_BYTES + 1)
    return data, max(size, len(data))


def read(path: Path, name: str) -> tuple[Lock, list[Diagnostic]]:
    if not path.is_file():
        return replace(EMPTY, name=name), []
    try:
        data, size = _capped(path)
        if size > MAX_BYTES:
            return replace(EMPTY, name=name), [oversized(name, size)]
        text = data.decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return replace(EMPTY, name=name), [Diagnostic(name, 1, f"{name} 无法读取：{exc}",
                                                      "用 git 恢复它，再运行 gongbao lock", rule=RULE)]
    return parse(text, name)


def write(root: Path, locked: Lock) -> None:
    """``locked`` written as the repository's lock, whole or not at all, never where a link in its place leads
    (gongbao.content.atomic)."""
    atomic.write(root / FILENAME, locked.dumps().encode("utf-8"))


def pages(archive: Archive, codes: dict[str, str]) -> dict[str, Locked]:
    """Every page of the public archive the lock records, by URL."""
    public = archive.public()
    out: dict = {urls.document(d, codes): d for d in public.documents}
    out |= {urls.interpretation(i, codes): i for i in public.interpretations}
    out |= {urls.issue(i.key): i for i in public.issues}
    out |= {url: item for item, url in urls.participation_texts(public)}
    return out


def entry(item: Locked, sections: tuple[str, ...] = ()) -> Entry:
    """What the lock records of a page as it is now; ``sections``: an issue's ``section_order`` (its page's, which
    its documents make)."""
    ref, title = named(item)
    if isinstance(item, Issue):
        return Entry("issue", ref, title, item.published.isoformat(), None, note_sha256=integrity.note_sha256(item.note),
                     section_order=sections)
    return Entry(_KIND[type(item)], ref, title, item.published.isoformat(), integrity.sha256(item),
                 len(item.corrections), tuple(integrity.correction_sha256(c) for c in item.corrections),
                 files=files(item), fields=tuple(sorted(integrity.record(item))), titles=titles(item),
                 file_order=file_order(item), language=language(item))


def section_orders(public: Archive) -> dict[str, tuple[str, ...]]:
    """``section_order`` of each issue of the public archive, by URL."""
    return {urls.issue(issue.key): section_order(issue, public) for issue in public.issues}


def section_order(issue: Issue, public: Archive) -> tuple[str, ...]:
    """The sections an issue's page and print view show (those with a public document), in the issue's order, when
    there are two or more: one has no order to change."""
    shown = {doc.section for doc in public.documents_in(issue.key)}
    order = tuple(section for section in issue.sections if section in shown)
    return order if len(order) > 1 else ()


@dataclass(frozen=True)
class Published:
    """The number a lock recorded a document under, and where: ``url`` its page in ``lock``."""
    ref: DocRef
    lock: Lock
    url: str

    def __str__(self) -> str:
        return f"{self.ref}（{self.lock.name} 第 {self.lock.line(self.url)} 行）"


def published_as(title: str, issue: str, locks) -> Published | None:
    """The number the document of ``title`` in ``issue`` (2018年第6期) was published under, when its own is missing or
    wrong: the one document entry of ``locks`` with that title (and issue, where the entry records it). None when there
    is none, or two (which one the file is, nothing tells)."""
    found = {(url, entry.ref): lock for lock in locks for url, entry in lock.entries.items()
             if entry.kind == "document" and entry.title == title and dict(entry.fields).get("issue", issue) == issue}
    if len(found) != 1:
        return None
    ((url, ref), lock), = found.items()
    try:
        return Published(parse_reference(ref), lock, url)
    except ValueError:  # a hand-edited ref: the lock's own errors name it
        return None


def published_numbers(archive: Archive, found: list[Diagnostic], locks) -> list[Diagnostic]:
    """``found`` with the error of each document whose number is missing or cannot be read (model.Unnumbered) that
    ``locks`` published naming the number it was published under, which stands for it in ``archive.unloaded`` from now
    on: its locked page and interpretations are not told gone too (the number its URL is made of is what is wrong); and
    the error of each issue whose 总期号 is missing or unreadable (model.Uncounted) naming the one to write."""
    told = {}
    for item in [item for item in archive.unloaded if isinstance(item, Unnumbered)]:
        if (at := published_as(item.title, item.issue, locks)) is not None:
            archive.unloaded.add(at.ref)
            if item.told is not None:
                told[item.told] = replace(item.told, hint=f"它发布时的文号是 {at}：写成 doc_number: {at.ref}；确要改文号的，"
                                          f"按 机关代字〔年份〕序号号 的格式填写，并在 previous_urls 中加入 {at.url}")
    for item in [item for item in archive.unloaded if isinstance(item, Uncounted)]:
        if (hint := _total(item.key, archive, locks)) is not None:
            told[item.told] = replace(item.told, hint=hint)
    return [told.get(d, d) for d in found] if told else found


def number_withdrawals(archive: Archive, locks, codes: dict[str, str]) -> None:
    """Each withdrawal notice at a document's URL given the number and first publication day the first of ``locks``
    holding that URL under the number it spells published the document under: its file is gone, and its number, as
    cited, still leads to the notice (redirects.withdrawn_numbers). A new record in its place, as versions.attach gives
    a page its texts."""
    given = []
    for notice in archive.withdrawn:
        held = ((number, entry) for lock in locks if (number := _spelled(entry := lock.entries.get(notice.url), notice.url,
                                                                         codes)))
        number, entry = next(held, (None, None))
        given.append(replace(notice, number=number, published=dt.date.fromisoformat(entry.first_published))
                     if number is not None else notice)
    archive.withdrawn = given


def _spelled(entry: Entry | None, url: str, codes: dict[str, str]) -> DocNumber | None:
    """The number of a document's entry at ``url`` when it is the one the URL spells (its code, year and serial): a
    committed entry's ref may be rewritten with a 勘误 counted (rules/lock: a withdrawn URL's page no longer vouches
    for it), and a notice given another number would take that number's alias and lookup, and drop its own."""
    try:
        number = parse_reference(entry.ref) if entry is not None and entry.kind == "document" else None
    except ValueError:  # a hand-edited ref: the lock's own errors name it
        return None
    if not isinstance(number, DocNumber) or number.agency not in codes:
        return None
    return number if str(urls.DocPath.of(number, codes)) == url else None


_TOTAL = re.compile(r"（总第(\d+)期）$")  # the end of an issue entry's title (named)


def _total(key: IssueKey, archive: Archive, locks) -> str | None:
    """How to write the 总期号 of the issue ``key``: the one a lock published it with, else the one the nearest issue
    before it (or after it) implies: issues of a year are numbered on, and so are their 总期号."""
    url = urls.issue(key)
    for lock in locks:
        if (entry := lock.entries.get(url)) is not None and (total := _TOTAL.search(entry.title)):
            return (f"写成 total_number: {total[1]}：这一期发布时是总第 {total[1]} 期"
                    f"（{lock.name} 第 {lock.line(url)} 行）")
    before = max((i for i in archive.issues if i.key < key), key=lambda i: i.key, default=None)
    after = min((i for i in archive.issues if i.key > key), key=lambda i: i.key, default=None)
    if before is not None:
        total = before.total_number + (key.number - before.key.number if before.key.year == key.year else 1)
        return f"写成 total_number: {total}（上一期 {before.key} 是总第 {before.total_number} 期）"
    if after is not None and (total := after.total_number - (
            after.key.number - key.number if after.key.year == key.year else 1)) > 0:
        return f"写成 total_number: {total}（下一期 {after.key} 是总第 {after.total_number} 期）"
    return None


def named(item: Locked) -> tuple[str, str]:
    """The number (or id) and title an entry records of a page: an interpretation's number is its document's, an issue's
    its year and number (its title holds its 总期号)."""
    if isinstance(item, Issue):
        return str(item.key), f"政府公报 {item.label}"
    return str(item.interprets if isinstance(item, Interpretation) else item.ref), item.title


def files(item: Locked) -> tuple[tuple[str, str, int], ...]:
    """What the lock records of the files a page publishes (drafts, 起草说明 and feedback carry none)."""
    if not isinstance(item, (Document, Interpretation)):
        return ()
    return tuple(sorted((a.name, a.sha256, a.size) for a in published_attachments(item)))


def titles(item: Locked) -> tuple[tuple[str, str], ...]:
    """(name, title) of each file a page publishes: what the page lists it by."""
    if not isinstance(item, (Document, Interpretation)):
        return ()
    return tuple(sorted((a.name, a.title) for a in published_attachments(item)))


def language(item: Locked) -> str | None:
    """The script the page is published in (its ``language``, else gazette.yml's default_language); an issue has none."""
    return None if isinstance(item, Issue) else item.language


def file_order(item: Locked) -> tuple[str, ...]:
    """The names of the files a page publishes in the order it lists them (附件1 first, an interpretation's images as
    shown), when it publishes two or more: one file has no order to change."""
    names = tuple(a.name for a in published_attachments(item)) if isinstance(item, (Document, Interpretation)) else ()
    return names if len(names) > 1 else ()


@dataclass(frozen=True)
class Change:
    url: str
    old: Entry | None   # None: a URL the lock does not know yet
    new: Entry
    withdrawn: str = ""  # the notice's date when what changes is only its withdrawal notice, now recorded

    @property
    def of_text(self) -> bool:
        """It records a version of the page's text (new, corrected, or in a newer format), not a withdrawal notice, a
        move or an issue's note or section order added to an entry."""
        return self.old is None or not (self.withdrawn or self.new.moved_to != self.old.moved_to or self.noted)

    @property
    def noted(self) -> bool:
        """It adds only an issue's note or the order of its sections to an entry written before they were locked."""
        return (self.old is not None and self.new != self.old and self.new == replace(
            self.old, note_sha256=self.new.note_sha256, section_order=self.new.section_order))

    @property
    def replaced(self) -> tuple[int, str] | tuple[()]:
        """(corrections, sha256) of the text a new 勘误 replaces, which the entry keeps as a version
        (gongbao.content.versions); () when none is replaced (a new page, an upgrade, a 勘误 that left the text as it was)."""
        old = self.old
        if old is None or not self.of_text or old.sha256 is None or self.new.corrections <= old.corrections:
            return ()
        return (old.corrections, old.sha256) if self.new.sha256 != old.sha256 else ()

    @property
    def upgrade(self) -> bool:
        """Only the entry's format is new (its hash's version, its files' titles, an issue's note first recorded):
        nothing is published that was not."""
        return (self.of_text or self.noted) and self.old is not None and self.new.corrections == self.old.corrections

    def __str__(self) -> str:
        if self.noted:
            added = (f"本期说明  note_sha256 {self.new.note_sha256[:12]}…" if self.new.note_sha256 != self.old.note_sha256 else "",
                     f"栏目顺序：{'、'.join(self.new.section_order)}" if self.new.section_order != self.old.section_order else "")
            return f"↑ {self.url}  记录{'；'.join(filter(None, added))}"
        if not self.of_text and not self.withdrawn:
            return f"→ {self.url}  记录转到 {self.new.moved_to}（previous_urls）"
        if self.withdrawn:
            return f"↑ {self.url}  记录撤回公告{self.withdrawn}"
        if self.old is None:
            digest = f"  sha256 {self.new.sha256[:12]}…" if self.new.sha256 else ""
            return f"+ {self.url}  新增  {self.new.ref}  {self.new.title}{digest}"
        added = self.new.corrections - self.old.corrections
        changed = [n for n, f in self.new.file_map().items() if self.old.file_map().get(n) != f]
        if changed and added:
            return f"~ {self.url}  勘误 +{added}  附件 {'、'.join(changed)}" + (
                f"  sha256 {self.old.sha256[:12]}… → {self.new.sha256[:12]}…" if self.new.sha256 != self.old.sha256 else "")
        if not added and self.old.sha256 == self.new.sha256 and (
                self.old.titles, self.old.file_order, self.old.language) != (
                self.new.titles, self.new.file_order, self.new.language):
            listed = (f"附件标题：{'、'.join(n for n, _ in self.new.titles)}" if self.old.titles != self.new.titles else "",
                      f"附件顺序：{'、'.join(self.new.file_order)}" if self.old.file_order != self.new.file_order else "",
                      f"语言：{self.new.language}" if self.old.language != self.new.language else "")
            return f"↑ {self.url}  记录{'；'.join(filter(None, listed))}"
        if not added and self.old.sha256 is None:
            return f"↑ {self.url}  升级为第 {VERSION} 版锁定格式"
        if not added:
            return (f"↑ {self.url}  升级为第 {self.new.canonical_version} 版规范文本的哈希（原哈希与现行文本一致）  "
                    f"sha256 {self.old.sha256[:12]}… → {self.new.sha256[:12]}…")
        facts = "".join(f"  {integrity.LABELS.get(k, k)} “{was}” → “{now}”"
                        for k, was, now in changed_fields(self.old, self.new) if self.old.fields) + (
            f"  语言 “{self.old.language}” → “{self.new.language}”"
            if self.old.language is not None and self.old.language != self.new.language else "")
        return (f"~ {self.url}  勘误 +{added}{facts}  sha256 {self.old.sha256[:12]}… → {self.new.sha256[:12]}…"
                if self.new.sha256 != self.old.sha256 else f"~ {self.url}  勘误 +{added}{facts}（正文未变）")


def changed_fields(old: Entry, new: Entry) -> list[tuple[str, str, str]]:
    """(attribute, old value, new value) of each fact of the record the two entries lock differently."""
    was, now = dict(old.fields), dict(new.fields)
    return [(k, was.get(k, ""), now.get(k, "")) for k in sorted(was.keys() | now.keys()) if was.get(k) != now.get(k)]


def changes(lock: Lock, now: dict[str, Locked], withdrawn=(), moved: dict[str, str] | None = None,
            sections: dict[str, tuple[str, ...]] | None = None, shown: Lock | None = None) -> list[Change]:
    """What ``gongbao lock --write`` would record: new URLs, texts changed with a correction, and
    older entries whose text provably did not change, in the current format; the note of each issue whose entry was
    written before notes were locked, as it is now (its first record), and so the order of its sections (``sections``:
    section_orders, by URL); the notice at each withdrawn URL
    (``withdrawn``: withdrawn.yml's records) and the page each redirected URL (``moved``: earlier URL → the page that
    names it in previous_urls, gongbao.content.redirects.plan) leads to, where the lock does not hold them yet. A page
    the last site published before a lock recorded it (``shown``: its record of that) and corrected since is a 勘误 of
    the text it showed, which the entry keeps as a published entry's 勘误 do (else it was never shown what changed).

    A changed text without a new correction is not a change to record but an error (rules/lock.py).
    """
    out = []
    for url, item in sorted(now.items()):
        old, new = lock.entries.get(url), entry(item, (sections or {}).get(url, ()))
        if old is None and shown is not None and (was := shown.entries.get(url)) and new.corrections > was.corrections:
            old = was
        if old is not None:  # a page again (moved back, restored): where it once led, and its notice, stay recorded
            new = replace(new, moved_to=old.moved_to, withdrawal_sha256=old.withdrawal_sha256, versions=old.versions)
        if old is None or new.corrections > old.corrections:
            out.append(Change(url, old, new))
        elif _upgradable(old, item):
            out.append(Change(url, old, new))
        elif isinstance(item, Issue) and (noted := _noted(old, new)) != old:  # first recorded as it is now
            out.append(Change(url, old, noted))
    for notice in withdrawn:
        old = lock.entries.get(notice.url)
        if old is not None and notice.url not in now and old.withdrawal_sha256 is None:
            out.append(Change(notice.url, old, replace(old, withdrawal_sha256=integrity.withdrawal_sha256(notice)),
                              f"（{notice.date.isoformat()}）"))
    for url, target in (moved or {}).items():
        old = lock.entries.get(url)
        if old is not None and url not in now and old.moved_to is None:
            out.append(Change(url, old, replace(old, moved_to=target)))
    return sorted(out, key=lambda change: change.url)


def unrecorded(lock: Lock, archive: Archive, codes: dict[str, str], shown: Lock | None = None) -> list[Change]:
    """What ``lock`` does not record yet of what ``archive`` publishes: its pages, withdrawal notices and redirects
    (``shown``: what the last site published before a lock recorded it, as ``changes``)."""
    planned, _ = redirects.plan(archive, codes)
    public = archive.public()  # made once: pages asks for it again
    return changes(lock, pages(public, codes), archive.withdrawn, {url: r.target for url, r in planned.items()},
                   section_orders(public), shown)


@dataclass(frozen=True)
class Slug:
    """A listing's slug the public archive publishes that the lock does not record (or records for another name)."""
    facet: str
    slug: str
    name: str
    was: str | None = None  # the name the lock records it for: a renamed issuer or topic

    @property
    def url(self) -> str:
        return urls.catalogue(self.facet, self.slug)

    def __str__(self) -> str:
        if self.was is not None:
            return f"↑ {self.url}  记录名称“{self.was}”→“{self.name}”"
        feed = f"，订阅源 feeds/issuer/{self.slug}.xml" if self.facet == "issuer" else ""
        return f"+ {self.url}  新增目录（{self.name}{feed}）"


def unrecorded_slugs(lock: Lock, public: Archive, settings: Settings) -> list[Slug]:
    """Each slug of an issuer's or topic's listing the public archive publishes (gongbao.content.slugs) that ``lock``
    does not record for its name yet: all of them in a lock written before slugs were recorded."""
    recorded = lock.slugs or {}
    return [Slug(facet, slug, name, recorded.get(facet, {}).get(slug))
            for facet, named in slugs.published(public, settings).items() for slug, name in named.items()
            if recorded.get(facet, {}).get(slug) != name]


def with_slugs(lock: Lock, found: list[Slug]) -> Lock:
    """``lock`` recording ``found`` too: a slug once recorded is never dropped (its URL was published)."""
    recorded = {facet: dict((lock.slugs or {}).get(facet, {})) for facet in slugs.FACETS}
    for slug in found:
        recorded[slug.facet][slug.slug] = slug.name
    return replace(lock, slugs={facet: dict(sorted(named.items())) for facet, named in recorded.items()})


def unrecorded_problems(lock: Lock, archive: Archive, settings: Settings) -> list[Diagnostic]:
    """Each publication ``lock`` does not record yet (a new page, a new 勘误, a withdrawal notice, a move, a listing's
    slug) as an error at the file that makes it (``gongbao check --locked``)."""
    codes = settings.issuer_codes
    items = pages(archive, codes)
    out = []
    for change in unrecorded(lock, archive, codes):
        if change.upgrade:
            continue
        item = items.get(change.url)
        path, line = (item.source.path, 1) if item is not None else (lock.name, lock.line(change.url))
        out.append(Diagnostic(path, line, f"{lock.name} 尚未记录将要发布的：{change}",
                              f"运行 gongbao lock --write，把 {lock.name} 与内容一起提交", rule=RULE))
    for slug in unrecorded_slugs(lock, archive.public(), settings):
        out.append(Diagnostic(SETTINGS, slugs.line(slug.facet, slug.name, settings), f"{lock.name} 尚未记录将要发布的：{slug}",
                              f"运行 gongbao lock --write，把 {lock.name} 与内容一起提交", rule=RULE))
    return out


def _upgradable(old: Entry, item) -> bool:
    """An entry of an older format whose hash still matches the text: nothing changed, so the
    current hashes may replace it."""
    if old.canonical_version == integrity.VERSION and old.correction_sha256 is not None:
        return _untitled(old, item)
    if isinstance(item, Issue):  # no text, so no canonical version to upgrade: only a version-1 entry's format
        return old.sha256 is None and old.correction_sha256 is None
    if old.sha256 is None or len(item.corrections) != old.corrections:
        return False
    return ((integrity.proved_by_current(old.canonical_version) and integrity.sha256(item) == old.sha256)
            or integrity.sha256(item, old.canonical_version) == old.sha256)


def _noted(old: Entry, new: Entry) -> Entry:
    """An issue's entry ``old`` with what it does not record yet of its note and the order of its sections (written
    before they were locked) recorded as they are now (``new``): nothing else tells what was printed. The order only
    while its title, date and note are still as locked: else the issue changed, and its order may have too."""
    note = old.note_sha256 or new.note_sha256
    same = (old.title, old.first_published, note) == (new.title, new.first_published, new.note_sha256)
    return replace(old, note_sha256=note, section_order=old.section_order or (new.section_order if same else ()))


def _untitled(old: Entry, item) -> bool:
    """An entry of the current format written before file titles, their order, or the script were locked, whose text,
    record, files and what it records of their titles, order and script are still the page's: the rest may be recorded
    (what changed of it before cannot be told, and stays so)."""
    now, order, script = dict(titles(item)), file_order(item), language(item)
    return ((bool(now.keys() - old.title_map().keys()) or (bool(order) and not old.file_order)
             or old.language != script)
            and old.title_map().items() <= now.items() and old.file_order in ((), order)
            and old.language in (None, script)
            and len(item.corrections) == old.corrections and old.files == files(item)
            and old.fields == tuple(sorted(integrity.record(item))) and integrity.sha256(item) == old.sha256)


def updated(lock: Lock, found: list[Change], today: dt.date) -> Lock:
    """``lock`` with ``found`` recorded on ``today`` (the day a text recorded now is known to read so)."""
    entries = dict(lock.entries)
    for change in found:
        if not change.of_text:
            entries[change.url] = change.new  # the text's entry as it was, its notice or move added
        elif change.old is None:
            entries[change.url] = replace(change.new, recorded=today.isoformat())
        else:  # the first publication date is history: a correction does not move it; an upgrade records no new text
            entries[change.url] = replace(change.new, first_published=change.old.first_published,
                                          recorded=change.old.recorded if change.upgrade else today.isoformat(),
                                          versions=change.old.versions + tuple(filter(None, [change.replaced])))
    return Lock(dict(sorted(entries.items())), site=lock.site, slugs=lock.slugs)
