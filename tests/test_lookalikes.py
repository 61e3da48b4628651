"""Anything that resembles a withholding mark but is not exactly one is an error at its line, never text."""
from __future__ import annotations

import time

import pytest

from conftest import ROOT, Repo
from gongbao.publish.check import check
from gongbao.content.lookalikes import problems
from gongbao.content.redaction import has_marks, redact

DOC = "gazette/2018/06/xzbf-68.md"
JD = "interpretations/xzbf-68-jd.md"
ISSUE = "gazette/2018/06/index.md"
SECRET = "业主姓名张三"

NEAR_MISSES = {
    "square brackets": "[不予公开]{s}[/不予公开]",
    "full-width square brackets": "［不予公开］{s}［/不予公开］",
    "white lenticular brackets": "〖不予公开〗{s}〖/不予公开〗",
    "tortoise shell brackets": "〔不予公开〕{s}〔/不予公开〕",
    "angle brackets": "<不予公开>{s}</不予公开>",
    "CJK angle brackets": "〈不予公开〉{s}〈/不予公开〉",
    "curly brackets": "{{不予公开}}{s}{{/不予公开}}",
    "round brackets": "（不予公开）{s}（/不予公开）",
    "ASCII round brackets": "(不予公开){s}(/不予公开)",
    "space inside the brackets": "【 不予公开 】{s}【 /不予公开 】",
    "ideographic space": "【\u3000不予公开】{s}【/不予公开\u3000】",
    "zero-width space in the word": "【不予\u200b公开】{s}【/不予\u200b公开】",
    "zero-width joiner before the word": "【\u200d不予公开】{s}【/不予公开】",
    "word joiner": "【不予公开\u2060】{s}【/不予公开】",
    "byte order mark": "【\ufeff不予公开】{s}【/不予公开】",
    "soft hyphen": "【不予\u00ad公开】{s}【/不予公开】",
    "variation selector": "【不\ufe0f予公开】{s}【/不予公开】",
    "variation selector beyond the Basic Plane": "【不予\U000e0100公开】{s}【/不予公开】",
    "tag character": "[\U000e0041不予公开]{s}[/不予公开]",
    "left-to-right mark": "【不予公开\u200e】{s}【/不予公开】",
    "full-width slash": "【不予公开】{s}【／不予公开】",
    "backslash": "【不予公开】{s}【\\不予公开】",
    "traditional full-width slash": "【不予公開】{s}【／不予公開】",
    "traditional square brackets": "[不予公開]{s}[/不予公開]",
    "compatibility ideograph 不": "【\uf967予公开】{s}【/不予公开】",
    "compatibility ideograph 開": "【不予公\U0002f9ee】{s}【/不予公开】",
    "vertical presentation brackets": "︻不予公开︼{s}︻/不予公开︼",
    "character references": "&#x3010;不予公开&#x3011;{s}&#x3010;/不予公开&#x3011;",
    "reference inside the word": "【不予&#20844;开】{s}【/不予公开】",
    "reference for a zero-width space": "【不予&#8203;公开】{s}【/不予公开】",
    "Markdown emphasis inside the word": "【不予*公开*】{s}【/不予*公开*】",
    "Markdown emphasis inside the brackets": "【**不予公开**】{s}【/**不予公开**】",
    "HTML tags inside the brackets": "【<b>不予公开</b>】{s}【/<b>不予公开</b>】",
    "HTML tag inside the word": "【不予<span class=\"x\">公开</span>】{s}【/不予公开】",
    "line break inside the reason": "【不予公开：涉及\n个人隐私】{s}【/不予公开】",
    "word broken over two lines": "【不予\n公开】{s}【/不予公开】",
}


@pytest.mark.parametrize("text", NEAR_MISSES.values(), ids=NEAR_MISSES.keys())
def test_a_near_miss_is_reported(text):
    found = problems(text.format(s=SECRET))
    assert found, text
    assert all("【不予公开】……【/不予公开】" in p.hint and "【不予公開】" in p.hint for p in found)


