"""The lock: a published URL never disappears, and a published text never changes silently."""
from __future__ import annotations

import json
import re
import os
import shutil
import subprocess
import sys
import unicodedata

import pytest

from conftest import DOCUMENT, INTERPRETATION, ROOT, Repo
from gongbao.content import integrity, lock, redirects
from gongbao.publish.render import redirect_pages
from gongbao.cli import main

DOC = "gazette/2018/06/xzbf-68.md"
JD = "interpretations/xzbf-68-jd.md"
URL = "doc/xzbf/2018/68/"
JD_URL = "doc/xzbf/2018/68/jiedu/xzbf-68-jd/"
CORRECTION = "corrections:\n  - {date: 2026-12-01, change: 第一段“加强统筹”更正为“统筹推进”, reason: 录入错误}\n"


def write_lock(repo: Repo) -> None:
    assert main(["lock", "--root", str(repo.path), "--write"]) == 0


@pytest.fixture
def locked(repo: Repo, capsys) -> Repo:
    write_lock(repo)
    capsys.readouterr()
    return repo


def lock_lines(repo: Repo) -> dict[str, int]:
    return lock.load(repo.path)[0].lines


def older(repo: Repo, data: dict, version: int) -> dict:
    """A lock's JSON as an older gongbao wrote it of this content: version 1 (file format and canonical
    text) or canonical text version 2 (no record)."""
    checked = repo.check()
    items = lock.pages(checked.archive.public(), checked.settings.issuer_codes)
    for url, entry in data["urls"].items():
        entry.pop("fields", None)
        entry.pop("recorded", None)  # not kept by the older formats
        entry.pop("note_sha256", None)
        entry.pop("language", None)
        if version == 1:
            del entry["canonical_version"], entry["correction_sha256"]
        else:
            entry["canonical_version"] = version
        if entry["sha256"] is not None:
            entry["sha256"] = integrity.sha256(items[url], version)
    data["version"] = min(version, 2)
    return data


# --- canonical text ------------------------------------------------------------------------------

RECORD = {"issuers": '["无锡市人民政府办公室"]', "type": "规范性文件", "written": "2018-06-05", "published": "2018-06-05",
          "effective": "", "expires": "", "disclosure": "主动公开", "index_number": "", "topics": "", "issue": "2018年第6期",
          "section": "市政府办公室文件", "based_on": "", "amends": "", "repeals": ""}


def test_the_canonical_text_is_title_number_record_and_body_lines(repo: Repo):
    doc = repo.check().archive.documents[0]
    assert integrity.canonical_text(doc) == (
        "关于印发示例办法的通知\n锡政办发〔2018〕68号\n"
        '制发机关：["无锡市人民政府办公室"]\n'
        "类型：规范性文件\n成文日期：2018-06-05\n发布日期：2018-06-05\n施行日期：\n有效期至：\n"
        "公开属性：主动公开\n索引号：\n主题分类：\n刊期：2018年第6期\n栏目：市政府办公室文件\n依据：\n修改：\n废止：\n"
        "\n一、总体要求\n（一）加强统筹。各地各部门要加强统筹。\n")
    assert integrity.canonical_text(doc, 2) == (
        "关于印发示例办法的通知\n锡政办发〔2018〕68号\n\n一、总体要求\n（一）加强统筹。各地各部门要加强统筹。\n")


@pytest.mark.parametrize("edit", [
    lambda t: t.replace("各部门要加强统筹。\n", "各部门要加强统筹。   \n\n\n"),  # trailing spaces, blank lines at the end
    lambda t: t.replace("\n", "\r\n"),                                           # Windows line ends
    lambda t: t.replace("doc_number: 锡政办发〔2018〕68号", "doc_number: 錫政辦發[2018]68號"),  # number variant
    lambda t: unicodedata.normalize("NFD", t),                                   # decomposed characters
])
def test_what_a_reader_cannot_see_does_not_change_the_hash(repo: Repo, edit):
    before = integrity.sha256(repo.check().archive.documents[0])
    path = repo.path / DOC
    path.write_bytes(edit(path.read_text(encoding="utf-8")).encode("utf-8"))
    assert integrity.sha256(repo.check().archive.documents[0]) == before


@pytest.mark.parametrize("old, new", [("加强统筹。各地", "加强统筹，各地"), ("title: 关于印发", "title: 关于印发修订")])
def test_a_changed_character_changes_the_hash(repo: Repo, old, new):
    before = integrity.sha256(repo.check().archive.documents[0])
    repo.replace(DOC, old, new)
    assert integrity.sha256(repo.check().archive.documents[0]) != before


# --- gongbao lock --------------------------------------------------------------------------------

