"""A locked page's record — 成文日期, 制发机关, 施行日期 … (gongbao.content.integrity.RECORD) — never
changes silently: canonical text version 3 hashes it, the lock keeps it, and a changed fact without a
勘误 is an error naming it, its locked and its new value, at the line of its key."""
from __future__ import annotations

import json
import shutil
import unicodedata
from dataclasses import replace

import pytest
from hypothesis import given, settings, strategies as st

from conftest import TODAY, Repo, minimal_files, examples
from gongbao.cli import main
from gongbao.content import integrity, lock
from gongbao.publish.check import check

from test_lock import CORRECTION, DOC, JD, URL, older, write_lock

HINT = "若是更正，在 corrections 中加入"


@pytest.fixture
def locked(repo: Repo, capsys) -> Repo:
    write_lock(repo)
    capsys.readouterr()
    return repo


def lock_problems(repo: Repo, published: lock.Lock = lock.EMPTY) -> list:
    return [d for d in check(repo.path, TODAY, published=(published, [])).diagnostics if d.rule == "lock"]


def line_of(repo: Repo, rel: str, key: str) -> int:
    lines = (repo.path / rel).read_text(encoding="utf-8").split("\n")
    return next(n for n, text in enumerate(lines, 1) if text.startswith(f"{key}:"))


def sha(repo: Repo, rel: str = DOC) -> str:
    archive = repo.check().archive
    items = archive.documents + archive.interpretations + archive.drafts + archive.feedback
    return integrity.sha256(next(i for i in items if i.source.path == rel))


# --- every fact of a document's record --------------------------------------------------------------

@pytest.mark.parametrize("old, new, key, label, locked_value, value", [
    ("issuer: 无锡市人民政府办公室", "issuer: 无锡市人民政府", "issuer", "制发机关", '["无锡市人民政府办公室"]',
     '["无锡市人民政府"]'),
    ("issuer: 无锡市人民政府办公室", "制发机关: [无锡市人民政府办公室, 无锡市人民政府]", "制发机关", "制发机关",
     '["无锡市人民政府办公室"]', '["无锡市人民政府办公室", "无锡市人民政府"]'),
    ("type: 规范性文件", "type: 其他文件", "type", "类型", "规范性文件", "其他文件"),
    ("written: 2018-06-05", "written: 2018-06-04", "written", "成文日期", "2018-06-05", "2018-06-04"),
    ("written: 2018-06-05", "成文日期: 2018-6-4", "成文日期", "成文日期", "2018-06-05", "2018-06-04"),
    ("published: 2018-06-05", "published: 2018-06-06", "published", "发布日期", "2018-06-05", "2018-06-06"),
    ("status: 执行中", "status: 执行中\neffective: 2018-07-01", "effective", "施行日期", "（空）", "2018-07-01"),
    ("status: 执行中", "status: 执行中\n有效期至: 2028-06-30", "有效期至", "有效期至", "（空）", "2028-06-30"),
    ("status: 执行中", "status: 执行中\nindex_number: 014000000/2018-00068", "index_number", "索引号", "（空）",
     "014000000/2018-00068"),
    ("status: 执行中", "status: 执行中\ntopics: [综合政务, 城乡建设、环境保护]", "topics", "主题分类", "（空）",
     '["城乡建设、环境保护", "综合政务"]'),
    ("section: 市政府办公室文件", "section: 市政府规章", "section", "栏目", "市政府办公室文件", "市政府规章"),
    ("status: 执行中", "status: 执行中\nbased_on: [国办发〔2016〕80号]", "based_on", "依据", "（空）", '["国办发〔2016〕80号"]'),
    ("status: 执行中", "status: 执行中\n修改: 锡政办发〔2017〕95号", "修改", "修改", "（空）", '["锡政办发〔2017〕95号"]'),
    ("status: 执行中", "status: 执行中\nrepeals: [锡政办发〔2016〕12号]", "repeals", "废止", "（空）", '["锡政办发〔2016〕12号"]'),
])
def test_each_fact_of_a_document_changed_without_a_correction_is_named_at_its_line(
        locked: Repo, old, new, key, label, locked_value, value):
    locked.replace(DOC, old, new)
    found = [d for d in lock_problems(locked) if f"已发布的{label}被改动" in d.message]
    assert len(found) == 1, [str(d) for d in lock_problems(locked)]
    (problem,) = found
    assert (problem.path, problem.line) == (DOC, line_of(locked, DOC, key))
    assert f"锁定为“{locked_value}”，现为“{value}”" in problem.message and f"gazette.lock.json 第" in problem.message
    assert problem.hint.startswith(HINT) and problem.hint.endswith(f"否则恢复为“{locked_value.strip('（空）')}”")
    # the title, number and body did not change: no message says they did
    assert not [d for d in lock_problems(locked) if "已发布的文本" in d.message]



