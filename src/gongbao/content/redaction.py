"""Partial disclosure (部分公开): passages an editor marks as withheld never leave the loader.

The one syntax, inline or across lines, in either script (an opening and its closing mark may differ)::

    【不予公开】业主姓名、房号和联系方式……【/不予公开】
    【不予公开：涉及个人隐私】……【/不予公开】
    【不予公開】……【/不予公開】

Each marked passage becomes the placeholder “（此处依法不予公开）”. The loader replaces the body
before anything else sees it, so the withheld text reaches no renderer, index, feed, twin or hash.
Line breaks inside a passage are kept, so diagnostics of later lines still name the right line.
Text that only resembles a mark is an error (``lookalikes``), never published as text.
"""
from __future__ import annotations

import re

from gongbao.content.diagnostics import Lines, Problem

PLACEHOLDER = "（此处依法不予公开）"
MARK = re.compile(r"【(?P<close>/)?不予公[开開](?:[:：][^】\n]*)?】")
# Every mark starts with it: a text without one has none, known by a substring search (the regex looks at every character).
_BRACKET = "【"
SYNTAX = "【不予公开】……【/不予公开】或【不予公开：理由】……【/不予公开】（繁体【不予公開】……【/不予公開】）"


def has_marks(text: str) -> bool:
    return _BRACKET in text and bool(MARK.search(text))


def redact(body: str) -> tuple[str, list[Problem]]:
    """The body with every marked passage replaced, and what is wrong with the marks."""
    if _BRACKET not in body:
        return body, []
    out, problems, lines = [], [], Lines(body)
    position, opened = 0, None
    for mark in MARK.finditer(body):
        if mark["close"]:
            if opened is None:
                problems.append(Problem(lines.of(mark.start()), f"{mark[0]}没有对应的【不予公开】", "在不予公开段落开头加【不予公开】，或删除多余的结束标记"))
                continue
            withheld = body[opened.end():mark.start()]
            out.append(PLACEHOLDER + "\n" * withheld.count("\n"))
            position, opened = mark.end(), None
        elif opened is not None:
            problems.append(Problem(lines.of(mark.start()), "不予公开段落不能嵌套", "先用【/不予公开】结束前一个段落"))
        else:
            out.append(body[position:mark.start()])
            opened = mark
    if opened is not None:
        problems.append(Problem(lines.of(opened.start()), f"{opened[0]}没有结束", "在不予公开段落末尾加【/不予公开】"))
        return "", problems  # never publish the rest of a body whose withheld part has no end
    out.append(body[position:])
    return "".join(out), problems
