"""Loader field checks: required keys, allowed values, real dates, unknown keys, ids and references."""
import pytest

from conftest import DOCUMENT, Repo
from gongbao.content.loader import DOCUMENT_KEYS, INTERPRETATION_KEYS

DOC = "gazette/2018/06/xzbf-68.md"
JD = "interpretations/xzbf-68-jd.md"
DOC_KEYS = ", ".join(DOCUMENT_KEYS)


def about(repo: Repo, path: str) -> list[str]:
    """The diagnostics about one file (a document whose number is unreadable also leaves its interpretation unpaired)."""
    return [str(d) for d in repo.check().diagnostics if d.path == path]


@pytest.mark.parametrize("key, example", [
    ("title", "关于……的通知"), ("issuer", "无锡市人民政府办公室"), ("type", "规章"), ("written", "2018-06-05"),
    ("published", "2018-06-05"), ("status", "尚未施行"), ("disclosure", "主动公开"), ("section", "市政府办公室文件"),
])
def test_required_document_keys(repo: Repo, key, example):
    text = (repo.path / DOC).read_text(encoding="utf-8")
    line = next(li for li in text.splitlines() if li.startswith(f"{key}:"))
    repo.replace(DOC, line + "\n", "")
    assert repo.messages() == [f"{DOC}:1: 缺少必填项 {key} — 在 front matter 中加入 {key}: {example}"]


def test_number_is_required_for_normative_documents(repo: Repo):
    repo.replace(DOC, "doc_number: 锡政办发〔2018〕68号\n", "")
    assert about(repo, DOC) == [f"{DOC}:1: 缺少必填项 doc_number — 在 front matter 中加入 doc_number: 锡政办发〔2018〕68号"]


def test_other_documents_without_number_need_an_id(repo: Repo):
    repo.replace(DOC, "doc_number: 锡政办发〔2018〕68号\n", "")
    repo.replace(DOC, "type: 规范性文件", "type: 其他文件")
    (repo.path / JD).unlink()
    assert repo.messages() == [
        f"{DOC}:1: 没有文号的文件必须有 id — 加入 id: 例如 wx-2018-notice-12（小写字母、数字、连字符）"]


def test_other_document_with_an_id(repo: Repo):
    repo.replace(DOC, "doc_number: 锡政办发〔2018〕68号", "id: wx-2018-notice-12")
    repo.replace(DOC, "type: 规范性文件", "type: 其他文件")
    repo.replace(JD, "interprets: 锡政办发〔2018〕68号", "interprets: wx-2018-notice-12")
    assert repo.messages() == []
    assert str(repo.check().archive.documents[0].ref) == "wx-2018-notice-12"


def test_invalid_id(repo: Repo):
    repo.replace(DOC, "status: 执行中", "status: 执行中\nid: Wx_1")
    assert repo.messages() == [
        f"{DOC}:9: id “Wx_1” 无效：只能用小写英文字母、数字和连字符，如 wx-2018-notice-12 — 改用小写字母、数字和连字符"]


def test_unrecognised_number(repo: Repo):
    repo.replace(DOC, "doc_number: 锡政办发〔2018〕68号", "doc_number: 68号")
    assert about(repo, DOC) == [
        f"{DOC}:3: 文号“68号”无法识别：应为 机关代字〔年份〕序号号（如 锡政办发〔2018〕68号）或 …令第N号"
        "（如 无锡市人民政府令第180号） — 按 机关代字〔年份〕序号号 的格式填写"]


@pytest.mark.parametrize("key, line, old, new, message", [
    ("disclosure", 9, "主动公开", "主动",
     'disclosure “主动” 无效，应为 主动公开|部分公开|依申请公开|不予公开（是否应为 主动公开？） — 改为 主动公开 之一'),
    ("type", 5, "规范性文件", "规范文件",
     'type “规范文件” 无效，应为 规章|规范性文件|其他文件（是否应为 规范性文件？） — 改为 规范性文件 之一'),
    ("status", 8, "执行中", "有效",
     'status “有效” 无效，应为 尚未施行|执行中|已修订|已废止|已失效 — 改为 尚未施行|执行中|已修订|已废止|已失效 之一'),
])
def test_allowed_values_with_did_you_mean(repo: Repo, key, line, old, new, message):
    repo.replace(DOC, f"{key}: {old}", f"{key}: {new}")
    assert repo.messages() == [f"{DOC}:{line}: {message}"]


