"""A text whose page would be far larger than itself is refused before anything renders it (rules.nesting.table_size,
reference_size), and no [TOC] becomes a copy of the page's headings (mkdocs.yml: toc's marker off).

Python-Markdown gives every row of a table as many cells as its separator row has: a header of 10,000 columns above
20,000 rows "|乙|" (180 KB) was 200 million cells, and `gongbao check` ran out of memory parsing the table (a
MemoryError after 18 s under a 4 GB limit: rules.table_cells reads tables with Python-Markdown), as the build would have.
It writes a reference definition's address at every link naming it: a definition of 400,000 characters named 75,000
times (1.3 MB) passed check, and the build ran out of memory writing a page of 30 GB. The processor-time bound
(gongbao.content.watchdog) came too late for either."""
from __future__ import annotations

import resource
import time

import pytest

from conftest import Repo
from test_check_build_agree import make_repo
from test_participation import prepo  # noqa: F401 — the minimal repository with drafts, 起草说明 and feedback
from gongbao.content import body_markdown
from gongbao.publish.build import build
from gongbao.publish.render.parts import PRINT_TAGS, Borrowed, Page
from gongbao.rules import html_safety, link_text, nesting, table_cells
from gongbao.rules.html_safety import site_markdown
from gongbao.rules.rendering import BODY, HANDWRITTEN

DOC = "gazette/2018/06/xzbf-68.md"
CELLS = "正文的表格共有约"
WRITTEN = "链接的引用定义被引用的次数乘以它的长度过大"


def _wide(columns: int, rows: int, indent: str = "", row: str = "|乙|") -> str:
    return f"{indent}{'|甲' * columns}|\n{indent}{'|-' * columns}|\n" + f"{indent}{row}\n" * rows


@pytest.mark.parametrize("indent", ["", "> ", "    ", "  > "], ids=["plain", "in a quote", "in a list item", "nested"])
def test_a_table_of_short_rows_under_a_wide_header_is_refused_at_its_header(indent):
    body = "说明如下。\n\n" + (f"- 名单：\n\n" if indent.startswith(" ") else "") + _wide(2_000, 300, indent)
    told = [found for found in nesting.problems(body, BODY) if CELLS in found[1]]
    assert len(told) == 1, nesting.problems(body, BODY)
    assert body.split("\n")[told[0][0] - 1].lstrip(" >").startswith("|甲|甲")


def test_a_wide_table_whose_separator_row_ends_in_backslashes_is_refused():
    """|-|-…\\\\| is a separator row to the tables (the pairs of backslashes go with its last |, its border): the table
    was not counted, nor its cells."""
    body = "说明如下。\n\n" + _wide(2_000, 300).replace("|-|\n", "|-\\\\|\n", 1)
    assert site_markdown().reset().convert(_wide(3, 2).replace("|-|\n", "|-\\\\|\n", 1)).count("<td") == 6
    assert [line for line, message, _ in nesting.problems(body, BODY) if CELLS in message] == [3]


def test_a_line_of_pipes_is_read_for_a_separator_row_in_one_pass():
    """Every rule that looks for a table looks for a separator row: a line of 40,000 | and a letter took 4.6 s to tell
    apart from one (the pattern split it at each | in turn), a check of a file of 80,000 its 30 s bound."""
    started = time.process_time()
    assert nesting.table_size("说明如下。\n\n" + "|" * 40_000 + "甲\n") == []
    assert time.process_time() - started < 1


@pytest.mark.parametrize("row", [">", "> >", " >"])
def test_rows_of_a_quote_mark_alone_are_rows(row):
    """Outside a quote, a line ">" is no blank line: Python-Markdown's tables take it for a row of as many cells as the
    header (a header of 10,000 columns over 20,000 lines ">", 100 KB, ran the check out of memory, uncounted)."""
    body = "说明如下。\n\n" + _wide(2_000, 300, row=row)
    assert site_markdown().reset().convert(_wide(3, 2, row=row)).count("<td") == 6
    told = [found for found in nesting.problems(body, BODY) if CELLS in found[1]]
    assert [line for line, _, _ in told] == [3], nesting.problems(body, BODY)


