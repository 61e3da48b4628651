"""rules/issuers.py: issuers and the 机关代字 of numbers are known to gazette.yml."""
import pytest

from conftest import DOCUMENT, INTERPRETATION, Repo
from gongbao.identifiers.script import to_simplified

DOC = "gazette/2018/06/xzbf-68.md"
JD = "interpretations/xzbf-68-jd.md"


def test_unknown_issuer_with_did_you_mean(repo: Repo):
    repo.replace(DOC, "issuer: 无锡市人民政府办公室", "issuer: 无锡市政府办公室")
    assert repo.messages() == [
        f'{DOC}:4: 制发机关“无锡市政府办公室”不在 gazette.yml 的 issuers 中（是否应为 无锡市人民政府办公室？） — '
        "改正机关名称，或在 gazette.yml 的 issuers 下加入 无锡市政府办公室: 拼音缩写"]


def test_unknown_issuer_without_a_guess(repo: Repo):
    repo.replace(DOC, "issuer: 无锡市人民政府办公室", "issuer: 江苏省财政厅")
    assert repo.messages() == [
        f'{DOC}:4: 制发机关“江苏省财政厅”不在 gazette.yml 的 issuers 中 — '
        "改正机关名称，或在 gazette.yml 的 issuers 下加入 江苏省财政厅: 拼音缩写"]


def test_joint_issuance_checks_every_issuer(repo: Repo):
    repo.replace(DOC, "issuer: 无锡市人民政府办公室", "issuer: [无锡市人民政府, 无锡市人民政府办公室]")
    assert repo.messages() == []
    repo.replace(DOC, "issuer: [无锡市人民政府, 无锡市人民政府办公室]", "issuer: [无锡市人民政府, 无锡市财政]")
    assert repo.messages() == [
        f'{DOC}:4: 制发机关“无锡市财政”不在 gazette.yml 的 issuers 中（是否应为 无锡市人民政府？） — '
        "改正机关名称，或在 gazette.yml 的 issuers 下加入 无锡市财政: 拼音缩写"]


ADD = "在 gazette.yml 的 issuer_codes 下加入 {}: 代码（小写字母，如 xzbf），代码一经发布不得更改"


def test_issuer_code_missing(repo: Repo):
    repo.replace(DOC, "锡政办发〔2018〕68号", "苏财规〔2018〕68号")
    repo.replace(JD, "锡政办发〔2018〕68号", "苏财规〔2018〕68号")
    assert repo.messages() == [f'{DOC}:3: 文号 苏财规〔2018〕68号 的机关代字“苏财规”没有网址代码 — {ADD.format("苏财规")}']


@pytest.mark.parametrize("typo", ["锡政办法", "锡政办函", "錫政辦法", "锡政办"])
def test_a_mistyped_code_gets_the_nearest_known_one_and_no_follow_on_messages(repo: Repo, typo):
    """The interpretation names the right number: no "没有政策解读" for the typo, no guess that copies it."""
    repo.replace(DOC, "锡政办发〔2018〕68号", f"{typo}〔2018〕68号")
    shown = to_simplified(typo)
    assert repo.messages() == [
        f'{DOC}:3: 文号 {shown}〔2018〕68号 的机关代字“{shown}”没有网址代码（是否应为 锡政办发？） — '
        f"文号写错的，改为 锡政办发〔2018〕68号；确是新的机关代字，才{ADD.format(shown)}"]


def test_a_mistyped_code_among_many_documents_guesses_no_other_number(repo: Repo):
    for serial in (67, 69, 86, 168):
        repo.write(f"gazette/2018/06/xzbf-{serial}.md", DOCUMENT.replace("68号", f"{serial}号"))
        repo.write(f"interpretations/xzbf-{serial}-jd.md", INTERPRETATION.replace("68号", f"{serial}号"))
    repo.replace(DOC, "锡政办发〔2018〕68号", "锡政办法〔2018〕68号")
    assert [d.rule for d in repo.check().diagnostics] == ["issuer"]
    repo.replace(JD, "锡政办发〔2018〕68号", "锡政办发〔2018〕66号")  # and a typo in the interpretation: no guess of 67 or 69
    assert [m.split(" — ")[0] for m in repo.messages()][1:] == [f"{JD}:3: interprets: 锡政办发〔2018〕66号 在公报中找不到对应文件"]


