"""Smaller pages: the theme's markup around a document is compacted and carries no icon or script a
reader does not need; the content is published as rendered."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from gongbao.publish.render import compact, contents

ROOT = Path(__file__).resolve().parent.parent

CONTENT = '<pre><code>第一行\n\n    缩进的第二行\n</code></pre>\n<p>正文</p>'


def test_white_space_between_the_themes_tags_becomes_one_line_break():
    assert compact.compact("<div>\n    \n      <a>\n  首页\n    </a>\n\n</div>") == "<div>\n<a>\n首页\n</a>\n</div>"
    assert compact.compact("<p>一 二</p>") == "<p>一 二</p>"  # a space without a line break stays


# Every kind of white space a line may hold next to a line break: the pattern's [ \t\r], what else \s matches
# (form feed, vertical tab, the separators 0x1c-0x1f, NEL, no-break and ideographic spaces, the Unicode line
# separators) and a zero-width space, which is no white space to either
_SPACES = " \t\r\n\x0b\x0c\x1c\x1f\x85\xa0\u2028\u3000\u200b"


@given(st.text(alphabet=_SPACES + "a<", max_size=40))
def test_line_by_line_compacting_makes_what_the_pattern_makes(text):
    assert compact._spaced(text) == re.sub(r"[ \t\r]*\n\s*", "\n", text)


def test_scripts_preformatted_text_and_text_areas_keep_their_bytes():
    kept = ['<script>\n  var a = 1;\n\n  var b = "\n  ";\n</script>', "<PRE>\n  x\n\n  y\n</PRE>",
            '<textarea name="t">\n  一\n\n  二\n</textarea>', '<script type="application/json">\n {"a": 1}\n</script >']
    for markup in kept:
        assert compact.compact(f"<div>\n    {markup}\n    </div>") == f"<div>\n{markup}\n</div>"
    # side by side, first and last, and a script never closed: its white space is the theme's, compacted
    assert compact.compact(f"{kept[0]}\n  \n{kept[1]}{kept[2]} \n\t{kept[3]}") == f"{kept[0]}\n{kept[1]}{kept[2]}\n{kept[3]}"
    assert compact.compact("<script>\n  a\n\n</scrip>\n  <p>") == "<script>\na\n</scrip>\n<p>"


def test_materials_generator_meta_and_logo_titles_are_left_out_of_the_theme_only():
    theme = ('<meta charset="utf-8">\n<meta name="generator" content="mkdocs-1.6.1, mkdocs-material-9.8.2">\n'
             '<a href="../.." title="公报" class="md-header__button md-logo" aria-label="公报" data-md-component="logo">')
    assert compact.compact(theme) == ('<meta charset="utf-8">\n'
                                      '<a href="../.." class="md-header__button md-logo" aria-label="公报" data-md-component="logo">')
    kept = '<a href="x" title="说明" class="md-nav__link">x</a>\n<meta name="generator" content="其他">'
    assert compact.compact(kept) == kept  # another link's title, another generator: not Material's
    content = '<p><a href="../.." title="公报" class="md-header__button md-logo">x</a></p>'
    assert compact.page(f"<body>\n{content}\n</body>", content)[0] == f"<body>\n{content}\n</body>"


def test_materials_palette_stylesheet_and_colour_names_are_left_out_of_the_theme_only():
    theme = ('<link rel="stylesheet" href="../../assets/stylesheets/main.57a0d79d.min.css">\n'
             '<link rel="stylesheet" href="../../assets/stylesheets/palette.fb2fffe2.min.css">\n'
             '<body dir="ltr" data-md-color-scheme="default" data-md-color-primary="custom" data-md-color-accent="custom">')
    assert compact.compact(theme) == ('<link rel="stylesheet" href="../../assets/stylesheets/main.57a0d79d.min.css">\n'
                                      '<body dir="ltr" data-md-color-scheme="default">')
    content = '<p><link rel="stylesheet" href="assets/stylesheets/palette.fb2fffe2.min.css">\n</p>'
    assert compact.page(f"<body>\n{content}\n</body>", content)[0] == f"<body>\n{content}\n</body>"


def test_the_drawers_logo_link_is_left_out_and_its_title_stays():
    drawer = ('<label class="md-nav__title" for="__drawer">\n<a href="../.." title="公报" class="md-nav__button md-logo" '
              'aria-label="公报" data-md-component="logo">\n<span class="gb-logo"></span>\n</a>\n公报\n</label>')
    assert compact.compact(drawer) == '<label class="md-nav__title" for="__drawer">\n公报\n</label>'
    header = '<a href="../.." class="md-header__button md-logo" aria-label="公报" data-md-component="logo">\n<span class="gb-logo"></span>\n</a>'
    assert compact.compact(header) == header  # the header's stays


def test_only_the_theme_around_the_content_is_compacted():
    output = f"<body>\n   <main>\n   {CONTENT}\n   </main>\n</body>"
    compacted, theme = compact.page(output, CONTENT)
    assert compacted == f"<body>\n<main>\n{CONTENT}\n</main>\n</body>"
    assert theme == "<body>\n<main>\n\n</main>\n</body>" and "正文" not in theme


def test_the_content_is_found_whole_where_its_beginning_is_written_before_it():
    content = f"<h1>{'长标题' * 30}</h1>\n<p>正文</p>"
    output = f"<head>\n  <title>{content[:80]}</title>\n</head>\n<main>\n   {content}\n   </main>"
    compacted, theme = compact.page(output, content)
    assert compacted == f"<head>\n<title>{content[:80]}</title>\n</head>\n<main>\n{content}\n</main>"
    assert theme == f"<head>\n<title>{content[:80]}</title>\n</head>\n<main>\n\n</main>"


def test_a_page_that_does_not_hold_its_content_is_left_whole():
    output = "<body>\n   <main>\n   </main>\n</body>"
    assert compact.page(output, CONTENT) == (output, None)
    assert compact.page(output, "") == (output, None)


def test_a_document_page_carries_less_than_7_3_kb_around_its_text(built_site):
    """The seed document's page carried 18.9 KB of theme markup around its content before (whitespace of the
    templates, a palette script, two inline logos); 13.9 KB after, and then the search page's stylesheet and
    the consultations' script joined every page (about 0.4 KB); 12.6 KB since Material's contents are written
    on one line and its settings leave out its search's; 8.3 KB with one stylesheet and its contents listed once;
    7.8 KB without Material's inline icons, its tabbed-content script, its generator <meta> and its logos' titles;
    7.2 KB with the site's scripts as one file, without Material's palette stylesheet and colour names and
    the drawer's logo link. The whole page 34.5 → 33.5 KB, its contents control's levels as nested lists too;
    a page of articles (the order) 20.2 → 19.1 KB, each article's number a bare <b>."""
    page = (built_site / "doc/xzbf/2018/68/index.html").read_text(encoding="utf-8")
    start, end = page.index('<div id="gb-content"'), page.rindex('<p class="gb-print-url">')
    theme = page[:start] + page[end:]
    assert len(theme.encode("utf-8")) < 7_300
    assert len(page.encode("utf-8")) < 34_000 and (built_site / "doc/wxzfl/180/index.html").stat().st_size < 19_700
    assert not re.search(r"\n[ \t]*\n", theme)  # no blank lines
    assert "<svg" not in theme and "__palette" not in theme  # the menu and back-to-top icons: gb-reading.css
    assert "/palette." not in theme and "data-md-color-primary" not in theme  # the site's colours are its own
    assert theme.count("md-logo") == 1  # the header's, not the drawer's
    assert theme.count('class="gb-icon gb-icon--') == 2 and "__tabbed_" not in theme and 'name="generator"' not in theme
    assert theme.count("'sha256-") == 2  # the policy trusts Material's settings script and the elder mode's, no more


