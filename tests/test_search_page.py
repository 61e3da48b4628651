"""The search page as a reader sees it, measured in Chromium at 1366×900 and 360×740 and in
适老模式: the box and its button, the filters (beside the results, folded on a phone, no counts of
0), the result lines, number lookups in every common spelling, the help when nothing is found.

The number grammar is tested on one table for both of its readers (gongbao.identifiers.docnumber and the
page's script), tests/search/number_grammar.yml. Screenshots land in tests/artifacts/."""
from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path
from urllib.parse import quote

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe

from browser import ROOT
from gongbao.identifiers.docnumber import DocNumber, browser_grammar, citation_key

TABLE = yaml.safe_load((Path(__file__).parent / "search" / "number_grammar.yml").read_text(encoding="utf-8"))
CITATIONS = yaml.safe_load((Path(__file__).parent / "search" / "citation_grammar.yml").read_text(encoding="utf-8"))
ARTIFACTS = ROOT / "tests" / "artifacts"
DESKTOP, PHONE = (1366, 900), (360, 740)
SEED, SEED_JIEDU = "doc/xzbf/2018/68/", "doc/xzbf/2018/68/jiedu/xzbf-2018-68-wzjd/"
PRIMARY = "rgb(155, 28, 28)"  # --md-primary-fg-color of gb-reading.css


def _parsed(text: str) -> str | None:
    try:
        return str(DocNumber.parse(text))
    except ValueError:
        return None


# ---------------------------------------------------------------- one grammar, two readers

@pytest.mark.parametrize("case", TABLE, ids=[c["text"] for c in TABLE])
def test_python_reads_the_shared_table(case):
    assert _parsed(case["text"]) == case["number"]


def test_the_table_has_numbers_and_non_numbers():
    assert sum(c["number"] is None for c in TABLE) >= 5 and sum(c["number"] is not None for c in TABLE) >= 10


def test_the_page_carries_the_python_grammar(built_site):
    page = (built_site / "search/index.html").read_text(encoding="utf-8")
    carried = json.loads(unescape(re.search(r'data-gb-grammar="([^"]*)"', page)[1]))
    assert carried == browser_grammar()
    assert "(?P<" not in carried["number"] and "(?<serial>" in carried["number"]


# ---------------------------------------------------------------- helpers

def _open(tab, base: str, query: str, size=DESKTOP, elder: bool = False) -> str:
    tab.set_viewport_size({"width": size[0], "height": size[1]})
    if elder:
        tab.goto(base)
        tab.click("[data-gb-elder-toggle]")
    tab.goto(base + "search/?q=" + quote(query, safe="&="))  # & and = may add filters
    tab.wait_for_function("() => { const s = document.getElementById('gb-search-status');"
                          " return s && s.textContent && !s.textContent.startsWith('正在'); }", timeout=20000)
    return tab.text_content("#gb-search-status")


def _shot(tab, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / f"search-{name}.png"))


def _box(tab, selector: str) -> dict:
    box = tab.locator(selector).first.bounding_box()
    assert box, f"{selector} is not laid out"
    return box


def _style(tab, selector: str, *props: str) -> dict:
    return tab.eval_on_selector(selector, "(el, props) => { const s = getComputedStyle(el);"
                                          " return Object.fromEntries(props.map(p => [p, s.getPropertyValue(p)])); }",
                                list(props))


def _px(value: str) -> float:
    return float(value.removesuffix("px"))


def _results(tab) -> list[str]:
    return tab.eval_on_selector_all("#gb-results li a", "els => els.map(a => new URL(a.href).pathname.slice(1))")


@pytest.mark.parametrize("case", TABLE, ids=[c["text"] for c in TABLE])
def test_the_page_reads_the_shared_table(page, site_url, case):
    status = _open(page, site_url, case["text"])
    if case["number"] is None:
        assert "文号" not in status, status
    elif case["number"] in ("锡政办发〔2018〕68号", "无锡市人民政府令第180号"):
        assert status == f"按文号找到 1 份文件：{case['number']}"
    else:
        assert status.startswith(f"没有找到文号为 {case['number']} 的公开文件"), status


