"""Editors' notes: HTML comments in a body are removed by the loader, before anything else reads it.

An editor writes ``<!-- 核对原件第3页 -->`` for colleagues; a browser hides it, but it would still be
in the page source, the canonical text (index.txt), the JSON twin, the print view and the search
index. Removing it in the loader keeps the habit safe: no output ever sees it. Every ``<!--…-->``
is removed, in code spans too: no gazette text shows HTML source, and a note must not survive a
disagreement between our reading of backticks and the renderer's. A removed comment leaves its
line breaks, so later diagnostics keep their lines.

What a browser would also hide but is no comment of ours is refused: an unclosed ``<!--`` (it hides
the rest of the page), ``<!-->`` and ``<!--->`` (empty comments to a browser, not to an editor), and
``<!…>`` / ``<?…>`` (declarations and processing instructions, which Markdown passes on unchanged),
and Markdown's comment idiom ``[//]: # (…)`` / ``[note]: <> (…)``: a reference definition to nothing,
hidden on the page but published in the canonical text (index.txt) and the JSON twin.
"""
from __future__ import annotations

import re

from gongbao.content.diagnostics import Lines, Problem
from gongbao.identifiers.chars import holds

_END = re.compile(r"--!?>")  # --!> ends a comment in browsers too
_EMPTY = re.compile(r"<!---?>")  # a whole (empty) comment to a browser
_HIDDEN = re.compile(r"<[!?](?!--)")
_DEFINITION_TO_NOTHING = re.compile(r"^(?:[ \t]*(?:>|[-*+]|\d+[.)]))*[ \t]*\[[^\]\n]*\]:[ \t]*(?:#|<>)(?=[ \t]|$)", re.M)
_NOTE_HINT = "编者注释写成 <!-- 注释 -->（发布时删除）；不是注释的，删除 <!--"


def strip(body: str) -> tuple[str, list[Problem]]:
    """The body without its comments, and every hidden construct that is not one.

    A loop rather than one regex: a lazy match from each of many unclosed ``<!--`` would be quadratic."""
    if not holds(body, "<"):
        return body, _definitions_to_nothing(body)
    parts, problems, lines = [], [], Lines(body)
    kept = look = 0  # body[kept:] is not yet in parts; the next comment is searched from look
    removed, empties, unclosed = 0, set(), None  # characters taken out before kept; in the copy: each empty comment, the unclosed one
    while (start := body.find("<!--", look)) >= 0:
        if empty := _EMPTY.match(body, start):
            problems.append(Problem(lines.of(start), f"{empty[0]} 在浏览器中是一个空注释，其后的文字会显示出来", _NOTE_HINT))
            empties.add(start - removed)
            look = start + 4
            continue
        end = _END.search(body, start + 4)
        if end is None:
            problems.append(Problem(lines.of(start), "HTML 注释没有正确结束（<!-- 之后应有 -->，浏览器会隐藏其后的全部内容）",
                                    _NOTE_HINT))
            unclosed = start - removed  # it and what follows were not read: reported already
            break
        breaks = body.count("\n", start, end.end())
        parts += [body[kept:start], "\n" * breaks]
        removed += end.end() - start - breaks
        kept = look = end.end()
    stripped = "".join(parts) + body[kept:]
    at = Lines(stripped)  # a removed comment kept its line breaks: lines of the copy are lines of the body
    # Every comment of the body is gone: a "<!--" of the copy was made by joining the text around one (<!<!-- x -->--…),
    # a comment the page would hide and index.txt and the JSON twin publish; removing again would publish what the
    # editor wrote in neither as a note nor as text.
    if holds(stripped, "<!--"):
        problems += [Problem(at.of(found.start()), "删去注释后，其前后的文字拼成了新的 HTML 注释（<!--），"
                             "网页上隐藏、却会随规范文本（index.txt）和 JSON 发布", _NOTE_HINT)
                     for found in re.compile("<!--").finditer(stripped, 0, len(stripped) if unclosed is None else unclosed)
                     if found.start() not in empties]
    for found in _HIDDEN.finditer(stripped):
        problems.append(Problem(at.of(found.start()), f"{found[0]} 开头的写法会被浏览器当作隐藏内容",
                                "编者注释写成 <!-- 注释 -->（发布时删除）；正文中的尖括号写成全角〈〉或书名号《》"))
    return stripped, problems + _definitions_to_nothing(stripped)


def _definitions_to_nothing(text: str) -> list[Problem]:
    if not holds(text, "]:"):
        return []
    at = Lines(text)
    return [Problem(at.of(found.start()), f"{found[0].strip()} 是 Markdown 的“注释”写法：网页上不显示，却会随规范文本（index.txt）和 JSON 发布",
                    _NOTE_HINT) for found in _DEFINITION_TO_NOTHING.finditer(text)]
