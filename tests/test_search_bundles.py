"""gongbao.publish.search: the newest pages in a bundle of their own on a large archive, split by date."""
import json

import pytest

from gongbao.publish import search


def found(dates: list[str]) -> list[tuple[str, str]]:
    return sorted(((d, f"doc/x/{i}/index.html") for i, d in enumerate(dates)), reverse=True)


def test_a_small_archive_is_one_bundle():
    pages = found(["2020-01-01"] * search.SPLIT_ABOVE)
    assert search.split(pages) == [(("2020-01-01", "2020-01-01"), [p for _, p in pages])]


def test_a_large_archive_puts_its_newest_pages_first(monkeypatch):
    monkeypatch.setattr(search, "SPLIT_ABOVE", 3000)
    monkeypatch.setattr(search, "RECENT_PAGES", 1500)
    dates = [f"{2000 + i // 400}-01-01" for i in range(search.SPLIT_ABOVE + 1)]  # 400 pages a year
    (recent_span, recent), (earlier_span, earlier) = search.split(found(dates))
    assert len(recent) + len(earlier) == len(dates)
    assert recent_span[0] >= earlier_span[1]                     # every recent page is newer
    assert len(recent) >= search.RECENT_PAGES                   # a date's pages are never split …
    assert len(recent) < search.RECENT_PAGES + 400              # … so the bundle ends with that date
    # 201 pages of 2007, then 400 a year: 2003 fills the first bundle past 1,500 and stays whole in it
    assert recent_span == ("2003-01-01", "2007-01-01") and earlier_span == ("2000-01-01", "2002-01-01")
    assert len(recent) == 201 + 4 * 400


def test_older_pages_follow_in_bundles_of_bounded_size(monkeypatch):
    """Pagefind indexes one bundle at a time: the largest bundle bounds its memory."""
    monkeypatch.setattr(search, "SPLIT_ABOVE", 3000)
    monkeypatch.setattr(search, "RECENT_PAGES", 1500)
    monkeypatch.setattr(search, "EARLIER_PAGES", 4000)
    dates = [f"{2000 + i // 500}-01-01" for i in range(20000)]  # 500 pages a year, 40 years
    bundles = search.split(found(dates))
    assert [len(paths) for _, paths in bundles] == [1500] + [4000] * 4 + [2500]
    assert sum(len(paths) for _, paths in bundles) == len(dates)
    spans = [span for span, _ in bundles]
    assert all(newer[0] > older[1] for newer, older in zip(spans, spans[1:]))  # no date in two bundles
    assert search.names(len(bundles)) == ["pagefind", "pagefind-earlier", "pagefind-earlier-2", "pagefind-earlier-3",
                                          "pagefind-earlier-4", "pagefind-earlier-5"]


def test_a_date_is_never_split_even_past_the_bound(monkeypatch):
    monkeypatch.setattr(search, "SPLIT_ABOVE", 10)
    monkeypatch.setattr(search, "RECENT_PAGES", 5)
    monkeypatch.setattr(search, "EARLIER_PAGES", 5)
    dates = ["2020-01-01"] * 6 + ["2019-01-01"] * 9 + ["2018-01-01"] * 2
    assert [len(p) for _, p in search.split(found(dates))] == [6, 9, 2]


def test_pages_are_those_pagefind_indexes(tmp_path):
    def page(rel: str, html: str):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(html, encoding="utf-8")
    page("doc/xzbf/2018/68/index.html", '<article data-pagefind-body><span data-pagefind-sort="date:2018-06-28">')
    page("gazette/2018/06/index.html", '<article data-pagefind-body><span data-pagefind-sort="date:2018-06-30">')
    page("gazette/index.html", "<p>archive: not indexed</p>")
    page("wh/x/index.html", '<article data-pagefind-body>')  # not where indexed pages live
    assert search.pages(tmp_path) == [("2018-06-30", "gazette/2018/06/index.html"),
                                      ("2018-06-28", "doc/xzbf/2018/68/index.html")]


def indexed_page(site, folder: str, date: str) -> None:
    (site / folder).mkdir(parents=True)
    (site / folder / "index.html").write_text(
        f'<html lang="zh"><body><article data-pagefind-body><span data-pagefind-sort="date:{date}"></span>'
        f"<h1>文件 {folder}</h1><p>政务公开</p></article></body></html>", encoding="utf-8")


def test_index_writes_every_bundle_and_lists_them(tmp_path, monkeypatch):
    """Pagefind itself, on a site of 8 pages split 3 + 3 + 2."""
    monkeypatch.setattr(search, "SPLIT_ABOVE", 4)
    monkeypatch.setattr(search, "RECENT_PAGES", 3)
    monkeypatch.setattr(search, "EARLIER_PAGES", 3)
    for i in range(8):
        indexed_page(tmp_path, f"doc/xzbf/{2010 + i}/1", f"{2010 + i}-05-01")
    search.index(tmp_path, quiet=True)
    listed = json.loads((tmp_path / search.BUNDLES).read_text(encoding="utf-8"))["bundles"]
    assert listed == [{"path": "pagefind/", "from": "2015-05-01", "to": "2017-05-01"},
                      {"path": "pagefind-earlier/", "from": "2012-05-01", "to": "2014-05-01"},
                      {"path": "pagefind-earlier-2/", "from": "2010-05-01", "to": "2011-05-01"}]
    for bundle, pages in (("pagefind", 3), ("pagefind-earlier", 3), ("pagefind-earlier-2", 2)):
        entry = json.loads((tmp_path / bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
        assert entry["languages"]["zh"]["page_count"] == pages
    assert not list(tmp_path.glob(".pagefind-pages-*"))  # the linked folders are gone
    # one engine: the first bundle's WebAssembly, an empty stand-in in every other
    (engine,) = (tmp_path / "pagefind").glob("wasm.*.pagefind")
    assert engine.stat().st_size > 10000
    for bundle in ("pagefind-earlier", "pagefind-earlier-2"):
        assert [w.read_bytes() for w in (tmp_path / bundle).glob("wasm.*.pagefind")] == [search.ENGINE_STUB]


@pytest.mark.parametrize("pages", [1, 4])
def test_index_of_a_small_site_is_one_bundle(tmp_path, monkeypatch, pages):
    monkeypatch.setattr(search, "SPLIT_ABOVE", 4)
    for i in range(pages):
        indexed_page(tmp_path, f"doc/xzbf/2018/{i + 1}", f"2018-0{i + 1}-01")
    search.index(tmp_path, quiet=True)
    assert [b["path"] for b in json.loads((tmp_path / search.BUNDLES).read_text(encoding="utf-8"))["bundles"]] == ["pagefind/"]
    assert not (tmp_path / "pagefind-earlier").exists()
