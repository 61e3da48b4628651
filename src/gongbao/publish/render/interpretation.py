"""The page of one interpretation, linked back to the document it interprets (原文件)."""
from __future__ import annotations

from gongbao.content import urls
from gongbao.content.model import Archive, Interpretation
from gongbao.content.settings import Settings
from gongbao.publish.render import attachments, body, contents, record, searchmeta, ui
from gongbao.publish.render.document import date, title_heading
from gongbao.publish.render.html import dl, esc, link
from gongbao.publish.render.parts import Page


def page(item: Interpretation, archive: Archive, settings: Settings) -> Page:
    codes = settings.issuer_codes
    url = urls.interpretation(item, codes)
    doc = archive.document(item.interprets)
    original = f'{link(url, urls.document(doc, codes), doc.title)}（{esc(doc.label)}，{esc(ui.t(doc.status))}）'
    others = "、".join(f'{link(url, urls.interpretation(o, codes), o.title)}（{esc(ui.t(o.kind))}）'
                      for o in archive.interpretations_of(doc) if o.slug != item.slug)
    header = dl([
        (ui.t("原文件"), original),
        (ui.t("同一文件的其他解读"), others),
        (ui.t("解读形式"), esc(ui.t(item.kind))),
        (ui.t("解读机关"), esc(item.author)),
        (ui.t("发布日期"), date(item.published)),
    ], "gb-meta", searchable=())
    meta = dict(title=item.title, gb_kind="interpretation", gb_lang=item.language, gb_published=item.published.isoformat(),
                gb_source=item.author or "、".join(doc.issuers))
    parts = [
        record.corrected_note(item),
        "<article data-pagefind-body>\n",
        searchmeta.tags(item.published, searchmeta.interpretation_filters(item, doc),
                        [("number", str(doc.number or "")), ("status", ui.t(doc.status)), ("form", ui.t(item.kind))]),
        title_heading(item.title, searchmeta.weight(searchmeta.TITLE_WEIGHT[searchmeta.KIND_INTERPRETATION], doc.status)),
        header,
        contents.control(item.source.body),
        attachments.figures(item, url),  # a 图解's images come first: its text describes them
        f'<div class="gb-body"{searchmeta.weight(1, doc.status)}>\n',
        body.part(item.source),
        "</div>\n",
        attachments.downloads(item, url, url, settings),
        record.integrity_line(item),
        record.corrections(item),
        "</article>\n",
    ]
    return Page(meta, tuple(p for p in parts if p), record.headings(item))
