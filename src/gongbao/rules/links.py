"""Every link and image in a body or a hand-written page points at something the site will have.

MkDocs resolves a Markdown link whose last part has a file extension (``chart.png``, ``a.md``) against
the folder of the page's *source* and, in strict mode, refuses the build when nothing is there, naming
a generated file the editor never wrote. Any other relative link (``../180/``, raw HTML ``href``) is left
to the reader's browser, which resolves it against the page's *URL*; a site-absolute one (``/doc/…``)
against the host. This rule resolves each link both ways that apply, on
the page the text appears on, and reports each target the site will not have. (A document's body is also shown
on its issue's print view, one folder deeper: as its page renders it, each link rebased to go where it goes there,
gongbao.publish.render.printed_body.)
"""
from __future__ import annotations

import functools
import html
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit, urlunsplit

from gongbao.content import redirects, urls
from gongbao.content.notes import reference_label
from gongbao.content.diagnostics import Diagnostic
from gongbao.content.handwritten import page_url
from gongbao.content.model import Document
from gongbao.identifiers.chars import holds
from gongbao.rules.html_safety import autolinks, markdown_unescaped
from gongbao.rules.nesting import fed
from gongbao.rules.hosts import WEB, as_read, host, lookalike, split_host

ID = "links"

_FENCE = re.compile(r"^\s*(```|~~~)")
_CODE_SPAN = re.compile(r"(`+).*?\1")
# [text](url "title"), ![alt](url): the URL in <…>, or up to a space or an unbalanced parenthesis
_INLINE = re.compile(r"\]\(\s*(?:<([^<>\n]*)>|((?:[^\s()]|\([^\s()]*\))+))")
# [id]: url, also inside block quotes and list items
# after the markers of quotes and list items, each its blanks before it: "- " 30 times, the blanks read two ways at each,
# were minutes of backtracking before a link on the line
_DEFINITION = re.compile(r"^(?:[ \t]*(?:>|[-*+]|\d+[.)]))*[ \t]*\[[^\]]+\]:\s*(?:<([^<>\n]*)>|(\S+))")
# attribute lists can set href/src on a link or an image: {: href="…" }
_ATTR_LIST = re.compile(r"\{:?[^{}\n]*\}")
_ATTR_URL = re.compile(r"""\b(href|src)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'}]+))""")


@dataclass(frozen=True)
class Link:
    line: int        # in the text
    url: str
    markdown: bool   # a Markdown link, image, definition or attribute list: MkDocs sees it; raw HTML it does not
    image: bool = False  # the address of an image (![…](…), a definition an image names, src=): shown on the page


def links(text: str) -> list[Link]:
    """Every link and image URL of Markdown text outside code, with its line."""
    if not (holds(text, "](") or holds(text, "]:") or holds(text, "<") or holds(text, "{")):
        return []  # most bodies: nothing to find
    lines = dict(_prose(text))
    pictured = _image_labels(lines.values()) if holds(text, "]:") else frozenset()
    found = []
    for number, line in lines.items():
        if not ("](" in line or "]:" in line or "{" in line or "<" in line):
            continue  # no pattern below can match: most lines of a body that has a link (a third of a ms a body)
        urls_ = [(m[1] or m[2] or "", _opens_image(line, m.start())) for m in _INLINE.finditer(line)]
        definition = _DEFINITION.match(line)
        if definition:
            label = reference_label(_LABEL.search(definition.group(0))[1])
            urls_.append((definition.group(2) if definition.group(1) is None else definition.group(1),  # <> is ""
                          label in pictured))
        for attributes in _ATTR_LIST.findall(line):
            urls_ += [("".join(groups), name == "src") for name, *groups in _ATTR_URL.findall(attributes)]
        urls_ += [(url, False) for _, _, url in autolinks(line)]  # <https://…>: a link, as [文字](https://…)
        # Markdown writes a character reference into the address as it is, which the browser reads (&#46; is .)
        found += [Link(number, html.unescape(markdown_unescaped(url)), True, image) for url, image in urls_]
    if not holds(text, "<"):
        return found  # no tag
    parser = _HtmlUrls()
    fed(parser, "\n".join(lines.get(n, "") for n in range(1, max(lines, default=0) + 1)))  # unreadable: html_safety's
    return found + [Link(number, url, False, image) for number, url, image in parser.found]


_LABEL = re.compile(r"\[([^\]]+)\]:")
_IMAGE_REFERENCE = re.compile(r"!\[([^\]]*)\](?!\()(?:[ ]?\[([^\]]*)\])?")  # ![alt][label], ![label][], ![label]


