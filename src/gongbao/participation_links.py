"""A draft and its final document, whichever side names the other (a draft's ``final``, a document's
``draft``); rules/consultation.py makes sure the two sides never disagree."""
from __future__ import annotations

from .model import Archive, Document
from .participation import Draft


def final_of(draft: Draft, archive: Archive) -> Document | None:
    if draft.final is not None:
        return archive.document(draft.final)
    return next((d for d in archive.documents if d.draft == draft.id), None)


def draft_of(doc: Document, archive: Archive) -> Draft | None:
    if doc.draft is not None:
        return archive.draft(doc.draft)
    return next((d for d in archive.drafts if d.final == doc.ref), None)
