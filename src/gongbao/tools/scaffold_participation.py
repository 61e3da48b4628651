"""``gongbao new draft``, ``gongbao new explanation`` and ``gongbao new feedback``: a 征求意见稿 with its
起草说明 (a file of its own), the 起草说明 of a draft that lacks one, and the 意见采纳情况 of a draft,
every value the editor must supply marked ``TODO：…`` (gongbao.tools.scaffold)."""
from __future__ import annotations

from gongbao.identifiers.docnumber import DocId
from gongbao.content.model import Archive
from gongbao.content.participation import EXPLANATION, Draft
from gongbao.content.participation_loader import DRAFTS_DIR, EXPLANATIONS_DIR, FEEDBACK_DIR
from gongbao.rules.feedback import NOT_ADOPTED
from gongbao.tools.scaffold import NewFile, ScaffoldError, front_matter, todo
from gongbao.content.settings import Settings
from gongbao.identifiers.vocabulary import DISCLOSURES


def _id(text: str) -> DocId:
    try:
        return DocId.parse(text)
    except ValueError as exc:
        raise ScaffoldError(str(exc)) from None


def draft(archive: Archive, settings: Settings, draft_id: str, title: str | None = None,
          consulter: str | None = None) -> list[NewFile]:
    ref = _id(draft_id)
    taken = archive.draft(ref)
    if taken:
        raise ScaffoldError(f"id {ref} 已由 {taken.source.path} 使用 — 编辑该文件，或另取一个 id")
    known = "、".join(settings.issuers) or "先在 gazette.yml 的 issuers 中登记"
    meta = {
        "title": title or todo("标题，如 无锡市……办法（征求意见稿）"),
        "id": str(ref),
        "consulter": consulter or todo("征求意见单位"),
        "opens": todo("征求意见开始日期"),
        "closes": todo("征求意见截止日期"),
        "email": todo("接收意见的电子邮箱"),
        "postal": todo("通信地址和邮编；不用信函的，删去这一行"),
        "basis": [todo("决策依据：文号或法律法规名称")],
        "disclosure": "主动公开",
    }
    comments = {"consulter": f"gazette.yml 的 issuers 之一：{known}", "opens": "年-月-日", "closes": "年-月-日，不早于 opens",
                "email": "另可加 form_url: https://…（外部征集系统）", "disclosure": "|".join(DISCLOSURES)}
    body = f"{todo('征求意见稿全文；第一条、一、（一）等写成普通行即可')}\n"
    return [NewFile(f"{DRAFTS_DIR}/{ref}.md", front_matter(meta, comments) + body), _explanation_file(ref, title)]


def explanation(archive: Archive, draft_id: str) -> NewFile:
    ref, target = _draft_without(archive, draft_id, EXPLANATION, archive.explanation_of)
    return _explanation_file(ref, target.title)


def _draft_without(archive: Archive, draft_id: str, what: str, of) -> tuple[DocId, Draft]:
    """The draft a new 起草说明 or feedback is for; an error when there is none, or it has its ``what`` already."""
    ref = _id(draft_id)
    target = archive.draft(ref)
    if target is None:
        raise ScaffoldError(f"找不到 id 为 {ref} 的征求意见稿 — 先运行 gongbao new draft --id {ref}")
    taken = of(target)
    if taken:
        raise ScaffoldError(f"{ref} 已有{what}（{taken.source.path}）— 编辑该文件")
    return ref, target


def _explanation_file(ref: DocId, draft_title: str | None) -> NewFile:
    meta = {
        "title": f"关于《{draft_title}》的{EXPLANATION}" if draft_title else todo(f"标题，如 关于《……（征求意见稿）》的{EXPLANATION}"),
        "draft": str(ref),
        "disclosure": "主动公开",
    }
    body = f"{todo('起草背景、依据、主要内容和需要说明的问题')}\n"
    return NewFile(f"{EXPLANATIONS_DIR}/{ref}.md", front_matter(meta, {"disclosure": "|".join(DISCLOSURES)}) + body)


def feedback(archive: Archive, draft_id: str) -> NewFile:
    ref, target = _draft_without(archive, draft_id, "意见采纳情况", archive.feedback_of)
    meta = {
        "title": f"关于《{target.title}》意见采纳情况的说明",
        "draft": str(ref),
        "published": todo("发布日期"),
        "comments": todo("收到意见条数"),
        "adopted": todo("采纳（含部分采纳）条数"),
        "channels": todo("各渠道条数，如 {电子邮件: 20, 信函: 3}"),
        "disclosure": "主动公开",
    }
    comments = {"published": f"年-月-日，晚于征求意见截止日期 {target.closes}", "disclosure": "|".join(DISCLOSURES)}
    body = (f"## 一、采纳的意见\n\n{todo('采纳了哪些意见，文本作了哪些修改')}\n\n"
            f"## 二、{NOT_ADOPTED}的意见及理由\n\n{todo('未采纳的意见，特别是意见较多的，逐类说明理由')}\n")
    return NewFile(f"{FEEDBACK_DIR}/{ref}-yjcn.md", front_matter(meta, comments) + body)
