"""Attacks on the security guarantees (README, "Security: what is guaranteed and how") that once got
through, each kept as the test that proves it no longer does."""
from __future__ import annotations

import csv
import io
import subprocess
import time
from collections import Counter

import pytest

from conftest import Repo
from gongbao.content.sitefolder import SITE, planted
from gongbao.publish import rendered_html, twins
from gongbao.publish.build import BuildFailed, build
from gongbao.rules import nesting
from gongbao.rules.rendering import BODY, HANDWRITTEN

FOOTER = "footer:\n  host: 无锡市人民政府办公室\n"


# gazette.yml values the theme prints on every page: Material prints site.name unescaped, in text and in
# aria-label="…"; site.url goes into <link rel="canonical" href="…"> and the print view's 本文网址 unescaped.
@pytest.mark.parametrize("name", [
    "示例<img src=x onerror=alert(1)>",
    "示例</title><script>alert(1)</script>",
    '示例" onmouseover="alert(1)',
    "示例' onfocus='alert(1)",
])
def test_site_name_with_markup_is_refused(repo: Repo, name):
    repo.replace("gazette.yml", "site: {name: 测试公报,", f"site: {{name: {name!r},")
    assert any("site.name 中不能含有" in m for m in repo.messages())


@pytest.mark.parametrize("url", [
    'https://example.gov.cn/"><b onmouseover=alert(1)>x</b>',
    "https://example.gov.cn/'onmouseover='alert(1)",
    "javascript:alert(1)//https://example.gov.cn/",
    "JavaScript:alert(1)",
    "https://exa mple.gov.cn/",
    "//example.gov.cn/",
])
def test_site_url_must_be_a_plain_web_address(repo: Repo, url):
    repo.replace("gazette.yml", 'url: "https://example.gov.cn/"', f"url: {url!r}")
    assert any("site.url 应为以 http:// 或 https:// 开头的完整网址" in m for m in repo.messages())


@pytest.mark.parametrize("key", ["gov_logo_url", "error_report_url"])
@pytest.mark.parametrize("url", ["javascript:alert(1)", " javascript:alert(1)", "data:text/html,<script>alert(1)</script>",
                                 'https://x.example/" onclick="alert(1)'])
def test_footer_links_are_web_addresses(repo: Repo, key, url):
    repo.write("gazette.yml", repo.path.joinpath("gazette.yml").read_text(encoding="utf-8") + FOOTER + f"  {key}: {url!r}\n")
    assert any(f"footer.{key} 应为以 http:// 或 https:// 开头的完整网址" in m for m in repo.messages())


@pytest.mark.parametrize("logo", ["javascript:alert(1)", "https://tracker.example/x.png", "/etc/x.png", "../x.png", 'a.png" onerror="x'])
def test_footer_logo_is_a_path_under_content(repo: Repo, logo):
    repo.write("gazette.yml", repo.path.joinpath("gazette.yml").read_text(encoding="utf-8") + FOOTER + f"  gov_logo: {logo!r}\n")
    assert any("footer.gov_logo 应为 content/ 下的图片路径" in m for m in repo.messages())


def test_the_sample_footer_and_site_values_stay_valid(repo: Repo):
    repo.write("gazette.yml", repo.path.joinpath("gazette.yml").read_text(encoding="utf-8") + FOOTER
               + "  gov_logo: assets/dzjg.png\n  error_report_url: https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code=3202000000\n")
    assert repo.messages() == []


# A Markdown heading's id is its slug: "## GB content" became id="gb-content", a page id the rendered
# check refuses, so `gongbao check` passed what the build then refused.
@pytest.mark.parametrize("heading", ["## GB content", "## gb content", "Gb Content\n---", "### gb-content", "## TOC"])
def test_a_heading_whose_slug_is_a_page_id_is_refused_by_check(repo: Repo, heading):
    repo.replace("gazette/2018/06/xzbf-68.md", "（一）加强统筹", heading + "\n\n（一）加强统筹")
    assert any(d.rule == "anchor-id" and "网站页面自用的名称" in d.message for d in repo.check().diagnostics)


# MkDocs copies every other file of content/ as it is: an HTML or SVG file was published byte for byte,
# its script running on the site's origin without the pages' Content-Security-Policy.
@pytest.mark.parametrize("name, text", [
    ("content/evil.html", "<script>alert(1)</script>"),
    ("content/sub/page.HTM", "<script>alert(1)</script>"),
    ("content/assets/logo.svg", "<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>"),
    ("content/feed.xhtml", "<html xmlns='http://www.w3.org/1999/xhtml'><script>alert(1)</script></html>"),
    ("content/x.xml", "<?xml-stylesheet href='x.xsl'?><x/>"),
])
def test_a_document_file_in_content_is_refused(repo: Repo, name, text):
    repo.write(name, text)
    assert [str(d) for d in repo.check().diagnostics if d.rule == "site-files"] == [
        f"{name}:1: content/ 中的 {name[name.rindex('.'):].lower()} 文件会原样发布为本站网页，不经过任何检查，其中的脚本会在本站运行"
        " — 页面写成 Markdown（.md）；图片用 PNG 或 JPEG；确需提供的原件转成 PDF"]


# MkDocs copies every file of the theme's folder (overrides/) but its templates into the site as it is, unchecked:
# an SVG there was published at the site's root, its script running on the site's origin.
@pytest.mark.parametrize("name", ["overrides/evil.svg", "overrides/assets/x.js", "overrides/partials/page.xhtml",
                                  "overrides/files/note.pdf"])
def test_a_file_in_the_themes_folder_that_is_not_a_template_is_refused(repo: Repo, name):
    repo.write(name, "<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>")
    repo.write("overrides/main.html", "{% extends 'base.html' %}\n")
    repo.write("overrides/.icons/gb/menu.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>")  # MkDocs copies no dotfile
    assert [str(d) for d in repo.check().diagnostics if d.rule == "site-files"] == [
        f"{name}:1: overrides/ 中的 {name.removeprefix('overrides/')} 不是主题模板，会不经检查地原样发布到网站"
        " — overrides/ 只放主题模板（.html）和图标（overrides/.icons/）；网站自己的样式和脚本放在 content/ 中，"
        "并在 mkdocs.yml 的 extra_css、extra_javascript 中列出"]


# A hand-written page where the build writes its own: at a document's permanent URL before the document is published
# (then replaced by it, unsaid), or a folder where a generated file goes (the joined scripts, robots.txt: the build
# ended in MkDocs' traceback, FileExistsError).
@pytest.mark.parametrize("name, url, where", [
    ("content/doc/xzbf/2018/99.md", "doc/xzbf/2018/99/", "doc 是网站生成的网页和文件所在"),
    ("content/doc/xzbf/2018/68/index.md", "doc/xzbf/2018/68/", "doc 是网站生成的网页和文件所在"),
    ("content/search.md", "search/", "search 是网站生成的网页和文件所在"),
    ("content/robots.txt/index.md", "robots.txt/", "robots.txt 是网站生成的网页和文件所在"),
    ("content/sitemap.xml.md", "sitemap.xml/", "sitemap.xml 是网站生成的网页和文件所在"),
    # the build puts what it published unrecorded there after MkDocs: IsADirectoryError, a traceback
    ("content/gazette.unrecorded.json.md", "gazette.unrecorded.json/", "gazette.unrecorded.json 是网站生成的网页和文件所在"),
    ("content/assets/javascripts/gb-site.js/index.md", "assets/javascripts/gb-site.js/", "assets 是网站自己的样式和脚本所在，不放网页"),
    # the same folder to a case-insensitive file system (macOS, Windows), or to Windows, which drops trailing dots
    ("content/Doc/xzbf/2018/68.md", "Doc/xzbf/2018/68/", "doc 是网站生成的网页和文件所在"),
    ("content/doc./xzbf/2018/68.md", "doc./xzbf/2018/68/", "doc 是网站生成的网页和文件所在"),
    ("content/Assets/javascripts/gb-site.js/index.md", "Assets/javascripts/gb-site.js/", "assets 是网站自己的样式和脚本所在，不放网页"),
])
def test_a_hand_written_page_where_the_build_writes_its_own_is_refused(repo: Repo, name, url, where):
    repo.write(name, "# 页\n\n正文\n")
    assert [str(d) for d in repo.check().diagnostics if d.rule == "site-files"] == [
        f"{name}:1: {name} 会发布在 {url}，而 {where} — 手写页面放在别的文件夹（如 content/about.md）；"
        "公报文件、解读写进 gazette/、interpretations/"]


