"""rules/disclosure.py: a 规章 or 规范性文件 is never held back from the site (国办发〔2018〕37号)."""
import pytest

from conftest import Repo

DOC = "gazette/2018/06/xzbf-68.md"
JD = "interpretations/xzbf-68-jd.md"
HINT = ("改为 主动公开（个别段落依法不能公开的，改为 部分公开 并标出这些段落）；它若其实不是{type}，改正 type；"
        "已发布后依法撤回的，在 withdrawn.yml 中登记撤回")
BASIS = {"规范性文件": "国办发〔2018〕37号：未经公布的行政规范性文件不得作为行政管理依据",
         "规章": "《规章制定程序条例》：规章公布后须在本级人民政府公报上刊载"}


def held_back(repo: Repo, disclosure: str, doc_type: str = "规范性文件") -> None:
    repo.replace(DOC, "type: 规范性文件", f"type: {doc_type}")
    repo.replace(DOC, "disclosure: 主动公开", f"disclosure: {disclosure}\ndisclosure_reason: 内部事务信息")


def expected(disclosure: str, doc_type: str) -> str:
    return (f"{DOC}:9: {doc_type} 锡政办发〔2018〕68号 标为 {disclosure}，不会发布；{doc_type}必须公开（{BASIS[doc_type]}） — "
            + HINT.format(type=doc_type))


@pytest.mark.parametrize("doc_type", ["规范性文件", "规章"])
@pytest.mark.parametrize("disclosure", ["不予公开", "依申请公开"])
def test_normative_documents_cannot_be_held_back(repo: Repo, doc_type, disclosure):
    held_back(repo, disclosure, doc_type)
    assert repo.messages() == [expected(disclosure, doc_type)]


@pytest.mark.parametrize("doc_type, disclosure, shown_type, shown", [
    ("normative", "withheld", "规范性文件", "不予公开"),
    ("rule", "on_request", "规章", "依申请公开"),
    ("規範性文件", "不予公開", "规范性文件", "不予公开"),     # Traditional script
    ("規章", "依申請公開", "规章", "依申请公开"),
    ("Normative", "NOT_DISCLOSED", "规范性文件", "不予公开"),
])
def test_other_spellings_are_caught(repo: Repo, doc_type, disclosure, shown_type, shown):
    held_back(repo, disclosure, doc_type)
    assert repo.messages() == [expected(shown, shown_type)]


def test_chinese_keys_are_caught(repo: Repo):
    repo.replace(DOC, "type: 规范性文件", "类型: 规范性文件")
    repo.replace(DOC, "disclosure: 主动公开", "公开属性: 不予公开\n不公开理由: 内部事务信息")
    assert repo.messages() == [expected("不予公开", "规范性文件")]


def test_partly_withheld_normative_document_is_published(repo: Repo):
    repo.replace(DOC, "disclosure: 主动公开", "disclosure: 部分公开\ndisclosure_reason: 第三条附表载有个人信息")
    repo.replace(DOC, "加强统筹。", "【不予公开】加强统筹。【/不予公开】")
    assert repo.messages() == []


def test_other_documents_may_be_held_back(repo: Repo):
    (repo.path / JD).unlink()
    held_back(repo, "不予公开", "其他文件")
    assert repo.messages() == []


def test_a_withdrawn_normative_document_may_stay_unpublished(repo: Repo):
    held_back(repo, "不予公开")
    repo.write("withdrawn.yml", "- url: doc/xzbf/2018/68/\n  title: 关于印发示例办法的通知\n  date: 2019-03-01\n"
                                "  reason: 所依据的上位政策已调整，经市政府同意撤回。\n")
    assert repo.messages() == []
    repo.write("withdrawn.yml", "- url: doc/xzbf/2018/69/\n  title: 另一份文件\n  date: 2019-03-01\n  reason: 依法撤回\n")
    assert repo.messages() == [expected("不予公开", "规范性文件")]


def test_a_published_normative_document_turned_withheld_is_told_both_ways_out(repo: Repo):
    from gongbao.content import lock

    result = repo.check()
    (repo.path / lock.FILENAME).write_text(
        lock.updated(lock.EMPTY, lock.changes(lock.EMPTY, lock.pages(result.archive, result.settings.issuer_codes)), result.today).dumps(),
        encoding="utf-8")
    assert repo.messages() == []
    held_back(repo, "不予公开")
    messages = repo.messages()
    assert expected("不予公开", "规范性文件") in messages
    assert any("doc/xzbf/2018/68/" in m and m.startswith("gazette.lock.json") for m in messages), messages
