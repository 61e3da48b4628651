"""The interface script (gazette.yml ``site.interface_script``): every label we write follows it,
and nothing else does — content, filter values, search data, URLs and anchors stay as they are."""
from __future__ import annotations

import html as html_lib
import json
import re
from pathlib import Path

import pytest

from browser import serve  # the fixtures (browser, page, built_site) come from conftest's plugin
from conftest import ROOT, copy_sample
import search_index_reader
from gongbao.publish.build import build
from gongbao.publish.render import record, searchpage, ui

SEED = "doc/xzbf/2018/68/"          # written in Traditional
REGULATION = "doc/wxzfl/180/"       # written in Simplified
ISSUE = "gazette/2018/06/"
HAN = re.compile(r"[\u3400-\u9fff]")


# ---------------------------------------------------------------- the label function

def test_simplified_interface_passes_labels_through():
    with ui.interface("zh-Hans"):
        assert ui.t("发布日期") == "发布日期"
        assert ui.t("制发机关") == "制发机关"


@pytest.mark.parametrize("label, traditional", [
    ("公开属性", "公開屬性"),
    ("文件状态", "文件狀態"),
    ("本期目录", "本期目錄"),
    ("政策解读", "政策解讀"),
    ("内容检索", "內容檢索"),
    ("共 {count} 条结果。", "共 {count} 條結果。"),  # placeholders survive
])
def test_traditional_interface_converts_phrase_by_phrase(label, traditional):
    with ui.interface("zh-Hant"):
        assert ui.t(label) == traditional


@pytest.mark.parametrize("label, traditional", [
    ("制发机关", "製發機關"),        # the phrase table: OpenCC's s2t gives 制發機關
    ("发布日期", "發布日期"),        # and 發佈日期
    ("按制发机关", "按製發機關"),
    ("我为政府网站找错", "我為政府網站找錯"),  # the variant table: s2t gives 爲
    ("检索需要启用 JavaScript。", "檢索需要啟用 JavaScript。"),  # and 啓
])
def test_overrides_fix_what_opencc_gets_wrong(label, traditional):
    assert ui.convert(label, "zh-Hant") == traditional


def test_the_script_is_scoped_to_the_rendering_that_set_it():
    assert ui.script() == "zh-Hans"
    with ui.interface("zh-Hant"):
        assert ui.script() == "zh-Hant"
        with ui.interface("zh-Hans"):
            assert ui.t("目录") == "目录"
        assert ui.t("目录") == "目錄"
    assert ui.t("目录") == "目录"


def _labels(value: str) -> dict[str, str]:
    """A data-gb-labels value as the scripts read it (readLabels): key=label, one a line."""
    return dict(line.split("=", 1) for line in html_lib.unescape(value).split("\n") if "=" in line)


def test_labels_for_a_browser_script_are_converted_escaped_lines():
    with ui.interface("zh-Hant"):
        attribute = ui.attribute({"none": "没有找到相关结果。", "quote": 'a "b" = c'})
    value = re.fullmatch(r'data-gb-labels="([^"]*)"', attribute)[1]
    assert _labels(value) == {"none": "沒有找到相關結果。", "quote": 'a "b" = c'}
    assert "&quot;" in value and '"' not in value


@pytest.mark.parametrize("labels", [{"a=b": "x"}, {"a": "一\n二"}])
def test_a_label_that_would_break_its_line_is_refused(labels):
    with pytest.raises(ValueError):
        ui.attribute(labels)


@pytest.mark.parametrize("script, labels", [
    ("content/assets/javascripts/gb-search.js", searchpage.SCRIPT_LABELS),
    ("content/assets/gb-cite.js", record.CITE_LABELS),
])
def test_browser_scripts_use_exactly_the_labels_the_page_gives_them(script, labels):
    used = set(re.findall(r'\bmsg\("(\w+)"', (ROOT / script).read_text(encoding="utf-8")))
    assert used == set(labels)


def test_template_labels_all_go_through_the_filter():
    """Chinese text in a template is either in a Jinja tag or comment, or a label piped through ``ui``."""
    for path in sorted((ROOT / "overrides").rglob("*.html")):
        text = re.sub(r"\{#.*?#\}|\{%.*?%\}|\{\{.*?\}\}", "", path.read_text(encoding="utf-8"), flags=re.S)
        assert not HAN.search(text), f"{path.relative_to(ROOT)}: {HAN.search(text) and text[HAN.search(text).start():][:20]!r}"
    for path in sorted((ROOT / "overrides").rglob("*.html")):
        for expression in re.findall(r"\{\{(.*?)\}\}", path.read_text(encoding="utf-8"), flags=re.S):
            if HAN.search(expression):
                assert re.fullmatch(r'\s*"[^"]+"\s*\|\s*ui\s*', expression), (path.name, expression)


# ---------------------------------------------------------------- a zh-Hant build of the sample

