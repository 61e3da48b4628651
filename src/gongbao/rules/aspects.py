"""A comprehensive interpretation (文字解读, 专家解读) covers the nine aspects the regulation names.

Q&A, graphic, media and video interpretations are partial by nature and are not held to it.
"""
from ..diagnostics import ERROR, WARNING, Diagnostic
from ..headings import blocks
from ..script import to_simplified
from ..vocabulary import ASPECTS

ID = "aspects"
COMPREHENSIVE = ("文字解读", "专家解读")


def covered(body: str) -> set[str]:
    headings = " ".join(to_simplified(b.text) for b in blocks(body) if b.level or b.text.lstrip().startswith("#"))
    return {a for a in ASPECTS if a in headings}


def check(ctx):
    severity = ERROR if ctx.settings.strict else WARNING
    for item in ctx.archive.interpretations:
        if item.kind not in COMPREHENSIVE:
            continue
        missing = [a for a in ASPECTS if a not in covered(item.source.body)]
        if missing:
            yield Diagnostic(item.source.path, item.source.body_line, f"{item.kind}缺少以下方面的标题：{'、'.join(missing)}",
                             "为每个方面加一个标题，如 ## 一、背景依据", severity, ID)
