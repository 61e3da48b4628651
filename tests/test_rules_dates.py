"""rules/dates.py: date order, and a status that agrees with the dates on the build date (2026-12-01)."""
import pytest

from conftest import Repo

DOC = "gazette/2018/06/xzbf-68.md"


def test_published_before_written(repo: Repo):
    repo.replace(DOC, "written: 2018-06-05", "written: 2018-06-09")
    repo.replace(DOC, "published: 2018-06-05", "published: 2018-06-08")
    assert repo.messages() == [f"{DOC}:7: 发布日期 2018-06-08 早于成文日期 2018-06-09 — 检查两个日期：成文在先，发布在后"]


def test_published_on_the_day_written_is_fine(repo: Repo):
    assert repo.messages() == []


def test_effective_before_written(repo: Repo):
    repo.replace(DOC, "status: 执行中", "status: 执行中\neffective: 2018-06-01")
    assert repo.messages() == [f"{DOC}:9: 施行日期 2018-06-01 早于成文日期 2018-06-05 — 检查施行日期"]


def test_expires_before_it_takes_effect(repo: Repo):
    repo.replace(DOC, "status: 执行中", "status: 已失效\neffective: 2018-07-01\nexpires: 2018-06-30")
    assert repo.messages() == [f"{DOC}:10: 有效期至 2018-06-30 早于施行日期 2018-07-01 — 检查有效期"]


def test_not_yet_in_force_without_effective_date(repo: Repo):
    repo.replace(DOC, "status: 执行中", "status: 尚未施行")
    assert repo.messages() == [f"{DOC}:8: 文件状态为尚未施行，但施行日期未填写 — 改为 执行中，或填写将来的 effective 日期"]


def test_not_yet_in_force_but_effective_date_passed(repo: Repo):
    repo.replace(DOC, "status: 执行中", "status: 尚未施行\neffective: 2018-07-01")
    assert repo.messages() == [f"{DOC}:8: 文件状态为尚未施行，但施行日期 2018-07-01 已到 — 改为 执行中，或填写将来的 effective 日期"]


def test_not_yet_in_force_with_future_date_is_fine(repo: Repo):
    repo.replace(DOC, "status: 执行中", "status: 尚未施行\neffective: 2027-01-01")
    assert repo.messages() == []


def test_in_force_before_its_effective_date(repo: Repo):
    repo.replace(DOC, "status: 执行中", "status: 执行中\neffective: 2027-01-01")
    assert repo.messages() == [f"{DOC}:8: 文件状态为执行中，但施行日期 2027-01-01 尚未到 — 改为 尚未施行"]


def test_in_force_after_it_expired(repo: Repo):
    repo.replace(DOC, "status: 执行中", "status: 执行中\nexpires: 2023-06-30")
    assert repo.messages() == [f"{DOC}:8: 文件状态为执行中，但有效期已于 2023-06-30 届满 — 改为 已失效，或更正 expires"]


@pytest.mark.parametrize("status, basis", [("已失效", ""), ("已废止", "\nstatus_basis: 苏政发〔2020〕12号"),
                                           ("已修订", "\nstatus_basis: 苏政发〔2020〕12号")])
def test_ended_statuses_with_past_expiry_are_fine(repo: Repo, status, basis):
    """The expiry is the basis of 已失效 only: repealed and amended name what did it (rules/relations.py)."""
    repo.replace(DOC, "status: 执行中", f"status: {status}\nexpires: 2023-06-30{basis}")
    assert repo.messages() == []


def test_in_force_on_its_last_day_is_fine(repo: Repo):
    repo.replace(DOC, "status: 执行中", "status: 执行中\nexpires: 2026-12-01")
    assert repo.messages() == []


@pytest.mark.parametrize("key, line", [("written", 6), ("published", 7)])
@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01", "1948-12-31", "2200-01-01"])
def test_dates_at_the_extremes_are_diagnostics(repo: Repo, key, line, day):
    """9999-12-31 plus grace days overflowed Python's dates; no gazette date is that far out anyway."""
    from deadline import within

    repo.write("gazette.yml", (repo.path / "gazette.yml").read_text(encoding="utf-8") + "interpretation_grace_days: 30\n")
    repo.replace(DOC, f"{key}: 2018-06-05", f"{key}: {day}")
    repo.replace("interpretations/xzbf-68-jd.md", "published: 2018-06-05", f"published: {day}")
    with within(5):
        messages = repo.messages()
    assert f"{DOC}:{line}: {key} 的日期 {day} 超出 1949—2199 年 — 检查年份是否写错" in messages
    assert f"interpretations/xzbf-68-jd.md:4: published 的日期 {day} 超出 1949—2199 年 — 检查年份是否写错" in messages


@pytest.mark.parametrize("day", ["1949-01-01", "2199-12-31"])
def test_dates_at_the_limits_are_accepted(repo: Repo, day):
    repo.write("gazette.yml", (repo.path / "gazette.yml").read_text(encoding="utf-8") + "interpretation_grace_days: 365\n")
    if day > "2018":
        repo.replace(DOC, "status: 执行中", f"status: 执行中\nexpires: {day}")
    else:
        repo.replace(DOC, "written: 2018-06-05", f"written: {day}")
    assert not [m for m in repo.messages() if "超出" in m]


ISSUE = "gazette/2018/06/index.md"
LATER = f"{DOC}:7: 发布日期 2018-07-01 晚于刊载它的 2018年第6期 的出版日期 2018-06-30 — 核对本文件的发布日期和 {ISSUE} 的出版日期，或把文件移到它发布之后出版的一期"


