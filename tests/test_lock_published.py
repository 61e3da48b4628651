"""The lock cannot be weakened by hand: it is compared with the last published one.

The last published lock is the copy in the site being replaced (``gongbao build``), a file
(``gongbao check --against-lock``) or the lock of a git ref (``gongbao check --base``, CI).
"""
from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import TODAY, Repo
from gongbao.content import integrity, lock, published_lock as published
from gongbao.publish.build import BuildFailed, build
from gongbao.publish.check import check
from gongbao.cli import main

from test_lock import CORRECTION, DOC, JD, JD_URL, URL, older, renumber, write_lock

NAME = "site/gazette.lock.json"
RESTORE = "锁定文件只能由 gongbao lock --write 增补，不能删改：用 git 恢复被改动的条目"


@pytest.fixture
def released(repo: Repo, tmp_path, capsys) -> Repo:
    """A locked repository, and a copy of its lock as the site it was published with carries it."""
    repo.replace(DOC, "status: 执行中", f"status: 执行中\n{CORRECTION}")
    write_lock(repo)
    (tmp_path / "site").mkdir()
    shutil.copy(repo.path / lock.FILENAME, tmp_path / "site" / lock.FILENAME)
    capsys.readouterr()
    return repo


def messages(repo: Repo) -> list[str]:
    site = repo.path.parent / "site" / lock.FILENAME
    return [str(d) for d in check(repo.path, TODAY, published=lock.read(site, NAME)).diagnostics]


def edit_lock(repo: Repo, edit) -> str:
    data = json.loads((repo.path / lock.FILENAME).read_text(encoding="utf-8"))
    edit(data["urls"])
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    (repo.path / lock.FILENAME).write_text(text, encoding="utf-8")
    return text


def line(text: str, url: str, key: str = "") -> int:
    start = text.index(f'"{url}"')
    at = text.index(f'"{key}"', start) if key else start
    return text[:at].count("\n") + 1


def published_line(repo: Repo, url: str) -> int:
    return lock.read(repo.path.parent / "site" / lock.FILENAME, NAME)[0].line(url)


def test_an_unchanged_or_extended_lock_passes(released: Repo):
    assert messages(released) == []
    released.replace(DOC, "各部门要加强统筹。", "各部门要统筹。")
    released.replace(DOC, "录入错误}\n", "录入错误}\n  - {date: 2026-12-01, change: 第二段更正, reason: 录入错误}\n")
    write_lock(released)
    assert messages(released) == []


def test_an_entry_deleted_together_with_its_document_is_refused(released: Repo):
    (released.path / DOC).unlink()
    (released.path / JD).unlink()
    edit_lock(released, lambda urls: (urls.pop(URL), urls.pop(JD_URL)))
    found = messages(released)
    assert (f"gazette.lock.json:1: gazette.lock.json 删去了已发布的条目 {URL}（锡政办发〔2018〕68号《关于印发示例办法的通知》），"
            f"上次发布的 {NAME} 第 {published_line(released, URL)} 行记有它 — {RESTORE}") in found
    assert any(m.startswith(f"gazette.lock.json:1: gazette.lock.json 删去了已发布的条目 {JD_URL}") for m in found)
    # and the check against the published lock names the URL that vanished
    assert any(m.startswith(f"{NAME}:{published_line(released, URL)}: 已发布的网址 {URL}") for m in found)


@pytest.mark.parametrize("new_url", ["doc/XZBF/2018/68/", "doc/xzbf/2018/69/", "doc/xzbf/2018/68"])
def test_an_entry_renamed_or_moved_to_another_url_is_refused(released: Repo, new_url):
    edit_lock(released, lambda urls: urls.__setitem__(new_url, urls.pop(URL)))
    found = messages(released)
    assert any(m.startswith(f"gazette.lock.json:1: gazette.lock.json 删去了已发布的条目 {URL}") for m in found)


def test_a_nulled_hash_is_refused(released: Repo):
    text = edit_lock(released, lambda urls: urls[URL].__setitem__("sha256", None))
    found = messages(released)
    assert (f"gazette.lock.json:{line(text, URL, 'sha256')}: gazette.lock.json 中“{URL}”的条目无效："
                        "sha256 应为 64 位小写十六进制（文件和解读的哈希不能为空） — 不要手工编辑锁定文件；用 git 恢复它，再运行 gongbao lock") in found
    assert any(m.startswith(f"gazette.lock.json:1: gazette.lock.json 删去了已发布的条目 {URL}") for m in found)


