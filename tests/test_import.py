"""Import of the legacy archive: the seed page itself, and plain files with a CSV or YAML manifest."""
from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import time
import tracemalloc
from pathlib import Path

import pytest

import legacy_archive
from conftest import ROOT, SETTINGS, Repo
from gongbao.tools import importer
from gongbao.publish.check import check
from gongbao.identifiers.docnumber import DocNumber
from gongbao.content.model import IssueKey
from gongbao.content.source import parse

SEED = ROOT / "tests" / "data" / "000_cb63394c10be49eb.txt"  # the seed page, byte for byte
ISSUE = IssueKey(2018, 6)
SEED_DEST = "gazette/2018/06/xzbf-2018-68.md"


@pytest.fixture
def empty_issue(repo: Repo) -> Repo:
    """The minimal repository without its document (its interpretation stays, waiting for it)."""
    (repo.path / "gazette/2018/06/xzbf-68.md").unlink()
    return repo


def front(repo: Repo, rel: str):
    result = parse(rel, (repo.path / rel).read_bytes())
    assert result.source, result.diagnostics
    return result.source


def assert_only_the_seed_date_contradicts_its_issue(repo: Repo) -> None:
    """The seed's 发布时间 (2019-01-22) is later than the 2018 issue it is imported into: check says so
    (rules/dates.py), and nothing else."""
    assert [m.split(" — ")[0] for m in repo.messages()] == [
        f"{SEED_DEST}:7: 发布日期 2019-01-22 晚于刊载它的 2018年第6期 的出版日期 2018-06-30"]


def test_seed_page_recovers_every_header_value(empty_issue: Repo, tmp_path):
    legacy = tmp_path / "legacy"
    legacy.mkdir()
    shutil.copy(SEED, legacy / SEED.name)
    report = importer.run(empty_issue.path, legacy, ISSUE, section="市政府办公室文件")
    assert (report.imported, report.skipped, report.unfilled, report.uninterpreted) == (
        [(SEED.name, SEED_DEST)], [], [], [])
    doc = front(empty_issue, SEED_DEST)
    assert doc.meta == {
        "title": "無錫市人民政府辦公室關於印發無錫市全面推進政務公開工作實施辦法的通知",
        "doc_number": "锡政办发〔2018〕68号",       # 錫政辦發〔2018〕68號
        "issuer": "无锡市人民政府办公室",            # 無錫市人民政府辦公室, as gazette.yml lists it
        "type": "规范性文件",
        "written": "2018-06-05",                  # 2018-06-05 10:10:19
        "published": "2019-01-22",                # 發布時間:2019年01月22日
        "status": "执行中",                        # 執行中
        "disclosure": "主动公开",                   # (此件公開發布)
        "section": "市政府办公室文件",
        "editor": "法制办",                         # 責編:法制辦
        "language": "zh-Hant",
    }
    body = doc.body
    assert body.lstrip().startswith("各市(縣)、區人民政府,市各委辦局,市各直屬單位:")
    assert "(此件公開發布)" not in body.splitlines() and "責編" not in body and "文號" not in body and "瀏覽次數" not in body
    assert "\n\n無錫市全面推進政務公開工作實施辦法\n\n" in body
    assert body.rstrip().endswith("市政府辦公室將加強督查考評,并適時進行通報。")
    assert_only_the_seed_date_contradicts_its_issue(empty_issue)
    assert report.notes == [(SEED.name, "标题系据正文推定：無錫市人民政府辦公室關於印發無錫市全面推進政務公開工作實施辦法的通知，请核对"),
                            (SEED.name, "类型系据文号推定为 规范性文件，请核对（可在清单的 类型 列写明）")]


def test_seed_import_from_the_command_line(repo: Repo, tmp_path):
    legacy = tmp_path / "legacy"
    legacy.mkdir()
    shutil.copy(SEED, legacy / "68.txt")
    result = subprocess.run([str(ROOT / ".venv/bin/gongbao"), "import", str(legacy), "--issue", "2018/06"],
                            cwd=repo.path, capture_output=True, text=True)
    assert result.returncode == 1  # something was skipped: the number is already in the gazette
    assert result.stdout.splitlines() == [
        "导入完毕：已导入 0 份，跳过 1 份。",
        "跳过（未导入）：",
        "  68.txt：锡政办发〔2018〕68号 与 gazette/2018/06/xzbf-68.md 重复（已在公报中或本次已导入）",
    ]


