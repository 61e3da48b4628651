"""``withdrawn.yml``: the record of published documents that were lawfully withdrawn (撤回).

A cited URL never disappears: when a published document must come down, the editor removes its
file and records the withdrawal here; its URL then shows a notice with the date and the reason.

    - url: doc/xzbf/2018/99/
      title: 关于……的通知（锡政办发〔2018〕99号）
      date: 2019-03-01
      reason: 该文件依据的上位政策已调整，经市政府同意撤回。
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import yaml

from gongbao.identifiers import chars
from gongbao.content import lookalikes, redaction
from gongbao.content.diagnostics import Diagnostic
from gongbao.content.fields import meant_day
from gongbao.content.model import Withdrawal
from gongbao.content.urls import DocPath
from gongbao.content.yamlread import read_file

FILENAME = "withdrawn.yml"
KEYS = ("url", "title", "date", "reason")
EXAMPLE = "- {url: doc/xzbf/2018/99/, title: 关于……的通知, date: 2019-03-01, reason: 撤回理由}"
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_SLUG = re.compile(r"[a-z0-9-]+/")


def load(root: Path, diagnostics: list[Diagnostic]) -> list[Withdrawal]:
    path = root / FILENAME
    if not path.exists():
        return []
    node, data, unreadable = read_file(path, FILENAME, f"{FILENAME} ", rule="withdrawn")
    if unreadable:
        diagnostics.append(unreadable)
        return []
    if data in (None, {}):
        return []
    if not isinstance(data, list):
        diagnostics.append(Diagnostic(FILENAME, 1, f"{FILENAME} 应为撤回记录的列表", f"每条写成 {EXAMPLE}", rule="withdrawn"))
        return []
    out, seen = [], {}
    for item, item_node in zip(data, node.value):
        line = item_node.start_mark.line + 1
        problems = _problems(item, _key_lines(item_node, line))
        if problems:
            diagnostics += [Diagnostic(FILENAME, at, message, hint, rule="withdrawn") for at, message, hint in problems]
            continue
        record = Withdrawal(item["url"].lstrip("/"), item["title"].strip(), dt.date.fromisoformat(str(item["date"]).strip()),
                            item["reason"].strip(), line)
        if record.url in seen:
            diagnostics.append(Diagnostic(FILENAME, line, f"网址 {record.url} 已在第 {seen[record.url]} 行记为撤回",
                                          "每个网址只记一次：删去重复的一条", rule="withdrawn"))
            continue
        seen[record.url] = line
        out.append(record)
    return out


def _key_lines(node, line: int) -> dict[str, int]:
    """The record's line (key ""), and each of its keys' lines."""
    keys = node.value if isinstance(node, yaml.MappingNode) else []
    return {"": line} | {str(k.value): k.start_mark.line + 1 for k, _ in keys}


def _problems(item, lines: dict[str, int]) -> list[tuple[int, str, str]]:
    """(line, message, hint) for each thing wrong with one record; none when it is usable."""
    if not isinstance(item, dict):
        return [(lines[""], "撤回记录应含 url、title、date（年-月-日）、reason，不含其他键", f"写成 {EXAMPLE}")]
    if set(item) != set(KEYS):  # which: an editor told only what a record holds looks for the mistake among four keys
        missing, extra = [k for k in KEYS if k not in item], [str(k) for k in item if k not in KEYS]
        wrong = ([f"缺少 {'、'.join(missing)}"] if missing else []) + ([f"有多余的键 {'、'.join(extra)}"] if extra else [])
        return [(lines[""], f"撤回记录{'；'.join(wrong)}", f"每条撤回记录含 url、title、date（年-月-日）、reason，不含其他键：{EXAMPLE}")]
    out = []
    for key in KEYS:
        value = item[key]
        if key == "date" and type(value) is int:
            continue  # 20190301: YAML read a number, checked as a date below
        if not isinstance(value, str) or not value.strip():
            out.append((lines[key], f"撤回记录的 {key} 应为一段文字", f"写成 {EXAMPLE}"))
        elif found := chars.bad_character(value):
            out.append((lines[key], f"撤回记录的 {key} 含有{found}", chars.HINT))
    if out:
        return out
    url = item["url"]  # as written: a space in it would make the record's URL another than the page's
    if not _is_document_url(url):
        out.append((lines["url"], f"撤回记录的网址{chars.quoted(url)}不是文件或解读的网址",
                    "写成 doc/<代码>/<年份>/<序号>/、doc/id/<id>/ 或其后加 jiedu/<解读名>/，以 / 结尾"))
    if "<" in item["title"] or ">" in item["title"]:
        out.append((lines["title"], "撤回记录的标题中不能含有 < 或 >", "书名号请用《》，不要写 HTML"))
    elif char := chars.control_shown(item["title"]):  # the theme prints the notice's title as HTML
        out.append((lines["title"], f"撤回记录的标题中的字符引用写出了{chars.describe(char)}", "删除这个字符引用；标题只写文字"))
    elif found := chars.reference(item["title"]):  # the notice's heading and the listings print it escaped
        out.append((lines["title"], f"撤回记录的标题中不能含有字符引用 {chars.quoted(found)}（标题是纯文字，不解析 HTML）",
                    "直接写出这个字符，如 &amp; 写成 &"))
    for key in ("title", "reason"):  # the notice prints both whole: nothing in them is withheld
        if redaction.has_marks(item[key]) or lookalikes.problems(item[key]):
            out.append((lines[key], f"撤回记录的 {key} 含有不予公开标记，撤回公告会原样公开它",
                        "撤回公告的标题和理由整段公开：删去不应公开的文字"))
        if "<!--" in item[key]:  # an editor's note is removed from bodies only
            out.append((lines[key], f"撤回记录的 {key} 中有注释 <!-- … -->，撤回公告会把它原样显示出来",
                        "删去这段注释；撤回公告的标题和理由整段公开"))
    day = str(item["date"]).strip()
    try:
        if not _DATE.fullmatch(day):
            raise ValueError
        dt.date.fromisoformat(day)
    except ValueError:
        meant = meant_day(day)
        out.append((lines["date"], f"撤回记录的日期{chars.quoted(day)}无效", f"写成 {meant}（年-月-日）" if meant else "写成 年-月-日，如 2019-03-01"))
    return out


# A draft for comment's permanent URL, or its 起草说明's or feedback's (urls.draft, urls.explanation, urls.feedback).
_DRAFT = re.compile(r"draft/[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?/(?:feedback/|explanation/)?")


def _is_document_url(url: str) -> bool:
    """A document's permanent URL or one of its interpretations' (urls.py), a draft's or its feedback's,
    and nothing else the site generates: no search page, issue, alias, feed, manifest or asset can be replaced."""
    if _DRAFT.fullmatch(url):
        return True
    document, jiedu, slug = url.partition("jiedu/")
    try:
        DocPath.parse(document)
    except ValueError:
        return False
    return not jiedu or bool(_SLUG.fullmatch(slug))
