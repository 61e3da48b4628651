"""rules/html_safety.py's reading of attribute lists ({: … }) as Python-Markdown's attr_list reads them: where it reads
one (a heading, a table cell, an inline element's tail, a line of its own at a block's end) and where it never does
(code, fenced or indented), which bounds what the rule counts of the braces attr_list reads over and over
(``_brace_problems``) and where the rule looks for lists; each held to the project's renderer."""
from __future__ import annotations

import json
import re
from collections import Counter

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from conftest import Repo, examples, site_markdown
from deadline import within
from gongbao.content import body_markdown
from gongbao.publish import rendered_html
from gongbao.rules import html_safety
from gongbao.rules.html_safety import body_problems
from markdown.extensions.attr_list import get_attrs_and_remainder
from gongbao.rules.rendering import BODY, HANDWRITTEN


def _json(items: int) -> str:
    return json.dumps({"data": [{"id": i, "名称": "甲"} for i in range(items)]}, ensure_ascii=False)


# Braces attr_list never reads: code, in a fence or indented, of a body or a page of content/
@pytest.mark.parametrize("body", [
    f"一、接口说明\n\n返回示例：\n\n```\n{_json(121)}\n```\n",                # 4.8 KB of JSON, 121 "{" after spaces
    f"一、接口说明\n\n返回示例：\n\n~~~\n{_json(121)}\n{_json(121)}\n~~~\n",
    f"一、接口说明\n\n返回示例：\n\n    {_json(121)}\n    {_json(121)}\n",     # indented code
    f"# 接口说明\n\n> 引文\n\n\t{_json(121)}\n",                              # after a quote, a tab: code
])
@pytest.mark.parametrize("rendering", [BODY, HANDWRITTEN], ids=["body", "as-written"])
def test_braces_in_code_are_not_counted(body, rendering):
    assert body_problems(body, rendering) == []


# ... and where it reads them, the same braces are still counted: after a list an indented block is the item's, a fence
# indented or in a quote is none (fenced_code reads fences at the margin), a heading of JSON is a heading
@pytest.mark.parametrize("body", [
    "返回示例：\n\n- 甲\n\n    ## " + "{: " * 40_000 + "\n",
    "返回示例：\n\n> ```\n> ## " + "{: " * 40_000 + "\n> ```\n",
    "返回示例：\n\n ```\n## " + "{: " * 40_000 + "\n ```\n",
    "返回示例：\n\n```\n甲\n\n## " + "{: " * 40_000 + "\n",                     # a fence never closed
    "| 甲 | 乙 |\n|---|---|\n" + "{: " * 40_000 + "\n",                         # a row of a table, without pipes
    "| 说明" + " " * 20_000 + "{" + "甲" * 20_000 + " | 乙 |\n|---|---|\n",  # 2.7 s of attr_list: each space a try
    "## 说明" + " " * 20_000 + "{" + "甲" * 20_000 + " *乙*\n",   # the same in the text before its last element
])
@pytest.mark.parametrize("rendering", [BODY, HANDWRITTEN], ids=["body", "as-written"])
def test_braces_attr_list_reads_outside_code_are_counted(body, rendering):
    with within(3):
        found = body_problems(body, rendering)
    assert [p for p in found if "花括号" in p[1]], found


# Braces attr_list reads nothing of, many to a line: neither counted nor tried for a list, at once
@pytest.mark.parametrize("body", [
    "正文 " + "{ " * 300_000 + "}\n",                          # a paragraph reads a list only on a line of its own
    "```\n## " + "{: " * 300_000 + "}\n```\n",                # code
    "    ## " + "{: " * 300_000 + "}\n",
])
def test_braces_attr_list_reads_nothing_of_are_passed_at_once(body):
    with within(3):
        assert body_problems(body, HANDWRITTEN) == []


