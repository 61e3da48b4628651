"""Raw HTML in a body is limited to a documented safe set; front-matter titles carry no markup.

A gazette page is cited by courts and read by the public: a script, an event handler, a
``javascript:`` or ``data:`` link, a frame, an embedded object, a form or a style trick in
content is a build error naming the file and line, never silently published or "cleaned".
Titles are printed by the theme's templates without escaping, so ``<`` and ``>`` are refused there.
"""
from __future__ import annotations

import bisect
import difflib
import functools
import html
import re
from collections.abc import Callable, Collection
from html.parser import HTMLParser
from urllib.parse import unquote

import markdown
from markdown.extensions.attr_list import get_attrs_and_remainder, sanitize_name
from markdown.inlinepatterns import AUTOLINK_RE, AUTOMAIL_RE
from markdown.util import BLOCK_LEVEL_ELEMENTS
from pymdownx.slugs import slugify

from gongbao.content import body_markdown, notes
from gongbao.content.diagnostics import Diagnostic
from gongbao.content.model import Issue
from gongbao.content.participation import EXPLANATION
from gongbao.identifiers import chars, script
from gongbao.identifiers.chars import holds, holds_any
from gongbao.identifiers.headings import classify
from gongbao.rules import nesting, table_cells
from gongbao.rules.nesting import fed
from gongbao.rules.rendering import BODY, HANDWRITTEN, Rendering

ID = "html"

SAFE_TAGS = frozenset(
    "a abbr b blockquote br caption code dd del div dl dt em figcaption figure h2 h3 h4 h5 h6 hr i img ins kbd li "
    "mark ol p pre q s small span strong sub sup table tbody td tfoot th thead time tr u ul".split())
SAFE_ATTRIBUTES = frozenset("class id title href src alt width height colspan rowspan scope lang datetime markdown".split())
SAFE_SCHEMES = ("http", "https", "mailto", "tel")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
_MD_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)")                  # [text](url) and ![alt](url)
_MD_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)")         # ![alt](url)
_MD_IMAGE_REF = re.compile(r"!\[([^\]]*)\](?:\s?\[([^\]]*)\])?")     # ![alt][label], ![label][], ![label]
_MD_DEFINITION = re.compile(r"\[([^\]]+)\]:\s*<?([^\s>]+)")          # [label]: url
_MD_REFERENCE = re.compile(r"\[[^\]]+\]:\s*<?([^\s>]+)")       # [1]: url, also inside > and list items
# Markdown's autolinks, as its inline patterns read them (an address and an e-mail address in angle brackets): a link
# to the address (mailto: and the address, each character a reference), not a tag, outside raw HTML blocks
_AUTOLINK = re.compile(AUTOLINK_RE)
_AUTOMAIL = re.compile(AUTOMAIL_RE)
_ATTR_LIST = re.compile(r"\{:?[ ]*([^}\n ][^\n]*)\}")            # Markdown's attr_list: {: #id .class key=value }
# Ids the project gives: pinpoint anchors (art-3, chap-1-sec-2, sec-1-2; d-…-art-3 on the print page) and its own
# gb-/md-/__ ids. Content that took one could capture a court's citation or a control of the page.
_ANCHOR_LIKE = r"(?:^|-)(?:art|chap|sec)-\d"
_RESERVED_ID = re.compile(rf"{_ANCHOR_LIKE}|^(?:gb-|md-|__)", re.I)
_ANCHOR_LIKE_ID = re.compile(_ANCHOR_LIKE, re.I)
_TAG_START = re.compile(r"</?[A-Za-z][^\s/>]*")  # a start or end tag's beginning, as HTML reads one
_REFERENCE = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")  # &amp; &#x3c;: shown as typed
# The project's and the theme's look: gb-/md- classes, and the content components Material's stylesheet
# styles without a prefix — an admonition (a fake 废止 banner: class="admonition danger") and the classes
# it hides or fades (tabbed-block, headerlink, footnote-backref: text a reader never sees, still hashed; giscus, which
# it leaves out of print: a clause on screen and missing from the printed gazette), mermaid, whose diagrams its
# script would fetch from another host, and annotate, whose script hides the list after the block (罚款 (1) 元。 and
# 1. 五万 showed 罚款 ⊕ 元 on screen, the amount only in a tooltip on a click).
_RESERVED_CLASS = re.compile(r"^(?:gb-|md-|admonition|headerlink$|footnote|tabbed-|task-list|critic$|highlight|katex|arithmatex$"
                             r"|twemoji$|emojione$|gemoji$|grid$|keys$|giscus$|mermaid$|annotate$)", re.I)
# The classes content may write: those the site's stylesheets (mkdocs.yml's extra_css, content/assets/) define for the
# text. They define none: each of their classes is the project's (gb-, which the generator writes: gb-signature) or the
# theme's (md-), and a class no stylesheet styles changes nothing on the page, yet index.txt and the JSON twin publish
# it ({: .internal-note-fees-rise }, fenced_code's class="language-…" of ```内部意见): a note's hiding place, in words
# the page never shows. tests/test_html_safety.py holds this list to the stylesheets.
EDITOR_CLASSES: frozenset[str] = frozenset()
# The attributes a reader is shown only on one element: an image's text and file, a link's address. On another
# (<span alt="…">, {: href="…" }) the page shows nothing of them (gongbao.publish.shown_text reads them so too).
SHOWN_ON = {"alt": "img", "src": "img", "href": "a"}
# What each attribute that no reader sees may hold: a value of its own kind, not words. A sentence in lang="…" or
# width="…" shows nothing on the page, yet index.txt and the JSON twin publish it: a note's hiding place,
# as a comment is (gongbao.content.notes). title is shown (a tooltip); id is a link's target.
_VALUE_SHAPES = {
    # a language, its script and its region (BCP 47's, no variants): five subtags of eight letters held a sentence
    "lang": (re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z]{4})?(?:-(?:[A-Za-z]{2}|[0-9]{3}))?"), "语言标记，如 zh-Hant、en、zh-CN"),
    "width": (re.compile(r"[0-9]{1,5}(?:\.[0-9]{1,2})?(?:%|px)?"), "数字，如 120 或 50%"),
    "height": (re.compile(r"[0-9]{1,5}(?:px)?"), "数字，如 80"),
    "colspan": (re.compile(r"[0-9]{1,4}"), "数字"),
    "rowspan": (re.compile(r"[0-9]{1,4}"), "数字"),
    "scope": (re.compile(r"row|col|rowgroup|colgroup", re.I), "row、col、rowgroup 或 colgroup"),
    "datetime": (re.compile(r"[0-9][0-9TZ:+.\- ]{0,39}"), "日期或时间，如 2018-06-30"),
    "markdown": (re.compile(r"0|1|block|span"), "1、block 或 span"),
}
HINT_TAGS = (f"只能使用这些 HTML 标签：{' '.join(sorted(SAFE_TAGS))}；其他内容请用 Markdown 书写"
             "（要显示尖括号本身，请写 &lt; 和 &gt;）")
HINT_URL = "只能链接 http、https、mailto、tel 或站内地址"
HINT_ID = ("删除该 id；要链接到这里，在同一文本中写 [文字](#这个id)。条款锚点（art-3 等）由系统根据“第三条”等自动生成，"
           "标题的锚点由标题文字生成，都不必写 id")
HINT_IMAGE = "图片只能显示本站的文件：图解的图片写进解读 front matter 的 images，文件的图片作为 attachments 列出（见 docs/content-contract.md）"


def _cleaned(url: str) -> str:
    # entities and control characters are how javascript: hides (&#106;avascript:, java\tscript:)
    return re.sub(r"[\x00-\x20]", "", html.unescape(url)).lower()


