"""An editor's body text → Markdown with official headings as real headings and stable anchors."""
from __future__ import annotations

import re

from ..headings import Block, blocks, split_lead
from ..rendered_html import Authored
from ..source import Source
from .parts import Markdown

# Lines that carry Markdown block syntax keep their line breaks; plain text lines are paragraphs.
_BLOCK_SYNTAX = re.compile(r"^\s*([|>*+<#-]|\d+\.\s|```|~~~|\s{4})")


def part(source: Source) -> Markdown:
    """An editor's body as a part of its page: its Markdown with anchors, and what the rendered check
    must know of it, from one reading of the text."""
    found = blocks(source.body)
    text = _markdown(found)
    return Markdown(text, Authored(source.path, source.body_line, source.body, text, tuple(_generated(found))))


def markdown(body: str) -> str:
    return _markdown(blocks(body))


def _markdown(found: list[Block]) -> str:
    out: list[str] = []
    previous_text = False
    in_fence = False
    for block in found:
        line = block.text
        if line.strip().startswith(("```", "~~~")):
            in_fence = not in_fence
        if block.anchor:
            out.extend(["", *_anchored(block), ""])
            previous_text = False
            continue
        is_text = bool(line.strip()) and not in_fence and not _BLOCK_SYNTAX.match(line)
        if is_text and previous_text:
            out.append("")  # pasted official text: one paragraph per line, no blank line between
        out.append(line)
        previous_text = is_text
    return "\n".join(out).strip() + "\n"


def generated(body: str) -> list[tuple[str, str, str]]:
    """The privileged markup ``markdown`` writes into a body, as ``gongbao.rendered_html`` counts it:
    each anchor's id and each article's number span. Content writing the same gains nothing."""
    return _generated(blocks(body))


def _generated(found: list[Block]) -> list[tuple[str, str, str]]:
    out = []
    for block in found:
        if block.anchor:
            out.append(("*", "id", block.anchor))
            if block.level is None:
                out.append(("span", "class", "gb-art-no"))
    return out


def _anchored(block: Block) -> list[str]:
    attr = f"{{: #{block.anchor} }}"
    if block.level is None:  # an article: the paragraph keeps its text and gets the anchor
        # attr_list reads a paragraph's attributes only from a line of their own
        return [f'<span class="gb-art-no">{block.marker.marker}</span>{block.text[len(block.marker.marker):]}', attr]
    lead, rest = split_lead(block.text)
    if not lead:
        return [block.text, attr]
    lines = [f"{'#' * block.level} {lead} {{ #{block.anchor} }}"]
    return lines + (["", rest] if rest else [])