def test_a_count_lowered_by_one_is_refused(released: Repo):
    """The correction and its record removed, and the count lowered: the committed lock agrees with the text."""
    released.replace(DOC, CORRECTION, "")
    text = edit_lock(released, lambda urls: urls[URL].update(corrections=0, correction_sha256=[]))
    found = messages(released)
    assert (f"gazette.lock.json:{line(text, URL, 'corrections')}: gazette.lock.json 中 {URL} 的条目被改弱："
            f"勘误条数由 1 减为 0（与上次发布的 {NAME} 第 {published_line(released, URL)} 行相比） — {RESTORE}") in found
    assert any(m.startswith(f"{DOC}:1: 勘误记录被删除：{NAME}") for m in found)


def test_a_hash_rewritten_to_match_altered_text_is_refused(released: Repo):
    released.replace(DOC, "各部门要加强统筹。", "各部门不必统筹。")
    digest = integrity.sha256(released.check().archive.documents[0])
    text = edit_lock(released, lambda urls: urls[URL].__setitem__("sha256", digest))
    found = messages(released)
    assert (f"gazette.lock.json:{line(text, URL, 'sha256')}: gazette.lock.json 中 {URL} 的条目被改弱："
            f"勘误条数未变，sha256 却被改动（与上次发布的 {NAME} 第 {published_line(released, URL)} 行相比） — {RESTORE}") in found
    assert any(m.startswith(f"{DOC}:") and "没有勘误记录" in m and NAME in m for m in found)


def test_a_correction_record_rewritten_in_text_and_lock_is_refused(released: Repo):
    released.replace(DOC, "date: 2026-12-01", "date: 2026-11-09")
    doc = released.check().archive.documents[0]
    text = edit_lock(released, lambda urls: urls[URL].__setitem__(
        "correction_sha256", [integrity.correction_sha256(c) for c in doc.corrections]))
    found = messages(released)
    assert (f"gazette.lock.json:{line(text, URL, 'correction_sha256')}: gazette.lock.json 中 {URL} 的条目被改弱："
            f"已锁定的勘误记录的哈希被删除或改写（与上次发布的 {NAME} 第 {published_line(released, URL)} 行相比） — {RESTORE}") in found
    assert any(m.startswith(f"{DOC}:9: 第 1 条勘误（现为 2026-11-09：") and NAME in m for m in found)


@pytest.mark.parametrize("key, value, why", [("first_published", "2018-06-01", "首次发布日期由 2018-06-05 改为 2018-06-01"),
                                             ("kind", "interpretation", "kind 由 document 改为 interpretation")])
def test_history_in_an_entry_cannot_be_rewritten(released: Repo, key, value, why):
    if key == "kind":  # the entry's record is a document's: as another kind's it no longer reads
        edit_lock(released, lambda urls: urls[URL].pop("fields"))
    text = edit_lock(released, lambda urls: urls[URL].__setitem__(key, value))
    assert (f"gazette.lock.json:{line(text, URL, key)}: gazette.lock.json 中 {URL} 的条目被改弱：{why}"
            f"（与上次发布的 {NAME} 第 {published_line(released, URL)} 行相比） — {RESTORE}") in messages(released)


@pytest.mark.parametrize("empty", [None, '{"version": 2, "urls": {}}\n'])
def test_deleting_or_emptying_the_whole_lock_is_refused(released: Repo, empty):
    if empty is None:
        (released.path / lock.FILENAME).unlink()
    else:
        released.write(lock.FILENAME, empty)
    state = "不存在" if empty is None else "为空"
    assert messages(released) == [
        f"gazette.lock.json:1: gazette.lock.json {state}，但上次发布的 {NAME} 记录了 3 个已发布的网址 — "
        "用 git 恢复 gazette.lock.json（git checkout <上次发布的提交> -- gazette.lock.json）"]


def test_an_upgrade_from_a_version_1_lock_is_checked_with_its_hashes(released: Repo, capsys):
    """Published with version 1; the committed lock upgraded: the text must still match the old hashes."""
    site = released.path.parent / "site" / lock.FILENAME
    data = older(released, json.loads(site.read_text(encoding="utf-8")), 1)
    site.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    assert messages(released) == []
    # an edit slipped in with the upgrade, its new hash written by hand: the version-1 hash catches it
    released.replace(DOC, "各部门要加强统筹。", "各部门不必统筹。")
    digest = integrity.sha256(released.check().archive.documents[0])
    edit_lock(released, lambda urls: urls[URL].__setitem__("sha256", digest))
    (found,) = messages(released)
    assert found.startswith(f"{DOC}:") and f"没有勘误记录：与 {NAME} 第" in found


