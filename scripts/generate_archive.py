#!/usr/bin/env python3
"""Write a synthetic gazette archive (content, gazette.yml and the project's build files) to a folder.

    .venv/bin/python scripts/generate_archive.py --documents 1000 --out /tmp/a1k
    cd /tmp/a1k && /work/main/.venv/bin/mkdocs build      # or: gongbao check --root /tmp/a1k
"""
from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from gongbao.tools import synthetic

PROJECT = Path(__file__).resolve().parent.parent


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="合成公报档案 / synthetic gazette archive for benchmarks")
    parser.add_argument("--documents", type=int, default=1000, help="number of documents (default 1000)")
    parser.add_argument("--seed", type=int, default=1, help="same seed, same files (default 1)")
    parser.add_argument("--last", default="2025-12", help="year-month of the latest issue (default 2025-12)")
    parser.add_argument("--shape", choices=("real", "short"), default="real",
                        help="real: the length and structure of real documents (default); short: 10–40 paragraphs")
    parser.add_argument("--markup", type=float, metavar="SHARE", default=0.0,
                        help="a table and a link in this share of documents, a link in every interpretation "
                             "(synthetic.marked_up; default none)")
    parser.add_argument("--out", type=Path, required=True, help="target folder (must not exist, or use --force)")
    parser.add_argument("--force", action="store_true", help="replace the target folder")
    args = parser.parse_args(argv)
    if args.out.exists():
        if not args.force:
            parser.error(f"{args.out} exists; pass --force to replace it")
        shutil.rmtree(args.out)
    year, month = (int(p) for p in args.last.split("-"))
    files = synthetic.archive(args.documents, seed=args.seed, last=(year, month), shape=args.shape)
    if args.markup:
        files = synthetic.marked_up(files, args.markup, args.seed)
    synthetic.write(args.out, files, PROJECT)
    interpretations = sum(1 for p in files if p.startswith("interpretations/"))
    issues = sum(1 for p in files if p.endswith("/index.md") and p.startswith("gazette/"))
    size = sum(len(t.encode("utf-8")) for t in files.values())
    print(f"{args.out}: {args.documents} documents, {interpretations} interpretations, {issues} issues, "
          f"{size / 1e6:.1f} MB of Markdown", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
