"""The one build command: check, MkDocs, search index, then an atomic swap into place.

Everything is built in a fresh folder beside the target; only a complete, successful build
replaces the published folder, so a failed or interrupted build leaves the previous site exactly
as it was. MkDocs runs as a subprocess: this package never imports it.
"""
from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from . import search, tree
from .diagnostics import ContentError


class BuildFailed(Exception):
    pass


def build(root: Path, target: Path, *, search_index: bool = True, quiet: bool = False) -> None:
    root, target = root.resolve(), target.resolve()
    unreadable = tree.problems(root)
    if unreadable:  # before MkDocs reads mkdocs.yml or lists content/: nothing is read
        raise BuildFailed(str(ContentError(unreadable)))
    target.parent.mkdir(parents=True, exist_ok=True)
    # One build of a target at a time; under that lock, what an interrupted build left is garbage.
    with open(target.parent / f".{target.name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        for stale in target.parent.glob(f".{target.name}-new-*"):
            shutil.rmtree(stale, ignore_errors=True)
        _build(root, target, search_index, quiet)


def _build(root: Path, target: Path, search_index: bool, quiet: bool) -> None:
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-new-", dir=target.parent))
    try:
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean",
                   "-f", str(root / "mkdocs.yml"), "-d", str(staging)] + (["-q"] if quiet else [])
        if subprocess.run(command, cwd=root, env=env).returncode != 0:
            raise BuildFailed("网站生成失败，未发布；原有网站保持不变。")
        if search_index:
            search.index(staging, quiet=quiet)
        _swap(staging, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _swap(staging: Path, target: Path) -> None:
    """Replace ``target`` with ``staging``: two renames, so readers never see a half-built site."""
    old = target.with_name(f".{target.name}-old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    staging.rename(target)
    shutil.rmtree(old, ignore_errors=True)
