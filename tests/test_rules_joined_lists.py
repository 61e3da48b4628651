"""rules/joined_lists.py: a list written right under a paragraph, which the renderer runs into that paragraph, is told
at its first item; what renders as intended is not."""
import re

import pytest

from conftest import Repo
from gongbao.rules import joined_lists

DOC = "gazette/2018/06/xzbf-68.md"
JD = "interpretations/xzbf-68-jd.md"
HINT = "在列表前空一行"

# (body, the line of each first item run into a paragraph): both scripts, every marker, the containers
JOINED = [
    ("主要任务如下：\n- 第一项\n- 第二项", [2]),
    ("主要任務如下：\n- 第一項\n- 第二項", [2]),                       # Traditional
    ("主要任务如下：\n* 第一项", [2]),
    ("主要任务如下：\n+ 第一项", [2]),
    ("主要任务如下：\n   - 第一项", [2]),
    ("主要任务如下：\n    - 第一项", [2]),                             # indented: still the paragraph's text
    ("主要任务如下：\n2018. 年度任务", [2]),
    ("    主要任务如下：\n- 第一项", [2]),                             # the body's first line: no code, the body stripped                          # a number no heading takes
    ("> 主要任务如下：\n> - 第一项\n> - 第二项", [2]),                 # in a block quote
    ("> 主要任務如下：\n> 1. 第一項", [2]),                             # numbered, in a block quote: no heading there
    ("> 主要任务如下：\n- 第一项", [2]),                               # the quote's lazy line
    ("> > 主要任务如下：\n> > - 第一项", [2]),
    ("- 项目\n\n    主要任务如下：\n    - 第一项", [4]),               # a list item's paragraph
    ("- 項目\n\n    > 引用如下：\n    > - 第一項", [4]),               # a block quote in a list item
    ("- 项目\n说明\n补充如下：\n- 第二项", [4]),                      # two pasted lines: a blank line between them
    ("第一段。\n\n主要任务如下：\n- 第一项\n\n其他：\n+ 甲\n+ 乙", [4, 7]),
    ("***\n主要任务如下：\n- 第一项", [3]),                              # a paragraph after a rule
    # 1) is no list marker: the paragraph's text, run into it where no blank line is put between
    ("> 主要任务如下：\n> 1) 第一项\n> 2) 第二项", [2]),
    ("> 1) 第一項\n> 2) 第二項", [2]),
    ("- 项目\n\n    主要任务如下：\n    1) 第一项", [4]),
]
# What renders as written: nothing to tell
SILENT = [
    "主要任务\n---\n- 第一项",                                         # a heading (setext): the list is its own
    "主要任务\n-\n- 第一项",
    "> 主要任務\n> ===\n> - 第一項",
    "主要任务如下：\n- - -\n- 第一项",                                  # a rule ends the paragraph
    "主要任务如下：\n***\n- 第一项",
    "> 主要任务如下：\n> ___\n> - 第一项",
    "> 主要任务如下：\n> 说明\n> ---\n> - 第一项",                       # the block's third line: a rule, no underline
    "主要任务如下：\n\n- 第一项\n- 第二项",
    "主要任务如下：\n1. 细化任务\n2. 强化保障",                          # official numbered lines: headings of their own
    "主要任务如下：\n\n1. 细化任务\n\n2. 强化保障",
    "一、总体要求\n- 第一项",                                        # after a heading
    "第三条 主要任务如下：\n- 第一项",                                 # after an article
    "## 说明\n- 第一项",
    "- 第一项\n- 第二项\n续写\n- 第三项",                              # a list item's own lines
    "- 主要任务如下：\n    - 第一项",                                   # a nested list
    "> 主要任务如下：\n>\n> - 第一项",
    "主要任务如下：\n> - 第一项",                                      # a block quote begins
    "主要任务如下：\n- - -",                                         # a rule
    "主要任务如下：\n-第一项",                                        # no marker: no list
    "```\n主要任务如下：\n- 第一项\n```",                              # code
    "第一段。\n\n    代码\n- 第一项",
    "| 项目 | 说明 |\n|---|---|\n| 甲 | 乙 |\n- 第一项",                  # a table's lines
    "主要任务如下：\n1) 细化任务\n2) 强化保障",                          # pasted lines: a paragraph each
    "- 主要任务如下：\n    1) 第一项",                                   # an item's text (rules.nested_lists tells it)
]
# A page of content/, which MkDocs renders as written (rules.rendering.HANDWRITTEN): (body, the lines told there)
AS_WRITTEN = [
    ("一、总体要求\n- 第一项", [2]),                                   # an official line is a paragraph there
    ("第三条 主要任務如下：\n- 第一項", [2]),
    ("主要任务如下：\n1. 细化任务\n2. 强化保障", [2]),                   # and 1. a list item
    ("> 一、引文\n> 1. 第一项", [2]),
    ("说明\n补充如下：\n- 第二项", [3]),                                # no blank line put between two lines
    ("- 项目\n说明\n补充如下：\n- 第二项", []),                          # the item's lazy lines: the list goes on
    ("    主要任务如下：\n- 第一项", []),                                # the first line indented: code, nothing stripped
    ("主要任务如下：\n\n1. 细化任务", []),
    ("## 说明\n- 第一项", []),
    ("主要任务如下：\n1) 细化任务\n2) 强化保障", [2]),                   # 1) no list: one paragraph of the three
    ("1) 細化任務\n2) 強化保障", [2]),
    ("> 一、引文\n> 1) 第一项", [2]),
    ("主要任务如下：\n\n1) 细化任务\n\n2) 强化保障", []),
]


