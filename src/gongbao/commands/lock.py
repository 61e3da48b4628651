"""``gongbao lock``: what the lock would record; written with ``--write``."""
from __future__ import annotations

import sys

from dataclasses import replace

from gongbao.content import lock
from gongbao.publish.check import check
from gongbao.rules.lock import SITE


def run(args) -> int:
    """Show what the lock would record (new URLs, corrected texts, the slugs of new catalogue pages and feeds, the site's
    name and address when first recorded or, with --site, changed); write it only with --write."""
    result = check(args.root)
    # a changed site.name or site.url is an error until this command, told so (--site), records it
    errors = [d for d in result.diagnostics if d.is_error and not (args.site and d.rule == SITE)]
    if errors:
        for d in result.diagnostics:
            print(d)
        print(f"内容有错误，未更新 {lock.FILENAME}：先修正上面的错误", file=sys.stderr)
        return 1
    locked, _ = lock.load(args.root)
    found = lock.unrecorded(locked, result.archive, result.settings.issuer_codes)
    listed = lock.unrecorded_slugs(locked, result.archive.public(), result.settings)
    for change in [*found, *listed]:
        print(change)
    site = (result.settings.site_name, result.settings.site_url)
    moved = all(site) and locked.site != site and (locked.site is None or args.site)
    if moved:
        print(f"↑ 网站  记录名称“{site[0]}”、地址 {site[1]}" if locked.site is None else
              f"→ 网站  名称“{locked.site[0]}”→“{site[0]}”，地址 {locked.site[1]} → {site[1]}")
    if not found and not listed and not moved:
        print(f"{lock.FILENAME} 已是最新，无需更新")
    elif args.write:
        written = lock.with_slugs(lock.updated(locked, found, result.today), listed)
        lock.write(args.root, replace(written, site=site if moved else locked.site))
        print(f"已写入 {lock.FILENAME}：{len(found) + len(listed) + moved} 项。请与内容一起提交")
    else:
        print(f"以上 {len(found) + len(listed) + moved} 项尚未写入；确认无误后运行 gongbao lock --write")
    return 0
