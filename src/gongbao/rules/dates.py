"""Dates in order — written, published, carried by an issue, corrected — and a status that agrees
with them on the build date."""
from gongbao.content.clock import latest
from gongbao.content.diagnostics import Diagnostic
from gongbao.content.fields import key_line
from gongbao.content.model import Issue
from gongbao.content.participation import Draft, Explanation

ID = "dates"


def check(ctx):
    for doc in ctx.archive.documents:
        src = doc.source
        if doc.published < doc.written:
            yield Diagnostic(src.path, src.line_of("published"), f"发布日期 {doc.published} 早于成文日期 {doc.written}",
                             "检查两个日期：成文在先，发布在后", rule=ID)
        if doc.effective and doc.effective < doc.written:
            yield Diagnostic(src.path, src.line_of("effective"), f"施行日期 {doc.effective} 早于成文日期 {doc.written}",
                             "检查施行日期", rule=ID)
        start = doc.effective or doc.published
        if doc.expires and doc.expires < start:
            yield Diagnostic(src.path, src.line_of("expires"), f"有效期至 {doc.expires} 早于施行日期 {start}", "检查有效期", rule=ID)
        yield from _issue(ctx, doc)
        yield from _status(ctx, doc)


def _issue(ctx, doc):
    """An issue carries what was published by its date: a later 发布日期 is a typo in one of the two."""
    issue = ctx.archive.issue(doc.issue)
    if issue is not None and doc.published > issue.published:
        yield Diagnostic(doc.source.path, key_line(doc.source, "published"),
                         f"发布日期 {doc.published} 晚于刊载它的 {doc.issue} 的出版日期 {issue.published}",
                         f"核对本文件的发布日期和 {issue.source.path} 的出版日期，或把文件移到它发布之后出版的一期", rule=ID)


def corrections(item, today):
    """Each 勘误 of a published text (document, interpretation, draft, 起草说明, feedback) is dated between its publication
    and ``today``: rules.of_page runs it for each file. (The loader sorts them by date; one dated before a locked one
    takes its place, which rules/lock.py refuses.)"""
    if not item.corrections:
        return  # most texts: the key's line (a look at each key) is not needed
    line = key_line(item.source, "corrections")
    for correction in item.corrections:
        if item.published is not None and correction.date < item.published:
            yield Diagnostic(item.source.path, line, f"勘误日期 {correction.date} 早于发布日期 {item.published}",
                             "勘误只能更正已发布的文本：核对勘误日期和发布日期；发布前的修改不写勘误", rule=ID)
        elif correction.date > latest(today):
            yield Diagnostic(item.source.path, line, f"勘误日期 {correction.date} 在今天（{latest(today)}）之后",
                             "勘误日期写实际更正的日期，不能预先填写", rule=ID)


def not_yet_published(item, today):
    """A text reaches the site on its publication day, not before: an issue prepared ahead and committed would put its
    documents' text (and its interpretations') on the site before they are public, and the lock would record a first
    publication that had not happened, while no 勘误 could correct the text shown meanwhile (one is dated from
    publication on). rules.of_page runs it for each file. A draft is listed before its consultation opens, by design
    (consultations/); its 起草说明 goes with it."""
    if isinstance(item, (Draft, Explanation)) or item.published is None or item.published <= latest(today):
        return
    what = "出版日期" if isinstance(item, Issue) else "发布日期"
    yield Diagnostic(item.source.path, key_line(item.source, "published"),
                     f"{what} {item.published} 在今天（{latest(today)}）之后：网站会在这一天之前就发布它",
                     f"到{what}当天再提交本文件（之前放在另一个分支）；若日期写错，更正 published", rule=ID)


def _status(ctx, doc):
    line = doc.source.line_of("status")
    if doc.status == "尚未施行" and not doc.effective:  # whatever the day
        yield Diagnostic(doc.source.path, line, "文件状态为尚未施行，但施行日期未填写", "改为 执行中，或填写将来的 effective 日期", rule=ID)
    if ctx.today is None:
        return  # build_date cannot be read (told in gazette.yml): on which day it is in force, or expired, is unknown
    not_yet = doc.effective is not None and doc.effective > ctx.today
    expired = doc.expires is not None and doc.expires < ctx.today
    if doc.status == "尚未施行" and doc.effective and not not_yet:
        yield Diagnostic(doc.source.path, line, f"文件状态为尚未施行，但施行日期 {doc.effective} 已到",
                         "改为 执行中，或填写将来的 effective 日期", rule=ID)
    elif doc.status == "执行中" and not_yet:
        yield Diagnostic(doc.source.path, line, f"文件状态为执行中，但施行日期 {doc.effective} 尚未到", "改为 尚未施行", rule=ID)
    elif doc.status == "执行中" and expired:
        yield Diagnostic(doc.source.path, line, f"文件状态为执行中，但有效期已于 {doc.expires} 届满", "改为 已失效，或更正 expires", rule=ID)
