"""The hand-written part of the site: the files under ``content/`` (MkDocs' ``docs_dir``) and the nav of
``mkdocs.yml``, read as MkDocs will read them, so that ``check`` can find what the build would refuse.
"""
from __future__ import annotations

import os
import posixpath
from dataclasses import dataclass
from pathlib import Path

from gongbao.content import mkdocs_config
from gongbao.content.diagnostics import Diagnostic
from gongbao.content.encoding import NOT_UTF8_HINT, not_utf8
from gongbao.content.mkdocs_config import DOCS_DIR, MKDOCS_YML, THEME_DIR  # where MkDocs reads: mkdocs.yml must say so
from gongbao.identifiers import filetypes


@dataclass(frozen=True)
class Page:
    """A hand-written Markdown page: ``content/about.md`` is MkDocs' ``about.md``, served at ``about/``."""

    path: str        # in the repository: content/about.md
    uri: str         # in docs_dir, MkDocs' src_uri: about.md
    text: str        # the Markdown after its front matter
    first_line: int  # the line of the file where ``text`` starts
    front: str = ""  # its front matter (from the file's line 2), as MkDocs takes it for the page's meta

    @property
    def url(self) -> str:
        return page_url(self.uri)

    def file_line(self, line: int) -> int:
        """The line of the file of ``line`` (1-based) of ``text``."""
        return self.first_line - 1 + line


@dataclass(frozen=True)
class HandWritten:
    files: frozenset[str] = frozenset()     # every file MkDocs takes from docs_dir, by src_uri
    pages: tuple[Page, ...] = ()
    nav: tuple[tuple[int, str], ...] = ()   # (line in mkdocs.yml, the page a nav entry names)
    assets: frozenset[str] = frozenset()    # the site's own files mkdocs.yml names: extra_css, extra_javascript, logo
    # of those, the stylesheets and scripts, with their lines in mkdocs.yml: published joined, two files of the
    # build's, never each at its own path (gongbao.publish.joined_assets)
    joined: tuple[tuple[int, str], ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()
    keys: tuple[tuple[int, str], ...] = ()     # (line, key) of each of mkdocs.yml's top-level keys
    # every file of the theme's folder MkDocs copies into the site as it is (all but templates and dotfiles), by path
    theme_files: tuple[str, ...] = ()
    # what the theme prints of mkdocs.yml into every page, unescaped: (line, where, text) of site_name, each nav
    # title, and each value under theme (names, colours, paths)
    printed: tuple[tuple[int, str, str], ...] = ()
    mkdocs_unread: bool = False  # mkdocs.yml could not be read (a diagnostic says why): what it lists is unknown


EMPTY = HandWritten()


def page_url(uri: str) -> str:
    """MkDocs' URL of a Markdown source with ``use_directory_urls``: about.md → about/, a/index.md → a/."""
    folder, name = posixpath.split(uri)
    stem = posixpath.splitext(name)[0]
    parts = [folder] if stem in ("index", "README") else [folder, stem]
    url = "/".join(p for p in parts if p)
    return f"{url}/" if url else ""


def load(root: Path, images: tuple[str, ...] = ()) -> HandWritten:
    """``images``: files of ``content/`` that gazette.yml names as images (``footer.gov_logo``), published as they are."""
    docs = root / DOCS_DIR
    files, pages, problems = [], [], []
    for parent, dirs, names in os.walk(docs):
        # MkDocs' default exclude_docs: hidden files and folders, and /templates/ at the top
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not (Path(parent) == docs and d == "templates"))
        for name in sorted(n for n in names if not n.startswith(".")):
            uri = Path(parent, name).relative_to(docs).as_posix()
            files.append(uri)
            if name.endswith(".md"):
                page = _page(docs / uri, f"{DOCS_DIR}/{uri}", uri, problems)
                if page:
                    pages.append(page)
    config = mkdocs_config.read(root)
    problems += config.problems
    # the site's own files with no mkdocs.yml to list them (deleted): told once, not each of them as unlisted; pages
    # alone need none to be checked
    assets = [uri for uri in files if not uri.endswith(".md")]
    missing = bool(assets) and not (root / MKDOCS_YML).exists()
    if missing:
        problems.append(Diagnostic(MKDOCS_YML, 0, f"没有 {MKDOCS_YML}，{DOCS_DIR}/ 中的样式、脚本等 {len(assets)} 个文件无人列出",
                                   f"用 git 恢复 {MKDOCS_YML}（git checkout -- {MKDOCS_YML}）：生成网站需要它", rule="read"))
    for uri in sorted({uri for _, uri in config.joined} & set(files)):  # read as text by the build, which joins them
        _text(docs / uri, f"{DOCS_DIR}/{uri}", problems)
    for uri in sorted(set(images) & set(files)):
        problems += _image_problems(docs / uri, f"{DOCS_DIR}/{uri}")
    return HandWritten(frozenset(files), tuple(pages), config.nav, config.assets, config.joined, tuple(problems),
                       keys=config.keys, theme_files=tuple(_copied(root / THEME_DIR)), printed=config.printed,
                       mkdocs_unread=config.unread or missing)


