"""A file one page withholds is published by no other page.

Every file of a 不予公开 or 依申请公开 document (and of its interpretations), and each attachment a 部分公开
document marks ``disclosure: 不予公开``, is checked but never copied into the site. Another page that lists the
same file would publish it all the same, at its own ``files/``: the withholding is decided by the file, not by
whichever page is read. An attachment marked 不予公开 is withheld by its bytes too: a copy of it under another
name (a folder copied for the next notice) is the same content. A withheld document's files are not: such a
document may well carry a copy of a public form, and a page that published that form first keeps it.
"""
from gongbao.content.diagnostics import Diagnostic
from gongbao.content.fields import key_line
from gongbao.content.model import Attachment, Document, published_attachments

ID = "withheld-file"


def check(ctx):
    archive, public = ctx.archive, ctx.public
    shown = {id(item) for item in (*public.documents, *public.interpretations)}
    by_path: dict[str, tuple[object, Attachment]] = {}  # a withheld file's path → the first page withholding it
    by_bytes: dict[str, tuple[object, Attachment]] = {}  # an attachment marked 不予公开: its SHA-256 → the same
    for item in (*archive.documents, *archive.interpretations):
        kept = {id(a) for a in published_attachments(item)} if id(item) in shown else set()
        for a in item.attachments:
            if id(a) not in kept:
                by_path.setdefault(a.source, (item, a))
                if id(item) in shown:
                    by_bytes.setdefault(a.sha256, (item, a))
    if not by_path:
        return
    for item in (*public.documents, *public.interpretations):
        key = "attachments" if isinstance(item, Document) else "images"
        for a in published_attachments(item):
            page, withheld = by_path.get(a.source) or by_bytes.get(a.sha256) or (None, None)
            if page is None:
                continue
            what = f"{a.source} " if withheld.source == a.source else f"{a.source} 与 {withheld.source} 内容相同（SHA-256 {a.sha256[:12]}…），而后者"
            yield Diagnostic(
                item.source.path, key_line(item.source, key),
                f"{what}{_why(page)}，不能在这里发布（会出现在本页的 files/ 下）",
                f"从 {key} 中删去它，本页要发布的附件另存一个文件（如去除不公开内容后的版本）并列出那个文件；"
                f"若这份文件其实可以公开，从 {page.source.path} 中删去它或改正其公开属性", rule=ID)


def _why(page) -> str:
    if not isinstance(page, Document):
        return f"是 {page.source.path} 的图片，该解读所解读的文件不公开"
    if page.is_public:
        return f"在 {page.source.path} 中标为不予公开的附件（disclosure: 不予公开）"
    return f"是 {page.source.path} 的附件，该文件{page.disclosure}，其附件一律不发布"
