"""An id written in content takes no other element's place: a court's citation lands on the build's own.

A browser goes to the first element with the cited id, so ``<span id="art-3">`` above the real
第三条 would capture ``#art-3``. Anchor ids belong to the build (gongbao.identifiers.headings); an editor's
id or name — raw HTML, an attribute list ``{: #art-3 }`` / ``{ id=art-3 }``, or a Markdown
heading whose text becomes its id (``## Art 3``) — is refused when, written any way a browser or
the slug would fold it to, it is in the anchor grammar, or ends in one after the print view's
document prefix (``d-xzbf-2018-68-art-3``); so is a heading's slug holding one (``## Art 3z``: art-3z), and any id of a
document whose print-view prefix holds one (``id: art-5``: d-id-art-5-note), which the build's check of the page
refuses (``html_safety.anchor_like``). Code is not exempt: nothing in a gazette needs it.
So are ids the page around the body uses (``gb-…``, ``__…``, ``toc``, ``title``) and an id written twice in
ways Markdown cannot tell apart. The build checks the page once more (gongbao.publish.render.ids).
"""
from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache
from html.parser import HTMLParser
from urllib.parse import unquote

from gongbao.content import urls
from gongbao.content.diagnostics import Diagnostic
from gongbao.content.model import Document
from gongbao.identifiers.chars import holds, holds_any
from gongbao.identifiers.headings import classify, is_anchor, written_heading
from gongbao.rules.html_safety import anchor_like
from gongbao.rules.nesting import fed

ID = "anchor-id"

_ATTR_LIST = re.compile(r"\{:?([^{}\n]*)\}")
_ATTR_ID = re.compile(r"""(?:^|\s)(?:#([^\s}]+)|(id|name)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s}]+)))""", re.I)
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
# the page's own: templates (gb-content, __drawer), print view (d-…, and each document's heading: d-xzbf-2018-68-title)
_SITE_IDS = re.compile(r"(?:gb-|__|d-).*|toc|title")
_EMPHASIS = re.compile(r"(?<!\w)[_*]+|[_*]+(?!\w)")
_TAG = re.compile(r"</?[^>]*>")
_CANDIDATE = re.compile(r"\{|#|\n[^\S\n]*[=-]")  # literal alternatives: scanned as a set


def imitates_anchor(value: str) -> bool:
    text = unicodedata.normalize("NFKC", unquote(value)).strip().lower()
    # the print view prefixes each document's anchors: d-xzbf-2018-68-art-3
    tails = [text[i + 1:] for i, c in enumerate(text) if c == "-"] if text.startswith("d-") else []
    return any(map(is_anchor, [text, *tails]))


def _slug(heading: str) -> str:
    """The id the toc extension gives a heading: its text as rendered, through pymdownx.slugs (lower case)."""
    text = _EMPHASIS.sub("", _TAG.sub("", html.unescape(_ATTR_LIST.sub("", heading)))).strip()
    return re.sub(r"[^\w\- ]", "", text).lower().replace(" ", "-")


class _Attributes(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str, str]] = []

    def handle_starttag(self, tag, attrs):
        self.found += [(self.getpos()[0], v, "html" if k == "id" else k) for k, v in attrs if k in ("id", "name") and v]

    handle_startendtag = handle_starttag


def _written_ids(body: str):
    """(line, id, how) of every id or name content writes itself; how: html, attr, name or slug."""
    if holds(body, "<"):  # most bodies have no tag: the parser is most of this rule's time
        parser = _Attributes()
        fed(parser, body)  # markup it cannot read is html_safety's error; the ids before it are still checked
        yield from parser.found
    for number, line, below in _candidates(body):
        if "{" in line:
            for attrs in _ATTR_LIST.findall(line):
                for hashed, key, *value in _ATTR_ID.findall(attrs):
                    yield number, hashed + "".join(value), "name" if key.lower() == "name" else "attr"
        heading = _atx(line) if "#" in line else None
        text = heading[1] if heading else None
        if (below is not None and below.lstrip().startswith(("=", "-")) and line.strip()
                and _SETEXT.match(below) and not _SETEXT.match(line)):
            text = line
        if text and not _official(text):  # official headings get ours
            yield number, _slug(text), "slug"


def _atx(line: str) -> tuple[int, str] | None:
    """written_heading of a line indented at most three spaces, as Markdown reads a heading."""
    text = line.lstrip()
    return written_heading(text) if len(line) - len(text) <= 3 else None


def _official(heading: str) -> bool:
    """Whether the heading is an official one (第三条, 一、…: classify). Headings recur from document to document
    (第一章 总则, 附件): the short ones are classified once a process (0.05 s of this rule's 0.25 over a cold
    check's 17,974 files at 10,000 documents); a long one is classified again, so no body makes the cache hold much."""
    return _official_short(heading) if len(heading) <= _SHORT else classify(heading) is not None


