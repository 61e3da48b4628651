"""The relevance checks again, on a generated archive of 2,000 documents (with their interpretations).

Cases are drawn from the generated content itself (same seed, same cases): document numbers in
every variant, rare phrases in both scripts, filters whose counts are known from the pages.
"""
from __future__ import annotations

import random
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from browser import serve
from gongbao.publish import searchformat, searchindex
from gongbao.publish.build import build
from gongbao.identifiers.docnumber import DocNumber
from gongbao.identifiers.script import to_simplified, to_traditional
from gongbao.tools import synthetic
from search_oracle import expected, indexed_pages
from test_search_relevance import run_search

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = 2000


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    root = tmp_path_factory.mktemp("scale") / "repo"
    synthetic.write(root, synthetic.archive(DOCUMENTS, seed=7), project=ROOT)
    build(root, root / "site", quiet=True)
    return root


@pytest.fixture(scope="module")
def scale_url(archive):
    with serve(archive / "site") as url:
        yield url


@pytest.fixture(scope="module")
def oracle(archive):
    return indexed_pages(archive / "site")


def _front(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])


def _documents(archive: Path) -> list[tuple[Path, dict]]:
    return [(p, _front(p)) for p in sorted((archive / "gazette").rglob("*.md")) if p.name != "index.md"]


def test_the_archive_is_large(archive, oracle):
    assert len(_documents(archive)) >= DOCUMENTS
    assert len(oracle) >= DOCUMENTS  # public documents and interpretations and issues, all indexed


def test_document_numbers_in_every_variant_lead_to_that_one_document(page, archive, scale_url):
    rng = random.Random(1)
    public = [(p, m) for p, m in _documents(archive) if m.get("doc_number") and m["disclosure"] in ("主动公开", "部分公开")]
    for _, meta in rng.sample(public, 6):
        number = DocNumber.parse(meta["doc_number"])
        text = str(number)
        variants = [text, to_traditional(text).replace("〔", "[").replace("〕", "]"),
                    text.replace("〔", " ").replace("〕", " "), text.replace("〔", "（").replace("〕", "）")]
        for query in variants:
            results = run_search(page, scale_url, {"q": query})
            assert len(results) == 1, (query, results)
            assert f"/{number.serial}/" in "/" + results[0]["url"], (query, results)
            assert results[0]["meta"].find(text) >= 0


def test_withheld_numbers_find_nothing(page, archive, scale_url):
    withheld = [m for _, m in _documents(archive) if m.get("doc_number") and m["disclosure"] in ("不予公开", "依申请公开")]
    assert withheld
    for meta in withheld[:3]:
        assert run_search(page, scale_url, {"q": meta["doc_number"]}) == []