def test_lock_shows_what_it_would_record_and_writes_only_when_told(repo: Repo, capsys):
    assert main(["lock", "--root", str(repo.path)]) == 0
    out = capsys.readouterr().out
    assert not (repo.path / lock.FILENAME).exists()
    sha = integrity.sha256(repo.check().archive.documents[0])
    assert out.splitlines()[0] == f"+ {URL}  新增  锡政办发〔2018〕68号  关于印发示例办法的通知  sha256 {sha[:12]}…"
    assert out.splitlines()[-4] == "+ gazette/2018/06/  新增  2018年第6期  政府公报 2018年第6期（总第389期）"
    assert out.splitlines()[-3] == ("+ catalog/issuer/wxszfbgs/  新增目录（无锡市人民政府办公室，订阅源 feeds/issuer/wxszfbgs.xml）"
                                    )  # test_lock_slugs.py
    assert out.splitlines()[-2] == "↑ 网站  记录名称“测试公报”、地址 https://example.gov.cn/"  # test_lock_site.py
    assert out.splitlines()[-1] == "以上 5 项尚未写入；确认无误后运行 gongbao lock --write"
    write_lock(repo)
    data = json.loads((repo.path / lock.FILENAME).read_text(encoding="utf-8"))
    assert data["urls"][URL] == {"kind": "document", "ref": "锡政办发〔2018〕68号", "title": "关于印发示例办法的通知",
                                 "first_published": "2018-06-05", "sha256": sha, "corrections": 0,
                                 "correction_sha256": [], "canonical_version": integrity.VERSION, "fields": RECORD,
                                 "recorded": "2026-12-01", "language": "zh-Hans"}
    assert data["version"] == 2
    assert data["urls"][JD_URL]["kind"] == "interpretation"
    assert main(["lock", "--root", str(repo.path)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == f"{lock.FILENAME} 已是最新，无需更新"


def test_the_lock_file_is_sorted_and_stable(locked: Repo):
    text = (locked.path / lock.FILENAME).read_text(encoding="utf-8")
    assert lock.load(locked.path)[0].dumps() == text
    assert list(json.loads(text)["urls"]) == sorted(json.loads(text)["urls"])


def test_lock_refuses_to_record_content_with_errors(locked: Repo, capsys):
    locked.replace(DOC, "加强统筹。", "加强统筹！")
    assert main(["lock", "--root", str(locked.path), "--write"]) == 1
    assert "内容有错误，未更新 gazette.lock.json" in capsys.readouterr().err


def test_an_unreadable_lock_is_an_error(repo: Repo):
    repo.write(lock.FILENAME, "{not json")
    (message,) = repo.messages()
    assert message.startswith("gazette.lock.json:1: gazette.lock.json 无法读取：")


def test_withheld_documents_never_enter_the_lock(repo: Repo):
    repo.write("gazette/2018/06/internal.md", """\
        ---
        title: 内部事务通知
        id: wx-internal-1
        issuer: 无锡市人民政府办公室
        type: 其他文件
        written: 2018-06-05
        published: 2018-06-05
        status: 执行中
        disclosure: 不予公开
        disclosure_reason: 内部事务
        section: 市政府办公室文件
        ---
        内部安排。
        """)
    write_lock(repo)
    assert list(json.loads((repo.path / lock.FILENAME).read_text(encoding="utf-8"))["urls"]) == [
        URL, JD_URL, "gazette/2018/06/"]


def test_the_sample_lock_records_every_published_url_and_nothing_withheld():
    from gongbao.publish.check import check

    checked = check(ROOT)
    locked, problems = lock.load(ROOT)
    assert problems == [] and checked.ok, [str(d) for d in checked.diagnostics]
    assert lock.changes(locked, lock.pages(checked.archive, checked.settings.issuer_codes)) == []
    withheld = [d for d in checked.archive.documents if not d.is_public]
    assert withheld, "the sample should include a withheld document"
    assert all(str(d.ref) not in {e.ref for e in locked.entries.values()} for d in withheld)


# --- what the build refuses ----------------------------------------------------------------------

def disappeared(url: str, line: int, ref: str, title: str) -> str:
    return (f"gazette.lock.json:{line}: 已发布的网址 {url}（{ref}《{title}》）在本次生成中消失 — 恢复该文件；"
            f"若文号或 id 改了，在新文件的 previous_urls 中加入 {url}；若依法撤回，在 withdrawn.yml 中加入 "
            f"- {{url: {url}, title: {title}, date: 年-月-日, reason: 撤回理由}}")


def test_removing_a_published_document_fails_naming_the_lock_entry(locked: Repo):
    (locked.path / DOC).unlink()
    (locked.path / JD).unlink()
    lines = lock_lines(locked)
    assert locked.messages() == [
        disappeared(URL, lines[URL], "锡政办发〔2018〕68号", "关于印发示例办法的通知"),
        disappeared(JD_URL, lines[JD_URL], "锡政办发〔2018〕68号", "《示例办法》解读"),
    ]


def test_removing_a_published_issue_fails_naming_the_lock_entry(locked: Repo):
    shutil.rmtree(locked.path / "gazette")
    (locked.path / JD).unlink()
    assert locked.messages()[-1] == disappeared("gazette/2018/06/", lock_lines(locked)["gazette/2018/06/"], "2018年第6期",
                                                "政府公报 2018年第6期（总第389期）")


@pytest.mark.parametrize("old, new, message", [
    ("section: 市政府办公室文件\n", "", f"{DOC}:1: 缺少必填项 section — 在 front matter 中加入 section: 市政府办公室文件"),
    ("published: 2018-06-05", "published: 2018年6月5日",
     f"{DOC}:7: published 的日期 “2018年6月5日” 格式不对 — 写成 published: 2018-06-05（年-月-日）"),
    ("section: 市政府办公室文件\n---\n", "section: 市政府办公室文件\n",  # unread: its number is taken from its line
     f"{DOC}:1: front matter 没有结束 — 在元数据之后加一行 ---"),
])
def test_a_published_document_with_errors_is_not_told_to_be_restored(locked: Repo, old, new, message):
    """Its file is there: its page (and its interpretations') is missing only because of its own errors, told at its
    file; "恢复该文件" would send the editor looking for a file that was never gone."""
    locked.replace(DOC, old, new)
    assert locked.messages() == [message]


def published_as(line: int, message: str) -> str:
    """A document's number error, with the number the lock (at ``line``) published it under."""
    return (f"{message} — 它发布时的文号是 锡政办发〔2018〕68号（gazette.lock.json 第 {line} 行）：写成 doc_number: 锡政办发〔2018〕68号；"
            f"确要改文号的，按 机关代字〔年份〕序号号 的格式填写，并在 previous_urls 中加入 {URL}")


UNREADABLE = "无法识别：应为 机关代字〔年份〕序号号（如 锡政办发〔2018〕68号）或 …令第N号（如 无锡市人民政府令第180号）"


@pytest.mark.parametrize("old, new, message", [
    ("锡政办发〔2018〕68号", "第41号", f"{DOC}:3: 文号“第41号”{UNREADABLE}"),
    ("〔2018〕68号", "〔2O18〕68号", f"{DOC}:3: 文号“锡政办发〔2O18〕68号”{UNREADABLE}"),  # a letter O
    ("〔2018〕68号", "〔2018〕\u200b68号",  # read without it for what depends on it: the same number
     f"{DOC}:3: 文号“锡政办发〔2018〕\\u200b68号”{UNREADABLE}"),
    ("doc_number: 锡政办发〔2018〕68号\n", "", f"{DOC}:1: 缺少必填项 doc_number"),
])
def test_a_published_document_whose_number_cannot_be_read_is_told_so_alone_with_its_locked_number(
        locked: Repo, old, new, message):
    """Its URL is made of its number: its page and its interpretation's were told gone (恢复该文件), and the
    interpretation told to name a document that is not there, beside the one mistake; the lock finds the number it was
    published under by its title and issue."""
    locked.replace(DOC, old, new)
    assert locked.messages() == [published_as(lock_lines(locked)[URL], message)]


def test_a_published_document_whose_front_matter_and_number_cannot_be_read_is_told_its_yaml_error_alone(locked: Repo):
    """Its number read from its line cannot be read either: its title on its line finds the number it was published
    under, as for a front matter read (the YAML error first: the number's is told once that is fixed)."""
    locked.replace(DOC, "锡政办发〔2018〕68号", "第41号")
    locked.replace(DOC, "issuer: ", "issuer：")
    assert locked.messages() == [
        f"{DOC}:4: front matter 不是合法的 YAML：key 后的冒号是全角冒号“：”，应为半角冒号加空格（key: 值） — "
        "检查冒号后是否有空格、引号是否成对、缩进是否一致；含冒号的值请加引号"]


def test_a_mistyped_issuer_code_of_a_published_document_is_told_with_its_locked_number(locked: Repo):
    locked.replace(DOC, "锡政办发〔2018〕68号", "锡政办法〔2018〕68号")
    assert locked.messages() == [
        f'{DOC}:3: 文号 锡政办法〔2018〕68号 的机关代字“锡政办法”没有网址代码（是否应为 锡政办发？） — 它发布时的文号是 锡政办发〔2018〕68号'
        f"（gazette.lock.json 第 {lock_lines(locked)[URL]} 行）：改回 锡政办发〔2018〕68号；确要改文号的，才在 gazette.yml 的 "
        f"issuer_codes 下加入 锡政办法: 代码（小写字母，如 xzbf），代码一经发布不得更改，并在 previous_urls 中加入 {URL}"]


def test_a_number_unread_stands_for_one_published_document_only(locked: Repo):
    """Found by its title and issue: another document of the same title in that issue leaves it unknown which, and
    the removal of a published page is not hidden by a guess."""
    text = (locked.path / DOC).read_text(encoding="utf-8")
    locked.write("gazette/2018/06/xzbf-69.md", text.replace("〔2018〕68号", "〔2018〕69号").replace("规范性文件", "其他文件"))
    write_lock(locked)
    locked.replace(DOC, "锡政办发〔2018〕68号", "第41号")
    assert any(m.startswith(f"gazette.lock.json:{lock_lines(locked)[URL]}: 已发布的网址 {URL}") for m in locked.messages())


@pytest.mark.parametrize("path, old, new, message", [
    (JD, "kind: 文字解读\n", "", f"{JD}:1: 缺少必填项 kind — 在 front matter 中加入 kind: 文字解读"),
    (JD, "kind: 文字解读\n", "kind：文字解读\n",
     f"{JD}:5: front matter 不是合法的 YAML：key 后的冒号是全角冒号“：”，应为半角冒号加空格（key: 值） — "
     "检查冒号后是否有空格、引号是否成对、缩进是否一致；含冒号的值请加引号"),
    ("gazette/2018/06/index.md", "total_number: 389\n", "",
     "gazette/2018/06/index.md:1: 缺少必填项 total_number — 写成 total_number: 389：这一期发布时是总第 389 期"
     "（gazette.lock.json 第 {issue} 行）"),
])
def test_a_published_issue_or_interpretation_with_errors_is_not_told_to_be_restored(locked: Repo, path, old, new, message):
    """An issue whose 总期号 is missing is told the one it was published with, not an example."""
    locked.replace(path, old, new)
    assert locked.messages() == [message.format(issue=lock_lines(locked)["gazette/2018/06/"])]


def test_an_interpretation_with_errors_hides_no_other_documents_removed_interpretation(locked: Repo):
    """An interpretation's URL ends in its slug, which interpretations of other documents may share: a file with errors
    stands for the one URL of the document it names, not for every URL ending the same."""
    text = (locked.path / JD).read_text(encoding="utf-8")
    locked.write("interpretations/other-jd.md", text.replace("锡政办发〔2018〕68号", "锡政办发〔2018〕99号")
                 .replace("kind: 文字解读\n", "slug: xzbf-68-jd\n"))
    (locked.path / JD).unlink()
    assert any(m.startswith(f"gazette.lock.json:{lock_lines(locked)[JD_URL]}: 已发布的网址 {JD_URL}")
               for m in locked.messages())


def test_a_published_document_saved_as_gbk_is_told_so_alone(locked: Repo):
    locked.write(DOC, (locked.path / DOC).read_text(encoding="utf-8").encode("gbk"))
    assert locked.messages() == [f"{DOC}:2: 文件不是 UTF-8 编码（可能是 GBK） — 用编辑器以 UTF-8 编码重新保存该文件"]


@pytest.mark.parametrize("old, new, message", [
    ("section: 市政府办公室文件", "section: 市政府辦公室文件",
     f'{DOC}:10: 栏目“市政府辦公室文件”不在 2018年第6期 的 sections 中（是否应为 市政府办公室文件？） — 改为 市政府规章、市政府办公室文件 之一，'
     "或在 gazette/2018/06/index.md 的 sections 中加入该栏目"),
    ("issuer: 无锡市人民政府办公室", "issuer: 無錫市人民政府辦公室",
     f'{DOC}:4: 制发机关“無錫市人民政府辦公室”不在 gazette.yml 的 issuers 中（是否应为 无锡市人民政府办公室？） — 改正机关名称，'
     "或在 gazette.yml 的 issuers 下加入 無錫市人民政府辦公室: 拼音缩写"),
])
def test_a_published_fact_changed_into_an_error_of_its_own_is_told_once(locked: Repo, old, new, message):
    """A section or issuer written in 繁体 (or mistyped) is told at its line as what it is: not also as a published
    fact changed without a 勘误, whose hint would have the typo recorded as a correction."""
    locked.replace(DOC, old, new)
    assert locked.messages() == [message]



@pytest.mark.parametrize("rel, old, new, record, message", [
    (DOC, "各地各部门要加强统筹。", "各地各部门要统筹推进。", "corrections:\n  - {date: 2026-12-32, change: 第一段更正, reason: 录入错误}\n",
     "corrections 第 1 条勘误的日期 2026-12-32 不存在"),
    (JD, "## 一、背景依据", "## 一、背景依据\n补充。", "勘误:\n  - {date: 2026年12月1日, change: 第一部分补充, reason: 遗漏}\n",
     "corrections 第 1 条勘误的日期 2026年12月1日 应写成 2026-12-01"),
])
def test_a_published_text_corrected_with_a_record_that_cannot_be_read_is_told_that_alone(locked: Repo, rel, old, new,
                                                                                          record, message):
    """The 勘误 is there, written wrong: its error is told, not also the change it records as one without a 勘误 (whose
    hint would have a second record added); read, it lets the change through, removed, the change is told again."""
    locked.replace(rel, old, new)
    locked.replace(rel, "\n---\n", f"\n{record}---\n")
    line = (locked.path / rel).read_text(encoding="utf-8").split("\n").index(record.split("\n")[0]) + 1
    assert [m.split(" — ")[0] for m in locked.messages()] == [f"{rel}:{line}: {message}"]
    locked.replace(rel, record, "")
    (told,) = locked.messages()
    assert told.startswith(f"{rel}:") and ": 已发布的文本（标题、文号或正文）被改动，但没有勘误记录" in told

@pytest.fixture
def filed(repo: Repo, capsys) -> Repo:
    """The locked repository, its document filed under a topic and with a 索引号 of the site's format."""
    repo.write("gazette.yml", (repo.path / "gazette.yml").read_text(encoding="utf-8") + "index_number_pattern: '\\d{9}/\\d{4}-\\d{5}'\n")
    repo.replace(DOC, "section: 市政府办公室文件\n", "section: 市政府办公室文件\ntopics: [综合政务]\nindex_number: 014000000/2018-00180\n")
    write_lock(repo)
    capsys.readouterr()
    return repo


@pytest.mark.parametrize("old, new, message", [
    ("topics: [综合政务]", "topics: [综合证务]",
     f'{DOC}:11: 主题分类“综合证务”不在分类表中（是否应为 综合政务？） — 改为分类表中的类目（如 综合政务），或在 gazette.yml 的 topics 下加入该类目'),
    ("topics: [综合政务]", "topics: [综合政务, 綜合證務]",  # a second, in 繁体 and mistyped
     f'{DOC}:11: 主题分类“綜合證務”不在分类表中（是否应为 综合政务？） — 改为分类表中的类目（如 综合政务），或在 gazette.yml 的 topics 下加入该类目'),
    ("2018-00180", "2018-0018O",  # a letter O
     f'{DOC}:12: 索引号“014000000/2018-0018O”不符合本站格式 \\d{{9}}/\\d{{4}}-\\d{{5}} — 按 gazette.yml 的 index_number_pattern 填写，或删去 index_number'),
])
def test_a_published_topic_or_index_number_changed_into_an_error_of_its_own_is_told_once(filed: Repo, old, new, message):
    """As a section or issuer: the topic rule (rules/topics.py) or the 索引号's (rules/index_numbers.py) tells the typo,
    and the lock rule does not tell it a published fact changed without a 勘误 too (rules/lock.py TELLING)."""
    filed.replace(DOC, old, new)
    assert filed.messages() == [message]


def test_a_published_topic_written_in_the_other_script_is_told_changed(filed: Repo):
    """綜合政務 is the class 综合政务 (no topic error), but the page shows the topic as written: the published record
    changed, and that is told."""
    filed.replace(DOC, "topics: [综合政务]", "topics: [綜合政務]")
    assert [m.split(" — ")[0] for m in filed.messages()] == [
        f'{DOC}:11: 已发布的主题分类被改动，但没有勘误记录：gazette.lock.json 第 {lock_lines(filed)[URL]} 行的 {URL} 锁定为“["综合政务"]”，'
        '现为“["綜合政務"]”']


def test_a_published_fact_changed_to_another_valid_one_is_still_told(locked: Repo):
    locked.replace(DOC, "section: 市政府办公室文件", "section: 市政府规章")
    assert [m.split(" — ")[0] for m in locked.messages()] == [
        f"{DOC}:10: 已发布的栏目被改动，但没有勘误记录：gazette.lock.json 第 {lock_lines(locked)[URL]} 行的 {URL} 锁定为“市政府办公室文件”，"
        "现为“市政府规章”"]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])  # Notepad's "Unicode"; without its mark
