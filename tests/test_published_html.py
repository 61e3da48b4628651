"""What is published is checked: rendered HTML against the allow-list (gongbao.publish.rendered_html).

Markdown is rendered here exactly as the build renders it (mkdocs.yml's extensions plus MkDocs' own
built-ins), with the source rule out of the way, so each payload reaches the rendered check.
"""
from __future__ import annotations

import html
import re
import subprocess
import sys
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.commands import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, PluginError
from mkdocs.utils.meta import get_data

from conftest import examples, site_markdown
from gongbao.publish import rendered_html as published
from gongbao.rules import handwritten_pages, link_text, simple_html
from gongbao.rules.html_safety import reserved_id
from gongbao.publish.check import check
from gongbao.publish.render import parts, redirect_pages, site
from gongbao.content.urls import source_uri

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).parent / "hostile"
INLINE = [line for line in (HERE / "rendered_inline.txt").read_text(encoding="utf-8").splitlines() if line.strip()]
BLOCKS = (HERE / "rendered_blocks.txt").read_text(encoding="utf-8").split("\n====\n")


@pytest.fixture(scope="module")
def render():
    return lambda text: site_markdown().reset().convert(text)


# Where an inline payload may sit: a paragraph, a list item, a block quote, a table cell, a heading,
# a nested list in a quote, and Traditional text around it.
CONTAINERS = {
    "paragraph": "{p}",
    "list": "- 第一项\n- {p}\n",
    "ordered": "1. 第一项\n2. {p}\n",
    "quote": "> 引文：{p}\n",
    "quoted list": "> - {p}\n",
    "table": "| 項目 | 內容 |\n|:--|:-:|\n| 甲 | {p} |\n",
    "heading": "## 標題 {p}\n",
    "traditional": "第三條　本辦法自公布之日起施行。{p}本條文另有規定者除外。",
}


def test_the_corpus_is_not_trivial():
    assert len(INLINE) >= 30 and len(BLOCKS) >= 15


@pytest.mark.parametrize("container", CONTAINERS)
@pytest.mark.parametrize("payload", INLINE)
def test_inline_payload_is_refused_in_every_container(render, payload, container):
    html = render(CONTAINERS[container].format(p=payload))
    assert published.violations(html, Counter()), f"published: {html}"


@pytest.mark.parametrize("payload", BLOCKS)
def test_block_payload_is_refused(render, payload):
    html = render(payload)
    assert published.violations(html, Counter()), f"published: {html}"


SAFE = """\
# 关于本站

## 一、说明 { #说明 }

本站刊登**规章**和*规范性文件*，见[市政府网站](https://www.wuxi.gov.cn/ "无锡市人民政府")、[站内](../gazette/)、
<mailto:gb@example.gov.cn>、[电话](tel:12345)。`代码` 与 ``双反引号 ` 代码``。

> 引文 <abbr title="政府公报">公报</abbr><sup>1</sup>

- 列表 <span lang="zh-Hant">繁體</span>
- 日期 <time datetime="2018-06-30">2018年6月30日</time>

| 左 | 中 | 右 |
|:---|:--:|---:|
| 甲 | 乙 | 丙 |

![示意图](../assets/x.png){: width="200" title="图" }

    缩进代码 <script>alert(1)</script>

```
围栏代码 <iframe src="https://example.invalid/"></iframe>
```

*段落*{: title="段落" }

<div markdown="1">
**块内** Markdown
</div>

<!-- 编辑说明：普通注释 -->
"""


@pytest.mark.parametrize("container", CONTAINERS)
@pytest.mark.parametrize("reference", ["&#x202e;", "&#8238;", "&#x2066"])
def test_a_bidirectional_control_written_as_a_reference_is_refused_in_every_container(render, container, reference):
    """Markdown passes a character reference on and the browser reads it as the character: 罚款&#x202e;0005元 showed
    罚款元5000 on the page, while its text, hash and index.txt held the reference, and the source rules refused only the
    character itself."""
    found = published.violations(render(CONTAINERS[container].format(p=f"罚款{reference}（0005）元")), Counter())
    assert [v.message for v in found] == ["发布的页面含有改变文字显示顺序的双向控制字符 "
                                          f"U+{ord(html.unescape(reference)):04X}（页面显示的与文本、哈希和检索中的不一样）"]


@pytest.mark.parametrize("container", CONTAINERS)
@pytest.mark.parametrize("reference, code", [("&#x1b;", "001B"), ("&#8;", "0008"), ("&#x81;", "0081")])
def test_a_control_character_written_as_a_reference_is_refused_in_every_container(render, container, reference, code):
    """The browser reads &#x1b; as ESC: the page's text held a control the loader refuses as a character."""
    found = published.violations(render(CONTAINERS[container].format(p=f"罚款五万元{reference}罚款五元")), Counter())
    assert [v.message for v in found] == [f"发布的页面含有不可见的控制字符 U+{code}"]