def test_lock_write_upgrades_a_version_1_entry_only_when_its_hash_still_matches(released: Repo, capsys):
    data = json.loads((released.path / lock.FILENAME).read_text(encoding="utf-8"))
    doc = released.check().archive.documents[0]
    released.write(lock.FILENAME, json.dumps(older(released, data, 1), ensure_ascii=False))
    released.replace(JD, "## 九、新旧政策差异", "## 九、新旧政策差异\n无。")  # no longer matches its version-1 hash
    assert main(["lock", "--root", str(released.path), "--write"]) == 1  # the content has an error: nothing written
    released.replace(JD, "## 九、新旧政策差异\n无。", "## 九、新旧政策差异")
    write_lock(released)
    out = capsys.readouterr().out
    assert f"↑ {URL}  升级为第 {integrity.VERSION} 版规范文本的哈希（原哈希与现行文本一致）" in out
    upgraded = lock.load(released.path)[0].entries[URL]
    assert (upgraded.canonical_version, upgraded.sha256, len(upgraded.correction_sha256)) == (integrity.VERSION, integrity.sha256(doc), 1)
    assert dict(upgraded.fields) == dict(integrity.record(doc))


# --- gongbao check --against-lock / --base (CI) ---------------------------------------------------

def test_check_against_a_lock_file(released: Repo, capsys):
    site = released.path.parent / "site" / lock.FILENAME
    edit_lock(released, lambda urls: urls.pop("gazette/2018/06/"))
    assert main(["check", "--root", str(released.path)]) == 0
    assert main(["check", "--root", str(released.path), "--against-lock", str(site)]) == 1
    assert f"删去了已发布的条目 gazette/2018/06/" in capsys.readouterr().out
    assert main(["check", "--root", str(released.path), "--against-lock", str(site.parent / "missing.json")]) == 2


def git(repo: Repo, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo.path), "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
                   check=True, capture_output=True)


def test_check_against_the_lock_of_a_git_ref(released: Repo, capsys):
    git(released, "init", "-q", "-b", "main")
    git(released, "add", "-A")
    git(released, "commit", "-qm", "published")
    released.replace(DOC, CORRECTION, "")
    edit_lock(released, lambda urls: urls[URL].update(corrections=0, correction_sha256=[]))
    assert main(["check", "--root", str(released.path), "--format", "github", "--base", "main"]) == 1
    out = capsys.readouterr().out
    assert f"::error file=gazette.lock.json,line=" in out and "勘误条数由 1 减为 0（与上次发布的 main:gazette.lock.json 第" in out
    assert main(["check", "--root", str(released.path), "--base", "no-such-branch"]) == 2
    assert "git 中没有 no-such-branch" in capsys.readouterr().err


def test_a_ref_without_a_lock_is_a_new_gazette(released: Repo):
    git(released, "init", "-q", "-b", "main")
    git(released, "commit", "-q", "--allow-empty", "-m", "empty")
    locked, problems = published.from_git(released.path, "main")
    assert (locked.entries, problems) == ({}, [])


def test_the_workflow_checks_against_the_base_branch():
    workflow = (Path(__file__).resolve().parent.parent / ".github/workflows/publish.yml").read_text(encoding="utf-8")
    assert "gongbao check --format github --locked --base FETCH_HEAD" in workflow
    assert "gongbao check --format github --locked\n" in workflow
    assert "github.base_ref" in workflow and "github.event.before" in workflow


# --- gongbao build: the site being replaced -------------------------------------------------------

def test_the_build_refuses_to_weaken_the_lock_of_the_site_it_replaces(site_repo: Repo, tmp_path, capfd):
    target = tmp_path / "site"
    build(site_repo.path, target, search_index=False, quiet=True)
    assert (target / lock.FILENAME).read_bytes() == (site_repo.path / lock.FILENAME).read_bytes()
    before = (target / "doc/wxzfl/180/index.html").read_bytes()
    capfd.readouterr()
    # the document and its entry deleted in one commit: the committed lock alone would not notice
    rule = "gazette/2018/06/wxzfl-180.md"
    (site_repo.path / rule).unlink()
    for jd in (site_repo.path / "interpretations").glob("wxzfl-180*.md"):
        jd.unlink()
    site_repo.replace("drafts/2018-gbgl-zqyj.md", "final: 无锡市人民政府令第180号\n", "")  # its draft names it
    data = json.loads((site_repo.path / lock.FILENAME).read_text(encoding="utf-8"))
    for url in [u for u in data["urls"] if u.startswith("doc/wxzfl/180/")]:
        del data["urls"][url]
    (site_repo.path / lock.FILENAME).write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    assert check(site_repo.path).ok  # nothing to see without the published state
    with pytest.raises(BuildFailed):
        build(site_repo.path, target, search_index=False, quiet=True)
    err = capfd.readouterr().err
    assert "gazette.lock.json:1: gazette.lock.json 删去了已发布的条目 doc/wxzfl/180/（无锡市人民政府令第180号" in err
    assert "上次发布的 site/gazette.lock.json 第" in err
    assert (target / "doc/wxzfl/180/index.html").read_bytes() == before  # the published site is untouched


