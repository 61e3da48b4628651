"""What MkDocs warns about in the hand-written part of the site, which its strict mode makes a failed build:
a nav entry naming no page, and a README.md beside an index.md (both would be the folder's page).

And what MkDocs copies without complaint but no check reads: every file of ``content/`` that is not a page is
published byte for byte, unchecked and unlocked — one a browser opens as a document (``evil.html``, an SVG with
a ``<script>``) on the site's origin and without the templates' Content-Security-Policy. So ``content/`` holds
pages and the site's own files that ``mkdocs.yml`` (stylesheets, scripts, logo) or ``gazette.yml``
(``footer.gov_logo``) names; an attachment or image is declared by its page instead (gongbao.content.attachments),
where it is checked, hashed and locked.

Nor may a hand-written file stand where the build writes its own (``GENERATED_ROOTS``, or a page among the assets): a
page at a document's permanent URL before the document (then replaced by it, unsaid), or one whose folder is where a
generated file goes (content/assets/javascripts/gb-site.js/index.md, content/robots.txt/index.md: MkDocs' traceback).
And each stylesheet and script mkdocs.yml names is in content/: the build joins them (gongbao.publish.joined_assets).
Every name is one a reader reads as it looks (gongbao.identifiers.filenames): no ``content/dоc/`` in Cyrillic."""
from __future__ import annotations

import posixpath
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from gongbao.content.diagnostics import Diagnostic
from gongbao.content.handwritten import DOCS_DIR, MKDOCS_YML, THEME_DIR, page_url
from gongbao.content.urls import GENERATED_ROOTS
from gongbao.identifiers import filenames

ID = "site-files"
# what a browser renders as a page of the site, scripts included, when the file is opened directly
DOCUMENT_SUFFIXES = frozenset((".htm", ".html", ".shtml", ".xhtml", ".xht", ".svg", ".svgz", ".xml", ".xsl", ".xslt",
                               ".mht", ".mhtml"))


