"""Typed reading of front-matter values, one diagnostic per bad value.

A ``Fields`` wraps one Source; each accessor returns the value (or None) and records what was
wrong with it, with the line of the key and a hint. Callers never see an exception.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata

from gongbao.content import yamlread
from gongbao.content.diagnostics import Diagnostic
from gongbao.identifiers import chars
from gongbao.identifiers.docnumber import DocNumber, DocRef, parse_reference
from gongbao.content.model import Correction
from gongbao.content.source import Source
from gongbao.identifiers.vocabulary import canonical, suggest

# Chinese names editors may use for keys: 文号: … is read as doc_number: …
KEY_ALIASES = {
    "标题": "title", "文号": "doc_number", "发文字号": "doc_number", "制发机关": "issuer", "类型": "type",
    "成文日期": "written", "发布日期": "published", "施行日期": "effective", "有效期至": "expires",
    "文件状态": "status", "状态依据": "status_basis", "公开属性": "disclosure", "不公开理由": "disclosure_reason", "栏目": "section",
    "主题分类": "topics", "索引号": "index_number", "责编": "editor", "语言": "language",
    "依据": "based_on", "修改": "amends", "废止": "repeals", "解读对象": "interprets", "解读形式": "kind",
    "解读机关": "author", "勘误": "corrections", "附件": "attachments", "图片": "images", "年份": "year", "期号": "number",
    "总期号": "total_number", "征求意见稿": "draft", "征求意见单位": "consulter", "征求意见开始": "opens",
    "征求意见截止": "closes", "决策依据": "basis", "正式文件": "final",
}
# Dates of a gazette: the People's Republic's to a century ahead (有效期至). Outside, a year is a typo,
# and date arithmetic (grace days) would overflow near 9999.
FIRST_YEAR, LAST_YEAR = 1949, 2199
_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$")


_FORMAT, _NO_DAY, _OUT_OF_RANGE = "format", "no such day", "out of range"  # what a value that is no date is


# A date as a word processor or a form writes it: 2018年6月1日, 2018.6.1, 2018/06/01, 20180601 (digits of either width).
_WRITTEN = re.compile(r"(\d{4})\s*[年./-]\s*(\d{1,2})\s*[月./-]\s*(\d{1,2})\s*日?|(\d{4})(\d{2})(\d{2})")


def meant_day(value) -> str | None:
    """The day a date written another way names, as it is to be written (None when it names none)."""
    written = _WRITTEN.fullmatch(unicodedata.normalize("NFKC", str(value)).strip())
    if not written:
        return None
    day = _day("-".join(part for part in written.groups() if part))
    return day.isoformat() if isinstance(day, dt.date) else None


@functools.lru_cache(maxsize=1 << 12)  # a date recurs from file to file (an issue's): read once
def _day(value: str | int) -> dt.date | str:
    """The date a front-matter value (text or a number) gives, or what is wrong with it (_FORMAT, _NO_DAY,
    _OUT_OF_RANGE)."""
    match = _DATE.match(str(value).strip())
    if not match:
        return _FORMAT
    try:
        year, month, date = match.groups()
        day = dt.date(int(year), int(month), int(date))
    except ValueError:
        return _NO_DAY
    return day if FIRST_YEAR <= day.year <= LAST_YEAR else _OUT_OF_RANGE


def key_line(source: Source, name: str) -> int:
    """The line of key ``name`` however the editor wrote it (公开属性: for disclosure:)."""
    return next((line for key, line in source.key_lines.items() if KEY_ALIASES.get(key, key) == name), 1)


def _renamed(meta: dict) -> bool:
    """Whether a key is written by another name (KEY_ALIASES): then two keys may be one."""
    return not KEY_ALIASES.keys().isdisjoint(meta)


_COMMA = re.compile("[,，]")  # a list written as one text (a full-width comma: in brackets too)
_PARTS = {"date": "date（年-月-日）", "change": "change（改了什么）", "reason": "reason（为什么）"}


def _malformed(item, day) -> str | None:
    """What is wrong with one 勘误 record (``day``: what _day made of its date), in words; None when nothing is: an editor
    told only what a record should hold would look for the mistake among its three parts."""
    if not isinstance(item, dict):
        return "应为 {date, change, reason}，而不是一段文字"
    missing = [_PARTS[part] for part in _PARTS if not str(item.get(part) or "").strip()]
    extra = [str(part) for part in item if part not in _PARTS]
    if missing or extra:
        return "；".join(([f"缺少 {'、'.join(missing)}"] if missing else []) + ([f"有多余的键 {'、'.join(extra)}"] if extra else []))
    return {_FORMAT: f"的日期 {item['date']} 应写成 {meant_day(item['date']) or '年-月-日'}", _NO_DAY: f"的日期 {item['date']} 不存在",
            _OUT_OF_RANGE: f"的日期 {item['date']} 超出 {FIRST_YEAR}—{LAST_YEAR} 年"}.get(day)


class Fields:
    def __init__(self, source: Source, rule: str):
        self.source = source
        self.rule = rule
        self.diagnostics: list[Diagnostic] = []
        # the keys whose value was not taken for an error told here (their value None or empty): a rule comparing one
        # with a record (rules/lock.py) knows it is not what the editor wrote, and that its error is told already
        self.unread: set[str] = set()
        self.meta, self._lines, written = {}, {}, {}
        self._conflicts: set[str] = set()
        if not _renamed(source.meta):  # every key as named here (most files): no two can be one
            self.meta = dict(source.meta)
            self._lines = {key: line for key, line in source.key_lines.items() if key in self.meta}
            return
        for key, value in source.meta.items():
            name = KEY_ALIASES.get(key, key)
            if name in written:
                self._conflict(name, written[name], key)
            written[name], self.meta[name] = key, value
            if key in source.key_lines:
                self._lines[name] = source.key_lines[key]
        for name in self._conflicts:  # neither value is taken: the entry must not be published on a guess
            del self.meta[name]

    def _conflict(self, name: str, first: str, second: str) -> None:
        self._conflicts.add(name)
        self.unread.add(name)
        lines = f"第 {self.source.line_of(first)} 行和第 {self.source.line_of(second)} 行"
        self.diagnostics.append(Diagnostic(
            self.source.path, self.source.line_of(second), f"{first} 和 {second} 是同一项 {name}（{lines}），两个值都不采用",
            "只保留其中一个键，删除另一个", rule=self.rule))

    def line(self, key: str) -> int:
        return self._lines.get(key, 2)

    def problem(self, key: str | None, message: str, hint: str) -> None:
        line = self.line(key) if key else 1
        self.diagnostics.append(Diagnostic(self.source.path, line, message, hint, rule=self.rule))

    def dropped(self, key: str, message: str, hint: str) -> None:
        """A problem with ``key``'s value that leaves it (or a part of it) untaken: the key is ``unread``."""
        self.problem(key, message, hint)
        self.unread.add(key)

    def _raw(self, key: str, required: bool, example: str, hint: str | None = None):
        value = self.meta.get(key)
        if value is None or value == "" or value == []:
            if required and key not in self._conflicts:  # a conflict is reported already
                self.problem(None, f"缺少必填项 {key}", hint or f"在 front matter 中加入 {key}: {example}")
            return None
        return value

    def text(self, key: str, required: bool = True, example: str = "…", hint: str | None = None) -> str | None:
        """``hint`` replaces the example when there is no value an editor could copy (a legal reason)."""
        value = self._raw(key, required, example, hint)
        if value is None:
            return None
        if isinstance(value, (dict, list, bool)):  # true: YAML's reading of yes, on, true; the text would be True
            self.dropped(key, f"{key} 应为一段文字，而不是{yamlread.described(value)}",
                         f"写成 {key}: {example}" + ("（是文字的，加引号）" if isinstance(value, bool) else ""))
            return None
        return yamlread.text(value).strip()

    def texts(self, key: str, required: bool = False, example: str = "…") -> tuple[str, ...]:
        value = self._raw(key, required, example)
        if value is None:
            return ()
        items = value if isinstance(value, list) else [value]
        if any(isinstance(v, (dict, list, bool)) or v is None for v in items):
            self.dropped(key, f"{key} 应为文字或文字列表", f"写成 {key}: [{example}]")
            # the key is unread; its texts are kept, as refs keeps the numbers it reads: rules/lock.py compares them
            items = [v for v in items if not (isinstance(v, (dict, list, bool)) or v is None)]
        texts = tuple(yamlread.text(v).strip() for v in items)
        if joined := next((text for text in texts if _COMMA.search(text)), None):  # no value of a list holds a comma
            texts = tuple(part for text in texts for part in map(str.strip, _COMMA.split(text)) if part)
            self.problem(key, f"{key} 的几项写在了一段文字“{joined}”里", f"列表写成 {key}: [{', '.join(texts)}]（用半角逗号分隔）")
        return texts

    def integer(self, key: str, required: bool = True, example: str = "1") -> int | None:
        value = self._raw(key, required, example)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            self.dropped(key, f"{key} 应为非负整数，实际为 {yamlread.described(value)}", f"写成 {key}: {example}")
            return None
        return value

    def date(self, key: str, required: bool = True) -> dt.date | None:
        value = self._raw(key, required, "2018-06-05")
        if value is None:
            return None
        day = _day(value) if isinstance(value, (str, int)) else _FORMAT
        if day is _FORMAT:
            self.dropped(key, f"{key} 的日期 {yamlread.described(value)} 格式不对", f"写成 {key}: {meant_day(value) or '2018-06-05'}（年-月-日）")
            return None
        if day is _NO_DAY:
            self.dropped(key, f"{key} 的日期 {value} 不存在", "检查月份和日期（如 2 月没有 30 日）")
            return None
        if day is _OUT_OF_RANGE:
            self.dropped(key, f"{key} 的日期 {value} 超出 {FIRST_YEAR}—{LAST_YEAR} 年", "检查年份是否写错")
            return None
        return day

    def choice(self, key: str, vocabulary: dict, required: bool = True) -> str | None:
        value = self.text(key, required, example=next(iter(vocabulary)))
        if value is None:
            return None
        word = canonical(value, vocabulary)
        if word is None:
            allowed = "|".join(vocabulary)
            guess = suggest(value, vocabulary)
            maybe = f"（是否应为 {guess}？）" if guess else ""
            self.dropped(key, f"{key} {chars.quoted(value)} 无效，应为 {allowed}{maybe}", f"改为 {guess or allowed} 之一")
        return word

    def number(self, key: str, required: bool = True) -> DocNumber | None:
        value = self.text(key, required, example="锡政办发〔2018〕68号")
        if value is None:
            return None
        try:
            return DocNumber.parse(value)
        except ValueError as exc:
            self.dropped(key, str(exc), "按 机关代字〔年份〕序号号 的格式填写")
            return None

    def refs(self, key: str) -> tuple[DocRef, ...]:
        refs = []
        for value in self.texts(key, example="锡政办发〔2017〕95号"):
            try:
                refs.append(parse_reference(value))
            except ValueError as exc:
                self.dropped(key, f"{key}：{exc}", "填写被引用文件的文号或 id")
        return tuple(refs)

    def corrections(self, key: str) -> tuple[Correction, ...]:
        """勘误 records: a list of ``{date, change, reason}``, each part required."""
        value = self._raw(key, False, "")
        items = value if isinstance(value, list) else [] if value is None else [value]
        example = "- {date: 2018-07-02, change: 第三条“十五日”更正为“十日”, reason: 排版错误}"
        out = []
        for n, item in enumerate(items, 1):
            parts = item if isinstance(item, dict) else {}
            change, reason = str(parts.get("change") or "").strip(), str(parts.get("reason") or "").strip()
            day = _day(str(parts.get("date") or ""))
            if wrong := _malformed(item, day):
                self.dropped(key, f"{key} 第 {n} 条勘误{wrong}",
                             f"每条勘误含 date（年-月-日）、change（改了什么）、reason（为什么），不含其他键：\n  {example}")
                continue
            out.append(Correction(day, change, reason))
        return tuple(sorted(out, key=lambda c: c.date))

    def unknown_keys(self, allowed: tuple[str, ...]) -> None:
        for key in self.meta:
            if key not in allowed:
                guess = suggest(key, allowed)
                maybe = f"（是否应为 {guess}？）" if guess else ""
                self.problem(key, f"未知的键 {key}{maybe}", f"允许的键：{', '.join(allowed)}")
                if guess and guess not in self.meta:  # effctive: for effective, whose value is then not read
                    self.unread.add(guess)