def unsafe_url(url: str) -> bool:
    """True for a URL whose scheme is not http(s), mailto or tel (relative URLs are fine)."""
    match = _SCHEME.match(_cleaned(url))
    return bool(match) and match.group(1) not in SAFE_SCHEMES


def off_site(url: str) -> bool:
    """True for a URL that leaves the site: a scheme, or a host (``//host``, and ``/\\host`` that browsers read so)."""
    text = _cleaned(url)
    return bool(_SCHEME.match(text)) or text[:2].replace("\\", "/") == "//"


def reserved_id(value: str) -> bool:
    return bool(_RESERVED_ID.search(value.strip()))


def anchor_like(value: str) -> bool:
    """The part of ``reserved_id`` that is the anchors': an id holding one (art-3z, x-sec-1, d-xzbf-2018-68-art-3)."""
    return bool(_ANCHOR_LIKE_ID.search(value.strip()))


def reserved_class(value: str) -> bool:
    return any(_RESERVED_CLASS.match(token) for token in value.split())


def repeated_attribute(tag: str, attrs) -> tuple[str, str, str] | None:
    """(message, hint, the repeated attribute's name) when ``tag`` gives an attribute twice (the tokenizer lowers names):
    a browser keeps the first and drops the rest, while a check reads each value, or the last (a dict of them), so
    ``<a href="/doc/…/jiedu/…/" href="https://…/doc/…/68/">https://…/doc/…/68/</a>`` opened the first, shown the second."""
    names = [name for name, _ in attrs]
    if len(names) < 2 or len(set(names)) == len(names):
        return None
    name = next(name for n, name in enumerate(names) if name in names[:n])
    return (f"{tag} 的属性 {name} 写了不止一次：浏览器只用第一个，其余的丢弃，读者看到、点到的与检查读到的不同",
            f"每个属性只写一次：删去多余的 {name}", name)


def attribute_problem(tag: str, name: str, value: str | None) -> tuple[str, str] | None:
    """(message, hint) when content may not give ``tag`` the attribute ``name=value``."""
    value = value or ""
    if name.startswith("on"):
        return f"{tag} 带有事件属性 {name}，不允许执行脚本", "删除该属性"
    if name == "style":
        return f"{tag} 带有 style 属性，不允许内联样式", "删除 style；版式由网站样式统一控制"
    if name not in SAFE_ATTRIBUTES:
        return f"{tag} 的属性 {name} 不在允许范围内", f"只能使用属性：{' '.join(sorted(SAFE_ATTRIBUTES))}"
    if name in ("href", "src") and unsafe_url(value):
        return f"{tag} 的 {name} 使用了不安全的协议：{value[:40]}", HINT_URL
    if name == "src" and off_site(value):  # src is an image's (the only element of the list that loads one)
        return f"{tag} 的图片地址不在本站：{value[:40]}", HINT_IMAGE
    if name == "id" and reserved_id(value):
        return f"{tag} 的 id「{value[:40]}」是网站保留的锚点或标识", "删除该 id；条款锚点（art-3 等）由系统根据“第三条”等自动生成"
    if name in _VALUE_SHAPES and not _VALUE_SHAPES[name][0].fullmatch(value.strip()):
        return (f"{tag} 的属性 {name} 的值「{chars.clipped(value, 40)}」不是{_VALUE_SHAPES[name][1]}：网页上不显示，"
                "却会随规范文本（index.txt）和 JSON 发布"), f"{name} 只写{_VALUE_SHAPES[name][1]}；要说明的话写进正文"
    if name in SHOWN_ON and not tag.startswith("<"):  # an attribute list's: on a link or image too, it would replace
        # what the link or image names, which the link rules read (an address they never checked)
        return (f"{tag} 不能设置 {name}：链接和图片的地址、说明只写在它们的 Markdown 中",
                "删除该属性；链接写成 [文字](地址)，图片写成 ![说明](图片)")
    if name in SHOWN_ON and tag != f"<{SHOWN_ON[name]}>":
        return (f"{tag} 的属性 {name} 只在 <{SHOWN_ON[name]}> 上显示：这里网页上不显示，却会随规范文本（index.txt）和 JSON 发布",
                "删除该属性；链接写成 [文字](地址)，图片写成 ![说明](图片)")
    if name == "class" and reserved_class(value):
        return f"{tag} 的 class「{value[:40]}」是网站保留的样式", "删除 gb-、md- 开头的 class 和主题的 class（admonition、tabbed-… 等）"
    if name == "class" and (other := [token for token in value.split() if token not in EDITOR_CLASSES]):
        return (f"{tag} 的 class「{chars.clipped(' '.join(other), 40)}」不是网站样式表为正文定义的样式：网页上不显示，"
                "却会随规范文本（index.txt）和 JSON 发布"), "删除该 class；版式由网站样式统一控制，要说明的话写进正文"
    return None


def unlinked_id(tag: str, value: str) -> tuple[str, str]:
    """(message, hint) of an id no link of its text goes to: a name no reader sees ({: #fees-will-rise-next-year }),
    which index.txt and the JSON twin publish, as a definition no link uses (gongbao.content.notes)."""
    return (f"{tag} 的 id {chars.quoted(chars.clipped(value, 40))} 没有链接指向它：id 在网页上不显示，"
            "却会随规范文本（index.txt）和 JSON 发布"), HINT_ID


def anchor_lost(anchor: str) -> tuple[str, str]:
    """(message, hint) of a heading the body's rendering numbers whose text ends in braces: its anchor, written after
    them ({ #sec-2 }), closes them, attr_list reads neither, and the page shows both, its anchor lost (toc's id of the
    whole text holds it: 二总则--总则---sec-2-, which the rendered check tells so)."""
    return (f"编号标题末尾的花括号会和系统给标题加的锚点 {{ #{anchor} }} 连成一个属性列表：网页上标题显示这些花括号，"
            f"锚点 {anchor} 失效，引用它的链接找不到这一节"), \
        (f"删去标题中的 {{…}}：编号标题的锚点由系统生成，不必自设 id，要链接到这里写 [文字](#{anchor})；"
         "要显示花括号，写全角的｛｝")


def missing_target(target: str, ids: Collection[str] = (), written: str = "") -> tuple[str, str] | None:
    """(message, hint) of a link to ``#target`` (its address ``written``, if it is read from one: an id as written
    there counts too) where its page has none of ``ids`` so, but for the top of the page (#, #top)."""
    if not target or target.lower() == "top" or target in ids or written[1:] in ids:
        return None
    return (f"链接 {chars.quoted('#' + chars.clipped(target, 40))} 指向的位置在本页不存在：读者点击后不会跳转，引用这个网址的人"
            "也找不到它"), ("链接到条款写系统生成的锚点（如 #art-3，见本页的网址），链接到标题写标题的锚点，链接到别处先在那里写 "
                           "{: #id }；否则删去链接")


def missing_elsewhere(address: str, page: str, fragment: str, ids: Collection[str]) -> tuple[str, str] | None:
    """(message, hint) of a link ``address`` to ``#fragment`` (as written: art%2D5) of the site's page at ``page``
    (/doc/xzbf/2018/68/) that has none of ``ids`` so, as ``missing_target`` reads it (the browser takes the fragment as
    written or decoded, and nothing else: #ART-5 is not #art-5, nor 附件说明 附件說明); the hint names the ids of the
    page nearest it."""
    target = unquote(fragment)
    if missing_target(target, ids, "#" + fragment) is None:
        return None
    near = nearest_ids(target, ids)
    return (f"链接 {chars.quoted(chars.clipped(address, 80))} 指向的位置 {chars.quoted('#' + chars.clipped(target, 40))} 在页面 "
            f"{page} 上不存在：读者点击后只到该页顶部，引用这个网址的人找不到所引之处"), (
        (f"该页有 {'、'.join('#' + i for i in near)}；" if near else "")
        + "条款的锚点由编号生成：第五条 #art-5，第五条第（二）项 #art-5-2，一、#sec-1，（二）#sec-1-2，重复的编号加 _2"
          "（见 docs/content-contract.md），标题的锚点是标题文字；大小写和繁简须与该页一致")


