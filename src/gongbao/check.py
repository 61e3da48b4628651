"""One implementation of "is this content publishable?", shared by the CLI and the build."""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from . import diagnostics, loader, lock, rules, settings as settings_module, tree
from .diagnostics import ContentError, Diagnostic
from .model import Archive
from .settings import Settings


@dataclass
class Checked:
    archive: Archive
    settings: Settings
    diagnostics: list[Diagnostic]
    today: dt.date

    @property
    def ok(self) -> bool:
        return not diagnostics.has_errors(self.diagnostics)


def build_date() -> dt.date:
    """The date statuses are judged against: SOURCE_DATE_EPOCH when set (reproducible builds), else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    return dt.date.today()


def check(root: Path, today: dt.date | None = None) -> Checked:
    today = today or build_date()
    unreadable = tree.problems(root)
    if unreadable:  # nothing else is read: a link could lead anywhere, a FIFO would block
        return Checked(Archive(), Settings(), diagnostics.sort(unreadable), today)
    try:
        site = settings_module.load(root)
    except ContentError as exc:
        return Checked(Archive(), Settings(), exc.diagnostics, today)
    loaded = loader.load(root, site)
    locked, unreadable = lock.load(root)
    found = loaded.diagnostics + unreadable + list(rules.run(rules.Context(loaded.archive, site, today, locked)))
    return Checked(loaded.archive, site, diagnostics.sort(found), today)