def _image_labels(lines) -> frozenset[str]:
    """The labels images name (![图][label], ![label][], ![label]): a definition of one is an image's address. A label a
    link names too is counted: its address is shown as an image all the same."""
    return frozenset(reference_label(m[2] or m[1]) for line in lines for m in _IMAGE_REFERENCE.finditer(line))


def _opens_image(line: str, close: int) -> bool:
    """Whether the "]" at ``close`` ends an image's text (![…]), its "[" found by counting brackets back: the outer link
    of [![图](a.png)](b/) is no image, its inner one is."""
    depth = 0
    for at in range(close - 1, -1, -1):
        if line[at] == "]":
            depth += 1
        elif line[at] == "[":
            if not depth:
                return at > 0 and line[at - 1] == "!"
            depth -= 1
    return False


def _prose(text: str):
    """(line number, line) outside fenced code, with inline code blanked."""
    fenced, fences, code = False, holds(text, "```") or holds(text, "~~~"), holds(text, "`")
    for number, line in enumerate(text.split("\n"), 1):
        if fences and _FENCE.match(line):
            fenced = not fenced
        elif not fenced:
            yield number, _CODE_SPAN.sub("``", line) if code and "`" in line else line


class _HtmlUrls(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str, bool]] = []

    def handle_starttag(self, tag, attrs):
        self.found += [(self.getpos()[0], value, name == "src") for name, value in attrs if name in ("href", "src") and value]

    handle_startendtag = handle_starttag


@dataclass(frozen=True)
class Where:
    """A page a text is rendered on: its URL, and the Markdown source MkDocs resolves its links against."""

    url: str
    source: str


OUTSIDE, SERVED, SOURCE = "outside", "served", "source"  # how a link's target is found (``_target``)


def _target(link: Link, page: Where, base: str) -> tuple[str, str] | None:
    """Where ``link`` leads from ``page``: (the site path, normalised, without a leading slash, and SERVED when a
    browser finds it at that path, SOURCE when MkDocs resolves it as a file of its sources), or (what it names, OUTSIDE)
    when it leaves the site (above its root, outside its base, no address a browser reads); None when it is external
    or stays on the page (#anchor, ?query)."""
    try:
        parts = urlsplit(as_read(link.url))
    except ValueError:  # a host no browser reads ("http://[x"): the link leads nowhere
        return link.url.strip(), OUTSIDE
    path = unquote(parts.path)
    if parts.scheme or parts.netloc or not path:
        return None  # external (unsafe schemes are the html rule's), or only #anchor / ?query on the same page
    if link.markdown and not path.startswith("/") and posixpath.splitext(path)[1]:
        return _normal(posixpath.join(posixpath.dirname(page.source), path), SOURCE)
    return _served(path, page.url, base)


def _served(path: str, page_url: str, base: str) -> tuple[str, str]:
    """Where a browser fetches the (decoded) ``path`` of an address on the page at ``page_url``, as ``_target`` gives it."""
    if path.startswith("/"):
        return _normal(path[len(base):], SERVED) if path.startswith(base) else (path, OUTSIDE)
    return _normal(posixpath.join(page_url, path), SERVED)


def served_path(url: str, page_url: str, site_url: str) -> str | None:
    """The site path (without a leading slash) a browser fetches for the address ``url`` of a page at ``page_url``, as
    a rendered page holds it (MkDocs has made its Markdown links addresses), also one naming the site's own host
    (``on_site``); None when it leaves the site or the page."""
    target = _resolved(Link(0, url, False), Where(page_url, ""), site_url)[0]
    return target[0] if target is not None and target[1] == SERVED else None


def on_site(url: str, site_url: str) -> str:
    """``url`` as the path a browser fetches from the site's own host when the address names it (site.url's host, in
    any case, full-width, with its port or a final dot, http or https: https://example.gov.cn/assets/logo.png,
    //example.gov.cn/…, https:\\\\example.gov.cn\\…), or a scheme the page's own followed by no host, which a browser
    reads as a path on the page's host (https:../../assets/logo.png); else ``url`` as a browser reads it (``hosts.as_read``)."""
    url, (scheme, own) = as_read(url), _site(site_url)
    web = WEB.fullmatch(url)
    if web and web[1].lower() == scheme and not web[2].startswith("//"):
        return web[2]  # the page's own scheme and no host: a path of the page's host
    named = split_host(url)  # None: no host, or one no browser reads (the link leads nowhere)
    if named is None or named[1] != own:
        return url
    parts = named[0]
    return urlunsplit(("", "", parts.path or "/", parts.query, parts.fragment))


@functools.lru_cache(maxsize=8)  # one site a check: split once, not for each of a link's three readings
def _site(site_url: str) -> tuple[str, tuple[str, int | None]]:
    """The scheme and the host (``host``) of site.url."""
    site = urlsplit(site_url)
    return site.scheme, host(site)