def nearest_ids(target: str, ids: Collection[str]) -> list[str]:
    """The ids of ``ids`` a link to ``target`` most likely meant: the same but for case or script, else the three
    most alike."""
    def folded(text: str) -> str:
        return script.to_simplified(text).lower()
    same = sorted(i for i in ids if folded(i) == folded(target))
    return same or difflib.get_close_matches(target, sorted(ids), n=3, cutoff=0.6)


def around_body(target: str, title: str | None) -> bool:
    """Whether a link of a text its page shows under ``title`` (None: a page of content/, the text all of it) goes to an
    id the page may write around the text: one of the project's parts (gb-jd, gb-relations, gb-kanwu: content can write
    no gb- id, reserved_id; a draft's 起草说明 below it), or the title's (toc's slug of it). Which of them the page has
    depends on other files (its interpretations, the documents naming it), so rules.page_anchors tells such a link to
    an id the page lacks, from the page the build makes: a target taken here that no page has is still told there."""
    return title is not None and (target.lower().startswith("gb-") or target in (EXPLANATION, _TITLE_SLUG(title, "-")))


_TITLE_SLUG = slugify(case="lower")  # toc's, as site_markdown and mkdocs.yml configure it


def link_target(url: str) -> str | None:
    """The id a link's address goes to on its own page (``#fees``, percent-encoded or not), else None."""
    return unquote(html.unescape(url.strip()))[1:] if url.strip().startswith("#") else None


def autolinks(text: str) -> list[tuple[int, int, str]]:
    """(start, end, address) of each autolink of ``text`` as Markdown's inline patterns find them: addresses first, then
    e-mail addresses in the rest (their order of priority), an e-mail's address as the link's, mailto: and it."""
    if not holds(text, "<"):
        return []
    found = [(m.start(), m.end(), m[1]) for m in _AUTOLINK.finditer(text)]
    rest = _blanked(text, found) if found else text
    found += [(m.start(), m.end(), "mailto:" + m[1].removeprefix("mailto:")) for m in _AUTOMAIL.finditer(rest)]
    return sorted(found)


def _blanked(text: str, spans) -> str:
    """``text`` with each of ``spans`` (start, end, …) made spaces, its line breaks kept: no tag for a parser."""
    for start, end, *_ in spans:
        text = text[:start] + re.sub(r"[^\n]", " ", text[start:end]) + text[end:]
    return text


def autolink_problem(written: str, url: str, raw: bool, in_tag: bool) -> tuple[str, str] | None:
    """(message, hint) of an autolink ``written`` (<https://…>, <a@b.cn>) to ``url``: a link as [文字](url) is, to an
    address of the schemes links may use; in a raw HTML block (``raw``), where Markdown reads nothing, a tag; in a
    tag's attribute (``in_tag``: <span title="<https://…>">), a link Markdown writes into the tag, breaking it."""
    if in_tag:  # in a raw block the tag keeps it as written
        return None if raw else (f"HTML 标签的属性中写了自动链接 {chars.quoted(chars.clipped(written, 60))}：Markdown 会把它"
                                 "变成链接写进标签，拆坏这个标签", "属性中的网址不加尖括号")
    if raw:
        return (f"HTML 块中的自动链接 {chars.quoted(chars.clipped(written, 60))} 不会成为链接：Markdown 不处理以 <div>、"
                "<table> 等开头的 HTML 块的内容，它会作为 HTML 标签发布",
                "把链接写在 HTML 块之外，或在块中写成 <a href=\"地址\">地址</a>")
    if unsafe_url(url):
        return f"自动链接 {chars.quoted(chars.clipped(written, 60))} 使用了不安全的协议", HINT_URL
    return None


def not_autolink(written: str) -> tuple[str, str]:
    """(message, hint) of an address in angle brackets that is no autolink (<tel:…>, <https:www…>, <javascript:…>):
    Markdown passes it on as a tag."""
    message = (f"尖括号中的 {chars.quoted(chars.clipped(written, 60))} 不是自动链接，会作为 HTML 标签发布：只有 http://、"
               "https:// 开头的网址和电子邮件地址写在尖括号中才成为链接")
    address = written.strip("<>")
    if unsafe_url(address):
        return f"{message}；它使用的协议也不安全", HINT_URL
    return message, f"写成 [文字]({chars.clipped(address, 40)})，或去掉尖括号写成文字"


# Elements Markdown reads no Markdown in, begun at a line's start (up to 3 spaces): a raw HTML block, to its end tag
_RAW_BLOCK = frozenset(BLOCK_LEVEL_ELEMENTS) - {"hr"}


class _Tags(HTMLParser):
    def __init__(self, text: str = ""):
        super().__init__(convert_charrefs=True)
        self.problems: list[tuple[int, str, str]] = []
        self.ids: list[tuple[int, str, str]] = []  # (line, tag, id) of each id written
        self.targets: dict[str, int] = {}  # the ids a link goes to (<a href="#…">), each at its first line
        self.text, self.starts = text, [0] + [m.end() for m in re.finditer("\n", text)]
        self.raw: list[str] = []  # the open elements of a raw HTML block, as Markdown's HTML extractor stacks them
        self.raw_spans: list[tuple[int, int]] = []  # where each raw HTML block is in ``text``
        self.tag_spans: list[tuple[int, int]] = []  # where each start tag is
        self._raw_from = 0

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.starts[line - 1] + column

    def _opened(self, tag: str, attrs) -> None:
        """A raw HTML block begun or deepened by a start tag, as Markdown's HTML extractor reads one (md_in_html: an
        element with markdown="1" is Markdown)."""
        if self.raw:
            self.raw.append(tag)
            return
        at = self._offset()
        column = at - self.starts[self.getpos()[0] - 1]
        if (tag in _RAW_BLOCK and column <= 3 and not self.text[at - column:at].strip()
                and dict(attrs).get("markdown") not in ("1", "block", "span")):
            self.raw, self._raw_from = [tag], at

    def handle_endtag(self, tag):
        if self.raw and tag in self.raw:
            while self.raw.pop() != tag:
                pass
            if not self.raw:
                self.raw_spans.append((self._raw_from, self._offset()))

    def raw_at(self, offset: int) -> bool:
        """Whether ``offset`` of the text is in a raw HTML block (one left open runs to the end)."""
        spans = self.raw_spans + ([(self._raw_from, len(self.text))] if self.raw else [])
        return any(start <= offset < end for start, end in spans)

    def in_tag(self, offset: int) -> bool:
        return any(start < offset < end for start, end in self.tag_spans)

    def handle_starttag(self, tag, attrs):
        self._opened(tag, attrs)
        self.handle_startendtag(tag, attrs)

    def handle_startendtag(self, tag, attrs):
        line = self.getpos()[0]
        if self.text:
            self.tag_spans.append((self._offset(), self._offset() + len(self.get_starttag_text() or "")))
        if tag not in SAFE_TAGS:
            written = self.get_starttag_text() or f"<{tag}>"
            problem = not_autolink(written) if _SCHEME.match(tag) else (f"不允许的 HTML 标签 <{tag}>", HINT_TAGS)
            self.problems.append((line, *problem))
            return
        if repeated := repeated_attribute(f"<{tag}>", attrs):
            self.problems.append((line, *repeated[:2]))
        for name, value in attrs:
            problem = attribute_problem(f"<{tag}>", name, value)
            if problem:
                self.problems.append((line, *problem))
            elif name == "id" and value:
                self.ids.append((line, f"<{tag}>", value))
            elif name == "href" and value and (target := link_target(value)) is not None:
                self.targets.setdefault(target, line)


