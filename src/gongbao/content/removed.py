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
import itertools
import re

Removed = tuple[tuple[int, int], ...]


def source_line(body: str, removed: Removed, line: int) -> int:
    """The line of the text as written of ``line`` (1-based) of ``body``: every removal before the start of the line
    counts, so a line that a removal joined to the one it began on is named where the removal began."""
    if not removed:
        return line
    last = _LAST  # one read: another thread may set it meanwhile
    if last[0] is not body or last[1] is not removed:
        last = _lines_counted(body, removed)
    first_lines, totals = last[2], last[3]
    counted = bisect.bisect_right(first_lines, line)
    return line + (totals[counted - 1] if counted else 0)


def _lines_counted(body: str, removed: Removed) -> tuple:
    """For ``source_line``, once for a body and its removals (each diagnostic of a body asks again: a walk from its start
    for each made a body full of problems quadratic, 30 s for 20,000 of them in 80 KB): the first line of ``body`` each
    removal counts for (the line it is on when it is at the line's start, else the next), and the breaks removed up to
    each."""
    global _LAST
    breaks = [found.start() for found in re.finditer("\n", body)]
    first_lines = [bisect.bisect_left(breaks, offset) + (1 if not offset or body[offset - 1] == "\n" else 2)
                   for offset, _ in removed]
    _LAST = (body, removed, first_lines, list(itertools.accumulate(n for _, n in removed)))
    return _LAST


_LAST: tuple = (None, None, [], [])  # the body and removals last asked of, held (so neither is another by identity)


def aligned(body: str, removed: Removed) -> str:
    """``body`` with each removal's line breaks back where it was: the body canonical text version 3 and before hashed."""
    if not removed:
        return body
    parts, position = [], 0
    for offset, breaks in removed:
        parts += [body[position:offset], "\n" * breaks]
        position = offset
    return "".join(parts) + body[position:]


def unseen(body: str, removed: Removed) -> bool:
    """Whether ``aligned(body, removed)`` shows on the page as ``body`` does, as far as can be told without rendering
    (so, when in doubt, not): each removal's breaks stood at the start or end of the body, or beside a blank line, where
    more blank lines make no other block; no fence nor HTML before them (a fenced block or a <pre> shows each blank
    line) and no indented code beside them (it shows them too).

    A hash of the aligned body (canonical text version 3) records the page published then, and ``aligned`` gives that
    body for a text whose note or passage took out breaks that showed too (甲\\n<!-- 注 -->\\n乙 as 甲\\n\\n乙, two
    paragraphs made one; 标题\\n<!-- 注 -->\\n=== as 标题\\n\\n===, a paragraph made a heading): only where the breaks
    show nothing is that hash this page's."""
    lines = body.split("\n")
    starts = list(itertools.accumulate((len(line) + 1 for line in lines[:-1]), initial=0))
    shown = [i for i, line in enumerate(lines) if line.strip(_BLANK)]  # lines with more than blanks, in order
    fence = _FENCE_OR_HTML.search(body)
    for offset, _ in removed:
        at = bisect.bisect_right(starts, offset) - 1  # the line the breaks stood in
        above, below = bisect.bisect_left(shown, at), bisect.bisect_right(shown, at)  # of shown: lines before, to ``at``
        left = body[starts[at]:offset].strip(_BLANK)
        right = body[offset:starts[at] + len(lines[at])].strip(_BLANK)
        if not left and not above or not right and below == len(shown):
            continue  # at the start or end of the body, which every version drops
        blank_before = at == 0 or not lines[at - 1].strip(_BLANK)
        blank_after = at + 1 == len(lines) or not lines[at + 1].strip(_BLANK)
        beside_blank = (not left and (not right or blank_before)) or (not right and blank_after)
        nearest = [lines[at]] + [lines[shown[n]] for n in (above - 1, below) if 0 <= n < len(shown)]
        if not beside_blank or (fence and fence.start() < offset) or any(_CODE.match(line) for line in nearest):
            return False
    return True


_BLANK = " \t"  # Markdown's: a line of these is blank
_FENCE_OR_HTML = re.compile(r"^[ \t]*(?:```|~~~|<)", re.M)
_CODE = re.compile(r" {4}| {0,3}\t")  # indented code: four columns
