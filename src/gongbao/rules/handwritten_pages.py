"""Hand-written pages (``content/*.md``) are published whole: MkDocs reads them, not the loader.

So nothing the loader takes out of a body may be in one: a withholding mark or a look-alike of one
would be published as text, and so would an editor's note (an HTML comment). Their HTML, links and
ids get the same source rules as bodies, so ``gongbao check`` refuses first what the rendered check
of the build (``gongbao.publish.rendered_html``) would refuse.
"""
from __future__ import annotations

from gongbao.identifiers import chars
from gongbao.content import lookalikes, notes, redaction
from gongbao.content.diagnostics import Diagnostic, Lines
from gongbao.rules import anchor_ids, html_safety, nesting

ID = "handwritten"
MARK_HINT = "手写页面整页公开，不能含不予公开的内容：删除这段文字，或把它写进公报文件并标为部分公开"
NOTE_HINT = "手写页面中的注释会原样发布：删除 <!-- … -->"


def problems(text: str) -> list[tuple[int, str, str]]:
    """(line, message, hint) in the page's text."""
    lines = Lines(text)
    found = [(lines.of(m.start()), f"手写页面中有不予公开标记 {m[0]}", MARK_HINT)
             for m in redaction.MARK.finditer(text)]
    found += [(p.line, p.message, p.hint) for p in lookalikes.problems(text)]
    stripped, hidden = notes.strip(text)
    found += [(p.line, p.message, p.hint) for p in hidden]
    if stripped != text:
        found += [(line, "手写页面中有注释（<!-- … -->），会随页面发布", NOTE_HINT)
                  for line in _comment_lines(text, lines)]
    found += [(lines.of(m.start()), f"手写页面含有{chars.describe(m[0])}", chars.BIDI_HINT)
              for m in chars.BIDI.finditer(text)]
    found += nesting.problems(text) + html_safety.body_problems(text)
    found += [(line, message.format(value), hint) for line, value, (message, hint) in anchor_ids.problems(text)]
    return found


def _comment_lines(text: str, lines: Lines) -> list[int]:
    found, start = [], text.find("<!--")
    while start >= 0:
        found.append(lines.of(start))
        end = text.find("-->", start + 4)
        start = text.find("<!--", end + 3) if end >= 0 else -1
    return found


def check(ctx):
    for page in ctx.handwritten.pages:
        for line, message, hint in problems(page.text):
            yield Diagnostic(page.path, page.first_line + line - 1, message, hint, rule=ID)
