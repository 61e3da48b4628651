"""Editors' notes: HTML comments in a body are removed by the loader, before anything else reads it.

An editor writes ``<!-- 核对原件第3页 -->`` for colleagues; a browser hides it, but it would still be
in the page source, the canonical text (index.txt), the JSON twin, the print view and the search
index. Removing it in the loader keeps the habit safe: no output ever sees it. Every ``<!--…-->``
is removed, in code spans too: no gazette text shows HTML source, and a note must not survive a
disagreement between our reading of backticks and the renderer's. A removed comment takes its line
breaks (a note on lines of its own, its lines), kept apart so later diagnostics keep their lines
(gongbao.content.removed): a note added to a published text changes nothing published.

What a browser would also hide but is no comment of ours is refused: an unclosed ``<!--`` (it hides
the rest of the page), ``<!-->`` and ``<!--->`` (empty comments to a browser, not to an editor), and
``<!…>`` / ``<?…>`` (declarations and processing instructions, which Markdown passes on unchanged),
and Markdown's comment idiom ``[//]: # (…)`` / ``[note]: <> (…)``: a reference definition no link uses,
hidden on the page but published in the canonical text (index.txt) and the JSON twin. Any definition no link uses is
one, however it is spelt (``[//]:#(…)``, its target on the next line, ``[注]: 核对``): told by Python-Markdown's own
grammar of a definition, not by the idiom's usual spellings.
"""
from __future__ import annotations

import re
from collections import Counter

from markdown.inlinepatterns import BACKTICK_RE, BacktickInlineProcessor

from gongbao.content.diagnostics import Lines, Problem
from gongbao.content.removed import Removed, source_line
from gongbao.identifiers.chars import clipped, holds

_END = re.compile(r"--!?>")  # --!> ends a comment in browsers too
_EMPTY = re.compile(r"<!---?>")  # a whole (empty) comment to a browser
_HIDDEN = re.compile(r"<[!?](?!--)")
# Python-Markdown's reading of a reference definition (markdown.blockprocessors.ReferenceProcessor.RE: a label, no
# space needed after its colon, the target on that line or the next, an optional title), after the markers of the
# block quotes and list items it may stand in, on its first line and the next ones. The page shows nothing of it: a link
# naming its label shows its target, and one no link names is hidden whole.
_QUOTES = r"(?:[ \t]*>)*"
_DEFINITION = re.compile(rf"""^(?:[ \t]*(?:>|[-*+]|\d+[.)]))*[ \t]*\[([^\[\]\n]*)\]:[ ]*(?:\n{_QUOTES}[ ]*)?[^\s]+[ ]*
                             (?:\n{_QUOTES}[ ]*)?(?:(["'])[^\n]*\2[ ]*|\([^\n]*\)[ ]*)?$""", re.M | re.X)
_BLANK = " \t"  # Markdown's: a line of these is blank
_NOTE_HINT = "编者注释写成 <!-- 注释 -->（发布时删除）；不是注释的，删除 <!--"


