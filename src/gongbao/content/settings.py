"""Site-level settings, read from ``gazette.yml`` at the repository's top level."""
from __future__ import annotations

import datetime as dt
import difflib
from collections import Counter
import html
import re
from re import _parser as re_parser
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml

from gongbao.identifiers import chars
from gongbao.identifiers.docnumber import is_agency
from gongbao.identifiers.script import to_simplified
from gongbao.content import redaction
from gongbao.content.diagnostics import ContentError, Diagnostic
from gongbao.content.fields import FIRST_YEAR, LAST_YEAR, meant_day
from gongbao.content.urls import ID_CODE
from gongbao.identifiers.vocabulary import LANGUAGES, TYPES
from gongbao.content.yamlread import described, read_file

FILENAME = "gazette.yml"


@dataclass(frozen=True)
class Settings:
    site_name: str = "政府公报"
    site_url: str = ""
    interface_script: str = "zh-Hans"
    default_language: str = "zh-Hans"
    grace_days: int = 0
    strict: bool = False
    issuers: dict[str, str] = field(default_factory=dict)        # 制发机关 → catalogue slug
    issuer_codes: dict[str, str] = field(default_factory=dict)   # 机关代字 → URL code
    footer: dict[str, str] = field(default_factory=dict)
    topics: dict[str, str] = field(default_factory=dict)         # 主题分类 → catalogue slug; empty: the 22 defaults
    # the slugs an issuer's or a topic's catalogue page and feed were published under before (``previous_slugs``), by
    # section (issuers, topics) and name: each still leads to the slug the name has now
    previous_slugs: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    # the line of each section of SLUGGED and of each of its names (``issuers.<name>``): a rule tells a slug's fate there
    slug_lines: dict[str, int] = field(default_factory=dict)
    # the line of issuer_codes and of each of its 机关代字 as written (``issuer_codes.<代字>``): a code published is told there
    code_lines: dict[str, int] = field(default_factory=dict)
    index_number_pattern: str = ""                               # regex a 索引号 must match in full; empty: any
    # public participation (gongbao.content.participation): days after a consultation closed without its
    # 意见采纳情况 before the build warns, then refuses; documents that must have been consulted on
    feedback_warn_days: int = 30
    feedback_refuse_days: int = 90
    consultation_types: tuple[str, ...] = ()   # 文件类型 that always need a 征求意见稿
    consultation_topics: tuple[str, ...] = ()  # 主题分类 whose 规章 and 规范性文件 need one
    # Documents published before it need no interpretation: the duty dates from 国办发〔2016〕80号; None: all do.
    interpretations_required_from: dt.date | None = None
    # The day a snapshot is judged on (the sample): gongbao.content.clock; None, a live gazette: the build's day.
    build_date: dt.date | None = None
    build_date_line: int = 0  # where gazette.yml pins it: the warning points there
    # the line of each key of ``site`` (name, url, interface_script, default_language; of ``site:`` when not written):
    # the lock rule tells there what one of them changes of a published page
    site_lines: dict[str, int] = field(default_factory=dict)
    # The settings gazette.yml has errors in, read at their defaults (``read``): the check goes on past those errors,
    # and a rule says nothing it would make of such a default (``unsure``), as the right value might not make it.
    unread: frozenset[str] = frozenset()
    # 机关代字 of issuer_codes whose own line has errors (a code 'XZF', a list, one used twice): left out of
    # issuer_codes, which the rules read as written otherwise, and a rule says nothing of a number with one of them
    unread_codes: frozenset[str] = frozenset()

    def unsure(self, *keys: str) -> bool:
        """Whether any of these settings has errors in gazette.yml: what a rule makes of it may be noise (the check
        fails on those errors anyway)."""
        return not self.unread.isdisjoint(keys)

    def listed(self, agency: str) -> bool:
        """Whether issuer_codes lists the 机关代字, its code read or not (``unread_codes``): a number with one it does not
        list has a typo (rules/issuers.py)."""
        return agency in self.issuer_codes or agency in self.unread_codes


MAX_GRACE_DAYS = 365  # 同步发布 allows days, not years; a bigger number is a typo (and overflows dates)
REQUIRED_FROM = "interpretations_required_from"
BUILD_DATE = "build_date"
SECTIONS = ("site", "issuers", "issuer_codes", "footer", "topics")  # each a mapping of name: text
# each a mapping of name: slug, or name: {slug: …, previous_slugs: […]} once a slug moved (its catalogue page and feed)
SLUGGED = ("issuers", "topics")
SLUG = re.compile(r"[a-z0-9-]+")  # ASCII: a full-width or capital letter would be a second spelling of a URL
_MOVED_KEYS = ("slug", "previous_slugs")
# What gazette.yml may set: a misspelt key would be ignored, and its default used without a word
KEYS = SECTIONS + ("interpretation_grace_days", "feedback_warn_days", "feedback_refuse_days", "consultation_types",
                   "consultation_topics", REQUIRED_FROM, BUILD_DATE, "strict", "index_number_pattern")
