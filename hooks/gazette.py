"""MkDocs hooks: a thin adapter from MkDocs events to the ``gongbao`` package.

MkDocs does not reload hook modules under ``mkdocs serve``, so nothing is kept at module level:
each build loads and checks the content afresh.
"""
from __future__ import annotations

import functools
import logging
import os
import time
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import Environment
from markdown.extensions.toc import nest_toc_tokens
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents, get_toc

from gongbao.content import settings as gazette_settings
from gongbao.content import lock as gazette_lock
from gongbao.content import attachments, integrity, published_lock, tree, urls, watchdog
from gongbao.publish import buildlog, collector, csp, incremental, joined_assets, rendered_html, shown_text, theme_scripts
from gongbao.publish.check import check
from gongbao.content.diagnostics import ContentError
from gongbao.publish.render import compact, ids, parts, site, ui
from gongbao.rules import links

log = logging.getLogger("mkdocs.hooks.gazette")
HOME_SOURCE = "index.md"
# Material's files for its own search (off: gb-search.js replaces it) and its source maps: no page loads them.
UNUSED_THEME_FILES = ("assets/javascripts/lunr/", "assets/javascripts/workers/")


def _root(config: MkDocsConfig) -> Path:
    # absolute, as MkDocs makes docs_dir: mkdocs build -f gazette/mkdocs.yml gives a path relative to where it runs
    return Path(os.path.abspath(config.config_file_path)).parent


def on_startup(command: str, dirty: bool) -> None:
    if command == "build":  # one build, then the process ends (`mkdocs serve` rebuilds in one process: not there)
        collector.freeze_survivors()


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Site-level settings come from gazette.yml, the one place an office configures.

    First, before MkDocs lists content/: no file the build reads may lead outside (gongbao.content.tree)."""
    buildlog.install()
    config.extra["gb_started"] = time.monotonic()
    log.info("开始生成网站：检查内容……")
    unreadable = tree.problems(_root(config))
    if unreadable:
        raise PluginError(str(ContentError(unreadable)))
    try:
        settings = gazette_settings.load(_root(config))
    except ContentError as exc:
        raise PluginError(str(exc)) from None
    config.site_name = settings.site_name
    config.site_url = settings.site_url or None  # never mkdocs.yml's (gongbao.content.mkdocs_config refuses one)
    config.theme["language"] = "zh-Hant" if settings.interface_script == "zh-Hant" else "zh"
    config.extra["footer"] = settings.footer
    # For the templates: <meta name="SiteDomain">, and <html lang> on pages that are not documents.
    config.extra["gb"] = {"site_domain": urlsplit(settings.site_url).hostname or "",
                          "interface_lang": settings.interface_script}
    # Our sitemap.xml (gongbao.publish.feeds) dates each page by publication; MkDocs' own would stamp the build.
    config.theme.static_templates.discard("sitemap.xml")
    # the site's stylesheets as one file and its scripts as another (gongbao.publish.joined_assets, written by
    # on_files); the preview's worker calls this once, a build once: the sources are kept for on_files
    config.extra["gb_stylesheets"] = config.extra.get("gb_stylesheets") or list(config.extra_css)
    config.extra_css = [joined_assets.STYLESHEET_URI]
    config.extra["gb_javascripts"] = config.extra.get("gb_javascripts") or [str(s) for s in config.extra_javascript]
    config.extra_javascript = [joined_assets.SCRIPT_URI]
    if os.environ.get(incremental.ENV):
        logging.getLogger("mkdocs.commands.build").addFilter(_dirty_warning)
    return config


def _dirty_warning(record: logging.LogRecord) -> bool:
    """MkDocs warns that a dirty build may be inaccurate, and --strict would stop on it. Ours is not: the hook
    marks a file unchanged only when everything it is made from hashed the same (see on_files, gongbao.publish.incremental)."""
    return "'dirty' build" not in record.getMessage()


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Check all content (every problem at once) and add the generated pages."""
    with integrity.once():  # each text's canonical form once, for the check, the pages, the twins and the lock
        return _files(files, config)


