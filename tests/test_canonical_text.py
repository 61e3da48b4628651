"""The canonical text changes exactly when what a reader sees changes.

The oracle is the page's own Markdown (the extensions of mkdocs.yml), compared the way a browser
shows it: runs of ASCII white space outside <pre> are one space.
"""
from __future__ import annotations

import re
from dataclasses import replace

import markdown
import pytest

from conftest import Repo
from gongbao import integrity

EXTENSIONS = ["attr_list", "md_in_html", "tables"]  # mkdocs.yml's (toc only adds ids)
TABLE = "| 项目 | 金额 |\n|---|---|\n| 甲 | 1 |\n"


def shown(body: str) -> str:
    html = markdown.markdown(body, extensions=EXTENSIONS)
    parts = re.split(r"(<pre>.*?</pre>)", html, flags=re.S)
    return "".join(p if p.startswith("<pre>") else re.sub(_EDGE, r"\1", re.sub(r"[ \t\n]+", " ", p)) for p in parts)


# white space next to a block boundary or a line break is not shown
_EDGE = re.compile(r" ?(</?(?:p|br|li|ul|ol|blockquote|table|thead|tbody|tr|td|th|h\d)\b[^>]*>) ?")


def with_body(repo: Repo, body: str):
    doc = repo.check().archive.documents[0]
    return replace(doc, source=replace(doc.source, body=body))


@pytest.mark.parametrize("before, after, visible", [
    (TABLE + "\n其后的段落。\n", TABLE + "其后的段落。\n", True),           # the paragraph becomes a table row
    ("第一行  \n第二行\n", "第一行\n第二行\n", True),                         # hard break removed
    ("第一行\t\t\n第二行\n", "第一行\n第二行\n", True),                       # a hard break written with tabs
    ("第一行   \n第二行\n", "第一行  \n第二行\n", False),                     # three spaces or two: one <br>
    ("甲。\n乙。\n", "甲。\n\n乙。\n", True),                                  # one paragraph becomes two
    ("- 甲\n\n乙\n", "- 甲\n乙\n", True),                                     # a paragraph joins the list item
    ("> 甲\n\n乙\n", "> 甲\n乙\n", True),                                     # … or the block quote
    ("甲\u3000\n乙\n", "甲\n乙\n", True),                                     # a full-width space shows
    ("甲\n\n    乙\n", "甲\n\n乙\n", True),                                   # indentation makes code
    ("    甲\n\n\n    乙\n", "    甲\n\n    乙\n", True),                      # blank lines inside code show
    ("加强统筹。\n", "加強統籌。\n", True),                                    # the Traditional script
    ("甲\n\n乙\n", "甲\n\n\n\n乙\n", False),                                  # a run of blank lines is one break
    ("甲\n   \n乙\n", "甲\n\n乙\n", False),                                    # a blank line with spaces
    ("\n\n甲\n", "甲\n\n\n", False),                                          # leading and trailing blank lines
    ("甲  \n\n乙\n", "甲\n\n乙\n", False),                                    # trailing spaces ending a paragraph
    ("甲 \n乙\n", "甲\n乙\n", False),                                         # one trailing space is no break
    ("甲\t\n\n乙\n", "甲\n\n乙\n", False),
    ("一、总体要求\t\n乙\n", "一、总体要求\n乙\n", True),                   # this tab reaches column 8: a break
])
def test_the_hash_changes_exactly_when_the_page_changes(repo: Repo, before, after, visible):
    assert (shown(before) != shown(after)) == visible, "the oracle disagrees with the case"
    changed = integrity.sha256(with_body(repo, before)) != integrity.sha256(with_body(repo, after))
    assert changed == visible


def test_the_canonical_text_keeps_structure_and_hard_breaks(repo: Repo):
    body = "\n\n一、总体要求 \n第一行   \n第二行\n\n\n" + TABLE + "\n其后。  \n\n"
    assert integrity.canonical_text(with_body(repo, body)) == (
        "关于印发示例办法的通知\n锡政办发〔2018〕68号\n\n"
        "一、总体要求\n第一行  \n第二行\n\n| 项目 | 金额 |\n|---|---|\n| 甲 | 1 |\n\n其后。\n")


def test_version_1_is_kept_to_verify_old_hashes(repo: Repo):
    body = "一、总体要求\n\n第一行  \n第二行\n"
    assert integrity.canonical_text(with_body(repo, body), 1) == (
        "关于印发示例办法的通知\n锡政办发〔2018〕68号\n\n一、总体要求\n第一行\n第二行\n")
    assert integrity.sha256(with_body(repo, body), 1) != integrity.sha256(with_body(repo, body))


def test_the_published_text_file_is_the_canonical_text(built_site):
    import hashlib
    import json

    twin = json.loads((built_site / "doc/wxzfl/180/index.json").read_text(encoding="utf-8"))
    text = (built_site / "doc/wxzfl/180/index.txt").read_bytes()
    assert hashlib.sha256(text).hexdigest() == twin["sha256"]
    assert b"\n\n" in text.split(b"\n\n", 1)[1], "blank lines between paragraphs are kept"
