"""Partial disclosure (部分公开): passages an editor marks as withheld never leave the loader.

The one syntax, inline or across lines, in either script (an opening and its closing mark may differ)::

    【不予公开】业主姓名、房号和联系方式……【/不予公开】
    【不予公开：涉及个人隐私】……【/不予公开】
    【不予公開】……【/不予公開】

Each marked passage becomes the placeholder “（此处依法不予公开）”. The loader replaces the body
before anything else sees it, so the withheld text reaches no renderer, index, feed, twin or hash.
Its line breaks go too: kept, the canonical text (index.txt, the JSON twin) showed how many lines were withheld (how
many names, one a line), and a passage of two lines or more inside a paragraph split it on the page. What each
passage took out (``Withheld``) maps a line of the body back to the line of the file, so diagnostics of later lines
still name the right line, and gives back the body as it was published before (``aligned``), to verify the hashes
recorded then (canonical text version 3 and before, gongbao.content.integrity).
Text that only resembles a mark is an error (``lookalikes``), never published as text.
"""
from __future__ import annotations

import bisect
import re

from gongbao.content.diagnostics import Lines, Problem

PLACEHOLDER = "（此处依法不予公开）"
MARK = re.compile(r"【(?P<close>/)?不予公[开開](?:[:：][^】\n]*)?】")
# Every mark starts with it: a text without one has none, known by a substring search (the regex looks at every character).
_BRACKET = "【"
SYNTAX = "【不予公开】……【/不予公开】或【不予公开：理由】……【/不予公开】（繁体【不予公開】……【/不予公開】）"


def has_marks(text: str) -> bool:
    return _BRACKET in text and bool(MARK.search(text))


# Of each passage that held line breaks: (the offset in the body right after its placeholder, the breaks it held).
Withheld = tuple[tuple[int, int], ...]


def redact(body: str) -> tuple[str, list[Problem], Withheld]:
    """The body with every marked passage replaced, what is wrong with the marks (at lines of ``body``), and the
    line breaks the passages took out."""
    if _BRACKET not in body:
        return body, [], ()
    out, problems, lines, withheld, length = [], [], Lines(body), [], 0  # length: of the parts in out
    position, opened = 0, None
    for mark in MARK.finditer(body):
        if mark["close"]:
            if opened is None:
                problems.append(Problem(lines.of(mark.start()), f"{mark[0]}没有对应的【不予公开】", "在不予公开段落开头加【不予公开】，或删除多余的结束标记"))
                continue
            out.append(PLACEHOLDER)
            length += len(PLACEHOLDER)
            if breaks := body.count("\n", opened.end(), mark.start()):
                withheld.append((length, breaks))
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
    return "".join(out), problems, tuple(withheld)


def source_line(body: str, withheld: Withheld, line: int) -> int:
    """The line of the body as written of ``line`` (1-based) of the redacted ``body``: a line at or before a
    placeholder is where its passage began."""
    if not withheld:
        return line
    placed, total = [], 0  # the line of each placeholder, and the breaks taken out up to it
    for offset, breaks in withheld:
        total += breaks
        placed.append((body.count("\n", 0, offset) + 1, total))
    before = bisect.bisect_left(placed, (line, 0))  # the placeholders on lines before ``line``
    return line + (placed[before - 1][1] if before else 0)


def aligned(body: str, withheld: Withheld) -> str:
    """The redacted ``body`` with each passage's line breaks after its placeholder, as redaction kept them before
    canonical text version 4: the body whose hash version 3 and before recorded."""
    if not withheld:
        return body
    parts, position = [], 0
    for offset, breaks in withheld:
        parts += [body[position:offset], "\n" * breaks]
        position = offset
    return "".join(parts) + body[position:]
