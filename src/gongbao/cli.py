"""The editor's command line: ``gongbao check`` (more subcommands come with the editor workflow)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import diagnostics
from .check import check


def _check(args) -> int:
    result = check(Path(args.root).resolve())
    if args.format == "json":
        print(diagnostics.as_json(result.diagnostics))
    else:
        for d in result.diagnostics:
            print(d)
        errors = sum(d.is_error for d in result.diagnostics)
        warnings = len(result.diagnostics) - errors
        print(f"检查完毕：{len(result.archive.documents)} 份文件，{len(result.archive.interpretations)} 篇解读，"
              f"{errors} 个错误，{warnings} 个警告", file=sys.stderr)
    return 0 if result.ok else 1


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="gongbao", description="政府公报与政策解读发布工具 / gazette publisher")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("check", help="检查全部内容，不生成网站 / validate all content without building")
    p.add_argument("--root", default=".", help="公报仓库目录 / repository folder")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(run=_check)
    args = parser.parse_args(argv)
    return args.run(args)