def test_a_refused_table_is_never_parsed_by_the_check():
    """The check's own reading of tables (rules.table_cells) built the 200 million cells: it now never starts on a text
    refused for its size. The whole of it under 1 GB of memory more and a few seconds."""
    body = "说明如下。\n\n" + _wide(10_000, 20_000)
    before, started = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, time.process_time()
    assert table_cells.problems(body, BODY) == []
    assert [CELLS in message for _, message, _ in nesting.problems(body, BODY)] == [True]
    assert time.process_time() - started < 5
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 1_000_000  # KB


def test_long_lists_and_tables_as_gazettes_print_them_pass():
    """A 公示名单 of 40,000 rows of five columns (200,000 cells), tables side by side, pipes in text: not refused."""
    names = "| 序号 | 姓名 | 单位 | 职务 | 备注 |\n|---|---|---|---|---|\n" + "".join(
        f"| {n} | 张三 | 无锡市 | 科员 | 无 |\n" for n in range(40_000))
    assert [p for p in nesting.problems(names, BODY) if CELLS in p[1]] == []
    many = ("| 项目 | 金额 |\n|---|---|\n| 甲 | 1 |\n\n" * 5_000)
    assert [p for p in nesting.problems(many, HANDWRITTEN) if CELLS in p[1]] == []