def test_seed_as_a_web_page(empty_issue: Repo, tmp_path):
    """The seed as its site served it: menus before the header table, a footer after 责编."""
    lines = SEED.read_text(encoding="utf-8").splitlines()
    rows = "".join(f"<tr><td>{line.split('|')[0].strip()}</td><td>{line.split('|')[1].strip()}</td></tr>"
                   for line in lines[1:6] if "|" in line and not line.startswith("---"))
    body = "".join(f"<p>{line}</p>\n" for line in lines[6:])
    page = (f"<html><head><title>政务公开</title><script>var x = 1;</script></head><body>"
            f"<ul class=nav><li>首页</li><li>政务公开</li></ul><div>{lines[0]}</div><table>{rows}</table>"
            f"<div class=content>{body}</div><div class=footer>主办单位：无锡市人民政府办公室</div></body></html>")
    legacy = tmp_path / "legacy"
    legacy.mkdir()
    (legacy / "68.html").write_bytes(page.encode("gb18030"))
    report = importer.run(empty_issue.path, legacy, ISSUE, section="市政府办公室文件")
    assert report.imported == [("68.html", SEED_DEST)] and report.skipped == [] and report.unfilled == []
    assert report.notes[:2] == [("68.html", "原文件为 GBK/GB18030 编码，已转为 UTF-8"),
                                ("68.html", "网页中表头之前 2 行、责编之后 1 行（导航、页脚等）未导入")]
    doc = front(empty_issue, SEED_DEST)
    assert (doc.meta["doc_number"], doc.meta["issuer"], doc.meta["written"], doc.meta["published"], doc.meta["status"],
            doc.meta["editor"], doc.meta["disclosure"]) == (
        "锡政办发〔2018〕68号", "无锡市人民政府办公室", "2018-06-05", "2019-01-22", "执行中", "法制办", "主动公开")
    assert "首页" not in doc.body and "主办单位" not in doc.body and "var x" not in doc.body
    assert_only_the_seed_date_contradicts_its_issue(empty_issue)


def test_parse_legacy_header_variants():
    page = importer.parse_legacy(
        "发布日期：2020年3月9日\n"
        "索引号 | 014000319/2020-00012 | 主题分类 | 城乡建设、环境保护 |\n"
        "|---|---|---|---|\n"
        "文号：锡政发〔2020〕5号\n"
        "\n"
        "无锡市人民政府关于加强城市管理的意见\n"
        "各市（县）、区人民政府：\n"
        "（此件公开发布）\n"
        "责任编辑：王某\n")
    assert page.header == {"published": "2020年3月9日", "index_number": "014000319/2020-00012",
                           "topics": "城乡建设、环境保护", "doc_number": "锡政发〔2020〕5号"}
    assert page.body == ["无锡市人民政府关于加强城市管理的意见", "各市（县）、区人民政府："]
    assert page.disclosed and page.editor == "王某"


CSV = """\
file,title,doc_number,id,issuer,type,written,published,status,disclosure,disclosure_reason,section
notice.md,无锡市人民政府办公室关于开展示例工作的通知,锡政办发〔2018〕70号,,无锡市人民政府办公室,,2018/6/10,2018-06-12,执行中,主动公开,,市政府办公室文件
rule.txt,无锡市示例管理办法,无锡市人民政府令第181号,,无锡市人民政府,,2018-06-01,2018-06-15,执行中,主动公开,,市政府规章
meeting.txt,关于召开示例会议的通知,,wx-2018-meeting-3,无锡市人民政府办公室,其他文件,2018-06-02,2018-06-03,执行中,主动公开,,市政府办公室文件
nonumber.txt,没有文号的文件,,,无锡市人民政府办公室,其他文件,2018-06-02,2018-06-03,执行中,主动公开,,市政府办公室文件
duplicate.txt,重复的文件,锡政办发[2018]68号,,无锡市人民政府办公室,,2018-06-02,2018-06-03,执行中,主动公开,,市政府办公室文件
gone.md,不存在的文件,锡政办发〔2018〕90号,,无锡市人民政府办公室,,2018-06-02,2018-06-03,执行中,主动公开,,市政府办公室文件
"""


