"""Site-level settings, read from ``gazette.yml`` at the repository's top level."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .diagnostics import ContentError, Diagnostic
from .urls import ID_CODE
from .vocabulary import LANGUAGES

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
    index_number_pattern: str = ""                               # regex a 索引号 must match in full; empty: any


def load(root: Path) -> Settings:
    """Settings from ``root/gazette.yml``; raises ContentError listing every problem."""
    path = root / FILENAME
    if not path.exists():
        return Settings()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", 0) + 1
        raise ContentError([Diagnostic(FILENAME, line, f"配置文件无法解析：{exc}", "检查 YAML 语法")]) from None
    site = data.get("site") or {}
    problems = []
    settings = Settings(
        site_name=str(site.get("name") or Settings.site_name),
        site_url=str(site.get("url") or ""),
        interface_script=str(site.get("interface_script") or "zh-Hans"),
        default_language=str(site.get("default_language") or "zh-Hans"),
        grace_days=data.get("interpretation_grace_days", 0),
        strict=bool(data.get("strict", False)),
        issuers={str(k): str(v) for k, v in (data.get("issuers") or {}).items()},
        issuer_codes={_agency(k): str(v) for k, v in (data.get("issuer_codes") or {}).items()},
        footer={str(k): str(v) for k, v in (data.get("footer") or {}).items() if v},
        topics={str(k): str(v) for k, v in (data.get("topics") or {}).items()},
        index_number_pattern=str(data.get("index_number_pattern") or ""),
    )
    problems += _reading_problems(settings)
    for key in ("interface_script", "default_language"):
        if getattr(settings, key) not in LANGUAGES:
            problems.append(Diagnostic(FILENAME, 0, f"{key} 应为 zh-Hans 或 zh-Hant", "改为 zh-Hans 或 zh-Hant"))
    if not isinstance(settings.grace_days, int) or settings.grace_days < 0:
        problems.append(Diagnostic(FILENAME, 0, "interpretation_grace_days 应为非负整数", "例如 0（同步发布）"))
    problems += _code_problems(settings)
    if problems:
        raise ContentError(problems)
    return settings


def _code_problems(settings: Settings) -> list[Diagnostic]:
    """Issuer codes and slugs become permanent URLs (doc/<code>/…, catalogue pages): they must be usable."""
    problems = []
    for agency, code in settings.issuer_codes.items():
        if not re.fullmatch(r"[a-z][a-z0-9]*", code):
            problems.append(Diagnostic(FILENAME, 0, f"issuer_codes 中 {agency} 的代码 {code!r} 无效",
                                       "用小写字母开头的小写字母和数字，如 xzbf"))
        elif code == ID_CODE:
            problems.append(Diagnostic(FILENAME, 0, f"issuer_codes 中 {agency} 的代码不能是 {ID_CODE}",
                                       f"doc/{ID_CODE}/ 留给没有文号的文件，换一个代码，如 xzbf"))
    codes = list(settings.issuer_codes.values())
    for code in sorted({c for c in codes if codes.count(c) > 1}):
        problems.append(Diagnostic(FILENAME, 0, f"issuer_codes 中代码 {code} 被多个机关代字使用", "每个机关代字用不同代码"))
    for issuer, slug in settings.issuers.items():
        if not re.fullmatch(r"[a-z0-9-]+", slug):
            problems.append(Diagnostic(FILENAME, 0, f"issuers 中 {issuer} 的代码 {slug!r} 无效",
                                       "用小写字母、数字和连字符，如 wxszf"))
    return problems


def _agency(text) -> str:
    from .script import to_simplified

    return to_simplified(str(text).strip())


def _reading_problems(settings: Settings) -> list[Diagnostic]:
    """Topic slugs become URLs and the 索引号 pattern is compiled by a rule: both must be usable."""
    problems = []
    for name, slug in settings.topics.items():
        if not re.fullmatch(r"[a-z0-9-]+", slug):
            problems.append(Diagnostic(FILENAME, 0, f"topics 中 {name} 的代码 {slug!r} 无效", "用小写字母、数字和连字符，如 zhzw"))
    slugs = list(settings.topics.values())
    for slug in sorted({s for s in slugs if slugs.count(s) > 1}):
        problems.append(Diagnostic(FILENAME, 0, f"topics 中代码 {slug} 被多个主题分类使用", "每个主题分类用不同代码"))
    try:
        re.compile(settings.index_number_pattern)
    except re.error as exc:
        problems.append(Diagnostic(FILENAME, 0, f"index_number_pattern 不是有效的正则表达式：{exc}",
                                   r"例如 ^\d{9}/\d{4}-\d{5}$"))
    return problems
