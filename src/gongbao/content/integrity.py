"""The canonical text of a published document or interpretation, and its SHA-256.

The hash is what the lock file records and each page shows, so it must change whenever what a
reader sees changes, and should not change otherwise. The canonical text (version 4) is, in UTF-8:

    line 1   the title, NFC-normalised, surrounding whitespace removed
    line 2   the identifier: the canonical document number (锡政办发〔2018〕68号), else the id;
             for an interpretation, the number or id of the document it interprets; for a
             征求意见稿 its id, for its 起草说明 and 意见采纳情况 the id of that draft
    then     the record (``RECORD``): one line ``<label>：<value>`` for each fact the page states of
             itself, in a fixed order by kind, also when empty (``施行日期：``): dates as 年-月-日, the
             values as the loader normalised them (a Traditional or spaced spelling it maps to the
             same value hashes the same), NFC, runs of spaces, tabs and line ends made one space;
             a list as a JSON array (a value may hold 、), empty when it is — in its order where
             order means something (joint issuers: the lead first), else sorted (topics,
             relations), so a reordering that changes nothing changes no hash
    then     an empty line
    then     the body (the Markdown after the front matter), NFC-normalised, line by line:
             trailing spaces and tabs removed, except that a line Markdown ends with a hard
             break (two or more trailing spaces, tabs expanded to 4 columns, before another
             non-blank line) keeps exactly two; every blank line kept, as an empty line, except
             at the start and end; each line ending in "\\n"

Line ends (CRLF, CR) are already LF when the source is read. Blank lines are structure: a
table, a list or a block quote ends at one, and inside a <pre> block each one shows; so every
blank line counts, even where an extra one would not show (the hash may change when the page does
not, never the other way round). Trailing spaces count only as the hard break they make. Only
ASCII spaces and tabs are blank: a trailing full-width space (U+3000) shows and is kept.
Everything else — a changed character, a moved line, a changed title or number — changes the hash.
It is published beside each page as ``index.txt``: ``sha256sum index.txt`` checks a copy. The
body is the body as published: passages marked 不予公开 were already replaced by the loader
(gongbao.content.redaction), so the placeholder, not the withheld text, is hashed, and none of the
passage's line breaks: how many lines were withheld is withheld too. Editors' notes were removed
too, with their line breaks (a note on lines of its own, its lines: gongbao.content.notes), so a
note added to a published text changes no hash.

The record is what the page states of itself when published. Not in it: what later documents
and the calendar make of the page — 文件状态 (已修订 or 已废止 because another document says so;
尚未施行, 执行中, 已失效 by the dates, rules/relations.py and rules/dates.py keep it in agreement),
the links a later page adds (a document's 征求意见稿, a draft's 正式文件, its decisions item) —
nor the editor (责编), the script (语言) or the URL's slug.

Version 3 kept each withheld passage's and each note's line breaks where it stood (index.txt showed
how many lines a passage had: one name a line, how many people; a note's line was an empty one);
version 2 also had no record (title,
identifier, an empty line, the body); version 1 also dropped every blank line and every trailing
space. They are kept only to verify hashes recorded with them (``gongbao lock --write`` replaces
them once they still match). A body is given back with its breaks only where they show nothing
(gongbao.content.removed.unseen): the page a version-3 hash records is the body with them, and a note or passage
put where the locked text had a blank line (甲\\n<!-- 注 -->\\n乙 for 甲\\n\\n乙) gives back the same body for another page.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import unicodedata
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar

from gongbao.content.model import Correction, Document, Interpretation
from gongbao.content.participation import Draft, Explanation, Feedback
from gongbao.content.source import known_nfc, known_utf8
from gongbao.identifiers.chars import holds

VERSION = 4
VERSIONS = (1, 2, 3, 4)
_BLANK = " \t"  # Markdown's blank: only these; other white space (U+3000, NBSP) is printed
_BLANK_ENDS = (" ", "\t")
_SPACES = re.compile(r"[ \t\r\n]+")

Item = Document | Interpretation | Draft | Explanation | Feedback
# By kind, what the page states of itself: (attribute, label, whether a list's order means something).
# A new kind adds its line here; changing a kind's fields is a new canonical text version.
RECORD: dict[type, tuple[tuple[str, str, bool], ...]] = {
    Document: (("issuers", "制发机关", True), ("type", "类型", True), ("written", "成文日期", True),
               ("published", "发布日期", True), ("effective", "施行日期", True), ("expires", "有效期至", True),
               ("disclosure", "公开属性", True), ("index_number", "索引号", True), ("topics", "主题分类", False),
               ("issue", "刊期", True), ("section", "栏目", True), ("based_on", "依据", False),
               ("amends", "修改", False), ("repeals", "废止", False)),
    Interpretation: (("kind", "解读形式", True), ("author", "解读机关", True), ("published", "发布日期", True)),
    Draft: (("consulter", "征求意见单位", True), ("opens", "征求意见开始", True), ("closes", "征求意见截止", True),
            ("disclosure", "公开属性", True), ("email", "电子邮箱", True), ("postal", "通信地址", True),
            ("form_url", "在线表单", True), ("basis", "决策依据", False), ("revises", "上一轮征求意见稿", True)),
    Explanation: (("disclosure", "公开属性", True),),
    Feedback: (("published", "发布日期", True), ("comments", "收到意见", True), ("adopted", "采纳", True),
               ("channels", "渠道", False), ("disclosure", "公开属性", True)),
}
LABELS = {attr: label for fields in RECORD.values() for attr, label, _ in fields}
ORDERED = frozenset((kind, attr) for kind, fields in RECORD.items() for attr, _, ordered in fields if ordered)


def record(item: Item) -> tuple[tuple[str, str], ...]:
    """(attribute, value) of each fact of ``item``'s record, as its canonical text writes the value."""
    return tuple((attr, _value(getattr(item, attr), ordered)) for attr, _, ordered in RECORD.get(type(item), ()))