# MkDocs sees two pages at one URL only within a folder: about.md and about/index.md were both written to
# about/index.html, the second over the first, check and build passing.
@pytest.mark.parametrize("second", ["content/about/index.md", "content/about/README.md"])
def test_two_hand_written_pages_at_one_url_are_refused(repo: Repo, second):
    repo.write("content/about.md", "# 关于\n\n正文\n")
    repo.write(second, "# 关于二\n\n正文\n")
    assert [str(d) for d in repo.check().diagnostics if d.rule == "site-files"] == [
        f"{second}:1: {second} 与 content/about.md 都会发布在 /about/，生成时后写的会覆盖先写的 — 删去其中一个，或给它改个文件名"]


@pytest.mark.parametrize("first, second", [("content/About.md", "content/about/index.md"),
                                           ("content/about.md", "content/ABOUT.md")])
def test_two_hand_written_pages_at_one_url_of_a_case_insensitive_host_are_refused(repo: Repo, first, second):
    repo.write(first, "# 关于\n\n正文\n")
    repo.write(second, "# 关于二\n\n正文\n")
    found = [str(d) for d in repo.check().diagnostics if d.rule == "site-files"]
    later, earlier = sorted([first, second], reverse=True)  # the rule reads the files in sorted order: the second is reported
    assert found == [f"{later}:1: {later} 与 {earlier} 都会发布在 /{later.removeprefix('content/').removesuffix('.md').removesuffix('/index')}/"
                     "（不区分大小写的主机上），生成时后写的会覆盖先写的 — 删去其中一个，或给它改个文件名"]


# A name that does not read as it looks: a page at a URL looking like a document's permanent one (Cyrillic о), or a
# name that shows one thing and is another (a zero-width space, a fullwidth letter, the Han strokes 丿 and 丨 drawn
# as / and |; a direction override is refused with the control characters, as every file name of the repository).
@pytest.mark.parametrize("name, char", [
    ("content/d\u043ec/xzbf/2018/68.md", "U+043E CYRILLIC SMALL LETTER O"),
    ("content/\uff44oc/xzbf/2018/68.md", "U+FF44 FULLWIDTH LATIN SMALL LETTER D"),
    ("content/\u03b1bout.md", "U+03B1 GREEK SMALL LETTER ALPHA"),
    ("content/abo\u200but.md", "U+200B ZERO WIDTH SPACE"),
    ("content/about us.md", "U+0020 SPACE"),
    ("content/assets/l\u043ego.css", "U+043E CYRILLIC SMALL LETTER O"),
    ("content/doc\u4e3fxzbf.md", "U+4E3F CJK UNIFIED IDEOGRAPH-4E3F"),  # 丿 reads as a slash
    ("content/a\u4e28b.md", "U+4E28 CJK UNIFIED IDEOGRAPH-4E28"),  # 丨 as a pipe
])
def test_a_hand_written_name_that_does_not_read_as_it_looks_is_refused(repo: Repo, name, char):
    repo.write(name, "# 页\n\n正文\n")
    found = [str(d) for d in repo.check().diagnostics if d.rule == "site-files"]
    assert f"{name}:1: {name} 的名称含有字符 {char}：发布后的网址看起来与它实际的不同（如西里尔字母 о 冒充拉丁字母 o，看不见的空格）" \
           " — 文件名和文件夹名只用汉字、英文字母、数字、- 和 _，扩展名前用 .：改名" in found


def test_chinese_names_in_either_script_are_not_refused(repo: Repo):
    repo.write("content/关于本站.md", "# 关于本站\n\n正文\n")
    repo.write("content/幫助/常見問題.md", "# 常見問題\n\n正文\n")
    assert [str(d) for d in repo.check().diagnostics if d.rule == "site-files"] == []


def test_a_hand_written_page_in_a_folder_of_its_own_is_not_refused(repo: Repo):
    repo.write("content/help/faq.md", "# 常见问题\n\n正文\n")
    repo.write("content/documents.md", "# 文件\n\n正文\n")  # doc is a root, not a word a name may not start with
    assert [str(d) for d in repo.check().diagnostics if d.rule == "site-files"] == []


def test_a_hand_written_page_on_a_generated_files_path_fails_the_build_at_its_file(site_repo: Repo, tmp_path, capsys):
    site_repo.write("content/assets/javascripts/gb-site.js/index.md", "# 页\n\n正文\n")
    with pytest.raises(BuildFailed):
        build(site_repo.path, tmp_path / "site", search_index=False, quiet=True)
    said = capsys.readouterr().err
    assert "content/assets/javascripts/gb-site.js/index.md:1: " in said and "Traceback" not in said
    assert not (tmp_path / "site").exists()


def test_a_document_file_in_content_fails_the_build(site_repo: Repo, tmp_path):
    site_repo.write("content/evil.html", "<script>alert('EVIL')</script>")
    with pytest.raises(BuildFailed):
        build(site_repo.path, tmp_path / "site", search_index=False, quiet=True)
    assert not (tmp_path / "site").exists()


# A careless editor's pair of marks around another word withheld nothing: 【不公开】…【/不公开】 was published.
@pytest.mark.parametrize("passage", [
    "【不公开】业主电话13800000000【/不公开】",
    "【不与公开】业主电话13800000000【/不与公开】",
    "【免予公开】业主电话13800000000【／免予公开】",
    "【保密】\n业主电话13800000000\n【 /保密】",
    "〖不公開〗业主电话13800000000〖/不公開〗",
])
def test_a_closing_shape_around_another_word_is_refused(repo: Repo, passage):
    repo.replace("gazette/2018/06/xzbf-68.md", "（一）加强统筹", passage + "\n（一）加强统筹")
    assert any("像是段落的结束标记" in m for m in repo.messages())


@pytest.mark.parametrize("text", ["【注】本办法自发布之日起施行。", "【不予公开：涉及个人隐私】甲【/不予公开：涉及个人隐私】",
                                  "见附件2（不公开）。"])
def test_brackets_of_running_text_and_exact_marks_stay_accepted(repo: Repo, text):
    repo.replace("gazette/2018/06/xzbf-68.md", "（一）加强统筹", text + "\n（一）加强统筹")
    assert not any("像是" in m for m in repo.messages())


# Markdown's comment idiom: a reference definition to nothing. Hidden on the page, it was published in
# index.txt and the JSON twin; written with <> it made `gongbao check` end in a TypeError.
@pytest.mark.parametrize("note", ["[//]: # (编者注：核对原件第3页)", "[comment]: <> (编者注)", "[//]: # \"编者注\"",
                                  "> [注]: # (编者注)", "- 甲\n\n  [//]: # (编者注)"])
@pytest.mark.parametrize("where", ["gazette/2018/06/xzbf-68.md", "interpretations/xzbf-68-jd.md", "gazette/2018/06/index.md"])
def test_markdown_comment_idiom_is_refused_not_published(repo: Repo, note, where):
    repo.write(where, repo.path.joinpath(where).read_text(encoding="utf-8") + "\n" + note + "\n")
    assert any("Markdown 的“注释”写法" in m for m in repo.messages())


