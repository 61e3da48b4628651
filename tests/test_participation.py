"""Public participation without a build: loading drafts, feedback and the decisions catalogue, every rule
(each tried the way an editor would get around it), withholding, the lock and the scaffolds."""
from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from conftest import ROOT, TODAY, Repo, minimal_files
from test_published_html import _content, render  # noqa: F401 — render: Markdown as the build renders it
from gongbao import cli
from gongbao.content import clock, integrity, lock as lock_module, urls
from gongbao.publish import buildlog, rendered_html as published
from gongbao.publish.check import check
from gongbao.publish.render import site

DRAFT = """\
---
title: 无锡市示例办法（征求意见稿）
id: 2026-sl-zqyj
consulter: 无锡市人民政府办公室
opens: 2026-11-01
closes: 2026-12-31
email: yj@example.gov.cn
postal: 无锡市观山路1号（邮编 214000）
basis: [锡政办发〔2018〕68号, 《中华人民共和国立法法》]
disclosure: 主动公开
---
第一条 为了示例，制定本办法。

第二条 本办法自发布之日起施行，见[附件](/doc/xzbf/2018/68/)。
"""
EXPLANATION = """\
---
title: 关于《无锡市示例办法（征求意见稿）》的起草说明
draft: 2026-sl-zqyj
disclosure: 主动公开
---
一、起草背景

示例。
"""
DOC = "gazette/2018/06/xzbf-68.md"
CLOSED = DRAFT.replace("2026-sl-zqyj", "2018-sl-zqyj").replace("opens: 2026-11-01", "opens: 2018-04-01") \
    .replace("closes: 2026-12-31", "closes: 2018-05-01")
FEEDBACK = """\
---
title: 关于示例办法意见采纳情况的说明
draft: 2018-sl-zqyj
published: 2018-06-01
comments: 10
adopted: 4
channels: {电子邮件: 7, 信函: 3}
disclosure: 主动公开
---
## 一、采纳的意见

四条。

## 二、未采纳的意见及理由

六条，理由如下。
"""
DECISIONS = """\
---
year: 2018
title: 2018年度重大行政决策事项目录
published: 2018-03-01
items:
  - id: 2018-01
    title: 制定示例办法
    responsible: 无锡市人民政府办公室
    planned: 2018-06-30
    stages: {公众参与: 已完成, 专家论证: 已完成, 合法性审查: 进行中}
    draft: 2018-sl-zqyj
---
"""


@pytest.fixture
def prepo(tmp_path) -> Repo:
    """The minimal repository with one open draft, one closed draft with feedback, one catalogue year."""
    r = Repo(tmp_path / "repo")
    files = minimal_files() | {"drafts/open.md": DRAFT, "drafts/closed.md": CLOSED, "feedback/closed.md": FEEDBACK,
                               "decisions/2018.md": DECISIONS, "explanations/open.md": EXPLANATION,
                               "explanations/closed.md": EXPLANATION.replace("2026-sl-zqyj", "2018-sl-zqyj")}
    for rel, text in files.items():
        r.write(rel, text)
    return r


def errors(r: Repo) -> list[str]:
    return [str(d) for d in r.check().diagnostics if d.is_error]


def warnings(r: Repo) -> list[str]:
    return [str(d) for d in r.check().diagnostics if not d.is_error]


def test_valid_participation_content_loads_without_a_problem(prepo):
    checked = prepo.check()
    assert [str(d) for d in checked.diagnostics] == []
    assert {str(d.id) for d in checked.archive.drafts} == {"2026-sl-zqyj", "2018-sl-zqyj"}
    assert [f.comments for f in checked.archive.feedback] == [10]
    (year,) = checked.archive.decisions
    assert year.items[0].stages == (("公众参与", "已完成"), ("专家论证", "已完成"), ("合法性审查", "进行中"),
                                    ("风险评估", "未开始"), ("集体讨论决定", "未开始"))


def test_open_and_closed_are_decided_by_the_build_date(prepo):
    drafts = {str(d.id): d for d in prepo.check().archive.drafts}
    assert drafts["2026-sl-zqyj"].standing(TODAY) == "正在征求意见"
    assert drafts["2026-sl-zqyj"].standing(dt.date(2026, 10, 31)) == "尚未开始"
    assert drafts["2026-sl-zqyj"].standing(dt.date(2026, 12, 31)) == "正在征求意见"  # the closing day is still open
    assert drafts["2026-sl-zqyj"].standing(dt.date(2027, 1, 1)) == "意见征集已结束"


def test_draft_urls_are_permanent_and_never_under_doc(prepo):
    archive = prepo.check().archive
    assert sorted(urls.draft(d) for d in archive.drafts) == ["draft/2018-sl-zqyj/", "draft/2026-sl-zqyj/"]
    assert urls.feedback(archive.feedback[0]) == "draft/2018-sl-zqyj/feedback/"


