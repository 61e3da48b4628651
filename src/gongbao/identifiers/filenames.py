"""The characters a name published in a URL may hold: a file or folder an editor names (an attachment, a
hand-written page of content/).

Chinese characters (the basic block but the strokes 丿 and 丨, which look like ``/`` and ``|``), ASCII letters and
digits, ``-`` and ``_``, and dots between them. A reader and a court clerk read a URL as it looks: a Cyrillic ``о`` in ``content/dоc/xzbf/2018/68.md`` publishes a page at a
URL that looks like the document's own, a zero-width space or a direction mark shows one name and is another, and
a space is ``%20`` in a citation. An allow-list, not a list of look-alikes: no table of confusables is complete.
"""
from __future__ import annotations

import re
import unicodedata

HAN = "\u4e00-\u4e27\u4e29-\u4e3e\u4e40-\u9fff"  # without U+4E28 丨 and U+4E3F 丿
CHARS = f"0-9A-Za-z{HAN}_\\-"
_OTHER = re.compile(f"[^{CHARS}.]")


def strange(name: str) -> str | None:
    """The first character of ``name`` a published name may not hold, described for an editor; None if none."""
    found = _OTHER.search(name)
    if found is None:
        return None
    char = found[0]
    return f"U+{ord(char):04X} {unicodedata.name(char, '')}".rstrip()
