"""A merge git could not make alone, left in a file: its marks (<<<<<<< … ======= … >>>>>>>) and both versions.

In front matter or a settings file it breaks the YAML (or the lock's JSON) a line or two later, where the parser
names another mistake; in a body it is no error at all, and ======= under a line makes that line a heading: the
gazette would publish both versions. So the marks are looked for by themselves, and named as what they are.
"""
from __future__ import annotations

import re

from gongbao.identifiers.chars import holds

_MARK = re.compile(r"^(?:<{7}|>{7})(?: |$)", re.M)  # a conflict's first and last mark; ======= alone is a heading's rule
PROBLEM = "有未解决的 git 合并冲突（<<<<<<< 与 >>>>>>> 之间是两个版本）"
HINT = "保留要的版本，删去另一个，以及 <<<<<<<、=======、>>>>>>> 三行标记"


def lines(text: str) -> list[int]:
    """The 0-based line of each mark of ``text`` (one look for the characters first: most texts have none, and a body's
    ASCII characters, which the rules have read already, answer it: two looks in a real-shape body were 4 µs)."""
    if not holds(text, "<<<<<<<") and not holds(text, ">>>>>>>"):
        return []
    return [text.count("\n", 0, mark.start()) for mark in _MARK.finditer(text)]