def test_interpretation_kind_with_did_you_mean(repo: Repo):
    """Told at the interpretation alone: its document is not also told to have none (the editor would add another)."""
    repo.replace(JD, "kind: 文字解读", "kind: 图文解读")
    assert repo.messages() == [
        f'{JD}:5: kind “图文解读” 无效，应为 文字解读|问答|图解|专家解读|媒体解读|视频解读（是否应为 文字解读？） — 改为 文字解读 之一',
    ]


@pytest.mark.parametrize("key, written, canonical", [
    ("status", "in_force", "执行中"), ("status", "執行中", "执行中"), ("disclosure", "proactive", "主动公开"),
    ("type", "normative", "规范性文件"), ("disclosure", "主動公開", "主动公开"),
])
def test_english_aliases_and_traditional_values(repo: Repo, key, written, canonical):
    repo.replace(DOC, f"{key}: {canonical}", f"{key}: {written}")
    assert repo.messages() == []
    assert getattr(repo.check().archive.documents[0], key) == canonical


def test_chinese_key_aliases(repo: Repo):
    repo.replace(DOC, "doc_number:", "文号:")
    repo.replace(DOC, "disclosure:", "公开属性:")
    assert repo.messages() == []


@pytest.mark.parametrize("added", ["公开属性: 主动公开", "公开属性: 不予公开", "公开属性: 主動公開"])
def test_an_english_and_a_chinese_key_for_one_field_are_an_error_whatever_the_values(repo: Repo, added):
    """不予公开 followed by 公开属性: 主动公开 must not publish the document on the later key's word."""
    repo.replace(DOC, "disclosure: 主动公开", f"disclosure: 不予公开\ndisclosure_reason: 涉及国家秘密\n{added}")
    checked = repo.check()
    assert [str(d) for d in checked.diagnostics if d.path == DOC] == [
        f"{DOC}:11: disclosure 和 公开属性 是同一项 disclosure（第 9 行和第 11 行），两个值都不采用 — 只保留其中一个键，删除另一个"]
    assert checked.archive.public().documents == []


def test_two_chinese_keys_for_one_field(repo: Repo):
    repo.replace(DOC, "doc_number: 锡政办发〔2018〕68号", "文号: 锡政办发〔2018〕68号\n发文字号: 锡政办发〔2018〕69号")
    assert about(repo, DOC) == [
        f"{DOC}:4: 文号 和 发文字号 是同一项 doc_number（第 3 行和第 4 行），两个值都不采用 — 只保留其中一个键，删除另一个"]


def test_alias_conflicts_in_interpretations_and_issues(repo: Repo):
    repo.replace(JD, "kind: 文字解读", "kind: 文字解读\n解读形式: 问答")
    repo.replace("gazette/2018/06/index.md", "year: 2018", "year: 2018\n年份: 2018")
    messages = repo.messages()
    assert f"{JD}:6: kind 和 解读形式 是同一项 kind（第 5 行和第 6 行），两个值都不采用 — 只保留其中一个键，删除另一个" in messages
    assert ("gazette/2018/06/index.md:3: year 和 年份 是同一项 year（第 2 行和第 3 行），两个值都不采用 — "
            "只保留其中一个键，删除另一个") in messages


@pytest.mark.parametrize("value, message", [
    ("2018-02-30", "written 的日期 2018-02-30 不存在 — 检查月份和日期（如 2 月没有 30 日）"),
    ("2019-02-29", "written 的日期 2019-02-29 不存在 — 检查月份和日期（如 2 月没有 30 日）"),
    ("2018-13-01", "written 的日期 2018-13-01 不存在 — 检查月份和日期（如 2 月没有 30 日）"),
    ("2018/06/05", "written 的日期 “2018/06/05” 格式不对 — 写成 written: 2018-06-05（年-月-日）"),
    ("2018年6月5日", "written 的日期 “2018年6月5日” 格式不对 — 写成 written: 2018-06-05（年-月-日）"),
    # the hint is the date the editor meant, not an example to copy
    ("2018年6月1日", "written 的日期 “2018年6月1日” 格式不对 — 写成 written: 2018-06-01（年-月-日）"),
    ("2018.6.1", "written 的日期 “2018.6.1” 格式不对 — 写成 written: 2018-06-01（年-月-日）"),
    ("2018/06/01", "written 的日期 “2018/06/01” 格式不对 — 写成 written: 2018-06-01（年-月-日）"),
    ("２０１８年６月１日", "written 的日期 “２０１８年６月１日” 格式不对 — 写成 written: 2018-06-01（年-月-日）"),
    ("20180601", "written 的日期 “20180601” 格式不对 — 写成 written: 2018-06-01（年-月-日）"),
    ("2018年6月31日", "written 的日期 “2018年6月31日” 格式不对 — 写成 written: 2018-06-05（年-月-日）"),
])
def test_real_dates(repo: Repo, value, message):
    repo.replace(DOC, "written: 2018-06-05", f"written: {value}")
    assert repo.messages() == [f"{DOC}:6: {message}"]