# The idiom as Python-Markdown also reads it: no space after the colon, the target run into the note, the target on the
# next line, or any target no link uses. Each is a reference definition the page shows nothing of (held to the
# renderer here), and passed the check while index.txt and the JSON twin published it.
HIDDEN_DEFINITIONS = ["[//]:#(编者注：核对原件第3页)", "[//]:<>(编者注)", "[comment]:#\"编者注\"", "[//]:\n<> (编者注)",
                      "[//]: / (编者注)", "[注]: 编者注", "> [//]:#(编者注)", "- 甲\n\n  [//]:<>(编者注)"]


@pytest.mark.parametrize("note", HIDDEN_DEFINITIONS)
def test_a_definition_no_link_uses_is_refused_as_the_page_shows_nothing_of_it(repo: Repo, render_body, note):
    assert "编者注" not in render_body(f"一、总则\n\n{note}\n\n二、附则\n")  # hidden on the page
    repo.replace("gazette/2018/06/xzbf-68.md", "（一）加强统筹", f"{note}\n\n（一）加强统筹")
    found = [d for d in repo.check().diagnostics if "Markdown 的“注释”写法" in d.message]
    lines = (repo.path / "gazette/2018/06/xzbf-68.md").read_text(encoding="utf-8").split("\n")
    assert len(found) == 1 and lines[found[0].line - 1].strip("> ") == next(l for l in note.split("\n") if "]:" in l).strip("> ")


# A label named where Python-Markdown reads no link is no use of the definition: in a code span, escaped, as an inline
# link's text, in an image's alt, as a full reference's text. Each passed the check while the page showed
# 编者注 once and index.txt held it twice: once more, hidden, in the definition.
NAMED_ELSEWHERE = [
    "见`[编者注]`。\n\n[编者注]: https://x.example/",
    "- 见``[编者注]``。\n\n    [编者注]: https://x.example/",
    "> 見\\[編者注]。\n>\n> [編者注]: https://x.example/",
    "> - 見[編者注](https://b.example/)。\n>\n> [編者注]: https://x.example/",
    "| 甲 | 乙 |\n|---|---|\n| `[编者注]` | 1 |\n\n[编者注]: https://x.example/",
    "见[编者注](https://b.example/)。\n\n[编者注]: https://x.example/",
    "见![图 [编者注]](附件1.png)。\n\n[编者注]: https://x.example/",
    "见[编者注][国发]。\n\n[国发]: https://www.gov.cn/\n\n[编者注]: https://x.example/",
]


@pytest.mark.parametrize("named", NAMED_ELSEWHERE)
def test_a_definition_named_only_where_markdown_reads_no_link_is_refused(repo: Repo, render_body, named):
    label = "編者注" if "編者注" in named else "编者注"
    assert "x.example" not in render_body(f"一、总则\n\n{named}\n")  # no link to it
    repo.replace("gazette/2018/06/xzbf-68.md", "（一）加强统筹", f"{named}\n\n（一）加强统筹")
    found = [d for d in repo.check().diagnostics if "Markdown 的“注释”写法" in d.message]
    lines = (repo.path / "gazette/2018/06/xzbf-68.md").read_text(encoding="utf-8").split("\n")
    assert [lines[d.line - 1].strip("> ") for d in found] == [f"[{label}]: https://x.example/"]


def test_backticks_the_code_span_pattern_would_search_over_and_over_are_read_as_code_within_a_second():
    """Each run of backticks that no run closes is a search to its text's end, character by character: runs of 1 to
    1,500 backticks (1 MB) are taken for code, a label among them for no use, at once."""
    from gongbao.content.notes import strip
    body = "见[国发]" + " ".join("`" * k for k in range(1, 1500)) + "\n\n[国发]: https://www.gov.cn/\n"
    started = time.perf_counter()
    problems = strip(body)[1]
    assert time.perf_counter() - started < 1 and [p.line for p in problems] == [3]


@pytest.mark.parametrize("used", ["见[国务院][gov]。\n\n[gov]:https://www.gov.cn/", "见[总体要求]。\n\n[总体要求]: #sec-1",
                                  "见[国务院][GOV]。\n\n[gov]: https://www.gov.cn/ \"中国政府网\"",
                                  # beside code spans, escapes and inline links, each label as Python-Markdown reads it
                                  "见`代码`和[国务院][]，\\[注]与`[x]`。\n\n[国务院]: https://www.gov.cn/",
                                  "- 見\\\\[國發] 及 [通知](https://a.example/)。\n\n    [國發]: https://www.gov.cn/",
                                  "> 见[文件] [国发]，``a`b``。\n>\n> [国发]: https://www.gov.cn/"])
def test_a_definition_a_link_uses_stays_accepted(repo: Repo, used):
    repo.replace("gazette/2018/06/xzbf-68.md", "（一）加强统筹", f"{used}\n\n（一）加强统筹")
    assert repo.messages() == []


def test_a_definition_a_later_one_of_its_label_replaces_is_refused(repo: Repo, render_body):
    used = "见[国务院][gov]。\n\n[gov]: #编者注不公开\n\n[GOV]: https://www.gov.cn/"
    assert "编者注" not in render_body(f"一、总则\n\n{used}\n")  # the page links the second, shows nothing of the first
    repo.replace("gazette/2018/06/xzbf-68.md", "（一）加强统筹", f"{used}\n\n（一）加强统筹")
    found = [d for d in repo.check().diagnostics if "Markdown 的“注释”写法" in d.message]
    lines = (repo.path / "gazette/2018/06/xzbf-68.md").read_text(encoding="utf-8").split("\n")
    assert [lines[d.line - 1] for d in found] == ["[gov]: #编者注不公开"]


# A line of its own in braces after a block goes on with it as its attribute list, where the page renders Markdown as
# written (a hand-written page), or after a line of block syntax (a list item) in a body, whose page renders each line of
# text a paragraph: <p 编者注>, which the build refuses. After a line of text in a body it is a paragraph of text.
@pytest.mark.parametrize("where, old, new, line", [
    ("content/about.md", None, "# 关于\n\n本站说明。\n{: 编者注 }\n", 4),
    ("content/about.md", None, "# 关于\n\n本站说明。\n{注：见附件}\n", 4),
    ("gazette/2018/06/xzbf-68.md", "（一）加强统筹", "- 第一项\n{: 编者注 }\n\n（一）加强统筹", 14),
    ("gazette/2018/06/xzbf-68.md", "（一）加强统筹", "> 引文\n{: lang=内部意见 }\n\n（一）加强统筹", 14),
])
def test_an_attribute_list_of_its_own_line_is_read_where_markdown_reads_one(repo: Repo, render_body, where, old, new, line):
    if old is None:
        repo.write(where, new)
    else:
        repo.replace(where, old, new)
        assert "<li 编者注>" in render_body(new) or 'lang="内部意见"' in render_body(new)  # as the page renders it
    assert {d.line for d in repo.check().diagnostics if d.path == where and "属性" in d.message} == {line}


def test_markdown_comment_idiom_on_a_hand_written_page_is_refused(repo: Repo):
    repo.write("content/about.md", "# 关于\n\n[comment]: <> (编者注)\n")
    assert [d.line for d in repo.check().diagnostics if "Markdown 的“注释”写法" in d.message] == [3]


def test_a_reference_definition_to_a_real_address_stays_accepted(repo: Repo):
    repo.replace("gazette/2018/06/xzbf-68.md", "（一）加强统筹", "见[国务院][gov]。\n\n[gov]: https://www.gov.cn/\n\n（一）加强统筹")
    assert repo.messages() == []


