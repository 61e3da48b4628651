"""What MkDocs warns about in the hand-written part of the site, which its strict mode makes a failed build:
a nav entry naming no page, and a README.md beside an index.md (both would be the folder's page)."""
from __future__ import annotations

import posixpath
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from ..diagnostics import Diagnostic
from ..handwritten import DOCS_DIR, MKDOCS_YML

ID = "site-files"


def check(ctx):
    for line, ref in ctx.handwritten.nav:
        parts = urlsplit(ref)
        if parts.scheme or parts.netloc or ref.startswith("/"):
            continue  # an external or absolute link in the nav: MkDocs leaves it as it is
        if not ctx.site.source(PurePosixPath(ref).as_posix()):
            yield Diagnostic(MKDOCS_YML, line, f"导航（nav）中的页面 {ref} 不存在",
                             f"在 {DOCS_DIR}/ 中建立 {ref}，或从 mkdocs.yml 的 nav 中删去这一项", rule=ID)
    for uri in sorted(ctx.handwritten.files):
        folder, name = posixpath.split(uri)
        if name == "README.md" and posixpath.join(folder, "index.md") in ctx.handwritten.files:
            yield Diagnostic(f"{DOCS_DIR}/{uri}", 1, "README.md 与同一文件夹中的 index.md 是同一个网页，生成时会被排除",
                             "把内容并入 index.md 后删除 README.md，或给它改个文件名", rule=ID)
