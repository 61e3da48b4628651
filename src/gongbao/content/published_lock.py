"""The last published lock, which the committed lock may extend but never weaken.

Every site carries a copy of the lock it was built with (``<site>/gazette.lock.json``). A build
compares the committed lock with the copy in the site it replaces (``gongbao build`` passes its
path in ``GONGBAO_PUBLISHED_LOCK`` to the check that MkDocs runs); CI compares it with the lock of
the base branch (``gongbao check --base origin/main``). Without these, an entry deleted together
with its document, a nulled hash or a lowered count would pass: the check would trust the very
file that was edited.

A site also carries what it published that its committed lock did not record yet (``<site>/gazette.unrecorded.json``,
in the lock's format: new pages, corrections, withdrawal notices and moves before ``gongbao lock --write``). The
next build compares the text with it too: a page published once, locked or not, may have been cited, so its text
changes only with a new 勘误 and its URL never vanishes.
"""
from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

from gongbao.content import atomic, lock, slugs
from gongbao.content.diagnostics import Diagnostic
from gongbao.content.settings import Settings

ENV = "GONGBAO_PUBLISHED_LOCK"
# Set by a build whose site will be published (gongbao build, not the preview's): the folder where the hook keeps what
# the site publishes beyond the committed lock (keep_unrecorded). Unset, nothing is worked out: at 10,000 documents
# that hashed every text again at every edit the preview showed, to throw it away.
RECORDING = "GONGBAO_RECORDING"
UNRECORDED = "gazette.unrecorded.json"


def from_env() -> tuple[lock.Lock, list[Diagnostic]]:
    """The published lock the build named, or none (a plain ``gongbao check``)."""
    path = os.environ.get(ENV)
    if not path:
        return lock.EMPTY, []
    return from_site(Path(path))


def from_site(path: Path) -> tuple[lock.Lock, list[Diagnostic]]:
    """The lock a built site carries (``path``: its gazette.lock.json), with what the site published beyond it."""
    site = path.parent
    published, problems = lock.read(path, f"{site.name}/{lock.FILENAME}")
    if not (site / UNRECORDED).is_file():
        return published, problems
    unrecorded, unreadable = lock.read(site / UNRECORDED, f"{site.name}/{UNRECORDED}")
    return replace(published, unrecorded=unrecorded), problems + unreadable


def from_file(path: Path) -> tuple[lock.Lock, list[Diagnostic]]:
    if not path.is_file():
        raise FileNotFoundError(f"找不到 {path}")
    return lock.read(path, str(path))


def from_git(root: Path, ref: str) -> tuple[lock.Lock, list[Diagnostic]]:
    """The lock as committed at ``ref``; none if the file did not exist there (a new gazette)."""
    def git(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(["git", "-C", str(root), *args], capture_output=True)

    if git("rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").returncode != 0:
        raise ValueError(f"git 中没有 {ref}：先 git fetch 该分支或提交")
    blob = f"{ref}:./{lock.FILENAME}"  # ./: relative to root, which may be a subfolder
    size = git("cat-file", "-s", blob)  # asked first: git show would hand over the whole blob
    if size.returncode != 0:
        return lock.EMPTY, []
    name = f"{ref}:{lock.FILENAME}"
    if int(size.stdout) > lock.MAX_BYTES:
        return lock.EMPTY, [lock.oversized(name, int(size.stdout))]
    shown = git("show", blob)
    try:
        return lock.parse(shown.stdout.decode("utf-8"), name)
    except UnicodeDecodeError as exc:
        return lock.EMPTY, [Diagnostic(name, 1, f"{name} 无法读取：{exc}", "它应为 UTF-8 的 JSON", rule=lock.RULE)]


def beyond(committed: lock.Lock, last: lock.Lock | None, archive, settings: Settings, today: dt.date) -> lock.Lock:
    """What the site publishes on ``today`` that the committed lock does not record (gongbao.content.lock.unrecorded),
    and what the site it replaces published beyond it (``last``: that site's gazette.unrecorded.json), carried on: a page
    published unlocked and then moved (previous_urls) or withdrawn is a redirect or a notice the committed lock cannot
    name, and left out, the build after next let its URL vanish. Where both hold a URL, what was published last counts.
    So too the slugs of the listings it publishes (gongbao.content.slugs): a catalogue published unrecorded and renamed
    before the next ``lock --write`` is refused as a recorded one is (rules/lock.py)."""
    known = lock.Lock({**committed.entries, **(last.entries if last else {})})
    now = lock.updated(known, lock.unrecorded(known, archive, settings.issuer_codes), today)
    recorded, carried = committed.slugs or {}, (last.slugs if last else None) or {}
    listed = slugs.published(archive.public(), settings)
    unlocked = {facet: {slug: name for slug, name in {**carried.get(facet, {}), **listed[facet]}.items()
                        if recorded.get(facet, {}).get(slug) != name} for facet in slugs.FACETS}
    return lock.Lock({url: e for url, e in now.entries.items() if committed.entries.get(url) != e},
                     slugs=unlocked if any(unlocked.values()) else None)


def keep_unrecorded(state: Path, found: lock.Lock) -> None:
    """What the build publishes that the committed lock does not record (``found``: ``beyond``), in the build's state
    folder until the site is published (``publish``)."""
    if found.entries or found.slugs:
        atomic.write(state / UNRECORDED, found.dumps().encode("utf-8"))


def unrecorded(state: Path) -> bytes | None:
    path = state / UNRECORDED
    return path.read_bytes() if path.is_file() else None


def publish(root: Path, site: Path, unrecorded: bytes | None = None) -> None:
    """Put the committed lock, and what the site publishes beyond it, into the site being built, for the next build to
    compare with. ``None``: no record written (the preview's worker leaves the served site's as it is)."""
    if (root / lock.FILENAME).is_file():
        shutil.copyfile(root / lock.FILENAME, site / lock.FILENAME)
    if unrecorded is not None:
        atomic.write(site / UNRECORDED, unrecorded)
