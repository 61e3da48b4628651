"""Text that resembles a withholding mark but is not exactly one is an error, never published as text.

An editor who types ［不予公开］, 【 不予公开 】, 〖/不予公開〗, (不予公开)…(/不予公开) or has a zero-width
space inside the word believes the passage is withheld; read as plain text it would be published.
So every occurrence of 不予公开 is found in a normalised copy of the text — character references
decoded, NFKC, invisible characters (format, zero-width, combining, variation selectors, white
space) and what shows nothing (Markdown emphasis, HTML tags) skipped, Traditional folded — and
judged by its shape:

- part of an exact mark (``redaction.MARK``): a mark;
- the word written with anything but its own four characters (不予公开 or 不予公開): an error;
- a slash before it (a closing mark's shape), or a bracket before or after it: an error;
- anything else is running text and stays: 依法不予公开的信息, “不予公开”, 附件2（不予公开）.

A closing shape around another word (【/不公开】, 【/不与公开】, 【／免予公开】) is an error too: its
editor meant to close a withheld passage, and no gazette text writes 【/ otherwise.

Round brackets and quotation marks are ordinary punctuation of running text — official documents
note a withheld attachment as “附件2（不予公开）” — so they alone are no mark shape; a closing
（/不予公开） is. The normalised copy has the length of the text (a decoded reference is padded),
so an occurrence's index is its place in the text, and its line.
"""
from __future__ import annotations

import bisect
import html
import re
import unicodedata
from functools import lru_cache
from itertools import chain
from typing import NamedTuple

from gongbao.content.diagnostics import Lines, Problem
from gongbao.content.redaction import MARK, SYNTAX
from gongbao.identifiers.script import character_pairs, to_simplified

WORD, WORDS = "不予公开", ("不予公开", "不予公開")
_PAD = "\x00"  # pads a decoded character reference; source.parse refuses NUL, so it is never text
_EMPHASIS = re.compile(r"[*_~`]+")                                # 不予**公开**
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")   # 【<b>不予公开</b>】
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_REFERENCE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_INVISIBLE_CATEGORIES = frozenset(("Cc", "Cf", "Mn", "Me", "Zs", "Zl", "Zp"))
_BLANK_LETTERS = "\u115f\u1160\u3164\uffa0\u2800"  # Hangul fillers, braille blank: letters that show nothing
_SLASHES = frozenset("/\\⁄∕⧸⧹╱╲")
_CLOSING = re.compile(r"[【〖][\s\u3000]*[/／\\＼][^】〗\n]{0,30}[】〗]")  # 【/不公开】: a closing mark's shape
_TEXT_BRACKETS = frozenset("()「」『』〝〞〟‚„")  # punctuation of running text (after NFKC: （ is ()
HINT = f"不予公开的段落只能标成 {SYNTAX}：全角方头括号【】，不加空格；只是在正文中提及这几个字时，不要给它加括号或斜线"


class _Tables(NamedTuple):
    invisible: frozenset[str]
    word: re.Pattern           # the word, with any invisible characters of the Basic Plane between its characters
    astral: dict[int, str]     # invisible characters beyond the Basic Plane → _PAD (a regex class with them is slow)
    before: frozenset[str]     # what a 予 of the word has just before it in the text: a form of 不, or what the copy hides
    followed: re.Pattern       # a form of 予 with just after it a form of 公, or what the copy hides


@lru_cache(maxsize=None)
def forms() -> tuple[frozenset[str], dict[str, frozenset[str]]]:
    """The invisible characters, and each character of the word with every form that shows or folds as it. Built once
    per process from Unicode's categories and compatibility mappings and OpenCC's folding table. CJK ideographs and
    Hangul syllables are neither invisible nor compatibility forms, so their blocks are left out of the scan (their
    Traditional forms come from the folding table)."""
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
    return frozenset(invisible), {ch: frozenset(forms) for ch, forms in variants.items()}


@lru_cache(maxsize=None)
def _tables() -> _Tables:
    invisible, variants = forms()
    gap = _char_class(ch for ch in invisible if ch <= "\uffff") + "*"
    word = re.compile(gap.join(_char_class(variants[ch]) for ch in WORD))
    astral = {ord(ch): _PAD for ch in invisible if ch > "\uffff"}
    hidden = invisible | set("*_~`")  # an invisible character, or one the copy pads (emphasis, a tag's < or >)
    after = variants["公"] | hidden | {"<"}
    # The form of 予 first, alone: re finds it by a fast scan. After it, the Basic Plane's by one class, looked up at
    # once; the astral ones only where the next character is astral (a class with them is read range by range).
    basic, beyond = _char_class(c for c in after if c <= "\uffff"), _char_class(c for c in after if c > "\uffff")
    followed = re.compile(f"{_char_class(variants['予'])}(?={basic}|(?=[\U00010000-\U0010ffff]){beyond})")
    return _Tables(invisible, word, astral, variants["不"] | hidden | {">"}, followed)