def _files(files: Files, config: MkDocsConfig) -> Files:
    for file in [f for f in files if f.src_uri.startswith(UNUSED_THEME_FILES)
                 or f.src_uri.startswith("assets/") and f.src_uri.endswith(".map")]:
        files.remove(file)
    # the preview's worker keeps the last check in memory (gongbao.publish.livecheck); a build checks from scratch
    checked = config.extra.get("gb_check", check)(_root(config))
    for d in checked.diagnostics:
        if not d.is_error:  # at INFO: --strict fails on any WARNING, and `gongbao check` passes with warnings
            log.info(str(d))
    if not checked.ok:
        raise PluginError(str(ContentError(checked.diagnostics)))
    log.info(buildlog.checked(checked.archive, time.monotonic() - config.extra["gb_started"]))
    # what the lock does not record yet, for the log only: not worked out, nor the lock read, when nobody reads it (the
    # preview's worker); an unreadable lock is already a check error
    committed = functools.cache(lambda: gazette_lock.load(_root(config))[0])
    found = functools.cache(lambda: gazette_lock.unrecorded(committed(), checked.archive, checked.settings.issuer_codes))
    if log.isEnabledFor(logging.INFO):
        for line in buildlog.unlocked(found()):
            log.info(line)
    config.extra["gb_summary"] = lambda seconds: buildlog.summary(checked.archive, found(), seconds)
    if os.environ.get(published_lock.RECORDING):
        # what gongbao build's site will carry beyond its lock, also what the site it replaces carried, still published
        # as a redirect or a notice (gongbao.content.published_lock.beyond): worked out here, where each text's hash is
        # worked out once, and written when the site is (on_post_build)
        beyond = published_lock.beyond(committed(), published_lock.from_env()[0].unrecorded, checked.archive,
                                       checked.settings, checked.today)
        config.extra["gb_unrecorded"] = lambda state: published_lock.keep_unrecorded(state, beyond)
    home = files.get_file_from_path(HOME_SOURCE)
    intro = home.content_string if home else "# 政府公报\n"
    # the preview's worker keeps what it made between edits (gongbao.publish.regenerate); a build makes everything
    made = config.extra.get("gb_generate", site.outputs)(checked.archive, checked.settings, checked.today)
    authored = dict(made.authored)
    # a theme file one of ours replaces; and the theme's sitemap.xml always: no longer a template MkDocs renders (on_config),
    # it would be copied as it is, Jinja and all, where ours is not made (no site.url)
    for file in [f for f in files if f.src_uri in made.files or f.src_uri == "sitemap.xml"]:
        files.remove(file)
    if home:
        files.remove(home)
        authored[""] = [rendered_html.Authored(_source_path(home, config), 1, intro, intro.rstrip())]  # keyed by URL, as made.authored
    home_page = intro.rstrip() + "\n\n" + made.home[""]
    # the site's stylesheets as one file and its scripts as another (gongbao.publish.joined_assets): made at every
    # edit, as the home page is
    joined = []
    for uri, listed in ((joined_assets.STYLESHEET_URI, "gb_stylesheets"), (joined_assets.SCRIPT_URI, "gb_javascripts")):
        sources = [files.get_file_from_path(source) for source in config.extra[listed]]
        text = joined_assets.joined([(f.src_uri, f.content_string) for f in sources])
        joined.append((uri, text, {"content": text}))
        for f in sources:
            files.remove(f)
    config.extra["gb_files"] = made.attachments
    # what content/ publishes as it is (the footer's logo…): no lock holds it, so no editor's text a lock holds may show it
    docs = os.path.join(config.docs_dir, "")
    own = frozenset(f.src_uri for f in files if not f.is_documentation_page() and (f.abs_src_path or "").startswith(docs))
    # the preview's worker keeps the generated files between edits and names the outputs to look at again
    # (gongbao_preview.keptfiles); a build looks at every output
    kept = config.extra.get("gb_kept")
    wanted = kept.wanted(files, getattr(config.extra.get("gb_generate"), "touched", None), made) if kept else None
    shown = {key for kind, key in wanted if kind == "pages"} | {""} if wanted is not None else authored
    # what each page printed of editors' text, and what the rendered pages broke (see on_page_content)
    # pages that know the editors' texts they print (gongbao.publish.render.parts), and each rendered page's ids for on_post_page
    config.extra["gb_published"] = {"authored": {urls.source_uri(u): authored[u] for u in shown if u in authored},
                                    "problems": [], "parts": {}, "ids": {}, "pages": made.pages, "bodies": {}, "later": [],
                                    "own": own, "site_url": config.site_url or "", "cites": [],
                                    # what the listings show as links to the pages (rules.link_text.found)
                                    "titles": frozenset(item.title for kind in ("documents", "interpretations", "drafts",
                                                                                "explanations", "feedback")
                                                        for item in getattr(checked.archive, kind))}
    every = ((kind, key) for kind in ("pages", "files", "attachments") for key in getattr(made, kind))
    outputs = [(HOME_SOURCE, home_page, {"content": home_page}), *joined,
               *(_output(made, authored, kind, key, config) for kind, key in (every if wanted is None else sorted(wanted)))]
    if kept is None:
        for src, _, source in outputs:
            files.append(File.generated(config, src, **source))
        visited = files
    else:
        visited = kept.visit(files, config, outputs, every=wanted is None)
    # the pages whose bodies others show (gongbao.publish.render.parts.Borrowed): their rendered bodies are kept
    config.extra["gb_published"]["lenders"] = {urls.source_uri(b.page) for p in config.extra["gb_published"]["parts"].values()
                                               if isinstance(p, parts.Page) for b in p.borrowed()}
    config.extra["gb_visited"] = visited
    if os.environ.get(incremental.ENV):
        if wanted is None:  # else the hashes of the outputs not looked at are the last edit's
            config.extra["gb_inputs"] = {}
        _reuse(visited, config, Path(os.environ[incremental.ENV]), kept.entries if kept else {})
    return kept.keep(visited, config.extra["gb_inputs"]) if kept else files


