"""Editors' notes (HTML comments) are removed by the loader; what a browser would hide otherwise is refused."""
from __future__ import annotations

import json
import re
import time

import pytest
from hypothesis import given, settings, strategies as st

from conftest import Repo, examples
from gongbao.cli import main
from gongbao.content import integrity, redaction
from gongbao.content.notes import strip
from gongbao.content.removed import aligned, source_line

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
    text, problems, _ = strip(body)
    assert problems == [] and NOTE not in text and "甲" in text and "乙" in text


def test_a_note_on_lines_of_its_own_leaves_no_line_and_the_lines_after_it_their_numbers():
    text, problems, removed = strip(f"一\n<!--\n{NOTE}\n-->\n二\n<!-- x -->三\n")
    assert problems == []
    assert text.split("\n") == ["一", "二", "三", ""]
    assert [source_line(text, removed, line) for line in (1, 2, 3)] == [1, 5, 6]


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
    _, problems, _ = strip(body)
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
    _, problems, _ = strip(body)
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


@pytest.mark.parametrize("body", [
    "甲" + "<!---->" * 280_000 + "\n",  # one line of comments: its whole line was looked at for each
    "<!-- 注\n -->\n" + "<!x\n" * 200_000,  # a problem on each line after a note: each counted from the start
    "<!-- 注\n -->\n" + "[甲]: #\n" * 200_000,
    "【不予公开】甲【/不予公开】\n<!-- 注 -->\n" * 40_000,  # a note after each passage: each looked through them all
])
def test_a_file_of_notes_problems_and_passages_at_the_size_bound_is_read_in_linear_time(body):
    """Bodies of 2 MB (source.MAX_BYTES) each took from half a minute to hours."""
    started = time.monotonic()
    text, problems, removed = strip(body)
    redaction.redact(text, removed)
    assert time.monotonic() - started < 10


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


NOTED = [  # a note where an editor puts one: its own paragraph, its own line, inline, over lines, first, last, in a list
    ("一、总体要求\n\n", "一、总体要求\n\n<!-- 核对原件第3页 -->\n\n"),
    ("一、总体要求\n\n", "一、总体要求\n<!-- 核对原件第3页 -->\n\n"),
    ("一、总体要求\n\n", "一、总体要求\n\n  <!--\n核对：\n1. 第3页\n-->  \n\n"),
    ("加强统筹。各地", "加强统筹。<!-- 原件如此 -->各地"),
    ("加强统筹。各地", "加强统筹。<!--\n原件\n如此\n-->各地"),
    ("---\n一、总体要求", "---\n<!-- 待审 -->\n\n一、总体要求"),
    ("- 乙\n", "- 乙\n\n<!-- 完 -->\n"),
    ("- 甲\n- 乙\n", "- 甲\n<!-- 核对 -->\n- 乙\n"),
]


@pytest.mark.parametrize("before, after", NOTED)
def test_a_note_added_to_a_published_text_changes_nothing_published(repo: Repo, before, after):
    """A note is private: added to a locked text it changes no byte of what is published, so the lock finds no change
    (its line breaks, kept, were a change of the hash: the editor was told to record a 勘误, a public record, for it)."""
    repo.replace("gazette/2018/06/xzbf-68.md", "一、总体要求\n", "一、总体要求\n\n")
    repo.replace("gazette/2018/06/xzbf-68.md", "要加强统筹。\n", "要加强统筹。\n- 甲\n- 乙\n")
    assert main(["lock", "--root", str(repo.path), "--write"]) == 0
    published = integrity.canonical_text(repo.check().archive.documents[0])
    repo.replace("gazette/2018/06/xzbf-68.md", before, after)
    checked = repo.check()
    assert [str(d) for d in checked.diagnostics] == []
    assert integrity.canonical_text(checked.archive.documents[0]) == published


_PIECES = st.sampled_from(["甲", "乙", " ", "\n", "\n\n", "<!-- 注 -->", "<!--\n注\n-->", "  <!-- 注 -->  \n"])