SITE_KEYS = tuple(f"site.{key}" for key in ("name", "url", "interface_script", "default_language"))


ALL = frozenset(KEYS)
EXAMPLE = ("照 gongbao 自带的样例 gazette.yml 写（每项设置都有注释；说明见 docs/content-contract.md），至少写 site（name、url）、"
           "issuers（制发机关: 代码）和 issuer_codes（机关代字: 网址代码）")


def load(root: Path) -> Settings:
    """Settings from ``root/gazette.yml``; raises ContentError listing every problem."""
    settings, problems = read(root)
    if problems:
        raise ContentError(problems)
    return settings


def read(root: Path) -> tuple[Settings, list[Diagnostic]]:
    """The settings of ``root/gazette.yml`` and every problem in it. A setting with a problem is read at its default
    and named in ``Settings.unread``; a file that cannot be read, or holds no settings, leaves them all unread."""
    path = root / FILENAME
    if not path.exists():
        return Settings(), []
    node, data, unreadable = read_file(path, FILENAME, "配置文件")
    if unreadable:
        return Settings(unread=ALL), [unreadable]
    if node is None or data in (None, "", {}):  # nothing, or only comments: one problem, not one for each issuer and 机关代字 of the content
        return Settings(unread=ALL), [Diagnostic(FILENAME, 1, f"{FILENAME} 是空的，没有任何设置",
                                                 f"用 git 恢复它（git restore {FILENAME}）；新建的公报{EXAMPLE}")]
    if not isinstance(data, dict):
        return Settings(unread=ALL), [Diagnostic(FILENAME, 1, f"{FILENAME} 应为 key: value 形式的设置，而不是{described(data)}",
                                                 f"每行写一个 key: value，{EXAMPLE}")]
    lines, problems = _key_lines(node)
    problems += _unknown_keys(data, lines)
    problems += _shape_problems(data, lines)
    # a misspelt key is a setting left at its default: that setting is as unsure as one written wrong
    unread = _unread(problems, lines) | {near for name in data if (near := _meant(str(name)))}
    codes = _codes_unread(problems, lines)
    # each entry of a section is checked even when the section's own line has an error (written twice, or a
    # character in one entry): the editor is told of a code 'XZF' below it in the same round
    settings = _settings(data, lines, unread, codes)
    written = _settings(_entries(data, lines, problems), lines, unread - set(SECTIONS), codes)
    later = _reading_problems(written, lines) + _code_problems(written, lines) + [
        Diagnostic(FILENAME, _line(lines, "site", key), f"{key} 应为 zh-Hans 或 zh-Hant", "改为 zh-Hans 或 zh-Hant")
        for key in ("interface_script", "default_language") if getattr(written, key) not in LANGUAGES]
    problems += later + _printed_problems(written, lines)  # printed only: no check reads them
    if later:
        unread |= _unread(later, lines)
        settings = _settings(data, lines, unread, codes | _codes_unread(later, lines))
    return settings, problems


def _settings(data: dict, lines: dict[str, int], unread: frozenset[str], codes: frozenset[str] = frozenset()) -> Settings:
    """The settings ``data`` holds, each of ``unread`` at its default, issuer_codes without the 机关代字 ``codes``."""
    data = {key: value for key, value in data.items() if str(key) not in unread}
    site = data.get("site") or {}
    return Settings(
        site_name=str(site.get("name") or Settings.site_name),
        site_url=str(site.get("url") or ""),
        interface_script=str(site.get("interface_script") or "zh-Hans"),
        default_language=str(site.get("default_language") or "zh-Hans"),
        grace_days=data.get("interpretation_grace_days", 0),
        strict=data.get("strict", False),
        issuers=_slugs(data.get("issuers")),
        issuer_codes={_agency(k): str(v) for k, v in (data.get("issuer_codes") or {}).items() if _agency(k) not in codes},
        footer={str(k): str(v) for k, v in (data.get("footer") or {}).items() if v},
        topics=_slugs(data.get("topics")),
        previous_slugs={section: {str(name): tuple(str(old) for old in value["previous_slugs"])
                                  for name, value in (data.get(section) or {}).items()
                                  if isinstance(value, dict) and isinstance(value.get("previous_slugs"), list)}
                        for section in SLUGGED},
        slug_lines={key: line for key, line in lines.items() if key.split(".", 1)[0] in SLUGGED},
        code_lines={key: line for key, line in lines.items() if key.split(".", 1)[0] == "issuer_codes"},
        index_number_pattern=str(data.get("index_number_pattern") or ""),
        **_participation(data),
        interpretations_required_from=_date(data.get(REQUIRED_FROM)),
        build_date=_date(data.get(BUILD_DATE)),
        build_date_line=lines.get(BUILD_DATE, 0),
        site_lines={key: _line(lines, "site", key) for key in (name.split(".", 1)[1] for name in SITE_KEYS)},
        unread=frozenset(unread),
        unread_codes=frozenset() if "issuer_codes" in unread else codes,
    )


