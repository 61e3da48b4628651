"""Every word an editor's text publishes is shown on its page: checked on the page as rendered.

index.txt and the JSON twin publish a body's text as written; the page shows what Markdown made of it. Where they part,
a reader of the page does not see what the site publishes in their name: a note left in a reference definition no link
uses, a cell past a table header's, a sentence in an attribute. Each such construct found so far has its rule at the
source (gongbao.content.notes, rules.table_cells, rules.html_safety), each a prediction of how Markdown reads the
text; this check is the guarantee behind them. Each run of Chinese characters of the text must be in the page's
shown text: its text between tags, and what a reader is shown of a tag (a tooltip's title, an image's alt, a link's
address). Numbers are words of the text too (罚款 50000 元 in a cell the page drops): each run of digits is held to
the page as a run of characters is. Each run must be shown as often as the text holds it: one shown elsewhere on the
page (编者注 in a sentence, 编 者 注 in a dropped cell) is not shown a second time. Markup between characters
(罚款**五万**元) joins runs on the page; a run the page shows as often among its own runs costs nothing more, another
is counted in the whole of both texts.
"""
from __future__ import annotations

import re
from collections import Counter
from html import unescape
from urllib.parse import unquote

from gongbao.content.notes import reference_label, uses
from gongbao.publish.rendered_html import FRONT_MATTER, Authored, Violation
from gongbao.rules.html_safety import SHOWN_ON, reference_code

# Chinese characters (with 々 〇 and the Kangxi and supplementary radicals, which a PDF's extracted text often holds
# for the characters they look like: ⼈⺠政府), and digits, Arabic and full-width
_RUN = re.compile(r"[\u2e80-\u2fdf\u3005-\u3007\u3021-\u3029\u3038-\u303b\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
                  r"\U00020000-\U000323af]+|[0-9\uff10-\uff19]+")
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_TAG = re.compile(r"<[^>]*>")
# as rendered: MkDocs and Markdown quote with ". What a reader is shown of a tag: an image's text and file and a link's
# address, on those elements alone (html_safety.SHOWN_ON), and a title. No other value is shown, a number either: the
# project's <time datetime="2018-06-05"> (2018年6月5日 on the page) counted 2018, 06 and 05 as shown, covering a
# date in a cell the table drops
_SHOWN = r"\s(title|alt|href|src)="
_SHOWN_ATTRIBUTE = re.compile(_SHOWN + r'"([^"]*)"')
_NAME = re.compile(r"<([a-z0-9]*)")
# the few tags with such an attribute (a link, an image), read one by one; the thousands of others are replaced at once
_TAG_SHOWING = re.compile(r'<[^>]*' + _SHOWN + r'"[^>]*>')
_ANGLES = str.maketrans("<>", "  ")
_TARGET = re.compile(r' href="#([^"]+)"')  # a link to an id of its page: {: #编者注 } and [见](#编者注), shown once each
# What the text holds that Markdown shows nowhere by design: a list item's number (the list counts it: <ol start>), the
# label of a reference link ([通知][1]) and of a definition a link uses ([1]: https://…; an unused one is hidden text),
# md_in_html's markdown="1"
_MARKDOWN_ATTRIBUTE = re.compile(r"""[ \t]markdown=(["']?)1\1""")
_LIST_NUMBER = re.compile(r"^((?:[ \t]*>)*[ \t]*)[0-9]{1,9}[.)](?=[ \t]|$)", re.M)
_LINK_LABEL = re.compile(r"(\])[ ]?\[[^\]\n]*\]")
_DEFINITION = re.compile(r"^((?:[ \t]*[>*+-])*[ \t]*)\[([^\]\n]+)\]:", re.M)  # in quotes and items (their numbers gone)
# The values an editor gives the attributes of a number's shape (rules.html_safety's _VALUE_SHAPES), in a tag or an
# attribute list, which the page shows nowhere (<td width="50000">): not text, as the page's are not
_NUMBERED = re.compile(r"""(?<=[\s{:])(?:width|height|colspan|rowspan|datetime)[ \t]*=[ \t]*"""
                       r"""(?:"[^"\n]*"|'[^'\n]*'|[^\s"'>}]+)""", re.I)
