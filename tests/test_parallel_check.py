"""A cold check on several cores (gongbao.publish.parallel) reports exactly what one process reports: the same
diagnostics in the same order, the same archive, the same per-file cache; and it stays in one process when
forking is unsafe (other threads), falls back to it when a worker dies, and never hangs."""
from __future__ import annotations

import dataclasses
import functools
import gc
import multiprocessing
import os
import pickle
import shutil
import threading
import time

import pytest

from conftest import TODAY, Repo
from gongbao.content import loader, source, tree
from gongbao.publish import checkcache, crosskept, filecache, filestamp, forked, parallel, quickcheck
from gongbao.publish import check as check_module
from gongbao.publish.check import check
from gongbao.tools import synthetic

PUBLISHED = (checkcache.lock.EMPTY, [])


@pytest.fixture
def pools(monkeypatch):
    """Every check pooled however few its files, on two workers whatever the machine; the pools' sizes as used."""
    monkeypatch.setattr(parallel, "MIN_FILES", 1)
    monkeypatch.setattr(parallel, "CHUNK", 3)  # many chunks: their order must be the files' order
    monkeypatch.setattr(forked.os, "sched_getaffinity", lambda pid: {0, 1})
    # Only the threads a test starts count: the idle servers earlier tests of the session left running would keep
    # every check in one process (a child forked beside them never touches them).
    count, before = threading.active_count, threading.active_count()
    monkeypatch.setattr(forked.threading, "active_count", lambda: count() - before + 1)
    used, make = [], parallel.Parallel.make

    def spy(self, *args):
        results = make(self, *args)
        used.append(self.used)
        return results
    monkeypatch.setattr(parallel.Parallel, "make", spy)
    return used


def _one_process(monkeypatch):
    monkeypatch.setattr(parallel, "MIN_FILES", 10 ** 9)


def _documents(repo: Repo) -> list[str]:
    return sorted(str(p.relative_to(repo.path)) for p in (repo.path / "gazette").rglob("*.md") if p.name != "index.md")


def _seeded(tmp_path) -> Repo:
    """A synthetic archive with an error of each kind a file can have alone or with others."""
    repo = Repo(tmp_path / "archive")
    synthetic.write(repo.path, synthetic.archive(40, shape="real"))
    documents = _documents(repo)
    interpretations = sorted(str(p.relative_to(repo.path)) for p in (repo.path / "interpretations").rglob("*.md"))
    issue = next((repo.path / "gazette").rglob("index.md")).relative_to(repo.path).as_posix()
    repo.replace(documents[0], "status: ", 'title: "未闭合\nstatus: ')                        # YAML error
    repo.replace(documents[1], "status: ", "status: 执行中\nstatus: ")                          # a key twice
    repo.replace(documents[2], "---\n\n", "---\n\nTODO：补充正文\n\n" + "- " * 40 + "深\n\n")  # placeholder, nesting
    repo.replace(documents[3], "section: ", "section: 【不予公开】x【/不予公开】\nold_section: ")   # a mark, an unknown key
    repo.replace(documents[4], "type: 规范性文件", "type: 通告")                                   # a wrong value
    repo.replace(documents[5], "---\n\n", "---\n\n[上位法](../../1999/01/missing.md)\n\n")        # a broken link
    repo.replace(documents[6], "status: 执行中", "status: 已废止")                                # a cross-document one
    repo.write(documents[7], (repo.path / documents[7]).read_bytes().replace("。".encode(), "。".encode("gbk"), 1))
    repo.write(documents[8], "")
    repo.write(documents[9], "没有 front matter\n")
    repo.replace(documents[10], "---\n\n", "---\n\n\u202e")                                          # a bidi control
    for n, encoding in ((12, "utf-16"), (13, "gb18030"), (14, "utf-8-sig")):                  # other encodings, whole files
        repo.write(documents[n], (repo.path / documents[n]).read_text(encoding="utf-8").encode(encoding))
    repo.write("gazette/2099/loose.md", (repo.path / documents[11]).read_text(encoding="utf-8"))  # outside any issue
    repo.replace(issue, "year: ", "year: 二〇二五\nold_year: ")                                   # its documents' issue
    repo.replace(interpretations[0], "interprets: ", "interprets: 锡政发〔1999〕1号\nwas: ")      # interprets nothing
    repo.replace(interpretations[1], "---\n\n", "---\n\n【不予公开】未闭合\n\n")                  # a withheld mark
    return repo