# --- a value the loader cannot read is its error, told once --------------------------------------------

FULL_RECORD = ("effective: 2018-07-01\nexpires: 2028-06-30\ntopics: [综合政务]\nindex_number: 014000000/2018-00180\n"
               "based_on: [国办发〔2016〕80号]\namends: [锡政办发〔2017〕95号]\nrepeals: [锡政办发〔2016〕12号]\n")


@pytest.fixture
def full(repo: Repo, capsys) -> Repo:
    """The locked repository, its document stating every optional fact of its record too."""
    repo.replace(DOC, "section: 市政府办公室文件\n", f"section: 市政府办公室文件\n{FULL_RECORD}")
    repo.replace(JD, "kind: 文字解读\n", "kind: 文字解读\nauthor: 市政府办公室\n")
    write_lock(repo)
    capsys.readouterr()
    return repo


@pytest.mark.parametrize("rel, old, new, message", [
    (DOC, "based_on: [国办发〔2016〕80号]", "based_on: [锡政发〔2017〕一号]",
     "based_on：“锡政发〔2017〕一号”既不是文号（如 锡政办发〔2018〕68号）也不是 id（如 wx-2018-notice-12）"),
    (DOC, "amends: [锡政办发〔2017〕95号]", "amends: [锡政办发〔2017〕九五号]",
     "amends：“锡政办发〔2017〕九五号”既不是文号（如 锡政办发〔2018〕68号）也不是 id（如 wx-2018-notice-12）"),
    (DOC, "repeals: [锡政办发〔2016〕12号]", "repeals: [{文号: 锡政办发〔2016〕12号}]", "repeals 应为文字或文字列表"),
    (DOC, "effective: 2018-07-01", "effective: 2018-07-32", "effective 的日期 2018-07-32 不存在"),
    (DOC, "expires: 2028-06-30", "有效期至: 2028年6月30日", "expires 的日期 “2028年6月30日” 格式不对"),
    (DOC, "topics: [综合政务]", "topics: [{综合政务: 1}]", "topics 应为文字或文字列表"),
    (DOC, "index_number: 014000000/2018-00180", "index_number: [014000000/2018-00180]",
     "index_number 应为一段文字，而不是列表"),
    (DOC, "effective: 2018-07-01", "effective: 2018-07-01\n施行日期: 2018-07-01",  # one fact twice: neither is taken
     "effective 和 施行日期 是同一项 effective（第 11 行和第 12 行），两个值都不采用"),
    (DOC, "effective: 2018-07-01", "effctive: 2018-07-01", "未知的键 effctive（是否应为 effective？）"),
    (JD, "author: 市政府办公室", "author: [市政府办公室, 市发展改革委]", "author 应为一段文字，而不是列表"),
])
def test_a_published_fact_the_loader_cannot_read_is_told_once_as_that(full: Repo, rel, old, new, message):
    """The value is not taken (none here): its error fails the check, and the lock rule does not tell it changed to
    "（空）" too, whose hint would have the mistake recorded as a correction."""
    full.replace(rel, old, new)
    key = new.split("\n")[-1].split(":")[0]  # the line told
    assert [m.split(" — ")[0] for m in full.messages()] == [f"{rel}:{line_of(full, rel, key)}: {message}"]


def test_a_fact_read_beside_an_unreadable_one_is_still_told_changed(full: Repo):
    """Only the keys the loader could not read are left to their own errors: another fact changed is told."""
    full.replace(DOC, "effective: 2018-07-01", "effective: 2018-07-32")
    full.replace(DOC, "based_on: [国办发〔2016〕80号]", "based_on: [国办发〔2016〕81号]")
    assert [(d.path, d.line, d.message.split("：")[0]) for d in full.check().diagnostics] == [
        (DOC, line_of(full, DOC, "effective"), "effective 的日期 2018-07-32 不存在"),
        (DOC, line_of(full, DOC, "based_on"), "已发布的依据被改动，但没有勘误记录")]


WHERE = "gazette.lock.json 第 3 行的 doc/xzbf/2018/68/"


