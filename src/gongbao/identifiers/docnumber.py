"""文号 (document numbers) and document ids as value objects.

A number is written many ways in real text: 〔〕 [] () 【】 or no brackets around the year,
full-width digits, stray spaces, Traditional or Simplified script (錫政辦發〔2017〕95 號).
``DocNumber.parse`` folds all of them to one value, so equal numbers compare equal and hash alike;
``str()`` formats the canonical form (锡政办发〔2017〕95号, 无锡市人民政府令第180号).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from gongbao.identifiers.chars import quoted
from gongbao.identifiers.script import to_simplified

# The one grammar of a number, read by ``DocNumber.parse`` and, generated from these same patterns
# (``browser_grammar``), by the search page: written in the subset Python and JavaScript read alike.
_OPEN, _CLOSE = r"[〔\[(【〖{]", r"[〕\])】〗}]"
_AGENCY = r"[\u3400-\u9fff]+"  # a 机关代字: Chinese characters and nothing else
_SERIAL = r"(?P<serial>[0-9]{1,6})"
_END = r"(?:号(?:文件?)?)?$"  # 号 may be left out; a citation says …号文 or …号文件
_YEAR_NUMBER = re.compile(
    r"^(?P<agency>" + _AGENCY + r"?)"         # 机关代字, e.g. 锡政办发
    + _OPEN + r"?(?P<year>(?:19|20)[0-9]{2})"  # the year, in any bracket or none
    + r"(?:" + _CLOSE + r"|年)?"                # …or followed by 年: 锡政办发2018年68号
    + r"第?" + _SERIAL + _END)
_ORDER = re.compile(
    r"^(?P<agency>" + _AGENCY + r"令)"         # 政府令 numbering has no year: 无锡市人民政府令
    + r"第" + _SERIAL + _END)                    # 第180号
_ID = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$")
# A number cited in running text (folded to Simplified, spaces kept): the run of up to 16 characters before it,
# of which its 机关代字 is the end (根据国办发〔2016〕80号: run 根据国办发, so 国办发 and 办发 both cite it);
# spaces, any bracket or 年, 第 and zeros may stand between the parts, never another digit.
_CITED = re.compile(
    r"(?P<run>[\u3400-\u9fff]{1,16})\s*[〔\[(（【〖{［]?\s*(?P<year>(?:19|20)[0-9]{2})"   # …〔2016〕
    r"\s*(?:[〕\])）】〗}］]|年)?\s*第?\s*0*(?P<serial>[0-9]{1,6})\s*号"                 # 80号
    r"|(?P<order>[\u3400-\u9fff]{0,15}令)\s*第\s*0*(?P<ordinal>[0-9]{1,6})\s*号")       # …令第180号


def is_agency(text: str) -> bool:
    """Whether ``text`` is a 机关代字 a number can have (``DocNumber.agency``): one the grammar reads."""
    return re.fullmatch(_AGENCY, text) is not None


def browser_grammar() -> dict[str, str]:
    """The patterns for the search page's script (JavaScript writes a named group ``(?<name>…)``)."""
    return {name: pattern.pattern.replace("(?P<", "(?<")
            for name, pattern in (("number", _YEAR_NUMBER), ("order", _ORDER), ("cited", _CITED))}


@dataclass(frozen=True)
class Citation:
    """A number as running text cites it: ``key`` its year and serial (〔2016〕80号, 第180号 for a 令), ``run``
    the characters before them (its 机关代字 ends it), ``start``/``end`` where the 机关代字's run begins and 号 ends."""

    key: str
    run: str
    start: int
    end: int

    def cites(self, number: "DocNumber") -> bool:
        return self.key == citation_key(number.year, number.serial) and self.run.endswith(number.agency)


def citation_key(year: int | None, serial: int) -> str:
    """What a citation of a number is filed under: its year and serial, without the 机关代字 (gb-search.js citedKey)."""
    return f"第{serial}号" if year is None else f"〔{year}〕{serial}号"


_REACH = 64  # characters before a 号 within which its citation begins (16 of run, the rest a year and a serial)
_MARK = re.compile("号")


def citations(text: str) -> list[Citation]:
    """Every number ``text`` (folded to Simplified, whitespace collapsed to one space) cites, in the order written.
    The pattern is tried only just before each 号: over the whole text it cost 0.5 µs a character."""
    out: list[Citation] = []
    done = 0
    for at in (m.end() for m in _MARK.finditer(text)):
        while m := _CITED.search(text, max(done, at - _REACH), at):
            done = m.end()
            key = citation_key(None, int(m["ordinal"])) if m["order"] else citation_key(int(m["year"]), int(m["serial"]))
            out.append(Citation(key, m["order"] or m["run"], m.start(), m.end()))
    return out


_SPACES = re.compile(r"\s+")


def _fold(text: str) -> str:
    # NFKC turns full-width digits, parentheses and square brackets into ASCII.
    folded = unicodedata.normalize("NFKC", str(text))
    return _SPACES.sub("", to_simplified(folded))


@dataclass(frozen=True, order=True)
class DocNumber:
    agency: str
    year: int | None
    serial: int

    @classmethod
    def parse(cls, text: str) -> "DocNumber":
        folded = _fold(text)
        match = _YEAR_NUMBER.match(folded)
        if match:
            return cls(match["agency"], int(match["year"]), int(match["serial"]))
        match = _ORDER.match(folded)
        if match:
            return cls(match["agency"], None, int(match["serial"]))
        raise ValueError(
            f"文号{quoted(text)}无法识别：应为 机关代字〔年份〕序号号（如 锡政办发〔2018〕68号）"
            f"或 …令第N号（如 无锡市人民政府令第180号）"
        )

    def __str__(self) -> str:
        if self.year is None:
            return f"{self.agency}第{self.serial}号"
        return f"{self.agency}〔{self.year}〕{self.serial}号"


@dataclass(frozen=True, order=True)
class DocId:
    """The explicit identifier of a document that has no 文号."""

    value: str

    @classmethod
    def parse(cls, text: str) -> "DocId":
        value = str(text).strip()
        if not _ID.match(value):
            raise ValueError(f"id {quoted(text)} 无效：只能用小写英文字母、数字和连字符，如 wx-2018-notice-12")
        return cls(value)

    def __str__(self) -> str:
        return self.value


DocRef = DocNumber | DocId


def parse_reference(text: str) -> DocRef:
    """A reference to a document: its number in any variant, or its id."""
    try:
        return DocNumber.parse(text)
    except ValueError:
        pass
    try:
        return DocId.parse(text)
    except ValueError:
        raise ValueError(f"{quoted(text)}既不是文号（如 锡政办发〔2018〕68号）也不是 id（如 wx-2018-notice-12）") from None
