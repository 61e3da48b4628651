"""A link of a text to an id its page writes around it (html_safety.around_body: [见解读](#gb-jd), the title's id) goes
where the page has that id: whether it does depends on other files (an interpretation gives a document its 政策解读
section, a later document its 相关文件), so the rule reads the page the build makes of it (Context.page_ids), and tells
a link to one it lacks as html_safety tells any other, at the link's line; the rendered check tells it of the page.

So does a link to an id of another page of the site ([第五条](/doc/xzbf/2018/68/#art-5), ../68/#art-9,
explanation/#sec-9; as rules.links resolves it, whose page must exist): the pinpoint citation of a court. That page's
ids are read of the page the build makes of it (Context.page_ids), made only for the pages some link names an id of
that is not an anchor of its text's numbered lines (most citations: art-5, sec-1-2, read of the text alone): a
document's, an interpretation's, a participation text's, an issue's or a page of content/. The other pages the build
generates (listings, catalogues, the print view, redirects) are not read: their ids are the project's own, not a
citation's, and making them would cost a listing's rendering each (the rendered check of a whole build tells them).
A link to an id through an earlier URL or a number's alias (wh/…) is refused: without JavaScript its redirect page (a
meta refresh, on hosts without rules) goes to the page without the id (gb-redirect.js carries it, and only a script
can), and the number resolver is a script; the reader lands at the page's top. The permanent URL needs neither."""
from __future__ import annotations

from urllib.parse import unquote

from gongbao.content import body_markdown, handwritten, redirects, urls
from gongbao.content.diagnostics import Diagnostic
from gongbao.content.model import Document, Interpretation
from gongbao.content.participation import Draft, Explanation, Feedback
from gongbao.rules import html_safety
from gongbao.rules.html_safety import around_body, link_target, missing_elsewhere, missing_target
from gongbao.rules.links import fragment_of, links

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
    yield from elsewhere(ctx)
    yield from through_redirect(ctx)


def through_redirect(ctx):
    """Each link to an id through an earlier URL or a number's alias (module docstring), with the permanent URL to link."""
    earlier, base = None, urls.site_base(ctx.settings.site_url)
    for path, file_line, link, page, fragment in _cited(ctx):
        if earlier is None:  # planned for the first such link: most archives have none
            earlier = ctx.redirects[0] | redirects.aliases(ctx.archive, ctx.settings.issuer_codes)
        if page in earlier or page.startswith(redirects.ALIASES):
            target = earlier[page].target if page in earlier else None
            yield Diagnostic(path, file_line(link.line),
                             f"链接 {link.url} 经由转向网址 /{page} 指向 #{fragment}：浏览器不运行脚本时，转向页只转到页面本身"
                             "（文号解析本身就是脚本），读者落在页面开头，而不是这一处",
                             f"直接链接永久网址{f'：{base}{target}#{fragment}' if target else '（文件页面上“引用”按钮给出的网址）加 #' + fragment}",
                             rule=ID)


def elsewhere(ctx):
    """Each link to an id of a page of the site (``fragment_of``) that the page the build makes will not have."""
    anchors, ids, base = {}, {}, urls.site_base(ctx.settings.site_url)  # by the page's URL, each made once
    for path, file_line, link, page, fragment, target in _linked(ctx):
        if page not in anchors:
            anchors[page] = _anchors(target)
        if missing_target(unquote(fragment), anchors[page], "#" + fragment) is None:
            continue  # an anchor of its numbered lines, which the page writes: not made (a page, 11 ms; its anchors, 0.3)
        if page not in ids:
            ids[page] = ctx.page_ids(target)
        if ids[page] is not None and (problem := missing_elsewhere(link.url, base + page, fragment, ids[page])):
            yield Diagnostic(path, file_line(link.line), *problem, rule=ID)


def _anchors(target) -> frozenset[str]:
    """The anchors the rendering of the official numbered lines (第五条 art-5, 一、 sec-1) of the text a page shows
    writes on it (body_markdown.generated, as html_safety reads them), without making the page; none for an issue or a
    page of content/, which MkDocs renders as written, nor for a text with a tag: a numbered line in a raw HTML block
    (<div>, <details>…) is passed on as it is, without its id, so such a page is made."""
    if not isinstance(target, (Document, Interpretation, Draft, Explanation, Feedback)) or "<" in target.source.body:
        return frozenset()
    return frozenset(value for _, name, value in body_markdown.generated(target.source.body) if name == "id")


def anchored(ctx) -> frozenset[str]:
    """The files whose pages a link names an id of: what ``elsewhere`` finds depends on their bodies (a check that
    keeps the cross-document findings, gongbao.publish.crosskept, runs the rules again when one of them changed)."""
    return frozenset(target.path if isinstance(target, handwritten.Page) else target.source.path
                     for *_, target in _linked(ctx))


def _linked(ctx):
    """(file, its line of a text's line, link, the URL of the page it goes to, the fragment as written, what makes
    that page) of each link of a published text to an id of a page ``Context.page_ids`` makes."""
    pages = None
    for path, file_line, link, page, fragment in _cited(ctx):
        if pages is None:  # made for the first such link: most archives have none
            pages = _pages(ctx)
        if (target := pages.get(page)) is not None:
            yield path, file_line, link, page, fragment, target


def _cited(ctx):
    """(file, its line of a text's line, link, the URL of the site's page it goes to, the fragment as written) of each
    link of a published text to an id of another page (``fragment_of``)."""
    for path, file_line, found, shown_on, _ in ctx.linked:
        for link in found:
            # on the first page a text is shown on: a document's body on its issue's print view goes the same way
            if shown_on and (named := fragment_of(link, shown_on[0], ctx.settings.site_url)) is not None:
                yield path, file_line, link, *named


def _pages(ctx) -> dict:
    """The pages ``Context.page_ids`` makes, by URL: the lock's (documents, interpretations, issues, participation
    texts) and content/'s."""
    try:
        made = dict(ctx.locked_pages)
    except KeyError:  # an issuer without a code: no page has its URL (the issuer rule says so)
        made = {}
    return made | {page.url: page for page in ctx.handwritten.pages}
