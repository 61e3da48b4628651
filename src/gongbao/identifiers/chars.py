"""Characters no published value may hold.

A YAML escape (``"\\ud800"``, ``"\\x07"``) puts them into a value an editor cannot see: a lone
surrogate cannot be written as UTF-8 at all (the build would crash), and control characters and
noncharacters make the Atom feeds and sitemap ill-formed XML. Tab and newline are text.

Bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) are refused too,
in bodies as well (``BIDI``): 罚款\u202e0005\u202c元 shows 罚款5000元 while its text, its hash and
its search index say 0005 ("Trojan Source"). Chinese text never needs them; LRM/RLM stay allowed.
"""
from __future__ import annotations

import functools
import html
import re
import unicodedata

_ASTRAL_NONCHARACTERS = tuple(chr(plane << 16 | low) for plane in range(1, 17) for low in (0xFFFE, 0xFFFF))
BIDI_CHARS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
BIDI = re.compile(f"[{BIDI_CHARS}]")
# The same in a file's UTF-8 bytes: a search of bytes is a fraction of one of text (a 3-byte sequence led by E2,
# which valid UTF-8 never holds inside another character).
BIDI_UTF8 = re.compile(b"|".join(re.escape(c.encode()) for c in BIDI_CHARS))
_BAD_BASIC = "\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
_BAD = re.compile(f"[{_BAD_BASIC}{''.join(_ASTRAL_NONCHARACTERS)}]")
_BAD_IN_BASIC_PLANE = re.compile(f"[{_BAD_BASIC}]")  # a class with astral characters is searched several times slower


def describe(char: str) -> str:
    code = f"U+{ord(char):04X}"
    if 0xD800 <= ord(char) <= 0xDFFF:
        return f"无法编码的孤立代理码位 {code}"
    if ord(char) < 0xA0:
        return f"不可见的控制字符 {code}"
    if BIDI.match(char):
        return f"改变文字显示顺序的双向控制字符 {code}（页面显示的与文本、哈希和检索中的不一样）"
    return f"非字符码位 {code}"


def control_shown(markup: str) -> str | None:
    """The first bidirectional control or control character (CONTROL) HTML (or Markdown, which passes character
    references on) shows a reader: written as it is, or as a numeric character reference (&#x202e;, &#x1b;, &#8238;,
    with or without its ;), which the browser reads as the character while the text, its hash and index.txt hold the
    reference. No named reference is one of them; &#x80;–&#x9f; are read as HTML reads them (Windows-1252: &#x9b; is ›)."""
    text = _NUMERIC_REFERENCE.sub(_referenced, markup) if "&#" in markup else markup
    found = BIDI.search(text) or CONTROL.search(text)
    return found[0] if found else None


_NUMERIC_REFERENCE = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));?")


def _referenced(reference: re.Match) -> str:
    """The character a browser reads for a numeric reference. html.unescape reads the controls HTML calls invalid
    (&#x1b;, &#8;, &#x7f;, &#x81;) as nothing, where a browser keeps them."""
    number = int(reference[1], 16) if reference[1] else int(reference[2])
    return html.unescape(reference[0]) or chr(number)


# A reference: numeric (with or without its ;, as a browser reads one) or named with its ; (Markdown passes those on)
_REFERENCE = re.compile(_NUMERIC_REFERENCE.pattern + r"|&[A-Za-z][A-Za-z0-9]{1,31};")


def reference(text: str) -> str | None:
    """The first character reference of ``text`` a browser reads as a character, where ``text`` is printed as HTML."""
    found = _REFERENCE.search(text) if "&" in text else None
    return found[0] if found else None


def word_shown(markup: str) -> tuple[str, str] | None:
    """The first character reference a reader is shown as a letter or digit, with what it shows (罚款&#x35;000元 shows
    罚款5000元, 应当&#x4e0d;予处罚 shows 应当不予处罚, &eacute; é): index.txt, the JSON twin and the text's hash hold the
    reference, so a reader of the published text reads another sentence than the page's. The characters HTML needs a
    reference for (&lt; &amp;), spaces and punctuation are no word."""
    for reference in _REFERENCE.finditer(markup):
        shown = _referenced(reference) if reference[0][1] == "#" else html.unescape(reference[0])
        if shown and unicodedata.category(shown[0])[0] in "LN":
            return reference[0], shown
    return None


def clipped(text: str, limit: int) -> str:
    """``text`` quoted in a message: its first ``limit`` characters and … when it is longer."""
    return text if len(text) <= limit else text[:limit] + "…"


def quoted(text) -> str:
    """``text`` named in a message, as the project quotes it: in “…”, each character that would not show as itself (a
    control, a zero-width or format character, a space other than the ASCII one) as its \\u escape (\\U and eight
    digits past the Basic Plane, as Python writes it: \\ue0001 would read as U+E000 and a 1)."""
    return "“" + "".join(c if c.isprintable() else _escape(c) for c in str(text)) + "”"


def _escape(char: str) -> str:
    return f"\\u{ord(char):04x}" if ord(char) <= 0xFFFF else f"\\U{ord(char):08x}"


def shown(text: str) -> str:
    """``text`` as a message can print it to a terminal or a log: tab, newline and every character ``bad_character``
    refuses as a ``\\u`` escape (a NUL or an ESC acts on the terminal, a bidi control reorders the line), the rest as it is."""
    if text.isprintable():  # nearly every name: no control, format, surrogate or unassigned character
        return text
    return "".join(_escape(c) if c in "\t\n" or bad_character(c) else c for c in text)


