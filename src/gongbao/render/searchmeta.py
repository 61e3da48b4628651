"""Markup that tells Pagefind what to index and how to filter it.

Only documents, interpretations and issues carry ``data-pagefind-body``; once one page has it,
Pagefind indexes nothing else (no navigation, no catalogues, no boilerplate). Filter values are
written in one script (Simplified, as gazette.yml writes issuers), so a facet is never split in two.
"""
from __future__ import annotations

from .html import esc

KIND_DOCUMENT, KIND_INTERPRETATION, KIND_ISSUE = "文件", "政策解读", "公报"


def tags(kind: str, date, filters: list[tuple[str, str]], meta: list[tuple[str, str]]) -> str:
    """Empty elements carrying filters, metadata and the sort key (nothing visible, nothing indexed)."""
    parts = [f'<span data-pagefind-filter="kind:{esc(kind)}"></span>',
             f'<span data-pagefind-filter="year:{date.year}"></span>',
             f'<span data-pagefind-sort="date:{date.isoformat()}"></span>',
             f'<span data-pagefind-meta="date:{date.isoformat()}"></span>']
    parts += [f'<span data-pagefind-filter="{key}:{esc(value)}"></span>' for key, value in filters if value]
    parts += [f'<span data-pagefind-meta="{key}:{esc(value)}"></span>' for key, value in meta if value]
    return '<div class="gb-search-tags" hidden>' + "".join(parts) + "</div>\n"