def test_a_published_document_saved_as_utf16_is_told_so_alone(locked: Repo, encoding):
    """Its number's line read as UTF-16, so its page and interpretation are not told gone too; without the byte-order
    mark, it is not told to be GBK either."""
    locked.write(DOC, (locked.path / DOC).read_text(encoding="utf-8").encode(encoding))
    assert locked.messages() == [f"{DOC}:1: 文件是 UTF-16 编码，不是 UTF-8 — 用编辑器以 UTF-8 编码重新保存该文件"]


ISSUE = "gazette/2018/06/index.md"


@pytest.mark.parametrize("old, new, message", [
    ("total_number: 389", "total_number: 398",
     f"{ISSUE}:4: 已发布的一期公报的总期号被改动：gazette.lock.json 第 {{line}} 行的 gazette/2018/06/ 锁定为“总第389期”，现为“总第398期”"),
    ("published: 2018-06-30", "published: 2018-07-03",
     f"{ISSUE}:5: 已发布的一期公报的出版日期被改动：gazette.lock.json 第 {{line}} 行的 gazette/2018/06/ 锁定为“2018-06-30”，现为“2018-07-03”"),
])
def test_a_published_issues_total_number_and_date_never_change(locked: Repo, old, new, message):
    """Every document page's citation names its issue's 总期号 (载《…》2018年第6期（总第389期）) and the issue page its
    date: the lock keeps both (the entry's title and first publication date), and a change is named at its line."""
    locked.replace(ISSUE, old, new)
    line = lock_lines(locked)["gazette/2018/06/"]
    (found,) = locked.messages()
    assert found.startswith(message.format(line=line) + " — "), found
    assert f"恢复为“{old.split(': ')[1] if 'published' in old else '389'}”" in found


# An issue's note (the body of its index.md, shown above the contents on its page and its print edition): an issue has
# no 勘误, so once printed its note never changes; an erratum goes in a later issue.
NOTE = "本期刊登《示例办法》及其解读。"
ISSUE_URL = "gazette/2018/06/"
NOTE_FIX = "：一期公报出版后不再改动，更正写在以后一期公报的说明或一份文件中"


def with_note(repo: Repo, note: str) -> None:
    """``note`` as the issue's body (line 8 of its index.md), the file's front matter as it is."""
    text = (repo.path / ISSUE).read_text(encoding="utf-8")
    repo.write(ISSUE, text[:text.index("\n---\n", 4) + 5] + note)


def note_changed(repo: Repo, line: int, what: str, locked: str, now: str, fix: str) -> str:
    where = f"gazette.lock.json 第 {lock_lines(repo)[ISSUE_URL]} 行的 {ISSUE_URL}"
    return (f"{ISSUE}:{line}: 已发布的一期公报{what}：与 {where} 锁定的说明 SHA-256 {integrity.note_sha256(locked)[:12]}… "
            f"不符（现为 {integrity.note_sha256(now)[:12]}…） — {fix}{NOTE_FIX}")


RESTORE_NOTE = f"恢复发布时的说明（git log -p {ISSUE} 可见原文）"


@pytest.mark.parametrize("was, now, line, what, fix", [
    (NOTE, "本期刊登《示例办法》。", 8, "的说明被改动", RESTORE_NOTE),
    (NOTE, "\n\n本期刊登《示例办法》。\n", 10, "的说明被改动", RESTORE_NOTE),  # named at the line the note starts
    (NOTE, "本期刊登《示例辦法》及其解讀。", 8, "的说明被改动", RESTORE_NOTE),  # Traditional script: other characters shown
    ("本期刊登《示例辦法》及其解讀。", NOTE, 8, "的说明被改动", RESTORE_NOTE),
    (NOTE, "", 8, "的说明被删除", RESTORE_NOTE),
    (NOTE, "\n\n", 8, "的说明被删除", RESTORE_NOTE),
    ("", NOTE, 8, "原本没有说明，现在加入了说明", "删去加入的说明"),
], ids=["changed", "changed, after blank lines", "made Traditional", "made Simplified", "removed", "blank lines left",
        "added"])
def test_a_published_issues_note_never_changes(repo: Repo, capsys, was, now, line, what, fix):
    with_note(repo, was)
    write_lock(repo)
    assert repo.messages() == []
    with_note(repo, now)
    assert repo.messages() == [note_changed(repo, line, what, was.strip(), now.strip(), fix)]


@pytest.mark.parametrize("now", [
    NOTE + "   \n\n\n",                                        # trailing spaces and blank lines: the page strips them
    "\n\n" + NOTE,                                             # blank lines before it
    unicodedata.normalize("NFD", NOTE.replace("及其", "及 Café ")),  # decomposed: read as NFC
], ids=["trailing blanks", "leading blank lines", "decomposed"])
def test_a_note_the_page_shows_the_same_is_no_change(repo: Repo, capsys, now):
    with_note(repo, unicodedata.normalize("NFC", now).strip())
    write_lock(repo)
    with_note(repo, now)
    assert repo.messages() == []
    with_note(repo, now.replace("本期", "本期另"))  # while a character shown is a change
    assert len(repo.messages()) == 1


def test_a_compatibility_ideograph_in_a_note_is_read_as_the_one_it_stands_for(repo: Repo, capsys):
    with_note(repo, "本期\u6b04目调整。")  # 欄, Traditional
    write_lock(repo)
    with_note(repo, "本期\uf91d目调整。")  # its compatibility form: NFC makes it the same character
    assert repo.messages() == []
    with_note(repo, "本期栏目调整。")  # Simplified: another character shown
    assert len(repo.messages()) == 1


def test_an_issue_entry_records_its_note_as_published(repo: Repo, capsys):
    """The lock is published: the hash is of the note as the page shows it, the withheld passage replaced, so the
    withheld text is never hashed, and changing it is no change of what was published."""
    with_note(repo, "本期刊登《示例办法》。【不予公开】内部审议意见【/不予公开】\n")
    write_lock(repo)
    entry = json.loads((repo.path / lock.FILENAME).read_text(encoding="utf-8"))["urls"][ISSUE_URL]
    assert entry == {"kind": "issue", "ref": "2018年第6期", "title": "政府公报 2018年第6期（总第389期）",
                     "first_published": "2018-06-30", "sha256": None, "corrections": 0, "correction_sha256": [],
                     "canonical_version": integrity.VERSION, "recorded": "2026-12-01",
                     "note_sha256": integrity.note_sha256("本期刊登《示例办法》。（此处依法不予公开）")}
    repo.replace(ISSUE, "内部审议意见", "另一份内部意见")
    assert repo.messages() == []
    repo.replace(ISSUE, "本期刊登", "本期另刊登")
    assert repo.messages() == [note_changed(repo, 8, "的说明被改动", "本期刊登《示例办法》。（此处依法不予公开）",
                                            "本期另刊登《示例办法》。（此处依法不予公开）", RESTORE_NOTE)]


def test_an_older_lock_without_note_hashes_stays_valid_and_lock_write_adds_them(repo: Repo, capsys):
    """A lock written before notes were locked: nothing tells what note was printed, so the note is locked from the first
    gongbao lock --write that records it, as it is then, and nothing else of the entry changes."""
    with_note(repo, NOTE)
    write_lock(repo)
    data = json.loads((repo.path / lock.FILENAME).read_text(encoding="utf-8"))
    entry = data["urls"][ISSUE_URL]
    del entry["note_sha256"]
    entry["canonical_version"] = 2  # as older releases wrote an issue's entry
    repo.write(lock.FILENAME, json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
    with_note(repo, "本期刊登《示例办法》。")
    assert repo.messages() == []
    assert main(["check", "--root", str(repo.path), "--locked"]) == 0  # only the entry's format is new: no publication
    capsys.readouterr()
    assert main(["lock", "--root", str(repo.path)]) == 0
    sha = integrity.note_sha256("本期刊登《示例办法》。")
    assert capsys.readouterr().out.splitlines()[0] == f"↑ {ISSUE_URL}  记录本期说明  note_sha256 {sha[:12]}…"
    write_lock(repo)
    assert json.loads((repo.path / lock.FILENAME).read_text(encoding="utf-8"))["urls"][ISSUE_URL] == {
        **entry, "note_sha256": sha}
    with_note(repo, NOTE)
    assert repo.messages() == [note_changed(repo, 8, "的说明被改动", "本期刊登《示例办法》。", NOTE, RESTORE_NOTE)]


def _published_copy(repo: Repo, tmp_path, edit=lambda urls: None) -> lock.Lock:
    """The committed lock as the last published site carries it (site/gazette.lock.json), ``edit`` made to its URLs."""
    data = json.loads((repo.path / lock.FILENAME).read_text(encoding="utf-8"))
    edit(data["urls"])
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / lock.FILENAME).write_text(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n",
                                                   encoding="utf-8")
    return lock.read(tmp_path / "site" / lock.FILENAME, "site/gazette.lock.json")[0]


