"""An attribute's value is no text a reader sees, a number either. shown_text counted the numbers of width, height,
colspan, rowspan, datetime and start as shown, so a number the page held only in an attribute covered the same run
hidden in the text: a date in a cell the table drops (| 甲 | 5 | 2018-06-05 |) passed on a document page whose
interpretation's <time datetime="2018-06-05"> (shown 2018年6月5日) held 2018, 06 and 05. Now no such value counts on the
page, and none of an editor's (in a tag or an attribute list) counts in the text: a number the text also shows passes."""
from __future__ import annotations

import pytest

from gongbao.publish.rendered_html import Authored
from gongbao.publish.shown_text import unshown

DOC = "gazette/2018/06/xzbf-68.md"
# what the project writes around a body on its page (a document's interpretation, published 2018-06-05)
AROUND = '\n<ul><li><a href="/jd/">政策解读</a> <time datetime="2018-06-05">2018年6月5日</time></li></ul>\n'

HIDDEN = [  # (body, what else the page holds, a run the page does not show)
    ("| 項目 | 金額 |\n|---|---|\n| 甲 | 5 | 2018-06-05 |\n", AROUND, "06"),
    ("| 项目 | 金额 |\n|---|---|\n| 甲 | 5 | 罚款50000元 |\n", '<p><img alt="图" src="tu.png" width="50000"></p>', "50000"),
]
SHOWN = [
    '<table><tr><td width="50000" rowspan="2">50000</td></tr></table>\n',
    "| 项目 | 金额 |\n|---|---|\n| 合计 {: colspan=2 } |\n\n共 2 项。\n",
    '<time datetime="2018-06-05">2018年6月5日</time>发布，06版。\n',
    '![图1](tu1.png){: width=120 height=80 }\n\n图宽 120。\n',
    "宽度写作 width=50000 即可。\n",  # prose: shown as written
]


@pytest.mark.parametrize(("body", "around", "run"), HIDDEN)
def test_a_number_held_in_an_attribute_covers_no_run_the_text_hides(render_body, body, around, run):
    html = render_body(body) + around
    assert f"“{run}”" in "".join(v.message for v in unshown(html, [Authored(DOC, 13, body, body)]))


@pytest.mark.parametrize("body", SHOWN)
def test_a_number_an_attribute_and_the_text_both_hold_passes(render_body, render_as_written, body):
    for html in (render_body(body) + AROUND, render_as_written(body)):
        assert unshown(html, [Authored(DOC, 13, body, body)]) == []