def test_the_build_refuses_a_site_folder_holding_files_git_tracks(site_repo: Repo, capfd):
    """A commit holding site/gazette.lock.json (git add -f: site/ is ignored) is written over the published copy by the
    pull, silently; with the committed lock weakened the same way, a locked text changed without a 勘误 and passed."""
    target = site_repo.path / "site"
    build(site_repo.path, target, search_index=False, quiet=True)
    site_repo.write(".gitignore", "site/\n.cache/\n")
    git(site_repo, "init", "-q", "-b", "main")
    git(site_repo, "add", "-A")
    git(site_repo, "commit", "-qm", "published")
    data = json.loads((site_repo.path / lock.FILENAME).read_text(encoding="utf-8"))
    del data["urls"]["doc/wxzfl/180/"]
    weakened = json.dumps(data, ensure_ascii=False, indent=2)
    for path in (site_repo.path / lock.FILENAME, target / lock.FILENAME):
        path.write_text(weakened, encoding="utf-8")
    git(site_repo, "add", "-f", f"site/{lock.FILENAME}")
    site_repo.replace("gazette/2018/06/wxzfl-180.md", "第三条", "第叁条")
    capfd.readouterr()
    with pytest.raises(BuildFailed, match=f"网站目录 site/ 中有纳入 git 版本库的文件（site/{lock.FILENAME}）"):
        build(site_repo.path, target, search_index=False, quiet=True)
    # gongbao check says so before the commit leaves: nothing else is wrong to it (the published copy is the weakened
    # one), and the check's cache is keyed by no file that the index holds
    assert main(["check", "--root", str(site_repo.path)]) == 1
    assert f"site/{lock.FILENAME}: 网站目录 site/ 中有纳入 git 版本库的文件" in capfd.readouterr().out
    git(site_repo, "rm", "-q", "--cached", f"site/{lock.FILENAME}")
    assert main(["check", "--root", str(site_repo.path)]) == 0


# --- what a site published before the committed lock recorded it -------------------------------------

UNRECORDED = f"site/{published.UNRECORDED}"


def publish_unlocked(repo: Repo, monkeypatch) -> None:
    """As gongbao build leaves a site: the committed lock, and what it published beyond it."""
    site, checked = repo.path.parent / "site", repo.check()
    site.mkdir(exist_ok=True)
    last = published.from_env()[0].unrecorded  # the site it replaces: a build writes a new folder
    (site / published.UNRECORDED).unlink(missing_ok=True)
    published.keep_unrecorded(site, published.beyond(lock.load(repo.path)[0], last, checked.archive,
                                                     checked.settings, TODAY))
    published.publish(repo.path, site, published.unrecorded(site))
    monkeypatch.setenv(published.ENV, str(site / lock.FILENAME))


def test_a_correction_published_before_it_was_locked_binds_the_text(released: Repo, monkeypatch):
    """The hole: the site carried only the committed lock, so a corrected text, published, could go on changing."""
    released.replace(DOC, "录入错误}\n", "录入错误}\n  - {date: 2026-12-01, change: 第二段更正, reason: 录入错误}\n")
    released.replace(DOC, "各部门要加强统筹。", "各部门要统筹。")
    publish_unlocked(released, monkeypatch)
    assert [str(d) for d in check(released.path, TODAY).diagnostics] == []
    released.replace(DOC, "各部门要统筹。", "各部门不必统筹。")
    found = [str(d) for d in check(released.path, TODAY).diagnostics]
    assert len(found) == 1 and found[0].startswith(
        f"{DOC}:16: 已发布的文本（标题、文号或正文）被改动，但没有勘误记录：与 {UNRECORDED} 第 3 行的 {URL} 的 SHA-256"), found
    released.replace(DOC, "各部门不必统筹。", "各部门要统筹。")
    write_lock(released)  # recorded at last: the committed lock binds it from now on
    assert [str(d) for d in check(released.path, TODAY).diagnostics] == []


def test_a_page_published_unlocked_never_vanishes(released: Repo, monkeypatch):
    released.write("gazette/2018/06/xzbf-69.md", (released.path / DOC).read_text(encoding="utf-8")
                   .replace("68号", "69号").replace("type: 规范性文件", "type: 其他文件").replace("\n  - {date", "\n#"))
    publish_unlocked(released, monkeypatch)
    assert json.loads((released.path.parent / UNRECORDED).read_text(encoding="utf-8"))["urls"].keys() == {"doc/xzbf/2018/69/"}
    assert [str(d) for d in check(released.path, TODAY).diagnostics] == []
    (released.path / "gazette/2018/06/xzbf-69.md").unlink()
    (message,) = [str(d) for d in check(released.path, TODAY).diagnostics]
    assert message.startswith(f"{UNRECORDED}:3: 已发布的网址 doc/xzbf/2018/69/（锡政办发〔2018〕69号《关于印发示例办法的通知》）在本次生成中消失")