def check(ctx):
    for path in ctx.handwritten.theme_files:
        yield Diagnostic(path, 1, f"{THEME_DIR}/ 中的 {path.removeprefix(THEME_DIR + '/')} 不是主题模板，会不经检查地原样发布到网站",
                         f"{THEME_DIR}/ 只放主题模板（.html）和图标（{THEME_DIR}/.icons/）；网站自己的样式和脚本放在 {DOCS_DIR}/ 中，"
                         "并在 mkdocs.yml 的 extra_css、extra_javascript 中列出", rule=ID)
    for line, ref in ctx.handwritten.nav:
        parts = urlsplit(ref)
        if parts.scheme or parts.netloc or ref.startswith("/"):
            continue  # an external or absolute link in the nav: MkDocs leaves it as it is
        if not ctx.site.source(PurePosixPath(ref).as_posix()):
            yield Diagnostic(MKDOCS_YML, line, f"导航（nav）中的页面 {ref} 不存在",
                             f"在 {DOCS_DIR}/ 中建立 {ref}，或从 mkdocs.yml 的 nav 中删去这一项", rule=ID)
    joined = set()
    for line, uri in ctx.handwritten.joined:  # the build joins them: one missing, or one named twice, was its traceback
        if uri not in ctx.handwritten.files:
            yield Diagnostic(MKDOCS_YML, line, f"mkdocs.yml 列出的网站样式或脚本 {uri} 不在 {DOCS_DIR}/ 中",
                             f"在 {DOCS_DIR}/ 中放回 {uri}，或从 mkdocs.yml 的 extra_css、extra_javascript 中删去这一项", rule=ID)
        elif uri in joined:
            yield Diagnostic(MKDOCS_YML, line, f"mkdocs.yml 再次列出网站样式或脚本 {uri}",
                             "extra_css、extra_javascript 中每个文件只列一次：删去这一项", rule=ID)
        joined.add(uri)
    at_url: dict[str, str] = {}  # the first page published at each URL
    for uri in sorted(ctx.handwritten.files):
        folder, name = posixpath.split(uri)
        suffix = PurePosixPath(name).suffix.lower()
        # a page as MkDocs (and handwritten.load, which checks it) tells one: by its exact suffix; notes.MD is copied
        # byte for byte, its script and withholding marks unread
        page = name.endswith(".md")
        at = page_url(uri) if page else uri  # where it is published
        top = _root(at)
        odd = next(filter(None, map(filenames.strange, uri.split("/"))), None)
        if odd:
            yield Diagnostic(f"{DOCS_DIR}/{uri}", 1, f"{DOCS_DIR}/{uri} 的名称含有字符 {odd}：发布后的网址看起来与它实际的不同"
                             "（如西里尔字母 о 冒充拉丁字母 o，看不见的空格）", "文件名和文件夹名只用汉字、英文字母、数字、- 和 _，"
                             "扩展名前用 .：改名", rule=ID)
        if suffix in DOCUMENT_SUFFIXES:
            yield Diagnostic(f"{DOCS_DIR}/{uri}", 1, f"{DOCS_DIR}/ 中的 {suffix} 文件会原样发布为本站网页，不经过任何检查，其中的脚本会在本站运行",
                             "页面写成 Markdown（.md）；图片用 PNG 或 JPEG；确需提供的原件转成 PDF", rule=ID)
        elif (not page and not ctx.handwritten.mkdocs_unread  # else each of its stylesheets would be "unlisted" too
              and uri not in ctx.handwritten.assets and uri != ctx.settings.footer.get("gov_logo")):
            yield Diagnostic(f"{DOCS_DIR}/{uri}", 1, f"{DOCS_DIR}/ 中的文件 {name} 会不经检查、不入锁定文件地原样发布",
                             "附件写进所属文件 front matter 的 attachments，图解的图片写进解读的 images"
                             "（见 docs/content-contract.md）；网站自己的样式和脚本在 mkdocs.yml 的 extra_css、extra_javascript 中列出",
                             rule=ID)
        elif top in GENERATED_ROOTS or top == "assets" and page:  # among the assets: a folder where the joined go
            where = "网站自己的样式和脚本所在，不放网页" if top == "assets" else "网站生成的网页和文件所在"
            yield Diagnostic(f"{DOCS_DIR}/{uri}", 1, f"{DOCS_DIR}/{uri} 会发布在 {at}，而 {top} 是{where}",
                             f"手写页面放在别的文件夹（如 {DOCS_DIR}/about.md）；公报文件、解读写进 gazette/、interpretations/",
                             rule=ID)
        # MkDocs sees two pages at one URL only within a folder (README.md, index.md); about.md and about/index.md
        # were both written to about/index.html, the second silently over the first. Compared as a case-insensitive
        # host stores them (macOS, Windows: About.md and about/index.md are one file there), as the roots are.
        other = at_url.setdefault(at.lower(), uri) if page else uri
        if other != uri and not (posixpath.dirname(other) == folder and page_url(other) == at):
            yield Diagnostic(f"{DOCS_DIR}/{uri}", 1, f"{DOCS_DIR}/{uri} 与 {DOCS_DIR}/{other} 都会发布在 /{at}"
                             f"{'' if page_url(other) == at else '（不区分大小写的主机上）'}，"
                             "生成时后写的会覆盖先写的", "删去其中一个，或给它改个文件名", rule=ID)
        if name == "README.md" and posixpath.join(folder, "index.md") in ctx.handwritten.files:
            yield Diagnostic(f"{DOCS_DIR}/{uri}", 1, "README.md 与同一文件夹中的 index.md 是同一个网页，生成时会被排除",
                             "把内容并入 index.md 后删除 README.md，或给它改个文件名", rule=ID)


def _root(at: str) -> str:
    """A published path's first part as a host may store it: a case-insensitive file system (macOS, Windows) wrote
    content/Doc/xzbf/2018/68.md over the document's page, and Windows also drops a name's trailing dots and spaces."""
    return at.split("/")[0].rstrip(". ").lower()
