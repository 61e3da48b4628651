"""``gongbao status``: what changed against the lock, per document and line."""
from __future__ import annotations

import sys

from gongbao.commands.current import loaded
from gongbao.content import gitshow, lock
from gongbao.tools import scaffold, status


def run(args) -> int:
    """What changed against the lock, per document, with the changed lines."""
    if args.base and not gitshow.exists(args.root, args.base):
        print(f"错误：git 中没有 {args.base}：先 git fetch 该分支或提交", file=sys.stderr)
        return 2
    try:
        archive, settings = loaded(args.root)
    except scaffold.ScaffoldError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    if any(d.number and d.number.agency not in settings.issuer_codes for d in archive.public().documents):
        print("有文号的机关代字未登记，无法算出网址：先运行 gongbao check 修正", file=sys.stderr)
        return 1
    locked, problems = lock.load(args.root)
    if problems:
        for d in problems:
            print(d, file=sys.stderr)
        return 1
    base = args.base or "HEAD"
    found = status.status(archive, settings, locked, gitshow.reader(args.root, base), base)
    print(status.report(found, locked))
    return 1 if any(s.needs_correction for s in found) else 0
