"""A citation lands on one place: published anchors stay put, content cannot write an id that
imitates one, every built page has unique ids, and gb-cite.js reads the grammar as Python does."""
from __future__ import annotations

import html
import json
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from browser import serve
from conftest import ROOT, examples
from gongbao.publish.build import BuildFailed, build
from gongbao.identifiers.headings import is_anchor
from gongbao.publish.render import ids as page_ids
from gongbao.rules.anchor_ids import IMITATES, REPEATED, RESERVED, imitates_anchor, problems

DATA = Path(__file__).parent / "data"
GRAMMAR = json.loads((DATA / "anchor_grammar.json").read_text(encoding="utf-8"))
DOC = "gazette/2018/06/xzbf-68.md"
NEW = "gazette/2019/01/xzf-2019-3.md"  # not yet published: not in gazette.lock.json
HANT = "gazette/2018/06/xzbf-68.md"  # the seed, in Traditional script
HINT = ("条、章、节、项的锚点（如 #art-3、#sec-1-2）由系统生成；删除这个 id，或改用不像锚点的名称（如 note-1）")


def _ids(path: Path) -> list[str]:
    return page_ids.of(path.read_text(encoding="utf-8"))


def test_every_published_anchor_is_where_it_was(built_site):
    """published_ids.json: every id of every page in gazette.lock.json, built before the scheme changed."""
    published = json.loads((DATA / "published_ids.json").read_text(encoding="utf-8"))
    assert sum(map(len, published.values())) > 400 and sum(is_anchor(i) for v in published.values() for i in v) > 250
    for url, before in published.items():
        now = _ids(built_site / url / "index.html")
        assert [i for i in now if is_anchor(i)] == [i for i in before if is_anchor(i)], url
        assert not set(before) - set(now), url


def test_every_built_page_has_unique_ids(built_site):
    pages = list(built_site.rglob("*.html"))
    assert len(pages) > 50  # every page of the sample: documents, interpretations, listings, notices
    repeated = {str(p.relative_to(built_site)): page_ids.duplicates(p.read_text(encoding="utf-8")) for p in pages}
    assert {page: found for page, found in repeated.items() if found} == {}


def test_duplicates_are_found_however_the_attribute_is_written():
    assert page_ids.duplicates('<p id="a">x</p><span id=a></span><i ID=\'b\'></i><b id="b"/>') == ["a", "b"]
    assert page_ids.duplicates('<p id="a">id="a"</p><code>&lt;i id="a"&gt;</code>') == []


def test_the_theme_reader_finds_the_ids_the_tokenizer_finds_on_every_built_page(built_site):
    """The hook reads the theme's part of a page (all but the content) by a pattern, not by a tokenizer."""
    themes = []
    for path in built_site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        start, end = text.find('<article class="md-content__inner'), text.rfind("</article>")
        themes.append((path, text if start < 0 else text[:start] + text[end:]))
    assert sum(len(page_ids.of(theme)) > 3 for _, theme in themes) > 50  # the theme's pages, besides redirects
    for path, theme in themes:
        assert page_ids.of_theme(theme) == page_ids.of(theme), path


def test_the_theme_reader_reads_ids_as_the_tokenizer_does():
    markup = ('<script id="__config" type="application/json">{"a": "<p id=\'no\'>"}</script><input id=__drawer>'
              '<!-- <a id="no"> --><i ID=\'b\'></i><a href="x"\nid="&#97;c" class="y"><b data-id="no" id="d"/>'
              '<style>p[id="no"] {}</style><div title="id=no"><p  idref="no"\t id="e" >')
    assert page_ids.of_theme(markup) == page_ids.of(markup) == ["__config", "__drawer", "b", "ac", "d", "e"]


