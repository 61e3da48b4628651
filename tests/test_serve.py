"""The preview server (also the browser tests' and the benchmark's): text gzipped when accepted, as production hosts do."""
import functools
import gzip
import http.server
import signal
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from browser import serve


@pytest.fixture
def site(tmp_path):
    (tmp_path / "doc").mkdir()
    (tmp_path / "doc/index.html").write_text("<p>文号</p>" * 200, encoding="utf-8")
    (tmp_path / "app.js").write_text("var a = 1;\n" * 300, encoding="utf-8")
    (tmp_path / "index.zh.pf_index").write_bytes(gzip.compress(b"pagefind" * 100))
    with serve(tmp_path) as base:
        yield base, tmp_path


def get(url: str, accept: str = "gzip, deflate"):
    with urllib.request.urlopen(urllib.request.Request(url, headers={"Accept-Encoding": accept})) as r:
        return r.headers, r.read(), r.url


def test_text_is_gzipped_when_the_browser_accepts_it(site):
    base, root = site
    headers, body, _ = get(base + "app.js")
    assert headers["Content-Encoding"] == "gzip" and headers["Vary"] == "Accept-Encoding"
    assert headers["Content-Type"] == "text/javascript"
    assert gzip.decompress(body) == (root / "app.js").read_bytes()
    assert int(headers["Content-Length"]) == len(body) < (root / "app.js").stat().st_size / 10


def test_folder_page_is_gzipped_and_a_folder_without_slash_still_redirects(site):
    base, root = site
    headers, body, url = get(base + "doc")
    assert url == base + "doc/"
    assert gzip.decompress(body) == (root / "doc/index.html").read_bytes()


def test_every_answer_forbids_framing_by_another_site_as_the_hosts_rules_do(site):
    """A meta policy cannot say frame-ancestors: the preview sends the headers the build writes for the hosts."""
    base, _ = site
    wanted = {"Content-Security-Policy": "frame-ancestors 'self'", "X-Frame-Options": "SAMEORIGIN",
              "X-Content-Type-Options": "nosniff"}
    for path in ("doc/", "app.js", "doc", "nothing/"):  # a page, a file, the redirect to a folder's slash, a 404
        request = urllib.request.Request(base + path, method="HEAD")
        try:
            headers = urllib.request.build_opener(_NoRedirect).open(request).headers
        except urllib.error.HTTPError as answer:
            headers = answer.headers
        assert {name: headers.get_all(name) for name in wanted} == {n: [v] for n, v in wanted.items()}, path


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args):
        return None


def test_identity_when_gzip_is_not_accepted(site):
    base, root = site
    headers, body, _ = get(base + "app.js", accept="identity")
    assert headers["Content-Encoding"] is None and body == (root / "app.js").read_bytes()


def test_pagefind_files_are_sent_as_they_are(site):
    base, root = site
    headers, body, _ = get(base + "index.zh.pf_index")
    assert headers["Content-Encoding"] is None and body == (root / "index.zh.pf_index").read_bytes()


def test_a_rebuilt_file_is_compressed_afresh(site):
    base, root = site
    get(base + "app.js")
    (root / "app.js").write_text("var b = 2;\n" * 500, encoding="utf-8")
    _, body, _ = get(base + "app.js")
    assert gzip.decompress(body) == (root / "app.js").read_bytes()


def test_a_file_rewritten_at_the_same_size_and_time_is_compressed_afresh(site):
    """A rewrite within one tick of the file system's clock: same size, same modification time."""
    base, root = site
    get(base + "app.js")
    stat = (root / "app.js").stat()
    (root / "app.js").write_text("var a = 2;\n" * 300, encoding="utf-8")
    os.utime(root / "app.js", ns=(stat.st_atime_ns, stat.st_mtime_ns))
    _, body, _ = get(base + "app.js")
    assert gzip.decompress(body) == (root / "app.js").read_bytes()


# --- the watch loop: nothing a poll or a build meets ends it -------------------------------------------------

