"""Drafts for comment (征求意见稿): a period that makes sense, a consulting body the site knows, a
text, and links that agree (its 起草说明: rules/explanation.py).

The final document and its draft may each name the other (a document's ``draft``, a draft's
``final``); the site shows both directions, so the two must not contradict each other, two
documents cannot claim one draft, and a chain of ``revises`` (later rounds of consultation) has no
cycle. A document whose type or topic the site's settings list (``consultation_types``,
``consultation_topics``) without a draft is a warning: consultation may have happened elsewhere.
"""
from gongbao.content.diagnostics import WARNING, Diagnostic
from gongbao.content.fields import key_line
from gongbao.identifiers.vocabulary import MUST_BE_INTERPRETED
from gongbao.rules.duplicates import repeats

ID = "consultation"


def check(ctx):
    archive = ctx.archive
    for draft, other in repeats(archive.drafts, lambda d: d.id):
        yield Diagnostic(draft.source.path, draft.source.line_of("id"), f"征求意见稿 id {draft.id} 与 {other.source.path} 重复",
                         "每份征求意见稿用不同的 id（它是永久网址 draft/<id>/ 的一部分）", rule=ID)
    for draft in archive.drafts:
        yield from _own(draft, ctx)
    yield from _revisions(archive)
    yield from _finals(archive)
    yield from _required(ctx)


def _own(draft, ctx):
    src = draft.source
    if draft.closes < draft.opens:
        yield Diagnostic(src.path, src.line_of("closes"), f"征求意见截止日期 {draft.closes} 早于开始日期 {draft.opens}",
                         "检查 opens 和 closes", rule=ID)
    for name in draft.consulter if not ctx.settings.unsure("issuers") else ():  # else told in gazette.yml
        if name not in ctx.settings.issuers:
            yield Diagnostic(src.path, src.line_of("consulter"), f"征求意见单位 {name} 不在 gazette.yml 的 issuers 中",
                             "核对名称，或把它加入 gazette.yml 的 issuers", rule=ID)
    if not src.body.strip():
        yield Diagnostic(src.path, src.body_line, "征求意见稿没有正文", "在 front matter 之后写出征求意见稿全文", rule=ID)
    if draft.decision and not any(draft.decision == i.id for y in ctx.archive.decisions for i in y.items):
        yield Diagnostic(src.path, src.line_of("decision"), f"decision: {draft.decision} 不在任何年度的重大行政决策事项目录中",
                         "核对事项编号，或把事项加入 decisions/<年份>.md", rule=ID)


def _revisions(archive):
    for draft in archive.drafts:
        if draft.revises is None:
            continue
        src = draft.source
        if archive.draft(draft.revises) is None:
            yield Diagnostic(src.path, src.line_of("revises"), f"revises: {draft.revises} 找不到这份征求意见稿",
                             "填写上一轮征求意见稿的 id", rule=ID)
            continue
        chain, current = [draft.id], archive.draft(draft.revises)
        while current is not None and current.id not in chain:
            chain.append(current.id)
            current = archive.draft(current.revises) if current.revises else None
        if current is not None and current.id == draft.id:
            yield Diagnostic(src.path, src.line_of("revises"), f"征求意见稿的 revises 构成循环：{' → '.join(map(str, chain + [draft.id]))}",
                             "revises 只能指向更早的一轮征求意见稿", rule=ID)


def _finals(archive):
    """A draft's ``final`` and a document's ``draft`` agree, and name what exists."""
    claimed = {}
    for doc in archive.documents:
        if doc.draft is None:
            continue
        src, draft = doc.source, archive.draft(doc.draft)
        if draft is None:
            yield Diagnostic(src.path, key_line(src, "draft"), f"draft: {doc.draft} 找不到这份征求意见稿",
                             "填写 drafts/ 中征求意见稿的 id", rule=ID)
            continue
        if doc.draft in claimed:
            yield Diagnostic(src.path, key_line(src, "draft"), f"征求意见稿 {doc.draft} 已由 {claimed[doc.draft].label} 认领为其正式文件",
                             "一份征求意见稿只对应一份正式文件：核对 draft", rule=ID)
        claimed.setdefault(doc.draft, doc)
        if draft.final is not None and draft.final != doc.ref:
            yield Diagnostic(src.path, key_line(src, "draft"),
                             f"{doc.label} 称依据征求意见稿 {draft.id}，而该稿的 final 是 {draft.final}（{draft.source.path}）",
                             "两处必须一致：改正文件的 draft 或征求意见稿的 final", rule=ID)
        yield from _dates(draft, doc)
    for draft in archive.drafts:
        if draft.final is None:
            continue
        doc = archive.document(draft.final)
        if doc is None:
            if draft.final not in archive.unloaded:
                yield Diagnostic(draft.source.path, draft.source.line_of("final"), f"final: {draft.final} 在公报中找不到",
                                 "填写正式印发文件的文号或 id，或等文件收入公报后再填", rule=ID)
        elif doc.draft is None:
            yield from _dates(draft, doc)


def _dates(draft, doc):
    if doc.published < draft.closes:
        yield Diagnostic(draft.source.path, draft.source.line_of("closes"),
                         f"正式文件 {doc.label} 发布于 {doc.published}，早于征求意见截止日期 {draft.closes}",
                         "正式文件应在征求意见结束后印发：核对日期或两者的对应关系", rule=ID)


def _required(ctx):
    types, topics = set(ctx.settings.consultation_types), set(ctx.settings.consultation_topics)
    if not types and not topics:
        return
    consulted = {d.ref for d in ctx.archive.documents if d.draft} | {d.final for d in ctx.archive.drafts if d.final}
    for doc in ctx.archive.documents:
        needs = doc.type in types or (doc.type in MUST_BE_INTERPRETED and topics & set(doc.topics))
        if needs and doc.is_public and doc.ref not in consulted:
            yield Diagnostic(doc.source.path, doc.source.line_of("type"),
                             f"{doc.type} {doc.label} 按本站设置应公开征求意见，却没有对应的征求意见稿",
                             "在文件中写 draft: <征求意见稿 id>，或在征求意见稿中写 final: <文号>", WARNING, ID)
