"""What a commit can hold that makes the build run or publish what review did not read, refused in git's index.

Code Python runs and no review can read: compiled modules (``.pyc``, ``.so``…), Python's cache folders, and the files
Python runs on its own at start-up (``.pth``, ``sitecustomize.py``, ``usercustomize.py``). A process cannot protect
itself from them: ``src/gongbao/__pycache__/cli.cpython-311.pyc``, compiled as an unchecked hash and committed with
``git add -f`` (.gitignore is no barrier), is what ``gongbao check`` runs in CI, before any check. What can be done is
to refuse the repository that tracks them, so the check and the build fail loudly and the reviewer sees why, and to
keep the processes this project starts from reading them: MkDocs runs with a cache prefix and without the working
folder on ``sys.path`` (gongbao.publish.build), as CI and the test script run everything
(.github/workflows/publish.yml, scripts/test.sh).

A ``.gitattributes``: git reads it for a checkout and for a diff, so the files built are not the ones review reads.
``hooks/*.py -diff`` (or ``binary``) shows a change to the hook as "Binary files differ" in ``git diff``, ``git show``
and a pull request; ``working-tree-encoding``, ``eol`` and ``ident`` write on disk, where the check and the build
read, other bytes than the commit holds, which is what ``git show`` and review read. The project ships none.

Asked of git at every check, never kept: a file added to git's index changes no file a cache is keyed by.
"""
from __future__ import annotations

from pathlib import Path, PurePosixPath

from gongbao.content import gitshow
from gongbao.content.diagnostics import Diagnostic

# what an import reads besides source (3.11's importlib.machinery suffixes, Windows' .pyd, Python 2's .pyo) and what
# the site module runs by itself; matched in any case: a checkout on macOS or Windows imports X.PYC as x.pyc (and git
# reads .GITATTRIBUTES there as .gitattributes)
COMPILED = (".pyc", ".pyo", ".so", ".pyd", ".pth")
STARTUP = ("sitecustomize.py", "usercustomize.py")
CACHE = "__pycache__"
ATTRIBUTES = ".gitattributes"


def problems(root: Path) -> list[Diagnostic]:
    found = []
    for name in gitshow.tracked(root, root):
        path = PurePosixPath(name.lower())
        if path.name.endswith(COMPILED) or path.name in STARTUP or CACHE in path.parts[:-1]:
            found.append(Diagnostic(name, 0, "仓库中有编译后的 Python 代码或 Python 启动时自动运行的文件：运行 gongbao 和 "
                                    "MkDocs 时它可能代替源代码被执行，其内容无从审查",
                                    "用 git rm --cached 把它移出版本库，只提交 Python 源代码", rule="compiled-code"))
        elif path.name == ATTRIBUTES:
            found.append(Diagnostic(name, 0, ".gitattributes 会改变 git 检出到磁盘上的文件和 git diff 显示的改动："
                                    "生成网站读的不再是审查时看到的内容（-diff 把对钩子的改动显示为二进制文件，"
                                    "working-tree-encoding、eol、ident 改写检出的文件）",
                                    "用 git rm --cached 把它移出版本库", rule="gitattributes"))
    return found