# An issuer's or a topic's name is a catalogue page's title, which Material prints unescaped
# (<span class="md-ellipsis">无锡市人民政府办公室<img src=x onerror=alert(1)>（1）</span>).
@pytest.mark.parametrize("old, new, key", [
    ("无锡市人民政府办公室: wxszfbgs", "'无锡市人民政府办公室<img src=x onerror=alert(1)>': wxszfbgs", "issuers 中 “无锡市人民政府办公室<img"),
    ("issuer_codes:", "topics: {'综合政务\" onclick=\"alert(1)': zhzw}\nissuer_codes:", "topics 中 “综合政务\""),
])
def test_issuer_and_topic_names_with_markup_are_refused(repo: Repo, old, new, key):
    repo.replace("gazette.yml", old, new)
    assert any(m.startswith(f"gazette.yml:") and key in m and "中不能含有" in m for m in repo.messages())


# An issuer's slug is the folder of its catalogue page and feed: two issuers sharing one published
# slug wrote one issuer's listing over the other's.
def test_two_issuers_with_one_slug_are_refused(repo: Repo):
    repo.replace("gazette.yml", "无锡市人民政府办公室: wxszfbgs", "无锡市人民政府办公室: wxszf")
    assert "gazette.yml:2: issuers 中代码 “wxszf” 被多个机关使用 — 每个机关用不同代码" in repo.messages()


# A title is plain text: "关于A&amp;B的通知" passed check, then failed the build with a message about
# data-gb-title, an attribute the editor never wrote.
@pytest.mark.parametrize("title", ["关于A&amp;B的通知", "关于&#x3c;b&#x3e;的通知", "关于&lt;script&gt;的通知"])
def test_a_character_reference_in_a_title_is_refused_by_check(repo: Repo, title):
    repo.replace("gazette/2018/06/xzbf-68.md", "title: 关于印发示例办法的通知", f"title: '{title}'")
    assert any("标题中不能含有字符引用" in m for m in repo.messages())


# Material styles its content components without a prefix: class="admonition danger" drew a red box
# announcing 本文件已废止 on a document in force, and tabbed-block / headerlink hid text from the reader
# that index.txt and the hash still carried.
@pytest.mark.parametrize("written", [
    '<div class="admonition danger" markdown="1">\n<p class="admonition-title">本文件已废止</p>\n\n本文件已废止。\n</div>',
    "- 本文件已废止。\n{: .admonition .warning }",  # the list item's: a body's line of text is a paragraph of its own
    '正文<span class="tabbed-block">隐藏条款</span>。',
    "> 隐藏条款\n{: .headerlink }",
    "> 隐藏条款\n{: .Footnote-backref }",
    "| 甲 | 乙 |\n|---|---|\n| <span class=\"note tabbed-content\">x</span> | y |",
    # Material's script makes the (1) of an .annotate block a button and hides the list after it: 罚款 ⊕ 元 on screen
    '<p class="annotate">违反本办法的，处以罚款 (1) 元。</p>\n<ol><li>五万</li></ol>',
    # an item's (a line "1. 处以罚款…" the body's rendering makes a numbered heading, {: .annotate } then a paragraph of
    # text: the page applies nothing, which check refused until it read the lines as the rendering runs them on)
    "- 违反本办法的，处以罚款 (1) 元。\n{: .annotate }",
])
def test_the_themes_component_classes_are_refused(repo: Repo, written):
    repo.replace("gazette/2018/06/xzbf-68.md", "（一）加强统筹", written + "\n\n（一）加强统筹")
    assert any("是网站保留的样式" in m for m in repo.messages())


def test_the_rendered_check_refuses_the_themes_component_classes():
    found = rendered_html.violations('<div class="admonition danger"><p class="admonition-title">本文件已废止</p></div>', Counter())
    assert len(found) == 2 and all("是网站保留的样式" in v.message for v in found)


# "Trojan Source": a bidirectional override shows 罚款5000元 for the text 罚款0005元, which is what the
# hash, index.txt and the search index hold.
BIDI = ["\u202e", "\u202d", "\u202a", "\u2066", "\u2067", "\u2068", "\u2069", "\u202c"]


@pytest.mark.parametrize("char", BIDI)
def test_a_bidirectional_control_in_a_body_is_refused(repo: Repo, char):
    repo.replace("gazette/2018/06/xzbf-68.md", "（一）加强统筹", f"罚款{char}0005\u202c元。\n（一）加强统筹")
    assert any(m.startswith("gazette/2018/06/xzbf-68.md:13: 文件含有改变文字显示顺序的双向控制字符") for m in repo.messages())


# Control characters show nothing on the page, but act in the terminal a clerk reads index.txt in: 罚款五万元 ESC [2K CR
# 罚款五元 shows 罚款五元 alone there. Each container: the loader looks at the file, not at what Markdown makes of it.
CONTROLS = ["\x1b[2K\r罚款五元", "\x08\x08\x08五元", "\x0b", "\x0c", "\x07", "\x7f", "\x1c", "\x85", "\x9b2K"]
CONTROL_CONTAINERS = ["罚款五万元{c}。", "- 罚款五万元{c}。", "> 罚款五万元{c}。", "| 罚款 | 五万元{c} |\n|---|---|\n| 甲 | 乙 |",
                      "## 罰款五萬元{c}", "第三條　罰款五萬元{c}。"]


@pytest.mark.parametrize("container", CONTROL_CONTAINERS)
@pytest.mark.parametrize("control", CONTROLS)
def test_a_control_character_in_a_body_is_refused_at_its_line(repo: Repo, control, container):
    repo.replace("gazette/2018/06/xzbf-68.md", "（一）加强统筹", container.format(c=control) + "\n\n（一）加强统筹")
    assert any(m.startswith("gazette/2018/06/xzbf-68.md:13: 文件含有不可见的控制字符") for m in repo.messages())


def test_every_control_of_a_file_is_told_at_its_line_the_first_fifty_and_a_count(repo: Repo):
    """Each one, in a document and a hand-written page alike: told only the first, an editor met the next at each check.
    Past fifty (pasted terminal output), one more line counts the rest: the messages are bounded as the file is."""
    repo.replace("gazette/2018/06/xzbf-68.md", "（一）加强统筹", "罚款\u202e0005\u202c元。\n\n第三條\x1b[2K。\n\n（一）加强统筹\x85")
    repo.write("content/about.md", "# 关于\n\n电话\x1b[2K。\n\n地址\u2067甲\u2069。\n")
    told = sorted((d.path, d.line, d.message.split("U+")[1][:4]) for d in repo.check().diagnostics if "U+" in d.message)
    doc = "gazette/2018/06/xzbf-68.md"
    assert told == [("content/about.md", 3, "001B"), ("content/about.md", 5, "2067"), ("content/about.md", 5, "2069"),
                    (doc, 13, "202C"), (doc, 13, "202E"), (doc, 15, "001B"), (doc, 17, "0085")]
    repo.replace(doc, "第三條", "".join(f"第{n}款\x08。\n\n" for n in range(60)) + "第三條")
    told = [(d.line, d.message) for d in repo.check().diagnostics if d.path == doc]
    assert len(told) == 51 and told[-1][1] == "文件含有不可见的控制字符 U+0008，此后还有 13 个控制字符未一一列出"
    assert told[-1][0] == 15 + 2 * 48  # the 51st: 第48款 (U+202E and U+202C on line 13, 第0款 on line 15)


