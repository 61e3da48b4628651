"""The search index: Pagefind's extended build run over the built site.

Why npm's pagefind 1.6.0 and not PyPI's 1.5.2: Chinese needs the *extended* binary (it segments
CJK words), and 1.5.2 segments the index with jieba but the browser's query with Intl.Segmenter,
which disagree (wrong hits for 公報, misses for 無錫市). 1.6.0 segments the index with ICU4X like
the browser does. It is published on npm only, so ``scripts/setup.sh`` runs ``npm ci``.

One index for both scripts: ``--force-language zh``. Without it Pagefind builds one index per
``lang`` (zh-Hans, zh-Hant) and a search page only ever loads one of them.

Bundles on a large archive. Whatever the query, Pagefind loads a table of every page (about
10 bytes a page) and, for each word, where it stands in every page that has it: at 10,000 documents
a query such as 营商环境 needed 550 KB before its first result. So the newest ``RECENT_PAGES``
pages get a bundle of their own (``pagefind/``), searched first; the older ones follow in bundles of
at most ``EARLIER_PAGES`` pages each, newest first (``pagefind-earlier/``, ``pagefind-earlier-2/``,
…), each searched once the newer ones have answered. ``search/bundles.json`` lists them, newest
first. The split is by the date Pagefind sorts on, so every page of a bundle is at least as new as
every page of the next. Pagefind indexes one bundle at a time, so its peak memory is that of the
largest bundle, not of the archive (7.8 GB for a bundle of 16,618 short pages).

One engine for every bundle: instances of Pagefind's script share one WebAssembly module (its
loader keeps the first and returns it to every later instance), yet each instance downloads its
bundle's copy (54 KB) before throwing it away. Every bundle but the first gets, in place of that
copy, the 12 bytes Pagefind's loader reads as an empty file; the search page starts the first
bundle's engine before any other (content/assets/javascripts/gb-search.js).
"""
from __future__ import annotations

import contextlib
import json
import os
import platform
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

VERSION = "1.6.0"
OUTPUT = "pagefind"
EARLIER = "pagefind-earlier"
BUNDLES = "search/bundles.json"
RECENT_PAGES = 1500   # pages in the first bundle: its first results stay near 250 KB (docs/benchmark.md)
EARLIER_PAGES = 3500  # pages in each older bundle at most: Pagefind peaks near 1 MB a real-shape page (docs/benchmark.md)
SPLIT_ABOVE = 3000    # below this many pages one bundle is small enough
ENGINE_STUB = b"pagefind_dcd"  # what Pagefind's loader reads as an uncompressed, empty file
INDEXED_FOLDERS = ("doc", "gazette")  # where the indexed pages live (gongbao.content.urls): documents, interpretations, issues
ROOT = Path(__file__).resolve().parents[3]
_DATE = re.compile(rb'data-pagefind-sort="date:(\d{4}-\d\d-\d\d)"')


class SearchIndexError(Exception):
    pass


def _platform() -> str:
    arch = {"x86_64": "x64", "amd64": "x64", "aarch64": "arm64", "arm64": "arm64"}.get(platform.machine().lower(), "")
    return f"{platform.system().lower()}-{arch}"


def executable() -> Path:
    """The pinned extended binary: $PAGEFIND_EXTENDED_BINARY_PATH, else the project's node_modules."""
    override = os.environ.get("PAGEFIND_EXTENDED_BINARY_PATH")
    path = Path(override) if override else ROOT / "node_modules" / "@pagefind" / _platform() / "bin" / "pagefind_extended"
    if not path.is_file():
        raise SearchIndexError(f"找不到 Pagefind（{path}）— 运行 bash scripts/setup.sh（它会执行 npm ci）")
    version = subprocess.run([str(path), "--version"], capture_output=True, text=True).stdout.strip()
    if version != f"pagefind {VERSION}":
        raise SearchIndexError(f"Pagefind 版本为 {version!r}，需要 {VERSION} — 运行 npm ci")
    return path


