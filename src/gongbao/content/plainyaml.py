"""Front matter as editors nearly always write it, read without PyYAML: ``key: value`` lines whose values are
plain or simply quoted strings, plain decimals (an issue's year), or lists of them (``- item`` lines, ``[a, b]``).

Why not the library alone: with libyaml's parser, PyYAML still builds a node, a mark and a resolver pass for
every key and value in Python, about a seventh of a cold ``gongbao check`` (0.13 s of its 0.9 s loader at
1,000 documents). This reader is a strict subset: it returns exactly what gongbao.content.yamlread.load_yaml
returns (the same values of the same types, each key with its line) or None — anything it is not sure of
(comments, anchors, tags, multi-line values, escapes, flow mappings, nulls, numbers, booleans, a character
YAML treats specially) goes to PyYAML, so errors and their lines are PyYAML's as before. Whether a plain value
is a string is asked of the Loader's own resolver, not guessed. tests/test_plainyaml.py compares the two.
"""
from __future__ import annotations

import re
import sys
from functools import lru_cache

import yaml

from gongbao.content.yamlread import Loader

MAX_LINES = 1000  # more: to PyYAML, which bounds what it builds (yamlread.MAX_VALUES)
_KEY = re.compile(r"([A-Za-z_\u4e00-\u9fff][A-Za-z0-9_\u4e00-\u9fff]*):(?: +(.*))?")
_ITEM = re.compile(r"( *)- +(.*)")
# A plain value: no YAML indicator first, none of the characters or pairs that could make it something else
# (a comment, a mapping, a quote, a tab, a break YAML counts that Python's split does not); brackets inside
# (錫政辦發[2025]4號) are text outside a flow collection, not inside one.
_PLAIN = re.compile(r"(?![-?:,\[\]{}#&*!|>'\"%@`])[^\t#'\"\\\x85\u2028\u2029\ufeff]*(?<![: ])")
_FLOW_ITEM = re.compile(r"(?![-?:#&*!|>'\"%@`])[^\t\[\]{}#'\",:\\\x85\u2028\u2029\ufeff]*(?<! )")
# yaml.reader's printable characters less the tab, the BOM and the two breaks (\u2028, \u2029) YAML folds in quotes
_PRINTABLE = re.compile("[\x0a\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]*")
_STR = "tag:yaml.org,2002:str"
_DECIMAL = re.compile(r"0|[1-9][0-9]{0,17}")  # no sign, underscore or leading zero: PyYAML reads those (yamlread)


class _Resolver(yaml.resolver.Resolver):
    """The Loader's implicit types (its dates are strings), to ask what a plain scalar is."""


_Resolver.yaml_implicit_resolvers = Loader.yaml_implicit_resolvers
_RESOLVER = _Resolver()
_IMPLICIT = _Resolver.yaml_implicit_resolvers


def read(text: str) -> tuple[list[tuple[str, int]], dict] | None:
    """The keys of the front matter in order with their 0-based lines, and the data; None: ask PyYAML."""
    if not _PRINTABLE.fullmatch(text):
        return None
    lines = text.split("\n")
    if len(lines) > MAX_LINES:
        return None
    keys: list[tuple[str, int]] = []
    data: dict = {}
    index = 0
    while index < len(lines):
        line = lines[index]
        if not line.strip(" "):
            index += 1
            continue
        entry = _entry(line)
        if entry is None:
            return None
        key, kind, value = entry
        keys.append((key, index))
        index += 1
        if kind is _BLOCK:
            value, index = _block_list(lines, index)
            if value is None:
                return None
        elif kind is _FLOW:
            value = list(value)  # each file's own list: the cache keeps a tuple
        data[key] = value
    return (keys, data) if keys else None


_SCALAR, _FLOW, _BLOCK = "scalar", "flow", "block"


@lru_cache(maxsize=1 << 14)  # most lines recur from file to file (a date, a type, a status, an issuer): read once
def _entry(line: str) -> tuple[str, str, object] | None:
    """A ``key: value`` line: its key, what its value is (_SCALAR, _FLOW: a tuple of the ``[a, b]`` items, _BLOCK: none
    on the line, a block list may follow) and the value; None: ask PyYAML."""
    match = _KEY.fullmatch(line)
    if match is None or not _is_str(match[1]):
        return None
    key, value = sys.intern(match[1]), match[2]  # one object a key: sent once a chunk by the pool
    if value is None or not value.strip(" "):
        return key, _BLOCK, None
    if value.startswith("["):
        items = _flow_list(value)
        return None if items is None else (key, _FLOW, tuple(items))
    scalar = _scalar(value)
    return None if scalar is None else (key, _SCALAR, scalar)


def _block_list(lines: list[str], index: int) -> tuple[list | None, int]:
    """The ``- item`` lines from ``index``, all indented alike, and the index after them; None when there is none
    (an empty value is a null) or an item is not a plain string."""
    items, indent = [], None
    while index < len(lines):
        line = lines[index]
        if not line.strip(" "):
            index += 1
            continue
        match = _ITEM.fullmatch(line)
        if match is None:
            break
        if indent is None:
            indent = match[1]
        item = _scalar(match[2]) if match[1] == indent else None
        if item is None:
            return None, index
        items.append(item)
        index += 1
    if not items or (index < len(lines) and lines[index][:1] == " "):  # a line left indented: not ours
        return None, index
    return items, index


def _flow_list(value: str) -> list | None:
    """``[a, b]``: plain or simply quoted items, nothing after the bracket."""
    if not value.endswith("]"):
        return None
    inner = value[1:-1]
    if not inner.strip(" "):
        return None
    items = [_scalar(part.strip(" "), _FLOW_ITEM) for part in inner.split(",")]
    return None if any(item is None for item in items) else items


@lru_cache(maxsize=1 << 14)  # most values recur from file to file (dates, issuers, types, statuses): read once
def _scalar(value: str, plain: re.Pattern = _PLAIN) -> str | int | None:
    """A plain or simply quoted value; None: ask PyYAML. ``plain`` left out where it is _PLAIN: the cache's key is then
    the value alone (a compiled pattern's hash is taken anew at every call, as long as the look-up)."""
    value = value.rstrip(" ")
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        inner = value[1:-1]
        return inner if "'" not in inner and '"' not in inner and "\\" not in inner and inner.strip(" ") == inner \
            else None
    if _DECIMAL.fullmatch(value):
        return int(value)  # an issue's year and numbers: what the Loader makes of a plain decimal
    return value if value and ": " not in value and plain.fullmatch(value) and _is_str(value) else None


@lru_cache(maxsize=1 << 10)  # asked of every key: a few dozen names
def _is_str(value: str) -> bool:
    """Whether the Loader reads this plain scalar as a string (not a boolean, number, null, merge key …)."""
    if not (_IMPLICIT.get(value[0]) or _IMPLICIT.get(None)):
        return True  # none of the Loader's types starts with this character (most values): the resolver would say so
    return _RESOLVER.resolve(yaml.ScalarNode, value, (True, False)) == _STR
