"""What the built site will hold, asked path by path, without building it.

The pages named by identifiers and the hand-written files are known at once. Everything else the
renderers generate (catalogue pages, redirects, twins, feeds) is only listed when a question cannot be
answered without it: listing means rendering the whole archive, which most checks never need.
"""
from __future__ import annotations

import posixpath
from typing import Callable, Iterable

from . import urls
from .handwritten import HandWritten, page_url

# () → (generated page URLs, generated file paths)
Generated = Callable[[], tuple[Iterable[str], Iterable[str]]]


def nothing() -> tuple[Iterable[str], Iterable[str]]:
    return (), ()


class SitePaths:
    def __init__(self, pages: Iterable[str], handwritten: HandWritten, generated: Generated = nothing):
        self._sources: set[str] = set(handwritten.files)  # MkDocs' src_uri of every file it builds
        self._pages: set[str] = {page_url(f) for f in handwritten.files if f.endswith(".md")}
        self._files: set[str] = {f for f in handwritten.files if not f.endswith(".md")}
        self._add(pages, ())
        self._generated: Generated | None = generated

    def source(self, uri: str) -> bool:
        """MkDocs has a file of this ``src_uri``: a page's Markdown (``doc/xzbf/2018/68/index.md``) or another file."""
        return self._known(lambda: uri in self._sources)

    def served(self, path: str) -> bool:
        """A reader's browser finds a page or a file at this path of the site (no leading slash)."""
        folder = path.removesuffix("index.html").rstrip("/")
        return self._known(lambda: path in self._files or (f"{folder}/" if folder else "") in self._pages
                           or posixpath.join(folder, "index.html") in self._files)

    def _add(self, pages: Iterable[str], files: Iterable[str]) -> None:
        for url in pages:
            self._pages.add(url)
            self._sources.add(urls.source_uri(url))
        self._files.update(files)
        self._sources.update(files)

    def _known(self, test: Callable[[], bool]) -> bool:
        if test():
            return True
        if self._generated is None:
            return False
        generated, self._generated = self._generated, None  # listed once, and only when needed
        self._add(*generated())
        return test()
