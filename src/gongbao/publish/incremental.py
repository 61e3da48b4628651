"""Incremental builds: reuse the output of every file whose inputs did not change.

A build remembers, for each output file, a hash of everything that made it (``inputs``): its own
source bytes, the editors' text it printed, and the build-wide ``key`` (tool versions, settings,
templates, hooks, this package's code, the build date). The next build is handed the previous
site's tree and those hashes; MkDocs rewrites only the files whose hash changed (its ``--dirty``
mode, told by the hook which files are unchanged) and the stale ones are deleted, so the result
is the clean build's, byte for byte.

A reused tree is trusted only if it is exactly what this package left: every file present with
the inode, size and change time recorded when it was built (a user process can reset a
modification time, never a change time), no link, nothing added. Anything else — a corrupt, edited
or hostile cache, a record from another build — and the build starts from an empty folder.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

from gongbao.content import atomic
from gongbao.publish import cachefolder, fingerprint
from gongbao.content.clock import build_date

ENV = "GONGBAO_INCREMENTAL"  # a folder: previous.json (what the reused tree was made from), inputs.json (what was made)
PREVIOUS, INPUTS = "previous.json", "inputs.json"

TOOLS = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "jinja2", "pyyaml")
# Besides the content the loader reads: every file that shapes every page. Not gazette.lock.json: it decides
# whether a build may publish, never what a page holds, and every correction of a document changes it.
BUILD_FILES = ("mkdocs.yml", "gazette.yml", "withdrawn.yml")
BUILD_DIRS = ("hooks", "overrides")


def key(root: Path) -> str:
    """The build-wide part of every output's inputs: when it changes, nothing is reused."""
    digest = hashlib.sha256(fingerprint.code(TOOLS))
    digest.update(f"{build_date().isoformat()}\n".encode())
    paths = [root / name for name in BUILD_FILES]
    # not Python's bytecode: importing the hook writes it, and the key would change under the build
    paths += [p for name in BUILD_DIRS for p in sorted((root / name).rglob("*")) if "__pycache__" not in p.parts]
    digest.update(fingerprint.files(paths, root))
    return digest.hexdigest()


def inputs_hash(build_key: str, dest: str, *parts: bytes) -> str:
    digest = hashlib.sha256(f"{build_key}\0{dest}\0".encode())
    for part in parts:
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()


def stats(tree: Path) -> dict[str, list[int]] | None:
    """Every file under ``tree`` by relative path → [inode, size, ctime]; None if the tree holds a link
    or anything but folders and regular files."""
    found: dict[str, list[int]] = {}
    stack = [tree]
    while stack:
        folder = stack.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_symlink():
                    return None
                if entry.is_dir(follow_symlinks=False):
                    stack.append(Path(entry.path))
                elif entry.is_file(follow_symlinks=False):
                    st = entry.stat(follow_symlinks=False)
                    found[Path(entry.path).relative_to(tree).as_posix()] = [st.st_ino, st.st_size, st.st_ctime_ns]
                else:
                    return None
    return found


def remove_stale(tree: Path, produced: set[str]) -> None:
    """Delete what an earlier build left that this one did not make, and the folders that empties."""
    for parent, dirs, files in os.walk(tree, topdown=False):
        for name in files:
            path = os.path.join(parent, name)
            if Path(path).relative_to(tree).as_posix() not in produced:
                os.unlink(path)
        if parent != str(tree) and not os.listdir(parent):
            os.rmdir(parent)


