"""The text of an old web page, laid out the way the seed file shows one.

Block elements become lines; a table row becomes ``cell | cell |`` (the seed's ``文號 | 錫政辦發〔2018〕68號 |``);
scripts, styles and the document head are dropped. What is the page's chrome (menus, footer) and
what is the document is decided by the importer, which reports what it leaves out.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser

_BLOCKS = frozenset(
    "address article aside blockquote br center dd div dl dt footer form h1 h2 h3 h4 h5 h6 header hr li main nav "
    "ol p pre section table tbody thead tfoot tr ul".split())
_HIDDEN = frozenset("head script style noscript template".split())
_SPACE = re.compile(r"[ \t\r\n\f]+")  # HTML's whitespace; the full-width space U+3000 is text


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")
        elif tag in ("td", "th"):
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")
        elif tag in ("td", "th"):
            self.parts.append(" |")

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(_SPACE.sub(" ", data))


def page_lines(html: str) -> list[str]:
    """The non-blank lines of text of ``html``."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    return [line.strip() for line in "".join(parser.parts).split("\n") if line.strip()]
