"""The contents of a long text as a control of the page, at every width: closed until the reader opens
it, it stays under the header while the text scrolls (gb-reading.css). Material's sidebar of headings,
shown on wide screens only (a phone's drawer holds the site menu alone), is left empty where it would
only repeat this list (overrides/partials/toc.html): a page carried the same headings twice, 1.7 KB a
document page on average. One control, in the same place on a phone and on a desk."""
from __future__ import annotations

from gongbao.content import body_markdown
from gongbao.publish.render import ui
from gongbao.publish.render.html import esc

LEVELS = (2, 3)  # 一、 and （一）, 第一章 and 第一节: deeper levels would make the list as long as the text
MINIMUM = 2      # one heading needs no contents


def control(text: str) -> str:
    entries = [(level, anchor, lead) for level, anchor, lead in body_markdown.outline(text) if level in LEVELS]
    if len(entries) < MINIMUM:
        return ""
    label = ui.t("本文目录")
    return (f'<details class="gb-contents" data-pagefind-ignore=""><summary>{label}</summary>'
            f'<nav aria-label="{label}">{_nested(entries)}</nav></details>\n')


def _nested(entries: list[tuple[int, str, str]]) -> str:
    """The headings as a list of the top level's, each holding the list of its own: the levels are the lists'
    nesting (a class on every item was 24 bytes an entry: 0.55 KB of the seed document's page); a lower heading
    before any top one is a list of its own in an item with no link, indented as the others."""
    out, inner = ["<ol>"], False
    for level, anchor, lead in entries:
        link = f'<a href="#{esc(anchor)}">{esc(lead)}</a>'
        if level == LEVELS[0]:
            out.append(("</ol></li>" if inner else "</li>" if len(out) > 1 else "") + "<li>" + link)
            inner = False
        else:
            out.append(("" if inner else "<ol>" if len(out) > 1 else "<li><ol>") + f"<li>{link}</li>")
            inner = True
    return "".join(out) + ("</ol></li>" if inner else "</li>") + "</ol>"
