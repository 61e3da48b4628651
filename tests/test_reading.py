"""The reading experience in headless Chromium and in the built HTML: government <meta> tags and
footer, 适老化 mode, Chinese typesetting, 360 px phones, print, the issue print view.

Screenshots land in tests/artifacts/ (git-ignored) for a person to look at."""
from __future__ import annotations

import contextlib
import functools
import http.server
import re
import socket
import threading
from collections import Counter
from pathlib import Path

import pytest

from conftest import copy_sample
from browser import ROOT  # the fixtures (browser, page, built_site, site_url) come from conftest's plugin
from gongbao.publish.build import build
from samplefiles import png

ARTIFACTS = ROOT / "tests" / "artifacts"
DOC = "doc/xzbf/2018/68/"
PAGE_KINDS = {
    "home": "",
    "archive": "gazette/",
    "year": "gazette/2018/",
    "issue": "gazette/2018/06/",
    "issue-print": "gazette/2018/06/print/",
    "document": DOC,
    "regulation": "doc/wxzfl/180/",
    "interpretation": "doc/xzbf/2018/68/jiedu/xzbf-2018-68-wzjd/",
    "interpretations": "jiedu/",
    "catalogues": "catalog/",
    "catalogue": "catalog/topic/zhzw/",
    "search": "search/?q=政务公开",
    "about": "about/",
    "not-found": "404.html",
}


def _copy_sample(target: Path) -> Path:
    return copy_sample(target, files=("mkdocs.yml", "gazette.yml"))


def _set_site_url(repo: Path, url: str) -> None:
    path = repo / "gazette.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(?m)^  url: .*$", f"  url: {url}", text, count=1), encoding="utf-8")


