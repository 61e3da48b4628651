"""A generated page whose Markdown is rendered once, alone: the HTML around it is written as HTML.

A document's page used to be one Markdown text with our markup wrapped around the body
(``<article markdown="1">``): Python-Markdown parsed our HTML again, and every check had to take the
page apart to tell ours from the editor's. Here a page is a sequence of parts: HTML we wrote, and
Markdown (the title, the body). MkDocs renders only the Markdown parts, in order, with ``MARK``
between them, in one conversion (ids made unique across the page, one table of contents, links
resolved as MkDocs resolves them); ``assemble`` puts each rendered part back in its place.
"""
from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass
from functools import cached_property

from gongbao.publish import rendered_html
from gongbao.publish.render import printed_body, ui
from gongbao.publish.render.html import front_matter, link

# An HTML comment: Markdown passes it through as it is, and no body can hold one (gongbao.content.notes
# removes every comment an editor wrote, before anything else reads the text).
MARK = "<!--gb-part-->"


@dataclass(frozen=True)
class Markdown:
    text: str
    authored: rendered_html.Authored | None = None  # an editor's text (a body), not ours (the title heading)


@dataclass(frozen=True)
class Borrowed:
    """A document's body shown on another page (its issue's print view): not rendered again, but taken from the
    HTML of the document's page (``page``, its URL) and moved (``gongbao.publish.render.printed_body``)."""
    page: str                        # URL of the page it is taken from
    here: str                        # URL of the page that shows it
    prefix: str                      # of each of its ids here
    authored: rendered_html.Authored  # as this page holds it (ids prefixed), for the check
    rendered_with: str               # the Markdown rendered with it there (its title heading: ids are unique across both)


@dataclass(frozen=True)
class Page:
    meta: dict
    parts: tuple[str | Markdown | Borrowed, ...]
    # (level, id, title) of headings in our HTML that the table of contents lists after the Markdown's
    headings: tuple[tuple[int, str, str], ...] = ()

    def _markdown_parts(self) -> list[Markdown]:
        return [p for p in self.parts if isinstance(p, Markdown)]

    def markdown(self) -> str:
        """What MkDocs reads and renders: the front matter, then the Markdown parts."""
        return self._markdown

    @cached_property  # kept with the page: the preview hands MkDocs each unchanged page again at every edit
    def _markdown(self) -> str:
        return front_matter(**self.meta) + f"\n\n{MARK}\n\n".join(p.text.strip("\n") for p in self._markdown_parts()) + "\n"

    @cached_property
    def digest(self) -> bytes:
        """A hash of all of the page, for the incremental build's record (gongbao.publish.incremental)."""
        return hashlib.sha256(repr(self).encode()).digest()

    def authored(self) -> list[rendered_html.Authored]:
        """The editors' texts the page prints, as ``gongbao.publish.rendered_html`` checks them."""
        return [p.authored for p in self.parts if not isinstance(p, str) and p.authored]

    def borrowed(self) -> list[Borrowed]:
        return [p for p in self.parts if isinstance(p, Borrowed)]

    def body(self, rendered: str) -> str:
        """The HTML of the one editor's text this page prints (a document's body), for a page that borrows it."""
        found = [text for (text, _), part in zip(self.pieces(rendered), self.parts)
                 if isinstance(part, Markdown) and part.authored]
        if len(found) != 1:
            raise ValueError(f"页面应有一段正文，实有 {len(found)} 段")
        return found[0]

    def ours(self) -> str:
        """Every part the project wrote: the HTML, and the Markdown that is not an editor's."""
        return "\n".join(p if isinstance(p, str) else p.text for p in self.parts
                         if isinstance(p, str) or isinstance(p, Markdown) and not p.authored)

    def our_markdown(self) -> str:
        """The Markdown parts the project wrote (the title heading): their rendering is checked, as an editor's is."""
        return "\n".join(p.text for p in self._markdown_parts() if not p.authored)

    def assemble(self, rendered: str, lent: dict[str, str] | None = None) -> str:
        """The page's HTML from MkDocs' rendering of ``markdown()``."""
        return "".join(text for text, _ in self.pieces(rendered, lent))

    def pieces(self, rendered: str, lent: dict[str, str] | None = None) -> list[tuple[str, bool]]:
        """Each part's HTML in page order, and whether the project wrote it as HTML. ``lent``: the HTML of each body
        the page borrows, by the URL of the page it is taken from (``Page.body`` of that page's rendering)."""
        expected = len(self._markdown_parts())
        if expected and rendered.count(MARK) != expected - 1:
            raise ValueError(f"渲染结果应有 {expected} 段，实有 {rendered.count(MARK) + 1} 段")
        pieces, left, out = iter(rendered.split(MARK)), PRINT_TAGS, []
        for p in self.parts:
            if isinstance(p, str):
                out.append((p, True))
            elif not isinstance(p, Borrowed):
                out.append((next(pieces).strip("\n") + "\n", False))
            elif (tags := lent[p.page].count("<")) > left:
                out.append((elsewhere(p), True))
            else:
                left -= tags
                out.append((printed_body.moved(lent[p.page], p.prefix, p.page, p.here), False))
        return out


# Tags (counted as "<") of the bodies one page borrows: a print view shows every document of its issue, and each may be
# as large as the budgets of rules.nesting allow (500,000 cells of a table, 480,000 emphases): four such documents made a
# print view of 20 MB, and the build took 1.3 GB (twenty ran out of memory), though every document passed. A 公示名单 of
# 40,000 rows is 450,000; a usual issue, some thousands.
PRINT_TAGS = 2_000_000


def elsewhere(part: Borrowed) -> str:
    """What a page shows for a body past PRINT_TAGS: where to read and print it."""
    return (f'<p class="gb-print-doc__elsewhere">{ui.t("本件篇幅很长，整期打印版不收其正文：请到")}'
            f'{link(part.here, part.page, ui.t("本件的页面"))}{ui.t("阅读、打印。")}</p>\n')


def source(page: Page | str) -> str:
    """The Markdown MkDocs reads for a generated page (see ``gongbao.publish.render.site.pages``)."""
    return page if isinstance(page, str) else page.markdown()


def digest(page: Page | str | None) -> bytes:
    """All of a generated page, for the incremental build's record: a page's own, kept with it."""
    return page.digest if isinstance(page, Page) else repr(page).encode()


def published(page: Page | str, rendered: str, authored: list[rendered_html.Authored],
              lent: dict[str, str] | None = None) -> tuple[str, Counter, tuple[tuple[int, int], ...]]:
    """A page's published content from MkDocs' rendering of ``source(page)``, the privileged items the
    project wrote on it and the spans of it the project wrote as HTML (``gongbao.publish.rendered_html.inspect``:
    the items of those spans are read with the page, not counted here); ``authored`` is what a page of Markdown
    prints of editors' texts (a ``Page`` knows its own); ``lent``, the bodies a page borrows (``Page.pieces``).
    Raises ValueError for a page it cannot take apart."""
    if isinstance(page, Page):
        html, spans, at = [], [], 0
        for text, ours in page.pieces(rendered, lent):
            if ours:
                spans.append((at, at + len(text)))
            html.append(text)
            at += len(text)
        return "".join(html), rendered_html.written(page.our_markdown(), page.authored()), tuple(spans)
    return rendered, rendered_html.trusted(page, authored), ()
