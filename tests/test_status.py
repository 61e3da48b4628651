"""gongbao status: what changed against the lock, per document, with the changed lines (from git);
and the lock rule's error points at the first changed line."""
import subprocess

import pytest

from conftest import Repo
from gongbao.cli import main

from test_lock import CORRECTION

DOC = "gazette/2018/06/xzbf-68.md"
JD = "interpretations/xzbf-68-jd.md"
URL = "doc/xzbf/2018/68/"


def git(repo: Repo, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo.path), "-c", "user.email=e@example.gov.cn", "-c", "user.name=编辑", *args],
                   check=True, capture_output=True)


def publish(repo: Repo) -> Repo:
    """``repo`` locked and committed: the published state."""
    assert main(["lock", "--root", str(repo.path), "--write"]) == 0
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "发布")
    return repo


@pytest.fixture
def committed(repo: Repo, capsys) -> Repo:
    """The minimal repository, published."""
    publish(repo)
    capsys.readouterr()
    return repo


def status(repo: Repo, capsys, *args: str) -> tuple[int, list[str]]:
    code = main(["status", "--root", str(repo.path), *args])
    return code, capsys.readouterr().out.splitlines()


def test_nothing_changed(committed: Repo, capsys):
    assert status(committed, capsys) == (0, ["与 gazette.lock.json 相比：新增 0 个网址，改动 0 份（其中 0 份没有勘误），"
                                             "消失 0 个网址；锁定的 3 个网址中其余未变"])


def test_a_changed_line_is_shown_and_the_lock_error_points_at_it(committed: Repo, capsys):
    committed.replace(DOC, "（一）加强统筹。各地各部门要加强统筹。", "（一）加强统筹。各地各部门要统筹推进。")
    code, out = status(committed, capsys)
    assert (code, out[:3]) == (1, [
        f"{DOC}  {URL}  已改动，没有勘误：若是更正，在 corrections 中写明以下改动；否则恢复原文",
        "  第 13 行 原为：（一）加强统筹。各地各部门要加强统筹。",
        "  第 13 行 现为：（一）加强统筹。各地各部门要统筹推进。"])
    assert out[3].startswith("与 gazette.lock.json 相比：新增 0 个网址，改动 1 份（其中 1 份没有勘误）")
    (message,) = committed.messages()
    assert message.startswith(f"{DOC}:13: 已发布的文本（标题、文号或正文）被改动，但没有勘误记录")  # not :12, the body's start


def test_a_changed_title_points_at_the_title(committed: Repo, capsys):
    committed.replace(DOC, "title: 关于印发示例办法的通知", "title: 关于印发示例办法的通知（修订）")
    code, out = status(committed, capsys)
    assert out[1:3] == ["  第 2 行 标题原为：关于印发示例办法的通知", "  第 2 行 标题现为：关于印发示例办法的通知（修订）"]
    assert committed.messages()[0].startswith(f"{DOC}:2: 已发布的文本")


def test_what_the_hash_ignores_is_no_change(committed: Repo, capsys):
    committed.replace(DOC, "status: 执行中", "status: 执行中  ")  # front matter other than title and number
    committed.replace(DOC, "各地各部门要加强统筹。", "各地各部门要加强统筹。 ")  # a trailing blank
    assert status(committed, capsys)[0] == 0 and committed.messages() == []


def test_a_correction_recorded_but_not_locked(committed: Repo, capsys):
    committed.replace(DOC, "（一）加强统筹。各地各部门要加强统筹。", "（一）统筹推进。各地各部门要加强统筹。")
    committed.replace(DOC, "section: 市政府办公室文件\n", "section: 市政府办公室文件\ncorrections:\n"
                      "  - {date: 2018-07-02, change: 第一段“加强统筹”更正为“统筹推进”, reason: 录入错误}\n")
    code, out = status(committed, capsys)
    assert code == 0 and out[0] == f"{DOC}  {URL}  已改动，已加勘误（确认勘误写明了以下改动，再运行 gongbao lock --write）"
    assert out[1] == "  第 15 行 原为：（一）加强统筹。各地各部门要加强统筹。"


def test_an_edit_already_committed_says_where_to_look(committed: Repo, capsys):
    committed.replace(DOC, "各地各部门要加强统筹。", "各地各部门要统筹推进。")
    git(committed, "commit", "-qam", "改动")
    code, out = status(committed, capsys)
    assert code == 1 and out[1] == "  （HEAD 中没有可比较的版本：改动已提交或文件改了名；用 --base 指定上次发布的提交）"
    code, out = status(committed, capsys, "--base", "HEAD~1")
    assert out[1] == "  第 13 行 原为：（一）加强统筹。各地各部门要加强统筹。"
    assert committed.messages()[0].startswith(f"{DOC}:12: ")  # the check compares with HEAD only: the body's start
    assert main(["status", "--root", str(committed.path), "--base", "no-such-ref"]) == 2


ISSUE = "gazette/2018/06/index.md"


