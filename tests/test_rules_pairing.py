"""rules/pairing.py: every published 规章 and 规范性文件 ships with its interpretation (同步, within the grace days)."""
import pytest

from conftest import DOCUMENT, INTERPRETATION, SETTINGS, Repo

DOC = "gazette/2018/06/xzbf-68.md"
JD = "interpretations/xzbf-68-jd.md"
MISSING = (f"{DOC}:5: 规范性文件 锡政办发〔2018〕68号 没有政策解读 — 在 interpretations/ 中加入 interprets: 锡政办发〔2018〕68号 的解读"
           "（发布日期不晚于 2018-06-05）")


def test_interpretation_missing(repo: Repo):
    (repo.path / JD).unlink()
    assert repo.messages() == [MISSING]


def test_interpretation_missing_names_the_deadline_with_grace(repo: Repo):
    (repo.path / JD).unlink()
    repo.write("gazette.yml", SETTINGS + "interpretation_grace_days: 3\n")
    assert repo.messages() == [MISSING.replace("2018-06-05）", "2018-06-08）")]


def test_rule_missing_its_interpretation(repo: Repo):
    repo.replace(DOC, "type: 规范性文件", "type: 规章")
    (repo.path / JD).unlink()
    assert repo.messages() == [MISSING.replace("规范性文件 锡政办发", "规章 锡政办发")]


def test_other_documents_need_no_interpretation(repo: Repo):
    repo.replace(DOC, "type: 规范性文件", "type: 其他文件")
    (repo.path / JD).unlink()
    assert repo.messages() == []


def test_interpretation_late(repo: Repo):
    repo.replace(JD, "published: 2018-06-05", "published: 2018-06-06")
    assert repo.messages() == [
        f"{DOC}:7: 锡政办发〔2018〕68号 的首篇解读 {JD} 发布于 2018-06-06，晚于 2018-06-05 — "
        "解读应与文件同步发布（宽限 0 天）：提前解读的发布日期"]


def test_interpretation_within_grace(repo: Repo):
    repo.write("gazette.yml", SETTINGS + "interpretation_grace_days: 3\n")
    repo.replace(JD, "published: 2018-06-05", "published: 2018-06-08")
    assert repo.messages() == []


def test_interpretation_late_beyond_grace(repo: Repo):
    repo.write("gazette.yml", SETTINGS + "interpretation_grace_days: 3\n")
    repo.replace(JD, "published: 2018-06-05", "published: 2018-06-09")
    assert repo.messages() == [
        f"{DOC}:7: 锡政办发〔2018〕68号 的首篇解读 {JD} 发布于 2018-06-09，晚于 2018-06-08 — "
        "解读应与文件同步发布（宽限 3 天）：提前解读的发布日期"]


def test_interpretation_published_before_the_document_is_fine(repo: Repo):
    repo.replace(JD, "published: 2018-06-05", "published: 2018-06-04")
    assert repo.messages() == []


def test_a_later_interpretation_does_not_excuse_a_late_first_one(repo: Repo):
    repo.replace(JD, "published: 2018-06-05", "published: 2018-06-20")
    repo.write("interpretations/qa.md", INTERPRETATION.replace("kind: 文字解读", "kind: 问答").replace("2018-06-05", "2018-07-01"))
    assert repo.messages() == [
        f"{DOC}:7: 锡政办发〔2018〕68号 的首篇解读 {JD} 发布于 2018-06-20，晚于 2018-06-05 — "
        "解读应与文件同步发布（宽限 0 天）：提前解读的发布日期"]


def test_several_interpretations_over_time(repo: Repo):
    repo.write("interpretations/qa.md", INTERPRETATION.replace("kind: 文字解读", "kind: 问答").replace("2018-06-05", "2018-09-01"))
    assert repo.messages() == []
    doc = repo.check().archive.documents[0]
    assert [i.kind for i in repo.check().archive.interpretations_of(doc)] == ["文字解读", "问答"]