def test_a_page_hiding_the_contents_does_not_carry_them(built_site):
    """An issue's print view hides Material's contents: it carried every heading of the issue anyway."""
    view = (built_site / "gazette/2018/06/print/index.html").read_text(encoding="utf-8")
    assert 'data-md-type="toc" hidden' in view and 'data-md-component="toc"' not in view
    assert 'id="d-xzbf-2018-68"' in view and 'href="#d-xzbf-2018-68"' in view  # the print view's own contents stay
    # an editor's own headings (### 问：…): more than its contents control lists, so Material's sidebar stays
    page = (built_site / "doc/xzbf/2018/75/jiedu/xzbf-2018-75-wd/index.html").read_text(encoding="utf-8")
    toc = page[page.index('data-md-component="toc"'):page.index('<div class="md-content"')]
    assert '<li class="md-nav__item"><a href="#sec-1" class="md-nav__link">' in toc and "md-ellipsis" not in toc
    lines = [line for line in toc.split("\n") if line.startswith("<li")]
    assert len(lines) == 9 < toc.count("md-nav__link") and all(line.endswith("</li>") for line in lines), lines
    # a line a top-level heading (its own headings on it), not seven a heading


def test_a_page_whose_contents_control_lists_every_heading_leaves_the_sidebar_empty(built_site):
    """The seed document's 25 headings were listed twice, in Material's sidebar and its own control (shown at
    every width); a correction (勘误) is a heading the control does not list, so that page keeps its sidebar."""
    def sidebar(path: str) -> str:
        page = (built_site / path / "index.html").read_text(encoding="utf-8")
        return page[page.index('<nav class="md-nav md-nav--secondary"'):page.index('<div class="md-content"')]
    seed = (built_site / "doc/xzbf/2018/68/index.html").read_text(encoding="utf-8")
    control = seed[seed.index('<details class="gb-contents"'):]
    assert control[:control.index("</details>")].count('<a href="#') == 25 and "href" not in sidebar("doc/xzbf/2018/68")
    assert 'href="#gb-kanwu"' in sidebar("doc/xzbh/2018/41") and 'href="#sec-3"' in sidebar("doc/xzbh/2018/41")
    # an editor's own headings (### 问：…) are not the control's: the sidebar lists them
    assert "问一楼住户反对怎么办" in sidebar("doc/xzbf/2018/75/jiedu/xzbf-2018-75-wd")


