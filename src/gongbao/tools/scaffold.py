"""New content files with every required key filled or marked ``TODO：…``.

What the editor still has to supply is written as ``TODO：`` followed by what to write; the
``placeholder`` rule rejects such values, so a scaffold is never published unfilled. File names
follow the permanent URL code of the document number (``xzbf-2018-70.md``), so the folder reads
like the site; no URL is derived from them (interpretations get an explicit ``slug``).
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from gongbao.tools.agencies import issuers_of
from gongbao.identifiers import chars
from gongbao.identifiers.docnumber import DocId, DocNumber, DocRef
from gongbao.content import atomic, source
from gongbao.content.loader import GAZETTE_DIR, INTERPRETATIONS_DIR, ISSUE_FILE
from gongbao.content.model import Archive, Document, IssueKey
from gongbao.rules.aspects import COMPREHENSIVE
from gongbao.content.settings import FILENAME, Settings
from gongbao.identifiers.vocabulary import ASPECTS, DISCLOSURES, MUST_BE_INTERPRETED, STATUSES
from gongbao.content.yamlread import dump_mapping

TODO = "TODO"
KIND_CODES = {"文字解读": "wzjd", "问答": "wd", "图解": "tj", "专家解读": "zjjd", "媒体解读": "mtjd", "视频解读": "spjd"}
DEFAULT_SECTIONS = ("市政府规章", "市政府文件", "市政府办公室文件", "部门文件")
# What each aspect of a comprehensive interpretation should say (the seed's (四)).
ASPECT_GUIDE = {
    "背景依据": "出台的背景和法律、政策依据",
    "目标任务": "要达到的目标和主要任务、时间节点",
    "主要内容": "文件的结构和主要规定",
    "涉及范围": "适用于哪些地区、单位和人群",
    "执行标准": "执行的标准、条件和程序",
    "注意事项": "执行中需要注意的事项",
    "关键词诠释": "文件中关键词语的含义",
    "惠民利民举措": "给群众和企业带来的便利和实惠",
    "新旧政策差异": "与原有政策相比的变化",
}


class ScaffoldError(Exception):
    """The scaffold cannot be written; the message says how to proceed."""


@dataclass(frozen=True)
class NewFile:
    path: str  # relative to the repository, POSIX separators
    text: str


def todo(what: str) -> str:
    return f"{TODO}：{what}"


def file_stem(ref: DocRef, codes: dict[str, str]) -> str:
    """``xzbf-2018-70`` for 锡政办发〔2018〕70号, ``wxzfl-180`` for a 政府令, the id itself otherwise."""
    if isinstance(ref, DocId):
        return ref.value
    code = codes.get(ref.agency)
    if code is None:
        raise ScaffoldError(f"文号 {ref} 的机关代字{chars.quoted(ref.agency)}没有网址代码 — 先在 {FILENAME} 的 issuer_codes 下"
                            f"加入 {ref.agency}: 代码（小写字母，如 xzbf），代码一经发布不得更改")
    return f"{code}-{ref.year}-{ref.serial}" if ref.year else f"{code}-{ref.serial}"


def issue_folder(key: IssueKey) -> str:
    return f"{GAZETTE_DIR}/{key.year}/{key.number:02d}"


def parse_issue(text: str) -> IssueKey:
    """``2018/06`` (or ``2018-6``) → IssueKey(2018, 6)."""
    match = re.fullmatch(r"\s*(\d{4})\s*[/\-年]\s*(?:第)?(\d{1,2})\s*期?\s*", text)
    if not match:
        raise ScaffoldError(f"期{chars.quoted(text)}无法识别 — 写成 年份/期号，如 2018/06")
    return IssueKey(int(match[1]), int(match[2]))


def issue(archive: Archive, key: IssueKey, total: int | None = None, published: str | None = None) -> NewFile:
    """An issue's index.md. Sections and total number follow the latest earlier issue when there is one."""
    if archive.issue(key):
        raise ScaffoldError(f"{key} 已存在（{archive.issue(key).source.path}）— 直接编辑该文件")
    earlier = max((i for i in archive.issues if i.key < key), key=lambda i: i.key, default=None)
    later = any(i.key > key for i in archive.issues)
    if total is None and earlier and not later:
        total = earlier.total_number + 1
    sections = earlier.sections if earlier else DEFAULT_SECTIONS
    meta = {
        "year": key.year,
        "number": key.number,
        "total_number": total if total is not None else todo("总期号（整数：本期是创刊以来的第几期）"),
        "published": published or todo("本期出版日期（年-月-日）"),
        "sections": list(sections),
    }
    return NewFile(f"{issue_folder(key)}/{ISSUE_FILE}", front_matter(meta) + todo("本期编者按（可选；不需要就删去这一行）") + "\n")