def legacy_folder(tmp_path) -> Path:
    folder = tmp_path / "legacy"
    folder.mkdir()
    (folder / "notice.md").write_text("一、总体要求\n\n（一）加强统筹。\n", encoding="utf-8")
    (folder / "rule.txt").write_text("第一条 为了规范示例工作，制定本办法。\n第二条 本办法自发布之日起施行。\n", encoding="gbk")
    (folder / "meeting.txt").write_text("定于6月5日召开会议。\n", encoding="utf-8")
    (folder / "nonumber.txt").write_text("正文。\n", encoding="utf-8")
    (folder / "duplicate.txt").write_text("正文。\n", encoding="utf-8")
    (folder / "broken.txt").write_bytes(b"\xff\xfe\xfd not text")
    (folder / "scan.pdf").write_bytes(b"%PDF-1.4")
    return folder


def test_manifest_import_reports_everything(repo: Repo, tmp_path):
    folder = legacy_folder(tmp_path)
    manifest = tmp_path / "manifest.csv"
    manifest.write_text(CSV, encoding="utf-8")
    report = importer.run(repo.path, folder, ISSUE, manifest=manifest)
    assert report.imported == [("meeting.txt", "gazette/2018/06/wx-2018-meeting-3.md"),
                               ("notice.md", "gazette/2018/06/xzbf-2018-70.md"),
                               ("rule.txt", "gazette/2018/06/wxzfl-181.md")]
    assert report.skipped == [
        ("gone.md", "清单中列出，但导入目录中没有这个文件"),
        ("broken.txt", "无法识别的编码（既不是 UTF-8 也不是 GB18030）— 转为 UTF-8 后重新导入"),
        ("duplicate.txt", "锡政办发〔2018〕68号 与 gazette/2018/06/xzbf-68.md 重复（已在公报中或本次已导入）"),
        ("nonumber.txt", "没有文号也没有 id — 在清单中为它填写 doc_number 或 id"),
        ("scan.pdf", "不支持的文件类型 .pdf：只导入 .txt、.md 和 .html"),
    ]
    assert report.notes == [("notice.md", "类型系据文号推定为 规范性文件，请核对（可在清单的 类型 列写明）"),
                            ("rule.txt", "原文件为 GBK/GB18030 编码，已转为 UTF-8"),
                            ("rule.txt", "类型系据文号推定为 规章，请核对（可在清单的 类型 列写明）")]
    assert report.uninterpreted == [("gazette/2018/06/xzbf-2018-70.md", "锡政办发〔2018〕70号"),
                                    ("gazette/2018/06/wxzfl-181.md", "无锡市人民政府令第181号")]
    rule = front(repo, "gazette/2018/06/wxzfl-181.md")
    assert rule.meta["type"] == "规章" and rule.meta["doc_number"] == "无锡市人民政府令第181号"
    assert "第一条 为了规范示例工作" in rule.body
    notice = front(repo, "gazette/2018/06/xzbf-2018-70.md")
    assert (notice.meta["type"], notice.meta["written"]) == ("规范性文件", "2018-06-10")
    summary = report.summary()
    for line in ("导入完毕：已导入 3 份，跳过 5 份。", "  nonumber.txt：没有文号也没有 id — 在清单中为它填写 doc_number 或 id",
                 "  gazette/2018/06/xzbf-2018-70.md（锡政办发〔2018〕70号）— 运行 gongbao new interpretation --of 锡政办发〔2018〕70号"):
        assert line in summary.splitlines()
    # The check asks for the two missing interpretations, and for nothing else.
    assert [m.split(": ", 1)[1].split(" — ")[0] for m in repo.messages()] == [
        "规章 无锡市人民政府令第181号 没有政策解读", "规范性文件 锡政办发〔2018〕70号 没有政策解读"]


def test_a_manifest_past_the_limit_is_refused_unread(repo: Repo, tmp_path):
    """A manifest of gigabytes was read whole before its first row was looked at (64 MB here, a sparse file)."""
    folder = tmp_path / "legacy"
    folder.mkdir()
    manifest = tmp_path / "manifest.csv"
    with open(manifest, "wb") as file:
        file.write("文件,标题\n".encode("utf-8"))
        file.truncate(64 * 1024 * 1024)
    tracemalloc.start()
    try:
        with pytest.raises(importer.ImportFailed) as failed:
            importer.run(repo.path, folder, ISSUE, manifest=manifest)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert str(failed.value) == f"清单 {manifest} 过大（超过 16 MB）— 清单每个文件一行，把导入目录分成几批，每批一份清单"
    assert peak < 32 * 1024 * 1024