def test_a_control_character_in_a_file_of_crlf_lines_an_interpretation_and_a_hand_written_page_is_refused(repo: Repo):
    path = repo.path / "interpretations/xzbf-68-jd.md"
    text = path.read_text(encoding="utf-8").replace("## 一、背景依据", "## 一、背景\x1b[8m依据")
    path.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    repo.write("content/about.md", "# 关于\n\n电话\x1b[2K0015。\n")
    lines = text.split("\n")
    found = {(d.path, d.line) for d in repo.check().diagnostics if "不可见的控制字符 U+001B" in d.message}
    assert found == {("interpretations/xzbf-68-jd.md", lines.index("## 一、背景\x1b[8m依据") + 1), ("content/about.md", 3)}


@pytest.mark.parametrize("text", ["罚款\t五万元", "第三条·罚款五万元", "§3 罚款五万元", "温度 20°C", "罚款五万元\u00a0整"])
def test_tab_and_latin_signs_near_the_controls_are_text(repo: Repo, text):
    repo.replace("gazette/2018/06/xzbf-68.md", "（一）加强统筹", f"{text}\n\n（一）加强统筹")
    assert repo.messages() == []


# The same control written as a character reference, which Markdown passes on and a browser reads as the character
BIDI_REFERENCES = ["&#x202e;", "&#8238;", "&#X0202E;", "&#x2067", "&#8294;"]


@pytest.mark.parametrize("reference", BIDI_REFERENCES)
def test_a_bidirectional_control_written_as_a_character_reference_is_refused(repo: Repo, reference):
    repo.replace("gazette/2018/06/xzbf-68.md", "（一）加强统筹", f"罚款{reference}（0005）元。\n（一）加强统筹")
    assert any(m.startswith("gazette/2018/06/xzbf-68.md:13: 字符引用写出了改变文字显示顺序的双向控制字符") for m in repo.messages())


# A C0 or C1 control written as a reference, which the browser reads as the character (ESC, BS, DEL, U+0081; the
# references &#x80;–&#x9f; HTML reads as Windows-1252 are printable, &#x9b; is ›): the page's text held
# 罚款五万元 ESC [2K CR 罚款五元, what a reader copies of it acts in a terminal, and the check and the build passed
CONTROL_REFERENCES = ["&#x1b;", "&#27;", "&#X1B", "&#8;", "&#x7f;", "&#x81;", "&#13;"]


@pytest.mark.parametrize("reference", CONTROL_REFERENCES)
def test_a_control_character_written_as_a_character_reference_is_refused(repo: Repo, reference):
    repo.replace("gazette/2018/06/xzbf-68.md", "（一）加强统筹", f"罚款五万元{reference}[2K罚款五元。\n（一）加强统筹")
    assert any(m.startswith("gazette/2018/06/xzbf-68.md:13: 字符引用写出了不可见的控制字符 U+00") for m in repo.messages())


# A letter or digit written as a character reference: the page shows the word, while index.txt, the JSON twin and the
# text's hash hold the reference (a court reading the twin read 罚款&#x35;000元 and 应当&#x4e0d;予处罚, the page 罚款5000元
# and 应当不予处罚), and the check and the build passed; in a list, a table, a quotation and raw HTML too (not in a code
# span, which shows it as written: tests/test_references_in_code.py)
WORD_REFERENCES = [("&#x35;", "5"), ("&#53;", "5"), ("&#X35;", "5"), ("&#x4e0d;", "不"), ("&#19981;", "不"),
                   ("&#xff15;", "５"), ("&#x5f97;", "得"), ("&eacute;", "é"), ("&sup2;", "²")]
WORD_CONTAINERS = ["罚款{}000元。", "- 罚款{}000元。", "> 罚款{}000元。", "| 甲 | 乙 |\n|---|---|\n| 罚款 | {}000元 |",
                   "<p>罚款{}000元。</p>", "1. 應當{}予處罰。"]


@pytest.mark.parametrize("reference, shows", WORD_REFERENCES)
@pytest.mark.parametrize("container", WORD_CONTAINERS)
def test_a_letter_or_digit_written_as_a_character_reference_is_refused(repo: Repo, reference, shows, container):
    repo.replace("gazette/2018/06/xzbf-68.md", "（一）加强统筹", container.format(reference) + "\n\n（一）加强统筹")
    line = 13 + container.count("\n")
    assert (f"gazette/2018/06/xzbf-68.md:{line}: 字符引用 “{reference}” 在网页上显示为 “{shows}”，规范文本（index.txt）"
            f"和 JSON 发布的却是引用本身 — 直接写出 “{shows}”；只有 < > & 这样的符号才需要写成 &lt; &gt; &amp;") in repo.messages()


def test_a_reference_without_its_semicolon_in_raw_html_is_refused(repo: Repo):
    """A browser reads &#x4E0D without its ; in raw HTML, which Markdown passes on as written."""
    repo.replace("gazette/2018/06/xzbf-68.md", "（一）加强统筹", "<p>应当&#x4E0D予处罚。</p>\n\n（一）加强统筹")
    assert any(m.startswith("gazette/2018/06/xzbf-68.md:13: 字符引用 “&#x4E0D” 在网页上显示为 “不”") for m in repo.messages())


def test_a_digit_written_as_a_character_reference_in_an_interpretation_or_hand_written_page_is_refused(repo: Repo):
    repo.replace("interpretations/xzbf-68-jd.md", "## 一、背景依据", "## 一、背景依据\n\n罚款&#x35;000元。")
    repo.write("content/about.md", "# 关于\n\n罚款&#x35;000元。\n")
    found = {d.path.as_posix() if hasattr(d.path, "as_posix") else str(d.path) for d in repo.check().diagnostics
             if "字符引用 “&#x35;” 在网页上显示为 “5”" in d.message}
    assert found == {"interpretations/xzbf-68-jd.md", "content/about.md"}


@pytest.mark.parametrize("text", ["&lt;script&gt; 与 A&amp;B", "罚款五万元&nbsp;整", "&#12288;&#12288;一、总则",
                                  "甲&mdash;乙&hellip;", "&ldquo;引文&rdquo;", "100&#8451;", "&#x3001;", "A&B 与 A & B", "&#x35000"])
def test_a_reference_to_a_sign_a_space_or_a_markup_character_is_text(repo: Repo, text):
    repo.replace("gazette/2018/06/xzbf-68.md", "（一）加强统筹", f"{text}\n\n（一）加强统筹")
    assert repo.messages() == []


def test_a_bidirectional_control_written_as_a_character_reference_on_a_hand_written_page_is_refused(repo: Repo):
    repo.write("content/about.md", "# 关于\n\n电话&#x202e;0015。\n")
    assert {d.line for d in repo.check().diagnostics if "双向控制字符" in d.message} == {3}


@pytest.mark.parametrize("where, old, new", [
    ("gazette/2018/06/xzbf-68.md", "title: 关于印发示例办法的通知", 'title: "关于印发示例办法的通知\\u202e"'),
    ("gazette/2018/06/xzbf-68.md", "title: 关于印发示例办法的通知", "title: 关于印发\u2067示例办法的通知"),
    ("interpretations/xzbf-68-jd.md", "## 一、背景依据", "## 一、背景\u202e依据"),
    ("gazette.yml", "name: 测试公报", "name: 测试\u202e公报"),
])
def test_a_bidirectional_control_anywhere_else_is_refused(repo: Repo, where, old, new):
    repo.replace(where, old, new)
    assert any("改变文字显示顺序的双向控制字符" in m for m in repo.messages())


BIDI_SHOWN, CONTROL_SHOWN = "字符引用写出了改变文字显示顺序的双向控制字符", "字符引用写出了不可见的控制字符"


