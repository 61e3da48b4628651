"""The yearly 重大行政决策事项目录: one file per year, item ids unique, and every link of an item (its
draft, its final document) names what exists and agrees with what the draft says."""
from gongbao.content.diagnostics import Diagnostic
from gongbao.rules.duplicates import repeats

ID = "decisions"


def check(ctx):
    archive = ctx.archive
    for year, other in repeats(archive.decisions, lambda y: y.year):
        yield Diagnostic(year.source.path, year.source.line_of("year"), f"{year.year} 年的决策事项目录已在 {other.source.path} 中",
                         "每年一个目录文件：合并两个文件", rule=ID)
    items = [(year, item) for year in archive.decisions for item in year.items]
    for (year, item), (other, _) in repeats(items, lambda pair: pair[1].id):
        yield Diagnostic(year.source.path, item.line, f"事项 {item.id} 与 {other.source.path} 中的事项编号重复", "每个事项用不同的编号",
                         rule=ID)
    for year, item in items:
        src, where = year.source, f"事项 {item.id}"
        if item.draft is not None:
            draft = archive.draft(item.draft)
            if draft is None:
                yield Diagnostic(src.path, item.line, f"{where} 的 draft: {item.draft} 找不到这份征求意见稿",
                                 "填写 drafts/ 中征求意见稿的 id", rule=ID)
            elif draft.decision and draft.decision != item.id:
                yield Diagnostic(src.path, item.line, f"{where} 的征求意见稿 {draft.id} 却属于事项 {draft.decision}",
                                 "两处必须一致：改正事项的 draft 或征求意见稿的 decision", rule=ID)
            elif draft.final and item.final and draft.final != item.final:
                yield Diagnostic(src.path, item.line, f"{where} 的正式文件 {item.final} 与征求意见稿的 final {draft.final} 不同",
                                 "两处必须一致", rule=ID)
        if item.final is not None and archive.document(item.final) is None and item.final not in archive.unloaded:
            yield Diagnostic(src.path, item.line, f"{where} 的 final: {item.final} 在公报中找不到",
                             "填写正式印发文件的文号或 id", rule=ID)
