"""Incremental builds: a build over the previous site rewrites only what changed, and its result is the
clean build's, byte for byte; a cache that is not exactly as the build left it is never reused."""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from gongbao.publish import incremental
from gongbao.publish.build import BuildFailed, build
from gongbao.cli import main

DOC = "gazette/2018/06/rm-2018-06.md"
UNRELATED = "about/index.html"  # a hand-written page no edit below touches
EXTRA = "gazette/2018/06/rm-2018-06-extra.md"


def snapshot(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def ctimes(site: Path) -> dict[str, int]:
    return {p.relative_to(site).as_posix(): p.stat().st_ctime_ns for p in site.rglob("*") if p.is_file()}


def edit_document(repo):
    """A correction of a published text, as an editor makes it: the text, its record, the lock."""
    repo.keep_texts()
    repo.replace(DOC, "editor: 法制办\n", "editor: 法制办\ncorrections:\n  - {date: 2026-12-01, change: 改字, reason: 录入错误}\n")
    repo.replace(DOC, "任命周文彬为", "任命周文彬同志为")
    assert main(["lock", "--write", "--root", str(repo.path)]) == 0


def edit_interpretation(repo):
    """解读机关 is part of the locked record (canonical text version 3): it changes with a 勘误."""
    repo.keep_texts()
    repo.replace("interpretations/xcg-2018-2-wzjd.md", "author: 无锡市财政局", "author: 无锡市财政局绩效评价处\ncorrections:\n"
                 "  - {date: 2026-12-01, change: 解读机关更正为无锡市财政局绩效评价处, reason: 录入错误}")
    assert main(["lock", "--write", "--root", str(repo.path)]) == 0


def edit_issue(repo):
    """A section added to the issue's sections, no document in it yet: a published issue's order, note, number and date
    are locked (an issue has no 勘误), so this is what an edit of it may still change. Its page and print view are made
    again, as they were."""
    repo.replace("gazette/2018/06/index.md", "部门文件, 人事任免]", "部门文件, 人事任免, 其他文件]")


# the added document is published and locked: it leaves with a withdrawal notice, and its record changes with a 勘误
WITHDRAWN = ("- {url: doc/id/wxszf-2018-rm-06b/, title: 无锡市人民政府关于周文等同志职务任免的通知, date: 2026-12-01, "
             "reason: 误发}\n")


def remove_document(repo):  # never published (a preview publishes nothing): it just goes
    (repo.path / EXTRA).unlink()


def delete_document(repo):
    remove_document(repo)
    repo.write("withdrawn.yml", WITHDRAWN)


def move_document(repo):
    """To another issue: both issues' print views change, its page and the other documents' pages do not."""
    text = (repo.path / EXTRA).read_text(encoding="utf-8")
    repo.write(EXTRA.replace("/06/", "/07/"), text.replace("published: 2018-06-22", "published: 2018-07-22")
               .replace("section: 人事任免", "section: 部门文件")
               .replace("editor: 法制办\n", "editor: 法制办\ncorrections: [{date: 2026-12-01, change: 改刊2018年第7期, reason: 刊期有误}]\n"))
    (repo.path / EXTRA).unlink()


def hold_back_document(repo):
    """不予公开: its body leaves its issue's print view, whose other documents' pages are not rendered again."""
    repo.replace(EXTRA, "disclosure: 主动公开", "disclosure: 不予公开\ndisclosure_reason: 第十五条：涉及个人隐私")


def withhold_document(repo):
    hold_back_document(repo)
    repo.write("withdrawn.yml", WITHDRAWN)


def edit_settings(repo):
    repo.replace("gazette.yml", "contact: 0510-00000000（示例）", "contact: 0510-11111111（示例）")


def edit_template(repo):
    repo.replace("overrides/partials/copyright.html", "</dl>", "</dl><!-- 新版 -->")


@pytest.fixture
def built(site_repo, monkeypatch):
    """The sample site with one more document (locked, as CI publishes: check --locked), built twice: the second build
    keeps the first as spare."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796083200")
    text = (site_repo.path / DOC).read_text(encoding="utf-8")
    site_repo.write(EXTRA, text.replace("id: wxszf-2018-rm-06", "id: wxszf-2018-rm-06b").replace("周文彬", "周文"))
    assert main(["lock", "--write", "--root", str(site_repo.path)]) == 0
    site = site_repo.path / "site"
    build(site_repo.path, site, search_index=False, quiet=True)
    first = ctimes(site)
    build(site_repo.path, site, search_index=False, quiet=True)
    return site_repo, site, first


@pytest.mark.parametrize("edit, local", [
    (edit_document, True), (edit_interpretation, True), (edit_issue, True), (move_document, True),
    # a published document leaves with a notice in withdrawn.yml, which shapes every page (the build key) as the
    # settings do: the whole site is made again, still byte for byte the clean build
    (delete_document, False), (withhold_document, False), (edit_settings, False), (edit_template, False),
])
def test_an_incremental_build_is_the_clean_build(built, tmp_path, edit, local):
    repo, site, first = built
    printed = site / "gazette/2018/06/print/index.html"
    shown = "任命周文为" in printed.read_text(encoding="utf-8")  # the added document's body
    edit(repo)
    build(repo.path, site, search_index=False, quiet=True)
    build(repo.path, tmp_path / "clean", search_index=False, quiet=True)
    assert snapshot(site) == snapshot(tmp_path / "clean")
    if edit is withhold_document:  # a withheld body never reaches the print view
        assert shown and "任命周文为" not in printed.read_text(encoding="utf-8")
    now = ctimes(site)
    reused = {k for k, v in now.items() if first.get(k) == v}
    if local:  # only what the edit touched was rewritten
        assert UNRELATED in reused and len(reused) > len(now) // 2
    else:  # settings and templates shape every page: nothing is reused
        assert reused == set()


def test_the_second_build_over_a_copy_is_the_clean_build(built, tmp_path):
    repo, site, _ = built
    build(repo.path, tmp_path / "clean", search_index=False, quiet=True)
    assert snapshot(site) == snapshot(tmp_path / "clean")


def test_the_edited_page_and_its_listings_are_rewritten_and_the_rest_reused(built):
    repo, site, first = built
    edit_document(repo)
    build(repo.path, site, search_index=False, quiet=True)
    now = ctimes(site)
    rewritten = {k for k, v in now.items() if first.get(k) != v}
    assert "doc/id/wxszf-2018-rm-06/index.html" in rewritten
    assert UNRELATED not in rewritten and "doc/id/wxszf-2018-rm-06b/index.html" not in rewritten


def test_the_search_index_is_rebuilt_with_the_site(built, tmp_path):
    repo, site, _ = built
    edit_document(repo)
    build(repo.path, site, quiet=True)
    build(repo.path, tmp_path / "clean", quiet=True)
    one, two = snapshot(site), snapshot(tmp_path / "clean")
    assert any(k.startswith("search/index/") for k in one) and one == two


def _spare(repo) -> Path:
    return repo.path / ".cache" / "gongbao" / "site-spare"


def tamper_file(spare: Path) -> None:
    page = spare / UNRELATED
    page.write_bytes(page.read_bytes().replace(b"</body>", b"<script>alert(1)</script></body>"))


def tamper_link(spare: Path) -> None:
    (spare / UNRELATED).unlink()
    (spare / UNRELATED).symlink_to("/etc/hostname")


def tamper_extra(spare: Path) -> None:
    (spare / "planted.html").write_text("<p>不该发布</p>", encoding="utf-8")


def tamper_record(spare: Path) -> None:
    spare.with_name("site-spare.json").write_text("{not json", encoding="utf-8")


def tamper_forged_record(spare: Path) -> None:
    """A record rewritten to match an edited file: the change time it records cannot be forged."""
    record_path = spare.with_name("site-spare.json")
    record = json.loads(record_path.read_text(encoding="utf-8"))
    tamper_file(spare)
    st = (spare / UNRELATED).stat()
    record["files"][UNRELATED] = [st.st_ino, st.st_size, st.st_ctime_ns - 10**9]
    record_path.write_text(json.dumps(record), encoding="utf-8")


@pytest.mark.parametrize("tamper", [tamper_file, tamper_link, tamper_extra, tamper_record, tamper_forged_record])
def test_a_cache_not_exactly_as_left_is_not_reused(built, tamper):
    repo, site, first = built
    clean = snapshot(site)  # the second build, from the same content (itself compared with a clean build above)
    tamper(_spare(repo))
    build(repo.path, site, search_index=False, quiet=True)
    assert snapshot(site) == clean
    assert not any(first.get(k) == v for k, v in ctimes(site).items())


def test_a_failed_build_keeps_the_spare_for_the_next(built):
    repo, site, first = built
    repo.replace(DOC, "status: 执行中", "status: 执行")
    with pytest.raises(BuildFailed):
        build(repo.path, site, search_index=False, quiet=True)
    repo.replace(DOC, "status: 执行", "status: 执行中")
    build(repo.path, site, search_index=False, quiet=True)
    assert first[UNRELATED] == ctimes(site)[UNRELATED]


# The parts, without a build.

def test_stats_refuse_links_and_see_every_change(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.html").write_text("1")
    before = incremental.stats(tmp_path)
    assert set(before) == {"a/x.html"}
    (tmp_path / "a" / "x.html").write_text("2")
    assert incremental.stats(tmp_path) != before
    os.symlink("/etc", tmp_path / "a" / "link")
    assert incremental.stats(tmp_path) is None


def test_remove_stale_keeps_only_what_was_made(tmp_path):
    for rel in ("keep/index.html", "old/index.html", "old/deep/x.js", "top.css"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x")
    incremental.remove_stale(tmp_path, {"keep/index.html", "top.css"})
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")) == ["keep", "keep/index.html", "top.css"]


def _tree(folder, record_path, key="k"):
    folder.mkdir(parents=True)
    (folder / "index.html").write_text("x")
    record_path.parent.mkdir(parents=True, exist_ok=True)
    record_path.write_text(json.dumps({"key": key, "inputs": {"index.html": "h"}, "files": incremental.stats(folder)}))


@pytest.mark.parametrize("record", ["[]", '{"key": "k"}', '{"key": "k", "inputs": {"a": 1}, "files": {}}',
                                    '{"key": "k", "inputs": {}, "files": null}', '{"key": "other", "inputs": {}, "files": {}}'])
def test_a_malformed_or_foreign_record_is_not_reused(tmp_path, record):
    cache = incremental.Cache(tmp_path / "site")
    _tree(cache.spare, cache.spare_record)
    cache.spare_record.write_text(record, encoding="utf-8")
    (tmp_path / "staging").mkdir()
    assert cache.take(tmp_path / "staging", tmp_path / "site", "k") is None
    assert list((tmp_path / "staging").iterdir()) == []


def test_the_spare_is_moved_and_the_published_site_copied_when_there_is_none(tmp_path):
    cache = incremental.Cache(tmp_path / "site")
    _tree(cache.spare, cache.spare_record)
    _tree(tmp_path / "site", cache.record)
    for attempt in ("spare", "copy"):
        staging = tmp_path / f"staging-{attempt}"
        staging.mkdir()
        assert cache.take(staging, tmp_path / "site", "k") == {"index.html": "h"}
        assert (staging / "index.html").read_text() == "x"
    assert not cache.spare.exists() and (tmp_path / "site" / "index.html").is_file()


def test_a_published_site_edited_by_hand_is_not_copied(tmp_path):
    cache = incremental.Cache(tmp_path / "site")
    _tree(tmp_path / "site", cache.record)
    (tmp_path / "site" / "index.html").write_text("y")
    (tmp_path / "staging").mkdir()
    assert cache.take(tmp_path / "staging", tmp_path / "site", "k") is None


def test_the_key_changes_with_settings_templates_and_date(site_repo, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796083200")
    first = incremental.key(site_repo.path)
    assert incremental.key(site_repo.path) == first
    site_repo.replace("overrides/main.html", "{%", "{# 改 #}{%")
    second = incremental.key(site_repo.path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795996800")
    assert len({first, second, incremental.key(site_repo.path)}) == 3
    before = incremental.key(site_repo.path)
    (site_repo.path / "hooks" / "__pycache__").mkdir(exist_ok=True)  # what importing the hook writes
    (site_repo.path / "hooks" / "__pycache__" / "gazette.cpython-311.pyc").write_bytes(b"bytecode")
    assert incremental.key(site_repo.path) == before


def test_a_repository_with_an_older_hook_builds_as_before_and_reuses_nothing(site_repo, tmp_path, monkeypatch):
    """A repository keeps its own copy of hooks/: one that does not say what it made is never built over."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796083200")
    hook = site_repo.path / "hooks" / "gazette.py"
    text = hook.read_text(encoding="utf-8")
    hook.write_text(text.replace("    _record_inputs(config)\n", ""), encoding="utf-8")
    site = site_repo.path / "site"
    for _ in range(3):
        build(site_repo.path, site, search_index=False, quiet=True)
    assert not incremental.Cache(site).record.exists()
    build(site_repo.path, tmp_path / "clean", search_index=False, quiet=True)
    assert snapshot(site) == snapshot(tmp_path / "clean")


