"""Markup that tells the search index (gongbao.publish.searchindex) what to index and how to filter it.

The attributes are Pagefind's (``data-pagefind-body``, ``-ignore``, ``-weight``, ``-filter``, ``-meta``,
``-sort``), which the index reads as Pagefind did. Only documents, interpretations, issues, drafts and
feedback carry ``data-pagefind-body``; nothing else is indexed (no navigation, no catalogues, no
boilerplate). Filter values are written in one script (Simplified, as gazette.yml writes issuers), so
a facet is never split in two. Both scripts are searched by folding: the index folds each page's text
to Simplified, the browser each query (gongbao.publish.searchformat).
"""
from __future__ import annotations

from gongbao.content.model import Document, Interpretation, Issue
from gongbao.content.participation import EXPLANATION, Draft, Feedback
from gongbao.publish.render.html import esc

KIND_DOCUMENT, KIND_INTERPRETATION, KIND_ISSUE = "文件", "政策解读", "公报"
KIND_DRAFT, KIND_EXPLANATION, KIND_FEEDBACK = "征求意见稿", EXPLANATION, "意见采纳情况"

# Ranking, through the weights (0–10: body text weighs 1, an <h1> 7 unless told; a weight
# holds for everything inside its element, headings included). A document's title outweighs the
# titles of its interpretations, which quote it, and the text of pages that cite it; the title and
# text of a document out of force, and of its interpretations, weigh half, so that a subject ranks
# documents in force first. Tuned on the graded set (tests/search_grading.py, docs/benchmark.md).
TITLE_WEIGHT = {KIND_DOCUMENT: 10, KIND_INTERPRETATION: 4}
# Ours, not Pagefind's: a number the page cites outside its indexed text (a relation: 依据 国办发〔2016〕80号, in the
# block of relations the index leaves out), read by searchtext.py so a query for that number finds the page.
CITES = "data-gb-cites"
OUT_OF_FORCE = ("已废止", "已失效")


def weight(base: float, status: str) -> str:
    """The ``data-pagefind-weight`` attribute (with its leading space) of an element of a page of a
    document of ``status``, or nothing where Pagefind's own weight is the same."""
    value = base / 2 if status in OUT_OF_FORCE else base
    return f' data-pagefind-weight="{value:g}"' if value != 1 else ""


# The filters of each kind of page: the search page's facets are counted from the same functions.
def document_filters(doc: Document) -> list[tuple[str, str]]:
    return ([("kind", KIND_DOCUMENT), ("year", str(doc.published.year))] + [("issuer", i) for i in doc.issuers]
            + [("type", doc.type), ("status", doc.status), ("issue", str(doc.issue))])


def interpretation_filters(item: Interpretation, doc: Document) -> list[tuple[str, str]]:
    return ([("kind", KIND_INTERPRETATION), ("year", str(item.published.year))] + [("issuer", i) for i in doc.issuers]
            + [("type", doc.type), ("status", doc.status)])


def draft_filters(draft: Draft, standing: str) -> list[tuple[str, str]]:
    """A draft is never a 文件: its own page type, and whether it is open (on the build date)."""
    return ([("kind", KIND_DRAFT), ("year", str(draft.opens.year))] + [("issuer", c) for c in draft.consulter]
            + [("consultation", standing)])


def explanation_filters(draft: Draft) -> list[tuple[str, str]]:
    """A 起草说明 is found under its own page type, with its draft's year and consulting body."""
    return [("kind", KIND_EXPLANATION), ("year", str(draft.opens.year))] + [("issuer", c) for c in draft.consulter]


def feedback_filters(item: Feedback, draft: Draft) -> list[tuple[str, str]]:
    return [("kind", KIND_FEEDBACK), ("year", str(item.published.year))] + [("issuer", c) for c in draft.consulter]


def issue_filters(issue: Issue) -> list[tuple[str, str]]:
    return [("kind", KIND_ISSUE), ("year", str(issue.published.year)), ("issue", str(issue.key))]


def tags(date, filters: list[tuple[str, str]], meta: list[tuple[str, str]]) -> str:
    """An empty element carrying the sort key, the filters and the metadata (nothing visible): each attribute
    once, its ``key:value`` pairs one a line (searchtext.py splits them; Pagefind wanted an element a pair:
    ten of them were 0.4 KB a page). A line break inside a value, which no field should hold, becomes a space."""
    def lines(pairs: list[tuple[str, str]]) -> str:
        return "\n".join(f"{key}:{esc(' '.join(value.splitlines()))}" for key, value in pairs if value)
    day = date.isoformat()
    return (f'<div class="gb-search-tags" hidden data-pagefind-sort="date:{day}" '
            f'data-pagefind-filter="{lines(filters)}" data-pagefind-meta="{lines([("date", day), *meta])}"></div>\n')