@pytest.mark.parametrize("old, new, key, told, changed", [
    ("based_on: [国办发〔2016〕80号]", "based_on: [国办发〔2016〕80号, 锡政发〔2017〕一号, 苏政办发〔2017〕151号]", "based_on",
     "based_on：“锡政发〔2017〕一号”既不是文号（如 锡政办发〔2018〕68号）也不是 id（如 wx-2018-notice-12）",
     f"已发布的依据加入了“苏政办发〔2017〕151号”，但没有勘误记录：{WHERE} 锁定为“[\"国办发〔2016〕80号\"]”"),
    ("amends: [锡政办发〔2017〕95号]", "amends: [锡政办发〔2017〕九五号, 锡政办发〔2017〕96号]", "amends",
     "amends：“锡政办发〔2017〕九五号”既不是文号（如 锡政办发〔2018〕68号）也不是 id（如 wx-2018-notice-12）",
     f"已发布的修改加入了“锡政办发〔2017〕96号”，但没有勘误记录：{WHERE} 锁定为“[\"锡政办发〔2017〕95号\"]”"),
    ("topics: [综合政务]", "topics: [综合证务, 城乡建设、环境保护]", "topics",  # a class unknown, one added
     '主题分类“综合证务”不在分类表中（是否应为 综合政务？）',
     f"已发布的主题分类加入了“城乡建设、环境保护”，但没有勘误记录：{WHERE} 锁定为“[\"综合政务\"]”"),
    ("issuer: 无锡市人民政府办公室", "issuer: [无锡市人民政府办公室, {名称: 无锡市人民政府}, 无锡市人民政府]", "issuer",
     "issuer 应为文字或文字列表", f"已发布的制发机关加入了“无锡市人民政府”，但没有勘误记录：{WHERE} 锁定为“[\"无锡市人民政府办公室\"]”"),
    ("issuer: 无锡市人民政府办公室", "issuer: [无锡市人民政府办工室, 无锡市人民政府]", "issuer",  # the typo: unknown
     '制发机关“无锡市人民政府办工室”不在 gazette.yml 的 issuers 中（是否应为 无锡市人民政府？）',
     f"已发布的制发机关加入了“无锡市人民政府”，但没有勘误记录：{WHERE} 锁定为“[\"无锡市人民政府办公室\"]”"),
])
def test_a_list_with_an_item_told_wrong_is_compared_by_its_other_items(full: Repo, old, new, key, told, changed):
    """An item read right and not locked was added, whatever the item told wrong is: told with that item's own error.
    Before, one item written wrong left the whole list uncompared until it was fixed."""
    full.replace(DOC, old, new)
    line = line_of(full, DOC, key)
    assert [m.split(" — ")[0] for m in full.messages()] == [f"{DOC}:{line}: {told}", f"{DOC}:{line}: {changed}"]


@pytest.mark.parametrize("new", ["based_on: [锡政发〔2017〕一号]", "based_on: [锡政发〔2017〕一号, 国办发〔2016〕80号]",
                                 "topics: [综合证务]"])
def test_a_locked_item_not_read_now_may_be_the_one_written_wrong_and_is_not_told_removed(full: Repo, new):
    """国办发〔2016〕80号 mistyped as 锡政发〔2017〕一号 is the one mistake: "删去了" would have the typo recorded as a
    correction. Fixed, the list is compared whole again (a removal is told then)."""
    full.replace(DOC, new.split(":")[0] + ": [" + ("国办发〔2016〕80号" if "based_on" in new else "综合政务") + "]", new)
    assert len(full.messages()) == 1


def test_the_order_of_the_issuers_read_right_is_compared(repo: Repo, capsys):
    """The lead issuer comes first (an ordered fact): swapped, beside an issuer told unknown, it is told."""
    repo.replace(DOC, "issuer: 无锡市人民政府办公室", "issuer: [无锡市人民政府办公室, 无锡市人民政府]")
    write_lock(repo)
    capsys.readouterr()
    repo.replace(DOC, "issuer: [无锡市人民政府办公室, 无锡市人民政府]", "issuer: [无锡市人民政府, 无锡市人民政府办公室, 无锡市财政局]")
    assert [m.split(" — ")[0] for m in repo.messages()] == [
        f'{DOC}:4: 制发机关“无锡市财政局”不在 gazette.yml 的 issuers 中（是否应为 无锡市人民政府？）',
        f"{DOC}:4: 已发布的制发机关的顺序被改动，但没有勘误记录：{WHERE} 锁定为“[\"无锡市人民政府办公室\", \"无锡市人民政府\"]”，"
        "其中各项现为“[\"无锡市人民政府\", \"无锡市人民政府办公室\"]”"]