@pytest.fixture(scope="module")
def hant_site(tmp_path_factory) -> Path:
    """The sample gazette with ``interface_script: zh-Hant``, built with its search index."""
    base = tmp_path_factory.mktemp("hant")
    repo = copy_sample(base / "repo", files=("mkdocs.yml", "gazette.yml"))
    settings = (repo / "gazette.yml").read_text(encoding="utf-8")
    assert "interface_script: zh-Hans" in settings
    (repo / "gazette.yml").write_text(settings.replace("interface_script: zh-Hans", "interface_script: zh-Hant"),
                                      encoding="utf-8")
    build(repo, base / "site", quiet=True)
    return base / "site"


def html(site: Path, url: str) -> str:
    return (site / url / "index.html" if not url.endswith(".html") else site / url).read_text(encoding="utf-8")


def meta_rows(page: str) -> dict[str, str]:
    block = re.search(r'<dl class="gb-meta"[^>]*>(.*?)</dl>', page, re.S)[1]
    return {k: re.sub(r"<[^>]+>", "", v).strip()
            for k, v in re.findall(r"<dt[^>]*>(.*?)</dt>\s*<dd[^>]*>(.*?)</dd>", block, re.S)}


def _between(page: str, start: str, end: str) -> str:
    at = page.index(start)
    return page[at:page.index(end, at)]


def test_document_header_block_labels_are_traditional_values_as_written(hant_site):
    rows = meta_rows(html(hant_site, REGULATION))
    assert rows["文號"] == "无锡市人民政府令第180号"
    assert rows["製發機關"] == "无锡市人民政府"
    assert rows["發布日期"] == "2018年6月28日"
    assert rows["文件狀態"] == "執行中"   # closed vocabularies are shown in the interface script
    assert rows["公開屬性"] == "主動公開"
    assert rows["欄目"] == "市政府规章"
    assert not {"文号", "制发机关", "发布日期", "文件状态", "公开属性"} & set(rows)


def test_content_is_the_same_under_either_interface(hant_site, built_site):
    for url in (REGULATION, SEED):
        hant, hans = html(hant_site, url), html(built_site, url)
        assert re.search(r'<h1 class="gb-title"[^>]*>(.*?)</h1>', hant)[1] == re.search(r'<h1 class="gb-title"[^>]*>(.*?)</h1>', hans)[1]
        # the body and its 附注 (此件公开发布, in the document's own script); the 责编 label after them differs
        assert _between(hant, '<div class="gb-body">', '<p class="gb-editor"') == \
            _between(hans, '<div class="gb-body">', '<p class="gb-editor"')
    assert "无锡市人民政府公报管理办法" in html(hant_site, REGULATION)
    # the document keeps its own script in <html lang>; interface pages take the interface script
    lang = lambda site, url: re.search(r'<html lang="([^"]+)"', html(site, url))[1]  # noqa: E731
    assert lang(hant_site, REGULATION) == "zh-Hans" and lang(hant_site, SEED) == "zh-Hant"
    assert lang(hant_site, "") == lang(hant_site, "catalog/") == lang(hant_site, ISSUE) == "zh-Hant"


def test_search_filter_values_data_and_anchors_are_unchanged(hant_site, built_site):
    def filters_and_ids(site: Path) -> dict[str, tuple]:
        out = {}
        for path in site.rglob("*.html"):
            text = path.read_text(encoding="utf-8")
            out[str(path.relative_to(site))] = (re.findall(r'data-pagefind-(?:filter|sort)="([^"]*)"', text),
                                                re.findall(r'\bid="([^"]*)"', text))
        return out
    assert filters_and_ids(hant_site) == filters_and_ids(built_site)

    def data(site: Path) -> dict:
        """The search data, but for what is display text in the interface script: the status a number
        lookup shows, the index's page records' titles, text and metadata, and its keys (that text
        folded; the test below finds a label by its Simplified text)."""
        out = {}
        for p in (site / "search").rglob("*.json"):
            if "keys" in p.parts:
                continue
            value = json.loads(search_index_reader.text(p))
            if "numbers" in p.parts:
                value = {serial: {k: v for k, v in hit.items() if k != "status"} for serial, hit in value.items()}
            if "pages" in p.parts or "cited" in p.parts:  # a cited number's short records are page records too
                value = {id_: {k: record[k] for k in ("url", "date", "filters")} for id_, record in value.items()}
            out[str(p.relative_to(site))] = value
        return out
    assert data(hant_site) == data(built_site)
    assert json.loads((hant_site / "search/numbers/xzbf/2018.json").read_text(encoding="utf-8"))["68"]["status"] == "執行中"
    facets = html(hant_site, "search/")
    values = re.findall(r'<input type="checkbox" name="(\w+)" value="([^"]*)"', facets)
    assert values == re.findall(r'<input type="checkbox" name="(\w+)" value="([^"]*)"', html(built_site, "search/"))
    assert ("kind", "政策解读") in values and ("issuer", "无锡市人民政府办公室") in values
    assert ("status", "执行中") in values and 'data-name="執行中"' in facets  # the value filters, the name is shown


