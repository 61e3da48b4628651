"""The search page and the small data files its script reads.

- ``search/zhconv.json``: Traditional→Simplified character pairs: the page folds every query (and
  the text it shows excerpts from) to Simplified, as the index holds Traditional pages folded too.
- ``search/numbers/<code>/<year>.json`` (``<code>/ling.json`` for 政府令): serial → page, so a query
  that is a document number goes straight to that one document instead of full-text near misses.
  Sharded by code and year so a number query downloads a few KB, not the whole archive's list.
"""
from __future__ import annotations

import datetime as dt

import json
import re
from collections import Counter, defaultdict

from gongbao.identifiers import docnumber, script
from gongbao.content import redirects, urls
from gongbao.content.model import Archive
from gongbao.content.settings import Settings
from gongbao.publish.render import searchmeta, ui
from gongbao.publish.render.html import esc, front_matter, link

URL = urls.SEARCH
FACETS = (("kind", "页面类型"), ("issuer", "制发机关"), ("year", "年份"), ("type", "文件类型"),
          ("status", "文件状态"), ("issue", "公报期次"), ("consultation", "征求意见"))
# Facets whose values are our own words or a closed vocabulary (文件类型, 文件状态), shown in the
# interface script; the values themselves (what Pagefind filters on) never change. Issuers and
# issues are names, shown as written.
LABELLED_VALUES = ("kind", "type", "status", "consultation")
# What gb-search.js writes on the page (key → label; {…} filled in by the script).
SCRIPT_LABELS = {
    "prompt": "请输入检索词，或选择筛选条件。",
    "searching": "正在检索……",
    "unavailable": "检索暂时无法使用：{error}",
    "number_found": "按文号找到 1 份文件：{number}",
    "number_missing": "没有找到文号为 {number} 的公开文件。",
    "number_cited": "没有找到文号为 {number} 的公开文件；下列 {count} 份文件提到了这个文号：",
    "about": "约 {count} 条结果。",
    "total": "共 {count} 条结果。",
    "none": "没有找到相关结果。",
    "searched": "检索词：{query}",
    "searched_filtered": "检索词：{query}；筛选条件 {count} 项",
    "fewer": "试试只检索：",
    "or": "、",
    "filters": "筛选条件",
    "filters_chosen": "筛选条件（已选 {count} 项）",
    "date": "{year}年{month}月{day}日",
    "document": searchmeta.KIND_DOCUMENT,
}
# gazette.yml footer.disclosure_request_url: where a reader asks for what is not published (依申请公开).
REQUEST_URL = "disclosure_request_url"
FORM = "gb-search-form"


def facet_totals(public: Archive, today: dt.date) -> dict[str, Counter]:
    """How many indexed pages carry each filter value: the facets' counts before any query. ``today``: the
    build date, on which a draft's facet value says whether it is open, as its page does."""
    totals: dict[str, Counter] = defaultdict(Counter)
    pages = ([searchmeta.document_filters(d) for d in public.documents]
             + [searchmeta.interpretation_filters(i, public.document(i.interprets)) for i in public.interpretations]
             + [searchmeta.issue_filters(i) for i in public.issues]
             + [searchmeta.draft_filters(d, d.standing(today)) for d in public.drafts]
             + [searchmeta.explanation_filters(public.draft(e.draft)) for e in public.explanations]
             + [searchmeta.feedback_filters(f, public.draft(f.draft)) for f in public.feedback])
    for filters in pages:
        for key, value in set(filters):
            totals[key][value] += 1
    return totals


def _order(key: str, values) -> list[str]:
    if key == "year":
        return sorted(values, reverse=True)
    if key == "issue":  # 2018年第10期 after 2018年第9期: by the numbers, newest first
        return sorted(values, key=lambda v: [int(n) for n in re.findall(r"\d+", v)], reverse=True)
    return sorted(values)


def _facet(key: str, label: str, totals: Counter) -> str:
    # The boxes sit beside the results, outside the form's element: form= makes them part of it.
    def option(i: int, value: str) -> str:
        name = esc(ui.t(value) if key in LABELLED_VALUES else value)  # data-name: what the script shows
        return (f'<span class="gb-facet-option"><input type="checkbox" name="{key}" value="{esc(value)}" '
                f'id="gb-f-{key}-{i}" form="{FORM}">'
                f'<label for="gb-f-{key}-{i}" data-total="{totals[value]}" data-name="{name}">{name}（{totals[value]}）</label></span>')
    options = "".join(option(i, v) for i, v in enumerate(_order(key, totals)))
    return f'<fieldset class="gb-facet" data-facet="{key}"><legend>{ui.t(label)}</legend>{options}</fieldset>'


def _box() -> str:
    t = ui.t
    return (f'<form class="gb-search" id="{FORM}" role="search" action="./" method="get" {ui.attribute(SCRIPT_LABELS)} '
            f'data-gb-grammar="{esc(json.dumps(docnumber.browser_grammar(), ensure_ascii=False, sort_keys=True))}">'
            + f'<label class="md-visually-hidden" for="gb-q">{t("检索词")}</label>'
            + '<input id="gb-q" name="q" type="search" autocomplete="off" '
            + f'placeholder="{t("标题、全文或文号，如 政务公开、锡政办发〔2018〕68号")}">'
            + f'<button type="submit">{t("检索")}</button></form>\n')


