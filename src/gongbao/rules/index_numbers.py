"""A 索引号 follows the format the site configures (there is no national format)."""
import unicodedata

from gongbao.content.diagnostics import Diagnostic
from gongbao.identifiers import chars
from gongbao.content.settings import FILENAME, index_number_format

ID = "index-number"
RECORDED = "index_number"  # the fact of a document's lock record it tells wrong (rules/lock.py tells it no change too)


def wrong(doc, ctx) -> tuple[str, ...]:
    """The document's 索引号, if it does not follow gazette.yml's format (told here)."""
    pattern = ctx.settings.index_number_pattern
    return (doc.index_number,) if pattern and doc.index_number and not index_number_format(pattern).fullmatch(
        doc.index_number) else ()


def check(ctx):
    pattern = ctx.settings.index_number_pattern
    for doc in ctx.archive.documents if pattern else ():
        if wrong(doc, ctx):
            yield Diagnostic(doc.source.path, doc.source.line_of("index_number"),
                             f"索引号{chars.quoted(doc.index_number)}不符合本站格式 {pattern}{_meant(doc.index_number, pattern)}",
                             f"按 {FILENAME} 的 index_number_pattern 填写，或删去 index_number", rule=ID)


def _meant(value: str, pattern: str) -> str:
    """The 索引号 meant, when it is one of the format written with other digits (full-width ０, Arabic-Indic ٠)."""
    ascii_digits = "".join(str(unicodedata.decimal(c, c)) for c in value)
    if ascii_digits != value and index_number_format(pattern).fullmatch(ascii_digits):
        return f"（含全角或其他文字的数字，是否应为 {ascii_digits}？）"
    return ""
