"""Python-Markdown takes each block of a text off the front of the list of those after it, so its time grows with the
square of the blocks: 240,000 paragraphs "甲。" (1.9 MB, under the 2 MB a body may have) took 20 s to render, 600,000
of "甲" (1.8 MB) 101 s, past the build's 30 s bound (gongbao.content.watchdog), while check passed them: the build alone
refused, after half a minute. rules.nesting.block_count refuses a text with more blank lines than MAX_BLOCKS, at the first past it."""
from __future__ import annotations

import time

import pytest

from conftest import Repo
from gongbao.rules import nesting
from gongbao.rules.html_safety import _site_markdown  # noqa: PLC2701 — the site's Markdown, as check renders with it

DOC = "gazette/2018/06/xzbf-68.md"
TOLD = f"正文的空行多于 {nesting.MAX_BLOCKS} 个"


@pytest.mark.parametrize("block", ["甲。\n\n", "> 罰款五萬元。\n>\n", "- 甲\n\n", "1\n \t\n"],
                         ids=["paragraphs", "a quote in Traditional", "a loose list", "blank lines with blanks"])
def test_a_text_of_too_many_blocks_is_refused_at_the_first_line_past_the_budget(block):
    (told,) = nesting.problems(block * (nesting.MAX_BLOCKS + 1))
    assert told[0] == 2 * nesting.MAX_BLOCKS + 2 and TOLD in told[1]


def test_the_most_blocks_the_budget_allows_render_in_about_a_second():
    text = "甲。\n\n" * (nesting.MAX_BLOCKS - 1)
    assert nesting.problems(text) == []
    started = time.process_time()
    _site_markdown().reset().convert(text)
    assert time.process_time() - started < 5


def test_check_refuses_a_document_of_too_many_blocks_at_its_line(repo: Repo):
    path = repo.path / DOC
    before = path.read_text(encoding="utf-8")
    path.write_text(before + "\n" + "甲。\n\n" * (nesting.MAX_BLOCKS + 1), encoding="utf-8")
    told = [str(d) for d in repo.check().diagnostics if d.rule == nesting.ID]
    assert len(told) == 1 and TOLD in told[0], told
    line = int(told[0].split(":")[1])  # a blank line of the paragraphs, the body's own blank lines counted too
    assert told[0].startswith(f"{DOC}:") and line > before.count("\n") + 2 * nesting.MAX_BLOCKS - 20
    assert path.read_text(encoding="utf-8").split("\n")[line - 1] == ""
