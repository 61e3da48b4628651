"""A link shows where it leads: its text names no other host than its address's, and no link is written in another.

``[https://www.wuxi.gov.cn/zwgk/](https://evil.example/)`` shows one address and leads to another (phishing's oldest
form); so does ``[www.wuxi.gov.cn](https://evil.example/)`` or a mail address shown for another. And a link in a
link's text (``[见<https://a.cn/>](https://b.cn/)``: Markdown writes ``<a>`` in ``<a>``) is not what the page shows:
the browser ends the outer link where the inner one begins, so its text and address are not those any check read.

Both are read from the HTML (``found``): the rendered check reads each page's (gongbao.publish.rendered_html), and this
rule each text as its page renders it (rules.rendering), with the site's Markdown, only when it may hold such a link.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Collection
from html import escape, unescape
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

from gongbao.content import body_markdown
from gongbao.content.diagnostics import Diagnostic
from gongbao.content.model import Issue
from gongbao.identifiers import chars
from gongbao.rules import nesting, simple_html
from gongbao.rules.hosts import LATIN_ALIKE, folded, lookalike, named
from gongbao.rules.html_safety import site_markdown
from gongbao.rules.nesting import fed
from gongbao.rules.rendering import BODY, Rendering

ID = "link-text"

# A text that may name an address: a mark of one (a dot, a slash, @ or <, a character NFKC makes one: ．﹒︒…⒈℅＠, or an
# & that may begin a character reference to one: www&#46;wuxi&period;gov.cn) in
# a link's text, at any depth of brackets ([[甲[乙]] www.wuxi.gov.cn](…): ``_in_brackets``); a Markdown link in a link's
# text ([见[甲](…)](…), shown as written) or a raw <a …> (each alternative of _LINKED stops at the next bracket or tag,
# so 60,000 of either cost one reading of the text; an unfinished <a, which Markdown reads slowly, renders nothing
# here); or a title: an attribute's (title="…", {: title="…" }), a link's in quotes ([见](… "www.wuxi.gov.cn")), a
# reference definition's (in quotes or parentheses at its end). All but the marks looked for in the ASCII alone (the
# characters between taken out, so what the text has is found).
_DOTS = "&<.．/／@。｡﹒︒﹫＠﹤＜․‥…︙︰⒈⒉⒊⒋⒌⒍⒎⒏⒐⒑⒒⒓⒔⒕⒖⒗⒘⒙⒚⒛㏂㏇㏘🄀℀℁℅℆"
_LINKED = re.compile(r"\]\([^()\s]*\)\]|<a\s[^<>]*>", re.I)
_TITLED = re.compile(r"[\"']\s*\)")  # a quote closing a link's title: [见](https://… "www.wuxi.gov.cn")
_TITLE_ENDS = re.compile(r"[\"')][ \t]*$", re.M)  # a line ending as a reference definition's title does
_MARKS = re.compile(rf"\\[\\\[\]]|[\[\]{_DOTS}]|\n[ \t]*\n")  # an escape of a bracket, a bracket, a mark, a blank line
_OPEN = re.compile(r"\[")
_OPENS = re.compile(rf"\[(?![^\[\]\\{_DOTS}\n]*\])")  # a [ not closed before a mark, a [, an escape or a line's end

# An address in a link's text: with a scheme or //, or a host's www.; or the whole text a host name, its last label a
# country's, a common one or Chinese (wuxi.gov.cn, 无锡市人民政府.政务; not 附件1.pdf), judged against a link to a host
# only (a relative one's text may name its file: [说明.md](说明.md))
# An address shown ends where a browser's would: at a blank, at CJK punctuation (网站（www.wuxi.gov.cn）管理办法, 、，。
# “”《》【】…, and what NFKC makes of （），；: read after it) and at ASCII brackets and quotes around it; what follows is the text's.
# Not at 〔〕, which a number's address holds (/wh/锡政办发〔2018〕68号/)
_IN_ADDRESS = r"[^\s()<>,;\[\]{}\"'“”‘’、，。；：！？《》〈〉「」『』【】…—]"
_ADDRESS = re.compile(rf"(?:[a-z][a-z0-9+.-]*:)?//{_IN_ADDRESS}+|(?<![\w.@])www\.{_IN_ADDRESS}+", re.I)
_HOST_NAME = re.compile(r"(?:[\w-]+@)?[\w-]+(?:\.[\w-]+)*\.(?:[a-z]{2}|com|net|org|gov|edu|info|biz|[^\x00-\x7f\W\d_]{2,})"
                        rf"(?::\d+)?(?:[/?#]{_IN_ADDRESS}*)?", re.I)
# A host name among a text's words, in ASCII letters: 请访问 wuxi.gov.cn 办理, 请登录wuxi.gov.cn查看, 邮箱 gk@wuxi.gov.cn
# (mailto:gk@wuxi.gov.cn too), its last label a country's or a common one (not 附件1.pdf, 1.5万元, 第3.2条)
_HOST_WORD = re.compile(r"(?<![a-z0-9.@_%+-])(?:[a-z0-9._%+-]+@)?(?:[a-z0-9-]+\.)+(?:[a-z]{2}|com|net|org|gov|edu|info|biz)"
                        rf"(?![a-z0-9-])(?::\d+)?(?:[/?#]{_IN_ADDRESS}*)?", re.I)
# A run of what a host name's labels are written in, Latin letters and those that look Latin (请访问ցօօց.com办理: the
# reader sees goog.com among the words), and an ideographic full stop between such letters (www。wuxi。gov。cn; ｡, its
# half-width form, is one in NFKC): a dot to a browser
_RUN = re.compile(rf"[-a-z0-9.{re.escape(LATIN_ALIKE)}]+", re.I)
_IDEOGRAPHIC_DOT = re.compile(rf"(?<=[-a-z0-9{re.escape(LATIN_ALIKE)}])。(?=[-a-z0-9{re.escape(LATIN_ALIKE)}])", re.I)
_SCHEME = re.compile(r"[a-z][a-z0-9+.-]*:", re.I)
_AROUND = "　 \"'“”‘’《》〈〉<>()（）[]【】「」:：，,。.;；"


class _Anchors(HTMLParser):
    """Each link of HTML as (its address, what it shows), and the address of each link begun in another's text (which the
    outer one's text holds: its links are not read for their text). A link shows its text, and apart: its title, or the
    title of the innermost element around it that has one (the tooltip over it), and each alt text and title of its
    images and elements (an image not loaded shows its alt text)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []
        self.nested: list[str] = []
        self._open: list[tuple[str, list[str] | None]] = []  # each open link's address and text, None once it holds a link
        self._titled: list[tuple[str, str]] = []  # the open elements with a title: (tag, title)

    def handle_starttag(self, tag, attrs):
        attributes = {name: value for name, value in attrs if value}
        if tag == "a":
            href = attributes.get("href", "")
            if self._open:
                self.nested.append(href)
                self._open = [(outer, None) for outer, _ in self._open]
            self._open.append((href, []))
            if tooltip := attributes.get("title") or next((title for _, title in reversed(self._titled)), None):
                self.links.append((href, tooltip))
        elif self._open:
            self.links += [(self._open[-1][0], attributes[name]) for name in ("alt", "title") if name in attributes]
        if "title" in attributes and tag not in _VOID:
            self._titled.append((tag, attributes["title"]))

    def handle_startendtag(self, tag, attrs):
        """<a href="…"/>: a browser ignores the / of an element that is not void, so the text after it is the link's
        (and the title of a <span title="…"/> is over what follows), where the tokenizer would end it at once."""
        self.handle_starttag(tag, attrs)
        if tag in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if self._titled and self._titled[-1][0] == tag:
            self._titled.pop()
        if tag == "a" and self._open:
            href, text = self._open.pop()
            if text is not None:
                self.links.append((href, "".join(text)))

    def ended(self) -> None:
        """The links the markup left open, each with its text to the end: a browser ends one with its paragraph or list
        item and begins it again in the next (an <a> is a formatting element), so the text after it is its text."""
        while self._open:
            self.handle_endtag("a")

    def handle_data(self, data):
        for _, text in self._open:
            if text is not None:
                text.append(data)


