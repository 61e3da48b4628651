"""A table row with more cells than its header publishes the cells past the header's where the page shows nothing.

Python-Markdown's tables build each row with as many cells as the separator row (|---|---|) has, and drop the rest:
``| 1 | 甲 | 核对原件 |`` under a header of two columns shows ``1`` and ``甲``, while the canonical text (index.txt) and the
JSON twin publish ``核对原件`` too. An error, as a note written so would be (gongbao.content.notes): what the page does
not show is not published either.

A table is found where the renderer finds one, by the renderer itself: the text as its page renders it (rules.rendering:
a body through the body's rendering, a page of content/ as written) is read by Python-Markdown's block parser with the
site's block extensions (tables, md_in_html), whose table processor notes each row it cuts short. So a table in a list
item, a block quote, a ``<div markdown="1">`` is one, a table indented as code or with a pasted line after it (the body's
rendering makes that line a paragraph) is not, as on the page. So is an autolink a row splits at a ``|`` in it (``split_links``): tables split a row at every pipe
not escaped or in code, an autolink's too, so ``| 甲 | <https://a.cn/|b> |`` shows "<https://a.cn/" and "b>" (no link), and
in a header makes the block no table at all, a paragraph of pipes, while the rules read a link.
"""
from __future__ import annotations

import functools
import re

import markdown
from markdown.inlinepatterns import AUTOLINK_RE

from gongbao.content import body_markdown
from gongbao.content.diagnostics import Diagnostic
from gongbao.content.model import Issue
from gongbao.identifiers.chars import clipped, holds, quoted
from gongbao.rules import nesting
from gongbao.rules.rendering import BODY, Rendering

ID = "table-cells"
_SHOWN = 20
_CONTAINERS = re.compile(r"^[\s>]*")  # what a quote or an item's indentation sets before a row
_AUTOLINK = re.compile(AUTOLINK_RE)  # Markdown's autolink (as html_safety.autolinks reads it), which tables split at a |


@functools.cache
def _parser() -> tuple[markdown.Markdown, list[tuple[str, str, int]], list[str]]:
    """A Markdown of the site's block extensions (mkdocs.yml; attr_list and toc change no block) whose table processor
    notes (the row as it reads it, the cells past the header's, how many the header has) of each row it cuts short,
    each autolink a row of a table as written (a block whose second line is a separator row) splits at a | in it, and
    the text of each cell it makes."""
    md = markdown.Markdown(extensions=["md_in_html", "tables"])
    tables, cut, split, texts = md.parser.blockprocessors["table"], [], [], []
    build, test = tables.run, tables.test

    def tested(parent, block):
        rows = block.split("\n")
        if len(rows) > 1 and nesting.SEPARATOR.fullmatch(rows[1]):  # a table, or one its header's cells keep from being one
            for row in (row for row in rows if "<" in row):  # an autolink's: most rows have none to split
                ends = cell_ends(row.strip(" "))[:-1]
                split.extend(link[0] for link in _AUTOLINK.finditer(row.strip(" "))
                             if any(link.start() < end < link.end() - 1 for end in ends))
        return test(parent, block)
    tables.test = tested

    def run(parent, blocks):
        width = len(tables.separator)  # set by its test of this block
        for row in blocks[0].split("\n")[2:]:
            if tables.border and _most_cells(row.strip(" ")) <= width:
                continue  # no cell past the header's (most rows): not split twice
            extra = [c.strip() for c in tables._split_row(row.strip(" "))[width:]]  # noqa: SLF001 — its own reading
            if any(extra):  # empty cells past the header's (| 1 | 甲 | |) hide nothing
                cut.append((row, " | ".join(extra), width))
        build(parent, blocks)
        texts.extend(cell.text or "" for row in parent[-1].iter("tr") for cell in row)  # the table it appended
    tables.run = run
    return md, cut, split, texts


def _most_cells(row: str) -> int:
    """The most cells the tables split ``row`` of a table with borders into: one more than its pipes, less a leading
    one and a trailing one, which they drop as borders or, escaped, keep in the cell's text (a row of a pipe: one). An
    upper bound of the row as the tables read it (spaces stripped, tabs kept: "| 甲 |\t" has two cells), which
    nesting._cells, a budget's count that strips containers and tabs, is not."""
    return row.count("|") + 1 - row.startswith("|") - (len(row) > 1 and row.endswith("|"))


