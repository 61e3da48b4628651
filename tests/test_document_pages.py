"""Document pages for readers (issue 14): the interpretation and the relations under the header block,
a contents control on a phone, an official layout (signature, date, 附件, headings, 引用 buttons,
corrections), issue tables of contents with statuses and neighbours, unbroken numbers in tables,
the preview's 404 page, and print (running head, nothing printed alone, no link labels).

Positions and computed styles are measured in Chromium at 1366×900 and 360×740, and in 适老模式
where it changes the layout. Screenshots land in tests/artifacts/ for a person to look at."""
from __future__ import annotations

import io
import re
import urllib.error
import urllib.request

import pypdf
import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from browser import ROOT, serve
from gongbao.content import body_markdown as body

ARTIFACTS = ROOT / "tests" / "artifacts"
SEED = "doc/xzbf/2018/68/"
SEED_JD = "doc/xzbf/2018/68/jiedu/xzbf-2018-68-wzjd/"
ELEVATOR = "doc/xzbf/2018/75/"                 # three interpretations
ELEVATOR_TJ = "doc/xzbf/2018/75/jiedu/xzbf-2018-75-tj/"
CORRECTED = "doc/xzbh/2018/41/"                # one correction (勘误)
ANNEXED = "doc/xzf/2019/2/"                    # 附件 with its title, signature and date
DESKTOP, PHONE = (1366, 900), (360, 740)


