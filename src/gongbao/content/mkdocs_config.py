"""mkdocs.yml, read as nodes: composed, never loaded (it carries Python tags), and bounded as our own YAML is. What
MkDocs takes from it for the hand-written part of the site (the nav, the site's own files), what the theme prints of
it, and whether MkDocs would build what the check read: the build asks (``problems``) before it starts MkDocs.

MkDocs must read ``content/`` and ``overrides/``, run the project's hook, write the URLs the lock holds, run no plugin,
leave out what the check leaves out (content/'s hidden files and templates/) and render bodies with the extensions and
settings every published page was rendered with: another docs_dir (or MkDocs' default, docs/) was published unchecked,
its scripts and links to host files included; another theme folder was never looked at; without the hook no check ran
in the build at all; use_directory_urls: false moved every page; a plugin's pages and files are unchecked; a negation in
exclude_docs published content/.x/evil.html as it is; pymdownx.snippets put a file of the building machine into a page,
and a changed toc slugify moved locked anchors."""
from __future__ import annotations

import importlib.machinery
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from gongbao.content import tree
from gongbao.content.diagnostics import Diagnostic
from gongbao.content.encoding import NOT_UTF8_HINT, not_utf8
from gongbao.content.yamlread import Unbounded, load_yaml, located
from gongbao.identifiers import chars

MKDOCS_YML = "mkdocs.yml"
DOCS_DIR = "content"
THEME_DIR = "overrides"  # theme.custom_dir
HOOK = "hooks/gazette.py"  # the project's hook: it checks the content, writes the generated pages, checks every page
# The Markdown extensions the check's rules read bodies by (rules.html_safety, anchor_ids): another one changes what a
# body becomes (pymdownx.snippets puts a file of the building machine into the page, nl2br every line break)
EXTENSIONS = ("attr_list", "md_in_html", "tables", "toc")


@dataclass(frozen=True)
class Config:
    keys: tuple[tuple[int, str], ...] = ()     # (line, key) of each top-level key
    nav: tuple[tuple[int, str], ...] = ()      # (line, the page a nav entry names)
    assets: frozenset[str] = frozenset()       # the site's own files it names: extra_css, extra_javascript, logo
    joined: tuple[tuple[int, str], ...] = ()   # of those, the stylesheets and scripts, with their lines
    # what the theme prints of it into every page, unescaped: (line, where, text) of site_name, each nav title, and
    # each value under theme (names, colours, paths)
    printed: tuple[tuple[int, str, str], ...] = ()
    problems: tuple[Diagnostic, ...] = ()      # what makes it unsafe to read, or MkDocs build other than the check read
    # it could not be read and a problem says why: which of content/'s files it lists is unknown, not "none"
    unread: bool = False


def read(root: Path) -> Config:
    found: list[Diagnostic] = []
    pairs = _composed(root / MKDOCS_YML, found)
    unread = bool(found)  # _composed says only why it could not read the file
    top = {key.value: value for key, value in pairs}
    found += _site_url_problems(top) + _plumbing_problems(pairs) + _hook_file_problems(root, top)
    nav, assets, joined = _nav(top)
    return Config(tuple((key.start_mark.line + 1, str(key.value)) for key, _ in pairs), nav, assets, joined,
                  _printed(top), tuple(found), unread)


def problems(root: Path) -> list[Diagnostic]:
    """What the build asks before it starts MkDocs (whose own loader has no bounds): every other problem of content/
    is the check's, or MkDocs' own in strict mode."""
    return list(read(root).problems)


