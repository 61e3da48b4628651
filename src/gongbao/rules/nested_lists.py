"""A list item indented 1 to 3 spaces under another (``- 总体要求`` then ``  - 第一项``) is published beside it, not
nested under it: Python-Markdown nests a list only 4 spaces deeper than the list above (CommonMark, which GitHub's
preview and most editors show, nests at 2), so the page shows one flat list where the editor wrote two levels, and
nothing else says so.

Told from the source as the renderer reads it (rules.rendering), in every container: block quotes and their lazy
lines, lists in lists (a level is 4 columns deeper than the list above, whatever its item wrote), after a blank line, in
a block begun inside an item (Python-Markdown's ListIndentProcessor: a line written shallower keeps its place in that
item). Not in fenced or indented code, nor after a heading, a rule or a paragraph, where no list goes on (an item right
under a paragraph is run into it: rules.joined_lists). ``1)`` is no list marker for Python-Markdown: such a line
indented under an item is never a nested list, however deep, and is told with how to write one. In a body a line 1. is
an official heading (gongbao.identifiers.headings), no list item. An item 8 or more columns deeper than the list above
is no nested list either: the text of the item above, or after a blank line code in it; told with the indentation that
nests it. Rarer layouts are not followed (a heading or a quote inside an item's own block,
code inside an item with items after it): there the rule may say nothing of an item the page flattens. A prediction,
hence a warning; tests/test_rules_nested_lists.py holds it to the project's renderer case by case and on random lists:
no item told that the page nests, and the first one told nested once written as the hint says.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from gongbao.identifiers.chars import clipped, holds_any
from gongbao.identifiers.headings import BLOCK_SYNTAX, classify
from gongbao.rules.rendering import Rendering

ID = "nested-list-indent"
NEST = 4  # Python-Markdown's tab_length: a nested list's items stand this many columns deeper than its parent's list
# An indented line starting with a list marker (after block quotes): the rare body with one is read line by line
_SUSPECT = re.compile(r"\n[ \t>]*[ \t](?:[*+-]|\d+[.)])[ \t]")
_MARKS = "*+-.)"  # one of them is in every match: most bodies have none (chars.holds_any)
_QUOTE = re.compile(r" {0,3}> ?")  # Python-Markdown's BlockQuoteProcessor: what one level of quote takes off a line
_ITEM = re.compile(r"( *)([*+-]|\d+\.|(\d+)\))( +)")  # OListProcessor.CHILD_RE's markers; group 3: 1), no marker there
# HRProcessor's, atomic as its own (a lookahead and a back reference there): without, ----…x backtracked 2^n ways
_RULE = re.compile(r" {0,3}(?>(?:-+ {0,2}){3,}|(?:_+ {0,2}){3,}|(?:\*+ {0,2}){3,}) *$")
_SHOWN = 30


@dataclass
class _Lists:
    """The lists open in one container (the body, or a block quote of a depth). Level n's items stand at column
    NEST * n of the container, whatever their own items wrote: Python-Markdown takes a level's indentation off its
    lines before it reads the next."""
    shown: list[int] = field(default_factory=list)  # the line of the last item of each open level: an item's ancestors
    # (indentation written, line, text, level) of the items above, each indented more than the one before it: the last
    # one less indented than an item is the item it is written under
    above: list[tuple[int, int, str, int]] = field(default_factory=list)
    floor: int = 0  # the block began inside an item: a line indented less keeps its place in that item
    text: bool = False  # the block is a paragraph: an item line in it is its text
    code: bool = False  # an indented code block
    after: bool = False  # the line before was a heading or a rule: the next line begins a block

    def end(self, text: bool) -> None:
        self.shown, self.above, self.floor, self.text = [], [], 0, text

    @property
    def in_item(self) -> bool:
        """A quote begun now is in an item: a list goes on in this block, or the block is an item's own."""
        return bool(self.shown) and not self.code and (not self.text or self.floor > 0)