def test_a_value_written_so_that_it_reads_but_with_an_error_is_still_compared(full: Repo):
    """topics written as one text is read (split at the comma) and told; the value read is compared with the lock."""
    full.replace(DOC, "topics: [综合政务]", "topics: 综合政务，城乡建设、环境保护")
    assert [m.split(" — ")[0].split("：")[0] for m in full.messages()] == [
        f"{DOC}:{line_of(full, DOC, 'topics')}: topics 的几项写在了一段文字“综合政务，城乡建设、环境保护”里",
        f"{DOC}:{line_of(full, DOC, 'topics')}: 已发布的主题分类被改动，但没有勘误记录"]

def test_a_disclosure_change_is_named_too(repo: Repo, capsys):
    repo.replace(DOC, "disclosure: 主动公开", "disclosure: 部分公开\ndisclosure_reason: 涉及个人隐私，依据第十五条不予公开")
    repo.replace(DOC, "各地各部门要加强统筹。", "各地各部门要加强统筹。【不予公开】联系人：张某【/不予公开】")
    write_lock(repo)
    repo.replace(DOC, "部分公开", "主动公开")
    repo.replace(DOC, "【不予公开】联系人：张某【/不予公开】", "")
    messages = [str(d) for d in lock_problems(repo)]
    assert any("已发布的公开属性被改动，但没有勘误记录" in m and "锁定为“部分公开”，现为“主动公开”" in m for m in messages)
    assert any("已发布的文本（标题、文号或正文）被改动" in m for m in messages)  # the placeholder went too


def test_moving_a_document_to_another_issue_is_named(locked: Repo):
    locked.write("gazette/2018/07/index.md", "---\nyear: 2018\nnumber: 7\ntotal_number: 390\npublished: 2018-07-31\n"
                                             "sections: [市政府规章, 市政府办公室文件]\n---\n")
    shutil.move(locked.path / DOC, locked.path / "gazette/2018/07/xzbf-68.md")
    (problem,) = [d for d in lock_problems(locked) if "已发布的刊期被改动" in d.message]
    assert problem.path == "gazette/2018/07/xzbf-68.md"
    assert "锁定为“2018年第6期”，现为“2018年第7期”" in problem.message


# --- an interpretation's, a draft's and a feedback's record --------------------------------------------

@pytest.mark.parametrize("old, new, key, label", [
    ("kind: 文字解读", "kind: 专家解读", "kind", "解读形式"),
    ("kind: 文字解读", "kind: 文字解读\n解读机关: 市政府办公室", "解读机关", "解读机关"),
    ("published: 2018-06-05", "published: 2018-06-08", "published", "发布日期"),
])
def test_an_interpretations_form_author_and_date_are_locked(locked: Repo, old, new, key, label):
    locked.replace(JD, old, new)
    (problem,) = [d for d in lock_problems(locked) if f"已发布的{label}被改动" in d.message]
    assert (problem.path, problem.line) == (JD, line_of(locked, JD, key))


@pytest.mark.parametrize("rel, old, new, key, label", [
    ("drafts/2026-zwgk-bzh-zqyj.md", "closes: 2027-12-31", "closes: 2028-01-31", "closes", "征求意见截止"),
    ("drafts/2026-zwgk-bzh-zqyj.md", "opens: 2026-11-20", "征求意见开始: 2026-11-21", "征求意见开始", "征求意见开始"),
    ("drafts/2026-zwgk-bzh-zqyj.md", "email: zwgk@example.gov.cn", "email: yj@example.gov.cn", "email", "电子邮箱"),
    ("drafts/2018-gbgl-zqyj.md", "basis: [锡政办发〔2018〕68号, ", "basis: [", "basis", "决策依据"),
    ("feedback/2018-gbgl-yjcn.md", "adopted: 9", "adopted: 10", "adopted", "采纳"),
    ("feedback/2018-gbgl-yjcn.md", "channels: {电子邮件: 15, 信函: 3,", "channels: {电子邮件: 16, 信函: 2,", "channels", "渠道"),
])
def test_a_drafts_and_a_feedbacks_record_is_locked(site_repo: Repo, rel, old, new, key, label):
    assert lock_problems(site_repo) == []
    site_repo.replace(rel, old, new)
    (problem,) = [d for d in lock_problems(site_repo) if f"已发布的{label}被改动" in d.message]
    assert (problem.path, problem.line) == (rel, line_of(site_repo, rel, key))



