"""Rewrite, in the served site, the files an edit changed, with MkDocs kept loaded between edits.

A rebuild in a new MkDocs process pays, at every edit, for starting Python, importing MkDocs and the theme,
loading the configuration and compiling the theme's templates. This process does that once (and lists the theme's
files once), then for each edit runs what a build runs up to the pages — the hook's ``on_files`` (the check, which
reads again only the files changed since the last edit: gongbao.publish.livecheck; the generated outputs, of which
only those the edit reaches are made again, the rest kept from the last edit: gongbao.publish.regenerate; the hash
of each output's inputs, gongbao.publish.incremental, where MkDocs' ``File`` and the hash of an output made from the
same as at the last edit are kept too), the navigation (a ``Page`` made only for a new file), the rendering of the
pages whose inputs changed — and writes only those files, as MkDocs' dirty mode does.

Nothing is written unless everything a build refuses was refused: the check's errors, what the rendered pages
published that content may not (the hook's ``on_env``), a MkDocs warning (builds are strict). Written at ``later``,
asked after the edit is shown: the feeds, the sitemap and the redirects an edit reaches (site.Maker.later), made then with whatever
was saved since, as an ``update``. Not written here: the search index, which the preview makes afterwards from the
pages written (gongbao.serve, ``gongbao_preview.index``), and the files MkDocs' templates write (404.html), which change
only with the build key.

A change of anything in the build key (settings, templates, hooks, the code, the build date) is answered
``full``: that needs a full build, and a new process, since MkDocs and the hook hold the old configuration.
"""
from __future__ import annotations

import gc
import json
import logging
import os
import sys
from pathlib import Path

import jinja2
from mkdocs.commands.build import _build_page, _populate_page  # MkDocs is pinned (1.6.1): its build, step by step
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException
from mkdocs.structure.files import Files, get_files, set_exclusions
from mkdocs.structure.nav import get_navigation
from mkdocs.structure.pages import Page

from gongbao.publish import collector, incremental, livecheck, regenerate
from gongbao_preview import keptfiles
from gongbao.content import attachments, lock, published_lock, watchdog


class Refused(Exception):
    """What a build would have stopped on; nothing was written."""


