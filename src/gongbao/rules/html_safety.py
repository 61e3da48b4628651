"""Raw HTML in a body is limited to a documented safe set; front-matter titles carry no markup.

A gazette page is cited by courts and read by the public: a script, an event handler, a
``javascript:`` or ``data:`` link, a frame, an embedded object, a form or a style trick in
content is a build error naming the file and line, never silently published or "cleaned".
Titles are printed by the theme's templates without escaping, so ``<`` and ``>`` are refused there.
"""
from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from ..diagnostics import Diagnostic

ID = "html"

SAFE_TAGS = frozenset(
    "a abbr b blockquote br caption code dd del div dl dt em figcaption figure h2 h3 h4 h5 h6 hr i img ins kbd li "
    "mark ol p pre q s small span strong sub sup table tbody td tfoot th thead time tr u ul".split())
SAFE_ATTRIBUTES = frozenset("class id title href src alt width height colspan rowspan scope lang datetime markdown".split())
SAFE_SCHEMES = ("http", "https", "mailto", "tel")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
_MD_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)")                  # [text](url) and ![alt](url)
_MD_REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)")  # [1]: url
_AUTOLINK = re.compile(r"<([a-zA-Z][a-zA-Z0-9+.\-]*:[^>\s]*)>")
_FENCE = re.compile(r"^\s*(```|~~~)")
_CODE_SPAN = re.compile(r"`[^`]*`")
HINT_TAGS = f"只能使用这些 HTML 标签：{' '.join(sorted(SAFE_TAGS))}；其他内容请用 Markdown 书写"


def unsafe_url(url: str) -> bool:
    """True for a URL whose scheme is not http(s), mailto or tel (relative URLs are fine)."""
    # entities and control characters are how javascript: hides (&#106;avascript:, java\tscript:)
    text = re.sub(r"[\x00-\x20]", "", html.unescape(url)).lower()
    match = _SCHEME.match(text)
    return bool(match) and match.group(1) not in SAFE_SCHEMES


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[tuple[int, str, str]] = []

    def handle_starttag(self, tag, attrs):
        line = self.getpos()[0]
        if tag not in SAFE_TAGS:
            self.problems.append((line, f"不允许的 HTML 标签 <{tag}>", HINT_TAGS))
            return
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append((line, f"<{tag}> 带有事件属性 {name}，不允许执行脚本", "删除该属性"))
            elif name == "style":
                self.problems.append((line, f"<{tag}> 带有 style 属性，不允许内联样式", "删除 style；版式由网站样式统一控制"))
            elif name not in SAFE_ATTRIBUTES:
                self.problems.append((line, f"<{tag}> 的属性 {name} 不在允许范围内", f"只能使用属性：{' '.join(sorted(SAFE_ATTRIBUTES))}"))
            elif name in ("href", "src") and value and unsafe_url(value):
                self.problems.append((line, f"<{tag}> 的 {name} 使用了不安全的协议：{value[:40]}", "只能链接 http、https、mailto、tel 或站内地址"))

    handle_startendtag = handle_starttag


def _text_lines(body: str):
    """(line number, text) of lines outside fenced code, with inline code spans blanked."""
    fenced = False
    for number, line in enumerate(body.split("\n"), 1):
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if not fenced:
            yield number, _CODE_SPAN.sub("``", line)


def body_problems(body: str) -> list[tuple[int, str, str]]:
    if "<" not in body and "](" not in body and "]:" not in body:
        return []  # no tag, autolink, link or link definition: nothing to find (most bodies; keeps check fast)
    lines = list(_text_lines(body))
    parser = _Tags()
    # feed line by line through one parser so positions are body lines and tags may span lines
    by_number = {n: t for n, t in lines}
    parser.feed("\n".join(by_number.get(n, "") for n in range(1, (lines[-1][0] if lines else 0) + 1)))
    parser.close()
    problems = list(parser.problems)
    for number, line in lines:
        urls = _MD_LINK.findall(line) + _AUTOLINK.findall(line)
        match = _MD_REFERENCE.match(line)
        if match:
            urls.append(match.group(1))
        for url in urls:
            if unsafe_url(url):
                problems.append((number, f"链接使用了不安全的协议：{url[:40]}", "只能链接 http、https、mailto、tel 或站内地址"))
    return problems


def check(ctx):
    items = list(ctx.archive.documents) + list(ctx.archive.interpretations) + list(ctx.archive.issues)
    for item in items:
        src = item.source
        for line, message, hint in body_problems(src.body):
            yield Diagnostic(src.path, src.body_line + line - 1, message, hint, rule=ID)
        title = getattr(item, "title", "")
        if "<" in title or ">" in title:
            yield Diagnostic(src.path, src.line_of("title"), "标题中不能含有 < 或 >", "书名号请用《》，不要写 HTML", rule=ID)