def _output(made: site.Outputs, authored: dict, kind: str, key: str, config: MkDocsConfig) -> tuple:
    """One generated file: its source URI, what it is made from, what ``File.generated`` reads it from."""
    if kind == "pages":
        page = made.pages[key]
        if not isinstance(page, str):  # a page that knows the editors' texts it prints
            config.extra["gb_published"]["parts"][urls.source_uri(key)] = page
        return urls.source_uri(key), (page, authored.get(key)), {"content": parts.source(page)}
    if kind == "files":
        return key, made.files[key], {"content": made.files[key]}
    item = made.attachments[key]  # an attachment is the file the check hashed (item.sha256)
    return key, item, {"abs_src_path": str(_root(config) / item.source)}


def _reuse(files: Files, config: MkDocsConfig, state: Path, kept: dict) -> None:
    """An incremental build (gongbao.publish.incremental): MkDocs' dirty mode rewrites exactly the files whose inputs
    changed — its own test, modification times, would miss a file restored with an old time and would rewrite
    every generated one. The preview's worker hands what the served site was made from (``gb_previous``) and keeps
    (``gb_kept``) each generated file's inputs, File and hash: a file made from the same as at the last edit is
    neither hashed again nor looked for (it was written then, or found unchanged). Each file's inputs' hash goes
    into ``gb_inputs``, by destination."""
    build_key, before = config.extra.get("gb_previous") or incremental.previous(state)
    published, made = config.extra["gb_published"], config.extra["gb_inputs"]
    for file in files:  # a page in parts: its HTML parts are inputs too, besides the Markdown MkDocs reads
        last = kept.get(file.src_uri)
        if last and last[1] is file:
            made[file.dest_uri] = last[2]
            unchanged = before.get(file.dest_uri) == last[2]
        else:
            made[file.dest_uri] = incremental.inputs_hash(
                build_key, file.dest_uri, file.src_uri.encode(), file.content_bytes,
                repr(published["authored"].get(file.src_uri)).encode(), parts.digest(published["parts"].get(file.src_uri)))
            unchanged = before.get(file.dest_uri) == made[file.dest_uri] and os.path.isfile(file.abs_dest_path)
        file.is_modified = (lambda: False) if unchanged else (lambda: True)  # what dirty mode asks each file


