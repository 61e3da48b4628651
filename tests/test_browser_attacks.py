"""The published site as a reader's browser runs it, against what an editor (or a link an outsider makes a reader
click) can put into it: names that are JavaScript's own property names, stored state another page of the origin
wrote. Each case passed the check and the build, then broke the page in Chromium."""
from __future__ import annotations

import pytest

from browser import serve
from conftest import copy_sample
from gongbao.publish.build import build

# Names every plain JavaScript object answers to: as a 制发机关, a filter value of the search page
PROTOTYPE_NAMES = ("constructor", "__proto__", "toString")


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory):
    """The sample gazette with one more document for each issuer named like an object's property."""
    repo = copy_sample(tmp_path_factory.mktemp("hostile") / "repo", files=("mkdocs.yml", "gazette.yml"))
    settings = repo / "gazette.yml"
    settings.write_text(settings.read_text(encoding="utf-8").replace(
        "issuers:\n", "issuers:\n" + "".join(f"  '{n}': code{i}\n" for i, n in enumerate(PROTOTYPE_NAMES)), 1),
        encoding="utf-8")
    source = (repo / "gazette/2018/06/rm-2018-06.md").read_text(encoding="utf-8")
    for i, name in enumerate(PROTOTYPE_NAMES):
        (repo / f"gazette/2018/06/proto-{i}.md").write_text(
            source.replace("无锡市人民政府关于周文彬等同志职务任免的通知", f"原型名称第{i}号通知")
            .replace("wxszf-2018-rm-06", f"wxszf-2018-proto-{i}").replace("issuer: 无锡市人民政府", f"issuer: '{name}'"),
            encoding="utf-8")
    # a hand-written page neither front matter nor the nav names: MkDocs takes its title from its first heading
    (repo / "content/notice.md").write_text(f"# {TITLE_HEADING}\n\n本站公告。\n", encoding="utf-8")
    build(repo, repo.parent / "site", quiet=True)
    with serve(repo.parent / "site") as url:
        yield url


# Text that names markup with character references, as an editor may write it to show a tag (the page shows it as text)
TITLE_HEADING = ("公告&lt;/title&gt;&lt;div class=&quot;gb-banner gb-withdrawn&quot;&gt;本站已停止运行&lt;/div&gt;"
                 "&lt;a href=&quot;https://example.org/&quot;&gt;新网址&lt;/a&gt;")


def test_a_hand_written_pages_heading_is_its_title_as_text(page, hostile_url):
    """The theme writes a title taken from a page's heading through Jinja's striptags, which decodes character
    references and prints the result unescaped: the heading above, text on the page, was a </title>, a fake 停止运行
    banner in the project's classes and a link to another host, in every reader's browser. They are the page's title."""
    page.goto(hostile_url + "notice/")
    heading = page.text_content("h1")
    assert heading.startswith("公告</title><div")
    assert page.title().startswith(heading + " - ")
    assert page.evaluate("document.querySelectorAll('.gb-banner, a[href^=\"https://example.org\"]').length") == 0


def _facet_labels(page) -> dict[str, str]:
    """The 制发机关 filter's shown options: value → the label's text."""
    return {box.get_attribute("value"): box.evaluate("b => b.nextElementSibling.textContent")
            for box in page.query_selector_all("input[name=issuer]") if box.is_visible()}


def test_a_filter_value_named_like_an_objects_property_is_counted_as_any_other(page, hostile_url):
    page.goto(hostile_url + "search/?q=原型名称")
    page.wait_for_selector("#gb-results li")
    page.wait_for_function("() => document.getElementById('gb-search-status').textContent.includes('条结果')")
    labels = _facet_labels(page)
    assert {n: labels.get(n) for n in PROTOTYPE_NAMES} == {n: f"{n}（1）" for n in PROTOTYPE_NAMES}
    # a document number is not narrowed by filters: none is offered, these names no more than others
    page.goto(hostile_url + "search/?q=锡政办发〔2018〕68号")
    page.wait_for_selector("#gb-results li")
    assert _facet_labels(page) == {}


@pytest.mark.parametrize("stored", ["{bad", "undefined", ""])
def test_the_elder_mode_survives_a_stored_value_that_is_not_json(page, hostile_url, stored):
    """localStorage is the origin's: another site on the same host (user.github.io/other/) or an old version wrote
    under our key. The page's reading controls still work, and the mode is off."""
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(hostile_url + "doc/xzbf/2018/68/")
    page.evaluate("v => localStorage.setItem(__md_scope.pathname + '.gb.elder', v)", stored)
    page.reload()
    page.wait_for_load_state("load")
    assert errors == []
    assert page.evaluate("getComputedStyle(document.documentElement).getPropertyValue('--gb-header-height')")
    assert "gb-elder" not in page.evaluate("document.documentElement.className")
    page.click("[data-gb-elder-toggle]")
    assert "gb-elder" in page.evaluate("document.documentElement.className")


@pytest.fixture(scope="module")
def wide_url(tmp_path_factory):
    """The sample gazette with a document whose table has thirty columns of long unbroken values."""
    repo = copy_sample(tmp_path_factory.mktemp("wide") / "repo", files=("mkdocs.yml", "gazette.yml"))
    source = (repo / "gazette/2018/06/rm-2018-06.md").read_text(encoding="utf-8")
    row = "|" + "|".join(["2018" * 10] * 30) + "|\n"
    (repo / "gazette/2018/06/wide.md").write_text(
        source.replace("无锡市人民政府关于周文彬等同志职务任免的通知", "宽表格的通知").replace("wxszf-2018-rm-06", "wxszf-2018-wide")
        + "\n\n" + row + "|" + "---|" * 30 + "\n" + row, encoding="utf-8")
    build(repo, repo.parent / "site", search_index=False, quiet=True)
    with serve(repo.parent / "site") as url:
        yield url


@pytest.mark.parametrize("path", ["doc/id/wxszf-2018-wide/", "gazette/2018/06/print/"])
def test_a_wide_table_is_printed_whole(page, wide_url, path):
    """On paper nothing scrolls: a table wider than the page lost its columns past the right margin."""
    page.emulate_media(media="print")
    page.goto(wide_url + path)
    width = page.evaluate("document.documentElement.clientWidth")
    cells = page.evaluate("Array.from(document.querySelectorAll('.gb-body td, .gb-body th'))"
                          ".map(c => Math.round(c.getBoundingClientRect().right))")
    assert len(cells) >= 60
    assert max(cells) <= width
