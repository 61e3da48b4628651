"""`gongbao check` keeps what it read of each file (gongbao.publish.filecache): after edits, deletions,
renames and settings changes a check that reuses the rest reports exactly what a cold check reports, and
a cache this user's checks did not write is never unpickled."""
from __future__ import annotations

import dataclasses
import datetime as dt
import pickle
import shutil

import pytest

from conftest import TODAY
from test_parallel_check import pools  # noqa: F401 — a fixture: every check pooled
from gongbao import rules
from gongbao.content import loader, lock, source, tree
from gongbao.content.loader import FileResult
from gongbao.content.model import Correction
from gongbao.content.source import Recalled
from gongbao.publish import checkcache, crosskept, filecache, livecheck, quickcheck
from gongbao.publish.check import check

PUBLISHED = (lock.EMPTY, [])
DOC = "gazette/2018/06/xzbf-68.md"
TWIN = "gazette/2018/06/xzbf-68-copy.md"
INTERPRETATION = "interpretations/xzbf-2018-68-wzjd.md"
LOCKED_HASH = "b5407f4fe6e0"
NOTED, ERRATUM = "gazette/2018/06/index.md", "\n本期第3页的“十五日”应为“十日”。\n"  # an issue's note, locked
NOTE_HASH = "b8d2bd77682b"  # its hash in the lock
WITH_ATTACHMENTS = {"gazette/2018/07/xzbf-75.md", "interpretations/xzbf-2018-75-tj.md"}


@pytest.fixture(autouse=True)
def trusted(tmp_path, monkeypatch):
    monkeypatch.setenv(checkcache.SECRET_ENV, str(tmp_path / "secret"))
    monkeypatch.setattr(checkcache, "RACY_NS", 0)  # stamps trusted at once: entries are kept in the test's time


@pytest.fixture
def caches(monkeypatch):
    """The per-file cache of each check, to see how much it reused (every check loads it: no quick path)."""
    monkeypatch.setattr(checkcache.quickcheck, "reused", lambda *args: None)
    made = []
    load = filecache.load

    def spy(*args):
        made.append(load(*args))
        return made[-1]
    monkeypatch.setattr(checkcache.filecache, "load", spy)
    return made


def same_as_cold(repo):
    cached = checkcache.cached_check(repo.path, TODAY, PUBLISHED)
    cold = check(repo.path, TODAY, PUBLISHED)
    assert [str(d) for d in cached.diagnostics] == [str(d) for d in cold.diagnostics]
    assert (cached.documents, cached.interpretations) == (len(cold.archive.documents), len(cold.archive.interpretations))
    return cached


def _move(repo, old, new):
    (repo.path / new).parent.mkdir(parents=True, exist_ok=True)
    shutil.move(repo.path / old, repo.path / new)


CHANGES = [
    ("a body edited", lambda r: r.replace(DOC, "現印發給你們", "現印發給你們，TODO：補充")),
    ("a cross-document error", lambda r: r.replace(DOC, "status: 执行中", "status: 已废止")),
    ("a locked record changed", lambda r: r.replace(DOC, "written: 2018-06-05", "written: 2018-06-04")),
    ("a broken link", lambda r: r.replace("gazette/2018/06/wxzfl-180.md", "\n\n", "\n\n[见](/doc/none/)\n\n")),
    ("the broken link mended", lambda r: r.replace("gazette/2018/06/wxzfl-180.md", "\n\n[见](/doc/none/)\n\n", "\n\n")),
    ("a number used twice", lambda r: shutil.copy(r.path / DOC, r.path / TWIN)),
    ("the second copy deleted", lambda r: (r.path / TWIN).unlink()),
    ("an interpretation of a missing document", lambda r: r.replace(INTERPRETATION, "68号", "998号")),
    ("its document found again", lambda r: r.replace(INTERPRETATION, "998号", "68号")),
    ("a locked hash changed", lambda r: r.replace("gazette.lock.json", LOCKED_HASH, "0" * 12)),
    ("the locked hash restored", lambda r: r.replace("gazette.lock.json", "0" * 12, LOCKED_HASH)),
    ("a locked issue's note edited", lambda r: _append(NOTED, ERRATUM)(r)),
    ("the note restored", lambda r: r.replace(NOTED, ERRATUM, "")),
    ("a locked note's hash changed", lambda r: r.replace("gazette.lock.json", NOTE_HASH, "0" * 12)),  # its file unchanged
    ("the note's hash restored", lambda r: r.replace("gazette.lock.json", "0" * 12, NOTE_HASH)),
    ("an anchor id imitated", lambda r: r.replace("gazette/2018/07/xzbh-38.md", "\n\n", "\n\n<span id=\"art-3\"></span>\n\n")),
    ("a document deleted", lambda r: (r.path / "gazette/2018/06/xcg-2018-2.md").unlink()),
    ("a document renamed", lambda r: _move(r, "gazette/2018/06/wxzfl-180.md", "gazette/2018/06/wxzfl-180-new.md")),
    ("moved to another issue", lambda r: _move(r, "gazette/2019/01/xcg-2019-1.md", "gazette/2019/08/xcg-2019-1.md")),
    ("moved out of any issue", lambda r: _move(r, "gazette/2019/08/xzf-2019-18.md", "gazette/2019/xzf-2019-18.md")),
    ("an issue broken", lambda r: r.replace("gazette/2018/07/index.md", "year: 2018", "year: 二〇一八")),
    ("an interpretation deleted", lambda r: (r.path / "interpretations/xcg-2018-2-wzjd.md").unlink()),
    ("an aspect's heading removed", lambda r: r.replace("interpretations/xzbf-2018-68-wzjd.md", "## 五、执行标准", "执行标准")),
    ("settings changed", lambda r: r.replace("gazette.yml", "default_language: zh-Hans", "default_language: zh-Hant")),
    ("strict: a warning becomes an error", lambda r: r.replace("gazette.yml", "strict: false", "strict: true")),
]


