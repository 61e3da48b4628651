"""The 重大行政决策事项目录: a page per year, each item with its responsible body, planned date, the
five procedure stages and links to its draft, feedback and final document as they appear."""
from __future__ import annotations

from gongbao.content import urls
from gongbao.content.model import Archive
from gongbao.content.participation import STAGES, DecisionItem, DecisionYear
from gongbao.content.participation_links import draft_of_item, final_of_item
from gongbao.content.settings import Settings
from gongbao.publish.render import ui
from gongbao.publish.render.document import date
from gongbao.publish.render.html import esc, front_matter, link

OPEN_DATA = ("decisions.json", "decisions.csv")


def pages(archive: Archive, settings: Settings) -> dict[str, str]:
    years = sorted(archive.decisions, key=lambda y: y.year, reverse=True)
    out = {urls.decisions_year(y.year): year_page(y, archive, settings) for y in years}
    items = "".join(f"<li>{link(urls.DECISIONS, urls.decisions_year(y.year), y.title)}（{len(y.items)}）</li>" for y in years)
    out[urls.DECISIONS] = (front_matter(title=ui.t("重大行政决策事项目录"), gb_kind="decisions")
                           + f'<h1 class="gb-title">{ui.t("重大行政决策事项目录")}</h1>\n'
                           + (f'<ul class="gb-catalogues">{items}</ul>\n' if items else f"<p>{ui.t('暂无。')}</p>\n"))
    return out


def _links(url: str, item: DecisionItem, archive: Archive, codes) -> str:
    draft = draft_of_item(item, archive)
    feedback = archive.feedback_of(draft) if draft else None
    final = final_of_item(item, archive)
    parts = [link(url, urls.draft(draft), ui.t("征求意见稿")) if draft else "",
             link(url, urls.feedback(feedback), ui.t("意见采纳情况")) if feedback else "",
             link(url, urls.document(final, codes), final.label) if final else ""]
    return "<br>".join(p for p in parts if p)


def year_page(year: DecisionYear, archive: Archive, settings: Settings) -> str:
    url, t = urls.decisions_year(year.year), ui.t
    head = "".join(f'<th scope="col">{t(h)}</th>' for h in ("编号", "决策事项", "承办单位", "计划完成时间", *STAGES, "相关文件"))
    rows = "".join(
        f'<tr><th scope="row">{esc(i.id)}</th><td>{esc(i.title)}</td><td>{esc(i.responsible)}</td>'
        f'<td>{date(i.planned)}</td>' + "".join(f'<td class="gb-stage">{esc(t(state))}</td>' for _, state in i.stages)
        + f'<td>{_links(url, i, archive, settings.issuer_codes)}</td></tr>' for i in year.items)
    note = f'<p class="gb-issue-note">{esc(year.source.body.strip())}</p>\n' if year.source.body.strip() else ""
    return (front_matter(title=year.title, gb_kind="decisions")
            + f'<h1 class="gb-title">{esc(year.title)}</h1>\n'
            + f'<p class="gb-issue-meta">{t("发布日期")}：<time datetime="{year.published.isoformat()}">{date(year.published)}</time></p>\n'
            + note
            + f'<p class="gb-open-data">{t("本目录的开放数据")}：<a href="{OPEN_DATA[0]}">JSON</a>、<a href="{OPEN_DATA[1]}">CSV</a></p>\n'
            # a wide table scrolls on a phone: the region takes keyboard focus so it can be scrolled without a mouse
            + f'<div class="gb-table-scroll" role="region" aria-label="{esc(year.title)}" tabindex="0">'
            + f'<table class="gb-decisions"><caption>{esc(year.title)}</caption>'
            + f'<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div>\n')
