"""rules/table_cells.py: a table row with more cells than its header, whose cells past the header's the page drops
while index.txt and the JSON twin publish them, is an error at its line, wherever Markdown renders a table and in every
text the site renders from Markdown; each case is held to the project's renderer."""
from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import Repo, examples
from test_participation import prepo  # noqa: F401 — the minimal repository with drafts, 起草说明 and feedback
from gongbao.publish import rendered_html
from gongbao.rules import table_cells
from gongbao.rules.rendering import BODY, HANDWRITTEN

DOC = "gazette/2018/06/xzbf-68.md"
TABLE = "| 序号 | 名称 |\n|---|---|\n"
CUT = [  # (the body, the line told, what the page drops)
    (f"{TABLE}| 1 | 甲 | 核对原件 |\n", 3, "核对原件"),
    ("序号 | 名称\n---|---\n1 | 甲 | 核对原件\n", 3, "核对原件"),
    (f"{TABLE}| 1 | 甲 |\n| 2 | 乙 | 核对 | 原件 |\n", 4, "原件"),
    (f"| 序号 | 名称 |\n|:---:|---:|\n| 1 | 甲 | 核对原件\n", 3, "核对原件"),
    ("> | 序号 | 名称 |\n> |---|---|\n> | 1 | 甲 | 核对原件 |\n", 3, "核对原件"),
    # a separator row's last | after pairs of backslashes, which the tables drop with it as its border: alone, and
    # before a wider table (whose separator row alone the rows were measured against)
    ("| 序号 | 名称 |\n|---|---\\\\|\n| 1 | 甲 | 核对原件 |\n", 3, "核对原件"),
    ("| 序号 | 名称 |\n|---|---\\\\\\\\|\n| 1 | 甲 | 核对原件 |\n\n附表\n\n| 一 | 二 | 三 |\n|---|---|---|\n| 1 | 2 | 3 |\n", 3,
     "核对原件"),
]
WHOLE = [  # tables the page shows whole
    f"{TABLE}| 1 | 甲 |\n",
    f"{TABLE}| 1 | 甲\\| 乙 |\n",
    f"{TABLE}| 1 | `甲|乙` |\n",
    f"{TABLE}| 1 |\n",
    f"{TABLE}| 1 | 甲 | |\n| 2 | 乙 |   |  |\n",  # empty cells past the header's: nothing is hidden
    "甲 | 乙 | 丙\n\n不是表格 | 的一行\n",
    f"    {TABLE}    | 1 | 甲 | 代码 |\n",
]
ROW = "| 1 | 甲 | 核对原件 |"
# (the text, the lines told) of rows cut short in each container where Markdown renders a table, as a body's page and
# as a page of content/ show them (Traditional text too)
CONTAINED = [
    ("- 附表：\n\n    | 序号 | 名称 |\n    |---|---|\n    | 1 | 甲 | 核对原件 |\n", [5]),
    ("- | 序号 | 名称 |\n  |---|---|\n  | 1 | 甲 | 核对原件 |\n", [3]),
    ("- 甲\n    - 附表：\n\n        | 序號 | 名稱 |\n        |---|---|\n        | 1 | 甲 | 核对原件 |\n", [6]),
    ("- 附表：\n\n    > | 序号 | 名称 |\n    > |---|---|\n    > | 1 | 甲 | 核对原件 |\n", [5]),
    ("> - 附表：\n>\n>     | 序号 | 名称 |\n>     |---|---|\n>     | 1 | 甲 | 核对原件 |\n", [5]),
    ('<div markdown="1">\n\n| 序号 | 名称 |\n|---|---|\n| 1 | 甲 | 核对原件 |\n\n</div>\n', [5]),
    ("| 序号 | 名称 |\n|---|---|\n| 1 | 甲 | 核对原件 |\n\n- 附表：\n\n    | 序号 | 名称 |\n    |---|---|\n"
     "    | 1 | 甲 | 核对原件 |\n", [3, 9]),  # the same row twice: each at its line
]


@pytest.mark.parametrize("body, line, lost", CUT)
def test_a_row_longer_than_its_header_is_told_at_its_line(render_body, body, line, lost):
    text = f"一、总则\n\n{body}"
    assert lost not in render_body(text)  # the page drops it
    assert [found - 2 for found, _, _ in table_cells.dropped(text)] == [line]


@pytest.mark.parametrize("body", WHOLE)
def test_a_table_shown_whole_is_not_told(render_body, body):
    text = f"一、总则\n\n{body}"
    shown = render_body(text)
    assert all(word in shown for word in ("甲", "乙") if word in body)
    assert table_cells.dropped(text) == []


