#!/usr/bin/env python3
"""Incremental builds, the preview after an edit and the check cache, on a synthetic archive.

    .venv/bin/python scripts/benchmark_incremental.py --size 1000 [--dir /tmp/bench-incremental]
    .venv/bin/python scripts/benchmark_incremental.py --size 10000 --dir /tmp/x --built   # /tmp/x/archive-10000/site built

Measures, on one archive of N documents: a full build; a rebuild with nothing changed (the first one
copies site/, as there is no spare yet); a rebuild after one document's text changed, without the
search index and with it; ``gongbao serve``'s preview: from the save to the served page holding the
edit (its watch loop and worker, as the command runs them), six edits one after the other (of pages not
published yet, then of published ones), one more saved while the search index is being made (which it
stops), then until the search index and the feeds, sitemap and redirects the edits held back are current; ``gongbao check``
cold, cached, and after one file changed.

The archive is locked (``gongbao lock --write``), as a published one is, but for its last issue (being
prepared); an edit of a published page carries its 勘误, one of a page not published yet changes its body
only. With ``--preview`` the site is built as ``gongbao serve`` builds it (publishing nothing). Wall-clock
seconds, CPU seconds of the process tree in parentheses (on a shared machine the CPU figures are the
steadier ones; the preview's worker is counted from /proc, as it keeps running; a preview's edit counts
the serving process and the worker, not a search index it stopped, shown apart).
"""
from __future__ import annotations

import argparse
import functools
import json
import os
import resource
import subprocess
import sys
import threading
import time
import urllib.request
from http.server import ThreadingHTTPServer
from pathlib import Path

from gongbao import serve
from gongbao.content import lock, published_lock, urls
from gongbao.content.clock import build_date
from gongbao.publish import checkcache
from gongbao.publish.check import check
from gongbao.tools import synthetic
from gongbao.publish.build import build

PROJECT = Path(__file__).resolve().parent.parent


def _cpu() -> float:
    usage = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    return sum(u.ru_utime + u.ru_stime for u in usage)


def timed(label: str, action) -> None:
    wall, cpu = time.perf_counter(), _cpu()
    action()
    print(f"{label:<46} {time.perf_counter() - wall:7.1f} s ({_cpu() - cpu:.1f} s CPU)", flush=True)


def edit(root: Path, n: int) -> Path:
    """Change one sentence of the n-th newest document; the document's source."""
    doc = sorted((root / "gazette").rglob("*.md"))[-(n + 2)]
    doc.write_text(synthetic.corrected(doc.read_text(encoding="utf-8"), f"（第{n}次修改）", build_date()), encoding="utf-8")
    return doc


def _worker_cpu(preview: serve.Preview) -> float:
    """The CPU time of the preview's worker so far; 0 while it is replaced (after a full build, counted as a child)."""
    return 0.0 if preview._worker is None else _process_cpu(preview._worker.pid)