def test_interpretation_matches_any_spelling_of_the_number(repo: Repo):
    repo.replace(JD, "interprets: 锡政办发〔2018〕68号", "interprets: 錫政辦發[2018] 68 號")
    assert repo.messages() == []


def test_interpretation_of_an_unknown_number(repo: Repo):
    repo.write("interpretations/other.md", INTERPRETATION.replace("68号", "86号"))
    assert repo.messages() == [
        "interpretations/other.md:3: interprets: 锡政办发〔2018〕86号 在公报中找不到对应文件（是否应为 锡政办发〔2018〕68号？） — "
        "核对文号，或先把原文件加入某期公报"]


NOT_FOUND = (f"{JD}:3: interprets: 锡政办发〔2018〕86号 在公报中找不到对应文件（是否应为 锡政办发〔2018〕68号？） — "
             "核对文号，或先把原文件加入某期公报")


def test_an_interpretation_naming_its_document_by_a_mistyped_number_is_one_error(repo: Repo):
    """86号 for 68号, which no document has: the not-found error suggesting 68号 is the one mistake, and the document it
    suggests is not also told it has no interpretation (its hint would have a second one written)."""
    repo.replace(JD, "interprets: 锡政办发〔2018〕68号", "interprets: 锡政办发〔2018〕86号")
    assert repo.messages() == [NOT_FOUND]


def test_an_interpretation_naming_its_document_by_a_year_mistyped_is_one_error(repo: Repo):
    """〔2081〕 for 〔2018〕, the year's digits swapped as 86号 the serial's: the suggestion, and the one error."""
    repo.replace(JD, "interprets: 锡政办发〔2018〕68号", "interprets: 锡政办发〔2081〕68号")
    assert repo.messages() == [NOT_FOUND.replace("〔2018〕86号", "〔2081〕68号")]


def test_an_interpretation_naming_its_document_by_a_year_one_off_leaves_the_document_told(repo: Repo):
    """〔2017〕68号 may well be another document of the office's, one not in this gazette: no suggestion, and the
    document without an interpretation is told."""
    repo.replace(JD, "interprets: 锡政办发〔2018〕68号", "interprets: 锡政办发〔2017〕68号")
    assert [m.split(" — ")[0] for m in repo.messages()] == [
        MISSING.split(" — ")[0], f"{JD}:3: interprets: 锡政办发〔2017〕68号 在公报中找不到对应文件"]


def test_an_interpretation_naming_a_number_two_documents_may_be_meant_by_leaves_the_document_told(repo: Repo):
    """锡政办发〔2018〕86号 may be 锡政办发〔2018〕68号 (digits swapped) or 锡政发〔2018〕86号 (the 机关代字): which one it
    meant is not known, so the document without an interpretation is told too."""
    repo.replace(JD, "interprets: 锡政办发〔2018〕68号", "interprets: 锡政办发〔2018〕86号")
    repo.write("gazette/2018/06/xzf-86.md", DOCUMENT.replace("锡政办发〔2018〕68号", "锡政发〔2018〕86号")
               .replace("type: 规范性文件", "type: 其他文件"))
    assert [m.split(" — ")[0] for m in repo.messages()] == [
        MISSING.split(" — ")[0], f"{JD}:3: interprets: 锡政办发〔2018〕86号 在公报中找不到对应文件（是否应为 锡政发〔2018〕86号？）"]


def test_interpretation_of_an_unknown_id(repo: Repo):
    repo.write("interpretations/other.md", INTERPRETATION.replace("锡政办发〔2018〕68号", "wx-none"))
    assert repo.messages() == [
        "interpretations/other.md:3: interprets: wx-none 在公报中找不到对应文件 — 核对文号，或先把原文件加入某期公报"]


