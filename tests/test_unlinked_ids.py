"""An id an editor writes is a link's target, or the words of a note the page never shows: {: #fees-will-rise-next-year },
{: id=… } and <span id="internal-note"> passed check and the build while index.txt and the JSON twin published their
words (an id is no text a reader sees; gongbao.publish.shown_text counts no Latin word). As a reference definition no link
uses is refused (gongbao.content.notes), an id no link of its text goes to is refused by check (rules/html_safety.py)
and by the rendered check (publish/rendered_html.py); the anchors the project writes (第三条: art-3, a heading's) need none."""
from __future__ import annotations

from collections import Counter

import pytest

from conftest import Repo
from gongbao.publish import rendered_html
from gongbao.publish.rendered_html import Authored
from gongbao.publish.shown_text import unshown
from gongbao.rules.html_safety import BODY, body_problems

DOC = "gazette/2018/06/xzbf-68.md"
NOTE = "fees-will-rise-next-year"
# An editor's id and no link to it, in each container a body has, in Traditional text too
UNLINKED = [
    f"## 說明 {{: #{NOTE} }}\n\n罰款將提高。\n",                        # a heading's attribute list
    f"罚款将*提高*{{: id={NOTE} }}。\n",                                 # an inline element's, written id=…
    f"- 罰款五萬元。\n{{: #{NOTE} }}\n",                                 # a list item's
    f"> 罚款五万元。\n{{: #{NOTE} }}\n",                                 # a quote's
    f"> - 罰款*五萬*{{: #{NOTE} }}\n",                                    # a quote's list
    f"| 項目 | 金額 |\n|---|---|\n| 5 | 罰款 {{: #{NOTE} }} |\n",          # a table cell's
    f'罚款<span id="{NOTE}">五万元</span>。\n',                          # raw HTML
    f'| 項目 | 金額 |\n|---|---|\n| <b id="{NOTE}">罰款</b> | 5 |\n',
    f'见[說明](#{NOTE}-2)。\n\n<span id="{NOTE}">五萬元</span>\n',        # a link to another id
    f"~~~ {{ #{NOTE} }}\n罚款五万元\n~~~\n",                              # a fenced code block's
    f'<div markdown="1" ID="{NOTE}">\n罰款\n</div>\n',                    # upper case, in an HTML block of Markdown
    f"罚款*五万*{{: ID={NOTE} }}\n",
]
# The same ids with a link of the text going to each: accepted by both
LINKED = [
    f"## 說明 {{: #{NOTE} }}\n\n[見說明](#{NOTE})\n",
    f"罚款将*提高*{{: id={NOTE} }}，见[这里][1]。\n\n[1]: #{NOTE}\n",
    f"> - 罰款*五萬*{{: #{NOTE} }}\n> - 見[上款](<#{NOTE}>)\n",
    f"| 項目 | 金額 |\n|---|---|\n| 5 | 罰款 {{: #{NOTE} }} |\n\n见[罚款](#{NOTE} \"罚款\")\n",
    f'罚款<span id="{NOTE}">五万元</span>，<a href="#{NOTE}">见上</a>。\n',
    # an id of Chinese words or digits, which the page shows once, as the link's address (publish/shown_text.py)
    "## 说明 {: #编者注 }\n\n[见说明](#编者注)\n",
    '> 罰款<span id="第2款">五萬元</span>，見[第二款](#第2款)。\n',
]
# percent-encoded, as a browser reads it
ENCODED = '<span id="說明">甲</span>，见[说明](#%E8%AA%AA%E6%98%8E)。\n'
# Ids the project writes: a heading's (toc, twice; an article's anchor is checked on the sample's pages)
OURS = ["## 說明\n\n甲。\n\n## 說明\n\n乙。\n\n## Open Data\n\n丙。\n"]


def _problems(body: str) -> list[str]:
    return [message for _, message, _ in body_problems(body, BODY)]


@pytest.mark.parametrize("body", UNLINKED)
def test_an_id_no_link_goes_to_is_refused_by_check_and_on_the_rendered_page(render_body, body):
    assert [m for m in _problems(body) if "没有链接指向它" in m] == [
        next(m for m in _problems(body) if f"“{NOTE}” 没有链接指向它" in m)]
    html = render_body(body)
    assert f'id="{NOTE}"' in html.lower()
    # (a link to another id, which the page lacks, is told as such: tests/test_missing_anchors.py)
    assert [v.needles[0] for v in rendered_html.violations(html, Counter()) if "没有链接指向它" in v.message] == [NOTE]


@pytest.mark.parametrize("body", LINKED + OURS)
def test_an_id_a_link_goes_to_and_the_projects_ids_pass(render_body, body):
    html = render_body(body)
    assert _problems(body) == [] and rendered_html.violations(html, Counter()) == []
    assert unshown(html, [Authored(DOC, 13, body, body)]) == []


def test_a_percent_encoded_link_goes_to_its_id(render_body):
    html = render_body(ENCODED)
    assert _problems(ENCODED) == [] and rendered_html.violations(html, Counter()) == []
    assert unshown(html, [Authored(DOC, 13, ENCODED, ENCODED)]) == []  # shown_text held 8, 6 and 98 of %E8… unshown


def test_check_refuses_an_unlinked_id_in_the_sample_at_its_line(site_repo: Repo):
    site_repo.replace(DOC, "請認真貫徹落實。\n", f"請認真貫徹落實。\n\n- 罰款將提高。\n{{: #{NOTE} }}\n")
    line = next(n for n, text in enumerate((site_repo.path / DOC).read_text(encoding="utf-8").split("\n"), 1)
                if NOTE in text)
    assert [m for m in site_repo.messages() if NOTE in m] == [
        f"{DOC}:{line}: 属性列表 {{: … }} 的 id “{NOTE}” 没有链接指向它：id 在网页上不显示，却会随规范文本（index.txt）和 JSON 发布"
        " — 删除该 id；要链接到这里，在同一文本中写 [文字](#这个id)。条款锚点（art-3 等）由系统根据“第三条”等自动生成，"
        "标题的锚点由标题文字生成，都不必写 id"]


def test_a_headings_own_id_passes_when_its_text_names_markup(render_as_written):
    """toc makes a heading's id of its text with what reads as a tag taken out: a hand-written page's heading that shows
    markup as text (公告&lt;/title&gt;…) has the id 公告本站已停止运行新网址, whose words the page shows apart."""
    html = render_as_written("# 公告&lt;/title&gt;&lt;div class=&quot;x&quot;&gt;本站已停止运行&lt;/div&gt;&lt;a&gt;新网址&lt;/a&gt;\n\n本站公告。\n")
    assert 'id="公告本站已停止运行新网址"' in html
    assert rendered_html.violations(html, Counter()) == []
