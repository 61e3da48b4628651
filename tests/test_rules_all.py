"""Every problem is reported at once, sorted by file and line; the check never stops at the first."""
from conftest import INTERPRETATION, Repo

DOC = "gazette/2018/06/xzbf-68.md"
JD = "interpretations/xzbf-68-jd.md"


def test_three_errors_in_one_document_give_three_diagnostics(repo: Repo):
    repo.replace(DOC, "issuer: 无锡市人民政府办公室", "issuer: 无锡市政府办公室")
    repo.replace(DOC, "status: 执行中", "status: 尚未施行")
    repo.replace(DOC, "section: 市政府办公室文件", "section: 部门文件")
    assert repo.messages() == [
        f'{DOC}:4: 制发机关“无锡市政府办公室”不在 gazette.yml 的 issuers 中（是否应为 无锡市人民政府办公室？） — '
        "改正机关名称，或在 gazette.yml 的 issuers 下加入 无锡市政府办公室: 拼音缩写",
        f"{DOC}:8: 文件状态为尚未施行，但施行日期未填写 — 改为 执行中，或填写将来的 effective 日期",
        f'{DOC}:10: 栏目“部门文件”不在 2018年第6期 的 sections 中 — '
        "改为 市政府规章、市政府办公室文件 之一，或在 gazette/2018/06/index.md 的 sections 中加入该栏目",
    ]


def test_three_errors_in_three_files_give_three_diagnostics(repo: Repo):
    repo.replace(DOC, "written: 2018-06-05", "written: 2018-02-30")
    repo.replace("gazette/2018/06/index.md", "sections: [市政府规章, 市政府办公室文件]",
                 "sections: [市政府规章, 市政府办公室文件, 市政府规章]")
    repo.write("interpretations/other.md", INTERPRETATION.replace("68号", "99号"))
    assert repo.messages() == [
        "gazette/2018/06/index.md:6: sections 中有重复的栏目 — 每个栏目只列一次",
        f"{DOC}:6: written 的日期 2018-02-30 不存在 — 检查月份和日期（如 2 月没有 30 日）",
        "interpretations/other.md:3: interprets: 锡政办发〔2018〕99号 在公报中找不到对应文件 — 核对文号，或先把原文件加入某期公报",
    ]


def test_errors_and_warnings_together(repo: Repo):
    repo.replace(JD, "## 二、目标任务\n", "")
    repo.replace(DOC, "published: 2018-06-05", "published: 2018-06-04")
    repo.replace(JD, "published: 2018-06-05", "published: 2018-06-04")
    result = repo.check()
    assert [str(d) for d in result.diagnostics] == [
        f"{DOC}:7: 发布日期 2018-06-04 早于成文日期 2018-06-05 — 检查两个日期：成文在先，发布在后",
        f"{JD}:7: [警告] 文字解读缺少以下方面的标题：目标任务 — 为每个方面加一个标题，如 ## 一、背景依据",
    ]
    assert not result.ok