def test_the_contents_control_nests_each_headings_own_headings_in_its_item():
    """The levels are the lists' nesting, not a class on every item (24 bytes an entry)."""
    text = "一、总则\n\n（一）范围\n\n（二）原则\n\n二、职责\n\n三、附则\n\n（一）解释\n"
    nav = contents.control(text)
    assert nav.split("<nav", 1)[1].split(">", 1)[1].removesuffix("</nav></details>\n") == (
        '<ol><li><a href="#sec-1">一、总则</a><ol><li><a href="#sec-1-1">（一）范围</a></li><li><a href="#sec-1-2">（二）原则</a></li></ol></li>'
        '<li><a href="#sec-2">二、职责</a></li><li><a href="#sec-3">三、附则</a><ol><li><a href="#sec-3-1">（一）解释</a></li></ol></li></ol>')
    # a lower heading before any top one: a list of its own in an item with no link, indented as the others
    assert '<nav aria-label="本文目录"><ol><li><ol><li><a href="#chap-0-sec-1">第一节 范围</a></li></ol></li>' \
        '<li><a href="#chap-1">第一章 总则</a><ol><li><a href="#chap-1-sec-1">第一节 原则</a></li></ol></li></ol></nav>' \
        in contents.control("第一节 范围\n\n第一章 总则\n\n第一节 原则\n")


def test_materials_settings_leave_out_its_search(built_site):
    page = (built_site / "doc/xzbf/2018/68/index.html").read_text(encoding="utf-8")
    settings = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>', page)[1])
    assert set(settings["translations"]) == {"clipboard.copy", "clipboard.copied", "select.version"}
    assert "search" not in settings and settings["features"] and settings["base"] == "../../../.."


def test_theme_files_no_page_loads_are_not_published_and_every_one_loaded_is(built_site):
    assets = [p.relative_to(built_site).as_posix() for p in (built_site / "assets").rglob("*") if p.is_file()]
    assert not [a for a in assets if "/lunr/" in a or "/workers/" in a or a.endswith(".map")]
    for page in (built_site / "doc/xzbf/2018/68/index.html", built_site / "search/index.html"):
        html = page.read_text(encoding="utf-8")
        loaded = re.findall(r'(?:src|href)="((?:\.\./)*assets/[^"]+)"', html)
        assert loaded and all((page.parent / url).resolve().is_file() for url in loaded), loaded


