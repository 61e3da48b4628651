"""What a 勘误 really changed: the text it replaced is kept (versions/<sha256>.txt), proved by the lock, shown on the page."""
from __future__ import annotations

import dataclasses
import gzip
import hashlib
import json
import os
import shutil
import subprocess
import time

import pytest

from conftest import ROOT, TODAY
from test_reproducible import snapshot
from test_twins import validator
from gongbao.cli import main
from gongbao.commands.lock import kept_texts
from gongbao.content import integrity, lock, model, versions
from gongbao.publish.build import build
from gongbao.publish.check import check
from gongbao.publish import twins
from gongbao.publish.render import record, site

DOC = "gazette/2018/06/xzbf-68.md"
URL = "doc/xzbf/2018/68/"
# the red team's record: it names one change, the body makes another
CLAIM = ("corrections:\n  - {date: 2026-12-01, change: （十）“五大決策程序”更正為“五項決策程序”, reason: 排版错误}\n"
         "based_on:\n")


def published_text(repo) -> str:
    """The page's canonical text as the site publishes it now, put where a built site has it (its index.txt)."""
    checked = repo.check()
    text = integrity.canonical_text(lock.pages(checked.archive.public(), checked.settings.issuer_codes)[URL])
    repo.write(f"site/{URL}index.txt", text.encode("utf-8"))
    return text


def claim_one_change_make_another(repo) -> None:
    repo.replace(DOC, "based_on:\n", CLAIM)
    repo.replace(DOC, "于2018年7月底前完成", "于2019年7月底前完成")


@pytest.fixture
def corrected(site_repo, capsys):
    """The sample with the red team's 勘误 recorded by gongbao lock --write, the text it replaced found in the built site."""
    before = published_text(site_repo)
    claim_one_change_make_another(site_repo)
    assert main(["lock", "--root", str(site_repo.path), "--write"]) == 0
    capsys.readouterr()
    site_repo.before = before
    return site_repo


def corrections_html(repo) -> str:
    checked = repo.check()
    made = site.outputs(checked.archive, checked.settings, checked.today)
    page = made.pages[URL]
    return next(part for part in page.parts if 'class="gb-corrections"' in str(part)), made.files


def test_the_page_shows_what_a_correction_really_changed_whatever_its_record_says(corrected):
    entry = lock.load(corrected.path)[0].entries[URL]
    old = integrity.text_sha256(corrected.before)
    assert entry.versions == ((0, old),)
    assert (corrected.path / "versions" / f"{old}.txt").read_text(encoding="utf-8") == corrected.before
    assert [str(d) for d in corrected.check().diagnostics if d.is_error] == []
    html, files = corrections_html(corrected)
    assert "（十）“五大決策程序”更正為“五項決策程序”" in html  # the editor's words, as written
    # and what the text really changed, 2018 → 2019, in a part the search index leaves out
    changes = html[html.index('<div class="gb-changes" data-pagefind-ignore="">'):]
    assert "原文“" in changes and "于2018年7月底前完成。”改为“" in changes and "于2019年7月底前完成。”" in changes
    assert "五大決策程序" not in changes  # the claimed change was never made
    assert f'<a href="versions/{old}.txt">' in changes
    # the earlier text, at a stable URL beside the page, checked by sha256sum
    assert hashlib.sha256(files[f"{URL}versions/{old}.txt"].encode("utf-8")).hexdigest() == old
    # and the JSON twin says the same, valid against its schema
    twin = json.loads(files[f"{URL}index.json"])
    validator("document.schema.json").validate(twin)
    (correction,) = twin["corrections"]
    assert correction["replaced"] == {"sha256": old, "text_url": f"{twin['url']}versions/{old}.txt"}
    (changed,) = correction["changed"]
    assert changed["was"].endswith("于2018年7月底前完成。") and changed["now"].endswith("于2019年7月底前完成。")


def test_lock_write_refuses_when_no_copy_proves_the_text_a_correction_replaced(site_repo, capsys):
    before = (site_repo.path / lock.FILENAME).read_bytes()
    claim_one_change_make_another(site_repo)
    site_repo.write(f"site/{URL}index.txt", "另一份文本\n")  # a copy that is not the published text proves nothing
    assert main(["lock", "--root", str(site_repo.path), "--write"]) == 1
    err = capsys.readouterr().err
    assert f"{URL}：找不到勘误前发布的文本" in err and "未更新 gazette.lock.json" in err
    assert (site_repo.path / lock.FILENAME).read_bytes() == before
    assert not (site_repo.path / "versions").exists()


