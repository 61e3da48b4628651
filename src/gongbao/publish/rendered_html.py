"""What is published is checked, not what is written: the HTML of every page built from content.

The source rule (``rules.html_safety``) reads Markdown and guesses what Markdown will make of it;
this module reads what Markdown made. Content may produce only the documented allow-list: its tags,
its attributes, safe URL schemes, no id or class the project reserves. Everything else in a page —
``<article>``, ``data-pagefind-*``, ``hidden``, ``role``, ``aria-*``, the JSON-LD ``<script>``, the
pinpoint anchors — is *privileged*: allowed only as many times as the project itself wrote it for
that page (a multiset computed from the generated page without the editor's text). Content that
closes a wrapper early or repeats a wrapper's markup gains nothing: each extra privileged item is
a violation.

The reader is the standard library's HTML tokenizer (or, for markup it has nothing to decide in, a pattern
that reads the same tags: ``simple_tags``). Where a browser would read markup the
tokenizer did not (a ``<`` left in text, a comment with markup in it, ``<!…>``, ``<?…>``), that is a
violation too: anything not understood is refused.
"""
from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable, Collection
from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser

from gongbao.content import removed as removals, urls
from gongbao.content.diagnostics import Diagnostic
from gongbao.identifiers import chars
from gongbao.identifiers.headings import is_anchor
from gongbao.rules.html_safety import (HINT_TAGS, SAFE_TAGS, anchor_lost, attribute_problem, link_target, missing_elsewhere,
                                       missing_target, repeated_attribute, reserved_id, unlinked_id)
from gongbao.rules import link_text
from gongbao.rules.hosts import lookalike
from gongbao.rules.links import Link, Where, declare, foreign_image_message, fragment_of, own_file_message
from gongbao.rules.simple_html import simple_tags

RULE = "published-html"
OWN_FILE_HINT = declare("attachments 或 images")
# What Markdown itself writes for content: h1 from "# …", align from table columns (:---:).
TAGS = SAFE_TAGS | {"h1"}
_ALIGN = frozenset({"left", "right", "center"})
FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\n.*?\n(?:\.{3}|-{3})[ \t]*\n", re.S)  # as MkDocs reads it
# toc's id of a numbered heading whose text ends in braces, shown with the anchor the rendering wrote after them (一、总则
# {注} { #sec-1 }: 一总则-注--sec-1-, _2 after a second; html_safety.anchor_lost)
_ANCHOR_SHOWN = re.compile(r"-((?:chap|sec)-[0-9a-z_-]*?)-(?:_[0-9]+)?$")

Item = tuple[str, str, str]  # (tag, attribute or "", value): ids are ("*", "id", value), wherever they sit


@dataclass(frozen=True)
class Authored:
    """Editor text printed on a page: its file, and the Markdown the page holds for it."""

    path: str                    # source file, named in messages
    line: int                    # line of the file where ``body`` starts
    body: str                    # as the editor wrote it
    inserted: str                # the Markdown of the page made from it (the same, or with anchors)
    generated: tuple[Item, ...] = ()  # privileged items the generator wrote into ``inserted``
    prefix: str = ""             # of each of its ids on the page (a print view's ``d-xzbf-2018-68-``)
    removed: removals.Removed = ()  # what notes and withheld passages took out of ``body`` (gongbao.content.removed)

    def file_line(self, line: int) -> int:
        """The line of the file of ``line`` (1-based) of ``body``."""
        return self.line - 1 + removals.source_line(self.body, self.removed, line)


@dataclass(frozen=True)
class Violation:
    message: str
    hint: str
    needles: tuple[str, ...]     # what to look for in the source, most telling first


class _Reader(HTMLParser):
    """Start tags as (tag, attributes), and markup the tokenizer could not make sense of."""

    def __init__(self):
        super().__init__(convert_charrefs=False)  # entities stay entities: a raw "<" in text is markup
        self.tags: list[tuple[str, tuple]] = []
        self.markup: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, tuple(attrs)))  # as the pattern gives them (simple_tags)

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        # Markdown writes a "<" of text as &lt;: a raw one is markup the tokenizer gave up on
        if self.cdata_elem is None and "<" in data:
            self.markup.append(data.strip()[:40])

    def handle_comment(self, data):
        if "<" in data or ">" in data:
            self.markup.append(f"<!--{data[:30]}")

    def handle_decl(self, decl):
        self.markup.append(f"<!{decl[:30]}")

    def unknown_decl(self, data):
        self.markup.append(f"<![{data[:30]}")

    def handle_pi(self, data):
        self.markup.append(f"<?{data[:30]}")


