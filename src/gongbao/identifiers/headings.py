"""Headings of Chinese official documents and their stable anchors.

Editors write 一、 （一） 1. （1） 第一章 第一节 第三条 as plain lines. We recognise them and give
each an anchor computed from the numbers written in the text, never from its position, so that
第三条 is ``#art-3`` in every build, whatever is inserted above it:

=============  ==================  ====================================================
line           anchor              notes
=============  ==================  ====================================================
第一章 总则      ``chap-1``
第二节 …        ``chap-1-sec-2``     节 inside the current 章
第三条 …        ``art-3``            articles are numbered through the whole document
（二）…         ``art-3-2``          an item (项) inside 第三条: 第三条第（二）项
一、…          ``sec-1``
（二）…         ``sec-1-2``          under 一、; ``(二)`` with ASCII parentheses too
3. / 3．…      ``sec-1-2-3``
（4）…         ``sec-1-2-3-4``
=============  ==================  ====================================================

Only the levels a document has used so far take part: a notice whose top level is （一） gets
``sec-1``, ``sec-2``…; an enclosing level already used but not restarted counts as 0. "So far", never
"in the whole document": text appended later (an annex with 一、) cannot renumber what is above it.

The same id twice (a quoted list, an annex, a second 第三条) is told apart by ``_2``, ``_3``… after
it: ``art-3_2`` is the second 第三条. Ids by numbers never contain ``_``, so a repeat can never take
another heading's id, and the first occurrence keeps the plain one.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import NamedTuple

from gongbao.identifiers import chars, numerals

_CN = f"[{numerals.CHARACTERS}]+"
# The markers, in the order they are tried: (kind, pattern); the marker is the pattern's group 1, the number group 2.
_PATTERNS = (
    ("chap", rf"(第({_CN})章)"),
    ("part", rf"(第({_CN})[节節])"),  # Traditional 節 and 條 too: the seed is in Traditional
    ("art", rf"(第({_CN})[条條])"),
    (0, rf"(({_CN})、)"),
    (1, rf"([（(]({_CN})[）)])"),
    (2, r"((\d{1,3})[.．](?!\d))"),
    (3, r"([（(](\d{1,3})[）)])"),
)
# All of them in one pattern, one try a line: the first that matches wins, as when tried one by one. The marker of the
# n-th is group 2n+1, the last group a match closes (``lastindex``); its number group 2n+2.
_MARKER = re.compile("^(?:" + "|".join(pattern for _, pattern in _PATTERNS) + r")\s*")
_KINDS = tuple(kind for kind, _ in _PATTERNS)
# ASCII digits only, no leading zeros: one number, one spelling; the same grammar as gb-cite.js's
# ANCHOR (tests/data/anchor_grammar.json is the table of cases both are tested on).
_N = r"(?:0|[1-9][0-9]*)"
_ANCHOR = re.compile(rf"(?:(?P<art>art)-(?P<n>{_N})(?:-(?P<item>{_N}))?"
                     rf"|chap-(?P<chap>{_N})(?:-sec-(?P<part>{_N}))?"
                     rf"|sec-(?P<sec>{_N}(?:-{_N}){{0,3}}))"
                     r"(?:_(?P<repeat>[2-9]|[1-9][0-9]+))?")
_HEADING_MAX = 40  # a longer "heading" line is a paragraph that starts with a number
_SIZES = {"art": (1, 2), "chap": (1, 2), "sec": (1, 2, 3, 4)}


@dataclass(frozen=True)
class Anchor:
    """A pinpoint anchor: ``art-3``, ``art-3-2``, ``chap-1``, ``chap-1-sec-2``, ``sec-1-2-3``;
    ``art-3_2`` for the second 第三条 on a page (``repeat`` 2)."""

    kind: str                # "art" | "chap" | "sec"
    numbers: tuple[int, ...]
    repeat: int = 1          # the n-th heading of the page with this id by numbers

    def __post_init__(self):
        if (len(self.numbers) not in _SIZES.get(self.kind, ()) or min(self.numbers) < 0
                or self.repeat < 1):
            raise ValueError(f"锚点 {self.kind} {self.numbers} _{self.repeat} 无效")

    @classmethod
    def parse(cls, text: str) -> "Anchor":
        match = _ANCHOR.fullmatch(text.removeprefix("#"))
        if not match:
            raise ValueError(f"锚点{chars.quoted(text)}无效：应为 art-N[-M]、chap-N[-sec-M] 或 sec-N[-M…]，"
                             "同一页重复的再加 _2、_3…")
        repeat = int(match["repeat"] or 1)
        if match["art"]:
            return cls("art", tuple(int(g) for g in (match["n"], match["item"]) if g), repeat)
        if match["chap"]:
            return cls("chap", tuple(int(g) for g in (match["chap"], match["part"]) if g), repeat)
        return cls("sec", tuple(int(n) for n in match["sec"].split("-")), repeat)

    def __str__(self) -> str:
        return _text(self.kind, self.numbers, self.repeat)


@functools.lru_cache(maxsize=4096)
def _text(kind: str, numbers: tuple[int, ...], repeat: int) -> str:
    """An anchor's id, made once for the few every document repeats (art-1 to art-50, sec-1-2…)."""
    if kind == "chap" and len(numbers) == 2:
        text = f"chap-{numbers[0]}-sec-{numbers[1]}"
    else:
        text = f"{kind}-" + "-".join(str(n) for n in numbers)
    return text if repeat == 1 else f"{text}_{repeat}"


