"""rules/issues.py: one file per 期; numbers and total numbers unique; sections listed once."""
import pytest

from conftest import ISSUE, Repo

ISSUE_FILE = "gazette/2018/06/index.md"


def test_same_issue_twice(repo: Repo):
    repo.write("gazette/2018/6/index.md", ISSUE.replace("389", "390"))
    assert repo.messages() == [
        "gazette/2018/6/index.md:3: 2018年第6期 已由 gazette/2018/06/index.md 定义 — 检查 year 和 number，每期只能有一个 index.md"]


def test_same_total_number_twice(repo: Repo):
    repo.write("gazette/2018/07/index.md", ISSUE.replace("number: 6", "number: 7"))
    assert repo.messages() == [
        "gazette/2018/07/index.md:4: 总期号 389 与 gazette/2018/06/index.md 重复 — 总期号应逐期递增、不重复"]


@pytest.mark.parametrize("folder, total, message", [
    ("2018/07", "", "1: 缺少必填项 total_number — 写成 total_number: 390（上一期 2018年第6期 是总第 389 期）"),
    ("2018/07", "total_number: 第390期\n",
     "4: total_number 应为非负整数，实际为 “第390期” — 写成 total_number: 390（上一期 2018年第6期 是总第 389 期）"),
    ("2018/09", "", "1: 缺少必填项 total_number — 写成 total_number: 392（上一期 2018年第6期 是总第 389 期）"),
    # the next year's first: how many issues the last year had after the one before is unknown, the next one's is likely
    ("2019/01", "", "1: 缺少必填项 total_number — 写成 total_number: 390（上一期 2018年第6期 是总第 389 期）"),
])
def test_a_missing_total_number_is_hinted_from_the_issues_around_it(repo: Repo, folder, total, message):
    """Not the example 389 an editor might copy into every issue (two issues then told the same 总期号)."""
    year, number = map(int, folder.split("/"))
    repo.write(f"gazette/{folder}/index.md", ISSUE.replace("year: 2018", f"year: {year}")
               .replace("number: 6", f"number: {number}").replace("total_number: 389\n", total))
    assert repo.messages() == [f"gazette/{folder}/index.md:{message}"]


def test_a_missing_total_number_is_hinted_from_the_next_issue_when_none_is_before_it(repo: Repo):
    repo.write("gazette/2018/05/index.md", ISSUE.replace("number: 6", "number: 5").replace("total_number: 389\n", ""))
    assert repo.messages() == [
        "gazette/2018/05/index.md:1: 缺少必填项 total_number — 写成 total_number: 388（下一期 2018年第6期 是总第 389 期）"]


@pytest.mark.parametrize("name", ["Index.md", "INDEX.md"])
def test_an_issue_file_named_in_capitals_is_told_once_and_read_as_the_issue(repo: Repo, name):
    """Not as a file outside any issue, beside each of its documents."""
    (repo.path / ISSUE_FILE).rename(repo.path / "gazette/2018/06" / name)
    assert repo.messages() == [
        f"gazette/2018/06/{name}:1: 一期公报的文件应命名为 index.md（全部小写），而不是 {name} — 把它改名为 index.md"]


@pytest.mark.parametrize("old, new, message", [
    ("year: 2018", "year: 二〇一九", "2: year 应为非负整数，实际为 “二〇一九” — 写成 year: 2019"),
    ("number: 3\n", "", "1: 缺少必填项 number — 在 front matter 中加入 number: 3"),
])
def test_an_issues_year_and_number_are_hinted_from_its_folder(repo: Repo, old, new, message):
    """Not the example 2018 and 6, which an editor might copy into another year's issue."""
    repo.write("gazette/2019/03/index.md", ISSUE.replace("number: 6", "number: 3").replace("389", "390").replace(old, new))
    assert repo.messages() == [f"gazette/2019/03/index.md:{message}"]


def test_section_listed_twice(repo: Repo):
    repo.replace(ISSUE_FILE, "sections: [市政府规章, 市政府办公室文件]", "sections: [市政府规章, 市政府办公室文件, 市政府规章]")
    assert repo.messages() == [f"{ISSUE_FILE}:6: sections 中有重复的栏目 — 每个栏目只列一次"]


def test_issue_with_errors_does_not_make_its_documents_strays(repo: Repo):
    repo.replace(ISSUE_FILE, "published: 2018-06-30", "published: 2018-06-31")
    assert repo.messages() == [f"{ISSUE_FILE}:5: published 的日期 2018-06-31 不存在 — 检查月份和日期（如 2 月没有 30 日）"]


def test_unreadable_issue_does_not_make_its_documents_strays(repo: Repo):
    repo.write(ISSUE_FILE, "---\nyear: 2018\nsections: [\n---\n")
    assert [d.path for d in repo.check().diagnostics] == [ISSUE_FILE]


def test_empty_sections_are_allowed(repo: Repo):
    repo.replace(ISSUE_FILE, "sections: [市政府规章, 市政府办公室文件]", "sections: [市政府规章, 市政府办公室文件, 部门文件, 人事任免]")
    assert repo.messages() == []


@pytest.mark.parametrize("year", [1948, 2200, 99999])
def test_year_outside_the_gazettes_years_is_refused(repo: Repo, year):
    repo.replace(ISSUE_FILE, "year: 2018", f"year: {year}")
    assert f"{ISSUE_FILE}:2: 年份 {year} 超出 1949—2199 年 — 检查 year 是否写错" in repo.messages()