def _without_note_hash(repo: Repo, note: str | None = None) -> None:
    """The committed lock edited by hand: the issue's note hash removed, or made that of ``note``."""
    data = json.loads((repo.path / lock.FILENAME).read_text(encoding="utf-8"))
    entry = data["urls"][ISSUE_URL]
    del entry["note_sha256"]
    if note is not None:
        entry["note_sha256"] = integrity.note_sha256(note)
    repo.write(lock.FILENAME, json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n")


@pytest.mark.parametrize("rewritten", [None, "本期刊登《示例办法》。"], ids=["removed", "made the new note's"])
def test_a_note_hash_the_published_lock_holds_cannot_be_removed_by_hand(repo: Repo, capsys, tmp_path, rewritten):
    from gongbao.publish.check import check
    with_note(repo, NOTE)
    write_lock(repo)
    published = _published_copy(repo, tmp_path)
    _without_note_hash(repo, rewritten)
    with_note(repo, "本期刊登《示例办法》。")  # the committed lock no longer holds the note published: that lock does
    found = [str(d) for d in check(repo.path, today=repo.check().today, published=(published, [])).diagnostics]
    changed = (f"{ISSUE}:8: 已发布的一期公报的说明被改动：与 site/gazette.lock.json 第 {published.line(ISSUE_URL)} 行的 "
               f"{ISSUE_URL} 锁定的说明 SHA-256 {integrity.note_sha256(NOTE)[:12]}… 不符（现为 "
               f"{integrity.note_sha256('本期刊登《示例办法》。')[:12]}…） — {RESTORE_NOTE}{NOTE_FIX}")
    line = lock.load(repo.path)[0].line(ISSUE_URL, "note_sha256")  # the key's, or the entry's when removed
    weakened = (f"gazette.lock.json:{line}: gazette.lock.json 中 {ISSUE_URL} 的条目被改弱："
                f"本期说明的哈希被删除或改写（与上次发布的 site/gazette.lock.json 第 {published.line(ISSUE_URL)} 行相比） — "
                "锁定文件只能由 gongbao lock --write 增补，不能删改：用 git 恢复被改动的条目")
    assert sorted(found) == sorted([changed, weakened])


def test_a_new_issue_entry_without_its_note_hash_was_not_written_by_lock_write(repo: Repo, capsys, tmp_path):
    from gongbao.publish.check import check
    write_lock(repo)
    published = _published_copy(repo, tmp_path, lambda urls: urls.pop(ISSUE_URL))
    _without_note_hash(repo)
    found = [str(d) for d in check(repo.path, today=repo.check().today, published=(published, [])).diagnostics]
    assert found == [f"gazette.lock.json:{lock_lines(repo)[ISSUE_URL]}: gazette.lock.json 中新增的条目 {ISSUE_URL} 不是 "
                     "gongbao lock --write 写的：没有 note_sha256（上次发布的 site/gazette.lock.json 没有它） — "
                     "删去这个条目，运行 gongbao lock --write 重新记录它"]


def test_withholding_a_published_document_counts_as_removing_it(locked: Repo):
    locked.replace(DOC, "disclosure: 主动公开", "disclosure: 依申请公开\ndisclosure_reason: 涉及商业秘密")
    assert disappeared(URL, lock_lines(locked)[URL], "锡政办发〔2018〕68号", "关于印发示例办法的通知") in locked.messages()


def test_changing_the_number_fails_naming_the_lock_entry(locked: Repo):
    locked.replace(DOC, "〔2018〕68号", "〔2018〕86号")
    locked.replace(JD, "〔2018〕68号", "〔2018〕86号")
    lines = lock_lines(locked)
    assert locked.messages() == [
        disappeared(URL, lines[URL], "锡政办发〔2018〕68号", "关于印发示例办法的通知"),
        disappeared(JD_URL, lines[JD_URL], "锡政办发〔2018〕68号", "《示例办法》解读"),
    ]


def test_a_published_interpretations_number_mistyped_is_told_once_as_not_found(locked: Repo):
    """86号 for 68号, which no document has: its URL under 68号 is not told gone (fixed, it is there again), nor 68号
    told without an interpretation: the not-found error, suggesting 68号, is the one mistake."""
    locked.replace(JD, "interprets: 锡政办发〔2018〕68号", "interprets: 锡政办发〔2018〕86号")
    assert locked.messages() == [
        f"{JD}:3: interprets: 锡政办发〔2018〕86号 在公报中找不到对应文件（是否应为 锡政办发〔2018〕68号？） — "
        "核对文号，或先把原文件加入某期公报"]


def test_a_published_interpretation_moved_to_another_document_is_told(locked: Repo):
    """86号 is another document: the interpretation moved from under 68号, and its published URL is gone."""
    locked.replace(JD, "interprets: 锡政办发〔2018〕68号", "interprets: 锡政办发〔2018〕86号")
    locked.write("gazette/2018/06/xzbf-86.md", DOCUMENT.replace("68号", "86号"))
    assert [m.split(" — ")[0] for m in locked.messages()] == [
        disappeared(JD_URL, lock_lines(locked)[JD_URL], "锡政办发〔2018〕68号", "《示例办法》解读").split(" — ")[0],
        f"{DOC}:5: 规范性文件 锡政办发〔2018〕68号 没有政策解读"]


def test_a_changed_number_with_its_previous_url_redirects_and_passes(locked: Repo):
    locked.replace(DOC, "doc_number: 锡政办发〔2018〕68号", "doc_number: 锡政办发〔2018〕86号\nprevious_urls: [doc/xzbf/2018/68/]")
    locked.replace(JD, "〔2018〕68号", "〔2018〕86号")
    locked.replace(DOC, "status: 执行中", f"status: 执行中\n{CORRECTION}")  # the number is part of the text
    locked.replace(JD, "kind: 文字解读", "kind: 文字解读\ncorrections: [{date: 2026-12-01, change: 文号更正, reason: 录入错误}]")
    checked = locked.check()
    assert checked.ok, [str(d) for d in checked.diagnostics]
    planned, _ = redirects.plan(checked.archive, checked.settings.issuer_codes)
    assert planned[URL].target == "doc/xzbf/2018/86/"
    assert planned[JD_URL].target == "doc/xzbf/2018/86/jiedu/xzbf-68-jd/"


def test_renaming_the_file_keeps_the_url_and_passes(locked: Repo):
    (locked.path / DOC).rename(locked.path / "gazette/2018/06/示例办法（已改名）.md")
    assert locked.messages() == []
    assert lock.changes(lock.load(locked.path)[0], lock.pages(locked.check().archive, {"锡政办发": "xzbf"})) == []


def test_editing_the_text_without_a_correction_fails_naming_the_document_and_the_lock_entry(locked: Repo):
    old = lock.load(locked.path)[0].entries[URL].sha256
    locked.replace(DOC, "加强统筹。各地", "加强统筹，各地")
    new = integrity.sha256(locked.check().archive.documents[0])
    assert locked.messages() == [
        f"{DOC}:12: 已发布的文本（标题、文号或正文）被改动，但没有勘误记录：与 gazette.lock.json 第 "
        f"{lock_lines(locked)[URL]} 行的 {URL} 的 SHA-256 {old[:12]}… 不符（现为 {new[:12]}…） — "
        "若是更正，在 corrections 中加入 - {date: 年-月-日, change: 改了什么, reason: 为什么}，"
        "再运行 gongbao lock --write；否则恢复原文（gongbao status 列出改动的各行）"]


def test_a_hash_edited_at_its_end_is_shown_as_far_as_it_differs(locked: Repo):
    """Twelve characters of each showed two equal hashes as "不符"."""
    data = json.loads((locked.path / lock.FILENAME).read_text(encoding="utf-8"))
    old = data["urls"][URL]["sha256"]
    data["urls"][URL]["sha256"] = new = old[:-1] + ("0" if old[-1] != "0" else "1")
    (locked.path / lock.FILENAME).write_text(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n",
                                             encoding="utf-8")
    (message,) = locked.messages()
    assert f"的 SHA-256 {new}… 不符（现为 {old}…）" in message


def test_editing_an_interpretation_without_a_correction_fails_too(locked: Repo):
    locked.replace(JD, "## 九、新旧政策差异", "## 九、新旧政策差异\n无。")
    (message,) = locked.messages()
    assert message.startswith(f"{JD}:7: 已发布的文本（标题、文号或正文）被改动，但没有勘误记录：与 gazette.lock.json")
    assert JD_URL in message


def test_a_recorded_correction_lets_the_text_change_and_lock_records_it(locked: Repo, capsys):
    old = lock.load(locked.path)[0].entries[URL]
    locked.replace(DOC, "加强统筹。各地", "统筹推进。各地")
    locked.replace(DOC, "status: 执行中", f"status: 执行中\n{CORRECTION}")
    assert locked.messages() == []
    doc = locked.check().archive.documents[0]
    assert doc.corrections[0].change == "第一段“加强统筹”更正为“统筹推进”"
    assert main(["lock", "--root", str(locked.path)]) == 0
    assert capsys.readouterr().out.splitlines()[0] == (
        f"~ {URL}  勘误 +1  sha256 {old.sha256[:12]}… → {integrity.sha256(doc)[:12]}…")
    write_lock(locked)
    new = lock.load(locked.path)[0].entries[URL]
    assert (new.sha256, new.corrections, new.first_published) == (integrity.sha256(doc), 1, old.first_published)
    # the correction is history now: removing it is an error
    locked.replace(DOC, CORRECTION, "")
    assert locked.messages() == [
        f"{DOC}:1: 勘误记录被删除：gazette.lock.json 第 {lock_lines(locked)[URL]} 行的 {URL} 记有 1 条，现只有 0 条 — "
        "勘误是公开记录，只能增加不能删除：恢复删去的勘误"]


def test_a_locked_correction_written_wrong_is_told_as_such_not_as_deleted(locked: Repo):
    locked.replace(DOC, "加强统筹。各地", "统筹推进。各地")
    locked.replace(DOC, "status: 执行中", f"status: 执行中\n{CORRECTION}")
    write_lock(locked)
    locked.replace(DOC, "date: 2026-12-01", "date: 2026年12月1日")
    assert locked.messages() == [
        f"{DOC}:9: corrections 第 1 条勘误的日期 2026年12月1日 应写成 2026-12-01 — 每条勘误含 date（年-月-日）、change（改了什么）、"
        "reason（为什么），不含其他键：\n  - {date: 2018-07-02, change: 第三条“十五日”更正为“十日”, reason: 排版错误}"]


@pytest.mark.parametrize("value, wrong", [
    ("[{date: 2018-07-02, change: 改了}]", "缺少 reason（为什么）"),
    ("[{change: 改了, reason: ''}]", "缺少 date（年-月-日）、reason（为什么）"),
    ("[{date: 2018-02-30, change: a, reason: b}]", "的日期 2018-02-30 不存在"),
    ("[{date: 2018年7月2日, change: a, reason: b}]", "的日期 2018年7月2日 应写成 2018-07-02"),
    ("[{date: 7月2日, change: a, reason: b}]", "的日期 7月2日 应写成 年-月-日"),
    ("[{date: 2018-07-02, change: a, reason: b, by: c}]", "有多余的键 by"),
    ("改过了", "应为 {date, change, reason}，而不是一段文字"),
])
def test_an_incomplete_correction_says_what_it_lacks(repo: Repo, value, wrong):
    repo.replace(DOC, "status: 执行中", f"status: 执行中\ncorrections: {value}")
    assert repo.messages() == [
        f"{DOC}:9: corrections 第 1 条勘误{wrong} — 每条勘误含 date（年-月-日）、change（改了什么）、reason（为什么），不含其他键："
        "\n  - {date: 2018-07-02, change: 第三条“十五日”更正为“十日”, reason: 排版错误}"]


def test_a_withdrawal_record_keeps_the_url_with_a_notice(locked: Repo):
    (locked.path / DOC).unlink()
    (locked.path / JD).unlink()
    locked.write("withdrawn.yml", f"""\
        - url: {URL}
          title: 关于印发示例办法的通知
          date: 2026-12-01
          reason: 所依据的上位政策已调整。
        - url: /{JD_URL}
          title: 《示例办法》解读
          date: 2026-12-01
          reason: 原文件已撤回。
        """)
    checked = locked.check()
    assert checked.ok, [str(d) for d in checked.diagnostics]
    notice = redirect_pages.files(checked.archive.public(), checked.settings)[f"{URL}index.md"]
    assert "本文件已于2026年12月1日撤回。撤回理由：所依据的上位政策已调整。" in notice


@pytest.mark.parametrize("title, date, message", [
    ("关于印发另一办法的通知", "2026-12-01",
     "withdrawn.yml:1: 撤回记录的标题“关于印发另一办法的通知”不是 gazette.lock.json 第 {line} 行的 doc/xzbf/2018/68/ "
     "发布时的标题“关于印发示例办法的通知” — 写成 title: 关于印发示例办法的通知（可在其后加文号："
     "关于印发示例办法的通知（锡政办发〔2018〕68号））"),
    ("关于印发示例办法的通知", "2018-06-04",
     "withdrawn.yml:1: 撤回日期 2018-06-04 早于 gazette.lock.json 第 {line} 行的 doc/xzbf/2018/68/ 的首次发布日期 "
     "2018-06-05 — 写实际撤回的日期：撤回只能在发布之后"),
    ("关于印发示例办法的通知", "2026-12-02",
     "withdrawn.yml:1: 撤回日期 2026-12-02 在今天（2026-12-01）之后 — 写实际撤回的日期，不能预先填写"),
])
def test_a_withdrawal_notice_names_the_published_title_and_a_date_after_publication(locked: Repo, title, date, message):
    """The notice at a withdrawn URL says which document was withdrawn and when: not another title (the notice
    then named a document never published there), nor a day before it was published or still to come."""
    (locked.path / DOC).unlink()
    (locked.path / JD).unlink()
    locked.write("withdrawn.yml", f"- {{url: {URL}, title: {title}, date: {date}, reason: 撤回}}\n"
                                  f"- {{url: {JD_URL}, title: 《示例办法》解读, date: 2026-12-01, reason: 撤回}}\n")
    assert locked.messages() == [message.format(line=lock_lines(locked)[URL])]


@pytest.mark.parametrize("date", ["2019-03-01", "2026-11-30"])
def test_a_withdrawal_is_not_dated_before_the_lock_recorded_the_text(locked: Repo, date):
    """The lock recorded the text on 2026-12-01 (gongbao lock --write, with the page there): a notice dated before it
    would tell readers, and courts, that the text recorded then was no longer in force."""
    (locked.path / DOC).unlink()
    (locked.path / JD).unlink()
    locked.write("withdrawn.yml", f"- {{url: {URL}, title: 关于印发示例办法的通知, date: {date}, reason: 撤回}}\n"
                                  f"- {{url: {JD_URL}, title: 《示例办法》解读, date: 2026-12-01, reason: 撤回}}\n")
    assert locked.messages() == [
        f"withdrawn.yml:1: 撤回日期 {date} 早于 gazette.lock.json 第 {lock_lines(locked)[URL]} 行的 {URL} 记录原文的日期 "
        "2026-12-01：那天它仍在发布 — 写实际撤回的日期：不早于锁定文件记录原文的那天"]


def test_a_withdrawal_notice_may_add_the_number_to_the_title(locked: Repo):
    (locked.path / DOC).unlink()
    (locked.path / JD).unlink()
    locked.write("withdrawn.yml", f"- {{url: {URL}, title: 关于印发示例办法的通知（锡政办发〔2018〕68号）, date: 2026-12-01, reason: 撤回}}\n"
                                  f"- {{url: {JD_URL}, title: 《示例办法》解读, date: 2026-12-01, reason: 撤回}}\n")
    assert locked.messages() == []


WITHDRAWALS = (f"- {{url: {URL}, title: 关于印发示例办法的通知, date: 2026-12-01, reason: 所依据的上位政策已调整。}}\n"
               f"- {{url: {JD_URL}, title: 《示例办法》解读, date: 2026-12-01, reason: 原文件已撤回。}}\n")


@pytest.fixture
def withdrawn(locked: Repo, capsys) -> Repo:
    """A published document and its interpretation withdrawn, and the withdrawal notices locked."""
    (locked.path / DOC).unlink()
    (locked.path / JD).unlink()
    locked.write("withdrawn.yml", WITHDRAWALS)
    assert main(["lock", "--root", str(locked.path)]) == 0
    assert f"↑ {URL}  记录撤回公告（2026-12-01）" in capsys.readouterr().out
    write_lock(locked)
    assert lock.load(locked.path)[0].entries[URL].withdrawal_sha256
    return locked


@pytest.mark.parametrize("old, new", [("date: 2026-12-01, reason: 所依据", "date: 2026-11-30, reason: 所依据"),
                                      ("所依据的上位政策已调整。", "经查，该文件内容违法。")])
def test_a_locked_withdrawal_notice_is_never_rewritten(withdrawn: Repo, old, new):
    """The notice at a withdrawn URL is a public record as a 勘误 is: its date and reason were free to change."""
    withdrawn.replace("withdrawn.yml", old, new)
    assert [m.split(" — ")[0] for m in withdrawn.messages() if "撤回公告（现为" in m] == [
        f"withdrawn.yml:1: 撤回公告（现为 {'2026-11-30' if '11-30' in new else '2026-12-01'}："
        f"{'经查，该文件内容违法。' if '违法' in new else '所依据的上位政策已调整。'}）与 gazette.lock.json 第 "
        f"{lock_lines(withdrawn)[URL]} 行的 {URL} 锁定的撤回公告不同"]


def test_a_hand_edit_of_a_locked_withdrawal_weakens_the_lock(withdrawn: Repo):
    from gongbao.publish.check import check
    published = lock.load(withdrawn.path)[0]
    data = json.loads((withdrawn.path / lock.FILENAME).read_text(encoding="utf-8"))
    del data["urls"][URL]["withdrawal_sha256"]
    (withdrawn.path / lock.FILENAME).write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    withdrawn.replace("withdrawn.yml", "所依据的上位政策已调整。", "经查，该文件内容违法。")
    found = [str(d) for d in check(withdrawn.path, today=withdrawn.check().today, published=(published, [])).diagnostics]
    assert any("的条目被改弱：撤回公告的哈希被删除或改写" in f for f in found), found
    assert any("锁定的撤回公告不同" in f for f in found), found


@pytest.mark.parametrize("value", [None, "abc", 1])
def test_a_malformed_withdrawal_hash_is_an_error(withdrawn: Repo, value):
    data = json.loads((withdrawn.path / lock.FILENAME).read_text(encoding="utf-8"))
    data["urls"][URL]["withdrawal_sha256"] = value
    (withdrawn.path / lock.FILENAME).write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    assert any("withdrawal_sha256 应为 64 位小写十六进制" in m for m in withdrawn.messages())


def test_a_withdrawal_record_needs_every_field(locked: Repo):
    locked.write("withdrawn.yml", "- url: doc/xzbf/2018/68/\n  date: 2026-12-01\n")
    assert "withdrawn.yml:1: 撤回记录缺少 title、reason — 每条撤回记录含 url、title、date（年-月-日）、reason，不含其他键" in locked.messages()[0]


def test_a_withdrawn_url_that_is_still_published_is_an_error(locked: Repo):
    locked.write("withdrawn.yml", f"- {{url: {URL}, title: 示例, date: 2026-12-01, reason: 撤回}}\n")
    assert locked.messages() == [
        f"withdrawn.yml:1: 撤回记录的网址 {URL} 仍是 {DOC} 的网址 — 撤回的文件应从公报中删除；若未撤回，删去这条撤回记录"]


def test_the_build_lists_a_document_the_lock_does_not_record(site_repo: Repo, tmp_path):
    data = json.loads((ROOT / lock.FILENAME).read_text(encoding="utf-8"))
    del data["urls"]["doc/wxzfl/180/"]
    site_repo.write(lock.FILENAME, json.dumps(data, ensure_ascii=False))
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "out")],
                            cwd=site_repo.path, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr
    assert "锁定文件尚未记录：+ doc/wxzfl/180/  新增  无锡市人民政府令第180号  无锡市人民政府公报管理办法" in result.stderr
    assert (tmp_path / "out/doc/wxzfl/180/index.html").exists()
    assert "doc/wxzfl/180/" not in json.loads((site_repo.path / lock.FILENAME).read_text(encoding="utf-8"))["urls"]


