"""Long listings in pages (gongbao.publish.render.listings.paged): no page holds more than PAGE_ROWS rows, every row
of the listing is on exactly one page, newest first, the listing's own URL is its first page, the navigation's links
lead to the listing's other pages, and an incremental build after a new newest row is the clean build."""
from __future__ import annotations

import datetime as dt
import hashlib
import posixpath
import re
from pathlib import Path

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe

from browser import serve
from conftest import ROOT, TODAY
from gongbao.content import urls
from gongbao.publish.build import build
from gongbao.publish.check import check
from gongbao.publish.render import listings, ui
from gongbao.publish.render.listings import PAGE_ROWS
from gongbao.tools import synthetic

LISTING = "catalog/type/guifanxing/"
HREF = re.compile(r'<a href="([^"]*)"')


def _made(rows: int) -> dict[str, str]:
    """A listing of ``rows`` rows, each row its number, as ``paged`` makes its pages."""
    def page(here, shown, suffix, where):
        return f"title:{suffix}\n{where}" + "".join(f"<tr>{n}</tr>" for n in shown) + "\n"
    with ui.interface("zh-Hans"):
        return listings.paged(LISTING, list(range(rows)), page)


def _target(here: str, href: str) -> str:
    """The site URL a relative link on the page at ``here`` leads to."""
    path = posixpath.normpath(posixpath.join("/" + here, href))
    return path.strip("/") + "/" if path != "/" else ""


def _nav(page: str) -> str:
    found = re.findall(r'<nav class="gb-pages"[^>]*>.*?</nav>', page)
    assert len(found) == 1
    return found[0]