# A list in a table cell that is not its row's last: the tables split the row first, attr_list reads each cell's end
@pytest.mark.parametrize("table, line", [
    ("| 罰款 {: .x } | 5 |\n|---|---|\n| 1 | 2 |\n", 1),
    ("| 項目 | 金額 |\n|---|---|\n| 罰款 {: lang=编者注 } | 5 |\n", 3),
    ("項目 | 金額 | 備註\n---|---|---\n罰款 {: .x } | 5 {: .y } | 無\n", 3),
    ("> | 項目 | 金額 |\n> |---|---|\n> | `a|b` 罰款 {: .x } | 5 |\n", 3),   # a pipe in code ends no cell
    ("| 項目 | 金額 |\n|---|---|\n| 罰款 \\| 甲 {: .x } | 5 |\n", 3),         # nor an escaped one
])
def test_a_list_ending_a_cell_before_the_rows_last_is_refused_by_check(repo: Repo, render_body, table, line):
    assert ' class="x"' in render_body(table) or 'lang="编者注"' in render_body(table)  # as the page renders it
    repo.replace("gazette/2018/06/xzbf-68.md", "（一）加强统筹", f"{table}\n（一）加强统筹")
    lines = (repo.path / "gazette/2018/06/xzbf-68.md").read_text(encoding="utf-8").split("\n")
    first = lines.index(table.split("\n")[0]) + 1
    assert {d.line - first + 1 for d in repo.check().diagnostics if "属性列表" in d.message} == {line}


@pytest.mark.parametrize("table", [
    "| 公式 {X} = {A} + {B} | 说明 |\n|---|---|\n| 1 | {A} 为基数 |\n",  # braces of a formula: no list
    "| 項目 | 金額 |\n|---|---|\n| 罰款 {: .x } 元 | 5 |\n",      # not at the cell's end
])
def test_braces_in_a_cell_attr_list_reads_no_list_of_pass(table):
    assert body_problems(table, BODY) == []


@pytest.fixture(scope="module")
def attr_list_reads():
    """``read(text, rendering)``: what the site's attr_list reads of the page of ``text``, rendered as ``rendering``
    says, over and over: each "{" after k spaces in a heading's, a cell's or a term's text costs k reads of the rest of
    its line (each space a start of its pattern, each reading on to the end for a "}"). The anchor the body's rendering
    gives a heading ({ #sec-1 }) is the rendering's, not the text's."""
    md = site_markdown()
    processor = md.treeprocessors["attr_list"]
    searched: list[str] = []

    class Recorder:
        def search(self, text, *args):
            searched.append(text)
            return type(processor).HEADER_RE.search(text, *args)

    processor.HEADER_RE = Recorder()
    assign = processor.assign_attrs

    def assigned(elem, attrs_string, **strict):
        lists.append(attrs_string)
        return assign(elem, attrs_string, **strict)
    lists: list[str] = []
    processor.assign_attrs = assigned

    def read(text, rendering):
        searched.clear()
        lists.clear()
        md.reset().convert(body_markdown.markdown(text) if rendering.numbered else text)
        total = 0
        for text in searched:
            for line in (re.sub(r" \{ #[a-z0-9_-]+ \} *$", "", line) for line in text.split("\n")):
                for brace in re.finditer(r"(?<= )( *)\{", line):
                    total += (len(brace.group(1)) + 1) * (len(line) - brace.end() + 1)
        # the attributes of the lists it gave an element, less the anchors and roles the body's rendering writes
        given = {tuple(pair) for found in lists for pair in get_attrs_and_remainder(found)[0]}  # key=value: a list
        return total, {(name, value) for name, value in given if not (name == "id" and re.fullmatch(r"(sec|chap|art)[0-9_-]+", value or "")) and not (name == "." and value.startswith("gb-"))}
    yield read
    del processor.HEADER_RE, processor.assign_attrs


# Lines of every block the parser may read a heading, a cell or code from, in containers and after gaps, with braces
_CONTAINERS = ["", "", "> ", "- ", "1. ", "  ", "    ", "\t", "> - ", "        "]
_LINES = ["# 标题", "| 甲 {: .m } | 乙 |", "| {: .s } |", "- {: .t }", "<b>甲</b>", '<span title="`">',
          '<p markdown="1">', "甲 *丙*{: .i } | 乙", "| `a|b` {: .k } | 乙 |", "## 说明 ##", "一、总则", "（二）办理", "第三条 罚款", "正文", "| 甲 | 乙 |", "|---|---|", "甲 | 乙", "-|-",
          "---", "===", "```", "~~~", "``` { .x }", "````", '<div markdown="1">', "<h2 markdown=\"1\">", "</div>", "",
          "*甲*", "[链接](地址)", "## 说明 {注} `甲`", "| 甲 {: .m } `x` | 乙 |", '<dt markdown="1">甲 {: .n } *x*</dt>', "<dl markdown=\"1\">", "甲 {: .o } *x* | `乙`"]
