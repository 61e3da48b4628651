"""意见采纳情况: published after its consultation closed, with counts that add up and reasons for
what was not adopted; and published at all — a consultation closed more than ``feedback_warn_days``
ago without it warns, more than ``feedback_refuse_days`` ago fails the build (gazette.yml).
"""
from gongbao.content.diagnostics import ERROR, WARNING, Diagnostic
from gongbao.content.participation import CLOSED
from gongbao.rules.duplicates import repeats

ID = "feedback"
NOT_ADOPTED = "未采纳"


def check(ctx):
    archive = ctx.archive
    known = [f for f in archive.feedback if archive.draft(f.draft) is not None]
    for item, other in repeats(known, lambda f: f.draft):
        yield Diagnostic(item.source.path, item.source.line_of("draft"), f"征求意见稿 {item.draft} 已有意见采纳情况：{other.source.path}",
                         "每份征求意见稿只发布一份意见采纳情况：合并两个文件", rule=ID)
    for item in archive.feedback:
        src = item.source
        draft = archive.draft(item.draft)
        if draft is None:
            yield Diagnostic(src.path, src.line_of("draft"), f"draft: {item.draft} 找不到这份征求意见稿",
                             "填写 drafts/ 中征求意见稿的 id", rule=ID)
            continue
        if item.published <= draft.closes:
            yield Diagnostic(src.path, src.line_of("published"),
                             f"意见采纳情况发布于 {item.published}，征求意见截止于 {draft.closes}，尚未结束",
                             "征求意见结束后再发布意见采纳情况：核对 published", rule=ID)
        yield from _counts(item)
    # a feedback that is not published (依申请公开, 不予公开) tells the public nothing: it does not count
    yield from _overdue(ctx, {f.draft for f in ctx.public.feedback})


def _counts(item):
    src = item.source
    if item.adopted > item.comments:
        yield Diagnostic(src.path, src.line_of("adopted"), f"采纳 {item.adopted} 条，多于收到的 {item.comments} 条",
                         "核对 adopted 和 comments", rule=ID)
    total = sum(n for _, n in item.channels)
    if item.channels and total != item.comments and "channels" not in item.unread:  # a count told wrong is left out
        yield Diagnostic(src.path, src.line_of("channels"), f"各渠道意见合计 {total} 条，与 comments {item.comments} 条不符",
                         "核对 channels 中各渠道的条数", rule=ID)
    if item.adopted < item.comments and not any(
            line.startswith("#") and NOT_ADOPTED in line for line in item.source.body.split("\n")):
        yield Diagnostic(src.path, src.body_line, f"有 {item.comments - item.adopted} 条意见未采纳，正文没有说明理由",
                         f"加一个标题，如 ## {NOT_ADOPTED}的意见及理由，逐类说明未采纳的原因", rule=ID)


def _overdue(ctx, answered: set):
    if ctx.today is None or ctx.settings.unsure("feedback_warn_days", "feedback_refuse_days"):
        return  # told in gazette.yml: the day it is judged on (build_date), or the days it means, are unknown
    warn, refuse = ctx.settings.feedback_warn_days, ctx.settings.feedback_refuse_days
    for draft in ctx.public.drafts:
        if draft.id in answered or draft.standing(ctx.today) != CLOSED:
            continue
        late = (ctx.today - draft.closes).days
        if late <= warn:
            continue
        severity = ERROR if late > refuse else WARNING
        limit = refuse if severity == ERROR else warn
        yield Diagnostic(draft.source.path, draft.source.line_of("closes"),
                         f"征求意见已于 {draft.closes} 结束 {late} 天，超过 {limit} 天仍未发布意见采纳情况",
                         f"在 feedback/ 中加入 draft: {draft.id} 的意见采纳情况（gongbao new feedback --draft {draft.id}）",
                         severity, ID)
