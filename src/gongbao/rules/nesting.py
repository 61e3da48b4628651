"""Markdown nested deeper than any gazette needs is refused before Python-Markdown parses it by recursion:
``- - - …`` 800 times on one line, or a list indented 500 levels deep, ended the build in a RecursionError
instead of a diagnostic. A gazette nests lists and block quotes a few levels; the limits are far above that.

So is Markdown that Python-Markdown reads again and again (``renderer_cost``): it looks for the ``]`` of each ``[``
and the ``)`` of each ``](`` up to the end of the paragraph, so 8,000 ``[`` in an 8 KB paragraph took 15 s to render
and the 2 MB a body may have, hours of one build. What it would read is counted, in one pass, and a body past about
a second of it is refused. (It reads on to the text's end for the ``>`` of each tag begun after the last one too:
rules.html_safety refuses any such unfinished tag.)

And so is Markdown whose page would be far larger than its text (``table_size``, ``reference_size``): a few hundred KB
made pages of gigabytes, and the check or the build ran out of memory, where the processor-time bound
(gongbao.content.watchdog) came too late."""
from __future__ import annotations

import re
from html import escape
from html.parser import HTMLParser

from gongbao.content import body_markdown, notes
from gongbao.content.diagnostics import Diagnostic
from gongbao.content.model import Issue
from gongbao.identifiers.chars import ascii_of, holds
from gongbao.rules.rendering import BODY, HANDWRITTEN, Rendering

ID = "nesting"
MAX_MARKERS = 32    # list items and block quotes opened at the start of one line: "- > 1. …"
MAX_INDENT = 128    # columns of indentation (a tab is 4): a list nested 64 levels at 2 spaces each
_MARKER = re.compile(r"[ \t]*(?:[-*+]|\d{1,9}[.)]|>)(?=[ \t]|$)[ \t]*")
# A line over either limit starts with MAX_MARKERS + 1 markers (each atomic: the loop's own matches, and
# no backtracking on a hostile line), or with more spaces than MAX_INDENT / 4 (a character is at most a
# tab, 4 columns; lstrip takes any Unicode space). The exact count runs only where one is found: rarely.
# The first line by match, the others after a literal newline: re finds that character by a fast scan, where
# ``^`` with re.M tried every position (2.3 times the time over real bodies). re.M still for the markers' ``$``.
_SUSPECT = rf"(?>{_MARKER.pattern}){{{MAX_MARKERS + 1}}}|[^\S\n]{{{MAX_INDENT // 4 + 1}}}"
# After a newline, a look at the next character first: either way starts with a space, a tab, a marker or a digit, and
# a line of text (most) fails that one look instead of setting up the repeat (half the search's time).
_SUSPECT_FIRST, _SUSPECT_NEXT = re.compile(_SUSPECT, re.M), re.compile(rf"\n(?=[^\S\n]|[-*+>\d])(?:{_SUSPECT})", re.M)
_HINT = "列表和引用只嵌套几层即可；删去多余的 -、1.、> 或缩进"


def problems(text: str, rendering: Rendering = HANDWRITTEN) -> list[tuple[int, str, str]]:
    """Lines nested too deep, and Markdown the renderer would read over and over (``renderer_cost``, ``inline_cost``,
    ``code_pipes``, ``block_count``), of a text its page renders as ``rendering`` says."""
    return (_depth(text) + _html_depth(text) + renderer_cost(text) + inline_cost(text) + code_pipes(text)
            + block_count(text, rendering) + table_size(text) + reference_size(text))


def too_deep(text: str) -> bool:
    """Whether Python-Markdown would parse ``text`` by recursion past Python's limit (``_depth``, ``_html_depth``): the
    rules that render a text to read it leave such a one to this rule's diagnostic (a RecursionError was check's)."""
    return bool(_depth(text) or _html_depth(text))


def refused(text: str, rendering: Rendering = HANDWRITTEN) -> bool:
    """Whether this rule refuses ``text`` (``problems``): the rules that render a text to read it leave such a one to
    its diagnostic, as the build renders none. Rendered, it took Python's recursion, minutes or gigabytes: a text of
    references ``reference_size`` refuses holding one link whose text shows a dot made link_text's rendering 10 GB."""
    return bool(problems(text, rendering))


