"""rules/table_cells.py: a table row with more cells than its header, whose cells past the header's the page drops
while index.txt and the JSON twin publish them, is an error at its line; each case is held to the project's renderer."""
from __future__ import annotations

import pytest

from conftest import Repo
from gongbao.rules import table_cells

DOC = "gazette/2018/06/xzbf-68.md"
TABLE = "| 序号 | 名称 |\n|---|---|\n"
CUT = [  # (the body, the line told, what the page drops)
    (f"{TABLE}| 1 | 甲 | 核对原件 |\n", 3, "核对原件"),
    ("序号 | 名称\n---|---\n1 | 甲 | 核对原件\n", 3, "核对原件"),
    (f"{TABLE}| 1 | 甲 |\n| 2 | 乙 | 核对 | 原件 |\n", 4, "原件"),
    (f"| 序号 | 名称 |\n|:---:|---:|\n| 1 | 甲 | 核对原件\n", 3, "核对原件"),
    ("> | 序号 | 名称 |\n> |---|---|\n> | 1 | 甲 | 核对原件 |\n", 3, "核对原件"),
]
WHOLE = [  # tables the page shows whole
    f"{TABLE}| 1 | 甲 |\n",
    f"{TABLE}| 1 | 甲\\| 乙 |\n",
    f"{TABLE}| 1 | `甲|乙` |\n",
    f"{TABLE}| 1 |\n",
    f"{TABLE}| 1 | 甲 | |\n| 2 | 乙 |   |  |\n",  # empty cells past the header's: nothing is hidden
    "甲 | 乙 | 丙\n\n不是表格 | 的一行\n",
    f"    {TABLE}    | 1 | 甲 | 代码 |\n",
]


@pytest.mark.parametrize("body, line, lost", CUT)
def test_a_row_longer_than_its_header_is_told_at_its_line(render_body, body, line, lost):
    assert lost not in render_body(f"一、总则\n\n{body}")  # the page drops it
    assert [found for found, _, _ in table_cells.dropped(body)] == [line]


@pytest.mark.parametrize("body", WHOLE)
def test_a_table_shown_whole_is_not_told(render_body, body):
    shown = render_body(f"一、总则\n\n{body}")
    assert all(word in shown for word in ("甲", "乙") if word in body)
    assert table_cells.dropped(body) == []


def test_the_check_refuses_a_row_the_page_cuts_short_at_its_line_of_the_file(repo: Repo):
    repo.replace(DOC, "（一）加强统筹", f"{TABLE}| 1 | 甲 | 核对原件 |\n\n（一）加强统筹")
    found = [d for d in repo.check().diagnostics if d.rule == table_cells.ID]
    lines = (repo.path / DOC).read_text(encoding="utf-8").split("\n")
    assert len(found) == 1 and found[0].is_error and "核对原件" in found[0].message
    assert lines[found[0].line - 1] == "| 1 | 甲 | 核对原件 |"