_BRACES = ["", "", " {x", "  {: .a }", "*乙*{: .b }", " {", "\t{y}", "{: #c }", " { ", "   {甲", " `{: .d }`", "`{e}", "`",
           " {: .f } *丙*", "{: .g } [丁](#丁)", " {x} *丙* {: .h }", "{: .g2 } <b>甲</b> *乙*", ' {: title="a} *b*" } *c*',
           " {: .u } **甲 `乙`**", "_甲_ {: .v } ![图](a.png)", " {: .w } <https://a.cn>", "\\{: .z } *甲*", " {: .q }  *甲*  "]  # a list before an inline element ending the text


@settings(max_examples=examples(1000), deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_CONTAINERS), st.sampled_from(_LINES), st.sampled_from(_BRACES)),
                min_size=1, max_size=12),
       st.sampled_from([BODY, HANDWRITTEN]))
def test_what_attr_list_reads_over_and_over_is_never_counted_short(attr_list_reads, lines, rendering):
    """What the rule counts of a text's braces is at least what the renderer's attr_list reads of them."""
    text = "\n".join(container + line + braces for container, line, braces in lines) + "\n"
    lines = text.split("\n")
    kinds = html_safety._reading(text, lines, rendering)  # noqa: SLF001 — the reading the budget counts in
    counted = sum(html_safety._brace_reading(lines[number], kind) for number, kind in kinds.items())  # noqa: SLF001
    read, given = attr_list_reads(text, rendering)
    assert counted >= read


@settings(max_examples=examples(1000), deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_CONTAINERS), st.sampled_from(_LINES), st.sampled_from(_BRACES)),
                min_size=1, max_size=12),
       st.sampled_from([BODY, HANDWRITTEN]))
# found by Hypothesis: a setext heading whose text ends in a code span, attr_list reading the text before it
@example([("", "- {: .t }", " `{: .d }`"), ("", "---", "")], BODY)
@example([("", "- {: .t }", " `{: .d }`"), ("", "---", "")], HANDWRITTEN)
@example([("", "正文", ""), ("", "{: #c }", "*乙*{: .b }")], HANDWRITTEN)  # a paragraph's line before its element
@example([("- ", "正文", ""), ("  ", "{: #c }", " `{: .d }`"), ("  ", "- {: .t }", "")], HANDWRITTEN)  # an item's
@example([("", "## 说明 {注} `甲`", "  {: .a }")], BODY)  # after the last element: its tail, searched on its own
@example([("", '<dt markdown="1">甲 {: .n } *x*</dt>', " { ")], BODY)  # an end tag ends the term's text
def test_every_list_attr_list_reads_is_one_the_rule_reads(attr_list_reads, lines, rendering):
    """Each attribute the renderer's attr_list gives an element is one of a list the rule reads (``_attr_lists``), on a
    line of its own too ("\t{y}" under an item, which the rule read only after spaces), none of them a list the rule
    takes for a cell's text (``_cell_starts``)."""
    text = "\n".join(container + line + braces for container, line, braces in lines) + "\n"
    lines = text.split("\n")
    kinds = html_safety._reading(text, lines, rendering)  # noqa: SLF001
    made = html_safety._made(text, kinds) if rendering.numbered else {}  # noqa: SLF001
    shown = html_safety._cell_starts(text, lines, rendering, kinds)  # noqa: SLF001
    read = {pair for number, kind in kinds.items()  # noqa: SLF001
            for found, *_ in html_safety._attr_lists(lines, number, rendering, kind, True, made, html_safety._html_from(text),
                                                     shown.get(number, ()), body_markdown.runs_on(text))
            for pair in map(tuple, get_attrs_and_remainder(found)[0])}
    assert attr_list_reads(text, rendering)[1] <= read


