"""``gongbao check``: every problem of the content, as text, JSON or GitHub annotations."""
from __future__ import annotations

import sys

from gongbao.content import diagnostics, lock, published_lock, unreviewed
from gongbao.content.sitefolder import SITE, planted
from gongbao.publish.check import check
from gongbao.publish.checkcache import Summary, cached_check


def run(args) -> int:
    try:
        published = (published_lock.from_git(args.root, args.base) if args.base else
                     published_lock.from_file(args.against_lock) if args.against_lock else None)
    except (ValueError, OSError) as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    result = _locked(args.root, published) if args.locked else cached_check(args.root, published=published)
    # asked of git at every check, never kept: a file added to its index changes no file the cache is keyed by
    found = unreviewed.problems(args.root)
    if in_site := planted(args.root, args.root / SITE):
        found.append(in_site)
    if found:
        result = Summary(diagnostics.sort([*result.diagnostics, *found]), result.documents, result.interpretations)
    if args.format == "json":
        print(diagnostics.as_json(result.diagnostics))
    elif args.format == "github":
        for d in result.diagnostics:
            print(_annotation(d))
    else:
        for d in result.diagnostics:
            print(d)
        errors = sum(d.is_error for d in result.diagnostics)
        warnings = len(result.diagnostics) - errors
        print(f"检查完毕：{result.documents} 份文件，{result.interpretations} 篇解读，"
              f"{errors} 个错误，{warnings} 个警告", file=sys.stderr)
    return 0 if result.ok else 1


def _locked(root, published) -> Summary:
    """The check, and each publication the committed lock does not record yet: CI builds a fresh site every time and
    compares the next commit with this lock alone, so what it published unrecorded could change unnoticed. Uncached: the
    comparison needs the whole archive."""
    checked = check(root, published=published)
    found = list(checked.diagnostics)
    if checked.ok:
        found += lock.unrecorded_problems(lock.load(root)[0], checked.archive, checked.settings)
    return Summary(found, len(checked.archive.documents), len(checked.archive.interpretations))


def _annotation(d: diagnostics.Diagnostic) -> str:
    """A GitHub Actions workflow command: the problem shows on the file's line in a pull request."""
    def escape(text: str, prop: bool = False) -> str:
        text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return text.replace(":", "%3A").replace(",", "%2C") if prop else text

    level = "error" if d.is_error else "warning"
    where = f"file={escape(d.path, True)}" + (f",line={d.line}" if d.line else "")
    message = f"{d.message} — {d.hint}" if d.hint else d.message
    return f"::{level} {where},title={escape(d.rule or 'gongbao', True)}::{escape(message)}"
