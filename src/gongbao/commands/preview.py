"""``gongbao serve``: the site built and served here, rebuilt on each change."""
from __future__ import annotations

import sys

from gongbao.publish.build import BuildFailed
from gongbao.serve import serve


def run(args) -> int:
    try:
        return serve(args.root, args.port)
    except BuildFailed as exc:
        print(f"{exc} 修正上面的错误后重新运行 gongbao serve", file=sys.stderr)
        return 1