def test_withheld_document_needs_no_interpretation(repo: Repo):
    """Only the error that matters: a 规范性文件 may not be withheld (rules/disclosure.py); none from pairing."""
    (repo.path / JD).unlink()
    repo.replace(DOC, "disclosure: 主动公开", "disclosure: 不予公开\ndisclosure_reason: 内部事务信息")
    assert [d.rule for d in repo.check().diagnostics] == ["normative-disclosure"]


def test_partially_disclosed_document_needs_its_interpretation(repo: Repo):
    (repo.path / JD).unlink()
    repo.replace(DOC, "disclosure: 主动公开", "disclosure: 部分公开\ndisclosure_reason: 附件涉及个人信息")
    repo.replace(DOC, "加强统筹。", "【不予公开】加强统筹。【/不予公开】")
    assert repo.messages() == [MISSING]


def test_one_error_per_document_without_interpretation(repo: Repo):
    (repo.path / JD).unlink()
    repo.write("gazette/2018/06/b.md", DOCUMENT.replace("68号", "69号"))
    assert repo.messages() == [
        MISSING.replace(DOC, "gazette/2018/06/b.md").replace("68号", "69号"), MISSING]


UNREADABLE = "无法识别：应为 机关代字〔年份〕序号号（如 锡政办发〔2018〕68号）或 …令第N号（如 无锡市人民政府令第180号） — 按 机关代字〔年份〕序号号 的格式填写"


@pytest.mark.parametrize("written", ["锡政办发〔2O18〕68号", "錫政辦發〔2O18〕68號", "锡政办发〔2018〕68号号"])
def test_an_interpretation_of_a_document_whose_number_cannot_be_read_is_not_told_orphaned(repo: Repo, written):
    """Its document is there, its number written nearly as the interpretation names it (a letter O for a zero): the
    number is the one mistake, told at its line; an unpublished one, no lock knows."""
    repo.replace(DOC, "锡政办发〔2018〕68号", written)
    assert repo.messages() == [f"{DOC}:3: 文号“{written}”{UNREADABLE}"]


def test_an_interpretation_of_a_document_whose_front_matter_and_number_cannot_be_read_is_not_told_orphaned(repo: Repo):
    repo.replace(DOC, "锡政办发〔2018〕68号", "锡政办发〔2O18〕68号")
    repo.replace(DOC, "issuer: ", "issuer：")
    assert [m.split(" — ")[0] for m in repo.messages()] == [
        f"{DOC}:4: front matter 不是合法的 YAML：key 后的冒号是全角冒号“：”，应为半角冒号加空格（key: 值）"]


def test_an_interpretation_of_another_number_is_still_told_orphaned(repo: Repo):
    repo.replace(DOC, "锡政办发〔2018〕68号", "第41号")
    assert [m.split(" — ")[0] for m in repo.messages()] == [
        f"{DOC}:3: 文号“第41号”无法识别：应为 机关代字〔年份〕序号号（如 锡政办发〔2018〕68号）或 …令第N号（如 无锡市人民政府令第180号）",
        f"{JD}:3: interprets: 锡政办发〔2018〕68号 在公报中找不到对应文件"]


def titled(repo: Repo, document: str, interpretation: str) -> None:
    repo.replace(DOC, "title: 关于印发示例办法的通知", f"title: {document}")
    repo.replace(JD, "title: 《示例办法》解读", f"title: {interpretation}")


