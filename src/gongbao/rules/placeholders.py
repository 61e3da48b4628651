"""What a scaffold or an editor left to fill in (``TODO：…``) is never published.

A placeholder is the word TODO anywhere in a value or a line: in the middle of a sentence, in
lower case, in full-width letters (ＴＯＤＯ), in brackets (【TODO】), in a list, a table or a block
quote. A reminder in the middle of a paragraph is as unfinished as the scaffold's own line.
Editors' notes (<!-- … -->) are taken out of bodies before the rules run, so a TODO there is private;
hand-written pages (content/*.md) are published whole and are checked too.
"""
import functools
import re
import sys
import unicodedata

from gongbao.content.diagnostics import Diagnostic

ID = "placeholder"
MARK = "TODO"
_WORD = re.compile(r"(?<![a-z])todo(?![a-z])")  # not inside a Latin word; any Chinese may touch it
_SHOWN = 60  # characters of a long line quoted in a message


@functools.cache
def _format_characters() -> dict[int, None]:
    """Format characters (TO\u200bDO), for one translate: a per-character category lookup was most of a
    check's time. Built on first need (a second's fraction; most texts never need it)."""
    return dict.fromkeys(c for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Cf")


@functools.cache
def _folding_to_d() -> str:
    """Every character whose compatibility decomposition holds a d or D (Ｄ, ⅾ, ⓓ, 𝐝 …): normalisation
    composes and lowers, but never makes a letter no character decomposes to. A tenth of a second,
    once: normalising every body to learn that it has no d was a third of a check."""
    return "dD" + "".join(c for c in map(chr, range(sys.maxunicode + 1))
                          if unicodedata.decomposition(c) and "d" in unicodedata.normalize("NFKD", c).lower())


def found(text: str) -> bool:
    """Whether ``text`` holds a placeholder, whatever its width, case or invisible characters."""
    if not any(ch in text for ch in _folding_to_d()):  # a substring search each: 30 times a regex class
        return False
    folded = unicodedata.normalize("NFKC", text).lower()
    if "d" not in folded:  # most Chinese text: no letter of the word, nothing to drop
        return False
    return _WORD.search(folded.translate(_format_characters())) is not None


def _texts(value) -> list[str]:
    """Every string of a front-matter value: lists and mappings (勘误 records) included."""
    if isinstance(value, dict):
        return _texts(list(value.values()))
    if isinstance(value, list):
        return [t for v in value for t in _texts(v)]
    return [value] if isinstance(value, str) else []


def _lines(text: str):
    if not found(text):  # the word never spans a line, so one look at the whole text answers for most
        return
    for n, line in enumerate(text.split("\n")):
        if found(line):
            shown = line.strip()
            yield n, shown if len(shown) <= _SHOWN else shown[:_SHOWN] + "…"


def check(ctx):
    for item in (*ctx.archive.issues, *ctx.archive.documents, *ctx.archive.interpretations):
        yield from unfilled(item.source)
    for page in ctx.handwritten.pages:
        for n, shown in _lines(page.text):
            yield Diagnostic(page.path, page.first_line + n, f"手写页面尚未填写（{shown}）",
                             f"写好这一处，并删去 {MARK} 提示", rule=ID)


def unfilled(src):
    """The placeholders of one content file: in its front-matter values and in its body."""
    for key, value in src.meta.items():
        texts = [text for text in _texts(value) if found(text)]
        if texts:
            yield Diagnostic(src.path, src.line_of(key), f"{key} 尚未填写（{'、'.join(texts)}）",
                             f"按提示填写 {key}，并删去 {MARK}", rule=ID)
    for n, shown in _lines(src.body):
        yield Diagnostic(src.path, src.body_line + n, f"正文尚未填写（{shown}）",
                         f"写好这一处，并删去 {MARK} 提示；只给编辑看的话写成 <!-- 注释 -->", rule=ID)