import os  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402

from gongbao import serve as serve_module
from gongbao import watch  # noqa: E402
from gongbao.content.diagnostics import WARNING, ContentError, Diagnostic  # noqa: E402
from gongbao.publish import searchindex  # noqa: E402
from gongbao.publish.build import BuildFailed  # noqa: E402


def _wait(condition, timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.01)
    return False


@pytest.fixture
def watched(tmp_path, monkeypatch):
    """A watch loop over a small repository, polling every 10 ms; rebuilds are recorded, not run."""
    (tmp_path / "gazette/2018/06").mkdir(parents=True)
    (tmp_path / "gazette/2018/06/index.md").write_text("a", encoding="utf-8")
    rebuilds = []
    preview = _Recorded(rebuilds)
    stop = threading.Event()
    thread = threading.Thread(target=serve_module.watch, args=(tmp_path, tmp_path / "site", stop, 0.01, preview),
                              daemon=True)
    yield tmp_path, rebuilds, thread, preview
    stop.set()
    if thread.ident is not None:  # a test may run a loop of its own instead
        thread.join(timeout=5)


class _Recorded:
    """A preview that records when an edit would be shown."""

    def __init__(self, rebuilds):
        self.rebuilds = rebuilds

    def edited(self) -> bool:
        self.rebuilds.append(time.monotonic())
        return False

    def stop(self) -> None:
        pass


def _edit_until_rebuilt(root, rebuilds, name: str) -> bool:
    before = len(rebuilds)
    (root / "gazette" / name).write_text(name, encoding="utf-8")
    return _wait(lambda: len(rebuilds) > before)


def test_a_folder_vanishing_mid_poll_does_not_end_the_watch(watched, monkeypatch):
    root, rebuilds, thread, _ = watched
    real_scandir, vanished = os.scandir, []

    def scandir(path="."):  # the folder is deleted between being listed and being read, once
        if str(path).endswith("2018") and not vanished:
            vanished.append(path)
            raise FileNotFoundError(2, "No such file or directory", str(path))
        return real_scandir(path)

    thread.start()
    assert _wait(lambda: serve_module.snapshot(root) is not None)
    monkeypatch.setattr(os, "scandir", scandir)
    assert _wait(lambda: vanished), "the poll never met the vanishing folder"
    assert thread.is_alive()
    assert _edit_until_rebuilt(root, rebuilds, "next.md"), "the edit after the vanished folder was not rebuilt"


def test_an_error_in_a_poll_or_a_build_does_not_end_the_watch(watched, monkeypatch, capsys):
    root, rebuilds, thread, preview = watched
    real_snapshot, failures = serve_module.snapshot, []

    def snapshot(path):
        if len(failures) < 3:
            failures.append(1)
            raise PermissionError(13, "Permission denied", str(path / "gazette"))
        return real_snapshot(path)

    monkeypatch.setattr(serve_module, "snapshot", snapshot)
    thread.start()
    assert _wait(lambda: len(rebuilds) == 1), "the first good poll after failed ones did not rebuild"
    assert _edit_until_rebuilt(root, rebuilds, "one.md")

    def broken_build():
        rebuilds.append(time.monotonic())
        raise RuntimeError("构建器内部错误")

    monkeypatch.setattr(preview, "edited", broken_build)
    assert _edit_until_rebuilt(root, rebuilds, "two.md")
    assert _edit_until_rebuilt(root, rebuilds, "three.md"), "the watch ended after a build raised"
    assert thread.is_alive()
    out = capsys.readouterr().out
    assert "Permission denied" in out and "构建器内部错误" in out and "继续监视" in out


