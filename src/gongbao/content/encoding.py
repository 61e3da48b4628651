"""What to tell an editor whose file is not UTF-8: where it goes wrong, and what it probably is."""
from __future__ import annotations

import codecs

UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)  # Windows Notepad's "Unicode", Word's "Unicode text"
NOT_UTF8_HINT = "用编辑器以 UTF-8 编码重新保存该文件"


def not_utf8(data: bytes, start: int) -> tuple[int, str]:
    """Where a file that is not UTF-8 goes wrong (its line), and what it probably is: a UTF-16 file begins with its
    byte-order mark and is wrong from its first line; most others come from tools that write GBK."""
    if data.startswith(UTF16_BOMS):
        return 1, "文件是 UTF-16 编码，不是 UTF-8"
    return data[:start].count(b"\n") + 1, "文件不是 UTF-8 编码（可能是 GBK）"