def test_a_changed_issue_note_is_shown_to_be_restored(repo: Repo, capsys):
    """An issue has no 勘误: once printed, its note (the body of its index.md) stays as locked."""
    repo.write(ISSUE, (repo.path / ISSUE).read_text(encoding="utf-8") + "本期刊登《示例办法》。\n")
    publish(repo)
    capsys.readouterr()
    repo.replace(ISSUE, "本期刊登《示例办法》。", "本期刊登《示例办法》及其解读。")
    code, out = status(repo, capsys)
    assert (code, out[:3]) == (1, [
        f"{ISSUE}  gazette/2018/06/  本期说明已改动：一期公报出版后不再改动，恢复发布时的说明（更正写在以后一期公报的说明或一份文件中）",
        "  第 8 行 原为：本期刊登《示例办法》。", "  第 8 行 现为：本期刊登《示例办法》及其解读。"])
    assert out[3].startswith("与 gazette.lock.json 相比：新增 0 个网址，改动 1 份")
    assert repo.messages()[0].startswith(f"{ISSUE}:8: 已发布的一期公报的说明被改动")


def test_new_and_vanishing_urls(committed: Repo, capsys):
    committed.write("gazette/2018/06/xzbf-69.md", (committed.path / DOC).read_text(encoding="utf-8").replace("68号", "69号")
                    .replace("type: 规范性文件", "type: 其他文件"))
    (committed.path / JD).unlink()
    committed.replace(DOC, "type: 规范性文件", "type: 其他文件")
    code, out = status(committed, capsys)
    assert code == 1
    assert "gazette/2018/06/xzbf-69.md  doc/xzbf/2018/69/  新增（尚未锁定：确认后运行 gongbao lock --write）" in out
    assert (f"gazette.lock.json  {URL}jiedu/xzbf-68-jd/  已发布的网址将消失（锡政办发〔2018〕68号《《示例办法》解读》）："
            "运行 gongbao check 查看怎样处理") in out
    assert "  类型：“规范性文件” → “其他文件”" in out  # a fact of the locked record
    assert out[-1].startswith("与 gazette.lock.json 相比：新增 1 个网址，改动 1 份（其中 1 份没有勘误），消失 1 个网址")


def test_outside_git_the_lock_error_keeps_the_body_line_and_status_says_why(repo: Repo, capsys):
    assert main(["lock", "--root", str(repo.path), "--write"]) == 0
    capsys.readouterr()
    repo.replace(DOC, "各地各部门要加强统筹。", "各地各部门要统筹推进。")
    assert repo.messages()[0].startswith(f"{DOC}:12: ")
    code, out = status(repo, capsys)
    assert code == 1 and out[1].startswith("  （HEAD 中没有可比较的版本")


@pytest.mark.parametrize("path,old,new,line", [
    ("drafts/closed.md", "第一条 为了示例，制定本办法。", "第一条 为了改动，制定本办法。", 12),
    ("explanations/closed.md", "示例。", "改动。", 8),
    ("feedback/closed.md", "六条，理由如下。", "五条，理由如下。", 16),
])
def test_a_changed_participation_text_is_a_lock_error_at_its_line_not_a_traceback(tmp_path, capsys, path, old, new, line):
    """A locked 征求意见稿, 起草说明 or 意见采纳情况 changed in its working copy: check and status compared it with git's
    copy as if it were a document or an interpretation (AttributeError: 'Draft' object has no attribute
    'interprets'), a traceback instead of the lock's error."""
    from test_participation import CLOSED, EXPLANATION, FEEDBACK
    from conftest import minimal_files
    repo = Repo(tmp_path / "repo")
    for rel, text in (minimal_files() | {"drafts/closed.md": CLOSED, "feedback/closed.md": FEEDBACK,
                                         "explanations/closed.md": EXPLANATION.replace("2026-sl-zqyj", "2018-sl-zqyj")}).items():
        repo.write(rel, text)
    assert main(["lock", "--root", str(repo.path), "--write"]) == 0
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "发布")
    capsys.readouterr()
    repo.replace(path, old, new)
    found = [m for m in repo.messages() if "已发布的文本" in m]
    assert len(found) == 1 and found[0].startswith(f"{path}:{line}: "), found
    code, out = status(repo, capsys)
    assert code == 1 and out[1] == f"  第 {line} 行 原为：{old}" and out[2] == f"  第 {line} 行 现为：{new}"


def test_an_editors_note_is_no_change_and_not_shown(repo: Repo, capsys):
    """Git's copy was compared with its editors' notes in, the working copy without (the loader strips them): a note
    line showed as changed, and the lock error pointed at it rather than at the line really changed."""
    repo.replace(DOC, "一、总体要求\n", "<!-- 内部：复核 -->\n一、总体要求\n")
    assert main(["lock", "--root", str(repo.path), "--write"]) == 0
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "发布")
    capsys.readouterr()
    repo.replace(DOC, "各地各部门要加强统筹。", "各地各部门要统筹推进。")
    code, out = status(repo, capsys)
    assert code == 1 and out[1:3] == ["  第 14 行 原为：（一）加强统筹。各地各部门要加强统筹。",
                                      "  第 14 行 现为：（一）加强统筹。各地各部门要统筹推进。"]
    assert not any("内部" in line for line in out)
    assert repo.messages()[0].startswith(f"{DOC}:14: ")