@pytest.mark.parametrize("old,new,expected", [
    ("第一条 为了示例，制定本办法。\n\n第二条 本办法自发布之日起施行，见[附件](/doc/xzbf/2018/68/)。\n", "", "征求意见稿没有正文"),
    ("第一条 为了示例，制定本办法。\n", "第一条 为了示例，制定本办法。\n\n## 起草说明\n\n示例。\n",
     "drafts/open.md:14: 起草说明写在了征求意见稿正文中"),  # the way drafts were first written
    ("第一条 为了示例，制定本办法。\n", "第一条 为了示例，制定本办法。\n\n#### 起草说明 ####\n", "起草说明写在了征求意见稿正文中"),
    ("closes: 2026-12-31", "closes: 2026-10-01", "drafts/open.md:6: 征求意见截止日期 2026-10-01 早于开始日期 2026-11-01"),
    ("consulter: 无锡市人民政府办公室", "consulter: 无锡市人民政府办工室", "drafts/open.md:4: 征求意见单位 无锡市人民政府办工室 不在"),
    ("email: yj@example.gov.cn", "email: mailto:yj@example.gov.cn", "drafts/open.md:7: email “mailto:yj@example.gov.cn” 不是电子邮箱地址"),
    ("email: yj@example.gov.cn", "email: 'yj@example.gov.cn?body=<script>'", "不是电子邮箱地址"),
    ("email: yj@example.gov.cn", "form_url: javascript:alert(1)", "form_url “javascript:alert(1)” 应为 https:// 开头的网址"),
    ("email: yj@example.gov.cn", "form_url: http://yj.example.gov.cn/", "应为 https:// 开头的网址"),
    # the link says yj.example.gov.cn and leads to evil.example
    ("email: yj@example.gov.cn", "form_url: https://yj.example.gov.cn@evil.example/", "drafts/open.md:7: form_url"),
    ("email: yj@example.gov.cn", "form_url: https://yj.example.gov.cn:0/", "drafts/open.md:7: form_url"),
    ("email: yj@example.gov.cn\npostal: 无锡市观山路1号（邮编 214000）\n", "", "没有写明提出意见的方式"),
    ("id: 2026-sl-zqyj", "id: 2026_SL", "drafts/open.md:3: id："),
    ("disclosure: 主动公开", "disclosure: 部分公开\ndisclosure_reason: 第十五条：个人隐私", "部分公开，但正文没有标注不予公开的段落"),
    ("第一条 为了示例", "第一条 【不予公开】为了示例【/不予公开】", "正文标注了不予公开的段落，但公开属性为主动公开"),
    ("title: 无锡市示例办法（征求意见稿）", "title: 无锡市示例办法<em>（征求意见稿）</em>", "标题中不能含有 < 或 >"),
    # printed as HTML by the theme, in the header and <title>: U+202E there, as a document's title may not
    ("title: 无锡市示例办法（征求意见稿）", "title: 无锡市示例办法&#x202e;（征求意见稿）", "drafts/open.md:2: 标题中不能含有字符引用 &#x202e;"),
    ("第一条 为了示例", "<script>alert(1)</script>第一条 为了示例", "drafts/open.md:12:"),
    ("第一条 为了示例", '<span id="art-3">第一条</span> 为了示例', "drafts/open.md:12:"),
    ("第一条 为了示例", "第一条 TODO：为了示例", "drafts/open.md:12: 正文尚未填写"),
    ("disclosure: 主动公开", "disclosure: 主动公开\ndecision: 2099-01",
     "decision: 2099-01 不在任何年度的重大行政决策事项目录中"),
    ("disclosure: 主动公开", "disclosure: 主动公开\nrevises: no-such-draft", "revises: no-such-draft 找不到这份征求意见稿"),
    ("disclosure: 主动公开", "disclosure: 主动公开\nmeeting: 2026-11-02", "未知的键 meeting"),
    ("见[附件](/doc/xzbf/2018/68/)", "见[附件](/files/none.pdf)", "drafts/open.md:14: 链接指向不存在的页面或文件：/files/none.pdf"),
    ("见[附件](/doc/xzbf/2018/68/)", "见[上一稿](../2018-sl-zqyj/)和[办法](/doc/xzbf/2018/69/)", "/doc/xzbf/2018/69/"),
])
def test_draft_rules(prepo, old, new, expected):
    prepo.replace("drafts/open.md", old, new)
    found = errors(prepo)
    assert any(expected in m for m in found), found


def test_a_cycle_of_revisions_is_an_error(prepo):
    prepo.replace("drafts/open.md", "disclosure: 主动公开", "disclosure: 主动公开\nrevises: 2018-sl-zqyj")
    assert not errors(prepo)  # a later round revising an earlier one is fine
    prepo.replace("drafts/closed.md", "disclosure: 主动公开", "disclosure: 主动公开\nrevises: 2026-sl-zqyj")
    assert any("revises 构成循环" in m for m in errors(prepo))


def test_two_drafts_with_one_id_are_an_error(prepo):
    prepo.write("drafts/again.md", DRAFT)
    assert any("征求意见稿 id 2026-sl-zqyj 与" in m for m in errors(prepo))


