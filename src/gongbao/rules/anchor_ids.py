"""No id written in content looks like a pinpoint anchor: a court's citation lands on the build's own.

A browser goes to the first element with the cited id, so ``<span id="art-3">`` above the real
第三条 would capture ``#art-3``. Anchor ids belong to the build (gongbao.headings); an editor's
id or name — raw HTML, an attribute list ``{: #art-3 }`` / ``{ id=art-3 }``, or a Markdown
heading whose text becomes its id (``## Art 3``) — is refused when, written any way a browser or
the slug would fold it to, it is in the anchor grammar, or ends in one after the print view's
document prefix (``d-xzbf-2018-68-art-3``). Code is not exempt: nothing in a gazette needs it.
"""
from __future__ import annotations

import html
import re
import unicodedata
from html.parser import HTMLParser
from urllib.parse import unquote

from ..diagnostics import Diagnostic
from ..headings import classify, is_anchor

ID = "anchor-id"

_ATTR_LIST = re.compile(r"\{:?([^{}\n]*)\}")
_ATTR_ID = re.compile(r"""(?:^|\s)(?:#([^\s}]+)|(?:id|name)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s}]+)))""", re.I)
_ATX = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_EMPHASIS = re.compile(r"(?<!\w)[_*]+|[_*]+(?!\w)")
_TAG = re.compile(r"</?[^>]*>")


def imitates_anchor(value: str) -> bool:
    text = unicodedata.normalize("NFKC", unquote(value)).strip().lower()
    # the issue's print view prefixes each document's anchors: d-xzbf-2018-68-art-3
    tails = [text[i + 1:] for i, c in enumerate(text) if c == "-"] if text.startswith("d-") else []
    return any(map(is_anchor, [text, *tails]))


def _slug(heading: str) -> str:
    """The id the toc extension gives a heading: its text as rendered, through pymdownx.slugs (lower case)."""
    text = _EMPHASIS.sub("", _TAG.sub("", html.unescape(_ATTR_LIST.sub("", heading)))).strip()
    return re.sub(r"[^\w\- ]", "", text).lower().replace(" ", "-")


class _Attributes(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str]] = []

    def handle_starttag(self, tag, attrs):
        self.found += [(self.getpos()[0], v) for k, v in attrs if k in ("id", "name") and v]

    handle_startendtag = handle_starttag


def _written_ids(body: str):
    """(line, id) of every id or name content writes itself."""
    parser = _Attributes()
    parser.feed(body)
    parser.close()
    yield from parser.found
    lines = body.split("\n")
    for number, line in enumerate(lines, 1):
        for attrs in _ATTR_LIST.findall(line):
            for groups in _ATTR_ID.findall(attrs):
                yield number, "".join(groups)  # one of the alternatives matched
        heading = _ATX.match(line)
        text = heading.group(1) if heading else None
        if number < len(lines) and line.strip() and _SETEXT.match(lines[number]) and not _SETEXT.match(line):
            text = line
        if text and classify(text) is None:  # official headings get ours
            yield number, _slug(text)


def imitations(body: str) -> list[tuple[int, str]]:
    return sorted((line, value) for line, value in _written_ids(body) if imitates_anchor(value))


def check(ctx):
    for item in (*ctx.archive.documents, *ctx.archive.interpretations, *ctx.archive.issues):
        src = item.source
        for line, value in imitations(src.body):
            yield Diagnostic(src.path, src.body_line + line - 1,
                             f"正文自设的 id “{value}”与条文锚点相同或相似，会抢走引用该处的链接",
                             "条、章、节、项的锚点（如 #art-3、#sec-1-2）由系统生成；删除这个 id，"
                             "或改用不像锚点的名称（如 note-1）", rule=ID)
