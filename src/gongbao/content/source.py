"""Reading one content file: bytes → front matter (with the line of every key) and body.

We read front matter ourselves because MkDocs' reader swallows YAML errors and yields ``{}``,
and python-frontmatter strips the body, losing the line offset that body diagnostics need.
Every failure is a Diagnostic, never an exception: the editor gets the whole list at once.
"""
from __future__ import annotations

import datetime as dt
import os
import re
import stat
import sys
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import yaml

from gongbao.identifiers import chars
from gongbao.content import plainyaml, removed as removals
from gongbao.content.diagnostics import Diagnostic, Lines
from gongbao.content.encoding import NOT_UTF8_HINT, not_utf8
from gongbao.content.yamlread import Unbounded, hint as yaml_hint, load_yaml, located

MAX_BYTES = 2 * 1024 * 1024  # a gazette document is tens of KB; 2 MB is surely a mistake
_FENCE = "---"
_KEY_LINE = re.compile(r"[A-Za-z_\u4e00-\u9fff][\w\u4e00-\u9fff]*[ \t]*[:：]")


@dataclass(frozen=True)
class Source:
    path: str                       # relative to the repository, POSIX separators
    meta: dict
    key_lines: dict[str, int]       # front-matter key → its line in the file
    body: str
    body_line: int                  # line of the file where the body starts
    removed: removals.Removed = ()  # what notes and withheld passages took out of the body (gongbao.content.removed)

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, 1)

    def file_line(self, line: int) -> int:
        """The line of the file of ``line`` (1-based) of the body."""
        return self.body_line - 1 + removals.source_line(self.body, self.removed, line)

    @property
    def aligned_body(self) -> str:
        """The body with the line breaks of its notes and withheld passages, as canonical texts before version 4 hashed
        it; the body itself where those breaks would show (removals.unseen): a hash of the body with them is of another
        page than this one, which a note in place of a blank line (甲\n<!-- 注 -->\n乙 for 甲\n\n乙) makes."""
        return removals.aligned(self.body, self.removed) if removals.unseen(self.body, self.removed) else self.body

    def with_body(self, body: str, removed: removals.Removed = ()) -> "Source":
        """This file's source with another body (notes removed, passages withheld): dataclasses.replace without
        its look at every field, twice a file."""
        return Source(self.path, self.meta, self.key_lines, body, self.body_line, removed)


class Recalled(Source):
    """A Source kept by a check's cache without its front matter's values and its body (gongbao.publish.filecache):
    the rules read neither of an unchanged file, so they are read again from the file only when something asks."""

    @classmethod
    def of(cls, source: Source) -> "Recalled":
        kept = object.__new__(cls)
        # keys interned: the cache's pickle then holds each key once, not once a file
        kept.__dict__.update(path=source.path, key_lines={sys.intern(k): v for k, v in source.key_lines.items()},
                             body_line=source.body_line, removed=source.removed)
        return kept

    def reading(self, again: Callable[[str], "Source | None"]) -> None:
        """Where the values and the body come from when asked: ``again(path)``, the file read as the loader reads it."""
        self.__dict__["_again"] = again

    @cached_property
    def _read(self) -> Source:
        return self.__dict__["_again"](self.path) or Source(self.path, {}, {}, "", self.body_line)

    @cached_property
    def meta(self) -> dict:  # type: ignore[override]  # fields of Source, read on first use
        return self._read.meta

    @cached_property
    def body(self) -> str:  # type: ignore[override]
        return self._read.body

    def __getstate__(self):  # pickled as made by ``of``; unpickled without a call of Python code (18,000 a cold check)
        return {k: self.__dict__[k] for k in ("path", "key_lines", "body_line", "removed")}


@dataclass
class ReadResult:
    source: Source | None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # The bytes read, whole, and the file's stat taken once they were (None when not read: gongbao.publish.filestamp
    # then reads the file itself): a cold check hashes these instead of reading every file a second time.
    data: bytes | None = None
    after: os.stat_result | None = None


def _error(path: str, line: int, message: str, hint: str) -> ReadResult:
    return ReadResult(None, [Diagnostic(path, line, message, hint, rule="read")])


def relative(root: Path, path: Path) -> str:
    """``path`` relative to ``root``, POSIX separators: how diagnostics and caches name a file."""
    prefix, full = os.path.join(root, ""), str(path)
    # Slicing the string is a tenth of a check cheaper than Path.relative_to for 18,000 files.
    return full[len(prefix):].replace(os.sep, "/") if full.startswith(prefix) else path.relative_to(root).as_posix()


def read(root: Path, path: Path) -> ReadResult:
    return read_at(root, relative(root, path), path)


