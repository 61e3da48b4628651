"""A slug that moved (gazette.yml's previous_slugs) leaves nothing broken: each page of the old catalogue is a redirect
page to the same page of the new one, the old feed is published on (a feed reader follows no meta refresh), and the
hosts' rules redirect both with a 301."""
from __future__ import annotations

from conftest import Repo
from gongbao.content.settings import FILENAME as SETTINGS
from gongbao.publish.render import redirect_pages, site

from test_lock_slugs import locked  # noqa: F401 (a fixture)

MOVES = (("无锡市人民政府办公室: wxszfbgs", "无锡市人民政府办公室: {slug: wxszfbg2, previous_slugs: [wxszfbgs]}"),
         ("综合政务: zhzw", "综合政务:\n    slug: zhzw2\n    previous_slugs: [zhzw]"))


def built(repo: Repo) -> dict:
    checked = repo.check()
    assert checked.ok, checked.diagnostics
    return site.files(checked.archive, checked.settings)


def test_old_catalogue_pages_redirect_and_the_old_feed_goes_on(locked: Repo):  # noqa: F811
    before = built(locked)
    assert "catalog/issuer/wxszfbgs/index.html" not in before and "feeds/issuer/wxszfbgs.xml" in before
    for old, new in MOVES:
        locked.replace(SETTINGS, old, new)
    files = built(locked)
    for facet, old, new in (("issuer", "wxszfbgs", "wxszfbg2"), ("topic", "zhzw", "zhzw2")):
        page = files[f"catalog/{facet}/{old}/index.html"]
        assert f'<meta http-equiv="refresh" content="0; url=../{new}/">' in page
        assert f'<link rel="canonical" href="https://example.gov.cn/catalog/{facet}/{new}/">' in page
        assert f"/catalog/{facet}/{old}/ /catalog/{facet}/{new}/ 301" in files[redirect_pages.NETLIFY]
        assert f'location = "/catalog/{facet}/{old}/" {{ return 301 /catalog/{facet}/{new}/; }}' in files[redirect_pages.NGINX]
    # the feed: the same bytes at both paths (its self link the new one), and a 301 where the host reads rules
    assert files["feeds/issuer/wxszfbgs.xml"] == files["feeds/issuer/wxszfbg2.xml"] == before["feeds/issuer/wxszfbgs.xml"].replace(
        "feeds/issuer/wxszfbgs.xml", "feeds/issuer/wxszfbg2.xml")
    assert "/feeds/issuer/wxszfbgs.xml /feeds/issuer/wxszfbg2.xml 301" in files[redirect_pages.NETLIFY]
    assert ('location = "/feeds/issuer/wxszfbgs.xml" { return 301 /feeds/issuer/wxszfbg2.xml; }'
            in files[redirect_pages.NGINX])
    assert "feeds/issuer/wxszfbgs.xml/index.html" not in files


def test_a_previous_slug_without_a_listing_now_leads_nowhere(locked: Repo):  # noqa: F811
    """The government publishes nothing here: its previous slug has no page to lead to, and no redirect is written."""
    locked.replace(SETTINGS, "无锡市人民政府: wxszf", "无锡市人民政府: {slug: wxszf, previous_slugs: [szf]}")
    files = built(locked)
    assert not any("szf/" in path.replace("wxszf", "") for path in files)