# What gb-search.js's citation() asks of a match of the page's "cited" pattern: the number's key, and the
# characters before it ending in its 机关代字 (Python: docnumber.Citation.cites).
CITES = """([text, key, agency]) => {
  const grammar = JSON.parse(document.getElementById('gb-search-form').dataset.gbGrammar);
  const pattern = new RegExp(grammar.cited, 'g');
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    const g = m.groups, run = g.order || g.run;
    const found = g.order ? '第' + +g.ordinal + '号' : '〔' + g.year + '〕' + +g.serial + '号';
    if (found === key && run.endsWith(agency)) return true;
  }
  return false;
}"""


def test_the_page_reads_the_shared_citation_table(page, site_url):
    page.goto(site_url + "search/")
    answers = {}
    for case in CITATIONS:
        number = DocNumber.parse(case["query"])
        answers[case["text"]] = page.evaluate(CITES, [case["text"], citation_key(number.year, number.serial), number.agency])
    assert answers == {case["text"]: case["cites"] for case in CITATIONS}


# ---------------------------------------------------------------- desktop

def test_desktop_box_button_filters_and_first_result(page, site_url):
    _open(page, site_url, "政务公开")
    _shot(page, "desktop-1366")
    box, button = _box(page, "#gb-q"), _box(page, ".gb-search button")
    assert box["height"] >= 40 and box["width"] >= 400, box
    assert abs(button["y"] - box["y"]) <= 2 and abs(button["height"] - box["height"]) <= 2, "the button sits beside the box"
    assert 0 <= button["x"] - (box["x"] + box["width"]) <= 2
    assert _style(page, "#gb-q", "border-top-width", "border-top-color") == {"border-top-width": "2px", "border-top-color": PRIMARY}
    style = _style(page, ".gb-search button", "background-color", "color")
    assert style == {"background-color": PRIMARY, "color": "rgb(255, 255, 255)"}
    # filters in a column beside the results, open
    assert page.eval_on_selector("#gb-filters", "d => d.open")
    filters, results = _box(page, "#gb-filters"), _box(page, "#gb-results")
    assert filters["x"] + filters["width"] <= results["x"] and filters["width"] <= 300, (filters, results)
    assert abs(filters["y"] - _box(page, ".gb-search-bar")["y"]) <= 4
    # the first result, title to excerpt, without scrolling
    first = _box(page, "#gb-results li")
    assert first["y"] + first["height"] <= DESKTOP[1], first
    title = _style(page, ".gb-result-title", "font-size")
    assert 15 <= _px(title["font-size"]) <= 20, title  # not 25 px


def test_result_lines_have_separate_fields_and_chinese_dates(page, site_url):
    _open(page, site_url, "政务公开")
    fields = page.eval_on_selector_all("#gb-results li:first-child .gb-result-meta > *", """els => els.map(e => ({
        cls: e.className, text: e.textContent, datetime: e.dateTime || null,
        left: e.getBoundingClientRect().left, right: e.getBoundingClientRect().right}))""")
    assert [f["cls"] for f in fields] == ["gb-result-kind", "gb-result-number", "gb-result-date", "gb-result-status"]
    assert all(b["left"] - a["right"] >= 8 for a, b in zip(fields, fields[1:])), fields
    dates = page.eval_on_selector_all("#gb-results time", "els => els.map(t => [t.textContent, t.dateTime])")
    for text, iso in dates:
        y, m, d = (int(n) for n in iso.split("-"))
        assert text == f"{y}年{m}月{d}日"
    excerpts = page.eval_on_selector_all(".gb-result-excerpt", "els => els.map(e => e.textContent)")
    assert excerpts and not any(re.search(r"[^\x00-\x7f]\. ", e) for e in excerpts), excerpts


def test_counts_of_zero_are_hidden_unless_chosen(page, site_url):
    _open(page, site_url, "政务公开")
    visible = page.eval_on_selector_all(".gb-facet label", "els => els.filter(l => l.offsetParent).map(l => l.textContent)")
    hidden = page.eval_on_selector_all(".gb-facet label", "els => els.filter(l => !l.offsetParent).map(l => l.textContent)")
    assert visible and not any(t.endswith("（0）") for t in visible), visible
    assert hidden and all(t.endswith("（0）") for t in hidden), hidden
    # a chosen value stays visible with its 0, so it can be unticked
    status = _open(page, site_url, "政务公开&status=已修订")
    assert status == "没有找到相关结果。"
    assert page.locator('label[data-name="已修订"]').is_visible()
    assert page.locator('label[data-name="已修订"]').text_content() == "已修订（0）"