@pytest.mark.parametrize("old, new, message", [
    ("email: zwgk@example.gov.cn", "email: zwgk@example", "email “zwgk@example” 不是电子邮箱地址"),
    ("form_url: https://", "form_url: http://", "form_url “http://yjzj.example.gov.cn/consult/2026-zwgk-bzh” 应为 https:// 开头的网址（不含“用户名@”）"),
])
def test_a_drafts_fact_the_loader_cannot_read_is_told_once_as_that(site_repo: Repo, old, new, message):
    rel = "drafts/2026-zwgk-bzh-zqyj.md"
    site_repo.replace(rel, old, new)
    assert [m.split(" — ")[0] for m in site_repo.messages() if m.startswith(rel)] == [
        f"{rel}:{line_of(site_repo, rel, new.split(':')[0])}: {message}"]

# --- spellings the loader reads as the same value hash the same; a real change never does -------------

@pytest.mark.parametrize("old, new", [
    ("written: 2018-06-05", "成文日期: 2018-06-05"),                   # Chinese key
    ("written: 2018-06-05", "written: 2018-6-5"),                       # date formats
    ("written: 2018-06-05", "written: '2018-06-05'"),
    ("written: 2018-06-05", "written: 2018-06-05 00:00"),
    ("written: 2018-06-05", "written: ２０１８-０６-０５"),             # full-width digits
    ("issuer: 无锡市人民政府办公室", "issuer: [无锡市人民政府办公室]"),  # list or scalar
    ("issuer: 无锡市人民政府办公室", "制发机关:   无锡市人民政府办公室   "),
    ("type: 规范性文件", "type: 規範性文件"),                           # Traditional script of a vocabulary word
    ("disclosure: 主动公开", "公开属性: 主動公開"),
    ("status: 执行中", "status: 执行中\neffective:"),                   # an empty value is no value
    ("status: 执行中", "status: 执行中\ntopics: []"),
])
def test_a_spelling_the_loader_normalises_changes_no_hash(locked: Repo, old, new):
    before = sha(locked)
    locked.replace(DOC, old, new)
    assert sha(locked) == before
    assert lock_problems(locked) == []


def test_unicode_variants_of_a_value_hash_the_same_and_a_real_change_does_not(locked: Repo):
    """NFD and spacing the loader keeps are normalised by the canonical text; a changed character is not."""
    locked.replace(DOC, "status: 执行中", "status: 执行中\nindex_number: 014000000/2018-00068 café")
    digest = sha(locked)
    locked.replace(DOC, "00068 café", unicodedata.normalize("NFD", "00068  café"))
    assert sha(locked) == digest
    locked.replace(DOC, unicodedata.normalize("NFD", "café"), "cafe")
    assert sha(locked) != digest


def test_reordering_a_set_changes_nothing_reordering_joint_issuers_does(repo: Repo, capsys):
    repo.replace(DOC, "status: 执行中", "status: 执行中\ntopics: [综合政务, 城乡建设、环境保护]\nbased_on: [国办发〔2016〕80号, 苏政办发〔2017〕151号]")
    repo.replace(DOC, "issuer: 无锡市人民政府办公室", "issuer: [无锡市人民政府, 无锡市人民政府办公室]")
    write_lock(repo)
    repo.replace(DOC, "[综合政务, 城乡建设、环境保护]", "[城乡建设、环境保护, 综合政务]")
    repo.replace(DOC, "[国办发〔2016〕80号, 苏政办发〔2017〕151号]", "[苏政办发〔2017〕151号, 国办发〔2016〕80号]")
    assert lock_problems(repo) == []
    repo.replace(DOC, "[无锡市人民政府, 无锡市人民政府办公室]", "[无锡市人民政府办公室, 无锡市人民政府]")  # the lead issuer
    (problem,) = lock_problems(repo)
    assert "已发布的制发机关被改动" in problem.message and '锁定为“["无锡市人民政府", "无锡市人民政府办公室"]”' in problem.message


def test_what_later_documents_and_the_calendar_decide_is_not_an_edit(locked: Repo):
    """文件状态 is set by a later document's 废止 or by the dates (rules keep it in agreement), not by the page."""
    locked.replace(DOC, "status: 执行中", "status: 已废止")
    assert "文件状态" not in integrity.canonical_text(locked.check().archive.documents[0])
    assert lock_problems(locked) == []


# --- with a correction, and the upgrade from version 2 -----------------------------------------------