def _composed(file: Path, problems: list[Diagnostic]) -> list[tuple[yaml.Node, yaml.Node]]:
    """mkdocs.yml's top-level keys and values, as nodes; none when it cannot be read (a problem added if it is hostile
    or not UTF-8). Composed, not loaded: mkdocs.yml carries Python tags. Bounded as our own YAML is: a nav nested
    10,000 deep or an alias bomb would exhaust the stack or walk a billion leaves."""
    text = ""
    try:
        data = file.read_bytes()
        text = data.decode("utf-8")
        node, _ = load_yaml(text, construct=False)
    except UnicodeDecodeError as exc:  # MkDocs refuses it in English, or reads a UTF-16 one the check could not
        problems.append(Diagnostic(MKDOCS_YML, *not_utf8(data, exc.start), NOT_UTF8_HINT, rule="read"))
        return []
    except Unbounded as exc:
        line, problem = located(exc, text)
        problems.append(Diagnostic(MKDOCS_YML, line, f"{MKDOCS_YML} 过于复杂：{problem}", "nav 按页面层级书写，不用 YAML 别名（& 和 *）",
                                   rule="read"))
        return []
    except yaml.YAMLError as exc:  # MkDocs says so in English; unread, every stylesheet of content/ was "unlisted"
        line, problem = located(exc, text)
        problems.append(Diagnostic(MKDOCS_YML, line, f"{MKDOCS_YML} 无法解析：{problem}", "检查这一行的 YAML 语法（缩进、冒号、引号）",
                                   rule="read"))
        return []
    except OSError:
        return []  # none: the content is checked alone (the build needs one, and MkDocs says so)
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


def _plumbing_problems(pairs: list[tuple[yaml.Node, yaml.Node]]) -> list[Diagnostic]:
    """Whether MkDocs would build what the check read (the module's docstring says why each matters); none when
    mkdocs.yml cannot be read (MkDocs says why)."""
    if not pairs:
        return []
    top = {key.value: (key, value) for key, value in pairs}
    found = [problem for rule in (_site_name, _docs_dir, _exclude_docs, _theme, _font, _custom_dir, _directory_urls, _plugins,
                                  _extensions, _hooks)
             for problem in rule(top)]
    return [Diagnostic(MKDOCS_YML, line, message, hint, rule="read") for line, message, hint in found]


def _docs_dir(top: dict):
    key, docs = top.get("docs_dir", (None, None))
    if key is None:
        yield 1, f"mkdocs.yml 没有写 docs_dir: {DOCS_DIR}（MkDocs 会发布 docs/，不经检查）", f"加上一行 docs_dir: {DOCS_DIR}"
    elif not (isinstance(docs, yaml.ScalarNode) and docs.value == DOCS_DIR):
        yield (docs.start_mark.line + 1, f"docs_dir 应为 {DOCS_DIR}，而不是{_shown(docs)}（那里的文件会不经检查地发布）",
               f"改为 docs_dir: {DOCS_DIR}；手写页面和网站自己的文件放在 {DOCS_DIR}/ 中")


def _exclude_docs(top: dict):
    """Patterns MkDocs leaves out of content/ besides its own (hidden files, content/templates/), which the check never
    reads either: a negation (``!.*``, ``!/templates/``) put them back, and content/.x/evil.html was published as it
    is, script and all, without the pages' Content-Security-Policy. Lines as MkDocs splits them (str.splitlines: also
    U+2028, U+0085…); a tag (``!ENV``) makes the value one the check cannot read."""
    key, exclude = top.get("exclude_docs", (None, None))
    if key is None:
        return
    if not (isinstance(exclude, yaml.ScalarNode) and exclude.tag == "tag:yaml.org,2002:str"):
        yield (exclude.start_mark.line + 1, f"exclude_docs 应为一段文字（每行一个要排除的文件），而不是{_shown(exclude)}",
               "写成 exclude_docs: |，下面每行一个文件名")
        return
    for offset, line in enumerate(exclude.value.splitlines()):
        if line.lstrip().startswith("!"):
            # a literal block's lines are the file's, from the line after its |
            yield (exclude.start_mark.line + (2 + offset if exclude.style == "|" else 1),
                   f"exclude_docs 中的{chars.quoted(line.strip())}会把 MkDocs 排除的隐藏文件或 templates/ 重新发布，而检查不读它们",
                   "删去以 ! 开头的这一行：exclude_docs 只能再排除文件，不能取消排除")


