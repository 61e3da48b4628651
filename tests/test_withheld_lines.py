"""How many lines a withheld passage had is withheld too (gongbao.content.redaction): the placeholder takes none of
its line breaks into the published body, so index.txt, the JSON twin and the page are the same whether one name or
five, one a line, were withheld; diagnostics still name the lines of the file; and the hashes locked while the
breaks were kept (canonical text version 3) still verify, and are upgraded by gongbao lock --write."""
from __future__ import annotations

import json
import re

import pytest
from hypothesis import given, settings, strategies as st

from conftest import Repo, examples
from gongbao.cli import main
from gongbao.content import integrity, notes, redaction, removed as removals
from gongbao.content.loader import published_body
from gongbao.content.redaction import PLACEHOLDER
from gongbao.publish import rendered_html

from test_lock import DOC, URL, write_lock

PARTIAL = ("disclosure: 主动公开", "disclosure: 部分公开\ndisclosure_reason: 涉及个人隐私")
BODY = "一、总体要求\n（一）加强统筹。各地各部门要加强统筹。\n"
# withheld passages of one to five lines, in either script, with a reason, in a list and a block quote
PASSAGES = [
    ("甲【不予公开】张三【/不予公开】乙", "甲【不予公开】\n张三\n李四\n王五\n【/不予公开】乙"),
    ("甲【不予公開】張三【/不予公開】乙", "甲【不予公開】張三\n李四【/不予公開】乙"),
    ("甲【不予公开：涉及个人隐私】张三【/不予公开】乙", "甲【不予公开：涉及个人隐私】张三\n\n李四\n\n王五【/不予公开】乙"),
    ("- 甲【不予公开】张三【/不予公开】\n- 乙", "- 甲【不予公开】张三\n- 李四\n- 王五【/不予公开】\n- 乙"),
    ("> 甲【不予公开】张三【/不予公开】\n> 乙", "> 甲【不予公开】张三\n> 李四【/不予公开】\n> 乙"),
]


def partial(repo: Repo, passage: str) -> None:
    repo.replace(DOC, *PARTIAL)
    repo.replace(DOC, BODY, f"{BODY}{passage}\n二、其他事项\n")


def published(repo: Repo):
    checked = repo.check()
    assert checked.ok, [str(d) for d in checked.diagnostics if d.is_error]
    return checked.archive.documents[0]


@pytest.mark.parametrize("one, many", PASSAGES)
def test_the_published_text_is_the_same_however_many_lines_were_withheld(repo: Repo, one, many):
    partial(repo, one)
    short = published(repo)
    repo.replace(DOC, one, many)
    long = published(repo)
    assert "张三" not in long.source.body and "張三" not in long.source.body
    assert long.source.body == short.source.body
    assert integrity.canonical_text(long) == integrity.canonical_text(short)


def test_a_passage_inside_a_paragraph_leaves_one_paragraph(repo: Repo):
    """Its line breaks kept, a passage of three lines split the paragraph it stood in: two paragraphs on the page."""
    partial(repo, "甲【不予公开】\n张三\n李四\n【/不予公开】乙")
    assert f"\n甲{PLACEHOLDER}乙\n二、其他事项\n" in published(repo).source.body


def test_lines_after_a_withheld_passage_are_named_where_the_file_has_them(repo: Repo):
    partial(repo, "甲【不予公开】\n张三\n李四\n【/不予公开】乙\nTODO：补充\n<script>x</script>")
    lines = (repo.path / DOC).read_text(encoding="utf-8").split("\n")
    found = {d.rule: d.line for d in repo.check().diagnostics if d.path == DOC}
    assert lines[found["placeholder"] - 1] == "TODO：补充"
    assert lines[found["html"] - 1] == "<script>x</script>"


def test_the_rendered_check_names_the_line_of_the_file():
    """rendered_html's needles are looked for in the published body and named at the line of the file."""
    body, _, removed = redaction.redact("甲【不予公开】\n张三\n李四\n【/不予公开】乙\n<b onclick=x>")
    part = rendered_html.Authored("a.md", 10, body, body, removed=removed)
    found = rendered_html.Violation("事件属性", "删去", ("onclick",))
    assert rendered_html.diagnostics([found], [part], "a/")[0].line == 14