NEW = "gazette/2018/06/xzbf-69.md"
NEW_URL = "doc/xzbf/2018/69/"


def publish_new_page(repo: Repo, monkeypatch) -> str:
    """A page published before the committed lock recorded it; its text."""
    text = ((repo.path / DOC).read_text(encoding="utf-8").replace("68号", "69号")
            .replace("type: 规范性文件", "type: 其他文件").replace(CORRECTION, ""))
    repo.write(NEW, text)
    publish_unlocked(repo, monkeypatch)
    return text


def test_a_page_published_unlocked_and_moved_keeps_its_old_url(released: Repo, monkeypatch):
    """The hole: the next site carried only what its committed lock lacked of the pages it published, and the move
    of a URL the committed lock does not hold is not among them: the build after next let the old URL vanish."""
    text = publish_new_page(released, monkeypatch)
    released.write(NEW, text.replace("69号", "96号").replace(
        "status: 执行中", f"previous_urls: [{NEW_URL}]\nstatus: 执行中\ncorrections: "
                       "[{date: 2026-12-01, change: 文号由69号更正为96号, reason: 录入错误}]"))
    assert [str(d) for d in check(released.path, TODAY).diagnostics] == []
    publish_unlocked(released, monkeypatch)
    assert json.loads((released.path.parent / UNRECORDED).read_text(encoding="utf-8"))["urls"][NEW_URL]["moved_to"] \
        == "doc/xzbf/2018/96/"
    assert [str(d) for d in check(released.path, TODAY).diagnostics] == []
    released.replace(NEW, f"previous_urls: [{NEW_URL}]\n", "")
    (message,) = [str(d) for d in check(released.path, TODAY).diagnostics]
    assert message.startswith(f"{UNRECORDED}:3: 已发布的网址 {NEW_URL}（锡政办发〔2018〕69号《关于印发示例办法的通知》）在本次生成中消失")


def test_a_page_published_unlocked_and_withdrawn_keeps_its_notice(released: Repo, monkeypatch):
    publish_new_page(released, monkeypatch)
    (released.path / NEW).unlink()
    released.write("withdrawn.yml", f"- {{url: {NEW_URL}, title: 关于印发示例办法的通知, date: 2026-12-01, reason: 撤回}}\n")
    assert [str(d) for d in check(released.path, TODAY).diagnostics] == []
    publish_unlocked(released, monkeypatch)
    assert [str(d) for d in check(released.path, TODAY).diagnostics] == []  # was: "从未发布"
    released.replace("withdrawn.yml", "reason: 撤回", "reason: 另一理由")  # the published notice, rewritten
    assert [str(d).split(" — ")[0] for d in check(released.path, TODAY).diagnostics] == [
        f"withdrawn.yml:1: 撤回公告（现为 2026-12-01：另一理由）与 {UNRECORDED} 第 3 行的 {NEW_URL} 锁定的撤回公告不同"]
    (released.path / "withdrawn.yml").unlink()
    (message,) = [str(d) for d in check(released.path, TODAY).diagnostics]
    assert message.startswith(f"{UNRECORDED}:3: 已发布的网址 {NEW_URL}（锡政办发〔2018〕69号《关于印发示例办法的通知》）在本次生成中消失")


NEW_CORRECTION = ("status: 执行中", "status: 执行中\ncorrections: [{date: 2026-12-01, change: 第二段更正, reason: 录入错误}]")


def _corrected(repo: Repo) -> None:
    repo.replace(NEW, *NEW_CORRECTION)
    repo.replace(NEW, "各部门要加强统筹。", "各部门要统筹。")


def test_a_correction_of_a_page_published_unlocked_keeps_the_text_it_showed(released: Repo, monkeypatch):
    """The hole: a page the last site published before a lock recorded it, corrected before gongbao lock --write ran,
    was recorded as new (no earlier text): its 勘误 could claim one change and make another, shown nowhere. Now lock
    --write keeps the text that site showed (the site built here, as lock --write runs without a build; the text from
    git), and the check takes it."""
    publish_new_page(released, monkeypatch)
    git(released, "init", "-q", "-b", "main")
    git(released, "add", "-A")
    git(released, "commit", "-qm", "published")
    checked = check(released.path, TODAY)
    shown = integrity.sha256(lock.pages(checked.archive.public(), checked.settings.issuer_codes)[NEW_URL])
    _corrected(released)
    shutil.copytree(released.path.parent / "site", released.path / "site")
    with monkeypatch.context() as unset:
        unset.delenv(published.ENV)
        write_lock(released)
    entry = lock.load(released.path)[0].entries[NEW_URL]
    assert entry.versions == ((0, shown),) and entry.corrections == 1 and entry.sha256 != shown
    assert [str(d) for d in check(released.path, TODAY).diagnostics] == []