def test_issuer_code_of_a_traditional_number(repo: Repo):
    repo.replace(DOC, "锡政办发〔2018〕68号", "錫政辦發〔2018〕68號")
    assert repo.messages() == []


def test_government_order_code(repo: Repo):
    repo.replace(DOC, "锡政办发〔2018〕68号", "无锡市人民政府令第180号")
    repo.replace(DOC, "type: 规范性文件", "type: 规章")
    repo.replace(DOC, "issuer: 无锡市人民政府办公室", "issuer: 无锡市人民政府")
    repo.replace(DOC, "section: 市政府办公室文件", "section: 市政府规章")
    repo.replace(JD, "锡政办发〔2018〕68号", "无锡市人民政府令第180号")
    assert repo.messages() == []


CODES = ("site: {name: 测试公报, url: \"https://example.gov.cn/\"}\nissuers: {无锡市人民政府: wxszf, 无锡市人民政府办公室: wxszfbgs}\n"
         "issuer_codes:\n  锡政办发: xzbf\n  锡政发: %s\n  无锡市人民政府令: wxzfl\n")


@pytest.mark.parametrize("code, error", [
    ("XZF", "gazette.yml:5: issuer_codes 中 “锡政发” 的代码 “XZF” 无效 — 用小写字母开头的小写字母和数字，如 xzbf"),
    ("[xzf]", "gazette.yml:5: issuer_codes 中 “锡政发” 的值应为一段文字，而不是列表 — 写成 锡政发: 值"),
    ("id", "gazette.yml:5: issuer_codes 中 “锡政发” 的代码不能是 id — doc/id/ 留给没有文号的文件，换一个代码，如 xzbf"),
])
def test_a_code_with_errors_hides_no_other_numbers_error(repo: Repo, code, error):
    """The other codes are read: a mistyped 机关代字 elsewhere is told, and a document of the code with errors is told
    what it lacks but not that its 机关代字 has no code (it has one, written wrong: told in gazette.yml)."""
    repo.write("gazette.yml", CODES % code)
    repo.replace("gazette/2018/06/xzbf-68.md", "锡政办发〔2018〕68号", "锡政办法〔2018〕68号")
    repo.write("gazette/2018/06/xzf-1.md", DOCUMENT.replace("锡政办发〔2018〕68号", "锡政发〔2018〕1号").replace("示例办法", "示例规定"))
    assert [m.split(" — ")[0] for m in repo.messages()] == [
        error.split(" — ")[0],
        'gazette/2018/06/xzbf-68.md:3: 文号 锡政办法〔2018〕68号 的机关代字“锡政办法”没有网址代码（是否应为 锡政办发？）',
        "gazette/2018/06/xzf-1.md:5: 规范性文件 锡政发〔2018〕1号 没有政策解读"]


def test_issuer_codes_that_cannot_be_read_at_all_leave_the_numbers_unjudged(repo: Repo):
    """Written on one line, which code a problem is of is not told by its line: none is read, as before."""
    repo.write("gazette.yml", CODES.replace("issuer_codes:\n  锡政办发: xzbf\n  锡政发: %s\n  无锡市人民政府令: wxzfl\n",
                                            "issuer_codes: {锡政办发: xzbf, 锡政发: XZF}\n"))
    repo.replace("gazette/2018/06/xzbf-68.md", "锡政办发〔2018〕68号", "锡政办法〔2018〕68号")
    assert [m.split(" — ")[0] for m in repo.messages()] == ["gazette.yml:3: issuer_codes 中 “锡政发” 的代码 “XZF” 无效"]
