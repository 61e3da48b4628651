"""Atom feeds, ``sitemap.xml`` and ``robots.txt`` for feed readers and crawlers (the seed's 同步发布).

=================================  ============================================================
file                               content
=================================  ============================================================
``feeds/documents.xml``            the latest documents
``feeds/interpretations.xml``      the latest interpretations
``feeds/issuer/<slug>.xml``        the latest documents of one 制发机关 (slug from gazette.yml; the same
                                   feed also under each of its previous_slugs, which the hosts' rules redirect)
``sitemap.xml``                    documents, interpretations, issues, drafts with their 起草说明 and
                                   feedback, and the listing pages, each with ``lastmod`` = its
                                   publication date (a listing's: its newest)
``robots.txt``                     points crawlers at the sitemap
=================================  ============================================================

Every date is a publication date (or a 勘误's, for when a text last changed), never the build time, so the same content always builds the
same bytes. Links are absolute, from ``site.url`` in gazette.yml: without it no feed reader or
crawler could follow them, so none of these files is written. Only the public archive is given to
this module (withheld documents never reach it). Pages whose date cannot be told from the archive
alone (hand-written pages other than the home page, the search page, print views, topic catalogues)
are left out: a sitemap need not list every page, and a wrong ``lastmod`` is worse than none.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial
from xml.etree import ElementTree as ET

from gongbao.content import slugs, urls
from gongbao.content.model import Archive, Document, Interpretation
from gongbao.publish.render import ui
from gongbao.publish.render.listings import TYPE_SLUGS, feed as feed_path
from gongbao.content.settings import Settings

ATOM = "http://www.w3.org/2005/Atom"
SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
FEED_SIZE = 50      # entries per feed: enough for any reader polling daily, small to fetch
TIMEZONE = "+08:00"  # China Standard Time: a date published in the gazette starts at local midnight


def generate(public: Archive, settings: Settings) -> dict[str, str]:
    return {path: make() for path, make in _planned(public, settings).items()}


def paths(public: Archive, settings: Settings) -> list[str]:
    """The files ``generate`` writes, listed without writing them (a check asking whether a link's target exists)."""
    return list(_planned(public, settings))


def _planned(public: Archive, settings: Settings) -> dict[str, Callable[[], str]]:
    """Each file's path → the function writing it: which files there are is known long before their content."""
    if not settings.site_url:
        return {}
    base = settings.site_url.rstrip("/") + "/"
    codes = settings.issuer_codes

    def latest(path: str, title: str, entry_of: Callable, items: list) -> Callable[[], str]:
        return lambda: feed(base, path, f"{settings.site_name}：{title}", settings,
                            [entry_of(base, item, codes) for item in items[:FEED_SIZE]])

    out = {}
    docs = _newest(public.documents)
    if docs:
        out["feeds/documents.xml"] = latest("feeds/documents.xml", ui.t("最新文件"), _document_entry, docs)
    items = sorted(public.interpretations, key=lambda i: (changed(i), i.published, i.slug, str(i.interprets)),
                   reverse=True)
    if items:
        out["feeds/interpretations.xml"] = latest("feeds/interpretations.xml", ui.t("最新政策解读"),
                                                  partial(_interpretation_entry, public=public), items)
    by_issuer: dict[str, list[Document]] = {}  # one pass, not one for each issuer: the preview notes every read
    for doc in docs:
        for issuer in dict.fromkeys(doc.issuers):
            by_issuer.setdefault(issuer, []).append(doc)
    for issuer, slug in sorted(settings.issuers.items(), key=lambda kv: kv[1]):
        if own := by_issuer.get(issuer):
            path = feed_path(slug)
            out[path] = latest(path, issuer, _document_entry, own)
    # a slug that moved (previous_slugs): its feed goes on at the old path too, the same bytes (its self link the new
    # path), as the host rules redirect it (render.redirect_pages); a feed reader follows no HTML meta refresh
    for old, new in slugs.moved("issuer", settings).items():
        if feed_path(new) in out:
            out[feed_path(old)] = out[feed_path(new)]
    out["sitemap.xml"] = partial(sitemap, base, public, settings)
    out["robots.txt"] = lambda: f"User-agent: *\nAllow: /\n\nSitemap: {base}sitemap.xml\n"
    return out


def _newest(docs: list[Document]) -> list[Document]:
    return sorted(docs, key=lambda d: (changed(d), d.published, str(d.ref)), reverse=True)


def _time(date: dt.date) -> str:
    return f"{date.isoformat()}T00:00:00{TIMEZONE}"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    if text is not None:
        element.text = text
    return element


def feed(base: str, path: str, title: str, settings: Settings, entries: list[ET.Element]) -> str:
    feed = ET.Element("feed", {"xmlns": ATOM, "xml:lang": settings.interface_script})
    _sub(feed, "id", base + path)
    _sub(feed, "title", title)
    _sub(feed, "updated", max(e.findtext("updated") for e in entries))
    _sub(feed, "link", rel="self", type="application/atom+xml", href=base + path)
    _sub(feed, "link", rel="alternate", type="text/html", href=base)
    _sub(_sub(feed, "author"), "name", settings.site_name)
    feed.extend(entries)
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def changed(item) -> dt.date:
    """When the text last changed: its publication, or its latest 勘误 (a correction is news too)."""
    return max([item.published] + [c.date for c in item.corrections])


def entry(url: str, title: str, item: Document | Interpretation, authors, summary: str, category: str) -> ET.Element:
    node = ET.Element("entry")
    _sub(node, "id", url)
    _sub(node, "title", title)
    _sub(node, "updated", _time(changed(item)))
    _sub(node, "published", _time(item.published))
    _sub(node, "link", rel="alternate", type="text/html", href=url)
    for name in authors:
        _sub(_sub(node, "author"), "name", name)
    _sub(node, "category", term=category)
    _sub(node, "summary", summary)
    return node


def _document_entry(base: str, doc: Document, codes) -> ET.Element:
    facts = [str(doc.number) if doc.number else "", "、".join(doc.issuers), f"{ui.t('成文日期')} {doc.written}",
             f"{ui.t('发布日期')} {doc.published}", ui.t(doc.status)]
    return entry(base + urls.document(doc, codes), doc.title, doc, doc.issuers,
                  "｜".join(f for f in facts if f), doc.type)


def _interpretation_entry(base: str, item: Interpretation, codes, public: Archive) -> ET.Element:
    doc = public.document(item.interprets)
    number = f"（{doc.number}）" if doc.number else ""
    return entry(base + urls.interpretation(item, codes), item.title, item,
                  [item.author or "、".join(doc.issuers)], f"{ui.t(item.kind)}｜{ui.t('解读')}：{doc.title}{number}", item.kind)


def lastmod(public: Archive, settings: Settings) -> dict[str, dt.date]:
    """Each generated page's URL → the latest publication date of what it shows."""
    codes = settings.issuer_codes
    docs, items, issues = public.documents, public.interpretations, public.issues
    dates: dict[str, dt.date] = {}
    for doc in docs:
        dates[urls.document(doc, codes)] = changed(doc)
    for item in items:
        dates[urls.interpretation(item, codes)] = changed(item)
    for item, url in urls.participation_texts(public):  # withheld ones are not in the public archive
        dates[url] = changed(item)
    for issue in issues:
        dates[urls.issue(issue.key)] = issue.published
        year = urls.gazette_year(issue.key.year)
        dates[year] = max(dates.get(year, issue.published), issue.published)
    groups = {}
    for doc in docs:
        keys = [urls.catalogue("issuer", settings.issuers[i]) for i in doc.issuers if i in settings.issuers]
        keys += [urls.catalogue("type", TYPE_SLUGS[doc.type]), urls.catalogue("year", str(doc.published.year))]
        for key in keys:
            groups[key] = max(groups.get(key, doc.published), doc.published)
    dates.update(groups)
    newest = [d for d in (max((d.published for d in docs), default=None),
                          max((i.published for i in issues), default=None)) if d]
    if newest:
        dates[urls.HOME] = dates[urls.CATALOGUES] = max(newest)
    if issues:
        dates[urls.ARCHIVE] = max(i.published for i in issues)
    if items:
        dates[urls.INTERPRETATIONS] = max(i.published for i in items)
    return dates


def sitemap(base: str, public: Archive, settings: Settings) -> str:
    root = ET.Element("urlset", {"xmlns": SITEMAP})
    for url, date in sorted(lastmod(public, settings).items()):
        entry = _sub(root, "url")
        _sub(entry, "loc", base + url)
        _sub(entry, "lastmod", date.isoformat())
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
