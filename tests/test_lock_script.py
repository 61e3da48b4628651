"""The script a page was published in (its ``language``, else gazette.yml's ``default_language``) is locked: the page
prints its 附注 in it (（此件公开发布） / （此件公開發布）) and its twins state it, and no hash covers it (the canonical
text holds the body in its own script, not the setting). Changed without a 勘误 — in gazette.yml, in the page, over
two commits, beside a 勘误 of another page, or in the lock too — it is refused; the interface's script is the site's
chrome, not a published text, and changes nothing a lock records."""
from __future__ import annotations

import json
import subprocess

import pytest

from conftest import TODAY, Repo
from gongbao.cli import main
from gongbao.content import lock
from gongbao.content.settings import FILENAME as SETTINGS
from gongbao.content.relations import reverse
from gongbao.publish import twins
from gongbao.publish.check import check
from gongbao.publish.render import document as document_page

from test_lock import CORRECTION, DOC, JD, URL, write_lock
from test_lock_record import lock_problems, locked, published  # noqa: F401 — the locked sample and its published lock

FLIPPED = "default_language 为 zh-Hant"


def settings_line(repo: Repo, key: str) -> int:
    lines = (repo.path / SETTINGS).read_text(encoding="utf-8").split("\n")
    return next(n for n, text in enumerate(lines, 1) if text.strip().startswith(f"{key}:"))


def flip_default(repo: Repo, script: str = "zh-Hant") -> None:
    repo.replace(SETTINGS, 'url: "https://example.gov.cn/"}', f'url: "https://example.gov.cn/", default_language: {script}}}')


# --- the sample -----------------------------------------------------------------------------------------

def test_the_sample_locks_the_script_of_every_page(site_repo: Repo):
    entries = lock.load(site_repo.path)[0].entries
    assert {e.language for e in entries.values() if e.kind != "issue"} == {"zh-Hans", "zh-Hant"}
    assert all(e.language is None for e in entries.values() if e.kind == "issue")
    assert entries["doc/xzbf/2018/68/"].language == "zh-Hant"  # the seed, in its own script


def test_flipping_the_samples_default_script_is_refused_at_its_line_naming_each_page(site_repo: Repo):
    site_repo.replace(SETTINGS, "default_language: zh-Hans", "default_language: zh-Hant")
    result = check(site_repo.path)
    found = [d for d in result.diagnostics if d.rule == "lock"]
    line = settings_line(site_repo, "default_language")
    assert found and all((d.path, d.line) == (SETTINGS, line) for d in found), [str(d) for d in found]
    pages = lock.pages(result.archive.public(), result.settings.issuer_codes)
    inheriting = sorted(item.source.path for item in pages.values()
                        if not hasattr(item, "total_number") and "language" not in item.source.key_lines)
    assert sorted(path for d in found for path in inheriting if f"，{path} 没有写 language" in d.message) == inheriting
    assert len(found) == len(inheriting)
    # the seed says its own script (zh-Hant): unchanged, not named
    assert not [d for d in found if "xzbf-68.md" in d.message]
    (note,) = [d for d in found if "gazette/2018/06/wxzfl-180.md" in d.message]
    assert "附注“（此件公开发布）”会改用繁体" in note.message and "JSON 的 language 也随之改变" in note.message
    assert "锁定为 zh-Hans，现为 zh-Hant" in note.message
    assert note.hint.startswith("要保持发布时的样子，在 gazette/2018/06/wxzfl-180.md 的前言中写 language: zh-Hans")
    # what the editor is told to do passes: each page keeps its script
    for path in inheriting:
        site_repo.replace(path, "---\n", "---\nlanguage: zh-Hans\n")
    assert not [d for d in check(site_repo.path).diagnostics if d.rule == "lock"]