_ANCHOR_STAND_IN = "a"  # for the anchor (sec-1 …) the body's rendering gives a numbered heading: an id of no shape reserved
_NUMBER_TAG = re.compile(r"\A<b>[^<\n]*</b>")  # an article's number as the body's rendering writes it


def _attr_lists(lines: list[str], number: int, rendering: Rendering, kind: int, cells: bool = False,
                made: dict[int, tuple[list[str], str]] | None = None, html_from: int = 0, shown: Collection[int] = (),
                runs: list[bool] | None = None):
    """The attribute lists of line ``number`` (0-based), of ``kind`` (``_reading``), where Markdown's attr_list would
    read one: right after an inline element (link, image, emphasis, code, autolink), at the end of a heading or
    table cell after a space, or on a line of its own that continues a block; never in code. Text in braces
    elsewhere ({注}, {{ 模板 }}) is text. Where the body's rendering runs first (``rendering.numbered``), each line of
    text is a paragraph of its own and a line goes on in the block of the line before as it writes them (``runs``:
    body_markdown.runs_on; in its fence, or after or before a line of block syntax): after a line of text, a line of its own in braces is a paragraph of text; a line it anchors (``made``:
    ``_made``) is read as it writes it: a heading with its anchor after it, which closes a "{" of the text's, and the
    paragraph of the rest. A list runs to the last ``}`` of its line, or where ``cells`` of its cell (the pattern's
    ``[^\n]*`` is greedy; ``| 罰款 {: .x } | 5 |``: a cell is read as the tables split the row, table_cells.cell_ends),
    so no ``{`` is read past that ``}``; the pattern is tried only at a "{" attr_list reads from (``_reads_from``),
    which ``_brace_problems`` counts: a line of thousands of them cost each one a copy of the line (``BRACE_BUDGET``).
    A line's code spans are read as its own only below no HTML (``html_from``: the line of the text's first tag; an
    ``<h2 markdown="1">`` reads its lines, blank ones too, as one run of text) and, where lines run on into one
    paragraph, under no line of its block with a backtick. No list is read from a "{" of ``shown`` (its columns): one
    that begins a cell's text in the page's tables (table_cells.cell_starts). Each list as (its text, whether strict,
    whether it runs into the anchor of a heading the rendering made)."""
    line = lines[number]
    if made and number in made:
        alone = number <= html_from  # the rendering makes each line a block of its own: no backtick above pairs with its
        for text in made[number][0]:
            if text.startswith("#"):  # the heading, its anchor after it
                yield from _lists_of(text, _CELL, [], False, True, alone)
            elif not text.endswith(f"{{: #{_ANCHOR_STAND_IN} }}"):  # the paragraph, which the anchor's line ends; an
                # article's number is raw HTML (<b>第三条</b>), after which attr_list reads nothing
                yield from _lists_of(_NUMBER_TAG.sub("", text, count=1), _TEXT, [], False, False, alone)
        return
    if kind == _CODE or "}" not in line:
        return
    ends = table_cells.cell_ends(line) if cells and kind == _CELL and "|" in line else []
    # Python-Markdown's blank line is one of spaces (tabs made spaces): another white space is text
    continues = number > 0 and lines[number - 1].strip(" \t") and (not rendering.numbered or (runs or [])[number])
    yield from _lists_of(line, kind, ends, continues, False,
                         "`" in line and number <= html_from and not _backtick_above(lines, number), shown)


def _cell_starts(body: str, lines: list[str], rendering: Rendering, kinds: dict[int, int]) -> dict[int, set[int]]:
    """Line (0-based) → the columns of its braces that begin a cell's text in the page's tables (table_cells.cell_starts),
    asked of each "{" of a table's line (``_CELL``) with no more than blanks, quote marks and a pipe before it in
    its cell: a list there, or on a line of its own under a table's rows, is the text of a cell."""
    braces = []
    for number, kind in kinds.items():
        line = lines[number]
        if kind == _CELL and "}" in line:
            lead = len(line) - len(line.lstrip(" \t>"))
            for brace in _BRACE.finditer(line):
                at = brace.start()
                while at > lead and line[at - 1] in " \t":  # each run of blanks walked once: linear in the line
                    at -= 1
                if at <= lead or line[at - 1] == "|":
                    braces.append((number, brace.start()))
    found: dict[int, set[int]] = {}
    for number, column in table_cells.cell_starts(body, rendering, braces):
        found.setdefault(number, set()).add(column)
    return found


def _backtick_above(lines: list[str], number: int) -> bool:
    """Whether a line above line ``number`` in its block (to a blank line) holds a backtick: one that may open a code
    span the line's backticks close, where the line alone reads them otherwise."""
    while number > 0 and lines[number - 1].strip(" \t"):
        number -= 1
        if "`" in lines[number]:
            return True
    return False


def _lists_of(line: str, kind: int, ends: list[int], continues: bool, anchored: bool, alone: bool,
              shown: Collection[int] = ()):
    """``_attr_lists`` of one line's text, its cells ending at ``ends`` (or at its end), a line of its own when it
    ``continues`` a block; ``anchored``: a heading the rendering made, ending in its anchor; ``alone``: its code spans
    are those of the line alone (no backtick above it in its paragraph), where a "{" right after a code span's opening
    backtick is code (`{y}`), not an inline element's tail, and the first ends the text before a cell's first element;
    ``shown``: the columns of braces that begin a cell's text."""
    if "}" not in line:
        return
    ends = ends or [len(line)]
    # a "{" at or before it has only block syntax before it (a tab too: Python-Markdown makes tabs spaces)
    lead = len(line) - len(line.lstrip(" \t>-*+|0123456789."))
    code = _spans(line) if alone and "`" in line else ()
    cell, start = -1, line.find("{")
    while start >= 0:
        if cell < 0 or ends[cell] < start:  # the "{" is in a later cell: its lists end at that cell's last "}"
            cell = bisect.bisect_left(ends, start)
            last = line.rfind("}", start, ends[cell])
            after = line[last + 1:ends[cell]].strip()
            searched = False  # attr_list searches a heading's or cell's end once: the first "{" after a space it matches
            read_to = start  # ... in the text after its last inline element: a "{" after another's end may be its first
            # where its text ends in an inline element, attr_list searches the text before its first one instead
            # (or before an end tag: md_in_html's <dt markdown="1">说明 {: .t } *甲*</dt>)
            before_child = (line[:ends[cell]].rstrip(" \t#|").endswith(_INLINE_END)
                            or _BEFORE_END_TAG.search(line, start, ends[cell]) is not None)
            # ... up to its first: a code span, where the line's are known, is one (a "}" before another may end it)
            child = next((at for at, _ in code if at > (ends[cell - 1] if cell else -1)), len(line))
        if last < 0:  # no "}" after it in its cell
            start = line.find("{", ends[cell])
            continue
        # at the end of a heading also before its closing hashes (## 说明 {: data-toc-label="…" } ##), which
        # Markdown takes off first; toc then takes a data-toc-label off the heading, into the table of contents,
        # unseen by the rendered check
        ending = after in ("", "|") or not after.strip("#")
        own_line = start <= lead and not after and continues
        in_code = bool(code) and (span := bisect.bisect_left(code, (start,)) - 1) >= 0 and code[span][1] > start
        inline = line[start - 1:start] in _INLINE_END and not in_code
        if searched and _INLINE_ENDS.search(line, read_to, start):  # (## 说明 {注} `甲` {: #art-1 }: its tail's)
            searched = False
        read_to = start
        if (start not in shown
                and (own_line or inline or (not searched and not in_code and _reads_from(line, start, kind, ending)))
                and (match := _ATTR_LIST.match(line, start, last + 1))):
            searched = searched or not inline
            yield match.group(1), not inline, anchored and match.end() == len(line)
        # the text before an inline element: a line's start after a line of its block (BLOCK_RE), a space in a cell's
        if (start not in shown and start < child and (start <= lead and continues  # or a heading's (HEADER_RE)
                                                    or before_child and kind == _CELL and line[start - 1:start].isspace())
                and (found := list(_before_inline(line, start, ends[cell])))):
            before_child = False  # as at the end, the first "{" it matches: the search's leftmost
            yield from found
        start = line.find("{", start + 1, last)
        if start < 0 and cell + 1 < len(ends):  # on to the next cells
            start = line.find("{", ends[cell])