@pytest.mark.parametrize("old, new, message", [
    ("锡政办发〔2018〕68号", "第41号", f"{DOC}:3: 文号“第41号”{UNREADABLE}"),
    ("锡政办发〔2018〕68号", "2018年68号", f"{DOC}:3: 文号“2018年68号”{UNREADABLE}"),
    ("doc_number: 锡政办发〔2018〕68号\n", "", f"{DOC}:1: 缺少必填项 doc_number — 在 front matter 中加入 doc_number: 锡政办发〔2018〕68号"),
])
@pytest.mark.parametrize("document", ["关于印发无锡市示例管理办法的通知", "關於印發無錫市示例管理辦法的通知"])
def test_an_interpretation_of_an_unpublished_document_whose_number_is_unlike_its_own_is_not_told_orphaned(
        repo: Repo, old, new, message, document):
    """Its number unreadable and unlike the interpretation's (第41号, none), the document is found by the title the
    interpretation names (《无锡市示例管理办法》, in either script), as an interpretation with errors finds its document:
    the number is the one mistake, and no lock knows it to hint at."""
    titled(repo, document, "《无锡市示例管理办法》解读")
    repo.replace(DOC, old, new)
    assert repo.messages() == [message]


def test_an_interpretation_naming_another_title_is_still_told_orphaned(repo: Repo):
    titled(repo, "关于印发无锡市示例管理办法的通知", "《无锡市另一个管理办法》解读")
    repo.replace(DOC, "锡政办发〔2018〕68号", "第41号")
    assert [m.split(" — ")[0] for m in repo.messages()] == [
        f"{DOC}:3: 文号“第41号”无法识别：应为 机关代字〔年份〕序号号（如 锡政办发〔2018〕68号）或 …令第N号（如 无锡市人民政府令第180号）",
        f"{JD}:3: interprets: 锡政办发〔2018〕68号 在公报中找不到对应文件"]


NOT_A_NUMBER = "既不是文号（如 锡政办发〔2018〕68号）也不是 id（如 wx-2018-notice-12） — 填写所解读文件的文号或 id"


@pytest.mark.parametrize("named", ["关于印发示例办法的通知", "《关于印发示例办法的通知》", "關於印發示例辦法的通知"])
def test_an_interpretation_naming_its_document_by_title_leaves_it_not_told_without_one(repo: Repo, named):
    """The title where the number belongs is the one mistake: the document is not also told to have no interpretation
    (the editor would write a second one)."""
    repo.replace(JD, "interprets: 锡政办发〔2018〕68号", f"interprets: {named}")
    assert repo.messages() == [f"{JD}:3: interprets：“{named}”{NOT_A_NUMBER}"]



@pytest.mark.parametrize("written", ["锡政办发〔2018〕６8号x", "锡政办发〔2018〕68号号", "锡政办发〔2O18〕68号"])
def test_an_interpretation_naming_its_document_by_a_number_it_cannot_read_leaves_it_not_told_without_one(repo: Repo,
                                                                                                           written):
    """A number mistyped past reading, nearly the document's (as _unread_as matches the other way round): its error is
    the one mistake, and the document is not also told to have no interpretation."""
    repo.replace(JD, "interprets: 锡政办发〔2018〕68号", f"interprets: {written}")
    assert [m.split(" — ")[0] for m in repo.messages()] == [f"{JD}:3: interprets：“{written}”{NOT_A_NUMBER.split(' — ')[0]}"]


def test_an_interpretation_naming_another_number_it_cannot_read_leaves_the_document_told_without_one(repo: Repo):
    repo.replace(JD, "interprets: 锡政办发〔2018〕68号", "interprets: 锡政发〔2016〕一二号")
    assert [m.split(" — ")[0] for m in repo.messages()] == [
        f"{DOC}:5: 规范性文件 锡政办发〔2018〕68号 没有政策解读", f"{JD}:3: interprets：“锡政发〔2016〕一二号”{NOT_A_NUMBER.split(' — ')[0]}"]

def test_a_few_characters_of_a_title_name_no_document(repo: Repo):
    repo.replace(JD, "interprets: 锡政办发〔2018〕68号", "interprets: 示例办法")
    assert [m.split(" — ")[0] for m in repo.messages()] == [
        f"{DOC}:5: 规范性文件 锡政办发〔2018〕68号 没有政策解读", f"{JD}:3: interprets：“示例办法”既不是文号（如 锡政办发〔2018〕68号）也不是 id（如 wx-2018-notice-12）"]
