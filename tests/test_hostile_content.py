"""Hostile content: every XSS payload of the corpus is refused or escaped, never executed.

The corpus: tests/hostile/body_payloads.txt (raw HTML and links in Markdown bodies) and
tests/hostile/front_matter_payloads.txt (values of front-matter keys and file names).
"""
from __future__ import annotations

from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import site_markdown
from deadline import within
from gongbao.publish import rendered_html
from gongbao.publish.build import build

HERE = Path(__file__).parent / "hostile"
BODY = [line for line in (HERE / "body_payloads.txt").read_text(encoding="utf-8").splitlines() if line.strip()]
FRONT = [line for line in (HERE / "front_matter_payloads.txt").read_text(encoding="utf-8").splitlines() if line]
DOC = "gazette/2018/06/xzbf-68.md"
SAFE = ["<strong>加粗</strong>", '<a href="https://www.wuxi.gov.cn/">无锡市政府</a>', '<a href="../../../../gazette/2018/06/">站内</a>',
        '<table><tr><th scope="col">表头</th></tr><tr><td colspan="2">格</td></tr></table>', "<sup>1</sup>",
        "[邮件](mailto:gb@example.gov.cn)", "&lt;script&gt; 写成实体，显示为文字", "{注：见附件}", "{: 编者注 }",
        "## 说明 { #shuoming }\n\n见[说明](#shuoming)", '*强调*{: title="提示" }', "| 左 | 中 |\n|:--|:-:|\n| 甲 | 乙 |"]
# A line of ``` or ~~~ does not make what follows safe: the rule reads every line, code or not.
FENCED = ["```\n{p}\n```", "~~~\n{p}", "  ```\n{p}", "- ```\n  {p}\n  ```", "> ```\n> {p}\n> ```"]
AFTER_FENCE = ["<script>alert(1)</script>", '<iframe src="https://example.invalid/"></iframe>',
               '<form action="https://example.invalid/"><input name="q"></form>',
               '<meta http-equiv="refresh" content="0;url=https://example.invalid/">']


def test_the_corpus_is_not_trivial():
    assert len(BODY) >= 50 and len(FRONT) >= 7


@pytest.mark.parametrize("payload", BODY)
def test_body_payload_is_a_build_error_naming_file_and_line(repo, payload):
    repo.replace(DOC, "（一）加强统筹", payload + "\n（一）加强统筹")
    messages = [m for m in repo.messages() if "[警告]" not in m]
    assert messages, f"accepted: {payload}"
    assert all(m.startswith(f"{DOC}:13: ") for m in messages), messages


# Python's HTML tokenizer reads each unfinished tag again to the end of the text: 60,000 were minutes of one check.
@pytest.mark.parametrize("unfinished", ["<a ", "x<img src=1 "])
def test_many_unfinished_tags_are_read_in_linear_time(repo, unfinished):
    repo.replace(DOC, "（一）加强统筹", unfinished * 60_000 + "\n（一）加强统筹")
    with within(10):
        repo.messages()


UNFINISHED_HINT = "要显示尖括号本身，请写 &lt;；是标签的，补上 >"


@pytest.mark.parametrize("tail, start, line", [('<a href="x" onclick=', "<a", 14), ("<script", "<script", 14),
                                               ("x</p", "</p", 14), ("```\n<img src=x onerror=alert(1)", "<img", 15)])
def test_a_tag_begun_after_the_bodys_last_angle_bracket_is_refused(repo, tail, start, line):
    """No tag ends after the last >, so the tag rules never read one begun there (fed reads up to it); in code too,
    as every tag rule reads every line."""
    repo.replace(DOC, "要加强统筹。\n", f"要加强统筹。<br>\n{tail}")
    assert repo.messages() == [f"{DOC}:{line}: {start} 开头的 HTML 标签没有结束（其后没有 >） — {UNFINISHED_HINT}"]


@pytest.mark.parametrize("tail", ["x < 1", "a<1", "<<", "《办法》", "&lt;script"])
def test_an_angle_bracket_that_begins_no_tag_is_text(repo, tail):
    repo.replace(DOC, "要加强统筹。\n", f"要加强统筹。\n{tail}")
    assert repo.messages() == []


@pytest.mark.parametrize("fence", FENCED)
@pytest.mark.parametrize("payload", AFTER_FENCE)
def test_markup_after_a_fence_line_is_refused(repo, fence, payload):
    repo.replace(DOC, "（一）加强统筹", fence.format(p=payload) + "\n\n（一）加强统筹")
    messages = repo.messages()
    assert messages and all(m.startswith(f"{DOC}:14: ") for m in messages), messages


@pytest.mark.parametrize("container", ["> {p}\n> 见[r]。", "- {p}\n- 见[r]。", "1. 第一项\n\n    {p}", "> - > {p}"])
@pytest.mark.parametrize("url", ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "&#106;avascript:alert(1)",
                                 "<javascript:alert(1)>", "data:text/html,x"])
def test_a_reference_definition_in_a_container_is_checked(repo, container, url):
    repo.replace(DOC, "（一）加强统筹", container.format(p=f"[r]: {url}") + "\n\n（一）加强统筹")
    assert any("不安全的协议" in m for m in repo.messages())


