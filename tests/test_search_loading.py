"""What the search page downloads, and when: a document number costs a few KB however it is typed;
one engine serves every bundle of the index."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from browser import serve
from gongbao.publish import search
from gongbao.tools import synthetic
from gongbao.publish.build import build
from search_oracle import expected, indexed_pages
from test_search_relevance import run_search

ROOT = Path(__file__).resolve().parent.parent


def test_typing_a_number_a_character_at_a_time_loads_no_index(page, site_url):
    """A reader who pauses after every character: 锡, 锡政, … are the start of a 机关代字, not words
    to preload the index for (150 KB on a 1,000-document archive)."""
    seen: list[str] = []
    page.on("request", lambda r: seen.append(r.url))
    page.goto(site_url + "search/")
    page.focus("#gb-q")
    for character in "锡政办发〔2018〕68号":
        page.keyboard.type(character)
        page.wait_for_timeout(350)  # past the pause after which typed words are preloaded
    page.keyboard.press("Enter")
    page.wait_for_selector("#gb-results li")
    assert not [u for u in seen if "/pagefind" in u]


def test_a_word_that_only_begins_like_a_number_is_still_preloaded(page, site_url):
    seen: list[str] = []
    page.on("request", lambda r: seen.append(r.url))
    page.goto(site_url + "search/")
    page.focus("#gb-q")
    with page.expect_request(lambda r: r.url.endswith(".pf_index")):
        page.keyboard.type("锡山区")  # 锡 begins 锡政办发; 锡山 begins no 机关代字
    page.keyboard.press("Enter")
    page.wait_for_function("() => !document.getElementById('gb-search-status').textContent.startsWith('正在')")


def test_a_search_loads_the_engine_once_and_no_worker(page, site_url):
    """Pagefind's Web Worker would be a second copy of its code (12 KB gzipped) for every reader."""
    seen: list[str] = []
    page.on("request", lambda r: seen.append(r.url))
    page.goto(site_url + "search/?q=政务公开")
    page.wait_for_selector("#gb-results li")
    page.wait_for_load_state("networkidle")
    code = [u for u in seen if u.endswith(".js") and "/pagefind" in u]
    assert [u.rsplit("/", 1)[1] for u in code] == ["pagefind.js"], code
    assert len([u for u in seen if "wasm." in u]) == 1



@pytest.fixture(scope="module")
def bundled(tmp_path_factory):
    """A generated archive indexed as four bundles or more (thresholds lowered to fit ~170 pages)."""
    root = tmp_path_factory.mktemp("bundled") / "repo"
    synthetic.write(root, synthetic.archive(90, seed=5), project=ROOT)
    build(root, root / "site", search_index=False, quiet=True)
    with pytest.MonkeyPatch.context() as patch:
        for name, value in (("SPLIT_ABOVE", 60), ("RECENT_PAGES", 40), ("EARLIER_PAGES", 40)):
            patch.setattr(search, name, value)
        search.index(root / "site", quiet=True)
    bundles = json.loads((root / "site" / search.BUNDLES).read_text(encoding="utf-8"))["bundles"]
    assert len(bundles) >= 4
    with serve(root / "site") as url:
        yield root / "site", url, bundles


@pytest.mark.parametrize("q", ["政务公开", "養老服務"])
def test_every_bundle_is_searched_with_one_engine(page, bundled, q):
    site, url, bundles = bundled
    engines: list[tuple[str, int]] = []
    page.on("requestfinished", lambda r: engines.append((r.url, r.sizes()["responseBodySize"])) if "/wasm." in r.url else None)
    results = run_search(page, url, {"q": q})
    assert {r["url"] for r in results} == expected(indexed_pages(site), q)
    assert len(results) == len({r["url"] for r in results})
    assert len(engines) == len(bundles)  # each bundle asks for it …
    assert [size for _, size in engines if size > 1000] == [max(size for _, size in engines)]  # … one is sent


@pytest.mark.parametrize("sort", ["date-asc", "date-desc"])
def test_sorting_by_date_runs_across_every_bundle(page, bundled, sort):
    """Oldest first, the oldest bundle is searched first: the first bundle's engine starts before it."""
    _, url, bundles = bundled
    results = run_search(page, url, {"q": "工作", "sort": sort})
    dates = [r["date"] for r in results]  # ISO, from the result's <time datetime> (the page shows 2018年6月5日)
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\d", d) for d in dates)
    assert dates == sorted(dates, reverse=sort == "date-desc")
    assert dates[0] <= bundles[-1]["to"] if sort == "date-asc" else dates[0] >= bundles[0]["from"]
    assert dates[-1] >= bundles[0]["from"] if sort == "date-asc" else dates[-1] <= bundles[-1]["to"]
