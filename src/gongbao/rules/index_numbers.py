"""A 索引号 follows the format the site configures (there is no national format)."""
import re

from gongbao.content.diagnostics import Diagnostic
from gongbao.content.settings import FILENAME

ID = "index-number"


def check(ctx):
    pattern = ctx.settings.index_number_pattern
    if not pattern:
        return
    regex = re.compile(pattern)
    for doc in ctx.archive.documents:
        if doc.index_number and not regex.fullmatch(doc.index_number):
            yield Diagnostic(doc.source.path, doc.source.line_of("index_number"),
                             f"索引号 \"{doc.index_number}\" 不符合本站格式 {pattern}",
                             f"按 {FILENAME} 的 index_number_pattern 填写，或删去 index_number", rule=ID)
