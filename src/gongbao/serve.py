"""``gongbao serve``: build, serve the site on 127.0.0.1, show each edit within seconds.

Changes are found by comparing modification times, sizes, change times and inodes, when the file system says a watched file changed
(gongbao.watch: inotify, and every few seconds anyway) or, where it cannot say (a network drive), once a
second. An edit is shown by a long-running MkDocs process
(``gongbao_preview``) that rewrites only the files it touched, but the feeds, the sitemap and the redirects (files no
reader of the edited page needs at once: at 10,000 documents making them was 0.7 s CPU of each corrected document's
edit), which it writes once no edit came for a few seconds; the search index of the served pages follows, in a process
of its own, thrown away when an edit comes first (the edit is shown at once, never after the index), and every served
page says whether they are current (a banner the server adds: no built file holds it). A refused edit leaves the
previous site in place, and the banner and the console say why, so the preview keeps working while the editor fixes
the error.
"""
from __future__ import annotations

import collections
import functools
import gzip
import hashlib
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from gongbao.content import atomic, lock, settings, tree, withdrawn
from gongbao.publish import incremental, searchformat
from gongbao.publish.build import BuildFailed, build, mkdocs_environment, staging_folder
from gongbao.publish.render import host_headers
from gongbao.publish.render.html import esc
from gongbao.watch import Changes

# Every content folder (drafts, 起草说明, feedback and the decisions catalogue too) and every file a build reads.
WATCHED = tree.FOLDERS + (settings.FILENAME, withdrawn.FILENAME, lock.FILENAME, "mkdocs.yml")


def snapshot(root: Path) -> dict[str, tuple[int, ...]]:
    """Modification time, size, change time and inode of every watched file, by path: any edit, addition or removal
    changes it. (The size too: two saves within one tick of a coarse file-system clock share a modification time.
    The change time and inode too: a copy that keeps its source's time — ``cp -p``, ``rsync -t``, ``touch -r`` — can
    leave time and size as they were, and the page would stay stale under a banner saying it is current; no user
    process can set a change time back.) A link is a file too, a link to a folder (os.walk does not go into it) and
    one leading nowhere or round in a loop included: the build refuses one out of the repository or leading nowhere,
    and the preview, not seeing it, said the site was current. os.walk skips a folder that vanishes or cannot be
    read while it is listed: the next poll sees the change."""
    stamps = {}
    for name in WATCHED:
        path = root / name
        found = [os.path.join(parent, f) for parent, folders, files in os.walk(path)
                 for f in files + [d for d in folders if os.path.islink(os.path.join(parent, d))]] if path.is_dir() else [path]
        for item in found:
            stat = _stat(item)
            if stat is not None:  # None: vanished between listing and stat: the next poll sees the removal
                stamps[str(item)] = (stat.st_mtime_ns, stat.st_size, stat.st_ctime_ns, stat.st_ino)
    return stamps


def _stat(path: str) -> os.stat_result | None:
    """What a link leads to (an edit there is an edit), else the link itself; None for nothing there."""
    for follow in (True, False):
        try:
            return os.stat(path, follow_symlinks=follow)
        except OSError:
            continue
    return None


