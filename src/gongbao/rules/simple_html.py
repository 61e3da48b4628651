"""Markup the standard library's tokenizer has nothing to decide in, read by patterns that read it the same, fast.

Python-Markdown writes a body's HTML so, and the project its pages: every "<" opens a start or end tag of lower-case
names, each attribute double-quoted (unescaped as the tokenizer does) or without a value, a <script> or <style> holding
no "<". The rendered check reads such a page's tags by ``simple_tags`` (gongbao.publish.rendered_html), and link_text its
links by ``events``; anything else at all goes to the tokenizer (tests/test_published_html.py compares both on every
page built and on generated markup; tests/test_rules_link_text.py the events).
"""
from __future__ import annotations

import functools
import re
from html import unescape

_ATTRS = r'(?:[ \n]+[a-z][a-z0-9-]*(?:="[^"<]*")?)*'
START_TAG = re.compile(rf'<(?:(script|style)({_ATTRS})[ \n]*>[^<]*</\1>'
                        rf'|(?!(?:script|style|textarea|title|xmp|iframe|noembed|noframes|noscript|plaintext)[ \n/>])'
                        rf'([a-z][a-z0-9]*)({_ATTRS})[ \n]*/?>)')
END_TAG = re.compile(r'</[a-z][a-z0-9]*>')
SIMPLE_ATTR = re.compile(r'([a-z][a-z0-9-]*)(="[^"]*")?')  # its value with =" and ", or "" when it has none


def simple_tags(html: str) -> list[tuple[str, tuple]] | None:
    """The start tags of markup the tokenizer has nothing to decide in, as (tag, attributes as the tokenizer gives
    them); None for other markup. Every ``<`` of such markup opens a match, and a match is read from its ``<`` on
    alone: a tag read here is the tag its text is wherever it stands.

    A start tag's match holds no other ``<`` than its own (and a script's or style's, its end tag's), an end tag's
    only its own: when the two patterns together meet as many as the page holds, each ``<`` opens one of them. End
    tags, half of a page's, are only counted: nothing of them is read."""
    found = START_TAG.findall(html)  # no offsets: a tag's place is told by counting (rendered_html._starts)
    if len(found) + len(END_TAG.findall(html)) != html.count("<"):
        return None
    return [(m[0], attributes(m[1])) if m[0] else (m[2], attributes(m[3]) if m[3] else ()) for m in found]


@functools.lru_cache(maxsize=4096)
def attributes(text: str) -> tuple[tuple[str, str | None], ...]:
    """The attributes of a start tag's text, read once for the many tags that repeat it (an article number's
    class, the same ids on every document). ``text`` is what ``_ATTRS`` matched: one that starts ``id="`` and holds
    no other quote than the one ending it is that id alone (most of a print view's tags, their ids each its own)."""
    if text.startswith(' id="') and text.find('"', 5) == len(text) - 1 and "&" not in text:
        return (("id", text[5:-1]),)
    return tuple([(name, None if not value else unescape(value[2:-1]) if "&" in value else value[2:-1])
                  for name, value in SIMPLE_ATTR.findall(text)])


# A tag of such markup, start or end, as ``events`` reads it: the start tag's groups as START_TAG's, the end tag's name
_TAG = re.compile(START_TAG.pattern + r"|</([a-z][a-z0-9]*)>")


def events(html: str) -> list[tuple] | None:
    """What the tokenizer (convert_charrefs) hands a parser of ``html``, in order, when its markup is such markup:
    ("start", tag, attributes), ("startend", tag, attributes) for a self-closing one (``handle_startendtag``: a browser
    reads <a …/> as a start tag alone, unless the element is void), ("end", tag) and ("data", text unescaped); None for
    other markup (a "<" no tag opens)."""
    out, at = [], 0
    for m in _TAG.finditer(html):
        if m.start() > at:
            if "<" in (text := html[at:m.start()]):
                return None
            out.append(("data", unescape(text)))
        at = m.end()
        if m[5]:
            out.append(("end", m[5]))
        elif m[1]:  # a script or style: its text as it is, then its end
            code = m[0][m[0].index(">") + 1:m[0].rindex("</")]
            out += [("start", m[1], attributes(m[2])), *([("data", code)] if code else []), ("end", m[1])]
        else:
            out.append(("startend" if m[0].endswith("/>") else "start", m[3], attributes(m[4]) if m[4] else ()))
    if "<" in (rest := html[at:]):
        return None
    return out + ([("data", unescape(rest))] if rest else [])


_LINK_TAG = re.compile(r"<a[ \n/>]|</a>")


def link_spans(html: str) -> list[tuple[int, int]]:
    """The spans of such markup ``html`` from each outermost link's start tag to its end tag (the text's end for one
    left open; a self-closing <a …/> opens one, as a browser reads it), as a browser's open links run: where a reader of
    links finds anything to read when no element has a title (rules.link_text)."""
    spans, depth, start = [], 0, 0
    for m in _LINK_TAG.finditer(html):
        if m[0] == "</a>":
            if depth:
                depth -= 1
                if not depth:
                    spans.append((start, m.end()))
            continue
        if not depth:
            start = m.start()
        depth += 1
    return spans + ([(start, len(html))] if depth else [])