def test_ordinary_content_passes(render):
    html = render(SAFE)
    assert published.violations(html, Counter()) == []
    assert 'align="center"' in html and "style=" not in html  # table alignment is an attribute, not a style


def test_the_project_markup_is_allowed_as_often_as_the_project_wrote_it():
    page = '<article data-pagefind-body markdown="1">\n<div class="gb-search-tags" hidden><span data-pagefind-meta="date:2018-06-30"></span></div>\n'
    allowed = published.trusted(page + "BODY\n</article>\n", [published.Authored("a.md", 1, "BODY", "BODY")])
    rendered = '<article data-pagefind-body=""><div class="gb-search-tags" hidden="hidden"><span data-pagefind-meta="date:2018-06-30"></span></div>'
    assert published.violations(rendered + "<p>正文</p></article>", allowed) == []
    # the editor repeats the wrapper's own markup, or closes it early and opens another: one too many
    for extra in ('<span data-pagefind-meta="date:2018-06-30"></span>', '</article><article data-pagefind-body="">',
                  '<div class="gb-search-tags" hidden></div>'):
        assert published.violations(rendered + extra + "</article>", allowed), extra


def test_front_matter_text_is_never_trusted_markup():
    page = '---\ngb_source: <script>x</script>\n---\n\n<p>x</p>\n'
    assert published.trusted(page, []) == Counter()


def test_a_page_whose_editor_text_cannot_be_found_is_not_trusted():
    with pytest.raises(ValueError):
        published.trusted("<article>\n其他\n</article>", [published.Authored("a.md", 1, "正文", "正文")])


@pytest.mark.parametrize("fake", ['<span id="art-3">假</span>', '<a id="art-3"></a>', "假\n{: #art-3 }",
                                  '<p id="chap-1-sec-2">假</p>', "## art-3", '<span id="d-xzbf-2018-68-art-3">假</span>'])
def test_an_element_imitating_an_anchor_does_not_capture_the_citation(render, fake):
    allowed = Counter({("*", "id", "art-3"): 1})
    real = render("第三条　真正的第三条。\n{: #art-3 }")
    assert published.violations(real, allowed) == []
    assert published.violations(render(fake + "\n\n") + real, allowed)


@pytest.mark.parametrize("text", ["<!-- a --!><script>alert(1)</script> -->", "<![CDATA[<script>alert(1)</script>]]>",
                                  "<?php echo 1 ?>", "<!DOCTYPE html>", "a <b", "<p>x</p><img src=x onerror=alert(1)"])
def test_markup_the_tokenizer_did_not_read_is_refused(text):
    assert published.violations(text, Counter())


def test_violations_map_to_the_source_line():
    body = "第一行\n第二行 [x](https://a.example/){: onclick=\"alert(1)\" }\n第三行 <span id=\"art-9\">x</span>\n"
    part = published.Authored("gazette/x.md", 12, body, body)
    found = published.violations('<p><a href="https://a.example/" onclick="alert(1)">x</a></p><span id="art-9">x</span>'
                                 '<p style="color:red">?</p>', Counter())
    lines = [(d.path, d.line) for d in published.diagnostics(found, [part], "x/index.md")]
    assert lines == [("gazette/x.md", 13), ("gazette/x.md", 14), ("gazette/x.md", 12)]


def test_a_payload_written_twice_is_named_at_each_of_its_lines():
    """The second violation a needle finds is where the source holds it the second time, written with an entity
    or not; an entity that reads as a line break moves no line."""
    body = ('[x](javascript:alert(1))\n段落&#10;换行\n<span data-pagefind-meta="t:a">x</span>\n'
            '<a href="&#106;avascript:alert(1)">y</a>\n*强调*{: data-pagefind-meta="t:b" }\n')
    part = published.Authored("content/about.md", 3, body, body)
    found = published.violations('<p><a href="javascript:alert(1)">x</a></p><p>段落&#10;换行</p>'
                                  '<span data-pagefind-meta="t:a">x</span><a href="javascript:alert(1)">y</a>'
                                  '<em data-pagefind-meta="t:b">强调</em>', Counter())
    lines = [d.line for d in published.diagnostics(found, [part], "about/index.md")]
    assert lines == [3, 5, 6, 7]


# -- the generated pages of the sample, with the source rule out of the way ---------------------------------------

DOC = "gazette/2018/06/xzbf-68.md"


def _content(page: str) -> str:
    return get_data(page)[0]  # what MkDocs renders: the page without its front matter


def _published(url: str, pages: dict, authored: dict, render):
    """``parts.published`` of a page as the build makes it: a print view shows the bodies its documents' pages render."""
    page = pages[url]
    lent = {b.page: pages[b.page].body(render(_content(parts.source(pages[b.page]))))
            for b in page.borrowed()} if isinstance(page, parts.Page) else None
    return parts.published(page, render(_content(parts.source(page))), authored.get(url, []), lent)