def _process_cpu(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _serving_cpu(preview: serve.Preview) -> float:
    """The serving process's CPU time and its worker's: not a search index it stopped (a child once waited for)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime + _worker_cpu(preview)


def preview(root: Path, site: Path) -> None:
    """Each edit saved, then the served page fetched until it holds it: what the editor waits for; one more saved
    while the search index is being made; then until the index is current. A page published already (in the lock or
    in what the site published beyond it) is edited with its 勘误, as it must be; a page not published yet (the issue
    being prepared), in its body only."""
    shown = serve.Preview(root, site)
    shown.start()
    ready = time.perf_counter()
    shown._ready = bool(json.loads(shown._worker.stdout.readline()).get("ready"))  # made every output once: no edit waits for it
    print(f"{'preview: worker ready':<46} {time.perf_counter() - ready:7.1f} s ({_worker_cpu(shown):.1f} s CPU)", flush=True)
    handler = functools.partial(type("Handler", (serve.PreviewHandler,), {"preview": shown}), directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    stop = threading.Event()
    watcher = threading.Thread(target=serve.watch, args=(root, site, stop, 1.0, shown), daemon=True)
    watcher.start()
    pages = _pages(root)
    beyond = site / published_lock.UNRECORDED
    published = {*lock.load(root)[0].entries, *(lock.read(beyond, beyond.name)[0].entries if beyond.is_file() else ())}
    time.sleep(3)  # the first poll takes stock; the worker loads MkDocs

    newest = sorted(pages, reverse=True)
    unpublished = [source for source in newest if pages[source] not in published]
    edits = [*unpublished[:3], *[source for source in newest if pages[source] in published][10:16 - len(unpublished[:3])]]
    last = unpublished[3] if len(unpublished) > 3 else newest[20]

    def saved(source: str, label: str) -> None:
        wall, cpu = time.perf_counter(), _serving_cpu(shown)
        marker = f"（预览中第{time.time_ns()}号修改）"
        doc, corrected = root / source, pages[source] in published
        text = doc.read_text(encoding="utf-8")
        doc.write_text(synthetic.corrected(text, marker, build_date()) if corrected else text.replace("。", "。" + marker, 1),
                       encoding="utf-8")
        while marker not in _fetch(f"http://127.0.0.1:{server.server_port}/" + pages[source]):
            time.sleep(0.1)  # each fetch costs the server a little CPU: the worker shares the machine
        label += ", published: with its 勘误" if corrected else ", not published yet"
        print(f"{'preview: save → served page, ' + label:<70} {time.perf_counter() - wall:7.1f} s "
              f"({_serving_cpu(shown) - cpu:.1f} s CPU)", flush=True)

    for n, source in enumerate(edits, 1):
        saved(source, f"edit {n}")
        time.sleep(0.5)  # the next save may come while the search index is being made: it is stopped
    while shown._indexing is None:  # started at a poll without a change
        time.sleep(0.05)
    indexing = shown._indexing
    time.sleep(0.5)
    spent = _process_cpu(indexing.pid)
    saved(last, "while indexing")
    print(f"{'preview: the index it stopped had run':<46} {'':7}   ({spent:.1f} s CPU)"
          + ("" if indexing.returncode and indexing.returncode < 0 else ", not stopped: it had ended first"), flush=True)
    wall, before = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
    while not (shown.index_current and shown.later_current):
        time.sleep(0.1)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(f"{'preview: then until index, feeds are current':<46} {time.perf_counter() - wall:7.1f} s "
          f"({after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime:.1f} s CPU)", flush=True)
    stop.set()
    watcher.join()
    server.shutdown()
    # the part of an update that is `check` (the worker runs it first, on the same files): timed alone, in this process
    checking = time.process_time()
    check(root)
    print(f"{'preview: of which check (timed alone)':<46} {'':7}   ({time.process_time() - checking:.1f} s CPU)", flush=True)


def _pages(root: Path) -> dict[str, str]:
    """Each published document's source (relative path) → its page's address."""
    checked = check(root)
    return {d.source.path: urls.document(d, checked.settings.issuer_codes) for d in checked.archive.public().documents}


def _locked_but_the_last_issue(root: Path) -> None:
    """The lock as gongbao lock --write writes it, as a published archive's is, but for the issue being prepared: every
    page first published in its month is not published yet (the lock's rule compares every other page at every check
    of the preview)."""
    subprocess.run([sys.executable, "-m", "gongbao", "lock", "--write", "--root", str(root)], check=True,
                   stdout=subprocess.DEVNULL)
    written = lock.load(root)[0]
    month = max(e.first_published for e in written.entries.values() if e.kind == "issue")[:7]  # 年-月
    lock.write(root, lock.Lock({url: e for url, e in written.entries.items() if e.first_published[:7] < month}))


def _fetch(url: str) -> str:
    with urllib.request.urlopen(url) as response:
        return response.read().decode("utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--dir", type=Path, default=Path("/tmp/bench-incremental"))
    parser.add_argument("--preview", action="store_true", help="only the full build and the preview")
    parser.add_argument("--built", action="store_true",
                        help="the archive in --dir is built already (its site/, by this code): only the preview's edits")
    args = parser.parse_args()
    root, site = args.dir / f"archive-{args.size}", args.dir / f"archive-{args.size}" / "site"
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1795910400")
    if not root.exists():
        synthetic.write(root, synthetic.archive(args.size), project=PROJECT)
        _locked_but_the_last_issue(root)
    checking = [sys.executable, "-m", "gongbao", "check", "--root", str(root)]
    print(f"{args.size} documents")
    if args.built:
        preview(root, site)  # the first edit after the start looks at every file
        return 0
    if args.preview:  # as gongbao serve builds it: it publishes nothing
        timed("full build (as gongbao serve makes it)", lambda: build(root, site, quiet=True, preview=True))
        preview(root, site)
        return 0
    timed("full build", lambda: build(root, site, quiet=True))
    timed("rebuild, nothing changed (copies site/)", lambda: build(root, site, quiet=True))
    timed("rebuild after one edit, pages only", lambda: (edit(root, 1), build(root, site, search_index=False, quiet=True)))
    timed("rebuild after one edit, with search index", lambda: (edit(root, 2), build(root, site, quiet=True)))
    preview(root, site)
    (root / ".cache" / "gongbao" / checkcache.RESULT).unlink(missing_ok=True)
    timed("check, cold", lambda: subprocess.run(checking, capture_output=True))
    timed("check, nothing changed", lambda: subprocess.run(checking, capture_output=True))
    timed("check, one file changed", lambda: (edit(root, 3), subprocess.run(checking, capture_output=True)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
