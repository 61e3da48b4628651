"""The built site asks nothing of any host but its own, and runs under its Content-Security-Policy: every page of
the sample, read as a file and crawled in Chromium."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest

DOC = "doc/xzbf/2018/68/index.html"
# What a source of the policy may be: the site, nothing, an inline script's hash, and data: images (the theme's icons)
_SOURCES = re.compile(r"'self'|'none'|'sha256-[A-Za-z0-9+/]+={0,2}'")
_NEEDED = {"default-src": {"'self'"}, "object-src": {"'none'"}, "base-uri": {"'self'"}}


class _Head(HTMLParser):
    """The policies a page declares (``<meta http-equiv>`` in any case) and whether a script came before the first."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.policies: list[str] = []
        self.script_first = False
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and not self.policies:
            self.script_first = True
        if tag == "meta" and (attrs.get("http-equiv") or "").strip().lower() == "content-security-policy":
            self.policies.append(attrs.get("content") or "")


def policy_problems(html: str) -> list[str]:
    """What is wrong with a page's policy: none or two, after a script (which then ran unchecked), a source that
    lets in inline code, eval or another host, a directive the site relies on missing."""
    head = _Head(html)
    if len(head.policies) != 1:
        return [f"{len(head.policies)} policies"]
    problems = ["a script before the policy"] if head.script_first else []
    directives = {}
    for name, *sources in (part.split() for part in head.policies[0].split(";") if part.strip()):
        name = name.lower()
        directives[name] = set(sources)
        allowed = [s for s in sources if _SOURCES.fullmatch(s) or (name == "img-src" and s == "data:")]
        problems += [f"{name} {s}" for s in sources if s not in allowed]
    problems += [f"{name} is not {sorted(need)}" for name, need in _NEEDED.items() if directives.get(name) != need]
    return problems


def test_every_page_carries_one_strict_policy_before_any_script(built_site):
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 50  # documents, print views, catalogues, redirect pages, 404.html
    problems = {str(p.relative_to(built_site)): policy_problems(p.read_text(encoding="utf-8")) for p in pages}
    assert {page: found for page, found in problems.items() if found} == {}


META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')


@pytest.mark.parametrize("tamper, found", [
    (lambda html: META.sub("", html), ["0 policies"]),
    (lambda html: META.sub(lambda m: m[0] + m[0], html), ["2 policies"]),
    (lambda html: html.replace("<head>", '<head><META HTTP-EQUIV=content-security-policy content="default-src *">', 1),
     ["2 policies"]),
    (lambda html: html.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'"), ["script-src 'unsafe-inline'"]),
    (lambda html: html.replace("script-src 'self'", "script-src 'self' 'unsafe-eval'"), ["script-src 'unsafe-eval'"]),
    (lambda html: html.replace("img-src 'self'", "img-src *"), ["img-src *"]),
    (lambda html: html.replace("connect-src 'self'", "connect-src https:"), ["connect-src https:"]),
    (lambda html: html.replace("default-src 'self'; ", ""), ["default-src is not [\"'self'\"]"]),
    (lambda html: html.replace("<head>", "<head><script src=\"x.js\"></script>", 1), ["a script before the policy"]),
])
def test_a_page_whose_policy_is_missing_doubled_late_or_loose_is_found(built_site, tamper, found):
    html = (built_site / DOC).read_text(encoding="utf-8")
    assert policy_problems(html) == []
    assert policy_problems(tamper(html)) == found


def _url(site_url: str, page: Path, site: Path) -> str:
    path = page.relative_to(site).as_posix()
    return site_url + quote(path[:-len("index.html")] if path.endswith("index.html") else path)


def crawl(page, urls: list[str], own: str, redirecting: frozenset[str] = frozenset()) -> tuple[list[str], list[str]]:
    """Visit each URL in one tab (``redirecting``: those a redirect page sends on); the requests to any host but ``own`` (one the policy refused is recorded too, and
    its refusal) and the errors and warnings the pages gave."""
    foreign, complaints = [], []
    page.on("request", lambda r: foreign.append(r.url) if urlsplit(r.url).scheme not in ("data", "blob")
            and urlsplit(r.url).netloc != own else None)
    page.on("console", lambda m: complaints.append(m.text) if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: complaints.append(str(e)))
    page.route(lambda url: urlsplit(url).netloc != own, lambda route: route.abort())  # nothing leaves the machine
    for url in urls:
        page.goto(url, wait_until="load")
        if url in redirecting:  # waited for at its target, else its refresh may cut off the next visit
            page.wait_for_url(lambda now: urlsplit(now).path != urlsplit(url).path, wait_until="load")
    page.wait_for_load_state("networkidle")
    return foreign, complaints


def test_no_page_asks_another_host_and_none_breaks_the_policy(page, site_url, built_site):
    pages = {_url(site_url, p, built_site): p.read_text(encoding="utf-8") for p in sorted(built_site.rglob("*.html"))}
    urls = [*pages, site_url + "search/?q=政务公开"]  # the search index and its fragments, loaded under the policy
    requested = []
    page.on("request", lambda r: requested.append(r.url))
    foreign, complaints = crawl(page, urls, urlsplit(site_url).netloc,
                                frozenset(url for url, html in pages.items() if 'http-equiv="refresh"' in html))
    page.wait_for_selector("#gb-results li")  # the search ran
    assert (foreign, complaints) == ([], [])
    assert len(requested) > len(urls) + 20  # the pages, their assets and the search index were all recorded


@pytest.mark.parametrize("policy, injected, found", [
    # without the policy the request is made, and recorded
    (False, '<img src="https://example.org/x.png">', (["https://example.org/x.png"], ["ERR_FAILED"])),
    # with it the request is never made: the refusal is recorded
    (True, '<img src="https://example.org/x.png">', (["https://example.org/x.png"], ["Content Security Policy"])),
    (False, "<script>null.x</script>", ([], ["null"])),
])
def test_the_crawl_finds_a_page_that_asks_another_host_or_fails(page, site_url, built_site, policy, injected, found):
    html = (built_site / DOC).read_text(encoding="utf-8").replace("</body>", injected + "</body>")
    html = html if policy else META.sub("", html)
    target = _url(site_url, built_site / DOC, built_site)
    page.route(target, lambda route: route.fulfill(body=html, content_type="text/html; charset=utf-8"))
    foreign, complaints = crawl(page, [site_url, target, site_url + "catalog/"], urlsplit(site_url).netloc)
    assert foreign == found[0]
    assert len(complaints) == len(found[1]) and all(w in c for w, c in zip(found[1], complaints)), complaints
