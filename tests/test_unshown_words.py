"""Words in attributes the page never shows: a class (an attribute list's, raw HTML's, a fenced code block's language),
a lang past a language tag, and an image's text, an image's file or a link's address on another element. index.txt and
the JSON twin publish the body as written, so each was a sentence published in the reader's name and shown nowhere
(Latin words passed gongbao.publish.shown_text, which counts Chinese characters and digits; alt="…" on a <p> passed it
too, as if shown). Each is refused by check (rules/html_safety.py), by the rendered check (publish/rendered_html.py),
and an image's text or a link's address elsewhere is not counted as shown (publish/shown_text.py)."""
from __future__ import annotations

import re
from collections import Counter

import pytest
from mkdocs.config import load_config

from conftest import ROOT, Repo
from gongbao.publish import rendered_html
from gongbao.publish.rendered_html import Authored
from gongbao.publish.shown_text import unshown
from gongbao.rules.html_safety import BODY, EDITOR_CLASSES, SHOWN_ON, body_problems, reserved_class

DOC = "gazette/2018/06/xzbf-68.md"
NOTE = "internal-note-fees-rise"
# A class of the editor's, in each container a body has, in Traditional text too: each shows nothing of it
CLASSES = [
    f"罚款将*提高*{{: .{NOTE} }}。\n",                                  # an inline element's attribute list
    f"- 罰款五萬元。\n{{: .{NOTE} }}\n",                                # a list item's
    f"> 罚款五万元。\n{{: .{NOTE} }}\n",                                # a quote's
    f"## 說明 {{: .{NOTE} }}\n",                                        # a heading's
    f"| 項目 | 金額 |\n|---|---|\n| 5 | 罰款 {{: .{NOTE} }} |\n",         # a table cell's
    f'| 項目 | 金額 |\n|---|---|\n| <i class="{NOTE}">罰款</i> | 5 |\n',
    f'罚款<span class="{NOTE}">五万元</span>。\n',                      # raw HTML
    f'> - 罰款<b class="{NOTE} fees">五萬元</b>。\n',                     # in a quote's list
    f"```{NOTE}\n罚款五万元\n```\n",                                    # fenced_code: class="language-…"
    f"~~~ {{ .{NOTE} }}\n罚款五万元\n~~~\n",
]
# Attributes a reader is shown on one element only, on another; and a lang holding words
ELSEWHERE = [
    '罚款*五万元*{: alt="编者注" }。\n',
    '- 罚款<span href="编者注">五万元</span>。\n',
    '> 罰款<span src="編者注.png">五萬元</span>。\n',
    '| 甲 | 乙 |\n|---|---|\n| <b alt="编者注">罚款</b> | 1 |\n',
]
LANGS = [f'<span lang="{NOTE}">罚款</span>\n', "罚款*五万元*{: lang=fees-rise-next-year }。\n"]
SHOWN = [
    "见[国务院](https://www.gov.cn/ \"中国政府网\")。\n\n![一图读懂](一图读懂.png)\n",
    '<a href="https://www.wuxi.gov.cn/">无锡市政府</a>，<img src="图.png" alt="图解" width="50%">\n',
    '<span lang="zh-Hant">繁體</span>、<span lang="en">Open Data</span>、<span lang="zh-Hant-TW">臺灣</span>\n',
    "## 說明 { #shuoming }\n\n见[说明](#shuoming)，*强调*{: title=\"提示\" }\n\n```\n代码\n```\n",
]


def _problems(body: str) -> list[str]:
    return [message for _, message, _ in body_problems(body, BODY)]


@pytest.mark.parametrize("body", CLASSES)
def test_an_editors_class_is_refused_by_check_and_on_the_rendered_page(render_body, body):
    assert any(NOTE in m and ("不是网站样式表为正文定义的样式" in m or "代码块开头的语言名" in m) for m in _problems(body))
    html = render_body(body)
    assert NOTE in html and NOTE not in re.sub(r"<[^>]*>", "", html)  # on the page, shown nowhere
    assert any(NOTE in v.message for v in rendered_html.violations(html, Counter()))


@pytest.mark.parametrize("body", ['见[附件](fujian.pdf){: href="https://x.example/" }。\n',
                                  '- ![图解](图.png){: src="圖.png" alt="編者注" }\n'])
def test_an_attribute_list_sets_no_address_or_text_of_a_link_or_image_either(body):
    """On the link or image itself it would replace the address the link rules read and checked."""
    assert any(m.startswith("属性列表 {: … } 不能设置") for m in _problems(body)), _problems(body)


@pytest.mark.parametrize("body", ELSEWHERE)
def test_an_attribute_shown_on_one_element_is_refused_on_another_and_not_counted_shown(render_body, body):
    assert any("只在 <img> 上显示" in m or "只在 <a> 上显示" in m or "不能设置" in m for m in _problems(body))
    html = render_body(body)
    assert rendered_html.violations(html, Counter())
    run = re.search(r'(?:alt|href|src)="([^".]*)', body)[1]
    assert [v.needles[0] for v in unshown(html, [Authored(DOC, 13, body, body)])] == [run]


@pytest.mark.parametrize("body", LANGS)
def test_a_lang_of_words_is_refused(render_body, body):
    assert any("不是语言标记" in m for m in _problems(body))
    assert rendered_html.violations(render_body(body), Counter())


@pytest.mark.parametrize("body", SHOWN)
def test_what_is_shown_passes(render_body, body):
    html = render_body(body)
    assert _problems(body) == [] and rendered_html.violations(html, Counter()) == []
    assert unshown(html, [Authored(DOC, 13, body, body)]) == []


def test_the_classes_content_may_write_are_those_the_sites_stylesheets_define_for_it():
    """Each class a stylesheet of mkdocs.yml's extra_css defines is the project's or the theme's (reserved), or one
    content may write (EDITOR_CLASSES), and content may write no class no stylesheet defines."""
    defined = set()
    for sheet in load_config(str(ROOT / "mkdocs.yml"))["extra_css"]:
        css = (ROOT / "content" / sheet).read_text(encoding="utf-8")
        css = re.sub(r"/\*.*?\*/|url\([^)]*\)|'[^']*'|\"[^\"]*\"", "", css, flags=re.S)  # comments, addresses, strings
        defined |= set(re.findall(r"\.(-?[A-Za-z_][A-Za-z0-9_-]*)", re.sub(r"\{[^{}]*\}", "{}", css)))
    assert defined and {c for c in defined if not reserved_class(c)} == set(EDITOR_CLASSES)
    assert set(SHOWN_ON) == {"alt", "src", "href"}


def test_check_refuses_a_class_in_the_sample(site_repo: Repo):
    site_repo.replace(DOC, "請認真貫徹落實。\n", f"請認真貫徹落實。\n\n- 罰款將提高。\n{{: .{NOTE} }}\n")
    line = _line(site_repo, "{: ." + NOTE)
    assert [m for m in site_repo.messages() if NOTE in m] == [
        f"{DOC}:{line}: 属性列表 {{: … }} 的 class「{NOTE}」不是网站样式表为正文定义的样式："
        "网页上不显示，却会随规范文本（index.txt）和 JSON 发布 — 删除该 class；版式由网站样式统一控制，要说明的话写进正文"]


def _line(repo: Repo, text: str) -> int:
    return next(n for n, line in enumerate((repo.path / DOC).read_text(encoding="utf-8").split("\n"), 1) if text in line)