def _report(checked) -> tuple:
    archive = checked.archive
    return ([str(d) for d in checked.diagnostics], [(d.source.path, d.title, d.number) for d in archive.documents],
            [(i.source.path, i.interprets) for i in archive.interpretations], [i.key for i in archive.issues],
            archive.unloaded)


@pytest.mark.parametrize("fixture", ["seeded", "site_repo"])
def test_pooled_check_reports_what_one_process_reports(fixture, request, tmp_path, monkeypatch, pools):
    repo = _seeded(tmp_path) if fixture == "seeded" else request.getfixturevalue("site_repo")
    pooled = _report(check(repo.path, TODAY, PUBLISHED))
    assert pools and all(used == 2 for used in pools)
    _one_process(monkeypatch)
    alone = _report(check(repo.path, TODAY, PUBLISHED))
    assert pooled == alone
    if fixture == "seeded":  # every seeded kind was found: the comparison is not of two empty lists
        assert len(alone[0]) >= 15 and all(f"{n}" in " ".join(alone[0]) for n in ("loose.md", "二〇二五", "1999"))
        documents = _documents(repo)
        assert f"{documents[12]}:1: 文件是 UTF-16 编码" in " ".join(alone[0]) and f"{documents[13]}:2: 文件不是 UTF-8 编码" in " ".join(alone[0])
        assert not any(d.startswith(documents[14]) for d in alone[0])  # UTF-8 with a byte-order mark is UTF-8


def test_the_committed_lock_is_read_once_while_the_workers_make_the_files(site_repo, monkeypatch, pools):
    """The parent parses the lock meanwhile, not before the pool: once, with the workers alive, and the lock it read
    is the one the rules compare with (the sample's lock records hashes: a lock read wrong or not at all would show)."""
    workers_then, load = [], check_module.lock.load
    monkeypatch.setattr(check_module.lock, "load", lambda root: workers_then.append(len(multiprocessing.active_children()))
                        or load(root))
    pooled = _report(check(site_repo.path, TODAY, PUBLISHED))
    assert pools == [2, 2] and workers_then == [2]
    written = (site_repo.path / "gazette.lock.json").read_text(encoding="utf-8")
    (site_repo.path / "gazette.lock.json").write_text('{"version": 2, "urls": {"doc/x/": 1}}', encoding="utf-8")
    assert any("gazette.lock.json" in d for d in _report(check(site_repo.path, TODAY, PUBLISHED))[0])
    _one_process(monkeypatch)
    (site_repo.path / "gazette.lock.json").write_text(written, encoding="utf-8")
    assert pooled == _report(check(site_repo.path, TODAY, PUBLISHED)) and workers_then == [2, 2, 0]


def test_pooled_cold_check_keeps_the_cache_one_process_keeps(tmp_path, monkeypatch, pools):
    """Through the CLI's cache: the cold result, and the check after it that reuses every entry, are the same."""
    monkeypatch.setenv(checkcache.SECRET_ENV, str(tmp_path / "secret"))
    monkeypatch.setattr(checkcache, "RACY_NS", 0)
    repo = _seeded(tmp_path)
    cold = checkcache.cached_check(repo.path, TODAY, PUBLISHED)
    assert pools == [2, 2]
    (repo.path / "gazette.yml").touch()  # the whole result not reused, the per-file entries are
    warm = checkcache.cached_check(repo.path, TODAY, PUBLISHED)
    _one_process(monkeypatch)
    alone = check(repo.path, TODAY, PUBLISHED)
    assert [str(d) for d in cold.diagnostics] == [str(d) for d in warm.diagnostics] == [str(d) for d in alone.diagnostics]


@pytest.mark.unit  # asks for pools and starts none
def test_no_pool_while_other_threads_run(tmp_path, pools):
    repo = _seeded(tmp_path)
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        check(repo.path, TODAY, PUBLISHED)
    finally:
        stop.set()
        other.join()
    assert pools and not any(pools)


_PARENT, _MADE = os.getpid(), parallel._made


def _dies(*args):
    """A worker killed (the first chunk is made in this process)."""
    if os.getpid() != _PARENT:
        os._exit(3)
    return _MADE(*args)


def test_a_worker_that_dies_leaves_the_files_to_this_process(tmp_path, monkeypatch, pools):
    repo = _seeded(tmp_path)
    _one_process(monkeypatch)
    alone = _report(check(repo.path, TODAY, PUBLISHED))
    monkeypatch.setattr(parallel, "MIN_FILES", 1)
    monkeypatch.setattr(parallel, "_made", _dies)  # forked workers see it too
    assert _report(check(repo.path, TODAY, PUBLISHED)) == alone
    assert not any(pools)


