"""What a commit can hold that makes the build run or publish what review did not read, refused in git's index.

Code Python runs and no review can read: compiled modules (``.pyc``, ``.so``…), Python's cache folders, and the files
Python runs on its own at start-up (``.pth``, ``sitecustomize.py``, ``usercustomize.py``). A process cannot protect
itself from them: ``src/gongbao/__pycache__/cli.cpython-311.pyc``, compiled as an unchecked hash and committed with
``git add -f`` (.gitignore is no barrier), is what ``gongbao check`` runs in CI, before any check. What can be done is
to refuse the repository that tracks them, so the check and the build fail loudly and the reviewer sees why, and to
keep the processes this project starts from reading them: MkDocs runs with a cache prefix and without the working
folder on ``sys.path`` (gongbao.publish.build), as CI and the test script run everything
(.github/workflows/publish.yml, scripts/test.sh).

A ``.gitattributes``: git reads it for a checkout and for a diff, so the files built may not be the ones review reads.
``hooks/*.py -diff`` (or ``binary``) shows a change to the hook as "Binary files differ" in ``git diff``, ``git show``
and a pull request; ``working-tree-encoding``, ``eol`` and ``ident`` write on disk, where the check and the build
read, other bytes than the commit holds, which is what ``git show`` and review read. So a line may only name
attachments (``*.pdf binary``, Git LFS's ``*.pdf filter=lfs diff=lfs merge=lfs -text``: an office keeping its scans
out of the history has a reason to): review reads no diff of their bytes anyway, and what is on disk is what the
attachment checks read and the lock hashes (an LFS pointer left unfetched is refused as no PDF). The project ships none.

Asked of git at every check, never kept: a file added to git's index changes no file a cache is keyed by.
"""
from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from gongbao.content import gitshow
from gongbao.content.diagnostics import Diagnostic
from gongbao.identifiers import chars
from gongbao.identifiers.filetypes import TYPES

# what an import reads besides source (3.11's importlib.machinery suffixes, Windows' .pyd, Python 2's .pyo) and what
# the site module runs by itself; matched in any case: a checkout on macOS or Windows imports X.PYC as x.pyc (and git
# reads .GITATTRIBUTES there as .gitattributes)
COMPILED = (".pyc", ".pyo", ".so", ".pyd", ".pth")
STARTUP = ("sitecustomize.py", "usercustomize.py")
CACHE = "__pycache__"
ATTRIBUTES = ".gitattributes"
MAX_ATTRIBUTES = 64 * 1024  # a few lines of attachment types; more is no hand-written file
# A pattern that selects attachments only: its last characters the literal ``.pdf`` … (git's globs match no further
# than them; a pattern naming a folder gives its files nothing). No white space of any kind in it: git ends a pattern
# at its own blanks only (_GIT_BLANK), so "*.pdf　x.md" (U+3000) is one pattern to git, of a Markdown file. Quoted
# patterns (C escapes) and ``[attr]`` macros are not written by hand for attachments.
_ATTACHMENTS = re.compile(r"(?!\[attr\])[^\s\"]*\.(?:%s)" % "|".join(re.escape(s[1:]) for s in TYPES), re.IGNORECASE)
_GIT_BLANK = re.compile(r"[ \t\r]+")  # attr.c's blank, within a line
_ATTRIBUTES_HINT = "删去这一行：只能为附件设置属性，如 *.pdf binary 或 *.pdf filter=lfs diff=lfs merge=lfs -text"


def problems(root: Path) -> list[Diagnostic]:
    found = []
    for name in gitshow.tracked(root, root):
        # as text, not a PurePosixPath each: 18,800 of them were 0.25 s of every check of an archive of 10,000
        folders, _, base = name.lower().rpartition("/")
        if base.endswith(COMPILED) or base in STARTUP or CACHE in folders.split("/"):
            found.append(Diagnostic(name, 0, "仓库中有编译后的 Python 代码或 Python 启动时自动运行的文件：运行 gongbao 和 "
                                    "MkDocs 时它可能代替源代码被执行，其内容无从审查",
                                    "用 git rm --cached 把它移出版本库，只提交 Python 源代码", rule="compiled-code"))
        elif base == ATTRIBUTES:
            found += _attributes(root, name)
    return found


def _attributes(root: Path, name: str) -> list[Diagnostic]:
    """Each line of a tracked .gitattributes that gives attributes to more than attachments."""
    def problem(line: int, message: str, hint: str = _ATTRIBUTES_HINT) -> Diagnostic:
        return Diagnostic(name, line, message, hint, rule="gitattributes")

    try:  # never through a link (git reads none in the tree), never blocking on a FIFO
        descriptor = os.open(root / name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_NOCTTY)
    except FileNotFoundError:
        return []  # deleted in this checkout: git reads none
    except OSError as exc:
        return [problem(0, f"无法读取 .gitattributes（{exc.strerror}）", "用 git rm --cached 把它移出版本库")]
    try:
        data = os.read(descriptor, MAX_ATTRIBUTES + 1) if stat.S_ISREG(os.fstat(descriptor).st_mode) else None
    finally:
        os.close(descriptor)
    if data is None:
        return [problem(0, ".gitattributes 不是普通文件", "用 git rm --cached 把它移出版本库")]
    if len(data) > MAX_ATTRIBUTES:
        return [problem(0, f".gitattributes 超过 {MAX_ATTRIBUTES // 1024} KB", "只为附件类型各写一行，或把它移出版本库")]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return [problem(0, ".gitattributes 不是 UTF-8 文本", "用 UTF-8 保存，或把它移出版本库")]
    found = []
    for number, line in enumerate(text.split("\n"), 1):  # git's lines: other line ends are part of a pattern
        pattern = _GIT_BLANK.split(line.lstrip(" \t\r"), 1)[0]
        if not pattern or pattern.startswith("#"):
            continue
        if not _ATTACHMENTS.fullmatch(pattern):
            shown = chars.shown(chars.clipped(pattern, 80))  # printed to a terminal
            found.append(problem(number, f".gitattributes 为 {shown} 设置属性：git 检出到磁盘上的文件、git diff 显示的改动都会随之改变，"
                                         "生成网站读的可能不再是审查时看到的内容（如 -diff 把对钩子的改动显示为二进制文件，"
                                         "working-tree-encoding、eol、ident 改写检出的文件）"))
    return found
