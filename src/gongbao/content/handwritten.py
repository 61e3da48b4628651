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
from gongbao.content.settings import web_url
from gongbao.content.yamlread import Unbounded, load_yaml, located

DOCS_DIR = "content"
THEME_DIR = "overrides"  # mkdocs.yml's theme.custom_dir
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
    keys: tuple[tuple[int, str], ...] = ()     # (line, key) of each of mkdocs.yml's top-level keys
    # every file of the theme's folder MkDocs copies into the site as it is (all but templates and dotfiles), by path
    theme_files: tuple[str, ...] = ()
    # what the theme prints of mkdocs.yml into every page, unescaped: (line, where, text) of site_name, each nav
    # title, and each value under theme (names, colours, paths)
    printed: tuple[tuple[int, str, str], ...] = ()


EMPTY = HandWritten()


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
    pairs = _composed(root / MKDOCS_YML, problems)
    top = {key.value: value for key, value in pairs}
    problems += _site_url_problems(top) + _plumbing_problems(pairs)
    nav, assets, joined = _nav(top)
    for uri in sorted({uri for _, uri in joined} & set(files)):  # read as text by the build, which joins them
        _text(docs / uri, f"{DOCS_DIR}/{uri}", problems)
    keys = tuple((key.start_mark.line + 1, str(key.value)) for key, _ in pairs)
    return HandWritten(frozenset(files), tuple(pages), nav, assets, joined, tuple(problems), keys=keys,
                       theme_files=tuple(_copied(root / THEME_DIR)), printed=_printed(top))


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


def mkdocs_problems(root: Path) -> list[Diagnostic]:
    """What makes mkdocs.yml unsafe for MkDocs to read at all (its own loader has no bounds), and a site_url that
    is not a web address (MkDocs takes any scheme and user:password@): the build asks before it starts MkDocs;
    every other problem of content/ is the check's, or MkDocs' own in strict mode."""
    problems: list[Diagnostic] = []
    pairs = _composed(root / MKDOCS_YML, problems)
    return problems + _site_url_problems({key.value: value for key, value in pairs}) + _plumbing_problems(pairs)


