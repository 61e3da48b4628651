"""A document's body on its issue's print view, moved from the HTML of the document's page (printed_body)."""
from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given, strategies as st

from gongbao.publish.render.printed_body import moved

PAGE, HERE, PREFIX = "doc/xzbf/2018/68/", "gazette/2018/06/print/", "d-xzbf-2018-68"


def _moved(body: str) -> str:
    return moved(body, PREFIX, PAGE, HERE)


def test_ids_are_prefixed_and_headings_go_one_level_down():
    body = ('<h2 id="chap-1">第一章 总则</h2>\n<p id="art-1"><b class="gb-art-no">第一条</b> 正文。</p>\n'
            '<h5 id="x">五</h5>\n<h6 id="y">六</h6>\n<p class="gb-signature">某某</p>\n')
    assert _moved(body) == ('<h3 id="d-xzbf-2018-68-chap-1">第一章 总则</h3>\n'
                            '<p id="d-xzbf-2018-68-art-1"><b class="gb-art-no">第一条</b> 正文。</p>\n'
                            '<h6 id="d-xzbf-2018-68-x">五</h6>\n<h6 id="d-xzbf-2018-68-y">六</h6>\n<p class="gb-signature">某某</p>\n')


@pytest.mark.parametrize("href, expected", [
    ("#art-3", "#d-xzbf-2018-68-art-3"),                     # one of the body's own ids: here
    ("./#art-3", "#d-xzbf-2018-68-art-3"),
    ("../68/#art-3", "#d-xzbf-2018-68-art-3"),
    ("#gb-jd", "../../../../doc/xzbf/2018/68/#gb-jd"),       # an id of the document's page the body does not hold
    ("../69/", "../../../../doc/xzbf/2018/69/"),             # where it goes from the document's page
    ("../69/?a=1&b=2#art-1", "../../../../doc/xzbf/2018/69/?a=1&amp;b=2#art-1"),
    ("file.pdf", "../../../../doc/xzbf/2018/68/file.pdf"),
    ("../../../../gazette/2018/06/", "../"),
    ("../../../../gazette/2018/06/print/", "./"),
    ("../../../../../../..", "../../../../"),                 # above the site's root: its root, as a browser reads it
    ("/doc/xzbf/2018/69/", "/doc/xzbf/2018/69/"),            # site-absolute, other schemes: the same from any page
    ("//example.org/a", "//example.org/a"),
    ("https://www.gov.cn/zhengce/", "https://www.gov.cn/zhengce/"),
    ("mailto:a@example.org", "mailto:a@example.org"),
    # read as a browser reads them: spaces and controls at the ends, tabs and newlines within, "\\" for "/"
    (" //example.org/a", " //example.org/a"),
    ("\t../6\n9/ ", "../../../../doc/xzbf/2018/69/"),
    ("\\\\example.org/a", "\\\\example.org/a"),
    ("http://[example.org/", "http://[example.org/"),           # no host a browser reads: not rebased, nor a traceback
    ("#art%2D3", "#d-xzbf-2018-68-art-3"),                   # percent-encoded, as a browser finds the id
    ("../../../../gazette/2018/06/print/x:y", "./x:y"),      # not read as a scheme here
    ("../../../../gazette/2018/06/print/\\x", "./\\x"),      # nor as the site's root
])
def test_links_go_where_they_go_on_the_documents_page(href, expected):
    body = f'<p id="art-3">见<a href="{href.replace("&", "&amp;")}" title="t">此</a>。</p>\n'
    assert _moved(body) == f'<p id="{PREFIX}-art-3">见<a href="{expected}" title="t">此</a>。</p>\n'


def test_an_image_is_rebased_and_a_tag_that_does_not_move_keeps_its_bytes():
    body = '<p><img alt="图 &quot;1&quot;" src="chart.png"><br />\n<a title="x" href="">空</a> id="art-1" 是文字</p>\n'
    assert _moved(body) == ('<p><img alt="图 &quot;1&quot;" src="../../../../doc/xzbf/2018/68/chart.png"><br />\n'
                            '<a title="x" href="">空</a> id="art-1" 是文字</p>\n')


def test_only_the_values_that_move_are_written_again_the_spaces_between_attributes_kept():
    body = '<h2>无 id</h2>\n<p\nid="a&amp;b">x</p>\n<img  alt="x"\n src="c.png"  />\n<p  id="">y</p>\n'
    assert _moved(body) == (f'<h3>无 id</h3>\n<p\nid="{PREFIX}-a&amp;b">x</p>\n'
                            '<img  alt="x"\n src="../../../../doc/xzbf/2018/68/c.png"  />\n<p  id="">y</p>\n')


