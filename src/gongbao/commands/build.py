"""``gongbao build``: the site into ``site/``."""
from __future__ import annotations

import sys

from gongbao.content.sitefolder import SITE
from gongbao.publish.build import BuildFailed, build


def run(args) -> int:
    try:
        build(args.root, args.root / SITE)
    except BuildFailed as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"网站已生成：{args.root / SITE}")
    return 0
