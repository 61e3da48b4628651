"""What a scaffold or an editor left to fill in (``TODO：…``), or a merge left unresolved, is never published.

A placeholder is the word TODO anywhere in a value or a line: in the middle of a sentence, in
lower case, in full-width letters (ＴＯＤＯ), in brackets (【TODO】), in a list, a table or a block
quote. A reminder in the middle of a paragraph is as unfinished as the scaffold's own line.
Editors' notes (<!-- … -->) are taken out of bodies before the rules run, so a TODO there is private;
hand-written pages (content/*.md) are published whole and are checked too.
"""
import re
import unicodedata
from collections.abc import Callable

from gongbao.content import conflicts
from gongbao.content.diagnostics import Diagnostic
from gongbao.identifiers import chars

ID = "placeholder"
MARK = "TODO"
_WORD = re.compile(r"(?<![a-z])todo(?![a-z])")  # not inside a Latin word; any Chinese may touch it
_SHOWN = 60  # characters of a long line quoted in a message


# The format characters (category Cf: TO\u200bDO) of Python 3.11's Unicode, as ranges (tests/test_rule_fast_paths.py
# recomputes them): dropped by one translate. Read from unicodedata at each start, the table took 0.35 s of a process's
# first look at a text with a d (any link's address).
_FORMAT_RANGES = ((0xAD, 0xAD), (0x600, 0x605), (0x61C, 0x61C), (0x6DD, 0x6DD), (0x70F, 0x70F), (0x890, 0x891),
                  (0x8E2, 0x8E2), (0x180E, 0x180E), (0x200B, 0x200F), (0x202A, 0x202E), (0x2060, 0x2064),
                  (0x2066, 0x206F), (0xFEFF, 0xFEFF), (0xFFF9, 0xFFFB), (0x110BD, 0x110BD), (0x110CD, 0x110CD),
                  (0x13430, 0x13438), (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A), (0xE0001, 0xE0001), (0xE0020, 0xE007F))
FORMAT_CHARACTERS = dict.fromkeys(c for first, last in _FORMAT_RANGES for c in range(first, last + 1))


# Every character whose compatibility decomposition holds a d or D (Ｄ, ⅾ, ⓓ, 𝐝 …), for Python 3.11's Unicode
# (tests/test_rule_fast_paths.py recomputes it): normalisation composes and lowers, but never makes a letter
# no character decomposes to, so a text without these has no placeholder. Normalising every body to learn
# that it has no d was a third of a check; computing this at start, a tenth of a second.
FOLDING_TO_D = ("dDĎďǄǅǆǱǲǳᴰᵈḊḋḌḍḎḏḐḑḒḓⅅⅆⅮⅾ⒟Ⓓⓓ㋏㍲㍷㍸㍹㎗㎭㎮㎯㏅㏈Ｄｄ"
                "\U0001d403\U0001d41d\U0001d437\U0001d451\U0001d46b\U0001d485\U0001d49f\U0001d4b9\U0001d4d3"
                "\U0001d4ed\U0001d507\U0001d521\U0001d53b\U0001d555\U0001d56f\U0001d589\U0001d5a3\U0001d5bd"
                "\U0001d5d7\U0001d5f1\U0001d60b\U0001d625\U0001d63f\U0001d659\U0001d673\U0001d68d\U0001f113"
                "\U0001f12d\U0001f133\U0001f14c\U0001f16b\U0001f190")
_FOLDING_SET = frozenset(FOLDING_TO_D)
# A body is looked at by one class of the Basic Plane's, searched in one pass (13 µs a body of 3,750 characters,
# where a substring search for each took 21), and a substring search for each astral one: at once in text of the
# Basic Plane, which cannot hold them (a class with astral characters is searched seven times slower).
_FOLDING_BASIC = re.compile("[" + re.escape("".join(c for c in FOLDING_TO_D if c <= "\uffff")) + "]")
_FOLDING_ASTRAL = tuple(c for c in FOLDING_TO_D if c > "\uffff")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def _folds_to_d(text: str) -> bool:
    """Whether ``text`` has a character that folds to d: the Basic Plane's by the class, then the astral ones in a
    long text by a substring search for each, in a short one by the set where it has an astral character at all (a
    set look at every character, which makes an object of each, took three times the class's 0.014 s over a cold
    check's 17,974 front matters)."""
    if _FOLDING_BASIC.search(text) is not None:
        return True
    if len(text) >= 500:
        return any(ch in text for ch in _FOLDING_ASTRAL)
    return _ASTRAL.search(text) is not None and not _FOLDING_SET.isdisjoint(text)


