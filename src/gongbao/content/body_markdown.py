"""The body's rendering: an editor's body text → Markdown with official headings as real headings and stable anchors.

What a page of a document, an interpretation or a participation text renders (gongbao.publish.render.body), and what
the rules that must read a body as its page does render (rules.table_cells): below both, so both read one rendering."""
from __future__ import annotations

import functools
import re

from gongbao.identifiers.headings import BLOCK_SYNTAX, Block, blocks, split_lead

# The lines of an official document laid out otherwise than paragraphs (GB/T 9704): the issuer's
# signature and the date stand at the right, an attachment's 附件 label at the left, its title centred
# (so is the title of a text a notice issues, which follows the notice's date).
SIGNATURE, DATE, ANNEX, TITLE = "gb-signature", "gb-signature-date", "gb-annex", "gb-annex-title"
_DIGIT = "[0-9〇零一二三四五六七八九十]"
_DATE = re.compile(rf"^{_DIGIT}{{4}}年{_DIGIT}{{1,2}}月{_DIGIT}{{1,3}}日$")
_ANNEX = re.compile(r"^附件\s*[0-9０-９]{0,2}$")
_CLAUSE = re.compile(r"[。，,；;：:！？!?]")  # a line with these is a sentence, not a name or a title
_SIGNATURE_MAX, _TITLE_MAX = 30, 60


def written(found: tuple[Block, ...]) -> tuple[str, tuple[tuple[str, str, str], ...]]:
    """The Markdown of a body's blocks and the privileged markup it writes, from one reading of their layout."""
    layout = _layout(found)
    roles = _roles(layout)
    return _markdown(found, roles, layout), tuple(_generated(found, roles))


def markdown(body: str) -> str:
    found = read_blocks(body)
    layout = _layout(found)
    return _markdown(found, _roles(layout), layout)


@functools.lru_cache(maxsize=4)
def read_blocks(body: str) -> tuple[Block, ...]:
    """``blocks``, read once for the few readings a page makes of one body in a row (its Markdown, what the
    rendered check must know of it, its contents): the slowest step of a page before MkDocs."""
    return tuple(blocks(body))


def _layout(found: tuple[Block, ...]) -> list[tuple[str, bool]]:
    """Each block's text without surrounding white space, and whether it is a line of plain text (a paragraph of
    pasted official text): not empty, not in a fenced block, no marker, no Markdown block syntax. Read once for
    the layout roles and the Markdown, which both need it."""
    out = []
    in_fence = False
    for block in found:
        text = block.text.strip()
        if not text:  # half a pasted body's lines: one constant for all
            out.append(("", False))
        elif block.anchor:  # a line that starts with a marker: no fence
            out.append((text, False))
        else:
            if text.startswith(("```", "~~~")):
                in_fence = not in_fence
            out.append((text, not in_fence and not BLOCK_SYNTAX.match(block.text)))
    return out


def _markdown(found: tuple[Block, ...], roles: dict[int, str], layout: list[tuple[str, bool]]) -> str:
    out: list[str] = []
    previous_text = False
    for index, block in enumerate(found):
        if block.anchor:
            out += ("", *anchored(block), "")
            previous_text = False
            continue
        is_text = layout[index][1]
        if is_text and previous_text:
            out.append("")  # pasted official text: one paragraph per line, no blank line between
        out.append(block.text)
        if index in roles:
            out.append(f"{{: .{roles[index]} }}")  # attr_list: a paragraph's attributes on a line of their own
        previous_text = is_text
    return "\n".join(out).strip() + "\n"


def runs_on(body: str) -> list[bool]:
    """For each line of ``body``, whether ``markdown`` writes it on in the block of the line before it: no blank line
    between them (two lines of plain text get one, ``_layout``; an anchored line is a block of its own), the line
    before not blank to Python-Markdown (spaces and tabs only). rules.html_safety reads a list on a line of its own so."""
    found = read_blocks(body)
    layout = _layout(found)
    return [n > 0 and not block.anchor and not found[n - 1].anchor and bool(found[n - 1].text.strip(" \t"))
            and not (layout[n][1] and layout[n - 1][1]) for n, block in enumerate(found)]


def _roles(layout: list[tuple[str, bool]]) -> dict[int, str]:
    """Index of a plain text line → its layout role (SIGNATURE, DATE, ANNEX, TITLE), judged from the
    non-empty lines around it (``_layout``)."""
    lines = [(index, text, plain) for index, (text, plain) in enumerate(layout) if text]
    roles: dict[int, str] = {}
    for n, (index, text, plain) in enumerate(lines):
        before = lines[n - 1] if n else None
        if not plain:
            continue
        if _DATE.match(text):
            roles[index] = DATE
            if before and before[2] and before[0] not in roles and _is_name(before[1], _SIGNATURE_MAX):
                roles[before[0]] = SIGNATURE
        elif _ANNEX.match(text):
            roles[index] = ANNEX
        elif before and roles.get(before[0]) in (DATE, ANNEX) and _is_name(text, _TITLE_MAX):
            roles[index] = TITLE
    return roles


def _is_name(text: str, longest: int) -> bool:
    return len(text) <= longest and not _CLAUSE.search(text)


def generated(body: str) -> list[tuple[str, str, str]]:
    """The privileged markup ``markdown`` writes into a body, as ``gongbao.publish.rendered_html`` counts it:
    each anchor's id and each paragraph's role. Content writing the same gains nothing."""
    found = read_blocks(body)
    return _generated(found, _roles(_layout(found)))


def _generated(found: tuple[Block, ...], roles: dict[int, str]) -> list[tuple[str, str, str]]:
    out = []
    for block in found:
        if block.anchor:
            out.append(("*", "id", block.anchor))
    return out + [("p", "class", role) for role in roles.values()]


def outline(body: str) -> list[tuple[int, str, str]]:
    """(level, anchor, text) of each heading ``markdown`` makes of the body, in order."""
    out = []
    for block in read_blocks(body):
        if block.anchor and block.level is not None:
            lead, _ = split_lead(block.text)
            if lead:
                out.append((block.level, block.anchor, lead))
    return out


def anchored(block: Block) -> list[str]:
    """The Markdown lines of an anchored block (rules.html_safety reads a body's attribute lists in them)."""
    attr = f"{{: #{block.anchor} }}"
    if block.level is None:  # an article: the paragraph keeps its text and gets the anchor
        # attr_list reads a paragraph's attributes only from a line of their own. The number is a bare <b>, set in
        # its typeface by where it stands (gb-reading.css: the first <b> of a body's paragraph with an id, and only
        # articles' paragraphs have one): a class on it was 17 bytes some forty times a page and in the print views
        return [f'<b>{block.marker.marker}</b>{block.text[len(block.marker.marker):]}', attr]
    lead, rest = split_lead(block.text)
    if not lead:
        return [block.text, attr]
    lines = [f"{'#' * block.level} {lead} {{ #{block.anchor} }}"]
    return lines + (["", rest] if rest else [])