def _record_inputs(config: MkDocsConfig) -> None:
    """What each output was made from, for the next incremental build; the templates MkDocs always writes."""
    if os.environ.get(incremental.ENV):
        made = dict(config.extra["gb_inputs"])
        made.update({name: "" for name in (*config.theme.static_templates, *config.extra_templates)})
        incremental.save_inputs(Path(os.environ[incremental.ENV]), made)


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """The titles mkdocs.yml gives the nav are interface labels (首页, 公报目录…): in the interface script."""
    script = config.extra["gb"]["interface_lang"]
    for item in _walk(nav.items):
        if item.title:  # a page without a nav title is named by its own (converted or content) title
            item.title = ui.convert(item.title, script)
    return nav


def _walk(items):
    for item in items:
        yield item
        yield from _walk(getattr(item, "children", None) or [])


def _source_path(file: File, config: MkDocsConfig) -> str:
    return (Path(config.docs_dir).relative_to(_root(config)) / file.src_uri).as_posix()


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """The page's rendering, next, bounded (gongbao.content.watchdog) until on_page_content."""
    state, src = config.extra["gb_published"], page.file.src_uri
    watchdog.arm(functools.partial(_overrun, src, state["parts"].get(src) or state["authored"].get(src)))
    return markdown


def _overrun(src: str, shown: parts.Page | list[rendered_html.Authored] | None, seconds: float) -> PluginError:
    """The error of a page whose rendering passed its bound, named by the editors' files it ``shown`` (its parts, or
    what it shows of them), else by itself."""
    authored = shown.authored() if isinstance(shown, parts.Page) else shown or ()
    named = "、".join(dict.fromkeys(a.path for a in authored)) or src
    return PluginError(f"{named}：{watchdog.message(seconds)}")


def on_build_error(error: Exception) -> None:
    watchdog.disarm()  # a page's bound ends with the build it bounded


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """A page rendered in parts gets its HTML around them; what is published is checked, not what was
    written (see gongbao.publish.rendered_html): every page. A page that shows other pages' bodies (an issue's print
    view) is finished when every page is rendered (on_env): it shows them as their pages render them."""
    watchdog.disarm()
    collector.rendered()
    state = config.extra["gb_published"]
    in_parts = state["parts"].pop(page.file.src_uri, None)
    if isinstance(in_parts, parts.Page) and page.file.src_uri in state["lenders"]:
        state["bodies"][page.file.src_uri] = _body(in_parts, html, page.file.src_uri)
    if isinstance(in_parts, parts.Page) and in_parts.borrowed():
        state["later"].append((page, in_parts, html))
        return html
    return _published(page, in_parts, html, config)