@pytest.mark.parametrize("pooled", [False, pytest.param(True, marks=pytest.mark.build)],  # a pool: processes
                         ids=["made here", "made by a pool, kept as its workers pickled it"])
@pytest.mark.parametrize("overlay", [filecache.OVERLAY_MIN, 0], ids=["entries beside the whole", "the whole rewritten"])
def test_every_change_reports_what_a_cold_check_reports(site_repo, caches, overlay, monkeypatch, pooled, request):
    monkeypatch.setattr(filecache, "OVERLAY_MIN", overlay)
    used = request.getfixturevalue("pools") if pooled else []
    first = same_as_cold(site_repo)
    for why, change in CHANGES:
        change(site_repo)
        same_as_cold(site_repo)
        assert (caches[-1].recalled == 0) if "settings" in why or "strict" in why else caches[-1].recalled > 10, why
    assert same_as_cold(site_repo) != first and any(used) == pooled


def test_the_preview_checker_reports_what_a_cold_check_reports(site_repo):
    """The in-memory check (gongbao.publish.livecheck) after each change: a cold check's result, reading only what changed."""
    checker = livecheck.Checker()
    errors, before = set(), {}
    for why, change in [("nothing yet", lambda r: None), *CHANGES]:
        change(site_repo)
        live, cold = checker.check(site_repo.path, TODAY, PUBLISHED), check(site_repo.path, TODAY, PUBLISHED)
        assert [str(d) for d in live.diagnostics] == [str(d) for d in cold.diagnostics], why
        assert [d.source.path for d in live.archive.documents] == [d.source.path for d in cold.archive.documents]
        if "settings" in why or "strict" in why or why == "nothing yet":
            assert checker.last.recalled == 0, why
        else:
            assert checker.last.recalled > 10, why
        now = {str(d) for d in cold.diagnostics if d.is_error}
        if why in CROSS_DOCUMENT:  # an error a cross-document rule finds comes with its cause, and goes with it
            assert now - errors, why
            before[CROSS_DOCUMENT[why]] = errors
        if why in before:
            assert now == before[why], why
        errors = now


CROSS_DOCUMENT = {"a broken link": "the broken link mended", "a number used twice": "the second copy deleted",
                  "an interpretation of a missing document": "its document found again",
                  "a locked hash changed": "the locked hash restored", "a locked issue's note edited": "the note restored",
                  "a locked note's hash changed": "the note's hash restored"}


def _reads(monkeypatch) -> list[str]:
    """The files the loader reads from now on, as the repository names them: made by a job, or read again."""
    read: list[str] = []
    monkeypatch.setattr(loader, "read_at", lambda root, rel, path: read.append(rel) or source.read_at(root, rel, path))
    monkeypatch.setattr(loader, "read", lambda root, path: read.append(source.relative(root, path)) or source.read(root, path))
    return read


def test_the_preview_checker_keeps_bodies_and_reads_no_unchanged_file(site_repo, monkeypatch):
    checker = livecheck.Checker()
    first = checker.check(site_repo.path, TODAY, PUBLISHED)
    site_repo.replace(DOC, "現印發給你們", "現印發給你們了")
    read = _reads(monkeypatch)
    again = checker.check(site_repo.path, TODAY, PUBLISHED)
    assert set(read) == {DOC, *WITH_ATTACHMENTS}  # those never kept
    unchanged = {i.source.path: i for i in first.archive.interpretations}
    assert all(i is unchanged[i.source.path] and not isinstance(i.source, Recalled) for i in again.archive.interpretations
               if i.source.path not in WITH_ATTACHMENTS)


def test_an_unchanged_file_is_not_read_again_for_its_body(site_repo, caches, monkeypatch):
    """The cross-document rules read what the cache kept of each body (gongbao.rules.body_links, body_sha256), not the body."""
    same_as_cold(site_repo)
    read = []
    monkeypatch.setattr(filecache, "again", lambda root, rel: read.append(rel) or loader.again(root, rel))
    site_repo.replace(DOC, "現印發給你們", "現印發給你們了")
    same_as_cold(site_repo)
    assert caches[-1].recalled > 10 and read == []


def test_a_kept_entry_gives_its_body_when_asked(site_repo, caches):
    same_as_cold(site_repo)
    site_repo.replace(DOC, "現印發給你們", "現印發給你們了")
    checkcache.cached_check(site_repo.path, TODAY, PUBLISHED)
    cold = {item.source.path: item for item in check(site_repo.path, TODAY, PUBLISHED).archive.interpretations}
    recalled = [entry[2].item for rel, entry in caches[-1].entries.items() if rel.startswith("interpretations/")]
    assert recalled and all(isinstance(item.source, Recalled) for item in recalled)
    assert all(item.source.body == cold[item.source.path].source.body and item.source.body for item in recalled)
    assert all(item.source.meta == cold[item.source.path].source.meta and item.source.meta for item in recalled)


def test_few_new_entries_are_written_beside_the_whole(site_repo, caches):
    same_as_cold(site_repo)
    folder = site_repo.path / ".cache/gongbao"
    whole = (folder / "files.pickle").read_bytes()
    site_repo.replace(DOC, "現印發給你們", "現印發給你們了")
    same_as_cold(site_repo)
    assert (folder / "files.pickle").read_bytes() == whole and (folder / "files.new.pickle").exists()
    other = site_repo.path / "gazette/2018/06/wxzfl-180.md"
    other.write_text(other.read_text(encoding="utf-8") + "\n本文件已经修订。\n", encoding="utf-8")
    same_as_cold(site_repo)
    assert caches[-1].recalled == len(caches[-1].entries) - 1  # the edited DOC's entry came from beside the whole


