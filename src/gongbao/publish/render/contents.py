"""The contents of a long text as a control of the page, at every width: closed until the reader opens
it, it stays under the header while the text scrolls (gb-reading.css). Material's sidebar of headings,
shown on wide screens only (a phone's drawer holds the site menu alone), is left empty where it would
only repeat this list (overrides/partials/toc.html): a page carried the same headings twice, 1.7 KB a
document page on average. One control, in the same place on a phone and on a desk."""
from __future__ import annotations

from gongbao.publish.render import body, ui
from gongbao.publish.render.html import esc

LEVELS = (2, 3)  # 一、 and （一）, 第一章 and 第一节: deeper levels would make the list as long as the text
MINIMUM = 2      # one heading needs no contents


def control(text: str) -> str:
    entries = [(level, anchor, lead) for level, anchor, lead in body.outline(text) if level in LEVELS]
    if len(entries) < MINIMUM:
        return ""
    label = ui.t("本文目录")
    items = "".join(f'<li class="gb-contents__l{level}"><a href="#{esc(anchor)}">{esc(lead)}</a></li>'
                    for level, anchor, lead in entries)
    return (f'<details class="gb-contents" data-pagefind-ignore=""><summary>{label}</summary>'
            f'<nav aria-label="{label}"><ol>{items}</ol></nav></details>\n')
