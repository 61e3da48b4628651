"""Shared fixtures: tiny gazette repositories written to a temporary folder."""
from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import inspect
import re
import shutil
import textwrap
from pathlib import Path

import markdown
import pytest
from hypothesis import settings
from mkdocs.config import load_config

from gongbao.commands.lock import kept_texts
from gongbao.content import integrity, lock, tree, versions
from gongbao.publish.check import check
from gongbao.content import body_markdown as rendered_body

pytest_plugins = ["browser"]

_BUILDS = re.compile(r"\bbuild\(|\"build\"|\"mkdocs\"|\bbuilt_site\b|\bsite_url\b")
# A Python process started (the command line, a probe run apart): each pays for starting and importing again
_PROCESSES = re.compile(r"\bsys\.executable\b|\.venv/bin/|\bGONGBAO\b")
_CALLED = re.compile(r"\b(\w+)\(")
TIERS = ("unit", "build", "browser")


def pytest_collection_modifyitems(items):
    """Each test gets its tier: browser if it drives Chromium, build if it (or a fixture it uses, or a function of
    its module they call) builds a site or starts processes (the command line, a worker pool), else unit. Read from
    the code, so no test can be forgotten: `pytest -m unit` is the fast tier. A tier marked by hand stays, where the
    code cannot tell: a parametrized test's case that starts a pool, a test given pools that starts none."""
    for item in items:
        names = set(getattr(item, "fixturenames", ()))
        if any(item.get_closest_marker(tier) for tier in TIERS):
            continue
        if "browser" in names:
            item.add_marker("browser")
        elif "pools" in names or any(_builds(function) for function in _functions(item)):
            item.add_marker("build")
        else:
            item.add_marker("unit")


def _functions(item) -> list:
    """The test and every fixture it uses."""
    defs = getattr(getattr(item, "_fixtureinfo", None), "name2fixturedefs", {})
    return [getattr(item, "function", None)] + [d.func for ds in defs.values() for d in ds]


@functools.cache  # a test's cases, and the fixtures many tests share, are read once: 3,700 tests collected
def _builds(function) -> bool:
    """Whether a function, or a function of its module it calls (or they call), builds a site or starts a process."""
    module = inspect.getmodule(function)
    seen, todo = set(), [function]
    while todo:
        function = todo.pop()
        if function in seen:
            continue
        seen.add(function)
        try:
            text = inspect.getsource(function)
        except (OSError, TypeError):
            continue
        if _BUILDS.search(text) or _PROCESSES.search(text):
            return True
        todo += [f for name in _CALLED.findall(text)
                 if inspect.isfunction(f := getattr(module, name, None)) and f.__module__ == module.__name__]
    return False


# Hypothesis: the whole suite (scripts/test.sh, so CI) passes --hypothesis-profile=ci and tries every property's
# examples; a run that names no profile (`pytest -m unit`, the fast tier) tries a tenth of them.
settings.register_profile("ci", max_examples=100)  # Hypothesis' own default: each test's count as written
settings.register_profile("fast", max_examples=10)


def pytest_configure(config):
    if not config.getoption("hypothesis_profile"):
        settings.load_profile("fast")


def examples(thorough: int) -> int:
    """A property's number of examples in the loaded profile: ``thorough`` under "ci", a tenth under "fast"."""
    return max(1, thorough * settings.default.max_examples // settings.get_profile("ci").max_examples)


ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 12, 1)  # the sample's pinned day (gazette.yml build_date)


