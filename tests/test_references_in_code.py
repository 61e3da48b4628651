"""A character reference in a code span is shown as written (`&#x4e0d;` is &amp;#x4e0d; on the page): html_safety's
reference rule and shown_text refused it as a word the page shows (不) and index.txt does not. Outside code, in every
container, a reference that shows a word stays refused; where a code span may be read otherwise (a backtick above in its
block, raw HTML, whose blocks Markdown passes on unread), it is read as text."""
from __future__ import annotations

import pytest

from gongbao.publish.rendered_html import Authored
from gongbao.publish.shown_text import unshown
from gongbao.rules.html_safety import BODY, HANDWRITTEN, body_problems

IN_CODE = [
    "代码写成 `&#x4e0d;` 即可。\n",
    "- 代碼 ``&#x4e0d;`` 與 `&#35000;`\n",
    "> 例：`&#x35;000`\n",
    "## 说明 `&#x4e0d;`\n",
    "| 写法 | 说明 |\n|---|---|\n| `&#x4e0d;` | 字符引用 |\n",
]
# a reference that shows a word outside code: refused, Traditional too, in each container and beside a code span
SHOWN = [
    "应当&#x4e0d;予处罚\n",
    "- 應當&#x4e0d;予處罰\n",
    "> 罚款&#x35;000元\n",
    "## 应当&#x4e0d;予处罚\n",
    "| 甲 | 乙 |\n|---|---|\n| `代码` | 应当&#x4e0d;予处罚 |\n",
    "见[应当&#x4e0d;予处罚](#x) 和 `a`\n",
    "`a`&#x4e0d;予处罚\n",
    "- `a\n- b`&#x4e0d;`\n",                     # a backtick above: read as text
    "<div>`&#x4e0d;`</div>\n",                      # raw HTML: no code span
]


def _references(body, rendering):
    return [m for _, m, _ in body_problems(body, rendering) if "字符引用" in m]


@pytest.mark.parametrize("body", IN_CODE)
@pytest.mark.parametrize("rendering", [BODY, HANDWRITTEN], ids=["body", "as-written"])
def test_a_reference_in_a_code_span_passes_check_and_shown_text(render_as, body, rendering):
    html = render_as(body, rendering)
    assert "&amp;#" in html  # shown as written
    assert _references(body, rendering) == []
    assert unshown(html, [Authored("gazette/2018/06/xzbf-68.md", 13, body, body)]) == []


@pytest.mark.parametrize("body", SHOWN)
@pytest.mark.parametrize("rendering", [BODY, HANDWRITTEN], ids=["body", "as-written"])
def test_a_reference_shown_as_a_word_is_still_refused(body, rendering):
    assert len(_references(body, rendering)) == 1
