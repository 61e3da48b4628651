"""The preview's fast path (gongbao_preview, driven by gongbao.serve.Preview): an edit rewrites, in the served site,
what it touched, and the site is then the clean build's, byte for byte; an edit a build refuses changes nothing."""
from __future__ import annotations

import json
import signal
import time
import urllib.request

import jinja2
import pytest

from browser import serve
from gongbao import serve as serve_module
from gongbao.content import published_lock
from gongbao.publish import incremental, searchformat
from gongbao.publish.render import parts
from gongbao_preview import worker
from gongbao.publish.build import build
from test_incremental import (DOC, EXTRA, UNRELATED, ctimes, edit_document, edit_interpretation, edit_issue,
                              edit_settings, edit_template, hold_back_document, move_document, remove_document, snapshot)
from test_regenerate import add_document, edit_body, edit_date, edit_title


@pytest.fixture
def built(site_repo, monkeypatch):
    """The sample site with one more (unlocked) document, built twice as gongbao serve builds (the second keeps the
    first as spare): a preview publishes nothing, so the document stays free to edit (test_a_preview_publishes_nothing)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796083200")
    text = (site_repo.path / DOC).read_text(encoding="utf-8")
    site_repo.write(EXTRA, text.replace("id: wxszf-2018-rm-06", "id: wxszf-2018-rm-06b").replace("周文彬", "周文"))
    site = site_repo.path / "site"
    build(site_repo.path, site, search_index=False, quiet=True, preview=True)
    first = ctimes(site)
    build(site_repo.path, site, search_index=False, quiet=True, preview=True)
    return site_repo, site, first


@pytest.fixture
def preview(built):
    repo, site, _ = built
    shown = serve_module.Preview(repo.path, site)
    shown.LATER_QUIET = 0  # the watch loop's next poll without an edit writes what was held back (one test waits)
    shown.start()
    yield repo, site, shown
    shown.stop()


def clean_build(repo, tmp_path) -> dict:
    """What a clean build of the repository writes (without the index, as the preview shows pages first), built as the
    preview is: recording nothing beyond the lock."""
    build(repo.path, tmp_path / "clean", search_index=False, quiet=True, preview=True)
    return snapshot(tmp_path / "clean")


# what the worker writes at ``later`` (site.Maker.later): the feeds, the sitemap, the redirects (number aliases)
HELD_BACK = ("feeds/", "sitemap.xml", "robots.txt", "_redirects", "_headers", "redirects.nginx.conf", "wh/")


def caught_up(shown, site, clean: dict) -> None:
    """The site an edit left is the clean build's but for the feeds, sitemap and redirects the worker held back, as the
    banner says; once they are written (``later``, at the watch loop's first poll without a change), the clean build's."""
    now = snapshot(site)
    differ = {p for p in now.keys() | clean.keys() if now.get(p) != clean.get(p)}
    assert all(p.startswith(HELD_BACK) for p in differ), differ
    assert not differ or not shown.later_current
    assert ("订阅源、站点地图和转向文件稍后更新" in shown.banner().decode()) == (not shown.later_current)
    shown.later()
    assert shown.later_current and shown.problem == "" and snapshot(site) == clean


def edit_stylesheet(repo):  # one of the sheets published joined as one (gongbao.publish.joined_assets)
    repo.write("content/assets/stylesheets/gb-reading.css",
               (repo.path / "content/assets/stylesheets/gb-reading.css").read_text(encoding="utf-8") + "\n.gb-x { color: red; }\n")


def edit_home(repo):  # the editors' text at the top of the home page
    repo.write("content/index.md", (repo.path / "content/index.md").read_text(encoding="utf-8") + "\n本站新增说明。\n")


@pytest.mark.parametrize("edit, fast", [
    (edit_document, True), (edit_interpretation, True), (remove_document, True), (edit_title, True),
    (edit_date, True), (add_document, True), (edit_stylesheet, True), (edit_home, True), (edit_settings, False),
    (edit_template, False), (move_document, True), (hold_back_document, True),
])
def test_an_edit_shown_is_the_clean_build(preview, tmp_path, edit, fast):
    repo, site, shown = preview
    before = ctimes(site)
    edit(repo)
    assert shown.edited() and shown.problem == ""
    caught_up(shown, site, clean_build(repo, tmp_path))
    if fast:  # the worker wrote only what the edit touched, in place; a full build swaps in a new folder
        assert ctimes(site).get(UNRELATED) == before[UNRELATED]


def test_an_edit_that_changes_nothing_shown_writes_nothing(preview, tmp_path):
    """An issue's new section with no document yet (all of a published issue that may still change): the worker makes
    its pages again, finds them as they were, and rewrites none (only the lock's copy, written at every update); the site
    is still the clean build."""
    repo, site, shown = preview
    before = ctimes(site)
    edit_issue(repo)
    assert not shown.edited() and shown.problem == ""
    assert snapshot(site) == clean_build(repo, tmp_path)
    now = ctimes(site)
    assert {name for name in before if now.get(name) != before[name]} <= {"gazette.lock.json"}


def test_a_stopped_worker_leaves_nothing_in_the_temporary_folder(built, tmp_path, monkeypatch):
    """The worker is stopped with SIGKILL: a folder it made in /tmp was never removed, one more at each start."""
    repo, site, _ = built
    (tmp_path / "tmp").mkdir()
    monkeypatch.setenv("TMPDIR", str(tmp_path / "tmp"))  # the worker's temporary folder
    for edit in (edit_document, edit_interpretation):
        shown = serve_module.Preview(repo.path, site)
        shown.start()
        edit(repo)
        assert shown.edited() and shown.problem == ""
        shown.stop()
    assert not list((tmp_path / "tmp").iterdir())


def test_edits_one_after_another_and_the_search_index_after_them(preview, tmp_path):
    repo, site, shown = preview
    remove_document(repo)
    assert shown.edited()
    edit_interpretation(repo)
    assert shown.edited() and not shown.index_current
    indexed(shown)
    assert shown.index_current
    build(repo.path, tmp_path / "clean-indexed", quiet=True, preview=True)  # the index of the served pages is the clean build's
    assert snapshot(site) == snapshot(tmp_path / "clean-indexed")
    edit_document(repo)
    assert shown.edited()
    caught_up(shown, site, clean_build(repo, tmp_path))


def indexed(shown) -> None:
    """The search index's steps until it is in place, as the watch loop takes them at each poll without a change."""
    deadline = time.monotonic() + 120
    while not shown.index():
        assert time.monotonic() < deadline, "the search index was never put in place"
        time.sleep(0.05)


@pytest.mark.unit
def test_the_served_index_is_taken_down_at_once_and_deleted_meanwhile(tmp_path):
    """One rename takes the whole index out of the site (an edit may withhold what it holds); its files are deleted in
    a thread, beside the site, which keeps its search page."""
    site = tmp_path / "site"
    index = site / searchformat.FOLDER
    (index / "pages").mkdir(parents=True)
    for n in range(50):
        (index / "pages" / f"{n}.json").write_text("周文彬住址甲", encoding="utf-8")
    (site / "search/index.html").write_text("检索", encoding="utf-8")
    deleting = serve_module.taken_down(site)
    assert not index.exists() and (site / "search/index.html").is_file()
    deleting.join(timeout=60)
    assert not deleting.is_alive() and [p.name for p in tmp_path.iterdir()] == ["site"]
    assert serve_module.taken_down(site) is None


def test_what_a_stopped_preview_left_of_an_index_is_deleted_by_the_next_build(site_repo, tmp_path, monkeypatch):
    site = tmp_path / "served" / "site"
    (site / searchformat.FOLDER).mkdir(parents=True)
    (site / searchformat.FOLDER / "meta.json").write_text("{}", encoding="utf-8")
    monkeypatch.setattr(serve_module.threading.Thread, "start", lambda self: None)  # stopped before it deleted
    serve_module.taken_down(site)
    left = [p for p in site.parent.iterdir() if p.name != "site"]
    assert len(left) == 1 and (left[0] / "index/meta.json").is_file()
    build(site_repo.path, site, search_index=False, quiet=True, preview=True)
    assert not left[0].exists()


def test_an_edit_during_the_search_index_is_shown_without_waiting_for_it(preview, tmp_path):
    repo, site, shown = preview
    edit_body(repo)
    assert shown.edited()
    assert not shown.index()  # the index of that edit started in a process of its own
    making, out = shown._indexing, shown._index_out
    assert making.poll() is None and out.is_dir()
    edit_title(repo)
    assert shown.edited() and shown.problem == ""
    assert making.returncode == -signal.SIGKILL and not out.exists()  # stopped, not waited for, and thrown away
    assert not shown.index_current and not (site / searchformat.FOLDER).exists()
    caught_up(shown, site, clean_build(repo, tmp_path))
    indexed(shown)  # made again, of the pages now served
    assert shown.index_current
    build(repo.path, tmp_path / "clean-indexed", quiet=True, preview=True)
    assert snapshot(site) == snapshot(tmp_path / "clean-indexed")


def test_an_index_made_before_a_withholding_edit_is_never_put_in_place(preview, tmp_path):
    """The worst moment: the index of the pages before the edit is complete, not yet put in place, when the edit
    withholding a passage is seen. It is thrown away; the index made after it does not hold the passage."""
    repo, site, shown = preview
    repo.replace(EXTRA, "任命周文为", "任命周文彬住址甲周文为")
    assert shown.edited()
    assert not shown.index()
    making, out = shown._indexing, shown._index_out
    assert making.wait(timeout=120) == 0 and _holds(out, "周文彬住址甲")  # made, holding the passage
    repo.replace(EXTRA, "disclosure: 主动公开", "disclosure: 部分公开\ndisclosure_reason: 涉及个人隐私，依法不予公开")
    repo.replace(EXTRA, "任命周文彬住址甲周文为", "任命【不予公开】周文彬住址甲【/不予公开】周文为")
    assert shown.edited() and shown.problem == ""
    assert not out.exists() and not shown.index_current
    assert not _holds(site, "周文彬住址甲") and not list(site.parent.glob(".site-new-index-*"))
    indexed(shown)
    assert shown.index_current and (site / searchformat.FOLDER / "meta.json").is_file()
    assert not _holds(site, "周文彬住址甲")


def _ready(shown) -> None:
    """Once the worker said it is ready (serve.Preview reads that before its first question)."""
    shown._ready = bool(json.loads(shown._worker.stdout.readline()).get("ready"))


def _holds(tree, text: str) -> bool:
    """Whether a file under ``tree`` (the site, the index's records packed or not) holds ``text``."""
    return any(text.encode() in searchformat.unpack(p.read_bytes()) for p in tree.rglob("*") if p.is_file())


def test_edits_one_after_another_each_the_clean_build(preview, tmp_path):
    """From the second edit on, the worker keeps every generated file's MkDocs File and hash from the edit before
    and hands MkDocs only what changed: each edit still ends in the clean build's site, byte for byte."""
    repo, site, shown = preview
    for n, edit in enumerate((edit_body, edit_title, add_document, edit_date, remove_document, edit_interpretation)):
        edit(repo)
        assert shown.edited() and shown.problem == ""
        build(repo.path, tmp_path / f"clean{n}", search_index=False, quiet=True, preview=True)
        caught_up(shown, site, snapshot(tmp_path / f"clean{n}"))


def test_a_body_edit_after_an_addition_is_the_clean_build(preview, tmp_path):
    """An addition, saved with a body edit, makes every output again inside the hook's memo of texts
    (gongbao.content.integrity.once): the next edit of that body still remakes all it reaches (test_regenerate.py
    shows the memo hiding a read when the check hashed the text first)."""
    repo, site, shown = preview
    add_document(repo)
    edit_body(repo)
    assert shown.edited()
    repo.replace(EXTRA, "任命周文同志为", "任命周文同志担任")
    assert shown.edited() and shown.problem == ""
    caught_up(shown, site, clean_build(repo, tmp_path))


def test_edits_around_a_refused_one_each_the_clean_build(preview, tmp_path):
    """The worker looks again only at what an edit remade (hooks/gazette.py): an edit refused after the outputs were
    made, then taken back, then another edit, still end in the clean build's site."""
    repo, site, shown = preview
    edit_body(repo)
    assert shown.edited()
    repo.replace(DOC, "任命周文彬为", "任命周文彬<script>alert(1)</script>为")
    assert not shown.edited() and "script" in shown.problem
    repo.replace(DOC, "任命周文彬<script>alert(1)</script>为", "任命周文彬为")
    edit_title(repo)
    assert shown.edited() and shown.problem == ""
    caught_up(shown, site, clean_build(repo, tmp_path))


def test_two_body_edits_the_second_looking_at_a_few_files_only(preview, tmp_path):
    """The second edit reaches neither the sitemap nor any other file the theme has too (sitemap.xml): the worker
    must not copy the theme's over the generated one it did not look at."""
    repo, site, shown = preview
    edit_body(repo)
    assert shown.edited()
    repo.replace(EXTRA, "任命周文同志为", "任命周文同志担任")
    assert shown.edited() and shown.problem == ""
    caught_up(shown, site, clean_build(repo, tmp_path))


def test_the_first_edit_after_the_start_looks_at_a_few_files_only(preview, tmp_path):
    """The worker looks at every output before it says it is ready, writing nothing: its first edit is as quick as any."""
    repo, site, shown = preview
    _ready(shown)  # an edit saved while the worker starts is one its look finds (the next test)
    edit_body(repo)
    assert shown.edited() and shown.problem == ""
    first = shown.answer["looked"]
    repo.replace(EXTRA, "任命周文同志为", "任命周文同志担任")
    assert shown.edited() and shown.problem == ""
    assert first == shown.answer["looked"], (first, shown.answer)  # as few as the second edit's
    caught_up(shown, site, clean_build(repo, tmp_path))


def test_the_first_edit_compiles_no_template_and_makes_no_more_pages_than_the_next(built, tmp_path, monkeypatch):
    """What MkDocs makes once and keeps, the worker makes before it says it is ready: the theme's templates a page is
    rendered with (Jinja compiles each at its first use) and a Page for every generated file (those of content/ are
    listed anew at each edit). The first edit at 10,000 documents took 0.6 s more than the next ones making them."""
    repo, site, _ = built
    for name in (incremental.ENV, published_lock.ENV):  # the worker sets them for its process: this one's are restored
        monkeypatch.setenv(name, "")
    preview = worker.Preview(repo.path, site)
    compiled, pages = [], []
    compile_ = type(preview.env).compile
    monkeypatch.setattr(type(preview.env), "compile", lambda env, *args, **kw: compiled.append(args) or
                        compile_(env, *args, **kw))
    made = worker.Page.__init__
    monkeypatch.setattr(worker.Page, "__init__", lambda page, *args, **kw: pages.append(args[1]) or made(page, *args, **kw))
    made_by = []
    for edit in (edit_body, lambda repo: repo.replace(EXTRA, "任命周文同志为", "任命周文同志担任")):  # alike
        edit(repo)
        answer = preview.update()
        assert answer.get("ok") and answer["written"], answer
        made_by.append(len(pages))
        pages.clear()
    assert compiled == [] and made_by[0] == made_by[1], made_by
    assert preview.update(later=True)["ok"] and snapshot(site) == clean_build(repo, tmp_path)


def test_a_save_before_the_worker_starts_is_written_by_its_first_edit_only(built, tmp_path):
    """A save between the build and the worker's start: the worker's first look finds a page to write and writes
    nothing (the serving process takes the search index down only when an edit answers what it wrote); the first
    edit looks at every file and writes it."""
    repo, site, _ = built
    edit_body(repo)
    shown = serve_module.Preview(repo.path, site)
    shown.start()
    try:
        _ready(shown)
        assert not _holds(site, "任命周文同志为") and _holds(site, "任命周文为")  # written by nobody yet
        outputs = sum(1 for p in site.rglob("*") if p.is_file())
        edit_title(repo)
        assert shown.edited() and shown.problem == "" and shown.answer["looked"] > outputs / 2, shown.answer
        caught_up(shown, site, clean_build(repo, tmp_path))
        assert _holds(site, "任命周文同志为")
    finally:
        shown.stop()


@pytest.mark.parametrize("hostile, said", [
    ("任命周文彬<script>alert(1)</script>为", "script"),
    ("任命周文彬【不予公开】住址", "不予公开"),
])
def test_an_edit_a_build_refuses_changes_nothing_and_says_why(preview, hostile, said, capsys):
    repo, site, shown = preview
    before = snapshot(site)
    repo.replace(DOC, "任命周文彬为", hostile)
    assert not shown.edited()
    assert shown.problem and said in shown.problem
    assert snapshot(site) == before
    assert "修改未生效" in capsys.readouterr().out
    with serve(site) as base:  # the plain server: no banner
        assert b"gb-preview" not in urllib.request.urlopen(base).read()


def test_a_withheld_passage_is_shown_as_withheld(preview):
    repo, site, shown = preview
    repo.replace(EXTRA, "disclosure: 主动公开", "disclosure: 部分公开\ndisclosure_reason: 涉及个人隐私，依法不予公开")
    repo.replace(EXTRA, "任命周文为", "任命【不予公开】周文彬住址甲【/不予公开】周文为")
    assert shown.edited()
    assert "此处依法不予公开" in (site / "doc/id/wxszf-2018-rm-06b/index.html").read_text(encoding="utf-8")
    assert not _holds(site, "周文彬住址甲")


def test_a_worker_that_died_is_replaced_and_the_edit_shown_by_a_full_build(preview, tmp_path):
    repo, site, shown = preview
    shown._worker.kill()
    shown._worker.wait()
    edit_interpretation(repo)
    assert shown.edited() and shown.problem == ""
    assert snapshot(site) == clean_build(repo, tmp_path)
    assert shown._worker.poll() is None  # a new worker, for the next edit


def test_a_preview_publishes_nothing(site_repo, monkeypatch):
    """gongbao serve builds into site/, the folder the next gongbao build replaces: its first build recorded the page
    being written as published (site/gazette.unrecorded.json), and every later edit of it was refused — a typo in the
    title of a new document could not be put right in the preview, nor by the build after it."""
    from gongbao.content import published_lock
    from test_regenerate import edit_title
    from test_incremental import EXTRA
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796083200")
    text = (site_repo.path / DOC).read_text(encoding="utf-8")
    site_repo.write(EXTRA, text.replace("id: wxszf-2018-rm-06", "id: wxszf-2018-rm-06b").replace("周文彬", "周文"))
    site = site_repo.path / "site"
    build(site_repo.path, site, search_index=False, quiet=True, preview=True)  # as gongbao serve starts
    assert not (site / published_lock.UNRECORDED).exists()
    shown = serve_module.Preview(site_repo.path, site)
    shown.start()
    try:
        edit_title(site_repo)
        assert shown.edited() and shown.problem == ""
    finally:
        shown.stop()
    build(site_repo.path, site, search_index=False, quiet=True)  # what a build publishes it records
    published = (site / published_lock.UNRECORDED).read_bytes()
    assert b"wxszf-2018-rm-06b" in published
    build(site_repo.path, site, search_index=False, quiet=True, preview=True)  # and a preview after it carries that on
    assert (site / published_lock.UNRECORDED).read_bytes() == published


def _held_back(site) -> dict:
    return {p: digest for p, digest in snapshot(site).items() if p.startswith(HELD_BACK)}


def test_a_corrected_document_is_shown_before_its_feeds_and_sitemap(preview, tmp_path):
    """A published document's 勘误 dates it anew in the feeds and the sitemap: at 10,000 documents making them and the
    redirects again was 0.7 s CPU of the edit the editor waits for. The page is written first, the feeds and the sitemap as they were; the
    banner says they follow, and ``later`` writes them."""
    repo, site, shown = preview
    _ready(shown)  # an edit saved while the worker starts is written whole by its first update
    feeds = _held_back(site)
    edit_document(repo)
    assert shown.edited() and shown.problem == "" and not shown.later_current
    assert _holds(site / "doc", "任命周文彬同志为") and _held_back(site) == feeds
    assert "订阅源、站点地图和转向文件稍后更新" in shown.banner().decode()
    clean = clean_build(repo, tmp_path)
    assert {p for p, digest in feeds.items() if clean[p] != digest} >= {"sitemap.xml", "feeds/documents.xml"}
    caught_up(shown, site, clean)
    assert "检索索引正在更新" in shown.banner().decode()  # the index follows them (index())


def test_what_was_held_back_waits_until_no_edit_came_for_a_while(preview, tmp_path, monkeypatch):
    """Writing the feeds and the sitemap is a whole update (1.3 s CPU at 10,000 documents) that an edit saved meanwhile
    waits for: an editor saving again and again keeps each edit fast, and they are written once the edits pause."""
    repo, site, shown = preview
    _ready(shown)
    shown.LATER_QUIET = 3.0
    feeds = _held_back(site)
    edit_document(repo)
    assert shown.edited() and not shown.later_current
    clock = [shown.shown_at + 2.9]  # seconds after the edit was asked of the worker
    monkeypatch.setattr(serve_module.time, "monotonic", lambda: clock[0])
    assert not shown.index() and not shown.later_current and _held_back(site) == feeds  # still too soon
    assert shown._indexing is None
    clock[0] += 0.2
    assert not shown.index() and shown.later_current  # written, and the index started after them
    assert _held_back(site) != feeds and shown._indexing is not None


def test_a_refused_edit_after_feeds_held_back_writes_none_of_them(preview, tmp_path):
    """``later`` is an update: it checks what is saved now. After an edit a build refuses it writes nothing either, not
    the feeds of the refused title; put right, the site is the clean build's."""
    repo, site, shown = preview
    _ready(shown)
    edit_document(repo)
    assert shown.edited() and not shown.later_current
    before = snapshot(site)
    repo.replace(EXTRA, "关于周文等同志", "关于周文、丁己庚等同志")  # in the feeds
    repo.replace(EXTRA, "任命周文为", "任命周文<script>alert(1)</script>为")
    assert not shown.edited() and "script" in shown.problem
    shown.later()
    assert "script" in shown.problem and not shown.later_current
    assert snapshot(site) == before and not _holds(site, "丁己庚")
    repo.replace(EXTRA, "任命周文<script>alert(1)</script>为", "任命周文为")
    repo.replace(EXTRA, "关于周文、丁己庚等同志", "关于周文等同志")  # locked by edit_document: back as published
    assert shown.edited() and shown.problem == ""
    caught_up(shown, site, clean_build(repo, tmp_path))


def test_the_feeds_a_refused_edit_made_are_never_written(built, tmp_path, monkeypatch):
    """A file added makes every output, the feeds too, before the rendered pages refuse the edit (here a stand-in
    for what only the rendered check finds). Put right under another title, the next update (which looks at every
    output, as after any refusal) holds nothing back: a feed held back would be the one the refused edit made, with
    its title, and be written as it was."""
    repo, site, _ = built
    for name in (incremental.ENV, published_lock.ENV):  # the worker sets them for its process: this one's are restored
        monkeypatch.setenv(name, "")
    preview = worker.Preview(repo.path, site)
    published = parts.published

    def refusing(source, html, *args):
        if "丁己庚" in html:
            raise ValueError("页面含有“丁己庚”")
        return published(source, html, *args)
    monkeypatch.setattr(parts, "published", refusing)
    text = (repo.path / EXTRA).read_text(encoding="utf-8").replace("id: wxszf-2018-rm-06b", "id: wxszf-2018-rm-06c")
    more = EXTRA.replace("extra", "more")
    repo.write(more, text.replace("关于周文等同志", "关于丁己庚等同志"))
    answer = preview.update()
    assert not answer["ok"] and "丁己庚" in answer["message"]
    repo.write(more, text.replace("关于周文等同志", "关于壬癸等同志"))
    answer = preview.update()
    assert answer["ok"] and not answer["later"]
    assert not _holds(site, "丁己庚") and _holds(site / "feeds", "壬癸")
    assert preview.update(later=True)["ok"] and snapshot(site) == clean_build(repo, tmp_path)