def _normal(path: str, how: str) -> tuple[str, str]:
    folder = path.endswith("/")
    normal = posixpath.normpath(path).lstrip("/")
    normal = "" if normal == "." else normal + ("/" if folder and normal else "")
    if normal.startswith("../") or normal == "..":
        return "/" + normal, OUTSIDE  # above the site's root
    return normal, how


def missing(link: Link, page: Where, site, site_url: str) -> str | None:
    """The site path ``link`` leads to from ``page`` when the site will not have it, else None: also by an address
    naming the site's host (``on_site``: an editor pastes https://<the site>/doc/… as often as /doc/…), but for one
    outside the site's folder there (the host's other pages: a portal the gazette is served under)."""
    target, named = _resolved(link, page, site_url)
    if target is None:
        return None
    path, how = target
    if how == OUTSIDE:
        return None if named else path
    return None if (site.served if how == SERVED else site.source)(path) else "/" + path


def fragment_of(link: Link, page: Where, site_url: str) -> tuple[str, str] | None:
    """(the URL of the site's page, doc/xzbf/2018/68/, and the fragment as written, art%2D5) ``link`` goes to from
    ``page`` when its address names a page of the site (by path, relative, or by the site's host, as ``missing`` reads
    it: /doc/xzbf/2018/68/#art-5, ../68/index.html#art-5, a.md#x) and a fragment; None otherwise (no fragment, external,
    a file, only #art-5: that is the page's own, html_safety's)."""
    fragment = urlsplit(as_read(on_site(link.url, site_url))).fragment if holds(link.url, "#") else ""
    target = _resolved(link, page, site_url)[0] if fragment else None
    if target is None or target[1] == OUTSIDE:
        return None
    path, how = target
    if how == SOURCE:
        return (page_url(path), fragment) if path.endswith(".md") else None
    if posixpath.splitext(folder := path.removesuffix("index.html").rstrip("/"))[1]:
        return None  # a file (files/附件1.pdf#page=2): no page's ids
    return (f"{folder}/" if folder else ""), fragment


def own_file(link: Link, page: Where, own: frozenset[str], site_url: str) -> str | None:
    """The site path ``link`` leads to from ``page`` when it is one of the site's ``own`` files (content/'s logo…, by
    path; a file of content/ is served at its src_uri), also by an address naming the site's host (``on_site``), else
    None."""
    target = _resolved(link, page, site_url)[0]
    return "/" + target[0] if target is not None and target[1] != OUTSIDE and target[0] in own else None


# The links rule reads each link on each page up to three ways (missing, own_file, _foreign), in turn: one reading
# serves them (of 1.9 s for 21,846 links on 10,000 documents with tables and links, 1.3 were on_site's)
@functools.lru_cache(maxsize=64)
def _resolved(link: Link, page: Where, site_url: str) -> tuple[tuple[str, str] | None, bool]:
    """``_target`` of ``link``, its address read as a path of the site's host where it names that host (``on_site``),
    and whether it did: MkDocs leaves such an address as written, so the browser resolves it, not MkDocs from the
    source's folder."""
    address = on_site(link.url, site_url)
    named = address != as_read(link.url)
    here = Link(link.line, address, link.markdown and not named) if named else link
    return _target(here, page, urls.site_base(site_url)), named


def _where(url: str) -> Where:
    return Where(url, urls.source_uri(url))


def _message(url: str, misses: list[tuple[Where, str]]) -> str:
    where = "；".join(f"在本页 /{w.url} 上指向 {target}" for w, target in misses)
    return f"链接指向不存在的页面或文件：{url}（{where}）"


def _hint(base: str) -> str:
    return (f"站内页面请写从网站根目录起的永久网址，如 {base}doc/xzbf/2018/68/；附件和图片在所属页面 front matter 的 "
            f"attachments 或 images 中列出，发布在该页网址下，如 {base}doc/xzbf/2018/68/files/附件1.pdf；外部网址写完整的 https://…")


def _alias_hint(target: str, base: str) -> str | None:
    """A number alias in another spelling: only the canonical one has a page (render.redirect_pages)."""
    try:
        number = redirects.parse_alias(target[len(base):] if target.startswith(base) else target.lstrip("/"))
    except ValueError:
        return None
    return (f"文号别名只有规范写法一个页面，其他写法要靠浏览器脚本转到：写 {base}{redirects.alias_url(str(number))}，"
            "或文件的永久网址（如 /doc/xzbf/2018/68/）")


