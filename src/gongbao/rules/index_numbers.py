"""A 索引号 follows the format the site configures (there is no national format)."""
import re

from gongbao.content.diagnostics import Diagnostic
from gongbao.content.settings import FILENAME

ID = "index-number"
RECORDED = "index_number"  # the fact of a document's lock record it tells wrong (rules/lock.py tells it no change too)


def wrong(doc, ctx) -> bool:
    """Whether the document's 索引号 does not follow gazette.yml's format (told here)."""
    pattern = ctx.settings.index_number_pattern
    return bool(pattern and doc.index_number and not re.fullmatch(pattern, doc.index_number))


def check(ctx):
    pattern = ctx.settings.index_number_pattern
    for doc in ctx.archive.documents if pattern else ():
        if wrong(doc, ctx):
            yield Diagnostic(doc.source.path, doc.source.line_of("index_number"),
                             f"索引号 \"{doc.index_number}\" 不符合本站格式 {pattern}",
                             f"按 {FILENAME} 的 index_number_pattern 填写，或删去 index_number", rule=ID)
