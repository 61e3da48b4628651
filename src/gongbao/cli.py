"""The editor's command line: ``gongbao new|check|build|serve|import|lock|status``.

Each subcommand is a thin wrapper over the domain package; messages for editors are Chinese, help
texts bilingual. Exit codes: 0 success, 1 content errors (or a failed build), 2 bad usage.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from gongbao.content import gitshow, lock
from gongbao.publish.build import BuildFailed, build
from gongbao.serve import serve
from gongbao.tools import importer, status
from gongbao.content import diagnostics, loader, participation_loader, published_lock, tree
from gongbao.tools import scaffold, scaffold_participation
from gongbao.publish.check import check
from gongbao.publish.checkcache import cached_check
from gongbao.content.diagnostics import ContentError
from gongbao.identifiers.docnumber import DocNumber, parse_reference
from gongbao.content.model import IssueKey
from gongbao.content.settings import FILENAME as SETTINGS_FILE, load as load_settings
from gongbao.identifiers.vocabulary import KINDS, TYPES, canonical

PROGRESS_EVERY = 100  # files between two progress lines of an import


def _check(args) -> int:
    try:
        published = (published_lock.from_git(args.root, args.base) if args.base else
                     published_lock.from_file(args.against_lock) if args.against_lock else None)
    except (ValueError, OSError) as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    result = cached_check(args.root, published=published)
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


def _annotation(d: diagnostics.Diagnostic) -> str:
    """A GitHub Actions workflow command: the problem shows on the file's line in a pull request."""
    def escape(text: str, prop: bool = False) -> str:
        text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return text.replace(":", "%3A").replace(",", "%2C") if prop else text

    level = "error" if d.is_error else "warning"
    where = f"file={escape(d.path, True)}" + (f",line={d.line}" if d.line else "")
    message = f"{d.message} — {d.hint}" if d.hint else d.message
    return f"::{level} {where},title={escape(d.rule or 'gongbao', True)}::{escape(message)}"


def _build(args) -> int:
    try:
        build(args.root, args.root / "site")
    except BuildFailed as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"网站已生成：{args.root / 'site'}")
    return 0


def _serve(args) -> int:
    try:
        return serve(args.root, args.port)
    except BuildFailed as exc:
        print(f"{exc} 修正上面的错误后重新运行 gongbao serve", file=sys.stderr)
        return 1


def _loaded(root: Path):
    """The archive as it is now (even with errors: scaffolding must work in an unfinished repository)."""
    unreadable = tree.problems(root)  # a FIFO would block the reader, a link could lead anywhere
    if unreadable:
        raise scaffold.ScaffoldError(str(ContentError(unreadable)))
    try:
        settings = load_settings(root)
    except ContentError as exc:
        raise scaffold.ScaffoldError(str(exc)) from None
    loaded = loader.load(root, settings)
    participation_loader.load(root, settings, loaded)
    return loaded.archive, settings


def _new_issue(args):
    archive, _ = _loaded(args.root)
    return [scaffold.issue(archive, IssueKey(args.year, args.number), args.total, args.published)]


def _word(value: str, vocabulary: dict, name: str) -> str:
    word = canonical(value, vocabulary)
    if word is None:
        raise scaffold.ScaffoldError(f"{name} {value!r} 无效，应为 {'|'.join(vocabulary)}")
    return word


def _parsed(parse, value: str):
    try:
        return parse(value)
    except ValueError as exc:
        raise scaffold.ScaffoldError(str(exc)) from None


def _new_document(args):
    archive, settings = _loaded(args.root)
    doc_type = _word(args.type, TYPES, "文件类型")
    number = _parsed(DocNumber.parse, args.number)
    return scaffold.document(archive, settings, scaffold.parse_issue(args.issue), doc_type, number,
                             args.title, tuple(args.issuer or ()), root=args.root)


def _new_interpretation(args):
    archive, settings = _loaded(args.root)
    kind = _word(args.kind, KINDS, "解读形式")
    ref = _parsed(parse_reference, args.of)
    if archive.document(ref) is None:
        print(f"[警告] 公报中还没有 {ref}：解读已生成，但在原文件加入公报之前检查会报错", file=sys.stderr)
    return [scaffold.interpretation(archive, settings, ref, kind, slug=args.slug)]


