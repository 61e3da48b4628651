"""The canonical text of a published document or interpretation, and its SHA-256.

The hash is what the lock file records and each page shows, so it must change whenever what a
reader sees changes, and should not change otherwise. The canonical text (version 2) is, in UTF-8:

    line 1   the title, NFC-normalised, surrounding whitespace removed
    line 2   the identifier: the canonical document number (锡政办发〔2018〕68号), else the id;
             for an interpretation, the number or id of the document it interprets; for a
             征求意见稿 its id, for its 起草说明 and 意见采纳情况 the id of that draft
    line 3   empty
    then     the body (the Markdown after the front matter), NFC-normalised, line by line:
             trailing spaces and tabs removed, except that a line Markdown ends with a hard
             break (two or more trailing spaces, tabs expanded to 4 columns, before another
             non-blank line) keeps exactly two; every blank line kept, as an empty line, except
             at the start and end; each line ending in "\\n"

Line ends (CRLF, CR) are already LF when the source is read. Blank lines are structure: a
table, a list or a block quote ends at one, and inside a <pre> block each one shows; so every
blank line counts, even where an extra one would not show (the hash may change when the page does
not, never the other way round). Trailing spaces count only as the hard break they make. Only
ASCII spaces and tabs are blank: a trailing full-width space (U+3000) shows and is kept.
Everything else — a changed character, a moved line, a changed title or number — changes the hash.
It is published beside each page as ``index.txt``: ``sha256sum index.txt`` checks a copy. The
body is the body as published: passages marked 不予公开 were already replaced by the loader
(gongbao.content.redaction), so the placeholder, not the withheld text, is hashed.

Version 1 (the first locks) dropped every blank line and every trailing space; it is kept only to
verify hashes recorded with it (``gongbao lock --write`` replaces them once they still match).
"""
from __future__ import annotations

import hashlib
import unicodedata

from gongbao.content.model import Correction, Document, Interpretation
from gongbao.content.participation import Draft, Explanation, Feedback

VERSION = 2
VERSIONS = (1, 2)
_BLANK = " \t"  # Markdown's blank: only these; other white space (U+3000, NBSP) is printed


def canonical_text(item: Document | Interpretation | Draft | Explanation | Feedback, version: int = VERSION) -> str:
    ref = item.interprets if isinstance(item, Interpretation) else item.ref
    # NFC never joins across a line end, so normalising the body once equals normalising each line.
    lines = _nfc(item.source.body).split("\n")
    body = _body_v1(lines) if version == 1 else _body(lines)
    return f"{_nfc(item.title).strip()}\n{ref}\n\n{body}"


def sha256(item: Document | Interpretation | Draft | Explanation | Feedback, version: int = VERSION) -> str:
    return hashlib.sha256(canonical_text(item, version).encode("utf-8")).hexdigest()


def _body(lines: list[str]) -> str:
    out = []
    for n, line in enumerate(lines):
        kept = line.rstrip(_BLANK)
        following = lines[n + 1] if n + 1 < len(lines) else ""
        if kept and following.strip(_BLANK) and line.expandtabs(4).endswith("  "):
            kept += "  "  # Python-Markdown's hard line break (<br>)
        out.append(kept)
    while out and not out[-1]:
        out.pop()
    while out and not out[0]:
        out.pop(0)
    return "".join(f"{line}\n" for line in out)


def _body_v1(lines: list[str]) -> str:
    return "".join(f"{line.rstrip()}\n" for line in lines if line.strip())


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def correction_sha256(correction: Correction) -> str:
    """The hash the lock keeps of one 勘误 record: a record, once locked, never changes."""
    text = f"{correction.date.isoformat()}\n{_nfc(correction.change).strip()}\n{_nfc(correction.reason).strip()}\n"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
