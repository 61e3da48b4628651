"""What a correct search must find, computed from the built HTML independently of Pagefind."""
from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from gongbao.identifiers.script import to_simplified


class _IndexedText(HTMLParser):
    """Text inside ``data-pagefind-body`` minus ``data-pagefind-ignore`` parts, as Pagefind indexes it."""

    VOID = {"br", "img", "hr", "meta", "link", "input", "wbr", "source"}

    def __init__(self):
        super().__init__()
        self.stack: list[tuple[bool, bool]] = []  # (in body, ignored) per open element
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        names = dict(attrs)
        body, ignored = self.stack[-1] if self.stack else (False, False)
        state = (body or "data-pagefind-body" in names, ignored or "data-pagefind-ignore" in names)
        if tag not in self.VOID:
            self.stack.append(state)

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if self.stack and self.stack[-1] == (True, False):
            self.parts.append(data)


def indexed_pages(site: Path) -> dict[str, str]:
    """Site-relative URL → indexed text folded to Simplified, for every page Pagefind indexes."""
    pages = {}
    for path in sorted(site.rglob("index.html")):
        html = path.read_text(encoding="utf-8")
        if "data-pagefind-body" not in html:
            continue
        parser = _IndexedText()
        parser.feed(html)
        url = path.parent.relative_to(site).as_posix() + "/"
        pages[url] = to_simplified("".join(parser.parts))
    return pages


def expected(pages: dict[str, str], query: str) -> set[str]:
    parts = [to_simplified(p) for p in query.split()]
    return {url for url, text in pages.items() if all(p in text for p in parts)}