SCRIPT = "  字形（language）：“zh-Hans” → “zh-Hant”"
UNCORRECTED = "已改动，没有勘误：若是更正，在 corrections 中写明以下改动；否则恢复原文"


def test_a_script_changed_in_the_page_is_listed_as_the_check_refuses_it(committed: Repo, capsys):
    """No hash covers the script (the 附注 and the twins' language follow it): status said nothing while check refused."""
    committed.replace(DOC, "status: 执行中", "status: 执行中\n语言: zh-Hant")  # the Chinese key: written all the same
    code, out = status(committed, capsys)
    assert (code, out) == (1, [f"{DOC}  {URL}  {UNCORRECTED}", SCRIPT,
                               "与 gazette.lock.json 相比：新增 0 个网址，改动 1 份（其中 1 份没有勘误），消失 0 个网址；"
                               "锁定的 3 个网址中其余未变"])
    assert any("字形（language）被改动，但没有勘误记录" in m for m in committed.messages())


def test_a_script_changed_by_gazette_yml_is_listed_for_each_page_that_takes_it(committed: Repo, capsys):
    committed.replace("gazette.yml", 'url: "https://example.gov.cn/"}', 'url: "https://example.gov.cn/", default_language: zh-Hant}')
    code, out = status(committed, capsys)
    told = f"{SCRIPT}（页面没有写 language，按 gazette.yml 的 default_language）"
    assert code == 1 and out[:4] == [f"{DOC}  {URL}  {UNCORRECTED}", told,
                                     f"{JD}  {URL}jiedu/xzbf-68-jd/  {UNCORRECTED}", told]
    assert out[4].startswith("与 gazette.lock.json 相比：新增 0 个网址，改动 2 份（其中 2 份没有勘误）")
    committed.replace(DOC, "---\n一、", "language: zh-Hans\n---\n一、")  # as check's hint says: the page keeps its script
    committed.replace(JD, "---\n## 一、", "language: zh-Hans\n---\n## 一、")
    assert status(committed, capsys)[0] == 0 and committed.messages() == []


def test_a_script_changed_with_its_correction_is_listed_as_corrected(committed: Repo, capsys):
    committed.replace(DOC, "---\n一、", f"language: zh-Hant\n{CORRECTION}---\n一、")
    code, out = status(committed, capsys)
    assert (code, out[:2]) == (0, [f"{DOC}  {URL}  已改动，已加勘误（确认勘误写明了以下改动，再运行 gongbao lock --write）", SCRIPT])
    assert out[2].startswith("与 gazette.lock.json 相比：新增 0 个网址，改动 1 份（其中 0 份没有勘误）")


def test_a_correction_alone_is_counted_as_a_change_not_a_new_url(committed: Repo, capsys):
    """A 勘误 added with no line changed (yet) was listed without lines, and the summary counted those as new URLs."""
    committed.replace(DOC, "---\n一、", f"{CORRECTION}---\n一、")
    code, out = status(committed, capsys)
    assert code == 0 and out[-1].startswith("与 gazette.lock.json 相比：新增 0 个网址，改动 1 份（其中 0 份没有勘误）")


@pytest.mark.parametrize("old, new, line", [
    ("name: 测试公报", "name: 测试市政府公报", "  site.name：“测试公报” → “测试市政府公报”"),
    ('url: "https://example.gov.cn/"', 'url: "https://new.example.gov.cn/"',
     "  site.url：“https://example.gov.cn/” → “https://new.example.gov.cn/”"),
])
def test_a_changed_site_name_or_address_is_listed_until_lock_write_site_records_it(committed: Repo, capsys, old, new, line):
    """Every published page's citation or URL changes with it, and check refuses it: status said nothing changed."""
    committed.replace("gazette.yml", old, new)
    code, out = status(committed, capsys)
    assert code == 1 and out[:2] == [
        "gazette.yml  https://example.gov.cn/  网站名称或地址已改动：已发布的页面都以锁定的名称和地址发布、被引用；恢复原值，或确实"
        "更名、迁址的（旧地址的网址先永久转到新地址），运行 gongbao lock --write --site 记下", line]
    assert out[2] == ("与 gazette.lock.json 相比：新增 0 个网址，改动 0 份（其中 0 份没有勘误），消失 0 个网址；网站名称或地址已改动；"
                      "锁定的 3 个网址中其余未变")
    assert any(m.startswith("gazette.yml:1: site.") for m in committed.messages())
    assert main(["lock", "--root", str(committed.path), "--write", "--site"]) == 0
    capsys.readouterr()
    assert status(committed, capsys)[0] == 0 and committed.messages() == []