def test_a_manifest_row_the_csv_reader_refuses_is_told_at_its_line(repo: Repo, tmp_path):
    """A cell of 200 KB (an unclosed quote swallowing the rest of the file) ended the import in a traceback."""
    folder = tmp_path / "legacy"
    folder.mkdir()
    manifest = tmp_path / "manifest.csv"
    manifest.write_text("文件,标题\na.txt,\"" + "长" * 200_000 + "\n", encoding="utf-8")
    with pytest.raises(importer.ImportFailed) as failed:
        importer.run(repo.path, folder, ISSUE, manifest=manifest)
    assert str(failed.value).startswith(f"清单 {manifest} 第 2 行无法读取：field larger than field limit")


def test_yaml_manifest_and_values_left_to_fill(repo: Repo, tmp_path):
    folder = tmp_path / "legacy"
    folder.mkdir()
    (folder / "a.txt").write_text("文号：锡政办发〔2018〕71号\n\n正文第一段。\n", encoding="utf-8")
    manifest = tmp_path / "manifest.yaml"
    manifest.write_text("- file: a.txt\n  标题: 关于示例的通知\n  topics: [政务公开]\n", encoding="utf-8")
    report = importer.run(repo.path, folder, ISSUE, manifest=manifest)
    dest = "gazette/2018/06/xzbf-2018-71.md"
    assert report.imported == [("a.txt", dest)]
    assert report.unfilled == [(dest, ["issuer", "written", "published", "status", "disclosure", "section"])]
    meta = front(repo, dest).meta
    assert (meta["title"], meta["topics"], meta["disclosure"]) == (
        "关于示例的通知", ["政务公开"], "TODO：公开属性（页面上没有“此件公开发布”标注，请核对）")
    assert any(m.startswith(f"{dest}:9: disclosure “TODO：公开属性") for m in repo.messages())


def test_import_needs_an_existing_issue(repo: Repo, tmp_path):
    with pytest.raises(importer.ImportFailed, match="2019年第1期 还不存在 — 先运行 gongbao new issue --year 2019 --number 1"):
        importer.run(repo.path, tmp_path, IssueKey(2019, 1))
    with pytest.raises(importer.ImportFailed, match="栏目 人事任免 不在 2018年第6期 的 sections 中 — 应为 市政府规章、市政府办公室文件 之一"):
        importer.run(repo.path, tmp_path, ISSUE, section="人事任免")


PAGE = """\
发布时间：2018年06月20日
文号 | 锡政办发〔2018〕72号 |
制发机关 | 无锡市人民政府办公室 |
成文日期 | 2018-06-01 |
文件状态 | 执行中 |
无锡市人民政府办公室 关于示例工作的通知
各市（县）、区人民政府：
现就示例工作通知如下。
（此件公开发布）
责编：办公室
"""


def one_page(tmp_path, manifest: str, page: str = PAGE, name: str = "72.txt") -> tuple[Path, Path]:
    folder = tmp_path / "legacy"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(page, encoding="utf-8")
    (tmp_path / "清单.csv").write_text(manifest, encoding="utf-8")
    return folder, tmp_path / "清单.csv"


def test_chinese_columns_title_not_repeated_and_the_manifest_date_wins(repo: Repo, tmp_path):
    folder, manifest = one_page(tmp_path, "文件,期,标题,类型,发布日期,栏目\n"
                                          "72.txt,2018/06,无锡市人民政府办公室关于示例工作的通知,其他文件,2018年6月3日,市政府办公室文件\n")
    report = importer.run(repo.path, folder, None, manifest=manifest)
    dest = "gazette/2018/06/xzbf-2018-72.md"
    assert (report.imported, report.skipped, report.unfilled, report.late, report.uninterpreted) == (
        [("72.txt", dest)], [], [], [], [])
    doc = front(repo, dest)
    assert (doc.meta["title"], doc.meta["type"], doc.meta["published"]) == (
        "无锡市人民政府办公室关于示例工作的通知", "其他文件", "2018-06-03")  # not 2018-06-20, the page's
    assert doc.body.lstrip().splitlines()[0] == "各市（县）、区人民政府："  # the title line (spaced differently) is gone
    assert not any("类型系据文号推定" in note for _, note in report.notes)
    assert repo.messages() == []


