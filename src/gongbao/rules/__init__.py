"""Checks over the loaded archive: each module holds one rule, a pure function of a Context.

``check(context)`` yields Diagnostics; ``all_rules()`` is the order they run in (``shared``). A rule that looks at one
content file alone is ``in_file(item, settings)`` instead (``FILE_RULES``): what it finds is kept with the file by a
check's cache (gongbao.publish.filecache), and only the cross-document rules run on every check.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property

from gongbao.content import handwritten as handwritten_module, integrity, redirects as redirects_module, urls, watchdog
from gongbao.content.diagnostics import Diagnostic
from gongbao.content.handwritten import HandWritten
from gongbao.content.lock import EMPTY, Lock, pages as lock_pages
from gongbao.content.model import Archive, Issue
from gongbao.content.settings import Settings
from gongbao.content.sitepaths import Listing, SitePaths
from gongbao.rules import (
    anchor_ids,
    aspects,
    body_warnings,
    consultation,
    dates,
    decisions,
    disclosure,
    duplicates,
    explanation,
    feedback,
    handwritten_pages,
    html_safety,
    index_numbers,
    issuers,
    issues,
    link_text,
    links,
    lock,
    mkdocs_yml,
    nesting,
    page_anchors,
    pairing,
    participation_texts,
    pinned_date,
    placeholders,
    relations,
    sections,
    site_files,
    table_cells,
    topics,
    withheld_files,
)


FILE_RULES = (aspects, placeholders, nesting, html_safety, anchor_ids, body_warnings, table_cells, link_text)


def per_file(item, settings: Settings) -> list[Diagnostic]:
    """What the rules find in one loaded issue, document or interpretation alone; past the processor time a file may
    take (gongbao.content.watchdog: the rules read tables with Python-Markdown), that it could not be checked."""
    try:
        return watchdog.call(_per_file, item, settings)
    except watchdog.Overrun as overrun:
        return [Diagnostic(item.source.path, 1, watchdog.unchecked(overrun.seconds), watchdog.HINT, rule="read")]


def _per_file(item, settings: Settings) -> list[Diagnostic]:
    return [found for rule in FILE_RULES for found in rule.in_file(item, settings)]


# What the cross-document rules read of an issue's, a document's or an interpretation's body: a check's cache
# keeps it with the file (gongbao.publish.filecache), so a check with few changes reads no body.
def body_links(item) -> tuple[links.Link, ...]:
    return () if isinstance(item, Issue) else tuple(links.links(item.source.body))


def body_sha256(item) -> str | None:
    """integrity.sha256 with the item's own record, current version (the lock rule's); None for an issue."""
    return None if isinstance(item, Issue) else integrity.sha256(item)


@dataclass(frozen=True)
class Context:
    archive: Archive
    settings: Settings
    # the build date: statuses that depend on time are judged against it. None: gazette.yml's build_date cannot be
    # read (gongbao.content.clock.judged_on), and a rule says only what holds whatever day it meant
    today: dt.date | None
    lock: Lock = EMPTY  # the committed gazette.lock.json: what has been published before
    published: Lock = EMPTY  # the lock of the last published state, which ``lock`` may not weaken
    handwritten: HandWritten = handwritten_module.EMPTY  # content/ and the nav of mkdocs.yml
    generated: tuple[Listing, ...] = ()  # the renderers' other pages and files, listed only when asked (sitepaths)
    earlier: Callable[[str], str | None] = lambda path: None  # a file's committed text (gongbao.content.gitshow), if known
    in_file: Callable[[object, Settings], Iterable[Diagnostic]] = per_file  # per_file, or what a cache kept of it
    links_of: Callable[[object], tuple[links.Link, ...]] = body_links  # body_links, or what a cache kept of it
    sha256_of: Callable[[object], str | None] = body_sha256  # body_sha256, or what a cache kept of it
    # the ids of a text's page as the build makes it (gongbao.publish.render.site.page_ids), None if it has none
    page_ids: Callable[[object], frozenset[str] | None] = lambda item: None

    @cached_property
    def public(self) -> Archive:
        """What may be published (Archive.public), made once for every rule that asks."""
        return self.archive.public()

    @cached_property
    def locked_pages(self) -> dict:
        """Every public page a lock may record, by URL (gongbao.content.lock.pages)."""
        return lock_pages(self.public, self.settings.issuer_codes)

    @cached_property
    def redirects(self) -> tuple[dict, list[Diagnostic]]:
        """The redirects from earlier URLs and the clashes among them, with withheld documents' URLs too
        (gongbao.content.redirects.plan of the whole archive)."""
        return redirects_module.plan(self.archive, self.settings.issuer_codes)

    @cached_property
    def linked(self) -> tuple:
        """Each published text that has links, with the pages it is shown on (links.texts), made once for every rule
        that asks: the links rule and three of page_anchors' (25 ms each at 10,000 documents, 70 with markup)."""
        return tuple(links.texts(self))

    @cached_property
    def site(self) -> SitePaths:
        """Every page and file the built site will have."""
        return SitePaths(urls.pages(self.public, self.settings.issuer_codes), self.handwritten, self.generated)


def all_rules():
    return (issues, issuers, duplicates, sections, dates, disclosure, relations, pairing, topics, index_numbers,
            lock, placeholders, links, site_files, handwritten_pages, mkdocs_yml,
            consultation, explanation, feedback, decisions, participation_texts, pinned_date, withheld_files, page_anchors)


def in_files(context: Context):
    """What the rules find in each issue, document and interpretation alone (``context.in_file``)."""
    archive = context.archive
    for item in (*archive.issues, *archive.documents, *archive.interpretations):
        yield from context.in_file(item, context.settings)


def shared(context: Context):
    """What the cross-document rules find but each page's own findings (``of_page``)."""
    for rule in all_rules():
        yield from rule.check(context)


def of_pages(context: Context) -> dict[str, list[Diagnostic]]:
    """``of_page``'s findings of each issue, document, interpretation and participation text that has some, by file."""
    archive, urls_of = context.archive, lock.page_urls(context)
    found = {}
    for item in (*archive.issues, *archive.documents, *archive.interpretations, *archive.drafts, *archive.explanations,
                 *archive.feedback):
        if mine := list(of_page(item, urls_of.get(item.source.path), context)):
            found[item.source.path] = mine
    return found


def of_page(item, url: str | None, context: Context):
    """What the cross-document rules find of one file from it, the locks and the build date alone, not from other files:
    its page at ``url`` (None: it has none) compared with the locks' entries there (an issue's also with which sections
    its documents are in, fields every check reads: a change of them makes all findings again), and its 勘误's dates.
    A check that keeps the other findings (gongbao.publish.crosskept) makes these again for an edited file only; those
    rules read a file's 勘误 nowhere else (what crosskept.shown leaves out)."""
    if url is not None:
        yield from lock.compared_with(item, url, context)
    if not isinstance(item, Issue):  # an issue has no 勘误
        yield from dates.corrections(item, context.today)
    yield from dates.not_yet_published(item, context.today)