@pytest.mark.parametrize("text", [
    "依法不予公开的信息",
    "公开属性确定为依申请公开、不予公开的文件，不得在政府公报刊登。",
    "2. 试点单元业主意见汇总表（不予公开）",
    "（不予公开的信息除外）",
    "拟依申請公開或不予公開的，要依法依規說明理由",
    "确定为“不予公开”的文件",
    "確定為「不予公開」的文件",
    "【不予公开】甲【/不予公开】不予公开的理由见上",
    "不予公开【不予公开】甲【/不予公开】",
    "【不予公开：依法不予公开】甲【/不予公开】",
    "给予公开表扬",
    "依法**不予公开**的信息",
    "*不予公开*",
    "<b>不予公开</b>的信息",
    "<b>不予公开</b>",
    "snake_case_不予公开_x",
])
def test_running_text_is_not_a_mark(text):
    assert problems(text) == []


@pytest.mark.parametrize("text", [
    "【不予公开】甲【/不予公开】", "【不予公開】甲【/不予公開】", "【不予公開：涉及個人隱私】甲【/不予公開】",
    "【不予公开:涉及个人隐私】甲【/不予公开】", "【不予公開】甲【/不予公开】",
])
def test_the_exact_marks_in_both_scripts_are_marks(text):
    assert problems(text) == []
    assert has_marks(text)
    body, found, _ = redact(text)
    assert found == [] and body == "（此处依法不予公开）"


def test_each_near_miss_is_reported_at_its_line():
    text = "第一行\n依法不予公开的信息\n[不予公开]\n甲\n〖/不予公开〗\n"
    assert [p.line for p in problems(text)] == [3, 5]


def test_the_message_shows_invisible_characters():
    [found] = problems("【不予\u200b公开】")
    assert "\\u200b" in found.message