def reference_code(text: str) -> dict[int, list[tuple[int, int]]]:
    """Line (0-based) → the code spans of each line of ``text`` holding a reference, where a code span shows it as
    written (`&#x4e0d;` is &amp;#x4e0d; on the page), as the line alone tells them: none under a line of its block with
    a backtick (``_backtick_above``), and none in a text with raw HTML, whose blocks Markdown passes on unread."""
    if "`" not in text or "&" not in text or _TAG_START.search(text):
        return {}
    lines = text.split("\n")
    return {number: spans for number, line in enumerate(lines)
            if "`" in line and "&" in line and not _backtick_above(lines, number) and (spans := _spans(line))}


def _spans(line: str) -> list[tuple[int, int]]:
    """The code spans of a line of text (gongbao.content.notes.code_spans), none past notes.CODE_BUDGET (each backtick
    the pattern finds no end for is a search to the line's end), where its braces are read as if none were code."""
    return notes.code_spans(line) if line.count("`") * len(line) <= notes.CODE_BUDGET else []


def _html_from(body: str) -> int:
    """The line (0-based) of ``body``'s first tag of a block-level element (start or end), or its number of lines:
    below it, HTML may read lines as one text (a raw block, an ``<h2 markdown="1">``). An inline tag (<b>, <span>) is
    part of its paragraph, whose lines ``_backtick_above`` reads, and ends no block: a heading the body's rendering makes
    below it is a block of its own, its code spans its line's."""
    for tag in _TAG_START.finditer(body):
        if tag[0].lstrip("</").lower() in BLOCK_LEVEL_ELEMENTS:
            return body.count("\n", 0, tag.start())
    return body.count("\n") + 1


def _made(body: str, lines: dict[int, int]) -> dict[int, tuple[list[str], str]]:
    """Line (0-based) → (its Markdown, anchor) of each of ``lines`` the body's rendering anchors (an official number,
    written as a Markdown heading or not: gongbao.content.body_markdown): a heading and the paragraph of the rest of a
    long line, or a paragraph and its anchor's line; ``_ANCHOR_STAND_IN`` for the anchor."""
    return {number: (body_markdown.anchored(block._replace(anchor=_ANCHOR_STAND_IN)), block.anchor)
            for number, block in enumerate(body_markdown.read_blocks(body)) if block.anchor and number in lines}


# What attr_list reads of a line (``_reading``): nothing in code; in other text, a list right after an inline element
# or on a line of its own at a block's end; in a heading, a table row or a term (md_in_html's), also one after a space
_CODE, _TEXT, _CELL = 0, 1, 2
_INLINE_END = tuple(")*_`]>")  # the last character of an inline element, whose tail attr_list reads a list from
_INLINE_ENDS = re.compile(f"[{re.escape(''.join(_INLINE_END))}]")  # any of them
_BEFORE_END_TAG = re.compile(f"{_INLINE_ENDS.pattern}[ \t]*</")  # one ending an element's text before its end tag


# A "}" that may end the text before an inline element: spaces, then what may begin one (code, emphasis, a link, an image,
# an autolink); raw HTML and escapes are text to attr_list (placeholders), and over-read here
_BEFORE_INLINE = re.compile(r"\}[ ]*[`*_\[!<]")
_BEFORE_INLINE_TRIES = 64  # lists read from one "{" to the "}"s that may end that text, where each may (quotes)


def _before_inline(line: str, start: int, end: int):
    """The lists (text, strict, anchored) attr_list may read from the "{" at ``start`` of ``line`` to the end of the text
    before the first inline element of its heading, cell, term or block (``elem.text``, which it searches when the last
    has no tail: ## 说明 {: .t } `代码`, and a line of its own in a paragraph, 甲\n{: .t } *乙*): which "*" or "[" begins
    one is the inline patterns' to say, so each "}" before one (``_BEFORE_INLINE``, before ``end``) may end it, until a
    list is one attr_list assigns nothing of (a "}" in it, outside a quoted value: all the longer ones hold it too)."""
    for tries, brace in enumerate(_BEFORE_INLINE.finditer(line, start, end)):
        match = _ATTR_LIST.match(line, start, brace.start() + 1)
        if match is None or tries == _BEFORE_INLINE_TRIES:
            return
        yield match.group(1), True, False
        if get_attrs_and_remainder(match.group(1))[1] and "=\"" not in match.group(1) and "='" not in match.group(1):
            return


def _reads_from(line: str, start: int, kind: int, ends: bool = True) -> bool:
    """Whether attr_list reads a list from the "{" at ``start`` of ``line`` other than one on a line of its own: after
    an inline element, or, in a heading or cell (``_CELL``), after a space where the list may end the text (``ends``)."""
    before = line[start - 1:start]
    return before in _INLINE_END or (kind == _CELL and ends and before.isspace())


_LIST_START = re.compile(r"[ ]{0,3}(?:[*+-]|\d+\.)(?:[ ]|$)")  # a list item, as Python-Markdown's lists or more often
_SETEXT = re.compile(r"[ >]*[=-]+[ ]*")  # the line under a heading's (=== or ---), in a quote or an item too


def _reading(body: str, lines: list[str], rendering: Rendering) -> dict[int, int]:
    """What attr_list reads of each line holding a "{" (``_CODE``, ``_TEXT``, ``_CELL``), as Python-Markdown parses the
    body, or where unsure, more: a line is code only in a block of fenced_code's (``_fences``) or an indented code block
    (after a blank line, at the top level, not after a list, where no raw HTML has markdown="1"); a cell is any line of
    a heading (#, or over === or ---), a line of a block with a table's separator row, a line the body's rendering
    makes a heading (numbered: headings.classify), any line where raw HTML has markdown="1" (md_in_html reads a <h2>,
    <td> or <dt> so). The whole text is walked only for what needs it: a fence, an indented line or a table with braces."""
    kinds = {number: _TEXT for number, line in enumerate(lines) if "{" in line}
    fenced = _fences(lines)[0] if holds(body, "```") or holds(body, "~~~") else []
    in_html = "markdown" in chars.ascii_of(body).lower()
    if fenced or (not in_html and any(lines[n][:4].expandtabs(4).startswith("    ") for n in kinds)):
        _code(lines, fenced, kinds, first=rendering.numbered and not in_html, indented=not in_html)
    if nesting.SEPARATOR.search(body):  # a table's rows: the lines of a block (between blank lines) with one
        start = 0
        for number, line in enumerate([*lines, ""]):
            if not line.strip(" \t"):
                rows = [n for n in range(start, number) if kinds.get(n)]
                if rows and any(nesting.SEPARATOR.fullmatch(row) for row in lines[start:number]):
                    kinds.update(dict.fromkeys(rows, _CELL))
                start = number + 1
    for opening, _, _ in fenced:  # fenced_code reads a list from its opening line: { .python }
        if opening in kinds:
            kinds[opening] = _CELL
    for number, kind in kinds.items():
        line = lines[number]
        if kind and (in_html or line.lstrip(" \t>-*+0123456789.").startswith("#")
                     or (number + 1 < len(lines) and _SETEXT.fullmatch(lines[number + 1]))):
            kinds[number] = _CELL
        if rendering.numbered and classify(line) is not None:  # in code too: the rendering makes a heading of it there
            kinds[number] = _CELL
    return kinds


