"""An editor's body as a part of its page: its Markdown (gongbao.content.body_markdown) and what the rendered check
must know of it."""
from __future__ import annotations

from gongbao.content.body_markdown import read_blocks, written
from gongbao.content.source import Source
from gongbao.identifiers.headings import blocks
from gongbao.publish.rendered_html import Authored
from gongbao.publish.render.parts import Markdown


def part(source: Source) -> Markdown:
    """An editor's body as a part of its page: its Markdown with anchors, and what the rendered check
    must know of it, from one reading of the text."""
    text, generated = written(read_blocks(source.body))
    return Markdown(text, Authored(source.path, source.body_line, source.body, text, generated, removed=source.removed))


def part_after(before: str, source: Source) -> Markdown:
    """An editor's body shown after another text on one page (a draft's 起草说明 below the draft): its
    anchors numbered on from that text's, as if the two were one body, so a second 一、 is ``sec-1_2``
    and the page's ids stay unique and where they were."""
    text, generated = written(tuple(blocks(f"{before}\n{source.body}")[before.count("\n") + 1:]))
    return Markdown(text, Authored(source.path, source.body_line, source.body, text, generated, removed=source.removed))