def _sort() -> str:
    t = ui.t
    return (f'<label for="gb-sort">{t("排序")}</label><select id="gb-sort" name="sort" form="{FORM}">'
            + f'<option value="">{t("按相关度")}</option><option value="date-desc">{t("按日期，新的在前")}</option>'
            + f'<option value="date-asc">{t("按日期，旧的在前")}</option></select>')


def _help(settings: Settings) -> str:
    """Shown under a search that found nothing: what to try, and where else a document may be."""
    t = ui.t
    catalogues = "、".join(link(URL, url, t(label)) for url, label in (
        (urls.ARCHIVE, "公报目录"), (urls.CATALOGUES, "分类目录"), (urls.INTERPRETATIONS, "政策解读")))
    request = settings.footer.get(REQUEST_URL)
    route = (f'<a href="{esc(request)}" rel="noopener">{t("申请政府信息公开")}</a>' if request
             else t("向制发机关申请政府信息公开"))
    return ('<div id="gb-search-help" class="gb-search-help" hidden>'
            + '<p id="gb-search-searched"></p><ul>'
            + f'<li>{t("检索词少一些、短一些：多个词之间用空格分开时，每条结果都要包含每一个词。")}'
            + '<span id="gb-search-fewer"></span></li>'
            + f'<li>{t("简体和繁体已一并检索，不必换用另一种字体；文号的年份可以用任何一种括号，也可以写成 2018年68号。")}</li>'
            + f'<li id="gb-search-unfilter" hidden>{t("已选的筛选条件会缩小范围：")}'
            + f'<a href="./">{t("取消全部筛选条件")}</a></li>'
            + f'<li>{t("按目录查找：")}{catalogues}</li>'
            + f'<li>{t("本站只刊登公开发布的文件。没有公开的政府信息，可以")}{route}{t("（依申请公开）。")}</li>'
            + '</ul></div>\n')


def page(public: Archive, settings: Settings, today: dt.date) -> str:
    """The search page; its facets list every value with its count in the whole archive, so the
    page needs no download before the reader's first query. The filters sit beside the results
    on a wide screen and fold away on a phone (gb-search.css)."""
    totals = facet_totals(public, today)
    facets = "".join(_facet(key, label, totals[key]) for key, label in FACETS if totals[key])
    t = ui.t
    return (front_matter(title=t("内容检索"), gb_kind="search", hide=["toc"])
            + f'<h1 class="gb-title">{t("内容检索")}</h1>\n'
            + _box()
            + '<div class="gb-search-body">'
            + f'<details class="gb-filters" id="gb-filters"><summary>{t("筛选条件")}</summary>'
            + f'<div class="gb-facets">{facets}</div></details>\n'
            + '<div class="gb-search-main">'
            + f'<div class="gb-search-bar"><p id="gb-search-status" role="status" aria-live="polite"></p>'
            + f'<span class="gb-sort">{_sort()}</span></div>\n'
            + '<ol id="gb-results" class="gb-results"></ol>\n'
            + _help(settings)
            + f'<p><button type="button" id="gb-more" class="gb-more" hidden>{t("显示更多结果")}</button></p>\n'
            + "</div></div>\n"
            + f"<noscript><p>{t('检索需要启用 JavaScript。也可以通过公报目录和分类目录查找文件。')}</p></noscript>\n")


def files(public: Archive, settings: Settings) -> dict[str, str]:
    conv = {"t2s": "".join(a + b for a, b in script.character_pairs().items())}
    shards: dict[str, dict[str, dict]] = defaultdict(dict)
    numbered = [(doc.number, doc) for doc in public.documents if doc.number is not None]
    # a number a document had before it was renumbered leads to it too: its alias was published (redirects.aliases)
    for number, doc in [*numbered, *redirects.earlier_numbers(public, settings.issuer_codes).items()]:
        shards[_shard(number, settings)][str(number.serial)] = {
            "url": urls.document(doc, settings.issuer_codes), "title": doc.title, "number": str(doc.number),
            "date": doc.published.isoformat(), "status": ui.t(doc.status)}
    # a withdrawn document's number leads to the notice at its URL (redirects.withdrawn_numbers: none a page has), never
    # in place of a page's entry (agencies that share a code share a shard)
    for number, notice in redirects.withdrawn_numbers(public, settings.issuer_codes).items():
        shards[_shard(number, settings)].setdefault(str(number.serial), {
            "url": notice.url, "title": notice.title, "number": str(number), "date": notice.published.isoformat(),
            "status": ui.t("已撤回")})
    out = {"search/zhconv.json": _json(conv), "search/codes.json": _json(settings.issuer_codes)}
    for shard, entries in shards.items():
        out[f"search/numbers/{shard}.json"] = _json(dict(sorted(entries.items())))
    return out


def _shard(number: docnumber.DocNumber, settings: Settings) -> str:
    return f"{settings.issuer_codes[number.agency]}/{number.year or 'ling'}"  # 政府令 numbers have no year


def _json(data) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