class Cache:
    """The previous site kept for reuse, beside the target (``.cache/gongbao/``, never inside ``site/``); none when
    that folder is a link (``folder`` None: gongbao.publish.cachefolder), and every build is a full one."""

    def __init__(self, target: Path):
        self.folder = cachefolder.of(target.parent)
        folder = self.folder or target.parent / cachefolder.NAME  # named, never read or written when a link
        self.spare = folder / f"{target.name}-spare"          # the site before the published one
        self.spare_record = folder / f"{target.name}-spare.json"
        self.record = folder / f"{target.name}.json"          # what the published site was made from
        # the preview worker's (gongbao_preview): here, not in /tmp, since the worker is stopped with SIGKILL
        self.preview_state = folder / f"{target.name}-preview"

    def take(self, staging: Path, target: Path, build_key: str) -> dict[str, str] | None:
        """Fill the empty folder ``staging`` with a tree to build over and return what it was made from;
        None when there is none to trust and the build starts from the empty folder."""
        if self.folder is None:
            return None
        inputs = _verified(self.spare_record, self.spare, build_key)
        if inputs is not None:
            try:
                staging.rmdir()
                self.spare.rename(staging)
                return inputs
            except OSError:
                staging.mkdir(exist_ok=True)
        # No spare yet (the second build; a spare on another file system): a copy of the published site,
        # trusted only if it was exactly as built before and after the copy (a change during it changes a ctime).
        inputs = _verified(self.record, target, build_key)
        if inputs is None:
            return None
        before = stats(target)
        shutil.copytree(target, staging, copy_function=shutil.copyfile, dirs_exist_ok=True)
        if stats(target) != before:
            shutil.rmtree(staging)
            staging.mkdir()
            return None
        return inputs

    def current(self, target: Path, build_key: str) -> dict[str, str] | None:
        """What the published site was made from, if it was made under ``build_key`` and is exactly as left."""
        return None if self.folder is None else _verified(self.record, target, build_key)

    def put_back(self, tree: Path) -> None:
        if self.folder is None:
            return
        try:
            tree.rename(self.spare)
        except OSError:
            pass  # the next build is a full one

    def keep(self, old_site: Path | None, record: dict | None) -> None:
        """After the swap: the site just replaced becomes the spare, with the record it was made from;
        ``record``: what the new site was made from (None: unknown, and it will not be reused)."""
        if self.folder is None:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        for stale in (self.spare_record, self.spare):
            _remove(stale)
        if old_site is not None and self.record.is_file():
            try:
                old_site.rename(self.spare)
                self.record.rename(self.spare_record)
            except OSError:
                _remove(self.spare)  # another file system: no spare, the next build is a full one
        if record is None:
            self.record.unlink(missing_ok=True)
        else:
            _write_json(self.record, record)


def _verified(record_path: Path, tree: Path, build_key: str) -> dict[str, str] | None:
    """The inputs ``record_path`` lists, if it was made under ``build_key`` and ``tree`` is exactly as it left it."""
    try:
        record = json.loads(record_path.read_text(encoding="utf-8"))
        if not (isinstance(record, dict) and record.get("key") == build_key and tree.is_dir()):
            return None
        inputs, files = record["inputs"], record["files"]
        valid = (isinstance(inputs, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in inputs.items())
                 and isinstance(files, dict) and stats(tree) == files)
        return inputs if valid else None
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def _write_json(path: Path, value) -> None:
    atomic.write(path, json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


def hand_over(state: Path, build_key: str, inputs: dict[str, str]) -> None:
    """For the hook: the build key, and the inputs of the tree MkDocs builds over (empty on a full build)."""
    _write_json(state / PREVIOUS, {"key": build_key, "inputs": inputs})


def previous(state: Path) -> tuple[str, dict[str, str]]:
    handed = json.loads((state / PREVIOUS).read_text(encoding="utf-8"))
    return handed["key"], handed["inputs"]


def save_inputs(state: Path, inputs: dict[str, str]) -> None:
    _write_json(state / INPUTS, inputs)


def made(state: Path) -> dict[str, str] | None:
    """What the hook says this build made: output path → hash of its inputs; None from a hook that does not say
    (a repository's older copy of hooks/: it builds as before, and nothing is kept for reuse)."""
    path = state / INPUTS
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None