def _code(lines: list[str], fenced: list[tuple[int, int, re.Match]], kinds: dict[int, int], *, first: bool, indented: bool):
    """``kinds`` of the lines in code made ``_CODE``: in a fenced block (after its opening line), or, where ``indented``,
    in an indented block (``first``: but for the text's first line, whose indent the body's rendering strips)."""
    fences = dict((opening, closing) for opening, closing, _ in fenced)
    blank, listed, code, number = True, False, False, 0
    while number < len(lines):
        if number in fences:  # a fenced block: to what follows, a paragraph of its own (its placeholder)
            for inside in range(number + 1, fences[number] + 1):
                if inside in kinds:
                    kinds[inside] = _CODE
            blank, listed, code, number = True, False, False, fences[number] + 1
            continue
        line = lines[number].expandtabs(4)
        number += 1
        if not line.strip(" "):  # Python-Markdown's blank line (a line of spaces is one)
            blank, code = True, False
            continue
        starts = line.startswith("    ")
        if blank or (code and not starts):  # a block's first line (after its code, the rest is a block of its own)
            code = indented and starts and not listed and not first
            listed = listed if starts else bool(_LIST_START.match(line))
        blank = first = False
        if code and number - 1 in kinds:
            kinds[number - 1] = _CODE


def _attr_list_problems(lines: list[str], number: int, rendering: Rendering, kind: int, cells: bool, ids: list,
                        made: dict[int, tuple[list[str], str]], html_from: int, shown: Collection[int],
                        runs: list[bool] | None) -> list[tuple[str, str]]:
    """The problems of line ``number``'s attribute lists; each id they give added to ``ids`` as (line, tag, id)."""
    problems = []
    for text, strict, anchored in _attr_lists(lines, number, rendering, kind, cells, made, html_from, shown, runs):
        attrs, remainder = get_attrs_and_remainder(text)
        if strict and remainder:  # a "}" it cannot read: attr_list gives a block (a heading, a cell) none of the list
            # nor the anchor the rendering closed it with: toc's id of the text, braces and all, is the page's
            if anchored and (not _INLINE_ENDS.search(text) or _anchor_lost(made[number][0])):
                problems.append(anchor_lost(made[number][1]))
            continue
        for name, value in attrs:
            # as attr_list writes it: an XML name, so 编者注 stays <p 编者注>, which the rendered check refuses
            name = "class" if name == "." else sanitize_name(name)
            problem = attribute_problem("属性列表 {: … }", name.lower(), value)
            if problem:
                problems.append(problem)
            elif name.lower() == "id" and value and value != _ANCHOR_STAND_IN:  # the rendering's anchor: no editor's
                ids.append((number + 1, "属性列表 {: … }", value))
    return problems


def _anchor_lost(made: list[str]) -> bool:
    """Whether the heading of ``made`` (``_made``), its text's braces read to its anchor's "}", renders without its
    anchor: where an inline element comes between them (（一）加强统筹 {: .t } 工作 *甲*), attr_list searches its tail
    alone, which is the anchor; whether "*" begins one is the inline patterns' to say (a rare text: rendered; one with
    no character that may end an element before the anchor is not)."""
    heading = next(text for text in made if text.startswith("#"))
    return f' id="{_ANCHOR_STAND_IN}"' not in site_markdown().reset().convert(heading)


def body_problems(body: str, rendering: Rendering = HANDWRITTEN, title: str | None = None,
                  page: Callable[[], Collection[str] | None] | None = None) -> list[tuple[int, str, str]]:
    """Problems of a body as (body line, message, hint), whose page renders it as ``rendering`` says (``_attr_lists``);
    ``title``: the page's, when a generated page shows the text under it, whose links to ids around the text
    (``around_body``) rules.page_anchors tells from the page. ``page``: the ids of the page the build makes of the text
    (None: it cannot be made), asked for a link to an id the text's own rendering lacks, where the page shows another
    text with it (a draft's 起草说明 below it, with the ids it had as part of the draft: sec-2_2).

    Every line is read, code or not: whether a line of ``` opens a fence, or backticks a code span,
    depends on indentation, containers, backslashes and what closes them, and guessing it is how
    scripts got through. What is published is checked after rendering as well (``gongbao.publish.rendered_html``).
    """
    fences = _fence_problems(body) + _references(body)
    if not holds_any(body, "<]{"):
        return fences  # no tag, link, link definition or attribute list (most bodies; keeps check fast)
    links, tags = autolinks(body), holds(body, "<")
    parser = _Tags(body if tags else "")
    # One parser for the whole body: positions are body lines and tags may span lines. What it cannot read starts
    # with <! and is no comment, an error of gongbao.content.notes already, at its line. An autolink is no tag for it.
    # A body without "<" has no tag for it (most of those with a link or a list: 30 µs each).
    if tags:
        fed(parser, _blanked(body, links) if links else body)
    problems = parser.problems + _unfinished_tag(body)
    problems += [(body.count("\n", 0, start) + 1, *problem) for start, end, url in links
                 if (problem := autolink_problem(body[start:end], url, parser.raw_at(start), parser.in_tag(start)))]
    lines = body.split("\n")
    kinds = _reading(body, lines, rendering) if holds(body, "{") else {}
    braces = _brace_problems(lines, kinds) if kinds else []
    # a table's cells, as its rows are split, where splitting them is not what nesting.code_pipes refuses for its time
    cells = bool(kinds) and holds(body, "|") and not nesting.code_pipes(body)
    made = _made(body, kinds) if kinds and rendering.numbered else {}
    html_from = _html_from(body) if kinds else len(lines)
    shown = _cell_starts(body, lines, rendering, kinds) if cells and not braces else {}
    runs = body_markdown.runs_on(body) if kinds and rendering.numbered else None
    ids, targets = parser.ids, dict(parser.targets)
    for number, line in enumerate(lines):
        if "](" in line or "]:" in line:  # what each pattern below needs (most lines of a body with a link have neither)
            # a link's address as Markdown reads its escapes (#m\\_1 is #m_1), a definition's as written
            urls = [markdown_unescaped(url) for url in _MD_LINK.findall(line)] + _MD_REFERENCE.findall(line)
            for url in urls:
                if unsafe_url(url):
                    problems.append((number + 1, f"链接使用了不安全的协议：{url[:40]}", HINT_URL))
                elif (target := link_target(url)) is not None:
                    targets.setdefault(target, number + 1)
            for url in _MD_IMAGE.findall(line):
                if off_site(url) and not unsafe_url(url):
                    problems.append((number + 1, f"图片地址不在本站：{url[:40]}", HINT_IMAGE))
        if number in kinds and not braces:  # past the budget no list is read: the body is refused for its braces
            problems.extend((number + 1, *p) for p in _attr_list_problems(lines, number, rendering, kinds[number], cells, ids,
                                                                          made, html_from, shown.get(number, ()), runs))
    # An id is a link's target: one no link of the text goes to is a name no reader sees (a reserved one is told already)
    problems += [(line, *unlinked_id(tag, value)) for line, tag, value in ids if value.strip() not in targets]
    if (unknown := set(targets) - {value for _, _, value in ids}) and rendering.numbered:  # the rendering's anchors (art-3)
        unknown -= {value for _, name, value in body_markdown.generated(body) if name == "id"}
    if any(not around_body(target, title) for target in unknown) and not nesting.refused(body, rendering):  # an id no
        problems += _nowhere(body, lines, rendering, targets, title, page)  # reading of the source gives: a heading's,
        # or none, which the page alone tells (a text rules.nesting refuses for what rendering it takes is not rendered)
    return problems + _image_definitions(body, lines) + fences + braces