@pytest.fixture(scope="module")
def instant_url(tmp_path_factory):
    """The sample site built for the exact address it is served from.

    Material's instant navigation only intercepts links found in sitemap.xml, and rewrites the
    sitemap's host but not its port: on a test server's random port it would silently fall back to
    full page loads. Built for its own port, the site navigates instantly, as in production."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    repo = _copy_sample(tmp_path_factory.mktemp("instant") / "repo")
    _set_site_url(repo, f"http://127.0.0.1:{port}/")
    build(repo, repo.parent / "site", search_index=False, quiet=True)
    handler = functools.partial(_Quiet, directory=str(repo.parent / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.shutdown()
        server.server_close()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def open_page(tab, base: str, path: str, width: int = 1280, height: int = 900):
    tab.set_viewport_size({"width": width, "height": height})
    tab.goto(base + path)
    tab.wait_for_load_state("networkidle")
    if path.startswith("search/"):
        tab.wait_for_selector("#gb-results li", timeout=10_000)
    return tab


def shot(tab, name: str, **options) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / f"{name}.png"), **options)


# ---------------------------------------------------------------- <meta> tags and footer (built HTML)

def _meta(html: str) -> dict[str, str]:
    return dict(re.findall(r'<meta name="([A-Za-z]+)" content="([^"]*)"', html))


def _html(site: Path, path: str) -> str:
    return (site / (path if path.endswith(".html") else path + "index.html")).read_text(encoding="utf-8")


def test_site_meta_on_every_page(built_site):
    for page_file in built_site.rglob("*.html"):
        meta = _meta(page_file.read_text(encoding="utf-8"))
        if "SiteName" not in meta and "refresh" in page_file.read_text(encoding="utf-8"):
            continue  # a redirect stub of an old address, not a page
        where = page_file.relative_to(built_site)
        assert meta.get("SiteName") == "无锡市人民政府公报（示例）", where
        assert meta.get("SiteDomain") == "gazette.example.gov.cn", where
        assert meta.get("SiteIDCode") == "3202000000", where


@pytest.mark.parametrize("kind,column,column_type", [
    ("document", "政府公报", "政策文件"), ("interpretation", "政策解读", "政策解读"), ("issue", "政府公报", "公报"),
    ("archive", "政府公报", "公报"), ("interpretations", "政策解读", "政策解读"), ("catalogue", "分类目录", "政策文件"),
])
def test_column_meta_on_section_pages(built_site, kind, column, column_type):
    meta = _meta(_html(built_site, PAGE_KINDS[kind]))
    assert (meta["ColumnName"], meta["ColumnType"]) == (column, column_type)


@pytest.mark.parametrize("kind", ["home", "about"])
def test_no_column_or_article_meta_outside_sections(built_site, kind):
    assert not {"ColumnName", "ColumnType", "ArticleTitle", "PubDate", "ContentSource"} & set(_meta(_html(built_site, PAGE_KINDS[kind])))


def test_article_meta_on_documents_and_interpretations(built_site):
    doc = _meta(_html(built_site, DOC))
    assert doc["ArticleTitle"] == "無錫市人民政府辦公室關於印發無錫市全面推進政務公開工作實施辦法的通知"
    assert doc["PubDate"] == "2018-06-05 00:00"
    assert doc["ContentSource"] == "无锡市人民政府办公室"
    jd = _meta(_html(built_site, "doc/xzbf/2018/75/jiedu/xzbf-2018-75-tj/"))
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", jd["PubDate"])
    assert jd["ArticleTitle"] and jd["ContentSource"]
    for kind in ("issue", "catalogue", "home"):
        assert "ArticleTitle" not in _meta(_html(built_site, PAGE_KINDS[kind]))


def test_html_lang_in_the_built_pages(built_site):
    lang = lambda path: re.search(r'<html lang="([^"]+)"', _html(built_site, path))[1]  # noqa: E731
    assert lang(DOC) == "zh-Hant"                # the seed is written in Traditional characters
    assert lang("doc/wxzfl/180/") == "zh-Hans"
    assert lang("") == lang("catalog/") == "zh-Hans"  # the interface script


def _footer(html: str) -> str:
    return html[html.index('<footer class="md-footer">'):]


def test_footer_of_the_sample_site(built_site):
    footer = _footer(_html(built_site, DOC))
    for label, value in (("主办单位", "无锡市人民政府办公室"), ("联系方式", "0510-00000000（示例）"), ("网站标识码", "3202000000")):
        assert f"<dt>{label}</dt><dd>{value}</dd>" in footer
    assert '<a href="https://beian.miit.gov.cn/" rel="noopener">苏ICP备00000000号（示例）</a>' in footer
    assert 'href="https://beian.mps.gov.cn/#/query/webSearch?code=32020000000000"' in footer
    assert ">我为政府网站找错</a>" in footer
    assert "承办单位" not in footer and "党政机关网站标识" not in footer  # empty in gazette.yml


FULL_FOOTER = """\
footer:
  host: 无锡市人民政府办公室
  organizer: 无锡市大数据管理局
  contact: 0510-12345678
  site_id_code: "3202000099"
  icp: 苏ICP备12345678号
  police_record: 苏公网安备 32020202000123号
  gov_logo: assets/dzjg.png
  gov_logo_url: https://bszs.conac.cn/sitename?method=show&id=TEST
  error_report_url: https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code=3202000099
