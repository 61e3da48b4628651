"""build._swap: the published folder is exchanged for the new one in one step; a reader never finds it missing."""
from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest

from browser import built_site  # noqa: F401 — the sample site, built once per session
from gongbao.publish import build as build_module

SWAPS = 300


def _site(path: Path, text: str) -> Path:
    path.mkdir()
    (path / "index.html").write_text(text, encoding="utf-8")
    (path / "doc").mkdir()
    (path / "doc/index.html").write_text(text, encoding="utf-8")
    return path


def _swaps_watched(tmp_path: Path) -> tuple[int, list[str]]:
    """Swap in SWAPS new sites while a thread reads site/index.html in a tight loop; what it saw."""
    tmp_path.mkdir(exist_ok=True)
    target = _site(tmp_path / "site", "0")
    misses, seen, done = [0], [], threading.Event()

    def reader():
        while not done.is_set():
            try:
                seen.append((target / "index.html").read_text(encoding="utf-8"))
            except FileNotFoundError:
                misses[0] += 1

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        for n in range(1, SWAPS + 1):
            build_module._swap(_site(tmp_path / f".site-new-{n}", str(n)), target)
            build_module.shutil.rmtree(tmp_path / f".site-new-{n}", ignore_errors=True)  # what _build's finally does
    finally:
        done.set()
        thread.join()
    return misses[0], seen


def test_readers_never_see_the_site_missing(tmp_path):
    misses, seen = _swaps_watched(tmp_path)
    assert misses == 0
    assert len(seen) > SWAPS  # the reader did run throughout
    assert (tmp_path / "site/index.html").read_text(encoding="utf-8") == str(SWAPS)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]  # the old sites are gone


def test_the_two_rename_fallback_has_the_gap_the_exchange_closes(tmp_path, monkeypatch, capfd):
    """Where renameat2 cannot exchange, the build still publishes, says so, and the reader can miss the site:
    the same reader that sees nothing missing above does see the gap here (so it can fail)."""
    monkeypatch.setattr(build_module, "_exchange", lambda a, b: False)
    gaps = 0
    for attempt in range(5):  # the gap is a race: a few rounds make it near certain
        misses, _ = _swaps_watched(tmp_path / str(attempt))
        gaps += misses
        if gaps:
            break
    assert gaps > 0
    assert "不支持原子交换" in capfd.readouterr().err


def test_exchange_swaps_two_folders(tmp_path):
    a, b = _site(tmp_path / "a", "a"), _site(tmp_path / "b", "b")
    assert build_module._exchange(a, b)
    assert (a / "index.html").read_text(encoding="utf-8") == "b" and (b / "index.html").read_text(encoding="utf-8") == "a"


def test_exchange_reports_a_real_error(tmp_path):
    with pytest.raises(FileNotFoundError):
        build_module._exchange(tmp_path / "nothing", _site(tmp_path / "b", "b"))


def test_a_site_folder_that_is_a_link_is_refused_and_left_alone(site_repo, tmp_path):
    elsewhere = _site(tmp_path / "elsewhere", "someone else's files")
    (site_repo.path / "site").symlink_to(elsewhere)
    with pytest.raises(build_module.BuildFailed, match="符号链接"):
        build_module.build(site_repo.path, site_repo.path / "site", quiet=True)
    assert sorted(p.name for p in elsewhere.iterdir()) == ["doc", "index.html"]
    assert (elsewhere / "index.html").read_text() == "someone else's files"


def test_first_build_renames_into_place(tmp_path):
    build_module._swap(_site(tmp_path / ".site-new-1", "1"), tmp_path / "site")
    assert (tmp_path / "site/index.html").read_text(encoding="utf-8") == "1"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_a_staging_folder_gets_the_umasks_permissions_not_mkdtemps(tmp_path):
    """The site is swapped in as made: a folder only its owner can read is a 403 from a web server running as
    another user (tempfile.mkdtemp's 0700 did that to every built site)."""
    old = os.umask(0o022)
    try:
        made = [build_module.staging_folder(tmp_path, ".site-new-") for _ in range(3)]
    finally:
        os.umask(old)
    assert len(set(made)) == 3 and all(p.name.startswith(".site-new-") and p.parent == tmp_path for p in made)
    assert {stat.S_IMODE(p.stat().st_mode) for p in made} == {0o755}


def test_the_built_site_is_readable_as_the_umask_allows(built_site):
    allowed = 0o777 & ~_umask()
    assert stat.S_IMODE(built_site.stat().st_mode) == allowed
    assert stat.S_IMODE((built_site / "search").stat().st_mode) == allowed