def test_a_hash_locked_with_the_line_breaks_verifies_and_is_upgraded(repo: Repo, capsys):
    """A page locked before version 4 hashed its passage's breaks (version 3): still its text where they showed
    nothing (before a blank line), so no error; lock --write records the version-4 hash; an edit elsewhere is still
    caught by the version-3 hash."""
    partial(repo, "甲【不予公开】\n张三\n李四【/不予公开】\n\n乙")
    write_lock(repo)
    doc = published(repo)
    # as version 3 wrote it
    then = integrity.canonical_text(doc).replace(f"甲{PLACEHOLDER}\n\n乙", f"甲{PLACEHOLDER}\n\n\n\n乙")
    data = json.loads((repo.path / "gazette.lock.json").read_text(encoding="utf-8"))
    data["urls"][URL].update(canonical_version=3, sha256=integrity.text_sha256(then), recorded="2026-11-02")
    repo.write("gazette.lock.json", json.dumps(data, ensure_ascii=False, indent=2))
    assert repo.messages() == []
    repo.replace(DOC, "加强统筹。\n", "加强统筹和协调。\n")
    assert any("没有勘误记录" in m for m in repo.messages())
    repo.replace(DOC, "加强统筹和协调。\n", "加强统筹。\n")
    capsys.readouterr()
    write_lock(repo)
    assert f"↑ {URL}  升级为第 4 版规范文本的哈希" in capsys.readouterr().out
    entry = json.loads((repo.path / "gazette.lock.json").read_text(encoding="utf-8"))["urls"][URL]
    assert (entry["canonical_version"], entry["sha256"]) == (4, integrity.sha256(doc))
    # the text was recorded on 2026-11-02, not today: a 勘误 dated between the two is not backdated
    assert entry["sha256"] != integrity.text_sha256(then) and entry["recorded"] == "2026-11-02"


def test_an_issue_note_locked_with_the_line_breaks_is_still_its_note(repo: Repo):
    """A note's hash has no version: the one of the note with its passage's breaks, locked before, still records it."""
    issue = "gazette/2018/06/index.md"
    text = (repo.path / issue).read_text(encoding="utf-8")  # front matter only: the note follows
    repo.write(issue, text + "本期刊登【不予公开】\n甲\n乙【/不予公开】\n\n文件。\n")
    write_lock(repo)
    data = json.loads((repo.path / "gazette.lock.json").read_text(encoding="utf-8"))
    entry = next(e for e in data["urls"].values() if e["kind"] == "issue")
    entry["note_sha256"] = integrity.note_sha256(f"本期刊登{PLACEHOLDER}\n\n\n\n文件。")
    repo.write("gazette.lock.json", json.dumps(data, ensure_ascii=False, indent=2))
    assert repo.messages() == []
    repo.replace(issue, "文件。", "文件和通知。")
    assert any("说明被改动" in m for m in repo.messages())



@pytest.mark.parametrize("locked, edited", [
    ("甲【不予公开】张三【/不予公开】\n\n乙", "甲【不予公开】张三\n\n【/不予公开】乙"),
    ("甲【不予公開】張三【/不予公開】\n\n===", "甲【不予公開】張三\n\n【/不予公開】==="),
    ("- 甲【不予公开】张三【/不予公开】\n\n- 乙", "- 甲【不予公开】张三\n\n【/不予公开】- 乙"),
])
def test_a_passage_taking_out_line_breaks_that_showed_does_not_verify_against_a_version_3_hash(repo: Repo, locked,
                                                                                                 edited):
    """A passage made to end past a blank line the locked text had after it hashes, with its breaks back (version 3),
    as the text locked, but its page joins what was apart (two paragraphs, a paragraph and the === after it, a list
    item and the text after it): told a change, not taken for the text locked."""
    partial(repo, locked)
    write_lock(repo)
    then = integrity.canonical_text(published(repo))  # no breaks taken out: versions 3 and 4 are one text
    data = json.loads((repo.path / "gazette.lock.json").read_text(encoding="utf-8"))
    data["urls"][URL].update(canonical_version=3, sha256=integrity.text_sha256(then))
    repo.write("gazette.lock.json", json.dumps(data, ensure_ascii=False, indent=2))
    assert repo.messages() == []
    repo.replace(DOC, locked, edited)
    assert any("没有勘误记录" in m for m in repo.messages())


def test_an_issue_note_whose_passage_joins_what_was_apart_is_not_its_locked_note(repo: Repo):
    """The issue's note shows as its page's Markdown: the hash with the breaks records it only where they show nothing."""
    issue = "gazette/2018/06/index.md"
    text = (repo.path / issue).read_text(encoding="utf-8")
    repo.write(issue, text + f"本期刊登{PLACEHOLDER}\n\n文件。\n")
    write_lock(repo)
    repo.write(issue, text + "本期刊登【不予公开】甲\n\n【/不予公开】文件。\n")
    assert any("说明被改动" in m for m in repo.messages())