# A heading the body's rendering numbers, its text ending in braces: the anchor it writes after them ({ #sec-2 }) closes
# them, attr_list reads neither, and the page shows both, its anchor lost (toc's id of the whole text holds it, which the
# rendered check refused as a reserved id while check passed, or told of an id no link goes to that the page never had)
NUMBERED_BRACES = [
    ("## 第一章 {: #总则 }\n\n见[总则](#总则)。\n", "chap-1"),          # with a link to the id: check passed
    ("## 第一章 {: #总则 }\n\n甲。\n", "chap-1"),                       # without: check told of the id
    ("甲。\n\n第一章 總則 {: #總則 }\n\n見[總則](#總則)。\n", "chap-1"),  # not written as a heading, Traditional
    ("一、总则 {注}\n\n乙。\n", "sec-1"),                               # braces of text
    ("一、总则\n\n二、附则 {: .x }\n", "sec-2"),
    ("### （一）總則 {: title=說明 }\n", "sec-1"),
    ("一、总则 {注}。开展统筹工作，推进各项改革任务落实，加强组织领导，确保取得实效。\n", "sec-1"),  # a long line's heading
    ("一、总则 {注} * 甲\n", "sec-1"),                                # a "*" that begins no element
]


@pytest.mark.parametrize(("body", "anchor"), NUMBERED_BRACES)
def test_braces_a_numbered_headings_anchor_closes_are_refused_by_check_and_the_build_alike(render_body, body, anchor):
    message, _ = html_safety.anchor_lost(anchor)
    line = next(n for n, text in enumerate(body.split("\n"), 1) if "{" in text)
    # a link to the id the braces meant goes nowhere: told too, by both
    linked = [(n, html_safety.missing_target(text.split("](#")[1].split(")")[0])[0])
              for n, text in enumerate(body.split("\n"), 1) if "](#" in text]
    assert [(n, m) for n, m, _ in body_problems(body, BODY)] == [(line, message), *linked]
    html = render_body(body)
    assert f"{{ #{anchor} }}</h" in html  # shown, the anchor lost
    allowed = Counter(body_markdown.generated(body))
    assert [v.message for v in rendered_html.violations(html, allowed)] == [f"发布的页面中 {m}" for _, m in [(0, message), *linked]]


# ... where the rendering writes the anchor elsewhere, braces are the text's: a long line's rest, an article's paragraph
# (its anchor on a line of its own), a list item of an article
@pytest.mark.parametrize("body", [
    "（一）加强统筹。开展 {注} 工作。\n",
    "第三条 罚款 {注}\n",
    "第三条{: .x } 罚款\n",                                # after the article's number, raw HTML: no inline element
    "第一条 总则\n\n（一）罚款 {注}\n",
    "（一）加强统筹。{: title=\"说明\" }\n",
    "一、总则｛注｝\n",
])
def test_braces_a_numbered_headings_anchor_does_not_close_pass(render_body, body):
    html = render_body(body)
    assert body_problems(body, BODY) == []
    assert rendered_html.violations(html, Counter(body_markdown.generated(body))) == []


def test_check_refuses_a_numbered_headings_braces_in_the_sample_at_their_line(site_repo: Repo):
    doc = "gazette/2018/06/xzbf-68.md"
    text = (site_repo.path / doc).read_text(encoding="utf-8")
    heading = next(line for line in text.split("\n") if line.startswith("二、"))
    site_repo.replace(doc, f"{heading}\n", f"## {heading} {{: #总则 }}\n\n见[总则](#总则)。\n")
    line = text.split("\n").index(heading) + 1
    assert [m for m in site_repo.messages() if "花括号" in m] == [
        f"{doc}:{line}: {' — '.join(html_safety.anchor_lost('sec-2'))}"]


# A list on a line of its own indented by a tab, which Python-Markdown makes spaces: the item's, the quote's list's (the
# rule looked for one only after spaces, and check passed what the build refused)
TAB_INDENTED = [
    "- 罰款五萬元。\n\t{y}\n",
    "- 甲\n \t{: .y }\n",
    "> - 罚款五万元。\n>\t{: .y }\n",
    "- 甲\n\t- 乙\n\t{: title=\"x\" lang=编者注 }\n",
    "* 甲\n\t\t{y}\n",
]


@pytest.mark.parametrize("body", TAB_INDENTED)
@pytest.mark.parametrize("rendering", [BODY, HANDWRITTEN], ids=["body", "as-written"])
def test_a_tab_indented_list_under_an_item_is_refused_by_check_and_the_build(render_as, body, rendering):
    html = render_as(body, rendering)
    assert rendered_html.violations(html, Counter(body_markdown.generated(body) if rendering.numbered else ())) != []
    assert [line for line, message, _ in body_problems(body, rendering) if "属性列表" in message] == [body.count("\n")]


