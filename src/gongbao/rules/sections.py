"""A document appears under one of the sections (栏目) its issue lists."""
from gongbao.content.diagnostics import Diagnostic
from gongbao.identifiers.vocabulary import suggest

ID = "section"


def check(ctx):
    for doc in ctx.archive.documents:
        issue = ctx.archive.issue(doc.issue)
        if issue and doc.section not in issue.sections:
            guess = suggest(doc.section, issue.sections)
            maybe = f"（是否应为 {guess}？）" if guess else ""
            yield Diagnostic(doc.source.path, doc.source.line_of("section"),
                             f"栏目 \"{doc.section}\" 不在 {issue.key} 的 sections 中{maybe}",
                             f"改为 {'、'.join(issue.sections)} 之一，或在 {issue.source.path} 的 sections 中加入该栏目", rule=ID)