def test_every_generated_page_of_the_sample_passes(render):
    checked = check(ROOT)
    pages, authored = site.pages(checked.archive, checked.settings, checked.today), site.authored(checked.archive)
    for url in pages:
        html, allowed, ours = _published(url, pages, authored, render)
        assert published.inspect(html, allowed, ours)[0] == [], url
    assert all(p.authored() for p in pages.values() if isinstance(p, parts.Page))


@pytest.mark.parametrize("payload", [
    '<span id="art-3">假第三条</span>',
    "</div></article>\n\n<article data-pagefind-body markdown=\"1\">\n\n假正文\n\n</article>",
    '<p class="gb-published-note" data-pagefind-ignore="all">（此件公开发布）</p>',
    '<p class="gb-published-note" data-pagefind-ignore="">（此件公开发布）</p>',  # as the project writes it now
    '*x*{: data-pagefind-filter="issuer:假机关" }',
    '<div class="gb-search-tags" hidden><span data-pagefind-meta="title:假标题"></span></div>',
    '<span data-pagefind-weight="10">政务公开</span>',  # a word weighed as a title, to rank first
    '*政务公开*{: data-pagefind-weight="10" }',
    '<h1 class="gb-title" data-pagefind-weight="10">假标题</h1>',
    '<span data-gb-cites="依据 国办发〔2099〕1号">政务公开</span>',  # a citation the page does not show, to be found by it
    '*x*{: data-gb-cites="依据 国办发〔2099〕1号" }',
    '<span class="gb-art-no">第九十九条</span>',
    '<b class="gb-art-no">第九十九条</b>',  # the article number's own tag
    '<p class="gb-signature">假署名</p>',
    '<details class="gb-contents"><summary>本文目录</summary><nav><a href="#x">假目录</a></nav></details>',
    "\\`<script>alert(1)</script>\\`",
])
def test_a_payload_in_a_document_is_refused_on_every_page_that_prints_it(site_repo, render, payload):
    target = site_repo.path / DOC
    target.write_text(target.read_text(encoding="utf-8") + "\n" + payload + "\n", encoding="utf-8")
    checked = check(site_repo.path)  # the archive is read even when the source rule objects
    pages, authored = site.pages(checked.archive, checked.settings, checked.today), site.authored(checked.archive)
    authored |= {url: page.authored() for url, page in pages.items() if not isinstance(page, str)}
    printed = [url for url, texts in authored.items() if any(payload in p.body for p in texts)]
    assert len(printed) == 2  # the document's page and its issue's print view
    for url in printed:
        html, allowed, ours = _published(url, pages, authored, render)
        found = published.inspect(html, allowed, ours)[0]
        assert found, url
        assert {d.path for d in published.diagnostics(found, authored[url], url)} == {DOC}


def test_a_hand_written_page_is_checked_in_the_build(tmp_path, site_repo):
    about = site_repo.path / "content" / "about.md"
    lines = about.read_text(encoding="utf-8").count("\n")
    about.write_text(about.read_text(encoding="utf-8") + "\n"
                     + "[链接](https://example.invalid/){: onclick=\"alert(1)\" }\n\n"
                     + "> [r]: javascript:alert(1)\n> 见[r]。\n\n"
                     + "*强调*{: data-pagefind-meta=\"title:假标题\" }\n", encoding="utf-8")
    target = tmp_path / "out"
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(site_repo.path / "mkdocs.yml"),
                          "-d", str(target)], cwd=site_repo.path, capture_output=True, text=True)
    assert run.returncode != 0 and not (target / "about").exists()
    messages = [line for line in run.stderr.splitlines() if line.startswith("content/about.md:")]
    assert [m.split(":")[1] for m in messages] == [str(lines + 2), str(lines + 4), str(lines + 7)], run.stderr


WITHDRAWN = """\
- url: doc/xzbf/2018/99/
  title: 关于示例的通知
  date: 2019-03-01
  reason: 经市政府同意撤回。<img src=x onerror=alert(1)>
"""


def test_a_withdrawal_notice_is_checked_as_the_text_of_withdrawn_yml(site_repo, render, monkeypatch):
    site_repo.write("withdrawn.yml", WITHDRAWN)
    checked = check(site_repo.path)
    url = "doc/xzbf/2018/99/"

    def rendered_check():
        pages = site.files(checked.archive, checked.settings)
        authored = site.authored(checked.archive)[url]
        page = pages[source_uri(url)]
        found = published.violations(render(_content(page)), published.trusted(page, authored))
        return [(d.path, d.line) for d in published.diagnostics(found, authored, url)]

    assert rendered_check() == []  # the reason is printed escaped
    monkeypatch.setattr(redirect_pages, "esc", lambda value: value)  # were it not, the page cannot be taken apart…
    with pytest.raises(ValueError):
        rendered_check()
    monkeypatch.setattr(site, "esc", lambda value: value)  # …and if it were taken apart, the record is named
    assert rendered_check() == [("withdrawn.yml", 1)]


