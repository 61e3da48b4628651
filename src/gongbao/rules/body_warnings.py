"""The warnings of a text whose page would show otherwise than its editor meant: the rules that predict the renderer
from the source, each a module with an ``ID`` and ``problems(body, rendering)``. They run on every text the site renders
from Markdown, each as its page renders it (rules.rendering): documents and interpretations (rules.FILE_RULES), drafts,
their 起草说明 and feedback (rules/participation_texts.py), the pages of content/ (rules/handwritten_pages.py). A rule
added here is run on all of them. An issue's note and a decisions catalogue's are printed as text, in a <p> of their
page (gongbao.publish.render.listings, decisions): no Markdown, so nothing of theirs is told.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator

from gongbao.content.diagnostics import WARNING, Diagnostic
from gongbao.content.model import Issue
from gongbao.rules import heading_levels, joined_lists, nested_lists
from gongbao.rules.rendering import BODY, Rendering

WARNINGS = (joined_lists, nested_lists, heading_levels)


def found(path: str, body: str, file_line: Callable[[int], int], rendering: Rendering) -> Iterator[Diagnostic]:
    """Each warning of ``body``, a text of the file ``path`` whose line ``n`` is the file's line ``file_line(n)``."""
    for rule in WARNINGS:
        for line, message, hint in rule.problems(body, rendering):
            yield Diagnostic(path, file_line(line), message, hint, severity=WARNING, rule=rule.ID)


def in_file(item, settings):  # noqa: ARG001 — one signature for every rule of rules.FILE_RULES
    """The warnings of one document or interpretation (rules.per_file); an issue's note is no Markdown."""
    if isinstance(item, Issue):
        return ()
    return found(item.source.path, item.source.body, item.source.file_line, BODY)