def test_entries_kept_before_a_lock_learn_their_hash(site_repo, caches):
    """Kept while nothing was locked, an entry has no hash yet: the lock rule has its body read again once."""
    lock_file = site_repo.path / "gazette.lock.json"
    locked = lock_file.read_text(encoding="utf-8")
    lock_file.unlink()
    same_as_cold(site_repo)
    lock_file.write_text(locked, encoding="utf-8")
    site_repo.replace(DOC, "現印發給你們", "現印發給你們了")  # a locked text changed: reported as a cold check does
    assert not same_as_cold(site_repo).ok
    assert caches[-1].made > 1  # the entries that learnt their hash are written again
    other = site_repo.path / "gazette/2018/06/wxzfl-180.md"
    other.write_text(other.read_text(encoding="utf-8") + "\n本文件已经修订。\n", encoding="utf-8")
    assert not same_as_cold(site_repo).ok and caches[-1].made == 1  # the hashes were kept: only the edited file


def test_settings_change_reads_every_file_again(site_repo, caches):
    same_as_cold(site_repo)
    site_repo.replace("gazette.yml", "default_language: zh-Hans", "default_language: zh-Hant")
    same_as_cold(site_repo)
    assert caches[-1].recalled == 0


def test_only_the_changed_file_is_read_again(site_repo, caches):
    same_as_cold(site_repo)
    site_repo.replace(DOC, "現印發給你們", "現印發給你們了")
    same_as_cold(site_repo)
    cache = caches[-1]
    assert DOC in cache.entries and cache.recalled == len(cache.entries) - 1


def test_a_file_with_attachments_is_never_kept(site_repo, caches):
    same_as_cold(site_repo)
    kept = caches[-1].entries
    assert not kept.keys() & WITH_ATTACHMENTS
    assert DOC in kept


def test_a_file_changed_after_its_hash_is_not_kept(site_repo):
    hashes = checkcache.stamps(site_repo.path, tree.scan(site_repo.path).files, {})
    cache = filecache.FileCache(site_repo.path, hashes, "common", {})
    site_repo.replace(DOC, "現印發給你們", "現印發給你們又")  # read now: not the bytes the hash was made of
    cache.keep(DOC, "issue", FileResult(None, ()))
    assert cache.entries == {}


class _Payload:
    def __reduce__(self):
        return (open, ("/tmp/gongbao-filecache-pwned", "w"))


@pytest.mark.parametrize("signature", [b"0" * 64, b""])
def test_a_cache_not_signed_here_is_never_unpickled(site_repo, caches, signature, tmp_path):
    same_as_cold(site_repo)
    path = site_repo.path / ".cache/gongbao/files.pickle"
    path.write_bytes(signature + b"\n" + pickle.dumps((filecache.VERSION, "x", {DOC: _Payload()})))
    site_repo.replace(DOC, "status: 执行中", "status: 执行")
    assert not same_as_cold(site_repo).ok
    assert caches[-1].recalled == 0 and not (tmp_path / "pwned").exists()
    assert not __import__("os").path.exists("/tmp/gongbao-filecache-pwned")


def test_a_forged_entry_cannot_hide_an_error(site_repo, caches):
    """Even an entry signed by us is used only for the bytes it was made of."""
    site_repo.replace(DOC, "status: 执行中", "status: 执行")
    assert not same_as_cold(site_repo).ok
    site_repo.replace(DOC, "現印發給你們", "現印發給你們了")
    assert not same_as_cold(site_repo).ok


# The cross-document rules' findings kept (gongbao.publish.crosskept): reused only when no change could alter them.
UNLOCKED = "gazette/2018/07/xzbh-38.md"  # 不予公开: no page, so no lock entry
LINKER = "gazette/2018/06/wxzfl-180.md"
CITED = "gazette/2019/08/xzf-2019-18.md"  # locked, its URL its own


@pytest.fixture
def acrosses(monkeypatch):
    """Each check's gongbao.publish.crosskept.Across, to see whether it reused the findings (every check makes
    one: no quick path)."""
    monkeypatch.setattr(checkcache.quickcheck, "reused", lambda *args: None)
    made = []

    class Spy(crosskept.Across):
        def __init__(self, *args):
            super().__init__(*args)
            made.append(self)
    monkeypatch.setattr(checkcache.crosskept, "Across", Spy)
    return made


def _append(rel, text="\n本文件已经修订。\n"):
    return lambda r: (r.path / rel).write_text((r.path / rel).read_text(encoding="utf-8") + text, encoding="utf-8")


def _without_lock(r):
    (r.path / "gazette.lock.json").unlink()