def found(text: str) -> bool:
    """Whether ``text`` holds a placeholder, whatever its width, case or invisible characters."""
    if not _folds_to_d(text):
        return False  # most text: no character that folds to d
    folded = unicodedata.normalize("NFKC", text).lower()
    if "d" not in folded:  # most Chinese text: no letter of the word, nothing to drop
        return False
    return _WORD.search(folded.translate(FORMAT_CHARACTERS)) is not None


def _texts(value) -> list[str]:
    """Every string of a front-matter value: lists and mappings (勘误 records) included."""
    if isinstance(value, dict):
        return _texts(list(value.values()))
    if isinstance(value, list):
        return [t for v in value for t in _texts(v)]
    return [value] if isinstance(value, str) else []


def _lines(text: str):
    # The word never spans a line: only a line with a character that folds to d is normalised, alone (a body with a
    # link's address had every line normalised, 0.5 ms; a look at each line for one, 0.2). Astral ones are rare: with
    # any in the text, every line is looked at (a substring search for one is at once in text of the Basic Plane).
    if any(ch in text for ch in _FOLDING_ASTRAL):
        candidates = None
    elif not (candidates := _lines_of(text, _FOLDING_BASIC.finditer(text))):
        return  # most texts: no character of the word
    lines = text.split("\n")
    for n in range(len(lines)) if candidates is None else candidates:
        if found(lines[n]):
            yield n, chars.clipped(lines[n].strip(), _SHOWN)


def _lines_of(text: str, matches) -> list[int]:
    """The line (0-based) of each of ``matches`` in ``text``, in order, each once."""
    out, line, at = [], 0, 0
    for match in matches:
        line += text.count("\n", at, match.start())
        at = match.start()
        if not out or out[-1] != line:
            out.append(line)
    return out


def in_file(item, settings):  # noqa: ARG001 — one signature for every rule of rules.FILE_RULES
    """The problems of one issue, document or interpretation (rules.per_file)."""
    return unfilled(item.source)


def check(ctx):
    for page in ctx.handwritten.pages:
        for n, shown in _lines(page.text):
            yield Diagnostic(page.path, page.file_line(n + 1), f"手写页面尚未填写（{shown}）",
                             f"写好这一处，并删去 {MARK} 提示", rule=ID)
        yield from _conflicted(page.path, page.text, page.file_line)


def _conflicted(path: str, text: str, file_line: Callable[[int], int]):
    """A merge left unresolved in a text: as unfinished as a TODO, and no Markdown error (gongbao.content.conflicts).
    ``file_line``: the line of the file of a line of ``text``."""
    for n in conflicts.lines(text):
        yield Diagnostic(path, file_line(n + 1), f"正文中{conflicts.PROBLEM}", conflicts.HINT, rule=ID)


def _may_hold(meta: dict) -> bool:
    """False when no string of the values has a character that folds to d, so none holds a placeholder: one look at
    them all instead of one at each (most files; a tenth of the per-file rules' time)."""
    return _folds_to_d("".join([v if isinstance(v, str) else "".join(_texts(v)) for v in meta.values()]))


def unfilled(src):
    """The placeholders of one content file: in its front-matter values and in its body."""
    for key, value in src.meta.items() if _may_hold(src.meta) else ():
        texts = [text for text in _texts(value) if found(text)]
        if texts:
            yield Diagnostic(src.path, src.line_of(key), f"{key} 尚未填写（{'、'.join(texts)}）",
                             f"按提示填写 {key}，并删去 {MARK}", rule=ID)
    for n, shown in _lines(src.body):
        yield Diagnostic(src.path, src.file_line(n + 1), f"正文尚未填写（{shown}）",
                         f"写好这一处，并删去 {MARK} 提示；只给编辑看的话写成 <!-- 注释 -->", rule=ID)
    yield from _conflicted(src.path, src.body, src.file_line)