def test_issue_table_of_contents_labels_are_traditional(hant_site):
    page = html(hant_site, ISSUE)
    assert '<h2 id="toc">本期目錄</h2>' in page
    assert '<h1 class="gb-title" id="政府公报-2018年第6期总第389期">政府公報 2018年第6期（總第389期）</h1>' in page
    assert "出版日期：" in page and "整期打印版（封面、目錄和全部文件全文）" in page
    assert '<h3 class="gb-section" id="市政府规章">市政府规章</h3>' in page       # a section is content
    assert ">无锡市人民政府公报管理办法</a>" in page                              # so is a title
    # the label title stays searchable in Simplified: the index folds it like a Traditional document
    assert ISSUE in search_index_reader.found(hant_site, "政府公报 2018年第6期（总第389期）")


def test_search_page_labels_are_traditional(hant_site):
    page = html(hant_site, "search/")
    assert '<h1 class="gb-title">內容檢索</h1>' in page
    assert '<label class="md-visually-hidden" for="gb-q">檢索詞</label>' in page
    assert '<summary>篩選條件</summary>' in page and "依申請公開" in page  # the filters, the help
    assert '<option value="date-asc">按日期，舊的在前</option>' in page
    legends = re.findall(r"<legend>(.*?)</legend>", page)
    assert legends == ["頁面類型", "製發機關", "年份", "文件類型", "文件狀態", "公報期次", "徵求意見"]
    assert re.search(r'value="政策解读" [^>]*><label [^>]*data-name="政策解讀">政策解讀（\d+）</label>', page)
    assert re.search(r'value="无锡市人民政府" [^>]*><label [^>]*data-name="无锡市人民政府">无锡市人民政府（\d+）', page)
    labels = _labels(re.search(r'data-gb-labels="([^"]*)"', page)[1])
    assert labels["none"] == "沒有找到相關結果。"


def test_footer_nav_and_header_labels_are_traditional(hant_site):
    page = html(hant_site, REGULATION)
    footer = page[page.index('<footer class="md-footer">'):]
    for label in ("主辦單位", "聯繫方式", "網站標識碼", "ICP備案號", "公安機關備案號"):
        assert f"<dt>{label}</dt>" in footer, label
    assert "<dd>无锡市人民政府办公室</dd>" in footer  # the host is a name, as configured
    assert ">我為政府網站找錯</a>" in footer
    assert re.search(r'class="md-nav__link">\s*公報目錄\s*</a>', page)  # the site navigation's label
    assert "適老模式" in page and 'placeholder="檢索：全文或文號"' in page and "跳到正文" in page
    assert '<meta name="ColumnName" content="政府公報">' in page
    assert "頁面不存在" in html(hant_site, "404.html")


def test_generated_files_labels_are_traditional(hant_site):
    feed = (hant_site / "feeds/documents.xml").read_text(encoding="utf-8")
    assert "｜發布日期 2018-06-28｜" in feed and "发布日期" not in feed
    alias = html(hant_site, "wh/无锡市人民政府令第180号/")
    assert '<html lang="zh-Hant">' in alias and "本頁的永久網址是" in alias


# ---------------------------------------------------------------- the browser scripts, in Chromium

@pytest.fixture(scope="module")
def hant_url(hant_site):
    with serve(hant_site) as url:
        yield url


def _settled(page):
    page.wait_for_function("() => { const s = document.getElementById('gb-search-status');"
                           " return s && s.textContent && !s.textContent.startsWith('正在'); }", timeout=20000)
    return page.text_content("#gb-search-status")


def test_search_messages_are_traditional_in_the_browser(page, hant_url):
    page.goto(hant_url + "search/?q=量子纠缠")
    assert _settled(page) == "沒有找到相關結果。"
    assert page.locator("#gb-results li").count() == 0
    # the facet counts are rewritten after the search: their names stay in the interface script
    assert page.text_content('label[data-name="政策解讀"]') == "政策解讀（0）"
    page.goto(hant_url + "search/?q=锡政办发〔2099〕1号")
    assert _settled(page) == "沒有找到文號為 锡政办发〔2099〕1号 的公開文件。"


def test_cite_buttons_are_labelled_in_the_interface_script(page, hant_url):
    page.goto(hant_url + REGULATION)
    button = page.locator(".gb-cite > .gb-cite-btn")
    button.wait_for()
    assert button.get_attribute("aria-label") == "引用本文件（複製引用文字）"
    # the pinpoint (第一条) is the document's own text, in its own script
    assert page.locator("#art-1 > .gb-cite-btn").get_attribute("aria-label") == "引用第一条（複製引用文字）"