def test_plain_mkdocs_builds_with_its_settings_named_by_a_relative_path(site_repo: Repo, tmp_path):
    """mkdocs build -f <folder>/mkdocs.yml from the folder above: the hook took the repository's folder as given, relative,
    and ended in a traceback (ValueError: not in the subpath) comparing it with MkDocs' absolute docs_dir."""
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", f"{site_repo.path.name}/mkdocs.yml",
                             "-d", str(tmp_path / "out")], cwd=site_repo.path.parent, capture_output=True, text=True,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and (tmp_path / "out/doc/wxzfl/180/index.html").exists()


def test_the_build_fails_like_the_check(site_repo: Repo, tmp_path):
    shutil.copy(ROOT / lock.FILENAME, site_repo.path / lock.FILENAME)
    site_repo.replace("gazette/2018/06/wxzfl-180.md", "第三条　政府公报刊登", "第三条　政府公报所刊登")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "out")],
                            cwd=site_repo.path, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode != 0
    assert "gazette/2018/06/wxzfl-180.md:18: 已发布的文本（标题、文号或正文）被改动，但没有勘误记录" in result.stderr
    assert "doc/wxzfl/180/ 的 SHA-256" in result.stderr


def _paragraph(html: str, anchor: str) -> str:
    match = re.search(rf'<p id="{anchor}">(.*?)</p>', html, re.S)
    assert match, anchor
    return re.sub(r"<[^>]+>", "", match.group(1))


