"""Pages rendered in parts (gongbao.publish.render.parts): the same pages as before, rendered once, in linear time."""
from __future__ import annotations

import gc
import json
import time
from pathlib import Path

import pytest
from mkdocs.utils.meta import get_data

import page_shape
from conftest import site_markdown
from gongbao.identifiers import numerals
from gongbao.publish import rendered_html
from gongbao.content.relations import reverse
from gongbao.publish.render import document, parts, site

ROOT = Path(__file__).resolve().parent.parent
DOC = "gazette/2018/06/xzbf-68.md"
MARK = parts.MARK


@pytest.fixture(scope="module")
def render():
    return lambda text: site_markdown().reset().convert(get_data(text)[0])


def test_parts_are_put_back_in_their_places():
    body = rendered_html.Authored("a.md", 5, "正文", "正文")
    page = parts.Page({"title": "T"}, ("<article>", parts.Markdown("# T"), "<div>", parts.Markdown("正文", body), "</div></article>"))
    assert page.markdown() == f"---\ntitle: T\n---\n\n# T\n\n{MARK}\n\n正文\n"
    assert page.assemble(f"<h1>T</h1>\n{MARK}\n<p>正文</p>") == "<article><h1>T</h1>\n<div><p>正文</p>\n</div></article>"
    assert "正文" not in page.ours() and "# T" in page.ours() and page.authored() == [body]


@pytest.mark.parametrize("rendered", ["<h1>T</h1><p>正文</p>", f"<h1>T</h1>{MARK}<p>{MARK}</p>"])
def test_a_rendering_with_the_wrong_number_of_parts_is_refused(rendered):
    page = parts.Page({}, (parts.Markdown("# T"), parts.Markdown("正文", rendered_html.Authored("a.md", 1, "正文", "正文"))))
    with pytest.raises(ValueError):
        page.assemble(rendered)


@pytest.mark.parametrize("payload", [MARK, f"`{MARK}`", f"    {MARK}", "&lt;!--gb-part--&gt;", f"```\n{MARK}\n```"])
def test_an_editor_cannot_write_a_part_mark(site_repo, render, payload):
    """Comments never survive the loader (gongbao.content.notes), in code too; an escaped mark is text."""
    target = site_repo.path / DOC
    target.write_text(target.read_text(encoding="utf-8") + f"\n{payload}\n\n最后一段。\n", encoding="utf-8")
    checked = site_repo.check()
    pages = site.pages(checked.archive, checked.settings, checked.today)
    url = "doc/xzbf/2018/68/"
    html, *_ = parts.published(pages[url], render(parts.source(pages[url])), [])
    assert MARK not in html and "最后一段。" in html
    assert html.index("最后一段。") < html.index('class="gb-sha256"')  # still inside the body, before our footer


def test_a_page_that_cannot_be_taken_apart_is_refused(render):
    page = parts.Page({}, ("<article>", parts.Markdown("# T"), "<div>",
                           parts.Markdown("<div>\n\n正文", rendered_html.Authored("a.md", 1, "<div>\n\n正文", "<div>\n\n正文")),
                           "</div></article>"))
    assert MARK not in page.ours()
    with pytest.raises(ValueError):
        parts.published(page, "<h1>T</h1><div><p>正文</p></div>", [])


def test_the_sample_pages_keep_their_ids_headings_contents_search_attributes_and_text(built_site):
    """Compared with the pages as built before rendering in parts (tests/page_shape.py says how to
    rewrite tests/data/sample_page_shape.json when a change to these pages is intended)."""
    expected = json.loads((Path(__file__).parent / "data" / "sample_page_shape.json").read_text(encoding="utf-8"))
    found = page_shape.pages(built_site)
    assert sorted(found) == sorted(expected)
    for url in expected:
        assert found[url] == expected[url], url


def test_the_page_shape_sees_a_lost_anchor(built_site):
    page = (built_site / "doc/xzbf/2018/68/index.html").read_text(encoding="utf-8")
    assert page_shape.shape(page) != page_shape.shape(page.replace(' id="sec-1-2"', "", 1))
    assert page_shape.shape(page) != page_shape.shape(page.replace('href="#sec-1-2"', 'href="#sec-1-3"', 1))


def _body(articles: int) -> str:
    lines = []
    for n in range(1, articles + 1):
        if n % 25 == 1:
            lines.append(f"第{numerals.format(n // 25 + 1)}章　總則")
        lines.append(f"第{numerals.format(n)}條　" + "有關部門應當依照本辦法規定，做好政務公開工作，" * 10)
        if n % 3 == 0:
            lines += [f"（{numerals.format(i)}）依法公開政府信息，接受社會監督；" for i in range(1, 4)]
    return "\n".join(lines) + "\n"


def _page_seconds(repo, render, articles: int) -> float:
    """CPU time of what a build does for one document page: generate, render, assemble, check."""
    text = (repo.path / DOC).read_text(encoding="utf-8")
    (repo.path / DOC).write_text(text[:text.index("\n---\n") + 5] + "\n" + _body(articles), encoding="utf-8")
    checked = repo.check()
    public = checked.archive.public()
    doc = public.documents[[d.source.path for d in public.documents].index(DOC)]
    best = float("inf")
    for _ in range(5):
        gc.collect()
        gc.disable()  # a collection of the whole heap, whenever it falls, is not the page's cost
        try:
            start = time.process_time()
            page = document.page(doc, public, checked.settings.issuer_codes, reverse(public), checked.settings, checked.today)
            html, allowed, ours = parts.published(page, render(page.markdown()), [])
            found, ids = rendered_html.inspect(html, allowed, ours)
            best = min(best, time.process_time() - start)
        finally:
            gc.enable()
    assert found == [] and len(ids) > articles
    return best


def test_a_long_document_costs_time_in_proportion_to_its_length(site_repo, render):
    """700 articles (over 300 KB, the longest real documents) cost about four times 175: no step is quadratic
    (that would be sixteen times). The margin is wide because CPU time on a loaded machine grows with the memory
    a page touches: 350 against 700 measured up to 3.2 times under load, against 2 alone."""
    assert len(_body(700).encode("utf-8")) > 300_000
    small, large = _page_seconds(site_repo, render, 175), _page_seconds(site_repo, render, 700)
    assert large < 6 * small, (small, large)
