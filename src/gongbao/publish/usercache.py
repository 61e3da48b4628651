"""This user's cache folder, ``$XDG_CACHE_HOME/gongbao`` (``~/.cache/gongbao``): outside every repository, so nothing a
pull request commits is found there."""
from __future__ import annotations

import os
from pathlib import Path


def folder() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "gongbao"
