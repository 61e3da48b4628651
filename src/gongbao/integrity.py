"""The canonical text of a published document or interpretation, and its SHA-256.

The hash is what the lock file records and each page shows, so it must change when the text a
reader sees changes, and only then. The canonical text is, in UTF-8:

    line 1   the title, NFC-normalised, surrounding whitespace removed
    line 2   the identifier: the canonical document number (锡政办发〔2018〕68号), else the id;
             for an interpretation, the number or id of the document it interprets
    line 3   empty
    then     every non-blank line of the body (the Markdown after the front matter),
             NFC-normalised, with trailing whitespace removed, each ending in "\\n"

Line ends (CRLF, CR) are already LF when the source is read. Blank lines and trailing spaces
are dropped because editors add and remove them freely and a reader cannot see them; everything
else — a changed character, a moved line, a changed title or number — changes the hash.
It is published beside each page as ``index.txt``: ``sha256sum index.txt`` checks a copy.
The body is the body as published: passages marked 不予公开 were already replaced by the loader
(gongbao.redaction), so the placeholder, not the withheld text, is hashed.
"""
from __future__ import annotations

import hashlib
import unicodedata

from .model import Document, Interpretation


def canonical_text(item: Document | Interpretation) -> str:
    ref = item.ref if isinstance(item, Document) else item.interprets
    # NFC never joins across a line end, so normalising the body once equals normalising each line.
    body = "".join(f"{line.rstrip()}\n" for line in _nfc(item.source.body).split("\n") if line.strip())
    return f"{_nfc(item.title).strip()}\n{ref}\n\n{body}"


def sha256(item: Document | Interpretation) -> str:
    return hashlib.sha256(canonical_text(item).encode("utf-8")).hexdigest()


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)