class TestExplanation:
    """起草说明: a file of its own, paired with its draft as an interpretation with its document."""

    def test_each_draft_is_paired_with_its_explanation(self, prepo):
        archive = prepo.check().archive
        draft = archive.draft(next(d.id for d in archive.drafts if str(d.id) == "2026-sl-zqyj"))
        explanation = archive.explanation_of(draft)
        assert explanation.source.path == "explanations/open.md" and explanation.published == draft.opens
        assert urls.explanation(explanation) == "draft/2026-sl-zqyj/explanation/"

    def test_a_draft_without_one_is_an_error_at_the_draft(self, prepo):
        (prepo.path / "explanations/open.md").unlink()
        assert errors(prepo) == ["drafts/open.md:3: 征求意见稿 2026-sl-zqyj 没有起草说明 — 在 explanations/ 中加入一个文件，"
                                 "写 draft: 2026-sl-zqyj、title 和起草背景、依据、主要内容（gongbao new explanation --draft 2026-sl-zqyj）"]

    def test_a_withheld_explanation_does_not_count_and_leaves_no_page(self, prepo):
        prepo.replace("explanations/open.md", "disclosure: 主动公开", "disclosure: 不予公开\ndisclosure_reason: 第十六条：过程性信息")
        checked = prepo.check()
        assert [str(e.draft) for e in checked.archive.public().explanations] == ["2018-sl-zqyj"]
        assert "draft/2026-sl-zqyj/explanation/" not in lock_module.pages(checked.archive, checked.settings.issuer_codes)

    @pytest.mark.parametrize("old,new,expected", [
        ("draft: 2026-sl-zqyj", "draft: 2026-no-zqyj", "explanations/open.md:3: 起草说明的 draft: 2026-no-zqyj 找不到这份征求意见稿"),
        ("draft: 2026-sl-zqyj", "draft: 2018-sl-zqyj", "explanations/open.md:3: 征求意见稿 2018-sl-zqyj 已有起草说明：explanations/closed.md"),
        ("draft: 2026-sl-zqyj\n", "", "explanations/open.md:1: 缺少必填项 draft"),
        ("一、起草背景\n\n示例。\n", "\n", "explanations/open.md:6: 起草说明是空的"),
        ("一、起草背景", "一、TODO：起草背景", "explanations/open.md:6: 正文尚未填写"),
        ("示例。", "<script>alert(1)</script>示例。", "explanations/open.md:8:"),
        ("示例。", '<span id="sec-9">示例。</span>', "explanations/open.md:8:"),
        ("示例。", "见[附件](/files/none.pdf)。", "explanations/open.md:8: 链接指向不存在的页面或文件：/files/none.pdf"),
        ("示例。", "【不予公开】示例【/不予公开】。", "正文标注了不予公开的段落，但公开属性为主动公开"),
        ("title: 关于", "title: <b>关于", "标题中不能含有 < 或 >"),
        ("disclosure: 主动公开", "disclosure: 主动公开\nopens: 2026-11-01", "未知的键 opens"),
    ])
    def test_explanation_rules(self, prepo, old, new, expected):
        prepo.replace("explanations/open.md", old, new)
        found = errors(prepo)
        assert any(expected in m for m in found), found

    def test_an_orphan_is_an_error_also_when_its_draft_is_withheld(self, prepo):
        """A withheld draft is still a draft: its explanation is no orphan, and is withheld with it."""
        prepo.replace("drafts/open.md", "disclosure: 主动公开", "disclosure: 不予公开\ndisclosure_reason: 第十六条：过程性信息")
        checked = prepo.check()
        assert [str(d) for d in checked.diagnostics if d.is_error] == []
        assert not any(url.startswith("draft/2026-sl-zqyj/") for url in lock_module.pages(checked.archive, checked.settings.issuer_codes))

    def test_its_text_is_locked_on_its_own(self, prepo):
        assert cli.main(["lock", "--write", "--root", str(prepo.path)]) == 0
        locked, _ = lock_module.load(prepo.path)
        entry = locked.entries["draft/2026-sl-zqyj/explanation/"]
        assert (entry.kind, entry.ref, entry.first_published) == ("explanation", "2026-sl-zqyj", "2026-11-01")
        prepo.replace("explanations/open.md", "示例。", "另一个示例。")
        found = errors(prepo)
        assert any(m.startswith("explanations/open.md:6: 已发布的文本") for m in found), found
        assert not any(m.startswith("drafts/open.md") for m in found), found  # the draft's own hash is untouched

    def test_a_locked_explanation_cannot_vanish(self, prepo):
        assert cli.main(["lock", "--write", "--root", str(prepo.path)]) == 0
        (prepo.path / "explanations/open.md").unlink()
        found = errors(prepo)
        assert any("已发布的网址 draft/2026-sl-zqyj/explanation/" in m for m in found), found

    def test_new_explanation_scaffold(self, prepo, capsys):
        (prepo.path / "explanations/open.md").unlink()
        assert cli.main(["new", "explanation", "--draft", "2026-sl-zqyj", "--root", str(prepo.path)]) == 0
        text = (prepo.path / "explanations/2026-sl-zqyj.md").read_text(encoding="utf-8")
        assert "title: 关于《无锡市示例办法（征求意见稿）》的起草说明" in text and "draft: 2026-sl-zqyj" in text
        assert any(m.startswith("explanations/2026-sl-zqyj.md:") and "尚未填写" in m for m in errors(prepo))
        assert cli.main(["new", "explanation", "--draft", "2026-sl-zqyj", "--root", str(prepo.path)]) == 1
        assert "已有起草说明" in capsys.readouterr().err
        assert cli.main(["new", "explanation", "--draft", "2099-no", "--root", str(prepo.path)]) == 1


class TestFinalDocument:
    def test_either_side_may_name_the_other(self, prepo):
        prepo.replace("drafts/closed.md", "disclosure: 主动公开", "disclosure: 主动公开\nfinal: 锡政办发〔2018〕68号")
        assert errors(prepo) == []
        prepo.replace("gazette/2018/06/xzbf-68.md", "status: 执行中", "status: 执行中\ndraft: 2018-sl-zqyj")
        assert errors(prepo) == []  # both sides, agreeing

    def test_a_document_naming_an_unknown_draft_is_an_error(self, prepo):
        prepo.replace("gazette/2018/06/xzbf-68.md", "status: 执行中", "status: 执行中\n征求意见稿: 2018-no-zqyj")
        assert any("xzbf-68.md:9: draft: 2018-no-zqyj 找不到这份征求意见稿" in m for m in errors(prepo))

    def test_contradicting_sides_are_an_error(self, prepo):
        prepo.replace("drafts/closed.md", "disclosure: 主动公开", "disclosure: 主动公开\nfinal: 锡政办发〔2018〕70号")
        prepo.replace("gazette/2018/06/xzbf-68.md", "status: 执行中", "status: 执行中\ndraft: 2018-sl-zqyj")
        found = errors(prepo)
        assert any("而该稿的 final 是 锡政办发〔2018〕70号" in m for m in found), found
        assert any("final: 锡政办发〔2018〕70号 在公报中找不到" in m for m in found), found

    def test_two_documents_cannot_claim_one_draft(self, prepo):
        prepo.replace("gazette/2018/06/xzbf-68.md", "status: 执行中", "status: 执行中\ndraft: 2018-sl-zqyj")
        other = (prepo.path / "gazette/2018/06/xzbf-68.md").read_text(encoding="utf-8").replace("68号", "69号")
        prepo.write("gazette/2018/06/xzbf-69.md", other)
        prepo.write("interpretations/xzbf-69-jd.md", (prepo.path / "interpretations/xzbf-68-jd.md").read_text(
            encoding="utf-8").replace("68号", "69号"))
        assert any("已由 锡政办发〔2018〕68号 认领为其正式文件" in m for m in errors(prepo))

    def test_a_final_document_published_before_the_consultation_closed_is_an_error(self, prepo):
        prepo.replace("drafts/closed.md", "closes: 2018-05-01", "closes: 2018-06-10")
        prepo.replace("drafts/closed.md", "disclosure: 主动公开", "disclosure: 主动公开\nfinal: 锡政办发〔2018〕68号")
        prepo.replace("feedback/closed.md", "published: 2018-06-01", "published: 2018-06-11")
        assert any("发布于 2018-06-05，早于征求意见截止日期 2018-06-10" in m for m in errors(prepo))