def test_published_after_the_issue_that_carries_it(repo: Repo):
    repo.replace(DOC, "published: 2018-06-05", "published: 2018-07-01")
    repo.replace("interpretations/xzbf-68-jd.md", "published: 2018-06-05", "published: 2018-07-01")
    assert repo.messages() == [LATER]


def test_published_on_the_issue_date_is_fine(repo: Repo):
    repo.replace(DOC, "published: 2018-06-05", "published: 2018-06-30")
    repo.replace("interpretations/xzbf-68-jd.md", "published: 2018-06-05", "published: 2018-06-30")
    assert repo.messages() == []


def test_published_after_the_issue_under_a_chinese_key_and_as_a_timestamp(repo: Repo):
    repo.replace(DOC, "published: 2018-06-05", "发布日期: 2018-07-01 09:30")
    repo.replace("interpretations/xzbf-68-jd.md", "published: 2018-06-05", "published: 2018-07-01")
    assert repo.messages() == [LATER]


def test_an_issue_dated_before_its_documents(repo: Repo):
    repo.replace(ISSUE, "published: 2018-06-30", "published: 2018-06-01")
    assert repo.messages() == [LATER.replace("2018-07-01", "2018-06-05").replace("2018-06-30", "2018-06-01")]


def correction(repo: Repo, day: str) -> None:
    repo.replace(DOC, "section: 市政府办公室文件",
                 f"section: 市政府办公室文件\ncorrections:\n  - {{date: {day}, change: 第三条“十五日”更正为“十日”, reason: 排版错误}}")


@pytest.mark.parametrize("day", ["2018-06-05", "2018-07-02", "2026-12-01"])
def test_correction_between_publication_and_today_is_fine(repo: Repo, day):
    correction(repo, day)
    assert repo.messages() == []


def test_correction_before_the_document_was_published(repo: Repo):
    correction(repo, "2018-06-04")
    assert repo.messages() == [f"{DOC}:11: 勘误日期 2018-06-04 早于发布日期 2018-06-05 — "
                               "勘误只能更正已发布的文本：核对勘误日期和发布日期；发布前的修改不写勘误"]


def test_correction_in_the_future(repo: Repo):
    correction(repo, "2026-12-02")
    assert repo.messages() == [f"{DOC}:11: 勘误日期 2026-12-02 在今天（2026-12-01）之后 — 勘误日期写实际更正的日期，不能预先填写"]


@pytest.mark.parametrize("day, message", [
    ("2018-06-04", "勘误日期 2018-06-04 早于发布日期 2018-06-05"),
    ("2026-12-02", "勘误日期 2026-12-02 在今天（2026-12-01）之后"),
])
def test_an_interpretations_corrections_are_dated_as_a_documents(repo: Repo, day, message):
    jd = "interpretations/xzbf-68-jd.md"
    repo.replace(jd, "kind: 文字解读", f"kind: 文字解读\ncorrections: [{{date: {day}, change: 甲, reason: 乙}}]")
    assert [m.split(" — ")[0] for m in repo.messages()] == [f"{jd}:6: {message}"]


def test_every_bad_correction_is_reported_under_a_chinese_key(repo: Repo):
    repo.replace(DOC, "section: 市政府办公室文件", "section: 市政府办公室文件\n勘误:\n"
                 "  - {date: 2018-01-01, change: 甲, reason: 乙}\n  - {date: 2030-01-01, change: 丙, reason: 丁}")
    assert [m.split(" — ")[0] for m in repo.messages()] == [
        f"{DOC}:11: 勘误日期 2018-01-01 早于发布日期 2018-06-05", f"{DOC}:11: 勘误日期 2030-01-01 在今天（2026-12-01）之后"]


JD = "interpretations/xzbf-68-jd.md"


def publish_on(repo: Repo, day: str, key: str = "published") -> None:
    """The issue, its document and the document's interpretation all dated ``day``."""
    repo.replace(ISSUE, "published: 2018-06-30", f"published: {day}")
    repo.replace(DOC, "published: 2018-06-05", f"{key}: {day}")
    repo.replace(JD, "published: 2018-06-05", f"published: {day}")


def test_a_text_dated_after_today_is_not_published_yet(repo: Repo):
    """An issue prepared ahead and committed put its text on the site a month before it was public, with a lock
    recording a first publication that had not happened; a 勘误 of the text shown meanwhile was refused as dated before
    its publication, and a change without one as a silent change: the site's text could not be corrected."""
    publish_on(repo, "2027-01-05")
    told = [m.split(" — ")[0] for m in repo.messages()]
    assert told == [f"{ISSUE}:5: 出版日期 2027-01-05 在今天（2026-12-01）之后：网站会在这一天之前就发布它",
                    f"{DOC}:7: 发布日期 2027-01-05 在今天（2026-12-01）之后：网站会在这一天之前就发布它",
                    f"{JD}:4: 发布日期 2027-01-05 在今天（2026-12-01）之后：网站会在这一天之前就发布它"]


def test_a_text_dated_after_today_under_a_chinese_key_and_as_a_timestamp(repo: Repo):
    publish_on(repo, "2026-12-02", key="发布日期")
    repo.replace(DOC, "发布日期: 2026-12-02", "发布日期: 2026-12-02 09:30")
    assert f"{DOC}:7: 发布日期 2026-12-02 在今天（2026-12-01）之后：网站会在这一天之前就发布它" in \
        [m.split(" — ")[0] for m in repo.messages()]


def test_a_text_published_today_is_fine(repo: Repo):
    publish_on(repo, "2026-12-01")
    repo.replace(DOC, "written: 2018-06-05", "written: 2026-11-30")
    assert repo.messages() == []
