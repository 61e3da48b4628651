"""What the search page downloads, and when: a document number costs a few KB however it is typed;
a query fetches the index's lists of its keys and the records of the pages it shows, each once; the
page reads every part of the index as Python wrote it (key shards, lists in files of their own)."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from browser import serve
from gongbao.publish import searchindex
from gongbao.tools import synthetic
from gongbao.publish.build import build
import search_index_reader as reader
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
    assert not [u for u in seen if "/search/index/" in u]


def test_a_word_that_only_begins_like_a_number_is_still_preloaded(page, site_url):
    seen: list[str] = []
    page.on("request", lambda r: seen.append(r.url))
    page.goto(site_url + "search/")
    page.focus("#gb-q")
    with page.expect_request(lambda r: "/search/index/keys/" in r.url):
        page.keyboard.type("锡山区")  # 锡 begins 锡政办发; 锡山 begins no 机关代字
    page.keyboard.press("Enter")
    page.wait_for_function("() => !document.getElementById('gb-search-status').textContent.startsWith('正在')")


def test_a_search_fetches_its_keys_and_the_shown_records_once(page, site_url, built_site):
    seen: list[str] = []
    page.on("request", lambda r: seen.append(r.url))
    page.goto(site_url + "search/?q=政务公开")
    page.wait_for_selector("#gb-results li")
    page.wait_for_load_state("networkidle")
    index = [u.split("/search/index/", 1)[1] for u in seen if "/search/index/" in u]
    assert len(index) == len(set(index)), index  # nothing twice
    assert index[0] == "meta.json"
    keys = [u for u in index if u.startswith("keys/")]
    assert 1 <= len(keys) <= 2 * 3, keys  # 政务, 务公, 公开: a shard each, perhaps a list of its own
    records = [u for u in index if u.startswith("pages/")]
    # few hits: each checked, each shown, from the file of its id's group (a neighbour may share it)
    assert sorted(records) == _files_of_shown(page, built_site, "pages"), records
    assert not [u for u in seen if u.endswith((".wasm", ".pagefind")) or "worker" in u]


def _files_of_shown(page, site: Path, folder: str) -> list[str]:
    """The record files (``folder``/<id // group>.json) of the results shown."""
    meta = json.loads((site / "search/index/meta.json").read_text(encoding="utf-8"))
    ids = {reader.page(site, id_)["url"]: id_ for id_ in range(meta["pages"])}
    shown = page.eval_on_selector_all("#gb-results li", "els => els.map(e => new URL(e.querySelector('a').href).pathname.slice(1))")
    return sorted({f"{folder}/{ids[url] // meta['group']}.json" for url in shown})


def test_a_number_cited_but_not_published_costs_its_key_and_short_records(page, site_url, built_site):
    """国办发〔2016〕80号 has no page here: one key of the index lists the pages citing it, each shown from its
    short record (the passages citing it), never from the page's whole text, and no pair of it is looked up."""
    seen: list[str] = []
    page.on("request", lambda r: seen.append(r.url))
    page.goto(site_url + "search/?q=" + "国办发〔2016〕80号")
    page.wait_for_selector("#gb-results li")
    page.wait_for_load_state("networkidle")
    index = [u.split("/search/index/", 1)[1] for u in seen if "/search/index/" in u]
    assert index[0] == "meta.json" and len(index) == len(set(index)), index
    assert len([u for u in index if u.startswith("keys/")]) == 1, index  # the shard of 〔2016〕80号
    assert page.locator("#gb-results li").count() == 2
    assert sorted(u for u in index if u.startswith("cited/")) == _files_of_shown(page, built_site, "cited"), index
    assert not [u for u in index if u.startswith(("pages/", "facets"))], index


@pytest.fixture(scope="module")
def sharded(tmp_path_factory):
    """A generated archive whose index has many shards and many lists in files of their own (bounds
    lowered to fit ~170 pages)."""
    root = tmp_path_factory.mktemp("sharded") / "repo"
    synthetic.write(root, synthetic.archive(90, seed=5), project=ROOT)
    build(root, root / "site", search_index=False, quiet=True)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(searchindex, "OWN_FILE", 200)
        patch.setattr(searchindex, "SHARD", 1000)
        patch.setattr(searchindex, "BLOCK", 0)  # not merged to fill a disk block
        searchindex.index(root / "site", quiet=True)
    assert json.loads((root / "site/search/index/meta.json").read_text(encoding="utf-8"))["shards"] >= 64
    assert len(list((root / "site/search/index/keys").glob("x*.json"))) >= 100
    with serve(root / "site") as url:
        yield root / "site", url


@pytest.mark.parametrize("q", ["政务公开", "養老服務", "工作 规定", "市"])
def test_the_page_reads_the_index_python_wrote(page, sharded, q):
    site, url = sharded
    results = run_search(page, url, {"q": q})
    assert {r["url"] for r in results} == expected(indexed_pages(site), q)
    assert len(results) == len({r["url"] for r in results})


@pytest.mark.parametrize("sort", ["date-asc", "date-desc"])
def test_sorting_by_date_runs_across_the_archive(page, sharded, sort):
    site, url = sharded
    results = run_search(page, url, {"q": "工作", "sort": sort})
    dates = [r["date"] for r in results]  # ISO, from the result's <time datetime> (the page shows 2018年6月5日)
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\d", d) for d in dates)
    assert dates == sorted(dates, reverse=sort == "date-desc")
    assert {r["url"] for r in results} == expected(indexed_pages(site), "工作")
