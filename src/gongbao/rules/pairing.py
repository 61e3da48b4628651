"""Every published 规章 and 规范性文件 ships with its interpretation (同步: within the grace days),
and every interpretation interprets a document of the archive."""
import datetime as dt

from ..diagnostics import Diagnostic
from ..vocabulary import MUST_BE_INTERPRETED, suggest

ID = "pairing"


def check(ctx):
    grace = dt.timedelta(days=ctx.settings.grace_days)
    for doc in ctx.archive.documents:
        if doc.type not in MUST_BE_INTERPRETED or not doc.is_public:
            continue
        items = ctx.archive.interpretations_of(doc)
        deadline = doc.published + min(grace, dt.date.max - doc.published)  # no overflow at 9999-12-31
        if not items:
            yield Diagnostic(doc.source.path, doc.source.line_of("type"), f"{doc.type} {doc.label} 没有政策解读",
                             f"在 interpretations/ 中加入 interprets: {doc.ref} 的解读（发布日期不晚于 {deadline}）", rule=ID)
        elif items[0].published > deadline:
            yield Diagnostic(doc.source.path, doc.source.line_of("published"),
                             f"{doc.label} 的首篇解读 {items[0].source.path} 发布于 {items[0].published}，晚于 {deadline}",
                             f"解读应与文件同步发布（宽限 {ctx.settings.grace_days} 天）：提前解读的发布日期", rule=ID)
    labels = {str(d.ref): d for d in ctx.archive.documents}
    for item in ctx.archive.interpretations:
        if ctx.archive.document(item.interprets) is None and item.interprets not in ctx.archive.unloaded:
            guess = suggest(str(item.interprets), labels)
            maybe = f"（是否应为 {guess}？）" if guess else ""
            yield Diagnostic(item.source.path, item.source.line_of("interprets"),
                             f"interprets: {item.interprets} 在公报中找不到对应文件{maybe}",
                             "核对文号，或先把原文件加入某期公报", rule=ID)