class Preview:
    """The served site and how current it is: the pages an edit touched at once, the feeds, the sitemap and
    the redirects (site.Maker.later) and the search index later."""

    # Seconds without an edit before the held-back files are written: that step is a whole update (1.3 s CPU at 10,000
    # documents) that an edit saved meanwhile waits for, so an editor saving again and again is not made to wait.
    LATER_QUIET = 3.0

    def __init__(self, root: Path, target: Path):
        self.root, self.target = root, target
        self.index_current = True
        self.later_current = True  # the feeds, sitemap and redirects: False while the worker holds some back
        self.shown_at = 0.0  # time.monotonic() of the last edit asked of the worker
        self.problem = ""  # why the last edit is not shown; empty when it is
        self._worker: subprocess.Popen | None = None
        self.answer: dict | None = None  # the worker's answer to the last edit
        self._ready = False
        self._indexing: subprocess.Popen | None = None  # the search index being made, into self._index_out
        self._index_out: Path | None = None

    def edited(self, command: str = "update") -> bool:
        """Show an edit; True when the site changed or files are held back for later. The worker rewrites what it
        touched (``later``: and what the edits before held back); a change of settings, templates or code, or a
        worker that cannot answer, takes a full build without the search index."""
        # First: the index being made read pages this edit may rewrite, and may hold text it withholds.
        self._set_index_aside()
        self.shown_at = time.monotonic()
        answer = self.answer = self._ask(command)
        if answer is None or answer.get("full"):
            self.stop()
            shown = self._built(search_index=False)
            self.later_current = self.later_current or shown
            self.start()
        elif answer["ok"]:
            self.problem, shown = "", bool(answer["written"])  # an edit that changes no output: nothing to index
            self.later_current = not answer["later"]
        else:
            self.problem, shown = answer["message"], False
            print(f"{time.strftime('%H:%M:%S')} 修改未生效（继续提供上一次成功生成的网站）：\n{self.problem}", flush=True)
        if shown:
            self.index_current = False
            # Not the last index meanwhile: it may hold text the edit withheld.
            taken_down(self.target)
            print(f"{time.strftime('%H:%M:%S')} 已更新网页；{'订阅源、站点地图和转向文件、' * (not self.later_current)}"
                  "检索索引稍后更新（更新前检索暂不可用）", flush=True)
        return shown or not (self.problem or self.later_current)  # held back: written at the next quiet poll (index)

    def later(self) -> None:
        """The files the worker held back written: made from the edits it showed, and from any saved since (an update
        as any other, holding nothing back)."""
        self.edited("later")
        if self.later_current:
            print(f"{time.strftime('%H:%M:%S')} 订阅源、站点地图和转向文件已更新", flush=True)

    def index(self) -> bool:
        """One step of what follows an edit: the files the worker held back written, once no edit came for LATER_QUIET
        seconds (before the index: pages an edit saved since writes too), then the search index of the served pages started in a process of its own, or put
        in place once made; True when nothing is left to do until the next edit. The pages the worker wrote are a
        clean build's (tests/test_preview.py), so their index is the clean build's: no build again."""
        if self._indexing is None and not self.later_current:
            if time.monotonic() - self.shown_at < self.LATER_QUIET:
                return False  # asked again at the next poll
            self.later()
        if self._indexing is None and self.index_current:
            return True
        if self._indexing is None:
            # beside the site, named as a build's staging folder: a build (the server's first) clears what a stopped
            # preview left there
            self._index_out = staging_folder(self.target.parent, f".{self.target.name}-new-index-")
            with self._opened_log("index.log") as errors:
                self._indexing = index_process(self.target, self._index_out, self.root, errors)
            return False
        if self._indexing.poll() is None:
            return False
        made, out = self._indexing.returncode == 0, self._index_out
        self._indexing = self._index_out = None
        if made:
            taken_down(self.target)
            out.rename(self.target / searchformat.FOLDER)
            self.index_current = True
            print(f"{time.strftime('%H:%M:%S')} 检索索引已更新，预览全部为最新", flush=True)
        else:
            shutil.rmtree(out, ignore_errors=True)
            print(f"{time.strftime('%H:%M:%S')} 检索索引未能生成（见 {self._log('index.log')}），下次修改后再试", flush=True)
        return True

    def _set_index_aside(self) -> None:
        """Stop the index being made and throw away what it wrote: never put in place after the pages change."""
        if self._indexing is not None:
            stop_index(self._indexing)
            shutil.rmtree(self._index_out, ignore_errors=True)
            self._indexing = self._index_out = None

    def _built(self, **options) -> bool:
        try:
            build(self.root, self.target, quiet=True, preview=True, **options)
        except (BuildFailed, OSError) as exc:
            self.problem = str(exc)
            print(f"重新生成失败：{exc}（继续提供上一次成功生成的网站）", flush=True)
            return False
        self.problem = ""
        return True

    def start(self) -> None:
        """The worker loads MkDocs meanwhile; it reads what the served site was made from, so after a build."""
        with self._opened_log("preview.log") as errors:
            self._worker = subprocess.Popen(
                [sys.executable, "-m", "gongbao_preview", str(self.root), str(self.target)], cwd=self.root,
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=errors, encoding="utf-8",
                env=mkdocs_environment())
        self._ready = False

    def _log(self, name: str) -> Path:
        folder = incremental.Cache(self.target).folder
        if folder is None:
            raise BuildFailed(_LINKED_CACHE.format(self.root / ".cache"))
        folder.mkdir(parents=True, exist_ok=True)
        return folder / name

    def _opened_log(self, name: str):
        """A log written afresh, never through a link planted in its place (a pull request can commit one: opened
        for writing, the file it led to was truncated)."""
        path = self._log(name)
        try:
            return atomic.unfollowed(path, os.O_TRUNC)
        except OSError as exc:
            raise BuildFailed(f"无法写入预览日志 {path}（{exc.strerror}）。它若是符号链接，删去它：预览会自己建立这个文件") from exc

    def _ask(self, command: str) -> dict | None:
        """The worker's answer; None when there is no worker or it died (its log: .cache/gongbao/preview.log)."""
        if self._worker is None:
            return None
        try:
            if not self._ready:
                self._ready = bool(json.loads(self._worker.stdout.readline()).get("ready"))
            self._worker.stdin.write(command + "\n")
            self._worker.stdin.flush()
            return json.loads(self._worker.stdout.readline())
        except (OSError, ValueError):
            return None

    def stop(self) -> None:
        self._set_index_aside()
        if self._worker is not None:
            self._worker.kill()
            self._worker.wait()
            self._worker = None

    def banner(self) -> bytes:
        """What every served page says first: only the preview server adds it, never a build."""
        if self.problem:
            text = f"预览：最近的修改未生效，仍显示上一次成功生成的网站。{' '.join(self.problem.strip().splitlines()[:2])}（全部问题见控制台）"
        elif not (self.index_current and self.later_current):
            behind = ["检索索引正在更新，暂不可用"] * (not self.index_current) + ["订阅源、站点地图和转向文件稍后更新"] * (not self.later_current)
            text = f"预览：网页已更新；{'，'.join(behind)}。"
        else:
            text = "预览：网页、检索索引、订阅源、站点地图和转向文件都是最新的。"
        return (f'<link rel="stylesheet" href="{BANNER_STYLE}"><div class="gb-preview" role="status">{esc(text)}</div>'
                .encode())


