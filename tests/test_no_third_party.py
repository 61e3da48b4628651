"""The built site asks nothing of any host but its own, and runs under its Content-Security-Policy."""
from __future__ import annotations

from urllib.parse import urlsplit

PAGES = ["", "gazette/2018/06/", "doc/xzbf/2018/68/", "doc/xzbf/2018/68/jiedu/xzbf-2018-68-wzjd/",
         "catalog/", "search/?q=政务公开"]


def test_every_request_goes_to_the_site_itself_and_nothing_breaks_the_policy(page, site_url):
    own = urlsplit(site_url).netloc
    requests, complaints = [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: complaints.append(m.text) if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: complaints.append(str(e)))
    for path in PAGES:
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
    page.wait_for_selector("#gb-results li")  # the search ran under the policy
    foreign = [u for u in requests if urlsplit(u).scheme not in ("data", "blob") and urlsplit(u).netloc != own]
    assert foreign == []
    assert len(requests) > 20  # the pages, their assets and the search index were all recorded
    assert complaints == []


def test_every_page_carries_the_policy(built_site):
    pages = list(built_site.rglob("*.html"))
    missing = [str(p.relative_to(built_site)) for p in pages
               if '<meta http-equiv="Content-Security-Policy"' not in p.read_text(encoding="utf-8")]
    assert pages and missing == []
