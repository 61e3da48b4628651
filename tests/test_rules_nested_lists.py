"""rules/nested_lists.py: a list item indented 1 to 3 spaces under another, which the renderer shows beside it, is told at
its line, in every container; a list nested 4 spaces deep, and code, are not. Each case is held to the project's
renderer: the item is shown inside the item it is written under exactly when the rule says nothing."""
import re
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import Repo, examples
from deadline import within
from gongbao.rules import nested_lists, rendering

DOC = "gazette/2018/06/xzbf-68.md"

# (text, the lines told) in a body and in a page of content/ alike: 乙 is written under 甲
NESTED = [
    ("- 甲\n  - 乙", [2]),
    ("- 甲\n - 乙", [2]),
    ("- 甲\n   - 乙", [2]),
    ("* 甲\n  * 乙", [2]),
    ("+ 甲\n  + 乙", [2]),
    ("- 甲\n  * 乙", [2]),                              # another marker is no other list
    ("- 甲\n - 乙\n  - 丁", [2, 3]),
    ("> - 甲\n>   - 乙", [2]),                          # in a block quote
    ("> - 甲\n  - 乙", [2]),                            # the quote's lazy line
    ("> > - 甲\n> >   - 乙", [2]),
    (">\t- 甲\n>\t - 乙", [2]),                          # a tab is 4 columns: after >, 2 of them are left
    ("> 1. 甲\n>    1. 乙", [2]),                       # ordered (1. in a quote is no official heading)
    ("- 甲\n\n  - 乙", [3]),                            # after a blank line
    ("- 甲\n继续\n  - 乙", [3]),                         # after the item's lazy line
    ("- 甲\n\n    说明\n\n  - 乙", [5]),                 # after a paragraph of the item
    ("- 丙\n    - 甲\n      - 乙", [3]),                 # in a list in a list: 4 columns from that list
    ("- 丙\n    - 甲\n\n      - 乙", [4]),
    ("- 丙\n\t- 甲\n\t  - 乙", [3]),
    ("- 甲\n  1) 乙", [2]),                              # 1) is no marker: never a nested list
    ("- 甲\n    1) 乙", [2]),
    ("- 甲\n    - 乙\n  - 丁", [3]),
    ("- 甲\n        - 乙", [2]),                          # 8 deeper: the text of 甲
    ("- 甲\n\n        - 乙", [3]),                       # after a blank line: code in 甲
    ("- 甲\n\t\t- 乙", [2]),
    ("- 丙\n    - 甲\n            - 乙", [3]),
    ("> - 甲\n>         - 乙", [2]),
    ("- 甲\n\n    说明\n\n            - 乙", [5]),
    ("- 甲\n    - 乙", []),                              # 4 spaces: nested
    ("- 甲\n\n    - 乙", []),
    ("* 甲\n\t* 乙", []),
    ("> - 甲\n>     - 乙", []),
    ("- 丙\n    - 甲\n        - 乙", []),
    ("  - 甲\n    - 乙", []),                            # 4 from the list's column, 2 from 甲's marker
    ("- 甲\n\n    - 丙\n  - 乙", []),                    # a block begun in 甲: 乙 stays in it
]
# (text, the lines told) where 1. is a list item: a page of content/ (in a body, an official heading)
AS_WRITTEN = [
    ("1. 甲\n   1. 乙", [2]),
    ("- 甲\n  1. 乙", [2]),
    ("1. 甲\n    1. 乙", []),
]
# Not told, and no list item 乙 on the page: code, or a paragraph's text (rules.joined_lists tells that one)
NO_ITEM = [
    "```\n- 甲\n  - 乙\n```",
    "说明\n\n    - 甲\n      - 乙",                    # indented code
    "说明：\n  - 甲\n   - 乙",
]


class _Items(HTMLParser):
    """Each list item's first word (甲, 乙…) and the first words of the items it is inside."""

    def __init__(self, html: str):
        super().__init__()
        self.open: list[str | None] = []
        self.inside: dict[str, list[str]] = {}
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag == "li":
            self.open.append(None)

    def handle_endtag(self, tag):
        if tag == "li":
            self.open.pop()

    def handle_data(self, data):
        if self.open and self.open[-1] is None and (word := data.strip()[:1]):
            self.open[-1] = word
            self.inside[word] = [w for w in self.open[:-1] if w]


def _nested(html: str, item: str, under: str) -> bool:
    return under in _Items(html).inside.get(item, ())


def _line_of(text: str, word: str) -> int:
    return next(n for n, line in enumerate(text.split("\n"), 1) if word in line)


RENDERINGS = [(rendering.BODY, "render_body"), (rendering.HANDWRITTEN, "render_as_written")]


@pytest.mark.parametrize("shown, renderer", RENDERINGS, ids=["body", "as-written"])
@pytest.mark.parametrize("text, lines", NESTED)
def test_nested(request, shown, renderer, text, lines):
    assert [line for line, *_ in nested_lists.unnested(text, shown.numbered)] == lines
    html = request.getfixturevalue(renderer)(text)
    assert _nested(html, "乙", "甲") == (_line_of(text, "乙") not in lines), html


@pytest.mark.parametrize("text, lines", AS_WRITTEN)
def test_as_written(render_as_written, text, lines):
    assert [line for line, *_ in nested_lists.unnested(text, numbered=False)] == lines
    assert _nested(render_as_written(text), "乙", "甲") == (not lines), render_as_written(text)


