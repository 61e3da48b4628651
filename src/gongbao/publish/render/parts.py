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
from gongbao.publish.render.html import front_matter

# An HTML comment: Markdown passes it through as it is, and no body can hold one (gongbao.content.notes
# removes every comment an editor wrote, before anything else reads the text).
MARK = "<!--gb-part-->"


@dataclass(frozen=True)
class Markdown:
    text: str
    authored: rendered_html.Authored | None = None  # an editor's text (a body), not ours (the title heading)


@dataclass(frozen=True)
class Page:
    meta: dict
    parts: tuple[str | Markdown, ...]
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
        return [p.authored for p in self._markdown_parts() if p.authored]

    def ours(self) -> str:
        """Every part the project wrote: the HTML, and the Markdown that is not an editor's."""
        return "\n".join(p if isinstance(p, str) else p.text for p in self.parts
                         if isinstance(p, str) or not p.authored)

    def our_markdown(self) -> str:
        """The Markdown parts the project wrote (the title heading): their rendering is checked, as an editor's is."""
        return "\n".join(p.text for p in self._markdown_parts() if not p.authored)

    def assemble(self, rendered: str) -> str:
        """The page's HTML from MkDocs' rendering of ``markdown()``."""
        return "".join(text for text, _ in self.pieces(rendered))

    def pieces(self, rendered: str) -> list[tuple[str, bool]]:
        """Each part's HTML in page order, and whether the project wrote it as HTML."""
        pieces = iter(rendered.split(MARK))
        expected = len(self._markdown_parts())
        if rendered.count(MARK) != expected - 1:
            raise ValueError(f"渲染结果应有 {expected} 段，实有 {rendered.count(MARK) + 1} 段")
        return [(p, True) if isinstance(p, str) else (next(pieces).strip("\n") + "\n", False) for p in self.parts]


@dataclass(frozen=True)
class Prose:
    """A generated page MkDocs renders whole, ours and editors' texts in one Markdown text (an issue's print
    view), with the editors' texts it prints: made with the page, from the same reading of each body."""
    text: str
    texts: tuple[rendered_html.Authored, ...]

    def markdown(self) -> str:
        return self.text

    @cached_property
    def digest(self) -> bytes:
        return hashlib.sha256(repr(self).encode()).digest()

    def authored(self) -> list[rendered_html.Authored]:
        return list(self.texts)


def source(page: Page | Prose | str) -> str:
    """The Markdown MkDocs reads for a generated page (see ``gongbao.publish.render.site.pages``)."""
    return page if isinstance(page, str) else page.markdown()


def digest(page: Page | Prose | str | None) -> bytes:
    """All of a generated page, for the incremental build's record: a page's own, kept with it."""
    return page.digest if isinstance(page, (Page, Prose)) else repr(page).encode()


def published(page: Page | Prose | str, rendered: str,
              authored: list[rendered_html.Authored]) -> tuple[str, Counter, tuple[tuple[int, int], ...]]:
    """A page's published content from MkDocs' rendering of ``source(page)``, the privileged items the
    project wrote on it and the spans of it the project wrote as HTML (``gongbao.publish.rendered_html.inspect``:
    the items of those spans are read with the page, not counted here); ``authored`` is what a page of Markdown
    prints of editors' texts (a ``Page`` or ``Prose`` knows its own). Raises ValueError for a page it cannot take apart."""
    if isinstance(page, Page):
        html, spans, at = [], [], 0
        for text, ours in page.pieces(rendered):
            if ours:
                spans.append((at, at + len(text)))
            html.append(text)
            at += len(text)
        return "".join(html), rendered_html.written(page.our_markdown(), page.authored()), tuple(spans)
    if isinstance(page, Prose):
        return rendered, rendered_html.trusted(page.text, page.authored()), ()
    return rendered, rendered_html.trusted(page, authored), ()