def test_the_sample_content_has_no_near_miss():
    """The seed's real texts mention 不予公开 in running text and in （不予公开）: they still pass."""
    mentions = 0
    for path in sorted((ROOT / "gazette").rglob("*.md")) + sorted((ROOT / "interpretations").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        mentions += text.count("不予公开") + text.count("不予公開")
        assert problems(text) == [], path
    assert mentions > 5
    assert [d for d in check(ROOT).diagnostics if d.rule == "redaction"] == []


CONTAINERS = {
    "paragraph": "{m}",
    "list item": "- {m}",
    "ordered list": "1. {m}",
    "block quote": "> {m}",
    "nested quote in a list": "- > {m}",
    "table cell": "| 序号 | 内容 |\n|---|---|\n| 1 | {m} |",
    "attribute list": "{m}\n{{: .note }}",
    "heading": "## {m}",
    "inline code": "`{m}`",
}


@pytest.mark.parametrize("container", CONTAINERS.values(), ids=CONTAINERS.keys())
@pytest.mark.parametrize("mark", ["［不予公开］" + SECRET + "［/不予公开］", "【不予公開】" + SECRET + "【／不予公開】"])
def test_a_near_miss_in_any_container_fails_the_check_at_its_line(repo: Repo, container, mark):
    repo.replace(DOC, "（一）加强统筹。各地各部门要加强统筹。", "（一）加强统筹。\n\n" + container.format(m=mark))
    found = [d for d in repo.check().diagnostics if d.rule == "redaction"]
    line = 15 + container.format(m=mark).split("\n").index(next(x for x in container.format(m=mark).split("\n")
                                                                if SECRET in x))
    assert found and {(d.path, d.line) for d in found} == {(DOC, line)}, found


@pytest.mark.parametrize("where,rel,anchor", [
    ("interpretation", JD, "## 一、背景依据"),
    ("issue note", ISSUE, "sections: [市政府规章, 市政府办公室文件]\n---"),
])
def test_near_misses_are_found_in_every_kind_of_body(repo: Repo, where, rel, anchor):
    repo.replace(rel, anchor, anchor + "\n〖不予公开〗" + SECRET + "〖/不予公开〗")
    found = [d for d in repo.check().diagnostics if d.rule == "redaction"]
    assert [d.path for d in found] == [rel, rel]


def test_traditional_marks_in_a_proactively_disclosed_document_are_an_error(repo: Repo):
    repo.replace(DOC, "加强统筹。", "【不予公開】加强统筹。【/不予公開】")
    assert repo.messages() == [f"{DOC}:9: 文件标注了不予公开的段落，但公开属性为主动公开 — 改为 部分公开 并填写 disclosure_reason"]


def test_traditional_marks_satisfy_partial_disclosure(repo: Repo):
    repo.replace(DOC, "disclosure: 主动公开", "disclosure: 部分公开\ndisclosure_reason: 涉及個人隱私")
    repo.replace(DOC, "加强统筹。", "【不予公開：涉及個人隱私】加强统筹。【/不予公開】")
    assert repo.messages() == []
    [doc] = repo.check().archive.documents
    assert "（此处依法不予公开）" in doc.source.body and "加强统筹。各地" not in doc.source.body


@pytest.mark.parametrize("key,value", [
    ("title", "关于印发示例办法的通知【不予公开】张三【/不予公开】"),
    ("title", "关于印发示例办法的通知〖不予公開〗张三〖/不予公開〗"),
    ("editor", "[不予公开]张三[/不予公开]"),
    ("责编", "【不予公開】张三【/不予公開】"),
    ("disclosure_reason", "涉及【不予\u200b公开】张三"),
])
def test_marks_in_a_front_matter_value_are_an_error_at_its_key(repo: Repo, key, value):
    repo.replace(DOC, "status: 执行中", f"status: 执行中\n{key}: \"{value}\"")
    if key == "title":
        repo.replace(DOC, "title: 关于印发示例办法的通知\n", "")
    found = [d for d in repo.check().diagnostics if d.rule == "redaction"]
    assert [(d.path, d.message.split(" ")[0]) for d in found] == [(DOC, key)]
    assert found[0].line == next(n for n, line in enumerate((repo.path / DOC).read_text().split("\n"), 1)
                                 if line.startswith(f"{key}:"))


def test_marks_nested_in_corrections_are_an_error_at_the_key(repo: Repo):
    repo.replace(DOC, "status: 执行中", "status: 执行中\ncorrections:\n  - date: 2018-07-02\n"
                 "    change: 第三条更正，［不予公开］张三［/不予公开］\n    reason: 排版错误")
    found = [d for d in repo.check().diagnostics if d.rule == "redaction"]
    assert [(d.line, d.message.split(" ")[0]) for d in found] == [(9, "corrections")]


@pytest.mark.parametrize("rel,old,new,line", [
    (JD, "title: 《示例办法》解读", "title: 《示例办法》解读【不予公開】张三【/不予公開】", 2),
    (JD, "kind: 文字解读", "kind: 文字解读\nauthor: 〔不予公开〕张三", 6),
    (ISSUE, "year: 2018", "year: 2018\nsections_note: [（不予公开：张三）（/不予公开）]", 3),
])
def test_marks_in_interpretation_and_issue_front_matter(repo: Repo, rel, old, new, line):
    repo.replace(rel, old, new)
    found = [d for d in repo.check().diagnostics if d.rule == "redaction"]
    assert [(d.path, d.line) for d in found] == [(rel, line)]


def test_plain_mentions_in_front_matter_pass(repo: Repo):
    repo.replace(DOC, "disclosure: 主动公开", "disclosure: 部分公开\n"
                 "disclosure_reason: 附件2（不予公开）载有个人信息，依法不予公开")
    repo.replace(DOC, "加强统筹。", "【不予公开】加强统筹。【/不予公开】")
    assert repo.messages() == []


def test_a_front_matter_value_that_holds_itself_is_refused_at_its_line(repo: Repo):
    # the bounded YAML reader refuses it before the look-alike walk would see it (gongbao.content.yamlread)
    repo.replace(DOC, "status: 执行中", "status: 执行中\ntopics: &a [［不予公开］, *a]")
    found = [d for d in repo.check().diagnostics if d.path == DOC]
    assert [(d.line, d.rule) for d in found] == [(9, "read")]


def test_a_body_full_of_look_alikes_and_marks_is_read_in_linear_time():
    """One line count or mark search per occurrence from the start would make 2 MB of them take hours."""
    text = ("【不予公开】甲【/不予公开】［不予公开］乙\n" + "不予\U000e0100公开\n") * 40_000
    started = time.monotonic()
    found = problems(text)
    assert len(found) == 80_000 and found[-1].line == 80_000
    assert time.monotonic() - started < 30