def is_anchor(text: str) -> bool:
    """True for an id in the anchor grammar, the ids a citation may point at."""
    return bool(_ANCHOR.fullmatch(text))


class Marker(NamedTuple):
    """A named tuple, as ``Block``: most lines of a body start with one."""

    kind: str | int          # "chap" | "part" | "art" | level 0–3 of 一、（一）1.（1）
    number: int
    marker: str              # the marker as written: 第三条, （一）
    rest: str                # the text after it


def classify(line: str) -> Marker | None:
    return _classified(line.strip())


def _classified(text: str) -> Marker | None:
    """``classify`` of a line already stripped (``blocks`` strips each line once)."""
    match = _MARKER.match(text)
    if not match:
        return None
    at = match.lastindex
    raw = match.group(at + 1)
    return _marker((_KINDS[(at - 1) // 2], int(raw) if raw.isdigit() else numerals.parse(raw), match.group(at),
                    text[match.end():]))


class Numbering:
    """Walks a document's markers in order and gives each its anchor, from what is above it only."""

    def __init__(self):
        self.levels: tuple[int, ...] = ()  # the levels 0–3 used so far, in order: read at every heading, seldom grown
        self.counters: dict[int, int] = {}
        self.chapter = 0
        self.article: int | None = None  # items （一） after 第三条 belong to it
        self.seen: dict[tuple, int] = {}

    def anchor(self, m: Marker) -> str:
        natural = self._natural(m)  # (kind, numbers): valid by construction, so no Anchor is made to check it
        count = self.seen[natural] = self.seen.get(natural, 0) + 1
        return _text(*natural, count)

    def _natural(self, m: Marker) -> tuple[str, tuple[int, ...]]:
        if m.kind == 1 and self.article is not None:
            return "art", (self.article, m.number)
        if m.kind == "chap":
            self.chapter, self.article = m.number, None
            return "chap", (m.number,)
        if m.kind == "part":
            return "chap", (self.chapter, m.number)
        if m.kind == "art":
            self.article = m.number
            return "art", (m.number,)
        self.article = None
        if m.kind not in self.levels:
            self.levels = tuple(sorted((*self.levels, m.kind)))
        self.counters = {lvl: n for lvl, n in self.counters.items() if lvl < m.kind}  # a deeper level restarts
        self.counters[m.kind] = m.number
        return "sec", tuple([self.counters.get(lvl, 0) for lvl in self.levels[:self.levels.index(m.kind) + 1]])


class Block(NamedTuple):
    """One line of the body after recognition: a heading, an anchored paragraph, or plain text. A named tuple: a body
    makes one a line, and a frozen dataclass costs twice as much to make."""

    text: str
    anchor: str | None = None
    level: int | None = None     # heading level (2–5) when the line is a heading
    marker: Marker | None = None


_HEADING_LEVEL = {"chap": 2, "part": 3}
# A line that carries Markdown block syntax: the body's rendering keeps its line break (gongbao.content.body_markdown), and
# the rules read it as the renderer will (rules/joined_lists.py); any other line is plain text, a paragraph of its own.
BLOCK_SYNTAX = re.compile(r"\s*(?:[|>*+<#-]|\d+\.\s|```|~~~|\s{4})")
_MD_HEADING_START = re.compile(r"(#{1,6})\s+")


def written_heading(line: str, blanks: str | None = None) -> tuple[int, str] | None:
    """(level, text) of a line written as a Markdown heading (## 标题 ##), its text without the closing hashes and the
    blanks around them; None for another line. ``blanks``: the characters a heading's marks are set off by (None: any
    Unicode white space). One pattern did it (the text lazily, then blanks, hashes, blanks to the end), in time cubic in the spaces inside a heading: 4,000
    took a minute of every check."""
    start = _MD_HEADING_START.match(line) if blanks is None else _md_heading_start(blanks).match(line)
    if start is None:
        return None
    return len(start[1]), line[start.end():].rstrip(blanks).rstrip("#").rstrip(blanks)


@functools.cache
def _md_heading_start(blanks: str) -> re.Pattern:
    return re.compile(f"(#{{1,6}})[{re.escape(blanks)}]+")


def blocks(body: str) -> list[Block]:
    """The body, line by line, with the official headings recognised."""
    numbering = Numbering()
    out = []
    in_fence = False
    for line in body.split("\n"):
        text = line.strip()
        if not text:  # half a pasted body's lines: the blank one between its paragraphs
            out.append(_block((line, None, None, None)) if line else _EMPTY)
            continue
        if text[0] in "`~" and text.startswith(("```", "~~~")):
            in_fence = not in_fence
        # Pasted official text has one paragraph per line, so every line may start a heading.
        heading = written_heading(line) if line[0] == "#" else None
        marker = None if in_fence else (classify(heading[1]) if heading else _classified(text))
        if marker is None:
            out.append(_block((line, None, None, None)))
            continue
        anchor = numbering.anchor(marker)
        if heading:
            out.append(_block((heading[1], anchor, heading[0], marker)))
        elif anchor.startswith("art-"):  # articles and their items stay paragraphs
            out.append(_block((text, anchor, None, marker)))
        else:
            out.append(_block((text, anchor, _level(marker, numbering), marker)))
    return out


# A Block (a Marker) from its four fields at once, without the keywords and defaults of its constructor: most lines of a
# body make one
_block = functools.partial(tuple.__new__, Block)
_marker = functools.partial(tuple.__new__, Marker)
_EMPTY = Block("")  # an empty line's block: a named tuple cannot change, so every empty line shares this one


def _level(marker: Marker, numbering: Numbering) -> int:
    """A 一、（一）1.（1） heading's level is its rank among the levels the document has used so far, so that
    no level is skipped (a letter whose list under 四、 is numbered 2. gets an h3, not an h4 under an h2)."""
    if isinstance(marker.kind, str):
        return _HEADING_LEVEL[marker.kind]
    return 2 + numbering.levels.index(marker.kind)


# A sentence ending inside a line, and a line's first sentence when it is short enough to be a heading: compiled once,
# as a page splits each of its headings twice (its Markdown, its contents)
_INNER_END = re.compile(r"[。；;！？]\S")
_FIRST_SENTENCE = re.compile(r"^(.{2,%d}?[。：:])(.+)$" % _HEADING_MAX)


def split_lead(text: str) -> tuple[str, str]:
    """A numbered paragraph's heading part and the rest: ``（一）加强……。开展……`` → lead, rest.

    A short line is all heading; a long one keeps its first sentence as the heading when that
    sentence is short, else the line is a paragraph with an anchor and no heading.
    """
    if len(text) <= _HEADING_MAX and not _INNER_END.search(text):
        return text, ""
    match = _FIRST_SENTENCE.match(text)
    if match:
        return match.group(1), match.group(2).strip()
    return "", text
