"""``gongbao serve``: build, serve the site on 127.0.0.1, rebuild when the content changes.

Changes are found by polling modification times once a second: no extra dependency, and it works
the same on every system and on network drives. A failed rebuild leaves the previous site in
place (the build swaps folders only on success), so the preview keeps working while the editor
fixes the error the build printed.
"""
from __future__ import annotations

import functools
import gzip
import io
import os
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from gongbao.publish.build import BuildFailed, build

WATCHED = ("content", "gazette", "interpretations", "overrides", "gazette.yml", "mkdocs.yml")


def snapshot(root: Path) -> dict[str, tuple[int, int]]:
    """Modification time and size of every watched file, by path: any edit, addition or removal changes it.
    (The size too: two saves within one tick of a coarse file-system clock share a modification time.)
    os.walk skips a folder that vanishes or cannot be read while it is listed: the next poll sees the change."""
    stamps = {}
    for name in WATCHED:
        path = root / name
        found = [os.path.join(parent, f) for parent, _, files in os.walk(path) for f in files] if path.is_dir() else [path]
        for item in found:
            try:
                stat = os.stat(item)
                stamps[str(item)] = (stat.st_mtime_ns, stat.st_size)
            except OSError:
                continue  # vanished between listing and stat: the next poll sees the removal
    return stamps


def rebuild(root: Path, target: Path) -> bool:
    """The site an edit changed, without its search index: an incremental build rewrites only the pages, listings
    and catalogue files the edit touched. Not the last index meanwhile: it may hold text the edit withheld."""
    if not _built(root, target, search_index=False):
        return False
    print(f"{time.strftime('%H:%M:%S')} 已更新网页；检索索引稍后更新（更新前检索暂不可用）", flush=True)
    return True


def index(root: Path, target: Path) -> None:
    """The site with a new search index: then the preview is current in everything."""
    if _built(root, target):
        print(f"{time.strftime('%H:%M:%S')} 检索索引已更新，预览全部为最新", flush=True)


def _built(root: Path, target: Path, **options) -> bool:
    try:
        build(root, target, quiet=True, **options)
    except (BuildFailed, OSError) as exc:
        print(f"重新生成失败：{exc}（继续提供上一次成功生成的网站）", flush=True)
        return False
    return True


def watch(root: Path, target: Path, stop: threading.Event, interval: float = 1.0) -> None:
    """Poll and rebuild until stopped: the pages at once, the search index at the first poll without a change,
    so that an editor saving again and again sees each page first. Nothing a poll or a build meets may end the
    loop: the editor would go on editing a preview that silently never changes again."""
    seen = None  # the first poll takes stock of what the first build was made from
    index_behind = False
    while not stop.is_set():
        try:
            now = snapshot(root)
            changed, seen = seen is not None and now != seen, now
            if changed:
                index_behind = rebuild(root, target) or index_behind
            elif index_behind:
                index_behind = False
                index(root, target)
        except Exception as exc:  # noqa: BLE001 — logged; the next change is rebuilt as usual
            print(f"{time.strftime('%H:%M:%S')} 监视或重新生成时出错：{exc!r}（继续监视，下次修改后重新生成）", flush=True)
            if seen is None:
                seen = {}  # stock was never taken: a change may be missed, so the next good poll rebuilds
        stop.wait(interval)


class Handler(SimpleHTTPRequestHandler):
    """Static files, text compressed with gzip when the browser accepts it, as production hosts do.

    GitHub Pages and an nginx with ``gzip on`` compress text; without it the preview and the search
    benchmark would count the scripts and the search index's JSON files at three times their size on the wire.
    """

    def log_message(self, format, *args):  # noqa: A002 — the editor wants rebuild messages, not every request
        pass

    def copyfile(self, source, outputfile):
        try:
            super().copyfile(source, outputfile)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the browser went away mid-file (a closed tab, a cancelled fetch): nothing to report

    def send_error(self, code, message=None, explain=None):
        """A missing page gets the site's own 404 page, as static hosts serve it (its resolver sends
        wh/<number>/ on to the document), not Python's English one."""
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404, message)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def list_directory(self, path):
        """No listings of folders (wh/, doc/…): static hosts answer a folder without index.html with 404."""
        self.send_error(404)
        return None

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the redirect to the folder's address with its slash
            path = path / "index.html"
        if path.suffix not in COMPRESSED or "gzip" not in self.headers.get("Accept-Encoding", "") or not path.is_file():
            return super().send_head()
        stat = path.stat()
        body = _gzipped(str(path), stat.st_mtime_ns, stat.st_size)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)


COMPRESSED = {".html", ".css", ".js", ".mjs", ".json", ".xml", ".svg", ".txt", ".csv"}


@functools.lru_cache(maxsize=512)
def _gzipped(path: str, mtime_ns: int, size: int) -> bytes:
    """The compressed file; its time and size key the cache, so a rebuilt file is compressed afresh."""
    return gzip.compress(Path(path).read_bytes(), compresslevel=6, mtime=0)


def serve(root: Path, port: int, interval: float = 1.0) -> int:
    target = root / "site"
    build(root, target, quiet=True)
    handler = functools.partial(Handler, directory=str(target))
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