@pytest.mark.parametrize("fake", ['<span id="toc">假目录</span>', '<p id="d-xzbf-2018-68">假文件</p>'])
def test_content_cannot_repeat_an_id_the_project_wrote_on_the_page(fake):
    page = '<h2 id="toc">本期目录</h2>\n<section id="d-xzbf-2018-68" markdown="1">\nBODY\n</section>\n'
    allowed = published.trusted(page, [published.Authored("a.md", 1, "BODY", "BODY")])
    rendered = '<h2 id="toc">本期目录</h2><section id="d-xzbf-2018-68"><p>正文</p></section>'
    assert published.violations(rendered, allowed) == []
    assert published.violations(rendered.replace("<p>正文</p>", fake), allowed)
    assert published.violations(rendered.replace("<p>正文</p>", '<span id="mine">自己的</span><a href="#mine">见</a>'), allowed) == []


_IDS = ["d-xzbf-2018-68-art-3", "d-xzbf-2018-68-art-3-1", "art-3", "toc", "mine", "id", ""]


def _judged_one_by_one(html: str, allowed: Counter) -> list:
    """The rendered check as it was before ids were counted off: every tag judged whole, ids included."""
    left, found = Counter(allowed), []
    for tag, attrs in published._read(html)[0]:
        for item, violation in published._privileged(tag, attrs) + published._project_ids(tag, attrs, set(left)):
            if left[item] > 0:
                left[item] -= 1
            else:
                found.append(violation)
    return found


@settings(max_examples=examples(400), deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["p", "span", "h3", "section", "iframe"]), st.sampled_from(_IDS),
                          st.sampled_from(["", ' class="x"', ' onclick="x"', ' class="gb-x"'])), max_size=12),
       st.lists(st.sampled_from(_IDS), max_size=8))
def test_ids_counted_off_find_what_judging_each_tag_finds(tags, ours):
    """A print view's ids (d-…-art-3) are counted off the project's without judging their tags: the same violations,
    whatever the order of the editor's copies and the project's, and the other attributes of the tag still judged."""
    html = "".join(f'<{tag} id="{id_}"{more}>x</{tag}>' for tag, id_, more in tags)
    allowed = Counter(("*", "id", id_) for id_ in ours)
    assert sorted(v.message for v in published.violations(html, allowed) if "没有链接指向它" not in v.message) == \
        sorted(v.message for v in _judged_one_by_one(html, allowed))


def test_a_print_views_id_repeated_by_an_editor_is_refused_before_or_after_the_projects():
    allowed = Counter({("*", "id", "d-xzbf-2018-68-art-3"): 1, ("*", "id", "d-xzbf-2018-68"): 1})
    real = '<div id="d-xzbf-2018-68"><p id="d-xzbf-2018-68-art-3">第三条</p></div>'
    assert published.violations(real, allowed) == []
    for fake in ('<span id="d-xzbf-2018-68-art-3">假</span>', '<p id="d-xzbf-2018-68">假</p>'):
        assert len(published.violations(fake + real, allowed)) == 1
        assert len(published.violations(real + fake, allowed)) == 1
    # the id is the project's, the handler is not
    assert published.violations(real.replace('<p id', '<p onclick="x" id'), allowed)


def test_an_id_refused_on_a_print_view_is_named_where_its_document_wrote_it():
    """The print view prefixes each body's ids: the one that takes an id of the page is found, unprefixed, in its
    own document (not at the first line of any body holding the word "id")."""
    first = published.Authored("a.md", 10, "甲\n<p id=\"note\">乙</p>\n", "", prefix="d-a-")
    second = published.Authored("b.md", 20, "丙\n\n## 附则 {: #title }\n", "", prefix="d-b-")
    ours = '<h2 id="d-b-title">标题</h2>'
    html = '<p id="d-a-note">乙</p><a href="#d-a-note">见</a>' + ours + '<h3 id="d-b-title">附则</h3>'
    at = html.index(ours)
    found = published.inspect(html, Counter(), ((at, at + len(ours)),))[0]
    assert [(d.path, d.line) for d in published.diagnostics(found, [first, second], "print/index.md")] == [("b.md", 22)]


def test_an_id_two_bodies_hold_once_prefixed_is_refused_in_one_of_them():
    """doc/id/a/'s "2-附件" and doc/id/a-2/'s "附件" are both d-id-a-2-附件 on their issue's print view."""
    a = published.Authored("a.md", 10, "甲\n\n## 2 附件\n", "", prefix="d-id-a-")
    b = published.Authored("b.md", 20, "乙\n\n## 附件\n", "", prefix="d-id-a-2-")
    ids = ["d-id-a", "d-id-a-2-附件", "d-id-a-2", "d-id-a-2-附件"]
    assert [(d.path, d.line) for d in published.diagnostics(published.repeated(ids, []), [a, b], "p.md")] == [("b.md", 22)]
    assert published.repeated(ids[:3], []) == []
    already = published.Violation("与网站在本页生成的 id 重复", "", ("d-id-a-2-附件", "id"))
    assert published.repeated(ids, [already]) == []  # named once


