"""Text that resembles a withholding mark but is not exactly one is an error, never published as text.

An editor who types ［不予公开］, 【 不予公开 】, 〖/不予公開〗, (不予公开)…(/不予公开) or has a zero-width
space inside the word believes the passage is withheld; read as plain text it would be published.
So every occurrence of 不予公开 is found in a normalised copy of the text — character references
decoded, NFKC, invisible characters (format, zero-width, combining, variation selectors, white
space) skipped, Traditional folded — and judged by its shape:

- part of an exact mark (``redaction.MARK``): a mark;
- the word written with anything but its own four characters (不予公开 or 不予公開): an error;
- a slash before it (a closing mark's shape), or a bracket before or after it: an error;
- anything else is running text and stays: 依法不予公开的信息, “不予公开”, 附件2（不予公开）.

Round brackets and quotation marks are ordinary punctuation of running text — official documents
note a withheld attachment as “附件2（不予公开）” — so they alone are no mark shape; a closing
（/不予公开） is. The normalised copy has the length of the text (a decoded reference is padded),
so an occurrence's index is its place in the text, and its line.
"""
from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache
from itertools import chain

from .diagnostics import Problem
from .redaction import MARK, SYNTAX
from .script import character_pairs, to_simplified

WORD, WORDS = "不予公开", ("不予公开", "不予公開")
_PAD = "\x00"  # pads a decoded character reference; source.parse refuses NUL, so it is never text
_REFERENCE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_INVISIBLE_CATEGORIES = frozenset(("Cc", "Cf", "Mn", "Me", "Zs", "Zl", "Zp"))
_BLANK_LETTERS = "\u115f\u1160\u3164\uffa0\u2800"  # Hangul fillers, braille blank: letters that show nothing
_SLASHES = frozenset("/\\⁄∕⧸⧹╱╲")
_TEXT_BRACKETS = frozenset("()「」『』〝〞〟‚„")  # punctuation of running text (after NFKC: （ is ()
HINT = f"不予公开的段落只能标成 {SYNTAX}：全角方头括号【】，不加空格；只是在正文中提及这几个字时，不要给它加括号或斜线"


@lru_cache(maxsize=None)
def _tables() -> tuple[frozenset[str], re.Pattern, re.Pattern]:
    """The invisible characters; the word, with any of them between its characters; what every spelling needs.

    Built once per process from Unicode's categories and compatibility mappings and OpenCC's folding
    table. CJK ideographs and Hangul syllables are neither invisible nor compatibility forms, so their
    blocks are left out of the scan (their Traditional forms come from the folding table)."""
    invisible, variants = set(_BLANK_LETTERS), {ch: {ch} for ch in WORD}
    for traditional, simplified in character_pairs().items():
        if simplified in variants:
            variants[simplified].add(traditional)
    for code in chain(range(0x3400), range(0xA000, 0xAC00), range(0xD7A4, 0x20000), range(0x2F800, 0x2FA20),
                      range(0xE0000, 0xE01F0)):
        ch = chr(code)
        if unicodedata.category(ch) in _INVISIBLE_CATEGORIES:
            invisible.add(ch)
        elif unicodedata.decomposition(ch):
            folded = to_simplified(unicodedata.normalize("NFKC", ch))
            if folded in variants:
                variants[folded].add(ch)
    gap = _char_class(invisible) + "*"
    word = re.compile(gap.join(_char_class(variants[ch]) for ch in WORD))
    # every spelling of the word has a form of 予, or hides it in a character reference
    needed = re.compile(_char_class(variants["予"]) + "|&")
    return frozenset(invisible), word, needed


def _char_class(chars) -> str:
    return "[" + "".join(re.escape(ch) for ch in sorted(chars)) + "]"


def _decoded(text: str) -> str:
    """Character references decoded in place and padded to their length, so indexes keep pointing into ``text``."""
    if "&" not in text:
        return text
    return _REFERENCE.sub(lambda m: html.unescape(m[0]).ljust(len(m[0]), _PAD)[:len(m[0])], text)


def _neighbour(copy: str, index: int, step: int, invisible: frozenset[str]) -> tuple[int, str]:
    """The next visible character from ``index`` going ``step`` (its index, and its NFKC form's nearest character)."""
    while 0 <= index < len(copy) and copy[index] in invisible:
        index += step
    if not 0 <= index < len(copy):
        return index, ""
    normal = unicodedata.normalize("NFKC", copy[index])
    return index, normal[-1] if step < 0 else normal[0]


def _bracket(ch: str) -> bool:
    if not ch:
        return False
    return ch in "<>" or (unicodedata.category(ch) in ("Ps", "Pe") and ch not in _TEXT_BRACKETS)


def _shown(text: str, invisible: frozenset[str]) -> str:
    """The text as an editor can find it: invisible characters spelled out as \\uXXXX."""
    return "".join(f"\\u{ord(ch):04x}" if ch in invisible and ch not in " \n" else ch for ch in text).replace("\n", "↵")


def problems(text: str) -> list[Problem]:
    """Every occurrence of the word outside an exact mark that is shaped like one, at its line."""
    invisible, word, needed = _tables()
    if not needed.search(text):
        return []  # most texts, quickly
    copy = _decoded(text)
    marks = [m.span() for m in MARK.finditer(text)]

    def in_mark(start: int, end: int) -> bool:
        return any(a <= start and end <= b for a, b in marks)

    found = []
    for occurrence in word.finditer(copy):
        start, end = occurrence.span()
        if in_mark(start, end):
            continue
        before, left = _neighbour(copy, start - 1, -1, invisible)
        after, right = _neighbour(copy, end, 1, invisible)
        # the bracket of an exact mark next to the word is that mark's, not a shape around the word
        left = "" if in_mark(before, before + 1) else left
        right = "" if in_mark(after, after + 1) else right
        line = text.count("\n", 0, start) + 1
        if text[start:end] not in WORDS:
            shown = _shown(text[start:end], invisible)
            found.append(Problem(line, f"“{shown}”中夹有空白、不可见字符、字符引用或兼容变体，像是想写不予公开标记", HINT))
        elif left in _SLASHES or _bracket(left) or _bracket(right):
            first = before if left in _SLASHES or _bracket(left) else start
            last = after + 1 if _bracket(right) else end
            while last < len(copy) and copy[last] == _PAD:  # show a decoded reference whole
                last += 1
            shown = _shown(text[first:last], invisible)
            found.append(Problem(line, f"“{shown}”像是不予公开标记，但不是规定的写法，会被当作正文公开", HINT))
    return found
