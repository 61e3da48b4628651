"""An address in angle brackets (<https://www.wuxi.gov.cn/>, <zwgk@wuxi.gov.cn>) is Markdown's autolink: a link, as
[文字](https://…) is. Check refused it as a tag “<https:>” (html_safety's tag parser read it so) while the page showed the
link; real gazettes cite websites. Now an autolink is a link where Markdown makes one (every container; not in a raw HTML
block, whose content Markdown passes on as tags, nor in a tag's attribute, where it breaks the tag), held to the links'
rules (schemes, an address no browser reads), and an address in brackets Markdown does not make a link (<tel:…>,
<javascript:…>) is told as what the editor wrote; the rendered check says the same of the page."""
from __future__ import annotations

import time
from collections import Counter

import pytest

from conftest import Repo
from gongbao.publish import rendered_html
from gongbao.publish.rendered_html import Authored
from gongbao.publish.shown_text import unshown
from gongbao.rules.html_safety import BODY, HANDWRITTEN, body_problems
from gongbao.rules.links import links

DOC = "gazette/2018/06/xzbf-68.md"
JD = "interpretations/xzbf-2018-68-wzjd.md"

LINKS = [
    "见<https://www.wuxi.gov.cn/>。\n",
    "- 見<https://www.gov.cn/zhengce/2018-06/30/content_5302342.htm>\n",     # Traditional, digits, a list
    "> 详见<http://www.jiangsu.gov.cn/>\n",
    "| 网站 | 说明 |\n|---|---|\n| <https://www.wuxi.gov.cn/> | 市政府门户 |\n",
    "## 相关网站 <https://www.wuxi.gov.cn/>\n\n正文。\n",
    "咨询邮箱：<mailto:zwgk@wuxi.gov.cn>\n",
    "- 諮詢郵箱：<12345@wuxi.gov.cn>\n",                                      # e-mail: each character a reference
    "文字<span><https://www.wuxi.gov.cn/></span>\n",                          # inline HTML: Markdown reads on
    '<div markdown="1">\n<https://www.wuxi.gov.cn/>\n</div>\n',
    # an e-mail autolink writes its address out as typed, a character reference too (&amp;#97;): it shows &#97;@b.cn
    "来信请寄<&#97;@b.cn>。\n",
    "- 來信請寄<zw&#103;k@wuxi.gov.cn>\n",
    "> <mailto:&#x61;@b.cn>\n",
    "| 邮箱 | 说明 |\n|---|---|\n| <&#97;@b.cn> | 来信 |\n",
]
# a reference beside an e-mail autolink, or in an address autolink (its text and href read it): the page shows the word
SHOWN = ["来信请寄<&#97;@b.cn>或&#97;@c.cn。\n", "见<https://a.cn/&#97;>\n", "- 見<http://&#x61;.cn/>\n"]
# in a raw HTML block, an attribute's value as written: no link, no tag broken
KEPT = '<div title="https://www.wuxi.gov.cn/">\n<span title="<https://a.cn/>">说明</span>\n</div>\n'

# (body, what check says, what the rendered check says)
REFUSED = [
    ("<javascript:alert(1)>\n", "尖括号中的 “<javascript:alert(1)>” 不是自动链接", "尖括号中的地址 <javascript:alert(1)…>"),
    ("<JaVaScRiPt://%0Aalert(1)>\n", "自动链接 “<JaVaScRiPt://%0Aalert(1)>” 使用了不安全的协议", "不安全的协议"),
    ("见<data://text/html;base64,PHNjcmlwdD4=>\n", "自动链接 “<data://text/html;base64,PHNjcmlwdD4=>” 使用了不安全的协议",
     "不安全的协议"),
    ("<ftp://ftp.wuxi.gov.cn/>\n", "自动链接 “<ftp://ftp.wuxi.gov.cn/>” 使用了不安全的协议", "不安全的协议"),
    ("- 電話：<tel:051081821234>\n", "尖括号中的 “<tel:051081821234>” 不是自动链接", "尖括号中的地址 <tel:051081821234…>"),
    ("<div>\n<https://www.wuxi.gov.cn/>\n</div>\n", "HTML 块中的自动链接 “<https://www.wuxi.gov.cn/>” 不会成为链接",
     "尖括号中的地址 <https:…>"),
    ("<p>\n<zwgk@wuxi.gov.cn>\n</p>\n", "HTML 块中的自动链接 “<zwgk@wuxi.gov.cn>” 不会成为链接",
     "尖括号中的地址 <zwgk@wuxi.gov.cn…>"),
    ('<span title="<https://a.cn/>">说明</span>\n', "HTML 标签的属性中写了自动链接 “<https://a.cn/>”", "属性"),
]