def _dies_at(last: str, *args):
    """A worker killed by the chunk of ``last``, once the other chunks came back."""
    if os.getpid() != _PARENT and any(rel == last for rel, _, _ in args[-1]):
        time.sleep(0.5)
        os._exit(3)
    return _MADE(*args)


def _dies_at_marked(last: str, *args):
    """_dies_at, each stamp a worker sends one no read gives."""
    pickled, more = _dies_at(last, *args)
    return pickled, more if os.getpid() == _PARENT else [(shown, ["a worker's"]) for shown, _ in more]


def test_a_pool_that_breaks_after_some_chunks_came_back_keeps_nothing_of_them(tmp_path, monkeypatch, pools):
    """Each chunk is taken in as it comes back: when a later one kills its worker, the files are made here and
    nothing the workers sent serves them (their stamps, findings, pickled bytes): each file's stamp is the one this
    process took as it made the file."""
    repo = _seeded(tmp_path)
    settings = check(repo.path, TODAY, PUBLISHED).settings
    jobs = [(rel, loader.INTERPRETATION, None) for rel in loader.content_files(repo.path, "interpretations")]
    monkeypatch.setattr(parallel, "_made", functools.partial(_dies_at_marked, jobs[-1][0]))
    taken, take = [], parallel.Parallel._taken
    monkeypatch.setattr(parallel.Parallel, "_taken", lambda self, *args: taken.append(args[1]) or take(self, *args))
    made = parallel.Parallel(bodiless=True, stamped=True)
    results = made.make(repo.path, settings, jobs)
    assert len(jobs) > 3 * parallel.CHUNK and len(taken) > 1 and pools[-1] == 0  # some chunks were taken in, then it broke
    assert [dataclasses.replace(r, item=None) for r in results] == [
        dataclasses.replace(r, item=None) for r in loader.made_here(repo.path, settings, jobs)]
    assert made.pickled() == [] and all(made.read_by(rel) == filestamp.read(str(repo.path / rel)) for rel, _, _ in jobs)
    assert all(made.record_by(r.item) is None for r in results if r.item is not None)


def test_a_workers_findings_serve_only_its_own_item(tmp_path, monkeypatch, pools):
    repo = _seeded(tmp_path)
    settings = check(repo.path, TODAY, PUBLISHED).settings
    jobs = [(rel, loader.INTERPRETATION, None) for rel in loader.content_files(repo.path, "interpretations")]
    made, pools[:] = parallel.Parallel(), []
    item = next(r.item for r in made.make(repo.path, settings, jobs) if r.item is not None)
    same_path = next(r.item for r in loader.made_here(repo.path, settings, jobs) if r.item is not None)
    assert pools == [2] and item.source.path == same_path.source.path
    asked = []
    monkeypatch.setattr(parallel.rules, "per_file", lambda i, s: asked.append(i) or ["made here"])
    assert made.per_file(item, settings) != ["made here"] and asked == []  # the worker's findings
    assert made.per_file(same_path, settings) == ["made here"] and asked == [same_path]


def test_the_pool_sends_a_checks_items_without_their_bodies_and_none_is_read_again(site_repo, tmp_path, monkeypatch, pools):
    """gongbao check (its cache stands for the bodies): the items come back bodiless with their links and, as the
    sample's lock compares hashes, their hash; the parent reads no file again, and reports what one process does."""
    monkeypatch.setenv(checkcache.SECRET_ENV, str(tmp_path / "secret"))
    monkeypatch.setattr(checkcache, "RACY_NS", 0)
    repo = site_repo
    made, sent = [], parallel._sent
    monkeypatch.setattr(parallel, "_sent", lambda *args: made.append(sent(*args)) or made[-1])  # the first chunk's
    read_again = []
    monkeypatch.setattr(source.Recalled, "_read", property(lambda self: read_again.append(self.path)))
    pooled = checkcache.cached_check(repo.path, TODAY, PUBLISHED)
    assert pools == [2, 2] and read_again == []
    items = [(result.item, links, digest) for result, _, links, digest, _ in made if result.item is not None]
    assert items and all(isinstance(item.source, source.Recalled) and "body" not in vars(item.source) for item, *_ in items)
    assert all(links is not None for _, links, _ in items)
    assert any(digest for _, _, digest in items)  # the lock asks for hashes: made where the body was
    _one_process(monkeypatch)
    alone = check(repo.path, TODAY, PUBLISHED)
    assert [str(d) for d in pooled.diagnostics] == [str(d) for d in alone.diagnostics]


