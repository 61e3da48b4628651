"""Every output the build makes from the archive (pages, files, the editors' texts they print), each by a
``Maker``: the full build calls them all, the preview only those an edit reaches (gongbao.publish.regenerate)."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, partial

from gongbao.publish import csp, feeds, joined_assets, participation_twins
from gongbao.content import body_markdown, handwritten, redirects, urls
from gongbao.content.model import Archive, Attachment, Document, Interpretation, Issue
from gongbao.content.participation import Draft, Explanation, Feedback
from gongbao.publish.rendered_html import FRONT_MATTER, Authored
from gongbao.content.relations import reverse
from gongbao.content.settings import Settings
from gongbao.content.withdrawn import FILENAME as WITHDRAWN_FILE
from gongbao.publish import twins
from gongbao.publish.render.html import esc
from gongbao.publish.render.parts import Markdown, Page
from gongbao.rules.html_safety import site_markdown
from gongbao.publish.render import (
    body,
    consultation,
    decisions,
    document,
    ids,
    interpretation,
    issueprint,
    listings,
    record,
    redirect_pages,
    searchpage,
    ui,
)


@dataclass
class Outputs:
    """Everything the build makes from the archive besides MkDocs' own: what the hook hands MkDocs."""
    pages: dict[str, "str | Page"] = field(default_factory=dict)  # URL → Markdown, or a page in parts
    files: dict[str, str | bytes] = field(default_factory=dict)   # site path → content (feeds, twins, redirects…)
    authored: dict[str, list[Authored]] = field(default_factory=dict)  # URL → editors' texts a page of Markdown prints
    home: dict[str, str] = field(default_factory=dict)            # "" → the blocks under the home page's introduction
    attachments: dict[str, Attachment] = field(default_factory=dict)  # site path → a published attachment


@dataclass(frozen=True)
class Maker:
    """One function of the public archive making one or a few outputs of one kind (an ``Outputs`` field).
    ``needs``: a kind whose outputs, as made by the makers before it, it is called with. ``later``: files no reader of
    an edited page needs at once (feeds, sitemap, redirects), which the preview writes after the pages
    (gongbao.publish.regenerate)."""
    kind: str
    make: Callable[..., dict]
    needs: str | None = None
    later: bool = False

    def made(self, so_far: Outputs) -> dict:
        return self.make(getattr(so_far, self.needs)) if self.needs else self.make()


def outputs(archive: Archive, settings: Settings, today: dt.date) -> Outputs:
    """Every output of the *public* archive: withheld documents never reach a renderer.
    ``today``: the build date (``check``'s), which statuses such as "not yet in force" are judged against."""
    return assemble(makers(archive.public(), settings, today))


def assemble(found: list[Maker]) -> Outputs:
    out = Outputs()
    for maker in found:
        getattr(out, maker.kind).update(maker.made(out))
    return out


def makers(public: Archive, settings: Settings, today: dt.date) -> list[Maker]:
    """The makers of every output, in the order the site lists them; each reads what it needs when called."""
    def interface(make: Callable[..., dict]) -> Callable[..., dict]:
        def made(*needed):
            with ui.interface(settings.interface_script):
                return make(*needed)
        return made

    def file_maker(make: Callable[..., dict], generator: FileGenerator, needs: str | None = None) -> Maker:
        def made(*needed):  # generated HTML (redirect pages) gets the same Content-Security-Policy as the theme's pages
            return {path: csp.with_policy(c) if path.endswith(".html") else c for path, c in make(*needed).items()}
        return Maker("files", interface(made), needs, generator.later)

    found = [Maker("authored", lambda: _authored(public)),
             Maker("home", lambda: {"": listings.home_blocks(public, settings)})]
    found += [Maker("pages", interface(make)) for make in _page_makers(public, settings, today)]
    for generator in FILE_MAKERS:
        each, collection = generator.split(public, settings)
        found += [file_maker(make, generator) for make in each] + ([file_maker(collection, generator, "files")]
                                                                   if collection else [])
    found.append(Maker("attachments", lambda: redirects.published_files(public, settings.issuer_codes)))
    return found


def pages(archive: Archive, settings: Settings, today: dt.date) -> dict[str, "str | Page"]:
    """All generated pages, as URL → Markdown (or a page in parts), with their labels in the interface script."""
    return _of_kind("pages", archive, settings, today).pages


