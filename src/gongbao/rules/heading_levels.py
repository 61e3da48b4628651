"""A heading written a level or more below the heading above it (``### 一、总体要求`` under the page's title, an
interpretation's ``## 三、`` changed to ``####``) changes the page's table of contents: 本文目录 lists the second and
third levels only (gongbao.publish.render.contents), so an h4 under an h2 is left out of it, and an h3 before any h2 is
listed without the heading it should belong to; Material's sidebar nests it under the wrong heading. Its anchor does
not move (anchors come from the numbers written, gongbao.identifiers.headings), so it is a warning.

The levels are the rendered page's own: official lines written plain take theirs from the body's rendering
(headings.blocks: ranked, never skipping one), and a Markdown heading the number of its ``#``. The page's title is
the h1 above the body. A page of content/ is Markdown as written (rules.rendering): its official lines are paragraphs,
and only its ``#`` headings have levels. Only documents and interpretations have a 本文目录; other pages' headings are
listed by Material's sidebar, every level of them, a skipped one nested one level too high.
"""
from __future__ import annotations

import re

from gongbao.identifiers.chars import clipped, holds
from gongbao.identifiers.headings import Block, blocks, split_lead, written_heading
from gongbao.rules.rendering import Rendering

ID = "heading-level"
_TITLE = 1  # the page's h1, above the body
_HASHES = re.compile(r"\n(#{1,6})[ \t]")  # a Markdown heading (headings.written_heading), after a line break
_SHOWN = 30


def _may_skip(body: str) -> bool:
    """Whether the Markdown headings alone skip a level: official lines between them only ever fill a gap, and plain
    ones never skip (one scan of the body's line breaks; most bodies write no # or only ## headings)."""
    if not holds(body, "#"):
        return False  # most bodies
    above, levels = _TITLE, [len(hashes) for hashes in _HASHES.findall("\n" + body if body.startswith("#") else body)]
    if not any(level > 2 for level in levels):  # under the title's h1, an h2 skips nothing
        return False
    if "```" in body or "~~~" in body:  # a # line in code is no heading: any h3 or lower is looked at
        return True
    for level in levels:
        if level > above + 1:
            return True
        above = level
    return False


def skipped(body: str, numbered: bool = True) -> list[tuple[int, int, int, str, bool]]:
    """(line, level, the level above it, text, whether it is an official numbered heading) of each heading written
    more than one level below the heading above it. ``numbered``: the body's rendering runs first
    (rules.rendering.Rendering.numbered); else the Markdown is rendered as written, and no line is official."""
    if not _may_skip(body):
        return []
    found, above, fenced = [], _TITLE, False
    lines = body.split("\n")
    for number, (line, block) in enumerate(zip(lines, blocks(body) if numbered else map(Block, lines)), 1):
        if block.text.strip().startswith(("```", "~~~")):
            fenced = not fenced
        if block.level is not None:  # an official heading: one if its lead is short enough (body_markdown._anchored)
            level, text, official = block.level if split_lead(block.text)[0] else None, block.text, True
        elif not fenced and (written := written_heading(block.text, " \t")):
            (level, text), official = written, False
        else:
            continue
        if level is None:
            continue
        # only a level the editor wrote, with #: a plain line's is the rendering's (a 第一节 with no 第一章 is an h3)
        if level > above + 1 and line.startswith("#"):
            found.append((number, level, above, text, official))
        above = level
    return found


def problems(body: str, rendering: Rendering) -> list[tuple[int, str, str]]:
    """(line, message, hint) of each heading that skips a level, in a text rendered as ``rendering`` says."""
    found = []
    for line, level, above, text, official in skipped(body, rendering.numbered):
        if not rendering.contents:
            left_out = "页面目录和标题层次随之错乱"
        else:
            left_out = "本文目录不列出它" if above >= 2 and level > 3 else "本文目录和标题层次随之错乱"
        hint = f"改为 {'#' * (above + 1)}（比上一个标题低一级）" + ("，或删去 #，由系统按编号定级" if official else "")
        found.append((line, f"标题“{clipped(text, _SHOWN)}”是 {level} 级，上一个标题是 {above} 级，跳过了一级：{left_out}", hint))
    return found
