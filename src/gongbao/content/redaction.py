"""Partial disclosure (部分公开): passages an editor marks as withheld never leave the loader.

The one syntax, inline or across lines, in either script (an opening and its closing mark may differ)::

    【不予公开】业主姓名、房号和联系方式……【/不予公开】
    【不予公开：涉及个人隐私】……【/不予公开】
    【不予公開】……【/不予公開】

Each marked passage becomes the placeholder “（此处依法不予公开）”. The loader replaces the body
before anything else sees it, so the withheld text reaches no renderer, index, feed, twin or hash.
Its line breaks go too, and are kept apart (gongbao.content.removed): how many lines were withheld is withheld too,
and diagnostics of later lines still name the lines of the file.
Text that only resembles a mark is an error (``lookalikes``), never published as text.
"""
from __future__ import annotations

import re

from gongbao.content.diagnostics import Lines, Problem
from gongbao.content.removed import Removed

PLACEHOLDER = "（此处依法不予公开）"
MARK = re.compile(r"【(?P<close>/)?不予公[开開](?:[:：][^】\n]*)?】")
# Every mark starts with it: a text without one has none, known by a substring search (the regex looks at every character).
_BRACKET = "【"
SYNTAX = "【不予公开】……【/不予公开】或【不予公开：理由】……【/不予公开】（繁体【不予公開】……【/不予公開】）"


def has_marks(text: str) -> bool:
    return _BRACKET in text and bool(MARK.search(text))


def redact(body: str, earlier: Removed = ()) -> tuple[str, list[Problem], Removed]:
    """The body with every marked passage replaced, what is wrong with the marks (at lines of ``body``), and what was
    removed from it: the passages' line breaks, and ``earlier`` (what was removed before, the editors' notes: offsets in
    ``body``) at its offsets in the body returned, in the offsets' order."""
    if _BRACKET not in body:
        return body, [], earlier
    out, problems, lines, removed, length = [], [], Lines(body), [], 0  # length: of the parts in out
    passages = []  # (where it opened, where it closed, in body; the end of its placeholder in out)
    position, opened = 0, None
    for mark in MARK.finditer(body):
        if mark["close"]:
            if opened is None:
                problems.append(Problem(lines.of(mark.start()), f"{mark[0]}没有对应的【不予公开】", "在不予公开段落开头加【不予公开】，或删除多余的结束标记"))
                continue
            out.append(PLACEHOLDER)
            length += len(PLACEHOLDER)
            if breaks := body.count("\n", opened.end(), mark.start()):
                removed.append((length, breaks))
            passages.append((opened.start(), mark.end(), length))
            position, opened = mark.end(), None
        elif opened is not None:
            problems.append(Problem(lines.of(mark.start()), "不予公开段落不能嵌套", "先用【/不予公开】结束前一个段落"))
        else:
            out.append(body[position:mark.start()])
            length += mark.start() - position
            opened = mark
    if opened is not None:
        problems.append(Problem(lines.of(opened.start()), f"{opened[0]}没有结束", "在不予公开段落末尾加【/不予公开】"))
        return "", problems, ()  # never publish the rest of a body whose withheld part has no end
    out.append(body[position:])
    return "".join(out), problems, tuple(sorted(removed + _moved(earlier, passages)))


def _moved(earlier: Removed, passages: list[tuple[int, int, int]]) -> list[tuple[int, int]]:
    """``earlier`` at the offsets of the body once its passages are replaced: inside one, right after its placeholder.
    Both in order, so read side by side: each removal looked through the passages from the first (a body of 40,000
    passages, a note after each, took 37 s)."""
    moved, at, shift = [], 0, 0
    for offset, breaks in earlier:
        while at < len(passages) and passages[at][1] <= offset:  # closed before it
            shift = passages[at][2] - passages[at][1]
            at += 1
        inside = at < len(passages) and passages[at][0] < offset
        moved.append((passages[at][2] if inside else offset + shift, breaks))
    return moved