def test_a_link_at_a_records_temporary_name_is_not_written_through(tmp_path):
    """A pull request can commit links under .cache/gongbao/: a record was written to <name>.tmp, through any link."""
    precious = tmp_path / "precious"
    precious.write_text("mine")
    cache = incremental.Cache(tmp_path / "site")
    cache.folder.mkdir(parents=True)
    cache.record.with_name(cache.record.name + ".tmp").symlink_to(precious)
    cache.keep(None, {"key": "k", "inputs": {}, "files": {}})
    assert precious.read_text() == "mine" and json.loads(cache.record.read_text())["key"] == "k"


@pytest.mark.parametrize("linked", [".cache", ".cache/gongbao"])
def test_a_cache_folder_that_is_a_link_is_no_cache(tmp_path, linked):
    """Its spare and records would be read from, and the replaced site moved into, wherever it leads."""
    elsewhere = tmp_path / "elsewhere"
    real = incremental.Cache(elsewhere / "site")  # a spare and a record as a build leaves them, out of the repository
    _tree(real.spare, real.spare_record)
    (tmp_path / "repo").mkdir()
    link = tmp_path / "repo" / linked
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(elsewhere / ".cache" / "gongbao" if linked.endswith("gongbao") else elsewhere / ".cache",
                    target_is_directory=True)
    cache, old = incremental.Cache(tmp_path / "repo" / "site"), tmp_path / "repo" / "old-site"
    (tmp_path / "staging").mkdir()
    assert cache.take(tmp_path / "staging", tmp_path / "repo" / "site", "k") is None
    assert cache.current(tmp_path / "repo" / "site", "k") is None
    old.mkdir()
    cache.keep(old, {"key": "k", "inputs": {}, "files": {}})
    assert old.is_dir() and sorted(p.name for p in real.folder.iterdir()) == ["site-spare", "site-spare.json"]
    assert list((tmp_path / "staging").iterdir()) == []


def test_a_link_in_the_build_locks_place_is_not_followed(site_repo, tmp_path):
    """One build at a time is held by a lock file beside the site: opened for writing, it truncated what a link
    planted at its name led to."""
    precious = tmp_path / "precious"
    precious.write_text("mine")
    (site_repo.path / ".site.lock").symlink_to(precious)
    with pytest.raises(BuildFailed, match=r"构建锁文件 .*\.site\.lock.*删去它"):
        build(site_repo.path, site_repo.path / "site", search_index=False, quiet=True)
    assert precious.read_text() == "mine" and not (site_repo.path / "site").exists()
