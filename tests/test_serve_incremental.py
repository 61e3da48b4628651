"""The preview after an edit: the page first, then the search index, each announced."""
from __future__ import annotations

import threading
import time
import urllib.request
from pathlib import Path

import pytest

from browser import serve
from gongbao.publish import searchformat
from gongbao.tools import synthetic
from gongbao import serve as serve_module
from gongbao.publish.build import build

ROOT = Path(__file__).resolve().parent.parent


def _wait(condition, timeout: float) -> float | None:
    """Seconds until ``condition`` held, or None."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if condition():
            return time.monotonic() - start
        time.sleep(0.05)
    return None


@pytest.fixture
def previewed(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796083200")
    root = tmp_path / "repo"
    synthetic.write(root, synthetic.archive(24), project=ROOT)
    site = root / "site"
    build(root, site, quiet=True, preview=True)  # as gongbao serve builds: a preview publishes nothing
    stop = threading.Event()
    watcher = threading.Thread(target=serve_module.watch, args=(root, site, stop, 0.2), daemon=True)
    watcher.start()
    time.sleep(0.5)  # the first poll takes stock
    with serve(site) as base:
        yield root, site, base
    stop.set()
    watcher.join(timeout=120)


def _page(base: str, url: str) -> str:
    with urllib.request.urlopen(base + url) as response:
        return response.read().decode("utf-8")


def test_an_edit_is_served_first_and_the_search_index_follows(previewed, capsys):
    root, site, base = previewed
    doc = sorted((root / "gazette").rglob("*.md"))[-2]
    text = doc.read_text(encoding="utf-8")
    pages = {p.parent for p in site.rglob("index.html") if "预览中修改" not in p.read_text(encoding="utf-8")}
    doc.write_text(text.replace("。", "。预览中修改。", 1), encoding="utf-8")

    found: list[Path] = []
    seconds = _wait(lambda: found.extend(_edited(site)) or found, timeout=180)
    assert seconds is not None, "the edit never reached the preview"
    page = found[0]
    assert page.parent in pages
    assert "预览中修改" in _page(base, "/" + page.parent.relative_to(site).as_posix() + "/")
    print(f"\npage served {seconds:.1f} s after the save")

    assert _wait(lambda: "检索索引已更新" in capsys.readouterr().out, timeout=300) is not None
    assert _indexed(site, "预览中修改")


def _edited(site: Path) -> list[Path]:
    """The pages holding the edit; none while the preview's folder is exchanged under the walk."""
    try:
        return [p for p in site.rglob("index.html") if "预览中修改" in p.read_text(encoding="utf-8")]
    except OSError:
        return []


def _indexed(site: Path, text: str) -> bool:
    """Whether a page record of the search index holds ``text``."""
    return any(text in searchformat.unpack(p.read_bytes()).decode("utf-8")
               for p in (site / searchformat.FOLDER / "pages").glob("*.json"))
