"""The relevance test set, run in headless Chromium against the built sample gazette.

Each case loads the search page with the query and filters in its URL, as a reader's bookmark
would, and reads the results the page shows.
"""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlencode

import pytest
import yaml

from gongbao.cli import main
from search_oracle import expected, indexed_pages

CASES = yaml.safe_load((Path(__file__).parent / "search" / "sample_queries.yml").read_text(encoding="utf-8"))
_DATE = re.compile(r"\d{4}-\d\d-\d\d")


def search_url(base: str, case: dict) -> str:
    params = [("q", case["q"])] if case.get("q") else []
    params += [(k, v) for k, values in case.get("filters", {}).items() for v in values]
    if case.get("sort"):
        params.append(("sort", case["sort"]))
    return f"{base}search/?{urlencode(params)}"


def run_search(page, base: str, case: dict) -> list[dict]:
    page.goto(search_url(base, case))
    page.wait_for_function("() => { const s = document.getElementById('gb-search-status');"
                           " return s && s.textContent && !s.textContent.startsWith('正在'); }", timeout=20000)
    # show everything, not only the first page of results
    while page.is_visible("#gb-more"):
        count = page.locator("#gb-results li").count()
        page.click("#gb-more")
        page.wait_for_function(f"() => document.querySelectorAll('#gb-results li').length > {count}"
                               " || document.getElementById('gb-more').hidden", timeout=20000)
    return page.eval_on_selector_all("#gb-results li", """els => els.map(e => ({
        url: new URL(e.querySelector('a').href).pathname.replace(/^\\//, ''),
        meta: e.querySelector('.gb-result-meta').textContent,
        date: (e.querySelector('.gb-result-meta time') || {}).dateTime || '',
        excerpt: (e.querySelector('.gb-result-excerpt') || {}).innerHTML || ''}))""")


def test_the_set_is_large_enough():
    assert len(CASES) >= 40


@pytest.fixture(scope="module")
def oracle(built_site):
    return indexed_pages(built_site)


@pytest.mark.parametrize("case", CASES, ids=[f"{c.get('q', '')}{c.get('filters', '')}{c.get('sort', '')}" for c in CASES])
def test_query(page, site_url, oracle, case):
    results = run_search(page, site_url, case)
    urls = [r["url"] for r in results]
    assert len(urls) == len(set(urls)), f"duplicate results: {urls}"
    if case.get("none"):
        assert urls == []
    if "count" in case:
        assert len(urls) == case["count"], urls
    if "first" in case:
        assert urls and urls[0] == case["first"], urls
    for url in case.get("top", []):
        assert url in urls[:10], f"{url} not in top 10: {urls}"
    for url in case.get("never", []):
        assert url not in urls
    if case.get("ordered"):
        dates = [r["date"] for r in results]
        assert all(_DATE.fullmatch(d) for d in dates), dates
        assert dates == sorted(dates, reverse=case["ordered"] == "desc"), dates
    number_query = case.get("count") == 1 and "first" in case
    if case.get("q") and not number_query and not case.get("filters"):
        # Full text: exactly the pages whose indexed text holds every part of the query.
        assert set(urls) == expected(oracle, case["q"]), case["why"]


def test_excerpt_is_in_the_documents_own_script_and_highlights(page, site_url):
    results = run_search(page, site_url, {"q": "政务公开"})
    seed = next(r for r in results if r["url"] == "doc/xzbf/2018/68/")
    assert "<mark>" in seed["excerpt"]
    assert "政務公開" in re.sub(r"</?mark>", "", seed["excerpt"])


def test_search_box_in_the_header_leads_to_results(page, site_url):
    page.goto(site_url + "doc/xzbf/2018/68/")
    page.fill("#gb-header-q", "增设电梯")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"search/\?q="))
    page.wait_for_selector("#gb-results li")
    assert "doc/xzbf/2018/75/" in page.eval_on_selector_all("#gb-results a", "els => els.map(a => a.href)")[0]