class Preview:
    def __init__(self, root: Path, target: Path):
        self.root, self.target = root, target
        self.state = incremental.Cache(target).preview_state  # the same folder for every worker of this site
        self.state.mkdir(parents=True, exist_ok=True)
        os.environ[incremental.ENV] = str(self.state)  # the hook hashes every output's inputs (on_files)
        os.environ[published_lock.ENV] = str(target / lock.FILENAME)
        self.key = incremental.key(root)
        self.config = load_config(str(root / "mkdocs.yml"), site_dir=str(target))
        self.config = self.config.plugins.on_config(self.config)
        self.env = self.config.theme.get_env()  # kept: its templates are compiled once (_look)
        theme = Files([])
        theme.add_files_from_theme(self.env, self.config)  # listed once: the theme changes only with the build key
        self.theme = list(theme)
        # the hook's log (what the lock does not record yet) is not shown: not worked out
        logging.getLogger("mkdocs.hooks.gazette").setLevel(logging.WARNING)
        # kept: every output made and what it read, so that an edit remakes only what it reaches
        self.config.extra["gb_generate"] = self.generate = regenerate.Regenerator()
        # kept: each file's entry, so that an edit's check reads only what changed (gongbao.publish.livecheck)
        self.config.extra["gb_check"] = self.check = livecheck.Checker().check
        self.config.extra["gb_kept"] = self.kept = keptfiles.Kept()  # and each generated file's File and hash (the hook's on_files)
        # what the served site was made from; None if its record does not hold or was made under another key (a
        # settings file saved while this process started)
        self.inputs = incremental.Cache(target).current(target, self.key)
        checked = self.check(root)  # everything made once now, nothing written: the first edit remakes only what it reaches
        if checked.ok:
            self.generate(checked.archive, checked.settings, checked.today)
            self._look()

    def update(self, later: bool = False) -> dict:
        """Write what an edit changed, holding back the files no reader of the edited page needs at once (the feeds
        and the sitemap: site.Maker.later) unless ``later``, which writes those held back too. Held back only while
        the site holds every output as the last update made it: after a refused one (whose outputs the regenerator
        made and kept, and the hook then looks at every file) nothing is, or what it made would be written."""
        if self.inputs is None or incremental.key(self.root) != self.key:
            return {"full": True}
        self.generate.defer = not later and self.kept.current
        warnings = _Warnings()
        logging.getLogger("mkdocs").addHandler(warnings)
        # No cyclic garbage collection while the editor waits: with the archive and every output kept, each collection
        # walks millions of objects (at 10,000 documents, seconds an edit); the worker collects after answering.
        try:
            with collector.paused():
                written = self._update(warnings)
        except (MkDocsException, Refused) as exc:
            self.kept.forget()  # what the hook kept of this edit was not written: it looks at every file
            return {"ok": False, "message": str(exc)}
        finally:
            watchdog.disarm()  # a page's bound (the hook's) ends with the update that failed in it
            logging.getLogger("mkdocs").removeHandler(warnings)
        return {"ok": True, "written": written, "looked": len(self.config.extra["gb_visited"]),
                "later": bool(self.generate.pending)}

    def _look(self) -> None:
        """The hook's look at every output, made before the worker says it is ready, so that the first edit looks
        only at what it reaches (at 10,000 documents, tens of seconds). Nothing is written here: the serving process
        takes the search index down only when an update answers that it wrote, so a page written now, unannounced,
        could be served beside an index holding text it withholds. When the look finds anything to write (a save
        between the build and this start), it forgets what it kept, and the first edit looks at every file again."""
        if self.inputs is None or incremental.key(self.root) != self.key:
            return
        warnings = _Warnings()
        logging.getLogger("mkdocs").addHandler(warnings)
        try:
            files = self._files()
            set_exclusions(files, self.config)
            get_navigation(files, self.config)  # a Page for each file, kept with it, as the first edit would make them
            _compile(self.config.plugins.on_env(self.env, config=self.config, files=files),  # its filters: no page yet
                     self.config.theme.custom_dir)
            visited = self.config.extra["gb_visited"]
            if warnings.messages or any(f.is_modified() for f in visited) or set(self.inputs) - set(self._made()):
                self.kept.forget()
        except (MkDocsException, Refused):
            self.kept.forget()
        finally:
            logging.getLogger("mkdocs").removeHandler(warnings)

    def _files(self) -> Files:
        """The files of a build, through the hook's on_files: it checks, makes and looks at the outputs (gb_visited)."""
        config = self.config
        config.extra["gb_previous"] = (self.key, self.inputs)  # what the served site was made from, for the hook
        files = get_files(config)
        for file in self.theme:  # as Files.add_files_from_theme adds them: never over a file of docs_dir
            if files.get_file_from_path(file.src_uri) is None:
                files.append(file)
        return config.plugins.on_files(files, config=config)  # raises on the check's errors

    def _made(self) -> dict:
        """Each output of the site now, with what it was made from (the hook's record; the templates MkDocs writes)."""
        made = dict(self.config.extra["gb_inputs"])
        made.update({name: "" for name in (*self.config.theme.static_templates, *self.config.extra_templates)})
        return made

    def _update(self, warnings: _Warnings) -> list[str]:
        config = self.config
        files = self._files()
        set_exclusions(files, config)
        nav = config.plugins.on_nav(get_navigation(files, config), config=config, files=files)
        # the files the hook looked at: the others are as at the last edit (gongbao_preview.keptfiles)
        changed = Files([f for f in config.extra["gb_visited"] if f.is_modified()])
        pages = changed.documentation_pages()
        for file in pages:
            if file.page is None:
                Page(None, file, config)
            _populate_page(file.page, config, files, dirty=True)
        env = config.plugins.on_env(self.env, config=config, files=files)  # raises on what a page may not publish
        for file in pages:
            file.page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)
        if warnings.messages:
            raise Refused("\n".join(warnings.messages))
        every_page = files.documentation_pages()
        for file in pages:
            _build_page(file.page, config, every_page, nav, env, dirty=True)
        changed.copy_static_files(dirty=True)
        for path, item in config.extra["gb_files"].items():
            if changed.get_file_from_path(path) and attachments.sha256(self.target / path) != item.sha256:
                raise Refused(f"{item.source}：文件在生成期间被改动，请重新保存")
        made = self._made()
        for gone in set(self.inputs) - set(made):  # a deleted document's outputs, and the folders that empties
            _remove(self.target, gone)
        published_lock.publish(self.root, self.target)
        self.inputs = made
        return sorted(f.dest_uri for f in changed)