def _slugs(section) -> dict[str, str]:
    """Each name of an issuers or topics section with its slug now (written alone, or as the mapping's ``slug``)."""
    return {str(name): str(value.get("slug") if isinstance(value, dict) else value) for name, value in (section or {}).items()}


def _moved_shape(item: dict) -> str | None:
    """What is wrong with an issuer's or topic's {slug: …, previous_slugs: […]}, if anything."""
    if set(item) - set(_MOVED_KEYS) or "slug" not in item:
        return f"应为 {{slug: 代码, previous_slugs: [以前的代码]}}，而不是含有 {'、'.join(map(described, item))} 的映射"
    if isinstance(item["slug"], (dict, list, bool)) or item["slug"] is None:
        return f"的 slug 应为一段文字，而不是{described(item['slug'])}"
    old = item.get("previous_slugs", [""])
    if not (isinstance(old, list) and old and all(isinstance(v, str) for v in old)):
        return f"的 previous_slugs 应为以前的代码的列表，如 [wxszfbgs]，而不是{described(old)}"
    return None


def _entries(data: dict, lines: dict[str, int], problems: list[Diagnostic]) -> dict:
    """``data`` with each section as its entries without a problem at their line: none of a section that is not a
    mapping, none on a line with an error (the section's own line too, {锡政发: xzf, …} written on it)."""
    bad = {problem.line for problem in problems}
    return data | {section: {name: item for name, item in value.items() if _line(lines, section, _name(section, name)) not in bad}
                   if isinstance(value := data.get(section), dict) else None for section in SECTIONS}


def _unread(problems: list[Diagnostic], lines: dict[str, int]) -> frozenset[str]:
    """The top-level settings ``problems`` are in: each problem is at a line of its setting's block (the last key
    that starts at or above it); one above every key leaves them all unread. One at a 机关代字's own line leaves that
    one unread only (``_codes_unread``): a mistyped code would otherwise hide every number's error until it is fixed."""
    starts = sorted((line, name) for name, line in lines.items() if "." not in name)
    own = _code_lines(lines)
    found = set()
    for problem in [p for p in problems if p.line not in own]:
        above = [name for line, name in starts if line <= problem.line]
        found |= {above[-1]} if above else ALL
    return frozenset(found)


def _code_lines(lines: dict[str, int]) -> dict[int, str]:
    """The 机关代字 of issuer_codes by the line it alone is on (not written on the section's line, {锡政发: xzf, …})."""
    on = Counter(line for name, line in lines.items() if name.startswith("issuer_codes."))
    return {line: name.split(".", 1)[1] for name, line in lines.items()
            if name.startswith("issuer_codes.") and on[line] == 1 and line != lines.get("issuer_codes")}


def _codes_unread(problems: list[Diagnostic], lines: dict[str, int]) -> frozenset[str]:
    """The 机关代字 of issuer_codes with a problem at its own line."""
    own = _code_lines(lines)
    return frozenset(own[p.line] for p in problems if p.line in own)


def _meant(name: str) -> str | None:
    """The known top-level setting an unknown key (or one of site's) is near, if any."""
    near = difflib.get_close_matches(name, KEYS, n=1)
    return near[0] if near and name not in KEYS else None