_SHORT = 80  # characters: 4,096 cached headings hold at most a few megabytes


@lru_cache(maxsize=1 << 12)
def _official_short(heading: str) -> bool:
    return classify(heading) is not None


def _candidates(body: str) -> list[tuple[int, str, str | None]]:
    """(number, line, the line below or None) of the lines (1-based) that can write an id: with a { or a #, or
    above a line that may underline a heading (= or - after any space). One scan of the body, none for most,
    and only those lines cut out: a look at each line, then splitting every body, was most of this rule's time.
    The line below is None also where no line can underline (no = or -): not cut out for each heading."""
    underlined = holds_any(body, "=-")
    if underlined:
        starts = [match.start() for match in _CANDIDATE.finditer(body)]
    else:  # no underline: the { and # alone, each found by a substring search (the regex looked at every character)
        starts = sorted(at for ch in "{#" if holds(body, ch) for at in _first_on_each_line(body, ch))
    found, number, last = [], 1, 0
    for start in starts:
        number += body.count("\n", last, start)
        last = start
        if not found or found[-1][0] != number:  # the line of a { or #, or the one a line break ends, above its underline
            end = _end_of_line(body, start)
            below = body[end + 1:_end_of_line(body, end + 1)] if underlined and end < len(body) else None
            found.append((number, body[body.rfind("\n", 0, start) + 1:end], below))
    return found


def _first_on_each_line(text: str, ch: str):
    """Where ``ch`` is first on each line that has it: a line is a candidate once (each # of ## heading was 1 µs)."""
    at = text.find(ch)
    while at >= 0:
        yield at
        at = text.find(ch, _end_of_line(text, at))


def _end_of_line(body: str, start: int) -> int:
    end = body.find("\n", start)
    return len(body) if end < 0 else end


IMITATES = ("正文自设的 id “{}”与条文锚点相同或相似，会抢走引用该处的链接",
            "条、章、节、项的锚点（如 #art-3、#sec-1-2）由系统生成；删除这个 id，或改用不像锚点的名称（如 note-1）")
RESERVED = ("正文自设的 id “{}”是网站页面自用的名称", "gb-、__、d- 开头的 id 和 toc、title 留给网站页面；请换一个名称（如 note-1）")
PRINTED = ("正文自设的 id “{{}}”在整期打印版中加上本文的前缀 {}-，形如条文锚点",  # the prefix first, then the id
           "本文在打印版中的前缀来自文件的 id 或机关代字的代码：删除这个 id，或给文件换一个不含 art-、chap-、sec- 加数字的 id")
REPEATED = ("正文中的 id “{}”不止一处", "同一页面上每个 id 只能用一次，引用链接只会落到第一处；请改名或删去重复的")
# The toc extension makes a heading's id unique among the ids Markdown sets (attribute lists), but
# it cannot see raw HTML: these pairs of ways of writing an id can clash on the page.
_CLASH = {frozenset({"html"}), frozenset({"attr"}), frozenset({"html", "attr"}), frozenset({"html", "slug"})}


def problems(body: str, printed: str = "") -> list[tuple[int, str, tuple[str, str]]]:
    """(line, id, (message, hint)) for every id the body writes that could take another's place, or that the
    build's check of the page refuses as one (``anchor_like``: art-3z, a heading's slug too). ``printed``: the
    prefix of a document's ids in its issue's print view (d-xzbf-2018-68), where each is checked with it."""
    found, first = [], {}
    for line, value, how in sorted(_written_ids(body)):
        if not value:
            continue
        # an id written in HTML or an attribute list that holds an anchor (art-3-x) is html_safety's reserved id
        if imitates_anchor(value) or how == "slug" and anchor_like(value):
            found.append((line, value, IMITATES))
        elif how != "name" and _SITE_IDS.fullmatch(value):  # a heading's slug too: ## GB content
            found.append((line, value, RESERVED))
        elif how != "name" and printed and not anchor_like(value) and anchor_like(f"{printed}-{value}"):
            found.append((line, value, (PRINTED[0].format(printed), PRINTED[1])))  # a document id or code: art-5
        elif how != "name" and value in first and frozenset({first[value], how}) in _CLASH:
            found.append((line, value, REPEATED))
        first.setdefault(value, how)
    return found


def in_file(item, settings):
    """The problems of one issue, document or interpretation (rules.per_file)."""
    src = item.source
    for line, value, (message, hint) in problems(src.body, _printed(item, settings)):
        yield Diagnostic(src.path, src.file_line(line), message.format(value), hint, rule=ID)


def _printed(item, settings) -> str:
    """A document's prefix in its issue's print view; "" for anything else, or a document with no URL yet (its
    issuer's code is reported by the issuer-code rule)."""
    try:
        return urls.print_anchor(item, settings.issuer_codes) if isinstance(item, Document) else ""
    except KeyError:
        return ""