def _depth(text: str) -> list[tuple[int, str, str]]:
    found = []
    if not (_SUSPECT_FIRST.match(text) or _SUSPECT_NEXT.search(text)):
        return found
    for number, line in enumerate(text.split("\n"), 1):
        indent = len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip())
        markers, position = 0, 0
        while markers <= MAX_MARKERS and (match := _MARKER.match(line, position)) and match.end() > position:
            markers, position = markers + 1, match.end()
        if markers > MAX_MARKERS or indent > MAX_INDENT:
            found.append((number, f"列表或引用嵌套过深（一行开头有 {markers} 层，缩进 {indent} 格；上限 {MAX_MARKERS} 层、{MAX_INDENT} 格）", _HINT))
    return found


def fed(parser: HTMLParser, text: str) -> None:
    """``text`` fed to ``parser``, which is closed, or as far as the standard library's tokenizer could read it: its
    scanner of ``<!`` declarations raises AssertionError on markup a browser reads as a bogus comment (``<![ x``),
    a traceback out of check until this. The rules that read tags all feed through here.

    Only up to the last ``>``: after it no tag can end, so the rules' start-tag handlers have nothing there to hear,
    and the tokenizer tries each unfinished tag again to the end of the text, quadratic (60,000 ``<a `` in a body
    2 MB allows were minutes of one check)."""
    try:
        parser.feed(text[:text.rfind(">") + 1])
        parser.close()
    except AssertionError:
        pass


