"""rules/relations.py: no relation points at the document itself (in any spelling of its number)."""
import pytest

from conftest import Repo

DOC = "gazette/2018/06/xzbf-68.md"


@pytest.mark.parametrize("key", ["based_on", "amends", "repeals"])
def test_self_relation(repo: Repo, key):
    repo.replace(DOC, "status: 执行中", f"status: 执行中\n{key}: [錫政辦發〔2018〕68號]")
    assert repo.messages() == [f"{DOC}:9: {key} 指向文件自身 锡政办发〔2018〕68号 — 从 {key} 中删除本文件的文号"]


def test_self_relation_by_id(repo: Repo):
    repo.replace(DOC, "doc_number: 锡政办发〔2018〕68号", "id: wx-notice-1")
    repo.replace(DOC, "type: 规范性文件", "type: 其他文件\nrepeals: wx-notice-1")
    repo.replace("interpretations/xzbf-68-jd.md", "锡政办发〔2018〕68号", "wx-notice-1")
    assert repo.messages() == [f"{DOC}:6: repeals 指向文件自身 wx-notice-1 — 从 repeals 中删除本文件的文号"]


def test_relation_to_another_document(repo: Repo):
    repo.replace(DOC, "status: 执行中", "status: 执行中\nrepeals: [锡政办发〔2017〕95号]\nbased_on: [国办发〔2016〕80号]")
    assert repo.messages() == []