def unnested(body: str, numbered: bool = True) -> list[tuple[int, str, str, int, int, int]]:
    """(line, text, the item it is written under, indentation written, the indentation that nests it, quote depth) of
    each item the page does not show under the item it is written under. ``numbered``: the body's rendering runs first
    (rules.rendering.Rendering.numbered); else the Markdown is rendered as written."""
    if not (holds_any(body, _MARKS) and _SUSPECT.search(body)):
        return []
    found = []
    lists: dict[int, _Lists] = {}
    inside: dict[int, bool] = {}  # by depth: the quote began in an item (no blank line before), not a block of its own
    fenced, unnumbered, starts, plain_before, first, last_depth = False, False, True, False, numbered, 0
    for number, written in enumerate(body.split("\n"), 1):
        line = written.expandtabs(NEST)  # Python-Markdown's first step
        if first and line.strip():
            line, first = line.lstrip(), False  # the body's rendering strips the body
        if line.startswith(("```", "~~~")):  # fenced_code's fences, at the line's start only
            fenced, unnumbered, starts, plain_before = not fenced, not unnumbered, True, False
            lists.clear()
            continue
        if fenced:
            continue
        if not line.strip():
            starts, plain_before = True, False
            continue
        if numbered:
            if line.lstrip().startswith(("```", "~~~")):
                unnumbered = not unnumbered  # a fence to the body's rendering, at any indentation (headings.blocks)
            elif not unnumbered and classify(line) is not None:  # an official heading: blank lines around
                lists.clear()
                starts, plain_before = True, False
                continue
            plain = not unnumbered and BLOCK_SYNTAX.match(written) is None  # pasted text: a blank line before the second
            starts, plain_before = starts or (plain and plain_before), plain
        depth, rest = 0, line
        while quote := _QUOTE.match(rest):
            depth, rest = depth + 1, rest[quote.end():]
        if not starts:  # a line with fewer > is a lazy line of its quote, but an item of the list a quote began in,
            began = [d for d in range(depth + 1, last_depth + 1) if inside.get(d)]  # and a heading or a rule none:
            listed = bool(began) and (item := _ITEM.match(rest)) is not None and item[3] is None  # they split the block
            if listed or rest.startswith("#") or _RULE.match(rest):
                last_depth = min(last_depth, began[0] - 1 if listed else depth)
            depth = max(depth, last_depth)
        elif ended := [d for d in range(1, depth + 1) if inside.get(d)]:
            last_depth = min(last_depth, ended[0] - 1)  # a quote begun in an item is over at a blank line
        for deeper in [d for d in lists if d > min(depth, last_depth)]:
            del lists[deeper]  # a quote ended, or a new one begins
        for begun in range(last_depth + 1, depth + 1):  # in an item of the list around it, or a block of its own
            inside[begun] = begun == last_depth + 1 and not starts and last_depth in lists and lists[last_depth].in_item
            if begun == last_depth + 1 and starts and last_depth in lists:
                lists[last_depth].end(text=False)  # a block of its own: no list of the container goes on after it
        starts, last_depth = starts or depth > last_depth, depth
        found += [(number, *told, depth) for told in _line(lists.setdefault(depth, _Lists()), rest, number, starts)]
        starts = False
    return found