def test_filters_show_counts_and_land_in_the_url(page, site_url):
    page.goto(site_url + "search/?q=" + "电梯")
    page.wait_for_selector("#gb-results li")
    label = page.locator('[data-facet="kind"] label', has_text="政策解读")
    assert re.search(r"政策解读（\d+）", label.text_content())
    label.click()
    page.wait_for_url(re.compile("kind="))
    page.wait_for_function("() => !document.getElementById('gb-search-status').textContent.startsWith('正在')")
    assert all("/jiedu/" in a for a in page.eval_on_selector_all("#gb-results a", "els => els.map(a => a.href)"))


def _requests(page) -> list[str]:
    seen: list[str] = []
    page.on("request", lambda r: seen.append(r.url))
    return seen


def test_nothing_loads_before_the_box_is_used_and_typed_words_are_preloaded(page, site_url):
    seen = _requests(page)
    page.goto(site_url + "search/")
    page.wait_for_load_state("networkidle")
    assert not [u for u in seen if "/search/index/" in u or "zhconv" in u]
    with page.expect_request(re.compile(r"/search/index/keys/.+\.json$")):  # while the reader pauses, before Enter
        page.focus("#gb-q")
        page.keyboard.type("增设电梯")
    assert page.locator("#gb-results li").count() == 0  # nothing is shown before the reader asks
    page.keyboard.press("Enter")
    page.wait_for_selector("#gb-results li")
    assert any("zhconv" in u for u in seen)


def test_typing_a_document_number_loads_no_index(page, site_url):
    seen = _requests(page)
    page.goto(site_url + "search/")
    page.focus("#gb-q")
    for typed in ("锡政办发", "〔2018〕", "68号"):  # a reader pausing after each part
        page.keyboard.type(typed)
        page.wait_for_timeout(800)  # well past the pause after which typed words are preloaded
    page.keyboard.press("Enter")
    page.wait_for_selector("#gb-results li")
    assert not [u for u in seen if "/search/index/" in u]


def test_a_failed_download_is_tried_again_by_the_next_search(page, site_url):
    failed: list[str] = []

    def fail_once(route):
        if failed:
            route.continue_()
        else:
            failed.append(route.request.url)
            route.abort()

    page.route("**/search/zhconv.json", fail_once)
    page.goto(site_url + "search/?q=电梯")
    page.wait_for_function("() => /无法使用/.test(document.getElementById('gb-search-status').textContent)")
    page.press("#gb-q", "Enter")
    page.wait_for_selector("#gb-results li")
    assert len(failed) == 1


def test_search_page_works_after_instant_navigation(page, site_repo, tmp_path):
    """Material swaps pages without reloading scripts: the header search must still work.

    Material only intercepts links listed in sitemap.xml, matched with their port, so this site is
    built for the very address it is served from.
    """
    import socket

    from browser import serve
    from gongbao.publish.build import build

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    site_repo.replace("gazette.yml", "url: https://gazette.example.gov.cn/", f"url: http://127.0.0.1:{port}/")
    assert main(["lock", "--root", str(site_repo.path), "--write", "--site"]) == 0  # a move, recorded (rules/lock.py)
    build(site_repo.path, tmp_path / "site", quiet=True)
    with serve(tmp_path / "site", port) as base:
        page.goto(base)
        page.wait_for_function("() => window.document$ !== undefined")
        page.evaluate("() => { window.__same_document = true; }")
        page.evaluate("() => [...document.querySelectorAll('a')].find(a => a.href.endsWith('/gazette/') && a.offsetParent).click()")
        page.wait_for_url(base + "gazette/")
        page.wait_for_selector("h1:has-text('公报目录')")
        assert page.evaluate("() => window.__same_document") is True  # swapped in place, no page load
        page.fill("#gb-header-q", "电梯")  # the header of a page that arrived by instant navigation
        page.press("#gb-header-q", "Enter")
        page.wait_for_selector("#gb-results li")
        assert "q=%E7%94%B5%E6%A2%AF" in page.url


def test_lunr_search_is_off(built_site):
    assert not (built_site / "search" / "search_index.json").exists()