@pytest.fixture(autouse=True)
def _on_today(monkeypatch):
    """Every test runs on TODAY, also the commands it runs without naming a day (gongbao lock --write records the day it
    writes an entry on): a test is the same whatever the calendar says. A test that wants another day sets its own."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(TODAY.year, TODAY.month, TODAY.day,
                                                                 tzinfo=dt.timezone.utc).timestamp())))

SETTINGS = """\
site: {name: 测试公报, url: "https://example.gov.cn/"}
issuers: {无锡市人民政府: wxszf, 无锡市人民政府办公室: wxszfbgs}
issuer_codes: {锡政办发: xzbf, 锡政发: xzf, 无锡市人民政府令: wxzfl}
"""
ISSUE = """\
---
year: 2018
number: 6
total_number: 389
published: 2018-06-30
sections: [市政府规章, 市政府办公室文件]
---
"""
DOCUMENT = """\
---
title: 关于印发示例办法的通知
doc_number: 锡政办发〔2018〕68号
issuer: 无锡市人民政府办公室
type: 规范性文件
written: 2018-06-05
published: 2018-06-05
status: 执行中
disclosure: 主动公开
section: 市政府办公室文件
---
一、总体要求
（一）加强统筹。各地各部门要加强统筹。
"""
INTERPRETATION = """\
---
title: 《示例办法》解读
interprets: 锡政办发〔2018〕68号
published: 2018-06-05
kind: 文字解读
---
## 一、背景依据
## 二、目标任务
## 三、主要内容
## 四、涉及范围
## 五、执行标准
## 六、注意事项
## 七、关键词诠释
## 八、惠民利民举措
## 九、新旧政策差异
"""


def minimal_files() -> dict[str, str]:
    """A valid one-issue, one-document, one-interpretation repository."""
    return {
        "gazette.yml": SETTINGS,
        "gazette/2018/06/index.md": ISSUE,
        "gazette/2018/06/xzbf-68.md": DOCUMENT,
        "interpretations/xzbf-68-jd.md": INTERPRETATION,
    }


class Repo:
    def __init__(self, path: Path):
        self.path = path

    def write(self, rel: str, text: str | bytes) -> Path:
        target = self.path / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            target.write_bytes(text)
        else:
            target.write_text(textwrap.dedent(text), encoding="utf-8")
        return target

    def replace(self, rel: str, old: str, new: str) -> None:
        target = self.path / rel
        text = target.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {rel}"
        target.write_text(text.replace(old, new, 1), encoding="utf-8")

    def note_unlocked(self, issue: str) -> None:
        """The lock's entry of the issue at URL ``issue`` as written before notes were locked (no note_sha256): its note
        is then free to edit, as while the issue is prepared (rules/lock refuses a change of a recorded note)."""
        locked = lock.load(self.path)[0]
        entry = dataclasses.replace(locked.entries[issue], note_sha256=None)
        lock.write(self.path, dataclasses.replace(locked, entries={**locked.entries, issue: entry}))

    def keep_texts(self) -> None:
        """Each text the lock records, kept where gongbao lock --write keeps the texts it records (the repository's
        cache): as the lock --write that recorded the sample's lock did, so a 勘误 finds the text it replaces
        (gongbao.content.versions) in a copy that is neither a git work tree nor built."""
        checked, locked = self.check(), lock.load(self.path)[0]
        for url, item in lock.pages(checked.archive.public(), checked.settings.issuer_codes).items():
            entry = locked.entries.get(url)
            if entry is not None and entry.sha256 is not None and integrity.sha256(item) == entry.sha256:
                versions.keep(kept_texts(self.path), integrity.canonical_text(item))

    def check(self):
        return check(self.path, today=TODAY)

    def messages(self) -> list[str]:
        return [str(d) for d in self.check().diagnostics]


@pytest.fixture
def repo(tmp_path) -> Repo:
    """A valid minimal repository; tests break it one way each."""
    r = Repo(tmp_path / "repo")
    for rel, text in minimal_files().items():
        r.write(rel, text)
    return r


@pytest.fixture
def site_repo(tmp_path) -> Repo:
    """A full copy of this project's sample content and build configuration."""
    r = Repo(tmp_path / "site-repo")
    copy_sample(r.path)
    return r


def copy_sample(into: Path, files: tuple[str, ...] = ("mkdocs.yml", "gazette.yml", "gazette.lock.json", "withdrawn.yml")
                ) -> Path:
    """This project's sample content, hook and ``files`` of its top, copied ``into`` a new folder as a clone has them:
    every content folder (gongbao.content.tree), and no Python cache (setup.sh compiles hooks/; .gitignore)."""
    into.mkdir(parents=True)
    for name in files:
        if (ROOT / name).exists():
            shutil.copy(ROOT / name, into / name)
    for name in (*tree.FOLDERS, "hooks"):
        if (ROOT / name).exists():
            shutil.copytree(ROOT / name, into / name, ignore=shutil.ignore_patterns("__pycache__"))
    return into


@functools.cache
def site_markdown() -> markdown.Markdown:
    """Python-Markdown with mkdocs.yml's extensions and their settings, as MkDocs renders every page (reset it before
    each text)."""
    config = load_config(str(ROOT / "mkdocs.yml"))
    return markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)


@pytest.fixture(scope="session")
def render_body():
    """A body's HTML as its page shows it: the body's rendering (gongbao.content.body_markdown), then site_markdown."""
    return lambda text: site_markdown().reset().convert(rendered_body.markdown(text))


@pytest.fixture(scope="session")
def render_as_written():
    """A page of content/'s HTML: site_markdown of its Markdown as written (MkDocs reads those pages itself, without the
    body's rendering)."""
    return lambda text: site_markdown().reset().convert(text)


@pytest.fixture(scope="session")
def render_as(render_body, render_as_written):
    """A text's HTML as its ``rendering`` (gongbao.rules.rendering) shows it: a body's, or a page of content/'s."""
    return lambda text, rendering: (render_body if rendering.numbered else render_as_written)(text)