# (why, change, whether the findings may be reused, whether the diagnostics change): after each, a cold check's result
EDITS = [
    ("a body edited", _append(UNLOCKED), True, False),
    ("a title changed", lambda r: r.replace(UNLOCKED, "title: 无锡市", "title: 无锡"), False, False),
    ("a date changed", lambda r: r.replace(UNLOCKED, "published: 2018-07-16", "published: 2018-06-01"), False, True),
    ("the date restored", lambda r: r.replace(UNLOCKED, "published: 2018-06-01", "published: 2018-07-16"), False, True),
    ("a number used twice", lambda r: r.replace(UNLOCKED, "〔2018〕38号", "〔2018〕41号"), False, True),
    ("a body edited while the number clashes", _append(UNLOCKED), True, False),
    ("the number restored", lambda r: r.replace(UNLOCKED, "〔2018〕41号", "〔2018〕38号"), False, True),
    ("a status changed", lambda r: r.replace(UNLOCKED, "status: 执行中", "status: 尚未施行"), False, True),
    ("a body edited while its status is wrong", _append(UNLOCKED), False, False),  # its errors: not reused
    ("the status restored", lambda r: r.replace(UNLOCKED, "status: 尚未施行", "status: 执行中"), False, True),
    ("a locked document's body changed", _append(DOC, "\n（此句未经勘误加入。）\n"), True, True),  # its own finding made again
    ("a body edited while a locked text differs", _append(UNLOCKED), True, False),
    ("the locked document restored", lambda r: r.replace(DOC, "\n（此句未经勘误加入。）\n", ""), False, True),
    ("an interpretation's target changed", lambda r: r.replace(INTERPRETATION, "68号", "998号"), False, True),
    ("its target found again", lambda r: r.replace(INTERPRETATION, "998号", "68号"), False, True),
    ("a file added", lambda r: shutil.copy(r.path / UNLOCKED, r.path / "gazette/2018/07/xzbh-38-copy.md"), False, True),
    ("a body edited while two files clash", _append(UNLOCKED), False, False),  # the clash is reported in it
    ("the file removed", lambda r: (r.path / "gazette/2018/07/xzbh-38-copy.md").unlink(), False, True),
    ("a file renamed", lambda r: _move(r, "gazette/2018/06/xcg-2018-2.md", "gazette/2018/06/xcg-2018-2-new.md"), False, False),
    ("settings changed", lambda r: r.replace("gazette.yml", "strict: false", "strict: true"), False, False),
    ("a body edited under strict settings", _append(UNLOCKED), True, False),
    ("a locked hash changed", lambda r: r.replace("gazette.lock.json", LOCKED_HASH, "0" * 12), False, True),
    ("a body edited while a locked hash differs", _append(UNLOCKED), True, False),
    ("a disclosure changed", lambda r: r.replace(UNLOCKED, "disclosure: 不予公开", "disclosure: 主动公开"), False, False),
    ("a body edited and a front matter edited", lambda r: (_append(UNLOCKED)(r), r.replace(
        LINKER, "status: 执行中", "status: 已废止\nstatus_basis: 苏政发〔2020〕12号")), False, False),
    ("a locked issue's note edited", _append(NOTED, ERRATUM), True, True),  # its own finding (rules.of_page) made again
    ("a body edited while a locked note differs", _append(UNLOCKED), True, False),  # the issue's own finding kept
    ("the note restored", lambda r: r.replace(NOTED, ERRATUM, ""), False, True),  # it had a finding: all run again
    ("the lock removed", _without_lock, False, True),
    ("an unlocked body that links edited", _append(LINKER), True, False),
    ("a link added", _append(LINKER, "\n见[办法](/doc/xzbf/2018/68/)。\n"), False, False),
    ("a body edited below the link", _append(LINKER), True, False),
    ("a link's target made missing", lambda r: r.replace(LINKER, "/doc/xzbf/2018/68/", "/doc/xzbf/2018/998/"), False, True),
    ("a body edited with a broken link", _append(LINKER), False, False),  # the broken link is reported in it
    ("the link mended", lambda r: r.replace(LINKER, "/doc/xzbf/2018/998/", "/doc/xzbf/2018/68/"), False, True),
    ("an interpretation's body edited", _append(INTERPRETATION), True, False),
    ("a linked document's number changed", lambda r: r.replace(DOC, "〔2018〕68號", "〔2018〕968號"), False, True),
    ("an issue's note (its body) edited", _append("gazette/2018/06/index.md"), True, False),
    # a link to an id of another page: what it finds depends on that page's body (rules.page_anchors.anchored)
    ("a link to an id of another page added", _append(LINKER, "\n见[第十条](/doc/xzf/2019/18/#art-10)。\n"), False, False),
    ("the linked page's id lost", lambda r: r.replace(CITED, "第十条　经批准", "经批准"), False, True),
    ("the linked page's id found again", lambda r: r.replace(CITED, "\n经批准", "\n第十条　经批准"), False, True),
]


def test_kept_cross_document_findings_are_a_cold_checks(site_repo, acrosses):
    last = {str(d) for d in same_as_cold(site_repo).diagnostics}
    for why, change, reusable, changes in EDITS:
        change(site_repo)
        now = {str(d) for d in same_as_cold(site_repo).diagnostics}
        assert acrosses[-1].reused == reusable, why
        assert (now != last) == changes, why  # the edits that could betray a stale finding do change the findings
        last = now


def test_the_preview_checker_reuses_the_findings_as_the_cli_does(site_repo):
    """One way to decide what to re-run: the in-memory check (gongbao.publish.livecheck) reuses the cross-document
    findings after exactly the edits the CLI reuses them after, and reports what a cold check reports."""
    checker = livecheck.Checker()
    checker.check(site_repo.path, TODAY, PUBLISHED)
    assert not checker.reused
    for why, change, reusable, _ in EDITS:
        change(site_repo)
        live, cold = checker.check(site_repo.path, TODAY, PUBLISHED), check(site_repo.path, TODAY, PUBLISHED)
        assert [str(d) for d in live.diagnostics] == [str(d) for d in cold.diagnostics], why
        assert checker.reused == reusable, why


def test_the_preview_checker_follows_its_last_call_after_a_refused_edit(site_repo, monkeypatch):
    """Saves seconds apart (no entry kept) around an edit that brings an error: reused only while nothing the rules
    read changed, and a cold check's result each time."""
    checker = livecheck.Checker()

    def live():
        found = checker.check(site_repo.path, TODAY, PUBLISHED)
        assert [str(d) for d in found.diagnostics] == [str(d) for d in check(site_repo.path, TODAY, PUBLISHED).diagnostics]
        return found.ok, checker.reused
    assert live() == (True, False)
    monkeypatch.setattr(checkcache, "RACY_NS", 10**18)  # every stamp too recent: no entry kept
    _append(UNLOCKED)(site_repo)
    assert live() == (True, True)
    site_repo.replace(UNLOCKED, "〔2018〕38号", "〔2018〕41号")
    assert live() == (False, False)
    _append(UNLOCKED)(site_repo)
    assert live() == (False, True)
    site_repo.replace(UNLOCKED, "〔2018〕41号", "〔2018〕38号")
    assert live() == (True, False)


