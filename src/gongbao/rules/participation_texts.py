"""The rules every editor-written text obeys, applied to drafts, their 起草说明 and feedback, and the decisions catalogue:
safe HTML, no ids that imitate anchors, bounded nesting, no placeholder left, plain titles (their
links: rules/links.py); and to those whose body is Markdown (a catalogue's note is printed as text), no table row cut
short (rules.table_cells), no link showing another address than its own or holding a link (rules.link_text) and the warnings of a body rendered otherwise than meant (rules.body_warnings). Each diagnostic carries the id of the rule whose function
found it. Each is the function the document rules use, so the kinds cannot drift apart."""
from functools import partial

from gongbao.content.diagnostics import Diagnostic
from gongbao.content.participation import DecisionYear
from gongbao.rules import anchor_ids, body_warnings, html_safety, link_text, nesting, placeholders, table_cells
from gongbao.rules.rendering import PARTICIPATION

ID = "participation-texts"


def check(ctx):
    for item in (*ctx.archive.drafts, *ctx.archive.explanations, *ctx.archive.feedback, *ctx.archive.decisions):
        src = item.source
        page = None if isinstance(item, DecisionYear) else partial(ctx.page_ids, item)  # a draft's shows its 起草说明
        for rule, problems in ((html_safety, html_safety.body_problems(src.body, PARTICIPATION, _page_title(item), page)),
                               (nesting, nesting.problems(src.body, PARTICIPATION))):
            for line, message, hint in problems:
                yield Diagnostic(src.path, src.file_line(line), message, hint, rule=rule.ID)
        for line, value, (message, hint) in anchor_ids.problems(src.body):
            yield Diagnostic(src.path, src.file_line(line), message.format(value), hint, rule=anchor_ids.ID)
        for message, hint in html_safety.title_problems(item.title):
            yield Diagnostic(src.path, src.line_of("title"), message, hint, rule=html_safety.ID)
        yield from placeholders.unfilled(src)
    for item in (*ctx.archive.drafts, *ctx.archive.explanations, *ctx.archive.feedback):
        src = item.source
        for rule, problems in ((table_cells, table_cells.problems(src.body, PARTICIPATION)),
                               (link_text, link_text.problems(src.body, PARTICIPATION, ctx.settings.site_url))):
            for line, message, hint in problems:
                yield Diagnostic(src.path, src.file_line(line), message, hint, rule=rule.ID)
        yield from body_warnings.found(src.path, src.body, src.file_line, PARTICIPATION)
        for message, hint in link_text.title_problems(item.title, ctx.settings.site_url):
            yield Diagnostic(src.path, src.line_of("title"), message, hint, rule=link_text.ID)
    for draft in ctx.archive.drafts:
        if (explanation := ctx.archive.explanation_of(draft)) is not None:
            yield from _shared_references(draft.source, explanation.source)


def _shared_references(draft, explanation):
    """A draft's page renders its 起草说明 in the same Markdown (render.consultation), where a definition of one is named
    by the links of the other: a definition of 400,000 characters in the draft, named 75,000 times in the 起草说明, passed
    each text's budget (nesting.reference_size) and the build ran out of memory. Counted again together, when neither
    alone is past it; told at the definition, in its own file."""
    if nesting.reference_size(draft.body) or nesting.reference_size(explanation.body):
        return
    after = draft.body.count("\n") + 2  # the lines of the draft and the blank one between
    for line, message, hint in nesting.reference_size(f"{draft.body}\n\n{explanation.body}"):
        src, line = (draft, line) if line <= after else (explanation, line - after)
        yield Diagnostic(src.path, src.file_line(line), f"{message}（征求意见稿的网页连同起草说明一起生成，两者的引用定义和链接相通）",
                         hint, rule=nesting.ID)


def _page_title(item) -> str | None:
    """The title a generated page shows the text under (html_safety.around_body); a catalogue's note is one of many."""
    return None if isinstance(item, DecisionYear) else item.title