def _published(page: Page, in_parts, html: str, config: MkDocsConfig, lent: dict[str, str] | None = None) -> str:
    state = config.extra["gb_published"]
    authored = in_parts.authored() if in_parts else state["authored"].get(page.file.src_uri)
    if authored is None:  # a page written by hand in content/, or a generated one without editors' text
        text = page.file.content_string
        authored = [rendered_html.Authored(_source_path(page.file, config), 1, text, text)] if page.file.abs_src_path else []
    try:
        html, allowed, ours = parts.published(in_parts or page.file.content_string, html, authored, lent)
    except ValueError as exc:
        raise PluginError(f"{page.file.src_uri}：{exc}") from None
    if isinstance(in_parts, parts.Page) and in_parts.headings:
        page.toc = _with_headings(page.toc, in_parts.headings)
    cites = []
    found, ids = rendered_html.inspect(html, allowed, ours, own_page=lent is None,
                                       shows=_own_file(page.url, state) if isinstance(in_parts, parts.Page) else None,
                                       site_url=state["site_url"], titles=state["titles"],
                                       foreign=_foreign_image(page.url, state)
                                       if isinstance(in_parts, parts.Page) and lent is None else None,
                                       cites=cites if lent is None else None)
    if cites:  # links to ids of other pages: told when every page is rendered (on_env)
        state["cites"].append((page, cites, authored))
    if lent is None:  # a print view shows the bodies as their own pages render them, each checked there
        found += shown_text.unshown(html, authored)
    state["ids"][page.file.src_uri] = ids
    state["problems"] += rendered_html.diagnostics(found + rendered_html.repeated(ids, found), authored, page.file.src_uri)
    return html


def _own_file(page_url: str, state: dict):
    """The site's own file (content/'s, not a page) an address on the page at ``page_url`` leads to, if any: a page in
    parts shows the texts a lock holds, none of which may show one (a page of content/ may)."""
    def shows(address: str) -> str | None:
        path = links.served_path(address, page_url, state["site_url"])
        return "/" + path if path in state["own"] else None
    return shows


def _foreign_image(page_url: str, state: dict):
    """The file of the site an image on the page at ``page_url`` shows that is not the page's own, if any (a print view,
    which shows its documents' bodies with their images, is not asked: each is checked on its own page)."""
    def foreign(address: str) -> str | None:
        path = links.served_path(address, page_url, state["site_url"])
        return "/" + path if path is not None and links.foreign_file(path, page_url) else None
    return foreign


def _lent(url: str, config: MkDocsConfig, files: Files) -> str:
    """The HTML of a document's body as its page renders it: from this build's rendering of that page, or, when the
    page was not rendered (an incremental build, the preview: it did not change), rendered now as MkDocs renders it."""
    state = config.extra["gb_published"]
    src = urls.source_uri(url)
    if src not in state["bodies"]:
        lender = state["pages"][url]
        rendering = Page(None, File.generated(config, src, content=parts.source(lender)), config)
        rendering.read_source(config)
        with watchdog.bounded(functools.partial(_overrun, src, lender)):
            rendering.render(config, files)
        return _body(lender, rendering.content, src)
    return state["bodies"].pop(src)  # a document is in one issue: shown once more


def _body(page: parts.Page, rendered: str, src: str) -> str:
    try:
        return page.body(rendered)
    except ValueError as exc:
        raise PluginError(f"{src}：{exc}") from None


