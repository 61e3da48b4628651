#!/usr/bin/env python3
"""Search benchmark on a synthetic archive, all figures from one run.

    .venv/bin/python scripts/benchmark_search.py --documents 10000

Generates the archive, builds the site without its index, then measures:
  index      the index step (gongbao.publish.searchindex.index) — time, CPU and peak memory — against the
             MkDocs build it follows (target: not slower; peak ≤ 4 GB at 20,000 pages)
  size       the index folder (search/index/): bytes and files
  queries    for typical queries, each in a fresh browser (cold cache), on the loaded search page,
             served with text gzipped as production hosts do (gongbao.serve.Handler), two ways:
             at once   the query pasted and submitted in one go: nothing could load before Enter;
             typed     the query typed a character every 200 ms and submitted 500 ms after the last
                       one, as a reader does (the page preloads while the reader types);
             the time from Enter to the first result shown, the bytes transferred from the first
             keystroke to then (targets: ≤ 500 ms, ≤ 150 KB on localhost); the time until the list
             is complete (its count and facet counts shown) and the bytes of it all (target ≤ 300 KB);
             and what the bytes are (KB of the page's script, the index's key lists, page records,
             facets, our other tables)
  ranking    the graded relevance set (tests/search_grading.py) drawn from the site: nDCG@10,
             right document first, in force first
With --queries-only the site already in --work is queried again, without regenerating it.
"""
from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from benchmark import ENV, PROJECT, measure, tree_size  # noqa: E402  (scripts/benchmark.py)
from browser import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402  (tests/browser.py)
import search_grading  # noqa: E402  (tests/search_grading.py)

from gongbao.publish import searchformat, searchindex
from gongbao.tools import synthetic

# 锡政办发〔2019〕12号: published at 10,000 documents, not at 1,000; 国办发〔2016〕80号: cited by many, published by none
QUERIES = ("政务公开", "营商环境", "养老服务体系", "財政專項資金", "锡政办发〔2019〕12号", "国办发〔2016〕80号", "办法")


CHARACTER_EVERY, ENTER_AFTER = 0.2, 0.5  # seconds: the typing reader


# In the page: the wall-clock time of Enter, of the first result (or the no-result message), and of
# the complete list (the status no longer says 正在…, and the facet counts are in).
_WATCH = """() => {
  const box = document.getElementById('gb-q'), status = document.getElementById('gb-search-status');
  box.addEventListener('keydown', e => { if (e.key === 'Enter') window.__enter = Date.now(); });
  new MutationObserver(() => {
    if (window.__enter && !window.__first && (document.querySelector('#gb-results li') || /没有/.test(status.textContent)))
      window.__first = Date.now();
    if (window.__first && !window.__done && !/^正在/.test(status.textContent)) window.__done = Date.now();
  }).observe(document.body, {childList: true, subtree: true, characterData: true});
}"""


def cold_query(browser, base: str, query: str, typed: bool) -> dict:
    context = browser.new_context()  # a new context: empty cache, as a first-time reader
    page = context.new_page()
    page.goto(base + "search/")
    page.wait_for_function("() => document.getElementById('gb-search-status').textContent !== ''")
    page.evaluate(_WATCH)
    finished = []
    page.on("requestfinished", lambda r: finished.append(r))  # the worker's requests too

    page.focus("#gb-q")
    if typed:
        for character in query:
            page.keyboard.insert_text(character)
            time.sleep(CHARACTER_EVERY)
        time.sleep(ENTER_AFTER - CHARACTER_EVERY)
    else:
        page.keyboard.insert_text(query)
    page.keyboard.press("Enter")
    page.wait_for_function("() => window.__done", timeout=60000)
    page.wait_for_load_state("networkidle")
    enter, first, complete = page.evaluate("() => [window.__enter, window.__first, window.__done]")
    found = page.locator("#gb-results li").count()
    # (finished at, bytes) of every request since the first keystroke; finished at: wall-clock ms
    done = [(r.timing["startTime"] + r.timing["responseEnd"], r.sizes()["responseBodySize"] + r.sizes()["responseHeadersSize"],
             r.url) for r in finished]
    context.close()
    return {"query": query, "mode": "typed" if typed else "at once", "ms": first - enter, "complete_ms": complete - enter,
            "first_kb": sum(size for at, size, _ in done if at <= first) / 1024,
            "kb": sum(size for _, size, _ in done) / 1024, "requests": len(done), "shown": found,
            "parts": {part: sum(size for _, size, url in done if _part(url) == part) / 1024 for part in PARTS}}