def test_the_text_lock_write_recorded_is_kept_for_the_next_correction(repo, capsys):
    """No git and no built site: the copy the last lock --write kept in the repository's cache proves the text."""
    assert main(["lock", "--root", str(repo.path), "--write"]) == 0
    checked = repo.check()
    url, item = next((u, i) for u, i in lock.pages(checked.archive.public(), checked.settings.issuer_codes).items()
                     if u.startswith("doc/") and "jiedu" not in u)
    text = integrity.canonical_text(item)
    line = next(line for line in item.source.body.split("\n") if line.strip())
    repo.replace(item.source.path, line, line + "新增一句。")
    repo.replace(item.source.path, "\n---\n", "\ncorrections:\n  - {date: 2026-12-01, change: 补正一句, reason: 遗漏}\n---\n")
    assert main(["lock", "--root", str(repo.path), "--write"]) == 0, capsys.readouterr()
    sha = integrity.text_sha256(text)
    assert lock.load(repo.path)[0].entries[url].versions == ((0, sha),)
    assert (repo.path / versions.path_of(sha)).read_text(encoding="utf-8") == text


@pytest.mark.parametrize("tamper", ["edited", "deleted", "renamed"])
def test_a_stored_version_an_editor_changed_is_refused_at_the_lock_entry(corrected, tamper):
    old = integrity.text_sha256(corrected.before)
    stored = corrected.path / versions.path_of(old)
    if tamper == "edited":  # the earlier text made to read as the claimed change
        stored.write_text(corrected.before.replace("五大決策程序", "五項決策程序"), encoding="utf-8")
    elif tamper == "deleted":
        stored.unlink()
    else:
        stored.rename(stored.with_name("0" * 64 + ".txt"))
    errors = [d for d in corrected.check().diagnostics if d.is_error]
    locked = lock.load(corrected.path)[0]
    assert [(d.path, d.line) for d in errors] == [(lock.FILENAME, locked.line(URL, "versions"))]
    why = {"edited": "被改动过：versions/", "deleted": "不在仓库中", "renamed": "不在仓库中"}[tamper]
    assert f"{URL} 第 1 个勘误前的文本" in errors[0].message and why in errors[0].message


def test_a_lock_that_records_a_corrected_text_without_the_text_it_replaced_is_refused(corrected):
    """The lock compared with the last published one: an entry written by hand (or by an older gongbao) that records the
    new text without its version would leave the page showing only the editor's words."""
    published = lock.parse(corrected.path.joinpath(lock.FILENAME).read_text(encoding="utf-8"))[0]
    published_before = lock.parse(json.dumps(_as_published(corrected)), "site/gazette.lock.json")[0]
    stripped = dataclasses.replace(published.entries[URL], versions=())
    lock.write(corrected.path, dataclasses.replace(published, entries={**published.entries, URL: stripped}))
    found = check(corrected.path, today=TODAY, published=(published_before, [])).diagnostics
    assert any(d.path == lock.FILENAME and "没有记下勘误前发布的文本" in d.message for d in found if d.is_error)
    # the lock as gongbao lock --write wrote it passes the same comparison
    lock.write(corrected.path, published)
    found = check(corrected.path, today=TODAY, published=(published_before, [])).diagnostics
    assert [str(d) for d in found if d.is_error] == []


def _as_published(repo) -> dict:
    """The sample's lock as the last site published it (before the 勘误)."""
    return json.loads((ROOT / lock.FILENAME).read_text(encoding="utf-8"))


def test_a_lock_written_before_versions_stays_valid(site_repo):
    """The sample's lock has no versions, nor does an entry whose 勘误 was recorded before they were kept."""
    assert [str(d) for d in site_repo.check().diagnostics if d.is_error] == []
    published_text(site_repo)
    claim_one_change_make_another(site_repo)
    assert main(["lock", "--root", str(site_repo.path), "--write"]) == 0
    written = lock.load(site_repo.path)[0]
    older = dataclasses.replace(written.entries[URL], versions=())  # as an older gongbao recorded the 勘误
    lock.write(site_repo.path, dataclasses.replace(written, entries={**written.entries, URL: older}))
    assert [str(d) for d in site_repo.check().diagnostics if d.is_error] == []
    html, files = corrections_html(site_repo)
    assert "gb-changes" not in html and not [f for f in files if "/versions/" in f]