def _with_headings(toc: TableOfContents, headings) -> TableOfContents:
    """The table of contents MkDocs made from a page's Markdown, with our HTML's headings after them,
    nested as Python-Markdown nests headings."""
    def flat(links):
        for link in links:
            yield {"level": link.level, "id": link.id, "name": link.title}
            yield from flat(link.children)
    tokens = list(flat(toc)) + [{"level": level, "id": id_, "name": title} for level, id_, title in headings]
    return get_toc(nest_toc_tokens(tokens))


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Templates write their labels once, in Simplified: ``{{ "主办单位" | ui }}``. By now every page
    is rendered: one that published what content may not publish stops the build, all at once."""
    for page, in_parts, html in config.extra["gb_published"]["later"]:
        page.content = _published(page, in_parts, html, config, {b.page: _lent(b.page, config, files) for b in in_parts.borrowed()})
    _cited(config, files)
    problems = config.extra["gb_published"]["problems"]
    if problems:  # told once: a body the print view shows again is found there again
        raise PluginError(str(ContentError(list(dict.fromkeys(problems)))))
    if log.isEnabledFor(logging.INFO):  # not in the preview's worker, which renders a few pages an edit
        log.info(f"写出 {len(files.documentation_pages())} 个页面……")
    # the inline scripts the policy may trust: the theme's and ours, from their templates (see gongbao.publish.csp);
    # the preview's worker keeps them between edits, as the templates change only with the build key
    if "gb_scripts" not in config.extra:
        contexts = [{"base_url": b, "config": config} for b in theme_scripts.base_urls(urlsplit(config.site_url or "/").path)]
        config.extra["gb_scripts"] = theme_scripts.of_templates(config.theme.dirs, contexts)
    env.filters["ui"] = functools.partial(ui.convert, script=config.extra["gb"]["interface_lang"])
    return env


def _cited(config: MkDocsConfig, files: Files) -> None:
    """Each page's links to an id of another page the content of that page lacks, now that every page this build
    renders is (an incremental build's or the preview's others are not: their ids are unknown, and ``gongbao check``
    judged the links to them)."""
    state = config.extra["gb_published"]
    src_of = {file.url: file.src_uri for file in files.documentation_pages()}
    for page, cites, authored in state["cites"]:
        found = rendered_html.elsewhere(cites, page.url, state["site_url"], lambda url: state["ids"].get(src_of.get(url)))
        state["problems"] += rendered_html.diagnostics(found, authored, page.file.src_uri)


def _with_policy(html: str, name: str, config: MkDocsConfig) -> str:
    try:
        return csp.with_policy(html, config.extra["gb_scripts"])
    except csp.UntrustedScript as exc:
        raise PluginError(f"{name}: {exc}") from None


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Every page carries its Content-Security-Policy (see gongbao.publish.csp) and ids that are unique, in
    the theme's markup compacted (gongbao.publish.render.compact). The ids of the page's content were read
    with it (on_page_content): only the theme's part is read here, by the reader for the templates' markup."""
    content_ids = config.extra["gb_published"]["ids"].pop(page.file.src_uri, None)
    output, theme = compact.page(output, page.content or "")
    repeated = ids.repeated(ids.of(output) if theme is None else ids.of_theme(theme) + (content_ids or []))
    if repeated:
        raise PluginError(f"{page.file.src_uri}：页面上有重复的 id：{'、'.join(repeated)}（引用链接只会落到第一个）")
    if csp.navigates(output if theme is None else theme):  # the content's part is the published-body check's
        raise PluginError(f"{page.file.src_uri}：页面的主题部分含有 <meta http-equiv>（如 refresh 会把读者带到别处），"
                          "不是主题或本项目写的，拒绝发布：检查 overrides/ 的模板和 mkdocs.yml、gazette.yml 中印在页面上的设置")
    return _with_policy(output, page.file.src_uri, config)


def _attachments_as_checked(config: MkDocsConfig) -> None:
    """MkDocs copies attachments after the check read them: a file replaced in between (on the build
    machine) would publish bytes nobody checked or hashed. The copy must be the file checked."""
    for path, item in config.extra["gb_files"].items():
        if attachments.sha256(Path(config.site_dir) / path) != item.sha256:
            raise PluginError(f"{item.source}：文件在生成期间被改动，发布的副本与检查、锁定的不同；请重新生成")


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    """Static templates (404.html) carry the same policy as pages, compacted as their theme's markup: all of it is
    the theme's (overrides/404.html)."""
    if not template_name.endswith(".html"):
        return output_content
    if csp.navigates(output_content):
        raise PluginError(f"{template_name}：含有 <meta http-equiv>（如 refresh 会把读者带到别处），拒绝发布：检查 overrides/ 的模板")
    return _with_policy(compact.compact(output_content), template_name, config)


def on_post_build(config: MkDocsConfig) -> None:
    """Every file is written. (One hook function: a second definition of it would silently replace this one.)"""
    _attachments_as_checked(config)
    _record_inputs(config)
    if os.environ.get(published_lock.RECORDING):  # gongbao build's: the site carries what it published beyond its lock
        config.extra["gb_unrecorded"](Path(os.environ[published_lock.RECORDING]))
    log.info(config.extra["gb_summary"](time.monotonic() - config.extra["gb_started"]))