def test_a_check_that_renders_gets_whole_items_from_the_pool(site_repo, pools):
    repo = site_repo
    checked = check(repo.path, TODAY, PUBLISHED)  # the build's: bodies kept
    assert pools and all(used == 2 for used in pools)
    assert all(type(item.source) is source.Source and item.source.body is not None
               for item in (*checked.archive.documents, *checked.archive.interpretations))



@pytest.mark.parametrize("collecting", [True, False])
def test_the_collector_is_as_it_was_after_a_pool(tmp_path, pools, collecting):
    """Off while the results come back (none is garbage), then as the caller had it, also after a broken pool."""
    repo = _seeded(tmp_path)
    (gc.enable if collecting else gc.disable)()
    try:
        check(repo.path, TODAY, PUBLISHED)
        assert pools and all(used == 2 for used in pools) and gc.isenabled() == collecting
    finally:
        gc.enable()


def _stored_stamps(repo: Repo) -> dict:
    key = checkcache.signed.secret()
    return checkcache._load(repo.path / ".cache/gongbao" / checkcache.RESULT, key)["files"]


def test_a_cold_check_hashes_each_file_once_where_it_was_made(site_repo, tmp_path, monkeypatch, pools):
    """No stamps to compare with: no file is hashed twice in this process, the files the workers made are hashed
    there (with the very bytes they read), and the hashes recorded are those reading every file afresh gives."""
    monkeypatch.setenv(checkcache.SECRET_ENV, str(tmp_path / "secret"))
    monkeypatch.setattr(checkcache, "RACY_NS", 0)
    repo, here, read = site_repo, [], filestamp.read
    monkeypatch.setattr(filestamp, "read", lambda path: here.append(path) or read(path))  # the workers' are not seen
    checkcache.cached_check(repo.path, TODAY, PUBLISHED)
    stamps = _stored_stamps(repo)
    here = [os.path.relpath(path, repo.path) for path in here]
    assert pools == [2, 2] and len(here) == len(set(here))
    assert {rel for rel in stamps if rel.endswith(".md") and rel.startswith(("gazette/", "interpretations/"))} - set(here)
    assert stamps == checkcache.stamps(repo.path, tree.scan(repo.path).files, {})


def test_a_cold_check_in_one_process_hashes_the_bytes_it_made_each_file_of(site_repo, tmp_path, monkeypatch):
    """Without a pool (few files): each content file is hashed from the bytes the loader read, not read a second time,
    and the hashes recorded are those reading every file afresh gives."""
    monkeypatch.setenv(checkcache.SECRET_ENV, str(tmp_path / "secret"))
    monkeypatch.setattr(checkcache, "RACY_NS", 0)
    _one_process(monkeypatch)
    repo, here, read = site_repo, [], filestamp.read
    monkeypatch.setattr(filestamp, "read", lambda path: here.append(os.path.relpath(path, repo.path)) or read(path))
    assert checkcache.cached_check(repo.path, TODAY, PUBLISHED).ok
    stamps = _stored_stamps(repo)
    made = {rel for rel in stamps if rel.endswith(".md") and rel.startswith(("gazette/", "interpretations/"))}
    assert made and not made & set(here) and len(here) == len(set(here))
    assert stamps == checkcache.stamps(repo.path, tree.scan(repo.path).files, {})


@pytest.mark.parametrize("pooled", [True, False])
def test_a_file_edited_while_the_pool_reads_it_is_not_trusted(site_repo, tmp_path, monkeypatch, pools, pooled):
    """Changed while a worker (or this process, without a pool) read it, before the stat its stamp takes: no entry
    kept, no hash recorded that content could have; the next check reads it again and reports what a check of it
    alone reports."""
    monkeypatch.setenv(checkcache.SECRET_ENV, str(tmp_path / "secret"))
    monkeypatch.setattr(checkcache, "RACY_NS", 0)
    if not pooled:
        _one_process(monkeypatch)
    repo, edited, to_end = site_repo, "gazette/2018/06/xzbf-68.md", source._to_end

    def edit_once_read(descriptor, size):  # the loader has the bytes; the file's stat is not taken yet
        data = to_end(descriptor, size)
        if os.readlink(f"/proc/self/fd/{descriptor}").endswith(edited) and "status: 执行中".encode() in data:
            time.sleep(0.01)  # a change time the walk did not see, however coarse the clock
            repo.replace(edited, "status: 执行中", "status: 执行")
        return data
    monkeypatch.setattr(source, "_to_end", edit_once_read)  # in the workers too
    assert checkcache.cached_check(repo.path, TODAY, PUBLISHED).ok  # the bytes made, before the edit
    monkeypatch.setattr(source, "_to_end", to_end)
    assert _stored_stamps(repo)[edited][4] == filestamp.CHANGED
    again = checkcache.cached_check(repo.path, TODAY, PUBLISHED)
    _one_process(monkeypatch)
    assert not again.ok and [str(d) for d in again.diagnostics] == [str(d) for d in check(repo.path, TODAY, PUBLISHED).diagnostics]