def document(archive: Archive, settings: Settings, key: IssueKey, doc_type: str, number: DocNumber,
             title: str | None = None, issuers: tuple[str, ...] = (), root: Path | None = None) -> list[NewFile]:
    """A document in its issue's folder and, for 规章 and 规范性文件, its interpretation skeleton.

    The issue may be one ``new issue`` has just written, its TODOs not yet filled (so not loaded)."""
    target = archive.issue(key)
    sections = target.sections if target else _unfinished_sections(root, key)
    example = f"如 {target.published}" if target else "不晚于本期出版日期"
    existing = archive.document(number)
    if existing:
        raise ScaffoldError(f"文号 {number} 已由 {existing.source.path} 使用 — 编辑该文件，或核对文号")
    stem = file_stem(number, settings.issuer_codes)
    known = "、".join(settings.issuers) or f"先在 {FILENAME} 的 issuers 中登记"
    inferred = not issuers and issuers_of(number, archive.documents, settings.issuers)
    issuers = issuers or inferred
    meta = {
        "title": title or todo("文件完整标题，如 关于……的通知"),
        "doc_number": str(number),
        "issuer": list(issuers) if len(issuers) > 1 else (issuers[0] if issuers else todo("制发机关")),
        "type": doc_type,
        "written": todo("成文日期"),
        "published": todo("发布日期"),
        "status": todo("文件状态"),
        "disclosure": todo("公开属性"),
        "section": todo("栏目"),
    }
    # TODO values name no allowed word (a did-you-mean would pick one); the choices go in comments.
    comments = {
        "issuer": f"据机关代字 {number.agency} 推定，请核对" if inferred else f"gazette.yml 的 issuers 之一：{known}",
        "written": "年-月-日，如 2018-06-05", "published": f"年-月-日，{example}",
        "status": "|".join(STATUSES), "disclosure": "|".join(DISCLOSURES) + "；后两种须填 disclosure_reason，且不会发布",
        "section": f"本期栏目之一：{'|'.join(sections)}",
    }
    files = [NewFile(f"{issue_folder(key)}/{stem}.md", front_matter(meta, comments) + todo("粘贴文件正文；一、（一）1. 等标题写成普通行即可") + "\n")]
    if doc_type in MUST_BE_INTERPRETED:
        files.append(interpretation(archive, settings, number, "文字解读", doc_title=title, stem=stem))
    return files


def _unfinished_sections(root: Path | None, key: IssueKey) -> tuple[str, ...]:
    """The sections of an issue whose index.md exists but does not load yet (its published is still
    TODO, say); refuses when there is no such file."""
    path = root / issue_folder(key) / ISSUE_FILE if root else None
    if path is None or not path.is_file():
        raise ScaffoldError(f"{key} 还不存在 — 先运行 gongbao new issue --year {key.year} --number {key.number}")
    parsed = source.parse(path.name, path.read_bytes())
    sections = parsed.source.meta.get("sections") if parsed.source else None
    if not (isinstance(sections, list) and sections and all(isinstance(x, str) for x in sections)):
        sections = DEFAULT_SECTIONS
    return tuple(sections)