def test_a_correction_that_withholds_a_published_passage_never_publishes_it_again(site_repo, capsys):
    before = published_text(site_repo)
    secret = "發改、財政、環保、住建"
    site_repo.replace(DOC, "based_on:\n", "corrections:\n  - {date: 2026-12-01, change: 依法不予公开部分内容, "
                                          "reason: 涉及个人信息}\nbased_on:\n")
    site_repo.replace(DOC, secret, f"【不予公开】{secret}【/不予公开】")
    site_repo.replace(DOC, "disclosure: 主动公开\n", "disclosure: 部分公开\ndisclosure_reason: 涉及个人信息\n")
    assert main(["lock", "--root", str(site_repo.path), "--write"]) == 0
    capsys.readouterr()
    assert secret in (site_repo.path / versions.path_of(integrity.text_sha256(before))).read_text(encoding="utf-8")
    html, files = corrections_html(site_repo)
    assert secret not in html and "（此处依法不予公开）" in html and "原文可能含有现已依法不予公开的内容" in html
    assert "versions/" not in html and not [f for f in files if "/versions/" in f]
    assert not any(secret in c for c in files.values() if isinstance(c, str))
    (correction,) = json.loads(files[f"{URL}index.json"])["corrections"]
    assert correction["replaced"]["text_url"] is None and {c["was"] for c in correction["changed"]} >= {None}


def test_changed_passages_are_whole_sentences_in_order():
    before = "标题\n号\n\n第一句。第二句，于2018年完成。第三句。\n另一段。\n"
    after = "标题\n号\n\n第一句。第二句，于2019年完成。第三句。\n另一段。\n新的一段。\n"
    assert versions.changed(before, after) == [versions.Passage("第二句，于2018年完成。", "第二句，于2019年完成。"),
                                               versions.Passage("", "新的一段。")]
    assert versions.changed(before, before) == []
    assert "".join(versions.sentences(after)) == after  # every character is in one sentence: no change goes unseen


def test_changed_passages_of_a_text_of_repeated_sentences_are_found_in_bounded_time():
    """The matcher is quadratic in a repeated sentence (20,000 of 甲。, one changed: 50 s): the sentences both texts begin
    and end with are set aside, and past a bound the span between is one passage, in a fraction of a second."""
    before = "甲。" * 20_000 + "\n"
    started = time.process_time()
    assert versions.changed(before, "甲。" * 10_000 + "乙。" + "甲。" * 9_999 + "\n") == [versions.Passage("甲。", "乙。")]
    assert versions.changed(before, "乙。" + "甲。" * 19_998 + "丙。\n") == [
        versions.Passage("甲。" * 20_000, "乙。" + "甲。" * 19_998 + "丙。")]
    assert time.process_time() - started < 2


@pytest.mark.parametrize("versions_value, ok", [
    ([{"corrections": 0, "sha256": "a" * 64}], True),
    ([{"corrections": 1, "sha256": "a" * 64}], False),   # as many as the entry's 勘误: no text replaced it yet
    ([{"corrections": 0, "sha256": "A" * 64}], False),
    ([{"corrections": 0, "sha256": "a" * 64, "text": "…"}], False),
    ([], False),
])
def test_a_lock_entry_lists_its_versions_as_lock_write_writes_them(versions_value, ok):
    entry = {"canonical_version": 4, "correction_sha256": ["b" * 64], "corrections": 1, "first_published": "2018-06-05",
             "kind": "document", "ref": "锡政办发〔2018〕68号", "sha256": "c" * 64, "title": "标题", "versions": versions_value}
    parsed, problems = lock.parse(json.dumps({"version": 2, "urls": {URL: entry}}, ensure_ascii=False, indent=2))
    assert (URL in parsed.entries) is ok and bool(problems) is not ok
    if ok:
        assert json.loads(parsed.dumps())["urls"][URL]["versions"] == versions_value


def _git(repo, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo.path), *args], check=True, capture_output=True,
                   env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"})