@pytest.mark.parametrize("text", [text for text, _ in AS_WRITTEN])
def test_in_a_body_1_is_an_official_heading_and_no_item(render_body, text):
    assert nested_lists.unnested(text) == []
    assert "乙" not in _Items(render_body(text)).inside and re.search(r"<h\d[^>]*>1\. 乙", render_body(text))


@pytest.mark.parametrize("shown, renderer", RENDERINGS, ids=["body", "as-written"])
@pytest.mark.parametrize("text", NO_ITEM)
def test_code_and_a_paragraphs_text_are_not_told(request, shown, renderer, text):
    assert nested_lists.unnested(text, shown.numbered) == []
    assert "乙" not in _Items(request.getfixturevalue(renderer)(text)).inside


def test_the_messages_say_what_to_write():
    assert nested_lists.problems("- 总体要求\n  - 第一项", rendering.BODY) == [(
        2, "列表项“- 第一项”只缩进了 2 个空格：网页会把它和上面的“- 总体要求”并列显示，不嵌套在其下",
        "子列表要比上一级多缩进 4 个空格（Tab 算 4 个）：这一行改为缩进 4 个空格，它下面更深的各级也每级多缩进 4 个")]
    assert nested_lists.problems("> - 甲\n>     - 乙\n>       - 丙", rendering.HANDWRITTEN)[0][2] == (
        "子列表要比上一级多缩进 4 个空格（Tab 算 4 个）：这一行改为缩进 8 个空格（引用中不算 > 和它后面的一个空格），"
        "它下面更深的各级也每级多缩进 4 个")
    message = "“1) 第一项”的“1)”不是本站 Markdown 的列表编号：网页不会把它显示为“- 总体要求”下面的子列表，只当作一段文字"
    assert nested_lists.problems("- 总体要求\n  1) 第一项", rendering.BODY) == [
        (2, message, "改用“- ”开头、缩进 4 个空格（正文中行首的“1.”会成为文件的编号标题）")]
    assert nested_lists.problems("- 总体要求\n  1) 第一项", rendering.HANDWRITTEN) == [
        (2, message, "改为“1.”、缩进 4 个空格（子列表比上一级多缩进 4 个空格）")]
    assert nested_lists.problems("- 总体要求\n\n        - 第一项", rendering.HANDWRITTEN) == [(
        3, "列表项“- 第一项”缩进了 8 个空格，多于子列表的 4 个：网页不会把它显示为“- 总体要求”下面的子列表，"
        "而是当作上一项的文字（前面空一行时当作代码）",
        "子列表要比上一级多缩进 4 个空格（Tab 算 4 个）：这一行改为缩进 4 个空格，它下面更深的各级也每级只多缩进 4 个")]


@pytest.mark.parametrize("line", ["-" * 40 + "x", "- " * 20_000 + "x", "*" * 40 + " x", "_" * 40 + "\t"])
def test_a_line_nearly_a_rule_is_read_at_once(line):
    with within(2):
        assert nested_lists.unnested(f"- 甲\n  - 乙\n{line}") == [(2, "- 乙", "- 甲", 2, 4, 0)]


def test_a_document_and_a_page_of_content_are_told_at_their_files_line(repo: Repo):
    repo.replace(DOC, "（一）加强统筹。各地各部门要加强统筹。", "（一）加强统筹。\n\n- 甲\n  - 乙")
    repo.write("content/about.md", "---\ntitle: 关于本站\n---\n# 关于本站\n\n- 甲\n   - 乙\n")
    assert [(d.path, d.line, d.rule, d.is_error) for d in repo.check().diagnostics] == [
        ("content/about.md", 7, "nested-list-indent", False), (DOC, 16, "nested-list-indent", False)]


# Random lists in every container: markers, indentation with tabs, blank and lazy lines, quotes, paragraphs, code
_LINE = st.tuples(st.sampled_from(["", "", "> ", ">", "> > ", ">\t"]),
                  st.sampled_from(["", " ", "  ", "   ", "    ", "     ", "      ", "\t", " \t", "\t  ", "        ",
                                   "\t\t", "         "]),
                  st.sampled_from(["- ", "* ", "+ ", "1. ", "2. ", "1) ", "说明", "", "# 标题", "```"]))


@settings(max_examples=examples(400), deadline=None)
@given(lines=st.lists(_LINE, min_size=2, max_size=8), numbered=st.booleans())
def test_an_item_told_is_shown_outside_the_item_it_names_and_inside_it_as_the_hint_writes_it(
        render_body, render_as_written, lines, numbered):
    """Held to the renderer on random lists: no item is told that the page shows under the item the message names; and
    the first one told, written with the indentation (and for 1) the marker) the hint gives, is shown under it."""
    words = iter("甲乙丙丁戊己庚辛壬癸")
    text = "\n".join(what if what in ("# 标题", "```") else quote + indent + (what + next(words) if what[-1] == " " else what)
                     if what else "" for quote, indent, what in lines)  # fences and headings where they stand alone
    render = render_body if numbered else render_as_written
    found = nested_lists.unnested(text, numbered)
    for _, item, under, *_ in found:
        assert not _nested(render(text), item[-1], under[-1]), (text, item, under)
    if found:
        line, item, under, indent, needed, depth = found[0]
        written = text.split("\n")
        rest = re.match(r"(?: {0,3}> ?)* *(.*)", written[line - 1].expandtabs(4))[1]
        if paren := re.match(r"(\d+)\) ", rest):
            rest = ("- " if numbered else f"{paren[1]}. ") + rest[paren.end():]
        written[line - 1] = "> " * depth + " " * needed + rest  # in its quote: a lazy line too
        assert _nested(render("\n".join(written)), item[-1], under[-1]), (text, "\n".join(written))
