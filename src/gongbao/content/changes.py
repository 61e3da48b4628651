"""What changed in a published text since an earlier version of its file, line by line: the lines a
勘误 must describe, and where the first change is (the lock rule points there).

Compared is what the lock hashes (gongbao.content.integrity): the title, the number (or id) and the body as
published (withheld passages replaced), not the rest of the front matter; of an issue, its note (the body) alone.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass

from gongbao.content import source
from gongbao.content.loader import published_body
from gongbao.identifiers.docnumber import parse_reference
from gongbao.content.fields import KEY_ALIASES
from gongbao.content.model import Document, Interpretation, Issue
from gongbao.content.participation import Draft, Explanation, Feedback


@dataclass(frozen=True)
class TextChange:
    line: int          # line of the current file where the first change is
    lines: list[str]   # the changes: "第 N 行 原为：…" / "第 N 行 现为：…"


def compare(earlier: str, item: Issue | Document | Interpretation | Draft | Explanation | Feedback) -> TextChange | None:
    """The changes from ``earlier`` (the file's text then) to ``item`` as it is now; None when the
    earlier text cannot be read or says the same."""
    parsed = source.parse(item.source.path, earlier.encode("utf-8")).source
    if parsed is None:
        return None
    meta = {KEY_ALIASES.get(k, k): v for k, v in parsed.meta.items()}
    out: list[str] = []
    first: list[int] = []
    for key, label, old, new in _named(meta, item):
        if old != new:
            line = item.source.line_of(key)
            first.append(line)
            out += [f"第 {line} 行 {label}原为：{old}", f"第 {line} 行 {label}现为：{new}"]
    # as the loader reads it (editors' notes out, withheld passages replaced) and integrity hashes it
    before = [line.rstrip(" \t") for line in published_body(parsed.body)[0].split("\n")]
    after = [line.rstrip(" \t") for line in item.source.body.split("\n")]
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        at = item.source.file_line(j1 + 1)
        first.append(at)
        out += [f"第 {at} 行 原为：{line}" for line in before[i1:i2] if line.strip()]
        out += [f"第 {item.source.file_line(j + 1)} 行 现为：{line}" for j, line in enumerate(after[j1:j2], j1) if line.strip()]
    return TextChange(min(first), out) if out else None


def _named(meta: dict, item) -> tuple[tuple[str, str, str, str], ...]:
    """(key, label, value then, value now) of the title and the identifier the canonical text hashes; none of an issue
    (its 总期号 and date the lock rule names at their keys)."""
    if isinstance(item, Issue):
        return ()
    ref_key, label, now_ref = _identifier(item)
    return (("title", "标题", str(meta.get("title", "")).strip(), item.title.strip()),
            (ref_key, label, _ref(meta, ref_key), str(now_ref)))


def _identifier(item) -> tuple[str, str, object]:
    """The key, label and value of the identifier the canonical text hashes (gongbao.content.integrity): a document's
    number (or id), the document an interpretation interprets, a draft's id, the draft of its 起草说明 or feedback."""
    if isinstance(item, Document):
        return "doc_number", "文号", item.ref
    if isinstance(item, Interpretation):
        return "interprets", "文号", item.interprets
    if isinstance(item, Draft):
        return "id", "id", item.id
    return "draft", "征求意见稿", item.draft


def _ref(meta: dict, key: str) -> str:
    value = meta.get(key) or (meta.get("id") if key == "doc_number" else None)
    try:
        return str(parse_reference(str(value))) if value else ""
    except ValueError:
        return str(value)
