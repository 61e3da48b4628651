"""The domain's closed vocabularies, with the English aliases editors may write instead."""
from __future__ import annotations

import difflib

TYPES = {"规章": ("rule",), "规范性文件": ("normative",), "其他文件": ("other",)}
MUST_BE_INTERPRETED = ("规章", "规范性文件")

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


def canonical(value: str, vocabulary: dict[str, tuple[str, ...]]) -> str | None:
    """The canonical word for ``value`` (itself, an English alias, or its Traditional form)."""
    from .script import to_simplified

    text = to_simplified(str(value).strip())
    for word, aliases in vocabulary.items():
        if text == word or text.lower() in aliases:
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
