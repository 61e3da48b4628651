"""Values a scaffold left for the editor (``TODO：…``) are never published.

Dates and vocabulary values marked TODO already fail to load; this rule catches the free-text ones
(title, author…) and the TODO lines of a scaffold's body.
"""
from ..diagnostics import Diagnostic

ID = "placeholder"
MARK = "TODO"


def _marked(value) -> bool:
    if isinstance(value, str):
        return value.lstrip().startswith(MARK)
    return isinstance(value, list) and any(isinstance(v, str) and v.lstrip().startswith(MARK) for v in value)


def check(ctx):
    for item in (*ctx.archive.issues, *ctx.archive.documents, *ctx.archive.interpretations):
        src = item.source
        for key, value in src.meta.items():
            if _marked(value):
                shown = "、".join(map(str, value)) if isinstance(value, list) else value
                yield Diagnostic(src.path, src.line_of(key), f"{key} 尚未填写（{shown}）",
                                 f"按提示填写 {key}，并删去 {MARK}", rule=ID)
        if MARK not in src.body:
            continue
        for n, line in enumerate(src.body.split("\n")):
            if line.strip().startswith(MARK):
                yield Diagnostic(src.path, src.body_line + n, f"正文尚未填写（{line.strip()}）",
                                 f"写好这一段，并删去 {MARK} 提示行", rule=ID)
