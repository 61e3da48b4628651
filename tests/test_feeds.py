"""Atom feeds, sitemap.xml and robots.txt: well-formed, complete, public documents only, build-date free."""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import replace
from xml.etree import ElementTree as ET

import pytest

from browser import built_site  # noqa: F401 — the sample site, built once per session
from conftest import ROOT, TODAY
from gongbao.publish import feeds
from gongbao.content import urls
from gongbao.publish.build import build
from gongbao.publish.check import check
from gongbao.content.model import Correction
from gongbao.publish.render import site

A = "{http://www.w3.org/2005/Atom}"
S = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
BASE = "https://gazette.example.gov.cn/"


@pytest.fixture(scope="module")
def sample():
    checked = check(ROOT, today=TODAY)
    assert checked.ok
    return checked


@pytest.fixture(scope="module")
def generated(sample):
    return feeds.generate(sample.archive.public(), sample.settings)


def withheld_titles(sample) -> list[str]:
    titles = [d.title for d in sample.archive.documents if not d.is_public]
    assert titles, "the sample should hold a withheld document"
    return titles


def test_the_files(generated, sample):
    slugs = {sample.settings.issuers[i] for d in sample.archive.public().documents for i in d.issuers}
    assert set(generated) == {"feeds/documents.xml", "feeds/interpretations.xml", "sitemap.xml", "robots.txt"} | {
        f"feeds/issuer/{slug}.xml" for slug in slugs}
    assert generated["robots.txt"] == f"User-agent: *\nAllow: /\n\nSitemap: {BASE}sitemap.xml\n"


@pytest.mark.parametrize("path", ["feeds/documents.xml", "feeds/interpretations.xml", "feeds/issuer/wxszfbgs.xml"])
def test_feeds_are_atom_with_every_required_element(generated, path):
    feed = ET.fromstring(generated[path].encode("utf-8"))
    assert feed.tag == f"{A}feed"
    assert feed.findtext(f"{A}id") == BASE + path
    assert feed.findtext(f"{A}title")
    assert feed.find(f"{A}link[@rel='self']").get("href") == BASE + path
    assert feed.find(f"{A}author/{A}name").text
    entries = feed.findall(f"{A}entry")
    assert entries
    for entry in entries:
        for tag in ("id", "title", "updated", "published", "summary"):
            assert entry.findtext(f"{A}{tag}"), (path, tag)
        link = entry.find(f"{A}link[@rel='alternate']").get("href")
        assert link == entry.findtext(f"{A}id") and link.startswith(BASE) and link.endswith("/")
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT00:00:00\+08:00", entry.findtext(f"{A}updated"))
    updated = [e.findtext(f"{A}updated") for e in entries]
    assert updated == sorted(updated, reverse=True)
    assert feed.findtext(f"{A}updated") == updated[0]


def test_document_entries_carry_title_number_and_dates(generated):
    feed = ET.fromstring(generated["feeds/documents.xml"].encode("utf-8"))
    entry = next(e for e in feed.findall(f"{A}entry") if e.findtext(f"{A}id") == BASE + "doc/xzbf/2018/68/")
    assert entry.findtext(f"{A}title") == "無錫市人民政府辦公室關於印發無錫市全面推進政務公開工作實施辦法的通知"
    assert entry.findtext(f"{A}summary") == "锡政办发〔2018〕68号｜无锡市人民政府办公室｜成文日期 2018-06-05｜发布日期 2018-06-05｜执行中"
    assert entry.findtext(f"{A}published") == "2018-06-05T00:00:00+08:00"
    assert entry.find(f"{A}category").get("term") == "规范性文件"


def test_interpretation_entries_name_their_document(generated):
    feed = ET.fromstring(generated["feeds/interpretations.xml"].encode("utf-8"))
    entry = next(e for e in feed.findall(f"{A}entry") if e.findtext(f"{A}id").endswith("/jiedu/xzbf-2018-68-wzjd/"))
    assert entry.findtext(f"{A}title") == "《无锡市全面推进政务公开工作实施办法》文字解读"
    assert entry.findtext(f"{A}summary").startswith("文字解读｜解读：無錫市人民政府辦公室關於印發")
    assert entry.findtext(f"{A}summary").endswith("（锡政办发〔2018〕68号）")


def test_issuer_feed_holds_only_that_issuer(generated, sample):
    feed = ET.fromstring(generated["feeds/issuer/wxszfbgs.xml"].encode("utf-8"))
    names = {a.text for a in feed.iter(f"{A}name")} - {sample.settings.site_name}
    assert names == {"无锡市人民政府办公室"}