def test_the_not_found_page_is_compacted_as_every_page(built_site):
    """404.html, written from a template, not a page: 9.9 KB, a third of it the theme's indentation and blank lines."""
    html = (built_site / "404.html").read_text(encoding="utf-8")
    assert compact.compact(html) == html and "\n\n" not in html and '<meta name="generator"' not in html


def test_a_navigation_label_loses_materials_span_and_nothing_else():
    link = '<li class="md-nav__item">\n  <a href="../gazette/" class="md-nav__link md-nav__link--active">\n    <span class="md-ellipsis">\n      公报目录\n    </span>\n  </a>\n</li>'
    assert compact.compact(link) == '<li class="md-nav__item">\n<a href="../gazette/" class="md-nav__link md-nav__link--active">公报目录</a>\n</li>'
    # the header's title keeps its span (it is cut with an ellipsis); a label with markup in it is left as it is
    kept = ['<div class="md-header__topic">\n<span class="md-ellipsis">\n无锡市人民政府公报\n</span>\n</div>',
            '<a href="x/" class="md-nav__link">\n<span class="md-ellipsis">\n<b>首页</b>\n</span>\n</a>']
    assert all(compact.compact(markup) == markup for markup in kept)


def test_materials_skip_link_goes_and_its_slot_stays():
    skip = '<div data-md-component="skip">\n  <a href="#无锡市人民政府关于印发某办法的通知" class="md-skip">\n    跳转至\n  </a>\n</div>\n<a class="md-skip gb-skip" href="#gb-content">跳到正文</a>'
    assert compact.compact(skip) == '<div data-md-component="skip"></div>\n<a class="md-skip gb-skip" href="#gb-content">跳到正文</a>'


@pytest.mark.parametrize("kind, listed_count, tag, joined_uri", [
    ("css", 5, r'<link rel="stylesheet" href="([^"]+)"', "assets/stylesheets/gb-site.css"),
    ("js", 6, r'<script src="([^"]+)"', "assets/javascripts/gb-site.js"),
])
def test_every_page_has_one_file_of_the_sites_own_styles_and_one_of_its_scripts_holding_all_in_order(
        built_site, kind, listed_count, tag, joined_uri):
    """Five <link>s a page were one (0.3 KB a page), four <script>s one (0.2 KB); the cascade and the order the
    scripts run in are mkdocs.yml's, as before."""
    listed = re.findall(rf"^  - (\S+\.{kind})(?:  # .*)?$", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    assert len(listed) == listed_count
    for path in ("doc/xzbf/2018/68/index.html", "gazette/2018/06/print/index.html", "search/index.html", "404.html"):
        page = (built_site / path).read_text(encoding="utf-8")
        ours = [href for href in re.findall(tag, page) if "/gb-" in href or href.startswith("gb-")]
        assert [h.rsplit("/", 1)[1] for h in ours] == [joined_uri.rsplit("/", 1)[1]], (path, ours)
    joined = (built_site / joined_uri).read_text(encoding="utf-8")
    sources = [(ROOT / "content" / uri).read_text(encoding="utf-8").rstrip() for uri in listed]
    at = [joined.index(f"/* {uri} */\n{source}") for uri, source in zip(listed, sources)]
    assert at == sorted(at)
    assert not [uri for uri in listed if (built_site / uri).exists()]  # only the joined file is published
    if kind == "css":  # a relative url() would resolve from the joined file's folder
        assert all(u.startswith(("'data:", '"data:', "data:")) for u in re.findall(r"url\(\s*([^)]*)", joined))
    else:  # each script a function called at once, its names its own; gb-search.js finds the root from its address
        assert all(re.match(r"(\s*(//[^\n]*|/\*.*?\*/))*\s*\(function \(\) \{", s, re.S) and s.endswith("})();") for s in sources)
        assert joined_uri.rsplit("/", 1)[0] + "/gb-search.js" in listed