@pytest.mark.parametrize("where, old, new, told", [
    ("gazette.yml", "name: 测试公报", "name: 测试&#x202e;（0005）公报", BIDI_SHOWN),
    ("gazette.yml", "无锡市人民政府办公室: wxszfbgs", "'无锡市人民政府办公室&#8238;': wxszfbgs", BIDI_SHOWN),
    ("withdrawn.yml", "title: 关于撤回的通知", "title: '关于&#x202e;（0005）的通知'", BIDI_SHOWN),
    ("gazette.yml", "name: 测试公报", "name: 测试&#x1b;公报", CONTROL_SHOWN),
    ("withdrawn.yml", "title: 关于撤回的通知", "title: '关于&#8;撤回的通知'", CONTROL_SHOWN),
])
def test_a_control_written_as_a_reference_in_a_name_the_theme_prints_is_refused(repo: Repo, where, old, new, told):
    """The theme prints the site's name, a catalogue's (an issuer's) and a withdrawal notice's title as HTML, unescaped,
    in every page's header and <title>: the reference was U+202E (or ESC, BS) there, and the check passed."""
    repo.write("withdrawn.yml", "- {url: doc/xzbf/2018/99/, title: 关于撤回的通知, date: 2019-03-01, reason: 撤回理由}\n")
    repo.replace(where, old, new)
    assert any(m.startswith(f"{where}:") and told in m for m in repo.messages())


@pytest.mark.parametrize("where, old, new, told", [
    ("gazette.yml", "name: 测试公报", "name: 测试&#x32;公报", "site.name 中不能含有字符引用 “&#x32;”：页面模板把名称当作 HTML 印出，显示的是 “2”"),
    ("gazette.yml", "name: 测试公报", "name: 测试&#X32公报", "site.name 中不能含有字符引用 “&#X32”"),
    ("gazette.yml", "无锡市人民政府办公室: wxszfbgs", "'无锡市&#x4eba;民政府办公室': wxszfbgs",
     "中不能含有字符引用 “&#x4eba;”：页面模板把名称当作 HTML 印出，显示的是 “人”"),
    ("gazette.yml", "无锡市人民政府办公室: wxszfbgs", "'无锡市人民政府办公室&amp;': wxszfbgs", "中不能含有字符引用 “&amp;”"),
    ("withdrawn.yml", "title: 关于撤回的通知", "title: '关于&#x4e00;号的通知'",
     "撤回记录的标题中不能含有字符引用 “&#x4e00;”（标题是纯文字，不解析 HTML）"),
    ("withdrawn.yml", "title: 关于撤回的通知", "title: '关于撤回的通知&eacute;'", "撤回记录的标题中不能含有字符引用 “&eacute;”"),
])
def test_a_reference_in_a_name_the_theme_prints_is_refused(repo: Repo, where, old, new, told):
    """The theme prints the site's name and an issuer's (a catalogue page's title) as HTML, unescaped, in every page's
    header and <title>: 无锡市&#x4eba;民政府办公室 was 无锡市人民政府办公室 there, and the reference itself on each of its
    documents' pages (制发机关), in the twins and feeds. A withdrawal notice's title with one passed check and failed the
    build (its words not shown on the notice)."""
    repo.write("withdrawn.yml", "- {url: doc/xzbf/2018/99/, title: 关于撤回的通知, date: 2019-03-01, reason: 撤回理由}\n")
    repo.replace(where, old, new)
    assert any(m.startswith(f"{where}:") and told in m for m in repo.messages())


def test_an_ampersand_in_a_name_is_text(repo: Repo):
    repo.replace("gazette.yml", "name: 测试公报", "name: 测试 A&B 公报")
    assert repo.messages() == []


# index.txt is the title, a line break, then the number: a title holding a line break ("…的通知\n锡政办发〔2018〕1号")
# published a second line read as the number, and the build passed; the page showed it as part of the title
@pytest.mark.parametrize("title", ['"关于印发示例办法的通知\\n锡政办发〔2018〕1号"', '"关于印发示例办法的通知\\u2028锡政办发〔2018〕1号"',
                                   '"关于印发示例办法的通知\\u2029锡政办发〔2018〕1号"', "|\n  关于印发示例办法的通知\n  锡政办发〔2018〕1号"])
def test_a_line_break_in_a_title_is_refused(repo: Repo, title):
    repo.replace("gazette/2018/06/xzbf-68.md", "title: 关于印发示例办法的通知", f"title: {title}")
    assert any(m.startswith("gazette/2018/06/xzbf-68.md:2: 标题中不能换行") for m in repo.messages())


def test_a_line_break_in_an_interpretation_title_is_refused(repo: Repo):
    text = (repo.path / "interpretations/xzbf-68-jd.md").read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title: "))
    repo.replace("interpretations/xzbf-68-jd.md", title, f'title: "{title[7:]}\\n锡政办发〔2018〕1号"')
    assert any(m.startswith("interpretations/xzbf-68-jd.md:") and "标题中不能换行" in m for m in repo.messages())


def test_a_bidirectional_control_on_a_hand_written_page_is_refused(repo: Repo):
    repo.write("content/about.md", "# 关于\n\n电话\u202e0015\u202c。\n")
    assert {d.line for d in repo.check().diagnostics if "双向控制字符" in d.message} == {3}


def test_directional_marks_stay_allowed(repo: Repo):
    repo.replace("gazette/2018/06/xzbf-68.md", "（一）加强统筹", "甲\u200e乙\u200f。\n（一）加强统筹")
    assert repo.messages() == []


# catalog/documents.csv is made for spreadsheet programs: a title written as a formula ran there.
@pytest.mark.parametrize("value", ['=HYPERLINK("https://evil.example/","原文")', "+1+1", "-1+1", "@SUM(1)", "\t=1", "＝1+1",
                                   "﹦1+1", "﹢1", "﹣1+1", "﹫SUM(1)", "＋1", "－1"])
def test_a_formula_in_the_catalogue_csv_is_text(value):
    text = twins.catalogue_csv([twins.csv_line({"title": value, "issuers": [value, "无锡市人民政府"],
                                                 "number": "锡政办发〔2018〕68号"})])
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0]["title"] == "'" + value and rows[0]["issuers"] == f"'{value}、无锡市人民政府"
    assert rows[0]["number"] == "锡政办发〔2018〕68号"


# Python-Markdown parses nesting by recursion: "- " 800 times on a line passed check, then ended the
# build in a RecursionError traceback.
# So is md_in_html's: 500 <div markdown="1"> one in another; and a text nested so was rendered by the rules that read
# its links (a link to a missing id, a link's text), a RecursionError out of check.
DIVS = '<div markdown="1">\n\n' * 500 + "见[甲](#x)，[https://www.wuxi.gov.cn/](https://evil.example/)\n\n" + "</div>\n\n" * 500
LINKED = "见[甲](#x)，[https://www.wuxi.gov.cn/](https://evil.example/)"


@pytest.mark.parametrize("body", ["- " * 800 + "x", "1. " * 800 + "x", "> - " * 400 + "x",
                                  "".join("  " * i + "- 甲\n" for i in range(600)), "- " * 800 + LINKED, DIVS,
                                  DIVS.replace("<div", "<section").replace("</div", "</section"),
                                  "> " + DIVS.replace("\n", "\n> "), "| 甲 | 乙 |\n|---|---|\n\n" + DIVS])
def test_nesting_too_deep_for_the_renderer_is_a_diagnostic(repo: Repo, body):
    repo.replace("gazette/2018/06/xzbf-68.md", "（一）加强统筹", body + "\n（一）加强统筹")
    found = [d for d in repo.check().diagnostics if d.rule == "nesting"]
    assert found and found[0].path == "gazette/2018/06/xzbf-68.md" and found[0].line >= 12