"""


def _build_with_footer(tmp_path: Path, footer: str) -> Path:
    repo = _copy_sample(tmp_path / "repo")
    text = (repo / "gazette.yml").read_text(encoding="utf-8")
    (repo / "gazette.yml").write_text(text[:text.index("footer:")] + footer, encoding="utf-8")
    if "gov_logo" in footer:  # a file in content/ that nothing names is refused
        (repo / "content/assets/dzjg.png").write_bytes(png())  # a PNG by its bytes, as gongbao check requires
    build(repo, tmp_path / "site", search_index=False, quiet=True)
    return tmp_path / "site"


def test_every_footer_field_appears_when_configured(tmp_path):
    site = _build_with_footer(tmp_path, FULL_FOOTER)
    html = _html(site, DOC)
    footer = _footer(html)
    for label in ("主办单位", "承办单位", "联系方式", "网站标识码", "ICP备案号", "公安机关备案号"):
        assert f"<dt>{label}</dt>" in footer, label
    assert "<dd>无锡市大数据管理局</dd>" in footer
    assert 'code=32020202000123"' in footer
    assert '<a href="https://bszs.conac.cn/sitename?method=show&amp;id=TEST" rel="noopener"><img class="gb-footer__logo" ' \
           'src="../../../../assets/dzjg.png" alt="党政机关网站标识"></a>' in footer
    assert _meta(html)["SiteIDCode"] == "3202000099"


def test_footer_fields_and_site_id_meta_disappear_when_empty(tmp_path):
    site = _build_with_footer(tmp_path, 'footer:\n  host: ""\n')
    html = _html(site, DOC)
    footer = _footer(html)
    assert "<dt>" not in footer and "我为政府网站找错" not in footer and "<img" not in footer
    meta = _meta(html)
    assert "SiteIDCode" not in meta
    assert meta["SiteName"] and meta["SiteDomain"]
    assert meta["ContentSource"] == "无锡市人民政府办公室"  # the issuer, not the (now empty) host


# ---------------------------------------------------------------- the issue print view and topic catalogues

def test_issue_page_links_to_its_print_view(built_site):
    assert '<a href="print/">整期打印版（封面、目录和全部文件全文）</a>' in _html(built_site, "gazette/2018/06/")


def test_issue_print_view_has_cover_toc_and_every_public_document(built_site):
    html = _html(built_site, "gazette/2018/07/print/")
    assert "2018年第7期" in html and "总第390期" in html
    sections = re.findall(r'<section [^>]*class="gb-print-doc" id="([^"]+)"', html)
    assert sections == ["d-xzbf-2018-75", "d-xzbh-2018-41", "d-xfgg-2018-2"]  # by the issue's section order
    assert "举办2018年度全市政务公开专项业务培训班" not in html  # 不予公开: never published
    for anchor in sections:
        assert f'<a href="#{anchor}">' in html
    ids = Counter(re.findall(r'\sid="([^"]+)"', html))
    assert not [i for i, n in ids.items() if n > 1], "anchors of several documents must not collide"


def test_issue_print_view_keeps_each_documents_anchors_and_heading_levels(built_site):
    html = _html(built_site, "gazette/2018/06/print/")
    assert 'id="d-wxzfl-180-art-3"' in html
    assert re.search(r'<h3 id="d-xzbf-2018-68-sec-1">一、', html), "一、 is h3 under the document's h2"
    assert html.count("（此件公开发布）") == 3 and html.count("（此件公開發布）") == 1  # each in its document's script


def test_topic_catalogues_in_the_taxonomys_order(built_site):
    index = _html(built_site, "catalog/")
    topics = index[index.index('id="topic"'):]
    names = re.findall(r'<a href="topic/[a-z]+/">([^<]+)</a>', topics)
    assert names == ["综合政务", "国民经济管理、国有资产监管", "财政、金融、审计", "城乡建设、环境保护", "劳动、人事、监察"]
    zhzw = _html(built_site, "catalog/topic/zhzw/")
    assert "无锡市人民政府公报管理办法" in zhzw and "锡政办发〔2018〕68号" in zhzw


# ---------------------------------------------------------------- in the browser

def _style(tab, selector: str, *props: str) -> dict:
    return tab.evaluate("""([sel, props]) => { const s = getComputedStyle(document.querySelector(sel));
        return Object.fromEntries(props.map(p => [p, s.getPropertyValue(p)])); }""", [selector, list(props)])


def _contrast(tab, selector: str) -> float:
    """WCAG contrast of an element's text against the page background (alpha blended over it)."""
    return tab.evaluate("""sel => {
        const rgba = c => c.match(/[\\d.]+/g).map(Number);
        const el = document.querySelector(sel);
        const [r, g, b, a = 1] = rgba(getComputedStyle(el).color);
        const [br, bg, bb] = rgba(getComputedStyle(document.body).backgroundColor);
        const mix = (f, k) => f * a + k * (1 - a);
        const lum = c => { c = c.map(v => v / 255).map(v => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
                           return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]; };
        const L1 = lum([mix(r, br), mix(g, bg), mix(b, bb)]), L2 = lum([br, bg, bb]);
        return (Math.max(L1, L2) + 0.05) / (Math.min(L1, L2) + 0.05);
    }""", selector)


