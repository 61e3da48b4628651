"""The page of one document: the seed's header block, the text, relations and interpretations."""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from gongbao.content import urls
from gongbao.content.model import Archive, Document
from gongbao.content.settings import Settings
from gongbao.content.source import Source
from gongbao.content.relations import FORWARD, REVERSE
from gongbao.content.participation_links import draft_of
from gongbao.identifiers.vocabulary import PUBLISHED_NOTE
from gongbao.rules.pairing import predates_duty
from gongbao.publish.render import attachments, body, contents, record, searchmeta, ui
from gongbao.publish.render.html import dl, esc, link
from gongbao.publish.render.parts import Markdown, Page


def published_note(doc: Document) -> str:
    """The 附注 of a proactively published document, in the document's own script (it is part of
    the document, not of the interface). The same words end every such document: left out of the
    search index, where they would only make 公开 and 发布 match every page."""
    if doc.disclosure != "主动公开":
        return ""
    return f'<p class="gb-published-note" data-pagefind-ignore="">{ui.convert(PUBLISHED_NOTE, doc.language)}</p>\n'


def date(value) -> str:
    return f"{value.year}年{value.month}月{value.day}日" if value else ""


def page(doc: Document, archive: Archive, codes: dict[str, str], reverse: dict, settings: Settings,
         today: dt.date, body_of: Callable[[Source], Markdown] = body.part) -> Page:
    """``body_of``: ``body.part``, or a reading of it kept for the issue's print view (``site``)."""
    url = urls.document(doc, codes)
    issue = archive.issue(doc.issue)
    header = dl([
        (ui.t("文号"), esc(doc.number or "")),
        (ui.t("制发机关"), "、".join(esc(i) for i in doc.issuers)),
        (ui.t("成文日期"), date(doc.written)),
        (ui.t("发布日期"), date(doc.published)),
        (ui.t("施行日期"), date(doc.effective)),
        (ui.t("有效期至"), date(doc.expires)),
        (ui.t("文件状态"), f'<span class="gb-status">{esc(ui.t(doc.status))}</span>'
                          + (f'（{ui.t("依据")}：{esc(doc.status_basis)}）' if doc.status_basis else "")),
        (ui.t("公开属性"), esc(ui.t(doc.disclosure))),
        (ui.t("文件类型"), esc(ui.t(doc.type))),
        (ui.t("所属公报"), link(url, urls.issue(doc.issue), ui.t(issue.label)) if issue else ""),
        (ui.t("栏目"), esc(doc.section)),
        (ui.t("索引号"), esc(doc.index_number)),
        (ui.t("主题分类"), "、".join(esc(t) for t in doc.topics)),
    ], "gb-meta", searchable=(ui.t("文号"), ui.t("制发机关")))
    parts = [
        _banner(doc, url, reverse, codes),
        record.in_force_notes(doc, today),
        record.corrected_note(doc),
        "<article data-pagefind-body>\n",
        _search_tags(doc),
        title_part(doc),
        record.cite_data(doc, archive, settings),
        header,
        _related(doc, url, archive, codes, reverse, settings),
        contents.control(doc.source.body),
        f'<div class="gb-body"{searchmeta.weight(1, doc.status)}>\n',
        body_of(doc.source),
        "</div>\n",
        attachments.downloads(doc, url, url, settings),
        published_note(doc),
        f'<p class="gb-editor" data-pagefind-ignore="">{ui.t("责编")}：{esc(doc.editor)}</p>\n' if doc.editor else "",
        record.integrity_line(doc),
        record.corrections(doc),
        "</article>\n",
        record.json_ld(doc, archive, settings),
    ]
    meta = dict(title=doc.title, gb_kind="document", gb_lang=doc.language, gb_published=doc.published.isoformat(),
                gb_source="、".join(doc.issuers))
    return Page(meta, tuple(p for p in parts if p), record.headings(doc))


def title_part(doc: Document) -> Markdown:
    """A document page's h1: MkDocs renders it with the body, which an issue's print view shows (``parts.Borrowed``)."""
    return title_heading(doc.title, searchmeta.weight(searchmeta.TITLE_WEIGHT[searchmeta.KIND_DOCUMENT], doc.status))


def title_heading(title: str, attributes: str = "") -> Markdown:
    """The page's h1, rendered with the body: its id (the title's slug) is made unique with the body's
    headings' ids, and it heads the table of contents, as the theme expects. ``attributes``: its search
    weight (``searchmeta.weight``). The title is plain text: every character Markdown would read is escaped, so
    the h1 shows it as written (as the print view does), never a link, an image, emphasis or an attribute list."""
    return Markdown(f'<h1 class="gb-title"{attributes} markdown="1">{esc(_MARKDOWN.sub(_ESCAPED, title))}</h1>')