def _of_kind(kind: str, archive: Archive, settings: Settings, today: dt.date | None) -> Outputs:
    return assemble([m for m in makers(archive.public(), settings, today) if m.kind == kind])


def _page_makers(public: Archive, settings: Settings, today: dt.date) -> list[Callable[[], dict]]:
    codes = settings.issuer_codes
    rev = reverse(public)
    read: dict[tuple[str, int, str], Markdown] = {}

    def body_of(source) -> Markdown:
        """A document's body read once for its page and its issue's print view. The key is what ``body.part``
        reads, so a print view that finds the body here is noted as reading it too (``publish.dependencies``)."""
        key = (source.path, source.body_line, source.body)
        if key not in read:
            read[key] = body.part(source)
        return read[key]

    found = [partial(lambda doc: {urls.document(doc, codes): document.page(doc, public, codes, rev, settings, today,
                                                                         body_of)}, doc)
             for doc in public.documents]
    found += [partial(lambda item: {urls.interpretation(item, codes): interpretation.page(item, public, settings)}, item)
              for item in public.interpretations]
    found += [partial(lambda issue: {urls.issue(issue.key): listings.issue_page(issue, public, codes),
                                     issueprint.url(issue.key): issueprint.page(
                                         issue, public, settings, lambda d: body_of(d.source).authored)}, issue)
              for issue in public.issues]
    found += [
        lambda: {urls.ARCHIVE: listings.archive_page(public)},
        lambda: {urls.gazette_year(year): listings.year_page(year, issues, public, codes)
                 for year, issues in listings.issues_by_year(public).items()},
        lambda: listings.catalogues(public, settings),
        lambda: listings.interpretations_pages(public, codes),
        lambda: {searchpage.URL: searchpage.page(public, settings, today)},
    ]
    found += [partial(lambda draft: {urls.draft(draft): consultation.draft_page(draft, public, settings, today)}, draft)
              for draft in public.drafts]
    found += [partial(lambda item: {urls.explanation(item): consultation.explanation_page(item, public, settings)}, item)
              for item in public.explanations]
    found += [partial(lambda item: {urls.feedback(item): consultation.feedback_page(item, public, settings)}, item)
              for item in public.feedback]
    found += [lambda: consultation.listing_pages(public, settings, today), lambda: decisions.pages(public, settings)]
    return found


def page_ids(archive: Archive, settings: Settings, today: dt.date | None) -> Callable[[object], frozenset[str] | None]:
    """The ids of the page of a document, interpretation, participation text, issue or page of content/
    (handwritten.Page) as the build makes and renders it (None: the text has no page, or an archive with errors cannot
    make it), for rules.page_anchors: which ids the project's parts around a text write (gb-jd, gb-relations, the
    title's) depends on other files, and a link from another page goes to one of them. Made when asked: most texts
    link to none of them."""
    public = cache(archive.public)
    rev = cache(lambda: reverse(public()))

    def page_of(item) -> str | Page | None:
        codes, made = settings.issuer_codes, public()
        if isinstance(item, Document) and any(doc is item for doc in made.documents):
            return document.page(item, made, codes, rev(), settings, today)
        if isinstance(item, Interpretation) and any(other is item for other in made.interpretations):
            return interpretation.page(item, made, settings)
        if isinstance(item, Draft) and any(draft is item for draft in made.drafts):
            return consultation.draft_page(item, made, settings, today)
        if isinstance(item, Explanation) and any(other is item for other in made.explanations):
            return consultation.explanation_page(item, made, settings)
        if isinstance(item, Feedback) and any(other is item for other in made.feedback):
            return consultation.feedback_page(item, made, settings)
        if isinstance(item, Issue) and any(other is item for other in made.issues):
            return listings.issue_page(item, made, codes)
        if isinstance(item, handwritten.Page):
            return item.text
        return None

    def ids_of(item) -> frozenset[str] | None:
        if today is None:  # the build date cannot be read: no page is made (an error of the check)
            return None
        try:
            with ui.interface(settings.interface_script):
                page = page_of(item)
                if page is None:
                    return None
                rendered = site_markdown().reset().convert(FRONT_MATTER.sub("", page if isinstance(page, str) else page.markdown()))
                return frozenset(ids.of(rendered if isinstance(page, str) else page.assemble(rendered)))
        except Exception:  # noqa: BLE001 — an archive with errors need not render; its errors are reported already
            return None

    return ids_of


