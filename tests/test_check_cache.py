"""`gongbao check` remembers its last result by the hashes of what it read; any change, and a cache that is not
its own, make it check in full."""
from __future__ import annotations

import gc
import marshal
import os
import threading
import weakref

import pytest

from conftest import TODAY
from gongbao.publish import checkcache, filecache, signed
from gongbao.content import lock
from gongbao.publish.check import check as uncached_check


@pytest.fixture(autouse=True)
def secret(tmp_path, monkeypatch):
    monkeypatch.setenv(checkcache.SECRET_ENV, str(tmp_path / "secret"))
    return tmp_path / "secret"


@pytest.fixture
def counted(monkeypatch):
    """How many times the full check ran."""
    runs = []
    full = checkcache.check

    def check(*args, **kwargs):
        runs.append(1)
        return full(*args, **kwargs)
    monkeypatch.setattr(checkcache, "check", check)
    return runs


def run(repo, today=TODAY, published=(lock.EMPTY, [])):
    return checkcache.cached_check(repo.path, today, published)


def _cache(repo):
    return repo.path / ".cache" / "gongbao" / checkcache.RESULT


def test_an_unchanged_archive_is_not_checked_again(repo, counted):
    first = run(repo)
    assert first.ok and first.documents == 1 and first.interpretations == 1
    assert run(repo) == first and counted == [1]


def test_a_checks_objects_live_until_the_next_check(repo):
    """Not freed one by one as the check returns (``gongbao check`` ends with os._exit) nor walked by the collector
    meanwhile, nor kept past the next check."""
    run(repo)
    files = next(kept for kept in checkcache._HELD if isinstance(kept, filecache.FileCache))
    assert gc.is_tracked(files) and not any(tracked is files for tracked in gc.get_objects())  # frozen
    held = weakref.ref(files)
    del files
    gc.collect()
    assert held() is not None
    run(repo)
    gc.collect()
    assert held() is None


def test_the_cached_result_keeps_every_diagnostic(repo, counted):
    repo.replace("gazette/2018/06/xzbf-68.md", "status: 执行中", "status: 执行")
    first = run(repo)
    again = run(repo)
    assert not first.ok and again == first and counted == [1]
    assert [str(d) for d in again.diagnostics] == repo.messages()


def test_an_edit_of_the_same_size_is_seen(repo, counted, monkeypatch):
    monkeypatch.setattr(checkcache, "RACY_NS", 0)  # stamps trusted at once: the edit is found by them
    assert run(repo).ok
    repo.replace("gazette/2018/06/xzbf-68.md", "status: 执行中", "status: 执行甲")  # one character for another…
    repo.replace("gazette/2018/06/xzbf-68.md", "加强统筹。", "加强统筹")          # …and the size kept
    assert not run(repo).ok and counted == [1, 1]


def test_an_edit_that_keeps_size_and_modification_time_is_seen(repo, counted, monkeypatch):
    """`touch -d` back to the old time after a same-size edit: the change time (ctime), which no user call
    can set back, tells."""
    monkeypatch.setattr(checkcache, "RACY_NS", 0)  # stamps trusted at once: only the stat can find the edit
    path = repo.path / "gazette/2018/06/xzbf-68.md"
    assert run(repo).ok
    before = path.stat()
    repo.replace("gazette/2018/06/xzbf-68.md", "status: 执行中", "status: 执行甲")  # three bytes for three
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns, after.st_ino) == (before.st_size, before.st_mtime_ns, before.st_ino)
    assert not run(repo).ok and counted == [1, 1]


def test_a_file_hashed_within_the_clocks_tick_is_hashed_again_however_its_stat(repo, counted, monkeypatch):
    """The racy case: a file written just before its hash may be written again within the same tick of the
    file system's clock, its stat unchanged; its stamp is then not trusted, and the next check reads it."""
    run(repo)  # the fixture's files are seconds old at most: every stamp is racy
    path = repo.path / "gazette/2018/06/xzbf-68.md"
    before = path.stat()
    repo.replace("gazette/2018/06/xzbf-68.md", "status: 执行中", "status: 执行甲")
    monkeypatch.setattr(os, "stat", _as_before(os.stat, path, before))  # a clock too coarse to tell the two writes
    monkeypatch.setattr(os, "lstat", _as_before(os.lstat, path, before))
    assert not run(repo).ok and counted == [1, 1]


def _as_before(real, path, before):
    def stat(target, *args, **kwargs):
        return before if os.fspath(target) == str(path) else real(target, *args, **kwargs)
    return stat


@pytest.mark.parametrize("change", [
    lambda repo: repo.write("gazette/2018/06/new.md", "---\ntitle: 无文号\n---\n"),  # a file added
    lambda repo: (repo.path / "interpretations/xzbf-68-jd.md").unlink(),         # a file removed
    lambda repo: repo.replace("gazette.yml", "测试公报", "另一公报"),               # settings
    lambda repo: repo.write("content/about.md", "# 关于\n"),                       # a hand-written page
])
def test_any_change_of_an_input_checks_again(repo, counted, change):
    run(repo)
    change(repo)
    after = run(repo)
    assert counted == [1, 1]
    assert after == checkcache.Summary(repo.check().diagnostics, after.documents, after.interpretations)


