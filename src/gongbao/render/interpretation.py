"""The page of one interpretation, linked back to the document it interprets (原文件)."""
from __future__ import annotations

from .. import urls
from ..model import Archive, Interpretation
from . import body, record, searchmeta, ui
from .document import date, title_heading
from .html import dl, esc, link
from .parts import Page


def page(item: Interpretation, archive: Archive, codes: dict[str, str]) -> Page:
    url = urls.interpretation(item, codes)
    doc = archive.document(item.interprets)
    original = f'{link(url, urls.document(doc, codes), doc.title)}（{esc(doc.label)}，{esc(ui.t(doc.status))}）'
    header = dl([
        (ui.t("原文件"), original),
        (ui.t("解读形式"), esc(ui.t(item.kind))),
        (ui.t("解读机关"), esc(item.author)),
        (ui.t("发布日期"), date(item.published)),
    ], "gb-meta", searchable=())
    meta = dict(title=item.title, gb_kind="interpretation", gb_lang=item.language, gb_published=item.published.isoformat(),
                gb_source=item.author or "、".join(doc.issuers))
    parts = [
        "<article data-pagefind-body>\n",
        searchmeta.tags(item.published, searchmeta.interpretation_filters(item, doc),
                        [("number", str(doc.number or "")), ("status", ui.t(doc.status)), ("form", ui.t(item.kind))],
                        f"{item.title}\n{item.source.body}"),
        title_heading(item.title),
        header,
        '<div class="gb-body">\n',
        body.part(item.source),
        "</div>\n",
        record.integrity_line(item),
        record.corrections(item),
        "</article>\n",
    ]
    return Page(meta, tuple(p for p in parts if p), record.headings(item))
