"""Smaller pages: the theme's markup around a document is compacted and carries no icon or script a
reader does not need; the content is published as rendered."""
from __future__ import annotations

import re

from gongbao.publish.render import compact

CONTENT = '<pre><code>第一行\n\n    缩进的第二行\n</code></pre>\n<p>正文</p>'


def test_white_space_between_the_themes_tags_becomes_one_line_break():
    assert compact.compact("<div>\n    \n      <a>\n  首页\n    </a>\n\n</div>") == "<div>\n<a>\n首页\n</a>\n</div>"
    assert compact.compact("<p>一 二</p>") == "<p>一 二</p>"  # a space without a line break stays


def test_scripts_preformatted_text_and_text_areas_keep_their_bytes():
    kept = ['<script>\n  var a = 1;\n\n  var b = "\n  ";\n</script>', "<PRE>\n  x\n\n  y\n</PRE>",
            '<textarea name="t">\n  一\n\n  二\n</textarea>', '<script type="application/json">\n {"a": 1}\n</script >']
    for markup in kept:
        assert compact.compact(f"<div>\n    {markup}\n    </div>") == f"<div>\n{markup}\n</div>"


def test_only_the_theme_around_the_content_is_compacted():
    output = f"<body>\n   <main>\n   {CONTENT}\n   </main>\n</body>"
    compacted, theme = compact.page(output, CONTENT)
    assert compacted == f"<body>\n<main>\n{CONTENT}\n</main>\n</body>"
    assert theme == "<body>\n<main>\n\n</main>\n</body>" and "正文" not in theme


def test_a_page_that_does_not_hold_its_content_is_left_whole():
    output = "<body>\n   <main>\n   </main>\n</body>"
    assert compact.page(output, CONTENT) == (output, None)
    assert compact.page(output, "") == (output, None)


def test_a_document_page_carries_less_than_14_5_kb_around_its_text(built_site):
    """The seed document's page carried 18.9 KB of theme markup around its content before (whitespace of the
    templates, a palette script, two inline logos); 13.9 KB after, and then the search page's stylesheet and
    the consultations' script joined every page (about 0.4 KB)."""
    page = (built_site / "doc/xzbf/2018/68/index.html").read_text(encoding="utf-8")
    start, end = page.index('<div id="gb-content"'), page.rindex('<p class="gb-print-url">')
    theme = page[:start] + page[end:]
    assert len(theme.encode("utf-8")) < 14_500
    assert not re.search(r"\n[ \t]*\n", theme)  # no blank lines
    assert theme.count("<svg") <= 2 and "__palette" not in theme