# (what the editor writes above 第三条, the line it is on) — one of each way an id gets into a page
IMITATIONS = [
    '<span id="art-3"></span>',
    "<a name='art-3'>　</a>",
    '<p id="ART-3">大写</p>',
    '<p id=" art-3 ">空白</p>',
    '<p id="art&#45;3">实体</p>',
    '<p id="art%2D3">百分号编码</p>',
    '<p id="ａｒｔ-３">全角</p>',
    '<span id="art-3_2"></span>',
    '<span id="sec-1-2"></span>',
    '<span id="d-xzbf-2018-68-art-3"></span>',
    "说明文字。\n{: #art-3 }",
    "说明文字。\n{ #chap-1 }",
    '说明文字。\n{: id="art-3" }',
    "说明文字。\n{: .note name=art-3 }",
    "- 列表项 {: #art-3 }",
    "> 引用的话 { #art-3 }",
    "| 表 | 格 |\n|---|---|\n| <span id=\"art-3\">x</span> | y |",
    '<div markdown="1">\n内文 {: #art-3 }\n</div>',
    "## art-3",
    "## Art 3",
    "## Art 3z",      # not an anchor, but its slug art-3z holds one: the page's check refused what check passed
    "## Sec 1 note",
    "## _art-3_ {: .x }",
    "sec-1\n---",
    "`<span id=\"art-3\">`",
    "```\n<span id=\"art-3\"></span>\n```",
]


@pytest.mark.parametrize("written", IMITATIONS)
def test_an_id_that_imitates_an_anchor_is_refused(repo, written):
    repo.replace(DOC, "（一）加强统筹", written + "\n\n（一）加强统筹")
    found = [d for d in repo.check().diagnostics if d.rule == "anchor-id"]
    assert len(found) == 1, [str(d) for d in repo.check().diagnostics]
    assert found[0].path == DOC and found[0].is_error and found[0].hint == HINT
    assert "与条文锚点相同或相似，会抢走引用该处的链接" in found[0].message


def test_the_diagnostic_names_the_line(repo):
    repo.replace(DOC, "（一）加强统筹", '<span id="art-3"></span>\n\n（一）加强统筹')
    assert f'{DOC}:13: 正文自设的 id “art-3”与条文锚点相同或相似，会抢走引用该处的链接 — {HINT}' in repo.messages()


def test_every_imitation_in_a_body_is_reported_at_once(repo):
    repo.replace(DOC, "（一）加强统筹", '<span id="art-3"></span>\n{: #sec-1 }\n## sec-2\n\n（一）加强统筹')
    found = [(d.line, d.message) for d in repo.check().diagnostics if d.rule == "anchor-id"]
    assert [line for line, _ in found] == [13, 14, 15]


def test_the_traditional_seed_and_an_interpretation_are_checked_too(site_repo):
    site_repo.replace(HANT, "一、建立健全", '<span id="sec-1">一、</span>\n\n一、建立健全')
    site_repo.replace("interpretations/wxzfl-180-wzjd.md", "## ", "## sec-9\n\n## ")
    paths = sorted(d.path for d in site_repo.check().diagnostics if d.rule == "anchor-id")
    assert paths == [HANT, "interpretations/wxzfl-180-wzjd.md"]


@pytest.mark.parametrize("written", [
    '<span id="note-1">注</span>', '<a href="#art-3">见第三条</a>', "[见第三条](#art-3)", "说明。\n{: .gb-note }",
    "## 附件说明", "## 一、总体要求", '<span id="article-3"></span>', '<span id="art-3-x"></span>',
    '<span id="xart-3"></span>', "## 第三条 的说明", '说明。\n{: id="" }', "说明。\n{: name='' #}",
])
def test_ids_and_links_that_are_not_anchors_are_accepted(repo, written):
    repo.replace(DOC, "（一）加强统筹", written + "\n\n（一）加强统筹")
    assert [str(d) for d in repo.check().diagnostics if d.rule == "anchor-id"] == []


@pytest.mark.parametrize("code, prefix", [("id: art-5", "d-id-art-5"), ("id: notice-chap-2", "d-id-notice-chap-2")])
def test_ids_a_documents_print_view_prefix_makes_anchors_of_are_refused(repo, code, prefix):
    """Its issue's print view prefixes each id of a document with its own (d-xzbf-2018-68-): one from an id (or a
    code) holding an anchor makes every id there look like one, which the page's check refused and check passed."""
    repo.replace(DOC, "doc_number: 锡政办发〔2018〕68号", code)
    repo.replace(DOC, "（一）加强统筹", '<span id="note">注</span>\n\n## 说明\n\n（一）加强统筹')
    assert [(d.line, d.message, d.hint) for d in repo.check().diagnostics if d.rule == "anchor-id"] == [
        (line, f"正文自设的 id “{value}”在整期打印版中加上本文的前缀 {prefix}-，形如条文锚点",
         "本文在打印版中的前缀来自文件的 id 或机关代字的代码：删除这个 id，或给文件换一个不含 art-、chap-、sec- 加数字的 id")
        for line, value in ((13, "note"), (15, "说明"))]