def _theme(top: dict):
    """Material, whose templates overrides/ changes and whose markup the hook compacts: a typo in its name was MkDocs'
    English refusal once the check had passed, another theme published pages no template of this project made."""
    key, theme = top.get("theme", (None, None))
    name = _theme_name(theme)
    if key is not None and not _material(name):  # none written: what the check asks of mkdocs.yml does not include it
        at = name or key
        yield (at.start_mark.line + 1,
               f"theme 的 name 应为 material，而不是{_shown(name) if name else '空'}（{THEME_DIR}/ 的模板只适用于 Material 主题）",
               "改为 name: material")


def _font(top: dict):
    """false: Material's default, and any font named, is loaded from Google's servers by every page."""
    key, theme = top.get("theme", (None, None))
    font = next((v for k, v in theme.value if k.value == "font"), None) if isinstance(theme, yaml.MappingNode) else None
    if _material(_theme_name(theme)) and not (isinstance(font, yaml.ScalarNode) and font.value == "false"):  # else: _theme
        yield ((font or key).start_mark.line + 1,
               "theme 的 font 应为 false：否则每个页面都从 Google 的服务器（fonts.googleapis.com）加载字体，而本站不连接其他网站",
               "写成 font: false")


def _theme_name(theme: yaml.Node | None) -> yaml.Node | None:
    """theme: material, or theme: {name: material, …}."""
    return next((v for k, v in theme.value if k.value == "name"), None) if isinstance(theme, yaml.MappingNode) else theme


def _material(name: yaml.Node | None) -> bool:
    return isinstance(name, yaml.ScalarNode) and name.value == "material"


def _site_name(top: dict):
    """MkDocs requires one before any hook runs (the hook then sets gazette.yml's): without, the build failed in English."""
    key, name = top.get("site_name", (None, None))
    if not (isinstance(name, yaml.ScalarNode) and name.value.strip() and not name.tag.endswith(":null")):
        yield (key.start_mark.line + 1 if key else 1,
               "mkdocs.yml 要写 site_name（MkDocs 缺了它就不生成；网站显示的名称取自 gazette.yml 的 site.name）", "写成 site_name: 政府公报")


def _custom_dir(top: dict):
    _, theme = top.get("theme", (None, None))
    custom = next((v for k, v in theme.value if k.value == "custom_dir"), None) if isinstance(theme, yaml.MappingNode) else None
    if custom is not None and not (isinstance(custom, yaml.ScalarNode) and custom.value == THEME_DIR):
        yield (custom.start_mark.line + 1, f"theme 的 custom_dir 应为 {THEME_DIR}，而不是{_shown(custom)}（那里的文件不经检查）",
               f"改为 custom_dir: {THEME_DIR}；主题模板放在 {THEME_DIR}/ 中")


def _directory_urls(top: dict):
    key, urls = top.get("use_directory_urls", (None, None))
    if key is not None and not (isinstance(urls, yaml.ScalarNode) and urls.value == "true"):
        yield (urls.start_mark.line + 1, "use_directory_urls 应为 true（否则每个页面的网址都会改变，已被引用的网址失效）",
               "改为 use_directory_urls: true，或删去这一行")


def _plugins(top: dict):
    key, plugins = top.get("plugins", (None, None))
    if not (isinstance(plugins, yaml.SequenceNode) and not plugins.value):
        yield (1 if key is None else key.start_mark.line + 1,
               "mkdocs.yml 应写 plugins: []（插件生成的页面和文件不经检查；不写时 MkDocs 自带的 search 插件会运行）",
               "写成 plugins: []：检索由本项目生成")