def strip(body: str) -> tuple[str, list[Problem], Removed]:
    """The body without its comments, every hidden construct that is not one (at lines of ``body``), and what was
    removed (gongbao.content.removed).

    A loop rather than one regex: a lazy match from each of many unclosed ``<!--`` would be quadratic."""
    if not holds(body, "<"):
        return body, _definitions_to_nothing(body), ()
    parts, problems, lines, removed = [], [], Lines(body), []
    kept = look = length = 0  # body[kept:] is not yet in parts, whose length is length; the next comment is searched from look
    empties, unclosed = set(), None  # in the copy: each empty comment, the unclosed one
    while (start := body.find("<!--", look)) >= 0:
        if empty := _EMPTY.match(body, start):
            problems.append(Problem(lines.of(start), f"{empty[0]} 在浏览器中是一个空注释，其后的文字会显示出来", _NOTE_HINT))
            empties.add(length + start - kept)
            look = start + 4
            continue
        end = _END.search(body, start + 4)
        if end is None:
            problems.append(Problem(lines.of(start), "HTML 注释没有正确结束（<!-- 之后应有 -->，浏览器会隐藏其后的全部内容）",
                                    _NOTE_HINT))
            unclosed = length + start - kept  # it and what follows were not read: reported already
            break
        cut, after = _extent(body, start, end.end())
        parts.append(body[kept:cut])
        length += cut - kept
        if breaks := body.count("\n", cut, after):
            removed.append((length, breaks))
        kept = look = after
    stripped, removed = "".join(parts) + body[kept:], tuple(removed)
    at = Lines(stripped)

    def line(offset: int) -> int:  # of body, as the problems found before
        return source_line(stripped, removed, at.of(offset))

    # Every comment of the body is gone: a "<!--" of the copy was made by joining the text around one (<!<!-- x -->--…),
    # a comment the page would hide and index.txt and the JSON twin publish; removing again would publish what the
    # editor wrote in neither as a note nor as text.
    if holds(stripped, "<!--"):
        problems += [Problem(line(found.start()), "删去注释后，其前后的文字拼成了新的 HTML 注释（<!--），"
                             "网页上隐藏、却会随规范文本（index.txt）和 JSON 发布", _NOTE_HINT)
                     for found in re.compile("<!--").finditer(stripped, 0, len(stripped) if unclosed is None else unclosed)
                     if found.start() not in empties]
    for found in _HIDDEN.finditer(stripped):
        problems.append(Problem(line(found.start()), f"{found[0]} 开头的写法会被浏览器当作隐藏内容",
                                "编者注释写成 <!-- 注释 -->（发布时删除）；正文中的尖括号写成全角〈〉或书名号《》"))
    return stripped, problems + _definitions_to_nothing(stripped, removed), removed


def _extent(body: str, start: int, end: int) -> tuple[int, int]:
    """What goes with the comment at ``body[start:end]``: the comment alone inside a line; its whole lines when it stands
    on lines of its own (the page then shows them as nothing), and one blank line more where it stood between two, as
    it does between paragraphs (a note added to a published text is no change of it). Only the blanks beside it are
    read, and the line before or after it: a look at its whole line for each of the comments on it was quadratic
    (a line of 160,000 comments, 8 s)."""
    line_start, line_end = _blanks_back(body, start), _blanks_on(body, end)
    if (line_start and body[line_start - 1] != "\n") or (line_end < len(body) and body[line_end] != "\n"):
        return start, end
    after = min(line_end + 1, len(body))
    following = _blanks_on(body, after)
    if following < len(body) and body[following] == "\n" and (  # the line after is blank, and the one before
            not line_start or not (before := _blanks_back(body, line_start - 1)) or body[before - 1] == "\n"):
        after = following + 1
    return line_start, after


def _blanks_back(body: str, at: int) -> int:
    """Where the blanks just before ``at`` start."""
    while at and body[at - 1] in _BLANK:
        at -= 1
    return at


def _blanks_on(body: str, at: int) -> int:
    """Where the blanks from ``at`` end."""
    while at < len(body) and body[at] in _BLANK:
        at += 1
    return at


def _definitions_to_nothing(text: str, removed: Removed = ()) -> list[Problem]:
    """Each reference definition no link names (Python-Markdown compares labels in lower case, line breaks made spaces):
    told by the label's other uses as Python-Markdown reads them (``uses``: not in a code span, escaped, an inline
    link's text or an image's alt), so a definition a link names is never refused, nor one no link names passed."""
    found = definitions(text)
    if not found:
        return []
    named = uses(text)  # a definition's own label is one of them
    defined = Counter(reference_label(m[1]) for m in found)
    last = {reference_label(m[1]): m.start() for m in found}  # the one a link shows: Python-Markdown keeps the last it reads
    at = Lines(text)
    return [Problem(source_line(text, removed, at.of(m.start())),
                    f"{clipped(m[0].split(chr(10))[0].strip(), 40)} 是 Markdown 的“注释”写法（"
                    + ("没有链接用到的引用定义" if unnamed else "同一标签后面又有定义，这一个不用") +
                    "）：网页上不显示，却会随规范文本（index.txt）和 JSON 发布", _DEFINITION_HINT)
            for m in found
            if (unnamed := named[label := reference_label(m[1])] <= defined[label]) or last[label] != m.start()]