def taken_down(site: Path) -> threading.Thread | None:
    """The site's search index taken out of it at once, by one rename (a reader never meets part of it), and deleted in
    a thread of its own (returned, None when there was none): deleted here, the 22,000 files of a 10,000-document
    archive's index took 2 s after the first edit, and an edit saved meanwhile waited for them. Moved beside the site
    under a build's staging name, so the next build deletes what a stopped preview left."""
    index = site / searchformat.FOLDER
    if not index.is_dir():
        return None
    aside = staging_folder(site.parent, f".{site.name}-new-old-index-")
    index.rename(aside / index.name)
    deleting = threading.Thread(target=shutil.rmtree, args=(aside,), kwargs={"ignore_errors": True}, daemon=True)
    deleting.start()
    return deleting


def index_process(site: Path, out: Path, cwd: Path, log) -> subprocess.Popen:
    """``python -m gongbao_preview.index`` started on ``site``'s pages into ``out``, in a session of its own: its
    pool's workers (gongbao.publish.searchindex) are stopped with it (stop_index)."""
    return subprocess.Popen([sys.executable, "-m", "gongbao_preview.index", str(site), str(out)], cwd=cwd,
                            stdin=subprocess.DEVNULL, stdout=log, stderr=log, start_new_session=True,
                            env=mkdocs_environment())


