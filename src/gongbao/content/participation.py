"""Public participation (the seed's (三), (十)–(十二)): drafts for comment (征求意见稿), the published
handling of the comments (意见采纳情况), and the yearly catalogue of major administrative decisions
(重大行政决策事项目录).

A draft is not a document: it has no 文号, is never in force and never listed with documents; it has a
permanent URL of its own (``draft/<id>/``), and its drafting explanation and feedback live under it
(``draft/<id>/explanation/``, ``draft/<id>/feedback/``): each a file of its own naming its draft, as an
interpretation names its document.
Whether a consultation is open is decided by the build date (gongbao.content.clock), never by a reader's clock.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from gongbao.identifiers.docnumber import DocId, DocRef
from gongbao.content.source import Source
from gongbao.identifiers.vocabulary import PUBLISHED_DISCLOSURES

EXPLANATION = "起草说明"  # a draft's drafting explanation: a file of its own (Explanation), required

# The five procedure stages of a major administrative decision (重大行政决策程序暂行条例), in order.
STAGES = ("公众参与", "专家论证", "合法性审查", "风险评估", "集体讨论决定")
STAGE_STATES = {"未开始": ("pending",), "进行中": ("ongoing",), "已完成": ("done",), "不适用": ("not_applicable",)}
# A draft's standing on a day: before, during or after its period.
UPCOMING, OPEN, CLOSED = "尚未开始", "正在征求意见", "意见征集已结束"


@dataclass
class Draft:
    """A 征求意见稿: its body is the draft text; its 起草说明 is a file of its own (Explanation)."""

    source: Source
    id: DocId
    title: str
    consulter: tuple[str, ...]      # 征求意见单位 (issuers listed in gazette.yml)
    opens: dt.date
    closes: dt.date
    disclosure: str
    email: str = ""                 # 电子邮箱, shown as a mailto: link
    postal: str = ""                # 通信地址
    form_url: str = ""              # an external https: form (no form is ever on this static site)
    basis: tuple[str, ...] = ()     # 决策依据: document numbers (linked when in the archive) or titles of laws
    decision: str = ""              # the id of its item in the decisions catalogue
    final: DocRef | None = None     # the document finally issued (正式印发), when the draft says so
    revises: DocId | None = None    # the earlier round of consultation this draft replaces
    language: str = "zh-Hans"
    corrections: tuple = ()         # 勘误 records (gongbao.content.model.Correction), as for documents
    unread: frozenset[str] = frozenset()  # keys whose value the loader did not take (model.Document.unread)
    versions: tuple = ()  # the texts 勘误 replaced (model.Document.versions)

    @property
    def ref(self) -> DocId:
        return self.id

    @property
    def published(self) -> dt.date:
        """A draft is published for comment on the day its consultation opens."""
        return self.opens

    @property
    def is_public(self) -> bool:
        return self.disclosure in PUBLISHED_DISCLOSURES

    def standing(self, today: dt.date) -> str:
        return UPCOMING if today < self.opens else OPEN if today <= self.closes else CLOSED


def is_explanation_heading(line: str) -> bool:
    """A heading named 起草说明 in a draft's body: the explanation written into the draft (it belongs in its own file)."""
    return line.startswith("#") and line.strip("#").strip() == EXPLANATION


class _OfDraft:
    """A text published with a draft (its 起草说明, its feedback): named by the draft's id, public as it says."""
    draft: DocId
    disclosure: str

    @property
    def ref(self) -> DocId:
        return self.draft

    @property
    def is_public(self) -> bool:
        return self.disclosure in PUBLISHED_DISCLOSURES


@dataclass
class Explanation(_OfDraft):
    """The 起草说明 of one draft (``explanations/``): its own page, text and locked hash, published with
    its draft on the day the consultation opens, and withheld with it."""

    source: Source
    draft: DocId
    title: str
    disclosure: str
    language: str = "zh-Hans"
    corrections: tuple = ()         # 勘误 records (gongbao.content.model.Correction)
    published: dt.date | None = None  # its draft's opening day, once paired (None: no such draft, an error)
    unread: frozenset[str] = frozenset()  # keys whose value the loader did not take (model.Document.unread)
    versions: tuple = ()  # the texts 勘误 replaced (model.Document.versions)


@dataclass
class Feedback(_OfDraft):
    """意见采纳情况 of one draft: counts by channel, what was adopted, and why the rest was not."""

    source: Source
    draft: DocId
    title: str
    published: dt.date
    comments: int                   # 收到意见（条）
    adopted: int                    # 采纳（条，含部分采纳）
    channels: tuple[tuple[str, int], ...]  # (渠道, 条数)
    disclosure: str
    language: str = "zh-Hans"
    corrections: tuple = ()         # 勘误 records (gongbao.content.model.Correction)
    unread: frozenset[str] = frozenset()  # keys whose value the loader did not take (model.Document.unread)
    versions: tuple = ()  # the texts 勘误 replaced (model.Document.versions)


@dataclass(frozen=True)
class DecisionItem:
    id: str                         # its number in the year's catalogue, e.g. 2018-01
    title: str
    responsible: str                # 承办单位
    planned: dt.date | None         # 计划完成时间
    stages: tuple[tuple[str, str], ...]  # (stage, state) for each of STAGES, in order
    draft: DocId | None = None
    final: DocRef | None = None
    line: int = 1


@dataclass
class DecisionYear:
    """One year's 重大行政决策事项目录 (``decisions/<year>.md``): its items, and a note as body."""

    source: Source
    year: int
    title: str
    published: dt.date
    items: tuple[DecisionItem, ...]
