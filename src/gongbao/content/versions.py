"""The texts a page published before a 勘误 replaced them: kept in the repository, proved by the lock, shown changed.

A 勘误's ``change`` is the editor's words: a record could claim one change and make another (更正“五大决策程序” while the
body's 2018 became 2019), and the lock would record the new text all the same. So when ``gongbao lock --write`` records
a page's new text after a 勘误, the text it replaces — the canonical text (gongbao.content.integrity) the lock's entry
held the hash of — is kept as ``versions/<sha256>.txt``, and the entry lists it (``versions``: how many 勘误 the page
had while it was published, and its hash). The text comes from somewhere that proves it: the built site's index.txt
of the page, the copy the lock --write that recorded it kept in the repository's cache, or the file as git holds it (at
HEAD, or at the commit that last wrote the lock) made into its canonical text with the record and identifier the entry
locked; each is taken only when it hashes to the entry's sha256. None does: lock --write refuses (nothing else tells
what was published).

The check needs no git: each stored text must hash to its name, which the lock holds (an edited or missing one is an
error at the lock's entry); the lock itself is compared with the last published one (rules/lock.py: ``versions`` only
grows, by the text the published entry held). The page's 勘误 section shows, for each 勘误 that changed the text, the
passages it really changed (``changed``: sentence by sentence, computed from the two canonical texts) and links the
earlier text at ``<page>/versions/<sha256>.txt`` (``sha256sum`` checks it). A canonical text is the published one
(withheld passages are already the placeholder), so a stored text publishes nothing the page did not; a 勘误 that
withholds a passage published before (``Passage.withheld``) must not publish it again: its earlier text is not published,
and the passages it changed show only as they read now.
"""
from __future__ import annotations

import bisect
import difflib
import hashlib
import os
import re
import stat
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from gongbao.content import atomic, gitshow, integrity, lock, redirects, source
from gongbao.content.diagnostics import Diagnostic
from gongbao.content.loader import published_body
from gongbao.content.lock import FILENAME as LOCK, RULE, Entry, Lock
from gongbao.content.model import Archive, Version
from gongbao.content.redaction import PLACEHOLDER

FOLDER = "versions"
# A canonical text is a document's body (the loader reads 2 MB at most) with its title and record: twice that is no text
MAX_BYTES = 4 * 1024 * 1024
_HINT = (f"用 git 恢复它（git log -- {FOLDER}/ 可找到写入它的提交）：它由 gongbao lock --write 写下，是勘误前发布的文本，"
         "不能手工编辑或删除")


def path_of(sha256: str) -> str:
    """Where the text of ``sha256`` is kept, relative to the repository (and to the page's folder on the site)."""
    return f"{FOLDER}/{sha256}.txt"


def load(root: Path, locked: Lock, listed: Mapping[str, object] | None = None
         ) -> tuple[dict[str, tuple[Version, ...]], list[Diagnostic]]:
    """URL → the earlier texts each entry of ``locked`` lists, oldest first, and an error at the entry for each one
    missing or not hashing to what the entry records. ``listed``: the repository's files as the safe walk found them
    (gongbao.content.tree.Scan.files): no other file is read."""
    out, problems, read = {}, [], {}
    for url, entry in locked.entries.items():
        kept = []
        for n, (count, sha) in enumerate(entry.versions, 1):
            if sha not in read:
                read[sha] = _read(root, path_of(sha), listed)
            text, why = read[sha]
            if text is None:
                problems.append(Diagnostic(locked.name, locked.line(url, "versions"),
                                           f"{url} 第 {n} 个勘误前的文本（有 {count} 条勘误时发布，SHA-256 {sha[:12]}…）"
                                           f"{why}：页面无法列出勘误实际改动了什么", _HINT, rule=RULE))
                continue
            kept.append(Version(count, sha, text))
        if kept:
            out[url] = tuple(kept)
    return out, problems


def attach(archive: Archive, stored: dict[str, tuple[Version, ...]], codes: dict[str, str]) -> None:
    """Each public page of ``archive`` at a URL ``stored`` lists given those earlier texts (``versions``): a new item in
    its place, as the loader's may be kept between checks (the preview's), and the preview remakes what read a changed
    field. Before anything reads the archive's indexes."""
    if not stored:
        return
    pages = lock.pages(archive.public(), codes)
    # a renumbered page's texts are listed under the entry of the URL it had (previous_urls), and its own after
    moved = redirects.earlier(archive.public(), codes) if not stored.keys() <= pages.keys() else {}
    texts: dict[str, list[Version]] = {}
    for url, kept in stored.items():
        texts.setdefault(moved.get(url, url), []).extend(kept)
    given = {id(item): tuple(sorted(set(texts[url]), key=lambda v: (v.corrections, v.sha256)))
             for url, item in pages.items() if url in texts and hasattr(item, "versions")}
    for name in ("documents", "interpretations", "drafts", "explanations", "feedback"):
        items = getattr(archive, name)
        if any(id(item) in given for item in items):
            setattr(archive, name, [replace(item, versions=given[id(item)]) if id(item) in given else item
                                    for item in items])


