"""Simplified and Traditional Chinese: character-level folding.

The character tables come from OpenCC's dictionaries (shipped by opencc-python-reimplemented).
Character level is enough for what we fold: document numbers, search queries and catalogue keys;
documents themselves are always shown in the script they were written in.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import opencc

_DICTIONARY = Path(opencc.__file__).parent / "dictionary"


def _table(name: str) -> dict[int, str]:
    table: dict[int, str] = {}
    for line in (_DICTIONARY / name).read_text(encoding="utf-8").splitlines():
        source, _, targets = line.partition("\t")
        if len(source) == 1 and targets:
            first = targets.split(" ")[0]
            if first != source:
                table[ord(source)] = first
    return table


@lru_cache(maxsize=None)
def _to_simplified() -> dict[int, str]:
    return _table("TSCharacters.txt")


@lru_cache(maxsize=None)
def _to_traditional() -> dict[int, str]:
    return _table("STCharacters.txt")


@lru_cache(maxsize=None)
def _by_code_point(tabled) -> list:
    """The table ``tabled()`` returns, as str.translate reads it fastest: a list indexed by code point, each
    unmapped character to itself (past the last mapped one, the lookup's IndexError keeps it too). Looked up in the
    dict, each character not in it, most of any text, raises a KeyError that translate clears: twice the time (a
    third of a second more for the search index's 7 million characters at 1,000 documents, each folded twice)."""
    table = tabled()
    characters = list(range(max(table) + 1))
    for code, target in table.items():
        characters[code] = target
    return characters


def to_simplified(text: str) -> str:
    return text.translate(_by_code_point(_to_simplified))


def to_traditional(text: str) -> str:
    return text.translate(_by_code_point(_to_traditional))


def character_pairs() -> dict[str, str]:
    """Traditional → Simplified pairs, for the browser's query folding."""
    return {chr(k): v for k, v in sorted(_to_simplified().items())}


def guess_script(text: str) -> str:
    """'zh-Hant' when the text has more Traditional-only characters than Simplified-only ones."""
    traditional = sum(1 for ch in text if ord(ch) in _to_simplified())
    simplified = sum(1 for ch in text if ord(ch) in _to_traditional())
    return "zh-Hant" if traditional > simplified else "zh-Hans"
