"""rules/html_safety.py's reading of attribute lists ({: … }) as Python-Markdown's attr_list reads them: where it reads
one (a heading, a table cell, an inline element's tail, a line of its own at a block's end) and where it never does
(code, fenced or indented), which bounds what the rule counts of the braces attr_list reads over and over
(``_brace_problems``) and where the rule looks for lists; each held to the project's renderer."""
from __future__ import annotations

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import examples, site_markdown
from deadline import within
from gongbao.content import body_markdown
from gongbao.rules import html_safety
from gongbao.rules.html_safety import body_problems
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

    def read(text, rendering):
        searched.clear()
        md.reset().convert(body_markdown.markdown(text) if rendering.numbered else text)
        total = 0
        for text in searched:
            for line in (re.sub(r" \{ #[a-z0-9_-]+ \} *$", "", line) for line in text.split("\n")):
                for brace in re.finditer(r"(?<= )( *)\{", line):
                    total += (len(brace.group(1)) + 1) * (len(line) - brace.end() + 1)
        return total
    yield read
    del processor.HEADER_RE


# Lines of every block the parser may read a heading, a cell or code from, in containers and after gaps, with braces
_CONTAINERS = ["", "", "> ", "- ", "1. ", "  ", "    ", "\t", "> - ", "        "]
_LINES = ["# 标题", "## 说明 ##", "一、总则", "（二）办理", "第三条 罚款", "正文", "| 甲 | 乙 |", "|---|---|", "甲 | 乙", "-|-",
          "---", "===", "```", "~~~", "``` { .x }", "````", '<div markdown="1">', "<h2 markdown=\"1\">", "</div>", "",
          "*甲*", "[链接](地址)"]
_BRACES = ["", "", " {x", "  {: .a }", "*乙*{: .b }", " {", "\t{y}", "{: #c }", " { ", "   {甲"]


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
    assert counted >= attr_list_reads(text, rendering)