def test_the_type_is_not_taken_from_the_number_when_the_manifest_says_otherwise(repo: Repo, tmp_path):
    """锡政办发 reads as normative: the manifest's 其他文件 (Traditional 其他文件, or 'other') wins, so no
    interpretation is asked for; without the column the guess is reported."""
    for n, written in enumerate(("其他文件", "other", "其他文件 ")):
        folder, manifest = one_page(tmp_path, f"文件,类型\n{n}.txt,{written}\n", PAGE.replace("72号", f"{80 + n}号"), f"{n}.txt")
        report = importer.run(repo.path, folder, ISSUE, manifest=manifest, section="市政府办公室文件")
        assert front(repo, report.imported[-1][1]).meta["type"] == "其他文件" and report.uninterpreted == []
    folder, manifest = one_page(tmp_path, "文件,标题\n9.txt,关于示例的通知\n", PAGE.replace("72号", "99号"), "9.txt")
    report = importer.run(repo.path, folder, ISSUE, manifest=manifest, section="市政府办公室文件")
    assert ("9.txt", "类型系据文号推定为 规范性文件，请核对（可在清单的 类型 列写明）") in report.notes
    assert "\ntype: 规范性文件  # 据文号推定，请核对\n" in (repo.path / "gazette/2018/06/xzbf-2018-99.md").read_text(encoding="utf-8")
    assert "# 据文号推定" not in (repo.path / "gazette/2018/06/xzbf-2018-80.md").read_text(encoding="utf-8")
    assert report.uninterpreted == [("gazette/2018/06/xzbf-2018-99.md", "锡政办发〔2018〕99号")]


def test_a_letter_is_not_taken_for_a_normative_document(repo: Repo, tmp_path):
    repo.write("gazette.yml", SETTINGS.replace("锡政办发: xzbf,", "锡政办发: xzbf, 锡政办函: xzbh,"))
    folder, manifest = one_page(tmp_path, "file\n72.txt\n", PAGE.replace("锡政办发〔2018〕72号", "锡政办函〔2018〕72号"))
    report = importer.run(repo.path, folder, ISSUE, manifest=manifest, section="市政府办公室文件")
    assert front(repo, "gazette/2018/06/xzbh-2018-72.md").meta["type"] == "其他文件" and report.uninterpreted == []


def test_a_page_date_later_than_its_issue_is_reported(repo: Repo, tmp_path):
    folder, manifest = one_page(tmp_path, "文件,期\n72.txt,2018/06\n", PAGE.replace("2018年06月20日", "2018年07月02日"))
    report = importer.run(repo.path, folder, None, manifest=manifest, section="市政府办公室文件")
    dest = "gazette/2018/06/xzbf-2018-72.md"
    assert report.late == [(dest, "发布日期 2018-07-02 晚于所属 2018年第6期 的出版日期 2018-06-30"
                                  "：核对发布日期（清单的 发布日期 列优先于网页）或所属的期")]
    assert "发布日期与所属期不符（gongbao check 会报错）：" in report.summary().splitlines()
    assert any(m.startswith(f"{dest}:") and "晚于刊载它的 2018年第6期" in m for m in repo.messages())


def test_no_interpretation_is_asked_for_before_the_duty(repo: Repo, tmp_path):
    repo.write("gazette.yml", SETTINGS + "interpretations_required_from: 2018-06-21\n")
    folder, manifest = one_page(tmp_path, "文件,期\n72.txt,2018/06\n")
    report = importer.run(repo.path, folder, None, manifest=manifest, section="市政府办公室文件")
    assert report.uninterpreted == [] and repo.messages() == []
    repo.write("gazette.yml", SETTINGS + "interpretations_required_from: 2018-06-20\n")
    assert [m.split(" — ")[0].split(": ", 1)[1] for m in repo.messages()] == ["规范性文件 锡政办发〔2018〕72号 没有政策解读"]


def test_rows_without_an_issue_or_with_an_unknown_one_are_skipped(repo: Repo, tmp_path):
    folder, manifest = one_page(tmp_path, "文件,期\n72.txt,2019/01\n73.txt,\n74.txt,第六期\n")
    for n in (73, 74):
        (folder / f"{n}.txt").write_text(PAGE.replace("72号", f"{n}号"), encoding="utf-8")
    report = importer.run(repo.path, folder, None, manifest=manifest)
    assert report.imported == [] and report.skipped == [
        ("72.txt", "2019年第1期 还不存在 — 先运行 gongbao new issue --year 2019 --number 1"),
        ("73.txt", "没有指定所属的期 — 在清单的 期（issue）列写明，如 2018/06，或用 --issue 指定"),
        ("74.txt", "期“第六期”无法识别 — 写成 年份/期号，如 2018/06"),
    ]


def test_a_manifest_without_a_file_column_is_refused(repo: Repo, tmp_path):
    folder, manifest = one_page(tmp_path, "名称,期\n72.txt,2018/06\n")
    with pytest.raises(importer.ImportFailed, match="每一行都要有 file（文件）列"):
        importer.run(repo.path, folder, None, manifest=manifest)