# Braces right after a code span's opening backtick are code: attr_list reads no list there (check refused them)
IN_CODE_SPANS = [
    "配置写成 `{: .x }` 即可。\n",
    "配置写成 `{y}` 即可，``{z}`` 亦同。\n",
    "## 說明 `{y}`\n",
    "一、说明 `{y}`\n",                       # a numbered heading: its anchor is read after the code
    "| 甲 | `{y}` |\n|---|---|\n| 1 | 2 |\n",
    "> - 甲 `{: #编者注 }`\n",
]


@pytest.mark.parametrize("body", IN_CODE_SPANS)
@pytest.mark.parametrize("rendering", [BODY, HANDWRITTEN], ids=["body", "as-written"])
def test_braces_in_a_code_span_pass_check_and_the_build(render_as, body, rendering):
    html = render_as(body, rendering)
    assert rendered_html.violations(html, Counter(body_markdown.generated(body) if rendering.numbered else ())) == []
    assert body_problems(body, rendering) == []


# ... and a list after a code span, or where a backtick above may pair with the line's, is still read
@pytest.mark.parametrize("body", [
    "`a`{y} 和 `{y}`\n",
    "`` `{y}` ``{y}\n",
    "- `a\n- b`\n`{y}`\n",                     # the item's paragraph pairs the backticks otherwise: <code y>
])
@pytest.mark.parametrize("rendering", [BODY, HANDWRITTEN], ids=["body", "as-written"])
def test_a_list_after_a_code_span_is_still_refused(render_as, body, rendering):
    html = render_as(body, rendering)
    assert [v.message for v in rendered_html.violations(html, Counter())] == ["发布的页面中 <code> 的属性 y 不在允许范围内"]
    assert [message for _, message, _ in body_problems(body, rendering)] == ["属性列表 {: … } 的属性 y 不在允许范围内"]


@pytest.mark.parametrize("body, refused", [
    ('<h2 markdown="1">\n> ```\n一、总则 `{: .d }`\n', True),  # the element reads its lines as one run: `` ` `` pairs across
    ('<h2 markdown="1">\n```\n\n# 标题 `{: .d }`\n', True),   # a blank line too
    ("说明\n`甲\n一、总则 `{y}`\n", False),                    # the rendering makes each line a block: none pairs
    ("<b>甲</b>\n说明\n`甲\n一、总则 `{y}`\n", False),          # an inline tag above ends no block (check refused it)
    ('<span title="`">甲</span>\n`甲\n一、總則 `{: .d }`\n', False),  # nor does a backtick in its attribute
    ("甲<b>乙</b>\n\n`甲\n（一）说明 `{y}`\n", False),
    ('<b>甲</b>\n<p markdown="1">\n`甲\n\n一、总则 `{y}`\n</p>\n', True),  # a block element below it still joins lines
    ('<b>甲</b>\n<div markdown="1">\n\n<h2 markdown="1">\n`甲\n\n一、总则 `{: .d }`\n</h2>\n</div>\n', True),
    ("<i>甲</i>\n`甲\n一、总则 {y}`\n", True),                   # braces after the code span: its anchor closes them
])
def test_a_numbered_heading_under_a_backtick_is_read_as_the_rendering_pairs_them(render_as, body, refused):
    """Found by the property test below (Hypothesis): a backtick above a numbered heading, in HTML that reads its lines
    as one text, closes a code span at the heading's, and the braces after are an attribute list of the <code>."""
    html = render_as(body, BODY)
    assert bool(rendered_html.violations(html, Counter(body_markdown.generated(body)))) == refused
    assert bool(body_problems(body, BODY)) == refused