def _composed(file: Path, problems: list[Diagnostic]) -> list[tuple[yaml.Node, yaml.Node]]:
    """mkdocs.yml's top-level keys and values, as nodes; none when it cannot be read (a problem added if it is hostile).
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
        return []
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return []  # MkDocs itself reports a missing or broken configuration, in its own words
    return list(node.value) if isinstance(node, yaml.MappingNode) else []


def _printed(top: dict[str, yaml.Node]) -> tuple[tuple[int, str, str], ...]:
    """(line, where, text) of what the theme prints of mkdocs.yml: site_name, the nav's titles (its mappings' keys),
    every value under theme."""
    found = [(node.start_mark.line + 1, "site_name", node.value) for node in [top.get("site_name")]
             if isinstance(node, yaml.ScalarNode)]
    found += [(line, "nav", title) for line, title in _titles(top.get("nav"))]
    return tuple(found + [(line, "theme", value) for line, value in _leaves(top.get("theme"))])


def _titles(node):
    if isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _titles(item)
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                yield key.start_mark.line + 1, key.value
            yield from _titles(value)


HOOK = "hooks/gazette.py"  # the project's hook: it checks the content, writes the generated pages, checks every page
# The Markdown extensions the check's rules read bodies by (rules.html_safety, anchor_ids): another one changes what a
# body becomes (pymdownx.snippets puts a file of the building machine into the page, nl2br every line break)
EXTENSIONS = ("attr_list", "md_in_html", "tables", "toc")


def _plumbing_problems(pairs: list[tuple[yaml.Node, yaml.Node]]) -> list[Diagnostic]:
    """Whether MkDocs reads what the check read, writes the URLs the lock holds and runs the project's hook and no
    plugin: another docs_dir (or MkDocs' default, docs/) was published unchecked, its scripts and links to host files
    included; another theme folder was never looked at; use_directory_urls: false moved every page; a plugin's pages
    and files are unchecked; without the hook, no check ran in the build at all. None when mkdocs.yml cannot be read
    (MkDocs says why)."""
    if not pairs:
        return []
    top = {key.value: (key, value) for key, value in pairs}
    found = []
    key, docs = top.get("docs_dir", (None, None))
    if key is None:
        found.append((1, f"mkdocs.yml 没有写 docs_dir: {DOCS_DIR}（MkDocs 会发布 docs/，不经检查）", f"加上一行 docs_dir: {DOCS_DIR}"))
    elif not (isinstance(docs, yaml.ScalarNode) and docs.value == DOCS_DIR):
        found.append((docs.start_mark.line + 1, f"docs_dir 应为 {DOCS_DIR}，而不是 {_shown(docs)}（那里的文件会不经检查地发布）",
                      f"改为 docs_dir: {DOCS_DIR}；手写页面和网站自己的文件放在 {DOCS_DIR}/ 中"))
    _, theme = top.get("theme", (None, None))
    custom = next((v for k, v in theme.value if k.value == "custom_dir"), None) if isinstance(theme, yaml.MappingNode) else None
    if custom is not None and not (isinstance(custom, yaml.ScalarNode) and custom.value == THEME_DIR):
        found.append((custom.start_mark.line + 1, f"theme 的 custom_dir 应为 {THEME_DIR}，而不是 {_shown(custom)}（那里的文件不经检查）",
                      f"改为 custom_dir: {THEME_DIR}；主题模板放在 {THEME_DIR}/ 中"))
    key, urls = top.get("use_directory_urls", (None, None))
    if key is not None and not (isinstance(urls, yaml.ScalarNode) and urls.value == "true"):
        found.append((urls.start_mark.line + 1, "use_directory_urls 应为 true（否则每个页面的网址都会改变，已被引用的网址失效）",
                      "改为 use_directory_urls: true，或删去这一行"))
    key, plugins = top.get("plugins", (None, None))
    if not (isinstance(plugins, yaml.SequenceNode) and not plugins.value):
        found.append((1 if key is None else key.start_mark.line + 1,
                      "mkdocs.yml 应写 plugins: []（插件生成的页面和文件不经检查；不写时 MkDocs 自带的 search 插件会运行）",
                      "写成 plugins: []：检索由本项目生成"))
    key, extensions = top.get("markdown_extensions", (None, None))
    listed = set()
    for node in extensions.value if isinstance(extensions, yaml.SequenceNode) else ():
        name, settings = _named(node)
        if not (isinstance(name, yaml.ScalarNode) and name.value in EXTENSIONS):
            found.append((node.start_mark.line + 1, f"markdown_extensions 中的 {_shown(name)} 不是本项目的检查所针对的扩展",
                          "只用 " + "、".join(EXTENSIONS) + "：检查按它们读正文（其他扩展会改变正文的显示，如 pymdownx.snippets 会把"
                          "服务器上的文件插进页面）"))
            continue
        listed.add(name.value)
        if _settings(settings) != _SHIPPED_SETTINGS[name.value]:
            found.append((node.start_mark.line + 1, f"markdown_extensions 中 {name.value} 的设置与本项目的不同（已发布的页面按本项目的"
                                                    "设置显示，锁定的哈希只覆盖 Markdown：改动会不留痕迹地改变每个已发布页面的显示或锚点）",
                          f"恢复为：{_SHIPPED_TEXT[name.value]}"))
    if key is None:
        found.append((1, "mkdocs.yml 没有写 markdown_extensions（MkDocs 会用自己的 toc，中文标题的锚点随之改变）",
                      "加上本项目的 markdown_extensions：" + "".join(_SHIPPED_TEXT.values())))
    else:
        for name in EXTENSIONS:
            if name not in listed:
                found.append((key.start_mark.line + 1, f"markdown_extensions 中缺少 {name}（已发布的页面都是按它显示的）",
                              f"加上：{_SHIPPED_TEXT[name]}"))
    key, hooks = top.get("hooks", (None, None))
    if not (isinstance(hooks, yaml.SequenceNode) and any(isinstance(h, yaml.ScalarNode) and h.value == HOOK for h in hooks.value)):
        found.append((1 if key is None else key.start_mark.line + 1, f"hooks 中没有 {HOOK}（没有它，生成网站时不做任何检查）",
                      f"在 mkdocs.yml 的 hooks 中列出 {HOOK}"))
    return [Diagnostic(MKDOCS_YML, line, message, hint, rule="read") for line, message, hint in found]


# Each extension's settings as mkdocs.yml ships them: every published page was rendered with them (the ids of its
# headings are toc's slugify's), and a locked hash covers the Markdown only, not how it is rendered.
_SHIPPED_TEXT = {
    "attr_list": "\n  - attr_list", "md_in_html": "\n  - md_in_html",
    "tables": "\n  - tables:\n      use_align_attribute: true",
    "toc": "\n  - toc:\n      permalink: false\n      slugify: !!python/object/apply:pymdownx.slugs.slugify {kwds: {case: lower}}"}


def _settings(node):
    """A composed node as a comparable value: scalars by tag and text (a bool in any spelling alike), the order of a
    mapping's keys ignored."""
    if node is None:
        return None
    if isinstance(node, yaml.ScalarNode):
        return node.tag, node.value.lower() if node.tag.endswith(":bool") else node.value
    if isinstance(node, yaml.SequenceNode):
        return node.tag, tuple(_settings(n) for n in node.value)
    return node.tag, tuple(sorted((repr(_settings(k)), _settings(v)) for k, v in node.value))


def _named(node) -> tuple:
    """(name node, settings node or None) of one item of markdown_extensions."""
    return (node.value[0][0], node.value[0][1]) if isinstance(node, yaml.MappingNode) and node.value else (node, None)


_SHIPPED_SETTINGS = {name.value: _settings(settings) for name, settings in map(_named, load_yaml(
    "markdown_extensions:" + "".join(_SHIPPED_TEXT.values()), construct=False)[0].value[0][1].value)}


def _shown(node: yaml.Node) -> str:
    return repr(node.value) if isinstance(node, yaml.ScalarNode) else "一组设置"


def _site_url_problems(top: dict[str, yaml.Node]) -> list[Diagnostic]:
    """site_url held to gazette.yml's site.url rule: the hook keeps it when gazette.yml has none."""
    node = top.get("site_url")
    if not isinstance(node, yaml.ScalarNode) or node.tag.endswith(":null") or not node.value or web_url(node.value):
        return []  # none written (MkDocs' default), or not text: MkDocs refuses that itself
    return [Diagnostic(MKDOCS_YML, node.start_mark.line + 1, f"site_url 应为以 http:// 或 https:// 开头的完整网址，而不是 {node.value!r}",
                       "网站地址写在 gazette.yml 的 site.url 中，删去这一行；或改为完整网址，例如 https://gazette.example.gov.cn/"
                       "（网址中不能有空格、引号、尖括号或 用户名:密码@）")]


def _nav(top: dict[str, yaml.Node]) -> tuple[tuple[tuple[int, str], ...], frozenset[str], tuple[tuple[int, str], ...]]:
    """Every page the nav names, with its line, the site's own files (stylesheets, scripts, logo), and of those the
    stylesheets and scripts."""
    theme = top.get("theme")
    theme = {k.value: v for k, v in theme.value} if isinstance(theme, yaml.MappingNode) else {}
    joined = (*_sources(top.get("extra_css")), *_sources(top.get("extra_javascript")))
    logos = frozenset(value for part in (theme.get("logo"), theme.get("favicon")) if part is not None for _, value in _leaves(part))
    return (tuple(_leaves(top["nav"])) if "nav" in top else ()), logos | {uri for _, uri in joined}, joined


def _sources(node):
    """(line, path) of each entry of extra_css or extra_javascript: a path, or a mapping's (``path:``, ``type: module``)."""
    for item in node.value if isinstance(node, yaml.SequenceNode) else ():
        if isinstance(item, yaml.MappingNode):
            item = next((value for key, value in item.value if key.value == "path"), None)
        if isinstance(item, yaml.ScalarNode):
            yield item.start_mark.line + 1, item.value


def _leaves(node):
    if isinstance(node, yaml.ScalarNode):
        yield node.start_mark.line + 1, node.value
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _leaves(item)
    elif isinstance(node, yaml.MappingNode):
        for _, value in node.value:
            yield from _leaves(value)