def dropped(body: str, rendering: Rendering = BODY) -> list[tuple[int, str, int]]:
    """(line, the cells past the header's, how many the header has) of each row the page of ``body``, rendered as
    ``rendering`` says, cuts short."""
    if not _parsable(body) or _none_cut(body):
        return []
    cut = _parsed(body, rendering)[0]
    if not cut:
        return []
    # each row at its line: the rows come in the order of the text, each a line of it without its containers' marks
    bare = [" ".join(_CONTAINERS.sub("", line).split()) for line in body.split("\n")]
    found, at = [], 0
    for row, extra, width in cut:
        want = " ".join(row.split())
        at = next((n for n in range(at, len(bare)) if bare[n] == want), at)
        found.append((at + 1, extra, width))
        at += 1
    return found


def _none_cut(body: str) -> bool:
    """Whether no row of ``body``'s tables can have more cells than its header, known without parsing it (most tables,
    whose rows are as wide as their separator row; parsing a real-shape body with one was 1 ms): no raw HTML, every
    line with a pipe begins with one (a table's row at the top level, or indented in an item, with borders: its
    header has one), and none may split into more cells (``_most_cells``) than the narrowest separator row has (which,
    holding no escape or code, splits into exactly as many). A line the rendering anchors or gives a role holds no pipe."""
    if holds(body, "<"):
        return False
    rows = [line.strip(" ") for line in body.split("\n") if "|" in line]
    if not all(row.startswith("|") for row in rows):
        return False
    widths = [_most_cells(row) for row in rows if nesting.SEPARATOR.fullmatch(row)]
    return bool(widths) and max(map(_most_cells, rows)) <= min(widths)


def _parsable(body: str) -> bool:
    """Whether ``body`` has a table to parse, and may be parsed: one whose rows the tables would split for seconds
    (nesting.code_pipes), whose cells would fill the memory (nesting.table_size) or that is nested past Python's recursion
    (nesting.too_deep) is refused there, and not parsed."""
    return (holds(body, "|") and nesting.SEPARATOR.search(body) is not None and not nesting.code_pipes(body)
            and not nesting.table_size(body) and not nesting.too_deep(body))


@functools.lru_cache(maxsize=1)  # dropped, then split_links, of one text: parsed once
def _parsed(body: str, rendering: Rendering) -> tuple[tuple, tuple[str, ...], tuple[str, ...]]:
    """What ``_parser`` notes of ``body`` rendered as ``rendering`` says (``_parsable`` tells when to read it)."""
    md, cut, split, texts = _parser()
    cut.clear()
    split.clear()
    texts.clear()
    md.reset()
    lines = (body_markdown.markdown(body) if rendering.numbered else body).split("\n")
    for step in md.preprocessors:  # the lines around the tables alone: the HTML preprocessor reads what it is given
        lines = step.run(lines if holds(body, "<") or step is not md.preprocessors[0] else _around_tables(lines))
    md.parser.parseDocument(lines)
    return tuple(cut), tuple(split), tuple(texts)


def split_links(body: str, rendering: Rendering = BODY) -> list[tuple[int, str]]:
    """(line, autolink as written) of each autolink a table's row of ``body`` splits at a | in it: <https://a.cn/|b>
    in a row shows "<https://a.cn/" and "b>", no link; in the header, the block is no table (more cells than the
    separator row), its rows a paragraph of pipes."""
    if not holds(body, "<") or not _parsable(body):
        return []
    lines, found, taken = body.split("\n"), [], set()
    for link in dict.fromkeys(_parsed(body, rendering)[1]):  # a row in a list item is tested in it and out of it
        for number, line in enumerate(lines, 1):
            if link in line and (number, link) not in taken:
                taken.add((number, link))
                found.append((number, link))
    return sorted(found)


# Private-use characters, one to mark each brace ``cell_starts`` asks about (the site's texts hold none: else none is asked)
_MARKS = re.compile("[\ue000-\uf8ff]")
_FIRST_MARK = 0xE000