def _read(root: Path, rel: str, listed: Mapping[str, object] | None) -> tuple[str | None, str]:
    """The text kept at ``rel`` when it hashes to its name, else None and why."""
    if listed is not None and rel not in listed:
        return None, f"不在仓库中（应为 {rel}）"
    data = _bytes(root / rel)
    if data is None:
        return None, f"无法读取（{rel}）"
    digest = hashlib.sha256(data).hexdigest()
    if digest != rel[len(FOLDER) + 1:-len(".txt")]:
        return None, f"被改动过：{rel} 的 SHA-256 现为 {digest[:12]}…"
    try:
        return data.decode("utf-8"), ""
    except UnicodeDecodeError:  # no text hashes so (gongbao lock --write wrote UTF-8): a collision is no concern here
        return None, f"不是 UTF-8 文本（{rel}）"


def _bytes(path: Path) -> bytes | None:
    """A regular file's bytes, never through a link in its place nor from a FIFO; None past MAX_BYTES."""
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    with os.fdopen(descriptor, "rb") as file:
        status = os.fstat(file.fileno())
        if not stat.S_ISREG(status.st_mode) or status.st_size > MAX_BYTES:
            return None
        data = file.read(MAX_BYTES + 1)
    return data if len(data) <= MAX_BYTES else None


def earlier(url: str, old: Entry, item, readers: list[Callable[[str], str | None]], site: Path, kept: Path | None
            ) -> str | None:
    """The text ``old`` (an entry of the committed lock) holds the hash of, for the page ``item`` at ``url``: the built
    ``site``'s index.txt of it, or the one ``kept`` (the folder ``keep`` wrote the texts gongbao lock --write recorded
    into), else the page's file as each of ``readers`` (gongbao.content.gitshow.reader at a commit) gives it, made into
    its canonical text with the identifier and record ``old`` locked. Only one that hashes to ``old.sha256`` (None when
    none does)."""
    places = ([site / url / "index.txt"] if url and ".." not in url.split("/") else []) + (
        [kept / f"{old.sha256}.txt"] if kept is not None else [])
    for place in places:
        found = _bytes(place)
        if found is not None and hashlib.sha256(found).hexdigest() == old.sha256:
            return found.decode("utf-8")
    stated = dict(old.fields) if old.canonical_version >= 3 and old.fields else None
    for read in readers:
        text = read(item.source.path)
        parsed = source.parse(item.source.path, text.encode("utf-8")).source if text is not None else None
        if parsed is None:
            continue
        then = replace(item, source=parsed.with_body(*published_body(parsed.body)), title=old.title)
        candidate = integrity.canonical_text(then, old.canonical_version, stated, ref=old.ref)
        if integrity.text_sha256(candidate) == old.sha256:
            return candidate
    return None


def readers(root: Path) -> list[Callable[[str], str | None]]:
    """The page files as git holds them at HEAD (an edit not committed yet) and at the commit that last wrote the lock
    (an edit committed since); none outside git."""
    refs = ["HEAD"] + [ref for ref in [gitshow.last_commit(root, LOCK)] if ref]
    return [gitshow.reader(root, ref) for ref in refs]


def store(root: Path, text: str) -> None:
    """``text`` kept as ``versions/<its sha256>.txt`` (as it is when there: the name proves it)."""
    keep(root / FOLDER, text)


def keep(folder: Path, text: str) -> None:
    """``text`` written into ``folder`` as ``<its sha256>.txt``, unless it is there: gongbao lock --write keeps each text
    it records in the repository's cache too, so that the next one finds the text a 勘误 replaces without git or a
    built site (any copy serves: it is taken only when it hashes to what the lock recorded)."""
    data = text.encode("utf-8")
    path = folder / f"{hashlib.sha256(data).hexdigest()}.txt"
    if _bytes(path) == data:
        return
    folder.mkdir(parents=True, exist_ok=True)
    atomic.write(path, data)


def refused(url: str, old: Entry) -> str:
    """Why gongbao lock --write records nothing: the text ``old`` locked at ``url`` is nowhere to be proved."""
    return (f"{url}：找不到勘误前发布的文本（{LOCK} 记录的 SHA-256 {old.sha256[:12]}…），无法保存它，页面便不能列出勘误实际改动了什么。"
            f"先生成一次改动前的网站（gongbao build，网站目录中有它的 index.txt），或在 git 中保留改动前的文件"
            f"（提交改动前的版本，或在记下锁定文件的提交之后再改），再运行 gongbao lock --write")


