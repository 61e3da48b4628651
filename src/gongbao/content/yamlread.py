"""YAML as editors write it (front matter, gazette.yml, withdrawn.yml), with the work bounded.

Dates stay text (``2018-02-30`` is our error, not YAML's crash), and so does every number but a whole one (``1.5``,
``.inf``, ``1e3`` as written, not a float's digits). A value is text, a whole number, true or false, nothing, a list or
a mapping, and no more: a type tag that would make another (``!!set``, ``!!omap``, ``!!pairs``, ``!!binary``,
``!!float``, ``!foo``) is a YAML error at its line, as every reader of a value checks it against those kinds and a set
or bytes passed their checks as text (``{'a'}`` a title, ``b'…'`` a URL code) or showed in a message as Python writes
it; ``!!timestamp 2018-06-05`` is its text, as a date written without it. Hostile YAML is refused before anything is
built from it: a 569-byte file of aliases (``&a``/``*a``) names a billion values, and every consumer that walks or
prints one re-expands it; a value nested hundreds of levels deep exhausts Python's stack. Both are ``Unbounded``, a
YAML error with the line where it was noticed.
"""
from __future__ import annotations

import re
from pathlib import Path

import yaml

from gongbao.content import conflicts
from gongbao.identifiers import chars
from gongbao.content.diagnostics import Diagnostic
from gongbao.content.encoding import NOT_UTF8_HINT, not_utf8

MAX_DEPTH = 20         # front matter is two levels deep (勘误: a list of mappings); settings three
MAX_VALUES = 100_000   # values after expanding aliases: withdrawn.yml of a century is a few thousand


class _Located:
    """A value PyYAML's constructors fail to convert (an int past Python's 4,300 digits, ``!!int 0x1A``, ``!!bool
    maybe``) raises ValueError, KeyError, OverflowError…: a YAML error at its node instead, in words, not Python's."""

    def construct_object(self, node, deep=False):
        try:
            return super().construct_object(node, deep)
        except yaml.YAMLError:
            raise
        except (ValueError, KeyError, TypeError, ArithmeticError):
            if not isinstance(node, yaml.ScalarNode):
                problem = f"{_tag(node)} 的值无法转换"
            elif node.tag == _INT:
                problem = (f"整数 {chars.shown(node.value[:40])}… 的位数太多" if _DECIMAL.match(node.value)
                           else f"{chars.shown(node.value[:40])} 不是十进制整数")
            elif node.tag == _BOOL:
                problem = f"{chars.shown(node.value[:40])} 不是 true 或 false"
            else:
                problem = f"{chars.shown(node.value[:40])} 无法按 {_tag(node)} 转换"
            raise yaml.constructor.ConstructorError(problem=problem, problem_mark=node.start_mark) from None


def _tag(node) -> str:
    """A node's tag as an editor writes it: !!set, !foo."""
    return node.tag.replace("tag:yaml.org,2002:", "!!", 1)


class Refused(yaml.constructor.ConstructorError):
    """A type tag no reader of ours takes, with how to write the value instead (``hint``)."""

    def __init__(self, node):
        tag = chars.shown(_tag(node))
        super().__init__(problem=f"值前的 {tag} 是 YAML 的类型标签，这里不能用", problem_mark=node.start_mark)
        self.hint = f"删去 {tag}，直接写出值：文字、整数、true 或 false、列表，或 key: value"


def hint(exc: Exception, otherwise: str) -> str:
    """How to fix the YAML error ``exc``: its own hint when it has one (Refused), else ``otherwise``."""
    return getattr(exc, "hint", otherwise)


def _refused(loader, node):
    """A value of a kind no reader of ours takes (a set, a pair list, bytes, a float, a tag of one's own)."""
    raise Refused(node)


def _as_written(loader, node) -> str:
    """``!!timestamp 2018-06-05``: the text, as a date written without the tag (the readers check it)."""
    if not isinstance(node, yaml.ScalarNode):
        _refused(loader, node)
    return node.value


class Loader(_Located, yaml.SafeLoader):
    """Safe loader that keeps dates as strings."""