def test_a_locked_body_changed_is_reported_though_nothing_else_changed(site_repo, acrosses):
    assert same_as_cold(site_repo).ok
    _append(DOC, "\n（此句未经勘误加入。）\n")(site_repo)
    found = same_as_cold(site_repo)
    assert acrosses[-1].reused  # the shared findings; the page's own comparison with the lock is made again
    assert any(d.rule == "lock" and d.path == DOC and "SHA-256" in d.message for d in found.diagnostics)


def test_kept_findings_follow_the_last_check_not_an_older_entry(site_repo, acrosses, monkeypatch):
    """A front matter changed in a check that could not keep the file's entry, then set back: the findings kept
    are of the changed front matter, so they are not reused against the older entry."""
    same_as_cold(site_repo)
    monkeypatch.setattr(checkcache, "RACY_NS", 10**18)  # every stamp too recent: no entry kept
    site_repo.replace(UNLOCKED, "〔2018〕38号", "〔2018〕41号")
    assert not same_as_cold(site_repo).ok
    monkeypatch.setattr(checkcache, "RACY_NS", 0)
    site_repo.replace(UNLOCKED, "〔2018〕41号", "〔2018〕38号")
    assert same_as_cold(site_repo).ok and not acrosses[-1].reused


def test_a_file_edited_again_at_once_still_reuses_the_findings(site_repo, acrosses, monkeypatch):
    """An editor's saves seconds apart: the edited file's entry is not kept (its stamp is too recent), what it
    showed the rules is, with the findings."""
    same_as_cold(site_repo)
    monkeypatch.setattr(checkcache, "RACY_NS", 10**18)  # every stamp too recent: no entry kept
    for n in range(3):
        _append(UNLOCKED)(site_repo)
        assert same_as_cold(site_repo).ok and acrosses[-1].reused, n
    site_repo.replace(UNLOCKED, "〔2018〕38号", "〔2018〕41号")
    assert not same_as_cold(site_repo).ok and not acrosses[-1].reused
    _append(UNLOCKED)(site_repo)
    assert not same_as_cold(site_repo).ok and acrosses[-1].reused
    site_repo.replace(UNLOCKED, "〔2018〕41号", "〔2018〕38号")
    assert same_as_cold(site_repo).ok and not acrosses[-1].reused


# The quick path (gongbao.publish.quickcheck): a few entries edited, the last result with their own findings replaced.
ISSUE_INDEX = "gazette/2018/07/index.md"
TRADITIONAL = "\n本辦法自發佈之日起施行，請遵照執行。\n"


@pytest.fixture
def quick(monkeypatch):
    """Whether each check took the quick path; a check that took it must not have loaded the per-file cache."""
    taken = []
    reused, load = quickcheck.reused, filecache.load

    def spy(*args):
        found = reused(*args)
        taken.append(found is not None)
        return found

    def loaded(*args):
        assert not taken[-1], "the per-file cache loaded after the quick path was taken"
        return load(*args)
    monkeypatch.setattr(checkcache.quickcheck, "reused", spy)
    monkeypatch.setattr(checkcache.filecache, "load", loaded)
    return lambda: taken[-1]


# (why, change, whether the quick path may be taken): after each, a cold check's result
QUICK_EDITS = [
    ("a body edited", _append(UNLOCKED), True),
    ("a body edited with a new error", _append(UNLOCKED, "\nTODO：补充\n"), False),
    ("the error gone", lambda r: r.replace(UNLOCKED, "\nTODO：补充\n", "\n"), False),
    ("a front matter edited", lambda r: r.replace(UNLOCKED, "title: 无锡市", "title: 无锡"), False),
    ("a body edited after the front matter", _append(UNLOCKED), True),
    ("a front matter error added", lambda r: r.replace(UNLOCKED, "status: 执行中", "status: 执行"), False),
    ("a body edited while in error", _append(UNLOCKED), False),
    ("the front matter error removed", lambda r: r.replace(UNLOCKED, "status: 执行", "status: 执行中"), False),
    ("a body edited once mended", _append(UNLOCKED), True),
    ("a Traditional-script sentence in a Simplified body", _append(UNLOCKED, TRADITIONAL), True),
    ("a locked document's body edited", _append(DOC, "\n（此句未经勘误加入。）\n"), True),  # its own finding made again
    ("a locked interpretation's body edited", _append(INTERPRETATION), True),
    ("a locked issue's note edited", _append(ISSUE_INDEX, ERRATUM), True),  # its own finding made again
    ("a body edited while a locked note differs", _append(UNLOCKED), True),
    ("the note restored", lambda r: r.replace(ISSUE_INDEX, ERRATUM, ""), False),
    ("the lock removed", _without_lock, False),
    ("a body edited with a new warning", lambda r: r.replace(INTERPRETATION, "## 五、执行标准", "执行标准"), True),
    ("a body edited while it warns", _append(INTERPRETATION), True),
    ("the warning gone", lambda r: r.replace(INTERPRETATION, "\n执行标准", "\n## 五、执行标准"), True),
    ("a link added", _append(LINKER, "\n见[办法](/doc/xzbf/2018/68/)。\n"), False),
    ("a body edited below the link", _append(LINKER), True),
    ("a link's target changed", lambda r: r.replace(LINKER, "/doc/xzbf/2018/68/", "/doc/xzbf/2018/998/"), False),
    ("a body edited with a broken link", _append(LINKER), False),
    ("the link mended", lambda r: r.replace(LINKER, "/doc/xzbf/2018/998/", "/doc/xzbf/2018/68/"), False),
    ("an issue's index.md: blank lines added", _append(ISSUE_INDEX, "\n\n"), True),
    ("an issue's note edited", _append(ISSUE_INDEX, "\n本期另有附录。\n"), True),
    ("two bodies edited", lambda r: (_append(UNLOCKED)(r), _append(LINKER)(r)), True),
    ("a Traditional document's body edited", _append(DOC, TRADITIONAL), True),
    ("an anchor id imitated", _append(LINKER, "\n<span id=\"art-3\"></span>\n"), False),
    ("the imitation removed", lambda r: r.replace(LINKER, "\n<span id=\"art-3\"></span>\n", "\n"), False),
    ("a file with attachments edited", _append("interpretations/xzbf-2018-75-tj.md"), True),
    ("settings changed", lambda r: r.replace("gazette.yml", "strict: false", "strict: true"), False),
    ("a body edited under strict settings", _append(UNLOCKED), True),
    ("a file added", lambda r: shutil.copy(r.path / UNLOCKED, r.path / "gazette/2018/07/xzbh-38-copy.md"), False),
    ("the file removed", lambda r: (r.path / "gazette/2018/07/xzbh-38-copy.md").unlink(), False),
    ("a participation text edited", _append("drafts/2018-gbgl-zqyj.md"), False),
]


