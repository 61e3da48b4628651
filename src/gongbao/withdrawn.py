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
from pathlib import Path

import yaml

from .diagnostics import Diagnostic
from .model import Withdrawal
from .source import _Loader

FILENAME = "withdrawn.yml"
KEYS = ("url", "title", "date", "reason")
EXAMPLE = "- {url: doc/xzbf/2018/99/, title: 关于……的通知, date: 2019-03-01, reason: 撤回理由}"


def load(root: Path, diagnostics: list[Diagnostic]) -> list[Withdrawal]:
    path = root / FILENAME
    if not path.exists():
        return []
    try:
        text = path.read_text(encoding="utf-8")
        node = yaml.compose(text, Loader=_Loader)
        data = yaml.load(text, Loader=_Loader)
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", 0) + 1
        diagnostics.append(Diagnostic(FILENAME, line, f"{FILENAME} 无法解析：{exc}", "检查 YAML 语法（UTF-8 编码）", rule="withdrawn"))
        return []
    if data is None:
        return []
    if not isinstance(data, list):
        diagnostics.append(Diagnostic(FILENAME, 1, f"{FILENAME} 应为撤回记录的列表", f"每条写成 {EXAMPLE}", rule="withdrawn"))
        return []
    out = []
    for item, item_node in zip(data, node.value):
        line = item_node.start_mark.line + 1
        record = _record(item, line)
        if record is None:
            diagnostics.append(Diagnostic(FILENAME, line, "撤回记录应含 url、title、date（年-月-日）、reason，不含其他键",
                                          f"写成 {EXAMPLE}", rule="withdrawn"))
        else:
            out.append(record)
    return out


def _record(item, line: int) -> Withdrawal | None:
    if not isinstance(item, dict) or set(item) != set(KEYS):
        return None
    try:
        day = dt.date.fromisoformat(str(item["date"]).strip())
    except ValueError:
        return None
    url, title, reason = (str(item[k] or "").strip() for k in ("url", "title", "reason"))
    if not (url and title and reason):
        return None
    return Withdrawal(url.strip("/") + "/", title, day, reason, line)