def _new_draft(args):
    archive, settings = _loaded(args.root)
    return scaffold_participation.draft(archive, settings, args.id, args.title, args.consulter)


def _new_explanation(args):
    archive, _ = _loaded(args.root)
    return [scaffold_participation.explanation(archive, args.draft)]


def _new_feedback(args):
    archive, _ = _loaded(args.root)
    return [scaffold_participation.feedback(archive, args.draft)]


def _new(args) -> int:
    try:
        written = scaffold.write(args.root, args.scaffold(args))
    except scaffold.ScaffoldError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    for path in written:
        print(f"已创建 {path.relative_to(args.root).as_posix()}")
    print("把所有 TODO 换成实际内容，然后运行 gongbao check")
    return 0


def _import(args) -> int:
    def progress(done: int, total: int) -> None:
        if done % PROGRESS_EVERY == 0 or (done == total and total >= PROGRESS_EVERY):
            print(f"已处理 {done}/{total} 个文件", file=sys.stderr, flush=True)

    if not (args.issue or args.manifest):
        print("错误：指定导入到哪一期（--issue 2018/06），或在清单（--manifest）的 期 列逐份写明", file=sys.stderr)
        return 2
    try:
        key = scaffold.parse_issue(args.issue) if args.issue else None
        report = importer.run(args.root, Path(args.source), key, manifest=args.manifest and Path(args.manifest),
                              section=args.section, progress=progress)
    except (importer.ImportFailed, scaffold.ScaffoldError) as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    print(report.summary())
    return 0 if not report.skipped else 1


def _lock(args) -> int:
    """Show what the lock would record (new URLs, corrected texts); write it only with --write."""
    result = check(args.root)
    if not result.ok:
        for d in result.diagnostics:
            print(d)
        print(f"内容有错误，未更新 {lock.FILENAME}：先修正上面的错误", file=sys.stderr)
        return 1
    locked, _ = lock.load(args.root)
    found = lock.changes(locked, lock.pages(result.archive, result.settings.issuer_codes))
    for change in found:
        print(change)
    if not found:
        print(f"{lock.FILENAME} 已是最新，无需更新")
    elif args.write:
        (args.root / lock.FILENAME).write_text(lock.updated(locked, found).dumps(), encoding="utf-8")
        print(f"已写入 {lock.FILENAME}：{len(found)} 项。请与内容一起提交")
    else:
        print(f"以上 {len(found)} 项尚未写入；确认无误后运行 gongbao lock --write")
    return 0


