"""The editor's command line: ``gongbao new|check|build|serve|import|lock|status``.

The arguments of every subcommand are here; what each does is in its own module of gongbao.commands, a thin
wrapper over the domain package. Messages for editors are Chinese, help texts bilingual. Exit codes: 0 success,
1 content errors (or a failed build), 2 bad usage.
"""
from __future__ import annotations

import argparse
import importlib
import os
import sys
from pathlib import Path

from gongbao.content.settings import FILENAME as SETTINGS_FILE
from gongbao.identifiers.vocabulary import KINDS, TYPES

# Each command's module (gongbao.commands), imported when that command runs: a check imports no build, server or
# importer (0.04–0.05 s CPU of every check). tests/test_layers.py reads this table as this module's imports.
COMMANDS = {
    "new": "gongbao.commands.new",
    "check": "gongbao.commands.check",
    "build": "gongbao.commands.build",
    "serve": "gongbao.commands.preview",
    "import": "gongbao.commands.legacy",
    "lock": "gongbao.commands.lock",
    "status": "gongbao.commands.status",
}


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--root", type=Path, default=None,
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
    p = kinds.add_parser("document", parents=[common], help="新建文件及其解读模板 / new document with its interpretation skeleton",
                         description="在该期文件夹中新建文件；规章、规范性文件同时生成含九个方面标题的解读模板 / "
                                     "create a document in the issue folder, plus the nine-aspect interpretation skeleton")
    p.add_argument("--issue", required=True, help="所属的期，如 2018/06 / the issue, e.g. 2018/06")
    p.add_argument("--type", required=True, help=f"文件类型 / document type: {'|'.join(TYPES)}")
    p.add_argument("--number", required=True, help="文号 / document number, e.g. 锡政办发〔2018〕70号")
    p.add_argument("--title", help="标题 / full title")
    p.add_argument("--issuer", action="append", help="制发机关（联合发文可重复）/ issuing authority (repeat for joint issuance)")
    p = kinds.add_parser("interpretation", parents=[common], help="新建一篇解读 / new interpretation",
                         description="在 interpretations/ 中新建一篇解读 / create an interpretation in interpretations/")
    p.add_argument("--of", required=True, help="所解读文件的文号或 id / number or id of the document interpreted")
    p.add_argument("--kind", default="文字解读", help=f"解读形式 / kind: {'|'.join(KINDS)}（默认 文字解读）")
    p.add_argument("--slug", help="网址名（默认 文号代码-形式代码，如 xzbf-2018-68-wd）/ last part of its URL")
    p = kinds.add_parser("draft", parents=[common], help="新建一份征求意见稿 / new draft for public comment",
                         description="在 drafts/ 中新建征求意见稿，在 explanations/ 中新建其起草说明 / "
                                     "create a draft in drafts/ and its 起草说明 in explanations/")
    p.add_argument("--id", required=True, help="id，即网址 draft/<id>/ / id, the last part of its URL, e.g. 2026-zwgk-banfa")
    p.add_argument("--title", help="标题 / title")
    p.add_argument("--consulter", help="征求意见单位 / consulting body")
    p = kinds.add_parser("explanation", parents=[common], help="新建起草说明 / new 起草说明 of a draft",
                         description="在 explanations/ 中新建某份征求意见稿的起草说明 / create the 起草说明 of a draft in explanations/")
    p.add_argument("--draft", required=True, help="征求意见稿的 id / id of the draft")
    p = kinds.add_parser("feedback", parents=[common], help="新建意见采纳情况 / new feedback on a closed consultation",
                         description="在 feedback/ 中新建某份征求意见稿的意见采纳情况 / create the feedback of a draft in feedback/")
    p.add_argument("--draft", required=True, help="征求意见稿的 id / id of the draft")

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
    p.add_argument("--locked", action="store_true",
                   help="锁定文件未记录将要发布的内容（新网址、勘误、撤回、转址）即为错误（CI 发布前用）/ "
                        "also an error: anything to be published the lock does not record yet (CI, before publishing)")
    p = sub.add_parser("build", parents=[common], help="检查并生成网站（含搜索索引）到 site/ / check and build the site into site/")
    p = sub.add_parser("serve", parents=[common], help="生成网站并在本机预览，内容修改后自动重新生成 / build, serve locally, rebuild on change")
    p.add_argument("--port", type=int, default=8000, help="端口（默认 8000）/ port (default 8000)")
    p = sub.add_parser("import", parents=[common], help="导入旧公报文件 / import legacy documents",
                       description="把旧网页文本或 Markdown/文本文件（可附 CSV/YAML 清单）导入某期公报 / "
                                   "turn legacy pages or text files (with an optional CSV/YAML manifest) into gazette content")
    p.add_argument("source", metavar="SRC_DIR", help="旧文件所在目录 / folder of legacy files")
    p.add_argument("--issue", help="导入到哪一期，如 2018/06（清单的 期 列优先）/ target issue, e.g. 2018/06 "
                                   "(the manifest's issue column wins)")
    p.add_argument("--manifest", help="元数据清单（.csv 或 .yaml；可逐份写明 期，一次导入整个档案）/ "
                                      "metadata manifest (.csv or .yaml; an issue column imports a whole archive at once)")
    p.add_argument("--section", help="栏目（清单未写时使用）/ section when the manifest does not say")
    p = sub.add_parser("lock", parents=[common], help="记录已发布的网址及正文哈希 / record published URLs and text hashes",
                       description="显示将写入 gazette.lock.json 的新网址和已勘误的正文；加 --write 才写入 / "
                                   "show what gazette.lock.json would record; write it only with --write")
    p.add_argument("--write", action="store_true", help="写入锁定文件 / write the lock file")
    p.add_argument("--site", action="store_true",
                   help="记下 gazette.yml 中改过的网站名称和地址（迁址：旧地址须已转到新地址）/ record a changed site.name "
                        "and site.url (a move: the old address must redirect to the new one)")
    p = sub.add_parser("status", parents=[common], help="与锁定文件相比改动了什么（逐份、逐行）/ what changed against the lock, per document and line",
                       description="列出新增的网址、改动的文本（及改动的各行，取自 git 中的版本）和将消失的网址；"
                                   "有未加勘误的改动或消失的网址时退出码为 1 / list new URLs, changed texts (with the changed "
                                   "lines, from the version in git) and vanishing URLs; exit 1 when a change lacks a correction")
    p.add_argument("--base", metavar="GIT_REF", help="与该提交中的文件比较改动的行（默认 HEAD）/ compare lines with the files at GIT_REF (default HEAD)")
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
    try:
        code = _run(args)
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:  # the reader went away (`gongbao check | head`): nothing more to say, and no traceback
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # else Python's own flush at exit fails again
        code = 1
    if args.command == "check":
        os._exit(code)
    return code


def _run(args) -> int:
    try:  # made absolute here, not by argparse: a current folder deleted under the shell has no path (getcwd fails)
        args.root = (args.root or Path(".")).resolve()
    except OSError:
        print("错误：当前目录已不存在（已被删除或移走）— 进入公报仓库再运行，或用 --root 写出它的完整路径",
              file=sys.stderr)
        return 2
    except RuntimeError:  # Python 3.11's resolve() of a symbolic link that leads back to itself
        print(f"错误：{args.root} 是循环的符号链接，指不到任何目录 — 用 --root 写出公报仓库的实际路径", file=sys.stderr)
        return 2
    root = _repository(args.root)
    if root is None:
        print(f"错误：{args.root} 及其上级目录中都没有 {SETTINGS_FILE}，这里不是公报仓库 — "
              f"进入公报仓库（含 {SETTINGS_FILE} 的目录）再运行，或用 --root 指定它", file=sys.stderr)
        return 2
    args.root = root
    return importlib.import_module(COMMANDS[args.command]).run(args)