_LINE = st.sampled_from(["甲", "乙丙", "【不予公开】", "【/不予公开】", "【不予公開：理由】", "【/不予公開】", "", "张三",
                         "<!-- 注 -->", "<!--", "-->"])


@settings(max_examples=examples(500), deadline=None)
@given(st.lists(st.lists(_LINE, max_size=4).map("".join), max_size=8).map("\n".join))
def test_the_published_body_keeps_the_old_body_and_every_line_of_the_file(body):
    """With notes removed first and passages withheld after (gongbao.content.loader.published_body), ``aligned`` gives
    the body as the two made it before (each note and passage its line breaks, the plain definition below, but for the
    blanks of a note's own line), and every line of the published body with no removal or placeholder in it is the line of
    the body as written that holds its text (notes inside it aside)."""
    if notes.strip(body)[1] or redaction.redact(notes.strip(body)[0])[1]:
        return  # an unclosed comment or mark: an error, nothing published
    published, removed = published_body(body)
    noted = re.sub(r"<!--.*?-->", lambda m: "\n" * m[0].count("\n"), body, flags=re.S)
    plain = re.sub(r"【不予公[开開](?:[:：][^】\n]*)?】(.*?)【/不予公[开開]】",
                   lambda m: PLACEHOLDER + "\n" * m[1].count("\n"), noted, flags=re.S)
    assert [line.rstrip(" ") for line in removals.aligned(published, removed).split("\n")] == plain.split("\n")
    written, starts = body.split("\n"), [0] + [i + 1 for i, c in enumerate(published) if c == "\n"]
    for n, line in enumerate(published.split("\n"), 1):
        if line and PLACEHOLDER not in line and not any(starts[n - 1] < offset <= starts[n - 1] + len(line)
                                                         for offset, _ in removed):
            # a line may begin with the end of a note begun on an earlier line
            assert re.sub(r"<!--.*?-->", "", written[removals.source_line(published, removed, n) - 1]).endswith(line)


def test_a_text_without_removals_has_one_hash_in_versions_3_and_4(site_repo: Repo, monkeypatch):
    """So a lock of version-3 entries is checked with the hash each text has anyway (rules/lock via
    integrity.as_current): hashing every text again in version 3 was 2.5 CPU seconds of a cold check at 10,000."""
    checked = site_repo.check()
    items = [*checked.archive.documents, *checked.archive.interpretations]
    assert any(item.source.removed for item in items) and not all(item.source.removed for item in items)
    for item in items:
        assert integrity.as_current(item, 3) == (not item.source.removed)
        assert (integrity.sha256(item, 3) == integrity.sha256(item)) or item.source.removed
    data = json.loads((site_repo.path / "gazette.lock.json").read_text(encoding="utf-8"))
    for entry in data["urls"].values():
        if entry.get("canonical_version") == 4:
            entry["canonical_version"] = 3
    site_repo.write("gazette.lock.json", json.dumps(data, ensure_ascii=False, indent=2))
    versions = []
    hashed = integrity._canonical_text
    monkeypatch.setattr(integrity, "_canonical_text", lambda item, version, *rest: (versions.append(
        (version, bool(item.source.removed))), hashed(item, version, *rest))[1])
    assert site_repo.check().ok
    assert (3, False) not in versions


def test_a_note_added_to_a_text_locked_at_version_3_is_no_change(repo: Repo, capsys):
    """Version 3 would have hashed the note's line; the body as published now is the text it locked, so its current hash
    proves it (integrity.proved_by_current), and lock --write upgrades it. Measured on the archive of 10,000 documents
    locked at version 3, a note added to each was 9,858 errors."""
    repo.replace(DOC, "一、总体要求\n", "一、总体要求\n\n")
    write_lock(repo)
    data = json.loads((repo.path / "gazette.lock.json").read_text(encoding="utf-8"))
    data["urls"][URL]["canonical_version"] = 3  # the hash is the same: the text has no note or passage yet
    repo.write("gazette.lock.json", json.dumps(data, ensure_ascii=False, indent=2))
    repo.replace(DOC, "一、总体要求\n\n", "一、总体要求\n\n<!-- 核对原件第3页 -->\n\n")  # between paragraphs
    assert repo.messages() == []
    write_lock(repo)
    assert f"↑ {URL}  升级为第 4 版规范文本的哈希" in capsys.readouterr().out
