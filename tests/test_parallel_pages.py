"""Pages rendered by a forked worker (hooks/parallel_pages.py) are the pages MkDocs renders itself: the same site,
byte for byte; what the worker's rendering logged is logged in the build (a warning still stops --strict); an error
of one page is that page's."""
from __future__ import annotations

import importlib.util
import logging
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import get_files
from mkdocs.structure.nav import get_navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler

from gongbao.publish.build import build

ROOT = Path(__file__).resolve().parent.parent


def _hook():
    spec = importlib.util.spec_from_file_location("parallel_pages_under_test", ROOT / "hooks/parallel_pages.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def snapshot(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.mark.build
def test_the_site_rendered_on_two_cores_is_the_site_rendered_on_one(site_repo, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796083200")
    monkeypatch.setenv("GONGBAO_PAGES_IN_PARALLEL", "0")
    build(site_repo.path, tmp_path / "one", quiet=True)
    monkeypatch.setenv("GONGBAO_PAGES_IN_PARALLEL", "1")
    build(site_repo.path, tmp_path / "two", quiet=True)
    one, two = snapshot(tmp_path / "one"), snapshot(tmp_path / "two")
    assert len(one) > 100 and one.keys() == two.keys()
    assert [name for name in one if one[name] != two[name]] == []


@pytest.fixture
def project(tmp_path):
    """A plain MkDocs project (no hooks) whose page a.md links to a page that does not exist."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs/a.md").write_text("# A\n\n[gone](missing.md)\n", encoding="utf-8")
    (tmp_path / "docs/b.md").write_text("# B\n\n## Part\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: t\n", encoding="utf-8")
    config = load_config(str(tmp_path / "mkdocs.yml"))
    config.plugins.on_startup(command="build", dirty=False)
    files = get_files(config)
    get_navigation(files, config)  # every page gets its Page, as before on_nav
    return config, files


@pytest.mark.unit
def test_what_the_worker_logged_is_logged_and_counted_by_strict(project):
    config, files = project
    hook = _hook()
    hook._config, hook._files = config, files
    done = hook._rendered(["a.md", "b.md"])
    future = Future()
    future.set_result(done)
    counted = CountHandler()
    counted.setLevel(logging.WARNING)
    logging.getLogger("mkdocs").addHandler(counted)
    try:
        for src in ("a.md", "b.md"):
            page = files.get_file_from_path(src).page
            page.read_source(config)  # as MkDocs' loop does before it renders
            hook._take(page, future, config, files)
    finally:
        logging.getLogger("mkdocs").removeHandler(counted)
    assert counted.get_counts() == [("WARNING", 1)]
    a, b = files.get_file_from_path("a.md").page, files.get_file_from_path("b.md").page
    ours = Page(None, files.get_file_from_path("b.md"), config)  # b rendered here, as MkDocs renders it
    ours.read_source(config)
    ours.render(config, files)
    assert (b.content, b.title, [t.id for t in b.toc.items[0].children]) == (ours.content, "B", ["part"])
    assert "missing.md" in a.content


@pytest.mark.unit
def test_an_error_rendering_one_page_is_raised_for_that_page_only(project, monkeypatch):
    config, files = project
    hook = _hook()
    hook._config, hook._files = config, files
    render = Page.render

    def failing(page, *args):
        if page.file.src_uri == "b.md":
            raise ValueError("b cannot be rendered")
        render(page, *args)

    monkeypatch.setattr(Page, "render", failing)
    future = Future()
    future.set_result(hook._rendered(["a.md", "b.md"]))
    monkeypatch.setattr(Page, "render", render)
    hook._take(files.get_file_from_path("a.md").page, future, config, files)
    with pytest.raises(ValueError, match="b cannot be rendered"):
        hook._take(files.get_file_from_path("b.md").page, future, config, files)


@pytest.mark.unit
def test_a_chunk_the_worker_has_not_begun_is_rendered_here(project):
    config, files = project
    hook = _hook()
    future = Future()  # pending: cancelled, and the page rendered by MkDocs' own Page.render
    page = files.get_file_from_path("b.md").page
    page.read_source(config)
    hook._take(page, future, config, files)
    assert future.cancelled() and '<h2 id="part">Part</h2>' in page.content


@pytest.mark.unit
def test_a_page_the_killed_worker_did_not_send_is_rendered_here(project):
    config, files = project
    hook = _hook()
    future = Future()
    future.set_running_or_notify_cancel()
    future.set_exception(BrokenProcessPool("killed"))
    page = files.get_file_from_path("b.md").page
    page.read_source(config)
    hook._take(page, future, config, files)
    assert '<h2 id="part">Part</h2>' in page.content


@pytest.mark.unit
def test_a_page_renders_as_mkdocs_renders_it_once_the_worker_s_rendering_is_taken(project):
    """The preview's worker keeps its pages from one edit to the next: the next rendering is MkDocs' own."""
    config, files = project
    hook = _hook()
    page = files.get_file_from_path("b.md").page
    future = Future()
    future.set_result({"b.md": ("<p>then</p>", None, "B", set(), None, [])})
    hook._planned["b.md"] = future
    hook.on_pre_page(page, config, files)
    page.read_source(config)
    page.render(config, files)
    assert page.content == "<p>then</p>"
    page.render(config, files)
    assert '<h2 id="part">Part</h2>' in page.content
    hook._planned["b.md"] = future
    hook.on_pre_page(page, config, files)  # and a build that stops before the page is rendered
    hook.on_build_error(RuntimeError())
    page.render(config, files)
    assert '<h2 id="part">Part</h2>' in page.content