def _phrases(oracle: dict[str, str], count: int) -> list[tuple[str, set[str]]]:
    """Clauses (between punctuation, so they start and end on word boundaries) of 4–12 characters
    from the middle of documents."""
    rng = random.Random(3)
    chosen: dict[str, set[str]] = {}
    pages = sorted(u for u in oracle if u.startswith("doc/") and "/jiedu/" not in u)
    for url in rng.sample(pages, 60):
        clauses = re.split(r"[，。；、：\s]+", oracle[url])
        middle = [c for c in clauses[len(clauses) // 3: 2 * len(clauses) // 3] if re.fullmatch(r"[\u4e00-\u9fff]{4,12}", c)]
        if middle:
            phrase = rng.choice(middle)
            chosen.setdefault(phrase, expected(oracle, phrase))
        if len(chosen) == count:
            break
    return list(chosen.items())


def test_phrases_in_both_scripts_find_their_pages(page, scale_url, oracle):
    """Synthetic text repeats its clauses across many documents, so each phrase has many pages:
    the count must cover all of them and every result shown must hold the phrase."""
    phrases = _phrases(oracle, 5)
    assert len(phrases) == 5
    for phrase, pages in phrases:
        for query in (to_simplified(phrase), to_traditional(phrase)):
            page.goto(f"{scale_url}search/?q={query}")
            page.wait_for_function("() => /条结果|没有/.test(document.getElementById('gb-search-status').textContent)")
            count = int(re.search(r"(\d+) 条结果", page.text_content("#gb-search-status")).group(1))
            shown = page.eval_on_selector_all("#gb-results a", "els => els.map(a => new URL(a.href).pathname.slice(1))")
            assert count >= len(pages), (query, count, len(pages))
            assert len(shown) == min(10, len(pages)) and set(shown) <= pages, query


def _filter_counts(site: Path) -> Counter:
    counts = Counter()
    for path in site.rglob("index.html"):
        html = path.read_text(encoding="utf-8")
        if "data-pagefind-body" in html:
            counts.update({f for found in re.findall(r'data-pagefind-filter="([^"]+)"', html) for f in found.split("\n")})
    return counts


def test_filters_alone_count_what_the_pages_carry(page, archive, scale_url):
    counts = _filter_counts(archive / "site")
    for key in ("kind:政策解读", "type:规章", "status:已废止", "issuer:无锡市财政局"):
        name, value = key.split(":", 1)
        page.goto(f"{scale_url}search/?{name}={value}")
        page.wait_for_function("() => /条结果|没有/.test(document.getElementById('gb-search-status').textContent)")
        status = page.text_content("#gb-search-status")
        assert re.search(rf"(共|约) {counts[key]} 条结果", status), (key, counts[key], status)


def test_a_word_in_no_document_finds_nothing(page, scale_url):
    assert run_search(page, scale_url, {"q": "疫苗"}) == []


def test_facet_counts_follow_a_large_query(page, scale_url):
    """Above 30 hits the counts are those of every page found (facets.json, loaded after the results):
    they add up to the total."""
    page.goto(f"{scale_url}search/?q=政务公开")
    page.wait_for_function("() => /约 \\d+ 条结果/.test(document.getElementById('gb-search-status').textContent)")
    total = int(re.search(r"约 (\d+) 条结果", page.text_content("#gb-search-status")).group(1))
    counts = "() => [...document.querySelectorAll('[data-facet=kind] label')].map(l => +l.textContent.match(/（(\\d+)）/)[1])"
    page.wait_for_function(f"() => ({counts})().reduce((a, b) => a + b, 0) === {total}", timeout=30000)
    assert sum(page.evaluate(counts)) == total


def _dates(page) -> list[str]:
    """Each result's date as ISO (its <time datetime>: the page shows 2018年6月5日)."""
    return page.eval_on_selector_all("#gb-results .gb-result-meta", "els => els.map(e => e.querySelector('time').dateTime)")


def test_a_large_query_fetches_only_the_records_it_shows(page, scale_url, oracle):
    sizes: list[tuple[str, int]] = []
    page.on("requestfinished", lambda r: sizes.append((r.url, r.sizes()["responseBodySize"])))
    page.goto(f"{scale_url}search/?q=政务公开")
    page.wait_for_function("() => /约 \\d+ 条结果/.test(document.getElementById('gb-search-status').textContent)")
    page.wait_for_load_state("networkidle")
    assert len(expected(oracle, "政务公开")) > 100
    records = [u for u, _ in sizes if "/search/index/pages/" in u]
    # the ten shown (two records a file: at least five files), and any candidate checked and left out
    assert 10 // searchformat.GROUP <= len(records) <= 20, records
    assert sum(size for u, size in sizes if "/search/index/" in u) < 300 * 1024


def test_sorting_by_date_runs_across_the_archive(page, archive, scale_url, oracle):
    dates = {"/".join(Path(rel).parts[:-1]) + "/": date for date, rel in searchindex.pages(archive / "site")}
    matching = sorted(dates[url] for url in expected(oracle, "养老服务"))
    for sort in ("date-asc", "date-desc"):
        page.goto(f"{scale_url}search/?q=养老服务&sort={sort}")
        page.wait_for_function("() => /条结果/.test(document.getElementById('gb-search-status').textContent)")
        shown = _dates(page)
        assert len(shown) == 10 and shown == sorted(shown, reverse=sort == "date-desc"), (sort, shown)
        assert shown[0] == (matching[0] if sort == "date-asc" else matching[-1]), (sort, shown)