@pytest.mark.parametrize("pooled", [False, pytest.param(True, marks=pytest.mark.build)],  # a pool: processes
                         ids=["made here", "made by a pool, bodiless"])
def test_the_quick_path_gives_a_cold_checks_result_after_every_edit(site_repo, quick, pooled, request):
    used = request.getfixturevalue("pools") if pooled else []  # records made from a pool's bodiless items
    same_as_cold(site_repo)
    for why, change, expected in QUICK_EDITS:
        change(site_repo)
        same_as_cold(site_repo)
        assert quick() == expected, why
        same_as_cold(site_repo)  # nothing changed since: the result written, reused whole, is a cold check's too
    assert any(used) == pooled


@pytest.mark.parametrize("sequence", ["changes", "edits"])
def test_the_quick_path_gives_a_cold_checks_result_in_the_other_sequences(site_repo, quick, sequence):
    """The sequences above with the quick path: taken only after an edit that leaves the cross-document findings."""
    same_as_cold(site_repo)
    taken = []
    for why, change, *reusable in CHANGES if sequence == "changes" else EDITS:
        change(site_repo)
        same_as_cold(site_repo)
        taken.append(quick())
        assert not taken[-1] or reusable[:1] in ([], [True]), why
    # of the changes, first a locked issue's note edited: a finding of its own (rules.of_page), the rest kept
    assert [why for (why, *_), quick in zip(CHANGES if sequence == "changes" else EDITS, taken) if quick][:1] == (
        ["a locked issue's note edited"] if sequence == "changes" else ["a body edited"])


def test_after_the_quick_path_an_entry_is_recalled_only_for_its_bytes(site_repo, quick, monkeypatch):
    """The per-file cache is older than the result after a quick check: the next full check reads the edited file
    again, and the result it writes is whole."""
    same_as_cold(site_repo)
    _append(UNLOCKED, TRADITIONAL)(site_repo)
    same_as_cold(site_repo)
    assert quick()
    made = []
    load = filecache.load
    monkeypatch.setattr(checkcache.filecache, "load", lambda *args: made.append(load(*args)) or made[-1])
    site_repo.replace(LINKER, "status: 执行中", "status: 已废止")
    same_as_cold(site_repo)
    assert not quick() and UNLOCKED in made[-1].entries and made[-1].recalled == len(made[-1].entries) - 2
    _append(UNLOCKED)(site_repo)
    assert same_as_cold(site_repo) and quick()
    (site_repo.path / ".cache/gongbao/files.pickle").unlink()  # nothing recalled: a cold check's own result
    site_repo.replace(LINKER, "status: 已废止", "status: 执行中")
    same_as_cold(site_repo)
    assert made[-1].recalled == 0


def test_the_quick_path_reads_only_the_changed_files(site_repo, quick, monkeypatch):
    same_as_cold(site_repo)
    read = _reads(monkeypatch)
    _append(UNLOCKED)(site_repo)
    checkcache.cached_check(site_repo.path, TODAY, PUBLISHED)
    assert quick() and read == [UNLOCKED]
    same_as_cold(site_repo)


def test_a_forged_record_is_not_trusted_without_its_signature(site_repo, quick):
    """The records ride in the signed marshal: a marshal written by another hand is no cache at all."""
    same_as_cold(site_repo)
    path = site_repo.path / ".cache/gongbao" / checkcache.RESULT
    path.write_bytes(b"0" * 64 + b"\n" + path.read_bytes().split(b"\n", 1)[1])
    site_repo.replace(UNLOCKED, "status: 执行中", "status: 执行")
    assert not same_as_cold(site_repo).ok and not quick()


def test_saves_seconds_apart_take_the_quick_path_as_far_as_it_is_certain(site_repo, quick, monkeypatch):
    """Every stamp too recent to trust (no per-file entry kept): the records still serve the quick path, and a
    cold check's result each time (a clash of numbers is reported at the other file: this one has no error)."""
    same_as_cold(site_repo)
    monkeypatch.setattr(checkcache, "RACY_NS", 10**18)
    steps = [(_append(UNLOCKED), True), (_append(UNLOCKED, TRADITIONAL), True),
             (lambda r: r.replace(UNLOCKED, "〔2018〕38号", "〔2018〕41号"), False), (_append(UNLOCKED), True),
             (lambda r: r.replace(UNLOCKED, "〔2018〕41号", "〔2018〕38号"), False), (_append(UNLOCKED), True)]
    for n, (change, expected) in enumerate(steps):
        change(site_repo)
        same_as_cold(site_repo)
        assert quick() == expected, n


