"""Pages of public participation: a draft for comment, its 起草说明, its feedback, and the list of
consultations (open ones, closing soonest first; closed ones in an archive).

A draft says what it is before anything else (征求意见稿 — 不是正式文件), states its period in words
(no reader's clock is needed), and whether it is open is judged on the build date; the publish
workflow rebuilds daily, so the list stays current.
"""
from __future__ import annotations

import datetime as dt

from gongbao.content import body_markdown, urls
from gongbao.identifiers.docnumber import parse_reference
from gongbao.content.model import Archive
from gongbao.content.participation import CLOSED, EXPLANATION, OPEN, UPCOMING, Draft, Explanation, Feedback
from gongbao.content.participation_links import final_of
from gongbao.content.settings import Settings
from gongbao.publish import twins
from gongbao.publish.render import body, record, searchmeta, ui
from gongbao.publish.render.document import date
from gongbao.publish.render.html import dl, esc, front_matter, link

BANNER = "征求意见稿 — 不是正式文件"
# A draft's or feedback's words weigh half in search: the final document ranks above its draft.
BODY = '<div class="gb-body" data-pagefind-weight="0.5" markdown="1">\n'
CLOSED_NOTE = "（已过截止日期）"  # written by gb-consultation.js when a reader's day is after the period


def _closes(draft: Draft, today: dt.date) -> str:
    """What gb-consultation.js reads to mark an item, open on the build date, closed on a reader's later day."""
    if draft.standing(today) == CLOSED:
        return ""
    return f' data-gb-closes="{draft.closes.isoformat()}" data-gb-closed-label="{esc(ui.t(CLOSED_NOTE))}"'


def period(draft: Draft) -> str:
    return (f'<time datetime="{draft.opens.isoformat()}">{date(draft.opens)}</time>{ui.t("至")}'
            f'<time datetime="{draft.closes.isoformat()}">{date(draft.closes)}</time>')


def _channels(draft: Draft) -> str:
    items = []
    if draft.email:
        items.append(f'<li>{ui.t("电子邮件")}：<a href="mailto:{esc(draft.email)}">{esc(draft.email)}</a></li>')
    if draft.postal:
        items.append(f'<li>{ui.t("信函")}：{esc(draft.postal)}</li>')
    if draft.form_url:
        items.append(f'<li>{ui.t("网上征集系统")}：<a href="{esc(draft.form_url)}">{esc(draft.form_url)}</a></li>')
    return f'<ul class="gb-channels">{"".join(items)}</ul>' if items else ""


def _basis(url: str, draft: Draft, archive: Archive, codes) -> str:
    """Each basis that is a document of the public archive is linked; other texts (laws) stay text."""
    out = []
    for text in draft.basis:
        try:
            doc = archive.document(parse_reference(text))
        except ValueError:
            doc = None
        out.append(link(url, urls.document(doc, codes), f"{doc.title}（{doc.label}）") if doc else esc(text))
    return "、".join(out)


def draft_page(draft: Draft, archive: Archive, settings: Settings, today: dt.date) -> str:
    codes, url = settings.issuer_codes, urls.draft(draft)
    standing = draft.standing(today)
    final, feedback, explanation = final_of(draft, archive), archive.feedback_of(draft), archive.explanation_of(draft)
    earlier = archive.draft(draft.revises) if draft.revises else None
    decision = _decision(draft, archive)
    header = dl([
        (ui.t("征求意见单位"), "、".join(esc(c) for c in draft.consulter)),
        (ui.t("征求意见期限"), period(draft)),
        (ui.t("状态"), f'<span class="gb-standing"{_closes(draft, today)}>{esc(ui.t(standing))}</span>'
                       + (f'{ui.t("（按本站生成日期")} {date(today)}{ui.t("）")}' if standing != CLOSED else "")),
        (ui.t("提出意见的方式"), _channels(draft) if standing != CLOSED else ""),
        (ui.t("决策依据"), _basis(url, draft, archive, codes)),
        (ui.t(EXPLANATION), link(url, urls.explanation(explanation), explanation.title) if explanation else ""),
        (ui.t("重大行政决策事项"), link(url, urls.decisions_year(decision[0]), f"{decision[1].id} {decision[1].title}")
         if decision else ""),
        (ui.t("上一轮征求意见稿"), link(url, urls.draft(earlier), earlier.title) if earlier else ""),
        (ui.t("公开属性"), esc(ui.t(draft.disclosure))),
    ], "gb-meta", searchable=(ui.t("征求意见单位"),))
    issued = ""
    if final is not None:
        issued = (f'<p class="gb-final">{ui.t("已正式印发")}：'
                  f'{link(url, urls.document(final, codes), f"{final.title}（{final.label}）")}</p>\n')
    answered = ""
    if feedback is not None:
        answered = f'<p class="gb-feedback-link">{link(url, urls.feedback(feedback), ui.t("意见采纳情况"))}</p>\n'
    return "\n".join(p for p in [
        front_matter(title=draft.title, gb_kind="draft", gb_lang=draft.language, gb_published=draft.opens.isoformat(),
                     gb_source="、".join(draft.consulter)),
        f'<div class="gb-banner gb-draft-banner" role="note"><strong>{ui.t(BANNER)}</strong></div>\n',
        issued,
        answered,
        '<article data-pagefind-body markdown="1">\n',
        searchmeta.tags(draft.opens, searchmeta.draft_filters(draft, standing), [("standing", ui.t(standing))]),
        f'<h1 class="gb-title">{esc(draft.title)}</h1>\n',
        header,
        "",
        BODY,
        body_markdown.markdown(draft.source.body),
        _explained(url, draft, explanation) if explanation else "",
        "</div>\n",
        record.integrity_line(draft),
        record.corrections(draft),
        "</article>\n",
        twins.script_block(draft_json_ld(draft, settings)),
    ] if p)