def _extensions(top: dict):
    key, extensions = top.get("markdown_extensions", (None, None))
    listed = set()
    for node in extensions.value if isinstance(extensions, yaml.SequenceNode) else ():
        name, settings = _named(node)
        if not (isinstance(name, yaml.ScalarNode) and name.value in EXTENSIONS):
            yield (node.start_mark.line + 1, f"markdown_extensions 中的{_shown(name)}不是本项目的检查所针对的扩展",
                   "只用 " + "、".join(EXTENSIONS) + "：检查按它们读正文（其他扩展会改变正文的显示，如 pymdownx.snippets 会把"
                   "服务器上的文件插进页面）")
            continue
        listed.add(name.value)
        if _settings(settings) != _SHIPPED_SETTINGS[name.value]:
            yield (node.start_mark.line + 1, f"markdown_extensions 中 {name.value} 的设置与本项目的不同（已发布的页面按本项目的"
                                             "设置显示，锁定的哈希只覆盖 Markdown：改动会不留痕迹地改变每个已发布页面的显示或锚点）",
                   f"恢复为：{_SHIPPED_TEXT[name.value]}")
    if key is None:
        yield (1, "mkdocs.yml 没有写 markdown_extensions（MkDocs 会用自己的 toc，中文标题的锚点随之改变）",
               "加上本项目的 markdown_extensions：" + "".join(_SHIPPED_TEXT.values()))
        return
    for name in EXTENSIONS:
        if name not in listed:
            yield (key.start_mark.line + 1, f"markdown_extensions 中缺少 {name}（已发布的页面都是按它显示的）",
                   f"加上：{_SHIPPED_TEXT[name]}")


def _hooks(top: dict):
    key, hooks = top.get("hooks", (None, None))
    if not (isinstance(hooks, yaml.SequenceNode) and any(isinstance(h, yaml.ScalarNode) and h.value == HOOK for h in hooks.value)):
        yield (1 if key is None else key.start_mark.line + 1, f"hooks 中没有 {HOOK}（没有它，生成网站时不做任何检查）",
               f"在 mkdocs.yml 的 hooks 中列出 {HOOK}")
    # A hook is code the build runs: reviewed as code, so it is a file of the repository's hooks/ folder. One elsewhere
    # (/tmp/x.py, ../x.py, ~/.cache/x.py) ran code no commit shows, able to write any file into the site.
    for hook in hooks.value if isinstance(hooks, yaml.SequenceNode) else ():
        if not (isinstance(hook, yaml.ScalarNode) and _HOOK_PATH.fullmatch(hook.value)):
            yield (hook.start_mark.line + 1, f"hooks 中的{_shown(hook)}不是本仓库 hooks/ 文件夹中的文件（其代码不在仓库中，无从审查）",
                   "把钩子放进 hooks/，写成 hooks/<名称>.py")


_HOOK_PATH = re.compile(f"{tree.HOOKS}/{tree.HOOK_NAME.pattern}")  # a file the walk lets into hooks/


def _hook_file_problems(root: Path, top: dict[str, yaml.Node]) -> list[Diagnostic]:
    """hooks/ holds the hooks mkdocs.yml lists, none named as a module. MkDocs runs a hook with spec_from_file_location
    under the name written in mkdocs.yml (hooks/gazette.py: it replaces no module in sys.modules), but with hooks/ first
    on sys.path, so every module first imported while a hook runs is looked for in hooks/ before the library: a
    hooks/yaml.py or hooks/markdown.py, never listed and easy to pass over in review as a stray file, was imported in
    place of PyYAML or Markdown; listed, a hook so named is imported twice, once as the library. None when mkdocs.yml
    cannot be read (MkDocs says why) or lists no hooks (_hooks says so). Files the walk refuses (gongbao.content.tree:
    folders, .pyc, .so…) are its to tell."""
    hooks = top.get("hooks")
    if not isinstance(hooks, yaml.SequenceNode):
        return []
    listed = {h.value: h.start_mark.line + 1 for h in hooks.value if isinstance(h, yaml.ScalarNode)}
    try:
        with os.scandir(root / tree.HOOKS) as listing:
            names = sorted(e.name for e in listing if tree.HOOK_NAME.fullmatch(e.name) and not e.is_dir())
    except OSError:
        return []
    found = []
    for name in names:
        path, module = f"{tree.HOOKS}/{name}", name.removesuffix(".py")
        if path not in listed:
            found.append(Diagnostic(path, 0, f"{path} 不是 mkdocs.yml 列出的钩子：生成网站时 hooks/ 排在 sys.path 最前，"
                                             "它可能代替同名的库被导入（如 yaml.py、markdown.py），审查时却像一个无用的文件",
                                    "删除它；钩子要在 mkdocs.yml 的 hooks 中列出", rule="read"))
        elif _importable(module, root):
            found.append(Diagnostic(MKDOCS_YML, listed[path], f"钩子 {path} 与 Python 模块 {module} 同名：生成网站时 hooks/ "
                                    f"排在 sys.path 最前，导入 {module} 的代码会得到这个文件，而不是那个模块",
                                    f"给钩子换一个不与任何模块同名的名称，如 hooks/gb_{module}.py", rule="read"))
    return found