def index(site: Path, quiet: bool = False) -> str:
    """Index ``site`` in place (``site/pagefind/`` and, on a large archive, ``site/pagefind-earlier*/``,
    listed in ``site/search/bundles.json``); returns Pagefind's log."""
    bundles = split(pages(site))
    if len(bundles) == 1:
        logs = [_pagefind(["--site", str(site), "--output-subdir", OUTPUT])]
    else:
        logs = []
        for name, (_, chosen) in zip(names(len(bundles)), bundles):
            with _linked(site, chosen) as only:
                logs.append(_pagefind(["--site", str(only), "--output-path", str(site / name)]))
            if name != OUTPUT:
                for engine in (site / name).glob("wasm.*.pagefind"):
                    engine.write_bytes(ENGINE_STUB)
    (site / BUNDLES).parent.mkdir(exist_ok=True)
    (site / BUNDLES).write_text(json.dumps(
        {"bundles": [{"path": f"{name}/", "from": dates[0], "to": dates[1]}
                     for name, (dates, _) in zip(names(len(bundles)), bundles)]}, ensure_ascii=False) + "\n")
    if not quiet:
        counts = [re.search(r"Indexed (\d+) pages?", log) for log in logs]
        print(f"检索索引：{' + '.join(c.group(1) if c else '?' for c in counts)} 个页面")
    return "".join(logs)


def remove(site: Path) -> None:
    """Take away what ``index`` wrote: the site is then as built without a search index."""
    for folder in [site / OUTPUT, *site.glob(f"{EARLIER}*")]:
        shutil.rmtree(folder, ignore_errors=True)
    (site / BUNDLES).unlink(missing_ok=True)


def pages(site: Path) -> list[tuple[str, str]]:
    """(date, path) of every page Pagefind indexes (those with ``data-pagefind-body``), newest first."""
    found = []
    for folder in INDEXED_FOLDERS:
        for parent, _, files in os.walk(site / folder):
            if "index.html" in files:
                path = os.path.join(parent, "index.html")
                with open(path, "rb") as file:
                    html = file.read()
                if b"data-pagefind-body" in html:
                    date = _DATE.search(html)
                    found.append((date.group(1).decode() if date else "", os.path.relpath(path, site)))
    return sorted(found, reverse=True)


def names(count: int) -> list[str]:
    """The folders of ``count`` bundles, newest first."""
    return [OUTPUT, EARLIER, *(f"{EARLIER}-{n}" for n in range(2, count))][:count]


def split(found: list[tuple[str, str]]) -> list[tuple[tuple[str, str], list[str]]]:
    """The bundles, newest first, each as ((oldest date, newest date), paths): ``RECENT_PAGES``
    pages, then ``EARLIER_PAGES`` at a time. Pages of the date where a bundle fills up all stay
    in it, so no date is in two bundles."""
    if len(found) <= SPLIT_ABOVE:
        return [(_span(found), [p for _, p in found])]
    parts, size = [], RECENT_PAGES
    while found:
        cut = len(found)
        if cut > size:
            last = found[size - 1][0]
            cut = next((i for i, (date, _) in enumerate(found) if date < last), len(found))
        parts.append(found[:cut])
        found, size = found[cut:], EARLIER_PAGES
    return [(_span(part), [p for _, p in part]) for part in parts]


def _span(part: list[tuple[str, str]]) -> tuple[str, str]:
    return (part[-1][0], part[0][0]) if part else ("", "")


@contextlib.contextmanager
def _linked(site: Path, paths: list[str]):
    """A folder holding just ``paths`` (hard links: no copy), for Pagefind to index. It is made inside
    ``site``, so what an interrupted build leaves goes with the rest of its unfinished folder."""
    folder = Path(tempfile.mkdtemp(prefix=".pagefind-pages-", dir=site))
    try:
        for rel in paths:
            (folder / rel).parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(site / rel, folder / rel)
            except OSError:  # a file system without hard links
                shutil.copyfile(site / rel, folder / rel)
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _pagefind(arguments: list[str]) -> str:
    done = subprocess.run([str(executable()), *arguments, "--force-language", "zh"], capture_output=True, text=True)
    log = done.stdout + done.stderr
    if done.returncode != 0:
        raise SearchIndexError(f"Pagefind 建立索引失败：\n{log}")
    if "(Extended)" not in log:
        raise SearchIndexError("Pagefind 不是 extended 版本，无法切分中文词语：\n" + log)
    return log
