"""One implementation of "is this content publishable?", shared by the CLI and the build."""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from . import diagnostics, loader, lock, published_lock, rules, settings as settings_module
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


def check(root: Path, today: dt.date | None = None,
          published: tuple[lock.Lock, list[Diagnostic]] | None = None) -> Checked:
    """``published``: the last published lock and the problems reading it; default, the one the
    build names (gongbao.published_lock), if any."""
    today = today or build_date()
    last_lock, unreadable_published = published or published_lock.from_env()
    try:
        site = settings_module.load(root)
    except ContentError as exc:
        return Checked(Archive(), Settings(), exc.diagnostics, today)
    loaded = loader.load(root, site)
    locked, unreadable = lock.load(root)
    context = rules.Context(loaded.archive, site, today, locked, last_lock)
    found = loaded.diagnostics + unreadable + unreadable_published + list(rules.run(context))
    return Checked(loaded.archive, site, diagnostics.sort(found), today)
