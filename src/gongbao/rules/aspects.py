"""A comprehensive interpretation (文字解读, 专家解读) covers the nine aspects the regulation names.

Q&A, graphic, media and video interpretations are partial by nature and are not held to it.
"""
from gongbao.content.diagnostics import ERROR, WARNING, Diagnostic
from gongbao.content.model import Interpretation
from gongbao.identifiers.headings import blocks
from gongbao.identifiers.script import to_simplified
from gongbao.identifiers.vocabulary import ASPECTS

ID = "aspects"
COMPREHENSIVE = ("文字解读", "专家解读")


def covered(body: str) -> set[str]:
    # Lines starting with # always count, and usually name all nine: then the costly recognition of
    # numbered headings (一、…) cannot add anything and is skipped. They are looked for as written first: to_simplified
    # leaves the aspects' characters as they are, so each found there is found in its Simplified text too (translating
    # the lines was 7 µs of the rule's 16 an interpretation).
    written = " ".join(marked_lines(body))
    if all(a in written for a in ASPECTS):
        return set(ASPECTS)
    marked = to_simplified(written)
    found = {a for a in ASPECTS if a in marked}
    if len(found) == len(ASPECTS):
        return found
    headings = " ".join(to_simplified(b.text) for b in blocks(body) if b.level or b.text.lstrip().startswith("#"))
    return {a for a in ASPECTS if a in headings}


def marked_lines(body: str) -> list[str]:
    """The lines whose first character other than white space is #, in order: found from each line's first #
    (splitting the body and looking at every line was most of this rule's time)."""
    found, at = [], body.find("#")
    while at >= 0:
        start = body.rfind("\n", 0, at) + 1
        end = body.find("\n", at)
        end = len(body) if end < 0 else end
        if start == at or body[start:at].isspace():
            found.append(body[start:end])
        at = body.find("#", end)  # a later # of this line has the same start before it
    return found


def in_file(item, settings):
    """The problems of one issue, document or interpretation (rules.per_file): an interpretation's alone."""
    if not isinstance(item, Interpretation) or item.kind not in COMPREHENSIVE:
        return
    found = covered(item.source.body)
    missing = [a for a in ASPECTS if a not in found]
    if missing:
        yield Diagnostic(item.source.path, item.source.body_line, f"{item.kind}缺少以下方面的标题：{'、'.join(missing)}",
                         "为每个方面加一个标题，如 ## 一、背景依据", ERROR if settings.strict else WARNING, ID)
