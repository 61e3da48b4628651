"""What the built site will hold, asked path by path, without building it.

The pages named by identifiers and the hand-written files are known at once. What else the renderers
generate (catalogue pages, search shards, feeds, redirects, twins) is listed only when a question cannot
be answered without it, one listing at a time: most checks never need them, and a broken link needs them
all (the listings list paths without making the files where that costs: gongbao.publish.render.site).
"""
from __future__ import annotations

import posixpath
from typing import Callable, Iterable, Sequence

from gongbao.content import urls
from gongbao.content.handwritten import HandWritten, page_url

# () → (page URLs, file paths): one listing of what the renderers generate
Listing = Callable[[], tuple[Iterable[str], Iterable[str]]]


class SitePaths:
    def __init__(self, pages: Iterable[str], handwritten: HandWritten, generated: Sequence[Listing] = ()):
        self._sources: set[str] = set()  # MkDocs' src_uri of every file it builds
        self._pages: set[str] = set()
        self._files: set[str] = set()
        # the site's stylesheets and scripts are published as the build's joined files
        self._add(pages, handwritten.files - {uri for _, uri in handwritten.joined})
        self._pending = list(generated)

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
        for path in files:
            self._sources.add(path)
            if path.endswith(".md"):  # MkDocs makes a page of it: content/about.md, a withdrawal notice
                self._pages.add(page_url(path))
            else:
                self._files.add(path)

    def _known(self, test: Callable[[], bool]) -> bool:
        """Whether ``test`` holds, listing generated paths one listing at a time until it does."""
        while not test():
            if not self._pending:
                return False
            self._add(*self._pending.pop(0)())
        return True