def _html(site, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def _open(tab, base: str, path: str, size=DESKTOP, elder: bool = False):
    tab.set_viewport_size({"width": size[0], "height": size[1]})
    tab.goto(base + path)
    tab.wait_for_load_state("networkidle")
    if elder and tab.get_attribute("[data-gb-elder-toggle]", "aria-pressed") != "true":
        tab.click("[data-gb-elder-toggle]")
    return tab


def _shot(tab, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def _box(tab, selector: str) -> dict:
    return tab.evaluate("s => { const r = document.querySelector(s).getBoundingClientRect();"
                        " return {top: r.top, bottom: r.bottom, left: r.left, right: r.right, width: r.width}; }",
                        selector)


def _eventually(tab, condition: str, arg=None) -> None:
    """Wait, up to 10 s, until ``condition`` holds in the page (a busy machine delays scrolling and timers);
    the assertions after it then say what is wrong if it never does."""
    try:
        tab.wait_for_function(condition, arg=arg, timeout=10000)
    except PlaywrightTimeout:
        pass


def _text_box(tab, selector: str) -> dict:
    """Where the text of an element stands (not its box, which spans the column)."""
    return tab.evaluate("""s => { const el = document.querySelector(s), range = document.createRange();
        range.selectNodeContents(el); const r = range.getBoundingClientRect(), c = el.getBoundingClientRect();
        return {left: r.left, right: r.right, top: r.top, lines: range.getClientRects().length,
                colLeft: c.left, colRight: c.right}; }""", selector)


def _style(tab, selector: str, *props: str) -> dict:
    return tab.evaluate("""([s, props]) => { const st = getComputedStyle(document.querySelector(s));
        return Object.fromEntries(props.map(p => [p, st.getPropertyValue(p)])); }""", [selector, list(props)])


# ---------------------------------------------------------------- the built pages

def test_interpretations_and_relations_stand_under_the_header_block(built_site):
    html = _html(built_site, SEED)
    meta, related, text = html.index('<dl class="gb-meta">'), html.index('<div class="gb-related"'), html.index('<div class="gb-body"')
    assert meta < related < text
    block = html[related:text]
    assert '<h2 id="gb-jd">政策解读<span class="gb-count">（1篇）</span></h2>' in block
    assert '<span class="gb-kind">文字解读</span>' in block
    assert "<dt>依据</dt>" in block and "<dt>被引为依据</dt>" in block
    assert "data-pagefind-ignore" in html[related:related + 60], "kept out of the search index, as before"
    assert "（3篇）" in _html(built_site, ELEVATOR)
    assert html.count('id="gb-jd"') == html.count('id="gb-relations"') == 1


def test_interpretations_of_one_document_link_each_other(built_site):
    html = _html(built_site, ELEVATOR_TJ)
    row = re.search(r"<dt[^>]*>同一文件的其他解读</dt>\s*<dd>(.*?)</dd>", html)[1]
    assert re.findall(r'href="([^"]+)"', row) == ["../xzbf-2018-75-wzjd/", "../xzbf-2018-75-wd/"]
    assert "xzbf-2018-75-tj" not in row, "not a link to itself"
    assert "同一文件的其他解读" not in _html(built_site, SEED_JD), "a lone interpretation has no such row"


def test_the_interpretations_index_links_each_original(built_site):
    html = _html(built_site, "jiedu/")
    assert '<td class="gb-nowrap"><a href="../doc/xzbf/2018/68/">锡政办发〔2018〕68号</a></td>' in html
    assert len(re.findall(r'<td class="gb-nowrap"><a href="\.\./doc/', html)) == 9


def test_a_corrected_document_says_so_before_its_text(built_site):
    html = _html(built_site, CORRECTED)
    note = re.search(r'<div class="gb-banner gb-corrected" role="note">(.*?)</div>', html)[1]
    assert "2018年8月1日" in note and '<a href="#gb-kanwu">' in note
    assert html.index("gb-corrected") < html.index('<h1 class="gb-title"') < html.index('id="gb-kanwu"')
    assert "gb-corrected" not in _html(built_site, SEED)


def test_issue_contents_mark_documents_no_longer_in_force_as_printed(built_site):
    june = _html(built_site, "gazette/2018/06/")
    assert re.search(r'锡财规〔2018〕2号</span> <span class="gb-status-mark" data-pagefind-ignore="">已修订</span>', june)
    assert june.count("gb-status-mark") == 1
    assert "已废止" in _html(built_site, "gazette/2018/07/") and "已失效" in _html(built_site, "gazette/2019/01/")


def test_issues_link_their_neighbours(built_site):
    nav = lambda path: re.search(r'<nav [^>]*class="gb-issue-nav"[^>]*>(.*?)</nav>', _html(built_site, path))[1]  # noqa: E731
    assert re.findall(r'href="([^"]+)" rel="(\w+)"', nav("gazette/2018/07/")) == [("../06/", "prev"), ("../../2019/01/", "next")]
    assert re.findall(r'rel="(\w+)"', nav("gazette/2018/06/")) == ["next"]
    assert re.findall(r'rel="(\w+)"', nav("gazette/2019/08/")) == ["prev"]
    assert re.search(r'<nav [^>]*data-pagefind-ignore=""', _html(built_site, "gazette/2018/07/")), "not in the search index"


def test_the_archive_lists_issues_newest_first_within_a_year_as_across_years(built_site):
    html = _html(built_site, "gazette/")
    issues = re.findall(r'<a href="(\d{4}/\d\d)/">', html)
    assert issues == ["2019/08", "2019/01", "2018/07", "2018/06"]
    year = _html(built_site, "gazette/2018/")
    assert year.index('id="i7"') < year.index('id="i6"')


def test_the_issue_print_view_has_its_running_head(built_site):
    html = _html(built_site, "gazette/2018/06/print/")
    assert '<link rel="stylesheet" href="running-head.css">' in html
    css = (built_site / "gazette/2018/06/print/running-head.css").read_text(encoding="utf-8")
    assert '@top-center { content: "无锡市人民政府公报（示例） 2018年第6期";' in css
    assert "@page :first" in css


def test_serve_answers_a_missing_page_with_the_sites_404_page(built_site):
    with serve(built_site) as url:
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(url + "doc/xzbf/2018/999/")
        assert missing.value.code == 404
        page = missing.value.read().decode("utf-8")
        assert "页面不存在" in page and 'class="md-header' in page, "the site's page, with its header"
        assert urllib.request.urlopen(url + SEED).status == 200


# ---------------------------------------------------------------- the official layout of a body (unit)

NOTICE = """各区人民政府：

现将有关事项通知如下，请认真贯彻执行。

附件：1. 试点名单

无锡市人民政府办公室

2018年7月23日

附件1

试点项目名单

| 序号 | 名称 |
|---|---|
| 1 | 甲 |
"""


def test_signature_date_and_annex_get_their_layout():
    html = body.markdown(NOTICE)
    assert "无锡市人民政府办公室\n{: .gb-signature }" in html
    assert "2018年7月23日\n{: .gb-signature-date }" in html
    assert "附件1\n{: .gb-annex }" in html
    assert "试点项目名单\n{: .gb-annex-title }" in html
    assert "附件：1. 试点名单\n{:" not in html, "the list of attachments is a paragraph"
    assert sorted(v for _, _, v in body.generated(NOTICE)) == ["gb-annex", "gb-annex-title", "gb-signature", "gb-signature-date"]


@pytest.mark.parametrize("text,roles", [
    ("本办法自2018年8月1日起施行。\n\n2018年8月1日起，停止执行原办法。", []),        # dates inside sentences
    ("各单位要抓好落实，确保按时完成。\n\n2018年7月23日", ["gb-signature-date"]),   # a sentence is no signature
    ("一、总体要求\n\n2018年7月23日", ["gb-signature-date"]),                       # nor is a heading
    ("```\n无锡市人民政府\n\n2018年7月23日\n```", []),                             # quoted as code
    ("附件：1. 试点名单\n\n2. 汇总表", []),                                          # the list of attachments
])
def test_lines_that_only_look_like_a_signature_keep_their_layout(text, roles):
    assert [v for tag, attr, v in body.generated(text) if attr == "class" and tag == "p"] == roles


# ---------------------------------------------------------------- in the browser: where things stand

@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_interpretation_is_in_the_first_screen(page, site_url, size):
    _open(page, site_url, SEED, size)
    link = _box(page, ".gb-interpretations a")
    assert 0 < link["top"] and link["bottom"] <= size[1], link
    assert _box(page, ".gb-related")["top"] < _box(page, ".gb-body")["top"]
    _shot(page, f"d2-document-{size[0]}")


def test_the_interpretation_comes_before_the_text_in_elder_mode(page, site_url):
    _open(page, site_url, SEED, DESKTOP, elder=True)
    link = _box(page, ".gb-interpretations a")
    assert link["bottom"] < _box(page, ".gb-body p")["top"] and link["bottom"] <= DESKTOP[1]
    _shot(page, "d2-document-elder-1366")


@pytest.mark.parametrize("elder", [False, True], ids=["normal", "elder"])
def test_a_phone_has_a_contents_control_that_stays_at_hand(page, site_url, elder):
    _open(page, site_url, SEED, PHONE, elder)
    control = page.locator(".gb-contents")
    assert control.is_visible() and not control.evaluate("d => d.open")
    page.evaluate("window.scrollTo(0, 4000)")
    _eventually(page, """() => Math.abs(document.querySelector('.gb-contents > summary').getBoundingClientRect().top
                                        - document.querySelector('.md-header').getBoundingClientRect().bottom) <= 2""")
    header = _box(page, ".md-header")
    summary = _box(page, ".gb-contents > summary")
    assert abs(summary["top"] - header["bottom"]) <= 2, "sticks under the header while the text scrolls"
    page.click(".gb-contents > summary")
    entries = page.locator(".gb-contents a")
    assert entries.count() == 25
    assert _box(page, ".gb-contents nav")["bottom"] <= PHONE[1], "the open list fits the screen (it scrolls inside)"
    _shot(page, f"d2-contents-open-360{'-elder' if elder else ''}")
    page.click(".gb-contents a[href$='#sec-4']")  # Material's instant navigation makes links absolute
    # closed, and the heading put below the control once the page has scrolled to it (gb-reading.js, after a timer)
    _eventually(page, """height => { const control = document.querySelector('.gb-contents');
        const top = document.getElementById('sec-4').getBoundingClientRect().top;
        return !control.open && control.getBoundingClientRect().bottom <= top && top < height / 2; }""", PHONE[1])
    assert not control.evaluate("d => d.open"), "closes once a heading is picked"
    target = _box(page, "#sec-4")
    assert _box(page, ".gb-contents")["bottom"] <= target["top"] < PHONE[1] / 2, "the heading shows below the control"


def test_a_wide_screen_shows_the_same_contents_control_and_no_second_list(page, site_url):
    """Material's sidebar would list the same 25 headings again (render/contents.py): it is left empty."""
    _open(page, site_url, SEED, DESKTOP)
    assert page.locator(".gb-contents").is_visible()
    assert page.locator(".md-sidebar--secondary a").count() == 0
    page.click(".gb-contents > summary")
    assert page.locator(".gb-contents a").count() == 25
    page.click(".gb-contents a[href$='#sec-4']")
    _eventually(page, """() => { const top = document.getElementById('sec-4').getBoundingClientRect().top;
        return !document.querySelector('.gb-contents').open
            && document.querySelector('.gb-contents').getBoundingClientRect().bottom <= top; }""")
    assert not page.locator(".gb-contents").evaluate("d => d.open"), "closes once a heading is picked"
    assert _box(page, ".gb-contents")["bottom"] <= _box(page, "#sec-4")["top"] < DESKTOP[1] / 2, "the heading shows below it"


def test_a_wide_screen_shows_the_sidebar_where_it_lists_more_than_the_control(page, site_url):
    """勘误 is a heading of the page but not of the text: the sidebar lists it, and is the list on a desk."""
    _open(page, site_url, CORRECTED, DESKTOP)
    assert page.locator(".md-sidebar--secondary a[href$='#gb-kanwu']").is_visible()
    assert not page.locator(".gb-contents").is_visible()
    _open(page, site_url, CORRECTED, PHONE)
    assert page.locator(".gb-contents").is_visible()


def test_an_interpretation_has_the_contents_control_too(page, site_url):
    _open(page, site_url, ELEVATOR_TJ, PHONE)
    assert page.locator(".gb-contents").is_visible()
    assert page.locator(".gb-contents a").count() == 9


# ---------------------------------------------------------------- official layout

@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_signature_and_date_at_the_right_annex_title_centred(page, site_url, size):
    _open(page, site_url, ANNEXED, size)
    for selector in ("p.gb-signature", "p.gb-signature-date"):
        text = _text_box(page, selector)
        em = float(_style(page, selector, "font-size")["font-size"][:-2])
        assert text["colRight"] - 3 * em <= text["right"], selector
        assert (text["left"] + text["right"]) / 2 > (text["colLeft"] + text["colRight"]) / 2 + em, selector
        assert _style(page, selector, "text-indent")["text-indent"] == "0px"
    title = _text_box(page, "p.gb-annex-title")
    assert abs((title["left"] + title["right"]) / 2 - (title["colLeft"] + title["colRight"]) / 2) < 3
    label = _text_box(page, "p.gb-annex")
    assert label["left"] - label["colLeft"] < 2, "附件 stands at the left, not indented"
    page.locator("p.gb-annex-title").scroll_into_view_if_needed()
    _shot(page, f"d2-annex-{size[0]}")


def test_numbered_headings_are_not_lighter_than_the_body(page, site_url):
    _open(page, site_url, SEED)
    text = _style(page, ".gb-body > p:not([class])", "font-weight", "font-size")
    for level in ("h2", "h3"):
        heading = _style(page, f".gb-body {level}", "font-weight", "font-size")
        assert int(heading["font-weight"]) >= int(text["font-weight"]) and int(heading["font-weight"]) >= 700, level
        assert float(heading["font-size"][:-2]) >= float(text["font-size"][:-2]), level


def test_an_articles_number_keeps_its_typeface_and_a_lower_headings_entry_its_indent(page, site_url):
    """Neither carries a class (tests/test_page_bytes.py): the number is set by its place, the level by its list."""
    _open(page, site_url, "doc/wxzfl/180/")
    number, chapter = _style(page, "#art-3 > b", "font-family", "font-weight"), _style(page, ".gb-body h2", "font-family")
    assert number == {"font-family": chapter["font-family"], "font-weight": "700"}
    assert _style(page, "#art-3", "font-family") != chapter  # the article's text is not set as its number
    centred = _style(page, "#chap-1", "text-align")
    # in the issue's print view, each id prefixed with its document's (d-wxzfl-180-art-3): the same typeface, centring
    _open(page, site_url, "gazette/2018/06/print/")
    assert _style(page, "#d-wxzfl-180-art-3 > b", "font-family", "font-weight") == number
    assert _style(page, "#d-wxzfl-180-chap-1", "text-align") == centred == {"text-align": "center"}
    _open(page, site_url, SEED, PHONE)
    page.click(".gb-contents > summary")
    assert _box(page, ".gb-contents a[href$='#sec-1-1']")["left"] >= _box(page, ".gb-contents a[href$='#sec-1']")["left"] + 20


def test_the_menus_drawer_shows_the_logo_without_a_second_link_home(page, site_url):
    """render/compact.py leaves Material's logo link out of the drawer's title; gb-reading.css draws the logo there."""
    logo = """() => { const s = getComputedStyle(document.querySelector('.md-nav--primary .md-nav__title'), '::before');
        return [s.display, s.width, s.maskImage.startsWith('url(') || s.webkitMaskImage.startsWith('url(')]; }"""
    _open(page, site_url, SEED, PHONE)
    assert page.locator(".md-nav--primary .md-nav__title a").count() == 0
    page.click("label.md-header__button[for=__drawer]")
    assert page.evaluate(logo) == ["block", "24px", True]
    _open(page, site_url, SEED, DESKTOP)  # the menu is a sidebar: no logo in its title, as before
    assert page.evaluate(logo)[0] == "none"


def test_cite_buttons_show_on_the_line_pointed_at_or_focused(page, site_url):
    _open(page, site_url, SEED)
    page.wait_for_selector(".gb-body .gb-cite-btn", state="attached")
    opacity = lambda sel: float(_style(page, sel, "opacity")["opacity"])  # noqa: E731
    assert opacity(".gb-cite > .gb-cite-btn") == 1, "the document's own button is always shown"
    buttons = page.locator(".gb-body .gb-cite-btn")
    assert buttons.count() > 20
    assert page.evaluate("[...document.querySelectorAll('.gb-body .gb-cite-btn')]"
                         ".every(b => getComputedStyle(b).opacity === '0')")
    page.hover("#sec-1-2")
    assert opacity("#sec-1-2 > .gb-cite-btn") == 1 and opacity("#sec-1-3 > .gb-cite-btn") == 0
    page.focus("#sec-2 > .gb-cite-btn")
    assert opacity("#sec-2 > .gb-cite-btn") == 1, "a keyboard reader sees the button it reaches"


def test_on_a_touch_screen_only_top_headings_keep_a_cite_button(browser, site_url):
    context = browser.new_context(viewport={"width": 360, "height": 740}, has_touch=True, is_mobile=True)
    tab = context.new_page()
    tab.goto(site_url + SEED)
    tab.wait_for_selector(".gb-body .gb-cite-btn", state="attached")
    shown = tab.evaluate("[...document.querySelectorAll('.gb-body .gb-cite-btn')]"
                         ".filter(b => getComputedStyle(b).display !== 'none').map(b => b.parentNode.id)")
    assert shown == ["sec-1", "sec-2", "sec-3", "sec-4", "sec-5"]
    context.close()


@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_correction_is_announced_in_the_first_screen(page, site_url, size):
    _open(page, site_url, CORRECTED, size)
    note = _box(page, ".gb-corrected")
    assert 0 < note["top"] and note["bottom"] <= size[1] and note["bottom"] < _box(page, "h1.gb-title")["top"]
    page.click(".gb-corrected a")
    _eventually(page, "height => { const top = document.getElementById('gb-kanwu').getBoundingClientRect().top;"
                      " return 0 <= top && top < height; }", size[1])
    assert 0 <= _box(page, "#gb-kanwu")["top"] < size[1]


@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_issue_contents_show_status_and_neighbours(page, site_url, size):
    _open(page, site_url, "gazette/2018/07/", size)
    mark = page.locator(".gb-status-mark")
    assert mark.count() == 1 and mark.inner_text() == "已废止" and mark.is_visible()
    assert _style(page, ".gb-status-mark", "border-top-style")["border-top-style"] == "solid"
    prev, following = _box(page, ".gb-issue-nav a[rel=prev]"), _box(page, ".gb-issue-nav a[rel=next]")
    assert prev["bottom"] <= size[1] and following["bottom"] <= size[1], "leafing through needs no scrolling"
    assert following["right"] > prev["right"]
    _shot(page, f"d2-issue-{size[0]}")


@pytest.mark.parametrize("size,elder", [(DESKTOP, False), (PHONE, False), (PHONE, True)], ids=["desktop", "phone", "phone-elder"])
def test_numbers_never_break_in_table_cells(page, site_url, size, elder):
    for path in ("", "jiedu/", "catalog/topic/zhzw/"):
        _open(page, site_url, path, size, elder)
        broken = page.evaluate("""() => [...document.querySelectorAll('td.gb-nowrap')].filter(td => {
            const range = document.createRange(); range.selectNodeContents(td);
            return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size > 1;
        }).map(td => td.textContent)""")
        assert page.locator("td.gb-nowrap").count() > 0 and broken == [], (path, broken)
        assert page.evaluate("document.documentElement.scrollWidth") <= size[0], path


def test_axe_finds_nothing_with_the_new_controls_open(page, site_url):
    axe = Axe()
    for path, size, elder in ((SEED, PHONE, False), (SEED, PHONE, True), (ELEVATOR_TJ, PHONE, False),
                              (CORRECTED, DESKTOP, False), ("gazette/2018/07/", PHONE, True), ("jiedu/", DESKTOP, False),
                              ("gazette/", DESKTOP, False), (ANNEXED, DESKTOP, True)):
        _open(page, site_url, path, size, elder)
        if page.locator(".gb-contents").is_visible():
            page.click(".gb-contents > summary")
        # what axe reads mid-transition (the header's title fading in as the page moves) is no colour a reader sees
        _eventually(page, "() => document.getAnimations().every(a => a.playState !== 'running')")
        results = axe.run(page)
        assert results.violations_count == 0, (path, results.generate_report())


# ---------------------------------------------------------------- print

def _pdf_pages(tab) -> list[str]:
    return [p.extract_text() for p in pypdf.PdfReader(io.BytesIO(tab.pdf(prefer_css_page_size=True))).pages]


def test_the_issue_print_view_has_a_running_head_on_every_page_but_the_cover(page, site_url):
    _open(page, site_url, "gazette/2018/06/print/")
    pages = _pdf_pages(page)
    head = re.compile(r"\A无锡市人民政府公报（示例） 2018年第6期\n")
    assert len(pages) > 6
    assert not head.match(_fold(pages[0]))
    assert [i for i, text in enumerate(pages[1:], 2) if not head.match(_fold(text))] == []


def _fold(text: str) -> str:
    """The PDF's text as written: fonts map some CJK characters to their Kangxi radical look-alikes."""
    return text.translate(str.maketrans("⽆⼈⺠⽰", "无人民示"))


def test_a_printed_document_has_no_link_labels(page, site_url):
    _open(page, site_url, CORRECTED)
    text = "\n".join(_pdf_pages(page))
    assert "SHA-256" in text and "本⽂⽹址" in text
    assert "规范⽂本" not in text and "规范文本" not in text and "JSON" not in text


PAGE_NUMBER = re.compile(r"^— \d+ —$")
TRAILER = re.compile(r"^(（此件公[开開]发[布佈]）|责编：.*|SHA-256.*|[0-9a-f]{8,}|本⽂⽹址.*|https?://\S+)$")


@pytest.mark.parametrize("path", ["doc/id/wxszf-2018-rm-06/", CORRECTED])
def test_no_printed_page_holds_only_what_follows_the_text(page, site_url, path):
    """The text is pushed down a line at a time over a whole page: wherever the page ends, the checksum,
    the address and the 附注 never stand on a page of their own."""
    _open(page, site_url, path)
    alone = []
    for shift in range(0, 875, 25):  # a printed page holds 225 mm ≈ 850 px of text
        page.evaluate("px => document.querySelector('.gb-meta').style.marginBottom = px + 'px'", shift)
        for number, text in enumerate(_pdf_pages(page), 1):
            lines = [line for line in text.split("\n") if line.strip() and not PAGE_NUMBER.match(line)]
            if lines and all(TRAILER.match(line) for line in lines):
                alone.append((shift, number, text))
    assert alone == []
