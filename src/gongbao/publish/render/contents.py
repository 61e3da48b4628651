"""The contents of a long text as a control of the page: Material shows a page's headings in a sidebar
only on wide screens, and a phone's drawer holds the site menu alone. Shown where that sidebar is not
(gb-reading.css), closed until the reader opens it."""
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
    return (f'<details class="gb-contents" data-pagefind-ignore="all"><summary>{label}</summary>'
            f'<nav aria-label="{label}"><ol>{items}</ol></nav></details>\n')