# A list on a line of its own under a table's rows is a row to the tables: a cell of its text ("{: .y }"), which attr_list
# reads nothing of (it reads a cell's list after a space in its text, and the tables strip a cell's spaces). check read
# it as a paragraph's (a line of its own ending a block) and refused what the page shows as text; which "{" begins a
# cell is the tables' own reading (table_cells.cell_starts)
SHOWN_IN_A_CELL = [
    "| 甲 | 乙 |\n|---|---|\n| 1 | 2 |\n{: .y }\n",
    "| 甲 | 乙 |\n|---|---|\n| 1 | 2 |\n{: #注 }\n",                         # no id: nothing for a link to go to
    "- | 甲 | 乙 |\n  |---|---|\n  | 1 | 2 |\n  {: .y }\n",
    "> | 項目 | 金額 |\n> |---|---|\n> | 罰款 | 五萬元 |\n> {: .說明 }\n",
    '<div markdown="1">\n| 甲 | 乙 |\n|---|---|\n| 1 | 2 |\n{: .y }\n</div>\n',
    "| 甲 | 乙 |\n|---|---|\n| 1 | 2 |\n| {: .y } | 3 |\n",
    "- | 甲 | 乙 |\n  |---|---|\n  | 1 | 2 |\n{: .y }\n",                      # a lazy line: the item's row
    ">| 甲 | 乙 |\n>|---|---|\n>| 1 | 2 |\n>{: .y }\n",
    "| 甲 | 乙 |\n|---|---|\n| 1 | 2 |\n\t{: .y }\n",
]
# ... and where the page gives an element the list, check still refuses it
APPLIED_NEAR_A_TABLE = [
    ("| 甲 |\n|---|\n| 1 |\n{: .y }\n", "<p>"),                               # one column, a row without a pipe: no table
    ("| 甲 |\n|---|\n{: .y }\n", "<p>"),
    ('<div markdown="1">\n\n| 甲 |\n|---|\n| 1 |\n{: .y }\n\n</div>\n', "<p>"),
    ("| 甲 | 乙 | 丙 |\n|---|---|\n| 1 | 2 |\n{: .y }\n", "<p>"),                 # a header the separator does not fit
    ("x | 甲 | 乙 |\n|---|---|\n| 1 | 2 |\n{: .y }\n\n| 甲 | 乙 |\n|---|---|\n| 1 | 2 |\n{: .z }\n", "<p>"),  # the same rows
    ("| 甲 | 乙 |\n|---|---|\n| 1 | 2 |\n- {: .y }\n", "<td>"),                    # text before it in the cell: a space
    ("| 甲 | 乙 |\n|---|---|\n| 1 | 2 |\n1 {: .y }\n", "<td>"),
    ("| 甲 | 乙 |\n|---|---|\n| 1 | 2 |\n> {: .y }\n", "<td>"),                    # no quote: the row's text
    ("| 甲 | 乙 |\n|---|---|\n| 1 | 2 |\n \u3000 {: .y }\n", "<td>"),               # an ideographic space is no blank to it
    ("| 甲 | 乙 |\n|---|---|\n| 1 | *2*{: .y } |\n", "<em>"),
    ("> | 甲 |\n> |---|\n> | 1 |\n> {: .y }\n", "<p>"),
]


@pytest.mark.parametrize("body", SHOWN_IN_A_CELL)
@pytest.mark.parametrize("rendering", [BODY, HANDWRITTEN], ids=["body", "as-written"])
def test_a_list_the_tables_make_a_cells_text_passes(render_as, body, rendering):
    html = render_as(body, rendering)
    assert "{: " in html and rendered_html.violations(html, Counter(body_markdown.generated(body) if rendering.numbered else ())) == []
    assert body_problems(body, rendering) == []


@pytest.mark.parametrize(("body", "tag"), APPLIED_NEAR_A_TABLE)
@pytest.mark.parametrize("rendering", [BODY, HANDWRITTEN], ids=["body", "as-written"])
def test_a_list_the_page_applies_near_a_table_is_still_refused(render_as, body, tag, rendering):
    html = render_as(body, rendering)
    assert [v.message.split("」")[0] for v in rendered_html.violations(html, Counter())] == [f"发布的页面中 {tag} 的 class「y"]
    assert [message.split("」")[0] for _, message, _ in body_problems(body, rendering)] == ["属性列表 {: … } 的 class「y"]


def test_a_link_to_an_id_the_tables_show_as_text_is_refused():
    """{: #注 } under a table's rows is a cell's text, no id: a link to #注 goes nowhere (check counted the id)."""
    body = "| 甲 | 乙 |\n|---|---|\n| 1 | 2 |\n{: #注 }\n\n见[注](#注)。\n"
    assert [(line, message.split("：")[0]) for line, message, _ in body_problems(body, HANDWRITTEN)] == [
        (6, "链接 “#注” 指向的位置在本页不存在")]