_TOOLTIP = re.compile(r'[ \n]title="')  # an element's title in simple markup: a tooltip over the links in it
_VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())  # never closed: no title around


def anchors(html: str, simple: bool) -> _Anchors:
    """``html`` read for its links; ``simple``: by simple_html's patterns (markup they read), else by the tokenizer.
    Python-Markdown's pages are read so, and with no title on any element, only their links: a sixth of the time of
    reading the page with the tokenizer, which was a tenth of a build's."""
    reader = _Anchors()
    if not simple:
        fed(reader, html)  # to the last ">": the text after it, which an open link holds, is read here
        if "<" not in (tail := html[html.rfind(">") + 1:]):
            reader.handle_data(unescape(tail))
        reader.ended()
        return reader
    for start, end in [(0, len(html))] if _TOOLTIP.search(html) else simple_html.link_spans(html):
        for event in simple_html.events(html[start:end]):
            if event[0] == "data":
                reader.handle_data(event[1])
            elif event[0] == "start":
                reader.handle_starttag(event[1], event[2])
            elif event[0] == "startend":
                reader.handle_startendtag(event[1], event[2])
            else:
                reader.handle_endtag(event[1])
    reader.ended()
    return reader


def found(html: str, site_url: str = "", simple: bool | None = None, titles: Collection[str] = ()
          ) -> list[tuple[tuple[str, ...], str, str]]:
    """(what to look for in the source, message, hint) of each link of ``html`` whose text shows another host than its
    address leads to (a relative address to ``site_url``'s host; unknown, such a link is not judged), and of each link
    written in a link's text. ``simple``: whether ``html`` is markup simple_html reads (None: not known). ``titles``:
    the titles of the site's pages, which its listings show as links to them: a text that is one, leading to the site,
    names a page of it (关于印发“中国无锡”政府门户网站（www.wuxi.gov.cn）管理办法的通知), not the host it mentions; it
    may show no other page's address of the site all the same (``in_file`` refuses such a title)."""
    if "<a" not in html:
        return []
    reader = anchors(html, simple if simple is not None else simple_html.simple_tags(html) is not None)
    out = [((href,), f"链接的文字中又有链接 {chars.quoted(chars.clipped(href, 60))}：网页上链接不能套链接，浏览器在里面的"
                     "链接处结束外面的链接，读者看到、点到的与检查读到的不同",
            "把两个链接分开写，如 [说明](https://外面的网址/) 和 <https://里面的网址/>；或删去其中一个")
           for href in reader.nested]
    site = named(site_url) if site_url else None
    home = _place(site_url) if site else ()
    for href, text in reader.links:
        href = href.strip()
        # every address the text shows: the reader may read any one of them (见 https://…/ 所载 https://…/68/#art-5)
        titled = text.strip() in titles
        out += next(filter(None, (_misleading(shown, href, site, home, titled) for shown in _shown_hosts(text))), ())
    return out


