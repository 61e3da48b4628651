"""A link to an id its page does not have goes nowhere: [见说明](#说明x) passed check and the build, and a reader's click,
or a court clerk's citation of the address, found nothing. MkDocs' own validation (validation: links: anchors) was tried
on this site: it refuses a percent-encoded link to an id that exists (#%E7%94%B2 to 甲, which the project accepts) and
reads no raw <a href>, so it stays off. Now check renders a text that links to an id it does not write (a heading's, an
article's anchor) as the site's Markdown does and refuses each link to an id the page lacks, at the link's line; the
rendered check refuses the same of the page (publish/rendered_html.py), each in every container, in Traditional script too."""
from __future__ import annotations

import os
import time
from collections import Counter

import pytest

from conftest import Repo, copy_sample
from gongbao.publish import rendered_html
from gongbao.publish.build import BuildFailed, build
from gongbao.rules import html_safety
from gongbao.rules.html_safety import BODY, HANDWRITTEN, body_problems

DOC = "gazette/2018/06/xzbf-68.md"
TOLD = "指向的位置在本页不存在"

# (text, the line of the link, the id it names)
MISSING = [
    ("## 說明\n\n[見說明](#說明x)\n", 3, "說明x"),
    ("- 甲\n- 见[第九条](#art-9)\n", 2, "art-9"),
    ("> 罚款五万元，见[说明](#说明)。\n", 1, "说明"),
    ("| 项目 | 说明 |\n|---|---|\n| 甲 | 见[附注](#附注) |\n", 3, "附注"),
    ("## 见[附注](#附注)\n", 1, "附注"),
    ('罰款<a href="#附註">見附註</a>。\n', 1, "附註"),
    ("见[上文][1]。\n\n[1]: #上文\n", 3, "上文"),
    ("见[说明](#%E8%AF%B4%E6%98%8Ex)\n", 1, "说明x"),
    ("甲\n\n- 見[說明](#說明\\_甲)\n", 3, "說明_甲"),                 # a backslash escape Markdown reads: #說明_甲
    ('甲\n\n> 见[说明](#m\\_1 "说明")\n', 3, "m_1"),
    ("甲\n\n> 见[说明][1]\n>\n> [1]: #m\\-1\n", 5, "m\\-1"),            # a definition's address: no escape read
]
# (text, rendering): links to ids the page has
PRESENT = [
    ("## 說明\n\n[見說明](#說明)\n", HANDWRITTEN),
    ("## 说明\n\n[见说明](#%E8%AF%B4%E6%98%8E)\n", HANDWRITTEN),
    ("罚款*五万*{: #附注 }，见[附注](#附注)\n", HANDWRITTEN),
    ('<span id="附註">甲</span>，<a href="#附註">見附註</a>\n', HANDWRITTEN),
    ("[回到顶部](#top)\n", HANDWRITTEN),
    ("代码写成 `[见](#无此)` 即可\n", HANDWRITTEN),
    ("第三条 罚款五万元。\n\n见[第三条](#art-3)。\n", BODY),
    ("一、总体要求\n\n见[一](#sec-1)。\n", BODY),
]


def _told(body, rendering):
    return [(line, message) for line, message, _ in body_problems(body, rendering) if TOLD in message]


def _on_page(html):
    return [v.message for v in rendered_html.violations(html, Counter()) if TOLD in v.message]


@pytest.mark.parametrize(("body", "line", "target"), MISSING)
@pytest.mark.parametrize("rendering", [BODY, HANDWRITTEN], ids=["body", "as-written"])
def test_a_link_to_an_id_the_page_lacks_is_refused_by_check_and_on_the_page(render_as, body, line,
                                                                            target, rendering):
    message = f"链接 “#{target}” 指向的位置在本页不存在：读者点击后不会跳转，引用这个网址的人也找不到它"
    assert _told(body, rendering) == [(line, message)]
    html = render_as(body, rendering)
    assert _on_page(html) == [f"发布的页面中 {message}"]


@pytest.mark.parametrize(("body", "rendering"), PRESENT)
def test_a_link_to_an_id_the_page_has_passes(render_as, body, rendering):
    assert _told(body, rendering) == []
    assert _on_page(render_as(body, rendering)) == []