def _acts(context, html: str) -> list[str]:
    """What a page holding ``html`` does in Chromium, with no policy: dialogs, requests, navigations."""
    tab = context.new_page()
    acted: list[str] = []
    tab.on("dialog", lambda dialog: (acted.append("dialog"), dialog.dismiss()))
    tab.route("**/*", lambda route: (acted.append(route.request.url), route.abort()))
    try:
        tab.set_content(f"<!doctype html><html><body>{html}</body></html>", timeout=5000, wait_until="domcontentloaded")
        tab.wait_for_timeout(150)
    except Exception as exc:  # a payload that navigates or kills the page has acted too
        acted.append(type(exc).__name__)
    tab.close()
    return acted


def test_in_chromium_the_payloads_are_live_and_each_live_one_is_refused(render, browser):
    """Rendered without any policy, in Chromium: which payloads act (a dialog, a request, a navigation)?
    Many must — the corpus is not dead — and the rendered check refuses every one of them."""
    context = browser.new_context()
    live = []
    for markdown_text in INLINE + BLOCKS:
        html = render(markdown_text)
        if _acts(context, html):
            live.append(markdown_text)
            assert published.violations(html, Counter()), markdown_text
    print(f"{len(live)} of {len(INLINE + BLOCKS)} payloads act in Chromium")
    assert len(live) >= 15, live
    assert [a for a in _acts(context, render(SAFE)) if "x.png" not in a] == []  # the safe corpus only loads its image
    context.close()


def _tokenized(html: str) -> tuple[list, list]:
    reader = published._Reader()
    reader.feed(html)
    reader.close()
    return reader.tags, reader.markup


def _pattern(html: str):
    """The tags the pattern reads; None as it gives. Each is the tag at the next ``<`` not followed by ``/``, and
    ``_starts`` counts as many before each one's ``<`` as the page holds (the place ``inspect`` finds it by)."""
    tags = published.simple_tags(html)
    if tags is None:
        return None
    at = [match.start() for match in re.finditer("<(?!/)", html)]
    assert len(at) == len(tags) and all(html.startswith("<" + tag, a) for a, (tag, _) in zip(at, tags))
    for i in range(0, len(at), max(1, len(at) // 25)):  # counting from the start is linear: a sample of a page's tags
        assert published._starts(html, 0, at[i]) == i and published._starts(html, 0, at[i] + 1) == i + 1
    assert published._starts(html, 0, len(html)) == len(tags)
    return tags


def test_the_pattern_reads_every_built_page_as_the_tokenizer_does(built_site):
    """Markup the tokenizer has nothing to decide in is read by a pattern: the same tags, or the tokenizer."""
    simple = 0
    for path in built_site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        start, end = text.find('<article class="md-content__inner'), text.rfind("</article>")
        for html in [text] + ([text[start:end]] if start > 0 else []):
            tags = _pattern(html)
            if tags is not None:
                simple += 1
                assert (tags, []) == _tokenized(html), path
                assert simple_html.events(html) == _recorded(html), path  # as link_text reads the page
    assert simple > 40  # the content of the pages: what the build reads


_PIECES = ["<", ">", "/", "=", '"', "'", "&", "&amp;", "&quot;", " ", "\n", "\t", "x", "id", "p", "a", "P",
           "script", "style", "textarea", "!--", "-->", "?", "!", "[", "data-pagefind-weight", "href", ":", "_",
           "<p>", "</p>", '<p id="a">', "<script>", "</script>", '<a href="x&lt;">', "<br/>", " hidden", '="', "<style>"]


@settings(max_examples=examples(3000), deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join))
def test_the_pattern_never_reads_markup_otherwise_than_the_tokenizer(html):
    tags = _pattern(html)
    assert tags is None or (tags, []) == _tokenized(html)


def test_the_generated_markup_reaches_the_pattern():
    """The test above means something: a good share of what it tries is read by the pattern."""
    found = []
    given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join))(
        settings(max_examples=500, deadline=None)(lambda html: found.append(_pattern(html) is not None)))()
    assert sum(found) > 25