def _key_lines(node) -> tuple[dict[str, int], list[Diagnostic]]:
    """Line of each top-level key, and of each key of a section as ``section.key``; and a key written
    twice, which PyYAML silently reads as its last value."""
    lines, repeated = {}, []
    pairs = node.value if isinstance(node, yaml.MappingNode) else []
    keys = [(str(key.value), key) for key, _ in pairs]
    keys += [(f"{key.value}.{_name(key.value, sub.value)}", sub) for key, value in pairs
             if isinstance(value, yaml.MappingNode) for sub, _ in value.value]
    for name, key in keys:
        line = key.start_mark.line + 1
        if name in lines:
            repeated.append(Diagnostic(FILENAME, line, f"{_key_shown(name)} 出现了两次（第 {lines[name]} 行和第 {line} 行）",
                                       "只保留一个，删除另一个"))
        lines.setdefault(name, line)
    return lines, repeated


def _name(section, key) -> str:
    """A section's key as the settings hold it: issuer_codes by the agency's 简体, so that one written in 繁体 has
    its own line, and one written in both scripts is a key written twice (the second code replaced the first)."""
    return _agency(key) if section == "issuer_codes" else str(key)


def _key_shown(key: str) -> str:
    """A key as a message names it: a setting's own name as it is, a name the editor chose (an issuer's, a topic's, a
    footer field's, a key no setting has) quoted, so that a zero-width space in it shows (chars.quoted)."""
    if key in KEYS or key in SITE_KEYS:
        return key
    section, dot, name = key.partition(".")
    return f"{section} 中 {chars.quoted(name)}" if dot and section in SECTIONS else chars.quoted(key)


def _line(lines: dict[str, int], section: str, name) -> int:
    """The line of ``section.name``, else of the section, else 1."""
    return lines.get(f"{section}.{name}") or lines.get(section, 1)


def _unknown_keys(data: dict, lines: dict[str, int]) -> list[Diagnostic]:
    """Keys of the top level and of ``site`` that no setting has, with the nearest one that does."""
    site = data.get("site")
    names = [str(key) for key in data] + [f"site.{key}" for key in (site if isinstance(site, dict) else ())]
    problems = []
    for name in names:
        known = SITE_KEYS if name.startswith("site.") else KEYS
        if name not in known:
            near = difflib.get_close_matches(name, known, n=1)
            problems.append(Diagnostic(FILENAME, lines.get(name, 1), f"未知的设置 {_key_shown(name)}" + (f"（是否应为 {near[0]}？）" if near else ""),
                                       "删去它，或改正拼写"))
    return problems


def _shape_problems(data: dict, lines: dict[str, int]) -> list[Diagnostic]:
    """Sections that are not mappings of text, numbers that are not sane, characters no page may hold."""
    problems = []
    for key, value in data.items():
        # a section's entry at its own line: one character in one 机关代字's code leaves that one unread, not the section
        entries = value.items() if key in SECTIONS and isinstance(value, dict) and not chars.bad_character(key) else ()
        for name, item in entries:
            if found := chars.bad_character([name, item]):
                problems.append(Diagnostic(FILENAME, _line(lines, key, _name(key, name)), f"{key} 中 {described(name)} 含有{found}", chars.HINT))
        if not entries and (found := chars.bad_character([key, value])):
            problems.append(Diagnostic(FILENAME, lines.get(str(key), 1), f"{described(str(key))} 含有{found}", chars.HINT))
    for section in SECTIONS:
        value = data.get(section)
        if value in (None, ""):
            continue
        if not isinstance(value, dict):
            problems.append(Diagnostic(FILENAME, lines.get(section, 1), f"{section} 应为 名称: 值 的映射，而不是{described(value)}",
                                       f"写成\n{section}:\n  名称: 值"))
            continue
        for name, item in value.items():
            if section in SLUGGED and isinstance(item, dict):  # a slug that moved
                if wrong := _moved_shape(item):
                    problems.append(Diagnostic(FILENAME, _line(lines, section, name), f"{section} 中 {described(name)} {wrong}",
                                               f"写成 {chars.shown(str(name))}: 代码，或 {chars.shown(str(name))}: "
                                               "{slug: 现在的代码, previous_slugs: [以前的代码]}"))
                continue
            # a name's code or a page's text: nothing (锡政发: and no code), true or false are none (str() made them
            # None and True); site and footer may leave a value out
            if isinstance(item, (dict, list, bool)) or (item is None and section not in ("site", "footer")):
                problems.append(Diagnostic(FILENAME, _line(lines, section, _name(section, name)),
                                           f"{section} 中 {described(name)} 的值应为一段文字，而不是{described(item)}",
                                           f"写成 {chars.shown(str(name))}: 值"))
    pattern = data.get("index_number_pattern")
    if isinstance(pattern, (dict, list)):
        problems.append(Diagnostic(FILENAME, lines.get("index_number_pattern", 1),
                                   f"index_number_pattern 应为一段文字，而不是{described(pattern)}", r"例如 ^\d{9}/\d{4}-\d{5}$"))
    grace = data.get("interpretation_grace_days", 0)
    if isinstance(grace, bool) or not isinstance(grace, int) or not 0 <= grace <= MAX_GRACE_DAYS:
        problems.append(Diagnostic(FILENAME, lines.get("interpretation_grace_days", 1),
                                   f"interpretation_grace_days 应为 0 到 {MAX_GRACE_DAYS} 之间的整数（天），实际为 {described(grace)}",
                                   "例如 0（同步发布）或 5"))
    problems += _participation_problems(data, lines)
    for key, example in ((REQUIRED_FROM, "2016-11-10（国办发〔2016〕80号 印发之日）；不写则所有规章、规范性文件都要有解读"),
                         (BUILD_DATE, "2026-11-29；只有示例或存档的快照才写它，正式运行的公报不写（按生成当天判断）")):
        value = data.get(key)
        if value is not None and _date(value) is None:
            meant = meant_day(value)  # written another way (2016年11月10日): the day it names, not an example to copy
            # the check judges nothing by a day nobody chose (gongbao.content.clock.judged_on): the editor is told why
            unjudged = "；改正之前，不判断文件是否施行、失效，征求意见是否逾期" if key == BUILD_DATE else ""
            problems.append(Diagnostic(FILENAME, lines.get(key, 1),
                                       f"{key} 应为 {FIRST_YEAR} 至 {LAST_YEAR} 年间的日期（年-月-日），实际为 {described(value)}{unjudged}",
                                       f"写成 {key}: {meant}" if meant else f"例如 {key}: {example}"))
    if not isinstance(data.get("strict", False), bool):
        problems.append(Diagnostic(FILENAME, lines.get("strict", 1), f"strict 应为 true 或 false，实际为 {described(data['strict'])}",
                                   "写成 strict: true 或 strict: false"))
    return problems