# A list on a line of its own runs on in the block of the line before as the body's rendering writes them: only two
# lines of plain text get a blank line between them. Found by the property test: check took every line of a body for
# a paragraph of its own but after a line of block syntax, while in the rendering's fence (an unclosed ```, which the
# site's Markdown shows as text) or under a line of spaces and braces the lines run on, and the page gave the paragraph
# the list; a line of an ideographic space, which check took for a blank one, is text to Python-Markdown
RUN_ON = [
    "```\n一、总则\n  {: .a }\n",
    "```\n甲 | 乙\n  {: .a }\n",
    "{: .r }\n          {: .a }\n",
    "甲\n\u3000\n{: .a }\n",
]


@pytest.mark.parametrize("body", RUN_ON)
def test_a_list_on_a_line_the_rendering_runs_on_is_refused(render_body, body):
    html = render_body(body)
    assert [v.message.split("」")[0] for v in rendered_html.violations(html, Counter(body_markdown.generated(body)))] == [
        "发布的页面中 <p> 的 class「a"]
    assert [message.split("」")[0] for _, message, _ in body_problems(body, BODY)] == ["属性列表 {: … } 的 class「a"]


def test_a_list_under_a_line_of_text_is_its_own_paragraph_in_a_body():
    """The rendering makes each line of text a paragraph: a list after one is shown, as before."""
    assert body_problems("说明\n{: .a }\n", BODY) == []


# attr_list searches a heading's, cell's or term's text for a list at its end: after its last inline element (the
# element's tail), or, where that ends the text, in the text before its first one (elem.text): a list there, in the
# middle of the line, the page applies; a line of its own in a paragraph or an item so too (the rule read only a line's
# end, and check passed what the build refused). Found by the property test above (Hypothesis).
BEFORE_AN_INLINE_ELEMENT = [
    ("- {: .t } `{: .d }`\n---\n", 1, (BODY, HANDWRITTEN)),           # a setext heading, code in the element
    ("## 说明 {: .t } `代码`\n", 1, (BODY, HANDWRITTEN)),
    ("## 说明 {: .t } **甲 *乙***\n", 1, (BODY, HANDWRITTEN)),         # nested
    ("### 說明 {: .t } [連結](https://www.gov.cn)\n", 1, (BODY, HANDWRITTEN)),
    ("## 说明 {: .t } ![图](a.png)\n", 1, (BODY, HANDWRITTEN)),
    ("## 说明 {: .t } <https://www.gov.cn>\n", 1, (BODY, HANDWRITTEN)),  # an autolink
    ("## 说明 <b>甲</b> {: .t } *乙*\n", 1, (BODY, HANDWRITTEN)),       # raw inline HTML is text to it
    ("> ## 說明 {: .t } *乙* ##\n", 1, (BODY, HANDWRITTEN)),           # in a quote, closing hashes
    ("- ## 说明 {: .t } *乙*\n", 1, (BODY, HANDWRITTEN)),
    ("| 項目 {: .t } *甲* | 金額 |\n|---|---|\n| 1 | 2 |\n", 1, (BODY, HANDWRITTEN)),   # <th>
    ("| 甲 | 乙 |\n|---|---|\n| 1 {: .t } `x` | 2 |\n", 3, (BODY, HANDWRITTEN)),       # <td>
    ('<dl markdown="1">\n<dt markdown="1">说明 {: .t } *甲*</dt>\n</dl>\n', 2, (BODY, HANDWRITTEN)),
    ('<div markdown="1">\n## 说明 {: .t } *甲*\n</div>\n', 2, (BODY, HANDWRITTEN)),
    ('<dt markdown="1">甲 {: .t } *x*</dt> { \n', 1, (BODY, HANDWRITTEN)),   # its end tag before the line's end
    ('<h2 markdown="1">說明 {: .t } `甲`</h2> 注\n', 1, (BODY, HANDWRITTEN)),
    ("甲\n{: .t } *乙*\n丙 *丁*\n", 2, (HANDWRITTEN,)),               # a paragraph's line: the body's rendering
    ("- 甲\n  {: .t } *乙*\n  - 丙\n", 2, (BODY, HANDWRITTEN)),       # makes each line one, not an item's
    ("甲\n\n第三条\n{: .t } *甲*\n", 4, (HANDWRITTEN,)),
    # ... and after the last one, the search of its tail: not of the text, whose braces before the element are another's
    ("## 说明 {注} *甲* {: .t }\n", 1, (BODY, HANDWRITTEN)),
    ("### 說明 {: .y } `甲` {: .t }\n", 1, (BODY, HANDWRITTEN)),
    ("| 说明 {注} [甲](https://www.gov.cn) {: .t } | 乙 |\n|---|---|\n| 1 | 2 |\n", 1, (BODY, HANDWRITTEN)),
]