class TestRequiredConsultation:
    def test_a_listed_type_without_a_draft_warns(self, prepo):
        prepo.write("gazette.yml", minimal_files()["gazette.yml"] + "consultation_types: [规范性文件]\n")
        found = warnings(prepo)
        assert any("规范性文件 锡政办发〔2018〕68号 按本站设置应公开征求意见" in m for m in found), found
        assert errors(prepo) == []
        prepo.replace("drafts/closed.md", "disclosure: 主动公开", "disclosure: 主动公开\nfinal: 锡政办发〔2018〕68号")
        assert warnings(prepo) == []

    def test_a_listed_topic_warns_for_normative_documents(self, prepo):
        prepo.write("gazette.yml", minimal_files()["gazette.yml"] + "consultation_topics: [综合政务]\n")
        assert warnings(prepo) == []
        prepo.replace("gazette/2018/06/xzbf-68.md", "status: 执行中", "status: 执行中\ntopics: [综合政务]")
        assert any("按本站设置应公开征求意见" in m for m in warnings(prepo))


class TestFeedback:
    @pytest.mark.parametrize("old,new,expected", [
        ("published: 2018-06-01", "published: 2018-05-01", "feedback/closed.md:4: 意见采纳情况发布于 2018-05-01，征求意见截止于 2018-05-01"),
        ("adopted: 4", "adopted: 11", "feedback/closed.md:6: 采纳 11 条，多于收到的 10 条"),
        ("信函: 3", "信函: 2", "feedback/closed.md:7: 各渠道意见合计 9 条，与 comments 10 条不符"),
        ("## 二、未采纳的意见及理由", "## 二、其他", "有 6 条意见未采纳，正文没有说明理由"),
        ("draft: 2018-sl-zqyj", "draft: 2018-xx-zqyj", "draft: 2018-xx-zqyj 找不到这份征求意见稿"),
        ("channels: {电子邮件: 7, 信函: 3}", "channels: [电子邮件, 信函]", "channels 应为 渠道: 条数 的映射"),
        ("comments: 10", "comments: -1", "comments 应为非负整数"),
    ])
    def test_feedback_rules(self, prepo, old, new, expected):
        prepo.replace("feedback/closed.md", old, new)
        found = errors(prepo)
        assert any(expected in m for m in found), found

    @pytest.mark.parametrize("channels, wrong", [
        ("{电子邮件: 7, 信函: 三, 网上征集系统: 3}", "“信函” 的条数应为非负整数，实际为 “三”"),
        ("\n  电子邮件: 7\n  信函: -3\n  网上征集系统: 3", "“信函” 的条数应为非负整数，实际为 “-3”"),
        ("{电子邮件: 7, 信函: true, 网上征集系统: 3}", "“信函” 的条数应为非负整数，实际为 布尔值 true"),
        ("{电子邮件: 7, 信函: [3], 网上征集系统: 3}", "“信函” 的条数应为非负整数，实际为 列表"),
        ("{電子郵件: 7, 信函: , 網上徵集系統: 3}", "“信函” 的条数应为非负整数，实际为 空值"),
    ])
    def test_a_channel_written_wrong_is_told_and_the_others_kept(self, prepo, channels, wrong):
        """As a list fact with an item written wrong: the item is told, the items read right are kept (the lock compares
        them), and the sum of what was read is not also told short of comments."""
        prepo.replace("feedback/closed.md", "channels: {电子邮件: 7, 信函: 3}", f"channels: {channels}")
        checked = prepo.check()
        assert [str(d) for d in checked.diagnostics if d.is_error] == [
            f"feedback/closed.md:7: channels 中渠道 {wrong} — 写成 channels: {{电子邮件: 20, 信函: 3, 网上征集系统: 14}}"]
        feedback, = checked.archive.feedback
        assert [n for _, n in feedback.channels] == [7, 3] and "channels" in feedback.unread

    def test_a_second_feedback_for_one_draft_is_an_error(self, prepo):
        prepo.write("feedback/again.md", FEEDBACK)
        assert any("已有意见采纳情况" in m for m in errors(prepo))

    def test_missing_feedback_warns_after_the_first_limit_and_refuses_after_the_second(self, prepo):
        (prepo.path / "feedback/closed.md").unlink()
        closes = TODAY - dt.timedelta(days=31)
        prepo.replace("drafts/closed.md", "closes: 2018-05-01", f"closes: {closes}")
        assert any("超过 30 天仍未发布意见采纳情况" in m for m in warnings(prepo))
        assert errors(prepo) == []
        prepo.replace("drafts/closed.md", f"closes: {closes}", f"closes: {TODAY - dt.timedelta(days=30)}")
        assert warnings(prepo) == []  # exactly the limit: not yet
        prepo.replace("drafts/closed.md", f"closes: {TODAY - dt.timedelta(days=30)}", "closes: 2018-05-01")
        assert any("drafts/closed.md:6: 征求意见已于 2018-05-01 结束" in m and "超过 90 天" in m for m in errors(prepo))

    def test_the_limits_are_settings(self, prepo):
        (prepo.path / "feedback/closed.md").unlink()
        prepo.write("gazette.yml", minimal_files()["gazette.yml"] + "feedback_warn_days: 3000\nfeedback_refuse_days: 3650\n")
        assert errors(prepo) == [] and any("超过 3000 天" in m for m in warnings(prepo))

    def test_an_unpublished_feedback_does_not_count_as_published(self, prepo):
        prepo.replace("feedback/closed.md", "disclosure: 主动公开", "disclosure: 不予公开\ndisclosure_reason: 第十六条：过程性信息")
        assert any("超过 90 天仍未发布意见采纳情况" in m for m in errors(prepo))

    def test_withheld_drafts_need_no_published_feedback(self, prepo):
        (prepo.path / "feedback/closed.md").unlink()
        prepo.replace("drafts/closed.md", "disclosure: 主动公开", "disclosure: 不予公开\ndisclosure_reason: 第十六条：过程性信息")
        assert errors(prepo) == [] and warnings(prepo) == []