_MARKUP = re.compile(r"<[A-Za-z][^<>]*>|\{[^{}\n]*\}")
_TOLD = 20  # runs told a page: each further one is a search of both texts, and the build stops at these already
HINT = ("这段文字写在了 Markdown 不显示的位置（没有链接用到的引用定义、多于表头的表格格子、属性列表或属性值中）："
        "把它写成正文，或删去")


def shown(html: str) -> str:
    """What a reader is shown of ``html``: its text and the values of the attributes a reader sees, entities and
    percent-escapes read; and each id a link of it goes to, the link's address (rules.html_safety refuses an id no link
    goes to)."""
    def tag(match: re.Match) -> str:
        # no < > in what it leaves, where the pass over the other tags would take it for one
        element = _NAME.match(match[0])[1]
        return " ".join(("", *(v.translate(_ANGLES) for name, v in _SHOWN_ATTRIBUTE.findall(match[0])
                               if SHOWN_ON.get(name, element) == element), ""))
    if "<!--" in html:  # a look is a fraction of a substitution that finds nothing: most pages have none
        html = _COMMENT.sub("", html)
    targets = " ".join(t for t in _TARGET.findall(html) if f' id="{t}"' in html or f' id="{unquote(t)}"' in html)
    return _decoded(unescape(_TAG.sub(" ", _TAG_SHOWING.sub(tag, html)) + " " + targets.translate(_ANGLES)))


def _decoded(text: str) -> str:
    """``text`` with percent-escapes read, as a browser shows an address (#%E7%AC%AC… is #第…) and MkDocs writes one
    (a page's link to 通知.md): read so in the text and on the page alike, an address counts once, however encoded,
    and never as digits no reader sees."""
    return unquote(text) if "%" in text else text


def written(markdown: str) -> str:
    """The text of ``markdown`` that a page shows, as its characters: without what Markdown shows nowhere by design and
    the values of attributes shown nowhere (``_NUMBERED``), character references (but in code spans) and percent-escapes
    read."""
    text = _LIST_NUMBER.sub(r"\1", _MARKDOWN_ATTRIBUTE.sub("", markdown) if "markdown=" in markdown else markdown)
    if "=" in text:
        text = _MARKUP.sub(lambda m: _NUMBERED.sub("", m[0]), text)
    if code := reference_code(text):  # a reference in a code span is shown as written: kept from unescape
        lines = text.split("\n")
        for number, spans in code.items():
            line = lines[number]
            for start, end in reversed(spans):
                line = line[:start] + line[start:end].replace("&", "&amp;") + line[end:]
            lines[number] = line
        text = "\n".join(lines)
    if "]" not in text:
        return _decoded(unescape(text))
    if "]:" in text:
        # a definition is used when a link names its label elsewhere ([文][国发], [国发][], [国发]), before those labels
        # go: another definition of the label is no use of it
        named = set(uses(_DEFINITION.sub("", text)))
        text = _DEFINITION.sub(lambda m: m[1] if reference_label(m[2]) in named else m[0], text)
    return _decoded(unescape(_LINK_LABEL.sub(r"\1", text)))


def unshown(html: str, authored: list[Authored]) -> list[Violation]:
    """Each run of Chinese characters or digits of the editors' texts printed on a page that the page (``html``, its
    content as rendered) does not show as often as the texts hold it, once."""
    if not authored:
        return []
    page = shown(html)
    # as written (index.txt's), not the page's Markdown, whose anchors the generator wrote ({ #art-10 }) show no digit
    text = "\n".join(written(FRONT_MATTER.sub("", part.body, count=1)) for part in authored)
    on_page = Counter(_RUN.findall(page))
    missing = {}
    for run, times in Counter(_RUN.findall(text)).items():
        if times > on_page[run] and text.count(run) > page.count(run):
            missing[run] = Violation(f"正文中的“{run[:20]}”在网页上不显示，却会随规范文本（index.txt）和 JSON 发布",
                                     HINT, (run,))
            if len(missing) == _TOLD:
                break
    return list(missing.values())
