"""Browser-test fixtures: the sample site built once per session, served on loopback, and
Debian's Chromium driven by Playwright (never a downloaded browser)."""
from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from pathlib import Path

import pytest

from gongbao.publish.build import build
from gongbao.serve import Handler

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


@contextlib.contextmanager
def serve(directory: Path, port: int = 0):
    """Serve ``directory`` on 127.0.0.1 (a free port by default); yields the base URL ending in /."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(Handler, directory=str(directory)))
    # shut down within 50 ms of the test's end, not the half second serve_forever otherwise sleeps between looks
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The project's sample gazette, built with its search index."""
    target = tmp_path_factory.mktemp("sample") / "site"
    build(ROOT, target, quiet=True)
    return target


@pytest.fixture(scope="session")
def site_url(built_site):
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "Debian's chromium is missing: run bash scripts/setup.sh --with-browser"
    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    tab = context.new_page()
    yield tab
    context.close()