def test_a_pooled_cold_check_keeps_the_records_and_entries_one_process_keeps(site_repo, tmp_path, monkeypatch, pools):
    """What the workers found of each entry (its stamp, what it shows the cross-document rules, its bodiless item) is
    what this process finds alone: the same stored stamps, records and per-file cache."""
    monkeypatch.setenv(checkcache.SECRET_ENV, str(tmp_path / "secret"))
    monkeypatch.setattr(checkcache, "RACY_NS", 0)
    repo, folder = site_repo, site_repo.path / ".cache/gongbao"

    def kept() -> tuple:
        checkcache.cached_check(repo.path, TODAY, PUBLISHED)
        key = checkcache.signed.secret()
        stored = checkcache._load(folder / checkcache.RESULT, key)
        entries = filecache._read(folder / "files.pickle", key, stored["own"]["common"])
        shutil.rmtree(folder)
        return stored["files"], stored["own"], {rel: _plain(*entry) for rel, entry in entries.items()}
    pooled = kept()
    assert pools == [2, 2] and pooled[1]["files"]
    _one_process(monkeypatch)
    alone = kept()
    assert alone[:2] == pooled[:2]
    assert {rel: entry[:-1] for rel, entry in alone[2].items()} == {rel: entry[:-1] for rel, entry in pooled[2].items()}
    # a pooled entry keeps the hash its worker made, asked for or not (the lock rule asks in a forked child:
    # crosskept.made): each the rule asked for in one process is that one
    assert all(entry[-1] in (None, pooled[2][rel][-1]) for rel, entry in alone[2].items())
    assert any(entry[-1] for entry in alone[2].values())


def test_a_pooled_cold_check_makes_no_record_after_the_pool(site_repo, tmp_path, monkeypatch, pools):
    """Each file's record for the next check (gongbao.publish.quickcheck) is made with the file, where its findings are
    at hand: none is made after the pool, in this process's serial time (the records are one process's: above)."""
    monkeypatch.setenv(checkcache.SECRET_ENV, str(tmp_path / "secret"))
    monkeypatch.setattr(checkcache, "RACY_NS", 0)
    inside, made, records, record = [], [], quickcheck.records, quickcheck._record
    monkeypatch.setattr(quickcheck, "records", lambda *args: inside.append(True) or records(*args))
    monkeypatch.setattr(quickcheck, "_record", lambda *args: made.append(bool(inside)) or record(*args))
    checkcache.cached_check(site_repo.path, TODAY, PUBLISHED)
    stored = checkcache._load(site_repo.path / ".cache/gongbao" / checkcache.RESULT, checkcache.signed.secret())
    assert pools == [2, 2] and inside and len(stored["own"]["files"]) > 10 and True not in made


def _plain(sha, place, result, findings, links, digest) -> tuple:
    """A kept entry as comparable data (a Recalled source has no values to compare)."""
    item = result.item
    kept = None if item is None else (type(item.source), crosskept.shown(item, links), item.source.path)
    return sha, place, kept, result.diagnostics, result.unloaded, result.files, findings, links, digest


def test_a_file_swapped_for_a_fifo_or_a_device_is_not_read(tmp_path):
    """What the walk saw as a file, replaced by a FIFO (no writer: opening it must not block) or a link to a device
    (reading it would not end): no stamp, so the file is recorded as changed."""
    os.mkfifo(tmp_path / "fifo.md")
    (tmp_path / "device.md").symlink_to("/dev/zero")
    assert filestamp.read(str(tmp_path / "fifo.md")) is None and filestamp.read(str(tmp_path / "device.md")) is None
    assert filestamp.hash_of([1, 2, 3, 4, None], None) == filestamp.CHANGED