_INT, _BOOL = "tag:yaml.org,2002:int", "tag:yaml.org,2002:bool"
# An integer is decimal, as an editor reads it (and YAML 1.2): YAML 1.1 read total_number: 0403 as octal 259 and
# number: 010 as 8, silently, and 08 not as a number at all; 0x1A and 1:30 (base 60) are text, told not a number.
_DECIMAL = re.compile(r"^[-+]?[0-9][0-9_]*$")
# Resolved from a plain value: a whole number, true or false, nothing, a merge key. Not a date, a float (1.5, .inf, 1e3
# as written) or YAML 1.1's "=" (a value tag no constructor takes: title: = was a YAML error): text
_TEXT = ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:float", "tag:yaml.org,2002:value", _INT)
Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag not in _TEXT] + ([(_INT, _DECIMAL)] if k in "-+0123456789" else [])
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class Written(int):
    """A whole number written otherwise than its digits (0128, 08, +7, 1_000), with the text it was written as, which a
    key wanting text takes (``text``): YAML 1.1 read 0128 and 08 as text, and title: 0128 or id: 0809 read as 128 and
    809 made another title, and another URL, of what the editor wrote, silently. Else the number it is (str too: a
    count or an issue's number is printed, and hashed, by its digits)."""

    written: str


def text(value) -> str:
    """A scalar as text, as it was written: a whole number too."""
    return value.written if isinstance(value, Written) else str(value)


def described(value) -> str:
    """A value read here as a message names it: text (a whole number too) as written, quoted as every message quotes
    (chars.quoted: a zero-width space escaped too), else its kind: 布尔值 true or false, 空值, 列表, 映射."""
    if value is None:
        return "空值"
    if isinstance(value, bool):
        return f"布尔值 {'true' if value else 'false'}"
    if isinstance(value, (list, dict)):
        return "列表" if isinstance(value, list) else "映射"
    return chars.quoted(text(value))


def _decimal(loader, node) -> int:
    text = loader.construct_scalar(node)
    value = int(text.replace("_", ""), 10)
    if str(value) == text:
        return value
    kept = Written(value)
    kept.written = text
    return kept


class Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):
    """Writes what Loader reads back as written: ``yes``, ``null``, ``on``, ``~``, ``1.5`` are quoted
    (else they would come back as a boolean, nothing or a number); a date-shaped string is not.
    libyaml's emitter when PyYAML has it: an import writes thousands of files."""


# quoting what Loader reads as text too (1.5, =): harmless, and what other readers of the file (YAML 1.1) need
Dumper.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"] for k, v in Loader.yaml_implicit_resolvers.items()}
for _k, _v in yaml.SafeLoader.yaml_implicit_resolvers.items():
    Dumper.yaml_implicit_resolvers.setdefault(_k, [])
    Dumper.yaml_implicit_resolvers[_k] += [(tag, rx) for tag, rx in _v if tag in _TEXT[1:3]]
Dumper.add_representer(list, lambda dumper, items: dumper.represent_sequence(
    "tag:yaml.org,2002:seq", items, flow_style=True))  # issuer: [a, b], as editors write lists
Dumper.add_representer(Written, lambda dumper, number: dumper.represent_scalar(_INT, number.written))


def dump_mapping(data: dict) -> list[str]:
    """The ``key: value`` entries of a mapping in its order, each one string (one line where the value allows)."""
    text = yaml.dump(data, Dumper=Dumper, allow_unicode=True, sort_keys=False, default_flow_style=False,
                     width=2 ** 31 - 1)  # libyaml's widest: no folding of long titles
    entries: list[str] = []
    for line in text.splitlines(keepends=True):
        if entries and line[:1] in (" ", "\n"):  # a continuation of a multi-line value
            entries[-1] += line
        else:
            entries.append(line)
    return entries