def test_the_most_cells_the_budget_allows_render_in_seconds():
    body = _wide(50, nesting.MAX_CELLS // 50 - 3)
    assert nesting.table_size(body) == []
    assert nesting.table_size(_wide(50, nesting.MAX_CELLS // 50)) != []
    started = time.process_time()
    site_markdown().reset().convert(body)
    assert time.process_time() - started < 30


def _referenced(uses: int, length: int, use: str = "见[甲][r]。", definition: str = "[r]: ") -> str:
    return (f"{use}\n\n" * uses) + f"\n{definition}https://www.gov.cn/{'a' * length}\n"


@pytest.mark.parametrize("use, definition", [
    ("见[甲][r]。", "[r]: "), ("见[甲][R]。", "[r]: "), ("见[r]。", "[R]: "), ("见[r][]。", "[r]: "), ("![图][r]", "[r]: "),
    ("见[甲][二\n号]。", "[二 号]: "), ("> 见[甲][r]。", "> [r]: "), ("- 見[甲][r]。", "- [r]: "),
    ("见[甲][二  号]。", "[二 号]: "), ("见[甲][二\u3000号]。", "[二 号]: "), ("见[二\t号]。", "[二 号]: "),
    ("见[二 \n 号][]。", "[二 号]: "),
], ids=["full", "in capitals", "shortcut", "collapsed", "an image", "a label over two lines", "in a quote",
        "in a list item, Traditional", "two spaces", "an ideographic space", "a tab", "spaces and a line end"])
def test_a_long_definition_named_many_times_is_refused_at_the_definition(use, definition):
    text = _referenced(1_000, 5_000, use, definition)
    assert site_markdown().reset().convert(_referenced(1, 10, use, definition)).count("https://www.gov.cn/aaa") == 1
    told = [found for found in nesting.problems(text, HANDWRITTEN) if WRITTEN in found[1]]
    assert len(told) == 1, nesting.problems(text, HANDWRITTEN)
    assert "https://www.gov.cn/aaa" in text.split("\n")[told[0][0] - 1]


def test_references_as_documents_use_them_pass():
    """Hundreds of links to a few addresses, each definition a real address's length: not refused."""
    text = "".join(f"见[第{n}号文件][{n % 20}]。\n\n" for n in range(2_000)) + "".join(
        f"[{n}]: https://www.wuxi.gov.cn/doc/{'x' * 150}/{n}.html\n" for n in range(20))
    assert [p for p in nesting.problems(text, HANDWRITTEN) if WRITTEN in p[1]] == []
    assert nesting.reference_size(_referenced(1, nesting.EXPANSION_BUDGET // 2)) == []


@pytest.mark.parametrize("title", [False, True], ids=["address", "title"])
@pytest.mark.parametrize("char", ['"', "&", "<", ">", "'", "a", "中"])
def test_what_the_references_a_text_may_have_write_into_its_page_is_within_the_budget(monkeypatch, char, title):
    """Python-Markdown writes a definition's address and title as attribute values: a " as &quot;, an & as &amp;, six
    and five characters, so a definition counted at its written length wrote six times the budget into the page. The
    most links the rule passes (the budget made small) write at most the budget, less each link's own tags."""
    monkeypatch.setattr(nesting, "EXPANSION_BUDGET", 60_000)
    definition = '[r]: https://www.gov.cn/ "' + char * 500 + '"' if title else "[r]: https://www.gov.cn/" + char * 500

    def body(uses: int) -> str:
        return "一、总则\n\n" + "见[甲][r]。" * uses + "\n\n" + definition + "\n"
    passed = next(uses for uses in range(200, 0, -1) if nesting.reference_size(body(uses)) == [])
    rendered = [site_markdown().reset().convert(body_markdown.markdown(body(uses))) for uses in (passed, 0)]
    assert len(rendered[0]) - len(rendered[1]) <= 60_000 + passed * len('<a href="">甲</a>。'), passed


@pytest.mark.parametrize("use", ["[www.wuxi.gov.cn][r]", "見[第三条](#art-300)", '[甲][t]\n\n[t]: https://a.cn/ "说明"'],
                         ids=["a link text with a dot", "a link to an id the text lacks", "a title"])
def test_a_text_refused_for_its_page_size_is_not_rendered_by_the_rules_reading_its_links(monkeypatch, use):
    """link-text renders a text whose link's text may show an address, html-safety one linking to an id it does not
    write: a text of references making a page of 10 GB with one such link was rendered by check, until it ran out of
    memory or time (30 s), while rules.nesting told why. Such a text is left to that diagnostic."""
    body = "一、总则\n\n" + use + "\n\n" + _referenced(25_000, 400_000)
    monkeypatch.setattr(link_text, "site_markdown", lambda: pytest.fail("link-text rendered it"))
    monkeypatch.setattr(html_safety, "_nowhere", lambda *_: pytest.fail("html-safety rendered it"))
    assert [p for p in nesting.problems(body, BODY) if WRITTEN in p[1]]
    assert link_text.problems(body, BODY, "https://example.gov.cn/") == []
    html_safety.body_problems(body, BODY)


def test_check_refuses_both_in_a_document_and_the_build_never_renders_it(repo: Repo):
    path = repo.path / DOC
    before = path.read_text(encoding="utf-8")
    path.write_text(before + "\n说明如下。\n\n" + _wide(10_000, 20_000) + "\n" + _referenced(25_000, 400_000),
                    encoding="utf-8")
    told = [str(d) for d in repo.check().diagnostics if d.rule == nesting.ID]
    assert len(told) == 2 and CELLS in told[0] and WRITTEN in told[1], told
    assert all(t.startswith(f"{DOC}:") for t in told)


DEFINITION = "[a b]: https://www.gov.cn/" + "a" * 400_000


@pytest.mark.parametrize("defined, named", [("drafts/open.md", "explanations/open.md"),
                                            ("explanations/open.md", "drafts/open.md")])
def test_a_definition_of_a_draft_named_by_its_explanation_is_counted_with_it(prepo: Repo, defined, named):  # noqa: F811
    """A draft's page renders its 起草说明 in the same Markdown: a definition in one, named once there, and named 75,000
    times in the other passed check, and the build ran out of memory writing the draft's page (30 GB)."""
    prepo.write(defined, (prepo.path / defined).read_text(encoding="utf-8") + f"\n见[甲][a b]。\n\n{DEFINITION}\n")
    prepo.write(named, (prepo.path / named).read_text(encoding="utf-8") + "\n" + "见[甲][a  b]、[乙][a b]、[丙][A B]。\n\n" * 25_000)
    assert "https://www.gov.cn/aaa" in site_markdown().reset().convert(f"{DEFINITION}\n\n见[甲][a  b]。")
    told = [str(d) for d in prepo.check().diagnostics if d.rule == nesting.ID]
    line = (prepo.path / defined).read_text(encoding="utf-8").split("\n").index(DEFINITION) + 1
    assert len(told) == 1 and told[0].startswith(f"{defined}:{line}: {WRITTEN}") and "起草说明" in told[0], told


def test_a_draft_and_its_explanation_naming_their_own_definitions_pass(prepo: Repo):  # noqa: F811
    for path in ("drafts/open.md", "explanations/open.md"):
        prepo.write(path, (prepo.path / path).read_text(encoding="utf-8") + "\n" + "见[第1号文件][1]。\n\n" * 500
                    + f"\n[1]: https://www.wuxi.gov.cn/doc/{'x' * 150}.html\n")
    assert [str(d) for d in prepo.check().diagnostics if d.rule == nesting.ID] == []


@pytest.mark.build
def test_a_toc_marker_is_text(tmp_path):
    """toc's marker, on by default, replaced a paragraph "[TOC]" (a list item, a quote's) by a copy of every heading of the
    page: 20,000 of them under a few thousand headings were gigabytes. The site's toc has none: it is text, as written."""
    repo = make_repo(tmp_path / "repo", shim=False)  # unlocked: the sample's texts are locked
    path = repo.path / DOC
    path.write_text(path.read_text(encoding="utf-8") + "\n[TOC]\n\n- [TOC]\n\n> [TOC]\n", encoding="utf-8")
    assert site_markdown().reset().convert("## 第一章\n\n[TOC]\n") == '<h2 id="第一章">第一章</h2>\n<p>[TOC]</p>'
    build(repo.path, tmp_path / "site", search_index=False, quiet=True)
    page = (tmp_path / "site/doc/xzbf/2018/68/index.html").read_text(encoding="utf-8")
    assert page.count("[TOC]") == 3 and 'class="toc"' not in page


def test_a_print_view_shows_bodies_up_to_its_budget_and_links_to_the_others():
    """A print view shows every document of its issue: four documents each of a table the budgets allow (500,000 cells)
    made one of 20 MB, and the build took 1.3 GB (twenty ran out of memory). Past PRINT_TAGS, a body is a link to its
    document's page; a smaller one after it is still shown."""
    here = "gazette/2018/06/print/"
    sizes = {"doc/a/": 0.6, "doc/b/": 0.6, "doc/c/": 0.0, "doc/d/": 0.3}
    lent = {page: '<p id="art-1">甲</p>\n' + "<p>乙</p>\n" * int(PRINT_TAGS * share / 2) for page, share in sizes.items()}
    page = Page({}, tuple(Borrowed(page, here, f"d-{page[4]}", None, "") for page in sizes))
    shown = page.pieces("", lent)
    assert [ours for _, ours in shown] == [False, True, False, False]
    assert shown[1][0] == ('<p class="gb-print-doc__elsewhere">本件篇幅很长，整期打印版不收其正文：请到'
                           '<a href="../../../../doc/b/">本件的页面</a>阅读、打印。</p>\n')
    assert 'id="d-c-art-1"' in shown[2][0] and sum(text.count("<") for text, _ in shown) < PRINT_TAGS


@pytest.mark.build
def test_a_print_view_linking_a_body_passes_the_rendered_check(tmp_path):
    """Built (MkDocs runs as a subprocess: a hook of its own sets the budget): the link passes the rendered check."""
    repo = make_repo(tmp_path / "repo", shim=True)
    repo.write("hooks/shim.py", '"""Test shim: a print view of one tag."""\nfrom gongbao.publish.render import parts\n\n'
                                "parts.PRINT_TAGS = 1\n")
    build(repo.path, tmp_path / "site", search_index=False, quiet=True)
    printed = (tmp_path / "site/gazette/2018/06/print/index.html").read_text(encoding="utf-8")
    assert '<a href="../../../../doc/xzbf/2018/68/">本件的页面</a>' in printed and 'id="d-xzbf-2018-68-sec-1"' not in printed