def test_a_page_published_unlocked_and_locked_may_be_corrected(released: Repo, monkeypatch):
    """Recorded after it was published, then corrected: its entry, new to the last published lock, keeps the text that
    site showed, which the check refused as a text never published (its hint, to write the entry again, lost it)."""
    publish_new_page(released, monkeypatch)
    write_lock(released)
    _corrected(released)
    write_lock(released)
    assert len(lock.load(released.path)[0].entries[NEW_URL].versions) == 1
    assert [str(d) for d in check(released.path, TODAY).diagnostics] == []


def test_an_unreadable_record_of_what_was_published_is_an_error(released: Repo, monkeypatch):
    publish_unlocked(released, monkeypatch)
    (released.path.parent / UNRECORDED).write_text("{not json", encoding="utf-8")
    (message,) = [str(d) for d in check(released.path, TODAY).diagnostics]
    assert message.startswith(f"{UNRECORDED}:1: {UNRECORDED} 无法读取：")


def test_the_build_publishes_what_the_lock_did_not_record_and_holds_the_next_build_to_it(site_repo: Repo, tmp_path, capfd):
    target, rule = tmp_path / "site", "gazette/2018/06/wxzfl-180.md"
    site_repo.replace(rule, "\n---\n", "\ncorrections: [{date: 2018-08-01, change: 第一条更正, reason: 录入错误}]\n---\n")
    build(site_repo.path, target, search_index=False, quiet=True)
    recorded = json.loads((target / published.UNRECORDED).read_text(encoding="utf-8"))["urls"]
    assert recorded["doc/wxzfl/180/"]["corrections"] == 1
    before = (target / "doc/wxzfl/180/index.html").read_bytes()
    body = (site_repo.path / rule).read_text(encoding="utf-8").split("\n---\n", 1)[1]
    site_repo.replace(rule, body, body.replace("。", "；", 1))  # the corrected text changed again, silently
    with pytest.raises(BuildFailed):
        build(site_repo.path, target, search_index=False, quiet=True)
    assert f"与 site/{published.UNRECORDED} 第 " in capfd.readouterr().err
    assert (target / "doc/wxzfl/180/index.html").read_bytes() == before


def test_a_site_carries_on_what_the_site_it_replaces_published_beyond_the_lock(site_repo: Repo, tmp_path, capfd):
    """Three builds: a page published unlocked, then renumbered (its old URL in previous_urls), then its previous_urls
    dropped. The second site carried only the new URL, and the third build let the old one vanish."""
    target, page = tmp_path / "site", "gazette/2018/07/xzbh-90.md"
    text = ((site_repo.path / "gazette/2018/07/xzbh-38.md").read_text(encoding="utf-8")
            .replace("〔2018〕38号", "〔2018〕90号").replace("disclosure: 不予公开", "disclosure: 主动公开")
            .replace("2018年度", "2019年度"))
    site_repo.write(page, "".join(line for line in text.splitlines(True) if not line.startswith("disclosure_reason")))
    build(site_repo.path, target, search_index=False, quiet=True)
    site_repo.replace(page, "〔2018〕90号", "〔2018〕91号\nprevious_urls: [doc/xzbh/2018/90/]\n"
                                           "corrections: [{date: 2026-12-01, change: 文号由90号更正为91号, reason: 录入错误}]")
    build(site_repo.path, target, search_index=False, quiet=True)
    assert json.loads((target / published.UNRECORDED).read_text(encoding="utf-8"))["urls"]["doc/xzbh/2018/90/"][
        "moved_to"] == "doc/xzbh/2018/91/"
    before = (target / "doc/xzbh/2018/90/index.html").read_bytes()
    capfd.readouterr()
    site_repo.replace(page, "previous_urls: [doc/xzbh/2018/90/]\n", "")
    with pytest.raises(BuildFailed):
        build(site_repo.path, target, search_index=False, quiet=True)
    assert f"site/{published.UNRECORDED}:3: 已发布的网址 doc/xzbh/2018/90/（锡政办函〔2018〕90号" in capfd.readouterr().err
    assert (target / "doc/xzbh/2018/90/index.html").read_bytes() == before