def test_sitemap_lists_every_document_interpretation_and_issue_with_its_publication_date(generated, sample):
    urlset = ET.fromstring(generated["sitemap.xml"].encode("utf-8"))
    found = {u.findtext(f"{S}loc"): u.findtext(f"{S}lastmod") for u in urlset.findall(f"{S}url")}
    public, codes = sample.archive.public(), sample.settings.issuer_codes
    expected = {BASE + urls.document(d, codes): feeds.changed(d) for d in public.documents}
    expected |= {BASE + urls.interpretation(i, codes): feeds.changed(i) for i in public.interpretations}
    expected |= {BASE + urls.issue(i.key): i.published for i in public.issues}
    expected |= {BASE + url: feeds.changed(item) for item, url in urls.participation_texts(public)}  # drafts and theirs
    assert {url: found.get(url) for url in expected} == {url: date.isoformat() for url, date in expected.items()}
    # Listing pages are dated by the newest item they list; every URL is a page the site has.
    pages = {BASE + url for url in site.pages(sample.archive, sample.settings, sample.today)} | {BASE}
    assert set(found) <= pages
    assert found[BASE + "gazette/2018/"] == "2018-07-31" and found[BASE + "catalog/type/guizhang/"] == "2018-06-28"
    items = [*public.documents, *public.interpretations, *public.issues, *(i for i, _ in urls.participation_texts(public))]
    content_dates = {d.isoformat() for i in items for d in [i.published, *(c.date for c in getattr(i, "corrections", ()))]}
    assert set(found.values()) <= content_dates  # a publication's or a 勘误's date, never the build's


def test_withheld_documents_appear_nowhere(generated, sample):
    for title in withheld_titles(sample):
        for path, text in generated.items():
            assert title not in text, path
    withheld = [d for d in sample.archive.documents if not d.is_public]
    assert not any(f"/{d.number.serial}/" in u and str(d.number.year) in u
                   for d in withheld for u in re.findall(r"<loc>(.*?)</loc>", generated["sitemap.xml"]))


def test_a_correction_updates_the_entry_but_not_its_publication_date(sample):
    public = sample.archive.public()
    doc = next(d for d in public.documents if d.number and str(d.number) == "锡政办发〔2018〕68号")
    fix = Correction(dt.date(2020, 3, 1), "第五条“十五日”更正为“十日”", "排版错误")
    public.documents[public.documents.index(doc)] = replace(doc, corrections=(fix,))
    out = feeds.generate(public, sample.settings)
    feed = ET.fromstring(out["feeds/documents.xml"].encode("utf-8"))
    entry = feed.findall(f"{A}entry")[0]  # the newest change comes first
    assert entry.findtext(f"{A}id") == BASE + "doc/xzbf/2018/68/"
    assert entry.findtext(f"{A}published") == "2018-06-05T00:00:00+08:00"
    assert entry.findtext(f"{A}updated") == feed.findtext(f"{A}updated") == "2020-03-01T00:00:00+08:00"
    assert "<loc>https://gazette.example.gov.cn/doc/xzbf/2018/68/</loc>\n    <lastmod>2020-03-01</lastmod>" in out["sitemap.xml"]


def test_same_archive_same_bytes(sample, generated):
    assert feeds.generate(sample.archive.public(), sample.settings) == generated


def test_nothing_without_a_site_address(sample):
    assert feeds.generate(sample.archive.public(), replace(sample.settings, site_url="")) == {}


def test_the_built_site_carries_ours_and_no_build_dated_sitemap(built_site, generated):  # noqa: F811
    for path in ("sitemap.xml", "robots.txt", "feeds/documents.xml", "feeds/interpretations.xml"):
        assert (built_site / path).read_text(encoding="utf-8") == generated[path], path
    assert not (built_site / "sitemap.xml.gz").exists()


def test_without_a_site_address_the_built_site_has_no_sitemap(site_repo, tmp_path):
    """Ours needs the address; MkDocs' own, no longer rendered (the hook), was copied as its Jinja template."""
    settings = site_repo.path / "gazette.yml"
    settings.write_text(re.sub(r"(?m)^  url: .*\n", "", settings.read_text(encoding="utf-8"), count=1), encoding="utf-8")
    locked = site_repo.path / "gazette.lock.json"  # a site that never had an address: its lock records none
    locked.write_text(json.dumps({k: v for k, v in json.loads(locked.read_text(encoding="utf-8")).items() if k != "website"},
                                 ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    build(site_repo.path, tmp_path / "site", search_index=False, quiet=True)
    assert not (tmp_path / "site" / "sitemap.xml").exists() and not (tmp_path / "site" / "robots.txt").exists()
    assert (tmp_path / "site" / "doc/xzbf/2018/68/index.html").exists()