def test_leap_day_is_a_real_date(repo: Repo):
    repo.replace(DOC, "status: 执行中", "status: 执行中\neffective: 2020-02-29")
    assert repo.messages() == []


def test_unknown_key_with_did_you_mean(repo: Repo):
    repo.replace(DOC, "status: 执行中", "status: 执行中\npublish_date: 2018-06-05")
    assert repo.messages() == [f"{DOC}:9: 未知的键 publish_date（是否应为 published？） — 允许的键：{DOC_KEYS}"]


def test_unknown_key_without_a_guess(repo: Repo):
    repo.replace(DOC, "status: 执行中", "status: 执行中\nfoo: bar")
    assert repo.messages() == [f"{DOC}:9: 未知的键 foo — 允许的键：{DOC_KEYS}"]


def test_unknown_interpretation_key(repo: Repo):
    repo.replace(JD, "kind: 文字解读", "kind: 文字解读\nauthors: 市政府办公室")
    assert repo.messages()[-1] == (
        f"{JD}:6: 未知的键 authors（是否应为 author？） — 允许的键：{', '.join(INTERPRETATION_KEYS)}")


WITHHELD_REASON = ("加入 disclosure_reason: 写明本件不公开的实际内容和理由，并注明依据的《政府信息公开条例》条款——"
                   "第十四条：国家秘密，法律、行政法规禁止公开的，公开后可能危及国家安全、公共安全、经济安全、社会稳定的；"
                   "第十五条：商业秘密、个人隐私等公开会损害第三方合法权益的（第三方同意公开或不公开会对公共利益造成重大影响的除外）；"
                   "第十六条：内部事务信息（人事管理、后勤管理、内部工作流程等），过程性信息（讨论记录、过程稿、磋商信函、请示报告等）"
                   "和行政执法案卷信息")
ON_REQUEST_REASON = ("加入 disclosure_reason: 写明本件不主动公开的实际理由（条例第十九条、第二十条：涉及公众利益调整、"
                     "需要公众广泛知晓或参与决策的，应当主动公开）")


@pytest.mark.parametrize("disclosure, hint", [("部分公开", WITHHELD_REASON), ("不予公开", WITHHELD_REASON),
                                              ("依申请公开", ON_REQUEST_REASON), ("依申請公開", ON_REQUEST_REASON),
                                              ("withheld", WITHHELD_REASON)])
def test_disclosure_reason_required_unless_proactive(repo: Repo, disclosure, hint):
    repo.replace(DOC, "type: 规范性文件", "type: 其他文件")  # normative ones must be published: rules/disclosure.py
    repo.replace(DOC, "disclosure: 主动公开", f"disclosure: {disclosure}")
    if disclosure == "部分公开":
        repo.replace(DOC, "加强统筹。", "【不予公开】加强统筹。【/不予公开】")
    assert repo.messages() == [f"{DOC}:1: 缺少必填项 disclosure_reason — {hint}"]


def test_the_reason_hint_offers_no_reason_to_paste(repo: Repo):
    """The grounds are listed to choose from; no line of the hint is a ready-made reason."""
    for hint in (WITHHELD_REASON, ON_REQUEST_REASON):
        assert "写明本件" in hint and "实际" in hint and "disclosure_reason: 涉及" not in hint
    assert all(f"第十{n}条" in WITHHELD_REASON for n in "四五六")


def test_invalid_language(repo: Repo):
    repo.replace(DOC, "status: 执行中", "status: 执行中\nlanguage: zh-CN")
    assert repo.messages() == [f'{DOC}:9: language “zh-CN” 无效，应为 zh-Hans|zh-Hant — 简体写 zh-Hans，繁体写 zh-Hant']