# The characters Python-Markdown unescapes after a backslash (markdown.Markdown.ESCAPED_CHARS; '>' a title cannot hold)
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!])")
_ESCAPED = r"\\\1"


def _search_tags(doc: Document) -> str:
    return searchmeta.tags(doc.published, searchmeta.document_filters(doc),
                           [("number", str(doc.number or "")), ("status", ui.t(doc.status))])


def ref_link(from_url: str, ref, archive: Archive, codes: dict[str, str], label: str) -> str:
    """A link to a document of the archive, or its number as plain text (external or withheld), which the
    search index files as cited with ``label`` (依据, 修改, 废止), though the relations are not indexed text."""
    target = archive.document(ref)
    if target is None:
        return f'<span class="gb-external" {searchmeta.CITES}="{esc(label)} {esc(ref)}">{esc(ref)}</span>'
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


def _related(doc: Document, url: str, archive: Archive, codes, reverse: dict, settings: Settings) -> str:
    """What a reader needs beside the text, right under the header block: the policy's interpretations
    (read together with it, as the regulation asks; or why none is due), its relations and the
    consultation it came from. Kept out of the search index, as it was when it stood at the end of the page."""
    interps = archive.interpretations_of(doc)
    interpretations = (_interpretations(url, interps, codes) if interps or not predates_duty(doc.type, doc.published, settings)
                       else _none_required(settings.interpretations_required_from))
    inner = interpretations + _relations(doc, url, archive, codes, reverse) + _consultation(doc, url, archive)
    return f'<div class="gb-related" data-pagefind-ignore="">\n{inner}</div>\n' if inner else ""


def _relations(doc: Document, url: str, archive: Archive, codes, reverse: dict) -> str:
    rows = []
    for key, label in FORWARD.items():
        targets = getattr(doc, key)
        if targets:
            rows.append((ui.t(label), "、".join(ref_link(url, ref, archive, codes, ui.t(label)) for ref in targets)))
    for key, label in REVERSE.items():
        others = reverse.get(doc.ref, {}).get(key, [])
        if others:
            name = ui.t(label.replace("……", ""))
            rows.append((name, "、".join(ref_link(url, o.ref, archive, codes, name) for o in others)))
    if not rows:
        return ""
    return f'<section class="gb-relations" aria-labelledby="gb-relations">\n<h2 id="gb-relations">{ui.t("相关文件")}</h2>\n' + \
        dl(rows, "gb-relation-list") + "\n</section>\n"


def _consultation(doc: Document, url: str, archive: Archive) -> str:
    """The 征求意见稿 the document was consulted on, and how the comments were handled."""
    draft = draft_of(doc, archive)
    if draft is None:
        return ""
    feedback = archive.feedback_of(draft)
    items = f"<li>{ui.t('征求意见稿')}：{link(url, urls.draft(draft), draft.title)}</li>"
    if feedback:
        items += f"<li>{link(url, urls.feedback(feedback), feedback.title)}</li>"
    return (f'<section class="gb-consultation" aria-labelledby="gb-zqyj">\n<h2 id="gb-zqyj">{ui.t("公开征求意见")}</h2>\n'
            f'<ul>{items}</ul>\n</section>\n')


def _none_required(start: dt.date) -> str:
    """Why a normative document has no interpretation: it predates the duty, so nothing is missing."""
    note = ui.t(f"本文件发布于{date(start)}之前，当时尚无配套发布政策解读的要求，未缺少解读。")
    return (f'<section class="gb-interpretations" aria-labelledby="gb-jd">\n<h2 id="gb-jd">{ui.t("政策解读")}</h2>\n'
            f'<p class="gb-none-required">{note}</p>\n</section>\n')


def _interpretations(url: str, interps, codes) -> str:
    if not interps:
        return ""
    items = "".join(
        f"<li>{link(url, urls.interpretation(i, codes), i.title)} <span class=\"gb-kind\">{esc(ui.t(i.kind))}</span> "
        f"<time datetime=\"{i.published.isoformat()}\">{date(i.published)}</time></li>"
        for i in interps
    )
    count = ui.t("（{n}篇）").format(n=len(interps))
    return (f'<section class="gb-interpretations" aria-labelledby="gb-jd">\n'
            f'<h2 id="gb-jd">{ui.t("政策解读")}<span class="gb-count">{count}</span></h2>\n<ul>{items}</ul>\n</section>\n')
