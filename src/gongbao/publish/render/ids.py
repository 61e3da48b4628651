"""Every id on a rendered page is unique: a citation's #fragment lands on exactly one place.

The anchor scheme (gongbao.identifiers.headings) and the content rule (gongbao.rules.anchor_ids) make this so
by construction; this is the build's own last look at the page as it will be served.
"""
from __future__ import annotations

from collections import Counter
from html.parser import HTMLParser


class _Ids(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.ids += [value for name, value in attrs if name == "id" and value is not None]

    handle_startendtag = handle_starttag


def of(page: str) -> list[str]:
    """Every element id of an HTML page, in document order."""
    parser = _Ids()
    parser.feed(page)
    parser.close()
    return parser.ids


def duplicates(page: str) -> list[str]:
    """The ids that more than one element of ``page`` carries, in order of first appearance."""
    return repeated(of(page))


def repeated(ids: list[str]) -> list[str]:
    """The values that occur more than once in ``ids``, in order of first appearance."""
    return [value for value, count in Counter(ids).items() if count > 1]
