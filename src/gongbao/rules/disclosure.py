"""规章 and 规范性文件 are published: marked 不予公开 or 依申请公开 they would vanish from the site.

An unpublished 行政规范性文件 cannot serve as a basis of administration (国办发〔2018〕37号), and a
规章 is published in the gazette (《规章制定程序条例》). So either the document is published
(部分公开 still withholds a marked passage), or it is not normative and its type is wrong, or it was
lawfully withdrawn (撤回) and withdrawn.yml puts a public notice at its URL.
"""
from gongbao.content import urls
from gongbao.content.diagnostics import Diagnostic
from gongbao.content.fields import key_line
from gongbao.identifiers.vocabulary import MUST_BE_PUBLISHED
from gongbao.content.withdrawn import FILENAME as WITHDRAWN

ID = "normative-disclosure"
BASIS = {"规范性文件": "国办发〔2018〕37号：未经公布的行政规范性文件不得作为行政管理依据",
         "规章": "《规章制定程序条例》：规章公布后须在本级人民政府公报上刊载"}


def check(ctx):
    withdrawn = {w.url for w in ctx.archive.withdrawn}
    for doc in ctx.archive.documents:
        if doc.type in MUST_BE_PUBLISHED and not doc.is_public and not _withdrawn(doc, ctx, withdrawn):
            yield Diagnostic(
                doc.source.path, key_line(doc.source, "disclosure"),
                f"{doc.type} {doc.label} 标为 {doc.disclosure}，不会发布；{doc.type}必须公开（{BASIS[doc.type]}）",
                "改为 主动公开（个别段落依法不能公开的，改为 部分公开 并标出这些段落）；它若其实不是"
                f"{doc.type}，改正 type；已发布后依法撤回的，在 {WITHDRAWN} 中登记撤回", rule=ID)


def _withdrawn(doc, ctx, withdrawn: set[str]) -> bool:
    try:
        return urls.document(doc, ctx.settings.issuer_codes) in withdrawn
    except KeyError:  # no URL code: rules/issuers.py reports it
        return False