def test_a_list_under_a_paragraph_is_told_at_its_first_item(repo: Repo):
    repo.replace(DOC, "（一）加强统筹。各地各部门要加强统筹。", "（一）加强统筹。各地各部门要加强统筹。\n主要任务如下：\n- 第一项\n- 第二项")
    assert repo.messages() == [f"{DOC}:15: [警告] 列表紧接在上一段下面、中间没有空行：网页会把“- 第一项”等列表项并进那一段，"
                               f"显示成一段文字 — {HINT}"]
    diagnostic, = repo.check().diagnostics
    assert (diagnostic.rule, diagnostic.is_error) == ("list-after-paragraph", False)


def test_in_an_interpretation_and_in_a_block_quote_in_traditional_script(repo: Repo):
    repo.replace(JD, "## 二、目标任务", "## 二、目标任务\n> 主要任務如下：\n> - 第一項")
    assert [d.line for d in repo.check().diagnostics] == [10]


def test_an_editors_note_is_out_of_the_body_as_out_of_the_page(repo: Repo):
    # a note on a line of its own takes that line: 第二项 is then right under 其他：, on the page too
    repo.replace(DOC, "（一）加强统筹。各地各部门要加强统筹。", "主要任务如下：<!-- 核对 -->\n- 第一项\n\n其他：\n<!-- 注 -->\n- 第二项")
    assert [d.line for d in repo.check().diagnostics] == [14, 18]


def test_a_withheld_passage_is_read_as_the_line_that_replaces_it(repo: Repo):
    repo.replace(DOC, "disclosure: 主动公开", "disclosure: 部分公开\ndisclosure_reason: 内部事务信息（第十六条）")
    repo.replace(DOC, "（一）加强统筹。各地各部门要加强统筹。", "【不予公开：内部事务】主要任务如下：【/不予公开】\n- 第一项\n\n【不予公开：内部事务】\n甲\n【/不予公开】\n\n- 第二项")
    assert [(d.line, d.rule) for d in repo.check().diagnostics] == [(15, joined_lists.ID)]  # its passages withheld: 甲 too


@pytest.mark.parametrize("text, lines", AS_WRITTEN)
def test_joined_as_written(text, lines):
    assert [line for line, *_ in joined_lists.joined(text, numbered=False)] == lines


@pytest.mark.parametrize("text, lines", JOINED)
def test_joined(text, lines):
    assert [line for line, *_ in joined_lists.joined(text)] == lines


@pytest.mark.parametrize("text", SILENT)
def test_silent(text):
    assert joined_lists.joined(text) == []


_RUN_IN = re.compile(r"<p[^>]*>[^<]*\n[ \t]*(?:[-*+]|\d+[.)])[ \t]", re.S)


@pytest.mark.parametrize("text, lines", JOINED + [(text, []) for text in SILENT])
def test_the_cases_are_what_the_project_renderer_shows(render_body, text, lines):
    """Each case as the site renders it: a paragraph with a list item's line in it exactly where the rule tells one."""
    assert bool(_RUN_IN.search(render_body(text))) == bool(lines), render_body(text)


@pytest.mark.parametrize("text, lines", AS_WRITTEN)
def test_the_cases_as_written_are_what_mkdocs_shows(render_as_written, text, lines):
    """Each case of a page of content/ as MkDocs renders it, the Markdown as written."""
    assert bool(_RUN_IN.search(render_as_written(text))) == bool(lines), render_as_written(text)


def test_lines_numbered_1_paren_run_together_are_told_with_what_to_write(repo: Repo):
    """1) is no list marker: on a page of content/ the lines are one paragraph, and 1. is the list that was meant; in a
    body a line 1. is an official heading, and a blank line keeps pasted lines apart."""
    repo.write("content/about.md", "---\ntitle: 关于本站\n---\n主要任务如下：\n1) 细化任务\n2) 强化保障\n")
    repo.replace(DOC, "（一）加强统筹。各地各部门要加强统筹。", "**注**：\n1) 细化任务\n2) 强化保障")
    told = "“{}”的“1)”不是本站 Markdown 的列表编号：网页会把这一行和下面这样的各行并进上一段，显示成一段文字"
    assert repo.messages() == [f"content/about.md:5: [警告] {told.format('1) 细化任务')} — 改为“1.”开头的列表，并在列表前空一行",
                               f"{DOC}:14: [警告] {told.format('1) 细化任务')} — 在这一行前空一行"]