@pytest.mark.parametrize("text,expected", [
    ("feedback_warn_days: -1\n", "feedback_warn_days 应为 0 到 3650 之间的整数"),
    ("feedback_refuse_days: true\n", "feedback_refuse_days 应为 0 到 3650 之间的整数"),
    ("feedback_warn_days: 60\nfeedback_refuse_days: 30\n", "feedback_refuse_days（30）小于 feedback_warn_days（60）"),
    ("consultation_types: 规章\n", "consultation_types 应为文字列表"),
    ("consultation_types: [规定]\n", "consultation_types 中 “规定” 不是文件类型"),
])
def test_participation_settings_are_validated(prepo, text, expected):
    prepo.write("gazette.yml", minimal_files()["gazette.yml"] + text)
    found = [str(d) for d in prepo.check().diagnostics]
    assert any(expected in m and m.startswith("gazette.yml:") for m in found), found


@pytest.mark.parametrize("old, new, line, feedback", [
    ("issuers:", "issuer:", 2, True),  # misspelt: the 征求意见单位 not told unknown
    # nor the closed draft without its feedback told late
    ("锡政办发: xzbf", "锡政办发: xzbf}\nfeedback_warn_days: 3000\nfeedback_refuse_days: 3650天\n#", 5, False),
])
def test_participation_settings_with_errors_say_nothing_of_the_drafts(prepo, old, new, line, feedback):
    if not feedback:
        (prepo.path / "feedback/closed.md").unlink()
    prepo.write("gazette.yml", minimal_files()["gazette.yml"].replace(old, new))
    assert [m.split(":")[:2] for m in errors(prepo)] == [["gazette.yml", str(line)]], errors(prepo)


class TestDecisions:
    @pytest.mark.parametrize("old,new,expected", [
        ("draft: 2018-sl-zqyj", "draft: 2018-zz-zqyj", "decisions/2018.md:5: 事项 2018-01 的 draft: 2018-zz-zqyj 找不到"),
        ("合法性审查: 进行中", "合法性审查: 办理中", "items 第 1 项：stages 中 合法性审查 的状态 “办理中” 无效"),
        ("合法性审查: 进行中", "合法审查: 进行中", "stages 中 “合法审查” 不是决策程序"),
        ("    responsible: 无锡市人民政府办公室\n", "", "items 第 1 项：缺少必填项 responsible"),
        ("    draft: 2018-sl-zqyj\n", "    draft: 2018-sl-zqyj\n    final: 锡政办发〔2018〕99号\n", "final: 锡政办发〔2018〕99号 在公报中找不到"),
        ("items:\n", "items: []\nx:\n", "决策事项目录没有事项"),
    ])
    def test_catalogue_rules(self, prepo, old, new, expected):
        prepo.replace("decisions/2018.md", old, new)
        found = errors(prepo)
        assert any(expected in m for m in found), found

    def test_item_and_draft_must_agree(self, prepo):
        prepo.replace("decisions/2018.md", "  - id: 2018-01", "  - id: 2018-02\n    title: 另一事项\n    responsible: 无锡市财政局\n  - id: 2018-01")
        prepo.replace("drafts/closed.md", "disclosure: 主动公开", "disclosure: 主动公开\ndecision: 2018-02")
        assert any("事项 2018-01 的征求意见稿 2018-sl-zqyj 却属于事项 2018-02" in m for m in errors(prepo))

    def test_duplicate_item_ids_are_an_error(self, prepo):
        prepo.write("decisions/2019.md", DECISIONS.replace("year: 2018", "year: 2019"))
        assert any("与 decisions/2018.md 中的事项编号重复" in m for m in errors(prepo))


class TestWithholding:
    def test_withheld_drafts_and_their_feedback_leave_the_public_archive(self, prepo):
        prepo.replace("drafts/closed.md", "disclosure: 主动公开", "disclosure: 不予公开\ndisclosure_reason: 第十四条：国家秘密")
        checked = prepo.check()
        public = checked.archive.public()
        assert [str(d.id) for d in public.drafts] == ["2026-sl-zqyj"] and public.feedback == []
        pages = lock_module.pages(checked.archive, checked.settings.issuer_codes)
        assert not any(url.startswith("draft/2018-sl-zqyj/") for url in pages)

    def test_a_withheld_feedback_alone_is_dropped(self, prepo):
        prepo.replace("feedback/closed.md", "disclosure: 主动公开", "disclosure: 依申请公开\ndisclosure_reason: 第十九条")
        assert prepo.check().archive.public().feedback == []

    def test_withheld_passages_are_replaced_before_anything_reads_them(self, prepo):
        prepo.replace("drafts/open.md", "disclosure: 主动公开", "disclosure: 部分公开\ndisclosure_reason: 第十五条：个人隐私")
        prepo.replace("drafts/open.md", "制定本办法。", "【不予公开】泄密标记Z9【/不予公开】")
        checked = prepo.check()
        draft = next(d for d in checked.archive.drafts if str(d.id) == "2026-sl-zqyj")
        assert "泄密标记Z9" not in draft.source.body and "（此处依法不予公开）" in draft.source.body
        assert "泄密标记Z9" not in integrity.canonical_text(draft)

    def test_a_mark_in_a_front_matter_value_is_an_error(self, prepo):
        prepo.replace("drafts/open.md", "postal: 无锡市观山路1号", "postal: 【不予公开】无锡市观山路1号【/不予公开】")
        assert any("drafts/open.md:8: postal 中有不予公开标记" in m for m in errors(prepo))


