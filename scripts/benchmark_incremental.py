#!/usr/bin/env python3
"""Incremental builds, the preview after an edit and the check cache, on a synthetic archive.

    .venv/bin/python scripts/benchmark_incremental.py --size 1000 [--dir /tmp/bench-incremental]

Measures, on one archive of N documents: a full build; a rebuild with nothing changed (the first one
copies site/, as there is no spare yet); a rebuild after one document's text changed, without the
search index (what ``gongbao serve`` shows first) and with it; ``gongbao check`` cold, cached, and
after one file changed. Wall-clock seconds, CPU seconds of the process tree in parentheses (on a
shared machine the CPU figures are the steadier ones).
"""
from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

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


def edit(root: Path, n: int) -> None:
    """Change one sentence of the n-th newest document."""
    doc = sorted((root / "gazette").rglob("*.md"))[-(n + 2)]
    doc.write_text(doc.read_text(encoding="utf-8").replace("。", f"。（第{n}次修改）", 1), encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--dir", type=Path, default=Path("/tmp/bench-incremental"))
    args = parser.parse_args()
    root, site = args.dir / f"archive-{args.size}", args.dir / f"archive-{args.size}" / "site"
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1795910400")
    if not root.exists():
        synthetic.write(root, synthetic.archive(args.size), project=PROJECT)
    check = [sys.executable, "-m", "gongbao", "check", "--root", str(root)]
    print(f"{args.size} documents")
    timed("full build", lambda: build(root, site, quiet=True))
    timed("rebuild, nothing changed (copies site/)", lambda: build(root, site, quiet=True))
    timed("rebuild after one edit, pages only (serve)", lambda: (edit(root, 1), build(root, site, search_index=False, quiet=True)))
    timed("rebuild after one edit, with search index", lambda: (edit(root, 2), build(root, site, quiet=True)))
    (root / ".cache" / "gongbao" / "check.json").unlink(missing_ok=True)
    timed("check, cold", lambda: subprocess.run(check, capture_output=True))
    timed("check, nothing changed", lambda: subprocess.run(check, capture_output=True))
    timed("check, one file changed", lambda: (edit(root, 3), subprocess.run(check, capture_output=True)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
