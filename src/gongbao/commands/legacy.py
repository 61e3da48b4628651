"""``gongbao import``: legacy documents into the gazette."""
from __future__ import annotations

import sys
from pathlib import Path

from gongbao.tools import importer, scaffold

PROGRESS_EVERY = 100  # files between two progress lines of an import


def run(args) -> int:
    def progress(done: int, total: int) -> None:
        if done % PROGRESS_EVERY == 0 or (done == total and total >= PROGRESS_EVERY):
            print(f"已处理 {done}/{total} 个文件", file=sys.stderr, flush=True)

    if not (args.issue or args.manifest):
        print("错误：指定导入到哪一期（--issue 2018/06），或在清单（--manifest）的 期 列逐份写明", file=sys.stderr)
        return 2
    try:
        key = scaffold.parse_issue(args.issue) if args.issue else None
        report = importer.run(args.root, Path(args.source), key, manifest=args.manifest and Path(args.manifest),
                              section=args.section, progress=progress)
    except (importer.ImportFailed, scaffold.ScaffoldError) as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    print(report.summary())
    return 0 if not report.skipped else 1
