"""Every 主题分类 of a document is a class of the site's taxonomy (default: the 22 national classes)."""
from gongbao.content.diagnostics import Diagnostic
from gongbao.identifiers import chars
from gongbao.content.settings import FILENAME
from gongbao.identifiers.taxonomy import Taxonomy

ID = "topic"
RECORDED = "topics"  # the fact of a document's lock record it tells wrong (rules/lock.py tells it no change too)


def wrong(doc, ctx) -> tuple[str, ...]:
    """The topics of the document that are no class of the taxonomy (told here; none while gazette.yml's topics have
    errors). One in the other script is the class: it is no error here, and a changed published record still is."""
    if ctx.settings.unsure("topics"):
        return ()
    taxonomy = Taxonomy.of(ctx.settings.topics)
    return tuple(topic for topic in doc.topics if taxonomy.canonical(topic) is None)


def check(ctx):
    if ctx.settings.unsure("topics"):
        return  # told in gazette.yml: the classes it means are unknown
    taxonomy = Taxonomy.of(ctx.settings.topics)
    known: dict[str, bool] = {}  # topic → whether it is a class: thousands of documents share a few dozen values
    for doc in ctx.archive.documents:
        for topic in doc.topics:
            if (listed := known.get(topic)) is None:
                listed = known[topic] = taxonomy.canonical(topic) is not None
            if not listed:  # as wrong() finds it
                guess = taxonomy.suggest(topic)
                maybe = f"（是否应为 {guess}？）" if guess else ""
                yield Diagnostic(doc.source.path, doc.source.line_of("topics"), f"主题分类{chars.quoted(topic)}不在分类表中{maybe}",
                                 f"改为分类表中的类目（如 {guess or taxonomy.names[0]}），或在 {FILENAME} 的 topics 下加入该类目",
                                 rule=ID)