def _starts(html: str, start: int, end: int) -> int:
    """How many of the start tags ``simple_tags`` read in ``html`` have their ``<`` in ``html[start:end]``. Each ``<``
    of such markup opens a start tag or is the ``</`` of an end tag (a script's own end tag too, counted by
    ``END_TAG`` apart): the ``<``s there less the ``</``s that begin there."""
    return html.count("<", start, end) - html.count("</", start, end + 1)


def _read(html: str) -> tuple[list[tuple[str, tuple]], list[str]]:
    """The start tags of ``html`` and the markup the tokenizer could not make sense of."""
    tags = simple_tags(html)
    if tags is not None:
        return tags, []
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return reader.tags, reader.markup


@functools.lru_cache(maxsize=8192)
def _privileged_tag(tag: str, attrs: tuple) -> tuple[tuple[Item, Violation], ...]:
    """``_privileged`` of a start tag met before: a text repeats most of its tags (<p id="art-3">, the article
    numbers' spans, the same classes), a page the same anchors as other pages."""
    return tuple(_privileged(tag, attrs))


def _privileged(tag: str, attrs) -> list[tuple[Item, Violation]]:
    """The items of one start tag that content may not write, each with why."""
    out = []
    if tag not in TAGS:
        # an address in angle brackets that Markdown left a tag (not an autolink, or in a raw HTML block): html_safety's
        message = (f"发布的页面含有尖括号中的地址 <{tag}…>：它没有成为链接，作为 HTML 标签发布" if ":" in tag or "@" in tag
                   else f"发布的页面含有不允许的 HTML 标签 <{tag}>")
        out.append(((tag, "", ""), Violation(message, HINT_TAGS, (f"<{tag}", tag))))
    if repeated := repeated_attribute(f"<{tag}>", attrs):  # an item the project never writes
        message, hint, name = repeated
        out.append(((tag, name, "×2"), Violation(f"发布的页面中 {message}", hint, (f'{name}="', name))))
    for name, value in attrs:
        value = "" if value is None or value == name else value
        if name == "align" and tag in ("td", "th") and value in _ALIGN:
            continue
        problem = attribute_problem(f"<{tag}>", name, value)
        if problem:
            item = ("*", "id", value) if name == "id" else (tag, name, value)
            if name == "id" and (shown := _ANCHOR_SHOWN.search(value)) and is_anchor(shown[1]):
                problem = anchor_lost(shown[1])  # as the source rule tells it: the editor wrote no id
            message, hint = problem
            # a URL or an id is the telling part; for a handler or a style, its name is
            needles = (value, name) if name in ("href", "src", "id", "class") else (name, value)
            out.append((item, Violation(f"发布的页面中 {message}", hint, needles)))
    return out


def _project_ids(tag: str, attrs, allowed) -> list[tuple[Item, Violation]]:
    """Ids content may write, unless the project wrote the same id on this page: a second one would
    take a link (a table of contents, a print view's document) away from it."""
    return [(("*", "id", value), Violation(f"发布的页面中 <{tag}> 的 id「{value[:40]}」与网站在本页生成的 id 重复",
                                          "删除或改换该 id", (value, "id")))
            for name, value in attrs if name == "id" and value and not reserved_id(value) and ("*", "id", value) in allowed]


def trusted(page_markdown: str, authored: list[Authored]) -> Counter:
    """The privileged items the project wrote for a page: its Markdown without front matter and
    without the editor's text, plus what the generator wrote into that text (anchors)."""
    wrapper = FRONT_MATTER.sub("", page_markdown, count=1)
    for part in authored:
        inserted = FRONT_MATTER.sub("", part.inserted, count=1)
        at = wrapper.find(inserted)  # its first place, as replacing it once would take it: one search, not two
        if at < 0:
            raise ValueError(f"{part.path} 的正文不在生成的页面中")  # never trust a page we cannot take apart
        wrapper = wrapper[:at] + wrapper[at + len(inserted):]
    return written(wrapper, authored)