def test_a_documents_ids_under_an_ordinary_prefix_are_accepted(repo):
    repo.replace(DOC, "doc_number: 锡政办发〔2018〕68号", "id: notice-5")
    repo.replace(DOC, "（一）加强统筹", '<span id="note">注</span>\n\n## 说明\n\n（一）加强统筹')
    assert [str(d) for d in repo.check().diagnostics if d.rule == "anchor-id"] == []


_PIECES = ["{", "}", ":", "#", " ", "\n", "id=", "name=", '"', "'", "<", ">", "<span ", "art-3", "## ", "---", "&#45;",
           "%2D", "_", "d-", "第三条", "`"]


@settings(max_examples=examples(300), deadline=None)
@given(st.one_of(st.text(), st.lists(st.sampled_from(_PIECES)).map("".join)))
def test_the_rule_never_fails_on_any_body(body):
    for line, value, why in problems(body):
        assert 1 <= line <= body.count("\n") + 1 and value and why in (IMITATES, RESERVED, REPEATED)


@pytest.mark.parametrize("case", GRAMMAR["valid"], ids=lambda c: c["id"])
def test_every_anchor_of_the_grammar_is_an_imitation_when_written_by_content(case):
    assert imitates_anchor(case["id"]) and imitates_anchor(case["id"].upper())


REPEATS = """\
---
title: 无锡市人民政府关于重复编号标题的示例通知
doc_number: 锡政发〔2019〕3号
issuer: 无锡市人民政府
type: 其他文件
written: 2019-01-15
published: 2019-01-18
expires: 2019-12-31
status: 已失效
disclosure: 主动公开
section: 市政府文件
topics: [综合政务]
---

第三条 下列事项：
（一）甲；
（二）乙。
第四条 丙。
附件
第三条 引用的原文。
（二）再次出现。
一、总体要求
一、又一个总体要求
（二）子项
"""


@pytest.mark.parametrize("written, why", [
    ('<span id="note">甲</span> <span id="note">乙</span>', REPEATED),
    ("甲\n{: #note }\n\n乙\n{: #note }", REPEATED),
    ('<span id="note">甲</span>\n\n乙\n{: id="note" }', REPEATED),
    ('<span id="背景">甲</span>\n\n## 背景', REPEATED),  # toc cannot see raw HTML's ids
    ('<span id="gb-content"></span>', RESERVED),
    ("甲\n{: #__drawer }", RESERVED),
    ('<i id="toc"></i>', RESERVED),
    ('<i id="d-xzbf-2018-68"></i>', RESERVED),
    ("## 附则 {: #title }", RESERVED),  # the print view's document heading, once prefixed: d-xzbf-2018-68-title
    ("## Title", RESERVED),
])
def test_an_id_written_twice_or_the_pages_own_is_refused(repo, written, why):
    repo.replace(DOC, "（一）加强统筹", written + "\n\n（一）加强统筹")
    found = [(d.message, d.hint) for d in repo.check().diagnostics if d.rule == "anchor-id"]
    assert len(found) == 1 and found[0][1] == why[1] and found[0][0].startswith(why[0].split("“")[0]), found


# Ways of writing an id twice that Markdown's toc resolves itself: accepted, and the build agrees.
RESOLVED = "## 背景\n\n## 背景\n\n甲\n{: #说明 }\n\n## 说明\n\n<span id=\"note\">乙</span>，见[甲](#说明)、[乙](#note)\n"


def test_ids_markdown_makes_unique_are_accepted_and_the_page_built(site_repo, tmp_path):
    site_repo.write(NEW, REPEATS + RESOLVED)
    assert [str(d) for d in site_repo.check().diagnostics if d.rule == "anchor-id"] == []
    build(site_repo.path, tmp_path / "site", search_index=False, quiet=True)  # no repeated id on the page
    ids = _ids(tmp_path / "site/doc/xzf/2019/3/index.html")
    assert {"背景", "说明", "note"} <= set(ids) and len(ids) == len(set(ids))