def test_invalid_relation_reference(repo: Repo):
    repo.replace(DOC, "status: 执行中", "status: 执行中\namends: [关于某事的通知]")
    assert repo.messages() == [
        f"{DOC}:9: amends：“关于某事的通知”既不是文号（如 锡政办发〔2018〕68号）也不是 id（如 wx-2018-notice-12） — 填写被引用文件的文号或 id"]


def test_external_relation_is_allowed(repo: Repo):
    repo.replace(DOC, "status: 执行中", "status: 执行中\nbased_on: [国办发〔2016〕80号, \"苏政办发[2017]151号\"]")
    assert repo.messages() == []
    assert [str(r) for r in repo.check().archive.documents[0].based_on] == ["国办发〔2016〕80号", "苏政办发〔2017〕151号"]


def test_required_interpretation_keys(repo: Repo):
    repo.write(JD, "---\ntitle: 《示例办法》解读\n---\n")
    assert repo.messages() == [
        f"{DOC}:5: 规范性文件 锡政办发〔2018〕68号 没有政策解读 — 在 interpretations/ 中加入 interprets: 锡政办发〔2018〕68号 的解读"
        "（发布日期不晚于 2018-06-05）",
        f"{JD}:1: 缺少必填项 interprets — 在 front matter 中加入 interprets: 锡政办发〔2018〕68号",
        f"{JD}:1: 缺少必填项 kind — 在 front matter 中加入 kind: 文字解读",
        f"{JD}:1: 缺少必填项 published — 在 front matter 中加入 published: 2018-06-05",
    ]


def test_required_issue_keys(repo: Repo):
    repo.replace("gazette/2018/06/index.md", "total_number: 389\n", "")
    assert repo.messages() == [
        "gazette/2018/06/index.md:1: 缺少必填项 total_number — 在 front matter 中加入 total_number: 总期号（自创刊以来的第几期，整数）"]


def test_document_outside_any_issue(repo: Repo):
    (repo.path / DOC).rename(repo.path / "gazette/2018/xzbf-68.md")
    assert repo.messages() == [
        "gazette/2018/xzbf-68.md:1: 文件不属于任何一期公报 — 把文件移到某期公报的文件夹（含 index.md 的 gazette/年/期/）中"]


def test_documents_of_an_issue_folder_without_index_md_say_what_the_folder_lacks(repo: Repo):
    (repo.path / "gazette/2018/06/index.md").unlink()
    assert repo.messages() == [
        f"{DOC}:1: 文件所在的 gazette/2018/06/ 没有 index.md，不是一期公报 — "
        "恢复这一期的 index.md，或运行 gongbao new issue --year 2018 --number 6 新建；否则把文件移到某期公报的文件夹中"]


def test_document_in_a_subfolder_of_an_issue_belongs_to_it(repo: Repo):
    (repo.path / "gazette/2018/06/bgs").mkdir()
    (repo.path / DOC).rename(repo.path / "gazette/2018/06/bgs/xzbf-68.md")
    assert repo.messages() == []


def test_a_document_with_errors_does_not_orphan_its_interpretation(repo: Repo):
    repo.replace(DOC, "written: 2018-06-05", "written: 2018-02-30")
    assert repo.messages() == [f"{DOC}:6: written 的日期 2018-02-30 不存在 — 检查月份和日期（如 2 月没有 30 日）"]


def test_invalid_interpretation_language(repo: Repo):
    repo.replace(JD, "kind: 文字解读", "kind: 文字解读\nlanguage: zh-TW")
    assert about(repo, JD) == [f'{JD}:6: language “zh-TW” 无效，应为 zh-Hans|zh-Hant — 简体写 zh-Hans，繁体写 zh-Hant']


def test_a_document_with_field_errors_still_meets_the_cross_document_rules(repo: Repo):
    """One build lists every problem: an unknown key does not hide the duplicate number behind it."""
    repo.replace(DOC, "status: 执行中", "status: 执行中\nfoo: bar")
    repo.write("gazette/2018/06/copy.md", DOCUMENT.replace("锡政办发〔2018〕68号", "锡政办发[2018]68号"))
    messages = repo.messages()
    assert f"{DOC}:9: 未知的键 foo — 允许的键：{DOC_KEYS}" in messages
    assert any(m.startswith(f"{DOC}:3: 锡政办发〔2018〕68号 与 gazette/2018/06/copy.md 重复") for m in messages)
