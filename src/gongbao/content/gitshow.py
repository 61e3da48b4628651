"""Files of the repository as committed at a git ref (``HEAD`` by default): what a published text
said before it was edited. Outside a git work tree, or for a file the ref does not hold: None."""
from __future__ import annotations

import subprocess
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path


def reader(root: Path, ref: str = "HEAD") -> Callable[[str], str | None]:
    """path (relative to ``root``) → its text at ``ref``; git is asked only for the paths asked for."""
    @lru_cache(maxsize=None)
    def text(path: str) -> str | None:
        try:
            shown = subprocess.run(["git", "-C", str(root), "show", f"{ref}:./{path}"], capture_output=True, timeout=60)
        except (OSError, subprocess.SubprocessError):
            return None
        if shown.returncode != 0:
            return None
        try:
            return shown.stdout.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
        except UnicodeDecodeError:
            return None
    return text


def head(root: Path) -> str:
    """The commit HEAD names ("" outside a git work tree, or before the first commit): what ``reader`` reads, so a
    check's cache keeps its findings for this commit only."""
    try:
        shown = subprocess.run(["git", "-C", str(root), "rev-parse", "--verify", "--quiet", "HEAD"], capture_output=True,
                               timeout=60)
    except (OSError, subprocess.SubprocessError):
        return ""
    return shown.stdout.decode("ascii", "replace").strip() if shown.returncode == 0 else ""


def last_commit(root: Path, path: str) -> str:
    """The commit that last changed ``path`` (relative to ``root``), reachable from HEAD ("" outside git or for none)."""
    try:
        shown = subprocess.run(["git", "-C", str(root), "log", "-1", "--format=%H", "--", f"./{path}"], capture_output=True,
                               timeout=60)
    except (OSError, subprocess.SubprocessError):
        return ""
    return shown.stdout.decode("ascii", "replace").strip() if shown.returncode == 0 else ""


def exists(root: Path, ref: str) -> bool:
    try:
        return subprocess.run(["git", "-C", str(root), "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"],
                              capture_output=True, timeout=60).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


def tracked(root: Path, folder: Path) -> list[str]:
    """The files git tracks under ``folder`` (a path inside the work tree at ``root``; [] outside one, or for a folder
    outside ``root``). A commit can hold files in a folder .gitignore names (git add -f), and a checkout or pull then
    writes them over the ignored files there, silently: ignored files are expendable to git. Matched in any case
    (Site/, SITE/): a clone on macOS or Windows checks Site/gazette.lock.json out into site/, and git's own
    core.ignorecase does not reach a pathspec."""
    try:
        rel = folder.relative_to(root)
    except ValueError:
        return []
    try:
        listed = subprocess.run(["git", "-C", str(root), "ls-files", "-z", "--", f":(icase){rel.as_posix()}"],
                                capture_output=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return []
    if listed.returncode != 0:
        return []
    return [name.decode("utf-8", "replace") for name in listed.stdout.split(b"\0") if name]