def interpretation(archive: Archive, settings: Settings, ref: DocRef, kind: str, *, slug: str | None = None,
                   doc_title: str | None = None, stem: str | None = None) -> NewFile:
    """An interpretation of ``ref``; comprehensive kinds get the nine aspect headings."""
    doc: Document | None = archive.document(ref)
    stem = stem or file_stem(ref, settings.issuer_codes)
    slug = slug or f"{stem}-{KIND_CODES[kind]}"
    try:
        DocId.parse(slug)
    except ValueError:
        raise ScaffoldError(f"slug {chars.quoted(slug)} 无效 — 只能用小写英文字母、数字和连字符") from None
    taken = next((i for i in archive.interpretations if i.interprets == ref and i.slug == slug), None)
    if taken:
        raise ScaffoldError(f"{ref} 已有网址名为 {slug} 的解读（{taken.source.path}）— 用 --slug 另取一个网址名")
    doc_title = doc_title or (doc.title if doc else None)
    meta = {
        "title": f"《{doc_title}》{kind}" if doc_title else todo(f"解读标题，如 《……》{kind}"),
        "interprets": str(ref),
        "published": todo("解读发布日期"),
        "kind": kind,
        "author": todo("解读机关或解读人"),
        "slug": slug,
    }
    numerals = "一二三四五六七八九"
    if kind in COMPREHENSIVE:
        body = "\n".join(f"## {numerals[n]}、{aspect}\n\n{todo(ASPECT_GUIDE[aspect])}\n" for n, aspect in enumerate(ASPECTS))
    elif kind == "问答":  # questions under the nine aspects: one kind changed to 文字解读 later still passes
        body = "\n".join(f"## {numerals[n]}、{aspect}\n\n问：{todo(ASPECT_GUIDE[aspect] + '方面的问题')}\n\n答：{todo('回答')}\n"
                          for n, aspect in enumerate(ASPECTS))
    else:
        body = todo(f"{kind}的内容") + "\n"
    comments = {"published": "年-月-日，不晚于文件的发布日期（同步发布）", "kind": "|".join(KIND_CODES)}
    return NewFile(f"{INTERPRETATIONS_DIR}/{slug}.md", front_matter(meta, comments) + body)


def write(root: Path, files: list[NewFile]) -> list[Path]:
    """Write all files or none: an existing file is never overwritten, nor a link in its place followed (one leading
    nowhere, as a pull request can commit, is not "no file": the scaffold would be written where it leads)."""
    existing = [f.path for f in files if os.path.lexists(root / f.path)]
    if existing:
        raise ScaffoldError(f"文件已存在，未作任何修改：{'、'.join(existing)} — 直接编辑已有文件；"
                            "确需重新生成，请先自行删除或改名")
    inside = root.resolve()
    linked = [f.path for f in files if not (root / f.path).parent.resolve().is_relative_to(inside)]
    if linked:  # a folder on the way is a link out of the repository: the file would be written there
        raise ScaffoldError(f"文件所在的文件夹经符号链接指向仓库之外，未作任何修改：{'、'.join(linked)} — "
                            "删去链接，改用仓库中真实的文件夹")
    written = []
    for f in files:
        path = root / f.path
        path.parent.mkdir(parents=True, exist_ok=True)
        with atomic.unfollowed(path, os.O_EXCL) as out:  # created, never opened: nothing planted since the look above
            out.write(f.text)
        written.append(path)
    return written


def front_matter(meta: dict, comments: dict[str, str] | None = None) -> str:
    """YAML front matter in the given key order, with an optional comment after a one-line value."""
    comments = comments or {}
    out = []
    for key, entry in zip(meta, dump_mapping(meta)):
        if key in comments and entry.count("\n") == 1:
            entry = f"{entry[:-1]}  # {comments[key]}\n"
        out.append(entry)
    return "---\n" + "".join(out) + "---\n"
