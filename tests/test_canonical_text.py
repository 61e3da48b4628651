"""The canonical text changes whenever what a reader sees changes.

The oracle is the page's own rendering: the body as gongbao.content.body_markdown prepares it, through
Markdown with the extensions of mkdocs.yml, compared the way a browser shows it (runs of ASCII
white space outside <pre> are one space; white space at a block edge or a line break is not shown).
"""
from __future__ import annotations

import re
from dataclasses import replace

import markdown
import pytest

from conftest import Repo
from gongbao.content import integrity
from gongbao.content import body_markdown as render_body

EXTENSIONS = ["attr_list", "md_in_html", "tables"]  # mkdocs.yml's (toc only adds ids)
TABLE = "| 项目 | 金额 |\n|---|---|\n| 甲 | 1 |\n"
_EDGE = re.compile(r" ?(</?(?:p|br|li|ul|ol|blockquote|table|thead|tbody|tr|td|th|h\d)\b[^>]*>) ?")


def shown(body: str) -> str:
    html = markdown.markdown(render_body.markdown(body), extensions=EXTENSIONS)
    parts = re.split(r"(<pre>.*?</pre>)", html, flags=re.S)
    return "".join(p if p.startswith("<pre>") else _EDGE.sub(r"\1", re.sub(r"[ \t\n]+", " ", p)) for p in parts)


def with_body(repo: Repo, body: str):
    doc = repo.check().archive.documents[0]
    return replace(doc, source=replace(doc.source, body=body))


@pytest.mark.parametrize("before, after, visible, hashed", [
    (TABLE + "\n其后的段落。\n", TABLE + "其后的段落。\n", True, True),      # the paragraph becomes a table row
    ("- 甲\n\n乙\n", "- 甲\n乙\n", True, True),                                # a paragraph joins the list item
    ("> 甲\n\n乙\n", "> 甲\n乙\n", True, True),                                # … or the block quote
    ("<pre>\n甲\n\n\n乙\n</pre>\n", "<pre>\n甲\n\n乙\n</pre>\n", True, True),  # blank lines inside <pre> show
    ("甲\n\n    乙\n\n\n    丙\n", "甲\n\n    乙\n\n    丙\n", True, True),     # … and in a code block
    ("- 第一项  \n  续行\n", "- 第一项\n  续行\n", True, True),                  # a hard break removed
    ("- 第一项\t\t\n  续行\n", "- 第一项\n  续行\n", True, True),              # … written with tabs
    ("- 第一项   \n  续行\n", "- 第一项  \n  续行\n", False, False),             # three spaces or two: one <br>
    ("- 第一项 \n  续行\n", "- 第一项\n  续行\n", False, False),                 # one trailing space is no break
    ("甲\u3000\n- 乙\n", "甲\n- 乙\n", True, True),                             # a full-width space shows
    ("甲\n\n    乙\n", "甲\n\n乙\n", True, True),                               # indentation makes code
    ("加强统筹。\n", "加強統籌。\n", True, True),                                 # the Traditional script
    ("甲\n   \n乙\n", "甲\n\n乙\n", False, False),                              # a blank line with spaces
    ("\n\n甲\n", "甲\n\n\n", False, False),                                    # leading and trailing blank lines
    ("甲  \n\n乙\n", "甲\n\n乙\n", False, False),                              # trailing spaces ending a paragraph
    ("甲\t\n\n乙\n", "甲\n\n乙\n", False, False),
    # over-cautious, never silent: an extra blank line changes the hash though the page looks the same
    ("甲\n\n乙\n", "甲\n\n\n\n乙\n", False, True),
    ("甲。\n乙。\n", "甲。\n\n乙。\n", False, True),                            # each plain line is a paragraph anyway
])
def test_the_hash_changes_whenever_the_page_changes(repo: Repo, before, after, visible, hashed):
    assert (shown(before) != shown(after)) == visible, "the oracle disagrees with the case"
    assert (integrity.sha256(with_body(repo, before)) != integrity.sha256(with_body(repo, after))) == hashed


# Canonically equivalent spellings (NFC) hash alike, but Markdown and the browser read them apart: U+1FEF (GREEK
# VARIA) is no backtick and U+037E (GREEK QUESTION MARK) no semicolon until NFC makes them one, so the page showed
# 第`三`条 and 第;三条 where the text it was locked as shows 第<code>三</code>条 and 第三条.
@pytest.mark.parametrize("published, edited", [
    ("第`三`条。\n", "第\u1fef三\u1fef条。\n"),
    ("&#31532;三条。\n", "&#31532\u037e三条。\n"),
    ("| 项目 | 金额 |\n|---|---|\n| 甲 | 1 |\n", "| 项目 | \uf90a额 |\n|---|---|\n| 甲 | 1 |\n"),  # 金: CJK compatibility
])
def test_a_spelling_the_hash_reads_as_the_same_is_shown_as_the_same(repo: Repo, published, edited):
    assert shown(published) != shown(edited), "the oracle disagrees with the case"
    assert integrity.sha256(with_body(repo, published)) == integrity.sha256(with_body(repo, edited))
    body = repo.check().archive.documents[0].source.body
    repo.replace("gazette/2018/06/xzbf-68.md", body, edited)  # through the loader, as the page is made
    doc = repo.check().archive.documents[0]
    assert doc.source.body == published
    assert integrity.sha256(doc) == integrity.sha256(with_body(repo, published))


def test_the_canonical_text_keeps_structure_and_hard_breaks(repo: Repo):
    body = "\n\n一、总体要求 \n第一行   \n第二行\n\n\n" + TABLE + "\n其后。  \n\n"
    head, text = integrity.canonical_text(with_body(repo, body)).split("\n\n", 1)  # the record has no blank line
    assert head.startswith("关于印发示例办法的通知\n锡政办发〔2018〕68号\n制发机关：")
    assert text == "一、总体要求\n第一行  \n第二行\n\n\n| 项目 | 金额 |\n|---|---|\n| 甲 | 1 |\n\n其后。\n"


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