def _compile(env: jinja2.Environment, own: str | None) -> None:
    """The theme's page templates and the icons of ``own`` (the site's theme folder, overrides/) compiled now: Jinja
    compiles one at its first use, which was half a second of the first edit's page, and some are named only at render
    time (the interface language's, the icons mkdocs.yml names); 0.5 s here, once. One that does not compile (the blog
    plugin's, which need its filters) is used by no page of this site: compiled at its first use, if ever, as before."""
    icons = {Path(parent, name).relative_to(own).as_posix() for parent, _, names in os.walk(own)
             for name in names if name.endswith(".svg")} if own else set()
    for name in env.list_templates(filter_func=lambda name: name.endswith(".html") or name in icons):
        try:
            env.get_template(name)
        except jinja2.TemplateError:
            continue


class _Warnings(logging.Handler):
    """MkDocs' warnings while an edit is rendered: a strict build stops on any."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _remove(tree: Path, path: str) -> None:
    if not (tree / path).resolve().is_relative_to(tree):
        return  # not an output: a record names only what the build wrote in the tree
    (tree / path).unlink(missing_ok=True)
    for folder in (tree / path).parents:
        if folder == tree or not folder.is_dir() or any(folder.iterdir()):
            break
        folder.rmdir()


def main(argv: list[str]) -> int:
    protocol = os.fdopen(os.dup(sys.stdout.fileno()), "w", encoding="utf-8")
    sys.stdout = sys.stderr  # MkDocs and the hook log; only answers go to the protocol stream
    preview = Preview(Path(argv[0]).resolve(), Path(argv[1]).resolve())
    frozen = Collector()
    _answer(protocol, {"ready": True})
    for line in sys.stdin:
        command = line.strip()
        if command in ("update", "later"):
            _answer(protocol, preview.update(later=command == "later"))
            frozen.collect()  # after the answer: the served page does not wait for it
    return 0


class Collector:
    """The cyclic garbage of the updates, collected without walking what the worker keeps. The archive, its entries
    and every output are millions of long-lived objects at 10,000 documents: a collection that walks them took
    0.9 s CPU after each edit, and an edit saved meanwhile waited for it. So they are frozen (gc.freeze: no
    collection looks at them), and what survives an update is frozen after it. A frozen object that became garbage
    in a cycle (a page an edit replaced) is freed only by a collection of everything: made, as CPython's own rule
    for its oldest generation, once what was frozen since the last one is a quarter of what was frozen then."""

    GROWTH = 1.25

    def __init__(self):
        gc.collect()
        gc.freeze()
        self.frozen = gc.get_freeze_count()  # after the last collection of everything

    def collect(self) -> None:
        gc.collect()
        gc.freeze()
        if gc.get_freeze_count() > self.frozen * self.GROWTH:
            gc.unfreeze()
            gc.collect()
            gc.freeze()
            self.frozen = gc.get_freeze_count()


def _answer(stream, value: dict) -> None:
    stream.write(json.dumps(value, ensure_ascii=False) + "\n")
    stream.flush()