# What each download is, by its URL: where a query's bytes go ("code": the site's scripts, joined, gb-search.js among them).
PARTS = {"code": "/gb-site.js", "keys": "/search/index/keys/", "records": "/search/index/pages/",
         "cited records": "/search/index/cited/", "facets": "/search/index/facets.json", "meta": "/search/index/meta.json",
         "our tables": "/search/"}


def _part(url: str) -> str:
    path = url.split("?")[0]
    return next((part for part, where in PARTS.items() if where in path), "other")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="检索基准 / search benchmark")
    parser.add_argument("--documents", type=int, default=10000)
    parser.add_argument("--shape", choices=("real", "short"), default="real", help="gongbao.tools.synthetic.archive's shape")
    parser.add_argument("--work", type=Path, default=Path("/tmp/gongbao-search-bench"))
    parser.add_argument("--queries-only", action="store_true", help="query the site already in --work")
    args = parser.parse_args(argv)
    site = args.work / "site"
    if not args.queries_only:
        index_figures(args, site)
    query_figures(site)
    ranking_figures(site)
    return 0


def index_figures(args, site: Path) -> None:
    shutil.rmtree(args.work, ignore_errors=True)
    root = args.work / "repo"
    synthetic.write(root, synthetic.archive(args.documents, seed=1, shape=args.shape), project=PROJECT)
    built = measure([sys.executable, "-c", f"from pathlib import Path; from gongbao.publish.build import build; "
                     f"build(Path({str(root)!r}), Path({str(site)!r}), search_index=False, quiet=True)"], PROJECT)
    pages = len(searchindex.pages(site))
    print(f"archive: {args.documents} documents of {args.shape} shape, {pages} indexed pages")
    ours = measure([sys.executable, "-c", f"from pathlib import Path; from gongbao.publish import searchindex; "
                    f"searchindex.index(Path({str(site)!r}), quiet=True)"], PROJECT)
    size, _, files = tree_size(site / searchformat.FOLDER)
    print(f"{'step':<32}{'wall s':>8}{'cpu s':>8}{'peak MB':>9}")
    for name, r in (("build without the index", built), ("gongbao.publish.searchindex", ours)):
        print(f"{name:<32}{r['seconds']:>8.1f}{r['cpu']:>8.1f}{r['peak_mb']:>9.0f}")
    print(f"ratio index / build: {ours['seconds'] / built['seconds']:.2f} wall, {ours['cpu'] / built['cpu']:.2f} cpu")
    print(f"index size: {size / 1e6:.1f} MB in {files} files")


def query_figures(site: Path) -> None:
    from playwright.sync_api import sync_playwright

    with serve(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        print(f"{'cold query':<20}{'mode':<9}{'first result ms':>16}{'KB by then':>11}{'complete ms':>12}"
              f"{'KB in all':>10}{'requests':>9}{'shown':>6}")
        for query in QUERIES:
            for typed in (False, True):
                r = cold_query(browser, base, query, typed)
                print(f"{r['query']:<20}{r['mode']:<9}{r['ms']:>16.0f}{r['first_kb']:>11.0f}{r['complete_ms']:>12.0f}{r['kb']:>10.0f}"
                      f"{r['requests']:>9}{r['shown']:>6}")
                if not typed:
                    print("    KB: " + ", ".join(f"{part} {kb:.0f}" for part, kb in r["parts"].items() if kb))
        browser.close()


def ranking_figures(site: Path) -> None:
    """The graded relevance set of tests/search_grading.py, drawn from this site."""
    from playwright.sync_api import sync_playwright

    pages = search_grading.pages(site)
    cases = search_grading.cases(pages, count=72, seed=2)
    with serve(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        r = search_grading.score(browser.new_page(), base, pages, cases)
        browser.close()
    print(f"ranking, {r['cases']} graded queries: nDCG@10 {r['ndcg']:.3f}, right document first {r['right_first']:.0%} "
          f"(titles and short names), in force first {r['in_force_first']:.0%} (subjects)")
    for why, q, got in r["misses"]:
        print(f"    {why}: {q} → {' '.join(got)}")


if __name__ == "__main__":
    raise SystemExit(main())
