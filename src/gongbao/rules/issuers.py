"""Issuers and the 机关代字 of document numbers must be known to gazette.yml.

An unknown 机关代字 is far more often a typo (锡政办法 for 锡政办发) than a new issuer, and a code
once published is forever: so the hint offers the nearest known 机关代字 first.
"""
from dataclasses import replace

from gongbao.content.diagnostics import Diagnostic
from gongbao.identifiers import chars
from gongbao.content.lock import published_as
from gongbao.content.settings import FILENAME
from gongbao.identifiers.vocabulary import suggest

ID = "issuer"
RECORDED = "issuers"  # the fact of a document's lock record it tells wrong (rules/lock.py tells it no change too)


def wrong(doc, ctx) -> tuple[str, ...]:
    """The issuers of the document gazette.yml does not list (told here; none while its issuers have errors)."""
    return () if ctx.settings.unsure("issuers") else tuple(i for i in doc.issuers if i not in ctx.settings.issuers)


def check(ctx):
    known = ctx.settings.issuers
    names, codes = not ctx.settings.unsure("issuers"), not ctx.settings.unsure("issuer_codes")  # else told in gazette.yml
    for doc in ctx.archive.documents:
        for issuer in doc.issuers if names else ():
            if issuer not in known:  # one of those that make it wrong()
                guess = suggest(issuer, known)
                maybe = f"（是否应为 {guess}？）" if guess else ""
                yield Diagnostic(doc.source.path, doc.source.line_of("issuer"), f"制发机关{chars.quoted(issuer)}不在 {FILENAME} 的 issuers 中{maybe}",
                                 f"改正机关名称，或在 {FILENAME} 的 issuers 下加入 {issuer}: 拼音缩写", rule=ID)
        if codes and doc.number and not ctx.settings.listed(doc.number.agency):
            yield _unknown_code(ctx, doc)


def _unknown_code(ctx, doc) -> Diagnostic:
    agency = doc.number.agency
    add = f"在 {FILENAME} 的 issuer_codes 下加入 {agency}: 代码（小写字母，如 xzbf），代码一经发布不得更改"
    guess = suggest(agency, ctx.settings.issuer_codes)
    maybe = f"（是否应为 {guess}？）" if guess else ""
    hint = f"文号写错的，改为 {replace(doc.number, agency=guess)}；确是新的机关代字，才{add}" if guess else add
    if (at := published_as(doc.title, str(doc.issue), (ctx.lock, ctx.published))) is not None and at.ref != doc.number:
        hint = f"它发布时的文号是 {at}：改回 {at.ref}；确要改文号的，才{add}，并在 previous_urls 中加入 {at.url}"
    return Diagnostic(doc.source.path, doc.source.line_of("doc_number"),
                      f"文号 {doc.number} 的机关代字{chars.quoted(agency)}没有网址代码{maybe}", hint, rule=ID)