def test_elderly_mode_enlarges_text_raises_contrast_and_persists(browser, instant_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    popups = []
    tab.on("dialog", lambda d: popups.append(d))
    errors = []  # e.g. a Content-Security-Policy refusal of the inline script that applies the mode early
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    context.on("page", lambda p: popups.append(p))
    open_page(tab, instant_url, DOC)
    body_text = ".gb-body p"
    before = float(_style(tab, body_text, "font-size")["font-size"][:-2])
    contrast_before = _contrast(tab, body_text)

    tab.click("[data-gb-elder-toggle]")
    assert tab.get_attribute("[data-gb-elder-toggle]", "aria-pressed") == "true"
    style = _style(tab, body_text, "font-size", "line-height")
    size, line = float(style["font-size"][:-2]), float(style["line-height"][:-2])
    assert size >= 18 and size > before, (before, size)
    assert line / size >= 1.5
    contrast = _contrast(tab, body_text)
    assert contrast > contrast_before and contrast >= 7, (contrast_before, contrast)
    header = _style(tab, ".md-header", "background-color", "color")
    assert header == {"background-color": "rgb(0, 0, 0)", "color": "rgb(255, 255, 255)"}, "high-contrast header"
    shot(tab, "document-elder-desktop")

    # An instant page change (same window, content swapped): the mode stays.
    tab.evaluate("window.gbSameWindow = true")
    tab.click(".md-nav--primary a[href$='gazette/']")
    tab.wait_for_url(re.compile(r"/gazette/$"))
    tab.wait_for_load_state("networkidle")
    assert tab.evaluate("window.gbSameWindow === true"), "instant navigation expected"
    assert tab.evaluate("document.documentElement.classList.contains('gb-elder')")
    assert float(_style(tab, ".md-typeset", "font-size")["font-size"][:-2]) >= 18

    # A full page load: applied from localStorage before first paint.
    tab.goto(instant_url + "doc/wxzfl/180/", wait_until="domcontentloaded")
    assert tab.evaluate("document.documentElement.classList.contains('gb-elder')")
    assert tab.get_attribute("[data-gb-elder-toggle]", "aria-pressed") == "true"
    assert any(k.endswith("gb.elder") for k in tab.evaluate("Object.keys(localStorage)"))
    assert context.cookies() == [], "remembered without cookies"

    tab.click("[data-gb-elder-toggle]")
    tab.reload()
    assert not tab.evaluate("document.documentElement.classList.contains('gb-elder')")
    assert popups == [], "no pop-ups"
    assert errors == []
    context.close()


def test_html_lang_follows_instant_navigation(page, instant_url):
    open_page(page, instant_url, PAGE_KINDS["issue"])
    assert page.evaluate("document.documentElement.lang") == "zh-Hans"
    page.evaluate("window.gbSameWindow = true")
    page.click(f"a[href$='{DOC}']")
    page.wait_for_function("() => document.documentElement.lang === 'zh-Hant'")  # a function: the site's CSP forbids eval
    assert page.evaluate("window.gbSameWindow === true"), "instant navigation expected"


def test_chinese_typesetting_of_a_document(page, site_url):
    open_page(page, site_url, DOC)
    para = _style(page, ".gb-body p", "line-break", "word-break", "text-indent", "font-size", "font-family")
    assert para["line-break"] == "strict" and para["word-break"] == "normal"
    assert float(para["text-indent"][:-2]) == pytest.approx(2 * float(para["font-size"][:-2]))
    assert para["font-family"].startswith("FangSong, STFangsong")
    h2 = _style(page, ".gb-body h2", "font-family", "font-weight")
    assert h2["font-family"].startswith("SimHei") and h2["font-weight"] == "700"
    assert _style(page, ".gb-body h3", "font-family")["font-family"].startswith("KaiTi")
    page.goto(site_url + "doc/wxzfl/180/")
    chapter = _style(page, ".gb-body h2[id='chap-1']", "text-align")
    assert chapter["text-align"] == "center"


@pytest.mark.parametrize("elder", [False, True], ids=["normal", "elder"])
def test_no_horizontal_scroll_at_360px(browser, site_url, elder):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    tab = context.new_page()
    too_wide = {}
    for kind, path in PAGE_KINDS.items():
        open_page(tab, site_url, path, width=360, height=740)
        if elder and tab.get_attribute("[data-gb-elder-toggle]", "aria-pressed") != "true":
            tab.click("[data-gb-elder-toggle]")
        width = tab.evaluate("document.documentElement.scrollWidth")
        if width > 360:
            too_wide[kind] = width
    assert too_wide == {}
    context.close()


def test_metadata_list_reflows_to_one_column_on_a_phone(page, site_url):
    open_page(page, site_url, DOC, width=360, height=740)
    lefts = page.evaluate("[...document.querySelectorAll('.gb-meta > div')].map(d => d.getBoundingClientRect().left)")
    assert len(set(lefts)) == 1
    shot(page, "document-mobile-360")
    open_page(page, site_url, "", width=360, height=740)
    shot(page, "home-mobile-360", full_page=True)


def test_print_of_a_document(page, site_url):
    open_page(page, site_url, DOC, width=1280)
    shot(page, "document-desktop")
    page.set_viewport_size({"width": 794, "height": 1123})  # A4 at 96 dpi
    page.emulate_media(media="print")
    for hidden in (".md-header", ".md-sidebar--primary", ".md-footer", ".gb-interpretations"):
        assert not page.locator(hidden).first.is_visible(), hidden
    url = page.locator(".gb-print-url")
    assert url.is_visible() and url.inner_text() == "本文网址：https://gazette.example.gov.cn/doc/xzbf/2018/68/"
    assert page.locator(".gb-published-note").inner_text() == "（此件公開發布）"  # the seed is in Traditional
    assert _style(page, ".gb-title", "text-align")["text-align"] == "center"
    shot(page, "document-print", full_page=True, clip={"x": 0, "y": 0, "width": 794, "height": 2200})


def test_print_of_an_issue(page, site_url):
    open_page(page, site_url, "gazette/2018/06/print/", width=794, height=1123)
    page.emulate_media(media="print")
    assert page.locator(".gb-print-doc").count() == 4
    breaks = page.evaluate("[...document.querySelectorAll('.gb-print-doc')].map(s => getComputedStyle(s).breakBefore)")
    assert set(breaks) == {"page"}
    assert _style(page, ".gb-print-cover", "break-after")["break-after"] == "page"
    assert not page.locator(".md-header").is_visible()
    shot(page, "issue-print", full_page=True, clip={"x": 0, "y": 0, "width": 794, "height": 3000})


def _pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b", pdf))


def test_printed_pdfs_paginate_an_issue_document_by_document(page, site_url):
    """Chromium's own print to PDF (A4 from the stylesheet's @page): cover, contents, then one new page per document."""
    open_page(page, site_url, "gazette/2018/06/print/")
    issue = page.pdf(prefer_css_page_size=True)
    open_page(page, site_url, DOC)
    document = page.pdf(prefer_css_page_size=True)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "issue-print.pdf").write_bytes(issue)
    (ARTIFACTS / "document-print.pdf").write_bytes(document)
    assert _pdf_pages(issue) >= 2 + 4
    assert _pdf_pages(document) >= 2