def definitions(text: str) -> list[re.Match]:
    """Each reference definition of ``text`` as Python-Markdown reads one (``_DEFINITION``): its label is group 1."""
    return list(_DEFINITION.finditer(text)) if holds(text, "]:") else []


_DEFINITION_HINT = f"{_NOTE_HINT}；链接的引用定义要有链接用到它（[文字][标签]），否则删去这一行"


def reference_label(text: str) -> str:
    """A label as Python-Markdown matches a link to its definition: in lower case, line breaks made spaces."""
    return " ".join(text.split()).lower()


# What Python-Markdown reads before a link, where a label is no label: a code span (`[注]`), a character escaped (\\[注])
_BACKTICKS = BacktickInlineProcessor(BACKTICK_RE)
_BRACKET = re.compile(r"[\[\]]")
_ESCAPED = re.compile(r"\\.")
_FULL = re.compile(r"\s?\[")  # a full reference's second bracket: [文字][标签] (ReferenceInlineProcessor.RE_LINK)
_PARAGRAPH = re.compile(r"\n[ \t]*\n")
_LINE = re.compile(r"\n")
CODE_BUDGET = 2_000_000  # the backticks of each text times its length (about 0.3 s): past it, all is taken for code


def uses(text: str) -> Counter:
    """The labels ``text`` names as a reference link or image does, each as often as named (``reference_label``), as
    Python-Markdown reads them: a bracketed label outside code spans and escapes, not nested in another bracket (a
    link's text or an image's alt, which it reads as no link), not followed by ``(`` (an inline link: [注](地址)),
    of a full reference ([文字][标签]) the second, or the first when the second is empty ([标签][]). A definition's own
    ``[标签]:`` is one. Where the text may be read otherwise, it is read as no use: an unused definition is refused
    (``_definitions_to_nothing``) and its label held to the page (gongbao.publish.shown_text), never passed unseen."""
    if "`" in text or "\\" in text:
        text = _ESCAPED.sub("  ", _without_code(text))
    pairs, depth, start = [], 0, 0
    for bracket in _BRACKET.finditer(text):
        if bracket[0] == "[":
            start = bracket.start() if not depth else start
            depth += 1
        elif depth:
            depth -= 1
            if not depth:
                pairs.append((start, bracket.end()))
    found, taken = Counter(), set()
    for number, (start, end) in enumerate(pairs):
        if start in taken or text.startswith("(", end):
            continue
        label = text[start + 1:end - 1]
        following = pairs[number + 1] if number + 1 < len(pairs) else None
        if following and (full := _FULL.match(text, end)) and full.end() - 1 == following[0]:
            taken.add(following[0])
            label = text[following[0] + 1:following[1] - 1] or label
        found[reference_label(label)] += 1
    return found


def _without_code(text: str) -> str:
    """``text`` with each code span blanked: those Python-Markdown finds in each paragraph (a page of content/, a list
    item's lines), and in each line (a body's line of text is a paragraph of its own: gongbao.content.body_markdown)."""
    pieces = []
    for between in (_PARAGRAPH, _LINE):
        ends = [m.span() for m in between.finditer(text)]
        pieces += [(start, text[start:end]) for start, end in zip([0, *(e for _, e in ends)], [*(s for s, _ in ends), len(text)])
                   if "`" in text[start:end]]
    # each opening the backtick pattern finds no end for is a search to its text's end, character by character
    if sum(piece.count("`") * len(piece) for _, piece in pieces) > CODE_BUDGET:
        return re.sub(r"[^\n]", " ", text)
    spans = [(start + s, start + e) for start, piece in pieces for s, e in code_spans(piece)]
    if not spans:
        return text
    chars = list(text)
    for start, end in spans:
        chars[start:end] = [" " if c != "\n" else c for c in chars[start:end]]
    return "".join(chars)


def code_spans(text: str) -> list[tuple[int, int]]:
    """Where Python-Markdown's backtick pattern finds code spans in ``text``, one inline text, searched as its inline
    processor searches it."""
    spans, at = [], 0
    while (found := _BACKTICKS.compiled_re.search(text, at)) is not None:
        element, begin, end = _BACKTICKS.handleMatch(found, text)
        if element is not None and not isinstance(element, str):
            spans.append((begin, end))
        at = max(end, found.end())
    return spans