# ---------------------------------------------------------------- phone and header

def test_phone_folds_the_filters_and_shows_the_first_result(page, site_url):
    _open(page, site_url, "政务公开", PHONE)
    _shot(page, "phone-360")
    assert not page.eval_on_selector("#gb-filters", "d => d.open")
    first = _box(page, "#gb-results li .gb-result-title")
    assert first["y"] + first["height"] <= PHONE[1], first
    box, button = _box(page, "#gb-q"), _box(page, ".gb-search button")
    assert box["width"] >= 200 and button["x"] + button["width"] <= PHONE[0]
    page.click("#gb-filters > summary")
    assert page.locator('[data-facet="kind"]').is_visible()
    _shot(page, "phone-360-filters")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE[0]


@pytest.mark.parametrize("elder", [False, True], ids=["normal", "elder"])
def test_phone_header_search_box_is_usable(page, site_url, elder):
    page.set_viewport_size({"width": PHONE[0], "height": PHONE[1]})
    page.goto(site_url + SEED)
    if elder:
        page.click("[data-gb-elder-toggle]")
    box, button = _box(page, "#gb-header-q"), _box(page, ".gb-header-search button")
    assert box["width"] >= 200, box  # was 77 px
    assert _px(_style(page, "#gb-header-q", "font-size")["font-size"]) >= (16 if elder else 13)
    assert page.locator(".gb-header-search button").is_visible()
    assert button["x"] + button["width"] <= PHONE[0] - 4 and abs(button["y"] - box["y"]) <= 6
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE[0]
    _shot(page, f"header-phone-{'elder' if elder else 'normal'}")
    page.fill("#gb-header-q", "政务公开")
    page.click(".gb-header-search button")
    page.wait_for_url(re.compile(r"search/\?q="))
    assert not page.locator(".gb-header-search").is_visible(), "the search page's own box replaces the header's"


# ---------------------------------------------------------------- 适老模式

@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_elder_mode_enlarges_box_and_boxes_to_tick(browser, site_url, size):
    measured = {}
    for elder in (False, True):
        context = browser.new_context()
        tab = context.new_page()
        _open(tab, site_url, "政务公开", size, elder)
        if size == PHONE:
            tab.click("#gb-filters > summary")
        _shot(tab, f"{'elder' if elder else 'normal'}-{size[0]}")
        measured[elder] = {"input": _px(_style(tab, "#gb-q", "font-size")["font-size"]),
                           "box": _box(tab, "#gb-q")["height"],
                           "tick": _box(tab, ".gb-facet input")["width"],
                           "excerpt": _px(_style(tab, ".gb-result-excerpt", "font-size")["font-size"]),
                           "first": _box(tab, "#gb-results li .gb-result-title")}
        context.close()
    normal, elder = measured[False], measured[True]
    assert elder["input"] >= 18 and elder["input"] >= 1.15 * normal["input"], measured  # ≥ 18 px, as the text
    assert elder["box"] >= 48 and elder["tick"] >= 18 and elder["tick"] >= 1.15 * normal["tick"], measured
    assert elder["excerpt"] >= 16, measured
    if size == DESKTOP:
        assert elder["first"]["y"] + elder["first"]["height"] <= DESKTOP[1], "the first result's title, without scrolling"


# ---------------------------------------------------------------- number lookups and no results

def test_number_typed_with_year_character_finds_the_document(page, site_url):
    assert _open(page, site_url, "锡政办发2018年68号") == "按文号找到 1 份文件：锡政办发〔2018〕68号"
    assert _results(page) == [SEED]
    assert page.text_content("#gb-results time") == "2018年6月5日"
    assert page.locator("#gb-filters").is_hidden(), "filters do not apply to a number"


