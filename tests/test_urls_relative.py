"""A link between two pages: what ``posixpath.relpath`` makes of them, whatever their segments, from each URL read once."""
from __future__ import annotations

import posixpath

from hypothesis import given, strategies as st

from gongbao.content import urls


def by_relpath(from_url: str, to_url: str) -> str:
    """The definition ``urls.relative`` keeps to."""
    rel = posixpath.relpath("/" + to_url, "/" + (from_url or "."))
    return "./" if rel == "." else rel.rstrip("/") + "/"


SEGMENTS = st.sampled_from(["doc", "xzbf", "2018", "68", "files", "附件1.pdf", "..", ".", "", "id", "x-2"])
URLS = st.lists(SEGMENTS, max_size=6).map(lambda parts: "/".join(parts)) | st.sampled_from(["", "./", "/", "//a/"])


@given(URLS, URLS.filter(bool))
def test_a_link_is_what_relpath_makes_of_the_two_urls(from_url, to_url):
    assert urls.relative(from_url, to_url) == by_relpath(from_url, to_url)


def test_links_between_pages():
    assert urls.relative("doc/xzbf/2018/68/", "gazette/2018/06/") == "../../../../gazette/2018/06/"
    assert urls.relative("doc/xzbf/2018/68/", "doc/xzbf/2018/68/") == "./"
    assert urls.relative("", "doc/id/x/") == "doc/id/x/"
    assert urls.relative("doc/xzbf/2018/68/jiedu/wzjd/", "doc/xzbf/2018/68/") == "../../"