MAX_FEEDBACK_DAYS = 3650
_PARTICIPATION_LISTS = ("consultation_types", "consultation_topics")


def _participation(data: dict) -> dict:
    return {"feedback_warn_days": data.get("feedback_warn_days", Settings.feedback_warn_days),
            "feedback_refuse_days": data.get("feedback_refuse_days", Settings.feedback_refuse_days),
            **{key: tuple(str(v) for v in data.get(key) or ()) for key in _PARTICIPATION_LISTS}}


def _participation_problems(data: dict, lines: dict[str, int]) -> list[Diagnostic]:
    """Feedback limits are whole days, the second not before the first; the lists are lists of names."""
    problems = []
    days = {key: data.get(key, getattr(Settings, key)) for key in ("feedback_warn_days", "feedback_refuse_days")}
    for key, value in days.items():
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_FEEDBACK_DAYS:
            problems.append(Diagnostic(FILENAME, lines.get(key, 1), f"{key} 应为 0 到 {MAX_FEEDBACK_DAYS} 之间的整数（天），实际为 {described(value)}",
                                       "例如 feedback_warn_days: 30 和 feedback_refuse_days: 90"))
    if not problems and days["feedback_refuse_days"] < days["feedback_warn_days"]:
        problems.append(Diagnostic(FILENAME, lines.get("feedback_refuse_days", 1),
                                   f"feedback_refuse_days（{days['feedback_refuse_days']}）小于 feedback_warn_days（{days['feedback_warn_days']}）",
                                   "先警告、后拒绝：feedback_refuse_days 不能小于 feedback_warn_days"))
    for key in _PARTICIPATION_LISTS:
        value = data.get(key)
        if value not in (None, "") and not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
            problems.append(Diagnostic(FILENAME, lines.get(key, 1), f"{key} 应为文字列表，而不是{described(value)}",
                                       f"写成 {key}: [规章]"))
    types = data.get("consultation_types")
    for name in types if isinstance(types, list) else ():
        if isinstance(name, str) and name not in TYPES:  # another kind is told above
            problems.append(Diagnostic(FILENAME, lines.get("consultation_types", 1), f"consultation_types 中 {described(name)} 不是文件类型",
                                       f"改为 {'|'.join(TYPES)} 之一"))
    return problems