@pytest.mark.parametrize("snippet", SAFE)
def test_safe_markup_is_accepted(repo, snippet):
    repo.replace(DOC, "（一）加强统筹", snippet + "\n\n（一）加强统筹")
    assert repo.messages() == []


def test_script_in_a_title_is_refused(repo):
    repo.replace(DOC, "title: 关于印发示例办法的通知", "title: 关于<script>alert(1)</script>的通知")
    assert repo.messages() == [f"{DOC}:2: 标题中不能含有 < 或 > — 书名号请用《》，不要写 HTML"]


class _Active(HTMLParser):
    """Finds what a browser would run: handlers, script text or javascript: URLs carrying alert(1)."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []
        self.in_script = False

    def handle_starttag(self, tag, attrs):
        self.in_script = tag == "script"
        for name, value in attrs:
            value = (value or "").strip().lower()
            navigates = name in ("href", "src", "action", "formaction", "data") and value.startswith("javascript:")
            if "alert(1)" in value and (name.startswith("on") or navigates):
                self.found.append(f"<{tag} {name}={value}>")

    def handle_data(self, data):
        if self.in_script and "alert(1)" in data:
            self.found.append(f"<script>{data[:40]}")

    def handle_endtag(self, tag):
        self.in_script = False


def active(html: str) -> list[str]:
    parser = _Active()
    parser.feed(html)
    return parser.found


def test_the_detector_finds_an_executable_payload():
    assert active('<p>x</p><img src=x onerror="alert(1)"><script>alert(1)</script>') == \
        ["<img onerror=alert(1)>", "<script>alert(1)"]
    assert active("<p>&lt;img src=x onerror=alert(1)&gt;</p>") == []


@pytest.mark.parametrize("payload", FRONT)
def test_front_matter_values_and_file_names_are_escaped(site_repo, tmp_path, payload):
    """Free-text values (责编, 解读机关, an issue's note) are printed escaped; the file name is never printed."""
    quoted = '"' + payload.replace("\\", "\\\\").replace('"', '\\"') + '"'
    site_repo.replace(DOC, "editor: 法制办", f"editor: {quoted}")
    site_repo.replace("interpretations/xzbf-2018-68-wzjd.md", "author: 无锡市人民政府办公室",  # a locked fact: with a 勘误
                      f"author: {quoted}\ncorrections: [{{date: 2018-07-01, change: 解读机关更正, reason: 录入错误}}]")
    site_repo.note_unlocked("gazette/2018/06/")  # a published note never changes: as while the issue is prepared
    site_repo.write("gazette/2018/06/index.md", (site_repo.path / "gazette/2018/06/index.md").read_text(encoding="utf-8")
                    + "\n" + payload.replace("<", "&lt;") + "\n")
    (site_repo.path / DOC).rename(site_repo.path / "gazette/2018/06" / '"><img src=x onerror=alert(1)>.md')
    site = tmp_path / "site"
    build(site_repo.path, site, search_index=False, quiet=True)
    pages = {p: p.read_text(encoding="utf-8") for p in site.rglob("*.html")}
    document = pages[site / "doc/xzbf/2018/68/index.html"]
    assert "责编：" in document
    leaks = {str(p.relative_to(site)): active(t) for p, t in pages.items() if active(t)}
    assert leaks == {}


def test_an_index_number_that_is_markup_is_refused(site_repo):
    site_repo.replace(DOC, "disclosure: 主动公开", 'disclosure: 主动公开\nindex_number: "<script>"')
    assert any("索引号“<script>”不符合本站格式" in m for m in site_repo.messages())


REPEATED = {  # each gives an attribute twice: a browser keeps the first, the checks read every value or the last
    "a citation shown, another opened": '见<a href="/doc/xzbf/2018/68/jiedu/xzbf-68-jd/" href="https://example.gov.cn/doc/xzbf/'
                                        '2018/68/">https://example.gov.cn/doc/xzbf/2018/68/</a>。',
    "in upper case, in a list": '- 見<a href="jiedu/xzbf-68-jd/" HREF="https://example.gov.cn/doc/xzbf/2018/68/">'
                                'https://example.gov.cn/doc/xzbf/2018/68/</a>',
    "a word in a title no browser shows, in a quote": '> <span title="说明" title="内部意见">甲</span>',
    "an id, in a table": '| 甲 | 乙 |\n|---|---|\n| 丙 | <span id="x" id="y">丁</span> |',
}


@pytest.mark.parametrize("snippet", REPEATED.values(), ids=REPEATED)
def test_an_attribute_given_twice_is_refused_at_its_line(repo, snippet):
    """<a href="…/jiedu/…/" href="…/doc/xzbf/2018/68/">…/68/</a> passed check and build: the link rule read the second
    address, which the text shows, and Chromium opens the first."""
    repo.replace(DOC, "（一）加强统筹", snippet + "\n\n（一）加强统筹")
    line = next(n for n, text in enumerate((repo.path / DOC).read_text(encoding="utf-8").split("\n"), 1)
                if "<" in text and "加强统筹" not in text)
    assert any(m.startswith(f"{DOC}:{line}: ") and "写了不止一次" in m for m in repo.messages()), repo.messages()
    found = rendered_html.inspect(site_markdown().reset().convert(snippet), Counter(), site_url="https://example.gov.cn/")[0]
    assert [v for v in found if "写了不止一次" in v.message], found