def test_a_repeated_id_the_check_cannot_see_still_fails_the_build(site_repo, tmp_path):
    # The page's h1 has the id its title makes; only the page as built shows the clash.
    site_repo.write(NEW, REPEATS + '\n<span id="无锡市人民政府关于重复编号标题的示例通知">甲</span>，见[甲](#无锡市人民政府关于重复编号标题的示例通知)\n')
    assert site_repo.check().ok
    with pytest.raises(BuildFailed):
        build(site_repo.path, tmp_path / "site", search_index=False, quiet=True)
    assert not (tmp_path / "site").exists()


@pytest.fixture(scope="module")
def grammar_page(tmp_path_factory):
    """gb-cite.js on a page with one element per case of the grammar table."""
    folder = tmp_path_factory.mktemp("grammar")
    for script in ("javascripts/gb-labels.js", "gb-cite.js"):
        shutil.copy(ROOT / "content/assets" / script, folder / script.rsplit("/", 1)[-1])
    cases = [c["id"] for c in GRAMMAR["valid"]] + GRAMMAR["invalid"] + ["#" + c["id"] for c in GRAMMAR["valid"]]
    elements = "".join(f'<p id="{html.escape(i)}">第三条 文字</p>' for i in cases if i)
    (folder / "index.html").write_text(
        '<!doctype html><html><head><meta charset="utf-8"></head><body>'
        '<div class="gb-cite" data-gb-url="https://example.gov.cn/doc/x/" data-gb-title="T" data-gb-gazette="G" '
        f'data-gb-issue="I" data-gb-labels="{{}}"></div><div class="gb-body">{elements}</div>'
        '<script src="gb-labels.js"></script><script src="gb-cite.js"></script></body></html>', encoding="utf-8")
    with serve(folder) as url:
        yield url


def test_gb_cite_reads_the_anchor_grammar_as_python_does(page, grammar_page):
    page.goto(grammar_page)
    cited = page.evaluate("""() => [...document.querySelectorAll('.gb-body [id]')]
        .filter(el => el.querySelector(':scope > .gb-cite-btn')).map(el => el.id)""")
    every = page.evaluate("() => [...document.querySelectorAll('.gb-body [id]')].map(el => el.id)")
    assert len(every) == 2 * len(GRAMMAR["valid"]) + len([i for i in GRAMMAR["invalid"] if i])
    assert cited == [i for i in every if is_anchor(i)] == [c["id"] for c in GRAMMAR["valid"]]


def test_repeated_headings_are_cited_each_at_its_own_place(site_repo, tmp_path, page):
    site_repo.write(NEW, REPEATS)
    target = tmp_path / "site"
    build(site_repo.path, target, search_index=False, quiet=True)
    rel = "doc/xzf/2019/3/"
    ids = _ids(target / rel / "index.html")
    for anchor in ("art-3", "art-3-2", "art-3_2", "art-3-2_2", "sec-1", "sec-1_2", "sec-1-2"):
        assert ids.count(anchor) == 1, anchor
    with serve(target) as url:
        page.goto(url + rel)
        labels = {a: page.locator(f"#{a} > .gb-cite-btn").get_attribute("aria-label")
                  for a in ("art-3", "art-3_2", "art-3-2", "art-3-2_2", "sec-1_2")}
        page.locator("#art-3_2 > .gb-cite-btn").click()
        page.wait_for_function("() => document.querySelector('#art-3_2 [data-gb-copied], #art-3_2 .gb-cite-out')")
        copied = page.evaluate("""() => { const b = document.querySelector('#art-3_2 > .gb-cite-btn');
            const box = document.querySelector('#art-3_2 .gb-cite-out');
            return b.getAttribute('data-gb-copied') || box.value; }""")
        page.goto(url + rel + "#art-3_2")
        target_text = page.evaluate("() => document.querySelector(':target').textContent")
    assert labels == {"art-3": "引用第三条（复制引用文字）", "art-3_2": "引用第三条（复制引用文字）",
                      "art-3-2": "引用第三条第（二）项（复制引用文字）", "art-3-2_2": "引用第三条第（二）项（复制引用文字）",
                      "sec-1_2": "引用一、又一个总体要求（复制引用文字）"}
    assert copied.endswith("/doc/xzf/2019/3/#art-3_2") and "3号）第三条，载" in copied
    assert target_text.startswith("第三条 引用的原文")  # the address with the repeat's id lands on it
