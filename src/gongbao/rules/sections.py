"""A document appears under one of the sections (栏目) its issue lists.

Documents of an issue that write one of its sections in the other script (市政府办公室文件 where the issue lists
市政府辦公室文件) are told once, at the issue's sections: one spelling changed in either place is the mistake, and each
document told to take the issue's would have the editor change every one of them, perhaps to the wrong script."""
from collections import defaultdict

from gongbao.content.diagnostics import Diagnostic
from gongbao.identifiers import chars
from gongbao.content.fields import key_line
from gongbao.identifiers.script import to_simplified
from gongbao.identifiers.vocabulary import suggest

ID = "section"
RECORDED = "section"  # the fact of a document's lock record it tells wrong (rules/lock.py tells it no change too)
SHOWN = 3  # documents named in a message, at most


def wrong(doc, ctx) -> tuple[str, ...]:
    """The document's section, if its issue does not list it (told here)."""
    issue = ctx.archive.issue(doc.issue)
    return (doc.section,) if issue and doc.section not in issue.sections else ()


def check(ctx):
    other_script = defaultdict(list)  # (issue key, listed section, as the documents write it) → those documents
    for doc in ctx.archive.documents:
        if not wrong(doc, ctx):
            continue
        issue = ctx.archive.issue(doc.issue)
        folded = to_simplified(doc.section)
        if twin := next((s for s in issue.sections if to_simplified(s) == folded), None):
            other_script[issue.key, twin, doc.section].append(doc)
            continue
        yield _unlisted(doc, issue, suggest(doc.section, issue.sections))
    for (key, twin, written), docs in other_script.items():
        issue = ctx.archive.issue(key)
        if len(docs) == 1:
            yield _unlisted(docs[0], issue, twin)
            continue
        paths = "、".join(d.source.path for d in docs[:SHOWN]) + ("等" if len(docs) > SHOWN else "")
        yield Diagnostic(issue.source.path, key_line(issue.source, "sections"),
                         f"sections 中的栏目“{twin}”与本期 {len(docs)} 份文件写的“{written}”繁简不同",
                         f"写成同一种：把 sections 中的 {twin} 改为 {written}，或把这些文件（{paths}）的 section 改为 {twin}",
                         rule=ID)


def _unlisted(doc, issue, guess: str | None) -> Diagnostic:
    maybe = f"（是否应为 {guess}？）" if guess else ""
    return Diagnostic(doc.source.path, doc.source.line_of("section"), f"栏目{chars.quoted(doc.section)}不在 {issue.key} 的 sections 中{maybe}",
                      f"改为 {'、'.join(issue.sections)} 之一，或在 {issue.source.path} 的 sections 中加入该栏目", rule=ID)