def _value(value, ordered: bool) -> str:
    if isinstance(value, tuple):  # a JSON list: a value may itself hold 、 (主题分类 城乡建设、环境保护)
        listed = parts(value)
        # _JSON.encode(listed) as its C encoder of one string writes each: the encoder's walk of the list in Python
        # was 1.3 µs of a list of one
        return f"[{', '.join(map(_JSON_TEXT, listed if ordered else sorted(listed)))}]" if listed else ""
    return _value_of(value)


def parts(value: tuple) -> list[str]:
    """The items of a list fact as its record writes each, in the item's order (rules/lock.py compares them one by one)."""
    return [" ".join(map(_value_of, v)) if isinstance(v, tuple) else _value_of(v) for v in value]


_JSON_TEXT = json.encoder.encode_basestring  # a string as json.dumps(…, ensure_ascii=False) writes it


def _value_of(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()  # digits and hyphens: NFC, no space
    text = _nfc(str(value))
    # A printable text has no tab or line end (they are control characters), so without two spaces in a row it has
    # no run for _SPACES to make one space (most values): no substitution to learn that.
    if "  " in text or not text.isprintable():
        text = _SPACES.sub(" ", text)
    return text.strip(" ")  # as a page shows it: U+3000 is printed


# Within ``once()``: id(item) → (item, its canonical text), and id(item) → its SHA-256; current version, own record.
_ONCE: ContextVar[tuple[dict, dict] | None] = ContextVar("canonical_once", default=None)


@contextmanager
def once(apart: bool = False) -> Iterator[None]:
    """Within: each item's canonical text and hash (current version, its own record) computed once. A build reads
    them for the page, the twins, the catalogue, the manifest, the lock and the check; the archive is only read
    meanwhile. Nothing is kept past the block (a nested block shares the outer one's, unless ``apart``: the
    preview notes what each maker reads, and a text another maker computed would hide the body it read)."""
    if _ONCE.get() is not None and not apart:
        yield
        return
    token = _ONCE.set(({}, {}))
    try:
        yield
    finally:
        _ONCE.reset(token)


def canonical_text(item: Item, version: int = VERSION, stated: Mapping[str, str] | None = None,
                   ref: str | None = None) -> str:
    """``stated``: record values to hash instead of the item's (the locked ones), to tell a changed
    record from a changed text; ``ref``: the identifier to hash instead of the item's (the locked one), to tell a
    document moved to a new number with its text from one whose text changed too."""
    memo = _ONCE.get() if version == VERSION and not stated and ref is None else None
    if memo is None:
        return _canonical_text(item, version, stated, ref)
    texts = memo[0]
    if id(item) not in texts:  # the item is kept with its text, so its id is not reused while the block lasts
        texts[id(item)] = (item, _canonical_text(item, version, stated, None))
    return texts[id(item)][1]


def sha256(item: Item, version: int = VERSION, stated: Mapping[str, str] | None = None, ref: str | None = None) -> str:
    memo = _ONCE.get() if version == VERSION and not stated and ref is None else None
    if memo is None:
        return _digest(item, version, stated, ref)
    digests = memo[1]
    if id(item) not in digests:
        digests[id(item)] = text_sha256(canonical_text(item))
    return digests[id(item)]


def as_current(item: Item, version: int) -> bool:
    """Whether ``item``'s canonical text of ``version`` is its current one: version 3 differs only where notes or withheld
    passages removed line breaks, so an item without them has one hash for both (a lock of version 3 entries is checked
    without hashing every text twice until gongbao lock --write upgrades it)."""
    return version == VERSION or (version == 3 and not item.source.removed)


def proved_by_current(version: int) -> bool:
    """Whether a hash of ``version`` equal to an item's current hash proves the text as published: version 3 differs
    only by the line breaks notes and withheld passages took out, so a version-3 hash of the body as it is published
    now is that text (a note added since it was locked, which version 3 would have hashed with its line, is no change)."""
    return version in (3, VERSION)


def text_sha256(text: str) -> str:
    """The SHA-256 of a canonical text, as published (``sha256sum index.txt``)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _canonical_text(item: Item, version: int, stated: Mapping[str, str] | None, ref: str | None) -> str:
    # NFC never joins across a line end, so normalising the body once equals normalising each line.
    text = item.source.body if version >= 4 else item.source.aligned_body
    text = text if known_nfc(text) else _nfc(text)
    body = _body_v1(text.split("\n")) if version == 1 else _body(text)
    return _head(item, version, stated, ref) + body


def _head(item: Item, version: int, stated: Mapping[str, str] | None, ref: str | None) -> str:
    """The canonical text before its body: the title, the identifier, the record and the empty line."""
    if ref is None:
        ref = item.interprets if isinstance(item, Interpretation) else item.ref
    facts = ""
    if version >= 3:  # record(item) with ``stated`` in place of the item's values (not worked out: 10 µs a document)
        stated = stated or {}
        facts = "".join(f"{label}：{stated[attr] if attr in stated else _value(getattr(item, attr), ordered)}\n"
                        for attr, label, ordered in RECORD.get(type(item), ()))
    return f"{_nfc(item.title).strip()}\n{ref}\n{facts}\n"


def _digest(item: Item, version: int, stated: Mapping[str, str] | None, ref: str | None) -> str:
    """``text_sha256(_canonical_text(…))``; of a body read as it is (source.known_utf8) whose lines keep no blank at
    their end, without making the text: its canonical body is then the bytes read less the line ends at their start and
    end (_body), so the body is not copied twice and encoded again (8 µs of a real-shape body's 35 µs hash)."""
    utf8 = known_utf8(item.source.body) if version >= 4 and _unpadded(item.source.body) else None
    if utf8 is None:
        return text_sha256(_canonical_text(item, version, stated, ref))
    digest = hashlib.sha256(_head(item, version, stated, ref).encode("utf-8"))
    if kept := utf8.strip(b"\n"):
        digest.update(kept)
        digest.update(b"\n")
    return digest.hexdigest()


def _unpadded(text: str) -> bool:
    """Whether no line of ``text`` ends in a blank (most bodies): then _body only takes off the empty lines at its start
    and end (a look at each of 240 lines was a third of hashing a real-shape body; most bodies have no tab, and a look
    for " \n" in one was 4.6 µs; in the bytes read, 16)."""
    return not holds(text, " \n") and not holds(text, "\t\n") and not text.endswith(_BLANK_ENDS)


def _body(text: str) -> str:
    if _unpadded(text):
        kept = text.strip("\n")
        return kept + "\n" if kept else ""
    lines = text.split("\n")
    out = [_trimmed(line, lines[n + 1] if n + 1 < len(lines) else "") if line.endswith(_BLANK_ENDS) else line
           for n, line in enumerate(lines)]  # most lines end in neither: kept as they are
    start, end = 0, len(out)
    while end and not out[end - 1]:
        end -= 1
    while start < end and not out[start]:
        start += 1
    return "\n".join(out[start:end]) + "\n" if end > start else ""


def _trimmed(line: str, following: str) -> str:
    kept = line.rstrip(_BLANK)
    if kept and following.strip(_BLANK) and line.expandtabs(4).endswith("  "):
        kept += "  "  # Python-Markdown's hard line break (<br>)
    return kept


def _body_v1(lines: list[str]) -> str:
    return "".join(f"{line.rstrip()}\n" for line in lines if line.strip())


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def withdrawal_sha256(notice) -> str:
    """The hash the lock keeps of the withdrawal notice at a URL (withdrawn.yml): once locked, never rewritten."""
    parts = (notice.url, notice.date.isoformat(), _nfc(notice.title).strip(), _nfc(notice.reason).strip())
    return hashlib.sha256("".join(f"{part}\n" for part in parts).encode("utf-8")).hexdigest()


def note_sha256(note: str) -> str:
    """The hash the lock keeps of an issue's note (the body of its index.md, which its page and print edition show
    above the contents, NFC-normalised and stripped as they show it; withheld passages already replaced by the loader,
    so the placeholder is hashed, never the withheld text): a printed issue never changes, errata go in a later one."""
    return hashlib.sha256(_nfc(note).strip().encode("utf-8")).hexdigest()


def note_hashes(issue) -> tuple[str, ...]:
    """The hashes that record ``issue``'s note as it is: its ``note_sha256``, and, when a withheld passage in it held
    line breaks, the hash of the note with them, as the loader kept them until canonical text version 4 (a note's hash
    has no version: a lock written before records that one, of the same printed note)."""
    now = note_sha256(issue.note)
    return (now, note_sha256(issue.source.aligned_body)) if issue.source.removed else (now,)


def correction_sha256(correction: Correction) -> str:
    """The hash the lock keeps of one 勘误 record: a record, once locked, never changes."""
    text = f"{correction.date.isoformat()}\n{_nfc(correction.change).strip()}\n{_nfc(correction.reason).strip()}\n"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