def test_the_check_refuses_a_row_the_page_cuts_short_at_its_line_of_the_file(repo: Repo):
    repo.replace(DOC, "（一）加强统筹", f"{TABLE}| 1 | 甲 | 核对原件 |\n\n（一）加强统筹")
    found = [d for d in repo.check().diagnostics if d.rule == table_cells.ID]
    lines = (repo.path / DOC).read_text(encoding="utf-8").split("\n")
    assert len(found) == 1 and found[0].is_error and "核对原件" in found[0].message
    assert lines[found[0].line - 1] == "| 1 | 甲 | 核对原件 |"


@pytest.mark.parametrize("body, lines", CONTAINED)
@pytest.mark.parametrize("rendering", [BODY, HANDWRITTEN], ids=["body", "as-written"])
def test_a_row_cut_short_in_any_container_is_told_at_its_line(render_as, body, lines, rendering):
    page = render_as(body, rendering)
    assert "核对原件" not in page and "甲" in page  # the page renders the table, and drops the cell
    assert [line for line, _, _ in table_cells.dropped(body, rendering)] == lines
    assert all(body.split("\n")[line - 1].endswith(ROW) for line in lines)


# (the text, the lines told as a body's page shows it, as a page of content/ does): where the two renderings part
PARTED = [
    # a line of pasted text after a row is a paragraph of its own in a body, on a page of content/ another row
    ("序号 | 名称\n---|---\n1 | 甲 | 核对\n2 | 乙 | 原件\n", [3], [3, 4]),
    # the body's rendering strips the body: a table indented at its start is one there, code as written
    (f"    {TABLE}    | 1 | 甲 | 核对原件 |\n", [3], []),
]


@pytest.mark.parametrize("body, told, as_written", PARTED)
def test_a_table_is_read_as_its_page_renders_it(render_body, render_as_written, body, told, as_written):
    for render, rendering, lines in ((render_body, BODY, told), (render_as_written, HANDWRITTEN, as_written)):
        page = render(body)
        assert [w for w in ("核对", "原件") if w in body and w not in page] == [
            w for line in lines for w in ("核对", "原件") if w in body.split("\n")[line - 1]]
        assert [line for line, _, _ in table_cells.dropped(body, rendering)] == lines


CUT_IN_ITEM = "- 附表：\n\n    | 序号 | 名称 |\n    |---|---|\n    | 1 | 甲 | 核对原件 |\n"
TEXTS = [  # (file, a line of its body to put the table after)
    ("drafts/open.md", "第一条 为了示例，制定本办法。"),
    ("explanations/open.md", "示例。"),
    ("feedback/closed.md", "六条，理由如下。"),
    ("content/about.md", "本站刊登规章和规范性文件。"),
]


@pytest.mark.parametrize("path, line", TEXTS)
def test_each_text_rendered_from_markdown_is_checked(prepo: Repo, path, line):  # noqa: F811 — the fixture imported above
    prepo.write("content/about.md", "---\ntitle: 关于本站\n---\n# 关于本站\n\n本站刊登规章和规范性文件。\n")
    prepo.replace(path, line, f"{line}\n\n{CUT_IN_ITEM}")
    found = [d for d in prepo.check().diagnostics if d.is_error]
    lines = (prepo.path / path).read_text(encoding="utf-8").split("\n")
    assert [(d.path, lines[d.line - 1], "核对原件" in d.message) for d in found] == [(path, "    " + ROW, True)]


def test_an_issues_note_is_printed_as_text_and_not_checked(repo: Repo):
    """The note is printed in a <p> of the issue's page, as text (tests/test_rules_body_warnings.py): no cell dropped."""
    repo.replace("gazette/2018/06/index.md", "文件]\n---\n", f"文件]\n---\n{TABLE}{ROW}\n")
    assert repo.check().diagnostics == []


# Blocks of every kind the parser may carry on from one block to the next (items, quotes, indented code and text, empty
# lines, raw HTML) around tables with rows cut short, in containers, for the window the rule parses
# (table_cells._around_tables)
_LINES = ["一、总则", "第一条 为了规范管理，制定本办法。", "## 附表", "各区人民政府：", "**注**：", "- 附表：", "1. 第一项", "> 引文",
          "    缩进的文字", '<div markdown="1">', "</div>", "第二條 罰款五萬元。", "\t- 乙", "  - 丙", "序号 | 名称"]
_PREFIXES = ["", "    ", "> ", "    > ", "  ", "- ", "> - ", "\t"]


@st.composite
def _table(draw) -> str:
    intro = draw(st.sampled_from(["", "- 附表：\n\n", "- 附表：\n", "1. 附表：\n\n", "> 引文\n", "    代码\n\n"]))
    prefix = draw(st.sampled_from(_PREFIXES))
    width = draw(st.integers(1, 3))
    rows = draw(st.lists(st.integers(0, 4), min_size=1, max_size=3))
    lines = ["| " + " | ".join("名称" for _ in range(width)) + " |", "|" + "---|" * width]
    lines += ["| " + " | ".join("核对" for _ in range(cells)) + " |" for cells in rows]
    return intro + "\n".join(prefix + line if n == 0 or not prefix.startswith("-") else " " * len(prefix) + line
                     for n, line in enumerate(lines))


