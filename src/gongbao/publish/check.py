"""One implementation of "is this content publishable?", shared by the CLI and the build."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, partial
from pathlib import Path

from gongbao.content import diagnostics, gitshow, handwritten, loader, lock, participation_loader, published_lock, settings as settings_module, tree, versions
from gongbao import rules
from gongbao.content.clock import build_date, judged_on
from gongbao.content.diagnostics import ContentError, Diagnostic
from gongbao.content.model import Archive
from gongbao.publish import crosskept
from gongbao.publish.filecache import FileCache
from gongbao.publish.parallel import Parallel
from gongbao.publish.render import site as render_site
from gongbao.content.settings import Settings


@dataclass
class Checked:
    archive: Archive
    settings: Settings
    diagnostics: list[Diagnostic]
    today: dt.date | None  # None: gazette.yml's build_date cannot be read (clock.judged_on), an error of the check

    @property
    def ok(self) -> bool:
        return not diagnostics.has_errors(self.diagnostics)


def check(root: Path, today: dt.date | None = None,
          published: tuple[lock.Lock, list[Diagnostic]] | None = None, files: FileCache | None = None,
          scanned: tree.Scan | None = None,
          across: Callable[[rules.Context, bool], list[Diagnostic]] | None = None, bodies: bool = True,
          committed: Callable[[], tuple[lock.Lock, list[Diagnostic]]] | None = None) -> Checked:
    """``published``: the last published lock and the problems reading it; default, the one the
    build names (gongbao.content.published_lock), if any. ``files``: what earlier checks kept of
    each file (gongbao.publish.filecache); the result is the same without it. ``scanned``: the
    repository's walk (gongbao.content.tree.scan) if the caller made it just before; else it is made here.
    ``across``: what the cross-document rules find, given the context and whether a pool made the files
    (gongbao.publish.crosskept.Across); default, run them (crosskept.found).
    ``bodies=False``: the caller renders nothing, so the items a pool makes may come without their bodies (read
    again when asked: gongbao.publish.parallel); the diagnostics are the same. ``committed``: the committed lock as
    ``lock.load`` reads it, if the caller can give it another way (gongbao.publish.checkcache keeps it parsed)."""
    scanned = scanned or tree.scan(root)
    unsafe = scanned.problems
    if unsafe:  # nothing else is read: a link could lead anywhere, a FIFO would block
        return Checked(Archive(), Settings(), diagnostics.sort(unsafe), today or build_date())
    last_lock, unreadable_published = published or published_lock.from_env()
    # its errors are told with the content's: a setting with errors is read at its default, and the rules that read it
    # say nothing they would make of that (Settings.unread)
    site, unsettled = settings_module.read(root)
    today = today or judged_on(site)  # a snapshot's own day; None when its build_date cannot be read (gongbao.content.clock)
    # Read while the pool's workers make the files: a lock of 18,000 entries is 0.6 s of parsing that this process
    # would otherwise spend alone, before the pool starts. The workers hash each text for the lock rule if a lock may
    # have entries (a hash not made there is made when asked: the same).
    committed_lock = cache(committed or partial(lock.load, root))
    made = Parallel(bodiless=not bodies, hashed=bool(last_lock.entries) or (root / lock.FILENAME).is_file(),
                    stamped=files is not None, meanwhile=committed_lock)
    if files:
        files.found = made
    loaded = loader.load(root, site, files, scanned, made.make)
    participation_loader.load(root, site, loaded)
    locked, unreadable = committed_lock()
    # the texts 勘误 replaced, each proved by its hash in the lock: the pages show what each 勘误 changed
    stored, unproved = versions.load(root, locked, None if scanned.linked else scanned.files)
    versions.attach(loaded.archive, stored, site.issuer_codes)
    own = lock.published_numbers(loaded.archive, loaded.diagnostics, (locked, last_lock))  # before the rules read unloaded
    lock.number_withdrawals(loaded.archive, tuple(filter(None, (locked, last_lock, last_lock.unrecorded))),
                            site.issuer_codes)
    written = handwritten.load(root, tuple(filter(None, [site.footer.get("gov_logo")])))
    listings = tuple(_guarded(listing) for listing in render_site.listings_on_demand(loaded.archive, site))
    context = rules.Context(loaded.archive, site, today, locked, published=last_lock, handwritten=written,
                            generated=listings, earlier=gitshow.reader(root),
                            in_file=files.in_file if files else made.per_file,
                            links_of=files.links_of if files else rules.body_links,
                            sha256_of=files.sha256_of if files else rules.body_sha256,
                            page_ids=render_site.page_ids(loaded.archive, site, today))
    found = unsettled + own + unreadable + unproved + unreadable_published + list(written.diagnostics) + list(rules.in_files(context))
    found += across(context, bool(made.used)) if across else crosskept.found(context, bool(made.used))
    return Checked(loaded.archive, site, diagnostics.sort(found), today)


def _guarded(listing):
    def listed():
        try:
            return listing()
        except Exception:  # noqa: BLE001 — an archive with errors need not render; its errors are reported already
            return (), ()
    return listed
