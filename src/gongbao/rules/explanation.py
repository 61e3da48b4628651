"""起草说明: every draft has one, in a file of its own that names the draft (as an interpretation names
its document), one per draft, with text; an explanation naming no draft is an orphan; and a draft's
body does not carry its explanation under a heading (the way drafts were first written)."""
from gongbao.content.diagnostics import Diagnostic
from gongbao.content.participation import EXPLANATION, is_explanation_heading
from gongbao.content.participation_loader import EXPLANATIONS_DIR
from gongbao.rules.duplicates import repeats

ID = "explanation"


def check(ctx):
    archive = ctx.archive
    for draft in archive.drafts:
        src = draft.source
        if archive.explanation_of(draft) is None:
            yield Diagnostic(src.path, src.line_of("id"), f"征求意见稿 {draft.id} 没有{EXPLANATION}",
                             f"在 {EXPLANATIONS_DIR}/ 中加入一个文件，写 draft: {draft.id}、title 和起草背景、依据、主要内容"
                             f"（gongbao new explanation --draft {draft.id}）", rule=ID)
        for n, line in enumerate(src.body.split("\n")):
            if is_explanation_heading(line):
                yield Diagnostic(src.path, src.file_line(n + 1), f"{EXPLANATION}写在了征求意见稿正文中",
                                 f"把这个标题及其下的内容移到 {EXPLANATIONS_DIR}/ 中单独的文件（draft: {draft.id}）", rule=ID)
    known = [e for e in archive.explanations if archive.draft(e.draft) is not None]
    for item, other in repeats(known, lambda e: e.draft):
        yield Diagnostic(item.source.path, item.source.line_of("draft"), f"征求意见稿 {item.draft} 已有{EXPLANATION}：{other.source.path}",
                         f"每份征求意见稿只有一份{EXPLANATION}：合并两个文件", rule=ID)
    for item in archive.explanations:
        src = item.source
        if archive.draft(item.draft) is None:
            yield Diagnostic(src.path, src.line_of("draft"), f"{EXPLANATION}的 draft: {item.draft} 找不到这份征求意见稿",
                             "填写 drafts/ 中征求意见稿的 id；征求意见稿已删除的，一并删除其起草说明", rule=ID)
        if not src.body.strip():
            yield Diagnostic(src.path, src.body_line, f"{EXPLANATION}是空的", "写明起草背景、依据、主要内容和需要说明的问题", rule=ID)