@pytest.mark.parametrize(("body", "line", "renderings"), BEFORE_AN_INLINE_ELEMENT)
@pytest.mark.parametrize("rendering", [BODY, HANDWRITTEN], ids=["body", "as-written"])
def test_a_list_before_the_inline_element_ending_a_text_is_refused(render_as, body, line, renderings, rendering):
    html = render_as(body, rendering)
    applied = rendering in renderings
    assert bool(re.search(r'<[a-z0-9]+ class="t"', html)) == applied, html
    assert [(n, m.split("」")[0]) for n, m, _ in body_problems(body, rendering)] == (
        [(line, "属性列表 {: … } 的 class「t")] if applied else [])


# ... and braces there the page shows as text still pass: text after the element (its tail is searched), a "{" the
# search passes for an earlier one, code, an article's paragraph (its number is raw HTML, <b>第三条</b>)
@pytest.mark.parametrize("body", [
    "## 说明 {注} *重点* 其他\n",
    "## 说明 {x} {: .t } *乙*\n",
    "## 说明 `{: .t } *乙*`\n",
    "## 说明 `a {x}` {: .t } *c*\n",                       # after a code span: no text before the first element
    "| 甲 | 乙 |\n|---|---|\n| `a {x}` *b* | 2 |\n",        # in one
    "第三条 罚款 {: .t } *甲*\n",
    "（一）加强统筹 {: .t } 工作 *甲*\n",                  # a numbered heading: the element's tail is its anchor
])
@pytest.mark.parametrize("rendering", [BODY, HANDWRITTEN], ids=["body", "as-written"])
def test_braces_before_an_inline_element_attr_list_reads_no_list_of_pass(render_as, body, rendering):
    html = render_as(body, rendering)
    assert rendered_html.violations(html, Counter(body_markdown.generated(body) if rendering.numbered else ())) == []
    assert body_problems(body, rendering) == []


# What the rule does with such a list: an id imitating the site's anchors and an event handler are refused by check at
# their line, as the build refuses them
@pytest.mark.parametrize(("heading", "message"), [
    ("## 说明 {: #art-1 } `甲`", "属性列表 {: … } 的 id「art-1」是网站保留的锚点或标识"),
    ("### 說明 {: onclick=x } [連結](https://www.gov.cn)", "属性列表 {: … } 带有事件属性 onclick，不允许执行脚本"),
    ("## 说明 {注} `甲` {: #art-1 }", "属性列表 {: … } 的 id「art-1」是网站保留的锚点或标识"),
    ("| 項目 {: #chap-1-sec-2 } *甲* | 金額 |\n|---|---|\n| 1 | 2 |", "属性列表 {: … } 的 id「chap-1-sec-2」是网站保留的锚点或标识"),
])
def test_a_dangerous_list_before_an_inline_element_is_refused_by_check_at_its_line(repo: Repo, render_body, heading,
                                                                                   message):
    told = message.removeprefix("属性列表 {: … }")  # as the rendered check tells it of the element
    assert [v for v in rendered_html.violations(render_body(heading + "\n"), Counter()) if v.message.endswith(told)]
    doc = "gazette/2018/06/xzbf-68.md"
    repo.replace(doc, "（一）加强统筹", f"{heading}\n\n（一）加强统筹")
    line = (repo.path / doc).read_text(encoding="utf-8").split("\n").index(heading.split("\n")[0]) + 1
    found = [(d.path, d.line, d.message) for d in repo.check().diagnostics]
    assert (doc, line, message) in found and {(path, n) for path, n, _ in found} == {(doc, line)}  # an id also the anchors'