def _code_problems(settings: Settings, lines: dict[str, int]) -> list[Diagnostic]:
    """Issuer codes and slugs become permanent URLs (doc/<code>/…, catalogue pages): they must be usable."""
    problems = []
    for agency, code in settings.issuer_codes.items():
        # a key no grammar read: it names the number an earlier URL with its code had, whose alias the hosts' rules
        # carry as written (redirects.earlier_numbers; a quote or brace ended nginx's location, ../ left wh/)
        if not is_agency(agency):
            problems.append(Diagnostic(FILENAME, _line(lines, "issuer_codes", agency),
                                       f"issuer_codes 中 {chars.quoted(agency)} 不是机关代字：文号中的机关代字只由汉字组成",
                                       "写文号中年份前的汉字，如 锡政办发〔2018〕68号 的 锡政办发；政府令写到“令”字，如 无锡市人民政府令"))
        if not re.fullmatch(r"[a-z][a-z0-9]*", code):
            problems.append(Diagnostic(FILENAME, _line(lines, "issuer_codes", agency), f"issuer_codes 中 {chars.quoted(agency)} 的代码 {described(code)} 无效",
                                       "用小写字母开头的小写字母和数字，如 xzbf"))
        elif code == ID_CODE:
            problems.append(Diagnostic(FILENAME, _line(lines, "issuer_codes", agency), f"issuer_codes 中 {chars.quoted(agency)} 的代码不能是 {ID_CODE}",
                                       f"doc/{ID_CODE}/ 留给没有文号的文件，换一个代码，如 xzbf"))
    problems += _reused(settings.issuer_codes, lines, "issuer_codes", "机关代字")
    for issuer, slug in settings.issuers.items():
        if not SLUG.fullmatch(slug):
            problems.append(Diagnostic(FILENAME, _line(lines, "issuers", issuer), f"issuers 中 {chars.quoted(issuer)} 的代码 {described(slug)} 无效",
                                       "用小写字母、数字和连字符，如 wxszf"))
    # Each names one issuer: a second issuer with one slug would write its listing and feed over the first's.
    problems += _reused(settings.issuers, lines, "issuers", "机关")
    return problems + _previous_problems(settings, lines, "issuers")


def _previous_problems(settings: Settings, lines: dict[str, int], section: str) -> list[Diagnostic]:
    """An issuer's or topic's previous slugs each lead to its slug now (its old catalogue page and feed redirect there):
    one must be a usable URL, no name's slug now (the page there would be that name's, and the redirect another's), and
    claimed by one name only (which of two listings the old URL leads to, nothing tells)."""
    problems, claimed = [], {}
    current = getattr(settings, section)
    by_slug = {slug: name for name, slug in current.items()}
    for name, olds in settings.previous_slugs.get(section, {}).items():
        line = _line(lines, section, name)
        for old in olds:
            if not SLUG.fullmatch(old):
                problems.append(Diagnostic(FILENAME, line, f"{section} 中 {chars.quoted(name)} 的 previous_slugs 中 {described(old)} 不是代码",
                                           "照发布时的网址原样写（小写字母、数字和连字符），如 catalog/issuer/wxszfbgs/ 的 wxszfbgs"))
            elif old in by_slug:
                problems.append(Diagnostic(FILENAME, line, f"{section} 中 {chars.quoted(name)} 的 previous_slugs 中 {chars.quoted(old)} "
                                           f"是{'它自己' if by_slug[old] == name else f' {chars.quoted(by_slug[old])} '}现在的代码",
                                           "一个代码的网址只能属于一个名称：从 previous_slugs 中删去它，或给那个名称换回它发布时的代码"))
            elif old in claimed and claimed[old] != name:
                problems.append(Diagnostic(FILENAME, line, f"{section} 中 {chars.quoted(old)} 同时是 {chars.quoted(claimed[old])} 和 "
                                           f"{chars.quoted(name)} 以前的代码",
                                           "旧网址只能转到一处：只在发布时用它的那个名称下写它"))
            claimed.setdefault(old, name)
    return problems


_WEB_URL = re.compile(r"https?://[^\s\"'<>\\`/]+(?:/[^\s\"'<>\\`]*)?")
_LOGO_PATH = re.compile(r"[^\s\"'<>\\:/?#][^\s\"'<>\\:?#]*")  # relative: no scheme, not absolute
_MARKUP = re.compile(r"[<>\"']")