def read_at(root: Path, rel: str, path: str | Path) -> ReadResult:
    """``read`` of the file at ``path`` named ``rel`` in the repository: a caller that has both (the loader's jobs
    name their files as tree.scan lists them) makes no Path for each file (root / rel, then relative: 3 µs a file)."""
    try:
        # One lstat says whether it is a link and, for most files, what it is: is_symlink then stat was two calls.
        info = os.lstat(path)
        if stat.S_ISLNK(info.st_mode):
            target = Path(os.path.realpath(path))  # Path.resolve raises on a loop of links
            if not target.is_relative_to(os.path.realpath(root)):
                return _error(rel, 0, "符号链接指向仓库之外", "把文件本身放进仓库，不要用链接")
            info = os.stat(path)
        # Never open what is not a regular file: opening a FIFO blocks until a writer comes, a device
        # reads without end; O_NONBLOCK keeps one swapped in after the check from blocking.
        if not stat.S_ISREG(info.st_mode):
            return _error(rel, 0, "不是普通文件（管道、套接字或设备）", "删除它，把内容存为普通的 Markdown 文件")
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY)
        try:
            size = os.fstat(descriptor).st_size
            if size > MAX_BYTES:
                return _error(rel, 0, f"文件过大（{size // 1024} KB，上限 {MAX_BYTES // 1024} KB）",
                              "检查是否误放了附件或重复粘贴；附件请另行存放")
            data = _to_end(descriptor, size)
            after = os.fstat(descriptor)
        finally:
            os.close(descriptor)
    except OSError as exc:
        return _error(rel, 0, f"无法读取文件：{exc.strerror}", "检查文件是否存在、是否有读取权限")
    result = parse(rel, data)
    result.data, result.after = data, after
    return result


def _to_end(descriptor: int, size: int) -> bytes:
    """What is left to read, to the end as a file object's read() reads it (a file that grew since its size was
    taken is read whole too), without the file object: the buffered reader was a fifth of reading a file."""
    parts = [os.read(descriptor, size + 1)]
    while parts[-1]:  # to the empty read: a short read is the end only by the file system's word (not so on all)
        parts.append(os.read(descriptor, max(size, 1 << 16)))
    return b"".join(parts)


def parse(rel: str, data: bytes) -> ReadResult:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]  # a BOM is harmless once removed; editors' tools add it silently
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return _error(rel, *not_utf8(data, exc.start), NOT_UTF8_HINT)
    if b"\x00" in data:  # looked for in the bytes: a fifth of the time of a look in the text
        return _error(rel, text[: text.index("\x00")].count("\n") + 1, "文件含有空字符（NUL），不是文本文件",
                      "确认这是 Markdown 文本文件")
    decoded = text
    if b"\r" in data:  # one look instead of two copies of every file; in the bytes, as for NUL (half a µs less)
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not unicodedata.is_normalized("NFC", text):  # the canonical text hashes the NFC form, so the page shows it:
        text = unicodedata.normalize("NFC", text)  # U+1FEF is ` and U+037E ; only after NFC (never across a line)
    split = _split(text)  # its body's ASCII characters are the ones the next looks ask for (_control_in)
    if (chars.BIDI_UTF8.search(data) and chars.BIDI.search(text)) or _control_in(text, data, split):
        lines = Lines(text)  # the bytes looked at first, as for NUL; then every one, each at its line
        return ReadResult(None, [Diagnostic(rel, lines.of(at), f"文件含有{described}", hint, rule="read")
                                 for at, described, hint in chars.hidden(text)])
    if not text or text.isspace():  # as not text.strip(), without copying the file
        return _error(rel, 1, "文件为空", "填写以 --- 开头的 front matter 和正文，或删除该文件")
    newline = text.find("\n")
    if (text if newline < 0 else text[:newline]).strip() != _FENCE:  # the first line, not a copy of the rest too
        return _error(rel, 1, "文件缺少 front matter", "第一行应为 ---，随后是 key: value 元数据，再以 --- 结束")
    if split is None:
        return _error(rel, 1, "front matter 没有结束", "在元数据之后加一行 ---")
    yaml_text, body, end = split
    if (not yaml_text or yaml_text.isspace()) and _KEY_LINE.match(body.lstrip()):  # a second ---: each key told missing
        return _error(rel, end + 1, "front matter 是空的：这一行的 --- 让它提前结束了，元数据落在了正文里", "删去多余的这一行 ---")
    try:
        plain = plainyaml.read(yaml_text)
        keys, meta = plain or _keys_and_data(yaml_text)
    except Unbounded as exc:
        line, problem = located(exc, yaml_text)
        return _error(rel, line + 1, f"front matter 过于复杂：{problem}",
                      "front matter 只写 key: value 和简单列表，不用 YAML 别名（& 和 *）")
    except yaml.YAMLError as exc:
        line, problem = located(exc, yaml_text)  # the front matter starts on the file's second line
        return _error(rel, line + 1, f"front matter 不是合法的 YAML：{problem}",
                      yaml_hint(exc, "检查冒号后是否有空格、引号是否成对、缩进是否一致；含冒号的值请加引号"))
    if not isinstance(meta, dict):
        return _error(rel, 2, "front matter 应为 key: value 形式", "每行写一个 key: value")
    key_lines = {}
    for key, line in keys:
        line += 2
        if key in key_lines:  # PyYAML silently keeps the last of two equal keys
            return _error(rel, line, f"front matter 中 {key} 出现了两次（第 {key_lines[key]} 行和第 {line} 行）",
                          "只保留一个，删除另一个")
        key_lines[key] = line
    if chars.possible_in(yaml_text):
        unwritable = [Diagnostic(rel, key_lines.get(str(key), 2), f"front matter 中 {chars.quoted(key)} 含有{found}",
                                 chars.HINT, rule="read")
                      for key, value in meta.items() if (found := chars.bad_character([key, value]))]
        if unwritable:
            return ReadResult(None, unwritable)
    if plain is None:  # PyYAML's keys may be of any type and a tag may make a date; plainyaml's are text, never dates
        meta = {str(k): _plain(v) for k, v in meta.items()}
    _LAST_BODY[0] = body, (text, data) if text is decoded else None
    return ReadResult(Source(rel, meta, key_lines, body, end + 2))


