"""Permanent URLs, derived from identifiers only (never from titles, file names or folders).

=====================================  ==========================================
page                                   URL (relative to the site root)
=====================================  ==========================================
document 锡政办发〔2018〕68号             ``doc/xzbf/2018/68/``  (code from gazette.yml)
document 无锡市人民政府令第180号          ``doc/wxzfl/180/``
document with ``id: wx-notice-12``       ``doc/id/wx-notice-12/``
its interpretation ``slug: wzjd``        ``doc/xzbf/2018/68/jiedu/wzjd/``
a file it publishes (附件, image)        ``doc/xzbf/2018/68/files/附件1.pdf``  (the file's own name)
gazette issue 2018年第6期               ``gazette/2018/06/``
征求意见稿 ``id: 2026-zwgk-banfa``        ``draft/2026-zwgk-banfa/``
its 起草说明                              ``draft/2026-zwgk-banfa/explanation/``
its 意见采纳情况                          ``draft/2026-zwgk-banfa/feedback/``
重大行政决策事项目录 2018                  ``decisions/2018/``
=====================================  ==========================================
"""
from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

from gongbao.identifiers import chars
from gongbao.identifiers.docnumber import DocId, DocNumber, DocRef
from gongbao.content.model import Archive, Attachment, Document, Interpretation, IssueKey, published_attachments
from gongbao.content.participation import Draft, Explanation, Feedback

# A year and a serial in ASCII digits without a leading zero: one spelling of a URL a court cites (\d would take
# ０-９ and every script's digits, and 068 would be a second spelling of 68).
YEAR, SERIAL = r"[1-9][0-9]{3}", r"[1-9][0-9]*"
_DOC_PATH = re.compile(
    rf"""^/?doc/
    (?:id/(?P<id>[a-z0-9-]+)                        # doc/id/<id>/
      |(?P<code>[a-z][a-z0-9]*)/                    # doc/<issuer code>/
       (?:(?P<year>{YEAR})/)?(?P<serial>{SERIAL}))  # [<year>/]<serial>
    /\Z""",
    re.X,
)
ID_CODE = "id"  # reserved: no issuer code may be "id"


@dataclass(frozen=True)
class DocPath:
    """The permanent path of a document: ``doc/xzbf/2018/68/`` or ``doc/id/<id>/``."""

    code: str
    year: int | None = None
    serial: int | None = None

    @classmethod
    def parse(cls, text: str) -> "DocPath":
        match = _DOC_PATH.match(text)
        if not match:
            raise ValueError(f"文件网址{chars.quoted(text)}无效：应为 doc/<代码>/<年份>/<序号>/ 或 doc/id/<id>/")
        if match["id"]:
            return cls(f"{ID_CODE}/{match['id']}")
        return cls(match["code"], int(match["year"]) if match["year"] else None, int(match["serial"]))

    @classmethod
    def of(cls, ref: DocRef, codes: dict[str, str]) -> "DocPath":
        if isinstance(ref, DocId):
            return cls(f"{ID_CODE}/{ref.value}")
        try:
            return cls(codes[ref.agency], ref.year, ref.serial)
        except KeyError:
            raise KeyError(f"机关代字 {ref.agency} 没有网址代码") from None

    def __str__(self) -> str:
        parts = ["doc", self.code] + [str(p) for p in (self.year, self.serial) if p is not None]
        return "/".join(parts) + "/"


def document(doc: Document, codes: dict[str, str]) -> str:
    return _path(doc.ref, codes)


def interpretation(item: Interpretation, codes: dict[str, str]) -> str:
    return f"{_path(item.interprets, codes)}jiedu/{item.slug}/"


def _path(ref: DocRef, codes: dict[str, str]) -> str:
    """str(DocPath.of(ref, codes)), made once per number and code: a check asks for every page's URL several times."""
    code = None if isinstance(ref, DocId) else codes.get(ref.agency)
    return _path_of(ref, code) if code is not None or isinstance(ref, DocId) else str(DocPath.of(ref, codes))


@lru_cache(maxsize=1 << 16)
def _path_of(ref: DocRef, code: str | None) -> str:
    return str(DocPath.of(ref, {} if code is None else {ref.agency: code}))


def attachment(page: str, item: Attachment) -> str:
    """A file published with the page at ``page``: under the page's own URL, by its own name."""
    return f"{page}files/{item.name}"


def attachment_files(public: Archive, codes: dict[str, str]) -> dict[str, Attachment]:
    """Site path → the file every public page publishes there (withheld ones never)."""
    out = {}
    for item, url in [(d, document) for d in public.documents] + [(i, interpretation) for i in public.interpretations]:
        try:
            page = url(item, codes)
        except KeyError:
            continue  # reported by the issuer-code rule
        out |= {attachment(page, a): a for a in published_attachments(item)}
    return out