# A published text corrected (its 勘误 added at the front matter's end: its body's line moves), and what a 勘误 can get
# wrong: a file's own cross-document findings (rules.of_page) are made again, the rest reused while no finding says
# where in the file something is.
def _corrected(day: str, change: str = "第一段后增加一句"):
    def edit(r):
        text = (r.path / DOC).read_text(encoding="utf-8")
        end = text.index("\n---\n", 4)
        record = f"\n  - {{date: {day}, change: {change}, reason: 补漏}}"
        head = text[:end] if "\ncorrections:" in text[:end] else text[:end] + "\ncorrections:"
        (r.path / DOC).write_text(head + record + text[end:].replace("。", "。（補一句。）", 1), encoding="utf-8")
    return edit


# (why, change, whether the findings may be reused): after each, a cold check's result
CORRECTED = [
    ("a 勘误 added with its change", _corrected("2026-11-30"), True),
    ("a second one", _corrected("2026-12-01", "第二段后增加一句"), True),
    ("a body edited after them", _append(DOC, TRADITIONAL), True),
    ("a 勘误 dated after today", _corrected("2026-12-24", "预先写的"), True),  # its own error, found again
    ("that date mended", lambda r: r.replace(DOC, "2026-12-24", "2026-12-01"), False),  # an error before: all again
    ("a 勘误 dated before publication", _corrected("2018-06-01", "倒填的"), True),
    ("removed", lambda r: r.replace(DOC, "\n  - {date: 2018-06-01, change: 倒填的, reason: 补漏}", ""), False),
    ("the number used twice", lambda r: shutil.copy(r.path / DOC, r.path / TWIN), False),
    ("a 勘误 added while another file's finding names it", _corrected("2026-12-01", "第三段后增加一句"), False),
    ("a body edited there", _append(DOC, TRADITIONAL), False),  # the clash is an error at it too
    ("the copy deleted", lambda r: (r.path / TWIN).unlink(), False),
    ("a 勘误 rewritten", lambda r: r.replace(DOC, "第一段后增加一句", "第一段后增加两句"), True),
]


def test_a_corrected_text_reuses_the_other_findings(site_repo, acrosses):
    same_as_cold(site_repo)
    seen = set()
    for why, change, reusable in CORRECTED:
        change(site_repo)
        seen |= {str(d) for d in same_as_cold(site_repo).diagnostics}
        assert acrosses[-1].reused == reusable, why
    # the edits that a stale finding would betray were made: a 勘误's wrong dates found at once, when reused too
    assert {"在今天（2026-12-01）之后", "早于发布日期 2018-06-05"} <= {why for d in seen for why in (
        "在今天（2026-12-01）之后", "早于发布日期 2018-06-05") if why in d}


def test_a_corrected_text_takes_the_quick_path(site_repo, quick):
    same_as_cold(site_repo)
    for why, change, expected in CORRECTED:
        change(site_repo)
        found = same_as_cold(site_repo)
        assert quick() == expected, why
        assert found.ok == (why not in ("a 勘误 dated after today", "a 勘误 dated before publication",
                                        "the number used twice", "a 勘误 added while another file's finding names it",
                                        "a body edited there")), why
        same_as_cold(site_repo)


def test_the_preview_checker_reuses_the_findings_after_a_correction(site_repo):
    checker = livecheck.Checker()
    checker.check(site_repo.path, TODAY, PUBLISHED)
    for why, change, reusable in CORRECTED:
        change(site_repo)
        live, cold = checker.check(site_repo.path, TODAY, PUBLISHED), check(site_repo.path, TODAY, PUBLISHED)
        assert [str(d) for d in live.diagnostics] == [str(d) for d in cold.diagnostics], why
        assert checker.reused == reusable, why


@pytest.mark.parametrize("corrected", [(), (Correction(TODAY, "第一段后增加一句", "补漏"),),
                                       (Correction(dt.date(2018, 1, 1), "倒填", "补漏"), Correction(TODAY, "改", "补漏"))])
def test_the_shared_rules_read_no_correction(site_repo, corrected):
    """What crosskept.shown leaves out of every file, its 勘误, the rules but each file's own findings never read: they
    find the same whatever 勘误 every text carries (the lock's comparison of a text and the dates rule's look at its
    勘误 are rules.of_page's)."""
    checked = check(site_repo.path, TODAY, PUBLISHED)
    locked = lock.load(site_repo.path)[0]
    archive = checked.archive

    def shared(archive):
        return sorted(str(d) for d in rules.shared(rules.Context(archive, checked.settings, TODAY, locked)))
    changed = dataclasses.replace(archive, **{kind: [dataclasses.replace(item, corrections=corrected)
                                                     for item in getattr(archive, kind)]
                                              for kind in ("documents", "interpretations", "drafts", "explanations",
                                                           "feedback")})
    assert any(item.corrections != corrected for item in archive.documents) or corrected == ()
    assert shared(changed) == shared(archive)


@pytest.mark.parametrize("note", ["", "本期另有附录。", "本期刊載文件（繁體）。見[辦法](/doc/none/)<script>alert(1)</script>",
                                  "【不予公开】某某【/不予公开】"])
def test_the_shared_rules_read_no_issue_note(site_repo, note):
    """What crosskept.shown leaves out of an issue, its note (its body), the rules but each file's own findings never
    read: they find the same whatever note every issue carries (the lock's comparison of a note is rules.of_page's)."""
    checked = check(site_repo.path, TODAY, PUBLISHED)
    locked = lock.load(site_repo.path)[0]
    archive = checked.archive

    def shared(archive):
        return sorted(str(d) for d in rules.shared(rules.Context(archive, checked.settings, TODAY, locked)))
    noted = dataclasses.replace(archive, issues=[dataclasses.replace(issue, note=note, source=issue.source.with_body(note))
                                                 for issue in archive.issues])
    assert any(issue.note != note for issue in archive.issues)
    assert shared(noted) == shared(archive)


