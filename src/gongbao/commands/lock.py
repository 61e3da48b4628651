"""``gongbao lock``: what the lock would record; written with ``--write``."""
from __future__ import annotations

import sys

from gongbao.content import lock
from gongbao.publish.check import check


def run(args) -> int:
    """Show what the lock would record (new URLs, corrected texts); write it only with --write."""
    result = check(args.root)
    if not result.ok:
        for d in result.diagnostics:
            print(d)
        print(f"内容有错误，未更新 {lock.FILENAME}：先修正上面的错误", file=sys.stderr)
        return 1
    locked, _ = lock.load(args.root)
    found = lock.unrecorded(locked, result.archive, result.settings.issuer_codes)
    for change in found:
        print(change)
    if not found:
        print(f"{lock.FILENAME} 已是最新，无需更新")
    elif args.write:
        lock.write(args.root, lock.updated(locked, found, result.today))
        print(f"已写入 {lock.FILENAME}：{len(found)} 项。请与内容一起提交")
    else:
        print(f"以上 {len(found)} 项尚未写入；确认无误后运行 gongbao lock --write")
    return 0