def issue(key: IssueKey) -> str:
    return f"gazette/{key.year}/{key.number:02d}/"


def issue_print(key: IssueKey) -> str:
    """The print view of a whole issue: it carries the full text of every public document of the issue."""
    return f"{issue(key)}print/"


def gazette_year(year: int) -> str:
    return f"gazette/{year}/"


def catalogue(facet: str, value: str) -> str:
    return f"catalog/{facet}/{value}/"


def draft(item: Draft) -> str:
    """A draft's own permanent URL, from its id: never under doc/, so never taken for a document."""
    return f"draft/{item.id}/"


def print_anchor(doc: Document, codes: dict[str, str]) -> str:
    """A document's id in its issue's print view, and the prefix of each of its ids there:
    ``doc/xzbf/2018/68/`` → ``d-xzbf-2018-68``: stable, and unique within an issue."""
    return "d-" + document(doc, codes).removeprefix("doc/").strip("/").replace("/", "-")


def feedback(item: Feedback) -> str:
    return f"draft/{item.draft}/feedback/"


def explanation(item: Explanation) -> str:
    return f"draft/{item.draft}/explanation/"


def participation_texts(public: Archive) -> list[tuple[Draft | Explanation | Feedback, str]]:
    """Each editor-written text of public participation with its page's URL: drafts, their 起草说明, feedback."""
    return ([(d, draft(d)) for d in public.drafts] + [(e, explanation(e)) for e in public.explanations]
            + [(f, feedback(f)) for f in public.feedback])


def decisions_year(year: int) -> str:
    return f"decisions/{year}/"


CONSULTATIONS = "consultations/"
CONSULTATIONS_CLOSED = "consultations/closed/"
DECISIONS = "decisions/"
ARCHIVE = "gazette/"
CATALOGUES = "catalog/"
INTERPRETATIONS = "jiedu/"
SEARCH = "search/"
HOME = ""
# The first part of every path the build writes besides the site's own assets (pages, files, aliases, feeds, the
# theme's 404.html, the published lock and what the site published beyond it): a hand-written file there could stand at a permanent URL before its document
# does and be replaced by it unsaid, or be a folder where the build writes a file (rules/site_files.py).
# tests/test_generated_paths.py holds every generated path to it.
GENERATED_ROOTS = frozenset({"doc", "draft", "gazette", "decisions", "consultations", "catalog", "jiedu", "search", "wh",
                             "feeds", "manifest.json", "robots.txt", "sitemap.xml", "_redirects", "_headers",
                             "redirects.nginx.conf",
                             "404.html", "gazette.lock.json", "gazette.unrecorded.json"})


def pages(public: Archive, codes: dict[str, str]) -> set[str]:
    """The pages a public archive's identifiers name, without rendering anything (catalogue pages and
    redirects aside: they come from the renderers). A document whose issuer has no code has no URL yet."""
    found = {HOME, ARCHIVE, CATALOGUES, INTERPRETATIONS, SEARCH}
    for issue_ in public.issues:
        found |= {issue(issue_.key), issue_print(issue_.key), gazette_year(issue_.key.year)}
    found |= {CONSULTATIONS, CONSULTATIONS_CLOSED, DECISIONS} | {url for _, url in participation_texts(public)}
    found |= {decisions_year(y.year) for y in public.decisions}
    for item, url in [(d, document) for d in public.documents] + [(i, interpretation) for i in public.interpretations]:
        try:
            found.add(url(item, codes))
        except KeyError:
            continue  # reported by the issuer-code rule
    return found


def site_base(site_url: str) -> str:
    """The path the site is served under, from ``site.url``: ``/``, or ``/gazette/`` for https://host/gazette/."""
    path = urlsplit(site_url).path.strip("/")
    return f"/{path}/" if path else "/"


def source_uri(url: str) -> str:
    """The Markdown source MkDocs is given for a page at ``url``: ``doc/xzbf/2018/68/index.md``."""
    return f"{url}index.md"


def relative(from_url: str, to_url: str) -> str:
    """A link from one page to another that works from any host and sub-path (and from file://): what
    ``posixpath.relpath`` makes of the two, from each URL's segments read once (``_segments``)."""
    start, path = _segments(from_url or "."), _segments(to_url)
    common = len(posixpath.commonprefix([start, path]))
    rel = ("..",) * (len(start) - common) + path[common:]
    return "/".join(rel) + "/" if rel else "./"


@lru_cache(maxsize=1 << 16)
def _segments(url: str) -> tuple[str, ...]:
    """A URL's path segments, normalised as ``posixpath.relpath`` normalises them: a site's pages link to the same
    few thousand URLs some ten thousand times, and normalising a path was most of the cost of a link."""
    return tuple(part for part in posixpath.normpath("/" + url).split("/") if part)