def _misleading(shown: tuple[str, str, bool], href: str, site: str | None, home: tuple[str, ...], titled: bool) -> list:
    """[(what to look for, message, hint)] when the address ``shown`` in a link's text is not where ``href`` leads;
    ``titled``: the text is a page's title (``found``), which shows another host's address as its words."""
    # a text showing an address of a page of the site (a citation: …/doc/xzbf/2018/68/#art-5) leads there: to that
    # page (its id, when it shows one), by that address
    if (home and (place := _place(shown[0], True))[0] == home[0] and place[1:] != home[1:]
            and (leads := _place(href, home=home)) != place and leads[:3] + ("",) != place):
        return [((shown[0], href), f"链接显示本站的网址 {chars.quoted(chars.clipped(shown[0], 60))}，实际却指向 "
                                   f"{chars.quoted(chars.clipped(href, 60))}：读者和引用者以为去往所显示的这一页（这一处），"
                                   "点击后却到了别处",
                 "让链接指向它所显示的网址（引用本站文件的某一条，链接文字和地址都写永久网址加 #art-N），"
                 "或把链接文字写成说明文字，如 [第五条](…)")]
    leads = named(href) or (None if _SCHEME.match(href) or href.startswith("//") else site)  # relative: the site's
    if (leads is None or titled and leads == site or _same(shown[1], leads)
            or shown[2] and (not named(href) or _file_named(shown[0], href))):
        return []
    return [((shown[0], href), f"链接显示的地址 {chars.quoted(chars.clipped(shown[0], 60))} 与它实际指向的 "
                               f"{chars.quoted(chars.clipped(href, 60))} 不是同一个网站：读者以为去往 {shown[1]}，"
                               f"点击后却到了 {leads}",
             "链接文字写成说明文字，如 [无锡市人民政府网站](https://www.wuxi.gov.cn/)，或写出它真正指向的网址")]


