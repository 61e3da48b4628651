"""Gazette issues: one file per 期, numbers unique."""
from gongbao.content.diagnostics import Diagnostic

ID = "issue"


def check(ctx):
    seen = {}
    totals = {}
    for issue in sorted(ctx.archive.issues, key=lambda i: i.source.path):
        first = seen.setdefault(issue.key, issue)
        if first is not issue:
            yield Diagnostic(issue.source.path, issue.source.line_of("number"), f"{issue.key} 已由 {first.source.path} 定义",
                             "检查 year 和 number，每期只能有一个 index.md", rule=ID)
        first = totals.setdefault(issue.total_number, issue)
        if first is not issue:
            yield Diagnostic(issue.source.path, issue.source.line_of("total_number"),
                             f"总期号 {issue.total_number} 与 {first.source.path} 重复", "总期号应逐期递增、不重复", rule=ID)
        if len(set(issue.sections)) != len(issue.sections):
            yield Diagnostic(issue.source.path, issue.source.line_of("sections"), "sections 中有重复的栏目",
                             "每个栏目只列一次", rule=ID)