def stop_index(process: subprocess.Popen) -> None:
    """Kill the index process and every worker it forked: a worker left behind would go on writing records into a
    folder thrown away, and wait for work forever."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:  # ended already, workers with it
        pass
    process.wait()


def watch(root: Path, target: Path, stop: threading.Event, interval: float = 1.0, preview: Preview | None = None,
          seen: dict[str, tuple[int, ...]] | None = None) -> None:
    """Poll and show each edit: the pages at once; the search index is started at the first poll without a
    change and put in place at a later one, and an edit seen meanwhile stops it, so that an editor saving again
    and again sees each page first. Nothing a poll or a build meets may end the loop: the editor would go on
    editing a preview that silently never changes again.

    ``seen``: the snapshot taken before the served site was built. Without it the first poll takes stock, and an
    edit saved between the build and that poll (this thread starting, on a busy machine) was never shown."""
    if preview is None:
        preview = Preview(root, target)
        preview.start()
    index_behind = False
    changes = Changes(root, WATCHED)
    try:
        while not stop.is_set():
            try:
                changed = False
                if changes.due():
                    now = snapshot(root)
                    changed, seen = seen is not None and now != seen, now
                if changed:
                    index_behind = preview.edited() or index_behind
                elif index_behind:
                    index_behind = not preview.index()
            except Exception as exc:  # noqa: BLE001 — logged; the next change is rebuilt as usual
                print(f"{time.strftime('%H:%M:%S')} 监视或重新生成时出错：{exc!r}（继续监视，下次修改后重新生成）", flush=True)
                if seen is None:
                    seen = {}  # stock was never taken: a change may be missed, so the next good poll rebuilds
                changes.look_again()
            changes.wait(stop, interval)
    finally:
        changes.close()
        preview.stop()


class Handler(SimpleHTTPRequestHandler):
    """Static files, text compressed with gzip when the browser accepts it, as production hosts do, with the headers
    the build writes for them (gongbao.publish.render.host_headers).

    GitHub Pages and an nginx with ``gzip on`` compress text; without it the preview and the search
    benchmark would count the scripts and the search index's JSON files at three times their size on the wire.
    """

    def log_message(self, format, *args):  # noqa: A002 — the editor wants rebuild messages, not every request
        pass

    def end_headers(self):
        """Every answer (a page, a file, a redirect, a 404) with the headers the build writes for the hosts."""
        for name, value in host_headers.HEADERS:
            self.send_header(name, value)
        super().end_headers()

    def copyfile(self, source, outputfile):
        try:
            super().copyfile(source, outputfile)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the browser went away mid-file (a closed tab, a cancelled fetch): nothing to report

    def send_error(self, code, message=None, explain=None):
        """A missing page gets the site's own 404 page, as static hosts serve it (its resolver sends
        wh/<number>/ on to the document), not Python's English one; compressed, and in the preview with its banner,
        as every page."""
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = self.body(page, self._accepts_gzip()) or page.read_bytes()
        self._answer(404, message, "text/html; charset=utf-8", body)
        if self.command != "HEAD":
            self.wfile.write(body)

    def list_directory(self, path):
        """No listings of folders (wh/, doc/…): static hosts answer a folder without index.html with 404."""
        self.send_error(404)
        return None

    def send_head(self):
        translated = self.translate_path(self.path)
        if "\0" in translated:  # %00: no file has it, and open() raised ValueError (no answer, a traceback)
            self.send_error(404)
            return None
        path = Path(translated)
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the redirect to the folder's address with its slash
            path = path / "index.html"
        body = self.body(path, self._accepts_gzip()) if path.suffix in COMPRESSED and path.is_file() else None
        if body is None:
            return super().send_head()
        return io.BytesIO(self._answer(200, None, self.guess_type(str(path)), body))

    def _accepts_gzip(self) -> bool:
        return "gzip" in self.headers.get("Accept-Encoding", "")

    def _answer(self, code: int, message: str | None, content_type: str, body: bytes) -> bytes:
        """Send the status and headers of ``body``, made by ``body()`` (compressed if the browser accepts it)."""
        gzipped = self._accepts_gzip()
        self.send_response(code, message)
        self.send_header("Content-Type", content_type)
        if gzipped:
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return body

    def body(self, path: Path, gzipped: bool) -> bytes | None:
        """What is sent for a text file, compressed if ``gzipped``; None: the file as it is."""
        return _gzipped(path.read_bytes()) if gzipped else None


COMPRESSED = {".html", ".css", ".js", ".mjs", ".json", ".xml", ".svg", ".txt", ".csv"}
_KEPT = 512  # compressed files kept
_gzipped_by_digest: collections.OrderedDict[bytes, bytes] = collections.OrderedDict()
_gzipped_lock = threading.Lock()  # the server answers each request in a thread of its own


def _gzipped(data: bytes) -> bytes:
    """``data`` compressed, kept by its digest: hashing is a small part of compressing. Not by the file's time and
    size: a file rewritten at the same size within one tick of the file system's clock was sent as it was before."""
    digest = hashlib.sha256(data).digest()
    with _gzipped_lock:
        if digest in _gzipped_by_digest:
            _gzipped_by_digest.move_to_end(digest)
            return _gzipped_by_digest[digest]
    body = gzip.compress(data, compresslevel=6, mtime=0)
    with _gzipped_lock:
        _gzipped_by_digest[digest] = body
        if len(_gzipped_by_digest) > _KEPT:
            _gzipped_by_digest.popitem(last=False)
    return body


