"""Hand-written pages (``content/*.md``) are published whole: MkDocs reads them, not the loader.

So nothing the loader takes out of a body may be in one: a withholding mark or a look-alike of one
would be published as text, and so would an editor's note (an HTML comment). Their HTML, links and
ids get the same source rules as bodies, so ``gongbao check`` refuses first what the rendered check
of the build (``gongbao.publish.rendered_html``) would refuse.
"""
from __future__ import annotations

import re

import yaml

from gongbao.identifiers import chars
from gongbao.content import lookalikes, notes, redaction
from gongbao.content.diagnostics import Diagnostic, Lines
from gongbao.content.yamlread import described, hint as yaml_hint, load_yaml, located
from gongbao.rules import anchor_ids, body_warnings, html_safety, link_text, nesting, table_cells
from gongbao.rules.rendering import HANDWRITTEN

ID = "handwritten"
MARK_HINT = "手写页面整页公开，不能含不予公开的内容：删除这段文字，或把它写进公报文件并标为部分公开"
NOTE_HINT = "手写页面中的注释会原样发布：删除 <!-- … -->"
# What a hand-written page's front matter may say. The templates print the page's meta into the chrome, where the
# check of the published body does not look (gb_lang went unescaped into <html lang>), and the build's own pages
# set the gb_* keys: an allow-list, not a list of the keys known to be dangerous.
FRONT_KEYS = ("title", "hide")
HIDE = frozenset({"navigation", "toc", "footer", "path", "tags", "feedback"})  # Material's
FRONT_HINT = "手写页面的 front matter 只能写 title（纯文字标题）和 hide（navigation、toc、footer、path 的列表）"
# Without --- front matter, MkDocs reads a page's first lines as MultiMarkdown meta-data, into the page's meta as front
# matter is (mkdocs.utils.meta.get_data: "key: value" lines up to the first blank one), past the allow-list above and
# out of the text the rules read: "gb_lang: zh" hidden="hidden" put hidden on <html>, "gb_kind: document" a document's
# <meta> tags on the page. Its first line by MkDocs' own pattern (the domain does not import MkDocs).
_MULTIMARKDOWN_META = re.compile(r"[ ]{0,3}[A-Za-z0-9_-]+:")


def problems(text: str) -> list[tuple[int, str, str]]:
    """(line, message, hint) in the page's text."""
    lines = Lines(text)
    found = _as_written(text, lines, "手写页面")
    stripped, hidden, _ = notes.strip(text)
    found += [(p.line, p.message, p.hint) for p in hidden]
    if stripped != text:
        found += [(line, "手写页面中有注释（<!-- … -->），会随页面发布", NOTE_HINT)
                  for line in _comment_lines(text, lines)]
    found += nesting.problems(text) + html_safety.body_problems(text, HANDWRITTEN) + table_cells.problems(text, HANDWRITTEN)
    found += [(line, message.format(value), hint) for line, value, (message, hint) in anchor_ids.problems(text)]
    return found


def front_problems(front: str) -> list[tuple[int, str, str]]:
    """(line of the front matter, message, hint): what it may not say."""
    try:
        node, meta = load_yaml(front)
    except yaml.YAMLError as exc:
        line, problem = located(exc, front)
        return [(line, f"front matter 不是有效的 YAML：{problem}", yaml_hint(exc, FRONT_HINT))]
    if meta in (None, {}):
        return []
    if not isinstance(meta, dict):
        return [(1, "front matter 应为 key: value 形式", FRONT_HINT)]
    lines = {str(key.value): key.start_mark.line + 1 for key, _ in node.value}
    found = [(lines.get(str(key), 1), f"手写页面的 front matter 不能有 {key}", FRONT_HINT)
             for key in meta if key not in FRONT_KEYS]
    hide = meta.get("hide", [])
    if not isinstance(hide, list) or not all(isinstance(h, str) and h in HIDE for h in hide):
        wrong = "、".join(described(h) for h in hide if not (isinstance(h, str) and h in HIDE)) if isinstance(hide, list) else described(hide)
        found.append((lines.get("hide", 1), f"hide 的值无效：{wrong}", FRONT_HINT))
    title = meta.get("title", "")
    if not isinstance(title, str):
        return found + [(lines["title"], "title 应为一行文字", FRONT_HINT)]
    at = lines.get("title", 1)
    return found + [(at, message, hint) for _, message, hint in title_problems(title, "手写页面的标题")]


def title_problems(title: str, place: str) -> list[tuple[int, str, str]]:
    """(line in the title, message, hint): what a title MkDocs prints as written, unescaped, may not hold."""
    return _as_written(title, Lines(title), place) + [(1, message, hint) for message, hint in html_safety.title_problems(title)]


def _as_written(text: str, lines: Lines, place: str) -> list[tuple[int, str, str]]:
    """What the loader would take out of a body or refuse in it, which MkDocs publishes as written: marks, their
    look-alikes, control characters, bidirectional controls."""
    found = [(lines.of(m.start()), f"{place}中有不予公开标记 {m[0]}", MARK_HINT) for m in redaction.MARK.finditer(text)]
    found += [(p.line, p.message, p.hint) for p in lookalikes.problems(text)]
    return found + [(lines.of(at), f"{place}含有{described}", hint) for at, described, hint in chars.hidden(text)]


def _comment_lines(text: str, lines: Lines) -> list[int]:
    found, start = [], text.find("<!--")
    while start >= 0:
        found.append(lines.of(start))
        end = text.find("-->", start + 4)
        start = text.find("<!--", end + 3) if end >= 0 else -1
    return found


def check(ctx):
    for page in ctx.handwritten.pages:
        if page.first_line == 1 and (meta := _MULTIMARKDOWN_META.match(page.text)):
            yield Diagnostic(page.path, 1, f"第一行的 {meta[0].strip()} 会被 MkDocs 当作页面的元数据（MultiMarkdown 格式）：不显示为正文，"
                             "也不经 front matter 的检查", "页面设置写在开头两行 --- 之间（只能写 title、hide）；"
                             "正文要以这样的文字开头的，在它前面空一行", rule=ID)
        for line, message, hint in front_problems(page.front):
            yield Diagnostic(page.path, line + 1, message, hint, rule=ID)
        for line, message, hint in problems(page.text):
            yield Diagnostic(page.path, page.file_line(line), message, hint, rule=ID)
        for line, message, hint in link_text.problems(page.text, HANDWRITTEN, ctx.settings.site_url):
            yield Diagnostic(page.path, page.file_line(line), message, hint, rule=link_text.ID)
        yield from body_warnings.found(page.path, page.text, page.file_line, HANDWRITTEN)
