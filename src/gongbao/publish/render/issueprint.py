"""The print view of a whole gazette issue: a cover with 期号 and 总期号, the table of contents, then
the full text of every public document, each starting on a new page when printed (see gb-print.css).

One page holds several documents, so each body's anchors get the document's prefix (``d-xzbf-2018-68-art-3``)
and its headings move one level down, under the document's own ``h2``: the body is the HTML of the document's
page, moved (``gongbao.publish.render.printed_body``), not rendered a second time.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Callable

from gongbao.content import urls
from gongbao.content.model import Archive, Document, Issue, IssueKey
from gongbao.content.settings import Settings
from gongbao.publish.render import attachments, ui
from gongbao.publish.render.document import date, published_note, title_part
from gongbao.publish.render.html import esc
from gongbao.publish.render.parts import Borrowed, Page
from gongbao.publish.rendered_html import Authored

url = urls.issue_print
RUNNING_HEAD = "running-head.css"


anchor = urls.print_anchor


def documents(issue: Issue, archive: Archive) -> list[Document]:
    """The issue's documents in table-of-contents order: by section as the issue lists them, then by date."""
    order = {section: i for i, section in enumerate(issue.sections)}
    return sorted(archive.documents_in(issue.key), key=lambda d: (order.get(d.section, len(order)), d.published, str(d.ref)))


def page(issue: Issue, archive: Archive, settings: Settings, body_of: Callable[[Document], Authored]) -> Page:
    """``body_of``: a document's body as its own page holds it (``body.part``), read once for both pages. Each body
    is shown as the document's page renders it (``parts.Borrowed``): MkDocs renders it once."""
    codes = settings.issuer_codes
    docs = documents(issue, archive)
    note = f'<p class="gb-issue-note">{esc(issue.note)}</p>\n' if issue.note else ""
    cover = ('<header class="gb-print-cover">\n'
             f'<h1 class="gb-title">{esc(settings.site_name)}</h1>\n'
             f'<p class="gb-print-cover__issue">{issue.key.year}年第{issue.key.number}期</p>\n'
             f'<p class="gb-print-cover__total">{ui.t("总第{n}期").format(n=issue.total_number)}</p>\n'
             f'<p class="gb-print-cover__date">{ui.t("出版日期")}：<time datetime="{issue.published.isoformat()}">'
             f'{date(issue.published)}</time></p>\n' + note
             + f'<p class="gb-print-toc__hint">{ui.t("用浏览器的“打印”可打印本期全文，或存为 PDF。")}</p>\n'
             + f'<link rel="stylesheet" href="{RUNNING_HEAD}">\n</header>\n')
    here = url(issue.key)
    shown: list[str | Borrowed] = [cover + _toc(issue, docs, codes)]
    for doc in docs:
        page_url, prefix = urls.document(doc, codes), anchor(doc, codes)
        head, tail = _document(doc, settings)
        shown += [head, Borrowed(page_url, here, prefix, authored(prefix, body_of(doc)),
                            title_part(doc).text), tail]
    shown[-1] = shown[-1].removesuffix("\n")  # as the theme expects a page's content to end (Python-Markdown's does)
    # its table of contents (hidden; the theme's skip link goes to its first entry): the documents
    contents = tuple((2, f"{anchor(doc, codes)}-title", esc(doc.title)) for doc in docs)
    return Page(dict(title=ui.t(f"{issue.label}（整期打印版）"), gb_kind="issue_print", hide=["navigation", "toc"]), tuple(shown),
                contents)


def running_head(issue: Issue, settings: Settings) -> str:
    """``无锡市人民政府公报 2018年第6期`` atop every printed page but the cover. A page margin's content
    can only be written in CSS, so each print view has a stylesheet of its own (style-src 'self')."""
    text = f"{settings.site_name} {issue.key.year}年第{issue.key.number}期"
    quoted = '"' + "".join(c if c.isalnum() or c in " 〔〕（）()年第期-" else f"\\{ord(c):x} " for c in text) + '"'
    return ("@page {\n  @top-center { content: " + quoted + "; font-family: SimSun, \"Songti SC\", serif; font-size: 10.5pt;"
            " vertical-align: bottom; padding-bottom: 4mm; border-bottom: .5pt solid #000; }\n}\n"
            "@page :first {\n  @top-center { content: none; border: 0; }\n}\n")


def files(public: Archive, settings: Settings) -> dict[str, str]:
    return {url(issue.key) + RUNNING_HEAD: running_head(issue, settings) for issue in public.issues}


def _toc(issue: Issue, docs: list[Document], codes) -> str:
    parts = []
    for section in issue.sections:
        items = "".join(
            f'<li><a href="#{anchor(d, codes)}">{esc(d.title)}</a>'
            + (f' <span class="gb-number">{esc(d.number)}</span>' if d.number else "") + "</li>"
            for d in docs if d.section == section
        )
        if items:
            parts.append(f'<h3 class="gb-section">{esc(section)}</h3>\n<ol class="gb-toc">{items}</ol>\n')
    return ('<nav class="gb-print-toc" aria-labelledby="gb-print-toc">\n'
            f'<h2 id="gb-print-toc">{ui.t("目录")}</h2>\n'
            + ("".join(parts) or f"<p>{ui.t('本期暂无公开文件。')}</p>\n") + "</nav>\n")


def authored(prefix: str, own: Authored) -> Authored:
    """What the rendered check must know of a body this page shows: ``own``, as the document's page holds it, with
    the ids it generates prefixed as they are here, and the prefix (an id refused here is named where it was written)."""
    return dataclasses.replace(own, generated=tuple(("*", "id", f"{prefix}-{value}") if attr == "id" else (tag, attr, value)
                                                    for tag, attr, value in own.generated), prefix=f"{prefix}-")


def _document(doc: Document, settings: Settings) -> tuple[str, str]:
    """The HTML before a document's body and after it."""
    codes = settings.issuer_codes
    prefix = anchor(doc, codes)
    number = f'<p class="gb-print-doc__number">{esc(doc.number)}</p>\n' if doc.number else ""
    return ((f'<section aria-labelledby="{prefix}-title" class="gb-print-doc" id="{prefix}" lang="{esc(doc.language)}">\n'
             f'<h2 class="gb-print-doc__title" id="{prefix}-title">{esc(doc.title)}</h2>\n' + number
             + '<div class="gb-body">\n'),
            "</div>\n" + attachments.downloads(doc, urls.document(doc, codes), url(doc.issue), settings)
            + published_note(doc) + "</section>\n")