def test_a_correction_lets_a_fact_change_and_the_lock_records_the_new_value(locked: Repo, capsys):
    locked.replace(DOC, "written: 2018-06-05", f"written: 2018-06-04\n{CORRECTION}")
    assert lock_problems(locked) == []
    write_lock(locked)
    assert f"~ {URL}  勘误 +1  成文日期 “2018-06-05” → “2018-06-04”  sha256 " in capsys.readouterr().out
    assert dict(lock.load(locked.path)[0].entries[URL].fields)["written"] == "2018-06-04"
    locked.replace(DOC, "written: 2018-06-04", "written: 2018-06-03")
    (problem,) = lock_problems(locked)
    assert "锁定为“2018-06-04”，现为“2018-06-03”" in problem.message


def test_a_version_2_entry_is_upgraded_only_when_its_hash_still_matches(locked: Repo, capsys):
    data = json.loads((locked.path / lock.FILENAME).read_text(encoding="utf-8"))
    locked.write(lock.FILENAME, json.dumps(older(locked, data, 2), ensure_ascii=False))
    assert lock_problems(locked) == []
    locked.replace(JD, "## 九、新旧政策差异", "## 九、新旧政策差异\n无。")
    assert [d.path for d in lock_problems(locked)] == [JD]
    assert main(["lock", "--root", str(locked.path), "--write"]) == 1  # the error stands: nothing is written
    locked.replace(JD, "## 九、新旧政策差异\n无。", "## 九、新旧政策差异")
    write_lock(locked)
    assert f"↑ {URL}  升级为第 {integrity.VERSION} 版规范文本的哈希（原哈希与现行文本一致）" in capsys.readouterr().out
    entry = lock.load(locked.path)[0].entries[URL]
    assert entry.canonical_version == integrity.VERSION and dict(entry.fields)["written"] == "2018-06-05"
    locked.replace(DOC, "written: 2018-06-05", "written: 2018-06-01")
    assert "锁定为“2018-06-05”，现为“2018-06-01”" in lock_problems(locked)[0].message


# --- the lock edited by hand (compared with the last published one) ------------------------------------

@pytest.fixture
def published(locked: Repo, tmp_path) -> lock.Lock:
    (tmp_path / "site").mkdir()
    shutil.copy(locked.path / lock.FILENAME, tmp_path / "site" / lock.FILENAME)
    return lock.read(tmp_path / "site" / lock.FILENAME, "site/gazette.lock.json")[0]