def _char_class(chars) -> str:
    """A regex class of the characters, consecutive ones as ranges."""
    codes, parts = sorted(map(ord, chars)), []
    for code in codes:
        if parts and parts[-1][1] == code - 1:
            parts[-1][1] = code
        else:
            parts.append([code, code])
    return "[" + "".join(re.escape(chr(a)) + (f"-{re.escape(chr(b))}" if b > a else "") for a, b in parts) + "]"


def _copy(text: str, astral: dict[int, str]) -> str:
    """The text as a reader sees it, its length kept so indexes in the copy are indexes in the text:
    character references decoded (and padded), Markdown emphasis and HTML tags, which show nothing,
    and astral invisible characters as _PAD."""
    if "&" in text:
        text = _REFERENCE.sub(lambda m: html.unescape(m[0]).ljust(len(m[0]), _PAD)[:len(m[0])], text)
    if "<" in text:
        text = _TAG.sub(_padded, text)
    if any(ch in text for ch in "*_~`"):
        text = _EMPHASIS.sub(_padded, text)
    return text.translate(astral) if _ASTRAL.search(text) else text


def _padded(match: re.Match) -> str:
    return _PAD * len(match[0])


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
    """Every occurrence of the word outside an exact mark that is shaped like one, and every closing
    shape around another word, at its line."""
    return sorted(_word_problems(text) + _closing_problems(text), key=lambda p: p.line)


def _closing_problems(text: str) -> list[Problem]:
    if "【" not in text and "〖" not in text:  # every closing shape starts with one: most texts, quickly
        return []
    word, lines = _tables().word, Lines(text)
    return [Problem(lines.of(m.start()), f"“{m[0]}”像是段落的结束标记，但只有【/不予公开】能隐去内容，这段文字会被当作正文公开", HINT)
            for m in _CLOSING.finditer(text) if not MARK.fullmatch(m[0]) and not word.search(m[0])]


def _may_hold_word(text: str, tables: _Tables) -> bool:
    """False when the copy surely has no occurrence of the word: without a character reference the copy's
    forms of 予 are the text's, and the word's has a form of 不 or an invisible character just before it and a
    form of 公 or one just after it, in the text one of those or what the copy pads. A look at each 予 followed so
    instead of the word's regex over the whole copy, and no copy made: most of this scan's time (a look at each 予,
    most of them in 不予 and 予以, was 5.3 µs a real-shape body; the search 2)."""
    if "&" in text:
        return True
    return any(text[found.start() - 1] in tables.before for found in tables.followed.finditer(text, 1))


def _word_problems(text: str) -> list[Problem]:
    tables = _tables()
    invisible, word, astral = tables.invisible, tables.word, tables.astral
    if not _may_hold_word(text, tables):
        return []  # most texts, quickly
    copy = _copy(text, astral)
    marks = [m.span() for m in MARK.finditer(text)]  # in order, never overlapping
    starts = [a for a, _ in marks]

    def in_mark(start: int, end: int) -> bool:
        nearest = bisect.bisect_right(starts, start) - 1
        return nearest >= 0 and end <= marks[nearest][1]

    found, lines = [], Lines(text)
    for occurrence in word.finditer(copy):
        start, end = occurrence.span()
        if in_mark(start, end):
            continue
        before, left = _neighbour(copy, start - 1, -1, invisible)
        after, right = _neighbour(copy, end, 1, invisible)
        # the bracket of an exact mark next to the word is that mark's, not a shape around the word
        left = "" if in_mark(before, before + 1) else left
        right = "" if in_mark(after, after + 1) else right
        line = lines.of(start)
        if text[start:end] not in WORDS:
            shown = _shown(text[start:end], invisible)
            found.append(Problem(line, f"“{shown}”中夹有空白、不可见字符、字符引用、兼容变体或 Markdown/HTML 标记，像是想写不予公开标记", HINT))
        elif left in _SLASHES or _bracket(left) or _bracket(right):
            first = before if left in _SLASHES or _bracket(left) else start
            last = after + 1 if _bracket(right) else end
            while last < len(copy) and copy[last] == _PAD:  # show a decoded reference whole
                last += 1
            shown = _shown(text[first:last], invisible)
            found.append(Problem(line, f"“{shown}”像是不予公开标记，但不是规定的写法，会被当作正文公开", HINT))
    return found
