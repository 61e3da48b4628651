"""publish/shown_text.py: every run of Chinese characters an editor's text publishes (index.txt, the JSON twin) is
shown on its page as rendered, whatever construct hides it and whether or not a source rule knows that construct."""
from __future__ import annotations

import os
from html.parser import HTMLParser

import pytest

from conftest import Repo, copy_sample
from gongbao.publish.build import BuildFailed, build
from gongbao.publish.rendered_html import Authored
from gongbao.publish.shown_text import unshown
from gongbao.rules import table_cells

DOC = "gazette/2018/06/xzbf-68.md"
# Bodies whose rendering hides 编者注 (each container of the page's Markdown, Traditional text too)
HIDDEN = [
    "一、总则\n\n[//]: # (编者注)\n",
    "| 序号 | 名称 |\n|---|---|\n| 1 | 甲 | 编者注 |\n",
    "- 附表：\n\n    | 甲 | 乙 |\n    |---|---|\n    | 1 | 2 | 编者注 |\n",
    "> | 甲 | 乙 |\n> |---|---|\n> | 1 | 2 | 编者注 |\n",
    "- 罰款五萬元。\n{: 编者注 }\n",
    "罚款*五万元*{: lang=编者注 }。\n",
    '罚款<span class="编者注">五万元</span>。\n',
    "见[国务院][gov]。\n\n[gov]: #一 \n\n[GOV]: https://www.gov.cn/ \"中国政府网\"\n\n[旧]: #编者注\n",
    # a definition no link uses, however often it is defined: another definition of its label is no use of it
    "正文。\n\n[编者注]: https://a.example/\n\n[编者注]: https://b.example/\n",
    "> 正文。\n>\n> [编者注]: https://a.example/\n\n- [编者注]: https://b.example/\n",
]
# Bodies whose every run is shown: markup between characters, addresses, titles, alt text, code, entities
SHOWN = [
    "罚款**五万**元，第三条*第二款*。\n",
    "见[附件一](附件一.pdf)和[国务院](https://www.gov.cn/ \"中国政府网\")。\n",
    "![一图读懂](一图读懂.png)\n",
    '<abbr title="政府公报">公报</abbr>，`代码中的文字`。\n',
    "```\n围栏代码中的文字\n```\n",
    "| 項目 | 內容 |\n|:--|:-:|\n| 甲 | 罰款五萬元 |\n",
    "见[国务院][gov]。\n\n[gov]: https://www.gov.cn/\n",
    "一、总则\n\n（一）加强统筹。\n\n第一章　总则\n\n第一条　为了规范管理，制定本办法。\n",
    # what the page shows no digit of by design: a list item's number, a reference's label, an attribute's value
    "- 项目：\n\n    1. 罚款50000元；\n    2. 没收违法所得。\n\n见[通知][1]和[国务院][]。\n\n[1]: https://www.gov.cn/\n\n[国务院]: https://www.gov.cn/zhengce/2016/80/\n",
    # a Chinese label a link uses, whole or with its text, in each container, Traditional too: Markdown consumes it
    "见[文][国发]和[文件] [國發〔2018〕37號]。\n\n[国发]: https://www.gov.cn/\n\n"
    "[國發〔2018〕37號]: https://www.gov.cn/2018/37/ \"国发〔2018〕37号\"\n",
    "> 见[通知][国办发]。\n>\n> [国办发]: https://www.gov.cn/\n",
    "- 见[通知][国办发〔2016〕80号]。\n\n    [国办发〔2016〕80号]: https://www.gov.cn/\n",
    "见[文][国发]。\n\n- [国发]: https://www.gov.cn/\n* 甲\n\n> 1. [國發]: https://www.gov.cn/\n\n见[文][國發]。\n",
    "| 文件 | 链接 |\n|---|---|\n| 国发 | [通知][国发] |\n\n[国发]: https://www.gov.cn/\n",
    '<table><tr><td colspan="2" width="33%">合计 12 万元</td></tr></table>\n\n<div markdown="1">\n\n二〇一八年六月五日，&#20013;央。\n\n</div>\n',
    # an address percent-encoded, which the page shows decoded: to a heading's id or an editor's, in each container,
    # Traditional, in lower case, by a reference; off the site (its digits were held to the page as unshown numbers)
    "## 第三条说明\n\n见[第三条说明](#%E7%AC%AC%E4%B8%89%E6%9D%A1%E8%AF%B4%E6%98%8E)。\n",
    '罚款<span id="第三条">五万元</span>，见[第三条](#%e7%ac%ac%e4%b8%89%e6%9d%a1)。\n',
    "## 說明\n\n- 見[說明](#%E8%AA%AA%E6%98%8E)\n\n> 見[說明][1]\n>\n> [1]: #%E8%AA%AA%E6%98%8E\n",
    "## 说明\n\n| 甲 | 乙 |\n|---|---|\n| 1 | [见说明](#%E8%AF%B4%E6%98%8E) |\n\n<a href=\"#%E8%AF%B4%E6%98%8E\">说明</a>\n",
    "见[通知](https://www.gov.cn/zhengce/%E9%80%9A%E7%9F%A5.html)，增长5%。\n",
]
# Bodies whose rendering hides a run the page shows elsewhere (each character a run of its own), or an amount, a
# number or a date (Arabic and full-width digits, 〇, the Kangxi radicals a PDF's text is often extracted as)
HIDDEN_RUNS = [
    ("编者注：核对原件。\n\n- 附表：\n\n    | 甲 | 乙 |\n    |---|---|\n    | 1 | 2 | 编 者 注 |\n", "编"),
    ("- 附表：\n\n    | 项目 | 金额 |\n    |---|---|\n    | 罚款 | 5000 | 50000 |\n", "50000"),
    ("> | 项目 | 金额 |\n> |---|---|\n> | 罚款 | 5000 | ５００００ |\n", "５００００"),
    ("罚款5000元。\n\n[//]: # (2018)\n", "2018"),
    ("罚款*五万元*{: lang=x-50000 }。\n", "50000"),
    ("- 二〇一八年\n\n    | 甲 | 乙 |\n    |---|---|\n    | 1 | 2 | 〇〇〇 |\n", "〇〇〇"),
    ("⼈⺠政府。\n\n- 附表：\n\n    | 甲 | 乙 |\n    |---|---|\n    | 1 | 2 | ⼈⺠ |\n", "⼈⺠"),
    # a definition's label named only where Python-Markdown reads no link (code, an escape, an inline link, an alt)
    ("见`[编者注]`。\n\n[编者注]: https://x.example/\n", "编者注"),
    ("- 见``[编者注]``。\n\n    [编者注]: https://x.example/\n", "编者注"),
    ("> 見\\[編者注]。\n>\n> [編者注]: https://x.example/\n", "編者注"),
    ("| 甲 | 乙 |\n|---|---|\n| `[编者注]` | 1 |\n\n[编者注]: https://x.example/\n", "编者注"),
    ("见[编者注](https://b.example/)。\n\n[编者注]: https://x.example/\n", "编者注"),
    ("见![图 [编者注]](图.png)。\n\n[编者注]: https://x.example/\n", "编者注"),
    ("见[编者注][国发]。\n\n[国发]: https://www.gov.cn/\n\n[编者注]: https://x.example/\n", "编者注"),
    # an address percent-encoded is its characters, in the text as on the page: it shows a hidden run no more often
    ("- 附表：\n\n    | 项目 | 金额 |\n    |---|---|\n    | 罚款 | 5000 | 50000 |\n\n见[上表](#%35%30%30%30%30)。\n", "50000"),
    ("> | 甲 | 乙 |\n> |---|---|\n> | 1 | 2 | 編者注 |\n\n見[說明](#%E7%B7%A8%E8%80%85%E6%B3%A8)\n", "編者注"),
]


