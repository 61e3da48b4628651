"""rules/heading_levels.py: a heading written more than one level below the heading above it, which changes the page's
table of contents, is told at its line; headings that go down one level at a time, or up, are not."""
import re

import pytest

from conftest import Repo
from gongbao.publish.render import contents
from gongbao.rules import heading_levels, rendering

DOC = "gazette/2018/06/xzbf-68.md"
JD = "interpretations/xzbf-68-jd.md"

# (body, the line of each heading that skips a level): both scripts, written official headings and others
SKIPPING = [
    ("### 一、总体要求\n（一）加强统筹。", [1]),                           # an h3 right under the page's title
    ("### 一、總體要求\n（一）加強統籌。", [1]),                           # Traditional
    ("## 一、背景依据\n## 二、目标任务\n#### 三、主要内容", [3]),         # an interpretation's ## 三、 made ####
    ("## 一、背景依據\n#### 三、主要內容", [2]),
    ("一、总体要求\n#### （一）加强统筹", [2]),                           # under a plain official line (an h2)
    ("## 说明\n##### 附注\n## 其他\n#### 细则", [2, 4]),                  # headings of the editor's own
    ("```\n## 代码\n```\n### 一、总体要求", [4]),
]
SILENT = [
    "## 一、总体要求\n### （一）加强统筹\n#### 1. 细化任务",
    "## 一、背景依据\n## 二、目标任务\n## 三、主要内容",
    "## 说明\n### 细则\n#### 附注\n## 其他",                               # up again: any level
    "一、总体要求\n1. 细化任务\n（1）具体事项",                               # plain lines: ranked, none skipped
    "```\n#### 代码\n```",
    "> ## 一、引文\n> #### 三、引文",                                     # quoted: in no table of contents
    "- 项目\n\n    #### 细则",                                          # in a list item: neither
    "### 一、" + "很长的一句话" * 8 + "。后文",                           # no heading: a paragraph with an anchor
]
# A page of content/, which MkDocs renders as written (rules.rendering.HANDWRITTEN): (body, the lines told there)
AS_WRITTEN = [
    ("一、总体要求\n### （一）加强统筹", [2]),                            # 一、 is a paragraph there: no h2 above
    ("## 一、总體要求\n（一）加強統籌\n#### 1. 細化任務", [3]),
    ("### 一、总体要求\n正文", [1]),
    ("# 关于本站\n## 说明\n### 细则", []),
    ("一、总体要求\n1. 细化任务\n（1）具体事项", []),                      # no heading at all
]


def test_a_heading_skipping_a_level_is_told_at_its_line(repo: Repo):
    repo.replace(DOC, "一、总体要求", "### 一、总体要求")
    assert repo.messages() == [f"{DOC}:12: [警告] 标题“一、总体要求”是 3 级，上一个标题是 1 级，跳过了一级：本文目录和标题层次随之错乱"
                               " — 改为 ##（比上一个标题低一级），或删去 #，由系统按编号定级"]
    diagnostic, = repo.check().diagnostics
    assert (diagnostic.rule, diagnostic.is_error) == ("heading-level", False)


def test_an_interpretations_heading_made_two_levels_lower(repo: Repo):
    repo.replace(JD, "## 三、主要内容", "#### 三、主要内容")
    assert repo.messages() == [f"{JD}:9: [警告] 标题“三、主要内容”是 4 级，上一个标题是 2 级，跳过了一级：本文目录不列出它"
                               " — 改为 ###（比上一个标题低一级），或删去 #，由系统按编号定级"]


def test_the_message_says_what_each_kind_of_page_shows():
    """Only a document's and an interpretation's page has 本文目录, and only the body's rendering levels official lines."""
    text = "## 一、背景依据\n#### 三、主要内容"
    assert heading_levels.problems(text, rendering.BODY) == [
        (2, "标题“三、主要内容”是 4 级，上一个标题是 2 级，跳过了一级：本文目录不列出它", "改为 ###（比上一个标题低一级），或删去 #，由系统按编号定级")]
    assert heading_levels.problems(text, rendering.PARTICIPATION) == [
        (2, "标题“三、主要内容”是 4 级，上一个标题是 2 级，跳过了一级：页面目录和标题层次随之错乱", "改为 ###（比上一个标题低一级），或删去 #，由系统按编号定级")]
    assert heading_levels.problems(text, rendering.HANDWRITTEN) == [
        (2, "标题“三、主要内容”是 4 级，上一个标题是 2 级，跳过了一级：页面目录和标题层次随之错乱", "改为 ###（比上一个标题低一级）")]


def test_the_table_of_contents_leaves_such_a_heading_out():
    """What the message says: the page's 本文目录 lists the second and third levels only."""
    assert "三、主要内容" not in contents.control("## 一、背景依据\n## 二、目标任务\n#### 三、主要内容")
    assert "三、主要内容" in contents.control("## 一、背景依据\n## 二、目标任务\n### 三、主要内容")


def test_a_level_the_rendering_gives_is_not_the_editors_to_change():
    # 第一节 with no 第一章 is an h3 under the title (headings._HEADING_LEVEL): nothing written with # to correct
    assert heading_levels.skipped("第一节 总则\n## 说明\n#### 附注") == [(3, 4, 2, "附注", False)]


@pytest.mark.parametrize("text, lines", AS_WRITTEN)
def test_skipping_as_written(text, lines):
    assert [found[0] for found in heading_levels.skipped(text, numbered=False)] == lines


@pytest.mark.parametrize("text, lines", SKIPPING)
def test_skipping(text, lines):
    assert [found[0] for found in heading_levels.skipped(text)] == lines


@pytest.mark.parametrize("text", SILENT)
def test_silent(text):
    assert heading_levels.skipped(text) == []


_HEADING = re.compile(r"<(h[1-6]|blockquote|/blockquote|li|/li)\b")


def _jumps(html: str) -> int:
    """How often a heading outside quotes and lists is more than one level below the one above it, under the page's <h1>."""
    above, inside, jumps = 1, 0, 0
    for tag in _HEADING.findall(html):
        if tag in ("blockquote", "li"):
            inside += 1
        elif tag in ("/blockquote", "/li"):
            inside -= 1
        elif not inside:
            jumps += int(tag[1]) > above + 1
            above = int(tag[1])
    return jumps


@pytest.mark.parametrize("text, lines", SKIPPING + [(text, []) for text in SILENT])
def test_the_cases_are_what_the_project_renderer_shows(render_body, text, lines):
    """Each case as the site renders it below the page's <h1>: a heading skipping a level exactly as often as the rule
    tells one."""
    assert _jumps(render_body(text)) == len(lines), render_body(text)


@pytest.mark.parametrize("text, lines", AS_WRITTEN)
def test_the_cases_as_written_are_what_mkdocs_shows(render_as_written, text, lines):
    """Each case of a page of content/ as MkDocs renders it, the Markdown as written."""
    assert _jumps(render_as_written(text)) == len(lines), render_as_written(text)
