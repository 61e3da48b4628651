"""Accessibility in headless Chromium: axe-core (WCAG 2.1 AA and best practices) finds nothing on the
pages readers use, in normal and 适老化 mode, on desktop and phone; the keyboard reaches everything."""
from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

PAGES = {
    "home": "",
    "issue": "gazette/2018/06/",
    "issue-print": "gazette/2018/06/print/",
    "document": "doc/xzbf/2018/68/",
    "regulation": "doc/wxzfl/180/",
    "interpretation": "doc/xzbf/2018/68/jiedu/xzbf-2018-68-wzjd/",
    "search": "search/?q=政务公开",
    "catalogue": "catalog/topic/zhzw/",
    "catalogues": "catalog/",
    "not-found": "404.html",
}


def open_page(tab, base: str, path: str, width: int = 1280):
    tab.set_viewport_size({"width": width, "height": 900})
    tab.goto(base + path)
    tab.wait_for_load_state("networkidle")
    if path.startswith("search/"):
        tab.wait_for_selector("#gb-results li", timeout=10_000)
    return tab


@pytest.fixture(scope="module")
def axe():
    return Axe()


# Every page on a desktop in normal mode; the pages most read on phones and by the elderly in every mode.
AXE_RUNS = [(name, False, 1280) for name in PAGES] + [
    (name, elder, width) for name in ("home", "document", "search") for elder, width in ((False, 360), (True, 1280), (True, 360))
]


@pytest.mark.parametrize("name,elder,width", AXE_RUNS, ids=[f"{n}-{'elder' if e else 'normal'}-{w}" for n, e, w in AXE_RUNS])
def test_axe_finds_no_violation(page, site_url, axe, name, elder, width):
    open_page(page, site_url, PAGES[name], width)
    if elder:
        page.click("[data-gb-elder-toggle]")
    results = axe.run(page)
    assert results.violations_count == 0, results.generate_report()


def test_search_page_with_results_is_checked(page, site_url):
    open_page(page, site_url, PAGES["search"])
    assert page.locator("#gb-results li").count() > 0


def _focused(tab) -> dict:
    return tab.evaluate("""() => {
        const el = document.activeElement, style = getComputedStyle(el);
        return {id: el.id, tag: el.tagName, cls: el.className, text: (el.textContent || '').trim().slice(0, 20),
                inContent: !!el.closest('#gb-content'), inHeader: !!el.closest('header'),
                outline: parseFloat(style.outlineWidth) * (style.outlineStyle === 'none' ? 0 : 1)};
    }""")


def test_skip_link_is_first_and_moves_focus_to_the_document_body(page, site_url):
    open_page(page, site_url, PAGES["document"])
    page.keyboard.press("Tab")
    first = _focused(page)
    assert "gb-skip" in first["cls"] and first["text"] == "跳到正文"
    assert page.locator(".gb-skip").is_visible()
    page.keyboard.press("Enter")
    assert _focused(page)["id"] == "gb-content"
    page.keyboard.press("Tab")
    assert _focused(page)["inContent"], "Tab after the skip link goes into the document"


def test_tab_reaches_the_search_box_and_the_elder_toggle_with_visible_focus(page, site_url):
    open_page(page, site_url, PAGES["document"])
    seen = []
    for _ in range(12):
        page.keyboard.press("Tab")
        focused = _focused(page)
        seen.append(focused)
        assert focused["outline"] >= 2, f"focus not visible on {focused}"
    ids = [f["id"] for f in seen]
    assert "gb-header-q" in ids, f"search box not reached by Tab: {seen}"
    assert any("gb-elder-toggle" in f["cls"] for f in seen)


def test_search_box_submits_with_the_keyboard(page, site_url):
    open_page(page, site_url, PAGES["document"])
    page.focus("#gb-header-q")
    page.keyboard.type("政务公开")
    page.keyboard.press("Enter")
    page.wait_for_selector("#gb-results li", timeout=10_000)
    assert "search/" in page.url


@pytest.mark.parametrize("name", ["home", "issue", "document", "interpretation", "catalogue", "issue-print"])
def test_landmarks_one_h1_and_headings_in_order(page, site_url, name):
    open_page(page, site_url, PAGES[name])
    for role in ("banner", "main", "contentinfo"):
        assert page.get_by_role(role).count() == 1, role
    levels = page.evaluate("""() => [...document.querySelectorAll('main h1, main h2, main h3, main h4, main h5, main h6')]
        .filter(h => h.offsetParent !== null && !h.closest('.md-sidebar')).map(h => +h.tagName[1])""")
    assert levels.count(1) == 1 and levels[0] == 1, levels
    jumps = [(a, b) for a, b in zip(levels, levels[1:]) if b > a + 1]
    assert not jumps, f"heading levels skip: {levels}"


@pytest.mark.parametrize("name,lang", [("home", "zh-Hans"), ("document", "zh-Hant"), ("regulation", "zh-Hans"),
                                       ("interpretation", "zh-Hans"), ("issue", "zh-Hans")])
def test_html_lang_is_the_pages_script(page, site_url, name, lang):
    open_page(page, site_url, PAGES[name])
    assert page.evaluate("document.documentElement.lang") == lang