@pytest.mark.parametrize("committed", [False, True])
def test_git_proves_the_text_a_correction_replaced(site_repo, capsys, committed):
    """Without a built site or a kept copy: the file at HEAD (the edit not committed yet), or at the commit that last
    wrote the lock (the edit committed since), made canonical with the locked record and number."""
    _git(site_repo, "init", "-q")
    _git(site_repo, "add", "-A")
    _git(site_repo, "commit", "-q", "-m", "published")
    checked = site_repo.check()
    before = integrity.canonical_text(lock.pages(checked.archive.public(), checked.settings.issuer_codes)[URL])
    claim_one_change_make_another(site_repo)
    if committed:
        _git(site_repo, "commit", "-q", "-am", "勘误")
    assert main(["lock", "--root", str(site_repo.path), "--write"]) == 0, capsys.readouterr()
    sha = integrity.text_sha256(before)
    assert lock.load(site_repo.path)[0].entries[URL].versions == ((0, sha),)
    assert (site_repo.path / versions.path_of(sha)).read_text(encoding="utf-8") == before


def test_a_site_with_a_correction_builds_byte_identical_and_publishes_the_earlier_text(corrected, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796083200")
    build(corrected.path, tmp_path / "one", quiet=True)
    build(corrected.path, tmp_path / "two", quiet=True)
    one, two = snapshot(tmp_path / "one"), snapshot(tmp_path / "two")
    assert one == two
    old = integrity.text_sha256(corrected.before)
    assert one[f"{URL}versions/{old}.txt"] == old  # sha256sum of the file is its name
    page = (tmp_path / "one" / URL / "index.html").read_text(encoding="utf-8")
    assert "于2018年7月底前完成。”改为“" in page and f'href="versions/{old}.txt"' in page
    # the earlier text is not indexed: the search records hold the current sentence once, the earlier one never
    records = "".join(gzip.decompress(p.read_bytes()).decode("utf-8")
                      for p in (tmp_path / "one" / "search" / "index" / "pages").glob("*.json"))
    assert "于2018年7月底前完成" not in records and records.count("于2019年7月底前完成") == 1


def test_a_stored_version_swapped_with_its_hash_in_the_lock_is_refused(corrected):
    """An editor who writes another earlier text and its hash into the lock (both agree) is told by the comparison with
    the last published lock: the earlier text must be the one that lock held."""
    committed = lock.load(corrected.path)[0]
    fake = corrected.before.replace("于2018年7月底前完成", "于2019年7月底前完成")  # "nothing changed but the 五大"
    versions.store(corrected.path, fake)
    swapped = dataclasses.replace(committed.entries[URL], versions=((0, integrity.text_sha256(fake)),))
    lock.write(corrected.path, dataclasses.replace(committed, entries={**committed.entries, URL: swapped}))
    published = lock.parse(json.dumps(_as_published(corrected)), "site/gazette.lock.json")[0]
    errors = [d for d in check(corrected.path, today=TODAY, published=(published, [])).diagnostics if d.is_error]
    assert [(d.path, d.line) for d in errors] == [(lock.FILENAME, lock.load(corrected.path)[0].line(URL, "versions"))]
    assert "没有记下勘误前发布的文本（versions 中应有 corrections 0、sha256 " in errors[0].message


@pytest.mark.parametrize("proof", ["kept", "git"])
def test_a_withheld_passage_never_reaches_the_stored_earlier_text(repo, capsys, proof):
    """The text kept is the canonical one, which holds the placeholder of a withheld passage, never the passage: from the
    copy lock --write kept, and from git, whose file holds the passage and its marks (the loader's reading replaces it)."""
    repo.replace("gazette/2018/06/xzbf-68.md", "disclosure: 主动公开\n", "disclosure: 部分公开\ndisclosure_reason: 涉及个人隐私\n")
    repo.replace("gazette/2018/06/xzbf-68.md", "各地各部门要加强统筹。", "各地各部门要加强统筹。【不予公开】张三，身份证号码【/不予公开】")
    assert main(["lock", "--root", str(repo.path), "--write"]) == 0, capsys.readouterr()
    if proof == "git":
        shutil.rmtree(kept_texts(repo.path))
        _git(repo, "init", "-q")
        _git(repo, "add", "-A")
        _git(repo, "commit", "-q", "-m", "published")
    repo.replace("gazette/2018/06/xzbf-68.md", "（一）加强统筹。", "（一）统筹推进。")
    repo.replace("gazette/2018/06/xzbf-68.md", "section:", "corrections:\n  - {date: 2026-12-01, change: 第一项改名, reason: 录入错误}\nsection:")
    assert main(["lock", "--root", str(repo.path), "--write"]) == 0, capsys.readouterr()
    (stored,) = (repo.path / versions.FOLDER).iterdir()
    text = stored.read_text(encoding="utf-8")
    assert "（此处依法不予公开）" in text and "张三" not in text and "不予公开】" not in text
    html = corrections_html(repo)[0]
    assert "张三" not in html and "原文“（一）加强统筹。”改为“（一）统筹推进。”" in html


@pytest.mark.parametrize("url, new_correction", [("doc/xzbf/2018/75/", False), ("draft/2018-gbgl-zqyj/", False),
                                                   ("doc/xzbf/2018/75/", True)])
def test_an_earlier_text_the_published_entry_did_not_hold_is_refused(site_repo, capsys, url, new_correction):
    """An earlier text written by hand with its hash into an entry would show as what the page published before its 勘误,
    a change that never was: without a new 勘误 (the 勘误 here recorded before versions were kept), or under a new one that
    left the text as it was (the text it replaced, first listed, is the one the published entry held)."""
    repo = site_repo
    if new_correction:
        repo.replace("gazette/2018/07/xzbf-75.md", "    reason: 发布时遗漏附件\n",
                     "    reason: 发布时遗漏附件\n  - {date: 2026-12-01, change: 更正附件标题, reason: 录入错误}\n")
        assert main(["lock", "--root", str(repo.path), "--write"]) == 0, capsys.readouterr()
    checked = repo.check()
    item = lock.pages(checked.archive.public(), checked.settings.issuer_codes)[url]
    fake = integrity.canonical_text(item).replace("。", "，不再执行。", 1)
    versions.store(repo.path, fake)
    committed = lock.load(repo.path)[0]
    planted = dataclasses.replace(committed.entries[url], versions=((len(item.corrections) - 1, integrity.text_sha256(fake)),))
    lock.write(repo.path, dataclasses.replace(committed, entries={**committed.entries, url: planted}))
    assert [str(d) for d in repo.check().diagnostics if d.is_error] == []  # the stored text hashes as the lock says
    published = lock.parse(json.dumps(_as_published(repo)), "site/gazette.lock.json")[0]
    errors = [d for d in check(repo.path, today=TODAY, published=(published, [])).diagnostics if d.is_error]
    assert [(d.path, d.line) for d in errors] == [(lock.FILENAME, lock.load(repo.path)[0].line(url, "versions"))]
    assert ("新记的勘误前的文本不是上次发布的文本" if new_correction else "没有新的勘误") in errors[0].message


def test_a_text_between_two_new_corrections_is_refused(site_repo, capsys):
    """Two 勘误 recorded at once replace one published text: lock --write keeps that one. A second earlier text written by
    hand between them (with its hash: the stored text proves itself) would show a text the page never published, and
    what each 勘误 "changed" to and from it."""
    repo = site_repo
    published_text(repo)
    claim_one_change_make_another(repo)
    repo.replace(DOC, "based_on:\n", "  - {date: 2026-12-01, change: 再次更正, reason: 排版错误}\nbased_on:\n")
    assert main(["lock", "--root", str(repo.path), "--write"]) == 0, capsys.readouterr()
    committed = lock.load(repo.path)[0]
    (first,) = committed.entries[URL].versions
    fake = (repo.path / versions.path_of(first[1])).read_text(encoding="utf-8").replace("于2018年7月底前完成", "于2018年8月底前完成，暂停执行")
    versions.store(repo.path, fake)
    planted = dataclasses.replace(committed.entries[URL], versions=(first, (1, integrity.text_sha256(fake))))
    lock.write(repo.path, dataclasses.replace(committed, entries={**committed.entries, URL: planted}))
    assert [str(d) for d in repo.check().diagnostics if d.is_error] == []  # the stored text hashes as the lock says
    published = lock.parse(json.dumps(_as_published(repo)), "site/gazette.lock.json")[0]
    errors = [d for d in check(repo.path, today=TODAY, published=(published, [])).diagnostics if d.is_error]
    assert [(d.path, d.line) for d in errors] == [(lock.FILENAME, lock.load(repo.path)[0].line(URL, "versions"))]
    assert "又记了 1 个网站从未发布的勘误前的文本" in errors[0].message


def test_two_lock_writes_before_publication_are_told_how_to_record_one_earlier_text(corrected, capsys):
    """A second 勘误 recorded by a second gongbao lock --write before the site published the first: lock --write compares
    with the committed entry, so it keeps the text between them, which no reader saw. Refused, with what to do; done,
    the two 勘误 keep the one published text."""
    repo = corrected
    repo.replace(DOC, "based_on:\n", "  - {date: 2026-12-01, change: 再次更正, reason: 排版错误}\nbased_on:\n")
    repo.replace(DOC, "于2019年7月底前完成", "于2019年8月底前完成")
    assert main(["lock", "--root", str(repo.path), "--write"]) == 0, capsys.readouterr()
    published = lock.parse(json.dumps(_as_published(repo)), "site/gazette.lock.json")[0]
    errors = [d for d in check(repo.path, today=TODAY, published=(published, [])).diagnostics if d.is_error]
    assert len(errors) == 1 and "发布前运行了两次 gongbao lock --write？用 git 恢复上次发布时的这一条目，再运行一次" in errors[0].message
    committed = lock.load(repo.path)[0]
    lock.write(repo.path, dataclasses.replace(committed, entries={**committed.entries, URL: published.entries[URL]}))
    assert main(["lock", "--root", str(repo.path), "--write"]) == 0, capsys.readouterr()
    assert lock.load(repo.path)[0].entries[URL].versions == ((0, published.entries[URL].sha256),)
    assert [str(d) for d in check(repo.path, today=TODAY, published=(published, [])).diagnostics if d.is_error] == []


def test_a_page_new_to_the_published_lock_lists_no_earlier_text(corrected):
    """A page the last published lock lacks published no text before: an earlier text its new entry lists (as lock
    --write never writes one) is a text the page never showed, its 勘误's changes made up."""
    published = _as_published(corrected)
    del published["urls"][URL]
    published = lock.parse(json.dumps(published), "site/gazette.lock.json")[0]
    errors = [d for d in check(corrected.path, today=TODAY, published=(published, [])).diagnostics if d.is_error]
    assert [(d.path, d.line) for d in errors] == [(lock.FILENAME, lock.load(corrected.path)[0].line(URL, "versions"))]
    assert "新增的条目 doc/xzbf/2018/68/ 不是 gongbao lock --write 写的：记有勘误前的文本（versions）" in errors[0].message


@pytest.mark.parametrize("before, after", [
    # one passage withheld as the one beside it is published again: as many placeholders as before
    ("甲（此处依法不予公开）。乙，张三。\n", "甲，李四。乙（此处依法不予公开）。\n"),
    # a mark widened over the sentences before it: they look deleted, the placeholder unchanged
    ("甲。张三，身份证号码。（此处依法不予公开）乙。\n", "甲。（此处依法不予公开）乙。\n"),
    # and over a paragraph after it, blank lines between
    ("甲（此处依法不予公开）。\n\n张三，身份证号码。\n\n乙。\n", "甲（此处依法不予公开）。\n\n乙。\n"),
    ("（此处依法不予公开）\n张三，身份证号码。\n乙。\n", "（此处依法不予公开）\n乙。\n"),
])
def test_a_change_beside_a_withheld_passage_never_publishes_what_it_read(before, after):
    """What a 勘误 withheld is not told by counting placeholders: a change in or beside one is taken as withholding, so
    neither the earlier text nor what the passage read is published."""
    head = "标题\n号\n\n"
    passages = versions.changed(head + before, head + after)
    assert passages and any(p.withheld for p in passages)
    assert not versions.Replaced(model.Version(0, "0" * 64, head + before), tuple(passages)).published
    # the same change with no placeholder near withholds nothing: its earlier text is published
    plain = versions.changed(*(head + text.replace("（此处依法不予公开）", "丙") for text in (before, after)))
    assert plain and not any(p.withheld for p in plain)


def test_a_passage_a_later_correction_withheld_is_published_by_no_earlier_text(site_repo):
    """Texts A → B → C, the second 勘误 withholding a passage B and A both read: neither earlier text is published, nor
    what the first 勘误 changed in the sentence of that passage (it read the passage before and after it)."""
    secret = "發改、財政、環保、住建"
    site_repo.replace(DOC, "based_on:\n", "corrections:\n  - {date: 2026-11-01, change: 更正日期, reason: 录入错误}\n"
                                          "  - {date: 2026-12-01, change: 依法不予公开部分内容, reason: 涉及个人信息}\nbased_on:\n")
    site_repo.replace(DOC, secret, f"【不予公开】{secret}【/不予公开】")
    site_repo.replace(DOC, "disclosure: 主动公开\n", "disclosure: 部分公开\ndisclosure_reason: 涉及个人信息\n")
    checked = site_repo.check()
    item = lock.pages(checked.archive.public(), checked.settings.issuer_codes)[URL]
    now = integrity.canonical_text(item)
    b = now.replace("（此处依法不予公开）", secret)
    a = b.replace("于2018年7月底前完成", "于2019年7月底前完成")
    item = dataclasses.replace(item, versions=tuple(model.Version(n, integrity.text_sha256(t), t) for n, t in enumerate((a, b))))
    shown = versions.replaced(item)
    assert sorted(shown) == [1, 2] and not any(r.published for r in shown.values())
    html = record.corrections(item)
    assert secret not in html and "versions/" not in html
    assert secret not in json.dumps(twins.corrections(item, URL, checked.settings), ensure_ascii=False)


def test_a_renumbered_page_keeps_the_texts_its_corrections_replaced(repo, capsys):
    """锡政办发〔2018〕68号 corrected (its earlier text kept), then renumbered 86号 (previous_urls): the page at its new URL
    still shows what the first 勘误 changed, and the earlier text stays published where it was, beside the old URL."""
    doc, jd, old_url, new_url = "gazette/2018/06/xzbf-68.md", "interpretations/xzbf-68-jd.md", URL, "doc/xzbf/2018/86/"
    assert main(["lock", "--root", str(repo.path), "--write"]) == 0
    checked = repo.check()
    before = integrity.canonical_text(lock.pages(checked.archive.public(), checked.settings.issuer_codes)[old_url])
    repo.replace(doc, "（一）加强统筹。", "（一）统筹推进。")
    repo.replace(doc, "status: 执行中\n", "status: 执行中\ncorrections:\n  - {date: 2026-12-01, change: 第一项改名, reason: 录入错误}\n")
    assert main(["lock", "--root", str(repo.path), "--write"]) == 0, capsys.readouterr()
    sha = integrity.text_sha256(before)
    assert lock.load(repo.path)[0].entries[old_url].versions == ((0, sha),)
    repo.replace(doc, "doc_number: 锡政办发〔2018〕68号", "doc_number: 锡政办发〔2018〕86号\nprevious_urls: [doc/xzbf/2018/68/]")
    repo.replace(doc, "录入错误}\n", "录入错误}\n  - {date: 2026-12-01, change: 文号由68号更正为86号, reason: 录入错误}\n")
    repo.replace(jd, "〔2018〕68号", "〔2018〕86号")
    repo.replace(jd, "kind: 文字解读", "kind: 文字解读\ncorrections: [{date: 2026-12-01, change: 文号更正, reason: 录入错误}]")
    assert main(["lock", "--root", str(repo.path), "--write"]) == 0, capsys.readouterr()
    assert [str(d) for d in repo.check().diagnostics if d.is_error] == []
    checked = repo.check()
    made = site.outputs(checked.archive, checked.settings, checked.today)
    html = next(str(part) for part in made.pages[new_url].parts if 'class="gb-corrections"' in str(part))
    assert "原文“（一）加强统筹。" in html and f'href="versions/{sha}.txt"' in html
    assert made.files[f"{old_url}versions/{sha}.txt"] == before == made.files[f"{new_url}versions/{sha}.txt"]


def test_the_changes_of_many_corrections_are_found_in_bounded_time(repo):
    """Each text a 勘误 replaced is compared with the next: 200 of them (the lock's entry may list a text for each 勘误
    after the first new one), each of a thousand sentences the matcher finds hard, took over 400 s; they share one page's
    budget of pairs, past which the span between is one passage."""
    checked = repo.check()
    item = lock.pages(checked.archive.public(), checked.settings.issuer_codes)[URL]
    texts = ["".join(f"{(n * 7 + k) % (3 + k % 5)}。" for n in range(1000)) + "\n" for k in range(200)]
    item = dataclasses.replace(item, corrections=item.corrections * 200 or (None,) * 200,
                               versions=tuple(model.Version(k, integrity.text_sha256(t), t) for k, t in enumerate(texts)))
    started = time.process_time()
    shown = versions.replaced(item)
    assert len(shown) == 200 and all(r.passages for r in shown.values())
    assert time.process_time() - started < 5
