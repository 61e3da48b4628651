"""Checks over the loaded archive: each module holds one rule, a pure function of a Context.

``check(context)`` yields Diagnostics; ``ALL`` is the order they run in.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from .. import handwritten as handwritten_module, urls
from ..handwritten import HandWritten
from ..lock import EMPTY, Lock
from ..model import Archive
from ..settings import Settings
from ..sitepaths import Listing, SitePaths


@dataclass(frozen=True)
class Context:
    archive: Archive
    settings: Settings
    today: dt.date  # the build date: statuses that depend on time are judged against it
    lock: Lock = EMPTY  # the committed gazette.lock.json: what has been published before
    published: Lock = EMPTY  # the lock of the last published state, which ``lock`` may not weaken
    handwritten: HandWritten = handwritten_module.EMPTY  # content/ and the nav of mkdocs.yml
    generated: tuple[Listing, ...] = ()  # the renderers' other pages and files, listed only when asked (sitepaths)
    earlier: Callable[[str], str | None] = lambda path: None  # a file's committed text (gongbao.gitshow), if known

    @cached_property
    def site(self) -> SitePaths:
        """Every page and file the built site will have."""
        return SitePaths(urls.pages(self.archive.public(), self.settings.issuer_codes), self.handwritten, self.generated)


def all_rules():
    from . import aspects, dates, disclosure, duplicates, issuers, issues, pairing, relations, sections, index_numbers
    from . import anchor_ids, handwritten_pages, html_safety, links, lock, nesting, placeholders, site_files, topics
    from . import consultation, decisions, feedback, participation_texts

    return (issues, issuers, duplicates, sections, dates, disclosure, relations, pairing, aspects, topics, index_numbers,
            lock, placeholders, nesting, html_safety, anchor_ids, links, site_files, handwritten_pages,
            consultation, feedback, decisions, participation_texts)


def run(context: Context):
    for rule in all_rules():
        yield from rule.check(context)
