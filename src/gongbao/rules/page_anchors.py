"""A link of a text to an id its page writes around it (html_safety.around_body: [见解读](#gb-jd), the title's id) goes
where the page has that id: whether it does depends on other files (an interpretation gives a document its 政策解读
section, a later document its 相关文件), so the rule reads the page the build makes of it (Context.page_ids), and tells
a link to one it lacks as html_safety tells any other, at the link's line; the rendered check tells it of the page."""
from __future__ import annotations

from gongbao.content import urls
from gongbao.content.diagnostics import Diagnostic
from gongbao.rules import html_safety
from gongbao.rules.html_safety import around_body, link_target, missing_target
from gongbao.rules.links import links

ID = html_safety.ID


def check(ctx):
    public = ctx.public
    texts = [(item, ctx.links_of(item)) for item in public.documents + public.interpretations]
    texts += [(item, links(item.source.body)) for item, _ in urls.participation_texts(public)]
    for item, found in texts:
        around = {}
        for link in found:
            if (target := link_target(link.url)) is not None and around_body(target, item.title):
                around.setdefault(target, link.line)
        if not around or (ids := ctx.page_ids(item)) is None:
            continue
        for target, line in around.items():
            if problem := missing_target(target, ids):
                yield Diagnostic(item.source.path, item.source.file_line(line), *problem, rule=ID)