def test_another_date_or_published_lock_checks_again(repo, counted):
    run(repo)
    run(repo, today=TODAY.replace(year=2027))
    published = lock.Lock({}, text="{}", name="published")
    run(repo, published=(published, []))
    assert counted == [1, 1, 1]


def test_a_recently_changed_file_is_read_again_next_time(repo, monkeypatch):
    run(repo)
    stored = marshal.loads(_cache(repo).read_bytes().partition(b"\n")[2])
    assert stored["files"]["gazette/2018/06/xzbf-68.md"][0] == -1  # just written: within one tick of the clock
    monkeypatch.setattr(checkcache, "RACY_NS", 0)  # as if two seconds had passed
    run(repo)
    stored = marshal.loads(_cache(repo).read_bytes().partition(b"\n")[2])
    assert stored["files"]["gazette/2018/06/xzbf-68.md"][0] > 0


def _forge(repo, signature: bytes):
    """A cache that says the archive has no errors, as a pull request could commit it."""
    stored = marshal.loads(_cache(repo).read_bytes().partition(b"\n")[2])
    stored["result"]["diagnostics"] = []
    _cache(repo).write_bytes(signature + b"\n" + marshal.dumps(stored))


@pytest.mark.parametrize("forge", [
    lambda repo: _forge(repo, b"0" * 64),                                       # not signed
    lambda repo: _forge(repo, __import__("hmac").new(b"another machine", b"", "sha256").hexdigest().encode()),
    lambda repo: _cache(repo).write_bytes(b"\x00garbage"),                       # corrupt
    lambda repo: _cache(repo).write_bytes(b""),                                  # empty
])
def test_a_cache_not_signed_here_is_ignored(repo, counted, forge):
    repo.replace("gazette/2018/06/xzbf-68.md", "status: 执行中", "status: 执行")
    assert not run(repo).ok
    forge(repo)
    assert not run(repo).ok and counted == [1, 1]


@pytest.mark.parametrize("body", [
    b"\x00garbage",                                               # not marshal at all
    lambda whole: whole[:len(whole) // 2],                        # torn, yet signed
    lambda whole: b'{"files": {}, "key": "", "result": {}}',      # an older layout (JSON)
    lambda whole: marshal.dumps([1, 2, 3]),                       # marshal, not a mapping
    lambda whole: marshal.dumps({"files": [], "result": None}),   # a mapping of the wrong shapes
])
def test_a_cache_signed_here_but_unreadable_is_checked_afresh(repo, counted, body):
    """Signed by this user's key, as another version of gongbao (or of Python) could have left it."""
    repo.replace("gazette/2018/06/xzbf-68.md", "status: 执行中", "status: 执行")
    first = run(repo)
    whole = _cache(repo).read_bytes().partition(b"\n")[2]
    signed.write(_cache(repo), signed.secret(), body(whole) if callable(body) else body)
    assert run(repo) == first and counted == [1, 1]


def test_a_cache_signed_with_another_secret_is_ignored(repo, counted, secret, tmp_path, monkeypatch):
    run(repo)
    monkeypatch.setenv(checkcache.SECRET_ENV, str(tmp_path / "other-secret"))
    run(repo)
    assert counted == [1, 1]
    assert (tmp_path / "other-secret").stat().st_mode & 0o077 == 0  # readable by its owner only


def test_unsafe_files_are_reported_before_any_is_read(repo, counted):
    run(repo)
    os.mkfifo(repo.path / "gazette/2018/06/pipe.md")
    result = run(repo)  # would block if the FIFO were opened for its hash
    assert not result.ok and any("pipe.md" in d.path for d in result.diagnostics) and counted == [1]


def _outside(tmp_path):
    """A folder of the user's outside the repository, as a link planted in the cache could lead to."""
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "precious").write_text("someone else's file", encoding="utf-8")
    (folder / checkcache.RESULT).write_text("not a cache", encoding="utf-8")
    return folder


def _unchanged(folder) -> bool:
    return (sorted(p.name for p in folder.iterdir()) == [checkcache.RESULT, "precious"]
            and (folder / "precious").read_text(encoding="utf-8") == "someone else's file"
            and (folder / checkcache.RESULT).read_text(encoding="utf-8") == "not a cache")


def test_a_link_planted_at_the_temporary_name_is_not_written_through(repo, counted, tmp_path):
    """The temporary file was ``.check.marshal.<pid>``, written with write_bytes: a link there was followed."""
    outside = _outside(tmp_path)
    folder = _cache(repo).parent
    folder.mkdir(parents=True)
    for name in (checkcache.RESULT, "files.pickle"):
        (folder / f".{name}.{os.getpid()}").symlink_to(outside / "precious")
    repo.replace("gazette/2018/06/xzbf-68.md", "status: 执行中", "status: 执行")
    assert not run(repo).ok and not run(repo).ok and counted == [1]  # the second from the cache written beside
    assert _unchanged(outside)