# A sentence ends at 。！？； (or their ASCII forms) and at a line end: the unit a 勘误's change is shown in
_SENTENCE = re.compile(r"[^。！？；!?;\n]*(?:[。！？；!?;]+|\n|$)")


def sentences(text: str) -> list[str]:
    return [part for part in _SENTENCE.findall(text) if part]


@dataclass(frozen=True)
class Passage:
    """One change between two texts: ``was`` (empty: added) became ``now`` (empty: removed), whole sentences;
    ``withheld``: what it read may be withheld by law now (``_withholds``), and must not be published again."""
    was: str
    now: str
    withheld: bool = False


# Sentence pairs the matcher may compare: SequenceMatcher is quadratic in a sentence repeated (20,000 of "甲。", one
# changed in the middle, took 50 s of a page's 30 s bound). The sentences both texts begin and end with are set aside
# first (a 勘误's usual change: one place); past this, the span between is shown changed whole.
_PAIRS = 1_000_000


def changed(before: str, after: str, pairs: int = _PAIRS) -> list[Passage]:
    """The passages ``before`` and ``after`` (two canonical texts) differ in, sentence by sentence, in order; past
    ``pairs`` sentence pairs to compare, the span between the sentences both begin and end with."""
    old, new = sentences(before), sentences(after)
    same, shorter = 0, min(len(old), len(new))
    while same < shorter and old[same] == new[same]:
        same += 1
    tail = 0
    while tail < shorter - same and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    if (len(old) - same - tail) * (len(new) - same - tail) > pairs:
        spans = [(same, len(old) - tail, same, len(new) - tail)]
    else:
        matcher = difflib.SequenceMatcher(None, old[same:len(old) - tail], new[same:len(new) - tail], autojunk=False)
        spans = [(same + i1, same + i2, same + j1, same + j2)
                 for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"]
    worded = [n for n, sentence in enumerate(new) if sentence.strip()] if PLACEHOLDER in after else []
    return [Passage("".join(old[i1:i2]).strip("\n"), "".join(new[j1:j2]).strip("\n"), _withholds(new, worded, j1, j2))
            for i1, i2, j1, j2 in spans]


def _withholds(new: list[str], worded: list[int], start: int, end: int) -> bool:
    """Whether the change that made ``new[start:end]`` (its sentences) may have withheld what it read: a placeholder in
    it, or in the nearest sentence with words (``worded``: their indexes; none when ``new`` holds no placeholder) before
    or after it. Counting placeholders tells nothing: a passage withheld as another is published again keeps the count,
    and a mark widened over the sentences beside it leaves one placeholder where there was one, those sentences gone."""
    if not worded:
        return False
    at = bisect.bisect_left(worded, start)
    after = bisect.bisect_left(worded, end)
    beside = worded[at - 1:at] + worded[after:after + 1]
    return any(PLACEHOLDER in new[n] for n in beside) or any(PLACEHOLDER in sentence for sentence in new[start:end])


@dataclass(frozen=True)
class Replaced:
    """An earlier text of a page, and the passages the 勘误 that replaced it changed; ``hidden``: a later 勘误 withheld a
    passage the text may have read (the passages are then none: they may read it too)."""
    version: Version
    passages: tuple[Passage, ...]
    hidden: bool = False

    @property
    def published(self) -> bool:
        """Whether the earlier text may be published again: not when this 勘误 or a later one withheld a passage of it."""
        return not self.hidden and not any(p.withheld for p in self.passages)


def replaced(item) -> dict[int, Replaced]:
    """By the number of the (last) 勘误 that replaced it, each earlier text of ``item`` (its ``versions``), compared with
    the text that followed it: the next earlier text, or the page's own canonical text for the last one (and the 勘误 that
    replaced that one are all the page has: those the lock does not record yet too). A passage a 勘误 withheld was read by
    every text before it: none of them, nor what their 勘误 changed, is shown. The texts share one page's pairs to
    compare (``_PAIRS``): 200 texts of a page, each of a thousand sentences, took the matcher over 400 s."""
    versions = item.versions
    if not versions:
        return {}
    after = [(v.text, v.corrections) for v in versions[1:]] + [(integrity.canonical_text(item), len(item.corrections))]
    shown, withheld = {}, False
    for version, (text, count) in reversed(list(zip(versions, after))):
        shown[count] = Replaced(version, (), hidden=True) if withheld else Replaced(
            version, tuple(changed(version.text, text, _PAIRS // len(versions))))
        withheld = withheld or not shown[count].published
    return dict(sorted(shown.items()))