# The body ``parse`` made last: the NFC text cut after a line end, which NFC never joins across, so NFC itself; with the
# text it was cut from and the bytes read when that text is those bytes decoded (no line end changed, NFC as written).
# One tuple, read once: a thread never takes another text for it, or another file's bytes for its text.
_LAST_BODY: list[tuple[str | None, tuple[str, bytes] | None]] = [(None, None)]


def known_nfc(text: str) -> bool:
    """Whether ``text`` is the very body ``parse`` made last, so NFC without a look at its characters: the canonical
    text (gongbao.content.integrity) of a file just made need not check it again (4.6 µs a real-shape body)."""
    return text is _LAST_BODY[0][0]


def known_utf8(text: str) -> bytes | None:
    """The UTF-8 of ``text`` as it was read, when it is the very body ``parse`` made last and was read as it is: the
    canonical hash (gongbao.content.integrity) hashes these bytes rather than encoding the body again (8 µs of a
    real-shape body's 35 µs hash; cutting them out of the bytes read costs the front matter's encoding, 0.5 µs)."""
    body, read = _LAST_BODY[0]
    if text is not body or read is None:
        return None
    whole, data = read
    return data[len(whole[:len(whole) - len(body)].encode("utf-8")):]


def _control_in(text: str, data: bytes, split: tuple[str, str, int] | None) -> bool:
    """Whether ``text`` (of the bytes ``data``) holds a control character (chars.control_in), its body (of ``split``)
    asked apart: chars.ascii_of keeps the last text's ASCII characters, and notes, lookalikes and the per-file rules
    ask for the body's next, so the whole text's were made for nothing (3 µs a real-shape file)."""
    if split is None:
        return chars.control_in(text, data) is not None
    body = split[1]
    return chars.CONTROL.search(text, 0, len(text) - len(body)) is not None or chars.control_in(body, data) is not None


def _keys_and_data(text: str) -> tuple[list[tuple[str, int]], object]:
    """PyYAML's reading (yamlread.load_yaml): the top mapping's keys as text with their 0-based lines, and the data."""
    node, data = load_yaml(text)
    return [(str(key.value), key.start_mark.line) for key, _ in node.value] if isinstance(node, yaml.MappingNode) else [], data


def _split(text: str) -> tuple[str, str, int] | None:
    """Front matter, body, and the index of the closing fence line; None when there is none.

    Looks only at the lines that hold ``---``: the first whose stripped text is the fence is the first such line
    of all. Splitting whole files into lines was a tenth of a check, then a look at each front-matter line."""
    start = text.find("\n") + 1
    if start == 0:
        return None
    found = text.find(_FENCE, start)
    while found >= 0:
        pos = text.rfind("\n", start - 1, found) + 1
        newline = text.find("\n", found)
        stop = len(text) if newline < 0 else newline
        if text[pos:stop].strip() == _FENCE:
            index = text.count("\n", start, pos) + 1
            return text[start:pos - 1], ("" if newline < 0 else text[newline + 1:]), index
        if newline < 0:
            return None
        found = text.find(_FENCE, newline + 1)
    return None


def _plain(value):
    """Values as YAML gave them, but dates left as text for our own validation."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value
