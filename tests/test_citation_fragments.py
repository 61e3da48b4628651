"""A pinpoint citation through a redirect keeps its place: /doc/<earlier URL>/#art-5 and /wh/<number>/#art-5 (the
canonical spelling's page; any other through the 404 page's resolver and the search page's number lookup) land at
第五条 of the document, not at its top. A meta refresh drops the fragment; gb-redirect.js, the resolver and the lookup
carry it. The fragment is hostile: it runs nothing, is written nowhere and leads nowhere but the document. Without
JavaScript the redirect still goes to the document (to its top: no page can carry a fragment without a script)."""
from __future__ import annotations

from urllib.parse import quote, unquote, urlsplit

import pytest

from browser import serve
from conftest import copy_sample
from gongbao.publish.build import build

DOC = "doc/wxzfl/180/"                  # 无锡市人民政府令第180号, renumbered below from 179
EARLIER = "doc/wxzfl/179/"
JD = "jiedu/wxzfl-180-wzjd/"            # its interpretation, which moves with it


@pytest.fixture(scope="module")
def renumbered(tmp_path_factory):
    """The sample, built and served, with 无锡市人民政府令第180号 renumbered from 179 (``previous_urls``): its earlier
    URL, its interpretation's and the earlier number's alias are redirect pages too. Without the lock, which records
    no URL 179 (a renumbering it has not seen is refused)."""
    root = copy_sample(tmp_path_factory.mktemp("renumbered") / "repo", ("mkdocs.yml", "gazette.yml", "withdrawn.yml"))
    source = root / "gazette/2018/06/wxzfl-180.md"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("status: 执行中", f"status: 执行中\nprevious_urls: [{EARLIER}]", 1), encoding="utf-8")
    build(root, root.parent / "site", quiet=True)
    with serve(root.parent / "site") as url:
        yield url


CITATIONS = [
    (EARLIER, DOC, "art-5"),                              # an earlier URL: a redirect page
    (EARLIER + JD, DOC + JD, "sec-7"),                    # its interpretation's earlier URL
    ("wh/无锡市人民政府令第180号/", DOC, "art-5"),           # the canonical alias: a redirect page
    ("wh/无锡市人民政府令第179号/", DOC, "art-20"),          # the earlier number's canonical alias
    ("wh/無錫市人民政府令第180/", DOC, "art-5"),             # another spelling: 404 page, then the number lookup
    ("wh/无锡市人民政府令第179/", DOC, "art-12"),            # the earlier number in another spelling
]
IN_VIEW = """id => { const el = document.getElementById(id); if (!el) return false;
    const top = el.getBoundingClientRect().top; return scrollY > 0 && top >= 0 && top < innerHeight / 2; }"""


@pytest.mark.parametrize("cited, target, fragment", CITATIONS)
def test_a_citation_through_a_redirect_lands_at_its_article(page, renumbered, cited, target, fragment):
    page.goto(renumbered + quote(cited) + "#" + fragment)
    page.wait_for_url(renumbered + target + "#" + fragment)
    try:
        page.wait_for_function(IN_VIEW, arg=fragment, timeout=10000)  # a busy machine scrolls late
    except Exception:
        pass  # the assertion says what is wrong
    assert page.evaluate(IN_VIEW, fragment), page.evaluate("[scrollY, location.href]")


@pytest.mark.parametrize("cited", [EARLIER, "wh/无锡市人民政府令第180号/"])
def test_without_a_fragment_the_redirect_is_as_it_was(page, renumbered, cited):
    page.goto(renumbered + quote(cited))
    page.wait_for_url(renumbered + DOC)
    page.wait_for_load_state("load")
    assert page.url == renumbered + DOC and page.evaluate("scrollY") == 0


@pytest.mark.parametrize("cited", [EARLIER, "wh/无锡市人民政府令第180号/"])
def test_without_javascript_the_redirect_page_still_leads_to_the_document(browser, renumbered, cited):
    """The meta refresh and the link stay; the fragment cannot follow without a script: the reader lands at the top."""
    context = browser.new_context(java_script_enabled=False)
    try:
        tab = context.new_page()
        tab.goto(renumbered + quote(cited) + "#art-5")
        tab.wait_for_url(renumbered + DOC)
        assert tab.locator("#art-5").count() == 1
    finally:
        context.close()


HOSTILE = ['"><img src=x onerror=alert(1)>', "javascript:alert(1)", "//evil.example/x", "'-alert(1)-'",
           "</script><script>alert(1)</script>", "@evil.example"]


@pytest.mark.parametrize("cited", [EARLIER, "wh/无锡市人民政府令第180号/", "wh/無錫市人民政府令第180/"])
@pytest.mark.parametrize("hostile", HOSTILE)
def test_a_hostile_fragment_runs_nothing_and_leads_only_to_the_document(page, renumbered, cited, hostile):
    """The fragment is only ever the fragment of the document's URL: no dialog, no element made of it, no request
    elsewhere; the reader is on the document with the fragment as asked, which names no element there."""
    own = urlsplit(renumbered).netloc
    dialogs, foreign = [], []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("request", lambda r: foreign.append(r.url) if urlsplit(r.url).netloc != own else None)
    page.route(lambda url: urlsplit(url).netloc != own, lambda route: route.abort())
    page.goto(renumbered + quote(cited) + "#" + hostile)
    page.wait_for_url(lambda url: urlsplit(url).path == "/" + DOC)
    page.wait_for_load_state("load")
    page.wait_for_timeout(300)  # a handler or a second navigation would have run by now
    now = urlsplit(page.url)
    assert (dialogs, foreign, now.netloc, now.path, unquote(now.fragment)) == ([], [], own, "/" + DOC, hostile)
    assert page.locator("img[src='x'], [onerror]").count() == 0


@pytest.mark.parametrize("written", [
    '<p><a href="/doc/xzbf/2018/68/" data-gb-redirect="">甲</a></p>',
    "[甲](/doc/xzbf/2018/68/){: data-gb-redirect }",           # an attribute list
    "- [甲](/doc/xzbf/2018/68/){ DATA-GB-REDIRECT }",          # in a list, upper case
    "> [甲](/doc/xzbf/2018/68/){data-gb-redirect}",            # in a quote
    '| 甲 |\n|---|\n| <a href="/doc/xzbf/2018/68/" data&#45;gb-redirect>乙</a> |',  # a table, an entity
    '<meta http-equiv="refresh" content="0; url=/doc/xzbf/2018/68/">',
])
def test_content_cannot_make_a_page_the_redirect_script_acts_on(repo, written):
    """gb-redirect.js runs on every page (the joined gb-site.js): it acts only beside a refresh and a marked link,
    which no text may write; else a document could send a citation of it on to another page."""
    repo.replace("gazette/2018/06/xzbf-68.md", "（一）加强统筹。", f"{written}\n\n（一）加强统筹。")
    assert [m for m in repo.messages() if "gb-redirect" in m.lower() or "<meta>" in m]
