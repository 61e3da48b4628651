"""Relations between documents: no document relates to itself."""
from ..diagnostics import Diagnostic

ID = "relations"
KEYS = ("based_on", "amends", "repeals")


def check(ctx):
    for doc in ctx.archive.documents:
        for key in KEYS:
            if doc.ref in getattr(doc, key):
                yield Diagnostic(doc.source.path, doc.source.line_of(key), f"{key} 指向文件自身 {doc.ref}",
                                 f"从 {key} 中删除本文件的文号", rule=ID)
