"""Every generated page of the site, as URL → Markdown, with its labels in the interface script."""
from __future__ import annotations

import datetime as dt

from gongbao.publish import csp, feeds, participation_twins
from gongbao.content import urls
from gongbao.content.model import Archive
from gongbao.publish.rendered_html import Authored
from gongbao.content.relations import reverse
from gongbao.content.settings import Settings
from gongbao.content.withdrawn import FILENAME as WITHDRAWN_FILE
from gongbao.publish import twins
from gongbao.publish.render.html import esc
from gongbao.publish.render import (
    body,
    consultation,
    decisions,
    document,
    interpretation,
    issueprint,
    listings,
    redirect_pages,
    searchpage,
    ui,
)


def pages(archive: Archive, settings: Settings, today: dt.date) -> dict[str, str]:
    """All generated pages of the *public* archive: withheld documents never reach a renderer.
    ``today``: the build date (``check``'s), which statuses such as "not yet in force" are judged against."""
    with ui.interface(settings.interface_script):
        return _pages(archive.public(), settings, today)


def _pages(public: Archive, settings: Settings, today: dt.date) -> dict[str, str]:
    codes = settings.issuer_codes
    rev = reverse(public)
    out: dict[str, str] = {}
    for doc in public.documents:
        out[urls.document(doc, codes)] = document.page(doc, public, codes, rev, settings, today)
    for item in public.interpretations:
        out[urls.interpretation(item, codes)] = interpretation.page(item, public, settings)
    def body_of(doc) -> Authored:  # the body its page holds: the print view prints it again, read once
        return out[urls.document(doc, codes)].authored()[0]
    for issue in public.issues:
        out[urls.issue(issue.key)] = listings.issue_page(issue, public, codes)
        out[issueprint.url(issue.key)] = issueprint.page(issue, public, settings, body_of)
    out[urls.ARCHIVE] = listings.archive_page(public)
    for year, issues in listings.issues_by_year(public).items():
        out[urls.gazette_year(year)] = listings.year_page(year, issues, public, codes)
    out.update(listings.catalogues(public, settings))
    out[urls.INTERPRETATIONS] = listings.interpretations_page(public, codes)
    out[searchpage.URL] = searchpage.page(public, settings, today)
    for draft in public.drafts:
        out[urls.draft(draft)] = consultation.draft_page(draft, public, settings, today)
    for item in public.explanations:
        out[urls.explanation(item)] = consultation.explanation_page(item, public, settings)
    for item in public.feedback:
        out[urls.feedback(item)] = consultation.feedback_page(item, public, settings)
    out.update(consultation.listing_pages(public, settings, today))
    out.update(decisions.pages(public, settings))
    return out


def authored(archive: Archive) -> dict[str, list[Authored]]:
    """URL → the editors' bodies each generated page of Markdown prints, as ``gongbao.publish.rendered_html``
    checks them; a page rendered in parts (documents, interpretations) or an issue's print view knows its own
    (``Page.authored``, ``Prose.authored``). Pages not listed print no editor text (only escaped front-matter values)."""
    public = archive.public()
    out = {}
    for item, url in urls.participation_texts(public):
        out[url] = [_authored(item.source, body.markdown(item.source.body), body.generated(item.source.body))]
    for draft in public.drafts:  # its 起草说明 is shown on its page too (render.consultation)
        if explanation := public.explanation_of(draft):
            out[urls.draft(draft)].append(body.part_after(draft.source.body, explanation.source).authored)
    for notice in public.withdrawn:  # its title and reason, printed escaped by redirects.withdrawal_page
        out[notice.url] = [Authored(WITHDRAWN_FILE, notice.line, value, esc(value)) for value in (notice.title, notice.reason)
                           if value]
    return out


def _authored(source, inserted: str, generated) -> Authored:
    return Authored(source.path, source.body_line, source.body, inserted, tuple(generated))


def files(archive: Archive, settings: Settings) -> dict[str, str | bytes]:
    """Generated files that are not pages (feeds, JSON, redirects…), as site path → content.

    Each generator receives the *public* archive only.
    """
    public = archive.public()
    out: dict[str, str | bytes] = {}
    with ui.interface(settings.interface_script):
        for generate in FILE_GENERATORS:
            out.update(generate(public, settings))
    # generated HTML (redirect pages) gets the same Content-Security-Policy as the theme's pages
    return {path: csp.with_policy(c) if path.endswith(".html") else c for path, c in out.items()}


# Generators of non-page files: functions (public archive, settings) → {site path: content}.
FILE_GENERATORS: list = [searchpage.files, feeds.generate, redirect_pages.files, twins.files, participation_twins.files,
                         issueprint.files]


def listings_on_demand(archive: Archive, settings: Settings) -> list:
    """The paths the renderers add beyond the pages ``urls.pages`` names, as functions that list them:
    attachments first, then catalogue pages, then each generator's files (cheapest first). A check that asks whether a link's
    target exists calls only as many as it needs: rendering every page of a large archive takes many seconds."""
    public = archive.public()

    def attachments():
        return (), list(urls.attachment_files(public, settings.issuer_codes))

    def catalogue_pages():
        with ui.interface(settings.interface_script):
            return list(listings.catalogues(public, settings)), ()

    def files_of(generate):
        def files():
            with ui.interface(settings.interface_script):
                return (), list(generate(public, settings))
        return files

    return [attachments, catalogue_pages] + [files_of(generate) for generate in FILE_GENERATORS]
