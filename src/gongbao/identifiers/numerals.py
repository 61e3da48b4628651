"""Chinese numerals as written in headings: 一 … 九十九, 一百零三, 两百."""
from __future__ import annotations

import functools

from gongbao.identifiers import chars

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
CHARACTERS = "".join(_DIGITS) + "".join(_UNITS)


@functools.lru_cache(maxsize=1024)  # headings repeat a few numerals: 一 … 九十九 (an error is not kept)
def parse(text: str) -> int:
    """``parse('二十三') == 23``; raises ValueError for anything that is not a numeral."""
    if not text or any(ch not in _DIGITS and ch not in _UNITS for ch in text):
        raise ValueError(f"不是中文数字：{chars.quoted(text)}")
    total, digit = 0, None
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        else:
            total += (1 if digit is None else digit) * _UNITS[ch]
            digit = None
    return total + (digit or 0)


def format(value: int) -> str:
    """``format(23) == '二十三'``, the inverse of ``parse`` for 1 … 9999."""
    if not 0 < value < 10000:
        raise ValueError(f"超出范围：{value}")
    names = "零一二三四五六七八九"
    parts, zero = [], False
    for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = value // unit % 10
        if digit:
            if zero and parts:
                parts.append("零")
            parts.append(("" if unit == 10 and value < 20 else names[digit]) + name)
            zero = False
        else:
            zero = True
    return "".join(parts)
