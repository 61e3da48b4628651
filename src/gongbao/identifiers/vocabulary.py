"""The domain's closed vocabularies, with the English aliases editors may write instead."""
from __future__ import annotations

import difflib

from gongbao.identifiers.script import to_simplified

TYPES = {"规章": ("rule",), "规范性文件": ("normative",), "其他文件": ("other",)}
MUST_BE_INTERPRETED = ("规章", "规范性文件")
MUST_BE_PUBLISHED = MUST_BE_INTERPRETED  # the same two: normative documents bind the public, who must see them

STATUSES = {
    "尚未施行": ("not_yet_in_force",),
    "执行中": ("in_force",),
    "已修订": ("amended",),
    "已废止": ("repealed",),
    "已失效": ("expired",),
}

DISCLOSURES = {
    "主动公开": ("proactive", "public"),
    "部分公开": ("partial",),
    "依申请公开": ("on_request",),
    "不予公开": ("withheld", "not_disclosed"),
}
PUBLISHED_DISCLOSURES = ("主动公开", "部分公开")
# What may be withheld under the 政府信息公开条例 (2019 revision). The editor states the actual reason
# of this document: a hint with one reason to paste would be pasted whatever the truth.
WITHHOLDING_GROUNDS = (
    "第十四条：国家秘密，法律、行政法规禁止公开的，公开后可能危及国家安全、公共安全、经济安全、社会稳定的",
    "第十五条：商业秘密、个人隐私等公开会损害第三方合法权益的（第三方同意公开或不公开会对公共利益造成重大影响的除外）",
    "第十六条：内部事务信息（人事管理、后勤管理、内部工作流程等），过程性信息（讨论记录、过程稿、磋商信函、请示报告等）"
    "和行政执法案卷信息",
)

KINDS = {
    "文字解读": ("text",),
    "问答": ("qa",),
    "图解": ("graphic",),
    "专家解读": ("expert",),
    "媒体解读": ("media",),
    "视频解读": ("video",),
}

ASPECTS = ("背景依据", "目标任务", "主要内容", "涉及范围", "执行标准", "注意事项", "关键词诠释", "惠民利民举措", "新旧政策差异")

LANGUAGES = ("zh-Hans", "zh-Hant")
# The 附注 that ends a proactively published document (主动公开), printed in the document's script (its ``language``)
PUBLISHED_NOTE = "（此件公开发布）"


def reason_hint(disclosure: str | None) -> str:
    """How to write the disclosure_reason a document not 主动公开 must give."""
    if disclosure == "依申请公开":
        return ("加入 disclosure_reason: 写明本件不主动公开的实际理由（条例第十九条、第二十条：涉及公众利益调整、"
                "需要公众广泛知晓或参与决策的，应当主动公开）")
    return ("加入 disclosure_reason: 写明本件不公开的实际内容和理由，并注明依据的《政府信息公开条例》条款——"
            + "；".join(WITHHOLDING_GROUNDS))


def canonical(value: str, vocabulary: dict[str, tuple[str, ...]]) -> str | None:
    """The canonical word for ``value`` (itself, an English alias, or its Traditional form)."""
    text = to_simplified(str(value).strip())
    lower = text.lower()  # once, not once a word
    for word, aliases in vocabulary.items():
        if text == word or lower in aliases:
            return word
    return None


def suggest(value: str, choices) -> str | None:
    """The closest choice, for a did-you-mean hint."""
    text = str(value).strip()
    choices = list(choices)
    containing = [c for c in choices if text and (text in c or c in text)]
    if containing:
        return containing[0]
    close = difflib.get_close_matches(text, choices, n=1, cutoff=0.5)
    return close[0] if close else None