@settings(max_examples=examples(1000), deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_LINES), _table()), max_size=12),
       st.lists(st.sampled_from(["\n", "\n\n", "\n\n\n"]), min_size=12, max_size=12),
       st.sampled_from([BODY, HANDWRITTEN]))
def test_the_rows_found_in_the_window_are_those_found_in_the_whole_text(whole_rows, blocks, gaps, rendering):
    """The window must be parsed as the whole text is: the same rows cut short, at the same lines."""
    body = "".join(block + gap for block, gap in zip(blocks, gaps))
    assert table_cells.dropped(body, rendering) == whole_rows(body, rendering)


@pytest.fixture(scope="module")
def whole_rows():
    """``dropped`` with the whole text parsed, as the window stands for."""
    def whole(body, rendering):
        window, table_cells._around_tables = table_cells._around_tables, lambda lines: lines
        try:
            return table_cells.dropped(body, rendering)
        finally:
            table_cells._around_tables = window
    return whole


SPLIT = [  # (the text, its rendering, the line told): an autolink a row splits at its |
    ("| 甲 | <https://a.cn/|b> |\n|---|---|\n| 甲 | 乙 |\n", BODY, 1),  # the header: no table, a paragraph of pipes
    ("| 甲 | 乙 | 丙 |\n|---|---|---|\n| 甲 | <https://a.cn/|b> |\n", BODY, 3),  # "<https://a.cn/" and "b>", no link
    ("> | 甲 | 乙 | 丙 |\n> |---|---|---|\n> | 甲 | <https://a.cn/|b> |\n", BODY, 3),
    ("- 列表\n\n    | 甲 | <https://a.cn/|b> |\n    |---|---|\n    | 甲 | 乙 |\n", HANDWRITTEN, 3),
    ('<div markdown="1">\n| 甲 | 乙 | 丙 |\n|---|---|---|\n| 甲 | <http://無錫.cn/|b> |\n</div>\n', HANDWRITTEN, 4),
]


@pytest.mark.parametrize("body, rendering, line", SPLIT)
def test_an_autolink_a_row_splits_at_its_pipe_is_told_at_its_line(render_as, body, rendering, line):
    page = render_as(body, rendering)
    assert '<a href="http' not in page or "<table>" not in page  # no link, or no table: the claim, held to the renderer
    found = table_cells.problems(body, rendering)
    assert [(n, m.startswith("表格这一行的自动链接 “<http")) for n, m, _ in found] == [(line, True)], found
    assert "把网址中的 | 写成 \\| 或 %7C" in found[0][2]


@pytest.mark.parametrize("body", [f"{TABLE}| 1 | <https://a.cn/\\|b> |\n", f"{TABLE}| 1 | <https://a.cn/%7Cb> |\n",
                                  "见 <https://a.cn/|b>。\n", f"{TABLE}| 1 | `<https://a.cn/|b>` |\n"])
def test_an_escaped_pipe_or_one_outside_a_table_is_not_told(render_body, body):
    assert table_cells.problems(body, BODY) == []
    assert "<code>" in render_body(body) or '<a href="https://a.cn/|b">' in render_body(body) or "%7Cb" in render_body(body)


def test_the_page_of_a_split_autolink_needs_no_rule_of_the_rendered_check_nor_could_have_one(render_body):
    """Why split_links is check's alone. In a row, the page of an autolink split at its | is byte for byte the page of a
    text writing those characters as references (&lt;https://a.cn/|b&gt;), which is fine: no link, text a rule of the
    page could only refuse in both. In a header, the page's paragraph holds the autolink as a link, which the rendered
    check judges as check's link rules read it: a look-alike host in it is refused by both."""
    row = "| 甲 | 乙 | 丙 |\n|---|---|---|\n| 網站 | {} |\n"
    assert render_body(row.format("<https://a.cn/|b>")) == render_body(row.format("&lt;https://a.cn/|b&gt;"))
    assert table_cells.problems(row.format("&lt;https://a.cn/|b&gt;"), BODY) == []
    header = render_body("| 網站 | <https://а.cn/|b> |\n|---|---|\n| 甲 | 乙 |\n")
    assert '<a href="https://а.cn/|b">' in header and "<table>" not in header
    assert [v for v in rendered_html.violations(header, Counter()) if "看起来像另一个网站的地址" in v.message]


def test_the_check_refuses_an_autolink_split_in_a_draft(prepo: Repo):  # noqa: F811 — the fixture imported above
    path = prepo.path / "drafts/open.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n| 甲 | <https://a.cn/|b> |\n|---|---|\n| 甲 | 乙 |\n", encoding="utf-8")
    assert [m for m in prepo.messages() if "自动链接" in m and m.startswith("drafts/open.md:")], prepo.messages()