def test_the_seed_made_simplified_in_its_own_front_matter_is_told_at_its_key(site_repo: Repo):
    rel = "gazette/2018/06/xzbf-68.md"
    site_repo.replace(rel, "language: zh-Hant", "语言: zh-Hans")  # the Chinese key, the other script
    (problem,) = [d for d in check(site_repo.path).diagnostics if d.rule == "lock"]
    lines = (site_repo.path / rel).read_text(encoding="utf-8").split("\n")
    assert (problem.path, problem.line) == (rel, lines.index("语言: zh-Hans") + 1)
    assert "锁定为 zh-Hant，现为 zh-Hans，页面末尾的附注“（此件公开发布）”会改用简体" in problem.message
    assert problem.hint.endswith("否则恢复为 language: zh-Hant")


def test_the_interface_script_is_chrome_and_changes_no_published_text_or_twin(site_repo: Repo):
    before = check(site_repo.path)
    site_repo.replace(SETTINGS, "interface_script: zh-Hans", "interface_script: zh-Hant")
    after = check(site_repo.path)
    assert after.ok and not [d for d in after.diagnostics if d.rule == "lock"]

    def published(result):
        archive, settings = result.archive.public(), result.settings
        rev = reverse(archive)
        return ([twins.document(d, archive, settings, rev) for d in archive.documents],
                [document_page.published_note(d) for d in archive.documents])
    assert published(before) == published(after)


# --- the minimal repository: each way round -------------------------------------------------------------

def test_a_page_taking_the_default_is_told_at_gazette_yml(locked: Repo):
    flip_default(locked)
    found = lock_problems(locked)
    assert sorted(d.path for d in found) == [SETTINGS, SETTINGS]  # the document and its interpretation
    assert {d.line for d in found} == {settings_line(locked, "site")}  # no default_language line: site's
    assert any(f"{FLIPPED}，{DOC} 没有写 language" in d.message and "附注" in d.message for d in found)
    assert any(f"{FLIPPED}，{JD} 没有写 language" in d.message and "附注" not in d.message for d in found)


def test_a_correction_lets_the_script_change_and_the_lock_records_it(locked: Repo, capsys):
    locked.replace(DOC, "---\n一、", f"language: zh-Hant\n{CORRECTION}---\n一、")
    assert lock_problems(locked) == []
    write_lock(locked)
    assert f"~ {URL}  勘误 +1  语言 “zh-Hans” → “zh-Hant”（正文未变）" in capsys.readouterr().out
    assert lock.load(locked.path)[0].entries[URL].language == "zh-Hant"
    locked.replace(DOC, "language: zh-Hant", "language: zh-Hans")
    (problem,) = lock_problems(locked)
    assert "锁定为 zh-Hant，现为 zh-Hans" in problem.message


def test_a_correction_of_another_page_does_not_cover_it(locked: Repo):
    """The script flipped for the whole site, with a 勘误 added to the interpretation alone: the document is told."""
    flip_default(locked)
    locked.replace(JD, "kind: 文字解读\n", f"kind: 文字解读\n{CORRECTION}")
    (problem,) = lock_problems(locked)
    assert f"{DOC} 没有写 language" in problem.message and problem.path == SETTINGS


def test_a_script_the_loader_cannot_read_is_told_once_as_that(locked: Repo):
    locked.replace(DOC, "---\n一、", "language: zh-TW\n---\n一、")
    messages = [str(d) for d in check(locked.path, TODAY).diagnostics]
    assert any('language “zh-TW” 无效' in m for m in messages)
    assert not [m for m in messages if "字形（language）被改动" in m]