def _status(args) -> int:
    """What changed against the lock, per document, with the changed lines."""
    if args.base and not gitshow.exists(args.root, args.base):
        print(f"错误：git 中没有 {args.base}：先 git fetch 该分支或提交", file=sys.stderr)
        return 2
    try:
        archive, settings = _loaded(args.root)
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


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--root", type=lambda p: Path(p).resolve(), default=Path(".").resolve(),
                        help=f"公报仓库目录，或其中的任一子目录（默认当前目录；向上查找 {SETTINGS_FILE}）/ "
                             f"repository folder or any folder inside it (default: current folder; {SETTINGS_FILE} is looked for upwards)")
    parser = argparse.ArgumentParser(
        prog="gongbao", description="政府公报与政策解读发布工具 / Government gazette and policy-interpretation publisher")
    sub = parser.add_subparsers(dest="command", required=True, metavar="命令/command")

    new = sub.add_parser("new", help="新建一期公报、一份文件或一篇解读 / scaffold an issue, a document or an interpretation")
    kinds = new.add_subparsers(dest="what", required=True, metavar="issue|document|interpretation|draft|explanation|feedback")
    p = kinds.add_parser("issue", parents=[common], help="新建一期公报 / new gazette issue",
                         description="新建 gazette/<年>/<期>/index.md / create gazette/<year>/<number>/index.md")
    p.add_argument("--year", type=int, required=True, help="年份 / year, e.g. 2018")
    p.add_argument("--number", type=int, required=True, help="期号 / issue number within the year, e.g. 6")
    p.add_argument("--total", type=int, help="总期号（默认为上一期加一）/ running total number (default: previous + 1)")
    p.add_argument("--published", help="出版日期 / publication date, e.g. 2018-06-30")
    p.set_defaults(run=_new, scaffold=_new_issue)
    p = kinds.add_parser("document", parents=[common], help="新建文件及其解读模板 / new document with its interpretation skeleton",
                         description="在该期文件夹中新建文件；规章、规范性文件同时生成含九个方面标题的解读模板 / "
                                     "create a document in the issue folder, plus the nine-aspect interpretation skeleton")
    p.add_argument("--issue", required=True, help="所属的期，如 2018/06 / the issue, e.g. 2018/06")
    p.add_argument("--type", required=True, help=f"文件类型 / document type: {'|'.join(TYPES)}")
    p.add_argument("--number", required=True, help="文号 / document number, e.g. 锡政办发〔2018〕70号")
    p.add_argument("--title", help="标题 / full title")
    p.add_argument("--issuer", action="append", help="制发机关（联合发文可重复）/ issuing authority (repeat for joint issuance)")
    p.set_defaults(run=_new, scaffold=_new_document)
    p = kinds.add_parser("interpretation", parents=[common], help="新建一篇解读 / new interpretation",
                         description="在 interpretations/ 中新建一篇解读 / create an interpretation in interpretations/")
    p.add_argument("--of", required=True, help="所解读文件的文号或 id / number or id of the document interpreted")
    p.add_argument("--kind", default="文字解读", help=f"解读形式 / kind: {'|'.join(KINDS)}（默认 文字解读）")
    p.add_argument("--slug", help="网址名（默认 文号代码-形式代码，如 xzbf-2018-68-wd）/ last part of its URL")
    p.set_defaults(run=_new, scaffold=_new_interpretation)
    p = kinds.add_parser("draft", parents=[common], help="新建一份征求意见稿 / new draft for public comment",
                         description="在 drafts/ 中新建征求意见稿，在 explanations/ 中新建其起草说明 / "
                                     "create a draft in drafts/ and its 起草说明 in explanations/")
    p.add_argument("--id", required=True, help="id，即网址 draft/<id>/ / id, the last part of its URL, e.g. 2026-zwgk-banfa")
    p.add_argument("--title", help="标题 / title")
    p.add_argument("--consulter", help="征求意见单位 / consulting body")
    p.set_defaults(run=_new, scaffold=_new_draft)
    p = kinds.add_parser("explanation", parents=[common], help="新建起草说明 / new 起草说明 of a draft",
                         description="在 explanations/ 中新建某份征求意见稿的起草说明 / create the 起草说明 of a draft in explanations/")
    p.add_argument("--draft", required=True, help="征求意见稿的 id / id of the draft")
    p.set_defaults(run=_new, scaffold=_new_explanation)
    p = kinds.add_parser("feedback", parents=[common], help="新建意见采纳情况 / new feedback on a closed consultation",
                         description="在 feedback/ 中新建某份征求意见稿的意见采纳情况 / create the feedback of a draft in feedback/")
    p.add_argument("--draft", required=True, help="征求意见稿的 id / id of the draft")
    p.set_defaults(run=_new, scaffold=_new_feedback)

    p = sub.add_parser("check", parents=[common], help="检查全部内容，不生成网站 / validate all content without building")
    p.add_argument("--format", choices=("text", "json", "github"), default="text",
                   help="输出格式；github 为 GitHub Actions 注释 / output format; github: Actions annotations")
    against = p.add_mutually_exclusive_group()
    against.add_argument("--base", metavar="GIT_REF",
                         help="同时检查锁定文件没有弱于该提交中的（CI：基准分支）/ "
                              "also check the lock does not weaken the one committed at GIT_REF (CI: the base branch)")
    against.add_argument("--against-lock", metavar="FILE", type=Path,
                         help="同时检查锁定文件没有弱于 FILE（如已发布网站中的 gazette.lock.json）/ "
                              "also check the lock does not weaken FILE (e.g. the published site's gazette.lock.json)")
    p.set_defaults(run=_check)
    p = sub.add_parser("build", parents=[common], help="检查并生成网站（含搜索索引）到 site/ / check and build the site into site/")
    p.set_defaults(run=_build)
    p = sub.add_parser("serve", parents=[common], help="生成网站并在本机预览，内容修改后自动重新生成 / build, serve locally, rebuild on change")
    p.add_argument("--port", type=int, default=8000, help="端口（默认 8000）/ port (default 8000)")
    p.set_defaults(run=_serve)
    p = sub.add_parser("import", parents=[common], help="导入旧公报文件 / import legacy documents",
                       description="把旧网页文本或 Markdown/文本文件（可附 CSV/YAML 清单）导入某期公报 / "
                                   "turn legacy pages or text files (with an optional CSV/YAML manifest) into gazette content")
    p.add_argument("source", metavar="SRC_DIR", help="旧文件所在目录 / folder of legacy files")
    p.add_argument("--issue", help="导入到哪一期，如 2018/06（清单的 期 列优先）/ target issue, e.g. 2018/06 "
                                   "(the manifest's issue column wins)")
    p.add_argument("--manifest", help="元数据清单（.csv 或 .yaml；可逐份写明 期，一次导入整个档案）/ "
                                      "metadata manifest (.csv or .yaml; an issue column imports a whole archive at once)")
    p.add_argument("--section", help="栏目（清单未写时使用）/ section when the manifest does not say")
    p.set_defaults(run=_import)
    p = sub.add_parser("lock", parents=[common], help="记录已发布的网址及正文哈希 / record published URLs and text hashes",
                       description="显示将写入 gazette.lock.json 的新网址和已勘误的正文；加 --write 才写入 / "
                                   "show what gazette.lock.json would record; write it only with --write")
    p.add_argument("--write", action="store_true", help="写入锁定文件 / write the lock file")
    p.set_defaults(run=_lock)
    p = sub.add_parser("status", parents=[common], help="与锁定文件相比改动了什么（逐份、逐行）/ what changed against the lock, per document and line",
                       description="列出新增的网址、改动的文本（及改动的各行，取自 git 中的版本）和将消失的网址；"
                                   "有未加勘误的改动或消失的网址时退出码为 1 / list new URLs, changed texts (with the changed "
                                   "lines, from the version in git) and vanishing URLs; exit 1 when a change lacks a correction")
    p.add_argument("--base", metavar="GIT_REF", help="与该提交中的文件比较改动的行（默认 HEAD）/ compare lines with the files at GIT_REF (default HEAD)")
    p.set_defaults(run=_status)
    return parser