def _printed_problems(settings: Settings, lines: dict[str, int]) -> list[Diagnostic]:
    """Values the theme prints. Material prints the site name and a page's title unescaped (in text and
    in attributes; a catalogue page's title is an issuer's or a topic's name) and the templates put
    site.url and the footer's links into href: they must be what they claim to be, never markup or a
    javascript: link."""
    problems = []
    names = {"site.name": settings.site_name} | {f"{section}.{name}": name for section in ("issuers", "topics")
                                                 for name in getattr(settings, section)}
    for key, name in names.items():  # a catalogue page's title is an issuer's or a topic's name
        if found := _MARKUP.search(name):
            problems.append(Diagnostic(FILENAME, lines.get(key, 1), f"{_key_shown(key)} 中不能含有 {found[0]}（页面模板会把它当作 HTML）",
                                       "名称只写文字，书名号用《》"))
        elif char := chars.control_shown(name):  # &#x202e;: the character itself is refused with every value's
            problems.append(Diagnostic(FILENAME, lines.get(key, 1), f"{_key_shown(key)} 中的字符引用写出了{chars.describe(char)}",
                                       "删除这个字符引用；名称只写文字"))
        elif found := chars.reference(name):  # printed as HTML by the theme, escaped by the project's pages and twins
            problems.append(Diagnostic(FILENAME, lines.get(key, 1), f"{chars.shown(key)} 中不能含有字符引用 {chars.quoted(found)}："
                                       f"页面模板把名称当作 HTML 印出，显示的是 {chars.quoted(html.unescape(found))}，文件页、JSON 和订阅印出的却是引用本身",
                                       "直接写出这个字符；名称只写文字"))
    # Printed on every page as written: the loader replaces marked passages in content files only.
    printed = names | {f"footer.{k}": v for k, v in settings.footer.items()}
    for key, value in printed.items():
        if redaction.has_marks(value):
            problems.append(Diagnostic(FILENAME, lines.get(key, 1), f"{_key_shown(key)} 中不能含有不予公开标记（设置原样印在每一页上）",
                                       "不予公开的内容不要写进 gazette.yml"))
    urls = {"site.url": settings.site_url} if settings.site_url else {}
    urls |= {f"footer.{k}": v for k, v in settings.footer.items() if k.endswith("_url")}
    for key, value in urls.items():
        if not web_url(value):
            problems.append(Diagnostic(FILENAME, lines.get(key, 1), f"{key} 应为以 http:// 或 https:// 开头的完整网址，而不是 {described(value)}",
                                       "例如 https://gazette.example.gov.cn/（网址中不能有空格、引号或尖括号）"))
        elif key == "site.url" and site_folder(value) is None:
            problems.append(Diagnostic(FILENAME, lines.get(key, 1),
                                       f"site.url 的路径 {described(urlsplit(value).path)} 解码后只能由文字、数字和 - . _ ~ 组成，各段以 / 分开，"
                                       "不能有空段、. 或 ..（否则 nginx 的转向规则无法匹配）",
                                       "例如 https://www.example.gov.cn/公报/ 或 https://www.example.gov.cn/gazette/"))
    logo = settings.footer.get("gov_logo")
    if logo and (not _LOGO_PATH.fullmatch(logo) or ".." in logo.split("/")):
        problems.append(Diagnostic(FILENAME, lines.get("footer.gov_logo", 0), f"footer.gov_logo 应为 content/ 下的图片路径，而不是 {described(logo)}",
                                   "例如 assets/dzjg.png"))
    return problems


def web_url(value: str) -> bool:
    """An http(s) address of a host, as browsers and feed readers read it: no spaces or markup, a host,
    a port of 1–65535 digits when one is written, no user:password@ (a reader would be sent elsewhere
    than it looks: https://gazette.gov.cn@evil.example/)."""
    if not _WEB_URL.fullmatch(value):
        return False
    parts = urlsplit(value)
    try:
        port = parts.port  # ValueError: not a number, or outside 0–65535
    except ValueError:
        return False
    return bool(parts.hostname) and "@" not in parts.netloc and port != 0


def site_folder(site_url: str) -> str | None:
    """The folder the site is served from as nginx matches a location: on the path percent-decoded, its dot segments
    and repeated slashes resolved (``/`` or ``/公报/``, whether site.url writes 公报 or %E5%85%AC%E6%8A%A5). None when a
    part of it, decoded, is not plain text (letters and digits of any script, - . _ ~): a quote, space, brace, semicolon
    or backslash would end the rule's quoted location or its line, a %2F splits a part in two, and an empty, . or ..
    part nginx resolves away, so no location written from the path as it stands would ever match."""
    folder = urlsplit(site_url).path.removeprefix("/").removesuffix("/")
    try:
        parts = [unquote(part, errors="strict") for part in folder.split("/")] if folder else []
    except UnicodeDecodeError:  # %FF: no text a location could hold
        return None
    if not all(_FOLDER_PART.fullmatch(part) and part not in (".", "..") for part in parts):
        return None
    return "/" + "".join(part + "/" for part in parts)