def _importable(module: str, root: Path) -> bool:
    """Whether ``import module`` finds something besides hooks/: the standard library's, a built-in, or one installed
    where the build runs (MkDocs runs in this interpreter, gongbao.publish.build). Looked for as the build's imports
    are, without the working folder or the repository's top on sys.path (PYTHONSAFEPATH there); a folder without
    __init__.py (content's gazette/ beside a checkout on sys.path) is a namespace package the build imports none of.
    Finding a top-level name imports nothing. A module the build would import but that is not installed (an optional
    one tried in try/except ImportError) is not known here: such a hook, listed in mkdocs.yml, is left to review."""
    if not module.isidentifier():  # x.y.py, x-y.py: no import statement names it
        return False
    if module in sys.stdlib_module_names or module in sys.builtin_module_names:
        return True
    try:
        here = os.getcwd()
    except OSError:  # the current folder deleted under the shell: no entry of sys.path is it
        here = None
    started_in = {os.path.realpath(root), here}
    path = [p for p in sys.path if p and os.path.realpath(p) not in started_in]
    specs = (finder.find_spec(module, path) if finder is importlib.machinery.PathFinder else
             getattr(finder, "find_spec", lambda *_: None)(module, None) for finder in sys.meta_path)
    return any(spec is not None and spec.origin is not None for spec in specs)  # no origin: a namespace, any folder


# Each extension's settings as mkdocs.yml ships them: every published page was rendered with them (the ids of its
# headings are toc's slugify's), and a locked hash covers the Markdown only, not how it is rendered.
_SHIPPED_TEXT = {
    "attr_list": "\n  - attr_list", "md_in_html": "\n  - md_in_html",
    "tables": "\n  - tables:\n      use_align_attribute: true",
    "toc": "\n  - toc:\n      permalink: false\n      marker: \"\"\n      slugify: !!python/object/apply:pymdownx.slugs.slugify {kwds: {case: lower}}"}


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
    return chars.quoted(node.value) if isinstance(node, yaml.ScalarNode) else "一组设置"


def _site_url_problems(top: dict[str, yaml.Node]) -> list[Diagnostic]:
    """The site's address is gazette.yml's site.url alone (the hook sets MkDocs' from it): a site_url here, kept when
    gazette.yml had none, put the pages' links and canonical URLs under one folder while the redirect rules were
    written for /, and held that folder to none of site.url's rules."""
    node = top.get("site_url")
    if not isinstance(node, yaml.ScalarNode) or node.tag.endswith(":null") or not node.value:
        return []  # none written (MkDocs' default), or not text: MkDocs refuses that itself
    return [Diagnostic(MKDOCS_YML, node.start_mark.line + 1, f"mkdocs.yml 不能有 site_url（{chars.quoted(node.value)}）：网站地址只写在 gazette.yml 中",
                       "删去这一行，把网址写在 gazette.yml 的 site.url 中，例如 url: https://gazette.example.gov.cn/")]


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
