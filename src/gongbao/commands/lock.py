"""``gongbao lock``: what the lock would record; written with ``--write``."""
from __future__ import annotations

import os
import sys
from dataclasses import replace
from pathlib import Path

from gongbao.content import integrity, lock, published_lock, versions
from gongbao.content.sitefolder import SITE
from gongbao.publish import cachefolder
from gongbao.publish.check import check
from gongbao.rules.lock import SITE as SITE_RULE


def run(args) -> int:
    """Show what the lock would record (new URLs, corrected texts, the slugs of new catalogue pages and feeds, the site's
    name and address when first recorded or, with --site, changed); write it only with --write."""
    result = check(args.root)
    # a changed site.name or site.url is an error until this command, told so (--site), records it
    errors = [d for d in result.diagnostics if d.is_error and not (args.site and d.rule == SITE_RULE)]
    if errors:
        for d in result.diagnostics:
            print(d)
        print(f"内容有错误，未更新 {lock.FILENAME}：先修正上面的错误", file=sys.stderr)
        return 1
    locked, _ = lock.load(args.root)
    # a page the last site published before a lock recorded it, corrected since, keeps the text that site showed: the
    # site a build names, else the one built here (where the text is looked for too: _replaced)
    last = published_lock.from_env()[0] if os.environ.get(published_lock.ENV) else published_lock.from_site(
        args.root / SITE / lock.FILENAME)[0]
    found = lock.unrecorded(locked, result.archive, result.settings.issuer_codes, last.unrecorded)
    listed = lock.unrecorded_slugs(locked, result.archive.public(), result.settings)
    for change in [*found, *listed]:
        print(change)
    site = (result.settings.site_name, result.settings.site_url)
    moved = all(site) and locked.site != site and (locked.site is None or args.site)
    if moved:
        print(f"↑ 网站  记录名称“{site[0]}”、地址 {site[1]}" if locked.site is None else
              f"→ 网站  名称“{locked.site[0]}”→“{site[0]}”，地址 {locked.site[1]} → {site[1]}")
    pages = lock.pages(result.archive, result.settings.issuer_codes)
    kept, missing = _replaced(args.root, found, pages)
    for why in missing:
        print(why, file=sys.stderr)
    if not found and not listed and not moved:
        print(f"{lock.FILENAME} 已是最新，无需更新")
    elif args.write and missing:
        print(f"未更新 {lock.FILENAME}：勘误前发布的文本找不到，便无法保存它", file=sys.stderr)
        return 1
    elif args.write:
        for text in kept:  # first: a lock that lists a text not kept would be refused by the check
            versions.store(args.root, text)
        written = lock.with_slugs(lock.updated(locked, found, result.today), listed)
        lock.write(args.root, replace(written, site=site if moved else locked.site))
        if (cache := kept_texts(args.root)) is not None:  # where the next lock --write finds the texts recorded now
            for change in found:
                if change.of_text and change.new.sha256 is not None:
                    versions.keep(cache, integrity.canonical_text(pages[change.url]))
        print(f"已写入 {lock.FILENAME}：{len(found) + len(listed) + moved} 项。请与内容一起提交")
    else:
        print(f"以上 {len(found) + len(listed) + moved} 项尚未写入；确认无误后运行 gongbao lock --write")
    return 0


def _replaced(root, found: list, pages: dict) -> tuple[list[str], list[str]]:
    """The texts the new 勘误 of ``found`` replace, each proved by the hash the lock holds (gongbao.content.versions),
    and why each one that cannot be found is not."""
    readers, kept, missing = None, [], []
    for change in found:
        if not change.replaced:
            continue
        readers = readers or versions.readers(root)  # git is asked only when a 勘误 replaced a text
        text = versions.earlier(change.url, change.old, pages[change.url], readers, root / SITE, kept_texts(root))
        if text is None:
            missing.append(versions.refused(change.url, change.old))
        else:
            kept.append(text)
    return kept, missing


def kept_texts(root: Path) -> Path | None:
    """The repository's cache of the texts gongbao lock --write recorded (None when its cache folder is a link)."""
    folder = cachefolder.of(root)
    return None if folder is None else folder / "texts"