def test_end_to_end_a_corrected_insertion_keeps_the_article_anchors_and_lists_the_correction(site_repo: Repo, tmp_path,
                                                                                            built_site):
    """Insert a paragraph above 第三条 (with its 勘误) and rename the file: 第三条 is still #art-3 at the same URL."""
    from gongbao.publish.build import build

    shutil.copy(ROOT / lock.FILENAME, site_repo.path / lock.FILENAME)
    rule = "gazette/2018/06/wxzfl-180.md"
    site_repo.replace(rule, "第三条　政府公报刊登", "本条所称电子版，是指在政府门户网站发布的政府公报。\n\n第三条　政府公报刊登")
    site_repo.replace(rule, "status: 执行中", "status: 执行中\ncorrections:\n"
                      "  - {date: 2018-07-10, change: 第二条后补入漏排的一段, reason: 排版遗漏}")
    (site_repo.path / rule).rename(site_repo.path / "gazette/2018/06/公报管理办法.md")
    assert [m for m in site_repo.messages() if "[警告]" not in m] == []  # the sample's pinned day warns
    build(site_repo.path, tmp_path / "site", search_index=False, quiet=True)
    before = (built_site / "doc/wxzfl/180/index.html").read_text(encoding="utf-8")
    after = (tmp_path / "site/doc/wxzfl/180/index.html").read_text(encoding="utf-8")
    for anchor in ("art-2", "art-3", "art-4", "art-6-2", "chap-2"):
        assert (f'id="{anchor}"' in before) and (f'id="{anchor}"' in after), anchor
    assert _paragraph(after, "art-3") == _paragraph(before, "art-3")
    assert _paragraph(after, "art-3").startswith("第三条　政府公报刊登")
    assert "本条所称电子版" in after and "本条所称电子版" not in before
    section = re.search(r'<section[^>]*class="gb-corrections".*?</section>', after, re.S).group(0)
    assert "2018年7月10日</time>：第二条后补入漏排的一段（理由：排版遗漏）" in section


# --- renumbering: the old URL's entry binds the text it now redirects to ---------------------------

def renumber(repo: Repo) -> None:
    repo.replace(DOC, "doc_number: 锡政办发〔2018〕68号", "doc_number: 锡政办发〔2018〕86号\nprevious_urls: [doc/xzbf/2018/68/]")
    repo.replace(JD, "〔2018〕68号", "〔2018〕86号")


def test_renumbering_without_a_correction_fails_naming_the_old_entry(locked: Repo):
    renumber(locked)
    lines = lock_lines(locked)
    messages = locked.messages()
    assert len(messages) == 2
    assert messages[0].startswith(f"{DOC}:13: 已发布的文本（标题、文号或正文）被改动，但没有勘误记录：与 gazette.lock.json 第 "
                                  f"{lines[URL]} 行的 {URL}（经 previous_urls 转到 doc/xzbf/2018/86/） 的 SHA-256")
    assert messages[1].startswith(f"{JD}:7: 已发布的文本") and f"{JD_URL}（经 previous_urls 转到" in messages[1]


def test_renumbering_and_changing_the_text_of_a_locked_document_fails(locked: Repo):
    """The issue's case: the old URL would redirect to altered text, and the new URL is not locked yet."""
    renumber(locked)
    locked.replace(JD, "kind: 文字解读", "kind: 文字解读\ncorrections: [{date: 2026-12-01, change: 文号更正, reason: 录入错误}]")
    locked.replace(DOC, "加强统筹。各地", "不再统筹。各地")
    (message,) = locked.messages()
    assert message.startswith(f"{DOC}:13: 已发布的文本（标题、文号或正文）被改动，但没有勘误记录") and URL in message


def test_an_interpretation_whose_slug_changed_is_bound_by_its_old_entry(locked: Repo):
    locked.replace(JD, "kind: 文字解读", "kind: 文字解读\nslug: wzjd\nprevious_urls: [doc/xzbf/2018/68/jiedu/xzbf-68-jd/]")
    assert locked.messages() == []  # the same text at a new URL
    locked.replace(JD, "## 九、新旧政策差异", "## 九、新旧政策差异\n无。")
    (message,) = locked.messages()
    assert f"{JD_URL}（经 previous_urls 转到 doc/xzbf/2018/68/jiedu/wzjd/）" in message


def test_a_renumbered_and_locked_document_keeps_both_entries(locked: Repo):
    renumber(locked)
    locked.replace(DOC, "status: 执行中", f"status: 执行中\n{CORRECTION}")
    locked.replace(JD, "kind: 文字解读", "kind: 文字解读\ncorrections: [{date: 2026-12-01, change: 文号更正, reason: 录入错误}]")
    assert locked.messages() == []
    write_lock(locked)
    entries = lock.load(locked.path)[0].entries
    assert entries[URL].ref == "锡政办发〔2018〕68号" and entries["doc/xzbf/2018/86/"].corrections == 1
    # the old entry still binds: dropping the correction is refused through both URLs
    locked.replace(DOC, CORRECTION, "")
    messages = locked.messages()
    assert any("勘误记录被删除" in m and "doc/xzbf/2018/86/" in m for m in messages)
    assert any("没有勘误记录" in m and f"{URL}（经 previous_urls" in m for m in messages)


# --- a moved URL leads to the same text, and once locked, nowhere else --------------------------------

JD_CORRECTION = "kind: 文字解读\ncorrections: [{date: 2026-12-01, change: 文号更正, reason: 录入错误}]"
NUMBER_CORRECTION = "status: 执行中\ncorrections:\n  - {date: 2026-12-01, change: 文号由68号更正为86号, reason: 录入错误}\n"
OTHER = "gazette/2018/06/xzbf-99.md"


def moved(repo: Repo) -> None:
    """The document renumbered 68 → 86 as it should be: a 勘误 says so, title and body unchanged."""
    renumber(repo)
    repo.replace(DOC, "status: 执行中", NUMBER_CORRECTION)
    repo.replace(JD, "kind: 文字解读", JD_CORRECTION)


def other_document(repo: Repo, extra: str = "") -> None:
    repo.write(OTHER, DOCUMENT.replace("关于印发示例办法的通知", "关于另一件事的通知").replace("68号", "99号")
               .replace("type: 规范性文件", "type: 其他文件")
               .replace("status: 执行中", f"status: 执行中{extra}").replace("加强统筹。", "做好另一件事。"))



def test_a_move_that_changes_the_text_too_is_refused_until_the_lock_records_it(locked: Repo):
    """The hole: a new 勘误 skipped the comparison, so the old URL led to whatever text the claimer had."""
    moved(locked)
    locked.replace(DOC, "加强统筹。各地", "不再统筹。各地")
    (message,) = locked.messages()
    assert message.startswith(f"{DOC}:4: gazette.lock.json 第 {lock_lines(locked)[URL]} 行的 {URL}（经 previous_urls 转到 "
                              f"doc/xzbf/2018/86/）：{DOC} 的标题或正文与该网址锁定的锡政办发〔2018〕68号《关于印发示例办法的通知》不同")
    assert message.endswith(f"若不是同一文件，从 previous_urls 删去 {URL}")


def test_another_published_document_cannot_take_a_removed_documents_url(locked: Repo):
    """h/int's reproduction: delete a published document, name its URL in another one's previous_urls, add a 勘误."""
    other_document(locked)
    write_lock(locked)
    (locked.path / DOC).unlink()
    locked.replace(JD, "68号", "99号")
    locked.replace(JD, "kind: 文字解读", JD_CORRECTION)
    locked.replace(OTHER, "status: 执行中", "previous_urls: [doc/xzbf/2018/68/]\n"
                   "status: 执行中\ncorrections: [{date: 2026-12-01, change: 补正, reason: 录入错误}]")
    messages = locked.messages()
    assert any(m.startswith(f"{OTHER}:") and f"{URL}（经 previous_urls 转到 doc/xzbf/2018/99/）：{OTHER} 的标题或正文与该网址锁定的"
               in m for m in messages), messages


