"""mkdocs.yml says how the site is built; the theme prints some of it into every page, unescaped, where the check of
the published body does not look. A nav title ``政策解读<img src=x onerror=…>``, a ``repo_url`` or a
``site_description`` closing its attribute, a ``<meta http-equiv=refresh>`` sending every reader elsewhere, a nav entry
``javascript:…`` linked from every page: each was in every page of a build that passed. So mkdocs.yml holds only the
keys the project ships (what a reader sees — the site's name, address and footer — is gazette.yml's, checked there),
and what the theme prints of it is plain text: a nav title or site_name as a page's title, a nav link one content may
write, a value under ``theme`` a name, colour or path.

Whoever edits mkdocs.yml can still name hooks (files of hooks/, reviewed with the commit) and Python tags, which run at
build time: it is reviewed as code is."""
from __future__ import annotations

import re

from gongbao.content.diagnostics import Diagnostic
from gongbao.content.handwritten import DOCS_DIR, MKDOCS_YML
from gongbao.identifiers import chars
from gongbao.rules import handwritten_pages
from gongbao.rules.html_safety import HINT_URL, unsafe_url

ID = "mkdocs-yml"
KEYS = frozenset({"site_name", "site_url", "docs_dir", "site_dir", "use_directory_urls", "exclude_docs", "strict",
                  "theme", "hooks", "plugins", "markdown_extensions", "extra_css", "extra_javascript", "nav",
                  "validation"})
_THEME_VALUE = re.compile(r"[A-Za-z0-9_.:/#-]*")  # material, zh, gb/menu, navigation.instant, #1f4e79
_ELSEWHERE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:|//")  # https://…, //host/…


def check(ctx):
    for line, key in ctx.handwritten.keys:
        if key not in KEYS:
            yield Diagnostic(MKDOCS_YML, line, f"mkdocs.yml 不能有 {key}（主题会把它原样印进每个页面，或它不属于本项目的构建设置）",
                             "网站名称、地址、页脚写在 gazette.yml 中；删去这一项。mkdocs.yml 只能有："
                             + "、".join(sorted(KEYS)), rule=ID)
    for line, where, text in ctx.handwritten.printed:
        if where == "theme":
            if not _THEME_VALUE.fullmatch(text):
                yield Diagnostic(MKDOCS_YML, line, f"theme 的设置值{chars.quoted(text)}不是名称、颜色或路径",
                                 "只写字母、数字和 . _ - / : #（如 material、zh、gb/menu）", rule=ID)
            elif _ELSEWHERE.match(text):  # a favicon or logo the theme links from that host on every page
                yield Diagnostic(MKDOCS_YML, line, f"theme 的设置值{chars.quoted(text)}指向其他网站，每个页面都会从那里加载它，而本站不连接其他网站",
                                 f"把文件放进 {DOCS_DIR}/，写它在其中的路径（如 assets/favicon.png）", rule=ID)
            continue
        for _, message, hint in handwritten_pages.title_problems(text, f"mkdocs.yml 的 {where} 标题"):
            yield Diagnostic(MKDOCS_YML, line, message, hint, rule=ID)
    for line, ref in ctx.handwritten.nav:  # the theme links it from every page as written, where no page check looks
        if unsafe_url(ref):
            yield Diagnostic(MKDOCS_YML, line, f"导航（nav）中的链接{chars.quoted(chars.clipped(ref, 40))}使用了不安全的协议", HINT_URL, rule=ID)
