"""The parts of a document page that make it citable: whether it is in force on the build date,
its SHA-256, its corrections (勘误), the data the cite button copies, and its JSON-LD."""
from __future__ import annotations

import datetime as dt

from gongbao.content import integrity, lock, redirects, urls, versions
from gongbao.publish import twins
from gongbao.content.model import Archive, Document, Interpretation
from gongbao.content.settings import Settings
from gongbao.publish.render import ui
from gongbao.publish.render.html import esc

# What gb-cite.js writes on the page (key → label; {where} and {marker} filled in by the script).
CITE_LABELS = {
    "cite_document": "引用本文件",
    "cite_document_title": "引用本文件（复制引用文字）",
    "cite": "引用",
    "cite_title": "引用{where}（复制引用文字）",
    "copied": "已复制",
    "copy_box": "引用文字（请复制）",
    "item": "第{marker}项",
    "published_in": "载",
}


def _date(value: dt.date) -> str:
    return f"{value.year}年{value.month}月{value.day}日"


def in_force_notes(doc: Document, today: dt.date) -> str:
    """“Not yet in force” / “expired” judged against the build date (gongbao.content.clock.build_date)."""
    notes = []
    if doc.effective and doc.effective > today:
        notes.append(ui.t("本文件尚未施行（自{date}起施行）。").format(date=_date(doc.effective)))
    if doc.expires and doc.expires < today:
        notes.append(ui.t("本文件已于{date}失效。").format(date=_date(doc.expires)))
    return f'<div class="gb-banner gb-in-force" role="note">{"".join(notes)}</div>\n' if notes else ""


def corrected_note(doc: Document | Interpretation) -> str:
    """A corrected text says so before it is read, not only in the record at its end."""
    if not doc.corrections:
        return ""
    dates = "、".join(_date(c.date) for c in sorted(doc.corrections, key=lambda c: c.date))
    return (f'<div class="gb-banner gb-corrected" role="note">{ui.t("本文已于{dates}勘误，").format(dates=dates)}'
            f'<a href="#gb-kanwu">{ui.t("见勘误记录")}</a>。</div>\n')


def cite_data(doc: Document, archive: Archive, settings: Settings) -> str:
    """An empty element whose data- attributes gb-cite.js turns into citations (no inline script)."""
    issue = archive.issue(doc.issue)
    data = {
        "title": doc.title,
        "number": str(doc.number or ""),
        "issuer": "、".join(doc.issuers),
        "gazette": settings.site_name,
        "issue": ui.t(issue.label) if issue else str(doc.issue),
        "url": twins.absolute(settings, urls.document(doc, settings.issuer_codes)),
    }
    attrs = " ".join(f'data-gb-{k}="{esc(v)}"' for k, v in data.items())
    return f'<div class="gb-cite" data-pagefind-ignore="" {attrs} {ui.attribute(CITE_LABELS)}></div>\n'


def integrity_line(doc: Document | Interpretation) -> str:
    """The hash of the canonical text, with the text itself beside the page (index.txt) to check it."""
    digest = integrity.sha256(doc)
    return (f'<p class="gb-sha256" data-pagefind-ignore="">SHA-256：<code>{digest}</code>'
            f'<span class="gb-sha256__files">（<a href="index.txt">{ui.t("规范文本")}</a>，<a href="index.json">JSON</a>）'
            '</span></p>\n')


CORRECTIONS_ID = "gb-kanwu"


def corrections(doc) -> str:
    """The 勘误 records as the editor wrote them and, under the last 勘误 of each that replaced the text, what the text
    really changed: computed from the texts it replaced (``versions``, kept by gongbao.content.versions), not taken
    from the record's words, with a link to the text it replaced."""
    if not doc.corrections:
        return ""
    shown = versions.replaced(doc)
    items = "".join(f'<li><time datetime="{c.date.isoformat()}">{_date(c.date)}</time>：{esc(c.change)}'
                    f'（{ui.t("理由")}：{esc(c.reason)}）{_changes(shown[n]) if n in shown else ""}</li>'
                    for n, c in enumerate(doc.corrections, 1))
    return (f'<section class="gb-corrections" aria-labelledby="{CORRECTIONS_ID}">\n'
            f'<h2 id="{CORRECTIONS_ID}">{ui.t("勘误")}</h2>\n'
            f'<ol>{items}</ol>\n</section>\n')


def _changes(replaced: versions.Replaced) -> str:
    """What the text read before and after a 勘误 differ in, passage by passage; kept out of the search index (the
    current text is indexed once, the earlier one not at all). A passage withheld since is shown only as it reads now,
    and the earlier text is not linked (nor published: ``version_files``); nothing of it when a later 勘误 withheld one."""
    if replaced.hidden:
        return (f'<div class="gb-changes" data-pagefind-ignore=""><p>'
                f'{ui.t("此后的勘误依法不予公开了部分内容，本次勘误前的规范文本及其实际改动不再公开")}</p></div>')
    rows = "".join(f"<li>{_passage(p)}</li>" for p in replaced.passages)
    sha = replaced.version.sha256
    link = (f'<a href="{versions.path_of(sha)}">{ui.t("勘误前的规范文本")}</a>（SHA-256：<code>{sha}</code>）'
            if replaced.published else ui.t("勘误前的规范文本含有现已依法不予公开的内容，不再公开"))
    return (f'<div class="gb-changes" data-pagefind-ignore=""><p>{ui.t("规范文本实际改动（本站比对勘误前后的规范文本得出）")}：</p>'
            f'<ul>{rows}</ul><p>{link}</p></div>')


def _passage(passage: versions.Passage) -> str:
    was, now = (f"“{esc(text)}”" for text in (passage.was, passage.now))
    if passage.withheld:  # beside a withheld passage, what it read may be withheld now: not shown
        held = ui.t("（原文可能含有现已依法不予公开的内容，不予列出）")
        return f'{ui.t("改为")}{now}{held}' if passage.now.strip() else f'{ui.t("删去一段")}{held}'
    if not passage.was.strip() and not passage.now.strip():
        return ui.t("段落之间的空行有改动")
    if not passage.was.strip():
        return f'{ui.t("加入")}{now}'
    if not passage.now.strip():
        return f'{ui.t("删去")}{was}'
    return f'{ui.t("原文")}{was}{ui.t("改为")}{now}'


def version_files(public: Archive, settings: Settings) -> dict[str, str]:
    """Each text a published page showed before a 勘误 replaced it, beside the page (``versions/<sha256>.txt``: a court
    citing it reads it there, ``sha256sum`` checks it), and beside each earlier URL leading to it (a renumbered page's:
    a file's URL, once published, never vanishes); none a later 勘误 withheld passages of."""
    made = {url: {versions.path_of(r.version.sha256): r.version.text for r in versions.replaced(item).values() if r.published}
            for url, item in lock.pages(public, settings.issuer_codes).items() if getattr(item, "versions", ())}
    if not made:
        return {}
    return {page + path: text for page, target in [(url, url) for url in made] + list(
        redirects.earlier(public, settings.issuer_codes).items()) for path, text in made.get(target, {}).items()}


def headings(doc: Document | Interpretation) -> tuple[tuple[int, str, str], ...]:
    """The headings of the record's HTML that the page's table of contents lists: 勘误."""
    return ((2, CORRECTIONS_ID, ui.t("勘误")),) if doc.corrections else ()


def json_ld(doc: Document, archive: Archive, settings: Settings) -> str:
    return twins.script_block(twins.json_ld(doc, archive, settings))
