"""A page's rendering and a file's check are bounded in processor time (gongbao.content.watchdog): past the bound the
build stops with an error naming the editor's file, the other pages and the site already published untouched; the
check tells the file it could not check, and checks the others."""
from __future__ import annotations

import importlib.util
import re
import signal
import threading
import time
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import get_files
from mkdocs.structure.nav import get_navigation

from gongbao.content import watchdog
from gongbao import rules
from gongbao.content import loader
from gongbao.publish import parallel
from gongbao.publish.build import BuildFailed, build

ROOT = Path(__file__).resolve().parent.parent


class Late(Exception):
    pass


def _spin(seconds: float) -> None:
    end = time.process_time() + seconds
    while time.process_time() < end:
        pass


@pytest.mark.unit
def test_work_past_the_bound_raises_the_callers_error_and_the_bound_ends_with_the_block():
    with pytest.raises(Late, match="0.05"):
        with watchdog.bounded(lambda seconds: Late(str(seconds)), 0.05):
            _spin(5)
    assert signal.getitimer(signal.ITIMER_VIRTUAL) == (0.0, 0.0) and not watchdog.armed()
    _spin(0.1)  # no stray signal after the block


@pytest.mark.unit
def test_work_within_the_bound_runs_to_its_end():
    with watchdog.bounded(lambda seconds: Late(), 5):
        _spin(0.05)
    assert not watchdog.armed()


@pytest.mark.unit
def test_a_regular_expression_that_backtracks_without_end_is_stopped_inside_the_search():
    started = time.process_time()
    with pytest.raises(Late):
        with watchdog.bounded(lambda seconds: Late(), 0.2):
            re.match(r"(a*)*b", "a" * 40)  # 2^40 steps in one call of re
    assert time.process_time() - started < 5


@pytest.mark.unit
def test_a_bound_within_a_bound_leaves_the_outer_one_running():
    with pytest.raises(Late, match="outer"):
        with watchdog.bounded(lambda seconds: Late("outer"), 0.2):
            with watchdog.bounded(lambda seconds: Late("inner"), 60):
                pass
            assert watchdog.armed()
            _spin(5)


@pytest.mark.unit
def test_outside_the_main_thread_nothing_is_bounded():
    found = []

    def run():
        with watchdog.bounded(lambda seconds: Late(), 0.01):
            _spin(0.1)
        found.append(watchdog.arm(lambda seconds: Late(), 0.01))
    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    assert found == [False] and not watchdog.armed()


@pytest.mark.unit
@pytest.mark.parametrize("written, bound", [(None, 30.0), ("0.5", 0.5), ("0", 30.0), ("-1", 30.0), ("nan", 30.0),
                                            ("inf", 30.0), ("半秒", 30.0), ("", 30.0)])
def test_the_bound_is_the_projects_unless_the_environment_sets_a_positive_number(monkeypatch, written, bound):
    if written is None:
        monkeypatch.delenv(watchdog.ENV, raising=False)
    else:
        monkeypatch.setenv(watchdog.ENV, written)
    assert watchdog.bound() == bound == (watchdog.SECONDS if bound == 30.0 else bound)


@pytest.fixture
def spinning(monkeypatch):
    """``spin(module, name, rel)``: the function ``name`` of ``module`` made to spin for a minute of processor time when
    it is given the file ``rel`` (its first argument, or that argument's ``.path``), as Markdown nobody foresaw would."""
    monkeypatch.setenv(watchdog.ENV, "0.2")

    def spin(module, name, rel):
        function = getattr(module, name)

        def spun(first, *args, **kwargs):
            if getattr(first, "path", first) == rel or getattr(getattr(first, "source", None), "path", None) == rel:
                _spin(60)
            return function(first, *args, **kwargs)
        monkeypatch.setattr(module, name, spun)
    return spin


@pytest.mark.unit
@pytest.mark.parametrize("pooled", [False, True])
@pytest.mark.parametrize("where", ["load", "rules"])
def test_a_file_past_its_bound_is_told_unchecked_and_the_others_are_checked(repo, spinning, monkeypatch, where, pooled):
    if pooled:  # the files made by forked workers (gongbao.publish.parallel), as in an archive of thousands
        monkeypatch.setattr(parallel, "MIN_FILES", 1)
        monkeypatch.setattr(parallel, "CHUNK", 1)
    doc = "gazette/2018/06/xzbf-68.md"
    other = "gazette/2018/06/xzbf-69.md"  # with a problem the check still finds
    repo.write(other, repo.path.joinpath(doc).read_text(encoding="utf-8").replace("68号", "69号").replace("执行中", "乱写"))
    if where == "load":
        spinning(loader, "screened", doc)  # the body's notes and withheld passages read
    else:
        spinning(rules.FILE_RULES[-1], "in_file", doc)  # table_cells: Python-Markdown's block parser
    started = time.process_time()
    found = repo.check().diagnostics
    assert time.process_time() - started < 30
    unchecked = [d for d in found if "没有检查完" in d.message]
    assert [(d.path, d.line, d.is_error) for d in unchecked] == [(doc, 1, True)]
    assert unchecked[0].message.startswith("检查这个文件用了超过 0.2 秒的处理器时间，没有检查完")
    assert any(d.path == other and "乱写" in d.message for d in found), found
    assert not watchdog.armed()


