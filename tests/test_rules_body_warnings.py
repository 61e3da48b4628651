"""rules/body_warnings.py: the warnings of a body its page would show otherwise than meant run on every text the site
renders from Markdown, each told at its file's line: drafts, their 起草说明 and feedback, the pages of content/, as
documents and interpretations (tests/test_rules_joined_lists.py, tests/test_rules_heading_levels.py)."""
import re

import pytest

from conftest import Repo, site_markdown
from test_participation import prepo  # noqa: F401 — the minimal repository with drafts, 起草说明 and feedback
from gongbao.publish.render import listings

JOINED = "主要任务如下：\n- 第一项\n- 第二项"
SKIPPED = "#### 附注"
LIST = "[警告] 列表紧接在上一段下面、中间没有空行：网页会把“- 第一项”等列表项并进那一段，显示成一段文字 — 在列表前空一行"


def heading(left_out: str) -> str:
    return f"[警告] 标题“附注”是 4 级，上一个标题是 {{above}} 级，跳过了一级：{left_out} — 改为 {{hashes}}（比上一个标题低一级）"


@pytest.fixture
def texts(prepo: Repo) -> Repo:  # noqa: F811 — the fixture imported above
    prepo.write("content/about.md", "---\ntitle: 关于本站\n---\n# 关于本站\n\n本站刊登规章和规范性文件。\n")
    return prepo


# (file, a line of its body, the line of the file it is on, the level of the heading above it)
TEXTS = [
    ("drafts/open.md", "第一条 为了示例，制定本办法。", 12, 1),                  # an article: a paragraph, no heading
    ("explanations/open.md", "示例。", 8, 2),                                  # under 一、起草背景, an h2
    ("feedback/closed.md", "六条，理由如下。", 16, 2),
    ("content/about.md", "本站刊登规章和规范性文件。", 6, 1),                      # under # 关于本站
]


def test_the_texts_are_told_nothing_as_they_are(texts: Repo):
    assert texts.messages() == []


@pytest.mark.parametrize("path, line, at, above", TEXTS)
def test_each_text_rendered_from_markdown_is_told_at_its_files_line(texts: Repo, path, line, at, above):
    texts.replace(path, line, f"{line}\n{JOINED}\n\n{SKIPPED}")
    told = heading("页面目录和标题层次随之错乱").format(above=above, hashes="#" * (above + 1))
    assert texts.messages() == [f"{path}:{at + 2}: {LIST}", f"{path}:{at + 5}: {told}"]
    assert [d.rule for d in texts.check().diagnostics] == ["list-after-paragraph", "heading-level"]


def test_a_page_of_content_is_read_as_written(texts: Repo):
    """MkDocs renders it without the body's rendering: an official line is a paragraph there, 1. a list item."""
    texts.replace("content/about.md", "本站刊登规章和规范性文件。", "一、总体要求\n1. 细化任务\n\n### （一）加强统筹")
    assert [(d.line, d.rule) for d in texts.check().diagnostics] == [(7, "list-after-paragraph"), (9, "heading-level")]
    texts.replace("drafts/open.md", "第一条 为了示例，制定本办法。", "一、总体要求\n1. 细化任务\n\n### （一）加强统筹")
    assert [d.path for d in texts.check().diagnostics] == ["content/about.md"] * 2  # a body's: headings both


def test_a_withheld_draft_is_told_too(texts: Repo):
    """As a withheld document is: what it would show once published."""
    texts.replace("drafts/open.md", "disclosure: 主动公开", "disclosure: 不予公开\ndisclosure_reason: 内部事务信息（第十六条）")
    texts.replace("drafts/open.md", "第一条 为了示例，制定本办法。", f"第一条 为了示例，制定本办法。\n{JOINED}")
    assert [(d.path, d.line) for d in texts.check().diagnostics if not d.is_error] == [("drafts/open.md", 15)]


def test_an_issues_note_is_printed_as_text_and_not_told(repo: Repo):
    """The note is printed in a <p> of the issue's page, as text: no list and no heading on the page, nothing to tell."""
    note = "说明如下：\n- 甲\n\n#### 附注"
    repo.replace("gazette/2018/06/index.md", "文件]\n---\n", "文件]\n---\n" + note + "\n")
    checked = repo.check()
    assert (checked.archive.issues[0].note, checked.diagnostics) == (note, [])
    page = site_markdown().reset().convert(listings.issue_page(checked.archive.issues[0], checked.archive, checked.settings.issuer_codes))
    assert re.search(r'<p class="gb-issue-note">(.*?)</p>', page, re.S)[1] == note  # its lines, no tag among them