def test_a_lock_of_a_git_ref_past_the_cap_is_refused_unread(released: Repo, monkeypatch):
    """git show handed over the whole blob, whatever its size: its size is asked first."""
    git(released, "init", "-q", "-b", "main")
    git(released, "add", "-A")
    git(released, "commit", "-qm", "published")
    size = (released.path / lock.FILENAME).stat().st_size
    monkeypatch.setattr(lock, "MAX_BYTES", size)
    assert published.from_git(released.path, "main")[1] == []
    monkeypatch.setattr(lock, "MAX_BYTES", size - 1)
    locked, problems = published.from_git(released.path, "main")
    assert locked.entries == {} and [str(d) for d in problems] == [
        f"main:{lock.FILENAME}:1: main:{lock.FILENAME} 无法读取：文件过大（1 MB，上限 0 MB），三十年的公报、每份文件都有解读，锁定文件也不到 64 MB"
        " — 用 git 恢复它，再运行 gongbao lock"]


# --- gongbao check --locked: what CI publishes, the lock records ---------------------------------------

def test_locked_refuses_what_the_lock_does_not_record_yet(released: Repo, capsys):
    """CI builds a fresh site: the next commit is compared with this commit's lock alone, so a correction it published
    unrecorded could be changed again unnoticed (h/atk2's reproduction: check --base HEAD~2 and a fresh build passed)."""
    released.replace(DOC, "录入错误}\n", "录入错误}\n  - {date: 2026-12-01, change: 第二段更正, reason: 录入错误}\n")
    released.replace(DOC, "各部门要加强统筹。", "各部门要统筹。")
    assert main(["check", "--root", str(released.path)]) == 0
    capsys.readouterr()
    assert main(["check", "--root", str(released.path), "--locked"]) == 1
    out = capsys.readouterr().out
    assert out.startswith(f"{DOC}:1: gazette.lock.json 尚未记录将要发布的：~ {URL}  勘误 +1  sha256 ")
    assert out.rstrip().endswith("— 运行 gongbao lock --write，把 gazette.lock.json 与内容一起提交")
    write_lock(released)
    capsys.readouterr()
    assert main(["check", "--root", str(released.path), "--locked"]) == 0


def test_locked_does_not_ask_for_a_format_upgrade(released: Repo):
    """A lock of an older format still binds every text: nothing is published that it does not record."""
    data = json.loads((released.path / lock.FILENAME).read_text(encoding="utf-8"))
    (released.path / lock.FILENAME).write_text(json.dumps(older(released, data, 2), ensure_ascii=False), encoding="utf-8")
    checked = released.check()
    assert lock.unrecorded(lock.load(released.path)[0], checked.archive, checked.settings.issuer_codes)  # upgrades
    assert main(["check", "--root", str(released.path), "--locked"]) == 0


def _on(monkeypatch, day: str) -> None:
    year, month, date = map(int, day.split("-"))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(year, month, date, tzinfo=dt.timezone.utc).timestamp())))


@pytest.mark.parametrize("date, found", [
    ("2026-11-15", "第 2 条勘误的日期 2026-11-15 早于上次发布网站的日子（site/gazette.lock.json 记录到 2026-11-20）："
                   "那时网站发布的仍是未更正的文本"),
    ("2026-11-20", None), ("2026-12-01", None),
    ("2026-10-31", "第 2 条勘误的日期 2026-10-31 早于 gazette.lock.json 第 {line} 行的 doc/xzbf/2018/68/ 记录原文的日期 "
                   "2026-11-01：那天发布的仍是原文")])
def test_a_correction_is_not_dated_before_the_site_that_showed_the_text_uncorrected(repo: Repo, monkeypatch, capsys,
                                                                                      date, found):
    """The text locked on 11-01; another page locked on 11-20 and the site published with both: it showed the text
    uncorrected on a day no earlier than 11-20, so a 勘误 added since is dated from then (one before 11-01 is the
    entry's own backdating: said once)."""
    repo.replace(DOC, "status: 执行中", f"status: 执行中\n{CORRECTION.replace('2026-12-01', '2026-10-01')}")
    _published_on_1120(repo, monkeypatch, capsys)
    repo.replace(DOC, "录入错误}\n", f"录入错误}}\n  - {{date: {date}, change: 第二段更正, reason: 录入错误}}\n")
    repo.replace(DOC, "各部门要加强统筹。", "各部门要统筹。")
    shown = [m.split(" — ")[0].split(": ", 1)[1] for m in messages(repo)]
    assert shown == ([found.format(line=lock.load(repo.path)[0].line(URL))] if found else [])