class _MarkdownBlocks(HTMLParser):
    """The deepest nesting of HTML blocks whose content is Markdown (``markdown="1"``: md_in_html), read as md_in_html
    reads them (an HTML parser: a closing tag in a code span closes too), and the line where it is first past the limit."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.past: tuple[int, int] | None = None  # (line, depth)

    def handle_starttag(self, tag, attrs):
        if any(name == "markdown" for name, _ in attrs):
            self.open.append(tag)
            if len(self.open) > MAX_MARKERS and self.past is None:
                self.past = self.getpos()[0], len(self.open)

    def handle_endtag(self, tag):
        if tag in self.open:
            del self.open[len(self.open) - 1 - self.open[::-1].index(tag):]


def _html_depth(text: str) -> list[tuple[int, str, str]]:
    """HTML blocks of Markdown nested more than MAX_MARKERS deep: md_in_html parses each by recursion, and 500
    ``<div markdown="1">`` one in another ended the build in a RecursionError, while check passed them."""
    if not holds(text, "markdown"):
        return []
    reader = _MarkdownBlocks()
    fed(reader, text)
    if reader.past is None:
        return []
    return [(reader.past[0], f"带 markdown 属性的 HTML 块嵌套过深（第 {reader.past[1]} 层；上限 {MAX_MARKERS} 层）",
             "HTML 块只嵌套几层即可；删去多余的 <div markdown=\"1\"> 和与它配对的 </div>")]


BRACKET_BUDGET = 4_000_000   # characters read for brackets and parentheses (Python's own loop: ~2 million a second)
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def renderer_cost(text: str) -> list[tuple[int, str, str]]:
    """(line, message, hint) when Python-Markdown would read ``text`` over and over: the ``]`` of every ``[`` and the
    ``)`` of every ``](`` up to its match or the end of the paragraph. Only a body with many of them is measured."""
    found = []
    if ascii_of(text).count("[") > 1000:  # every [ of the text, counted in its few ASCII characters
        read, worst, at = 0, (0, 0), 0
        for block in _BLANK_LINE.split(text):
            cost = _brackets(block)
            read += cost
            worst = max(worst, (cost, at))
            at += block.count("\n") + 2
        if read > BRACKET_BUDGET:
            found.append((worst[1] + 1, f"正文中未配对的方括号 [ ] 和圆括号 ( ) 过多，生成网页时要反复向后查找，极慢",
                          "删去多余的 [ 和 (，或在前面加 \\ 写成 \\[；链接写成 [文字](网址)"))
    return found


def _brackets(block: str) -> int:
    """What Python-Markdown reads of one paragraph to match its brackets and parentheses: from each ``[`` to its ``]``
    (or the end), from each ``](`` to its ``)`` (or the end). A backslash escapes the character after it."""
    if "[" not in block:
        return 0
    squares, rounds, read, opened_after = [], [], 0, {}
    escaped = False
    for i, c in enumerate(block):
        if escaped:
            escaped = False
        elif c == "\\":
            escaped = True
        elif c == "[":
            squares.append(i)
        elif c == "]" and squares:
            read += i - squares.pop()
        elif c == "(":
            rounds.append(i)
            if i and block[i - 1] == "]":
                opened_after[i] = True
        elif c == ")" and rounds:
            start = rounds.pop()
            if opened_after.pop(start, False):
                read += i - start
    end = len(block)
    return read + sum(end - i for i in squares) + sum(end - i for i in opened_after)


MAX_BLOCKS = 30_000  # blocks: about a second of Python-Markdown (a document of 2 MB holds some thousands)
_EMPTY = re.compile(r"^[ \t>]*$", re.M)  # a blank line, in a block quote too (its blocks are parsed alike)
_TEXT_LINE = re.compile(r"^[ \t>]*[^ \t>\n].*$", re.M)


def block_count(text: str, rendering: Rendering = HANDWRITTEN) -> list[tuple[int, str, str]]:
    """(line, message, hint) when the text's page has more blocks than MAX_BLOCKS: Python-Markdown takes each block off
    the front of the list of those after it (list.pop(0)), quadratic: 240,000 paragraphs "甲。" (1.9 MB) took 20 s to
    render, 600,000 of "甲" (1.8 MB) 101 s, past the build's 30 s bound, while check passed them. Counted in the
    Markdown the page renders: a body's rendering (``rendering.numbered``) makes each line of text a paragraph, so
    200,000 lines without a blank one took 15 s; a table of as many rows is one block. Told at the first line past it
    (for a body, the first line of text past it: exact where each line is a paragraph, the usual case)."""
    if len(text) <= MAX_BLOCKS or text.count("\n") <= MAX_BLOCKS:  # its length first: counting was 2.5 µs a body
        return []
    rendered = body_markdown.markdown(text) if rendering.numbered else text
    past = next((m for n, m in enumerate(_EMPTY.finditer(rendered)) if n == MAX_BLOCKS), None)
    if past is None:
        return []
    if rendering.numbered:  # the first line of text past MAX_BLOCKS of them
        first = next((m for n, m in enumerate(_TEXT_LINE.finditer(text)) if n == MAX_BLOCKS), None)
        line = text.count("\n", 0, first.start()) + 1 if first else 1
    else:
        line = text.count("\n", 0, past.start()) + 1
    return [(line, f"正文的段落多于 {MAX_BLOCKS} 个：生成网页时每一段都要移动它后面的全部段落，极慢",
             "合并过短的段落（正文的每一行是一段）、删去多余的空行，或把正文分成几个文件")]


MAX_CELLS = 500_000  # cells of a text's tables: 100,000 rows of five columns (a 公示名单 of 40,000 rows has 200,000)
# A line a table's separator row can be (TableProcessor.test: its cells hold only | : - and spaces, tabs made spaces),
# in a quote: a text without one has no table. Its last | may follow pairs of backslashes, which the tables drop with it
# as its border (RE_END_BORDER: |---|---\\| is a separator of two columns). Up to its first | the line holds none, so
# a line of 40,000 | and a letter fails in one pass (the pattern split it at each | in turn: 4.6 s)
SEPARATOR = re.compile(r"^[ \t>:-]*(?:\|[ \t>|:-]*(?:(?:\\\\)+\|[ \t]*)?|(?:\\\\)+\|[ \t]*)$", re.M)


def table_size(text: str) -> list[tuple[int, str, str]]:
    """(line, message, hint) when the tables of ``text`` would have more than MAX_CELLS cells: Python-Markdown gives each
    row of a table as many cells as its separator row has, so a header of 10,000 columns over 20,000 rows "|乙|" (180 KB
    of text) made 200 million cells, and the check (rules.table_cells parses the tables) ran out of memory, as the build
    would have. Counted generously in the text as written: a table wherever a line can be a separator row, as wide as
    that line or the one above it has pipes, as long as its lines to the next blank one (a line of spaces: ">" alone is
    a row outside a quote, of as many cells as the header). Told at the largest's header."""
    if not holds(text, "|") or (first := SEPARATOR.search(text)) is None:
        return []
    lines = text.split("\n")
    cells, width, table, largest = 0, 0, (0, 0), (0, 0)  # table: (cells, -line) of the one being counted
    for number in range(text.count("\n", 0, first.start()), len(lines)):  # no line before the first separator counts
        line = lines[number]
        if not line.strip(" \t"):
            width = 0  # a blank line: the table ends (in a quote, a line ">" ends it too: counted on, generously)
        elif width:
            cells, table = cells + width, (table[0] + width, table[1])
        elif SEPARATOR.fullmatch(line):
            width = max(_cells(line), _cells(lines[number - 1]) if number else 0)
            cells, table = cells + 2 * width, (2 * width, -number)  # with its header, one line up
        largest = max(largest, table)
    if cells <= MAX_CELLS:
        return []
    return [(-largest[1] or 1, f"正文的表格共有约 {cells:,} 格（上限 {MAX_CELLS:,}）：每一行都按分隔行（|---|）的列数补足格子，"
                               "网页会极大，生成网站时内存耗尽",
             "表头、分隔行的列数按实际的列写；很长的名单拆成几个表格，或作为附件发布")]


