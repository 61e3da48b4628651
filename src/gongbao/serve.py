"""``gongbao serve``: build, serve the site on 127.0.0.1, rebuild when the content changes.

Changes are found by polling modification times once a second: no extra dependency, and it works
the same on every system and on network drives. A failed rebuild leaves the previous site in
place (the build swaps folders only on success), so the preview keeps working while the editor
fixes the error the build printed.
"""
from __future__ import annotations

import functools
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from .build import BuildFailed, build
from .search import SearchIndexError

WATCHED = ("content", "gazette", "interpretations", "overrides", "gazette.yml", "mkdocs.yml")


def snapshot(root: Path) -> dict[str, tuple[int, int]]:
    """Modification time and size of every watched file, by path: any edit, addition or removal changes it.
    (The size too: two saves within one tick of a coarse file-system clock share a modification time.)"""
    stamps = {}
    for name in WATCHED:
        path = root / name
        for item in (path.rglob("*") if path.is_dir() else [path]):
            try:
                stat = item.stat()
                stamps[str(item)] = (stat.st_mtime_ns, stat.st_size)
            except OSError:
                continue  # vanished between listing and stat: the next poll sees the removal
    return stamps


def rebuild(root: Path, target: Path) -> bool:
    try:
        build(root, target, quiet=True)
    except (BuildFailed, SearchIndexError, OSError) as exc:
        print(f"重新生成失败：{exc}（继续提供上一次成功生成的网站）", flush=True)
        return False
    print(f"{time.strftime('%H:%M:%S')} 已重新生成网站", flush=True)
    return True


def watch(root: Path, target: Path, stop: threading.Event, interval: float = 1.0) -> None:
    seen = snapshot(root)
    while not stop.wait(interval):
        now = snapshot(root)
        if now != seen:
            seen = now
            rebuild(root, target)


class _Handler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 — the editor wants rebuild messages, not every request
        pass


def serve(root: Path, port: int, interval: float = 1.0) -> int:
    target = root / "site"
    build(root, target, quiet=True)
    handler = functools.partial(_Handler, directory=str(target))
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    stop = threading.Event()
    watcher = threading.Thread(target=watch, args=(root, target, stop, interval), daemon=True)
    watcher.start()
    print(f"网站已生成，预览地址 http://127.0.0.1:{server.server_address[1]}/ （修改内容后自动重新生成；Ctrl-C 退出）",
          flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        server.server_close()
    return 0