class TestLock:
    def test_drafts_and_feedback_are_locked_with_their_text(self, prepo):
        checked = prepo.check()
        pages = lock_module.pages(checked.archive, checked.settings.issuer_codes)
        entries = {url: lock_module.entry(item) for url, item in pages.items()}
        assert entries["draft/2026-sl-zqyj/"].kind == "draft"
        assert entries["draft/2026-sl-zqyj/"].first_published == "2026-11-01"
        assert entries["draft/2018-sl-zqyj/feedback/"].kind == "feedback"
        assert entries["draft/2018-sl-zqyj/feedback/"].ref == "2018-sl-zqyj"

    def test_a_locked_draft_text_never_changes_silently(self, prepo):
        assert cli.main(["lock", "--write", "--root", str(prepo.path)]) == 0
        assert errors(prepo) == []
        prepo.replace("drafts/open.md", "第一条 为了示例", "第一条 为了别的目的")
        prepo.replace("feedback/closed.md", "四条。", "五条。")
        found = errors(prepo)
        assert any(m.startswith("drafts/open.md:12: 已发布的文本") for m in found), found
        assert any(m.startswith("feedback/closed.md:") and "已发布的文本" in m for m in found), found

    def test_a_locked_draft_cannot_vanish(self, prepo):
        assert cli.main(["lock", "--write", "--root", str(prepo.path)]) == 0
        (prepo.path / "drafts/open.md").unlink()
        assert any("已发布的网址 draft/2026-sl-zqyj/" in m and "在本次生成中消失" in m for m in errors(prepo))

    def test_the_lock_file_reads_the_new_kinds(self, prepo):
        assert cli.main(["lock", "--write", "--root", str(prepo.path)]) == 0
        locked, problems = lock_module.load(prepo.path)
        assert problems == [] and locked.entries["draft/2018-sl-zqyj/feedback/"].kind == "feedback"


class TestScaffolds:
    def test_new_draft_and_feedback_are_refused_until_filled(self, prepo, capsys):
        assert cli.main(["new", "draft", "--id", "2026-new-zqyj", "--root", str(prepo.path)]) == 0
        text = (prepo.path / "drafts/2026-new-zqyj.md").read_text(encoding="utf-8")
        assert "起草说明" not in text and "TODO" in text
        text = (prepo.path / "explanations/2026-new-zqyj.md").read_text(encoding="utf-8")
        assert "draft: 2026-new-zqyj" in text and "TODO" in text
        assert cli.main(["new", "feedback", "--draft", "2026-sl-zqyj", "--root", str(prepo.path)]) == 0
        text = (prepo.path / "feedback/2026-sl-zqyj-yjcn.md").read_text(encoding="utf-8")
        assert "未采纳的意见及理由" in text and "title: 关于《无锡市示例办法（征求意见稿）》意见采纳情况的说明" in text
        found = errors(prepo)
        assert any(m.startswith("drafts/2026-new-zqyj.md:5: opens") for m in found), found
        assert any(m.startswith("feedback/2026-sl-zqyj-yjcn.md:") for m in found), found

    def test_scaffolds_refuse_a_taken_id_or_an_unknown_draft(self, prepo, capsys):
        assert cli.main(["new", "draft", "--id", "2026-sl-zqyj", "--root", str(prepo.path)]) == 1
        assert "已由 drafts/open.md 使用" in capsys.readouterr().err
        assert cli.main(["new", "feedback", "--draft", "2099-no", "--root", str(prepo.path)]) == 1
        assert "找不到 id 为 2099-no 的征求意见稿" in capsys.readouterr().err
        assert cli.main(["new", "feedback", "--draft", "2018-sl-zqyj", "--root", str(prepo.path)]) == 1
        assert "已有意见采纳情况" in capsys.readouterr().err


def test_a_link_in_a_file_of_the_new_folders_leading_out_is_refused(prepo, tmp_path):
    (tmp_path / "outside.md").write_text(DRAFT, encoding="utf-8")
    (prepo.path / "drafts/link.md").symlink_to(tmp_path / "outside.md")
    found = [str(d) for d in check(prepo.path, today=TODAY).diagnostics]
    assert any(m.startswith("drafts/link.md") and "符号链接指向仓库之外" in m for m in found), found


def test_a_published_draft_lawfully_withdrawn_keeps_its_url_as_a_notice(prepo):
    assert cli.main(["lock", "--write", "--root", str(prepo.path)]) == 0
    prepo.replace("drafts/open.md", "disclosure: 主动公开", "disclosure: 不予公开\ndisclosure_reason: 第十六条：过程性信息")
    assert any("已发布的网址 draft/2026-sl-zqyj/" in m for m in errors(prepo))
    prepo.write("withdrawn.yml", "- {url: draft/2026-sl-zqyj/, title: 无锡市示例办法（征求意见稿）, date: 2026-12-01, reason: 决策事项调整}\n")
    assert [m for m in errors(prepo) if "draft/2026-sl-zqyj/explanation/" in m and "消失" in m]  # withheld with its draft
    prepo.write("withdrawn.yml", "- {url: draft/2026-sl-zqyj/, title: 无锡市示例办法（征求意见稿）, date: 2026-12-01, reason: 决策事项调整}\n"
                "- {url: draft/2026-sl-zqyj/explanation/, title: 起草说明, date: 2026-12-01, reason: 决策事项调整}\n")
    line = lock_module.load(prepo.path)[0].line("draft/2026-sl-zqyj/explanation/")
    assert [m.split(" — ")[0] for m in errors(prepo)] == [  # the notice names the text published there
        f"withdrawn.yml:2: 撤回记录的标题“起草说明”不是 gazette.lock.json 第 {line} 行的 draft/2026-sl-zqyj/explanation/ "
        "发布时的标题“关于《无锡市示例办法（征求意见稿）》的起草说明”"]
    prepo.replace("withdrawn.yml", "title: 起草说明,", "title: 关于《无锡市示例办法（征求意见稿）》的起草说明,")
    assert errors(prepo) == []
    prepo.write("withdrawn.yml", "- {url: draft/../etc/, title: 某稿, date: 2026-12-01, reason: 调整}\n")
    assert any("撤回记录的网址“draft/../etc/”不是文件或解读的网址" in m for m in errors(prepo))


