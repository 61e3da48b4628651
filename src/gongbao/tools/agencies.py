"""Which 制发机关 a 机关代字 stands for, so a scaffold or an import need not ask for it.

First the archive's own usage: the issuers every document of that 代字 names, when they all agree.
Else gazette.yml's issuers: the one named by the 代字 itself (无锡市人民政府令 → 无锡市人民政府), or the
only one whose name holds the 代字's characters in order (锡政办发 → 无锡市人民政府办公室: 锡, 政, 办),
its last character (发, 函, 规, 令: the kind of paper, not who wrote it) left out. Several
candidates (锡政发: 无锡市人民政府, but also 无锡市财政局 holds 锡…政) or none: nothing is guessed.
"""
from __future__ import annotations

from collections.abc import Iterable

from gongbao.identifiers.docnumber import DocNumber
from gongbao.content.model import Document

_KIND_MARKS = "发函规令字"


def issuers_of(number: DocNumber, documents: Iterable[Document], known: Iterable[str]) -> tuple[str, ...]:
    used = {d.issuers for d in documents if d.number and d.number.agency == number.agency}
    if used:
        return next(iter(used)) if len(used) == 1 else ()
    code = number.agency[:-1] if number.agency[-1:] in _KIND_MARKS else number.agency
    known = list(known)
    if code in known:
        return (code,)
    matches = [name for name in known if _in_order(code, name)]
    return (matches[0],) if len(matches) == 1 else ()


def _in_order(code: str, name: str) -> bool:
    rest = iter(name)
    return all(char in rest for char in code)
