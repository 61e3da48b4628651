"""The search page and the small data files its script reads.

- ``search/zhconv.json``: Traditional→Simplified character pairs: the page folds every query (and
  the text it shows excerpts from) to Simplified, as the index holds Traditional pages folded too.
- ``search/numbers/<code>/<year>.json`` (``<code>/ling.json`` for 政府令): serial → page, so a query
  that is a document number goes straight to that one document instead of full-text near misses.
  Sharded by code and year so a number query downloads a few KB, not the whole archive's list.
"""
from __future__ import annotations

import json
import re
from collections import Counter, defaultdict

from .. import script, urls
from ..model import Archive
from ..settings import Settings
from . import searchmeta
from .html import esc, front_matter

URL = "search/"
FACETS = (("kind", "页面类型"), ("issuer", "制发机关"), ("year", "年份"), ("type", "文件类型"),
          ("status", "文件状态"), ("issue", "公报期次"))


def facet_totals(public: Archive) -> dict[str, Counter]:
    """How many indexed pages carry each filter value: the facets' counts before any query."""
    totals: dict[str, Counter] = defaultdict(Counter)
    pages = ([searchmeta.document_filters(d) for d in public.documents]
             + [searchmeta.interpretation_filters(i, public.document(i.interprets)) for i in public.interpretations]
             + [searchmeta.issue_filters(i) for i in public.issues])
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
    options = "".join(
        f'<span class="gb-facet-option"><input type="checkbox" name="{key}" value="{esc(v)}" id="gb-f-{key}-{i}">'
        f'<label for="gb-f-{key}-{i}" data-total="{totals[v]}">{esc(v)}（{totals[v]}）</label></span>'
        for i, v in enumerate(_order(key, totals)))
    return f'<fieldset class="gb-facet" data-facet="{key}"><legend>{label}</legend>{options}</fieldset>'


def page(public: Archive) -> str:
    """The search page; its facets list every value with its count in the whole archive, so the
    page needs no download before the reader's first query."""
    totals = facet_totals(public)
    facets = "".join(_facet(key, label, totals[key]) for key, label in FACETS if totals[key])
    return (front_matter(title="内容检索", gb_kind="search", hide=["toc"])
            + '<h1 class="gb-title">内容检索</h1>\n'
            + '<form class="gb-search" id="gb-search-form" role="search" action="./" method="get">'
            + '<div class="gb-search-row"><label for="gb-q">检索词</label>'
            + '<input id="gb-q" name="q" type="search" autocomplete="off" '
            + 'placeholder="标题、全文或文号，如 政务公开、锡政办发〔2018〕68号">'
            + '<label for="gb-sort">排序</label><select id="gb-sort" name="sort">'
            + '<option value="">按相关度</option><option value="date-desc">按日期，新的在前</option>'
            + '<option value="date-asc">按日期，旧的在前</option></select>'
            + '<button type="submit">检索</button></div>'
            + f'<div class="gb-facets">{facets}</div></form>\n'
            + '<p id="gb-search-status" role="status" aria-live="polite"></p>\n'
            + '<ol id="gb-results" class="gb-results"></ol>\n'
            + '<p><button type="button" id="gb-more" hidden>显示更多结果</button></p>\n'
            + "<noscript><p>检索需要启用 JavaScript。也可以通过公报目录和分类目录查找文件。</p></noscript>\n")


def files(public: Archive, settings: Settings) -> dict[str, str]:
    conv = {"t2s": "".join(a + b for a, b in script.character_pairs().items())}
    shards: dict[str, dict[str, dict]] = defaultdict(dict)
    for doc in public.documents:
        if doc.number is None:
            continue
        code = settings.issuer_codes[doc.number.agency]
        shard = f"{code}/{doc.number.year or 'ling'}"  # 政府令 numbers have no year
        shards[shard][str(doc.number.serial)] = {
            "url": urls.document(doc, settings.issuer_codes), "title": doc.title, "number": str(doc.number),
            "date": doc.published.isoformat(), "status": doc.status}
    out = {"search/zhconv.json": _json(conv), "search/codes.json": _json(settings.issuer_codes)}
    for shard, entries in shards.items():
        out[f"search/numbers/{shard}.json"] = _json(dict(sorted(entries.items())))
    return out


def _json(data) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
