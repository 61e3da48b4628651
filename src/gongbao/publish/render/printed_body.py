"""A document's body as its issue's print view shows it, made from the HTML of the document's own page.

MkDocs renders each body once, on the document's page; the print view holds several documents on one page,
so each body it shows is that HTML moved: every id gets the document's prefix (``d-xzbf-2018-68-art-3``), every
heading goes one level down (under the document's own ``h2``), and every link goes where it goes on the document's
page (a relative URL is rebased from the document's URL to the print view's; a link to one of the body's own ids
goes to that id here). Nothing here is trusted: the print view's HTML is checked whole, as every page is
(``gongbao.publish.rendered_html``).
"""
from __future__ import annotations

import posixpath
import re
from html.parser import HTMLParser
from urllib.parse import unquote, urljoin, urlsplit

from gongbao.publish import rendered_html
from gongbao.rules import simple_html

_HEADINGS = frozenset(f"h{n}" for n in range(1, 6))
_MOVED = ("id", "href", "src")
_HEADING_END = re.compile("</h([1-5])>")
# A URL as a browser reads it: without the C0 controls and spaces at its ends, nor tabs and newlines within it; with a
# scheme when it starts with one; a "\" read as "/" (a link to "\\host" leaves the site)
_ENDS = "".join(map(chr, range(0x21)))
_SCHEME = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:")


def moved(body: str, prefix: str, page: str, here: str) -> str:
    """``body``, the HTML of a document's text on its page (site URL ``page``, e.g. ``doc/xzbf/2018/68/``), as the
    page at ``here`` shows it under the document's heading, its ids prefixed with ``prefix``."""
    # markup the published-HTML check reads by its patterns (what Python-Markdown writes) is moved by the same
    # patterns; any other by the standard library's tokenizer
    tags = simple_html.simple_tags(body)
    if tags is None:
        return _Tokens(prefix, page, here).moved(body)
    move = _Move(prefix, page, here, {v for _, attrs in tags for n, v in attrs if n == "id" and v})
    read = iter(tags)  # the pattern's matches, in order: each start tag's attributes as the check read them

    def start_tag(m: re.Match) -> str:
        attributes = next(read)[1]
        if not m[3]:
            return m[0]  # a <script> or <style>: nothing to move (and refused by the page's check)
        moves = [move.value(n, v) if v else None for n, v in attributes] if attributes else []
        if moves.count(None) == len(moves) and m[3] not in _HEADINGS:
            return m[0]  # most tags: <p>, <b>
        # only the values that move are written again: the rest of the tag keeps its bytes
        if len(moves) == 1 and moves[0] is not None:  # most tags that move: <p id="art-3">
            attrs = f'{m[4][:m[4].index("=")]}="{_escape(moves[0])}"'
        else:
            values = iter(moves)
            attrs = simple_html.SIMPLE_ATTR.sub(
                lambda a: a[0] if (value := next(values)) is None else f'{a[1]}="{_escape(value)}"', m[4])
        return f"<{_heading(m[3])}{attrs}{m[0][m.end(4) - m.start():]}"

    # every "</h1>"…"</h5>" of such markup is an end tag: the heading's, one level down
    return _HEADING_END.sub(lambda m: f"</h{int(m[1]) + 1}>", simple_html.START_TAG.sub(start_tag, body))


def _escape(value: str) -> str:
    """As Python-Markdown writes an attribute's value."""
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _heading(tag: str) -> str:
    return f"h{int(tag[1]) + 1}" if tag in _HEADINGS else tag


class _Move:
    def __init__(self, prefix: str, page: str, here: str, ids: set[str]):
        self.prefix, self.page, self.here, self.ids = prefix, "/" + page, "/" + here, ids

    def value(self, name: str, value: str) -> str | None:
        """An attribute's value as the print view writes it; None when it stays as it is."""
        if not value or name not in _MOVED:
            return None
        if name == "id":
            return f"{self.prefix}-{value}"
        url = re.sub("[\t\n\r]", "", value).strip(_ENDS)
        if url.startswith(("/", "\\")) or _SCHEME.match(url):
            return None  # site-absolute, protocol-relative or with a scheme: the same from any page
        target = urlsplit(urljoin("https://site" + self.page, url))
        # an id is found by the fragment as written, else percent-decoded (as a browser finds it)
        own = next((f for f in (target.fragment, unquote(target.fragment)) if f in self.ids), None)
        if target.path == self.page and own is not None and not target.query:
            return f"#{self.prefix}-{own}"
        path = posixpath.relpath(target.path, self.here)
        path = "./" if path == "." else path + "/" if target.path.endswith("/") else path
        if _SCHEME.match(path) or path.startswith("\\"):
            path = "./" + path  # a first segment "x:y" would be read as a scheme, "\x" as "/x"
        return path + (f"?{target.query}" if target.query else "") + (f"#{target.fragment}" if target.fragment else "")


class _Tokens(HTMLParser):
    """``moved`` for markup the patterns do not read (an editor's own HTML): the start tags the tokenizer reads, each
    written again whole; what it does not read as a tag stays as it is (and is refused by the page's check)."""

    def __init__(self, prefix: str, page: str, here: str):
        super().__init__(convert_charrefs=False)
        self.where = (prefix, page, here)
        self.ends: list[tuple[int, int, str]] = []  # (start, end, text written instead)
        self.starts: list[tuple[int, int, str, list]] = []  # (start, end, tag, attributes)

    def moved(self, body: str) -> str:
        self.body, self.lines = body, [0] + [m.end() for m in re.finditer("\n", body)]
        self.feed(body)
        self.close()
        move = _Move(*self.where, {v for *_, attrs in self.starts for n, v in attrs if n == "id" and v})
        found = list(self.ends)
        for start, end, tag, attrs in self.starts:
            if tag in _HEADINGS or any(move.value(n, v or "") is not None for n, v in attrs):
                written = "".join(f" {n}" if v is None else f' {n}="{_escape(v if (w := move.value(n, v)) is None else w)}"'
                                  for n, v in attrs)
                found.append((start, end, f"<{_heading(tag)}{written}{'/>' if body[end - 2:end] == '/>' else '>'}"))
        out, at = [], 0
        for start, end, text in sorted(found):
            out += [body[at:start], text]
            at = end
        return "".join(out) + body[at:]

    def _at(self) -> int:
        line, column = self.getpos()
        return self.lines[line - 1] + column

    def handle_starttag(self, tag, attrs):  # the tokenizer gives each value unescaped
        at = self._at()
        self.starts.append((at, at + len(self.get_starttag_text()), tag, attrs))

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        if tag in _HEADINGS:
            at = self._at()
            self.ends.append((at, self.body.index(">", at) + 1, f"</{_heading(tag)}>"))