@pytest.mark.parametrize("html", [
    '<p id="art-3" class="a b">x &amp; y</p><br/><input hidden><script type="application/ld+json">{"a": 1}</script>',
    '<div data-gb-labels="{&quot;a&quot;: &quot;b&quot;}" title="a > b"\nlang="zh">t</div>',
    # an id alone is read without the attributes' pattern: each of these is more than that, or spelled otherwise
    '<p id="art-3">x</p><p id="art-3" hidden>x</p><p id="art-3" class="b">x</p><p id="a&amp;b">x</p><p id="">x</p>'
    '<p  id="art-3">x</p><p\nid="art-3">x</p><p id="art-3"\n>x</p><p id>x</p><p ids="a">x</p>',
])
def test_simple_markup_is_read_by_the_pattern(html):
    assert _pattern(html) == _tokenized(html)[0] and _tokenized(html)[1] == []


# What Python-Markdown writes for content in every container, with attributes whose values repeat (read once,
# then remembered: the same text must give the same attributes, entities unescaped as the tokenizer does).
_REPEATED = ('<abbr title="條例 &amp; 規章">條例</abbr> <abbr title="條例 &amp; 規章">規章</abbr> '
             '<span class="note" lang="zh-Hant">繁體</span>、&lt;b&gt; &#20844;&#x5831; &amp;amp; 第三條')


@pytest.mark.parametrize("container", [*CONTAINERS, "attribute list"])
def test_the_pattern_reads_content_in_every_container_as_the_tokenizer_does(render, container):
    text = "第三條　本辦法自公布之日起施行。\n{: #art-3 .gb-x title=\"&quot;引&quot;\" }" if container == "attribute list" \
        else CONTAINERS[container].format(p=_REPEATED)
    html = render(text + "\n\n" + text.replace("3", "4"))
    for each in (html, html + html):  # the second time, every attribute is remembered
        assert _pattern(each) == _tokenized(each)[0] and _tokenized(each)[1] == [], html


@pytest.mark.parametrize("html", [
    # end tags are only counted: whatever is not exactly one, or stands where a start tag's "<" would, is not one
    "</p x>", "</P>", "</p\n>", "</ p>", "</>", "<p></p/>", "<p title=\"</p>\">", "<p>x</p><</p>", "<script></p></script>",
    "<style>a</style></style", "<script>x</script></script >", "<br/></br>x<",
    "<p>a < b</p>", "<!-- x --><p>", "<script><b></script>", "<textarea><b></textarea>", "<P>", "<a HREF=x>",
    "<a href='x'>", '<a b="x"c="y">', "</p >", "<![CDATA[x]]>", "<?x?>", '<a x:y="1">', "<p>a <",
])
def test_anything_else_goes_to_the_tokenizer(html):
    assert _pattern(html) is None


# -- the project's HTML parts, read once, in the page ----------------------------------------------------------------

def _read_alone(html: str, allowed: Counter, ours) -> tuple[list, list]:
    """What ``inspect`` finds when the project's parts are read alone and the page is checked whole."""
    return published.inspect(html, allowed + published.written("\n".join(html[a:b] for a, b in ours), []))


def _same(found_in_page, found_alone) -> None:
    """As many violations of the same items (which of two equal tags is blamed may differ), the same ids."""
    (page_found, page_ids), (alone_found, alone_ids) = found_in_page, found_alone
    assert page_ids == alone_ids
    assert sorted(v.needles for v in page_found) == sorted(v.needles for v in alone_found)


@pytest.mark.parametrize("payload", [
    "", '<span class="gb-art-no">第九十九条</span>', '<b class="gb-art-no">第九十九条</b>', '<p class="gb-editor">假责编</p>', '<div id="gb-relations">x</div>',
    '<h2 id="gb-jd">假解读</h2>', '<div class="gb-body" data-pagefind-weight="10">x</div>', "</div></article><article data-pagefind-body>",
    '<p class="gb-sha256" id="art-1">x</p>', "<a title='x'>单引号：交给解析器</a>",
])
def test_reading_the_projects_parts_in_the_page_finds_what_reading_them_alone_finds(site_repo, render, payload):
    target = site_repo.path / DOC
    target.write_text(target.read_text(encoding="utf-8") + "\n" + payload + "\n", encoding="utf-8")
    checked = check(site_repo.path)
    pages = site.pages(checked.archive, checked.settings, checked.today)
    in_parts = [url for url, page in pages.items() if isinstance(page, parts.Page)]
    assert len(in_parts) > 5
    for url in in_parts:
        html, allowed, ours = _published(url, pages, {}, render)
        assert ours and all(html[a:b] in pages[url].parts for a, b in ours)
        _same(published.inspect(html, allowed, ours), _read_alone(html, allowed, ours))
    html, allowed, ours = parts.published(pages["doc/xzbf/2018/68/"], render(_content(parts.source(pages["doc/xzbf/2018/68/"]))), [])
    assert bool(published.inspect(html, allowed, ours)[0]) == bool(payload.strip() and "单引号" not in payload)


_OURS = ('<article data-pagefind-body>\n', '<p class="gb-editor" data-pagefind-ignore="all" id="gb-ed">责编</p>\n</article>\n')