def test_html_blocks_of_markdown_are_counted_as_md_in_html_nests_them():
    """Refused at the 33rd; 32 one in another, a thousand one after another, a closing tag in code (md_in_html closes
    there too: not deeper) pass."""
    deep = '<div markdown="1">\n\n' * 33 + "甲\n\n" + "</div>\n\n" * 33
    assert [line for line, _, _ in nesting.problems(deep)] == [65]
    assert nesting.problems('<div markdown="1">\n\n' * 32 + "甲\n\n" + "</div>\n\n" * 32) == []
    assert nesting.problems('<div markdown="1">\n\n甲\n\n</div>\n\n' * 1000) == []
    assert nesting.problems('<div markdown="1">\n\n`</div>` 甲\n\n' * 40) == []


def test_nesting_on_a_hand_written_page_is_a_diagnostic(repo: Repo):
    repo.write("content/about.md", "# 关于\n\n" + "- " * 800 + "x\n")
    assert any("嵌套过深" in m for m in repo.messages())


def test_ordinary_nesting_stays_accepted(repo: Repo):
    repo.replace("gazette/2018/06/xzbf-68.md", "（一）加强统筹", "- 甲\n    - 乙\n\n        > 丙\n        >\n        > 1. 丁\n\n（一）加强统筹")
    assert repo.messages() == []


def test_nesting_too_deep_fails_the_build_with_its_line_not_a_traceback(site_repo: Repo, tmp_path, capfd):
    site_repo.replace("gazette/2018/06/xzbf-68.md", "各市(縣)、區人民政府", "- " * 800 + "x\n\n各市(縣)、區人民政府")
    with pytest.raises(BuildFailed):
        build(site_repo.path, tmp_path / "site", search_index=False, quiet=True)
    err = capfd.readouterr().err
    assert "gazette/2018/06/xzbf-68.md:" in err and "嵌套过深" in err and "RecursionError" not in err


# A document's or an interpretation's title is plain text (docs/content-contract.md), but its page's h1 rendered it as
# Markdown (markdown="1", for the table of contents): `check` passed what the published-page check then refused at the
# body's first line ("{: #art-1 }" took the article's anchor, "{: id="toc" }" the page's), a body's reference definition
# made "苏政办发[2018]12号" in a title a link, and *…* italics, unlike the print view, which prints the title as written.
@pytest.fixture(scope="module")
def render_markdown():
    from pathlib import Path

    import markdown
    from mkdocs.config import load_config
    config = load_config(str(Path(__file__).resolve().parent.parent / "mkdocs.yml"))
    md = markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)
    return lambda text: md.reset().convert(text)


@pytest.mark.parametrize("title", [
    "关于印发示例办法的通知 {: #art-1 }",
    '关于印发示例办法的通知 { id="toc" }',
    "关于[示例](javascript:alert(1))的通知",
    "关于![图](https://tracker.example/x.png)的通知",
    "关于转发苏政办发[2018]12号文件的通知",
    "关于*甲*和__乙__的通知`代码`\\*",
    "关于印发《无锡市2018-2020年行动计划》(试行)的通知 #1 + 2. !",
    "关于\n\n[2018]: /x\n\n的通知",
])
def test_a_title_is_published_as_written_not_as_markdown(render_markdown, title):
    from gongbao.publish.render.document import title_heading
    html = render_markdown(title_heading(title).text + "\n\n正文见[2018]。\n\n[2018]: /doc/xzbf/2018/68/\n")
    h1 = html[:html.index("</h1>")]
    assert h1[h1.index(">") + 1:] == __import__("html").escape(title, quote=True).replace("&#x27;", "'")
    assert 'id="art-1"' not in h1 and 'id="toc"' not in h1 and h1.startswith('<h1 class="gb-title" id="')


# A fenced code block's opening line gives its <pre>/<code> attributes (fenced_code with attr_list): `check` read "{…}"
# there as an attribute list without the colon fenced_code keeps ("{: lang=x }" is an attribute ':'), and not
# hl_lines="…" outside braces at all, which the published-page check then refused with no line in the source.
@pytest.mark.parametrize("body", [
    '```{: lang="zh" }\n代码\n```\n',
    '~~~{: .python }\n代码\n~~~\n',
    '```python hl_lines="1"\n代码\n```\n',
    "说明：\n\n````text hl_lines='1 2'\n代码\n````\n",
])
def test_what_a_fence_line_gives_its_code_block_is_checked_as_published(render_markdown, body):
    from gongbao.rules.html_safety import body_problems
    assert rendered_html.violations(render_markdown(body), Counter())  # the build refuses it
    found = body_problems(body)
    assert found and found[0][0] == body.split("\n").index(next(line for line in body.split("\n") if line[:3] in ("```", "~~~"))) + 1


@pytest.mark.parametrize("body", ["```\n代码\n```\n", "````\n代码\n````\n", "~~~\n代码\n~~~\n"])
def test_a_plain_fence_stays_accepted(render_markdown, body):
    from gongbao.rules.html_safety import body_problems
    assert rendered_html.violations(render_markdown(body), Counter()) == [] and body_problems(body) == []


def test_thousands_of_unclosed_fences_are_refused_before_the_renderer_spends_hours():
    """fenced_code looks for each opening line's closing line up to the end of the text: 8,000 unclosed "```x" lines
    took 5 s of a 40 KB page, 100,000 would take hours of one build. A few, as a real text has, pass."""
    from gongbao.rules.html_safety import body_problems
    body = "一、总则\n" + "```x\n" * 3000 + "正文。\n" * 100_000
    found = [p for p in body_problems(body) if "没有结尾的代码块开头" in p[1]]
    assert len(found) == 1 and found[0][0] == 2 and "3000 个" in found[0][1]
    assert body_problems("```x\n" * 5 + "正文。\n" * 100_000) == []


@pytest.mark.parametrize("body, line, words", [
    ("一、总则\n\n" + "[" * 8000 + "\n", 3, "方括号"),          # 15 s of rendering for 8 KB
    ("一、总则\n\n" + "[x](a " * 8000 + "\n", 3, "方括号"),     # 32 s
    ("一、总则\n\n" + "<a \n" * 20000, 3, "开头的 HTML 标签没有结束"),  # minutes: the build was stopped after 2
])
def test_markdown_the_renderer_reads_over_and_over_is_refused_by_check(body, line, words):
    """Python-Markdown looks for the ] of each [, the ) of each ]( and the > of each unfinished tag up to the end of the
    paragraph or text: check passed such bodies in a second and the build then rendered one page for minutes or hours.
    Each is refused once: the tags by html_safety's rule for any unfinished tag, the brackets by their cost."""
    from gongbao.rules import nesting
    from gongbao.rules.html_safety import body_problems
    found = [p for p in nesting.problems(body) + body_problems(body) if "没有结束" in p[1] or "方括号" in p[1]]
    assert len(found) == 1 and words in found[0][1] and found[0][0] == line, found


@pytest.mark.parametrize("body, line", [
    ("一、总则\n\n## 说明 " + "{: " * 100_000 + "\n", 3),                     # a heading: attr_list reads on from each
    ("一、总则\n\n| 甲 | 乙 |\n|---|---|\n| 1 " + "{: " * 100_000 + "| 2 |\n", 5),  # a table cell, the same
    ("一、总则\n\n## 说明 " + "{.a " * 30_000 + "}\n", 3),                    # each list read to the last }
    ("一、总则\n\n" + "正文 {: .a } 继续\n" * 2 + "## 说明 " + "{: " * 300 + "\n" * 2 + "## 又 " + "{: " * 300 + "\n", 5),
])
def test_braces_attr_list_reads_over_and_over_are_refused_by_check_in_bounded_time(body, line):
    """attr_list tries its pattern at each "{" after a space in a heading or table cell, reading on to the line's end
    for a "}", and check's own reading of attribute lists did the same at every "{" (with a copy of the line): a heading
    of 20,000 "{: " (60 KB) took 8 s to check and 34 s to build, passing both, and the 2 MB a body may have, hours of
    each. Refused once, at the line reading most, within a second."""
    from deadline import within
    from gongbao.rules.html_safety import body_problems
    with within(3):
        found = body_problems(body)
    assert [p[0] for p in found] == [line] and "花括号" in found[0][1], found


