from conftest import Repo


def test_minimal_repository_is_clean(repo: Repo):
    assert repo.messages() == []
    archive = repo.check().archive
    assert [str(d.number) for d in archive.documents] == ["锡政办发〔2018〕68号"]
    assert len(archive.interpretations) == 1


def test_document_without_interpretation_is_an_error(repo: Repo):
    (repo.path / "interpretations/xzbf-68-jd.md").unlink()
    assert repo.messages() == [
        "gazette/2018/06/xzbf-68.md:5: 规范性文件 锡政办发〔2018〕68号 没有政策解读 — "
        "在 interpretations/ 中加入 interprets: 锡政办发〔2018〕68号 的解读（发布日期不晚于 2018-06-05）"
    ]
