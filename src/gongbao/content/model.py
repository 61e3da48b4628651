"""The loaded content: gazette issues, the documents they publish, and interpretations."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from gongbao.content.diagnostics import Diagnostic
from gongbao.identifiers.docnumber import DocId, DocNumber, DocRef
from gongbao.content.participation import DecisionYear, Draft, Explanation, Feedback
from gongbao.content.source import Source
from gongbao.identifiers.vocabulary import PUBLISHED_DISCLOSURES


@dataclass(frozen=True, order=True)
class IssueKey:
    year: int
    number: int

    def __str__(self) -> str:
        return f"{self.year}年第{self.number}期"


@dataclass
class Issue:
    source: Source
    key: IssueKey
    total_number: int
    published: dt.date
    sections: tuple[str, ...]
    note: str = ""

    @property
    def label(self) -> str:
        return f"{self.key}（总第{self.total_number}期）"


@dataclass(frozen=True)
class Correction:
    """A 勘误: a published text is never changed silently, but with a dated, public record."""

    date: dt.date
    change: str   # what changed: 第三条“十五日”更正为“十日”
    reason: str   # why: 排版错误


@dataclass(frozen=True)
class Version:
    """A text a page published before a 勘误 replaced it (gongbao.content.versions): its canonical text, kept in the
    repository and proved by the hash the lock recorded of it (``sha256``), and how many 勘误 the page had then."""

    corrections: int
    sha256: str
    text: str


@dataclass(frozen=True)
class Attachment:
    """A file published with its page (附件, a 图解's image), read and checked by gongbao.content.attachments."""

    name: str       # the file name, the last part of its URL: <page URL>files/<name>
    title: str      # what readers see: the link text, an image's alt text
    source: str     # the file in the repository, POSIX path
    suffix: str     # .pdf, .png … (gongbao.identifiers.filetypes.TYPES)
    size: int       # bytes
    sha256: str
    public: bool = True  # False: an attachment of a 部分公开 document that is withheld (never published)


@dataclass(frozen=True)
class Withdrawal:
    """A published URL whose document was lawfully withdrawn (撤回): the URL shows this notice."""

    url: str
    title: str
    date: dt.date
    reason: str
    line: int = 1  # in withdrawn.yml
    # a withdrawn document's number and first publication day as its lock entry records them (ref, first_published:
    # its file is gone), given by gongbao.content.lock.number_withdrawals: the number still leads to this notice
    # (redirects.withdrawn_numbers). None at an interpretation's or a draft's URL, one published without a number
    number: DocNumber | None = None
    published: dt.date | None = None


@dataclass
class Document:
    source: Source
    title: str
    number: DocNumber | None
    id: DocId | None
    issuers: tuple[str, ...]
    type: str
    written: dt.date
    published: dt.date
    status: str
    disclosure: str
    section: str
    issue: IssueKey
    effective: dt.date | None = None
    expires: dt.date | None = None
    disclosure_reason: str = ""
    topics: tuple[str, ...] = ()
    index_number: str = ""
    editor: str = ""
    language: str = "zh-Hans"
    based_on: tuple[DocRef, ...] = ()
    amends: tuple[DocRef, ...] = ()
    repeals: tuple[DocRef, ...] = ()
    corrections: tuple[Correction, ...] = ()
    previous_urls: tuple[str, ...] = ()  # URLs it had before its number or id changed: they redirect
    attachments: tuple[Attachment, ...] = ()  # 附件, in the order of the front matter
    draft: DocId | None = None  # the 征求意见稿 it was consulted on (gongbao.content.participation)
    # what made it 已修订, 已废止 or 已失效 when no document of this gazette and no date of its own says so
    # (苏政发〔2020〕12号): rules/relations.py
    status_basis: str = ""
    # the front-matter keys (named in English) whose value the loader told an error of and did not take (it is None or
    # empty here): rules/lock.py does not tell them changed from the locked record too
    unread: frozenset[str] = frozenset()
    # the files beside the page, by name, that the error of a listed file missing takes for it renamed (附件1（定稿）.pdf on
    # disk for the listed 附件1.pdf; the published b.pdf for b1.pdf listed in its place): rules/lock.py does not tell a
    # published one the list no longer names deleted too
    renamed: frozenset[str] = frozenset()
    # the texts its page published before 勘误 replaced them, oldest first, each proved by the lock's hash
    # (gongbao.content.versions, given by the check: the loader knows no lock)
    versions: tuple[Version, ...] = ()

    @property
    def ref(self) -> DocRef:
        return self.number if self.number is not None else self.id

    @property
    def is_public(self) -> bool:
        return self.disclosure in PUBLISHED_DISCLOSURES

    @property
    def label(self) -> str:
        """How the document is named in lists: its number, else its title."""
        return str(self.number) if self.number else self.title


@dataclass
class Interpretation:
    source: Source
    title: str
    interprets: DocRef
    published: dt.date
    kind: str
    slug: str
    author: str = ""
    language: str = "zh-Hans"
    corrections: tuple[Correction, ...] = ()
    previous_urls: tuple[str, ...] = ()
    attachments: tuple[Attachment, ...] = ()  # its images (front-matter key images)
    # the front-matter keys (named in English) whose value the loader told an error of and did not take (it is None or
    # empty here): rules/lock.py does not tell them changed from the locked record too
    unread: frozenset[str] = frozenset()
    # the files beside the page, by name, that the error of a listed file missing takes for it renamed (附件1（定稿）.pdf on
    # disk for the listed 附件1.pdf; the published b.pdf for b1.pdf listed in its place): rules/lock.py does not tell a
    # published one the list no longer names deleted too
    renamed: frozenset[str] = frozenset()
    # the texts its page published before 勘误 replaced them, oldest first, each proved by the lock's hash
    # (gongbao.content.versions, given by the check: the loader knows no lock)
    versions: tuple[Version, ...] = ()


def published_attachments(item: "Document | Interpretation") -> tuple[Attachment, ...]:
    """What a public page publishes of its attachments: a withheld one of a 部分公开 document never."""
    return tuple(a for a in item.attachments if a.public)


@dataclass(frozen=True)
class Unmade:
    """An issue or interpretation whose file has errors, so no page: the end of the URL it would have (an issue's folder,
    an interpretation's slug) and, an interpretation's, the document it names. Its locked URL is not gone, nor is
    that document without its interpretation: its own errors say why (Archive.unloaded)."""
    url_end: str
    interprets: DocRef | None = None
    named: str = ""  # what an interpretation's interprets holds when it is no number or id (the document's title)


@dataclass(frozen=True)
class Changed:
    """A document that a document with errors amends or repeals (Archive.unloaded): its 已修订 or 已废止 has a basis,
    unread until that document's errors are fixed."""
    ref: DocRef


@dataclass(frozen=True)
class Unnumbered:
    """A document whose number is missing or cannot be read (``told``: that error), by the title and issue (2018年第6期)
    that find the number a lock published it under: that number then stands for it in Archive.unloaded, as a number
    read would, and ``told`` names it (gongbao.content.lock.published_numbers). Its URL is made of its number, so
    without this its locked page and interpretations were told gone (恢复该文件) beside its own error."""
    told: Diagnostic | None  # None: the file's front matter cannot be read, its error told (its number's line is)
    title: str
    issue: str
    written: str = ""  # the number as written, if any


@dataclass(frozen=True)
class Uncounted:
    """An issue whose 总期号 is missing or not a whole number (``told``: that error), by its year and number (its
    folder's when its own are unreadable): the lock's record of it, or the issues around it, give the number to write
    (gongbao.content.lock.published_numbers), not an example an editor might copy."""
    told: Diagnostic
    key: IssueKey


@dataclass
class Archive:
    issues: list[Issue] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    interpretations: list[Interpretation] = field(default_factory=list)
    withdrawn: list[Withdrawal] = field(default_factory=list)  # public records by nature
    unloaded: set[DocRef | Unmade | Changed | Unnumbered | Uncounted] = field(default_factory=set)  # what files with errors stand for
    drafts: list[Draft] = field(default_factory=list)  # public participation (gongbao.content.participation)
    feedback: list[Feedback] = field(default_factory=list)
    explanations: list[Explanation] = field(default_factory=list)  # 起草说明, one per draft
    decisions: list[DecisionYear] = field(default_factory=list)  # public records by nature
    public_only: bool = field(default=False, repr=False, compare=False)  # made by public(): its public() is itself

    # The archive is built once by the loader and then only read: indexes are cached.
    def document(self, ref: DocRef) -> Document | None:
        return self._by_ref.get(ref)

    @cached_property
    def _by_ref(self) -> dict[DocRef, Document]:
        return _first_by(self.documents, lambda d: d.ref)

    @cached_property
    def _interpretations(self) -> dict[DocRef, list[Interpretation]]:
        index = defaultdict(list)
        for item in sorted(self.interpretations, key=lambda i: (i.published, i.slug)):
            index[item.interprets].append(item)
        return index

    def interpretations_of(self, doc: Document) -> list[Interpretation]:
        return self._interpretations.get(doc.ref, [])

    def documents_in(self, key: IssueKey) -> list[Document]:
        """The documents an issue publishes, in the archive's order."""
        return self._in_issue.get(key, [])

    @cached_property
    def _in_issue(self) -> dict[IssueKey, list[Document]]:
        index = defaultdict(list)
        for doc in self.documents:
            index[doc.issue].append(doc)
        return index

    def issue(self, key: IssueKey) -> Issue | None:
        return self._issues.get(key)

    @cached_property
    def _issues(self) -> dict[IssueKey, Issue]:
        return _first_by(self.issues, lambda i: i.key)

    def public(self) -> "Archive":
        """Only what may be published: documents 主动公开/部分公开 and their interpretations; drafts
        主动公开/部分公开 and their 起草说明 and feedback, when those are too."""
        if self.public_only:  # the rules and the lock ask for it again: at 10,000 documents a tenth of a second each
            return self
        documents = [d for d in self.documents if d.is_public]
        refs = {d.ref for d in documents}
        drafts = [d for d in self.drafts if d.is_public]
        ids = {d.id for d in drafts}
        return Archive(list(self.issues), documents, [i for i in self.interpretations if i.interprets in refs],
                       list(self.withdrawn), drafts=drafts,
                       feedback=[f for f in self.feedback if f.is_public and f.draft in ids],
                       explanations=[e for e in self.explanations if e.is_public and e.draft in ids],
                       decisions=list(self.decisions), public_only=True)

    def draft(self, ref: DocId) -> Draft | None:
        return self._drafts.get(ref)

    @cached_property
    def _drafts(self) -> dict[DocId, Draft]:
        return _first_by(self.drafts, lambda d: d.id)

    def feedback_of(self, draft: Draft) -> Feedback | None:
        return self._feedback.get(draft.id)

    @cached_property
    def _feedback(self) -> dict[DocId, Feedback]:
        return _first_by(self.feedback, lambda f: f.draft)

    def explanation_of(self, draft: Draft) -> Explanation | None:
        return self._explanations.get(draft.id)

    @cached_property
    def _explanations(self) -> dict[DocId, Explanation]:
        return _first_by(self.explanations, lambda e: e.draft)


def _first_by(items, key) -> dict:
    """Index by ``key``; the first item wins (duplicates are reported by their own rule)."""
    index: dict = {}
    for item in items:
        index.setdefault(key(item), item)
    return index