def _nowhere(body: str, lines: list[str], rendering: Rendering, targets: dict[str, int], title: str | None,
             page: Callable[[], Collection[str] | None] | None = None) -> list[tuple[int, str, str]]:
    """Each link of the page to an id of it that the page does not have (missing_target), as the site's Markdown renders
    the text (toc's ids of its headings, the anchors of its numbered lines, the editor's), at the line of the link, as
    gongbao.publish.rendered_html tells it of the page; or, where ``page`` gives them, as the build makes the page
    (``body_problems``). Rendered only for a text linking to an id it does not write. A text under ``title`` is
    rendered under that title's id, which the page's title took first: toc makes a heading of the title's words in the
    text 标题_1 on the page, as it does a second heading of the same words."""
    slug = _TITLE_SLUG(title, "-") if title else ""
    under = f"# {_ANCHOR_STAND_IN} {{: #{slug} }}\n\n" if slug else ""  # the title's heading, first as on the page
    rendered = site_markdown().reset().convert(under + (body_markdown.markdown(body) if rendering.numbered else body))
    ids = {html.unescape(value) for value in _ID.findall(rendered)}
    missing = [(target, href) for href in dict.fromkeys(html.unescape(href) for href in _FRAGMENT.findall(rendered))
               if not around_body(target := link_target(href), title) and missing_target(target, ids, href)]
    if missing and page is not None:
        ids |= page() or frozenset()
    found, written = [], None
    for target, href in missing:
        if problem := missing_target(target, ids, href):
            if target not in targets and written is None:  # a link the rule's patterns do not read: its line, looked up
                written = _written_targets(lines)
            found.append((targets.get(target) or written.get(target, 1), *problem))
    return found


# An address to an id as a text may write it, in a link of any form: <#…>, or up to a blank, bracket or quote
_WRITTEN_TARGET = re.compile(r"<(#[^<>\n]*)>|(#[^\s()<>\"'\]]*)")


def _written_targets(lines: list[str]) -> dict[str, int]:
    """Each id an address of ``lines`` may go to (``_WRITTEN_TARGET``, read as the page reads it) → its first line: one
    reading of the text for all the links the rule's patterns missed (a search of every line for each was quadratic:
    20,000 links to ids written with an escape, #m\\_1, in 2 MB, hours of one check)."""
    found: dict[str, int] = {}
    for number, line in enumerate(lines, 1):
        if holds(line, "#"):
            for address in (angled or bare for angled, bare in _WRITTEN_TARGET.findall(line)):
                found.setdefault(link_target(markdown_unescaped(address)), number)  # a link's
                found.setdefault(link_target(address), number)  # a definition's
    return found


def markdown_unescaped(text: str) -> str:
    """``text`` with Markdown's backslash escapes read as the site's Markdown reads them (\\_ is _, \\% stays \\%)."""
    return _escaped().sub(r"\1", text)


@functools.cache
def _escaped() -> re.Pattern:
    return re.compile(r"\\([" + re.escape("".join(site_markdown().ESCAPED_CHARS)) + "])")


_ID = re.compile(r'\sid="([^"]*)"')
_FRAGMENT = re.compile(r'\shref="(#[^"]*)"')


@functools.cache
def site_markdown() -> markdown.Markdown:
    """Python-Markdown with the extensions and settings of mkdocs.yml (the mkdocs_yml rule holds them to these)."""
    return markdown.Markdown(extensions=["attr_list", "md_in_html", "tables", "toc"], extension_configs={
        "tables": {"use_align_attribute": True}, "toc": {"permalink": False, "marker": "", "slugify": slugify(case="lower")}})


BRACE_BUDGET = 100_000  # characters read from braces to their lines' ends: past it, reading their lists took over 0.4 s


def _brace_problems(lines: list[str], kinds: dict[int, int]) -> list[tuple[int, str, str]]:
    """A body whose braces Python-Markdown would read over and over: attr_list tries its pattern at each "{" after
    spaces in a heading or a table cell (each space a try) and at the start of each inline element's tail, and each try
    reads on to the line's end for a "}"; ``_attr_lists`` reads from each such "{" to the line's last "}" and parses
    what it read. A heading of 20,000 "{: " (60 KB) took 8 s to check and 34 s to build, passing both, and the 2 MB a
    body may have, hours of each; 20,000 spaces before one "{" then 20,000 letters, 2.7 s of attr_list's. What is so
    read, from each "{" it reads from (``_reads_from``: never in code, ``_reading``) to its line's end, is counted;
    past ``BRACE_BUDGET`` the body is refused, at the line reading most, and no list is read."""
    reading = [(read, number) for number, kind in kinds.items() if (read := _brace_reading(lines[number], kind))]
    if sum(read for read, _ in reading) <= BRACE_BUDGET:
        return []
    worst = max(reading, key=lambda r: r[0])[1]  # the first of the lines reading most
    return [(worst + 1, f"这一行有 {lines[worst].count('{')} 个花括号 {{，生成网页时每一个（和它前面的每个空格）都要向后读到行尾，极慢",
             "删去多余的 { 和它前面多余的空格；要显示花括号，写全角的｛｝")]


def _brace_reading(line: str, kind: int) -> int:
    """What attr_list (and ``_attr_lists``) read of one line of ``kind`` from its braces: from each "{" it reads from,
    the rest of the line, once for each space before it, as each is a try of its pattern (a tab, which Python-Markdown
    makes spaces to the next fourth column, four)."""
    if not kind or "{" not in line:
        return 0
    line, read = line.replace("\t", "    "), 0
    for brace in _BRACE.finditer(line):
        start = brace.start()
        if _reads_from(line, start, kind):
            while start > 0 and line[start - 1] == " ":  # each space before one "{" at most: a line's counted once
                start -= 1
            read += max(brace.start() - start, 1) * (len(line) - brace.start())
    return read


_BRACE = re.compile(r"\{")


def _fence_problems(body: str) -> list[tuple[int, str, str]]:
    """What a fenced code block's opening line gives its <pre>/<code> that an attribute list there does not show:
    fenced_code (the build's) keeps the colon of "{: … }" as an attribute ':', and writes hl_lines="…" outside
    braces as an attribute. Its "{ … }" is read as any attribute list (``_attr_lists``). Past ``FENCE_BUDGET``
    characters fenced_code reads for closing lines (``_fences``), the body is refused."""
    if not (holds(body, "```") or holds(body, "~~~")):
        return []  # most bodies have neither
    found = []
    fenced, unclosed, read = _fences(body.split("\n"))
    for opening, _, m in fenced:
        if m["attrs"] is not None and m["attrs"].lstrip().startswith(":"):
            found.append((opening + 1, "代码块开头的 {: … } 会把冒号变成一个属性“:”，不在允许范围内",
                          "代码块写成 ```python 或 ``` { .python }（不加冒号）"))
        elif m["hl_lines"] is not None:
            found.append((opening + 1, "代码块开头的 hl_lines 会成为 <code> 的属性，不在允许范围内", "删去 hl_lines=…"))
        if m["lang"]:  # fenced_code writes it as a class (EDITOR_CLASSES)
            found.append((opening + 1, f"代码块开头的语言名“{chars.clipped(m['lang'], 40)}”会成为 <code> 的 class：网页上不显示，"
                                       "却会随规范文本（index.txt）和 JSON 发布", "代码块开头只写 ```，不写语言名（网站不为代码着色）"))
    if read > FENCE_BUDGET:
        found.append((unclosed[0] + 1, f"正文中有 {len(unclosed)} 个没有结尾的代码块开头（``` 或 ~~~ 开头的行），"
                                       "生成网页时每一个都要向后查找到正文末尾，极慢",
                      "给每个代码块加上与开头相同的结尾行，或删去多余的 ``` / ~~~ 行（要显示这几个字符本身，在前面加 \\）"))
    return found


