"""The Content-Security-Policy trusts the theme's and the project's inline scripts, from their
templates, and nothing a page smuggles in (gongbao.publish.csp); in Chromium nothing injected runs or leaves."""
from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import material
import pytest

from gongbao.publish import csp, theme_scripts
from gongbao.publish.build import BuildFailed, build

from browser import serve  # the fixtures (browser, page, built_site) come from conftest's plugin

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = [ROOT / "overrides", Path(material.__file__).parent / "templates"]
CONTEXTS = [{"base_url": b, "config": {"extra": {}}} for b in theme_scripts.base_urls("/")]
DOC = "doc/xzbf/2018/68/index.html"


@pytest.fixture(scope="module")
def trusted():
    return theme_scripts.of_templates(TEMPLATES, CONTEXTS)


def test_every_inline_script_of_the_built_site_comes_from_a_template(built_site, trusted):
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 20
    for path in pages:
        html = path.read_text(encoding="utf-8")
        for code in csp.inline_scripts(html):
            assert csp.script_hash(code) in trusted, (path, code[:60])
        listed = re.search(r"script-src ([^;]*);", html)
        assert listed and all(h in trusted for h in re.findall(r"'sha256-[^']+'", listed[1])), path


INJECTED = [
    "<script>alert(1)</script>",
    "<SCRIPT>alert(1)</SCRIPT>",
    '<script type="text/javascript">alert(1)</script>',
    '<script type="module">alert(1)</script>',
    '<script type="text/plain">alert(1)</script>',            # not run today, still never trusted
    '<script data-type="application/json">alert(1)</script>',  # "application/json" in another attribute
    '<script type="application/json" type="text/javascript">alert(1)</script>',
    '<svg><script>alert(1)</script></svg>',
]


@pytest.mark.parametrize("script", INJECTED)
def test_a_page_with_an_injected_inline_script_gets_no_policy(built_site, trusted, script):
    html = (built_site / DOC).read_text(encoding="utf-8")
    html = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", html).replace("</body>", script + "</body>")
    with pytest.raises(csp.UntrustedScript):
        csp.with_policy(html, trusted)


def test_data_blocks_are_data(trusted):
    html = '<head></head><script type="application/ld+json">{"a": 1}</script><script type=" Application/JSON ">{}</script>'
    assert "sha256" not in csp.policy(html, trusted)


def test_the_policy_allows_no_inline_code_but_by_hash(built_site, trusted):
    policy = csp.policy((built_site / DOC).read_text(encoding="utf-8"), trusted)
    for word in ("unsafe-inline", "unsafe-hashes", "'unsafe-eval'", "*", "http:", "https:", "data: ;"):
        assert word not in policy.replace("img-src 'self' data:", "")
    assert "object-src 'none'" in policy and "frame-src 'none'" in policy and "base-uri 'self'" in policy


def test_a_template_script_is_trusted_for_the_values_it_takes(tmp_path):
    (tmp_path / "main.html").write_text('{% block x %}<script>var base="{{ base_url }}"</script>'
                                        '<script>{{ undefined_thing() }}</script>{% endblock %}', encoding="utf-8")
    found = theme_scripts.of_templates([tmp_path], [{"base_url": ".."}, {"base_url": "."}])
    assert found == {csp.script_hash('var base=".."'), csp.script_hash('var base="."')}  # a script that does not render: not trusted


PAYLOAD = """
<script>window.__gbRan = "script"; new Image().src = "https://example.invalid/leak";</script>
<script type="module">window.__gbRan = "module"</script>
<img src="../../../../missing.png" onerror="window.__gbRan = 'onerror'">
<a id="gb-evil-link" href="javascript:window.__gbRan = 'href'">链接</a>
<p id="gb-evil-hover" onmouseover="window.__gbRan = 'hover'">移过</p>
<iframe src="https://example.invalid/frame"></iframe>
<object data="https://example.invalid/object"></object>
<form action="https://example.invalid/form"><button id="gb-evil-submit">提交</button></form>
"""