def _cells(row: str) -> int:
    """The most cells a row of a table can have: one more than its pipes, less its borders (in a block quote too)."""
    row = row.lstrip(" \t>").rstrip(" \t")
    return row.count("|") + 1 - row.startswith("|") - (len(row) > 1 and row.endswith("|"))


EXPANSION_BUDGET = 4_000_000  # characters references may write into a text's page: twice the largest text


def reference_size(text: str) -> list[tuple[int, str, str]]:
    """(line, message, hint) when the references of ``text`` could make its page huge: Python-Markdown writes a
    definition's address and title at every link or image naming it, so a definition of 400,000 characters named 75,000
    times (1.3 MB of text) made a page of 30 GB: the build ran out of memory after 25 s, while check passed it.
    Counted generously: a definition named wherever its label follows a [, in any case, any run of white space for a
    space (as Python-Markdown compares labels: [甲][二  号] names [二 号]), its whole line or lines written out each time
    as an attribute's value is (a " is &quot;, six characters, an & &amp;: the page's href and title). Told at the one
    writing most."""
    found = notes.definitions(text)
    if not found:
        return []
    folded = notes.reference_label(text)
    written = [((folded.count("[" + notes.reference_label(m[1])) - 1) * len(escape(m[0])), m.start())  # - its own
               for m in found]
    if (total := sum(size for size, _ in written)) <= EXPANSION_BUDGET:
        return []
    return [(text.count("\n", 0, max(written)[1]) + 1,
             f"链接的引用定义被引用的次数乘以它的长度过大：网页上每处引用都要把网址和标题重写一遍，共约 {total:,} 个字符"
             f"（上限 {EXPANSION_BUDGET:,}），生成网站时内存耗尽",
             "缩短这个引用定义的网址和标题，或删去多余的引用；同一网址不必链接成千上万次")]


def in_file(item, settings):  # noqa: ARG001 — one signature for every rule of rules.FILE_RULES
    """The problems of one issue, document or interpretation (rules.per_file); an issue's note is no Markdown."""
    src = item.source
    for line, message, hint in problems(src.body, HANDWRITTEN if isinstance(item, Issue) else BODY):
        yield Diagnostic(src.path, src.file_line(line), message, hint, rule=ID)


INLINE_BUDGET = 1_000_000_000  # marks times the characters of their text: about a second of Python-Markdown
_INLINE_MARKS = "`\\[!<&*_"  # where its inline patterns begin (code, escape, link, image, tag, entity, emphasis); and "  \n"
# Where Python-Markdown makes a text of its own of a line (tabs are 4 columns). A block (the lines between blank lines)
# is a list when its first line is an item, and then each item (or one nested in it, 4 to 7 deeper) is one; a table when
# its second line is a separator row of as many cells as the first, and then each row is one; else a paragraph, which
# only a heading (a # at its line's start) ends. A list item or a row within a paragraph is more of its text, as is 1)
_QUOTED = re.compile(r"(?:[ ]{0,3}>[ ]?)*")  # the marks of the block quotes a line is in, taken off first
_ITEM = re.compile(r"[ ]{0,7}(?:[-*+]|\d{1,9}\.)[ ]")
_SEPARATOR_ROW = re.compile(r"[ ]*\|?(?:[ ]*:?-+:?[ ]*\|)*[ ]*:?-+:?[ ]*\|?[ ]*")


def _table(header: str, separator: str) -> bool:
    """Whether a block starting with these lines is a table: as Python-Markdown's tables tell one, or less often (a
    header with code or an escape, whose pipes it reads otherwise, and a table of one column are taken for text)."""
    if "|" not in header or "`" in header or "\\" in header or not _SEPARATOR_ROW.fullmatch(separator):
        return False
    header, separator = header.strip(" "), separator.strip(" ")
    left, right = header.startswith("|"), header.endswith("|")  # the header's borders are taken off every row
    cells = [row[left and row.startswith("|"):len(row) - (right and row.endswith("|"))].count("|") + 1
             for row in (header, separator)]
    return cells[0] == cells[1] > 1


