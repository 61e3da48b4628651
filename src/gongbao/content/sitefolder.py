"""The folder ``gongbao build`` writes the site into, in the repository, and what must never be there: files git tracks.

Its own module so that ``gongbao check``, which asks at every run, imports no build.
"""
from __future__ import annotations

from pathlib import Path

from gongbao.content import gitshow
from gongbao.content.diagnostics import Diagnostic

SITE = "site"


def planted(root: Path, target: Path) -> Diagnostic | None:
    """Files git tracks in the site folder ``target``, as one error; None when there are none. The site being replaced
    is what the build holds the lock to (its gazette.lock.json and gazette.unrecorded.json): a commit holding files
    there (git add -f site/gazette.lock.json) had a pull write them over the published ones, and a lock weakened
    together with that copy passed, a locked text changed without a 勘误. The build refuses; gongbao check tells the
    editor before the commit leaves."""
    files = gitshow.tracked(root, target)
    if not files:
        return None
    return Diagnostic(files[0], 0, f"网站目录 {target.name}/ 中有纳入 git 版本库的文件（{'、'.join(files[:3])}"
                      f"{' 等' if len(files) > 3 else ''}）：git 检出时会用它们覆盖已发布的网站，"
                      "其中的锁定文件副本便不再是上次发布的那一份",
                      "用 git rm --cached 把它们移出版本库，恢复上次发布的网站（备份或服务器上的副本）后再生成",
                      rule="site-folder")