def test_importing_twice_adds_nothing_and_a_moved_copy_is_still_a_duplicate(repo: Repo, tmp_path):
    folder, manifest = one_page(tmp_path, "文件,期,栏目\n72.txt,2018/06,市政府办公室文件\n")
    first = importer.run(repo.path, folder, None, manifest=manifest)
    dest = first.imported[0][1]
    (repo.path / dest).write_text((repo.path / dest).read_text(encoding="utf-8") + "\n编辑补充的一段。\n", encoding="utf-8")
    edited = (repo.path / dest).read_bytes()
    progress = []
    again = importer.run(repo.path, folder, None, manifest=manifest, progress=lambda *a: progress.append(a))
    assert (again.imported, again.before, again.skipped) == ([], [("72.txt", dest)], [])
    assert again.summary().splitlines()[0] == "导入完毕：已导入 0 份，此前已导入 1 份（未改动），跳过 0 份。"
    assert (repo.path / dest).read_bytes() == edited and progress == [(1, 1)]
    (repo.path / dest).rename(repo.path / "gazette/2018/06/moved.md")  # the same number elsewhere is another file
    third = importer.run(repo.path, folder, None, manifest=manifest)
    assert third.skipped == [("72.txt", "锡政办发〔2018〕72号 与 gazette/2018/06/moved.md 重复（已在公报中或本次已导入）")]