def authored(archive: Archive) -> dict[str, list[Authored]]:
    """URL → the editors' bodies each generated page of Markdown prints, as ``gongbao.publish.rendered_html``
    checks them; a page rendered in parts (documents, interpretations) or an issue's print view knows its own
    (``Page.authored``). Pages not listed print no editor text (only escaped front-matter values)."""
    return _authored(archive.public())


def _authored(public: Archive) -> dict[str, list[Authored]]:
    out = {}
    for item, url in urls.participation_texts(public):
        out[url] = [_authored_text(item.source, body_markdown.markdown(item.source.body), body_markdown.generated(item.source.body))]
    for draft in public.drafts:  # its 起草说明 is shown on its page too (render.consultation)
        if explanation := public.explanation_of(draft):
            out[urls.draft(draft)].append(body.part_after(draft.source.body, explanation.source).authored)
    for notice in public.withdrawn:  # its title and reason, printed escaped by redirects.withdrawal_page
        out[notice.url] = [Authored(WITHDRAWN_FILE, notice.line, value, esc(value)) for value in (notice.title, notice.reason)
                           if value]
    return out


def _authored_text(source, inserted: str, generated) -> Authored:
    return Authored(source.path, source.body_line, source.body, inserted, tuple(generated), removed=source.removed)


def files(archive: Archive, settings: Settings) -> dict[str, str | bytes]:
    """Generated files that are not pages (feeds, JSON, redirects…), as site path → content.

    Each generator receives the *public* archive only.
    """
    return _of_kind("files", archive, settings, None).files


@dataclass(frozen=True)
class FileGenerator:
    """A generator of non-page files. ``split``: (public archive, settings) → (functions → {site path: content}, and
    the function making files from all those made before it, or None). ``paths``: (public archive, settings) → the
    paths those make, listed without making them, for a generator whose files are costly (``listings_on_demand``);
    None: listed by making them. ``later``: its files are the makers' ``later`` (``Maker``)."""
    split: Callable
    paths: Callable | None = None
    later: bool = False

    def listed(self, public: Archive, settings: Settings) -> list[str]:
        return list(self.paths(public, settings) if self.paths else _files_of(*self.split(public, settings)))


def _whole(generate: Callable[[Archive, Settings], dict], paths: Callable | None = None, later: bool = False) -> FileGenerator:
    """A generator that makes its files at once, as one maker."""
    return FileGenerator(lambda public, settings: ([partial(generate, public, settings)], None), paths, later)


# The texts 勘误 replaced, beside their pages: only a page whose text a 勘误 replaced has any (the sample none)
VERSION_FILES = _whole(record.version_files)
# Twins are one a document, so that an edit remakes its own, then the catalogue and manifest (twins.makers).
FILE_MAKERS: list[FileGenerator] = [
    _whole(searchpage.files), _whole(feeds.generate, feeds.paths, later=True), _whole(redirect_pages.files, later=True),
    FileGenerator(twins.makers, twins.paths), _whole(participation_twins.files, participation_twins.paths),
    _whole(issueprint.files), VERSION_FILES]


def _files_of(each: list[Callable[[], dict]], collection: Callable[[dict], dict] | None) -> dict:
    out = {}
    for make in each:
        out.update(make())
    return out | collection(out) if collection else out


def listings_on_demand(archive: Archive, settings: Settings) -> list:
    """The paths the renderers add beyond the pages ``urls.pages`` names, as functions that list them: the site's
    joined stylesheets and scripts and the attachments first, then the listings' pages, then each generator's files
    (cheapest first). A check that asks whether a link's target exists calls only as many as it needs, and those list paths without making the files where making
    them costs (twins, feeds): a broken link, the commonest error, has the check call them all."""
    public = cache(archive.public)  # made when a listing is asked for: a check may ask for none

    def attachments():
        return (), list(redirects.published_files(public(), settings.issuer_codes))

    def listing_pages():  # the catalogues' and the interpretations' pages after the first, which urls.pages names
        with ui.interface(settings.interface_script):
            return listings.catalogue_urls(public(), settings) + listings.interpretations_urls(public())[1:], ()

    def files_of(generator: FileGenerator):
        def files():
            with ui.interface(settings.interface_script):
                return (), generator.listed(public(), settings)
        return files

    def joined():  # the site's stylesheets and scripts, published as these two files instead of theirs
        return (), [joined_assets.STYLESHEET_URI, joined_assets.SCRIPT_URI]

    return [joined, attachments, listing_pages] + [files_of(generator) for generator in FILE_MAKERS]
