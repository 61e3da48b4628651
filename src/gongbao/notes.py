"""Editors' notes: HTML comments in a body are removed by the loader, before anything else reads it.

An editor writes ``<!-- 核对原件第3页 -->`` for colleagues; a browser hides it, but it would still be
in the page source, the canonical text (index.txt), the JSON twin, the print view and the search
index. Removing it in the loader keeps the habit safe: no output ever sees it. Every ``<!--…-->``
is removed, in code spans too: no gazette text shows HTML source, and a note must not survive a
disagreement between our reading of backticks and the renderer's. A removed comment leaves its
line breaks, so later diagnostics keep their lines.

What a browser would also hide but is no comment of ours is refused: an unclosed ``<!--`` (it hides
the rest of the page), ``<!-->`` and ``<!--->`` (empty comments to a browser, not to an editor), and
``<!…>`` / ``<?…>`` (declarations and processing instructions, which Markdown passes on unchanged).
"""
from __future__ import annotations

import re

from .diagnostics import Lines, Problem

_COMMENT = re.compile(r"<!--(?!-?>).*?--!?>", re.S)  # --!> ends a comment in browsers too
_HIDDEN = re.compile(r"<[!?]")


def strip(body: str) -> tuple[str, list[Problem]]:
    """The body without its comments, and every hidden construct that is not one."""
    if "<" not in body:
        return body, []
    stripped = _COMMENT.sub(lambda m: "\n" * m[0].count("\n"), body)
    problems, lines = [], Lines(stripped)
    for found in _HIDDEN.finditer(stripped):
        line = lines.of(found.start())
        if stripped.startswith("<!--", found.start()):
            problems.append(Problem(line, "HTML 注释没有正确结束（<!-- 之后应有 -->，浏览器会隐藏其后的全部内容）",
                                    "编者注释写成 <!-- 注释 -->（发布时删除）；不是注释的，删除 <!--"))
        else:
            problems.append(Problem(line, f"{stripped[found.start():found.start() + 2]} 开头的写法会被浏览器当作隐藏内容",
                                    "编者注释写成 <!-- 注释 -->（发布时删除）；正文中的尖括号写成全角〈〉或书名号《》"))
    return stripped, problems