def test_a_number_cited_but_not_published_lists_the_pages_citing_it(page, site_url):
    status = _open(page, site_url, "国办发〔2016〕80号")
    _shot(page, "cited")
    assert status == "没有找到文号为 国办发〔2016〕80号 的公开文件；下列 2 份文件提到了这个文号："
    assert sorted(_results(page)) == sorted([SEED, SEED_JIEDU])
    marks = page.eval_on_selector_all("#gb-results mark", "els => els.map(m => m.textContent)")
    assert "國辦發〔2016〕80號" in marks and "国办发〔2016〕80号" in marks, marks  # each in its own script
    assert page.locator("#gb-search-help").is_hidden()
    for excerpt in page.eval_on_selector_all(".gb-result-excerpt", "els => els.map(e => e.textContent)"):
        assert 20 < len(excerpt) < 200, excerpt  # the passage citing it, cut from the page's cited record


def test_a_cited_number_never_lists_near_misses(page, site_url):
    # 〔2016〕8号 is not 〔2016〕80号, nor 〔2016〕180号 is 〔2016〕80号
    assert _open(page, site_url, "国办发〔2016〕8号") == "没有找到文号为 国办发〔2016〕8号 的公开文件。"
    assert _results(page) == []
    assert _open(page, site_url, "国办发〔2016〕180号") == "没有找到文号为 国办发〔2016〕180号 的公开文件。"
    assert _results(page) == []


def test_no_result_help_says_what_was_searched_and_where_to_go(page, site_url):
    status = _open(page, site_url, "量子纠缠 政务")
    _shot(page, "no-result")
    assert status == "没有找到相关结果。"
    help_box = page.locator("#gb-search-help")
    assert help_box.is_visible()
    assert page.text_content("#gb-search-searched") == "检索词：量子纠缠 政务"
    fewer = page.eval_on_selector_all("#gb-search-fewer a", "els => els.map(a => [a.textContent, a.href])")
    assert [t for t, _ in fewer] == ["量子纠缠", "政务"]
    assert fewer[1][1].endswith("search/?q=%E6%94%BF%E5%8A%A1")
    links = page.eval_on_selector_all("#gb-search-help a", "els => els.map(a => a.href)")
    for target in ("gazette/", "catalog/", "jiedu/"):
        assert site_url + target in links, links
    assert "https://www.example.gov.cn/zfxxgk/ysqgk/" in links  # 依申请公开, footer.disclosure_request_url
    assert "依申请公开" in help_box.text_content() and "繁体" in help_box.text_content()
    assert page.locator("#gb-search-unfilter").is_hidden()
    # following a suggestion searches again
    page.click("#gb-search-fewer a >> text=政务")
    page.wait_for_function("() => document.querySelectorAll('#gb-results li').length > 0", timeout=20000)
    assert page.locator("#gb-search-help").is_hidden()


def test_no_result_with_filters_offers_to_drop_them(page, site_url):
    _open(page, site_url, "政务公开&status=已修订")
    assert page.text_content("#gb-search-searched") == "检索词：政务公开；筛选条件 1 项"
    link = page.locator("#gb-search-unfilter a")
    assert link.is_visible()
    link.click()
    page.wait_for_function("() => document.querySelectorAll('#gb-results li').length > 0", timeout=20000)
    assert "status=" not in page.url and "q=" in page.url


@pytest.mark.parametrize("query,size,elder", [
    ("量子纠缠 政务", DESKTOP, False), ("国办发〔2016〕80号", DESKTOP, False), ("政务公开", PHONE, False),
    ("量子纠缠", PHONE, True)], ids=["no-result", "cited", "phone-filters-open", "elder-phone-no-result"])
def test_axe_finds_no_violation_on_search_states(browser, site_url, query, size, elder):
    context = browser.new_context()
    tab = context.new_page()
    _open(tab, site_url, query, size, elder)
    if tab.locator("#gb-filters").is_visible():
        tab.click("#gb-filters > summary")  # open on a phone; shut on a wide screen, both checked
    results = Axe().run(tab)
    context.close()
    assert results.violations_count == 0, results.generate_report()


def test_a_cited_anchor_clears_the_taller_phone_header(page, site_url):
    page.set_viewport_size({"width": PHONE[0], "height": PHONE[1]})
    page.goto(site_url + SEED + "#sec-2")
    page.wait_for_load_state("networkidle")
    header, target = _box(page, ".md-header"), _box(page, "#sec-2")
    assert target["y"] >= header["y"] + header["height"], (header, target)