def _line(lists: _Lists, rest: str, number: int, starts: bool):
    """(text, the item it is written under, indentation written, the indentation that nests it) if the line is an
    item the page does not show under it; ``lists`` changed as the line changes them."""
    indent = len(rest) - len(rest.lstrip(" "))
    starts, lists.after = starts or lists.after, False
    if lists.code:
        if indent >= NEST:
            return
        lists.code, starts = False, True
    if rest.startswith("#") or (indent < NEST and _RULE.match(rest)):  # a heading or a rule ends every list
        lists.end(text=False)
        lists.after = True
        return
    item = _ITEM.match(rest)
    if item and item[3] is not None:  # 1): text wherever it stands, never a nested item
        if lists.shown and (starts or not lists.text) and (under := _under(lists, indent)) is not None:
            yield rest.strip(), under[2], indent, NEST * (under[3] + 1)
        item = None
    if starts:
        if lists.shown and indent >= NEST:  # inside the last item of the level it reaches (ListIndentProcessor)
            lists.floor = NEST * min(indent // NEST, len(lists.shown))
            lists.text = not item or indent >= lists.floor + NEST  # a paragraph, or code, of that item
            if item and lists.text and (under := _under(lists, indent)) is not None:  # an item deeper than any level
                yield rest.strip(), under[2], indent, NEST * (under[3] + 1)
        elif lists.shown and item:  # the list goes on after a blank line
            lists.floor, lists.text = 0, False
        elif indent >= NEST:
            lists.code = True
            return
        else:  # a list begins, or a paragraph ends the lists
            lists.end(text=not item)
    if lists.text or not item:
        return
    at = indent if indent >= lists.floor else indent + lists.floor  # looseDetab leaves a shallower line as it is
    level = at // NEST
    if level > len(lists.shown):  # neither an item nor a nested one: the text of the item above
        if (under := _under(lists, indent)) is not None:
            yield rest.strip(), under[2], indent, NEST * (under[3] + 1)
        return
    under = _under(lists, indent)
    del lists.shown[level:]
    if under is not None and under[1] not in lists.shown:  # not among the items it is shown in
        yield rest.strip(), under[2], indent, NEST * (under[3] + 1)
    lists.shown.append(number)
    lists.above.append((indent, number, rest.strip(), level))


def _under(lists: _Lists, indent: int) -> tuple[int, int, str, int] | None:
    """The item a line indented ``indent`` is written under: the last one above less indented (those more are done)."""
    while lists.above and lists.above[-1][0] >= indent:
        lists.above.pop()
    return lists.above[-1] if lists.above else None


def problems(body: str, rendering: Rendering) -> list[tuple[int, str, str]]:
    """(line, message, hint) of each item shown beside the item it is written under, in a text rendered as
    ``rendering`` says."""
    found = []
    for line, text, under, indent, needed, depth in unnested(body, rendering.numbered):
        shown, parent = clipped(text, _SHOWN), clipped(under, _SHOWN)
        where = "（引用中不算 > 和它后面的一个空格）" if depth else ""
        if (paren := _ITEM.match(text)) and paren[3] is not None:
            message = (f"“{shown}”的“{paren[2]}”不是本站 Markdown 的列表编号：网页不会把它显示为“{parent}”下面的子列表，"
                       "只当作一段文字")
            if rendering.numbered:  # a line 1. not begun with > is an official heading in a body, a quote's lazy line too
                hint = f"改用“- ”开头、缩进 {needed} 个空格{where}（正文中行首的“{paren[3]}.”会成为文件的编号标题）"
            else:
                hint = f"改为“{paren[3]}.”、缩进 {needed} 个空格{where}（子列表比上一级多缩进 4 个空格）"
        elif indent > needed:
            message = (f"列表项“{shown}”缩进了 {indent} 个空格，多于子列表的 {needed} 个：网页不会把它显示为“{parent}”下面的子列表，"
                       "而是当作上一项的文字（前面空一行时当作代码）")
            hint = (f"子列表要比上一级多缩进 4 个空格（Tab 算 4 个）：这一行改为缩进 {needed} 个空格{where}，"
                    "它下面更深的各级也每级只多缩进 4 个")
        else:
            message = f"列表项“{shown}”只缩进了 {indent} 个空格：网页会把它和上面的“{parent}”并列显示，不嵌套在其下"
            hint = (f"子列表要比上一级多缩进 4 个空格（Tab 算 4 个）：这一行改为缩进 {needed} 个空格{where}，"
                    "它下面更深的各级也每级多缩进 4 个")
        found.append((line, message, hint))
    return found
