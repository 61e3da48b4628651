"""The search index: Pagefind's extended build run over the built site.

Why npm's pagefind 1.6.0 and not PyPI's 1.5.2: Chinese needs the *extended* binary (it segments
CJK words), and 1.5.2 segments the index with jieba but the browser's query with Intl.Segmenter,
which disagree (wrong hits for 公報, misses for 無錫市). 1.6.0 segments the index with ICU4X like
the browser does. It is published on npm only, so ``scripts/setup.sh`` runs ``npm ci``.

One index for both scripts: ``--force-language zh``. Without it Pagefind builds one index per
``lang`` (zh-Hans, zh-Hant) and a search page only ever loads one of them.
"""
from __future__ import annotations

import os
import platform
import re
import subprocess
from pathlib import Path

VERSION = "1.6.0"
OUTPUT = "pagefind"
ROOT = Path(__file__).resolve().parents[2]


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
    """Index ``site`` in place (``site/pagefind/``); returns Pagefind's log."""
    command = [str(executable()), "--site", str(site), "--output-subdir", OUTPUT, "--force-language", "zh"]
    done = subprocess.run(command, capture_output=True, text=True)
    log = done.stdout + done.stderr
    if done.returncode != 0:
        raise SearchIndexError(f"Pagefind 建立索引失败：\n{log}")
    if "(Extended)" not in log:
        raise SearchIndexError("Pagefind 不是 extended 版本，无法切分中文词语：\n" + log)
    pages = re.search(r"Indexed (\d+) pages?", log)
    if not quiet:
        print(f"检索索引：{pages.group(1) if pages else '?'} 个页面")
    return log