def _shown_hosts(text: str) -> list[tuple[str, str, bool]]:
    """(an address a link's text shows, its host, whether it is a bare host name) of each it shows: the addresses among
    its words (with a scheme, // or www.: whatever the scheme, ftp:// or hxxps://, the host after // is shown), or the
    whole text a host name, or those among its words in ASCII letters or in letters made to look Latin
    (hosts.lookalike refuses it)."""
    if unicodedata.is_normalized("NFKC", text) and "." not in text and "/" not in text and "。" not in text:
        return []  # every address below holds a dot or a slash, as read: most links' text (政策解读, 第五条) has none
    text = unicodedata.normalize("NFKC", text).strip(_AROUND)  # full-width letters and ：／／ read as the browser's
    text = _IDEOGRAPHIC_DOT.sub(".", text)
    addresses = [m[0] for m in _ADDRESS.finditer(text)]
    bare = not addresses
    if bare:  # no address with a scheme, // or www.: the whole text a host name, or one among its words
        addresses = [text] if _HOST_NAME.fullmatch(text) else [
            *(run for run in _RUN.findall(text) if "." in run and not run.isascii() and lookalike("//" + run.strip("."))),
            *(m[0] for m in _HOST_WORD.finditer(text))]  # one in look-alike letters first, as shown
    out = []
    for address in addresses:
        address = address.rstrip(_AROUND)
        scheme = _SCHEME.match(address)
        if host := named("//" + address[scheme.end():].lstrip("/") if scheme else
                         address if address.startswith("//") else "//" + address):
            out.append((address, host, bare))
    return out


def _place(address: str, shown: bool = False, home: tuple[str, ...] = ()) -> tuple[str, ...]:
    """(host, path, query, fragment) of an absolute ``address`` as a browser goes there, a folder's index.html and its
    last / aside; ``shown``: a link's text, where a host name begins an address without // too; ``home``: the site's
    place, the host of an address from its root (/doc/…); () for one relative to its page, unknown here."""
    absolute = _SCHEME.match(address) or address.startswith("//")
    if not (absolute or shown or home and address.startswith("/")):
        return ()
    parts = urlsplit(address if absolute or not shown else "//" + address)
    # the text as the reader reads it (full-width ／６８ is /68), the address as the browser sends it
    read = [unicodedata.normalize("NFKC", unquote(part)) if shown else unquote(part)
            for part in (parts.path, parts.query, parts.fragment)]
    host = folded(parts.hostname or "").removeprefix("www.") if absolute or shown else home[0]
    return host, read[0].removesuffix("index.html").rstrip("/"), *read[1:]


def _file_named(shown: str, href: str) -> bool:
    """Whether the bare host name a link's text shows is the name of the Markdown file the link opens ([说明.md](…/说明.md)):
    .md is Moldova's, but a name before it without an ASCII letter is no host a reader knows, and the text says what it
    opens. Not wuxi.gov.md (ASCII), nor 无锡.cn (another ending), nor a name the link does not end in."""
    opened = unicodedata.normalize("NFKC", unquote(urlsplit(href).path.rpartition("/")[2]))
    stem, _, suffix = shown.rpartition(".")
    return shown == opened and suffix.lower() == "md" and not any(c.isascii() and c.isalpha() for c in stem)


def _same(shown: str, leads: str) -> bool:
    """Whether a text showing the host ``shown`` names the site a link ``leads`` to: the same host, or one a subdomain of
    the other, www. aside (www.wuxi.gov.cn for zwfw.wuxi.gov.cn: only who holds a name makes its subdomains), when
    the shorter is a name someone holds, not a suffix open to all (``_held``: www.gov.cn for evil.gov.cn passed)."""
    shown, leads = folded(shown).removeprefix("www."), folded(leads).removeprefix("www.")
    return (shown == leads or leads.endswith("." + shown) and _held(shown)
            or shown.endswith("." + leads) and _held(leads))


# Second-level names under a country's code that others register under (gov.cn is every government body's, com.cn,
# co.uk, ac.jp…), as the public-suffix list has them; a two-letter one under a country's code too (js.cn, a
# province's). Not the list itself: a dependency of thousands of names for the few a Chinese gazette links to.
_OPEN_SECOND = frozenset({"ac", "co", "com", "edu", "gov", "mil", "net", "org"})