LONG = "gazette/2019/08/long-2019.md"
# Test shim: the rendering of that document's page spins, as Markdown no budget of the check foresaw would, while a
# bound is set; each other page, and every file's check, takes what it always takes (a first file's check builds the
# rules' tables: a bound of a tenth of a second failed there, one run in a few)
SPIN = '''"""Test shim: one page's rendering spins while GONGBAO_CPU_SECONDS is set."""
import os
import time

from mkdocs.structure.pages import Page

_render = Page.render


def render(self, config, files):
    if self.file.src_uri == "doc/id/wxszf-2019-long/index.md" and os.environ.get("GONGBAO_CPU_SECONDS"):
        end = time.process_time() + 60
        while time.process_time() < end:
            pass
    return _render(self, config, files)


Page.render = render
'''


def _long_document(repo) -> None:
    """A document whose page renders past any bound while one is set (``SPIN``, inherited by the forked page worker)."""
    body = "".join(f"第{n}条 为了规范行政执法行为，保障和监督行政机关有效实施行政管理，根据有关法律法规，结合本市实际，制定本办法。\n\n"
                   for n in range(1, 4001))
    repo.write(LONG, "---\ntitle: 关于一份很长的文件的通知\nid: wxszf-2019-long\nissuer: 无锡市人民政府\ntype: 其他文件\n"
               "written: 2019-08-01\npublished: 2019-08-02\nstatus: 执行中\ndisclosure: 主动公开\nsection: 市政府文件\n---\n\n"
               + body)
    repo.write("hooks/spin.py", SPIN)
    repo.replace("mkdocs.yml", "hooks:\n  - hooks/gazette.py", "hooks:\n  - hooks/spin.py\n  - hooks/gazette.py")


@pytest.mark.build
@pytest.mark.parametrize("in_parallel", ["0", "1"])
def test_a_page_past_its_bound_stops_the_build_naming_its_file_and_the_published_site_stays(
        site_repo, tmp_path, monkeypatch, capfd, in_parallel):
    monkeypatch.setenv("GONGBAO_PAGES_IN_PARALLEL", in_parallel)  # rendered by MkDocs, or by the forked worker
    target = tmp_path / "site"
    build(site_repo.path, target, search_index=False, quiet=True)
    published = {p.relative_to(target): p.read_bytes() for p in target.rglob("*") if p.is_file()}
    _long_document(site_repo)
    assert site_repo.check().ok
    monkeypatch.setenv(watchdog.ENV, "2")
    capfd.readouterr()
    started = time.monotonic()
    with pytest.raises(BuildFailed):
        build(site_repo.path, target, search_index=False, quiet=True)
    assert time.monotonic() - started < 50  # stopped at the bound, not after the page's minute
    err = capfd.readouterr().err
    told = [line for line in err.splitlines() if "处理器时间" in line]
    assert told and all(f"{LONG}：渲染这一页用了超过 2 秒的处理器时间" in line for line in told), err
    assert "Traceback" not in err
    assert {p.relative_to(target): p.read_bytes() for p in target.rglob("*") if p.is_file()} == published
    monkeypatch.delenv(watchdog.ENV)
    build(site_repo.path, target, search_index=False, quiet=True)  # within the project's bound, the page is published
    assert "第4000条" in (target / "doc/id/wxszf-2019-long/index.html").read_text(encoding="utf-8")


@pytest.mark.unit
def test_the_forked_worker_ends_the_bound_its_pages_rendering_began(tmp_path):
    """hooks/parallel_pages.py's worker renders as MkDocs does up to the page's HTML: no on_page_content ends the bound
    hooks/gazette.py's on_page_markdown began, so the worker does."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs/a.md").write_text("# A\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: t\n", encoding="utf-8")
    config = load_config(str(tmp_path / "mkdocs.yml"))
    files = get_files(config)
    get_navigation(files, config)
    spec = importlib.util.spec_from_file_location("parallel_pages_bounded", ROOT / "hooks/parallel_pages.py")
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    hook._config, hook._files = config, files
    assert watchdog.arm(lambda seconds: Late(), 60)  # as the page_markdown event does
    try:
        assert "<h1" in hook._rendered(["a.md"])["a.md"][0]
        assert not watchdog.armed()
    finally:
        watchdog.disarm()
