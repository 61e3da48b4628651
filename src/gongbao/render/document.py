"""The page of one document: the seed's header block, the text, relations and interpretations."""
from __future__ import annotations

import datetime as dt

from .. import urls
from ..model import Archive, Document
from ..settings import Settings
from ..relations import FORWARD, REVERSE
from . import body, record, searchmeta, ui
from .html import dl, esc, front_matter, link

PUBLISHED_NOTE = "（此件公开发布）"


def published_note(doc: Document) -> str:
    """The 附注 of a proactively published document, in the document's own script (it is part of
    the document, not of the interface). The same words end every such document: left out of the
    search index, where they would only make 公开 and 发布 match every page."""
    if doc.disclosure != "主动公开":
        return ""
    return f'<p class="gb-published-note" data-pagefind-ignore="all">{ui.convert(PUBLISHED_NOTE, doc.language)}</p>\n'


def date(value) -> str:
    return f"{value.year}年{value.month}月{value.day}日" if value else ""


def page(doc: Document, archive: Archive, codes: dict[str, str], reverse: dict, settings: Settings,
         today: dt.date) -> str:
    url = urls.document(doc, codes)
    issue = archive.issue(doc.issue)
    interps = archive.interpretations_of(doc)
    header = dl([
        (ui.t("文号"), esc(doc.number or "")),
        (ui.t("制发机关"), "、".join(esc(i) for i in doc.issuers)),
        (ui.t("成文日期"), date(doc.written)),
        (ui.t("发布日期"), date(doc.published)),
        (ui.t("施行日期"), date(doc.effective)),
        (ui.t("有效期至"), date(doc.expires)),
        (ui.t("文件状态"), f'<span class="gb-status">{esc(ui.t(doc.status))}</span>'),
        (ui.t("公开属性"), esc(ui.t(doc.disclosure))),
        (ui.t("文件类型"), esc(ui.t(doc.type))),
        (ui.t("所属公报"), link(url, urls.issue(doc.issue), ui.t(issue.label)) if issue else ""),
        (ui.t("栏目"), esc(doc.section)),
        (ui.t("索引号"), esc(doc.index_number)),
        (ui.t("主题分类"), "、".join(esc(t) for t in doc.topics)),
    ], "gb-meta", searchable=(ui.t("文号"), ui.t("制发机关")))
    parts = [
        front_matter(title=doc.title, gb_kind="document", gb_lang=doc.language, gb_published=doc.published.isoformat(),
                     gb_source="、".join(doc.issuers)),
        _banner(doc, url, reverse, codes),
        record.in_force_notes(doc, today),
        '<article data-pagefind-body markdown="1">\n',
        _search_tags(doc),
        f'<h1 class="gb-title">{esc(doc.title)}</h1>\n',
        record.cite_data(doc, archive, settings),
        header,
        "",
        '<div class="gb-body" markdown="1">\n',
        body.markdown(doc.source.body),
        "</div>\n",
    ]
    parts.append(published_note(doc))
    if doc.editor:
        parts.append(f'<p class="gb-editor" data-pagefind-ignore="all">{ui.t("责编")}：{esc(doc.editor)}</p>\n')
    parts.append(record.integrity_line(doc))
    parts.append(record.corrections(doc))
    parts.append("</article>\n")
    parts.append(_relations(doc, url, archive, codes, reverse))
    parts.append(_interpretations(url, interps, codes))
    parts.append(record.json_ld(doc, archive, settings))
    return "\n".join(p for p in parts if p)


def _search_tags(doc: Document) -> str:
    return searchmeta.tags(doc.published, searchmeta.document_filters(doc),
                           [("number", str(doc.number or "")), ("status", ui.t(doc.status))],
                           f"{doc.title}\n{doc.source.body}")


def ref_link(from_url: str, ref, archive: Archive, codes: dict[str, str]) -> str:
    """A link to a document of the archive, or its number as plain text (external or withheld)."""
    target = archive.document(ref)
    if target is None:
        return f'<span class="gb-external">{esc(ref)}</span>'
    return link(from_url, urls.document(target, codes), f"{target.title}（{target.label}）" if target.number else target.title)


def _banner(doc: Document, url: str, reverse: dict, codes) -> str:
    by = reverse.get(doc.ref, {})
    notes = []
    for key, verb in (("repeals", "废止"), ("amends", "修改")):
        for other in by.get(key, []):
            notes.append(f"{ui.t('本文件已被')} {link(url, urls.document(other, codes), other.label)} "
                         f"{ui.t(verb)}（{date(other.published)}）。")
    if not notes:
        return ""
    return f'<div class="gb-banner" role="note">{"".join(notes)}</div>\n'


def _relations(doc: Document, url: str, archive: Archive, codes, reverse: dict) -> str:
    rows = []
    for key, label in FORWARD.items():
        targets = getattr(doc, key)
        if targets:
            rows.append((ui.t(label), "、".join(ref_link(url, ref, archive, codes) for ref in targets)))
    for key, label in REVERSE.items():
        others = reverse.get(doc.ref, {}).get(key, [])
        if others:
            rows.append((ui.t(label.replace("……", "")), "、".join(ref_link(url, o.ref, archive, codes) for o in others)))
    if not rows:
        return ""
    return f'<section class="gb-relations" aria-labelledby="gb-relations">\n<h2 id="gb-relations">{ui.t("相关文件")}</h2>\n' + \
        dl(rows, "gb-relation-list") + "\n</section>\n"


def _interpretations(url: str, interps, codes) -> str:
    if not interps:
        return ""
    items = "".join(
        f"<li>{link(url, urls.interpretation(i, codes), i.title)} <span class=\"gb-kind\">{esc(ui.t(i.kind))}</span> "
        f"<time datetime=\"{i.published.isoformat()}\">{date(i.published)}</time></li>"
        for i in interps
    )
    return f'<section class="gb-interpretations" aria-labelledby="gb-jd">\n<h2 id="gb-jd">{ui.t("政策解读")}</h2>\n<ul>{items}</ul>\n</section>\n'