PAYLOADS = [
    '<span id="art-3">假第三条</span>',
    '<div class="gb-banner gb-draft-banner" role="note">已正式印发</div>',
    "</div></article>\n\n<article data-pagefind-body markdown=\"1\">\n\n假正文\n\n</article>",
    '*x*{: data-pagefind-filter="kind:文件" }',
    '<span data-gb-closes="2099-01-01" data-gb-closed-label="假">x</span>',
    "\\`<script>alert(1)</script>\\`",
]


@pytest.mark.parametrize("path,url", [("drafts/open.md", "draft/2026-sl-zqyj/"),
                                      ("feedback/closed.md", "draft/2018-sl-zqyj/feedback/"),
                                      ("explanations/open.md", "draft/2026-sl-zqyj/explanation/"),
                                      ("explanations/open.md", "draft/2026-sl-zqyj/")])  # shown below its draft too
@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_payload_in_a_draft_or_feedback_is_refused_on_its_page(prepo, render, path, url, payload):
    """The rendered check (the guarantee) sees the editor's text of the new pages as untrusted, even
    where it imitates the project's own markup (a fake 已正式印发 banner, a fake search filter)."""
    target = prepo.path / path
    target.write_text(target.read_text(encoding="utf-8") + "\n" + payload + "\n", encoding="utf-8")
    checked = check(prepo.path, today=TODAY)  # read even when the source rule objects
    pages, authored = site.pages(checked.archive, checked.settings, checked.today), site.authored(checked.archive)
    assert any(payload in part.body for part in authored[url])
    found = published.violations(render(_content(pages[url])), published.trusted(pages[url], authored[url]))
    assert found
    assert {d.path for d in published.diagnostics(found, authored[url], url)} == {path}


class TestSnapshotDate:
    """The sample is a snapshot judged on its own build_date (gazette.yml), so it builds for years and its
    open consultation stays open; a live gazette (no build_date) is judged on the build's day, and the
    feedback rule is the same on both."""

    def test_a_pinned_gazette_is_judged_on_its_build_date_whatever_the_clock(self, prepo, monkeypatch):
        (prepo.path / "feedback/closed.md").unlink()
        prepo.replace("drafts/closed.md", "closes: 2018-05-01", "closes: 2026-09-30")
        monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2030, 1, 1, tzinfo=dt.timezone.utc).timestamp())))
        checked = check(prepo.path)
        assert checked.today == dt.date(2030, 1, 1)  # no pin: the build's day
        assert any("超过 90 天仍未发布意见采纳情况" in str(d) for d in checked.diagnostics)
        prepo.write("gazette.yml", minimal_files()["gazette.yml"] + "build_date: 2026-10-15\n")
        checked = check(prepo.path)
        assert checked.today == dt.date(2026, 10, 15) and clock.build_date(dt.date(2026, 10, 15)) == checked.today
        assert [str(d) for d in checked.diagnostics if d.rule != "pinned-date"] == []  # 15 days after closing: not yet due
        (pinned,) = [d for d in checked.diagnostics if d.rule == "pinned-date"]  # and the pin is never silent
        assert (pinned.path, pinned.line, pinned.is_error) == ("gazette.yml", 4, False) and "2026-10-15" in pinned.message
        prepo.write("gazette.yml", minimal_files()["gazette.yml"] + "build_date: 2027-01-15\n")
        found = [str(d) for d in check(prepo.path).diagnostics]
        assert any("结束 107 天，超过 90 天仍未发布意见采纳情况" in m for m in found), found  # the rule as it was

    def test_a_pin_ahead_of_the_calendar_is_refused(self, prepo):
        """Pinned in the future (the settings refuse years past 2199), a 勘误 or a withdrawal dated then would pass as already done."""
        prepo.write("gazette.yml", minimal_files()["gazette.yml"] + "build_date: 2199-01-01\n")
        errors = [str(d) for d in prepo.check().diagnostics if d.is_error]
        assert errors == [f"gazette.yml:4: build_date 2199-01-01 在今天（{dt.date.today().isoformat()}）之后：尚未到来的日子不能作为判断日期"
                          " — 改为今天或更早的日期；正式运行的公报删去 gazette.yml 中的 build_date"]

    def test_a_live_gazette_is_not_told_of_a_pin(self, prepo):
        assert not [d for d in prepo.check().diagnostics if d.rule == "pinned-date"]

    def test_the_sample_stays_buildable_and_its_consultation_open_in_years_to_come(self, monkeypatch):
        monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2035, 6, 1, tzinfo=dt.timezone.utc).timestamp())))
        checked = check(ROOT)
        assert [str(d) for d in checked.diagnostics if d.is_error] == []
        assert [d.standing(checked.today) for d in checked.archive.drafts if str(d.id) == "2026-zwgk-bzh-zqyj"] == ["正在征求意见"]

    @pytest.mark.parametrize("value", ["2026-02-30", "tomorrow", "[2026-01-01]"])
    def test_a_build_date_that_is_no_date_is_an_error(self, prepo, value):
        prepo.write("gazette.yml", minimal_files()["gazette.yml"] + f"build_date: {value}\n")
        found = [str(d) for d in prepo.check().diagnostics]
        assert any(m.startswith("gazette.yml:4: build_date 应为") for m in found), found


    @pytest.mark.parametrize("value, hint", [
        ("2026-12-32", "例如 build_date: 2026-11-29"),
        ("2026年10月15日", "写成 build_date: 2026-10-15"),
        ("[2026-10-15]", "例如 build_date: 2026-11-29"),
    ])
    def test_a_build_date_that_cannot_be_read_is_its_one_error_not_findings_of_another_day(self, prepo, monkeypatch,
                                                                                           value, hint):
        """Judged by the clock instead (SOURCE_DATE_EPOCH, 2030), the draft closed 2026-09-30 was told overdue and the
        document told expired on a day the editor never chose: the day meant is unknown, so the rules that depend on it
        say nothing, and the error says so."""
        (prepo.path / "feedback/closed.md").unlink()
        prepo.replace("drafts/closed.md", "closes: 2018-05-01", "closes: 2026-09-30")
        prepo.replace(DOC, "status: 执行中", "status: 执行中\nexpires: 2027-06-30")
        monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2030, 1, 1, tzinfo=dt.timezone.utc).timestamp())))
        prepo.write("gazette.yml", minimal_files()["gazette.yml"] + f"build_date: {value}\n")
        checked = check(prepo.path)
        assert [str(d) for d in checked.diagnostics] == [
            f"gazette.yml:4: build_date 应为 1949 至 2199 年间的日期（年-月-日），实际为 {'列表' if value[0] == '[' else value.join('“”')}"
            f"；改正之前，不判断文件是否施行、失效，征求意见是否逾期 — {hint}"
            + ("；只有示例或存档的快照才写它，正式运行的公报不写（按生成当天判断）" if hint.startswith("例如") else "")]
        assert checked.today is None  # not the clock's day either

    def test_a_build_date_that_cannot_be_read_hides_no_finding_true_on_any_day(self, prepo):
        """A status no day makes right, and a 勘误 dated after the calendar's day (no pin may be later), are told still."""
        prepo.write("gazette.yml", minimal_files()["gazette.yml"] + "build_date: 2026-12-32\n")
        prepo.replace(DOC, "status: 执行中", "status: 尚未施行\ncorrections:\n  - {date: 2199-01-01, change: 示例, reason: 录入错误}")
        today = dt.date.today().isoformat()
        assert [str(d) for d in check(prepo.path).diagnostics if not d.path.endswith(".yml")] == [
            f"{DOC}:8: 文件状态为尚未施行，但施行日期未填写 — 改为 执行中，或填写将来的 effective 日期",
            f"{DOC}:9: 勘误日期 2199-01-01 在今天（{today}）之后 — 勘误日期写实际更正的日期，不能预先填写"]


