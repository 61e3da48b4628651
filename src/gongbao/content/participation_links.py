"""A draft and its final document, whichever side names the other (a draft's ``final``, a document's
``draft``), and a decision item's draft and final document; rules/consultation.py and
rules/decisions.py make sure the sides never disagree."""
from __future__ import annotations

from gongbao.content.model import Archive, Document
from gongbao.content.participation import DecisionItem, Draft


def final_of(draft: Draft, archive: Archive) -> Document | None:
    if draft.final is not None:
        return archive.document(draft.final)
    return next((d for d in archive.documents if d.draft == draft.id), None)


def draft_of(doc: Document, archive: Archive) -> Draft | None:
    if doc.draft is not None:
        return archive.draft(doc.draft)
    return next((d for d in archive.drafts if d.final == doc.ref), None)


def final_of_item(item: DecisionItem, archive: Archive) -> Document | None:
    """The item's final document: its own ``final``, else its draft's (rules/decisions.py: they agree)."""
    if item.final is not None:
        return archive.document(item.final)
    draft = draft_of_item(item, archive)
    return final_of(draft, archive) if draft else None


def draft_of_item(item: DecisionItem, archive: Archive) -> Draft | None:
    """Its draft: named by the item, or naming the item (only public drafts are in the archive given)."""
    if item.draft is not None:
        return archive.draft(item.draft)
    return next((d for d in archive.drafts if d.decision == item.id), None)