@pytest.mark.parametrize("body, expected", [
    # the editor's own HTML, which the patterns do not read: the tokenizer's tags, written again
    ("<H2 ID='a'>标题</H2>\n<p title='x'>见<a href='#a'>上</a></p>\n",
     f'<h3 id="{PREFIX}-a">标题</h3>\n<p title=\'x\'>见<a href="#{PREFIX}-a">上</a></p>\n'),
    ("<p title='a>b' id=q>x</p>\n", f'<p title="a&gt;b" id="{PREFIX}-q">x</p>\n'),
    ("<p>1 < 2</p>\n<h2 id=z>z</h2>\n", f'<p>1 < 2</p>\n<h3 id="{PREFIX}-z">z</h3>\n'),  # a "<" of text stays: the check refuses it
])
def test_markup_the_patterns_do_not_read_is_moved_by_the_tokenizer(body, expected):
    assert _moved(body) == expected


_TAGS = st.sampled_from(["p", "h1", "h2", "h4", "h6", "a", "li", "b", "img"])
_ATTRS = st.lists(st.tuples(st.sampled_from(["id", "href", "src", "class", "title"]),
                            st.sampled_from(["art-1", "#art-1", "../69/", "x y", "a&amp;b", "/abs/", "#nope", ""])),
                  max_size=3, unique_by=lambda a: a[0])


def _written(attrs) -> str:
    return "".join(f' {name}="{value}"' for name, value in attrs)


@given(st.lists(st.tuples(_TAGS, _ATTRS, st.sampled_from(["正文", "id=\"art-1\"", "&lt;h2&gt;", ""])), max_size=6))
def test_the_tokenizer_moves_markup_as_the_patterns_do(elements):
    """The tokenizer's way is taken only for markup the patterns do not read: on markup both read, both agree."""
    body = "".join(f"<{tag}{_written(attrs)}>{text}</{tag}>\n" for tag, attrs, text in elements)
    fast = _moved(body)
    slow = _moved(body.replace("\n", "<!---->\n"))  # a comment: the patterns give up on the body
    assert slow == fast.replace("\n", "<!---->\n")


DOC = "gazette/2018/06/xzbf-68.md"


def test_the_print_views_links_go_where_the_documents_go(site_repo, tmp_path):
    """Built: a relative link and an in-page one, written once in a body, reach the same place from both pages."""
    text = (site_repo.path / DOC).read_text(encoding="utf-8").replace("68號", "69號").replace("type: 规范性文件", "type: 其他文件")
    # a new document (not locked yet), of a type that needs no interpretation
    site_repo.write("gazette/2018/06/xzbf-69.md", text + "\n见[办法](../../../wxzfl/180/)和[第一部分](#sec-1)。\n")
    out = tmp_path / "out"
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(site_repo.path / "mkdocs.yml"),
                          "-d", str(out)], cwd=site_repo.path, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    page = (out / "doc/xzbf/2018/69/index.html").read_text(encoding="utf-8")
    printed = (out / "gazette/2018/06/print/index.html").read_text(encoding="utf-8")
    assert '<a href="../../../wxzfl/180/">办法</a>' in page and '<a href="#sec-1">第一部分</a>' in page
    assert '<a href="../../../../doc/wxzfl/180/">办法</a>' in printed
    assert '<a href="#d-xzbf-2018-69-sec-1">第一部分</a>' in printed and 'id="d-xzbf-2018-69-sec-1"' in printed
    assert (out / "doc/wxzfl/180/index.html").exists()


def test_two_bodies_whose_ids_are_the_same_once_prefixed_are_refused_at_a_line(site_repo, tmp_path):
    """doc/id/x/ and doc/id/x-2/ in one issue: "2 附件" in the first and "附件" in the second are one id on the print
    view (d-id-x-2-附件); the build names where, not only the page."""
    text = (site_repo.path / "gazette/2018/06/rm-2018-06.md").read_text(encoding="utf-8")
    for name, ident, heading in (("x", "wxszf-2018-rm-07", "2 附件"), ("x-2", "wxszf-2018-rm-07-2", "附件")):
        site_repo.write(f"gazette/2018/06/{name}.md", text.replace("id: wxszf-2018-rm-06", f"id: {ident}")
                        .replace("周文彬", f"周{name}") + f"\n## {heading}\n\n说明。\n")
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(site_repo.path / "mkdocs.yml"),
                          "-d", str(tmp_path / "out")], cwd=site_repo.path, capture_output=True, text=True)
    line = text.count("\n") + 2
    assert run.returncode == 1 and f"gazette/2018/06/x-2.md:{line}: 发布的页面中 id「d-id-wxszf-2018-rm-07-2-附件」不止一处" in run.stderr
