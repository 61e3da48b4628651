"""Hand-written pages in content/ are published whole by MkDocs, not through the loader: check refuses
in them what the loader would take out of a body (marks, notes) and what the rendered check refuses."""
from __future__ import annotations

import pytest

from conftest import Repo

MARK_HINT = "手写页面整页公开，不能含不予公开的内容：删除这段文字，或把它写进公报文件并标为部分公开"
PAGE = "content/about.md"
INTRO = "---\ntitle: 关于本站\n---\n# 关于本站\n\n本站刊登规章和规范性文件。\n"  # the payload lands on line 7


def errors(repo: Repo, payload: str) -> list[str]:
    repo.write(PAGE, INTRO + payload + "\n")
    return [m for m in repo.messages() if "[警告]" not in m]


def test_a_plain_page_passes(repo: Repo):
    assert errors(repo, "- 每份文件的网址由文号确定，永久有效。\n- 依法不予公开的信息不在本站刊登。") == []


@pytest.mark.parametrize("payload", ["【不予公开】联系人电话【/不予公开】", "【不予公開】聯繫人【/不予公開】",
                                     "> 【不予公开：个人隐私】王某"])
def test_an_exact_mark_is_refused(repo: Repo, payload):
    found = errors(repo, payload)
    assert found and all(m.startswith(f"{PAGE}:7: 手写页面中有不予公开标记") and m.endswith(MARK_HINT) for m in found)


@pytest.mark.parametrize("payload", ["〖不予公开〗王某〖/不予公开〗", "[不予公開]王某", "| 【不予\u200b公开】 | x |"])
def test_a_look_alike_is_refused(repo: Repo, payload):
    found = errors(repo, payload)
    assert found and all(m.startswith(f"{PAGE}:7: ") and "像是" in m and "不予公开标记" in m for m in found)


@pytest.mark.parametrize("payload", ["<!-- 待领导审定 -->", "- 条目 <!-- 内部意见 -->", "> 引文\n> <!--\n> 多行\n> -->"])
def test_an_editors_note_is_refused_not_published(repo: Repo, payload):
    line = 7 + payload.split("<!--")[0].count("\n")
    assert errors(repo, payload) == [f"{PAGE}:{line}: 手写页面中有注释（<!-- … -->），会随页面发布 — 手写页面中的注释会原样发布：删除 <!-- … -->"]


def test_an_unclosed_note_is_refused(repo: Repo):
    assert [m.split(" — ")[0] for m in errors(repo, "正文 <!-- 之后全部隐藏")] == [
        f"{PAGE}:7: HTML 注释没有正确结束（<!-- 之后应有 -->，浏览器会隐藏其后的全部内容）"]


@pytest.mark.parametrize("payload, message", [
    ("<script>alert(1)</script>", "不允许的 HTML 标签 <script>"),
    ("[点此](javascript:void(0))", "链接使用了不安全的协议：javascript:void(0"),
    ("*强调*{: onclick=\"alert(1)\" }", "属性列表 {: … } 带有事件属性 onclick，不允许执行脚本"),
    ('<span id="art-3">第三条</span>', "<span> 的 id「art-3」是网站保留的锚点或标识"),
])
def test_the_source_html_rules_apply_to_hand_written_pages(repo: Repo, payload, message):
    assert f"{PAGE}:7: {message}" in [m.split(" — ")[0] for m in errors(repo, payload)]


def front(repo: Repo, text: str) -> list[str]:
    repo.write(PAGE, f"---\n{text}\n---\n# 关于本站\n")
    return [m.split(" — ")[0] for m in repo.messages() if "[警告]" not in m]


def test_a_title_and_hide_are_what_front_matter_may_say(repo: Repo):
    assert front(repo, "title: 关于本站\nhide:\n  - navigation\n  - toc") == []


# MkDocs hands a page's meta to the templates, which print it into the chrome, where the check of the published
# body does not look: gb_lang went unescaped into <html lang>, and a withheld title was published as written.
@pytest.mark.parametrize("text, message", [
    ("title: 关于【不予公开】王某【/不予公开】", f"{PAGE}:2: 手写页面的标题中有不予公开标记 【不予公开】"),
    ("title: 关于【不予公開】王某【/不予公開】", f"{PAGE}:2: 手写页面的标题中有不予公开标记 【不予公開】"),
    ("title: 关于<b>本站</b>", f"{PAGE}:2: 标题中不能含有 < 或 >"),
    ("title: 关于&#x3c;b&#x3e;", f"{PAGE}:2: 标题中不能含有字符引用 &#x3c;（标题是纯文字，不解析 HTML）"),
    ("title: 关于\nhide: [toc]\ngb_lang: 'zh\"><img src=x onerror=alert(1)>'", f"{PAGE}:4: 手写页面的 front matter 不能有 gb_lang"),
    ("description: '\"><script>alert(1)</script>'", f"{PAGE}:2: 手写页面的 front matter 不能有 description"),
    ("gb_kind: document", f"{PAGE}:2: 手写页面的 front matter 不能有 gb_kind"),
    ("hide: [toc, '<script>']", f"{PAGE}:2: hide 的值无效：“<script>”"),
    ("title: [a, b]", f"{PAGE}:2: title 应为一行文字"),
    ("title: a: b", f"{PAGE}:2: front matter 不是有效的 YAML：这一行的值中有“: ”（冒号加空格），被读成了又一个 key：给整个值加引号"),
])
def test_front_matter_that_the_templates_would_print_is_refused(repo: Repo, text, message):
    assert message in front(repo, text)


# Without --- front matter MkDocs reads a page's first "key: value" lines as MultiMarkdown meta-data, as it reads
# front matter: gb_lang: zh" hidden="hidden put hidden on <html> of a page the check passed, gb_kind: document gave it
# a document's <meta> tags, and the lines were never shown.
MULTIMARKDOWN = "会被 MkDocs 当作页面的元数据（MultiMarkdown 格式）：不显示为正文，也不经 front matter 的检查"


@pytest.mark.parametrize("text, key", [
    ('gb_lang: zh" hidden="hidden\ntitle: 关于\n\n# 关于本站\n', "gb_lang:"),
    ("gb_kind: document\n\n# 关于本站\n", "gb_kind:"),
    ("   Title: 关于\n    续行\n# 关于本站\n", "Title:"),
    ("template:404.html\n# 关于本站\n", "template:"),
])
def test_multimarkdown_meta_data_is_refused(repo: Repo, text, key):
    repo.write(PAGE, text.encode())
    assert [m for m in repo.messages() if "[警告]" not in m and "MultiMarkdown" in m] == [
        f"{PAGE}:1: 第一行的 {key} {MULTIMARKDOWN} — 页面设置写在开头两行 --- 之间（只能写 title、hide）；正文要以这样的文字开头的，在它前面空一行"]


@pytest.mark.parametrize("text", ["\nNote: 本站刊登规章。\n", "# 关于本站\n\nNote: 本站刊登规章。\n", "---\ntitle: 关于\n---\nNote: 本站\n",
                                  "关于: 本站\n", "    Note: 缩进四格是代码\n"])
def test_text_mkdocs_does_not_read_as_meta_data_passes(repo: Repo, text):
    repo.write(PAGE, text.encode())  # as written: Repo.write dedents text
    assert [m for m in repo.messages() if "[警告]" not in m] == []

