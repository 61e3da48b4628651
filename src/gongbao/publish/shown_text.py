"""Every word an editor's text publishes is shown on its page: checked on the page as rendered.

index.txt and the JSON twin publish a body's text as written; the page shows what Markdown made of it. Where they part,
a reader of the page does not see what the site publishes in their name: a note left in a reference definition no link
uses, a cell past a table header's, a sentence in an attribute. Each such construct found so far has its rule at the
source (gongbao.content.notes, rules.table_cells, rules.html_safety), each a prediction of how Markdown reads the
text; this check is the guarantee behind them. Each run of Chinese characters of the text must be in the page's
shown text: its text between tags, and what a reader is shown of a tag (a tooltip's title, an image's alt, a link's
address). Markup between characters (罚款**五万**元) joins runs on the page; a run is looked for among the page's runs
first and in its whole shown text only when it is not one of them, so a page costs one pass over each.
"""
from __future__ import annotations

import re
from html import unescape
from urllib.parse import unquote

from gongbao.publish.rendered_html import FRONT_MATTER, Authored, Violation

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+")
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_TAG = re.compile(r"<[^>]*>")
_SHOWN_ATTRIBUTE = re.compile(r'\s(?:title|alt|href|src)="([^"]*)"')  # as rendered: MkDocs and Markdown quote with "
# the few tags with such an attribute (a link, an image), read one by one; the thousands of others are replaced at once
_TAG_SHOWING = re.compile(r'<[^>]*\s(?:title|alt|href|src)="[^>]*>')
_ANGLES = str.maketrans("<>", "  ")
HINT = ("这段文字写在了 Markdown 不显示的位置（没有链接用到的引用定义、多于表头的表格格子、属性列表或属性值中）："
        "把它写成正文，或删去")


def shown(html: str) -> str:
    """What a reader is shown of ``html``: its text and the values of the attributes a reader sees, entities read."""
    def tag(match: re.Match) -> str:
        # no < > in what it leaves (%3C decoded), where the pass over the other tags would take it for one
        return " ".join(("", *(unquote(v).translate(_ANGLES) for v in _SHOWN_ATTRIBUTE.findall(match[0])), ""))
    return unescape(_TAG.sub(" ", _TAG_SHOWING.sub(tag, _COMMENT.sub("", html))))


def unshown(html: str, authored: list[Authored]) -> list[Violation]:
    """Each run of Chinese characters of the editors' texts printed on a page that the page (``html``, its content as
    rendered) does not show, once."""
    if not authored:
        return []
    text = shown(html)
    runs = set(_HAN.findall(text))
    missing = {}
    for part in authored:
        for run in _HAN.findall(FRONT_MATTER.sub("", part.inserted, count=1)):
            if run not in runs and run not in missing and run not in text:
                missing[run] = Violation(f"正文中的“{run[:20]}”在网页上不显示，却会随规范文本（index.txt）和 JSON 发布",
                                         HINT, (run,))
    return list(missing.values())