def test_the_whole_sample_with_a_build_date_that_cannot_be_read_is_checked_to_that_one_error(site_repo, capsys):
    """build_date: 2026-12-32 over every page of the sample, through the command line: no rule compares the unknown
    day (Context.today None) with a date, so no traceback; the check tells that error and what it tells on the
    sample's own day but the pin's warning (of a day it no longer has)."""
    on_its_day = [str(d) for d in check(site_repo.path).diagnostics if d.rule != "pinned-date"]
    site_repo.replace("gazette.yml", "build_date: 2026-12-01", "build_date: 2026-12-32")
    assert cli.main(["check", "--root", str(site_repo.path)]) == 1
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    checked = check(site_repo.path)
    assert checked.today is None
    line = (site_repo.path / "gazette.yml").read_text(encoding="utf-8").splitlines().index("build_date: 2026-12-32") + 1
    assert sorted(str(d) for d in checked.diagnostics) == sorted(on_its_day + [
        f"gazette.yml:{line}: build_date 应为 1949 至 2199 年间的日期（年-月-日），实际为 “2026-12-32”；改正之前，不判断文件是否施行、"
        "失效，征求意见是否逾期 — 例如 build_date: 2026-11-29；只有示例或存档的快照才写它，正式运行的公报不写（按生成当天判断）"])


def test_the_sample_drafts_lost_no_word_when_their_explanations_moved():
    """The hashes locked before the 起草说明 moved to files of their own are the hashes of each draft's text
    and its explanation joined as they stood (so the move changed where the text is, not the text; the
    drafts carry a 勘误 that says so)."""
    before = {2: {"2018-gbgl-zqyj": "5013b1d46e03", "2026-zwgk-bzh-zqyj": "1da04cf0701a"},   # locked in canonical text v2
              3: {"2018-gbgl-zqyj": "ab7e8c2fc4e1", "2026-zwgk-bzh-zqyj": "f2a45443ac81"}}   # and as upgraded to v3
    archive = check(ROOT).archive
    for draft in archive.drafts:
        explanation = archive.explanation_of(draft)
        joined = f"{draft.source.body.rstrip()}\n\n## 起草说明\n\n{explanation.source.body.lstrip()}"
        as_it_was = replace(draft, source=replace(draft.source, body=joined), corrections=())
        for version, hashes in before.items():
            assert integrity.sha256(as_it_was, version).startswith(hashes[str(draft.id)])
        assert "起草说明" in draft.corrections[-1].change


def test_the_build_log_counts_withheld_drafts_explanations_and_feedback(prepo):
    line = buildlog.summary(prepo.check().archive, [], 1.0)
    assert "；发布征求意见稿 2 份、起草说明 2 份、意见采纳情况 1 份，0 份依法不予公开、未发布；" in line
    prepo.replace("drafts/closed.md", "disclosure: 主动公开", "disclosure: 不予公开\ndisclosure_reason: 第十四条：国家秘密")
    line = buildlog.summary(prepo.check().archive, [], 1.0)  # its explanation and feedback are withheld with it
    assert "；发布征求意见稿 1 份、起草说明 1 份、意见采纳情况 0 份，3 份依法不予公开、未发布；" in line
