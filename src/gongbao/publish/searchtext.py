"""What the search index reads of a built page: the text inside ``data-pagefind-body`` (less the
``data-pagefind-ignore`` parts), each piece with its weight, and the page's
title, date, filters and metadata from the ``data-pagefind-*`` attributes of the empty element searchmeta.py writes, and the
numbers its relations cite (``data-gb-cites``, in ignored parts too).

Read from the built HTML, not from the domain's pages: the built pages are what passed the
rendered-HTML check, and withheld text never reaches them, so the index can hold nothing the site
does not already show.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from html import unescape
from html.parser import HTMLParser
from itertools import repeat

from gongbao.identifiers.script import to_simplified
from gongbao.publish.render.searchmeta import CITES

# Pagefind's weights, which the pages are written for (searchmeta.py): body text 1, headings by level.
HEADING_WEIGHT = {"h1": 7, "h2": 6, "h3": 5, "h4": 4, "h5": 3, "h6": 2}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# The markup the project writes, in the forms for which html.parser reports exactly what _tokens does: a start tag
# whose attributes are name, name="value", name='value' or name=value; an end tag; a doctype. Anything else
# ("<" in text, a comment, "</ p>") and the page is read by html.parser instead.
_NAME = r"[a-zA-Z][-.a-zA-Z0-9:_]*"
_ONE_ATTRIBUTE = r"""\s+[^\s/>"'=<]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?"""
_DOCTYPE = r"![dD][oO][cC][tT][yY][pP][eE][^>]*>"
_TAG = re.compile(rf"<(?:({_NAME})((?:{_ONE_ATTRIBUTE})*)\s*(/?)>|/({_NAME})>|{_DOCTYPE})")
_ATTRIBUTE = re.compile(r"""\s+([^\s/>"'=<]+)(\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
_RAW = {"script": re.compile(r"</\s*script\s*>", re.I), "style": re.compile(r"</\s*style\s*>", re.I)}  # html.parser's
# Text and markup that _tokens reads through, as one pattern: the tags as _TAG takes them at its first try (its
# attributes possessive), the text of a script or a style raw to its end tag. Where _TAG would take a tag only by
# trying its attributes another way, or _tokens would decline, it does not match. A tag not raw is tried first, closed
# or not: its attributes read once (tried as closed first, an open tag's were read twice: half the time of the pattern).
_RAW_ELEMENT = "|".join(rf"<(?i:{name})(?:{_ONE_ATTRIBUTE})*+\s*>(?:[^<]++|<(?!/\s*(?i:{name})\s*>))*+</(?i:{name})>"
                        for name in _RAW)
_MARKUP = re.compile(rf"""(?:[^<]++|<(?!(?i:{"|".join(_RAW)})(?![-.a-zA-Z0-9:_])){_NAME}(?:{_ONE_ATTRIBUTE})*+\s*/?>
                          |{_RAW_ELEMENT}|<{_NAME}(?:{_ONE_ATTRIBUTE})*+\s*/>
                          |</{_NAME}>|<{_DOCTYPE})*+""", re.X)
# What, before the indexed element, would change how the whole page reads it: an element weighing or ignoring it,
# the attribute itself in another case; or an element opened there that an end tag in it closes (_Reader.strays).
# The attribute names in any case, as re.I finds them, each found from its "-": searched for from a case-insensitive
# letter, re tries the pattern at every character (ten times as long over the pages); from a literal, it skips to
# each "-". Only whether there is one is asked: the match starts at the "-".
_BEFORE = (re.compile(r"-(?<=(?i:data)-)(?i:pagefind-)"), re.compile(r"<[hH][1-6]"))  # apart: in half the time
_BODY = re.compile(r"-(?<=(?i:data)-)(?i:pagefind-body)")
_READS = "data-"  # how the name of every attribute _Reader reads starts (data-pagefind-*, CITES): _tokens hands it no others
_TAGGED = {"data-pagefind-filter", "data-pagefind-meta", "data-pagefind-sort", CITES}  # what _Reader._tags reads
# Plain markup: what changes nothing _Reader holds once read, so that _tokens hands it the text alone. A plain element,
# <p>…</p>, its name neither a heading's, raw (_RAW) nor void, no attribute name starting with _READS, holding text,
# void elements and plain elements, up to DEPTH deep (a contents entry <nav><ol><li><a>…), closed by its own end tag:
# it opens and closes an element of its parent's weight, body and ignoring, and its text reads as its parent's would.
# A void element without such attributes (<br>) opens nothing. Its tags as _TAG takes them at its first try.
DEPTH = 4
_VALUE = r"""(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?"""
_PLAIN_ATTRIBUTE = rf"""\s+(?!(?i:{_READS}))[^\s/>"'=<]+{_VALUE}"""
_PLAIN_ATTRIBUTES = rf"(?:{_PLAIN_ATTRIBUTE})*+\s*"
_VOID_TAG = rf"<(?i:{'|'.join(VOID)})(?![-.a-zA-Z0-9:_]){_PLAIN_ATTRIBUTES}/?>"


def _not_named(*names: str) -> str:
    """A tag's name is none of ``names`` (in any case), nor raw, nor void."""
    return rf"(?!(?i:{'|'.join([*names, *_RAW, *VOID])})(?![-.a-zA-Z0-9:_]))"


_NOT_PLAIN = _not_named("h[1-6]")


def _plain_content(name: str, depth: int = DEPTH) -> str:
    """The pattern of text and plain elements ``depth`` deep, their names' groups ``name`` and a level."""
    if not depth:
        return "[^<]*+"
    group = f"{name}{depth}"
    return rf"(?:[^<]++|<{_NOT_PLAIN}(?P<{group}>{_NAME}){_PLAIN_ATTRIBUTES}>{_plain_content(name, depth - 1)}" \
           rf"</(?P={group})>|{_VOID_TAG})*+"


_PLAIN = re.compile(_plain_content("plain", DEPTH + 1))
_PLAIN_TAG = re.compile(rf"</?{_NAME}{_PLAIN_ATTRIBUTES}/?>")  # in plain markup: its tags, and only those
# An element that changes only the weight or the ignoring of the plain markup it holds, read at once too: a heading
# (but the title's <h1>) with no _READS attribute, its text at the heading's weight; an element ignored by
# data-pagefind-ignore and no other _READS attribute (but an <h1>, which would end a title), nothing read of it.
_IGNORE = rf"\s+(?i:data-pagefind-ignore){_VALUE}"  # a longer name fails at what follows: no value, space nor >
_WEIGHED_OR_IGNORED = re.compile(
    rf"<(?:(?P<heading>[hH][2-6]){_PLAIN_ATTRIBUTES}>(?P<text>{_plain_content('heading')})</(?P=heading)>"
    rf"|{_not_named('h1')}(?P<ignored>{_NAME})(?:{_PLAIN_ATTRIBUTE})*+"
    rf"{_IGNORE}(?:{_PLAIN_ATTRIBUTE}|{_IGNORE})*+\s*>{_plain_content('ignored')}</(?P=ignored)>)")


@dataclass
class Page:
    title: str = ""
    date: str = ""
    pieces: list[tuple[str, float]] = field(default_factory=list)  # (text, weight), in reading order
    filters: list[tuple[str, str]] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)
    cites: list[str] = field(default_factory=list)  # the numbers it cites outside its text (CITES), with their label

    @property
    def text(self) -> str:
        return "".join(text for text, _ in self.pieces)

    @cached_property
    def simplified(self) -> str:
        """``text`` folded to Simplified once for the index's keys and its citations (a third of a second at 1,000
        documents a pass): character for character, whitespace kept (identifiers/script.py's tables), so each
        piece's text is its slice and ``" ".join(simplified.split())`` is its collapsed text folded."""
        return to_simplified(self.text)


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__()
        self.page = Page()
        self.stack: list[tuple[bool, bool, float, str]] = []  # (in body, ignored, weight, tag)
        self.title: list[str] | tuple | None = None  # the first <h1>'s text while it is open, () once read
        self.strays = 0  # end tags that closed nothing but a void element's

    def handle_starttag(self, tag, attrs):
        names = dict(attrs)
        body, ignored, weight, _ = self.stack[-1] if self.stack else (False, False, 1.0, "")
        body = body or "data-pagefind-body" in names
        if body and not _TAGGED.isdisjoint(names):  # most tags carry none: not looked through
            self._tags(names)
        ignored = ignored or "data-pagefind-ignore" in names
        if "data-pagefind-weight" in names:
            weight = float(names["data-pagefind-weight"])
        elif tag in HEADING_WEIGHT:
            weight = HEADING_WEIGHT[tag]
        if tag == "h1" and body and not ignored and self.title is None:
            self.title = []
        if tag not in VOID:
            self.stack.append((body, ignored, weight, tag))

    def _tags(self, names: dict) -> None:
        for attribute, value in names.items():
            for line in (value or "").split("\n"):  # searchmeta.tags: key:value pairs one a line
                key, _, rest = line.partition(":")
                if attribute == "data-pagefind-filter" and rest:
                    self.page.filters.append((key, rest))
                elif attribute == "data-pagefind-meta" and rest:
                    self.page.meta[key] = rest
                elif attribute == "data-pagefind-sort" and key == "date":
                    self.page.date = rest
            if attribute == CITES and value:
                self.page.cites.append(" ".join(value.split()))

    def handle_endtag(self, tag):
        # It closes the elements left open inside its own; one with no element open (a void element's <br/>,
        # which html.parser reports as a start and an end tag) closes nothing.
        stack = self.stack
        for depth in range(len(stack) - 1, -1, -1):
            if stack[depth][3] == tag:
                del stack[depth:]
                break
        else:
            self.strays += tag not in VOID
        if tag == "h1" and isinstance(self.title, list):
            self.page.title = " ".join("".join(self.title).split())
            self.title = ()  # only the first

    def handle_data(self, data):
        if self.stack and self.stack[-1][0] and not self.stack[-1][1]:
            self.page.pieces.append((data, self.stack[-1][2]))
            if isinstance(self.title, list):
                self.title.append(data)

    def handle_texts(self, texts: list[str], weight: float | None = None) -> None:
        """As handle_data each of ``texts``, all read where the same element is innermost, or in an element of
        ``weight`` opened in it."""
        if self.stack and self.stack[-1][0] and not self.stack[-1][1]:
            self.page.pieces.extend(zip(texts, repeat(self.stack[-1][2] if weight is None else weight)))
            if isinstance(self.title, list):
                self.title.extend(texts)


def read(html: str) -> Page | None:
    """The indexed part of a built page, or None for a page with no ``data-pagefind-body``: read the fastest way
    that gives the page exactly as html.parser reads it."""
    if "data-pagefind-body" not in html:
        return None
    reader = _Reader()
    if _indexed_element(html, reader):
        return reader.page
    reader = _Reader()
    if _tokens(html, reader) is None:
        reader = _Reader()
        reader.feed(html)
        reader.close()
    return reader.page


def _indexed_element(html: str, reader: _Reader) -> bool:
    """Hand ``reader`` only the element carrying ``data-pagefind-body`` (_tokens from its start tag to its end tag)
    where that is all it would take from the whole page: the markup before it read through by _tokens (_MARKUP) and
    none of it weighing or ignoring what follows (_BEFORE), no end tag in it closing an element opened before it, no
    <h1> left open at its end (a later </h1> would end the title), no data-pagefind-body after it. The theme's
    header, navigation and footer around it are a third of a page's tags."""
    found = html.find("data-pagefind-body")
    start = html.rfind("<", 0, found)
    tag = _TAG.match(html, start) if start >= 0 else None
    if tag is None or not tag.group(1) or any(p.search(html, 0, start) for p in _BEFORE) \
            or not _MARKUP.fullmatch(html, 0, start) \
            or "data-pagefind-body" not in (name.lower() for name, *_ in _ATTRIBUTE.findall(tag.group(2))):
        return False
    end = _tokens(html, reader, start, element=True)
    return end is not None and not reader.strays and not isinstance(reader.title, list) \
        and not _BODY.search(html, end)


def _tokens(html: str, reader: _Reader, at: int = 0, element: bool = False) -> int | None:
    """Hand ``reader`` the tags and text of ``html`` from ``at`` as html.parser would, at a fraction of its cost
    (which was two fifths of the index step: it tries a dozen patterns a tag and counts lines), a tag's attributes
    only where one of their names may start with _READS (nine tags in ten have none: not parsed), to its end or, with
    ``element``, to the end tag of the element starting at ``at``; returns where it stopped. None, with ``reader``
    part-fed, at the first markup outside _TAG's forms."""
    end = len(html)
    while at < end:
        plain = _PLAIN.match(html, at).end()  # most of a page's tags: read by the pattern, not one by one
        if plain > at:
            reader.handle_texts(_texts(html[at:plain]))
            at = plain
            if at == end:
                return end
        changed = _WEIGHED_OR_IGNORED.match(html, at)
        if changed:
            if changed.group("heading"):
                reader.handle_texts(_texts(changed.group("text")), HEADING_WEIGHT[changed.group("heading").lower()])
            at = changed.end()
            continue
        opens = html.find("<", at)
        if opens < 0:
            opens = end
        if opens > at:
            text = html[at:opens]
            reader.handle_data(unescape(text) if "&" in text else text)
        if opens == end:
            return end
        tag = _TAG.match(html, opens)
        if tag is None:
            return None
        at = tag.end()
        name, attributes, closed, ending = tag.groups()
        if ending:
            reader.handle_endtag(ending.lower())
            if element and not reader.stack:
                return at
        elif name:
            name = name.lower()
            reader.handle_starttag(name, [(n.lower(), _value(*v)) for n, *v in _ATTRIBUTE.findall(attributes)]
                                   if attributes and _READS in attributes.lower() else [])
            if closed:
                reader.handle_endtag(name)
                if element and not reader.stack:
                    return at
            elif name in _RAW:  # its text raw to its end tag
                close = _RAW[name].search(html, at)
                if close is None or html[close.start() + 2] in " \t\n\r\f":
                    return None
                if close.start() > at:
                    reader.handle_data(html[at:close.start()])
                at = close.start()
    return at


def _texts(plain: str) -> list[str]:
    """The text of plain markup (_PLAIN), as html.parser hands it: each piece between two tags, if any."""
    return [unescape(text) if "&" in text else text for text in _PLAIN_TAG.split(plain) if text]


def _value(given: str, double: str, single: str, bare: str) -> str | None:
    """An attribute's value as html.parser gives it: None without one, its character references resolved."""
    if not given:
        return None
    value = double or single or bare
    return unescape(value) if "&" in value else value
