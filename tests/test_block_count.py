"""Python-Markdown takes each block of a text off the front of the list of those after it, so its time grows with the
square of the blocks: 240,000 paragraphs "甲。" (1.9 MB, under the 2 MB a body may have) took 20 s to render, 600,000
of "甲" (1.8 MB) 101 s, past the build's 30 s bound (gongbao.content.watchdog), while check passed them: the build alone
refused, after half a minute. rules.nesting.block_count refuses a text whose page has more blocks than MAX_BLOCKS, at the
first line past them: blank lines, or, in a body, the lines of text the body's rendering makes paragraphs."""
from __future__ import annotations

import time

import pytest

from conftest import Repo
from gongbao.rules import nesting
from gongbao.rules.rendering import BODY, HANDWRITTEN
from gongbao.rules.html_safety import site_markdown  # the site's Markdown, as check renders with it

DOC = "gazette/2018/06/xzbf-68.md"
TOLD = f"正文的段落多于 {nesting.MAX_BLOCKS} 个"


@pytest.mark.parametrize("block", ["甲。\n\n", "> 罰款五萬元。\n>\n", "- 甲\n\n", "1\n \t\n"],
                         ids=["paragraphs", "a quote in Traditional", "a loose list", "blank lines with blanks"])
def test_a_text_of_too_many_blocks_is_refused_at_the_first_line_past_the_budget(block):
    (told,) = nesting.problems(block * (nesting.MAX_BLOCKS + 1))
    assert told[0] == 2 * nesting.MAX_BLOCKS + 2 and TOLD in told[1]


def test_the_most_blocks_the_budget_allows_render_in_about_a_second():
    text = "甲。\n\n" * (nesting.MAX_BLOCKS - 1)
    assert nesting.problems(text) == []
    started = time.process_time()
    site_markdown().reset().convert(text)
    assert time.process_time() - started < 5


def test_check_refuses_a_document_of_too_many_blocks_at_its_line(repo: Repo):
    path = repo.path / DOC
    before = path.read_text(encoding="utf-8")
    path.write_text(before + "\n" + "甲。\n\n" * (nesting.MAX_BLOCKS + 1), encoding="utf-8")
    told = [str(d) for d in repo.check().diagnostics if d.rule == nesting.ID]
    assert len(told) == 1 and TOLD in told[0], told
    line = int(told[0].split(":")[1])  # the first line of text past them, the body's own lines counted too
    assert told[0].startswith(f"{DOC}:") and line > before.count("\n") + 2 * nesting.MAX_BLOCKS - 40
    assert path.read_text(encoding="utf-8").split("\n")[line - 1] == "甲。"


def test_a_body_of_too_many_lines_is_refused_as_its_page_renders_them():
    """The body's rendering makes each line of text a paragraph: 200,000 lines without a blank one took 15 s to render,
    40,000 1.3 s; check passed them."""
    body = "甲。\n" * (nesting.MAX_BLOCKS + 10)
    (told,) = nesting.problems(body, BODY)
    assert told[0] == nesting.MAX_BLOCKS + 1 and TOLD in told[1]
    assert nesting.problems(body, HANDWRITTEN) == []  # a page of content/ reads them as one paragraph


def test_a_table_of_many_rows_is_one_block():
    """A 公示名单 of 40,000 rows is one table: it renders in a few seconds and is not refused."""
    body = "| 序号 | 姓名 |\n|---|---|\n" + "".join(f"| {n} | 张三 |\n" for n in range(40_000))
    assert nesting.problems(body, BODY) == []