def test_a_save_is_seen_at_once_and_quiet_polls_stat_nothing(watched, monkeypatch):
    """The file system says when a watched file changed: a save is seen long before the next poll's interval (here
    5 s), a poll without an event looks at nothing, and nothing outside the watched files (the site, the cache)
    wakes it."""
    root, rebuilds, _, preview = watched
    looks = []
    real_snapshot = serve_module.snapshot
    monkeypatch.setattr(serve_module, "snapshot", lambda path: looks.append(1) or real_snapshot(path))
    stop = threading.Event()
    thread = threading.Thread(target=serve_module.watch, args=(root, root / "site", stop, 5.0, preview), daemon=True)
    thread.start()
    try:
        assert _wait(lambda: looks)
        (root / "site").mkdir()
        (root / "site/index.html").write_text("x", encoding="utf-8")
        (root / ".cache").mkdir()
        (root / ".cache/x").write_text("x", encoding="utf-8")
        time.sleep(0.3)
        assert len(looks) == 1 and not rebuilds
        saved = time.monotonic()
        assert _edit_until_rebuilt(root, rebuilds, "2018/06/index.md")
        assert rebuilds[-1] - saved < 3 and len(looks) == 2  # not the 5 s interval; slack for a busy machine
    finally:
        stop.set()
        (root / "gazette/2018/06/index.md").write_text("end", encoding="utf-8")  # wakes it now, not in 5 s, to stop
        thread.join(timeout=10)


def test_a_watched_folder_made_after_the_start_is_watched(watched):
    root, rebuilds, thread, _ = watched
    thread.start()
    time.sleep(0.2)
    (root / "drafts/2018").mkdir(parents=True)
    (root / "drafts/2018/a.md").write_text("a", encoding="utf-8")
    # within 8 s: before the loop's fallback look (10 s) could see either save without the file system's word
    assert _wait(lambda: len(rebuilds) == 1, timeout=8)
    (root / "drafts/2018/b.md").write_text("b", encoding="utf-8")  # in the new folder, after it was first seen
    assert _wait(lambda: len(rebuilds) == 2, timeout=8), "a save in the new folder was not seen"


def test_without_the_file_systems_word_every_poll_looks(watched, monkeypatch):
    """Where inotify cannot start (a network drive, too many folders), polling as before."""
    root, rebuilds, thread, _ = watched

    def refused(*args, **kwargs):
        raise OSError(28, "inotify watch limit reached")

    monkeypatch.setattr(watch.Observer, "schedule", refused)
    thread.start()
    time.sleep(0.2)
    assert _edit_until_rebuilt(root, rebuilds, "one.md")
    assert _edit_until_rebuilt(root, rebuilds, "two.md")


def test_an_edit_saved_before_the_watch_starts_is_shown(watched):
    """Stock is taken before the served site is built: an edit saved after the build, before the watch thread's
    first poll (a busy machine), was taken for what the site was built from and never shown (seen in CI)."""
    root, rebuilds, _, preview = watched
    built_from = serve_module.snapshot(root)
    (root / "gazette/2018/06/index.md").write_text("b", encoding="utf-8")
    stop = threading.Event()
    thread = threading.Thread(target=serve_module.watch, args=(root, root / "site", stop, 0.01, preview, built_from),
                              daemon=True)
    thread.start()
    try:
        assert _wait(lambda: rebuilds), "an edit saved before the first poll was not shown"
    finally:
        stop.set()
        thread.join(timeout=5)


def test_serve_takes_stock_before_it_builds(tmp_path, monkeypatch):
    (tmp_path / "gazette").mkdir()
    (tmp_path / "gazette/a.md").write_text("a", encoding="utf-8")
    started = {}

    def build(root, target, **options):  # the edit lands while the first build runs
        (root / "gazette/a.md").write_text("edited", encoding="utf-8")

    class Server:
        server_address = ("127.0.0.1", 1)

        def __init__(self, *args):
            pass

        def serve_forever(self):
            raise KeyboardInterrupt

        def server_close(self):
            pass

    monkeypatch.setattr(serve_module, "build", build)
    monkeypatch.setattr(serve_module, "ThreadingHTTPServer", Server)
    monkeypatch.setattr(serve_module.Preview, "start", lambda self: None)
    monkeypatch.setattr(serve_module, "watch", lambda *args: started.setdefault("seen", args[5]))
    assert serve_module.serve(tmp_path, 0) == 0
    assert started["seen"] != serve_module.snapshot(tmp_path), "stock was taken after the build"


