"""What a reader, a court and the search index rely on in a built page, as comparable data: the ids,
the headings, the table of contents, the search attributes and the text of the page's content.

    .venv/bin/python tests/page_shape.py SITE > tests/data/sample_page_shape.json

writes it for the document, interpretation and print-view pages of a built sample (rewrite it only
when a change to those pages is intended, and say so in the commit).
"""
from __future__ import annotations

import hashlib
import json
import sys
from html.parser import HTMLParser
from pathlib import Path

_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


class _Shape(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids, self.headings, self.search, self.text = [], [], [], []
        self._heading = None

    def handle_starttag(self, tag, attrs):
        attrs = {name: "" if value in (None, name) else value for name, value in attrs}
        if "id" in attrs:
            self.ids.append(attrs["id"])
        self.search += sorted(f"{k}={v}" for k, v in attrs.items() if k.startswith("data-pagefind"))
        if tag in _HEADINGS:
            self._heading = [tag, attrs.get("id", ""), ""]

    def handle_endtag(self, tag):
        if tag in _HEADINGS and self._heading:
            self._heading[2] = " ".join(self._heading[2].split())
            self.headings.append(self._heading)
            self._heading = None

    def handle_data(self, data):
        self.text.append(data)
        if self._heading:
            self._heading[2] += data


def _read(html: str) -> _Shape:
    shape = _Shape()
    shape.feed(html)
    shape.close()
    return shape


def shape(page: str) -> dict:
    """The shape of a built page: its content (inside ``#gb-content``), its table of contents (Material's
    sidebar) and its contents control (render/contents.py: the list of a page whose sidebar is empty)."""
    start, end = page.index('id="gb-content"'), page.rindex("</article>")
    content = _read(page[page.rindex("<", 0, start):end])
    toc = page[page.index("md-nav--secondary"):page.index('data-md-component="content"')] if "md-nav--secondary" in page else ""
    text = " ".join(" ".join(t.split()) for t in content.text if t.strip())  # text nodes, whitespace aside
    control = page[page.index('<details class="gb-contents"'):] if '<details class="gb-contents"' in page else ""
    return {"ids": content.ids, "headings": content.headings, "search": content.search,
            "toc": [i for i in _read(toc).ids] + [h for h in _hrefs(toc)],
            "contents": _hrefs(control[:control.find("</details>") + 1]),
            "text": hashlib.sha256(text.encode("utf-8")).hexdigest()}


def _hrefs(html: str) -> list[str]:
    return [part.split('"', 1)[0] for part in html.split('href="')[1:]]


def pages(site: Path) -> dict[str, dict]:
    """Every document, interpretation and issue print view of a built site, by URL."""
    out = {}
    for path in sorted(site.glob("doc/**/index.html")) + sorted(site.glob("gazette/*/*/print/index.html")):
        out[path.parent.relative_to(site).as_posix() + "/"] = shape(path.read_text(encoding="utf-8"))
    return out


if __name__ == "__main__":
    json.dump(pages(Path(sys.argv[1])), sys.stdout, ensure_ascii=False, indent=1, sort_keys=True)