@pytest.mark.parametrize("body", ["## 说明 {: #fee_rule }\n\n见[说明](#fee\\_rule)。\n",
                                  "> 罰款*五萬*{: #罰款_甲 }，見[說明](#罰款\\_甲)\n"])
@pytest.mark.parametrize("rendering", [BODY, HANDWRITTEN], ids=["body", "as-written"])
def test_a_link_with_an_escape_goes_to_the_id_it_names(render_body, render_as_written, body, rendering):
    """[说明](#fee\\_rule) is a link to fee_rule, as Markdown reads the escape: check told the id fee_rule as one no
    link goes to (a false refusal), the page having both."""
    assert body_problems(body, rendering) == []
    assert rendered_html.violations((render_body if rendering.numbered else render_as_written)(body), Counter()) == []


def test_links_the_patterns_do_not_read_are_each_told_at_their_line_in_linear_time():
    """Each link whose address the rule's patterns read otherwise than the page (an escape) was looked up by a search of
    every line, quadratic: 4,000 such links after 8,000 paragraphs took 7 s of check, and all were told at line 1."""
    body = "甲\n\n" * 8000 + "".join(f"[见{i}](#m\\_{i})\n\n" for i in range(4000))
    started = time.process_time()
    told = _told(body, BODY)
    assert time.process_time() - started < 3
    assert [line for line, _ in told] == list(range(16001, 24000, 2))


def test_check_tells_a_missing_id_in_the_sample_at_the_links_line(site_repo: Repo):
    site_repo.replace(DOC, "請認真貫徹落實。\n", "請認真貫徹落實。\n\n詳見[說明](#說明x)。\n")
    with (site_repo.path / "content/about.md").open("a", encoding="utf-8") as about:
        about.write("\n## 说明\n\n[见说明](#说明)，[见附注](#附注)\n")
    doc = (site_repo.path / DOC).read_text(encoding="utf-8").split("\n").index("詳見[說明](#說明x)。") + 1
    about = (site_repo.path / "content/about.md").read_text(encoding="utf-8").count("\n")
    assert sorted(m.split(" — ")[0] for m in site_repo.messages() if TOLD in m) == [
        f"content/about.md:{about}: 链接 “#附注” 指向的位置在本页不存在：读者点击后不会跳转，引用这个网址的人也找不到它",
        f"{DOC}:{doc}: 链接 “#說明x” 指向的位置在本页不存在：读者点击后不会跳转，引用这个网址的人也找不到它"]


def test_the_build_refuses_a_link_to_a_missing_id_at_its_line(tmp_path, capfd, monkeypatch):
    """With the source rule silenced (in the build's MkDocs process too, by a sitecustomize on its path), the rendered
    check refuses the page, naming the link's line."""
    silenced = "from gongbao.rules import html_safety\nhtml_safety._nowhere = lambda *args: []\n"
    (tmp_path / "silenced").mkdir()
    (tmp_path / "silenced" / "sitecustomize.py").write_text(silenced, encoding="utf-8")
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, (str(tmp_path / "silenced"), os.environ.get("PYTHONPATH")))))
    monkeypatch.setattr(html_safety, "_nowhere", lambda *args: [])
    repo = Repo(copy_sample(tmp_path / "repo", files=("mkdocs.yml", "gazette.yml", "withdrawn.yml")))  # nothing locked
    repo.replace(DOC, "請認真貫徹落實。\n", "請認真貫徹落實。\n\n詳見[說明](#說明x)。\n")
    assert repo.check().ok
    with pytest.raises(BuildFailed):
        build(repo.path, tmp_path / "site", search_index=False, quiet=True)
    line = (repo.path / DOC).read_text(encoding="utf-8").split("\n").index("詳見[說明](#說明x)。") + 1
    assert [m.strip().split(" — ")[0] for m in capfd.readouterr().err.split("\n") if TOLD in m] == [
        f"{DOC}:{line}: 发布的页面中 链接 “#說明x” 指向的位置在本页不存在：读者点击后不会跳转，引用这个网址的人也找不到它"]
    assert not (tmp_path / "site").exists()