# The banner's style, served by the preview server only (the pages' policy allows the site's own stylesheets);
# a dot-name, which no published file has (MkDocs leaves out every dotfile).
BANNER_STYLE = "/.gongbao-preview.css"
_BANNER_CSS = (b".gb-preview{background:#fff4ce;color:#3b2e00;border-bottom:1px solid #c9a400;padding:.4rem 1rem;"
               b"font-size:.8rem;text-align:center}")
_BODY = re.compile(rb"<body\b[^>]*>")


class PreviewHandler(Handler):
    """The preview's server: every page with the banner saying how current it is (``Preview.banner``)."""

    preview: Preview  # set on the subclass ``serve`` makes

    def send_head(self):
        if self.path.split("?")[0] != BANNER_STYLE:
            return super().send_head()
        self.send_response(200)
        self.send_header("Content-Type", "text/css")
        self.send_header("Content-Length", str(len(_BANNER_CSS)))
        self.end_headers()
        return io.BytesIO(_BANNER_CSS)

    def body(self, path: Path, gzipped: bool) -> bytes | None:
        if path.suffix != ".html":
            return super().body(path, gzipped)
        html = _BODY.sub(lambda m: m.group(0) + self.preview.banner(), path.read_bytes(), count=1)
        return gzip.compress(html, compresslevel=6, mtime=0) if gzipped else html


_LINKED_CACHE = "{} 或其中的 gongbao 是符号链接，预览未启动：预览的状态和日志写在那里。删去这个链接（它是缓存，可以整个删除）"


def serve(root: Path, port: int, interval: float = 1.0) -> int:
    target = root / "site"
    if incremental.Cache(target).folder is None:  # the worker's state and the logs would go where the link leads
        raise BuildFailed(_LINKED_CACHE.format(root / ".cache"))
    seen = snapshot(root)  # before the build: an edit saved during it or before the watch starts is a change
    build(root, target, quiet=True, preview=True)
    preview = Preview(root, target)
    preview.start()
    handler = functools.partial(type("Handler", (PreviewHandler,), {"preview": preview}), directory=str(target))
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    stop = threading.Event()
    watcher = threading.Thread(target=watch, args=(root, target, stop, interval, preview, seen),
                               daemon=True)
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
        watcher.join(timeout=5)
        preview.stop()
    return 0