@pytest.mark.parametrize("observed", [True, False])
def test_a_stop_ends_the_wait_at_once(tmp_path, monkeypatch, observed):
    """The preview's server closes when asked, not an interval later (with the file system's word or without)."""
    if not observed:
        monkeypatch.setattr(watch.Observer, "schedule", lambda *a, **k: (_ for _ in ()).throw(OSError(28, "limit")))
    changes, stop = watch.Changes(tmp_path, ("content",)), threading.Event()
    try:
        threading.Timer(0.2, stop.set).start()
        start = time.monotonic()
        changes.wait(stop, 30)
        assert 0.15 < time.monotonic() - start < 3  # not the 30 s asked: slack for a busy CI machine
    finally:
        changes.close()


def test_snapshot_skips_what_it_cannot_read(tmp_path, monkeypatch):
    (tmp_path / "content/a").mkdir(parents=True)
    (tmp_path / "content/a/x.md").write_text("x", encoding="utf-8")
    (tmp_path / "content/y.md").write_text("y", encoding="utf-8")
    real_scandir = os.scandir
    monkeypatch.setattr(os, "scandir", lambda p=".": (_ for _ in ()).throw(PermissionError(13, "denied"))
                        if str(p).endswith("/a") else real_scandir(p))
    assert list(serve_module.snapshot(tmp_path)) == [str(tmp_path / "content/y.md")]