def test_an_entry_written_before_the_script_was_locked_records_it_as_it_is(locked: Repo, capsys):
    data = json.loads((locked.path / lock.FILENAME).read_text(encoding="utf-8"))
    for entry in data["urls"].values():
        entry.pop("language", None)
    locked.write(lock.FILENAME, json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
    assert lock_problems(locked) == []
    assert main(["check", "--root", str(locked.path), "--locked"]) == 0  # an upgrade: nothing new is published
    write_lock(locked)
    assert f"↑ {URL}  记录语言：zh-Hans" in capsys.readouterr().out
    assert lock.load(locked.path)[0].entries[URL].language == "zh-Hans"


@pytest.mark.parametrize("url, value, why", [
    (URL, "zh-TW", "language 只在文件、解读和征求意见的条目中，应为 zh-Hans、zh-Hant 之一"),
    (URL, None, "language 只在文件、解读和征求意见的条目中"),
    ("gazette/2018/06/", "zh-Hans", "language 只在文件、解读和征求意见的条目中"),
])
def test_a_malformed_script_in_the_lock_is_told_at_its_line(locked: Repo, url, value, why):
    data = json.loads((locked.path / lock.FILENAME).read_text(encoding="utf-8"))
    data["urls"][url]["language"] = value
    locked.write(lock.FILENAME, json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
    (problem,) = lock_problems(locked)
    text = (locked.path / lock.FILENAME).read_text(encoding="utf-8").split("\n")
    assert why in problem.message and text[problem.line - 1].strip().startswith('"language"')


# --- the lock edited too: compared with the last published one -------------------------------------------

def edit_entries(repo: Repo, edit) -> None:
    data = json.loads((repo.path / lock.FILENAME).read_text(encoding="utf-8"))
    for entry in data["urls"].values():
        if entry["kind"] != "issue":
            edit(entry)
    repo.write(lock.FILENAME, json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n")


@pytest.mark.parametrize("edit, weaker", [
    (lambda e: e.update(language="zh-Hant"), "被改弱：勘误条数未变，字形却由 zh-Hans 改为 zh-Hant"),
    (lambda e: e.pop("language"), "被改弱：字形（language）的记录被删除"),  # to be recorded anew by lock --write
])
def test_the_script_flipped_in_the_page_and_the_lock_alike_is_refused(locked: Repo, published, edit, weaker):
    flip_default(locked)
    edit_entries(locked, edit)
    assert lock_problems(locked) == []  # the committed lock alone is fooled …
    messages = [d.message for d in lock_problems(locked, published)]  # … the published one is not
    assert any(weaker in m for m in messages)
    assert any(f"{DOC} 没有写 language" in m and "锁定为 zh-Hans，现为 zh-Hant" in m for m in messages)


def test_a_new_entry_without_its_script_is_not_one_lock_write_wrote(locked: Repo, published):
    locked.write("gazette/2018/06/xzbf-69.md", (locked.path / DOC).read_text(encoding="utf-8").replace("68号", "69号")
                 .replace("规范性文件", "其他文件"))  # needs no interpretation
    write_lock(locked)
    data = json.loads((locked.path / lock.FILENAME).read_text(encoding="utf-8"))
    data["urls"]["doc/xzbf/2018/69/"].pop("language")
    locked.write(lock.FILENAME, json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
    assert any("新增的条目 doc/xzbf/2018/69/ 不是 gongbao lock --write 写的：没有 language（发布时的字形）" in d.message
               for d in lock_problems(locked, published))


# --- over two commits ---------------------------------------------------------------------------------

def git(repo: Repo, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo.path), "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
                   check=True, capture_output=True)


def test_the_change_split_over_two_commits_is_refused_at_the_second(locked: Repo, capsys):
    """First the default flipped with each page pinned to the script it was published in (nothing published changes:
    it passes), then the pins dropped: each page now takes zh-Hant, and the check against the base says so."""
    git(locked, "init", "-q", "-b", "main")
    git(locked, "add", "-A")
    git(locked, "commit", "-qm", "published")
    flip_default(locked)
    for rel in (DOC, JD):
        locked.replace(rel, "---\n", "---\nlanguage: zh-Hans\n")
    assert main(["check", "--root", str(locked.path), "--locked", "--base", "main"]) == 0
    git(locked, "commit", "-qam", "default zh-Hant, pages pinned")
    git(locked, "branch", "first")
    for rel in (DOC, JD):
        locked.replace(rel, "---\nlanguage: zh-Hans\n", "---\n")
    capsys.readouterr()
    assert main(["check", "--root", str(locked.path), "--locked", "--base", "first"]) == 1
    out = capsys.readouterr().out
    assert f"{SETTINGS}:{settings_line(locked, 'site')}: {FLIPPED}，{DOC} 没有写 language" in out
    assert f"{FLIPPED}，{JD} 没有写 language" in out