def _report(path: str, file_line: Callable[[int], int], found: list[Link], pages: list[Where], ctx,
            own: frozenset[str] = frozenset(), instead: str = ""):
    """``file_line``: the line of the file of a line of the text the links were found in; ``own``: the site's own files a
    published text may not show, ``instead`` saying what it does instead; a text given it (one a lock holds) shows as an
    image no file of another page either (foreign_file)."""
    base = urls.site_base(ctx.settings.site_url)
    for link in found:
        if deceiving := lookalike(link.url):
            yield Diagnostic(path, file_line(link.line), *deceiving, rule=ID)
        misses = [(page, target) for page in pages if (target := missing(link, page, ctx.site, ctx.settings.site_url))]
        if misses:
            hint = _alias_hint(misses[0][1], base) or _hint(base)
            yield Diagnostic(path, file_line(link.line), _message(link.url[:80], misses), hint, rule=ID)
        elif shown := next((target for page in pages
                            if (target := own_file(link, page, own, ctx.settings.site_url))), None):
            yield Diagnostic(path, file_line(link.line), own_file_message(shown),
                             f"{instead}；网站标识等网站自己的文件只由网站模板显示", rule=ID)
        elif instead and link.image and (shown := next((target for page in pages
                                                       if (target := _foreign(link, page, ctx.settings.site_url))), None)):
            yield Diagnostic(path, file_line(link.line), foreign_image_message(shown), instead, rule=ID)


def _foreign(link: Link, page: Where, site_url: str) -> str | None:
    """The site path an image ``link`` on ``page`` shows when it is a file of the site not the page's own (foreign_file)."""
    target = _resolved(link, page, site_url)[0]
    return "/" + target[0] if target is not None and target[1] != OUTSIDE and foreign_file(target[0], page.url) else None


def foreign_file(path: str, page_url: str) -> bool:
    """Whether the site path ``path`` an image of the page at ``page_url`` shows is a file of another page: in the
    ``files/`` folder a page publishes its attachments and images in, not this page's own (``<page URL>files/``). It
    changes with that page's 勘误, not this one's. (A path the site does not have is told missing, by MkDocs too.)"""
    return "/files/" in "/" + path and not path.startswith(page_url + "files/")


def foreign_image_message(shown: str) -> str:
    """What is wrong with a published text showing ``shown``, a file of the site that is not its page's own, as an image."""
    return (f"图片显示的是别的页面的文件 {shown}：本页的锁定记录不包含它，那个页面带着自己的勘误换掉它，"
            "已发布的本页就显示别的内容，本页却没有勘误")


def own_file_message(shown: str) -> str:
    """What is wrong with a published text that shows (or links to) ``shown``, one of the site's own files."""
    return (f"图片或链接指向网站自己的文件 {shown}：它不属于本页，gazette.lock.json 不记录它，"
            "换掉这个文件，已发布的页面就显示别的内容，检查却不会发现")


def declare(key: str) -> str:
    return f"把它作为本页的文件列在 front matter 的 {key} 中（发布在本页网址的 files/ 下，并锁定），再指向那里"


def _pages_of(item, codes) -> list[Where]:
    """The page a body is rendered on; none until its issuer has a code (the issuer rule says so)."""
    try:
        return [_where(urls.document(item, codes) if isinstance(item, Document) else urls.interpretation(item, codes))]
    except KeyError:
        return []


def texts(ctx):
    """(file, the line of the file of a line of the text, its links, the pages it is shown on, and what it does instead
    of showing a file of the site's own: None for a page of content/, which may) of each published text that has links;
    none when gazette.yml leaves the pages and the address links are judged against unsure (it says so)."""
    if ctx.settings.unsure("issuer_codes", "site") or ctx.settings.unread_codes:
        return
    public = ctx.public
    for item in public.documents + public.interpretations:
        if found := ctx.links_of(item):  # most bodies link nowhere: their pages' URLs are not made
            yield (item.source.path, item.source.file_line, found, _pages_of(item, ctx.settings.issuer_codes),
                   declare("attachments" if isinstance(item, Document) else "images"))
    for item, url in urls.participation_texts(public):
        if found := links(item.source.body):
            yield item.source.path, item.source.file_line, found, [_where(url)], \
                "删去它：征求意见稿、起草说明和意见采纳情况不附文件，要说明的写进正文"
    for page in ctx.handwritten.pages:
        if found := links(page.text):
            yield page.path, page.file_line, found, [Where(page.url, page.uri)], None


def check(ctx):
    # what content/ publishes as it is (the footer's logo…): no lock holds it, so no published text may show it
    own = frozenset(uri for uri in ctx.handwritten.files if not uri.endswith(".md")) - {u for _, u in ctx.handwritten.joined}
    for path, file_line, found, pages, instead in ctx.linked:
        yield from _report(path, file_line, found, pages, ctx, *((own, instead) if instead is not None else ()))
