"""One PDF object read from bytes as a viewer reads it: a dictionary, an array, a reference, or a token. Bounded.

The attachment checks follow a PDF's actions from the key that triggers them (``/OpenAction 12 0 R``) to what they
do, through references and whatever a viewer treats as whitespace (comments too), with names spelt in ``#xx``
escapes decoded. pypdf parses too, but it reads the objects the trailer reaches, as one repairing reader would; the
checks read every object written in the file, as any viewer might, so they read objects one by one.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

MAX_TOKENS = 4096   # an action is a few dozen; one object's value past this is refused, not read on
MAX_DEPTH = 32

_GAP = re.compile(rb"(?:[\s\x00]|%[^\r\n]*)*")                  # whitespace and comments
_WORD = rb"[^\s\x00/<>\[\]()%{}]"  # a character of a name, a number or a keyword: not whitespace nor a delimiter
WORD_ENDS = rb"(?!" + _WORD + rb")"   # after a name, number or keyword: no more of it
_REGULAR = re.compile(_WORD + rb"*")
_STRING_MARK = re.compile(rb"[()\\]")
_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
STREAM = re.compile(rb"stream\r?\n")  # where a stream's data starts
OBJECT = re.compile(rb"(?<![0-9])(\d+)\s+(\d+)\s+obj" + WORD_ENDS)  # where an object is written: 12 0 obj


@dataclass(frozen=True)
class Ref:
    number: int


def unescaped(text: bytes) -> bytes:
    """``text`` with names' #xx escapes decoded: /J#61vaScript is /JavaScript to a viewer."""
    return _ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), text)


def name(word: bytes) -> bytes:
    """A regex for the name ``/word`` however it is spelt: any of its characters may be written #xx, in either case."""
    def either(c: int) -> bytes:
        hexa = b"%02x" % c
        return b"(?:%s|#%s[%s%s])" % (re.escape(bytes([c])), hexa[:1], hexa[1:].lower(), hexa[1:].upper())
    return b"/" + b"".join(either(c) for c in word) + WORD_ENDS


def _tokens(text: bytes, at: int):
    """``<<``, ``>>``, ``[``, ``]``, a name (decoded), a string (as written, its parentheses or angle brackets too), a
    number or a keyword; a stray delimiter as itself."""
    for _ in range(MAX_TOKENS):
        at = _GAP.match(text, at).end()
        if at >= len(text):
            return
        two = text[at:at + 2]
        if two in (b"<<", b">>"):
            yield two
            at += 2
        elif two[:1] == b"(":  # a string: balanced parentheses, a backslash escapes the next byte
            depth, start, at = 1, at, at + 1
            while depth:
                mark = _STRING_MARK.search(text, at)
                if mark is None:
                    raise ValueError("unterminated PDF string")
                at = mark.end() + (mark.group() == b"\\")
                depth += {b"(": 1, b")": -1}.get(mark.group(), 0)
            yield text[start:at]
        elif two[:1] == b"<":
            start, at = at, text.index(b">", at) + 1
            yield text[start:at]
        elif (word := _REGULAR.match(text, at + (two[:1] == b"/")).end()) > at:
            token = text[at:word]
            yield unescaped(token) if token[:1] == b"/" else token
            at = word
        else:
            yield text[at:at + 1]
            at += 1
    raise ValueError("PDF object past the bound")


def value(text: bytes, at: int) -> object:
    """The object written at ``at``: a dict (keys and name values decoded, b"/S"), a list, a Ref, or a token's bytes."""
    tokens, pending = _tokens(text, at), []

    def take() -> bytes:
        if pending:
            return pending.pop()
        if (token := next(tokens, None)) is None:
            raise ValueError("PDF object cut short")
        return token

    def read(depth: int) -> object:
        if depth > MAX_DEPTH:
            raise ValueError("PDF object nested past the bound")
        token = take()
        if token == b"<<":
            found = {}
            while (key := take()) != b">>":
                if key in found:  # viewers differ on which one counts: the checks cannot say what a viewer does
                    raise ValueError("PDF dictionary with a key twice")
                found[key] = read(depth + 1)
            return found
        if token == b"[":
            items = []
            while (item := take()) != b"]":
                pending.append(item)
                items.append(read(depth + 1))
            return items
        if token.isdigit():  # 12 0 R is one reference
            generation = take()
            if generation.isdigit():
                keyword = take()
                if keyword == b"R":
                    return Ref(int(token))
                pending.append(keyword)
            pending.append(generation)
        return token

    return read(0)
