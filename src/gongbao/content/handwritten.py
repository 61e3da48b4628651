"""The hand-written part of the site: the files under ``content/`` (MkDocs' ``docs_dir``) and the nav of
``mkdocs.yml``, read as MkDocs will read them, so that ``check`` can find what the build would refuse.
"""
from __future__ import annotations

import os
import posixpath
from dataclasses import dataclass
from pathlib import Path

import yaml

from gongbao.content.diagnostics import Diagnostic
from gongbao.content.encoding import NOT_UTF8_HINT, not_utf8
from gongbao.content.yamlread import Unbounded, load_yaml, located

DOCS_DIR = "content"
MKDOCS_YML = "mkdocs.yml"


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
    # (line in mkdocs.yml, title) of each title the nav gives a page or a section: the theme prints them as written
    titles: tuple[tuple[int, str], ...] = ()
    # (line, key) of each setting of mkdocs.yml the theme prints on every page as written (PRINTED)
    printed: tuple[tuple[int, str], ...] = ()


EMPTY = HandWritten()
# Settings of mkdocs.yml the theme prints on every page as written, or that make it ask another host: the site's
# description and author into <meta content="…"> (an attribute a '"' ends), a repository link in the header (and its
# script's request to that host's API). The site's name, address and footer are gazette.yml's.
PRINTED = {"site_description": "印在每个页面的 <meta name=\"description\"> 中", "site_author": "印在每个页面的 <meta name=\"author\"> 中",
           "repo_url": "在每个页面的页头加上代码仓库链接（其脚本还会访问该网站）"}


def page_url(uri: str) -> str:
    """MkDocs' URL of a Markdown source with ``use_directory_urls``: about.md → about/, a/index.md → a/."""
    folder, name = posixpath.split(uri)
    stem = posixpath.splitext(name)[0]
    parts = [folder] if stem in ("index", "README") else [folder, stem]
    url = "/".join(p for p in parts if p)
    return f"{url}/" if url else ""


def load(root: Path) -> HandWritten:
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
    nav, assets, joined, titles, printed = _nav(root / MKDOCS_YML, problems)
    for uri in sorted({uri for _, uri in joined} & set(files)):  # read as text by the build, which joins them
        _text(docs / uri, f"{DOCS_DIR}/{uri}", problems)
    return HandWritten(frozenset(files), tuple(pages), nav, assets, joined, tuple(problems), titles, printed)


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


def mkdocs_problems(root: Path) -> list[Diagnostic]:
    """What makes mkdocs.yml unsafe for MkDocs to read at all (its own loader has no bounds): the build asks
    before it starts MkDocs; every other problem of content/ is the check's, or MkDocs' own in strict mode."""
    problems: list[Diagnostic] = []
    _nav(root / MKDOCS_YML, problems)
    return problems


def _nav(file: Path, problems: list[Diagnostic]) -> tuple:
    """Every page the nav names, with its line, the site's own files (stylesheets, scripts, logo), of those the
    stylesheets and scripts, the nav's titles with their lines, and the settings of ``PRINTED`` it has, with theirs.
    Composed, not loaded: mkdocs.yml carries Python tags. Bounded as our own YAML is: a nav nested 10,000 deep or
    an alias bomb would exhaust the stack or walk a billion leaves."""
    text = ""
    try:
        text = file.read_text(encoding="utf-8")
        node, _ = load_yaml(text, construct=False)
    except Unbounded as exc:
        line, problem = located(exc, text)
        problems.append(Diagnostic(MKDOCS_YML, line, f"{MKDOCS_YML} 过于复杂：{problem}", "nav 按页面层级书写，不用 YAML 别名（& 和 *）",
                                   rule="read"))
        return (), frozenset(), (), (), ()
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return (), frozenset(), (), (), ()  # MkDocs itself reports a missing or broken configuration, in its own words
    if not isinstance(node, yaml.MappingNode):
        return (), frozenset(), (), (), ()
    top = {key.value: value for key, value in node.value}
    printed = tuple((key.start_mark.line + 1, key.value) for key, _ in node.value if key.value in PRINTED)
    theme = top.get("theme")
    theme = {k.value: v for k, v in theme.value} if isinstance(theme, yaml.MappingNode) else {}
    joined = (*_sources(top.get("extra_css")), *_sources(top.get("extra_javascript")))
    logos = frozenset(value for part in (theme.get("logo"), theme.get("favicon")) if part is not None for _, value in _leaves(part))
    nav = top.get("nav")
    return (tuple(_leaves(nav)) if nav is not None else (), logos | {uri for _, uri in joined}, joined,
            tuple(_titles(nav)) if nav is not None else (), printed)


def _sources(node):
    """(line, path) of each entry of extra_css or extra_javascript: a path, or a mapping's (``path:``, ``type: module``)."""
    for item in node.value if isinstance(node, yaml.SequenceNode) else ():
        if isinstance(item, yaml.MappingNode):
            item = next((value for key, value in item.value if key.value == "path"), None)
        if isinstance(item, yaml.ScalarNode):
            yield item.start_mark.line + 1, item.value


def _titles(node):
    """(line, title) of each key of the nav's mappings: ``- 关于: about.md``, a section's ``- 目录: [...]``."""
    if isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _titles(item)
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                yield key.start_mark.line + 1, key.value
            yield from _titles(value)


def _leaves(node):
    if isinstance(node, yaml.ScalarNode):
        yield node.start_mark.line + 1, node.value
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _leaves(item)
    elif isinstance(node, yaml.MappingNode):
        for _, value in node.value:
            yield from _leaves(value)
