"""What the loader takes out of a body before anything publishes it takes its line breaks with it.

Editors' notes (gongbao.content.notes) and withheld passages (gongbao.content.redaction) leave no trace in what is
published: kept, their line breaks told index.txt, the JSON twin and the page how many lines a passage had (how many
names, one a line) or that a note stood there, split the paragraph around them, and made a note added to a published
text a change of its hash. Each removal is kept as ``(offset, breaks)``: the offset in the body as published where it
was, and the line breaks it took. From them a line of the published body is named at its line of the file (diagnostics
after a removal), and the body is given back as it was published before canonical text version 4, with those breaks
in place (``aligned``), to verify the hashes recorded then.
"""
from __future__ import annotations

import bisect

Removed = tuple[tuple[int, int], ...]


def source_line(body: str, removed: Removed, line: int) -> int:
    """The line of the text as written of ``line`` (1-based) of ``body``: every removal before the start of the line
    counts, so a line that a removal joined to the one it began on is named where the removal began."""
    if not removed:
        return line
    start = 0  # of the line in body
    for _ in range(line - 1):
        start = body.find("\n", start) + 1
        if not start:
            break
    offsets = [offset for offset, _ in removed]
    return line + sum(breaks for _, breaks in removed[:bisect.bisect_right(offsets, start)])


def aligned(body: str, removed: Removed) -> str:
    """``body`` with each removal's line breaks back where it was: the body canonical text version 3 and before hashed."""
    if not removed:
        return body
    parts, position = [], 0
    for offset, breaks in removed:
        parts += [body[position:offset], "\n" * breaks]
        position = offset
    return "".join(parts) + body[position:]
