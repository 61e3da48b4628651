"""Diagnostics: what a check found, where, and how to fix it."""
from __future__ import annotations

import bisect
import json
import re
from dataclasses import asdict, dataclass
from typing import Iterable

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Diagnostic:
    path: str
    line: int
    message: str
    hint: str = ""
    severity: str = ERROR
    rule: str = ""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        level = "" if self.severity == ERROR else "[警告] "
        text = f"{where}: {level}{self.message}"
        return f"{text} — {self.hint}" if self.hint else text

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


def sort(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Stable, reader-friendly order: by file, then line, then message."""
    return sorted(set(diagnostics), key=lambda d: (d.path, d.line, d.message))


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    return any(d.is_error for d in diagnostics)


def as_json(diagnostics: Iterable[Diagnostic]) -> str:
    return json.dumps([asdict(d) for d in diagnostics], ensure_ascii=False, indent=2)


@dataclass(frozen=True)
class Problem:
    """A problem at a line of a body, found before the loader knows the file; it becomes a Diagnostic there."""
    line: int      # 1-based line within the body
    message: str
    hint: str


class Lines:
    """The 1-based line of an offset in a text; the line breaks are found on first use (most texts have no problem).

    One count per problem from the start of the text would make a text full of problems quadratic."""

    def __init__(self, text: str):
        self._text, self._breaks = text, None

    def of(self, offset: int) -> int:
        if self._breaks is None:
            self._breaks = [m.start() for m in re.finditer("\n", self._text)]
        return bisect.bisect_left(self._breaks, offset) + 1


class ContentError(Exception):
    """Raised by a build that must not publish: carries every diagnostic, not the first one."""

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = diagnostics
        errors = [d for d in diagnostics if d.is_error]
        # the errors first: what refused the build is the first thing read (the preview's banner shows one line)
        shown = errors + [d for d in diagnostics if not d.is_error]
        super().__init__(f"{len(errors)} 个错误，未发布：\n" + "\n".join(str(d) for d in shown))