def _explained(url: str, draft: Draft, item: Explanation) -> str:
    """The 起草说明 shown below the draft, where it stood before it became a file of its own (its heading and
    section anchors stay where citations found them); its own page holds its hash. Not searched here:
    a search finds it on its own page. The heading's id is written out: a slug of the label would follow the
    interface script (起草說明), and a cited anchor must not."""
    return (f'\n<div class="gb-explanation" data-pagefind-ignore="all" markdown="1">\n\n'
            f'## {ui.t(EXPLANATION)} {{ #{EXPLANATION} }}\n\n'
            f'<p class="gb-explanation-link">{link(url, urls.explanation(item), ui.t("起草说明的单独页面（规范文本和 SHA-256）"))}</p>\n\n'
            f'{body.part_after(draft.source.body, item.source).text}\n</div>\n')


def _decision(draft: Draft, archive: Archive):
    for year in archive.decisions:
        for item in year.items:
            if item.id == draft.decision or item.draft == draft.id:
                return year.year, item
    return None


def feedback_page(item: Feedback, archive: Archive, settings: Settings) -> str:
    url, draft = urls.feedback(item), archive.draft(item.draft)
    final = final_of(draft, archive)
    channels = "、".join(f"{esc(name)} {n} {ui.t('条')}" for name, n in item.channels)
    header = dl([
        (ui.t("征求意见稿"), link(url, urls.draft(draft), draft.title)),
        (ui.t("征求意见期限"), period(draft)),
        (ui.t("收到意见"), f"{item.comments} {ui.t('条')}"),
        (ui.t("意见来源"), channels),
        (ui.t("采纳（含部分采纳）"), f"{item.adopted} {ui.t('条')}"),
        (ui.t("未采纳"), f"{item.comments - item.adopted} {ui.t('条')}"),
        (ui.t("正式文件"), link(url, urls.document(final, settings.issuer_codes), f"{final.title}（{final.label}）")
         if final else ""),
        (ui.t("发布日期"), date(item.published)),
    ], "gb-meta", searchable=())
    return _companion_page(item, draft, url, "feedback", header, searchmeta.feedback_filters(item, draft), "", settings)


def explanation_page(item: Explanation, archive: Archive, settings: Settings) -> str:
    """A draft's 起草说明: a page of its own under the draft's URL, never taken for a document either."""
    url, draft = urls.explanation(item), archive.draft(item.draft)
    header = dl([
        (ui.t("征求意见稿"), link(url, urls.draft(draft), draft.title)),
        (ui.t("征求意见单位"), "、".join(esc(c) for c in draft.consulter)),
        (ui.t("征求意见期限"), period(draft)),
        (ui.t("公开属性"), esc(ui.t(item.disclosure))),
    ], "gb-meta", searchable=())
    banner = f'<div class="gb-banner gb-draft-banner" role="note"><strong>{ui.t(BANNER)}</strong></div>\n'
    return _companion_page(item, draft, url, "explanation", header, searchmeta.explanation_filters(draft), banner, settings)


def _companion_page(item: Explanation | Feedback, draft: Draft, url: str, kind: str, header: str, filters, banner: str,
                    settings: Settings) -> str:
    """The page of a text published with a draft (its 起草说明, its feedback): the editor's text with its
    hash and 勘误, and JSON-LD naming the draft it is about."""
    return "\n".join([
        front_matter(title=item.title, gb_kind=kind, gb_lang=item.language, gb_published=item.published.isoformat(),
                     gb_source="、".join(draft.consulter)),
        banner + '<article data-pagefind-body markdown="1">\n',
        searchmeta.tags(item.published, filters, []),
        f'<h1 class="gb-title">{esc(item.title)}</h1>\n',
        header,
        "",
        BODY,
        body_markdown.markdown(item.source.body),
        "</div>\n",
        record.integrity_line(item),
        record.corrections(item),
        "</article>\n",
        twins.script_block(companion_json_ld(item, draft, url, settings)),
    ])