def test_the_stamp_of_the_loaders_bytes_is_the_stamp_a_read_of_the_file_gives(tmp_path):
    """filestamp.of (the bytes and stat source.read took) equals filestamp.read (the file read afresh) for every kind
    of file the loader meets: a BOM it strips, other encodings, CRLF, NUL, too large to parse, a FIFO, links."""
    (tmp_path / "repo").mkdir()
    root = tmp_path / "repo"
    texts = {"plain.md": "---\ntitle: 通知\n---\n正文\n".encode(), "bom.md": b"\xef\xbb\xbf---\ntitle: a\n---\nb\n",
             "crlf.md": b"---\r\ntitle: a\r\n---\r\nb\r\n", "utf16.md": "---\ntitle: 通知\n---\n".encode("utf-16"),
             "gb.md": "---\ntitle: 通知\n---\n".encode("gb18030"), "nul.md": b"---\x00\n", "empty.md": b"",
             "large.md": b"x" * (source.MAX_BYTES + 1)}
    for name, data in texts.items():
        (root / name).write_bytes(data)
    os.mkfifo(root / "fifo.md")
    (root / "device.md").symlink_to("/dev/zero")
    (root / "inside.md").symlink_to(root / "bom.md")
    (tmp_path / "outside.md").write_bytes(texts["plain.md"])
    (root / "outside.md").symlink_to(tmp_path / "outside.md")
    names = [*texts, "fifo.md", "device.md", "inside.md", "outside.md", "missing.md"]
    for name in names:
        read = source.read(root, root / name)
        assert filestamp.of(str(root / name), read.data, read.after) == filestamp.read(str(root / name)), name
    assert source.read(root, root / "bom.md").data is not None and source.read(root, root / "large.md").data is None
    # a FIFO opened where the walk saw a file: no stamp, as filestamp.read gives none
    assert filestamp.of(str(root / "fifo.md"), b"", os.stat(root / "fifo.md")) is None


def _kept(entry: tuple) -> tuple:
    """An entry of the per-file cache as plain values: what a later check gets of it."""
    sha, place, result, findings, links, digest = entry
    item = result.item
    made = None if item is None else (repr(dataclasses.replace(item, source=None)), type(item.source).__name__,
                                      item.source.path, item.source.key_lines, item.source.body_line)
    return sha, place, made, result.diagnostics, result.unloaded, result.files, findings, links, digest


@pytest.mark.parametrize("workers_hash", [True, False])
def test_the_entries_the_workers_pickled_are_kept_as_this_process_holds_them(site_repo, tmp_path, monkeypatch, pools,
                                                                             workers_hash):
    """The cache keeps the bytes the workers sent rather than pickling the entries again: a later check loads each
    entry as the check that made it held it (its hash as made here, where the worker sent none)."""
    monkeypatch.setenv(checkcache.SECRET_ENV, str(tmp_path / "secret"))
    monkeypatch.setattr(checkcache, "RACY_NS", 0)
    sent = parallel._sent
    monkeypatch.setattr(parallel, "_sent", lambda result, place, settings, bodiless, hashed: sent(
        result, place, settings, bodiless, hashed and workers_hash))
    if not workers_hash:  # the lock rule's hashes made here, not in a forked child (crosskept.made): there, they die
        monkeypatch.setattr(forked, "forkable", lambda workers: False)
    made, load = [], filecache.load
    monkeypatch.setattr(checkcache.filecache, "load", lambda *args: made.append(load(*args)) or made[-1])
    checkcache.cached_check(site_repo.path, TODAY, PUBLISHED)
    held = {rel: filecache._bodiless(entry, made[0].found.links_of) for rel, entry in made[0].entries.items()
            if entry[3] is not None}
    key, path = checkcache.signed.secret(), site_repo.path / ".cache/gongbao/files.pickle"
    _, _, pickled_here, chunks = pickle.loads(checkcache.signed.read(path, key))
    assert pools == [2, 2] and chunks  # each entry the lock rule gave a hash the worker did not send is pickled here
    assert len(pickled_here) < len(held) / 2 or not workers_hash  # else most entries as the workers sent them
    kept = filecache._read(path, key, made[0]._common)
    assert kept.keys() == held.keys() and any(entry[5] for entry in held.values())  # hashes the lock rule asked for
    assert {rel: _kept(entry) for rel, entry in kept.items()} == {rel: _kept(entry) for rel, entry in held.items()}
