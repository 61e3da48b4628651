"""rules/sections.py: a document appears under a section (栏目) its issue lists."""
import pytest

from conftest import Repo

DOC = "gazette/2018/06/xzbf-68.md"


@pytest.mark.parametrize("written", ["市政府办公厅文件", "市政府辦公室文件"])  # mistyped; one document in the other script
def test_section_not_in_issue_with_did_you_mean(repo: Repo, written):
    repo.replace(DOC, "section: 市政府办公室文件", f"section: {written}")
    assert repo.messages() == [
        f'{DOC}:10: 栏目“{written}”不在 2018年第6期 的 sections 中（是否应为 市政府办公室文件？） — '
        "改为 市政府规章、市政府办公室文件 之一，或在 gazette/2018/06/index.md 的 sections 中加入该栏目"]


def test_section_not_in_issue_without_a_guess(repo: Repo):
    repo.replace(DOC, "section: 市政府办公室文件", "section: 人事任免")
    assert repo.messages() == [
        f'{DOC}:10: 栏目“人事任免”不在 2018年第6期 的 sections 中 — '
        "改为 市政府规章、市政府办公室文件 之一，或在 gazette/2018/06/index.md 的 sections 中加入该栏目"]


def test_any_listed_section_is_fine(repo: Repo):
    repo.replace(DOC, "section: 市政府办公室文件", "section: 市政府规章")
    assert repo.messages() == []


def test_documents_writing_a_section_in_the_other_script_are_told_once_at_the_issue(repo: Repo):
    """The issue's sections or its documents: either is the mistake, told once, not at every document."""
    repo.replace("gazette/2018/06/index.md", "市政府办公室文件", "市政府辦公室文件")
    text = (repo.path / DOC).read_text(encoding="utf-8")
    repo.write("gazette/2018/06/xzbf-69.md", text.replace("〔2018〕68号", "〔2018〕69号").replace("规范性文件", "其他文件"))
    assert repo.messages() == [
        "gazette/2018/06/index.md:6: sections 中的栏目“市政府辦公室文件”与本期 2 份文件写的“市政府办公室文件”繁简不同 — 写成同一种："
        f"把 sections 中的 市政府辦公室文件 改为 市政府办公室文件，或把这些文件（{DOC}、gazette/2018/06/xzbf-69.md）的 section "
        "改为 市政府辦公室文件"]
