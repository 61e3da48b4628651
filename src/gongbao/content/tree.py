"""What the build may read: every file it reads is a regular file of this repository.

MkDocs copies every file of ``content/`` and ``overrides/`` into the site as it is, following
symbolic links; the loader reads ``gazette/`` and ``interpretations/``. A link to ``/etc/hostname``,
``/proc/self/environ`` or ``../.git/config`` would publish the build machine, and a FIFO named
``*.md`` would hang the check. So before anything is read, the folders and configuration files
are walked with ``lstat`` (nothing is opened) and each of these is a diagnostic naming the path:

- a symbolic link that leads out of the repository, into ``.git`` or another hidden path, or to the
  repository's configuration; one that leads nowhere; a loop of links;
- anything but a regular file or a folder (FIFO, socket, device);
- a regular file with a second hard link: its other name may be anywhere on this file system (git
  never checks out hard links, so only the build machine itself can make one);
- a file of ``content/`` or ``overrides/`` named like the configuration (it would be published);
- a file name that is not UTF-8 or holds control characters (it could not be reported or served);
- in ``hooks/``, the code MkDocs runs (its hooks are named in mkdocs.yml), anything but Python source named as a hook
  is (``HOOK_NAME``) and Python's own ``__pycache__``: MkDocs puts ``hooks/`` first on ``sys.path`` while it runs a
  hook, so a ``hooks/gongbao.pyc`` or ``hooks/yaml.cpython-311-x86_64-linux-gnu.so`` was imported in place of the
  package, code no review can read. (What ``__pycache__`` holds is never read by the build: gongbao.publish.build.)

Links that stay inside are followed (a linked folder is walked once, however often it is linked).
"""
from __future__ import annotations

import errno
import os
import re
import stat
from dataclasses import dataclass
from operator import attrgetter
from pathlib import Path

from gongbao.identifiers import chars
from gongbao.content.diagnostics import Diagnostic

# versions: the texts 勘误 replaced (gongbao.content.versions)
FOLDERS = ("content", "overrides", "gazette", "interpretations", "versions", "drafts", "explanations", "feedback",
           "decisions")
PUBLISHED = ("content", "overrides")            # copied into the site file by file
HOOKS = "hooks"                                  # code the build runs: walked, never read by the check
HOOK_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*\.py")
PYCACHE = "__pycache__"
CONFIGURATION = ("gazette.yml", "withdrawn.yml", "mkdocs.yml", "gazette.lock.json")
ID = "files"
_LINK_HINT = "把文件本身放进仓库，不要用链接"


@dataclass(frozen=True)
class Scan:
    """What one walk found: its problems, and every regular file it may read (relative path, POSIX → its
    ``os.stat``), so a check lists and stats the repository once. ``linked``: whether a link was followed."""
    problems: list[Diagnostic]
    files: dict[str, os.stat_result]
    linked: bool

    def listed(self, folder: str, suffix: str = "") -> list[str]:
        """The files under ``folder`` ending in ``suffix``, in path order (as gongbao.content.loader lists them): the
        order they were found in, as each folder's names are walked sorted (sorting 18,000 paths again cost more)."""
        prefix = folder + "/"
        return [rel for rel in self.files if rel.startswith(prefix) and rel.endswith(suffix)]


def problems(root: Path) -> list[Diagnostic]:
    return scan(root).problems


def scan(root: Path) -> Scan:
    root_real = os.path.realpath(root)
    walk = _Walk(root_real)
    for name in CONFIGURATION:
        walk.entry(os.path.join(root_real, name), name, _READ)
    for folder in FOLDERS:
        walk.entry(os.path.join(root_real, folder), folder, _PUBLISHED if folder in PUBLISHED else _READ)
    walk.entry(os.path.join(root_real, HOOKS), HOOKS, _CODE)
    return Scan(walk.found, walk.files, walk.linked)


# What a walked path is: read by the check, published as it is too, a folder of code or a file in it, Python's cache
_READ, _PUBLISHED, _CODE, _HOOK, _CACHE = "read", "published", "code", "hook", "cache"
_CHILD = {_CODE: _HOOK, _HOOK: _CACHE}   # what a folder's entries are (the same kind as the folder when not here)
_CODE_KINDS = (_CODE, _HOOK, _CACHE)


