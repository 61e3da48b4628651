"""The archive as the scaffolding and status commands read it."""
from __future__ import annotations

from pathlib import Path

from gongbao.content import loader, participation_loader, tree
from gongbao.content.diagnostics import ContentError
from gongbao.content.settings import load as load_settings
from gongbao.tools import scaffold


def loaded(root: Path):
    """The archive as it is now (even with errors: scaffolding must work in an unfinished repository)."""
    unreadable = tree.problems(root)  # a FIFO would block the reader, a link could lead anywhere
    if unreadable:
        raise scaffold.ScaffoldError(str(ContentError(unreadable)))
    try:
        settings = load_settings(root)
    except ContentError as exc:
        raise scaffold.ScaffoldError(str(exc)) from None
    found = loader.load(root, settings)
    participation_loader.load(root, settings, found)
    return found.archive, settings