def _image_problems(file: Path, path: str) -> list[Diagnostic]:
    """An image gazette.yml names (the footer's 党政机关网站标识) is published byte for byte, on every page and at its own
    URL: a PNG or JPEG by its bytes, as an attachment is, or any file a browser opens (an .atom of XHTML with a script,
    a PDF with JavaScript, a page named .png) would be published unchecked on the site's origin."""
    suffix = file.suffix
    if suffix not in filetypes.IMAGE_SUFFIXES:
        return [Diagnostic(path, 1, f"gazette.yml 把 {path} 作为图片发布，但它的扩展名不是 {' '.join(filetypes.IMAGE_SUFFIXES)}",
                           "党政机关网站标识用 PNG 或 JPEG 图片（扩展名小写）", rule="site-files")]
    try:
        data = file.read_bytes()
    except OSError as exc:
        return [Diagnostic(path, 0, f"无法读取文件：{exc.strerror}", "检查文件是否存在、是否有读取权限", rule="read")]
    wrong = filetypes.problem(suffix, data)
    return [Diagnostic(path, 1, f"gazette.yml 作为图片发布的 {path} 不能发布：{wrong}",
                       "换成真正的 PNG 或 JPEG 文件（另存为或导出，不要只改扩展名）", rule="site-files")] if wrong else []


def _copied(theme: Path):
    """The files of the theme's folder MkDocs copies into the site: all but its templates (.html) and dotfiles."""
    for parent, dirs, names in os.walk(theme):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(n for n in names if not n.startswith(".") and not n.endswith(".html")):
            yield Path(parent, name).relative_to(theme.parent).as_posix()


def _text(file: Path, path: str, problems: list[Diagnostic]) -> str | None:
    """A file's text as MkDocs reads it (UTF-8, a byte-order mark left out); None, with the problem, if it has none."""
    try:
        data = file.read_bytes()
        return data.decode("utf-8-sig")
    except OSError as exc:
        problems.append(Diagnostic(path, 0, f"无法读取文件：{exc.strerror}", "检查文件是否存在、是否有读取权限", rule="read"))
    except UnicodeDecodeError as exc:
        problems.append(Diagnostic(path, *not_utf8(data, exc.start), NOT_UTF8_HINT, rule="read"))
    return None


def _page(file: Path, path: str, uri: str, problems: list[Diagnostic]) -> Page | None:
    text = _text(file, path, problems)
    if text is None:
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if lines[0].strip() == "---":  # MkDocs strips a YAML front-matter block the same way
        end = next((i for i, line in enumerate(lines[1:], 1) if line.strip() in ("---", "...")), None)
        if end is not None:
            return Page(path, uri, "\n".join(lines[end + 1:]), end + 2, "\n".join(lines[1:end]))
    return Page(path, uri, text, 1)