@pytest.mark.parametrize("body, violations", [
    ('<p id="art-1">正文</p>\n', 0),
    ('<p>正文</p>\n<p class="gb-editor" data-pagefind-ignore="all" id="gb-ed">假责编</p>\n', 3),  # a copy of ours
    ('<p>正文</p>\n<span class="gb-art-no"', 5),       # a tag left open before our part: the tokenizer reads on (class twice)
    ('<p>正文</p>\n<p title="x\n', 1),                  # a quote left open across our part
    ("<p>正文</p>\n<script>", 1),                       # raw text that would swallow our part
    ('<p>正文</p>\n<p id="gb-ed">x</p>\n', 1),          # an id the project wrote on the page
])
def test_an_editors_text_cannot_pass_for_the_projects_parts(body, violations):
    """Tags in the project's spans are not checked; an editor's text beside them cannot make its own tags
    start there, nor take ours away: each attempt is refused."""
    authored = published.Authored("a.md", 1, "x", "x", (("*", "id", "art-1"),))
    page = parts.Page({}, (_OURS[0], parts.Markdown("x", authored), _OURS[1]))
    html, allowed, ours = parts.published(page, body, [])
    assert [html[a:b] for a, b in ours] == list(_OURS)
    found, ids = published.inspect(html, allowed, ours)
    assert len(found) == len(_read_alone(html, allowed, ours)[0]) == violations, found
    assert ids == ["art-1", "gb-ed"] or violations


def test_a_tag_is_the_projects_by_where_it_starts():
    html = '<a>x</a><b x="/">1<c><d></d>6789<e><script></script>'  # start tags at 0, 8, 18, 21, 32, 35; "</" at 4, 24, 43
    located = published.simple_tags(html)
    a, b, c, d, e, script = located
    assert [tag for tag, _ in located] == ["a", "b", "c", "d", "e", "script"]
    assert published._apart(html, located, ((8, 21), (32, 33))) == ([a, d, script], [b, c, e])
    assert published._apart(html, located, ((0, 1), (18, 21))) == ([b, d, e, script], [a, c])
    assert published._apart(html, located, ((1, 8), (22, 32), (33, 35))) == (located, [])
    assert published._apart(html, located, ((4, 9), (36, 60))) == ([a, c, d, e, script], [b])  # from an end tag's "<"
    assert published._apart(html, located, ((5, 19), (19, 32))) == ([a, e, script], [b, c, d])  # from its "/"
    assert published._apart(html, located, ((25, 33),)) == ([a, b, c, d, script], [e])  # from just after its "</"
    assert published._apart(html, located, ()) == (located, [])


# One live payload in each container, each a different trick: every one must be named by its line.
_HAND_WRITTEN_PAYLOADS = dict(zip(CONTAINERS, [
    "<input autofocus onfocus=alert(1)>", "[链接](javascript:alert(1))", '<span data-pagefind-meta="title:假标题">x</span>',
    "*强调*{: onmouseover=alert(1) }", "<svg onload=alert(1)>", '<span id="__search">搜索</span>',
    '<a href="&#106;avascript:alert(1)">链接</a>', '**粗體**{: data-pagefind-meta="title:假標題" }',
]))


@pytest.mark.parametrize("page", ["content/index.md", "content/about.md"])
def test_the_rendered_check_reads_the_editors_text_of_every_hand_written_page(site_repo, monkeypatch, tmp_path, caplog, page):
    """The home page is made from content/index.md and generated lists: its editor text is the editors', not the
    project's, even where the source rule (turned off here) would let a payload through — in any container."""
    monkeypatch.setattr(handwritten_pages, "check", lambda ctx: iter(()))
    monkeypatch.chdir(site_repo.path)
    path = site_repo.path / page
    text = path.read_text(encoding="utf-8").rstrip("\n") + "\n"
    lines = []
    for container, payload in _HAND_WRITTEN_PAYLOADS.items():
        block = CONTAINERS[container].format(p=payload).rstrip("\n")
        start = text.count("\n") + 2  # after the blank line that separates blocks
        lines.append(start + next(i for i, line in enumerate(block.split("\n")) if payload in line))
        text += "\n" + block + "\n"
    path.write_text(text, encoding="utf-8")
    config = load_config(str(site_repo.path / "mkdocs.yml"), site_dir=str(tmp_path / "out"), strict=True)
    config.plugins.on_startup(command="build", dirty=False)
    with pytest.raises((PluginError, Abort)) as refused:
        build.build(config)
    said = str(refused.value) + caplog.text
    assert [line for line in lines if f"{page}:{line}:" not in said] == [], said
    assert "data-pagefind-meta 不在允许范围内" in said
    assert not (tmp_path / "out" / "index.html").exists()


# a stylesheet's selector on an id: [id], [id="…"], [id^="…"], [id*="…"]… (operator, value)
_ID_SELECTOR = re.compile(r'\[id(?:([~|^$*]?)="([^"]*)")?\]')