@pytest.mark.parametrize("rows", [0, 1, PAGE_ROWS, PAGE_ROWS + 1, 2 * PAGE_ROWS, 2 * PAGE_ROWS + 1, 5 * PAGE_ROWS - 1])
def test_each_row_on_one_page_newest_first_and_none_over_the_bound(rows):
    made = _made(rows)
    assert list(made) == listings.page_urls(LISTING, rows)  # the pages listed without making them are those made
    assert list(made)[0] == LISTING
    shown = [[int(n) for n in re.findall(r"<tr>(\d+)</tr>", page)] for page in made.values()]
    assert all(0 < len(rows_) <= PAGE_ROWS for rows_ in shown) or rows == 0
    assert [n for rows_ in shown for n in rows_] == list(range(rows))
    assert len(made) == max(1, -(-rows // PAGE_ROWS))


@pytest.mark.parametrize("rows", [PAGE_ROWS, 1])
def test_a_listing_of_one_page_is_as_it_was(rows):
    (page,) = _made(rows).values()
    assert page.startswith("title:\n<tr>") and "gb-pages" not in page


def test_the_navigation_leads_to_every_page_and_says_where_the_reader_is():
    made = _made(3 * PAGE_ROWS + 1)
    pages = list(made)
    assert pages == [LISTING, f"{LISTING}page/2/", f"{LISTING}page/3/", f"{LISTING}page/4/"]
    for n, (here, page) in enumerate(made.items(), 1):
        nav = _nav(page)
        assert 'aria-label="分页"' in nav and f"第 {n} 页 / 共 4 页" in nav and f"title: 第 {n} 页" in page
        assert f'<span aria-current="page">{n}</span>' in nav
        targets = [_target(here, href) for href in HREF.findall(nav)]
        assert set(targets) == set(pages) - {here}  # every other page, and no other place
        prev = re.findall(r'<a href="([^"]*)" rel="prev">上一页</a>', nav)
        following = re.findall(r'<a href="([^"]*)" rel="next">下一页</a>', nav)
        assert [_target(here, h) for h in prev] == pages[max(0, n - 2):n - 1]
        assert [_target(here, h) for h in following] == pages[n:n + 1]
        assert '<a href="#gb-pages">' in page and 'id="gb-pages"' in nav  # the line at the top leads to it


def test_the_labels_are_in_the_interface_script():
    def page(here, shown, suffix, where):
        return suffix + where
    with ui.interface("zh-Hant"):
        made = listings.paged(LISTING, list(range(PAGE_ROWS + 1)), page)
    text = "".join(made.values())
    assert "上一頁" in text and "分頁" in text and "共 2 頁" in text and "页" not in text


# ---- built: a generated archive whose listings are longer than a page ----

DOCUMENTS = PAGE_ROWS * 3 // 2  # about 0.85 interpretations a document: the interpretations take two pages
ROW = re.compile(r'<tr><td>(\d+)年(\d+)月(\d+)日</td>.*?<a href="([^"]*)"')  # the row's first link: its page


def _rows(site: Path, url: str) -> list[tuple[dt.date, str]]:
    """(date, URL of the row's page) of each row of the built page at ``url``."""
    html = (site / url / "index.html").read_text(encoding="utf-8")
    table = re.search(r'<table class="gb-doc-table">.*?</table>', html, re.S).group(0)
    return [(dt.date(int(y), int(m), int(d)), _target(url, href)) for y, m, d, href in ROW.findall(table)]


def _pages(site: Path, url: str) -> list[str]:
    """The pages of the built listing at ``url`` in their order: the first, and those its navigation numbers."""
    html = (site / url / "index.html").read_text(encoding="utf-8")
    nav = re.search(r'<nav class="gb-pages".*?</nav>', html)
    if nav is None:
        return [url]
    numbered = {int(n): _target(url, href) for href, n in re.findall(r'<a href="([^"]*)">(\d+)</a>', nav.group(0))}
    numbered[int(re.search(r'<span aria-current="page">(\d+)</span>', nav.group(0)).group(1))] = url
    return [numbered[n] for n in sorted(numbered)]


def _snapshot(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def _add_newest_interpretation(root: Path) -> str:
    """A 问答 of the document of the newest interpretation, published the day after it: the new first row."""
    texts = {p: p.read_text(encoding="utf-8") for p in (root / "interpretations").rglob("*.md")}
    fronts = {p: yaml.safe_load(t.split("---")[1]) for p, t in texts.items()}
    newest = max(fronts, key=lambda p: (fronts[p]["published"], p.stem))
    day = fronts[newest]["published"] + dt.timedelta(days=1)
    assert day < TODAY
    text = texts[newest].replace(f"published: {fronts[newest]['published']}", f"published: {day}", 1)
    text = text.replace(f"kind: {fronts[newest]['kind']}", "kind: 问答", 1).replace("title: ", "title: 答问：", 1)
    (root / "interpretations" / str(day.year)).mkdir(exist_ok=True)
    (root / "interpretations" / str(day.year) / "newest-wd.md").write_text(text, encoding="utf-8")
    return "newest-wd"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The archive built (twice: the second keeps the first as the spare, gongbao.publish.incremental), then built over
    itself after a new newest interpretation, and built clean."""
    root = tmp_path_factory.mktemp("listings") / "repo"
    synthetic.write(root, synthetic.archive(DOCUMENTS, seed=5), project=ROOT)
    site, clean = root / "site", root.parent / "clean"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2026, 12, 1, tzinfo=dt.timezone.utc).timestamp())))
        build(root, site, search_index=False, quiet=True)
        before = {url: _rows(site, url) for url in _pages(site, urls.INTERPRETATIONS)}
        ctimes = {p: p.stat().st_ctime_ns for p in site.rglob("*.html")}
        build(root, site, search_index=False, quiet=True)  # the first build's site becomes the spare the next builds over
        slug = _add_newest_interpretation(root)
        build(root, site, search_index=False, quiet=True)
        build(root, clean, search_index=False, quiet=True)
    reused = [p for p, t in ctimes.items() if p.exists() and p.stat().st_ctime_ns == t]
    return root, site, clean, before, slug, reused


def _listings(root: Path) -> dict[str, list]:
    """Each listing's URL → the pages its rows link to (the interpretations', the documents'), by the archive."""
    checked = check(root)
    public, settings = checked.archive.public(), checked.settings
    codes = settings.issuer_codes
    found = {urls.INTERPRETATIONS: [urls.interpretation(i, codes) for i in public.interpretations]}
    for _, _, groups in listings._catalogue_groups(public, settings):
        found |= {url: [urls.document(d, codes) for d in docs] for url, _, docs in groups}
    return found


def test_every_listing_shows_each_row_once_newest_first_in_pages_of_at_most_page_rows(built):
    root, site, *_ = built
    expected = _listings(root)
    long = [url for url, rows in expected.items() if len(rows) > PAGE_ROWS]
    assert urls.INTERPRETATIONS in long  # the test reaches a listing of more than one page
    for url, rows in expected.items():
        pages = _pages(site, url)
        assert pages == listings.page_urls(url, len(rows))  # the first page is the listing's own URL
        shown = [_rows(site, page) for page in pages]
        assert all(len(each) <= PAGE_ROWS for each in shown), url
        every = [row for each in shown for row in each]
        assert sorted(link for _, link in every) == sorted(rows), url  # each row once, none missing, none other
        dates = [day for day, _ in every]
        assert dates == sorted(dates, reverse=True), url


def test_the_pages_navigation_resolves_and_they_stay_out_of_the_search_index(built):
    _, site, *_ = built
    pages = _pages(site, urls.INTERPRETATIONS)
    assert len(pages) > 1
    for n, url in enumerate(pages, 1):
        html = (site / url / "index.html").read_text(encoding="utf-8")
        nav = _nav(html)
        for href in HREF.findall(nav):
            assert (site / _target(url, href) / "index.html").is_file(), (url, href)
        assert f'<span aria-current="page">{n}</span>' in nav
        assert "data-pagefind-body" not in html  # the indexer reads none of a listing's pages
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"/{urls.INTERPRETATIONS}</loc>" in sitemap and "/page/" not in sitemap


def test_an_incremental_build_after_a_new_newest_row_is_the_clean_build(built):
    root, site, clean, before, slug, reused = built
    assert any("/doc/" in str(p) for p in reused)  # the build over the site was an incremental one
    assert _snapshot(site) == _snapshot(clean)
    after = {url: _rows(site, url) for url in _pages(site, urls.INTERPRETATIONS)}
    first = list(after.values())[0]
    assert first[0][1].endswith(f"/jiedu/{slug}/")
    # every row moved one place down: the last of each page is the first of the next
    old = [row for rows in before.values() for row in rows]
    assert [row for rows in after.values() for row in rows][1:] == old
    second = list(after)[1]
    assert after[second][0] == before[urls.INTERPRETATIONS][-1]


@pytest.mark.parametrize("width", [1280, 360])
def test_in_chromium_a_page_of_a_listing_passes_axe_and_is_walked_with_links_alone(built, page, width):
    """axe-core (as test_a11y runs it) on a middle-of-the-listing page, on a desktop and a phone; then, scripts off,
    下一页 and 上一页 followed from the listing's first page lead to its second and back."""
    _, site, *_ = built
    second = _pages(site, urls.INTERPRETATIONS)[1]
    with serve(site) as base:
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(base + second)
        page.wait_for_load_state("networkidle")
        results = Axe().run(page)
        assert results.violations_count == 0, results.generate_report()
        context = page.context.browser.new_context(java_script_enabled=False)
        tab = context.new_page()
        tab.goto(base + urls.INTERPRETATIONS)
        tab.get_by_role("navigation", name="分页").get_by_role("link", name="下一页").click()
        assert tab.url == base + second
        assert tab.get_by_role("navigation", name="分页").locator('[aria-current="page"]').inner_text() == "2"
        tab.get_by_role("navigation", name="分页").get_by_role("link", name="上一页").click()
        assert tab.url == base + urls.INTERPRETATIONS
        context.close()
