"""A document number (after normalisation) or id names one document only."""
from gongbao.content.diagnostics import Diagnostic

ID = "duplicate"


def repeats(items, key):
    """Each item whose ``key`` an earlier item holds already, with that earlier item: the second holder
    of an id is the one reported, at its own line."""
    first = {}
    for item in items:
        other = first.setdefault(key(item), item)
        if other is not item:
            yield item, other


def check(ctx):
    for doc, other in repeats(sorted(ctx.archive.documents, key=lambda d: d.source.path), lambda d: d.ref):
        key = "doc_number" if doc.number else "id"
        yield Diagnostic(doc.source.path, doc.source.line_of(key), f"{doc.ref} 与 {other.source.path} 重复",
                         "文号（统一括号、空格和繁简后）与 id 必须唯一；检查是否重复录入", rule=ID)
    interpretations = sorted(ctx.archive.interpretations, key=lambda i: i.source.path)
    for item, other in repeats(interpretations, lambda i: (i.interprets, i.slug)):
        yield Diagnostic(item.source.path, item.source.line_of("slug"), f"解读网址名 {item.slug} 与 {other.source.path} 重复",
                         "给其中一篇设置不同的 slug", rule=ID)