def written(ours: str, authored: list[Authored]) -> Counter:
    """The privileged items of markup the project wrote (``ours``, no editor's text in it), plus what the
    generator wrote into the editors' texts (anchors)."""
    items: Counter = Counter()
    for part in authored:
        items.update(part.generated)
    _count(_read(ours)[0], items)
    return items


def _count(tags, items: Counter) -> None:
    """Add the privileged items of tags the project wrote to ``items``."""
    items.update([item for tag, attrs in tags for item, _ in _privileged_tag(tag, tuple(attrs))])
    # every id the project wrote is its own, reserved-looking or not (toc, d-xzbf-2018-68…)
    items.update([("*", "id", value) for _, attrs in tags for name, value in attrs
                  if name == "id" and value and not reserved_id(value)])


def violations(html: str, allowed: Counter) -> list[Violation]:
    """Everything in a rendered page (MkDocs' ``page.content``) that is neither on the allow-list nor
    among the privileged items the project wrote for it."""
    return inspect(html, allowed)[0]


def inspect(html: str, allowed: Counter, ours: tuple[tuple[int, int], ...] = (),
            own_page: bool = True, shows: Callable[[str], str | None] | None = None, site_url: str = "",
            foreign: Callable[[str], str | None] | None = None, cites: list[str] | None = None,
            titles: Collection[str] = ()) -> tuple[list[Violation], list[str]]:
    """``violations``, and every element id of the page in document order (see ``render.ids``): one
    reading of the page serves both. ``ours``: spans of ``html`` the project wrote as HTML, whose privileged
    items ``allowed`` leaves out. Read by the pattern, each of their tags is the project's, allowed as written
    and not checked; otherwise they are read alone, as ``written`` reads them, and the page is checked whole.
    ``own_page`` False: a print view, which shows bodies as their own pages render them, each checked there for ids no
    link goes to (``_unlinked``), unprefixed: a heading's id prefixed (d-xzbf-2018-68-附件) holds words no page shows.
    ``shows``: the site's own file (content/'s logo…) an address of the page leads to, if any: no text may show one, as
    no lock holds it (rules.links.own_file, which predicts the same of the source). ``site_url``: the host a relative
    link leads to, which a link's text showing another host misleads about (rules.link_text; unknown, not judged).
    ``foreign``: the file of the site an image's address leads to when it is not the page's own (another page's
    attachment, which that page's 勘误 may replace), if any: a text a lock holds shows only its own files
    (rules.links.foreign_file, which the source rule reads too). ``cites``: given, each address of the content's links
    to an id of another page (a ``#`` after a path) is added to it, for ``elsewhere`` once every page's ids are known.
    ``titles``: the titles of the site's pages, which a link to the site may show (rules.link_text.found)."""
    left = Counter(allowed)
    located, markup = simple_tags(html), []
    simple = located is not None
    checked, known = located, left  # the items the project wrote (a count spent is 0, not gone)
    if located is None:
        _count(_read("\n".join(html[start:end] for start, end in ours))[0], left)
        located, markup = _read(html)  # the tokenizer's
        checked = located
    elif ours:
        checked, own = _apart(html, located, ours)
        known = set(left) | {("*", "id", v) for _, attrs in own for n, v in attrs if n == "id" and v and not reserved_id(v)}
    found, theirs = [], []
    for tag, attrs in checked:
        attrs, an_id = _counted_off(attrs, left) if attrs else ((), False)
        if not attrs and tag in TAGS:  # most of a text's tags (<p>, <li>…): nothing to count
            continue
        if shows is not None:
            found += [Violation(own_file_message(shown), OWN_FILE_HINT, (value,)) for name, value in attrs
                      if name in ("src", "href") and value and (shown := shows(value))]
        if foreign is not None and tag == "img":  # a site file the own-file check above did not tell
            found += [Violation(foreign_image_message(shown), OWN_FILE_HINT, (value,)) for name, value in attrs
                      if name == "src" and value and not (shows and shows(value)) and (shown := foreign(value))]
        if cites is not None:
            cites += [value for name, value in attrs if name == "href" and value and "#" in value[1:] and value[0] != "#"]
        found += [Violation(f"发布的页面中{problem[0]}", problem[1], (value, value.removeprefix("mailto:")))
                  for name, value in attrs if name in ("href", "src") and value and (problem := lookalike(value))]
        if an_id:
            theirs += [(tag, v) for n, v in attrs if n == "id" and v and not reserved_id(v) and ("*", "id", v) not in known]
        judged = _privileged_tag(tag, attrs)
        for item, violation in judged + tuple(_project_ids(tag, attrs, known)) if an_id else judged:
            if left[item] > 0:
                left[item] -= 1
            else:
                found.append(violation)
    found += [Violation(f"发布的页面中{message}", hint, needles)
              for needles, message, hint in link_text.found(html, site_url, simple, titles)]
    found += [Violation(f"发布的页面含有无法解析的标记：{m}", "删除这段标记；要显示尖括号本身，请写 &lt; 和 &gt;", (m[:12],))
              for m in markup]
    if char := chars.control_shown(html):  # the sources refuse the character; a reference (&#x202e;) shows it as well
        found.append(Violation(f"发布的页面含有{chars.describe(char)}", "删除这个字符或写出它的字符引用", (char,)))
    found += _unlinked(html, located, theirs) + _nowhere(checked, located) if own_page else []
    ids = [value for _, attrs in located for name, value in attrs if name == "id" and value is not None]
    return found, ids


