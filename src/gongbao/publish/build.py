"""The one build command: check, MkDocs, search index, then an atomic swap into place.

Everything is built in a fresh folder beside the target; only a complete, successful build
replaces the published folder, in one atomic exchange, so a failed or interrupted build leaves the
previous site exactly as it was and a reader never meets a moment without one. MkDocs runs as a subprocess: this package never imports it.
"""
from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from gongbao.publish import incremental, searchindex, usercache
from gongbao.content import atomic, lock, mkdocs_config, published_lock, tree, unreviewed
from gongbao.content.diagnostics import ContentError
from gongbao.content.sitefolder import planted


class BuildFailed(Exception):
    pass


def build(root: Path, target: Path, *, search_index: bool = True, quiet: bool = False, preview: bool = False) -> None:
    """``preview``: gongbao serve's, which publishes nothing: the site carries on the record of what the site it replaces
    published beyond the lock (gongbao.content.published_lock), not what the edits being previewed would add."""
    if target.is_symlink():  # resolved, the swap would replace the folder it leads to, and delete what that held
        raise BuildFailed(f"网站目录 {target} 是符号链接，未生成：构建会替换链接指向的文件夹。删去这个链接，改用一个真实的文件夹")
    root, target = root.resolve(), target.resolve()
    # before MkDocs reads mkdocs.yml (a nav 10,000 deep or an alias bomb would crash or hang it) or lists content/
    unreadable = tree.problems(root) or mkdocs_config.problems(root) or unreviewed.problems(root)
    if unreadable:
        raise BuildFailed(str(ContentError(unreadable)))
    if found := planted(root, target):
        raise BuildFailed(f"{found.message}，未生成。{found.hint}")
    target.parent.mkdir(parents=True, exist_ok=True)
    # One build of a target at a time; under that lock, what an interrupted build left is garbage.
    with _held(target.parent / f".{target.name}.lock") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        for stale in target.parent.glob(f".{target.name}-new-*"):
            shutil.rmtree(stale, ignore_errors=True)
        _build(root, target, search_index, quiet, preview)


def mkdocs_environment(**more: str) -> dict[str, str]:
    """The environment MkDocs runs in. Python runs a module's compiled code from beside its source
    (hooks/__pycache__/gazette.cpython-311.pyc): one compiled as an unchecked hash (py_compile's UNCHECKED_HASH)
    whatever the source now says, a timestamp one when its recorded time and size match. Committed with
    ``git add -f`` (.gitignore is no barrier), it ran code no review reads in place of hooks/gazette.py. With a
    prefix, Python reads and writes compiled code only there: in this user's cache, outside every repository.
    PYTHONSAFEPATH: ``python -m mkdocs`` (or gongbao_preview) started in the repository put the repository first on
    sys.path, so a mkdocs.pyc (no source needed, and .gitignore names no .pyc outside __pycache__/) or a yaml.py
    committed at its top was run in place of the library; MkDocs finds the hooks by their path, not on sys.path."""
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPYCACHEPREFIX": str(usercache.folder() / "pycache"),
            "PYTHONSAFEPATH": "1", **more}


def staging_folder(beside: Path, prefix: str) -> Path:
    """A new empty folder named ``prefix`` and a random part, in ``beside``, with the permissions any folder made
    here gets (the umask's): tempfile.mkdtemp makes it 0700, and the site swapped in as it is was then readable by
    its owner only (a web server running as another user answered 403 to everything)."""
    while True:
        made = beside / f"{prefix}{secrets.token_hex(6)}"
        try:
            made.mkdir()
            return made
        except FileExistsError:
            continue


def _held(path: Path):
    """The build lock's file, opened (never truncated) and never through a link planted in its place, which a
    pull request can commit: opened for writing, it truncated whatever the link led to."""
    try:
        return atomic.unfollowed(path)
    except OSError as exc:
        raise BuildFailed(f"无法打开构建锁文件 {path}（{exc.strerror}），未生成。它若是符号链接，删去它：构建会自己建立这个文件") from exc


def _build(root: Path, target: Path, search_index: bool, quiet: bool, preview: bool) -> None:
    staging = staging_folder(target.parent, f".{target.name}-new-")
    # The site before the published one (or a copy of the published one), when it is exactly as left, is built
    # over: only what changed is rewritten (gongbao.publish.incremental); otherwise the build starts from the empty folder.
    cache, build_key = incremental.Cache(target), incremental.key(root)
    reused = cache.take(staging, target, build_key)
    try:
        with tempfile.TemporaryDirectory(prefix="gongbao-build-") as state:
            incremental.hand_over(Path(state), build_key, reused or {})
            # The check inside MkDocs compares the lock with the one the site being replaced was built with.
            env = mkdocs_environment(**{published_lock.ENV: str(target / lock.FILENAME), incremental.ENV: state},
                                     **({} if preview else {published_lock.RECORDING: state}))
            # Never MkDocs' -q: it drops warnings before --strict counts them, and the build would publish.
            # Quiet, its log is kept back and shown only when the build fails.
            command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean" if reused is None else "--dirty",
                       "-f", str(root / "mkdocs.yml"), "-d", str(staging)]
            result = subprocess.run(command, cwd=root, env=env, capture_output=quiet, encoding="utf-8", errors="replace")
            if result.returncode != 0:
                if quiet:
                    sys.stderr.write(result.stderr + result.stdout)
                raise BuildFailed("网站生成失败，未发布；原有网站保持不变。")
            made = incremental.made(Path(state))
            # a preview's first edit, previewed, would be held as published: a typo in a new page could not be put right
            unrecorded = published_lock.unrecorded(target if preview else Path(state))
        if made is not None:
            incremental.remove_stale(staging, set(made))
        published_lock.publish(root, staging, unrecorded)
        if search_index:
            searchindex.index(staging, quiet=quiet)
        record = None if made is None else {"key": build_key, "inputs": made, "files": incremental.stats(staging)}
        replaced = target.exists()
        _swap(staging, target)
        cache.keep(staging if replaced else None, record)
    except BaseException:
        if reused is not None:
            cache.put_back(staging)  # a build stopped by content errors wrote nothing; reuse verifies it anyway
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _swap(staging: Path, target: Path) -> None:
    """Put ``staging`` in ``target``'s place in one step: a reader finds the old site or the new one, never none.

    Linux exchanges the two folders atomically (renameat2 with RENAME_EXCHANGE); ``staging`` then holds the
    old site, which the caller deletes. Real folders, not a switched symbolic link: hosts and CI upload
    ``site/`` as it is, and a link would be uploaded as a link. Where the system or the file system cannot
    exchange, two renames are the fallback, with a moment without ``target`` between them, and the build says so.
    """
    if not target.exists():
        staging.rename(target)  # the first build: one rename is atomic
    elif not _exchange(staging, target):
        print("注意：本系统不支持原子交换文件夹（renameat2），改用两次改名，其间片刻没有网站目录", file=sys.stderr)
        old = target.with_name(f".{target.name}-old")
        shutil.rmtree(old, ignore_errors=True)
        target.rename(old)
        staging.rename(target)
        shutil.rmtree(old, ignore_errors=True)


_RENAME_EXCHANGE = 2  # linux/fs.h
_AT_FDCWD = -100
_renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)  # glibc ≥ 2.28; absent elsewhere


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths; False when this system or file system cannot."""
    if _renameat2 is None:
        return False
    if _renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):  # an old kernel, or a file system without exchange
        return False
    raise OSError(code, os.strerror(code), str(b))