def _published_on_1120(repo: Repo, monkeypatch, capsys) -> None:
    """DOC locked on 11-01, another page on 11-20, and the site published with both (no earlier than 11-20)."""
    _on(monkeypatch, "2026-11-01")
    write_lock(repo)
    repo.write(NEW, (repo.path / DOC).read_text(encoding="utf-8").replace("68号", "69号").replace(
        "type: 规范性文件", "type: 其他文件"))
    _on(monkeypatch, "2026-11-20")
    write_lock(repo)
    (repo.path.parent / "site").mkdir()
    shutil.copy(repo.path / lock.FILENAME, repo.path.parent / "site" / lock.FILENAME)
    _on(monkeypatch, TODAY.isoformat())
    capsys.readouterr()


def test_a_renumbering_correction_is_not_dated_before_the_site_that_showed_the_old_number(repo: Repo, monkeypatch,
                                                                                           capsys):
    """The site published on 11-20 showed 68号 at doc/xzbf/2018/68/; the document renumbered 68 → 86 since (its page now
    at 86/, reached from 68/ through previous_urls) may not date the 勘误 that says so 11-05: the site still showed 68号
    then. The published lock has no entry at 86/, so compared_with's bound never looked (only the entry's own recorded
    day, 11-01, did)."""
    _published_on_1120(repo, monkeypatch, capsys)
    renumber(repo)
    repo.replace(DOC, "status: 执行中", "status: 执行中\ncorrections:\n"
                                       "  - {date: 2026-11-05, change: 文号由68号更正为86号, reason: 录入错误}\n")
    repo.replace(JD, "kind: 文字解读", "kind: 文字解读\ncorrections: [{date: 2026-11-20, change: 文号更正, reason: 录入错误}]")
    found = messages(repo)
    assert any("第 1 条勘误的日期 2026-11-05 早于" in m for m in found), found


def test_a_withdrawal_is_not_dated_before_the_site_that_still_showed_the_page(repo: Repo, monkeypatch, capsys):
    """The site published on 11-20 (its lock records a text that day) showed doc/xzbf/2018/68/ as in force; a notice
    withdrawing it dated 11-05 tells readers and courts it was withdrawn while the site still published it as in
    force. _withdrawal bounds the date by the entry's own recorded day (11-01) only, not by the site's, as
    _after_publication does for a 勘误."""
    _published_on_1120(repo, monkeypatch, capsys)
    (repo.path / DOC).unlink()
    (repo.path / JD).unlink()
    repo.write("withdrawn.yml", f"- {{url: {URL}, title: 关于印发示例办法的通知, date: 2026-11-05, reason: 撤回}}\n"
                                f"- {{url: {JD_URL}, title: 《示例办法》解读, date: 2026-11-20, reason: 撤回}}\n")
    found = messages(repo)
    assert any(m.startswith("withdrawn.yml:1: 撤回日期 2026-11-05 早于") for m in found), found


def test_a_renumbering_correction_dated_from_the_site_passes_and_stays_passing_once_published(repo: Repo, monkeypatch,
                                                                                               capsys):
    _published_on_1120(repo, monkeypatch, capsys)
    renumber(repo)
    repo.replace(DOC, "status: 执行中", "status: 执行中\ncorrections:\n"
                                       "  - {date: 2026-11-20, change: 文号由68号更正为86号, reason: 录入错误}\n")
    repo.replace(JD, "kind: 文字解读", "kind: 文字解读\ncorrections: [{date: 2026-11-20, change: 文号更正, reason: 录入错误}]")
    assert messages(repo) == []
    write_lock(repo)  # records 86/ on today (12-01) and 68/ moved to it; the site published with it
    shutil.copy(repo.path / lock.FILENAME, repo.path.parent / "site" / lock.FILENAME)
    capsys.readouterr()
    assert messages(repo) == []


def test_a_withdrawal_dated_from_the_site_passes_and_stays_passing_once_published(repo: Repo, monkeypatch, capsys):
    _published_on_1120(repo, monkeypatch, capsys)
    (repo.path / DOC).unlink()
    (repo.path / JD).unlink()
    repo.write("withdrawn.yml", f"- {{url: {URL}, title: 关于印发示例办法的通知, date: 2026-11-20, reason: 撤回}}\n"
                                f"- {{url: {JD_URL}, title: 《示例办法》解读, date: 2026-11-25, reason: 撤回}}\n")
    assert messages(repo) == []
    repo.replace(NEW, "各部门要加强统筹。", "各部门要统筹。")  # a text recorded on 12-01 too: the next site's day
    repo.replace(NEW, "status: 执行中", "status: 执行中\ncorrections:\n  - {date: 2026-12-01, change: 更正, reason: 录入错误}\n")
    write_lock(repo)
    shutil.copy(repo.path / lock.FILENAME, repo.path.parent / "site" / lock.FILENAME)
    capsys.readouterr()
    assert messages(repo) == []
