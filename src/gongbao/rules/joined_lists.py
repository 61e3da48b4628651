"""A list written right under a paragraph, without a blank line, is published as part of that paragraph.

Python-Markdown (unlike CommonMark) lets no list interrupt a paragraph: ``主要任务如下：`` then ``- 第一项`` on the next
line renders as one <p> with "- 第一项" run into its text, in a block quote (``> …``, the lazy ``- …`` after it) and in
a list item's paragraph too. ``1)`` is no list marker there: lines numbered so are the paragraph's text wherever they
stand, and under a paragraph's line are run into it as a list is, so they are told too (a body's pasted lines, which
its rendering sets apart, excepted). A line that the body's rendering makes a heading or an anchored paragraph of its own
(一、 第三条 and 1. ……: gongbao.identifiers.headings) stands apart whatever follows, so official numbered lines are
never told. Nor are lines in fenced code, tables and raw HTML, and a marker line after a heading, a list item or the
lines of a list item.

Told from the source, not from the rendered page: a check renders nothing (a per-file rule costs microseconds, Python-
Markdown milliseconds a body), and the rules may not use the publish layer's Markdown of a body. So this predicts how
the renderer reads the source — a hint, not a guarantee, hence a warning; tests/test_rules_joined_lists.py holds the
prediction to the project's renderer case by case. Withheld passages and editors' notes are already out of the body
the rules see, as they are of the body rendered. A page of content/ is Markdown as written (rules.rendering): there an
official line is a paragraph like any other, and 1. a list item.
"""
from __future__ import annotations

import re

from gongbao.identifiers.chars import clipped, holds_any
from gongbao.identifiers.headings import BLOCK_SYNTAX, classify
from gongbao.rules.rendering import Rendering

ID = "list-after-paragraph"
# A line that starts with a bullet or a block quote, or a number no heading takes (1. to 999. are official headings
# outside quotes): the rare body that has one after a line that is not blank is read line by line. The line break
# first, then a look at one character: re finds a literal by a fast scan, and most lines fail the look (4 µs a body of
# the generated archive, where a class before the line break, tried at every character, took 20).
_SUSPECT = re.compile(r"\n(?=[ \t>*+\d-])[ \t]*(?:>|[-*+][ \t]|\d{4,9}\.[ \t]|\d{1,9}\)[ \t])")
_SUSPECT_AS_WRITTEN = re.compile(r"\n(?=[ \t>*+\d-])[ \t]*(?:>|[-*+][ \t]|\d{1,9}[.)][ \t])")  # where 1. is no heading
_MARKS = ">*+-.)"  # one of them is in every match of either: most bodies have none (chars.holds_any)
_ITEM = re.compile(r"[ \t]*(?:[-*+]|\d{1,9}\.)[ \t]+\S")
# 1): no list marker for Python-Markdown (nor a heading), so a paragraph's text wherever it stands: under a paragraph's
# line, it and the lines like it are run into that paragraph as a list would be
_PAREN = re.compile(r"[ \t]*(\d{1,9})\)[ \t]+\S")
_RULE = re.compile(r"[ \t]*([-*_])(?:[ \t]*\1){2,}[ \t]*$")  # "- - -": a horizontal rule, no item
_UNDERLINE = re.compile(r"[=-]+ *$")  # under a paragraph's first line: a heading of it (setext), no paragraph after
_SHOWN = 30


def _quoted(line: str) -> tuple[int, str]:
    """How many block quotes a line is in, and its text inside them."""
    depth, rest = 0, line
    while (inner := rest.lstrip(" ")).startswith(">"):
        depth, rest = depth + 1, inner[2:] if inner[1:2] == " " else inner[1:]
    return depth, rest


def joined(body: str, numbered: bool = True) -> list[tuple[int, str, int]]:
    """(line, text, block-quote depth) of the first list item, or line numbered 1), of each paragraph it would be run
    into. ``numbered``: the body's rendering
    runs first (rules.rendering.Rendering.numbered); else the Markdown is rendered as written."""
    suspect = _SUSPECT if numbered else _SUSPECT_AS_WRITTEN
    if not holds_any(body, _MARKS) or not any(body[body.rfind("\n", 0, m.start()) + 1:m.start()].strip()
                                              for m in suspect.finditer(body)):
        return []
    found = []
    fenced = plain_before = told = in_list = False
    paragraph = None  # the block-quote depth of the paragraph the next lines continue; None: none is open
    opened = 0  # the line that paragraph began at
    starts = True  # the line starts a block: after a blank line or a line that stands apart
    first = numbered  # the body's first text: the body's rendering strips the body, its indentation too
    for number, line in enumerate(body.split("\n"), 1):
        text = line.strip()
        if text.startswith(("```", "~~~")):
            fenced = not fenced
        depth, rest = _quoted(line)
        if fenced or text.startswith(("```", "~~~")) or not rest.strip() or rest.startswith("#") or (
                numbered and depth == 0 and classify(text) is not None):
            paragraph, starts, plain_before, told = None, True, False, False
            continue
        # pasted text: the body's rendering puts a blank line between two such lines in a row
        plain = numbered and depth == 0 and BLOCK_SYNTAX.match(line) is None
        if (plain and plain_before) or (paragraph is not None and depth > paragraph):
            paragraph, starts, told = None, True, False  # a blank line put between, or a block quote begun
        plain_before = plain
        if _RULE.match(rest) or (paragraph == depth and opened == number - 1 and _UNDERLINE.match(rest)):
            # a rule, or the underline making the line above a heading (主要任务 then ---): the paragraph ends there, and
            # a list right under it is a list of its own
            paragraph, starts, told = None, True, False
            continue
        if _ITEM.match(rest) or (paragraph is not None and _PAREN.match(rest)):
            if paragraph is not None and not told:
                found.append((number, text, depth))
                told = True
            elif paragraph is None:
                in_list, starts = True, False
            continue
        if starts:
            indented = not first and len(rest.expandtabs(4)) - len(rest.expandtabs(4).lstrip()) >= 4
            if rest.lstrip().startswith(("|", "<")) or (indented and not in_list):
                paragraph = None  # a table, raw HTML or code: no paragraph
            else:
                paragraph, in_list, opened = depth, in_list and indented, number  # indented: a list item's paragraph
            starts = False
        first = False
    return found


def problems(body: str, rendering: Rendering) -> list[tuple[int, str, str]]:
    """(line, message, hint) of each list, or line numbered 1), run into a paragraph, in a text rendered as
    ``rendering`` says."""
    found = []
    for line, text, depth in joined(body, rendering.numbered):
        shown = clipped(text, _SHOWN)
        if paren := _PAREN.match(text):
            message = f"“{shown}”的“{paren[1]})”不是本站 Markdown 的列表编号：网页会把这一行和下面这样的各行并进上一段，显示成一段文字"
            # in a body a line of pasted text is a paragraph of its own, and a line 1. not in a quote an official heading
            hint = ("在这一行前空一行" if rendering.numbered and depth == 0 else
                    f"改为“{paren[1]}.”开头的列表，并在列表前空一行")
        else:
            message = f"列表紧接在上一段下面、中间没有空行：网页会把“{shown}”等列表项并进那一段，显示成一段文字"
            hint = "在列表前空一行"
        found.append((line, message, hint))
    return found