def test_braces_of_real_text_are_not_counted_against_it():
    from gongbao.rules.html_safety import body_problems
    lines = ["## 第一章 总则 {: #general }", "| 序号 {: #n } | 说明 |", "|---|---|",
             "| 1 | 计算公式为 {X} = {A} + {B}，其中 {A} 为基数 |", "公式：" + "｛A｝" * 500 + "。",
             "说明" * 1000 + "（见 {附件}）", "| 2 | 说明 |{: .n }", "见[总则](#general)、[序号](#n)。"]
    assert body_problems("\n".join(lines * 200) + "\n") == []


@pytest.mark.parametrize("body, line", [
    ("一、总则\n\n" + "*甲*乙" * 40_000 + "\n", 3),        # 10 s of rendering for 160 KB
    ("一、总则\n\n正文。\n\n" + "&amp;" * 40_000 + "\n", 5),  # 6.5 s for 200 KB
    ("一、总则\n\n" + "<b>甲</b>" * 40_000 + "\n", 3),      # 16 s
    ("一、总则\n\n" + "[甲](乙)" * 40_000 + "\n", 3),       # 8 s: the brackets' own cost is small
    ("一、总则\n\n" + "甲乙  \n" * 40_000, 3),               # hard line breaks: 17 s
    ("一、总则\n\n- " + "\\\\" * 200_000 + "\n", 3),         # escapes, in a list item
    # lines Python-Markdown reads as more of the paragraph, each taken for a text of its own: no table without its
    # separator row, no list but at a block's start, no list item 1), no heading after a space
    ("一、总则\n\n说明：\n" + "|*甲*乙\n" * 40_000, 3),     # 19 s
    ("一、总则\n\n" + "|*甲*乙\n" * 40_000, 3),           # 24 s on a page of content/
    ("一、总则\n\n说明：\n" + "- *甲*乙\n" * 40_000, 3),    # 7 s
    ("一、总则\n\n" + "1) *甲*乙\n" * 40_000, 3),         # 7.7 s on a page of content/
    ("一、总则\n\n" + "  #*甲*乙\n" * 40_000, 3),         # 4 s
    ("一、总则\n\n> 说明：\n" + "> | *甲* | 乙 |\n" * 40_000, 3),  # in a quote
])
def test_a_paragraph_the_renderer_copies_for_each_inline_element_is_refused_by_check(body, line):
    """Python-Markdown copies a paragraph's whole text again for each inline element it finds in it: check passed
    these in a second and the build rendered one page for seconds, quadratic, so the 2 MB a body may have for hours."""
    from deadline import within
    from gongbao.rules import nesting
    with within(3):
        found = nesting.problems(body)
    assert [p[0] for p in found] == [line] and "行内标记" in found[0][1], found


def test_brackets_and_tags_of_real_text_are_not_counted_against_it(site_repo: Repo):
    from gongbao.rules import nesting
    table = "| 序号 | 文件 |\n|---|---|\n" + "| 1 | [锡政办发〔2018〕68号](/doc/xzbf/2018/68/)（[解读](/doc/xzbf/2018/68/jiedu/x/)） |\n" * 3000
    assert nesting.problems(table) == [] and nesting.problems("<b>粗</b>\n\n" * 20000 + "a < b\n" * 1000) == []
    bodies = [p.read_text(encoding="utf-8") for p in site_repo.path.rglob("*.md")]
    assert bodies and all(nesting.renderer_cost(b) == [] and nesting.inline_cost(b) == [] for b in bodies)
    items = "".join(f"{n}. [锡政办发〔2018〕{n}号](/doc/xzbf/2018/{n}/)，**{n}**\n" for n in range(1, 5000))
    paragraph = "".join(f"第{n}项 [文件](/doc/xzbf/2018/{n}/) *说明*" for n in range(1, 300)) + "\n"
    assert nesting.inline_cost(table) == nesting.inline_cost(items) == nesting.inline_cost("\n".join([paragraph] * 50)) == []


@pytest.mark.parametrize("body, line", [
    ("一、总则\n\n|" + "`甲`乙" * 450 + "|" * 1_000_000 + "\n|乙\n\n|---|\n", 3),  # 20 s to check, 20 s to build
    ("一、总则\n\n| 甲 | 乙 |\n|---|---|\n" + ("| " + "`甲`乙" * 300 + " | 乙 |" + "|" * 20_000 + "\n") * 20, 5),  # 8.5 s to render, 10 s to check
])
def test_code_spans_the_tables_walk_for_each_pipe_are_refused_by_check_in_bounded_time(body, line):
    """Python-Markdown's tables walk, for each | of a line they split (every row, and the first line of every block of
    two or more), the code spans before it: a line of code spans then pipes took seconds to check and to build, passing
    both, quadratic, as | is no inline mark of inline_cost. Refused once, by check's own reading within a second: the
    table-cells rule, which parses a text with the tables, leaves such a text to this one."""
    from deadline import within
    from gongbao.rules import nesting, table_cells
    with within(3):
        found = nesting.problems(body) + [p for r in (BODY, HANDWRITTEN) for p in table_cells.problems(body, r)]
    assert [p[0] for p in found] == [line] and "| 和 `" in found[0][1], found


def test_code_in_the_cells_of_a_real_table_is_not_counted_against_it():
    from gongbao.rules import nesting
    row = "| 1 | `GB/T 9704-2012` | 代码 `a|b` 与 `c` | `x` `y` `z` | 说明 |\n"
    assert nesting.problems("| 序号 | 标准 | 写法 | 代码 | 备注 |\n|---|---|---|---|---|\n" + row * 20_000) == []


@pytest.mark.parametrize("body", [
    "| 序号 | 名称 |\n|:---:|---|\n" + "| 1 | *甲*乙 |\n" * 40_000,         # a table's rows: each a text of its own
    "> 序号 | 名称\n> ---|---\n" + "> 1 | *甲*乙\n" * 40_000,             # without borders, in a quote
    "说明：\n\n" + "- *甲*乙\n    1. *丙*\n\t* **丁**\n" * 15_000,        # a list and the lists in its items
    "# *甲*乙\n" * 40_000 + "> ## *甲*乙\n" * 40_000,                   # headings
])
def test_rows_items_and_headings_of_their_own_are_not_counted_as_one_paragraph(body):
    """Each row, item and heading is a text Python-Markdown processes alone (a 40,000-row table, 3 s to render, none of
    it the copying of a paragraph): counted as one paragraph, they would be refused."""
    from gongbao.rules import nesting
    assert nesting.inline_cost(body) == []


@pytest.mark.parametrize("folder", ["site", "Site", "SITE"])
def test_a_file_git_tracks_in_the_site_folder_written_in_another_case_is_told(tmp_path, folder):
    """A clone on macOS or Windows checks Site/gazette.lock.json out into site/ (one folder there), over the published
    copy: ``git ls-files -- ./site`` named none of it, even with core.ignorecase."""
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / folder).mkdir()
    (tmp_path / folder / "gazette.lock.json").write_text("{}", encoding="utf-8")
    subprocess.run(["git", "-C", str(tmp_path), "-c", "core.ignorecase=true", "add", "-f", "."], check=True)
    found = planted(tmp_path, tmp_path / SITE)
    assert found is not None and found.path == f"{folder}/gazette.lock.json"