def test_a_link_in_the_caches_place_is_neither_read_nor_written_through(repo, counted, tmp_path):
    outside = _outside(tmp_path)
    elsewhere = tmp_path / "elsewhere.marshal"
    signed.write(elsewhere, signed.secret(), marshal.dumps({"files": {}}))  # signed by this user: another checkout's
    assert signed.read(elsewhere, signed.secret()) is not None
    _cache(repo).parent.mkdir(parents=True)
    _cache(repo).symlink_to(elsewhere)
    assert signed.read(_cache(repo), signed.secret()) is None
    (_cache(repo).parent / "files.pickle").symlink_to(outside / "precious")
    assert run(repo).ok and counted == [1]
    assert _unchanged(outside) and not _cache(repo).is_symlink()


@pytest.mark.parametrize("linked", [".cache", ".cache/gongbao"])
def test_a_cache_folder_that_is_a_link_is_no_cache(repo, counted, tmp_path, linked):
    """Its files would be read from and written into wherever it leads: the check runs in full and keeps nothing."""
    outside = _outside(tmp_path)
    if linked == ".cache/gongbao":
        (repo.path / ".cache").mkdir()
    (repo.path / linked).symlink_to(outside, target_is_directory=True)
    repo.replace("gazette/2018/06/xzbf-68.md", "status: 执行中", "status: 执行")
    assert not run(repo).ok and not run(repo).ok and counted == [1, 1]
    assert _unchanged(outside) and not (outside / "gongbao").exists()


def test_a_fifo_in_a_cache_files_place_is_no_cache(repo, counted):
    """A FIFO planted where a cache file is read would block the check until something wrote to it."""
    _cache(repo).parent.mkdir(parents=True)
    for name in (_cache(repo).name, "files.pickle"):
        os.mkfifo(_cache(repo).parent / name)
    ran = []
    reader = threading.Thread(target=lambda: ran.append(run(repo).ok), daemon=True)
    reader.start()
    reader.join(20)
    assert ran == [True] and counted == [1]


@pytest.fixture
def parses(monkeypatch):
    """How many times a lock's text was parsed, none kept in this process (the preview's memo, lock.parse)."""
    texts = []
    real = lock._parse

    def parse(text, name):
        texts.append(name)
        return real(text, name)
    monkeypatch.setattr(lock, "_parse", parse)
    monkeypatch.setattr(lock, "_parsed", {})
    return texts


def _locked(repo):
    repo.write(lock.FILENAME, lock.updated(lock.EMPTY, lock.unrecorded(lock.EMPTY, *_archive(repo)), TODAY).dumps())


def _archive(repo):
    checked = uncached_check(repo.path, TODAY)  # to lock what it finds
    return checked.archive, checked.settings.issuer_codes


def test_the_committed_lock_is_kept_parsed_by_the_hash_of_its_bytes(repo, parses, monkeypatch):
    """A check after an edit reads the lock's bytes again but not its 18,000 entries (0.4 s a check): it takes the
    lock parsed by the check that last read those bytes. A lock changed in any way is parsed again."""
    _locked(repo)
    assert run(repo).ok and parses == [lock.FILENAME]
    repo.replace("gazette/2018/06/xzbf-68.md", "加强统筹。各地", "加强统筹，各地")
    monkeypatch.setattr(lock, "_parsed", {})
    assert [d.rule for d in run(repo).diagnostics] == ["lock"] and parses == [lock.FILENAME]  # held to the kept lock
    text = (repo.path / lock.FILENAME).read_text(encoding="utf-8")
    repo.write(lock.FILENAME, text.replace('"corrections": 0', '"corrections": -1', 1))
    monkeypatch.setattr(lock, "_parsed", {})
    assert any("corrections 应为不小于 0 的整数" in str(d) for d in run(repo).diagnostics)
    assert parses == [lock.FILENAME, lock.FILENAME]


def test_a_kept_lock_parsed_by_other_code_is_parsed_again(repo, parses, monkeypatch):
    """Another release of gongbao (or the code of another branch) may read the same bytes otherwise: a key one does not
    know is an error there. The lock is kept parsed with the code that parsed it."""
    _locked(repo)
    run(repo)
    code = checkcache.fingerprint.code
    monkeypatch.setattr(checkcache.fingerprint, "code", lambda tools: code(tools) + b"another release")
    monkeypatch.setattr(lock, "_parsed", {})
    assert run(repo).ok and parses == [lock.FILENAME, lock.FILENAME]


def test_a_kept_lock_not_signed_here_is_ignored(repo, parses, monkeypatch):
    _locked(repo)
    run(repo)
    kept = repo.path / ".cache" / "gongbao" / checkcache.LOCK
    kept.write_bytes(b"forged\n" + kept.read_bytes().split(b"\n", 1)[1])
    repo.replace("gazette/2018/06/xzbf-68.md", "加强统筹。各地", "加强统筹，各地")
    monkeypatch.setattr(lock, "_parsed", {})
    assert [d.rule for d in run(repo).diagnostics] == ["lock"] and len(parses) == 2
