"""Gazette issues: one file per 期, numbers unique, years those the gazette's dates may have."""
from gongbao.content.diagnostics import Diagnostic
from gongbao.content.fields import FIRST_YEAR, LAST_YEAR

ID = "issue"


def check(ctx):
    seen = {}
    totals = {}
    for issue in sorted(ctx.archive.issues, key=lambda i: i.source.path):
        if not FIRST_YEAR <= issue.key.year <= LAST_YEAR:  # the years a date may have (fields.py): 99999 would be a page
            yield Diagnostic(issue.source.path, issue.source.line_of("year"), f"年份 {issue.key.year} 超出 {FIRST_YEAR}—{LAST_YEAR} 年",
                             "检查 year 是否写错", rule=ID)
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