# The lock rule names the line a published text's uncorrected change starts at, from the file as git's HEAD holds it
# (rules/lock.py: ctx.earlier, gongbao.content.gitshow): HEAD is read by the check, but no cache's key holds it.
def _git(r, *args):
    import subprocess
    subprocess.run(["git", "-C", str(r.path), "-c", "user.name=t", "-c", "user.email=t@t", *args], check=True,
                   capture_output=True)


def _uncorrected_change_then_commit(r):
    _git(r, "init", "-q")
    _git(r, "add", "-A")
    _git(r, "commit", "-qm", "sample")
    text = (r.path / DOC).read_text(encoding="utf-8")
    end = text.index("\n---\n", 4) + 5
    (r.path / DOC).write_text(text[:end] + text[end:].replace("。", "。（此句未经勘误加入。）", 3), encoding="utf-8")


def _line_of_change(diagnostics):
    return [str(d) for d in diagnostics if "没有勘误记录" in d.message]


@pytest.mark.parametrize("then", ["nothing else", "another body edited"])
def test_a_commit_moves_the_line_an_uncorrected_change_is_named_at(site_repo, then):
    """An uncorrected change of a locked text is named at its first changed line, against HEAD; committed, against
    the new HEAD the text is as committed, and a cold check names the body's first line."""
    _uncorrected_change_then_commit(site_repo)
    first = same_as_cold(site_repo)
    assert _line_of_change(first.diagnostics)
    _git(site_repo, "commit", "-qam", "the change committed")  # no file of the check changed
    if then != "nothing else":
        _append(UNLOCKED)(site_repo)
    same_as_cold(site_repo)


def test_the_preview_checker_after_a_commit(site_repo):
    _uncorrected_change_then_commit(site_repo)
    checker = livecheck.Checker()
    checker.check(site_repo.path, TODAY, PUBLISHED)
    _git(site_repo, "commit", "-qam", "the change committed")
    _append(UNLOCKED)(site_repo)
    live, cold = checker.check(site_repo.path, TODAY, PUBLISHED), check(site_repo.path, TODAY, PUBLISHED)
    assert _line_of_change(live.diagnostics) == _line_of_change(cold.diagnostics)


def test_a_save_during_the_quick_path_is_not_taken_for_the_bytes_stamped(site_repo, quick, monkeypatch):
    """The quick path stamps a changed file (its hash) and then reads it again to check it alone: a save between the
    two (an editor's, as the check runs) gives the result of bytes the stamp does not name. The full path records
    such a file as changed meanwhile (gongbao.publish.filestamp); restored to the stamped bytes, the next check
    finds nothing changed and gives the other bytes' findings."""
    same_as_cold(site_repo)
    stamped = (site_repo.path / INTERPRETATION).read_text(encoding="utf-8") + "\n本文件已经修订。\n"
    (site_repo.path / INTERPRETATION).write_text(stamped, encoding="utf-8")
    made_and_read = quickcheck.made_and_read

    def saved_meanwhile(root, settings, jobs):  # the editor saves again, a heading removed: a warning of its own
        (site_repo.path / INTERPRETATION).write_text(stamped.replace("## 五、执行标准", "执行标准"), encoding="utf-8")
        return made_and_read(root, settings, jobs)
    monkeypatch.setattr(quickcheck, "made_and_read", saved_meanwhile)
    checkcache.cached_check(site_repo.path, TODAY, PUBLISHED)
    assert not quick()  # the bytes read are not the stamped ones: the full check, which records it as changed meanwhile
    monkeypatch.setattr(quickcheck, "made_and_read", made_and_read)
    (site_repo.path / INTERPRETATION).write_text(stamped, encoding="utf-8")  # the bytes the last check stamped
    same_as_cold(site_repo)


def test_the_preview_checker_after_a_save_during_its_check(site_repo, monkeypatch):
    """The same race in the preview: the stamps say one version, the loader read another."""
    checker = livecheck.Checker()
    checker.check(site_repo.path, TODAY, PUBLISHED)
    stamped = (site_repo.path / INTERPRETATION).read_text(encoding="utf-8") + "\n本文件已经修订。\n"
    (site_repo.path / INTERPRETATION).write_text(stamped, encoding="utf-8")
    read_at, saved = loader.read_at, []

    def saved_meanwhile(root, rel, path):
        if rel == INTERPRETATION and not saved:
            saved.append((site_repo.path / rel).write_text(stamped.replace("## 五、执行标准", "执行标准"), encoding="utf-8"))
        return read_at(root, rel, path)
    monkeypatch.setattr(loader, "read_at", saved_meanwhile)
    checker.check(site_repo.path, TODAY, PUBLISHED)
    assert saved
    monkeypatch.setattr(loader, "read_at", read_at)
    (site_repo.path / INTERPRETATION).write_text(stamped, encoding="utf-8")  # the bytes the last call stamped
    live, cold = checker.check(site_repo.path, TODAY, PUBLISHED), check(site_repo.path, TODAY, PUBLISHED)
    assert [str(d) for d in live.diagnostics] == [str(d) for d in cold.diagnostics]


def test_a_passage_withheld_on_more_lines_moves_the_findings_after_it(site_repo):
    """The published body is the same whether a withheld passage has six lines or seven (gongbao.content.redaction);
    the line of the file of what follows it is not: a cross-document finding there (a link to no page) is not kept
    at its old line."""
    partial, opening = "gazette/2018/07/xzbh-41.md", "【不予公开：载有业主姓名、房号和联系方式，涉及个人隐私】\n"
    (site_repo.path / "gazette.lock.json").unlink()  # the link's finding alone
    site_repo.replace(partial, "【/不予公开】", "【/不予公开】\n见[另一份文件](/doc/xzbf/2099/1/)。")
    first = same_as_cold(site_repo)
    site_repo.replace(partial, opening, opening + "\n")
    second = same_as_cold(site_repo)
    line = lambda checked: next(d.line for d in checked.diagnostics if d.path == partial and "2099" in d.message)  # noqa: E731
    assert line(second) == line(first) + 1