def _fences(lines: list[str]) -> tuple[list[tuple[int, int, re.Match]], list[int], int]:
    """The fenced code blocks of ``lines`` as fenced_code finds them, (opening line, closing line, the opening's match),
    the openings it leaves unclosed, and what it reads looking for their closing lines. An opening line is at the
    margin and closed by the first later line that is the same fence, line by line: its pattern reads on from each
    opening left unclosed to the end of the text, so thousands of them made the build render one page for hours."""
    if not any(line[:3] in ("```", "~~~") for line in lines):
        return [], [], 0
    closers: dict[str, list[int]] = {}
    for number, line in enumerate(lines):
        if line[:3] in ("```", "~~~"):
            closers.setdefault(line.rstrip(" "), []).append(number)
    found, number, unclosed, read, at = [], 0, [], 0, 0
    starts = [at := at + len(line) + 1 for line in lines]  # where each line ends (+1): where the next starts
    while number < len(lines):
        m = _FENCE_OPENING.match(lines[number]) if lines[number][:3] in ("```", "~~~") else None
        if m and m["attrs"] and get_attrs_and_remainder(m["attrs"])[1]:
            m = None  # braces that do not match: fenced_code reads on past the line, which opens no block
        after = closers.get(m["fence"], []) if m else []
        close = bisect.bisect_right(after, number)
        if m is None or close == len(after):
            if m is not None:  # fenced_code reads on to the end for its closing line
                unclosed.append(number)
                read += starts[-1] - 1 - starts[number]
            number += 1
            continue
        found.append((number, after[close], m))
        number = after[close] + 1
    return found, unclosed, read


FENCE_BUDGET = 20_000_000  # characters fenced_code reads looking for closing lines: about a second of rendering


# fenced_code's opening line (FencedBlockPreprocessor.FENCED_BLOCK_RE up to its newline)
_FENCE_OPENING = re.compile(r"""(?P<fence>(?:~{3,}|`{3,}))[ ]*((\{(?P<attrs>[^\n]*)\})|(\.?(?P<lang>[\w#.+-]*)[ ]*)?"""
                            r"""(hl_lines=(?P<quot>"|')(?P<hl_lines>.*?)(?P=quot)[ ]*)?)\Z""")


def _references(body: str) -> list[tuple[int, str, str]]:
    """A bidirectional control written as a character reference (罚款&#x202e;0005元): the loader refuses the character
    itself, the page shows it all the same (chars.control_shown). A letter or digit written as one (罚款&#x35;000元,
    应当&#x4e0d;予处罚): the page shows the word, index.txt and the JSON twin publish the reference (chars.word_shown);
    but in a code span, which shows it as written (`&#x4e0d;` is &amp;#x4e0d; on the page), and in an e-mail autolink,
    whose address Markdown writes out character by character, its "&" as &amp;: <&#97;@b.cn> shows &#97;@b.cn."""
    if not holds(body, "&"):
        return []
    found = []
    code = reference_code(body)
    mails = [span for span in autolinks(body) if span[2].startswith("mailto:")]  # an address autolink's are shown
    for number, line in enumerate((_blanked(body, mails) if mails else body).split("\n"), 1):
        if "&#" in line and (char := chars.control_shown(line)):
            found.append((number, f"字符引用写出了{chars.describe(char)}", "删除这个字符引用；文字不需要控制字符"))
        elif "&" in line and (word := chars.word_shown(_code_blanked(line, code.get(number - 1, ())))):
            found.append((number, f"字符引用 {chars.quoted(word[0])} 在网页上显示为 {chars.quoted(word[1])}，规范文本（index.txt）"
                                  "和 JSON 发布的却是引用本身", f"直接写出 {chars.quoted(word[1])}；只有 < > & 这样的符号才需要写成 &lt; &gt; &amp;"))
    return found


def _code_blanked(line: str, spans: list[tuple[int, int]]) -> str:
    """``line`` with its code ``spans`` blanked: a reference there is shown as written."""
    for start, end in spans:
        line = line[:start] + " " * (end - start) + line[end:]
    return line


def _unfinished_tag(body: str) -> list[tuple[int, str, str]]:
    """A tag begun after the body's last ``>``: none can end there, so ``fed`` leaves it unread and no tag rule
    sees it; whether it is published as markup was left to the renderer's reading (Python-Markdown escapes it
    today) and to whatever reads the body as written. ``<!`` and ``<?`` are gongbao.content.notes' already."""
    found = _TAG_START.search(body, body.rfind(">") + 1)
    if found is None:
        return []
    return [(body.count("\n", 0, found.start()) + 1, f"{found[0][:40]} 开头的 HTML 标签没有结束（其后没有 >）",
             "要显示尖括号本身，请写 &lt;；是标签的，补上 >")]


def _image_definitions(body: str, lines: list[str]) -> list[tuple[int, str, str]]:
    """Reference definitions an image uses (``![图][1]`` … ``[1]: https://…``) that lead off the site."""
    if "![" not in body:
        return []
    labels = {notes.reference_label(label or alt) for alt, label in _MD_IMAGE_REF.findall(body)}
    problems = []
    for number, line in enumerate(lines):
        for label, url in _MD_DEFINITION.findall(line):
            if notes.reference_label(label) in labels and off_site(url) and not unsafe_url(url):
                problems.append((number + 1, f"图片地址不在本站：{url[:40]}", HINT_IMAGE))
    return problems


def in_file(item, settings):  # noqa: ARG001 — one signature for every rule of rules.FILE_RULES
    """The problems of one issue, document or interpretation (rules.per_file)."""
    src = item.source
    for line, message, hint in body_problems(src.body, BODY, None if isinstance(item, Issue) else item.title):
        yield Diagnostic(src.path, src.file_line(line), message, hint, rule=ID)
    for message, hint in title_problems(getattr(item, "title", "")):
        yield Diagnostic(src.path, src.line_of("title"), message, hint, rule=ID)


def title_problems(title: str) -> list[tuple[str, str]]:
    """(message, hint) of a title the theme would print as markup: it prints titles unescaped."""
    found = []
    if "<" in title or ">" in title:
        found.append(("标题中不能含有 < 或 >", "书名号请用《》，不要写 HTML"))
    if reference := _REFERENCE.search(title):
        found.append((f"标题中不能含有字符引用 {reference[0]}（标题是纯文字，不解析 HTML）", "直接写出这个字符，如 &amp; 写成 &"))
    if len(title.splitlines()) > 1:  # index.txt is the title, a line break, the number: a second line is read as the number
        found.append(("标题中不能换行（如 YAML 的 \\n 或 | 写法）：规范文本（index.txt）的第一行是标题、第二行是文号，"
                      "换行后的文字会被读成文号，而网页上显示为标题的一部分", "把标题写在一行内"))
    return found
