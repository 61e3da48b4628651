"""How a text's Markdown becomes its page, as far as the rules that predict the page from the source must know it
(rules/body_warnings.py): each kind of text the site renders from Markdown is rendered one of three ways."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rendering:
    # the body's rendering runs first (gongbao.content.body_markdown): official numbered lines (一、 第三条 1.) are headings
    # or anchored paragraphs, each line of pasted text a paragraph of its own, the text stripped. False: MkDocs renders
    # the Markdown as written, where 一、 is text and 1. a list item
    numbered: bool
    # the page lists its second and third levels of headings in its 本文目录 (gongbao.publish.render.contents); False:
    # Material's sidebar lists every level
    contents: bool


BODY = Rendering(numbered=True, contents=True)            # a document's, an interpretation's
PARTICIPATION = Rendering(numbered=True, contents=False)  # a draft's, its 起草说明's, its feedback's
HANDWRITTEN = Rendering(numbered=False, contents=False)   # a page of content/, which MkDocs reads itself
