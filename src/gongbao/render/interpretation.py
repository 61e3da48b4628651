"""The page of one interpretation, linked back to the document it interprets (原文件)."""
from __future__ import annotations

from .. import urls
from ..model import Archive, Interpretation
from . import body, record, searchmeta, ui
from .document import date
from .html import dl, esc, front_matter, link


def page(item: Interpretation, archive: Archive, codes: dict[str, str]) -> str:
    url = urls.interpretation(item, codes)
    doc = archive.document(item.interprets)
    original = f'{link(url, urls.document(doc, codes), doc.title)}（{esc(doc.label)}，{esc(ui.t(doc.status))}）'
    header = dl([
        (ui.t("原文件"), original),
        (ui.t("解读形式"), esc(ui.t(item.kind))),
        (ui.t("解读机关"), esc(item.author)),
        (ui.t("发布日期"), date(item.published)),
    ], "gb-meta", searchable=())
    return "\n".join([
        front_matter(title=item.title, gb_kind="interpretation", gb_lang=item.language, gb_published=item.published.isoformat(),
                     gb_source=item.author or "、".join(doc.issuers)),
        '<article data-pagefind-body markdown="1">\n',
        searchmeta.tags(item.published, searchmeta.interpretation_filters(item, doc),
                        [("number", str(doc.number or "")), ("status", ui.t(doc.status)), ("form", ui.t(item.kind))],
                        f"{item.title}\n{item.source.body}"),
        f'<h1 class="gb-title"{searchmeta.weight(searchmeta.TITLE_WEIGHT[searchmeta.KIND_INTERPRETATION], doc.status)}>'
        f'{esc(item.title)}</h1>\n',
        header,
        "",
        f'<div class="gb-body"{searchmeta.weight(1, doc.status)} markdown="1">\n',
        body.markdown(item.source.body),
        "</div>\n",
        record.integrity_line(item),
        record.corrections(item),
        "</article>\n",
    ])