def _pages(render_body, render_as_written, body):
    return [(BODY, render_body(body)), (HANDWRITTEN, render_as_written(body))]


@pytest.mark.parametrize("body", [*LINKS, KEPT])
def test_an_autolink_is_a_link_for_check_and_the_rendered_check(render_body, render_as_written, body):
    for rendering, html in _pages(render_body, render_as_written, body):
        assert ("<a href=" in html) is (body != KEPT)
        assert body_problems(body, rendering) == []
        assert rendered_html.violations(html, Counter()) == []
        assert unshown(html, [Authored(DOC, 13, body, body)]) == []


@pytest.mark.parametrize(("body", "told", "page"), REFUSED)
def test_what_is_no_safe_link_is_told_as_the_autolink_written(render_body, render_as_written, body, told, page):
    for rendering, html in _pages(render_body, render_as_written, body):
        messages = [m for _, m, _ in body_problems(body, rendering)]
        assert len(messages) == 1 and told in messages[0] and "<https:>" not in messages[0], messages
        assert [v for v in rendered_html.violations(html, Counter()) if page in v.message]


@pytest.mark.parametrize("body", SHOWN)
def test_a_reference_an_autolink_shows_as_a_word_is_refused(body):
    for rendering in (BODY, HANDWRITTEN):
        assert [m for _, m, _ in body_problems(body, rendering)] == [
            "字符引用 “&#97;” 在网页上显示为 “a”，规范文本（index.txt）和 JSON 发布的却是引用本身".replace(
                "&#97;", "&#x61;" if "&#x61;" in body else "&#97;")]


def test_a_quote_in_an_address_stays_in_the_address(render_body):
    body = '见<https://a.b/"onmouseover="x>和<https://a.b/&#x22;onclick=x>\n'
    html = render_body(body)
    assert body_problems(body, BODY) == [] and rendered_html.violations(html, Counter()) == []
    assert [attrs for tag, attrs in rendered_html.simple_tags(html) or [] if tag == "a"] == [
        (("href", 'https://a.b/"onmouseover="x'),), (("href", 'https://a.b/"onclick=x'),)]


def test_a_long_autolink_is_read_in_linear_time():
    started = time.process_time()
    assert body_problems("见<https://www.wuxi.gov.cn/" + "a" * 1_000_000 + ">。\n", BODY) == []
    assert body_problems("<" * 100_000 + "https://a.cn/" + "<a@b" * 100_000 + "\n", BODY)
    assert time.process_time() - started < 2


def test_an_autolink_is_held_to_the_link_rules():
    assert [link.url for link in links("见<http://[x>，<zwgk@wuxi.gov.cn>\n`<https://code.example/>`\n")] == [
        "http://[x", "mailto:zwgk@wuxi.gov.cn"]


def test_check_passes_autolinks_in_a_document_an_interpretation_and_a_page_of_content(site_repo: Repo):
    site_repo.replace(DOC, "請認真貫徹落實。\n", "請認真貫徹落實。\n\n詳見<https://www.wuxi.gov.cn/>，郵箱<zwgk@wuxi.gov.cn>。\n")
    with (site_repo.path / JD).open("a", encoding="utf-8") as jd:
        jd.write("\n- 详见<https://www.wuxi.gov.cn/>\n")
    with (site_repo.path / "content/about.md").open("a", encoding="utf-8") as about:
        about.write("\n> 市政府门户网站：<https://www.wuxi.gov.cn/>\n\n<tel:051081821234>\n")
    told = [m for m in site_repo.messages() if "链接" in m or "标签" in m]
    line = (site_repo.path / "content/about.md").read_text(encoding="utf-8").split("\n").index("<tel:051081821234>") + 1
    assert told == [f"content/about.md:{line}: 尖括号中的 “<tel:051081821234>” 不是自动链接，会作为 HTML 标签发布：只有 http://、"
                    "https:// 开头的网址和电子邮件地址写在尖括号中才成为链接 — 写成 [文字](tel:051081821234)，或去掉尖括号写成文字"]
