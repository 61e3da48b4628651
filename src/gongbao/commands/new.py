"""``gongbao new issue|document|interpretation|draft|explanation|feedback``: files to fill in."""
from __future__ import annotations

import sys

from gongbao.commands.current import loaded
from gongbao.identifiers import chars
from gongbao.identifiers.docnumber import DocNumber, parse_reference
from gongbao.content.model import IssueKey
from gongbao.identifiers.vocabulary import KINDS, TYPES, canonical
from gongbao.tools import scaffold, scaffold_participation


def _new_issue(args):
    archive, _ = loaded(args.root)
    return [scaffold.issue(archive, IssueKey(args.year, args.number), args.total, args.published)]


def _word(value: str, vocabulary: dict, name: str) -> str:
    word = canonical(value, vocabulary)
    if word is None:
        raise scaffold.ScaffoldError(f"{name} {chars.quoted(value)} 无效，应为 {'|'.join(vocabulary)}")
    return word


def _parsed(parse, value: str):
    try:
        return parse(value)
    except ValueError as exc:
        raise scaffold.ScaffoldError(str(exc)) from None


def _new_document(args):
    archive, settings = loaded(args.root)
    doc_type = _word(args.type, TYPES, "文件类型")
    number = _parsed(DocNumber.parse, args.number)
    return scaffold.document(archive, settings, scaffold.parse_issue(args.issue), doc_type, number,
                             args.title, tuple(args.issuer or ()), root=args.root)


def _new_interpretation(args):
    archive, settings = loaded(args.root)
    kind = _word(args.kind, KINDS, "解读形式")
    ref = _parsed(parse_reference, args.of)
    if archive.document(ref) is None:
        print(f"[警告] 公报中还没有 {ref}：解读已生成，但在原文件加入公报之前检查会报错", file=sys.stderr)
    return [scaffold.interpretation(archive, settings, ref, kind, slug=args.slug)]


def _new_draft(args):
    archive, settings = loaded(args.root)
    return scaffold_participation.draft(archive, settings, args.id, args.title, args.consulter)


def _new_explanation(args):
    archive, _ = loaded(args.root)
    return [scaffold_participation.explanation(archive, args.draft)]


def _new_feedback(args):
    archive, _ = loaded(args.root)
    return [scaffold_participation.feedback(archive, args.draft)]


def run(args) -> int:
    try:
        written = scaffold.write(args.root, SCAFFOLDS[args.what](args))
    except scaffold.ScaffoldError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    for path in written:
        print(f"已创建 {path.relative_to(args.root).as_posix()}")
    print("把所有 TODO 换成实际内容，然后运行 gongbao check")
    return 0


SCAFFOLDS = {"issue": _new_issue, "document": _new_document, "interpretation": _new_interpretation, "draft": _new_draft,
             "explanation": _new_explanation, "feedback": _new_feedback}