@settings(max_examples=examples(500), deadline=None)
@given(st.lists(_PIECES, max_size=12).map("".join))
def test_strip_keeps_the_old_body_and_every_line_of_the_file(body):
    """``aligned`` gives the body as strip made it before (each comment its line breaks, the plain definition below)
    and each line of the stripped body with no removal inside it is the line of the old body it is said to be."""
    text, problems, removed = strip(body)
    assert problems == []
    old = re.sub(r"<!--.*?-->", lambda m: "\n" * m[0].count("\n"), body, flags=re.S)
    # the same once each line's trailing blanks go, as every canonical text version takes them (a note on lines of its
    # own goes with the spaces around it, which the old body kept as a line of spaces)
    assert [line.rstrip(" ") for line in aligned(text, removed).split("\n")] == [line.rstrip(" ") for line in old.split("\n")]
    starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
    for n, line in enumerate(text.split("\n"), 1):
        if not any(starts[n - 1] < offset <= starts[n - 1] + len(line) for offset, _ in removed):
            assert old.split("\n")[source_line(text, removed, n) - 1].strip(" ") == line.strip(" ")


def test_a_hash_locked_with_a_notes_line_still_verifies(repo: Repo):
    """Version 3 of the canonical text kept a note's line as an empty one: a text locked so is still its text where
    that line showed nothing (beside a blank line)."""
    repo.replace("gazette/2018/06/xzbf-68.md", "一、总体要求\n", "一、总体要求\n\n<!-- 核对原件 -->\n")
    assert main(["lock", "--root", str(repo.path), "--write"]) == 0
    then = integrity.canonical_text(repo.check().archive.documents[0]).replace("要求\n\n（一）", "要求\n\n\n（一）")
    data = json.loads((repo.path / "gazette.lock.json").read_text(encoding="utf-8"))
    data["urls"]["doc/xzbf/2018/68/"].update(canonical_version=3, sha256=integrity.text_sha256(then))
    repo.write("gazette.lock.json", json.dumps(data, ensure_ascii=False))
    assert repo.messages() == []
    repo.replace("gazette/2018/06/xzbf-68.md", "各部门要", "各部门必须")
    assert any("没有勘误记录" in m for m in repo.messages())


@pytest.mark.parametrize("locked, edited", [
    ("一、总体要求\n\n（一）", "一、总体要求\n<!-- 核对原件 -->\n（一）"),  # two paragraphs made one
    ("一、总体要求\n\n===\n\n（一）", "一、总体要求\n<!-- 核对原件 -->\n===\n\n（一）"),  # a paragraph made a heading
    ("一、总体要求\n\n| 甲 |\n\n|---|\n\n（一）", "一、总体要求\n\n| 甲 |\n<!-- 核对原件 -->\n|---|\n\n（一）"),  # a table
    ("一、总体要求\n\n```\n甲\n\n\n\n乙\n```\n\n（一）", "一、总体要求\n\n```\n甲\n\n<!-- 注 -->\n\n乙\n```\n\n（一）"),
    ("一、总体要求\n\n    甲\n\n\n\n    乙\n\n（一）", "一、总体要求\n\n    甲\n\n<!-- 注 -->\n\n    乙\n\n（一）"),
    ("一、总体要求\n（一）", "一、总体要求<!-- 核对原件\n-->（一）"),  # a line break made none
])
def test_a_note_taking_out_line_breaks_that_showed_does_not_verify_against_a_version_3_hash(repo: Repo, locked, edited):
    """A version-3 hash is of the body with each note's breaks where it stood, so a text whose note stands where the
    locked text had a blank line or a line break hashes the same: a text locked without a note, edited so that a note
    takes out breaks the page showed, is another page (paragraphs joined, a heading, a table or fewer lines of code
    made) and is told so, not taken for the text locked."""
    doc = "gazette/2018/06/xzbf-68.md"
    repo.replace(doc, "一、总体要求\n（一）", locked)
    assert main(["lock", "--root", str(repo.path), "--write"]) == 0
    then = integrity.canonical_text(repo.check().archive.documents[0])  # no note: versions 3 and 4 are one text
    data = json.loads((repo.path / "gazette.lock.json").read_text(encoding="utf-8"))
    data["urls"]["doc/xzbf/2018/68/"].update(canonical_version=3, sha256=integrity.text_sha256(then))
    repo.write("gazette.lock.json", json.dumps(data, ensure_ascii=False))
    assert repo.messages() == []
    repo.replace(doc, locked, edited)
    assert any("没有勘误记录" in m for m in repo.messages())