class _FastLoader(_Located, getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """The same loader on libyaml's parser when PyYAML has it: most of the time of a check is YAML."""


_FastLoader.yaml_implicit_resolvers = Loader.yaml_implicit_resolvers
for _loader in (Loader, _FastLoader):
    _loader.add_constructor(_INT, _decimal)
    _loader.add_constructor("tag:yaml.org,2002:timestamp", _as_written)
    for _refused_tag in ("set", "omap", "pairs", "binary", "float"):
        _loader.add_constructor(f"tag:yaml.org,2002:{_refused_tag}", _refused)
    _loader.add_constructor(None, _refused)  # any other tag: !foo, !!python/…, tag:yaml.org,2002:value


class Unbounded(yaml.MarkedYAMLError):
    """Nested deeper than MAX_DEPTH, or more than MAX_VALUES values once aliases are expanded."""


def _bound(root) -> None:
    """Walks the node graph as a consumer would see it (an alias counted each time it is used),
    without recursion, and stops at the first limit passed: too deep at the node that is, too many
    at the top-level key (or item) whose value holds them."""
    stack, count = [(root, 0, root.start_mark)], 0
    while stack:
        node, depth, where = stack.pop()
        count += 1
        if count > MAX_VALUES:
            raise Unbounded(problem=f"展开别名（*）后超过 {MAX_VALUES} 个值", problem_mark=where)
        if isinstance(node, yaml.SequenceNode):
            children = [(item, item) for item in node.value]
        elif isinstance(node, yaml.MappingNode):
            children = [(n, key) for key, value in node.value for n in (key, value)]
        else:
            continue
        if depth >= MAX_DEPTH:
            raise Unbounded(problem=f"嵌套超过 {MAX_DEPTH} 层", problem_mark=node.start_mark)
        stack += [(child, depth + 1, top.start_mark if node is root else where) for child, top in children]


def _node_and_data(loader_class, text: str, construct: bool):
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, {}
        _bound(node)
        return node, _value(loader, node) if construct else None
    finally:
        loader.dispose()


_STR, _SEQ, _MAP = "tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"


def _value(loader, node):
    """What the loader's constructor builds, by a shortcut for the strings, lists and plain mappings front
    matter is made of (the constructor's bookkeeping is half the time of a check); anything else — other
    tags, merge keys, non-scalar keys — goes to the constructor itself. Recursion is safe: ``_bound``
    has limited the depth, and a recursive anchor is deeper than any limit."""
    if node.tag == _STR and isinstance(node, yaml.ScalarNode):
        return node.value
    if node.tag == _SEQ and isinstance(node, yaml.SequenceNode):
        return [_value(loader, item) for item in node.value]
    if (node.tag == _MAP and isinstance(node, yaml.MappingNode)
            and all(k.tag == _STR and isinstance(k, yaml.ScalarNode) for k, _ in node.value)):
        return {key.value: _value(loader, item) for key, item in node.value}
    return loader.construct_document(node)


def load_yaml(text: str, construct: bool = True):
    """The root node (for the lines of keys) and the data (None unless ``construct``: mkdocs.yml's Python
    tags are for MkDocs to construct), from one parse. A file libyaml rejects is
    parsed again by PyYAML's own parser, so error messages are the same with or without libyaml (that
    parser would recurse through a thousand levels for a second before giving out: not for nesting)."""
    try:
        return _node_and_data(_FastLoader, text, construct)
    except Unbounded:
        raise
    except yaml.YAMLError as exc:
        if getattr(exc, "problem", None) == "exceeded maximum nesting depth":  # libyaml's own limit, 1,000 levels: ours, sooner
            raise Unbounded(problem=f"嵌套超过 {MAX_DEPTH} 层", problem_mark=exc.problem_mark) from None
        first = exc
    except RecursionError:  # only without libyaml: PyYAML's composer recurses
        first = Unbounded(problem=f"嵌套超过 {MAX_DEPTH} 层")
    try:
        return _node_and_data(Loader, text, construct)
    except RecursionError:
        raise first from None


# What PyYAML was reading when it gave up, where that began being the line to name: a key without its colon is
# noticed at the next key (or past blank lines), an open quote or bracket at the end of the text.
_BEGUN = {"while scanning a simple key": "这一行缺少 key 后的冒号：应写成 key: 值（半角冒号加空格）",
          "while scanning a quoted scalar": "这一行的值以引号开头，却没有以同样的引号结束（中文引号“”不能结束它）",
          "while parsing a flow sequence": "这一行的 [ 没有配对的 ]",
          "while parsing a flow mapping": "这一行的 { 没有配对的 }"}
# What a word processor leaves in a line: a full-width colon or space after the key, a tab before it.
_PASTED = ((re.compile(r"[ \t]*(?:-[ \t]+)?[^\s:：#'\"\[{-][^:：]*："), "key 后的冒号是全角冒号“：”，应为半角冒号加空格（key: 值）"),
           (re.compile(r"[^#]*?:[\u3000\xa0]"), "冒号后是全角空格或不换行空格（从 Word 粘贴时常见），应为半角空格（key: 值）"),
           (re.compile(r" *\t"), "行首有制表符（Tab）：YAML 只能用空格缩进"))


def located(exc: Exception, text: str) -> tuple[int, str]:
    """Where in ``text`` a YAML (or decoding) error was noticed, as a 1-based line (1 when unknown),
    and what is wrong, in PyYAML's words or ours. A character YAML refuses has a position, no mark."""
    mark = getattr(exc, "problem_mark", None)
    if mark:
        line = mark.line + 1
    else:
        line = text.count("\n", 0, exc.position) + 1 if isinstance(exc, yaml.reader.ReaderError) else 1
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    if marks := conflicts.lines(text):  # what the parser stumbles on is one of the versions, or a mark
        return marks[0] + 1, f"{conflicts.PROBLEM}：{conflicts.HINT}"
    begun, context = getattr(exc, "context_mark", None), getattr(exc, "context", None)
    if begun and context in _BEGUN:
        line = begun.line + 1
        return _pasted(text, line, 1) or (line, _BEGUN[context])
    return _pasted(text, line, 1 if begun else 2) or (line, _in_words(problem, text.split("\n")[line - 1:line]))


_INDENT = "这一行的缩进与上一行不一致（同一层的各行要左边对齐）"
_WORDS = {"expected <block end>, but found '<block mapping start>'": _INDENT,
          "expected <block end>, but found '-'": "这一行的“- ”列表项混在了 key: value 之间：列表项写在它所属的 key: 之下，并缩进",
          "expected <block end>, but found '<scalar>'": "这一行的值在引号或方括号结束后还有文字：引号、方括号要括住整个值"}
_VALUE_COLON = re.compile(r"\s*(?:-\s+)?[^\s:#][^:]*:\s+\S.*?:(?:\s|$)")  # key: a: b
_CANNOT_START = re.compile(r"found character '([^\t])' that cannot start any token")


def _in_words(problem: str, line: list[str]) -> str:
    """PyYAML's account of the other mistakes editors make, in their words (its own where none fits). ``line``: the
    line it names, if the text has it."""
    if problem == "mapping values are not allowed here":
        return ("这一行的值中有“: ”（冒号加空格），被读成了又一个 key：给整个值加引号" if line and _VALUE_COLON.match(line[0])
                else _INDENT)
    if problem.startswith("found unknown escape character"):
        return "双引号中的反斜杠 \\ 开始了一个转义：改用单引号括起这个值"
    if start := _CANNOT_START.match(problem):
        return f"值不能以 {start[1]} 开头：给整个值加引号"
    if expected := _EXPECTED.match(problem):  # !!str [a], !!seq x: a tag of another kind than its value
        return f"值前的类型标签要的是{_KINDS[expected[1]]}，写的却是{_KINDS[expected[2]]}：删去标签"
    return _WORDS.get(problem, problem)


_EXPECTED = re.compile(r"expected a (scalar|sequence|mapping) node, but found (scalar|sequence|mapping)")
_KINDS = {"scalar": "单个值", "sequence": "列表", "mapping": "映射（key: value）"}


def _pasted(text: str, line: int, lines_back: int) -> tuple[int, str] | None:
    """The line named, or (``lines_back`` 2: PyYAML says nowhere what it was reading) the last written line before it,
    where a mistake shows only on the next one, when it holds what a word processor leaves (_PASTED), with what that
    is: the editor's mistake in words."""
    lines = text.split("\n")[:line]
    written = [n for n in range(len(lines) - 1, -1, -1) if lines[n].strip() and not lines[n].lstrip().startswith("#")]
    for n in written[:lines_back]:
        if found := next((problem for pattern, problem in _PASTED if pattern.match(lines[n])), None):
            return n + 1, found
    return None


def read_file(path: Path, name: str, what: str, rule: str = ""):
    """A YAML file of the repository (gazette.yml, withdrawn.yml) as (node, data, None), or, when it
    cannot be read or parsed, (None, None, the diagnostic at the line where that was noticed)."""
    text = ""
    try:
        raw = path.read_bytes()
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, problem = not_utf8(raw, exc.start)
        return None, None, Diagnostic(name, line, f"{what}无法读取：{problem}", NOT_UTF8_HINT, rule=rule)
    try:
        node, data = load_yaml(text)
    except yaml.YAMLError as exc:
        line, problem = located(exc, text)
        return None, None, Diagnostic(name, line, f"{what}无法解析：{problem}",
                                      hint(exc, "检查 YAML 语法（UTF-8 编码，不用别名 & 和 *）"), rule=rule)
    return node, data, None
