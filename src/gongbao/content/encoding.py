"""What to tell an editor whose file is not UTF-8: where it goes wrong, and what it probably is."""
from __future__ import annotations

import codecs

UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)  # Windows Notepad's "Unicode", Word's "Unicode text"
NOT_UTF8_HINT = "用编辑器以 UTF-8 编码重新保存该文件"
_SNIFFED = 4096  # bytes looked at for a UTF-16 text without its byte-order mark: its first lines


def utf16(data: bytes) -> str | None:
    """The codec of ``data`` when it is UTF-16 text: with its byte-order mark (Notepad's "Unicode"), or without one
    (some converters), which writes every character of the front matter's ASCII (---, keys, digits) with a zero byte
    beside it; None for anything else (UTF-8 and GBK text never holds a zero byte)."""
    if data.startswith(UTF16_BOMS):
        return "utf-16"
    head = data[:_SNIFFED]
    odd, even = head[1::2].count(0), head[0::2].count(0)  # an ASCII character's zero byte: its second in LE, first in BE
    if max(odd, even) >= 8 and max(odd, even) > 4 * min(odd, even):  # a CJK character's may be either (一 is U+4E00)
        return "utf-16-le" if odd > even else "utf-16-be"
    return None


def not_utf8(data: bytes, start: int) -> tuple[int, str]:
    """Where a file that is not UTF-8 goes wrong (its line), and what it probably is: a UTF-16 file is wrong from its
    first line; most others come from tools that write GBK."""
    if utf16(data):
        return 1, "文件是 UTF-16 编码，不是 UTF-8"
    return data[:start].count(b"\n") + 1, "文件不是 UTF-8 编码（可能是 GBK）"
