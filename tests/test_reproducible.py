"""Two builds of the same content are byte-identical; a failed or interrupted build publishes nothing."""
from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from gongbao.publish.build import BuildFailed, build


def snapshot(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def test_two_builds_are_byte_identical(site_repo, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796083200")  # 2026-11-15: statuses judged on a fixed date
    build(site_repo.path, tmp_path / "one", quiet=True)
    build(site_repo.path, tmp_path / "two", quiet=True)
    one, two = snapshot(tmp_path / "one"), snapshot(tmp_path / "two")
    assert len(one) > 100
    assert [k for k in one if one[k] != two.get(k)] == [] and one.keys() == two.keys()


def test_a_failed_build_leaves_the_previous_site_exactly_as_it_was(site_repo):
    site = site_repo.path / "site"
    build(site_repo.path, site, search_index=False, quiet=True)
    before = snapshot(site)
    site_repo.replace("gazette/2018/06/xzbf-68.md", "status: 执行中", "status: 执行")
    with pytest.raises(BuildFailed):
        build(site_repo.path, site, search_index=False, quiet=True)
    assert snapshot(site) == before
    assert [p.name for p in site_repo.path.iterdir() if p.name.startswith(".site-")] == []


def test_an_interrupted_build_leaves_the_previous_site_exactly_as_it_was(site_repo):
    site = site_repo.path / "site"
    build(site_repo.path, site, search_index=False, quiet=True)
    before = snapshot(site)
    code = f"from pathlib import Path; from gongbao.publish.build import build; build(Path({str(site_repo.path)!r}), Path({str(site)!r}))"
    child = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             start_new_session=True)
    deadline = time.monotonic() + 60
    while not any(p.name.startswith(".site-new-") and any(p.iterdir()) for p in site_repo.path.iterdir()):
        assert time.monotonic() < deadline and child.poll() is None, "the build never started writing"
        time.sleep(0.01)
    os.killpg(child.pid, signal.SIGKILL)  # as a power cut or a cancelled CI job would
    child.wait()
    assert snapshot(site) == before
    # the next build clears what the interrupted one left behind
    build(site_repo.path, site, search_index=False, quiet=True)
    assert [p.name for p in site_repo.path.iterdir() if p.name.startswith(".site-")] == []