def _held(host: str) -> bool:
    """Whether ``host`` (www. aside) is a name someone holds, whose subdomains are theirs: not a top-level domain, nor
    one of a country's open second-level names (``_OPEN_SECOND``)."""
    labels = host.split(".")
    if len(labels) < 2:
        return False
    return not (len(labels) == 2 and len(labels[1]) == 2 and (labels[0] in _OPEN_SECOND or len(labels[0]) == 2))


def problems(body: str, rendering: Rendering, site_url: str) -> list[tuple[int, str, str]]:
    """(line, message, hint) of each link ``found`` in ``body`` as its page renders it, at the first line holding what
    it was found by that no problem before took."""
    marks = chars.ascii_of(body)  # a [ or a < in its few ASCII characters first: the search reads every character
    if ("[" not in marks and "<" not in marks) or not (
            _LINKED.search(marks) or _in_brackets(body) or "title" in marks.lower() or _TITLED.search(marks)
            or "]:" in marks and _TITLE_ENDS.search(marks)):
        return []  # most texts: no link text with a dot, a slash or a tag, no title and no raw link
    if nesting.refused(body, rendering):
        return []  # not rendered: refused by rules.nesting for what rendering it takes (the build renders nothing)
    html = site_markdown().reset().convert(body_markdown.markdown(body) if rendering.numbered else body)
    lines = [unescape(line.replace("\\", "")) for line in body.split("\n")]  # as the address and text show
    out, taken = [], Counter()
    for needles, message, hint in found(html, site_url):
        # the second link found by a needle is where the text holds it the second time
        needle = next((n for n in needles if n and any(n in line for line in lines)), "")
        places = [number for number, line in enumerate(lines, 1) for _ in range(line.count(needle))] if needle else [1]
        taken[needle] += 1
        out.append((places[min(taken[needle], len(places)) - 1], message, hint))
    return out


def _in_brackets(text: str) -> bool:
    """Whether a mark of an address (``_DOTS``) is in brackets: after a [ of its block not closed before it, as
    Python-Markdown matches a link text's brackets (by counting them, an escaped one aside). Where a code span is (a ]
    in one closes nothing), after any [ of its block. One pass over the brackets, and the marks and blank lines in them."""
    closes, depth, at = "`" not in text, 0, 0
    while opened := (_OPENS if closes else _OPEN).search(text, at):  # past the marks out of brackets, and [2018]
        for token in _MARKS.finditer(text, opened.start()):
            mark = token[0]
            if mark == "[":
                depth += 1
            elif mark == "]":
                depth = max(depth - closes, 0)
            elif mark[0] == "\n":
                depth = 0
            elif mark[0] != "\\":
                return True
            if not depth:
                at = token.end()
                break
        else:
            return False
    return False


def may_show_address(text: str) -> bool:
    """Whether ``text`` holds a dot or a slash as a reader reads it (NFKC: ．and ／ are . and /; 。 is a host's dot):
    without one it shows no address ``found`` reads."""
    return any(mark in unicodedata.normalize("NFKC", text) for mark in "./\\。")


def title_problems(title: str, site_url: str) -> list[tuple[str, str]]:
    """(message, hint) when ``title`` shows the address of a page of the site: the listings show a title as a link to
    its page (``found``'s titles) and the print view to its place there, which that address is not (its own page's is
    not its place in a print view). Most titles show none (``may_show_address``): not made a page to read (30 µs a
    file, a tenth of a cold check's per-file work)."""
    if not may_show_address(title):
        return []
    return [(f"标题显示本站网页的网址 {chars.quoted(chars.clipped(needles[0], 60))}：目录、列表和打印版把标题作为链接文字，"
             "指向本文件（或它在打印版中的位置），读者以为去往所显示的那一页，点击后却到了别处",
             "标题中不写本站网页的网址；要提及本站的文件，写它的文号或标题")
            for needles, _, _ in found(f'<a href="{escape(site_url)}">{escape(title)}</a>', site_url, None, (title,))[:1]]


def in_file(item, settings):
    """The problems of one document or interpretation (rules.per_file), its title's too; an issue's note is no
    Markdown, and its title the project's."""
    if isinstance(item, Issue):
        return
    src = item.source
    for line, message, hint in problems(src.body, BODY, settings.site_url):
        yield Diagnostic(src.path, src.file_line(line), message, hint, rule=ID)
    for message, hint in title_problems(item.title, settings.site_url):
        yield Diagnostic(src.path, src.line_of("title"), message, hint, rule=ID)
