"""A document number (after normalisation) or id names one document only."""
from gongbao.content.diagnostics import Diagnostic

ID = "duplicate"


def check(ctx):
    first = {}
    for doc in sorted(ctx.archive.documents, key=lambda d: d.source.path):
        other = first.setdefault(doc.ref, doc)
        if other is not doc:
            key = "doc_number" if doc.number else "id"
            yield Diagnostic(doc.source.path, doc.source.line_of(key), f"{doc.ref} 与 {other.source.path} 重复",
                             "文号（统一括号、空格和繁简后）与 id 必须唯一；检查是否重复录入", rule=ID)
    slugs = {}
    for item in sorted(ctx.archive.interpretations, key=lambda i: i.source.path):
        other = slugs.setdefault((item.interprets, item.slug), item)
        if other is not item:
            yield Diagnostic(item.source.path, item.source.line_of("slug"), f"解读网址名 {item.slug} 与 {other.source.path} 重复",
                             "给其中一篇设置不同的 slug", rule=ID)
