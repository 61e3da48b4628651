"""rules/sections.py: a document appears under a section (栏目) its issue lists."""
from conftest import Repo

DOC = "gazette/2018/06/xzbf-68.md"


def test_section_not_in_issue_with_did_you_mean(repo: Repo):
    repo.replace(DOC, "section: 市政府办公室文件", "section: 市政府办公厅文件")
    assert repo.messages() == [
        f'{DOC}:10: 栏目 "市政府办公厅文件" 不在 2018年第6期 的 sections 中（是否应为 市政府办公室文件？） — '
        "改为 市政府规章、市政府办公室文件 之一，或在 gazette/2018/06/index.md 的 sections 中加入该栏目"]


def test_section_not_in_issue_without_a_guess(repo: Repo):
    repo.replace(DOC, "section: 市政府办公室文件", "section: 人事任免")
    assert repo.messages() == [
        f'{DOC}:10: 栏目 "人事任免" 不在 2018年第6期 的 sections 中 — '
        "改为 市政府规章、市政府办公室文件 之一，或在 gazette/2018/06/index.md 的 sections 中加入该栏目"]


def test_any_listed_section_is_fine(repo: Repo):
    repo.replace(DOC, "section: 市政府办公室文件", "section: 市政府规章")
    assert repo.messages() == []
