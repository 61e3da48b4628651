"""Every id on a rendered page is unique: a citation's #fragment lands on exactly one place.

The anchor scheme (gongbao.identifiers.headings) and the content rule (gongbao.rules.anchor_ids) make this so
by construction; this is the build's own last look at the page as it will be served.
"""
from __future__ import annotations

import html
import re
from collections import Counter
from html.parser import HTMLParser

# An id attribute inside a start tag, its value in any of the three spellings; comments, scripts and styles
# are matched whole so that nothing inside them counts, as a tokenizer reads them (their start tag's own id does).
# A tag's first id is looked for from white space to white space: "(?:[^<>\s]*+\s)+?" matches the strings that
# "[^<>]*?\s" matches (any run ending in a white space), in the same order (shortest first), without trying
# "id" after every character: a third less time, most of the theme's tags having no id.
_VALUE = r"""\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))"""
_TOKEN = re.compile(r"<!--.*?-->|<(script|style)\b([^<>]*)>.*?</\1\s*>|<[a-zA-Z](?:[^<>\s]*+\s)+?id" + _VALUE, re.S | re.I)
_ATTRIBUTE = re.compile(r"\sid" + _VALUE, re.I)


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


def of_theme(markup: str) -> list[str]:
    """``of`` for the theme's own markup (Material's templates and ours, around a page's content), by one pattern:
    a tokenizer costs as much as a page's whole content check. Only for markup the project's templates write,
    every value quoted and no ``>`` inside one (tests/test_anchor_ids.py compares both readers on every built page);
    content is read by the tokenizer (gongbao.publish.rendered_html)."""
    out = []
    for match in _TOKEN.finditer(markup):
        if match[1]:
            match = _ATTRIBUTE.search(match[2])
            if match is None:
                continue
            value = match[1] if match[1] is not None else match[2] if match[2] is not None else match[3]
        else:
            value = match[3] if match[3] is not None else match[4] if match[4] is not None else match[5]
        if value is not None:
            out.append(html.unescape(value) if "&" in value else value)
    return out


def duplicates(page: str) -> list[str]:
    """The ids that more than one element of ``page`` carries, in order of first appearance."""
    return repeated(of(page))


def repeated(ids: list[str]) -> list[str]:
    """The values that occur more than once in ``ids``, in order of first appearance."""
    if len(set(ids)) == len(ids):  # every page, but one that is refused: a set is made in a third of a Counter's time
        return []
    return [value for value, count in Counter(ids).items() if count > 1]
