"""The build's log in Chinese: progress lines and a closing summary instead of MkDocs' English INFO
lines. Warnings and errors pass unchanged (``--strict`` counts them); only MkDocs' own INFO
progress lines, which say what ours say, are left out.
"""
from __future__ import annotations

import logging

from gongbao.content.lock import Change
from gongbao.content.model import Archive

# MkDocs' INFO lines (mkdocs/commands/build.py) that the Chinese lines replace.
ENGLISH = ("Cleaning site directory", "Building documentation to directory", "Documentation built in",
           "The directory contains stale files")
HANDLER = "MkDocsStreamHandler"  # the handler MkDocs' command line prints with
LISTED = 10  # lock changes listed one by one; more are counted (`gongbao lock` lists them all)


class _Chinese(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno == logging.INFO and str(record.msg).startswith(ENGLISH):
            return False
        if record.levelno == logging.INFO and record.name.startswith("mkdocs.hooks"):
            record.levelname = "信息"
        return True


def install() -> None:
    """Filter MkDocs' printed log, once: ``mkdocs serve`` runs the hooks anew on every build."""
    for handler in logging.getLogger("mkdocs").handlers:
        if handler.name == HANDLER and not any(isinstance(f, _Chinese) for f in handler.filters):
            handler.addFilter(_Chinese())


def checked(archive: Archive, seconds: float) -> str:
    return f"内容检查通过：{len(archive.documents)} 份文件，{len(archive.interpretations)} 篇解读（{seconds:.1f} 秒）"


def unlocked(found: list[Change]) -> list[str]:
    """What the lock does not record yet, for the editor to confirm with ``gongbao lock --write``."""
    lines = [f"锁定文件尚未记录：{change}（确认后运行 gongbao lock --write）" for change in found[:LISTED]]
    if len(found) > LISTED:
        lines.append(f"锁定文件尚未记录的另有 {len(found) - LISTED} 项：运行 gongbao lock 查看全部")
    return lines


def summary(archive: Archive, found: list[Change], seconds: float) -> str:
    """Documents built, new and corrected (against the lock), withheld, and the time taken."""
    public = archive.public().documents
    documents = [c for c in found if c.new.kind == "document"]
    new = sum(1 for c in documents if c.old is None)
    corrected = sum(1 for c in documents if c.old is not None and c.new.corrections > c.old.corrections)
    held_back = len(archive.documents) - len(public)
    return (f"网站生成完毕：发布 {len(public)} 份文件（新增 {new} 份，勘误 {corrected} 份）、"
            f"{len(archive.public().interpretations)} 篇解读，{held_back} 份依法不予公开、未发布{_participation(archive)}；"
            f"用时 {seconds:.1f} 秒")


def _participation(archive: Archive) -> str:
    """Drafts, their 起草说明 and feedback published and held back, counted as documents are (when there are any)."""
    public = archive.public()
    kinds = (("征求意见稿", archive.drafts, public.drafts), ("起草说明", archive.explanations, public.explanations),
             ("意见采纳情况", archive.feedback, public.feedback))
    if not any(every for _, every, _ in kinds):
        return ""
    held_back = sum(len(every) - len(shown) for _, every, shown in kinds)
    published = "、".join(f"{name} {len(shown)} 份" for name, _, shown in kinds)
    return f"；发布{published}，{held_back} 份依法不予公开、未发布"