def _repository(start: Path) -> Path | None:
    """The folder holding gazette.yml, from ``start`` upwards: outside one, every command would see an
    empty archive and pass (check: "0 份文件，0 个错误") or scaffold into the wrong place. Any kind of
    file counts (a FIFO, a link): reading it is where such a file is refused, with its own message."""
    return next((folder for folder in (start, *start.parents) if os.path.lexists(folder / SETTINGS_FILE)), None)


def main(argv=None) -> int:
    return _run(_parser().parse_args(argv))


def console() -> int:
    """The installed ``gongbao`` command (and ``python -m gongbao``). A check leaves nothing to clean up, so its
    process ends without freeing its objects one by one: the unpickled per-file cache and the modules took
    0.07 s CPU of a check after one edit at 10,000 documents (as mypy ends). The other commands end as usual:
    a build's or a server's temporary folders and pools are cleaned up at exit."""
    args = _parser().parse_args()
    code = _run(args)
    if args.run is _check:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    return code


def _run(args) -> int:
    root = _repository(args.root)
    if root is None:
        print(f"错误：{args.root} 及其上级目录中都没有 {SETTINGS_FILE}，这里不是公报仓库 — "
              f"进入公报仓库（含 {SETTINGS_FILE} 的目录）再运行，或用 --root 指定它", file=sys.stderr)
        return 2
    args.root = root
    return args.run(args)