def test_in_chromium_nothing_injected_runs_and_no_request_leaves(built_site, tmp_path, page):
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    target = site / DOC
    target.write_text(target.read_text(encoding="utf-8").replace("</body>", PAYLOAD + "</body>"), encoding="utf-8")
    requests: list[str] = []
    page.route("**/*", lambda route: (requests.append(route.request.url),
                                      route.continue_() if urlsplit(route.request.url).hostname == "127.0.0.1"
                                      else route.abort()))
    page.add_init_script("window.__violations = []; document.addEventListener('securitypolicyviolation',"
                         " e => window.__violations.push(e.violatedDirective))")
    with serve(site) as url:
        page.goto(url + DOC.removesuffix("index.html"))
        page.wait_for_load_state("networkidle")
        page.hover("#gb-evil-hover")
        page.click("#gb-evil-link")
        page.click("#gb-evil-submit", no_wait_after=True)
        page.wait_for_timeout(300)
        ran = page.evaluate("window.__gbRan")
        violations = page.evaluate("window.__violations")
        theme_ran = page.evaluate("typeof window.__md_get")
    assert ran is None
    assert theme_ran == "function"  # the theme's own inline scripts did run: the policy trusts them
    assert {"script-src-elem", "script-src-attr", "frame-src", "object-src", "form-action"} <= set(violations), violations
    assert [u for u in requests if urlsplit(u).hostname != "127.0.0.1"] == []


@pytest.mark.parametrize("markup", [
    '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    "<META HTTP-EQUIV=Refresh CONTENT='0;url=https://evil.example/'>",
    '<meta\ncontent="0;url=//evil.example" http-equiv="refresh">',
    '<meta http-equiv="set-cookie" content="a=b">',
])
def test_a_pragma_in_a_page_is_found_however_written(markup):
    assert csp.navigates(f"<html><head></head><body><p>正文</p>{markup}</body></html>")


def test_a_page_without_a_pragma_and_the_word_as_text(built_site):
    assert not csp.navigates((built_site / DOC).read_text(encoding="utf-8").replace(
        '<meta http-equiv="Content-Security-Policy"', "<meta"))
    assert not csp.navigates("<p>http-equiv 是 HTML 的一个属性</p>")


def test_the_build_publishes_no_page_whose_theme_sends_the_reader_elsewhere(site_repo):
    """The theme's part of a page is the project's templates and what settings put in it, no check of the body reads
    it: a refresh there (a template or a setting printed unescaped) would send every reader elsewhere, and the
    policy does not stop a navigation."""
    site_repo.replace("overrides/main.html", "{% block extrahead %}",
                      '{% block extrahead %}<meta http-equiv="refresh" content="0;url=https://evil.example/">')
    with pytest.raises(BuildFailed):
        build(site_repo.path, site_repo.path / "site", search_index=False, quiet=True)
    assert not (site_repo.path / "site").exists()


@pytest.mark.parametrize("own_site", [False, True])
def test_only_the_site_itself_can_show_its_page_in_a_frame(page, site_url, tmp_path, own_site):
    """Clickjacking: another site framed a page under a fake 已废止 notice. The headers the build writes for the hosts,
    sent by the tests' server as by ``gongbao serve`` (gongbao.publish.render.host_headers), refuse the frame."""
    framed = site_url + DOC.removesuffix("index.html")
    (tmp_path / "index.html").write_text(f'<!doctype html><iframe src="{framed}" onload="document.title = 1">'
                                         "</iframe>", encoding="utf-8")  # a refused frame loads an error page
    with serve(tmp_path) as other:  # another port: another origin
        if own_site:  # the same page, as if the site held it
            page.route(site_url + "framing.html", lambda route: route.fulfill(path=tmp_path / "index.html"))
        page.goto(site_url + "framing.html" if own_site else other)
        page.wait_for_function("document.title == 1")
        frame = page.frames[1]
        shown = frame.url == framed and frame.locator("h1.gb-title").count() == 1
    assert shown == own_site, frame.url
