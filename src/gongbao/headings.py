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

Only the levels a document uses take part: a notice whose top level is （一） gets ``sec-1``,
``sec-2``…; an enclosing level the document uses but that has not started yet counts as 0.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from . import numerals

_CN = f"[{numerals.CHARACTERS}]+"
# (kind, pattern); the marker is group 1, the number group 2.
_PATTERNS = (
    ("chap", re.compile(rf"^(第({_CN})章)\s*")),
    ("part", re.compile(rf"^(第({_CN})[节節])\s*")),  # Traditional 節 and 條 too: the seed is in Traditional
    ("art", re.compile(rf"^(第({_CN})[条條])\s*")),
    (0, re.compile(rf"^(({_CN})、)\s*")),
    (1, re.compile(rf"^([（(]({_CN})[）)])\s*")),
    (2, re.compile(r"^((\d{1,3})[.．](?!\d))\s*")),
    (3, re.compile(r"^([（(](\d{1,3})[）)])\s*")),
)
_ANCHOR = re.compile(r"^#?(?:(?P<art>art)-(?P<n>\d+)(?:-(?P<item>\d+))?|chap-(?P<chap>\d+)(?:-sec-(?P<part>\d+))?|sec-(?P<sec>\d+(?:-\d+){0,3}))$")
_HEADING_MAX = 40  # a longer "heading" line is a paragraph that starts with a number


@dataclass(frozen=True)
class Anchor:
    """A pinpoint anchor: ``art-3``, ``art-3-2``, ``chap-1``, ``chap-1-sec-2`` or ``sec-1-2-3``."""

    kind: str                # "art" | "chap" | "sec"
    numbers: tuple[int, ...]

    @classmethod
    def parse(cls, text: str) -> "Anchor":
        match = _ANCHOR.match(text)
        if not match:
            raise ValueError(f"锚点 {text!r} 无效：应为 art-N、chap-N、chap-N-sec-M 或 sec-N[-M…]")
        if match["art"]:
            return cls("art", tuple(int(g) for g in (match["n"], match["item"]) if g))
        if match["chap"]:
            return cls("chap", tuple(int(g) for g in (match["chap"], match["part"]) if g))
        return cls("sec", tuple(int(n) for n in match["sec"].split("-")))

    def __str__(self) -> str:
        if self.kind == "chap" and len(self.numbers) == 2:
            return f"chap-{self.numbers[0]}-sec-{self.numbers[1]}"
        return f"{self.kind}-" + "-".join(str(n) for n in self.numbers)


@dataclass(frozen=True)
class Marker:
    kind: str | int          # "chap" | "part" | "art" | level 0–3 of 一、（一）1.（1）
    number: int
    marker: str              # the marker as written: 第三条, （一）
    rest: str                # the text after it


def classify(line: str) -> Marker | None:
    text = line.strip()
    for kind, pattern in _PATTERNS:
        match = pattern.match(text)
        if match:
            raw = match.group(2)
            number = int(raw) if raw.isdigit() else numerals.parse(raw)
            return Marker(kind, number, match.group(1), text[match.end():])
    return None


class Numbering:
    """Walks a document's markers in order and gives each its anchor."""

    def __init__(self, levels_used: set[int]):
        self.levels = sorted(levels_used)
        self.counters: dict[int, int] = {}
        self.chapter = 0
        self.article: int | None = None  # items （一） after 第三条 belong to it
        self.seen: dict[str, int] = {}

    def anchor(self, m: Marker) -> str:
        if m.kind == 1 and self.article is not None:
            text = str(Anchor("art", (self.article, m.number)))
        elif m.kind == "chap":
            self.chapter, self.article = m.number, None
            text = str(Anchor("chap", (m.number,)))
        elif m.kind == "part":
            text = str(Anchor("chap", (self.chapter, m.number)))
        elif m.kind == "art":
            self.article = m.number
            text = str(Anchor("art", (m.number,)))
        else:
            self.article = None
            self.counters[m.kind] = m.number
            for deeper in [lvl for lvl in self.counters if lvl > m.kind]:
                del self.counters[deeper]
            path = [self.counters.get(lvl, 0) for lvl in self.levels if lvl <= m.kind]
            text = str(Anchor("sec", tuple(path)))
        # the same marker twice (a quoted list, an annex) gets a suffix rather than a clash
        count = self.seen.get(text, 0) + 1
        self.seen[text] = count
        return text if count == 1 else f"{text}-{count}"


@dataclass(frozen=True)
class Block:
    """One line of the body after recognition: a heading, an anchored paragraph, or plain text."""

    text: str
    anchor: str | None = None
    level: int | None = None     # heading level (2–5) when the line is a heading
    marker: Marker | None = None


_HEADING_LEVEL = {"chap": 2, "part": 3, 0: 2, 1: 3, 2: 4, 3: 5}
_FENCE = re.compile(r"^(```|~~~)")
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")


def blocks(body: str) -> list[Block]:
    """The body, line by line, with the official headings recognised."""
    lines = body.split("\n")
    markers = [None] * len(lines)
    in_fence = False
    for i, line in enumerate(lines):
        if _FENCE.match(line.strip()):
            in_fence = not in_fence
            continue
        if in_fence or not line.strip():
            continue
        # Pasted official text has one paragraph per line, so every line may start a heading.
        heading = _MD_HEADING.match(line)
        markers[i] = classify(heading.group(2) if heading else line)
    numbering = Numbering({m.kind for m in markers if m and isinstance(m.kind, int)})
    out = []
    for line, marker in zip(lines, markers):
        if marker is None:
            out.append(Block(line))
            continue
        anchor = numbering.anchor(marker)
        heading = _MD_HEADING.match(line)
        if heading:
            out.append(Block(heading.group(2), anchor, len(heading.group(1)), marker))
        elif anchor.startswith("art-"):  # articles and their items stay paragraphs
            out.append(Block(line.strip(), anchor, None, marker))
        else:
            out.append(Block(line.strip(), anchor, _HEADING_LEVEL[marker.kind], marker))
    return out


def split_lead(text: str) -> tuple[str, str]:
    """A numbered paragraph's heading part and the rest: ``（一）加强……。开展……`` → lead, rest.

    A short line is all heading; a long one keeps its first sentence as the heading when that
    sentence is short, else the line is a paragraph with an anchor and no heading.
    """
    if len(text) <= _HEADING_MAX and not re.search(r"[。；;！？]\S", text):
        return text, ""
    match = re.match(r"^(.{2,%d}?[。：:])(.+)$" % _HEADING_MAX, text)
    if match:
        return match.group(1), match.group(2).strip()
    return "", text
