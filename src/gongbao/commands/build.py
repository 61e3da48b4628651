"""``gongbao build``: the site into ``site/``."""
from __future__ import annotations

import sys

from gongbao.publish.build import BuildFailed, build


def run(args) -> int:
    try:
        build(args.root, args.root / "site")
    except BuildFailed as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"网站已生成：{args.root / 'site'}")
    return 0