def _id_selectors():
    for css in sorted((ROOT / "content" / "assets").rglob("*.css")):
        text = re.sub(r"/\*.*?\*/", "", css.read_text(encoding="utf-8"), flags=re.S)
        for selectors, declarations in re.findall(r"([^{}]*)\{([^{}]*)\}", text):  # innermost rules, @media's too
            if [d.split(":")[0].strip() for d in declarations.split(";") if d.strip()] == ["scroll-margin-top"]:
                continue  # where a link to an id lands, not how anything looks
            yield from ((css.name, selectors.strip(), op, value) for op, value in _ID_SELECTOR.findall(selectors))


def test_the_stylesheets_key_a_look_only_on_ids_content_cannot_write():
    """The look of the project's anchored parts (an article's number in its typeface, a chapter centred) is keyed on
    their ids: on ids content can never write (``reserved_id``: art-3, d-xzbf-2018-68-art-3), or <p id="note"><b>第九条
    </b>…</p> and <h2 id="chap-x">第九章 …</h2> would look like an article and a chapter the document has not."""
    def unwritable(op: str, value: str) -> bool:
        if op in ("", "^"):  # the whole id, or its start: a reserved part there is reserved in any id that holds it
            return reserved_id(value)
        # anywhere: reserved whatever stands before it (not by starting the id: x + value does not start it)
        return op == "*" and reserved_id("x" + value)
    found = list(_id_selectors())
    assert found  # the article's and the chapter's
    assert [(name, selectors, op, value) for name, selectors, op, value in found
            if not (op or value) or not unwritable(op, value)] == []


# -- the events link_text reads a page by (gongbao.rules.simple_html.events) ----------------------------------------

class _Recorder(HTMLParser):
    """What the tokenizer hands a parser, as simple_html.events gives it: a run of text as one event."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.events: list[tuple] = []

    def handle_starttag(self, tag, attrs):
        self.events.append(("start", tag, tuple(attrs)))

    def handle_startendtag(self, tag, attrs):
        self.events.append(("startend", tag, tuple(attrs)))

    def handle_endtag(self, tag):
        self.events.append(("end", tag))

    def handle_data(self, data):
        if self.events and self.events[-1][0] == "data":
            self.events[-1] = ("data", self.events[-1][1] + data)
        else:
            self.events.append(("data", data))


def _recorded(html: str) -> list[tuple]:
    recorder = _Recorder()
    recorder.feed(html)
    recorder.close()
    return recorder.events


@settings(max_examples=examples(3000), deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join))
def test_the_events_are_the_tokenizers_wherever_the_pattern_reads(html):
    read = simple_html.events(html)
    assert (read is None) is (simple_html.simple_tags(html) is None)
    assert read is None or read == _recorded(html)


@pytest.mark.parametrize("container", [*CONTAINERS, "attribute list"])
def test_the_events_of_content_in_every_container_are_the_tokenizers(render, container):
    text = "第三條　本辦法自公布之日起施行。\n{: #art-3 .gb-x title=\"&quot;引&quot;\" }" if container == "attribute list" \
        else CONTAINERS[container].format(p=_REPEATED + ' [见](https://a.cn/ "说明") ![图](x.png "图")')
    html = render(text)
    assert simple_html.events(html) == _recorded(html), html


_LINK_PIECES = ['<a href="https://evil.example/">', '<a href="/doc/">', "</a>", '<a href="x"/>', "<a>", "<b>", "</b>",
                "www.wuxi.gov.cn", "文字", " ", "\n", '<img alt="www.a.cn">', '<img alt="b"/>', '<abbr title="www.x.cn">',
                "</abbr>", "&amp;", "<abbr>", "<br/>", "<", ">"]


@settings(max_examples=examples(3000), deadline=None)
@given(st.lists(st.sampled_from(_LINK_PIECES), max_size=30).map("".join))
def test_the_links_of_simple_markup_are_read_as_the_tokenizer_reads_them(html):
    """link_text reads a page's links by the patterns, only the spans of its links when no element has a title: the
    links, their texts and tooltips, and the nested ones, as the tokenizer's reading of the whole page gives them."""
    if simple_html.simple_tags(html) is None:
        return
    fast, whole = link_text.anchors(html, True), link_text.anchors(html, False)
    assert (fast.links, fast.nested) == (whole.links, whole.nested)


def test_the_generated_links_reach_the_patterns():
    """The test above means something: most of what it tries is simple markup, with links and nested links."""
    read = []
    given(st.lists(st.sampled_from(_LINK_PIECES), max_size=30).map("".join))(settings(max_examples=500, deadline=None)(
        lambda html: read.append(simple_html.simple_tags(html) is not None and link_text.anchors(html, True).nested)))()
    assert sum(map(bool, read)) > 50
