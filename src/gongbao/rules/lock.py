"""A published URL never disappears, and a published text never changes silently.

Compares what this build would publish with the committed lock (gongbao.lock): a locked URL
must still be a page, a redirect (``previous_urls``) or a withdrawal notice (withdrawn.yml);
a locked text whose hash changed must carry a new 勘误 in ``corrections``. Redirect clashes
(one URL claimed twice) are reported here too, so ``gongbao check`` and the build agree.
"""
from .. import integrity, redirects, urls
from ..diagnostics import Diagnostic
from ..lock import FILENAME
from ..withdrawn import FILENAME as WITHDRAWN

ID = "lock"


def check(ctx):
    codes = ctx.settings.issuer_codes
    public = ctx.archive.public()
    if any(d.number and d.number.agency not in codes for d in public.documents):
        return  # without every URL the comparison means nothing; rules/issuers.py names the missing code
    items = {urls.document(d, codes): d for d in public.documents}
    items |= {urls.interpretation(i, codes): i for i in public.interpretations}
    items |= {urls.issue(i.key): i for i in public.issues}
    planned, clashes = redirects.plan(public, codes)
    yield from clashes
    yield from _previous_urls(public)
    withdrawn = {w.url for w in ctx.archive.withdrawn}
    for url, entry in sorted(ctx.lock.entries.items()):
        where = f"{FILENAME} 第 {ctx.lock.line(url)} 行的 {url}"
        item = items.get(url)
        if item is None:
            if url not in planned and url not in withdrawn:
                yield Diagnostic(
                    FILENAME, ctx.lock.line(url), f"已发布的网址 {url}（{entry.ref}《{entry.title}》）在本次生成中消失",
                    f"恢复该文件；若文号或 id 改了，在新文件的 previous_urls 中加入 {url}；若依法撤回，在 {WITHDRAWN} 中加入 "
                    f"- {{url: {url}, title: {entry.title}, date: 年-月-日, reason: 撤回理由}}", rule=ID)
            continue
        if entry.sha256 is None:
            continue  # an issue: that its page exists is all the lock records
        source, corrections = item.source, len(item.corrections)
        if corrections < entry.corrections:
            yield Diagnostic(source.path, source.line_of("corrections"),
                             f"勘误记录被删除：{where} 记有 {entry.corrections} 条，现只有 {corrections} 条",
                             "勘误是公开记录，只能增加不能删除：恢复删去的勘误", rule=ID)
        elif corrections == entry.corrections and (digest := integrity.sha256(item)) != entry.sha256:
            yield Diagnostic(source.path, source.body_line,
                             f"已发布的文本（标题、文号或正文）被改动，但没有勘误记录：与 {where} 的 SHA-256 "
                             f"{entry.sha256[:12]}… 不符（现为 {digest[:12]}…）",
                             "若是更正，在 corrections 中加入 - {date: 年-月-日, change: 改了什么, reason: 为什么}，"
                             "再运行 gongbao lock --write；否则恢复原文", rule=ID)


def _previous_urls(archive):
    for doc in archive.documents:
        for old in doc.previous_urls:
            try:
                urls.DocPath.parse(old.strip().strip("/") + "/")
            except ValueError as exc:
                yield Diagnostic(doc.source.path, doc.source.line_of("previous_urls"), f"previous_urls：{exc}",
                                 "写文件以前的网址，如 doc/xzbf/2018/86/", rule=ID)
    for item in archive.interpretations:
        for old in item.previous_urls:
            if not redirects.INTERPRETATION.match(old.strip().strip("/") + "/"):
                yield Diagnostic(item.source.path, item.source.line_of("previous_urls"),
                                 f"previous_urls：{old!r} 不是解读的网址",
                                 "写解读以前的网址，如 doc/xzbf/2018/68/jiedu/wzjd/", rule=ID)