def cell_starts(body: str, rendering: Rendering, braces: list[tuple[int, int]]) -> set[tuple[int, int]]:
    """Of ``braces`` ((line, column), 0-based, each a "{" of ``body``), those that begin a cell's text in the page's
    tables (``rendering`` as in ``dropped``): attr_list reads a cell's list only after a space in its text, and the
    tables strip a cell's spaces, so a list there is shown as the cell's text; so is one on a line of its own under a
    table's rows, which the tables make a row (| 1 | 2 |, then {: .y }: a cell "{: .y }"). Found by the parser itself:
    each brace is marked with a character of its own, the text parsed, and the marks that begin a cell read. None where
    the parser is not run (``_parsable``), for braces past the marks there are, or where the text holds a mark."""
    if not braces or len(braces) > 0xF8FF - _FIRST_MARK or not _parsable(body) or _MARKS.search(body):
        return set()
    lines = body.split("\n")
    for mark, (number, column) in enumerate(braces, _FIRST_MARK):
        line = lines[number]
        lines[number] = line[:column] + chr(mark) + line[column + 1:]
    texts = _parsed("\n".join(lines), rendering)[2]
    first = {ord(text[0]) - _FIRST_MARK for text in texts if text and _MARKS.match(text)}
    return {brace for mark, brace in enumerate(braces) if mark in first}


def cell_ends(row: str) -> list[int]:
    """Where the cells of ``row`` end, as Python-Markdown's tables split it (its own reading: no pipe escaped with \\
    or in code ends one), the last at the row's end. Slow on a row of many code spans and pipes: nesting.code_pipes."""
    ends, at = [], -1
    for cell in _parser()[0].parser.blockprocessors["table"]._split(row):  # noqa: SLF001 — consecutive, one | apart
        ends.append(at := at + 1 + len(cell))
    return ends


# A block (what the parser splits the text into at blank lines) that starts so is parsed alike whatever came before
# it: no list item or quote the block before may go on in, no indented code or list text, no empty line (the block
# processors that look at the block before look at those alone). Chinese text, a heading: most of a body's blocks.
_ON_ITS_OWN = re.compile(r"[^\x00-\x7f]|#")


def _around_tables(lines: list[str]) -> list[str]:
    """The lines from the last block before the first table's that is parsed on its own (_ON_ITS_OWN) to the end of
    the last block with a separator row: what the parser makes of the rows in between is what it makes of them in the
    whole text (nothing after a block changes it), and a body's table is mostly near its end, after hundreds of
    blocks that took 2.6 ms a real-shape body to read. Taken before the preprocessors, whose blank lines are these and
    more (a line of spaces becomes one): the blocks split here are theirs or joins of theirs, starting alike. Not for a
    text with raw HTML, whose block may span blank lines (md_in_html)."""
    blocks = "\n".join(lines).split("\n\n")
    tables = [n for n, block in enumerate(blocks) if nesting.SEPARATOR.search(block)]
    if not tables:
        return []
    start = next((n for n in range(tables[0], -1, -1) if _ON_ITS_OWN.match(blocks[n])), 0)
    return "\n\n".join(blocks[start:tables[-1] + 1]).split("\n")


def problems(body: str, rendering: Rendering) -> list[tuple[int, str, str]]:
    """(line, message, hint) of each row the page of ``body`` cuts short, and of each autolink a row splits."""
    return [(line, f"表格这一行的格数多于表头的 {width} 格：多出的“{clipped(extra, _SHOWN)}”网页上不显示，"
                   "却会随规范文本（index.txt）和 JSON 发布",
             "给表头和分隔行补上这几列，或删去多出的格（行末的 | 之后不要再写文字）")
            for line, extra, width in dropped(body, rendering)] + [
        (line, f"表格这一行的自动链接 {quoted(clipped(link, 60))} 中有竖线 |：表格在这里分格，表格的行中它不是链接，"
               "网页上只显示被拆开的文字；在表头中，整个表格显示为一段竖线和文字",
         f"把网址中的 | 写成 \\| 或 %7C，如 {clipped(link.replace('|', chr(92) + '|'), 60)}")
        for line, link in split_links(body, rendering)]


def in_file(item, settings):  # noqa: ARG001 — one signature for every rule of rules.FILE_RULES
    """The problems of one document or interpretation (rules.per_file); an issue's note is no Markdown."""
    if isinstance(item, Issue):
        return
    src = item.source
    for line, message, hint in problems(src.body, BODY):
        yield Diagnostic(src.path, src.file_line(line), message, hint, rule=ID)