def test_the_command_line_imports_by_manifest_issues_and_shows_progress(repo: Repo, tmp_path):
    folder, manifest = one_page(tmp_path, "文件,期,栏目\n" + "".join(
        f"{n}.txt,2018/06,市政府办公室文件\n" for n in range(100, 205)))
    for n in range(100, 205):
        (folder / f"{n}.txt").write_text(PAGE.replace("72号", f"{n}号"), encoding="utf-8")
    (folder / "72.txt").unlink()
    gongbao = [str(ROOT / ".venv/bin/gongbao"), "import", str(folder)]
    result = subprocess.run(gongbao + ["--manifest", str(manifest)], cwd=repo.path, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == ["已处理 100/105 个文件", "已处理 105/105 个文件"]
    assert result.stdout.splitlines()[:3] == ["导入完毕：已导入 105 份，跳过 0 份。", "已导入：", "  gazette/2018/06/：105 份"]
    refused = subprocess.run(gongbao, cwd=repo.path, capture_output=True, text=True)
    assert refused.returncode == 2 and "指定导入到哪一期（--issue 2018/06），或在清单（--manifest）的 期 列逐份写明" in refused.stderr


def write_repo(path: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        (path / rel).parent.mkdir(parents=True, exist_ok=True)
        (path / rel).write_text(text, encoding="utf-8")


def test_a_whole_legacy_archive_imports_in_one_run(tmp_path):
    """2,000 documents of real shape from 2006 to 2019 as their old web site served them, with the old
    system's export as a manifest: one run imports them all into their issues, every value recovered,
    and check passes with no interpretation before the duty began (2016-11-10). A second run adds nothing."""
    start = dt.date(2016, 11, 10)
    files, pages, manifest, originals = legacy_archive.build(2000, start)
    root, legacy = tmp_path / "repo", tmp_path / "legacy"
    write_repo(root, files)
    for name, data in pages.items():
        (legacy / name).parent.mkdir(parents=True, exist_ok=True)
        (legacy / name).write_bytes(data)
    (tmp_path / "清单.csv").write_text(manifest, encoding="utf-8")
    command = [str(ROOT / ".venv/bin/gongbao"), "import", str(legacy), "--manifest", str(tmp_path / "清单.csv")]
    began = time.monotonic()
    first = subprocess.run(command, cwd=root, capture_output=True, text=True, timeout=600)
    took = time.monotonic() - began
    total = len(pages)
    assert first.returncode == 0, first.stdout[-3000:] + first.stderr[-3000:]
    assert first.stderr.splitlines() == [f"已处理 {n}/{total} 个文件" for n in range(100, total + 1, 100)] + (
        [f"已处理 {total}/{total} 个文件"] if total % 100 else [])
    summary = first.stdout.splitlines()
    assert summary[0] == f"导入完毕：已导入 {total} 份，跳过 0 份。"
    assert "待填写（TODO，gongbao check 会报错）：" not in summary and "缺少政策解读（gongbao check 会报错）：" not in summary
    assert f"  （{total} 份文件）网页中表头之前 2 行、责编之后 1 行（导航、页脚等）未导入" in summary

    result = check(root, today=dt.date(2026, 11, 29))
    assert [str(d) for d in result.diagnostics] == []
    documents = {d.source.path: d for d in result.archive.documents}
    assert len(documents) == total
    old = [d for d in documents.values() if d.type in ("规章", "规范性文件") and d.published < start]
    new = [d for d in documents.values() if d.type in ("规章", "规范性文件") and d.published >= start]
    assert len(old) > 500 and len(new) > 200
    assert not any(result.archive.interpretations_of(d) for d in old)
    assert all(result.archive.interpretations_of(d) for d in new)

    assert not any(" → " in line for line in summary)  # thousands are summed up per issue, not listed
    assert "  gazette/2006/02/：12 份" in summary
    by_ref = {str(d.ref): d for d in documents.values()}
    for name, (meta, body, issue) in originals.items():
        doc = by_ref[str(DocNumber.parse(meta["doc_number"]))]
        assert doc.source.path.startswith(f"gazette/{issue}/")
        assert (doc.title, doc.type, doc.section, doc.status, doc.disclosure, doc.published.isoformat(),
                doc.written.isoformat(), doc.language, "、".join(doc.issuers)) == (
            meta["title"], meta["type"], meta["section"], meta["status"], meta["disclosure"], str(meta["published"]),
            str(meta["written"]), meta.get("language", "zh-Hans"), meta["issuer"]), name
        lines = [line.strip() for line in body.splitlines() if line.strip()]
        written = parse(doc.source.path, (root / doc.source.path).read_bytes()).source.body  # before redaction
        assert [line for line in written.splitlines() if line.strip()] == lines, name  # the title not again

    snapshot = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    second = subprocess.run(command, cwd=root, capture_output=True, text=True, timeout=600)
    assert second.returncode == 0
    assert second.stdout.splitlines()[0] == f"导入完毕：已导入 0 份，此前已导入 {total} 份（未改动），跳过 0 份。"
    assert {p: p.read_bytes() for p in root.rglob("*") if p.is_file()} == snapshot
    print(f"import of {total} legacy pages: {took:.1f} s")


def test_a_link_planted_where_an_imported_file_goes_is_an_existing_file(repo: Repo, tmp_path):
    """A link leading nowhere is not taken for no file, with the imported document written where it leads: the
    import reads the repository first, and refuses any link out of it."""
    folder, manifest = one_page(tmp_path, "文件,期,栏目\n72.txt,2018/06,市政府办公室文件\n")
    (repo.path / "gazette/2018/06/xzbf-72.md").symlink_to(tmp_path / "outside.md")
    with pytest.raises(importer.ImportFailed, match="xzbf-72.md: 符号链接指向仓库之外"):
        importer.run(repo.path, folder, None, manifest=manifest)
    assert not (tmp_path / "outside.md").exists()


def test_a_link_in_the_legacy_folder_is_not_imported(repo: Repo, tmp_path):
    """A legacy archive unpacked with a link in it (a.txt → ~/.ssh/id_rsa, /etc/…): the file it led to was read into
    the repository as a document's text, the manifest giving it a number and a title."""
    (tmp_path / "host").mkdir()
    (tmp_path / "host/secret.txt").write_text("SECRET=hunter2\n", encoding="utf-8")
    folder = tmp_path / "legacy"
    folder.mkdir()
    (folder / "a.txt").symlink_to(tmp_path / "host/secret.txt")
    (folder / "b").symlink_to(tmp_path / "host")
    manifest = tmp_path / "manifest.yaml"
    manifest.write_text("- file: a.txt\n  文号: 锡政办发〔2018〕71号\n  标题: 关于示例的通知\n", encoding="utf-8")
    report = importer.run(repo.path, folder, ISSUE, manifest=manifest)
    assert report.imported == []
    reason = "是符号链接，未导入（它可能指向本机的任何文件）— 把文件本身复制到导入目录"
    assert report.skipped == [("a.txt", reason), ("b", reason)]
    assert not any("hunter2" in p.read_text(encoding="utf-8") for p in repo.path.rglob("*.md"))


@pytest.mark.parametrize("name", ["72.txt", "72.md"])
def test_a_legacy_text_that_begins_with_three_dashes_is_text_not_front_matter(repo: Repo, tmp_path, name):
    """Read as the file's own front matter, the text set every key the manifest did not give: here a disclosure the
    page does not say, and an earlier URL of another document, taken over. It stays text, after the front matter."""
    block = "---\ndisclosure: 主动公开\nprevious_urls: [doc/xzbf/2018/68/]\n---\n"
    text = block + PAGE.replace("（此件公开发布）\n", "")
    folder, manifest = one_page(tmp_path, f"文件,期,栏目,文号\n{name},2018/06,市政府办公室文件,锡政办发〔2018〕72号\n", text, name)
    report = importer.run(repo.path, folder, None, manifest=manifest)
    dest = "gazette/2018/06/xzbf-2018-72.md"
    assert report.imported == [(name, dest)]
    doc = front(repo, dest)
    assert "previous_urls" not in doc.meta and doc.meta["disclosure"].startswith("TODO：")
    assert "\n\nprevious_urls: [doc/xzbf/2018/68/]\n\n" in doc.body


def test_a_legacy_texts_page_and_line_breaks_become_line_ends_the_loader_reads(repo: Repo, tmp_path):
    """Text exported from Word or a PDF carries form feeds and vertical tabs, control characters the loader refuses."""
    page = PAGE.replace("各市（县）、区人民政府：\n", "各市（县）、区人民政府：\v").replace("（此件公开发布）\n", "\f（此件公开发布）\n")
    folder, manifest = one_page(tmp_path, "文件,期,栏目,文号\n72.txt,2018/06,市政府办公室文件,锡政办发〔2018〕72号\n", page)
    report = importer.run(repo.path, folder, None, manifest=manifest)
    assert report.notes[0] == ("72.txt", "原文件中的分页符、手动换行符已换成换行")
    assert "各市（县）、区人民政府：\n\n现就示例工作通知如下。" in front(repo, "gazette/2018/06/xzbf-2018-72.md").body
    assert not any("控制字符" in m for m in repo.messages())


def test_controls_a_gb18030_legacy_text_carries_are_each_told_at_their_line_after_the_import(repo: Repo, tmp_path):
    """GB18030 encodes every character, the C1 controls and the bidirectional ones too: decoded, they reach the file
    the import writes, where the check tells each one (an editor told of the first alone met the next at each run)."""
    page = PAGE.replace("现就示例工作通知如下。", "罚款五万元\x1b[2K罚款五元。\n第二款\u202e0005\u202c元\x7f。\n第三款\x9b31m。")
    folder, manifest = one_page(tmp_path, "文件,期,栏目\n72.txt,2018/06,市政府办公室文件\n", "")
    (folder / "72.txt").write_bytes(page.encode("gb18030"))
    importer.run(repo.path, folder, None, manifest=manifest)
    dest = "gazette/2018/06/xzbf-2018-72.md"
    lines = (repo.path / dest).read_text(encoding="utf-8").split("\n")
    at = {code: next(n + 1 for n, line in enumerate(lines) if char in line)
          for code, char in (("001B", "\x1b"), ("202E", "\u202e"), ("202C", "\u202c"), ("007F", "\x7f"), ("009B", "\x9b"))}
    told = {(d.line, d.message.split("U+")[1][:4]) for d in repo.check().diagnostics if d.path == dest}
    assert told == {(line, code) for code, line in at.items()}


def test_a_legacy_file_past_the_loader_s_limit_is_skipped_unread(repo: Repo, tmp_path, monkeypatch):
    """Read whole: a 5 GB file in an unpacked archive took the machine's memory; the loader refuses any document
    past source.MAX_BYTES, so nothing past it could be imported anyway. Only the limit and one byte more are read."""
    from gongbao.content import source
    monkeypatch.setattr(source, "MAX_BYTES", len(PAGE.encode("utf-8")) + 10)
    folder, manifest = one_page(tmp_path, "文件,期,栏目\n72.txt,2018/06,市政府办公室文件\n73.txt,2018/06,市政府办公室文件\n")
    with (folder / "73.txt").open("w", encoding="utf-8") as big:
        big.write(PAGE.replace("72", "73") + "现就示例工作通知如下。\n" * 10)
    report = importer.run(repo.path, folder, None, manifest=manifest)
    assert report.imported == [("72.txt", "gazette/2018/06/xzbf-2018-72.md")]
    limit = source.MAX_BYTES // 1024
    assert report.skipped == [("73.txt", f"文件过大（超过 {limit} KB，公报文件的上限）— 只保留文件的正文后重新导入")]
    assert not (repo.path / "gazette/2018/06/xzbf-2018-73.md").exists()