def _texts(text: str):
    """(line, marks, characters) of each text Python-Markdown processes inline: a paragraph (its lines joined), a
    heading, a list item, a table row."""
    lines = [_QUOTED.sub("", line.expandtabs(4), 1) for line in text.split("\n")] + [""]
    start, marks, length, kind = 0, 0, 0, None
    for number, line in enumerate(lines):
        blank, heading = not line.strip(), line.startswith("#")
        if kind is None and not blank:
            kind = "list" if _ITEM.match(line) else "table" if _table(line, lines[number + 1]) else "text"
        if (blank or heading or kind == "table" or (kind == "list" and _ITEM.match(line))
                or (number and lines[number - 1].startswith("#"))):  # a heading is a text of its own
            yield start, marks, length
            start, marks, length = number + blank, 0, 0
        if blank or heading:
            kind = None
        marks += sum(line.count(c) for c in _INLINE_MARKS) + line.endswith("  ")
        length += len(line) + 1


def inline_cost(text: str) -> list[tuple[int, str, str]]:
    """(line, message, hint) when Python-Markdown would read a paragraph over and over: for each inline element it
    finds (an emphasis, a link, a tag, an entity, an escape, a hard line break) it copies the whole text of its paragraph, list item,
    heading or table row again, so "*甲*" or "&amp;" 40,000 times in one paragraph took 10 s to render, the 2 MB a
    body may have, hours of one build. What it would copy is counted, each mark where an inline pattern may begin times
    the length of its text (``_texts``: lines starting - or | within a paragraph are more of it, "说明：" then 40,000
    lines "|*甲*乙" 19 s of rendering), and a body past about a second of it is refused, at the text copying most."""
    marked = ascii_of(text)  # the marks are ASCII: counted among the body's few ASCII characters (19 µs a body in all)
    # Each mark is one of them, and each "  \n" three others: fewer than twice as many as they are, so most bodies are
    # answered by the lengths alone (counting them was 1.5 µs a real-shape body).
    if 2 * len(marked) * len(text) <= INLINE_BUDGET or (
            sum(marked.count(c) for c in _INLINE_MARKS) + marked.count("  \n")) * len(text) <= INLINE_BUDGET:
        return []  # every body of a real gazette (two spaces and a line end there are at least as many as in the text)
    read, worst = 0, (0, 0)
    for start, marks, length in _texts(text):
        read, worst = read + marks * length, max(worst, (marks * length, -start))
    if read <= INLINE_BUDGET:
        return []
    line = -worst[1] + 1
    return [(line, "这一段的 Markdown 行内标记（* _ ` [ ! < & \\ 和行末的两个空格）过多，生成网页时每一处都要把整段重读一遍，极慢",
             "把这一段分成几段（段与段之间空一行），或删去多余的标记；要显示这些字符本身，可写全角的＊＿［＜＆")]


PIPE_BUDGET = 20_000_000  # code spans walked for the pipes of rows (Python's own loop: about 20 million a second)
_TICS_OR_PIPE = re.compile(r"`+|\|")


def code_pipes(text: str) -> list[tuple[int, str, str]]:
    """(line, message, hint) when Python-Markdown's tables would walk a line's code spans over and over: to tell the
    pipes between cells from those in code, they walk, for each | of a row, the code spans before it, and they split the
    first line of every block of two lines or more as a header, table or not. So 450 `甲` then a million | on one line
    (1 MB, under the budget of inline_cost: | is no inline mark) took 20 s to check (table-cells parses it) and to
    build. Counted, for each line with both, as the backtick runs before each of its | (at least the spans walked)."""
    marked = ascii_of(text)
    if "`" not in marked or "|" not in marked:
        return []
    read, worst = 0, (0, 0)
    for number, line in enumerate(text.split("\n"), 1):
        if "`" in line and "|" in line:
            runs = walked = 0
            for mark in _TICS_OR_PIPE.finditer(line):
                if mark.group() == "|":
                    walked += runs
                else:
                    runs += 1
            read, worst = read + walked, max(worst, (walked, -number))
    if read <= PIPE_BUDGET:
        return []
    return [(-worst[1], "这一行的 | 和 ` 过多：生成网页时表格要为每个 | 把它前面的每段代码（`…`）查一遍，极慢",
             "删去多余的 | 和 `；要显示竖线本身，可写全角的｜")]