def _unshown(render_body, body: str) -> list[str]:
    return [v.needles[0] for v in unshown(render_body(body), [Authored(DOC, 13, body, body)])]


def _text(html: str) -> str:
    """The page's text between tags, as the standard library's tokenizer reads it."""
    parser = HTMLParser()
    found = []
    parser.handle_data = found.append
    parser.feed(html)
    return "".join(found)


@pytest.mark.parametrize("body", HIDDEN)
def test_a_run_the_page_does_not_show_is_found(render_body, body):
    assert "编者注" not in _text(render_body(body))  # the page hides it
    assert "编者注" in _unshown(render_body, body)


@pytest.mark.parametrize("body, run", HIDDEN_RUNS)
def test_a_run_the_page_shows_less_often_than_the_text_is_found(render_body, body, run):
    assert _text(render_body(body)).count(run) < body.count(run)  # the page hides one
    assert run in _unshown(render_body, body)


@pytest.mark.parametrize("body", SHOWN)
def test_every_run_shown_passes(render_body, body):
    assert _unshown(render_body, body) == []


def test_a_run_hidden_where_no_source_rule_looks_stops_the_build_at_its_line(tmp_path, capfd, monkeypatch):
    """A construct no source rule knows (here a list item's table, the table-cells rule silenced, in the build's MkDocs
    process too, by a sitecustomize on its path): the check passes, the build refuses, naming the line once (the
    issue's print view shows the body again)."""
    silenced = "from gongbao.rules import table_cells\ntable_cells.problems = lambda body, rendering: []\n"
    (tmp_path / "silenced").mkdir()
    (tmp_path / "silenced" / "sitecustomize.py").write_text(silenced, encoding="utf-8")
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, (str(tmp_path / "silenced"), os.environ.get("PYTHONPATH")))))
    monkeypatch.setattr(table_cells, "problems", lambda body, rendering: [])
    repo = Repo(copy_sample(tmp_path / "repo", files=("mkdocs.yml", "gazette.yml", "withdrawn.yml")))  # nothing locked
    hidden = "- 附表：\n\n    | 甲 | 乙 |\n    |---|---|\n    | 1 | 2 | 核对原件后退回 |\n"
    repo.replace(DOC, "請認真貫徹落實。\n", "請認真貫徹落實。\n\n" + hidden)
    assert repo.check().ok
    with pytest.raises(BuildFailed):
        build(repo.path, tmp_path / "site", search_index=False, quiet=True)
    lines = (repo.path / DOC).read_text(encoding="utf-8").split("\n")
    line = lines.index("    | 1 | 2 | 核对原件后退回 |") + 1
    assert [m.strip() for m in capfd.readouterr().err.split("\n") if "核对原件后退回" in m] == [
        f"{DOC}:{line}: 正文中的“核对原件后退回”在网页上不显示，却会随规范文本（index.txt）和 JSON 发布"
        " — 这段文字写在了 Markdown 不显示的位置（没有链接用到的引用定义、多于表头的表格格子、属性列表或属性值中）：把它写成正文，或删去"]
    assert not (tmp_path / "site").exists()