class _Walk:
    def __init__(self, root: str):
        self.root = root
        self.found: list[Diagnostic] = []
        self.seen: set[tuple[str, bool]] = set()   # real paths of the folders walked, and whether as code
        self.files: dict[str, os.stat_result] = {}
        self.linked = False

    def problem(self, rel: str, message: str, hint: str) -> None:
        self.found.append(Diagnostic(rel, 0, message, hint, rule=ID))

    def entry(self, path: str, rel: str, kind: str, listed: os.DirEntry | None = None) -> None:
        """Check one path (absent is fine), and walk it when it is a folder. ``listed``: its entry in its folder's
        listing, which makes the path and keeps the lstat (one os.path.join a file was a tenth of the walk)."""
        try:
            info = listed.stat(follow_symlinks=False) if listed else os.lstat(path)
        except FileNotFoundError:
            return
        except OSError as exc:
            return self.problem(rel, f"无法读取：{exc.strerror}", "检查文件权限")
        if stat.S_ISLNK(info.st_mode):
            self.linked = True
            real = self.link(path, rel)
            if real is None:
                return
            info = os.stat(real)
        else:
            real = path
        if stat.S_ISDIR(info.st_mode):
            if rel in CONFIGURATION:  # read as a file, or taken for absent: a lock that is a folder locked nothing
                return self.problem(rel, f"{rel} 是文件夹，应为文件", f"删除或改名这个文件夹：{rel} 只能是文件")
            if kind == _HOOK and os.path.basename(rel) != PYCACHE:
                return self.problem(rel, "hooks/ 中不能有文件夹（生成网站时会从中导入模块，代替仓库里的代码）",
                                    "删除这个文件夹：钩子写成 hooks/<名称>.py")
            return self.folder(real, rel, kind)
        if not stat.S_ISREG(info.st_mode):
            return self.problem(rel, "不是普通文件（管道、套接字或设备），生成网站时不会读取", "删除它，换成普通文件")
        if info.st_nlink > 1:
            self.problem(rel, f"文件有 {info.st_nlink} 个硬链接，另一个名字可能在仓库之外",
                         "复制一份普通文件代替硬链接（cp 而不是 ln）")
        if kind == _PUBLISHED and os.path.basename(rel) in CONFIGURATION:
            self.problem(rel, f"{os.path.basename(rel)} 是仓库的配置文件名，放在这里会被原样发布", "删除它或改名")
        if kind == _HOOK and not HOOK_NAME.fullmatch(os.path.basename(rel)):
            return self.problem(rel, "hooks/ 中只能有钩子的 Python 源文件（.pyc、.so 等会代替仓库里的代码被导入，其内容无从审查）",
                                "删除它：钩子写成 hooks/<名称>.py，名称只用字母、数字、_ . -")
        if kind in (_READ, _PUBLISHED):
            self.files[rel] = info

    def link(self, path: str, rel: str) -> str | None:
        """The real path a link leads to, when it may be read; None (and a diagnostic) otherwise."""
        inside = os.path.relpath(os.path.realpath(path), self.root)
        if inside == os.pardir or inside.startswith(os.pardir + os.sep):
            self.problem(rel, "符号链接指向仓库之外", _LINK_HINT)
            return None
        try:
            real = os.path.realpath(path, strict=True)
        except OSError as exc:
            loop = exc.errno == errno.ELOOP
            self.problem(rel, "符号链接构成循环" if loop else "符号链接指向不存在的文件",
                         "删除该链接" if loop else "删除该链接，或恢复它指向的文件")
            return None
        parts = inside.split(os.sep)
        if any(p.startswith(".") for p in parts) or inside in CONFIGURATION:
            self.problem(rel, "符号链接指向仓库的隐藏文件或配置文件", _LINK_HINT)
            return None
        return real

    def folder(self, real: str, rel: str, kind: str) -> None:
        # linked twice, or a link to a parent: walked once, and once more as code (hooks/ linked to content/assets)
        seen = (real, kind in _CODE_KINDS)
        if seen in self.seen:
            return
        self.seen.add(seen)
        try:
            with os.scandir(real) as listing:
                listed = sorted(listing, key=attrgetter("name"))
        except OSError as exc:
            return self.problem(rel, f"无法读取文件夹：{exc.strerror}", "检查文件夹权限")
        for each in listed:
            name = each.name
            shown = _shown(name)
            if shown != name:
                self.problem(f"{rel}/{shown}", "文件名不是 UTF-8 或含有控制字符", "用普通的中文、字母和数字重新命名")
                continue
            self.entry(each.path, f"{rel}/{name}", _CHILD.get(kind, kind), each)


def _shown(name: str) -> str:
    """A file name as it can be printed: undecodable bytes and control characters as escapes."""
    if name.isprintable():  # most names: no control, format, surrogate (undecodable byte) or unassigned character
        return name
    return chars.shown(os.fsencode(name).decode("utf-8", "backslashreplace"))