def test_lock_write_records_where_a_moved_url_leads_and_the_text_may_then_be_corrected(locked: Repo, capsys):
    moved(locked)
    assert main(["lock", "--root", str(locked.path), "--write"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert f"→ {URL}  记录转到 doc/xzbf/2018/86/（previous_urls）" in out
    assert f"→ {JD_URL}  记录转到 doc/xzbf/2018/86/jiedu/xzbf-68-jd/（previous_urls）" in out
    assert lock.load(locked.path)[0].entries[URL].moved_to == "doc/xzbf/2018/86/"
    locked.replace(DOC, "录入错误}\n", "录入错误}\n  - {date: 2026-12-01, change: 第一段更正, reason: 录入错误}\n")
    locked.replace(DOC, "加强统筹。各地", "统筹推进。各地")
    assert locked.messages() == []


def test_the_title_of_a_moved_urls_entry_is_never_rewritten(locked: Repo, tmp_path):
    """Its page is gone (it leads to the renumbered one), so no text vouches for the title the entry names: rewritten by
    hand it passed with 0 errors, also against the published lock, and the site published it (site/gazette.lock.json)."""
    from gongbao.publish.check import check
    moved(locked)
    write_lock(locked)
    (tmp_path / "site").mkdir()
    shutil.copy(locked.path / lock.FILENAME, tmp_path / "site" / lock.FILENAME)
    published = lock.read(tmp_path / "site" / lock.FILENAME, "site/gazette.lock.json")[0]
    data = json.loads((locked.path / lock.FILENAME).read_text(encoding="utf-8"))
    data["urls"][URL]["title"] = "关于撤销某某同志职务的决定"
    locked.write(lock.FILENAME, json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
    found = [d.message for d in check(locked.path, published=(published, [])).diagnostics if d.is_error]
    assert len(found) == 1 and f"{URL} 的条目被改弱：勘误条数未变，标题却被改动" in found[0], found


def test_a_locked_move_leads_nowhere_else(locked: Repo):
    moved(locked)
    write_lock(locked)
    locked.replace(DOC, "\nprevious_urls: [doc/xzbf/2018/68/]", "")
    other_document(locked, "\nprevious_urls: [doc/xzbf/2018/68/]")
    messages = locked.messages()
    assert any(m.startswith(f"{OTHER}:") and f"{URL}（锡政办发〔2018〕68号《关于印发示例办法的通知》）在 gazette.lock.json 第 "
               f"{lock.load(locked.path)[0].line(URL, 'moved_to')} 行记为转到 doc/xzbf/2018/86/，现在却转到 doc/xzbf/2018/99/"
               in m for m in messages), messages


def moved_on(repo: Repo, number: str, previous: str) -> None:
    """After the move 68 → 86 is locked, the number changed again (86 → ``number``), each with its 勘误."""
    repo.replace(DOC, "doc_number: 锡政办发〔2018〕86号\nprevious_urls: [doc/xzbf/2018/68/]",
                 f"doc_number: 锡政办发〔2018〕{number}号\nprevious_urls: [{previous}]")
    repo.replace(JD, "〔2018〕86号", f"〔2018〕{number}号")
    repo.replace(DOC, "录入错误}\n", f"录入错误}}\n  - {{date: 2026-12-01, change: 文号由86号更正为{number}号, reason: 录入错误}}\n")
    repo.replace(JD, "录入错误}]", "录入错误}, {date: 2026-12-01, change: 文号更正, reason: 录入错误}]")


def test_a_moved_document_may_move_again(locked: Repo, capsys):
    moved(locked)
    write_lock(locked)
    moved_on(locked, "96", "doc/xzbf/2018/68/, doc/xzbf/2018/86/")
    assert locked.messages() == []
    write_lock(locked)
    entries = lock.load(locked.path)[0].entries
    assert (entries[URL].moved_to, entries["doc/xzbf/2018/86/"].moved_to) == ("doc/xzbf/2018/86/", "doc/xzbf/2018/96/")


def test_an_issues_url_in_previous_urls_is_an_error_not_a_crash(locked: Repo):
    """The issue's page is at that URL and the redirect claims it too: the check ended in a traceback (an issue has no
    勘误 to count)."""
    locked.replace(DOC, "status: 执行中", "previous_urls: [gazette/2018/06/]\nstatus: 执行中")
    assert [m.split(" — ")[0] for m in locked.messages()] == [
        f"{DOC}:8: previous_urls：文件网址“gazette/2018/06/”无效：应为 doc/<代码>/<年份>/<序号>/ 或 doc/id/<id>/"]


def test_a_locked_move_is_not_replaced_by_a_withdrawal_of_the_text_still_published(locked: Repo):
    """The hole: with moved_to recorded, the old URL could drop out of previous_urls and take a withdrawal notice while
    the text it leads to stays in force at the new URL: citations of it then said the document was withdrawn."""
    moved(locked)
    write_lock(locked)
    locked.replace(DOC, "\nprevious_urls: [doc/xzbf/2018/68/]", "")
    locked.write("withdrawn.yml", WITHDRAWALS)
    assert [m.split(" — ")[0] for m in locked.messages()] == [
        f"withdrawn.yml:1: 已发布的网址 {URL}（锡政办发〔2018〕68号《关于印发示例办法的通知》）在 gazette.lock.json 第 "
        f"{lock.load(locked.path)[0].line(URL, 'moved_to')} 行记为转到 doc/xzbf/2018/86/，现在却登了撤回公告，"
        "而它转到的 doc/xzbf/2018/86/ 仍在发布",
        f"withdrawn.yml:2: 已发布的网址 {JD_URL}（锡政办发〔2018〕68号《《示例办法》解读》）在 gazette.lock.json 第 "
        f"{lock.load(locked.path)[0].line(JD_URL, 'moved_to')} 行记为转到 doc/xzbf/2018/86/jiedu/xzbf-68-jd/，现在却登了撤回公告，"
        "而它转到的 doc/xzbf/2018/86/jiedu/xzbf-68-jd/ 仍在发布"]
    # the withdrawal of the text itself, at its URL now and the old one, passes
    (locked.path / DOC).unlink()
    (locked.path / JD).unlink()
    locked.write("withdrawn.yml", WITHDRAWALS + WITHDRAWALS.replace("2018/68/", "2018/86/"))
    assert locked.messages() == []


def moved_back(repo: Repo) -> None:
    """68 → 86 recorded, then 86 → 68, each with its 勘误."""
    moved(repo)
    write_lock(repo)
    moved_on(repo, "68", "doc/xzbf/2018/86/")


def test_a_url_moved_away_and_back_keeps_where_it_led(locked: Repo, capsys):
    """68 → 86 → 68: gongbao lock --write wrote the page's entry at 68 anew and dropped its moved_to (shown as
    "记录转到 None"), a lock the next build refused as weakened against the published one."""
    from gongbao.publish.check import check
    moved_back(locked)
    published = lock.load(locked.path)[0]
    capsys.readouterr()
    assert locked.messages() == []
    write_lock(locked)
    assert "记录转到 None" not in capsys.readouterr().out
    entries = lock.load(locked.path)[0].entries
    assert (entries[URL].moved_to, entries[URL].corrections) == ("doc/xzbf/2018/86/", 2)
    assert entries["doc/xzbf/2018/86/"].moved_to == URL
    assert [str(d) for d in check(locked.path, today=locked.check().today, published=(published, [])).diagnostics] == []


def test_urls_moved_round_cannot_be_taken_by_another_text(locked: Repo):
    """The hole: 68 and 86, each recorded as moved to the other, vouched for each other once both were redirected:
    another document naming both in previous_urls, with the published 勘误 copied and one more, passed with 0 errors."""
    moved_back(locked)
    write_lock(locked)
    (locked.path / DOC).unlink()
    locked.replace(JD, "〔2018〕68号", "〔2018〕99号")
    locked.replace(JD, "录入错误}]", "录入错误}, {date: 2026-12-01, change: 文号更正, reason: 录入错误}]")
    other_document(locked, "\nprevious_urls: [doc/xzbf/2018/68/, doc/xzbf/2018/86/]\ncorrections:\n"
                           "  - {date: 2026-12-01, change: 文号由68号更正为86号, reason: 录入错误}\n"
                           "  - {date: 2026-12-01, change: 文号由86号更正为68号, reason: 录入错误}\n"
                           "  - {date: 2026-12-01, change: 补正, reason: 录入错误}")
    messages = locked.messages()
    assert len(messages) == 2 and all(m.startswith(f"{OTHER}:9: ") and "的标题或正文与该网址锁定的" in m for m in messages)
    assert f"{URL}（经 previous_urls 转到 doc/xzbf/2018/99/）" in messages[0]
    assert "doc/xzbf/2018/86/（经 previous_urls 转到 doc/xzbf/2018/99/）" in messages[1]


def test_urls_moved_round_may_move_on_with_their_text(locked: Repo):
    moved_back(locked)
    write_lock(locked)
    locked.replace(DOC, "doc_number: 锡政办发〔2018〕68号\nprevious_urls: [doc/xzbf/2018/86/]",
                   "doc_number: 锡政办发〔2018〕96号\nprevious_urls: [doc/xzbf/2018/68/, doc/xzbf/2018/86/]")
    locked.replace(JD, "〔2018〕68号", "〔2018〕96号")
    locked.replace(DOC, "录入错误}\n  - {date: 2026-12-01, change: 文号由86号更正为68号, reason: 录入错误}\n",
                   "录入错误}\n  - {date: 2026-12-01, change: 文号由86号更正为68号, reason: 录入错误}\n"
                   "  - {date: 2026-12-01, change: 文号由68号更正为96号, reason: 录入错误}\n")
    locked.replace(JD, "录入错误}]", "录入错误}, {date: 2026-12-01, change: 文号更正, reason: 录入错误}]")
    assert locked.messages() == []


def test_a_url_recorded_as_moved_to_itself_leads_to_no_other_text(locked: Repo):
    """A hand edit that passes (the URL is still the page's): once published, the URL vouched for itself, and another
    document could take it with a 勘误, also against the published lock."""
    from gongbao.publish.check import check
    other_document(locked)
    write_lock(locked)
    data = json.loads((locked.path / lock.FILENAME).read_text(encoding="utf-8"))
    data["urls"][URL]["moved_to"] = URL
    (locked.path / lock.FILENAME).write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    published = lock.load(locked.path)[0]
    assert locked.messages() == []
    (locked.path / DOC).unlink()
    locked.replace(JD, "68号", "99号")
    locked.replace(JD, "kind: 文字解读", JD_CORRECTION)
    locked.replace(OTHER, "status: 执行中", "previous_urls: [doc/xzbf/2018/68/]\nstatus: 执行中\n"
                                            "corrections: [{date: 2026-12-01, change: 补正, reason: 录入错误}]")
    found = [str(d) for d in check(locked.path, today=locked.check().today, published=(published, [])).diagnostics]
    assert len(found) == 1 and f"{URL}（经 previous_urls 转到 doc/xzbf/2018/99/）：{OTHER} 的标题或正文与该网址锁定的" in found[0]


def test_a_restored_withdrawn_document_keeps_its_locked_notice(withdrawn: Repo):
    from gongbao.publish.check import check
    published = lock.load(withdrawn.path)[0]
    withdrawn.write(DOC, DOCUMENT.replace("status: 执行中", f"status: 执行中\n{CORRECTION}"))
    withdrawn.write(JD, INTERPRETATION)
    withdrawn.write("withdrawn.yml", "[]\n")
    write_lock(withdrawn)
    assert lock.load(withdrawn.path)[0].entries[URL].withdrawal_sha256 == published.entries[URL].withdrawal_sha256
    assert [str(d) for d in check(withdrawn.path, today=withdrawn.check().today, published=(published, [])).diagnostics] == []


def test_a_hand_edit_of_a_locked_move_weakens_the_lock(locked: Repo):
    from gongbao.publish.check import check
    moved(locked)
    write_lock(locked)
    published = lock.load(locked.path)[0]
    data = json.loads((locked.path / lock.FILENAME).read_text(encoding="utf-8"))
    data["urls"][URL]["moved_to"] = "doc/xzbf/2018/99/"
    (locked.path / lock.FILENAME).write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    found = [str(d) for d in check(locked.path, today=locked.check().today, published=(published, [])).diagnostics]
    assert any("的条目被改弱：转到的网址 doc/xzbf/2018/86/ 被删除或改写" in f for f in found), found


@pytest.mark.parametrize("value", ["https://example.org/", "doc/../../etc/", 86, "gazette/2018/06/"])
def test_a_lock_entry_moved_anywhere_but_a_page_is_invalid(locked: Repo, value):
    data = json.loads((locked.path / lock.FILENAME).read_text(encoding="utf-8"))
    data["urls"][URL]["moved_to"] = value
    (locked.path / lock.FILENAME).write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    assert any(f"gazette.lock.json 中“{URL}”的条目无效：moved_to 应为文件或解读的网址" in m for m in locked.messages())


# --- correction records, once locked, never change ------------------------------------------------

@pytest.fixture
def corrected(locked: Repo, capsys) -> Repo:
    locked.replace(DOC, "加强统筹。各地", "统筹推进。各地")
    locked.replace(DOC, "status: 执行中", f"status: 执行中\n{CORRECTION}")
    write_lock(locked)
    capsys.readouterr()
    return locked


@pytest.mark.parametrize("old, new", [
    ("录入错误}", "排版错误}"),                                    # the reason
    ("date: 2026-12-01", "date: 2026-11-30"),                      # only the date
    ("第一段“加强统筹”更正为“统筹推进”", "第一段“加強統籌”更正為“統籌推進”"),  # the same words in the Traditional script
    ("“加强统筹”", "“加强统筹” "),                                  # an invisible space inside the record
])
def test_rewriting_a_locked_correction_fails_naming_it(corrected: Repo, old, new):
    corrected.replace(DOC, old, new)
    (message,) = corrected.messages()
    assert message.startswith(f"{DOC}:9: 第 1 条勘误（现为 ")
    assert f"与 gazette.lock.json 第 {lock_lines(corrected)[URL]} 行的 {URL} 锁定的记录不同" in message


def test_a_new_correction_goes_after_the_locked_ones(corrected: Repo):
    later = "\n  - {date: 2026-12-01, change: 第二段更正, reason: 录入错误}\n"
    corrected.replace(DOC, "录入错误}\n", "录入错误}" + later)
    corrected.replace(DOC, "各部门要加强统筹。", "各部门要统筹。")
    assert corrected.messages() == []
    # the same record backdated sorts first: the locked record would no longer be the first
    corrected.replace(DOC, "{date: 2026-12-01, change: 第二段更正", "{date: 2018-06-30, change: 第二段更正")
    assert "第 1 条勘误（现为 2018-06-30：第二段更正）" in corrected.messages()[0]


def test_a_new_correction_dated_before_the_lock_recorded_the_text_is_backdated(repo: Repo, capsys):
    """The entry was recorded on 2026-12-01 with one 勘误 of 2026-11-01: on that day the text read as locked, so a second
    one dated earlier would tell courts the corrected text applied when it did not."""
    repo.replace(DOC, "加强统筹。各地", "统筹推进。各地")
    repo.replace(DOC, "status: 执行中", f"status: 执行中\n{CORRECTION.replace('2026-12-01', '2026-11-01')}")
    write_lock(repo)
    assert lock.load(repo.path)[0].entries[URL].recorded == "2026-12-01"
    repo.replace(DOC, "录入错误}\n", "录入错误}\n  - {date: 2026-11-30, change: 第二段更正, reason: 录入错误}\n")
    repo.replace(DOC, "各部门要加强统筹。", "各部门要统筹。")
    assert repo.messages() == [
        f"{DOC}:9: 第 2 条勘误的日期 2026-11-30 早于 gazette.lock.json 第 {lock_lines(repo)[URL]} 行的 {URL} 记录原文的日期 "
        "2026-12-01：那天发布的仍是原文 — 勘误日期写实际更正的那天（不早于锁定文件记录原文的日期）"]
    repo.replace(DOC, "2026-11-30", "2026-12-01")
    assert repo.messages() == []


def test_a_hand_edit_of_the_recorded_day_weakens_the_lock(corrected: Repo):
    from gongbao.publish.check import check
    published = lock.load(corrected.path)[0]
    data = json.loads((corrected.path / lock.FILENAME).read_text(encoding="utf-8"))
    data["urls"][URL]["recorded"] = "2018-06-05"  # earlier: a backdated 勘误 would pass
    (corrected.path / lock.FILENAME).write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    found = [str(d) for d in check(corrected.path, published=(published, [])).diagnostics]
    assert any("的条目被改弱：记录原文的日期由 2026-12-01 改为 2018-06-05" in f for f in found), found


def test_adding_a_correction_while_rewriting_the_locked_one_fails(corrected: Repo):
    corrected.replace(DOC, "录入错误}\n", "排版错误}\n  - {date: 2026-12-01, change: 第二段更正, reason: 录入错误}\n")
    assert "第 1 条勘误（现为 2026-12-01：第一段“加强统筹”更正为“统筹推进”）与 gazette.lock.json" in corrected.messages()[0]


def test_a_withdrawal_of_a_url_never_published_is_refused(locked: Repo):
    """A notice says a published text was withdrawn: at a URL the lock never held it would tell readers (and courts)
    that a document nobody published was, and was taken back."""
    locked.write("withdrawn.yml", """\
        - url: doc/xzbf/2018/99/
          title: 关于印发另一办法的通知
          date: 2026-12-01
          reason: 所依据的上位政策已调整。
        """)
    assert [m for m in locked.messages() if m.startswith("withdrawn.yml")] == [
        "withdrawn.yml:1: 撤回记录的网址 doc/xzbf/2018/99/ 从未发布（gazette.lock.json 中没有它）：撤回公告只能登在发布过的网址上"
        " — 删去这条记录；网址写错的，改成发布时的网址（见 gazette.lock.json）"]


@pytest.mark.parametrize("written", ["doc/xzbf/2019/5/", " /doc/xzbf/2019/5 "])
def test_an_earlier_url_never_published_is_refused(locked: Repo, written: str):
    """A page cannot take a URL it never stood at: with it, the number that URL spells (doc/xzbf/2019/5/: 锡政办发〔2019〕
    5号, not given yet) would lead readers to this page, and, once recorded, stand in the way of the document that gets
    that number."""
    other_document(locked, f"\nprevious_urls: ['{written}']")
    line = locked.check().archive.documents[-1].source.line_of("previous_urls")
    assert locked.messages() == [
        f"{OTHER}:{line}: previous_urls 中的 doc/xzbf/2019/5/ 从未发布（gazette.lock.json 中没有它）：只能写本页以前发布时的网址"
        " — 删去它；网址写错的，改成发布时的网址（见 gazette.lock.json）"]


def test_an_interpretations_earlier_url_never_published_is_refused(locked: Repo):
    locked.replace(JD, "kind: 文字解读", "kind: 文字解读\nprevious_urls: [doc/xzbf/2018/68/jiedu/wzjd/]")
    assert [m.split("：")[0] for m in locked.messages()] == [
        f"{JD}:{locked.check().archive.interpretations[0].source.line_of('previous_urls')}: previous_urls 中的 "
        "doc/xzbf/2018/68/jiedu/wzjd/ 从未发布（gazette.lock.json 中没有它）"]


def test_an_earlier_url_only_a_hand_written_entry_holds_is_refused(locked: Repo, tmp_path):
    """The committed lock is the editors' file: an entry written there by hand does not make a URL published; the last
    published lock tells."""
    from gongbao.publish.check import check
    (tmp_path / "site").mkdir()
    shutil.copy(locked.path / lock.FILENAME, tmp_path / "site" / lock.FILENAME)
    published = lock.read(tmp_path / "site" / lock.FILENAME, "site/gazette.lock.json")[0]
    data = json.loads((locked.path / lock.FILENAME).read_text(encoding="utf-8"))
    data["urls"]["doc/xzbf/2019/5/"] = {**data["urls"][URL], "ref": "锡政办发〔2019〕5号"}
    locked.write(lock.FILENAME, json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
    other_document(locked, "\nprevious_urls: [doc/xzbf/2019/5/]")
    found = [str(d).split("：")[0] for d in check(locked.path, published=(published, [])).diagnostics
             if "previous_urls 中的" in str(d)]
    assert found == [f"{OTHER}:{locked.check().archive.documents[-1].source.line_of('previous_urls')}: previous_urls 中的 "
                     "doc/xzbf/2019/5/ 从未发布（site/gazette.lock.json 中没有它）"]


def test_a_withdrawal_at_a_url_only_a_hand_written_entry_holds_is_refused(locked: Repo, tmp_path):
    """The committed lock is the editors' file: an entry written by hand for a URL the last published lock never held
    (with the notice's hash, as gongbao lock --write would record it) let a notice say a document nobody published was
    withdrawn, with 0 errors, also in check --locked."""
    from gongbao.content import withdrawn as withdrawn_file
    from gongbao.publish.check import check
    (tmp_path / "site").mkdir()
    shutil.copy(locked.path / lock.FILENAME, tmp_path / "site" / lock.FILENAME)
    published = lock.read(tmp_path / "site" / lock.FILENAME, "site/gazette.lock.json")[0]
    notice = "- {url: doc/xzbf/2018/99/, title: 关于撤销某某资格的决定, date: 2026-12-01, reason: 已纠正。}\n"
    locked.write("withdrawn.yml", notice)
    record = withdrawn_file.load(locked.path, [])[0]
    data = json.loads((locked.path / lock.FILENAME).read_text(encoding="utf-8"))
    data["urls"]["doc/xzbf/2018/99/"] = {**data["urls"][URL], "ref": "锡政办发〔2018〕99号", "title": "关于撤销某某资格的决定",
                                         "withdrawal_sha256": integrity.withdrawal_sha256(record)}
    locked.write(lock.FILENAME, json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
    found = [str(d) for d in check(locked.path, published=(published, [])).diagnostics if d.is_error]
    assert found == ["withdrawn.yml:1: 撤回记录的网址 doc/xzbf/2018/99/ 从未发布（site/gazette.lock.json 中没有它）："
                     "撤回公告只能登在发布过的网址上 — 删去这条记录；网址写错的，改成发布时的网址（见 site/gazette.lock.json）"]


@pytest.mark.parametrize("place, written, message", [
    (DOC, "xzbf-68.html", "文件网址“xzbf-68.html/”无效"),
    (JD, "doc/xzbf/2018/99/", "“doc/xzbf/2018/99/”不是解读的网址")])
def test_a_malformed_earlier_url_is_told_once(locked: Repo, place: str, written: str, message: str):
    """Malformed, it is no URL any lock could hold: "never published" too said it twice, the second time wrongly."""
    anchor = "status: 执行中" if place == DOC else "kind: 文字解读"
    locked.replace(place, anchor, f"{anchor}\nprevious_urls: [{written}]")
    assert [m.split("：", 1)[1].split(" — ")[0].split("：应为")[0] for m in locked.messages()] == [message]


def test_a_code_published_stays_its_agencys(locked: Repo):
    """Codes are forever: doc/xzbf/2018/68/, renumbered (锡政发〔2018〕5号), still answers for 锡政办发〔2018〕68号, its alias
    wh/锡政办发〔2018〕68号/ found by the code of the earlier URL (redirects.earlier_numbers). With xzbf given to another
    机关代字 (锡政办复, no document of 锡政办发 left to need it), that alias became wh/锡政办复〔2018〕68号/, a number never
    published leading to the document, and the one published led nowhere: refused at gazette.yml, naming the entry."""
    locked.replace(DOC, "doc_number: 锡政办发〔2018〕68号", "doc_number: 锡政发〔2018〕5号\nprevious_urls: [doc/xzbf/2018/68/]")
    locked.replace(DOC, "status: 执行中", "status: 执行中\ncorrections: [{date: 2026-12-01, change: 文号更正, reason: 录入错误}]")
    locked.replace(JD, "锡政办发〔2018〕68号", "锡政发〔2018〕5号")
    locked.replace(JD, "kind: 文字解读", JD_CORRECTION)
    write_lock(locked)
    assert locked.messages() == []
    for codes in ("{锡政办复: xzbf, 锡政发: xzf, 无锡市人民政府令: wxzfl}", "{锡政发: xzf, 无锡市人民政府令: wxzfl}"):
        locked.write("gazette.yml", (locked.path / "gazette.yml").read_text(encoding="utf-8").replace(
            "issuer_codes: {锡政办发: xzbf, 锡政发: xzf, 无锡市人民政府令: wxzfl}", f"issuer_codes: {codes}"))
        (message,) = locked.messages()
        assert message.startswith("gazette.yml:") and "锡政办发〔2018〕68号 已在 /doc/xzbf/2018/68/ 发布" in message, message
        assert "恢复 锡政办发: xzbf" in message
        locked.write("gazette.yml", (locked.path / "gazette.yml").read_text(encoding="utf-8").replace(
            f"issuer_codes: {codes}", "issuer_codes: {锡政办发: xzbf, 锡政发: xzf, 无锡市人民政府令: wxzfl}"))
