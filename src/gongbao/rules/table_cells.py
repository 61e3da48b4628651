"""A table row with more cells than its header publishes the cells past the header's where the page shows nothing.

Python-Markdown's tables build each row with as many cells as the separator row (|---|---|) has, and drop the rest:
``| 1 | 甲 | 核对原件 |`` under a header of two columns shows ``1`` and ``甲``, while the canonical text (index.txt) and the
JSON twin publish ``核对原件`` too. An error, as a note written so would be (gongbao.content.notes): what the page does
not show is not published either.

A table is found as the renderer finds one, by its own test and its own splitting of a row into cells (escaped
``\\|`` and ``|`` in code spans), in each block of the body (lines between blank lines, an official heading or numbered
line a block of its own, as the body's rendering sets it apart) and of its block quotes; one in a list item or indented
as code is not looked at.
"""
from __future__ import annotations

import functools
import re

import markdown

from gongbao.content.diagnostics import Diagnostic
from gongbao.identifiers.chars import clipped, holds
from gongbao.identifiers.headings import classify

ID = "table-cells"
_SHOWN = 20
_QUOTE = re.compile(r"^(?:[ ]{0,3}>[ ]?)+")


@functools.cache
def _tables():
    """Python-Markdown's own table processor: its test of a block, and its splitting of a row (which needs that test's
    reading of the header's outer pipes)."""
    return markdown.Markdown(extensions=["tables"]).parser.blockprocessors["table"]


def dropped(body: str) -> list[tuple[int, str, int]]:
    """(line, the cells past the header's, how many the header has) of each row the renderer cuts short."""
    if not holds(body, "|") or not holds(body, "-"):
        return []
    found, block, first = [], [], 1
    for number, line in enumerate([*body.split("\n"), ""], 1):
        quoted = line.lstrip(" ").startswith(">")
        text = _QUOTE.sub("", line) if quoted else line
        # an official heading or numbered line is a block of its own on the page (the body's rendering sets it apart)
        if text.strip(" \t") and (quoted or classify(text.strip()) is None):
            if not block:
                first = number
            block.append(text)
            continue
        if len(block) > 2 and not block[0].startswith(("    ", "\t")) and not block[0].lstrip().startswith(("-", "*", "+")):
            found += _cut(block, first)
        block = []
    return found


def _cut(block: list[str], first: int) -> list[tuple[int, str, int]]:
    tables = _tables()
    if not tables.test(None, "\n".join(block)):
        return []
    width = len(tables.separator)
    out = []
    for offset, row in enumerate(block[2:], 2):
        cells = tables._split_row(row.strip(" "))  # noqa: SLF001 — the renderer's own reading of a row
        extra = [c.strip() for c in cells[width:]]
        if any(extra):  # empty cells past the header's (| 1 | 甲 | |) hide nothing
            out.append((first + offset, " | ".join(extra), width))
    return out


def in_file(item, settings):  # noqa: ARG001 — one signature for every rule of rules.FILE_RULES
    """The problems of one issue, document or interpretation (rules.per_file)."""
    src = item.source
    for line, extra, width in dropped(src.body):
        yield Diagnostic(src.path, src.file_line(line),
                         f"表格这一行的格数多于表头的 {width} 格：多出的“{clipped(extra, _SHOWN)}”网页上不显示，"
                         "却会随规范文本（index.txt）和 JSON 发布",
                         "给表头和分隔行补上这几列，或删去多出的格（行末的 | 之后不要再写文字）", rule=ID)
