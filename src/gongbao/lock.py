"""``gazette.lock.json``: every URL the site has published, and the hash of the text behind it.

Locked are the pages people cite: documents and interpretations (with the SHA-256 of their
canonical text, gongbao.integrity) and gazette issues (existence only). Catalogue and listing
pages are views computed from these and are not locked.

The lock is committed with the content. A build compares what it would publish with the lock
(rule ``rules/lock.py``) and refuses to let a locked URL vanish or a locked text change silently.
Only ``gongbao lock --write`` adds or updates entries, after showing the editor what it records;
it never removes one: a URL, once published, is published for good (as a page, a redirect or a
withdrawal notice).

    {
      "version": 1,
      "urls": {
        "doc/xzbf/2018/68/": {
          "corrections": 0,                 勘误 recorded when the hash was taken
          "first_published": "2018-06-05",
          "kind": "document",               or "interpretation", or "issue" (no sha256: null)
          "ref": "锡政办发〔2018〕68号",      number or id (of the interpreted document)
          "sha256": "…",                    of the canonical text (gongbao.integrity)
          "title": "…"
        }
      }
    }
"""
from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, replace
from functools import cached_property
from pathlib import Path

from . import integrity, urls
from .diagnostics import Diagnostic
from .model import Archive

FILENAME = "gazette.lock.json"
VERSION = 1
KINDS = ("document", "interpretation", "issue")


@dataclass(frozen=True)
class Entry:
    kind: str
    ref: str
    title: str
    first_published: str
    sha256: str | None  # None for an issue: its page lists documents, each locked by its own hash
    corrections: int = 0


@dataclass(frozen=True)
class Lock:
    entries: dict[str, Entry]
    text: str = ""  # the file as read, for the line numbers of diagnostics

    def dumps(self) -> str:
        data = {"version": VERSION, "urls": {url: asdict(e) for url, e in self.entries.items()}}
        return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"

    @cached_property
    def lines(self) -> dict[str, int]:
        """URL → line of its entry in the file (the file is written by ``dumps``: one key per line)."""
        out, line, last = {}, 1, 0
        for match in _ENTRY.finditer(self.text):
            line += self.text.count("\n", last, match.start())
            last = match.start()
            out[json.loads(match.group(1))] = line
        return out

    def line(self, url: str) -> int:
        return self.lines.get(url, 1)


_ENTRY = re.compile(r'^    ("(?:[^"\\]|\\.)*"): \{$', re.M)
EMPTY = Lock({})


def load(root: Path) -> tuple[Lock, list[Diagnostic]]:
    """The committed lock; a missing file is an empty lock (a new gazette), a broken one an error."""
    path = root / FILENAME
    if not path.exists():
        return EMPTY, []
    try:
        text = path.read_text(encoding="utf-8")
        data = json.loads(text)
        entries = {str(url): Entry(**e) for url, e in data["urls"].items()}
        if data.get("version") != VERSION or any(e.kind not in KINDS for e in entries.values()):
            raise ValueError(f"version {data.get('version')!r}")
    except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError) as exc:
        line = getattr(exc, "lineno", 1)
        return EMPTY, [Diagnostic(FILENAME, line, f"{FILENAME} 无法读取：{exc}",
                                  "不要手工编辑锁定文件；用 git 恢复它，再运行 gongbao lock", rule="lock")]
    return Lock(entries, text), []


def current(archive: Archive, codes: dict[str, str]) -> dict[str, Entry]:
    """What this build publishes, as lock entries (withheld documents are never included)."""
    public = archive.public()
    out = {}
    for doc in public.documents:
        out[urls.document(doc, codes)] = Entry("document", str(doc.ref), doc.title, doc.published.isoformat(),
                                               integrity.sha256(doc), len(doc.corrections))
    for item in public.interpretations:
        out[urls.interpretation(item, codes)] = Entry("interpretation", str(item.interprets), item.title,
                                                      item.published.isoformat(), integrity.sha256(item),
                                                      len(item.corrections))
    for issue in public.issues:
        out[urls.issue(issue.key)] = Entry("issue", str(issue.key), f"政府公报 {issue.label}",
                                           issue.published.isoformat(), None)
    return out


@dataclass(frozen=True)
class Change:
    url: str
    old: Entry | None   # None: a URL the lock does not know yet
    new: Entry

    def __str__(self) -> str:
        if self.old is None:
            digest = f"  sha256 {self.new.sha256[:12]}…" if self.new.sha256 else ""
            return f"+ {self.url}  新增  {self.new.ref}  {self.new.title}{digest}"
        added = self.new.corrections - self.old.corrections
        return (f"~ {self.url}  勘误 +{added}  sha256 {self.old.sha256[:12]}… → {self.new.sha256[:12]}…"
                if self.new.sha256 != self.old.sha256 else f"~ {self.url}  勘误 +{added}（正文未变）")


def changes(lock: Lock, now: dict[str, Entry]) -> list[Change]:
    """What ``gongbao lock --write`` would record: new URLs, and texts changed with a correction.

    A changed text without a new correction is not a change to record but an error (rules/lock.py).
    """
    out = []
    for url, entry in sorted(now.items()):
        old = lock.entries.get(url)
        if old is None:
            out.append(Change(url, None, entry))
        elif entry.corrections > old.corrections:
            out.append(Change(url, old, entry))
    return out


def updated(lock: Lock, found: list[Change]) -> Lock:
    entries = dict(lock.entries)
    for change in found:
        # the first publication date is history: a correction does not move it
        entries[change.url] = change.new if change.old is None else replace(
            change.new, first_published=change.old.first_published)
    return Lock(dict(sorted(entries.items())))
