"""MkDocs hook: pages' Markdown rendered on two cores, each page's result exactly MkDocs' own.

MkDocs renders the pages one after another, on one core; rendering the Markdown is most of a build. Here a worker,
forked once the files are known (on_nav), renders pages from the last one back while MkDocs goes on from the first;
where the two meet, a page whose chunk the worker has not begun is rendered by MkDocs itself. The worker renders a
page as MkDocs' own loop does (read_source, the page_markdown event, ``Page.render`` with the same configuration and
files, inherited by the fork), and this process takes over what that rendering gave: the HTML, the table of contents,
the title, the anchors, and what it logged (logged again here, when MkDocs reaches the page: a broken link still stops
a --strict build, in page order). Every check of what is published runs here, on that HTML, as on any page
(hooks/gazette.py: on_page_content, on_post_page).

Not used with one core, few pages, or threads in this process (the preview's worker: forking a process with threads
can deadlock the child); ``GONGBAO_PAGES_IN_PARALLEL=0`` turns it off, ``=1`` on whatever the number of pages
(tests compare both builds). MkDocs does not reload hook modules under ``mkdocs serve``: the state below is one
build's, cleared at on_env.
"""
from __future__ import annotations

import functools
import gc
import logging
import multiprocessing
import os
import pickle
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from gongbao.content import watchdog
from gongbao.publish import collector
from gongbao.publish.forked import cores, forkable
from gongbao.publish.parallel import inherited

ENV = "GONGBAO_PAGES_IN_PARALLEL"
MIN_PAGES = 200  # fewer render in a few seconds: not worth a fork
CHUNK = 16       # pages a task: few round trips; where MkDocs meets the worker, it waits for one chunk at most

_pool: ProcessPoolExecutor | None = None
_planned: dict[str, Future] = {}  # a page's src_uri → its chunk's rendering in the worker
_patched: list[Page] = []         # pages whose render is the worker's (on_pre_page)
# in the worker, inherited by the fork: what MkDocs renders with
_config: MkDocsConfig | None = None
_files: Files | None = None


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    global _pool, _config, _files
    # the pages MkDocs' loop renders, in its order: a dirty build skips the unmodified ones (hooks/gazette.py marks them)
    srcs = [f.src_uri for f in files.documentation_pages(inclusion=InclusionLevel.is_included)
            if f.page is not None and f.is_modified()]
    wanted = os.environ.get(ENV)
    if wanted == "0" or not forkable(cores()) or (wanted != "1" and len(srcs) < MIN_PAGES):
        return nav
    _config, _files = config, files
    # what the worker inherits frozen at once: its collections would otherwise walk the whole inherited heap, writing
    # to every object's header and so copying every page of it (at 10,000 documents: gigabytes, and a third more CPU)
    _pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"), initializer=gc.freeze)
    rendered = inherited("pages", _rendered)
    for end in range(len(srcs), 0, -CHUNK):  # the last pages first: MkDocs begins with the first
        chunk = srcs[max(0, end - CHUNK):end]
        future = _pool.submit(rendered, chunk)
        _planned.update(dict.fromkeys(chunk, future))
    return nav


def on_pre_page(page: Page, config: MkDocsConfig, files: Files) -> Page:
    future = _planned.pop(page.file.src_uri, None)
    if future is not None:
        # MkDocs calls page.render(config, files) next: this page's is the worker's, by an attribute of the instance,
        # taken away when called or at the end of the build (the preview's worker keeps its pages from edit to edit)
        page.render = functools.partial(_take, page, future)
        _patched.append(page)
    return page


def on_env(env, config: MkDocsConfig, files: Files):
    """Every page is rendered: the worker has nothing left to do."""
    _stop()
    return env


def on_build_error(error: Exception) -> None:
    _stop()


def _stop() -> None:
    global _pool, _config, _files
    if _pool is not None:
        _pool.shutdown(wait=True, cancel_futures=True)
    _pool, _config, _files = None, None, None
    _planned.clear()
    for page in _patched:
        page.__dict__.pop("render", None)
    _patched.clear()


def _take(page: Page, future: Future, config: MkDocsConfig, files: Files) -> None:
    """The page as the worker rendered it; rendered here when the worker has not begun its chunk."""
    page.__dict__.pop("render", None)  # Page.render again
    try:
        done = None if future.cancel() else future.result()[page.file.src_uri]
    except BrokenProcessPool:  # the worker was killed (out of memory, a signal): what it has not sent is made here
        done = None
    if done is None:  # not begun (or cancelled for an earlier page of the chunk): nothing of it comes back
        Page.render(page, config, files)
        return
    if isinstance(done, Exception):
        raise done  # as MkDocs' own rendering of this page would have: MkDocs names the page
    content, toc, title, anchors, links, records = done
    page.content, page.toc, page._title_from_render, page.present_anchor_ids = content, toc, title, anchors
    if links is not None:
        page.links_to_anchors = {files.get_file_from_path(src): found for src, found in links.items()}
    for record in records:
        logging.getLogger(record["name"]).handle(logging.makeLogRecord(record))


def _rendered(srcs: list[str]) -> dict[str, tuple]:
    """In the worker: each page rendered as MkDocs' loop renders it (mkdocs.commands.build._populate_page), and
    what it logged, for this process to log again."""
    done = {}
    for src in srcs:
        page = _files.get_file_from_path(src).page
        try:
            with _logged() as records:
                _config._current_page = page
                page.read_source(_config)
                page.markdown = _config.plugins.on_page_markdown(page.markdown, page=page, config=_config, files=_files)
                page.render(_config, _files)
        except Exception as exc:  # raised for this page, when MkDocs reaches it; the chunk's other pages stand
            done[src] = exc if _picklable(exc) else RuntimeError(f"{type(exc).__name__}: {exc}")
            continue
        finally:
            _config._current_page = None
            watchdog.disarm()  # the page's bound (hooks/gazette.py, on_page_markdown), which on_page_content ends here
            collector.rendered()
        links = None if page.links_to_anchors is None else {f.src_uri: found for f, found in page.links_to_anchors.items()}
        done[src] = (page.content, page.toc, page._title_from_render, page.present_anchor_ids, links, records)
        page.markdown = page.content = None  # the worker keeps nothing of a page it sent
    return done


def _picklable(exc: Exception) -> bool:
    try:
        pickle.dumps(exc)
    except Exception:
        return False
    return True


class _Kept(logging.Handler):
    def __init__(self):
        super().__init__(logging.NOTSET)
        self.records: list[dict] = []

    def emit(self, record: logging.LogRecord) -> None:
        # the message as formatted, without what may not be pickled (arguments, a traceback)
        self.records.append({**record.__dict__, "msg": record.getMessage(), "args": None, "exc_info": None,
                             "exc_text": None})


@contextmanager
def _logged() -> Iterator[list[dict]]:
    """Every record logged meanwhile, kept instead of written: by the root's one handler, MkDocs' logger (which does not
    propagate, its handlers writing) propagating to it meanwhile."""
    kept, root, mkdocs = _Kept(), logging.getLogger(), logging.getLogger("mkdocs")
    saved = root.handlers, mkdocs.handlers, mkdocs.propagate
    root.handlers, mkdocs.handlers, mkdocs.propagate = [kept], [], True
    try:
        yield kept.records
    finally:
        root.handlers, mkdocs.handlers, mkdocs.propagate = saved