def bad_character(value) -> str | None:
    """The first forbidden character in a value (its strings, list items, mapping keys and values),
    described for an editor; None when there is none."""
    if isinstance(value, str):
        match = _BAD.search(value)
        return describe(match.group()) if match else None
    if isinstance(value, dict):
        value = [v for pair in value.items() for v in pair]
    if isinstance(value, list):
        return next((found for found in map(bad_character, value) if found), None)
    return None


def possible_in(yaml_text: str) -> bool:
    """Whether values loaded from this YAML text may hold such a character: only through an escape
    (a backslash) or written as it is. Saves walking the values of nearly every file."""
    return ("\\" in yaml_text or _BAD_IN_BASIC_PLANE.search(yaml_text) is not None
            or any(c in yaml_text for c in _ASTRAL_NONCHARACTERS))  # none in text of the Basic Plane: at once


def possible_in_json(json_text: str) -> bool:
    """``possible_in`` for JSON, whose escapes are few: only ``\\u``, ``\\b``, ``\\f`` and ``\\r`` make such a
    character (a lock's records are JSON inside JSON, so nearly every lock holds the harmless ``\\"``)."""
    return (_JSON_ESCAPE.search(json_text) is not None or _BAD_IN_BASIC_PLANE.search(json_text) is not None
            or any(c in json_text for c in _ASTRAL_NONCHARACTERS))


_JSON_ESCAPE = re.compile(r"\\[ubfr]")  # after an escaped backslash too: a false alarm costs a walk, never a miss
HINT = "删除该字符；YAML 中不要写 \\x07、\\ud800 这类转义"
BIDI_HINT = "删除该字符（常随从网页或其他软件复制的文字带入）；文字的显示顺序不需要控制字符"


# C0 and C1 controls but tab and newline (NUL the loader tells apart; CR is a line end): nothing on the page, but in the
# terminal a clerk reads index.txt in they act (ESC [2K erases a line, BS writes over a character), so a text would read
# there otherwise than its page and its hash.
CONTROL = re.compile("[\x01-\x08\x0b-\x1f\x7f-\x9f]")
CONTROL_HINT = "删除该字符（常随从 Word、PDF 或终端复制的文字带入，如分页符、退格、ESC）；分行直接换行"


HIDDEN_TOLD = 50  # a file of pasted terminal output holds thousands: the first ones and their count say enough


def hidden(text: str) -> list[tuple[int, str, str]]:
    """(offset, description, hint) of every control character and bidirectional control of ``text``, in the text's
    order (an editor told of the first alone fixes it and learns of the next at the next check), the first
    HIDDEN_TOLD of them and, past those, one more that counts the rest."""
    found = sorted((m.start(), m[0], hint) for pattern, hint in ((CONTROL, CONTROL_HINT), (BIDI, BIDI_HINT))
                   for m in pattern.finditer(text))
    told = [(at, describe(char), hint) for at, char, hint in found[:HIDDEN_TOLD]]
    if len(found) > HIDDEN_TOLD:
        at, char, hint = found[HIDDEN_TOLD]
        told.append((at, f"{describe(char)}，此后还有 {len(found) - HIDDEN_TOLD - 1} 个控制字符未一一列出", hint))
    return told


def control_in(text: str, data: bytes | None = None) -> re.Match | None:
    """The first control character of ``text`` (CONTROL). A search of a whole body was 21 µs a real-shape file, so the
    C0 ones are looked for in its ASCII characters (ascii_of) and the C1 ones (U+0080–U+009F) only where its UTF-8
    bytes ``data`` hold their lead byte C2 (as · ° § do)."""
    if CONTROL.search(ascii_of(text)) is None and data is not None and b"\xc2" not in data:
        return None
    return CONTROL.search(text)


_LAST_ASCII: list[tuple[str | None, str]] = [(None, "")]  # the last text asked about, with its ASCII characters


def ascii_of(text: str) -> str:
    """The ASCII characters of ``text`` in their order: an ASCII character is in the text exactly when it is in these.
    The per-file rules look for a dozen ASCII characters (``<``, ``]``, ``{``, ``#`` …) in the same body, each look
    a scan of its thousands of characters (~1 µs: a CJK character whose low byte is the one looked for stops the scan);
    a look in these few costs nothing. The last text's are kept (one tuple, read once: threads never see another
    text's), so the rules asking of one body in turn make them once (3 µs a real-shape body)."""
    last = _LAST_ASCII[0]
    if last[0] is not text:
        last = _LAST_ASCII[0] = (text, text.encode("ascii", "ignore").decode("ascii"))
    return last[1]


def holds(text: str, run: str) -> bool:
    """``run in text``, for a run of ASCII characters: looked for first in the text's ASCII characters (``ascii_of``),
    where the text's run is one too (nothing else was between its characters), so most texts are answered there.
    In the text, a run of several by re, which scans for its first character: str's search for " \n" in a
    real-shape body was 4.8 µs, re's 3. The kept characters read here without a call of ascii_of: the rules ask
    this some twenty times a body."""
    last = _LAST_ASCII[0]
    return (run in (last[1] if last[0] is text else ascii_of(text))
            and (len(run) == 1 or _literal(run).search(text) is not None))


@functools.cache  # the few runs the rules look for
def _literal(run: str) -> re.Pattern:
    return re.compile(re.escape(run))


def holds_any(text: str, characters: str) -> bool:
    """Whether ``text`` holds any of these ASCII ``characters``, looked for in its ASCII characters alone (``ascii_of``):
    a rule whose every match holds one of them skips the scan of most bodies (a search after each line break of a
    real-shape body was 4–6 µs, this look 0.4: a search for each, where re's for a class of them was 1.3)."""
    return any(map(ascii_of(text).__contains__, characters))