_WORD = re.compile(r"[^\W_]+")
_TAGGED = re.compile(r"<[^>]*>")
_UNWORD = re.compile(r"[^\w\s]+")


def _unlinked(html: str, tags: list[tuple[str, tuple]], theirs: list[tuple[str, str]]) -> list[Violation]:
    """The content's ids (``theirs``, none the project wrote) that no link of the page goes to, as html_safety refuses
    them at the source: an id is no text a reader sees, and index.txt and the JSON twin publish its words. One whose
    words the page shows is a heading's (toc makes its id of its text, "_1" after a second one), not the editor's: the
    words of a note are shown nowhere."""
    if not theirs:
        return []
    targets = {link_target(v) for _, attrs in tags for n, v in attrs if n == "href" and v and v.startswith("#")}
    texts = None
    out = []
    for tag, value in theirs:
        if value in targets:
            continue
        # as toc makes the id: the heading's text without its punctuation (《》), a space a hyphen, and without what
        # reads as a tag once unescaped (a heading 公告&lt;b&gt;通知&lt;/b&gt; shows 公告<b>通知</b>, its id 公告通知)
        if texts is None:
            shown = unescape(_TAGGED.sub(" ", html)).lower()
            texts = [_UNWORD.sub("", shown), _UNWORD.sub("", _TAGGED.sub("", shown))]
        words = _WORD.findall(re.sub(r"_[0-9]+$", "", value.lower()))
        if any(all(word in text for word in words) for text in texts):
            continue
        message, hint = unlinked_id(f"<{tag}>", value)
        out.append(Violation(f"发布的页面中 {message}", hint, (value, "id")))
    return out


def _nowhere(checked: list[tuple[str, tuple]], tags: list[tuple[str, tuple]]) -> list[Violation]:
    """Each link of the content (``checked``: the editors' texts) to an id of its page that no element of the content
    (``tags``) has, as html_safety.missing_target tells it at the source: a reader's click goes nowhere, a citation of
    the address finds nothing."""
    links = [v for _, attrs in checked for n, v in attrs if n == "href" and v and v.startswith("#")]
    if not links:
        return []
    ids = {v for _, attrs in tags for n, v in attrs if n == "id" and v}
    out = []
    for href in dict.fromkeys(links):
        if problem := missing_target(target := link_target(href), ids, href):
            out.append(Violation(f"发布的页面中 {problem[0]}", problem[1], (href, f"#{target}")))
    return out


