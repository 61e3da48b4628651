"""The repository's cache folder, ``.cache/gongbao``: the check's cache, the build's spare site and records, the
preview's state and logs. A link in the place of ``.cache`` or of ``.cache/gongbao`` (a pull request can commit
one) would have all of these read and written wherever it leads: then there is no cache folder, and each user of it
does without (the check and the build run in full and keep nothing; the preview refuses to start)."""
from __future__ import annotations

from pathlib import Path

NAME = Path(".cache") / "gongbao"


def of(base: Path) -> Path | None:
    """``base``/.cache/gongbao, or None when it or .cache is a link."""
    folder = base / NAME
    return None if folder.parent.is_symlink() or folder.is_symlink() else folder
