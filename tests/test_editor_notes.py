"""Editors' notes (HTML comments) are removed by the loader; what a browser would hide otherwise is refused."""
from __future__ import annotations

import time

import pytest

from conftest import Repo
from gongbao.content.notes import strip

DOC = "gazette/2018/06/xzbf-68.md"
NOTE = "编者注释核对原件"


@pytest.mark.parametrize("body", [
    f"甲<!-- {NOTE} -->乙\n",
    f"甲<!--{NOTE}-->乙\n",
    f"甲<!-- {NOTE} --!>乙\n",
    f"甲<!-- a -- {NOTE} - b -->乙\n",
    f"甲<!-- <!-- {NOTE} -->乙\n",
    f"甲`<!-- {NOTE} -->`乙\n",
    f"甲&lt;<!-- {NOTE} -->乙\n",
])
def test_a_comment_is_removed_wherever_it_is(body):
    text, problems = strip(body)
    assert problems == [] and NOTE not in text and "甲" in text and "乙" in text


def test_a_removed_comment_keeps_the_lines_after_it():
    text, problems = strip(f"一\n<!--\n{NOTE}\n-->\n二\n<!-- x -->三\n")
    assert problems == []
    assert text.split("\n") == ["一", "", "", "", "二", "三", ""]


def test_text_after_a_comment_stays():
    assert strip(f"<!-- {NOTE} --> 可见 -->\n")[0] == " 可见 -->\n"


@pytest.mark.parametrize("body,line", [
    (f"一\n二<!-- {NOTE}\n三\n", 2),
    (f"一\n<!--> {NOTE} -->\n", 2),
    (f"<!---> {NOTE} -->\n", 1),
    (f"一\n\n<?{NOTE}?>\n", 3),
    (f"<![CDATA[{NOTE}]]>\n", 1),
    (f"<!{NOTE}>\n", 1),
])
def test_what_a_browser_would_hide_but_is_no_closed_comment_is_refused(body, line):
    _, problems = strip(body)
    assert [p.line for p in problems] == [line]


@pytest.mark.parametrize("body", [
    f"甲<!<!-- x -->-- {NOTE} -->乙\n",
    f"甲<<!-- x -->!-- {NOTE} -->乙\n",
    f"甲<!-<!-- x -->- {NOTE} -->乙\n",
    f"甲<!-- a --><!<!-- b -->-- {NOTE} -->乙\n",
    f"甲<!<!-- x -->--gb-part-->乙\n",
])
def test_a_comment_joined_from_the_text_around_a_removed_one_is_refused(body):
    # removing <!-- x --> joins "<!" and "-- … -->" into a comment: hidden on the page, published in index.txt
    _, problems = strip(body)
    assert [p.line for p in problems] == [1]


def test_a_joined_comment_fails_the_check_at_its_line(repo: Repo):
    repo.replace(DOC, "一、总体要求", f"一、总体要求\n\n<!<!-- x -->-- {NOTE} -->")
    assert [m.split(" — ")[0] for m in repo.messages()] == [
        f"{DOC}:14: 删去注释后，其前后的文字拼成了新的 HTML 注释（<!--），网页上隐藏、却会随规范文本（index.txt）和 JSON 发布"]


def test_an_unclosed_comment_fails_the_check_at_its_line(repo: Repo):
    repo.replace(DOC, "一、总体要求", f"一、总体要求<!-- {NOTE}")
    assert repo.messages() == [
        f"{DOC}:12: HTML 注释没有正确结束（<!-- 之后应有 -->，浏览器会隐藏其后的全部内容） — "
        "编者注释写成 <!-- 注释 -->（发布时删除）；不是注释的，删除 <!--"]


def test_comments_reach_no_loaded_body_and_later_lines_keep_their_numbers(repo: Repo):
    repo.replace(DOC, "一、总体要求", f"<!--\n{NOTE}\n-->\n一、总体要求\n［不予公开］")
    diagnostics = repo.check().diagnostics
    assert [(d.line, d.rule) for d in diagnostics] == [(16, "redaction")]


def test_a_comment_is_not_part_of_the_checked_text(repo: Repo):
    """A near-miss mark inside a note is never published, so it is no error; the note is gone."""
    repo.replace(DOC, "一、总体要求", f"一、总体要求<!-- ［不予公开］{NOTE} -->")
    checked = repo.check()
    assert checked.diagnostics == []
    assert all(NOTE not in d.source.body for d in checked.archive.documents)


@pytest.mark.parametrize("rel,anchor", [
    ("interpretations/xzbf-68-jd.md", "## 一、背景依据"),
    ("gazette/2018/06/index.md", "sections: [市政府规章, 市政府办公室文件]\n---"),
])
def test_comments_are_removed_from_interpretations_and_issue_notes(repo: Repo, rel, anchor):
    repo.replace(rel, anchor, f"{anchor}\n<!-- {NOTE} -->")
    checked = repo.check()
    assert checked.diagnostics == []
    items = checked.archive.interpretations + checked.archive.issues
    assert items and all(NOTE not in item.source.body for item in items)
    assert all(NOTE not in issue.note for issue in checked.archive.issues)


def test_many_unclosed_or_empty_comments_are_read_in_linear_time():
    """A lazy regex from each of 500,000 unclosed <!-- would take hours; the loop reads the body once."""
    started = time.monotonic()
    assert [p.line for p in strip("<!--" * 500_000)[1]] == [1]
    assert len(strip("<!-->\n" * 100_000)[1]) == 100_000
    assert time.monotonic() - started < 30


@pytest.mark.parametrize("rel,key,value", [
    (DOC, "editor", f"法制办 <!-- {NOTE} -->"),
    (DOC, "index_number", f"<!--{NOTE}-->014000/2018-00068"),
    (DOC, "corrections", f"[{{date: 2018-06-10, change: 更正 <!-- {NOTE} -->, reason: 录入错误}}]"),
    ("interpretations/xzbf-68-jd.md", "author", f"市政府办公室<!-- {NOTE} -->"),
])
def test_a_comment_in_a_front_matter_value_is_refused_at_its_key(repo: Repo, rel, key, value):
    """A note in a value (责编, 索引号, a 勘误, an interpretation's author) was published as text on the page, where
    the editor, told that notes go in <!-- … -->, thought it hidden: the loader removes comments from bodies only."""
    anchor = "section: 市政府办公室文件\n" if rel == DOC else "kind: 文字解读\n"
    repo.replace(rel, anchor, f"{anchor}{key}: {value}\n")
    found = [m for m in repo.messages() if "<!--" in m and "front matter" in m]
    line = (repo.path / rel).read_text(encoding="utf-8").split("\n").index(f"{key}: {value}") + 1
    assert len(found) == 1 and found[0].startswith(f"{rel}:{line}: {key} "), repo.messages()