def elsewhere(cites: list[str], page_url: str, site_url: str, ids_of: Callable[[str], Collection[str] | None]
              ) -> list[Violation]:
    """Each of ``cites`` (``inspect``'s: addresses of the page at ``page_url``) to an id of a page of the site whose
    content has none so (``ids_of`` its URL; None: not rendered by this build, unknown), as rules.page_anchors tells it
    of the source: for every page, the generated ones too (a listing's, the print view's), when every page is rendered."""
    out, base = [], urls.site_base(site_url)
    for address in dict.fromkeys(cites):
        named = fragment_of(Link(0, address, False), Where(page_url, ""), site_url)
        if named is None or (ids := ids_of(named[0])) is None:
            continue
        if problem := missing_elsewhere(address, base + named[0], named[1], ids):
            out.append(Violation(f"发布的页面中{problem[0]}", problem[1], (address, "#" + named[1])))
    return out


def repeated(ids: list[str], found: list[Violation]) -> list[Violation]:
    """An id of a page's content (``inspect``'s) met again, unless ``found`` names it already (one the project wrote):
    a link lands on the first. The check of each text cannot see it when two texts hold it, as a print view's two
    bodies do once prefixed (doc/id/a/'s "2-x" and doc/id/a-2/'s "x": both d-id-a-2-x)."""
    if len(set(ids)) == len(ids):
        return []
    named, seen, out = {v.needles[0] for v in found}, set(), []
    for value in ids:
        if value in seen and value not in named:
            named.add(value)
            out.append(Violation(f"发布的页面中 id「{value[:40]}」不止一处", "同一页面上每个 id 只能用一次，引用链接只会落到第一处"
                                 "（整期打印版中各文件的 id 前加文件的前缀 d-…-）；请改名", (value, "id")))
        seen.add(value)
    return out


def _counted_off(attrs: tuple, left: Counter) -> tuple[tuple, bool]:
    """``attrs`` without the ids the project wrote on the page and not yet met, each counted off ``left``: whether
    judged by ``_privileged`` (reserved) or ``_project_ids``, such an id is that one item, and spends it. Ids differ
    from tag to tag (a print view prefixes each with its document's: d-…-art-3), so no memory of tags would help.
    Also whether an id with a value is left, the only attribute ``_project_ids`` looks at (most tags have none)."""
    rest, an_id = [], False
    for name, value in attrs:
        if name == "id" and value:
            item = ("*", "id", value)
            if value != name and left[item] > 0:
                left[item] -= 1
                continue
            an_id = True
        rest.append((name, value))
    return tuple(rest), an_id


def _apart(html: str, tags: list[tuple[str, tuple]], ours: tuple[tuple[int, int], ...]) -> tuple[list, list]:
    """The tags ``simple_tags`` read in ``html`` outside the spans ``ours`` (to check) and those inside them (the
    project's), by where each starts: the tags are in the page's order, so each span's are one run of them, told
    by counting the tags that start before it and in it."""
    checked, own, done, at = [], [], 0, 0
    for start, end in ours:
        first = done + _starts(html, at, start)
        last = first + _starts(html, start, end)
        checked += tags[done:first]
        own += tags[first:last]
        done, at = last, end
    return checked + tags[done:], own


def diagnostics(found: list[Violation], authored: list[Authored], page_path: str) -> list[Diagnostic]:
    """Each violation at the source line holding what was found (else the first line of the editors' text, else
    the page itself, when nothing on it is authored). Violations come in the page's order, as the source does:
    the second one found by a needle is put where the source holds that needle the second time."""
    out, taken = [], Counter()
    for v in found:
        path, line = _locate(v, authored, taken) if authored else (page_path, 1)
        out.append(Diagnostic(path, line, v.message, v.hint, rule=RULE))
    return out


def _locate(v: Violation, authored: list[Authored], taken: Counter) -> tuple[str, int]:
    # an id with a text's prefix (a print view's d-xzbf-2018-68-title) is that text's, written there without it
    own = [part for part in authored if part.prefix and v.needles[0].lower().startswith(part.prefix)] or authored
    for needle in (n.lower() for n in v.needles if n):
        # entities read as the tokenizer reads them: "&#106;avascript:" is where "javascript:" was found
        places = [(part.path, part.file_line(number))
                  for part in own
                  for number, text in enumerate((unescape(line).lower() for line in part.body.split("\n")), 1)
                  for _ in range(text.count(needle.removeprefix(part.prefix)))]
        if places:
            taken[needle] += 1
            return places[min(taken[needle], len(places)) - 1]
    return own[0].path, own[0].line