def _rows(from_url: str, drafts: list[Draft], archive: Archive, codes, today: dt.date, outcome: bool = False) -> str:
    def row(d: Draft) -> str:
        cells = [link(from_url, urls.draft(d), d.title), "、".join(esc(c) for c in d.consulter), period(d)]
        cells += [_outcome(from_url, d, archive, codes)] if outcome else []
        return f"<tr{_closes(d, today)}>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>"
    headings = ("征求意见稿", "征求意见单位", "征求意见期限") + (("结果",) if outcome else ())
    head = "".join(f'<th scope="col">{ui.t(h)}</th>' for h in headings)
    return (f'<table class="gb-doc-table gb-consultations"><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(row(d) for d in drafts)}</tbody></table>\n')


def _outcome(from_url: str, draft: Draft, archive: Archive, codes) -> str:
    feedback, final = archive.feedback_of(draft), final_of(draft, archive)
    parts = [link(from_url, urls.feedback(feedback), ui.t("意见采纳情况")) if feedback else "",
             link(from_url, urls.document(final, codes), f"{ui.t('已正式印发')}：{final.label}") if final else ""]
    return "<br>".join(p for p in parts if p)


def listing_pages(archive: Archive, settings: Settings, today: dt.date) -> dict[str, str]:
    """``consultations/`` (open now, closing soonest first, then upcoming) and ``consultations/closed/``."""
    by = {OPEN: [], UPCOMING: [], CLOSED: []}
    for draft in archive.drafts:
        by[draft.standing(today)].append(draft)
    open_ = sorted(by[OPEN], key=lambda d: (d.closes, str(d.id)))
    upcoming = sorted(by[UPCOMING], key=lambda d: (d.opens, str(d.id)))
    closed = sorted(by[CLOSED], key=lambda d: (d.closes, str(d.id)), reverse=True)
    url, t, codes = urls.CONSULTATIONS, ui.t, settings.issuer_codes
    parts = [front_matter(title=t("征求意见"), gb_kind="consultations"), f'<h1 class="gb-title">{t("征求意见")}</h1>\n',
             f'<p class="gb-as-of">{t("按本站生成日期")} <time datetime="{today.isoformat()}">{date(today)}</time>'
             f'{t("列出；每份征求意见稿注明了起止日期。")}</p>\n'
             f'<p class="gb-open-data">{link(url, urls.CONSULTATIONS_CLOSED, t("已结束的征求意见"))}'
             + (f'、<a href="../feeds/consultations.xml">{t("订阅（Atom）")}</a>' if settings.site_url and archive.drafts else "")
             + '</p>\n',
             f'<h2 id="open">{t("正在征求意见")}</h2>\n']
    parts.append(_rows(url, open_, archive, codes, today) if open_ else f"<p>{t('目前没有正在征求意见的草案。')}</p>\n")
    if upcoming:
        parts += [f'<h2 id="upcoming">{t("即将开始")}</h2>\n', _rows(url, upcoming, archive, codes, today)]
    closed_url = urls.CONSULTATIONS_CLOSED
    closed_page = (front_matter(title=t("已结束的征求意见"), gb_kind="consultations")
                   + f'<h1 class="gb-title">{t("已结束的征求意见")}</h1>\n'
                   + f'<p>{link(closed_url, url, t("正在征求意见"))}</p>\n'
                   + (_rows(closed_url, closed, archive, codes, today, outcome=True) if closed else f"<p>{t('暂无。')}</p>\n"))
    return {url: "".join(parts), closed_url: closed_page}


def draft_json_ld(draft: Draft, settings: Settings) -> dict:
    """schema.org: a draft is a CreativeWork in status Draft, never Legislation."""
    return {
        "@context": "https://schema.org", "@type": "CreativeWork", "creativeWorkStatus": "Draft",
        "name": draft.title, "identifier": str(draft.id), "inLanguage": draft.language,
        "datePublished": draft.opens.isoformat(), "expires": draft.closes.isoformat(),
        "publisher": [{"@type": "GovernmentOrganization", "name": c} for c in draft.consulter],
        "url": twins.absolute(settings, urls.draft(draft)),
    }


def companion_json_ld(item: Explanation | Feedback, draft: Draft, url: str, settings: Settings) -> dict:
    """schema.org for a draft's 起草说明 or feedback: a CreativeWork about the draft, never Legislation."""
    return {
        "@context": "https://schema.org", "@type": "CreativeWork", "name": item.title, "inLanguage": item.language,
        "datePublished": item.published.isoformat(),
        "about": {"@type": "CreativeWork", "name": draft.title, "url": twins.absolute(settings, urls.draft(draft))},
        "publisher": [{"@type": "GovernmentOrganization", "name": c} for c in draft.consulter],
        "url": twins.absolute(settings, url),
    }