def test_a_save_that_keeps_the_time_and_size_is_seen(tmp_path):
    """A copy that keeps its source's time (cp -p, rsync -t, touch -r) over a file of the same size: the preview
    saw no change and served the old page for ever, its banner saying it was current."""
    (tmp_path / "content").mkdir()
    page = tmp_path / "content/about.md"
    page.write_text("张三", encoding="utf-8")
    stat = page.stat()
    before = serve_module.snapshot(tmp_path)
    time.sleep(0.01)  # past the file system's clock tick: the change time moves on
    page.write_text("李四", encoding="utf-8")
    os.utime(page, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert serve_module.snapshot(tmp_path) != before


@pytest.mark.parametrize("target", ["/etc", "loop", "nowhere"])
def test_a_link_made_in_a_watched_folder_is_seen(tmp_path, target):
    """A link to a folder out of the repository (os.walk does not go into it), or one leading nowhere or round in a
    loop: the build refuses it, and the preview, not seeing it, said the site was current."""
    (tmp_path / "gazette").mkdir()
    before = serve_module.snapshot(tmp_path)
    (tmp_path / "gazette/loop").symlink_to(target)
    assert serve_module.snapshot(tmp_path) != before


@pytest.fixture
def previewed(tmp_path):
    """The preview's server over a page as a build writes it; no worker: the banner's state is set by hand."""
    (tmp_path / "doc").mkdir()
    page = '<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="style-src \'self\'">' \
           '</head><body dir="ltr" class="a"><p>文号</p></body></html>'
    (tmp_path / "doc/index.html").write_text(page, encoding="utf-8")
    (tmp_path / "app.js").write_text("var body = '<body>';\n", encoding="utf-8")
    shown = serve_module.Preview(tmp_path, tmp_path)
    handler = functools.partial(type("Handler", (serve_module.PreviewHandler,), {"preview": shown}), directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()  # shut down at once, as serve()
    yield f"http://127.0.0.1:{server.server_port}/", tmp_path, shown, page
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("accept", ["gzip", "identity"])
def test_the_preview_says_on_every_page_whether_the_search_index_and_the_feeds_are_current(previewed, accept):
    base, root, shown, page = previewed

    def served() -> str:
        headers, body, _ = get(base + "doc/", accept)
        return (gzip.decompress(body) if headers["Content-Encoding"] == "gzip" else body).decode("utf-8")

    assert "网页、检索索引、订阅源、站点地图和转向文件都是最新的" in served()
    shown.index_current = False
    html = served()
    assert html.startswith('<!doctype html><html><head>') and '<body dir="ltr" class="a"><link rel="stylesheet"' in html
    assert "检索索引正在更新" in html and html.count('class="gb-preview"') == 1 and html.endswith("<p>文号</p></body></html>")
    assert "订阅源" not in html
    shown.later_current = False  # the feeds, the sitemap and the redirects the worker held back
    assert "网页已更新；检索索引正在更新，暂不可用，订阅源、站点地图和转向文件稍后更新。" in served()
    shown.index_current = True
    assert "网页已更新；订阅源、站点地图和转向文件稍后更新。" in served()
    assert (root / "doc/index.html").read_text(encoding="utf-8") == page  # the built file is never touched
    assert get(base + "app.js", accept)[1] in ((root / "app.js").read_bytes(), gzip.compress((root / "app.js").read_bytes(), 6, mtime=0))


@pytest.mark.parametrize("accept", ["gzip", "identity"])
def test_the_not_found_page_has_the_banner_too(previewed, accept):
    base, root, shown, page = previewed
    (root / "404.html").write_text(page.replace("文号", "页面不存在"), encoding="utf-8")
    shown.problem = "1 个错误，未发布"
    with pytest.raises(urllib.error.HTTPError) as answer:
        get(base + "doc/missing/", accept)
    body = answer.value.read()
    html = (gzip.decompress(body) if answer.value.headers["Content-Encoding"] == "gzip" else body).decode("utf-8")
    assert answer.value.code == 404 and (answer.value.headers["Content-Encoding"] == "gzip") == (accept == "gzip")
    assert "页面不存在" in html and "修改未生效" in html and html.count('class="gb-preview"') == 1


def test_a_refused_edit_is_said_on_the_page_escaped(previewed):
    base, _, shown, _ = previewed
    shown.problem = '2 个错误，未发布：\ngazette/a.md:3: 正文含有 <script>alert(1)</script> — 删除\n第二个问题'
    html = gzip.decompress(get(base + "doc/")[1]).decode("utf-8")
    assert "修改未生效" in html and "2 个错误" in html and "gazette/a.md:3" in html and "第二个问题" not in html
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_the_banner_style_comes_from_the_preview_server_and_the_plain_server_adds_nothing(previewed):
    base, root, _, page = previewed
    headers, css, _ = get(base + serve_module.BANNER_STYLE.lstrip("/"))
    assert headers["Content-Type"] == "text/css" and b".gb-preview{" in css
    assert not (root / serve_module.BANNER_STYLE.lstrip("/")).exists()
    with serve(root) as plain:  # the server of the tests and benchmarks: pages as built
        assert gzip.decompress(get(plain + "doc/")[1]).decode("utf-8") == page


@pytest.mark.unit
def test_every_file_a_build_reads_is_watched(tmp_path):
    """A saved draft, 起草说明, feedback, catalogue year, withdrawal or lock is previewed like a document."""
    names = ["drafts/d.md", "explanations/e.md", "feedback/f.md", "decisions/2018.md", "withdrawn.yml",
             "gazette.lock.json", "gazette.yml", "mkdocs.yml", "gazette/2018/6/a.md", "interpretations/i.md"]
    for name in names:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert sorted(serve_module.snapshot(tmp_path)) == sorted(str(tmp_path / n) for n in names)


def test_a_refused_build_is_said_by_its_error_not_a_warning_before_it(previewed):
    """The banner shows one problem: a warning sorted first (gazette.yml's build_date) must not hide the error."""
    base, _, shown, _ = previewed
    warning = Diagnostic("gazette.yml", 29, "本站按固定日期判断", "删去 build_date", severity=WARNING)
    error = Diagnostic("gazette/2018/06/xzbf-68.md", 84, "已发布的文本被改动，但没有勘误记录", "加入勘误")
    shown.problem = str(ContentError([warning, error]))
    html = gzip.decompress(get(base + "doc/")[1]).decode("utf-8")
    assert "1 个错误" in html and "xzbf-68.md:84" in html and "gazette.yml:29" not in html
    assert str(ContentError([warning, error])).splitlines()[1:] == [str(error), str(warning)]


def _group(pgid: int) -> list[int]:
    """The processes (zombies but not the reaped) whose process group is ``pgid``."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # ended meanwhile
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            found.append(int(stat.parent.name))
    return found


def test_a_stopped_index_leaves_none_of_its_workers(tmp_path):
    """The preview kills the index process when an edit comes: its pool's workers die with it, not left writing
    into the folder thrown away and waiting for work forever."""
    body = "".join(f"<p>养老服务体系建设第{n}条，政务公开。</p>" for n in range(400))
    for n in range(searchindex.MIN_PAGES + 200):
        page = tmp_path / f"site/doc/a/2018/{n}/index.html"
        page.parent.mkdir(parents=True)
        page.write_text(f'<html><body><article data-pagefind-body><h1>文件{n}</h1>{body}</article></body></html>',
                        encoding="utf-8")
    with open(tmp_path / "index.log", "w") as log:
        making = serve_module.index_process(tmp_path / "site", tmp_path / "out", Path(__file__).parent.parent, log)
    deadline = time.monotonic() + 60
    while len(_group(making.pid)) < 2:  # its workers forked
        assert making.poll() is None and time.monotonic() < deadline, "no pool was seen"
        time.sleep(0.01)
    serve_module.stop_index(making)
    assert making.returncode == -signal.SIGKILL
    while _group(making.pid):
        assert time.monotonic() < deadline, f"left running: {_group(making.pid)}"
        time.sleep(0.05)


@pytest.mark.parametrize("linked", [".cache", ".cache/gongbao"])
def test_a_cache_folder_that_is_a_link_stops_the_preview_before_it_writes(tmp_path, linked):
    """The preview keeps its worker's state and its logs there: through a link they would be written anywhere."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "repo").mkdir()
    (tmp_path / "repo" / linked).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / "repo" / linked).symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(BuildFailed, match=r"\.cache.*符号链接"):
        serve_module.serve(tmp_path / "repo", 0)
    assert list(elsewhere.iterdir()) == [] and not (tmp_path / "repo" / "site").exists()


def test_a_link_in_a_preview_logs_place_is_not_written_through(tmp_path):
    """The worker's log was opened for writing by its name in .cache/gongbao: a link there had what it led to
    truncated and filled with the worker's errors."""
    precious = tmp_path / "precious"
    precious.write_text("mine")
    folder = tmp_path / ".cache" / "gongbao"
    folder.mkdir(parents=True)
    (folder / "preview.log").symlink_to(precious)
    preview = serve_module.Preview(tmp_path, tmp_path / "site")
    with pytest.raises(BuildFailed, match=r"preview\.log.*删去它"):
        preview.start()
    assert precious.read_text() == "mine"


@pytest.mark.parametrize("path", ["%00", "doc/%00/", "app.js%00.html", "%ED%A0%80/", "doc/%ED%B2%80.html", "%C0%AF"])
def test_a_path_no_file_can_have_is_not_found(site, path, capfd):
    """A NUL or a surrogate decoded from the path raised in open() (ValueError, UnicodeEncodeError): no answer, and a
    traceback in the editor's terminal."""
    base, root = site
    (root / "404.html").write_text("<p>页面不存在</p>", encoding="utf-8")
    with pytest.raises(urllib.error.HTTPError) as caught:
        get(base + path, accept="identity")
    assert caught.value.code == 404 and caught.value.read() == (root / "404.html").read_bytes()
    assert "Traceback" not in capfd.readouterr().err