_FOLDER_PART = re.compile(r"[\w.~-]+")


def _date(value) -> dt.date | None:
    """A date YAML read as one (2016-11-10) or as text of that form; None for anything else."""
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        return None
    return value if FIRST_YEAR <= value.year <= LAST_YEAR else None


def _agency(text) -> str:
    return to_simplified(str(text).strip())


def _reused(codes: dict[str, str], lines: dict[str, int], section: str, what: str) -> list[Diagnostic]:
    """A code given to more than one name, at the line of the last name that has it."""
    last = {code: name for name, code in codes.items()}
    return [Diagnostic(FILENAME, _line(lines, section, last[code]), f"{section} 中代码 {chars.quoted(code)} 被多个{what}使用", f"每个{what}用不同代码")
            for code, count in sorted(Counter(codes.values()).items()) if count > 1]


def _reading_problems(settings: Settings, lines: dict[str, int]) -> list[Diagnostic]:
    """Topic slugs become URLs and the 索引号 pattern is compiled by a rule: both must be usable."""
    problems = []
    for name, slug in settings.topics.items():
        if not SLUG.fullmatch(slug):
            problems.append(Diagnostic(FILENAME, _line(lines, "topics", name), f"topics 中 {chars.quoted(name)} 的代码 {described(slug)} 无效", "用小写字母、数字和连字符，如 zhzw"))
    problems += _reused(settings.topics, lines, "topics", "主题分类") + _previous_problems(settings, lines, "topics")
    try:
        index_number_format(settings.index_number_pattern)
    except (re.error, ValueError) as exc:  # ValueError: a flag re refuses for text (?L), or with re.ASCII (?u)
        problems.append(Diagnostic(FILENAME, lines.get("index_number_pattern", 1), f"index_number_pattern 不是有效的正则表达式：{exc}",
                                   r"例如 ^\d{9}/\d{4}-\d{5}$"))
    else:
        if risk := _backtracking(settings.index_number_pattern):
            problems.append(Diagnostic(FILENAME, lines.get("index_number_pattern", 1), f"index_number_pattern {risk}，匹配时间可能呈指数增长，检查会停不下来",
                                       r"索引号格式用简单的写法，例如 ^\d{9}/\d{4}-\d{5}$"))
    return problems


def index_number_format(pattern: str) -> re.Pattern:
    """gazette.yml's ``index_number_pattern`` as the check matches a 索引号 with it: \\d, \\w, \\s and \\b as ASCII (re.ASCII),
    as an office writing \\d{9} means them; Unicode's, re's default, took a full-width ０ or an Arabic-Indic ٠ for a digit, in a
    索引号 no other system reads as the site's. Literal characters (锡, 〔) match as written. re keeps what it compiled."""
    return re.compile(pattern, re.ASCII)


def _backtracking(pattern: str) -> str | None:
    """Why matching ``pattern`` may take exponential time, if it may: Python's re has no time limit, so a
    pattern from a settings file is bounded by its shape. 索引号 formats need none of these.

    Read with re's own parser (``re._parser``: the public API gives no parse tree, and a second grammar of
    regular expressions would be a guess at re's). Refused: a repeat or an alternative inside a repeat
    (``(a+)+``, ``(a|a)*``; a fixed count like ``\\d{3}`` is no repeat), a back-reference, and patterns over 200 characters."""
    if len(pattern) > 200:
        return "超过 200 个字符"
    repeats = {re_parser.MAX_REPEAT, re_parser.MIN_REPEAT, re_parser.POSSESSIVE_REPEAT}

    def walk(items, in_repeat: bool) -> str | None:
        for op, arg in items:
            if op in repeats:
                low, high, body = arg
                if in_repeat and low != high:
                    return "在重复中又有重复"
                found = walk(body, in_repeat or high > 1)
            elif op is re_parser.BRANCH:
                if in_repeat:
                    return "在重复中有“或”分支"
                found = next(filter(None, (walk(b, in_repeat) for b in arg[1])), None)
            elif op in (re_parser.GROUPREF, re_parser.GROUPREF_EXISTS):
                return "引用了前面的分组"
            elif op is re_parser.ATOMIC_GROUP:
                found = walk(arg, in_repeat)
            elif op in (re_parser.SUBPATTERN, re_parser.ASSERT, re_parser.ASSERT_NOT):
                found = walk(arg[-1], in_repeat)
            else:
                found = None
            if found:
                return found
        return None

    return walk(re_parser.parse(pattern), False)