def rewrite_lock(repo: Repo, edit) -> None:
    data = json.loads((repo.path / lock.FILENAME).read_text(encoding="utf-8"))
    edit(data["urls"][URL])
    repo.write(lock.FILENAME, json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n")


def test_a_fact_changed_in_the_page_and_the_lock_alike_is_refused(locked: Repo, published):
    locked.replace(DOC, "written: 2018-06-05", "written: 2018-06-01")
    digest = sha(locked)
    rewrite_lock(locked, lambda e: (e["fields"].__setitem__("written", "2018-06-01"), e.__setitem__("sha256", digest)))
    assert lock_problems(locked) == []  # the committed lock alone is fooled …
    messages = [d.message for d in lock_problems(locked, published)]  # … the published one is not
    assert any("被改弱：勘误条数未变，锁定的成文日期却被改动" in m for m in messages)
    assert any("已发布的成文日期被改动" in m and "锁定为“2018-06-05”" in m for m in messages)


def test_a_downgraded_entry_is_refused(locked: Repo, published):
    """Back to canonical text version 2 (its hash does not cover the record), to change a date unseen."""
    locked.replace(DOC, "written: 2018-06-05", "written: 2018-06-01")
    digest = integrity.sha256(locked.check().archive.documents[0], 2)
    rewrite_lock(locked, lambda e: (e.pop("fields"), e.update(canonical_version=2, sha256=digest)))
    messages = [d.message for d in lock_problems(locked, published)]
    assert any(f"被改弱：规范文本版本由 {integrity.VERSION} 降为 2" in m for m in messages)
    assert any("已发布的成文日期被改动" in m for m in messages)


@pytest.mark.parametrize("key, value", [("title", "关于印发示例办法的通知【不予公开】内部审核意见【/不予公开】"),
                                        ("title", "关于撤销某某同志职务的决定"), ("ref", "锡政办发〔2018〕99号")])
def test_an_entry_naming_another_title_or_number_than_its_page_is_refused(locked: Repo, published, key, value):
    """The site publishes the committed lock byte for byte (site/gazette.lock.json), and a notice at a withdrawn URL
    must carry the title its entry names: an entry's title, or number, rewritten by hand passed with 0 errors, also
    against the published lock, and published whatever was written there."""
    rewrite_lock(locked, lambda e: e.__setitem__(key, value))
    label = "标题" if key == "title" else "文号"
    (message,) = [d.message for d in lock_problems(locked)]
    assert f"的条目所记的{label}“{value}”与页面的{label}" in message
    messages = [d.message for d in lock_problems(locked, published)]
    assert message in messages and any(f"被改弱：勘误条数未变，{label}却被改动" in m for m in messages)


def test_an_issue_entry_naming_another_issue_is_refused(locked: Repo):
    """An issue's entry has no text to vouch for it; its number (ref) rewritten by hand was published with the lock."""
    data = json.loads((locked.path / lock.FILENAME).read_text(encoding="utf-8"))
    data["urls"]["gazette/2018/06/"]["ref"] = "2019年第1期"
    locked.write(lock.FILENAME, json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
    (message,) = [d.message for d in lock_problems(locked)]
    assert "gazette/2018/06/ 的条目所记的期号“2019年第1期”与页面的期号“2018年第6期”不同" in message


def _without_doc(repo: Repo, tmp_path) -> lock.Lock:
    """The last published lock from before the document was added: its entry is new in the committed lock."""
    data = json.loads((repo.path / lock.FILENAME).read_text(encoding="utf-8"))
    data["urls"] = {url: e for url, e in data["urls"].items() if not url.startswith(URL)}
    (tmp_path / "before").mkdir()
    (tmp_path / "before" / lock.FILENAME).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return lock.read(tmp_path / "before" / lock.FILENAME, "before/gazette.lock.json")[0]


def _published_as_committed(repo: Repo, tmp_path) -> lock.Lock:
    (tmp_path / "after").mkdir()
    shutil.copy(repo.path / lock.FILENAME, tmp_path / "after" / lock.FILENAME)
    return lock.read(tmp_path / "after" / lock.FILENAME, "after/gazette.lock.json")[0]


def test_a_new_entry_written_by_hand_in_version_2_is_refused(locked: Repo, tmp_path):
    """A new page's entry in an older canonical version (its hash not covering the record) was taken for a format to
    upgrade: once published, its 成文日期 changed with 0 errors, against the published lock and in check --locked."""
    before = _without_doc(locked, tmp_path)
    digest = integrity.sha256(locked.check().archive.documents[0], 2)
    rewrite_lock(locked, lambda e: (e.pop("fields"), e.update(canonical_version=2, sha256=digest)))
    (problem,) = lock_problems(locked, before)
    assert (problem.path, problem.line) == (lock.FILENAME, locked_line(locked, "canonical_version"))
    assert problem.message == (f"{lock.FILENAME} 中新增的条目 {URL} 不是 gongbao lock --write 写的：规范文本版本为 2，"
                               f"应为 {integrity.VERSION}（上次发布的 before/gazette.lock.json 没有它）")


def test_a_new_entry_written_by_hand_without_its_recorded_day_is_refused(locked: Repo, tmp_path):
    """Without the day the lock recorded the text, a 勘误 added later could be dated any day after publication."""
    before = _without_doc(locked, tmp_path)
    rewrite_lock(locked, lambda e: e.pop("recorded"))
    (problem,) = lock_problems(locked, before)
    assert problem.message == (f"{lock.FILENAME} 中新增的条目 {URL} 不是 gongbao lock --write 写的：没有 recorded"
                               f"（上次发布的 before/gazette.lock.json 没有它）")
    assert lock_problems(locked, _published_as_committed(locked, tmp_path)) == []  # an entry published so is as it was


def locked_line(repo: Repo, key: str) -> int:
    """The line of ``key`` in the committed lock's entry for URL."""
    lines = (repo.path / lock.FILENAME).read_text(encoding="utf-8").split("\n")
    start = next(n for n, text in enumerate(lines) if text.strip().startswith(f'"{URL}"'))
    return next(n for n, text in enumerate(lines[start:], start + 1) if text.strip().startswith(f'"{key}"'))


def test_a_record_deleted_from_the_lock_is_refused(locked: Repo, published):
    rewrite_lock(locked, lambda e: e.pop("fields"))
    assert [d.message for d in lock_problems(locked)] == []  # the hash still covers the record
    (problem,) = lock_problems(locked, published)
    assert "被改弱：勘误条数未变，锁定的" in problem.message and "成文日期" in problem.message
    locked.replace(DOC, "written: 2018-06-05", "written: 2018-06-01")
    assert any("已发布的文本" in d.message for d in lock_problems(locked))  # the hash alone still catches it


def test_the_upgrade_passes_against_a_site_published_with_version_2_hashes(locked: Repo, tmp_path):
    data = older(locked, json.loads((locked.path / lock.FILENAME).read_text(encoding="utf-8")), 2)
    (tmp_path / "v2").mkdir()
    (tmp_path / "v2" / lock.FILENAME).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    published = lock.read(tmp_path / "v2" / lock.FILENAME, "v2/gazette.lock.json")[0]
    assert lock_problems(locked, published) == []
    locked.replace(DOC, "加强统筹。各地", "加强统筹，各地")  # the text is still checked against the version-2 hash
    assert any("v2/gazette.lock.json" in d.message and "已发布的文本" in d.message for d in lock_problems(locked, published))


def test_fields_on_a_version_2_entry_are_malformed(locked: Repo):
    rewrite_lock(locked, lambda e: e.update(canonical_version=2))
    (problem,) = [d for d in locked.check().diagnostics if "条目无效" in d.message]
    assert "只有第 3 版规范文本的条目（不含一期公报）才有 fields" in problem.message


def test_a_lock_downgraded_to_file_version_1_is_malformed_not_trusted(locked: Repo):
    data = json.loads((locked.path / lock.FILENAME).read_text(encoding="utf-8"))
    locked.write(lock.FILENAME, json.dumps({**data, "version": 1}, ensure_ascii=False, indent=2))
    problems = [d for d in locked.check().diagnostics if "条目无效" in d.message]
    assert len(problems) == len(data["urls"])  # every entry: a version-1 entry has no canonical_version


_TEXT = st.text(st.sampled_from("ab é\u0301\t\n\u3000、[]\"：1"), max_size=6)


@settings(max_examples=examples(300), deadline=None)
@given(first=st.tuples(_TEXT, st.lists(_TEXT, max_size=3)), second=st.tuples(_TEXT, st.lists(_TEXT, max_size=3)))
def test_two_records_hash_alike_exactly_when_they_state_the_same(document, first, second):
    """What a reader sees of a value: NFC, runs of ASCII white space as one, none at the ends (U+3000
    shows); a list's items (topics: in any order). Same facts, same hash; any other difference, another."""
    def shown(text: str) -> str:
        return " ".join(unicodedata.normalize("NFC", text).replace("\t", " ").replace("\n", " ").split(" ")).strip(" ")

    def item(value):
        return replace(document, index_number=value[0], topics=tuple(value[1]))

    same = (shown(first[0]), sorted(map(shown, first[1]))) == (shown(second[0]), sorted(map(shown, second[1])))
    assert (integrity.sha256(item(first)) == integrity.sha256(item(second))) == same


@pytest.fixture(scope="module")
def document(tmp_path_factory):
    repo = Repo(tmp_path_factory.mktemp("record") / "repo")
    for rel, text in minimal_files().items():
        repo.write(rel, text)
    return repo.check().archive.documents[0]


def test_a_new_entry_recorded_before_the_last_publication_is_refused(locked: Repo, tmp_path):
    """A new text's entry says the day its text was recorded, and no 勘误 may be dated before it: written (or pinned
    through build_date) before the last published lock's newest day, it let a later 勘误 be dated back into the time
    when the text was not locked yet."""
    before = _without_doc(locked, tmp_path)
    newest = max(e.recorded for e in before.entries.values() if e.recorded)
    rewrite_lock(locked, lambda e: e.__setitem__("recorded", "2018-06-06"))
    (problem,) = lock_problems(locked, before)
    assert (problem.path, problem.line) == (lock.FILENAME, locked_line(locked, "recorded"))
    assert problem.message == (f"{lock.FILENAME} 中新增的条目 {URL} 不是 gongbao lock --write 写的：recorded 为 2018-06-06，"
                               f"早于上次发布时记录的最近一天 {newest}（上次发布的 before/gazette.lock.json 没有它）")
    rewrite_lock(locked, lambda e: e.__setitem__("recorded", newest))
    assert lock_problems(locked, before) == []
    rewrite_lock(locked, lambda e: e.__setitem__("recorded", "2018-06-06"))
    assert lock_problems(locked) == []  # no published lock known: nothing to bound it by (CI compares with --base)
