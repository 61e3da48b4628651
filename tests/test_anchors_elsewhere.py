"""A link of a text to an id of ANOTHER page of the site — a pinpoint citation, [第五条](/doc/wxzfl/180/#art-5) — was
not checked: rules.links tells a link to a page the site will not have, and nothing told one to an id the page will not
have, so the reader (a court clerk following the citation) lands at the top of the page. check now reads the page the
build makes of it (rules.page_anchors.elsewhere, Context.page_ids, only for pages some link names an id of) and refuses
such a link at its line, naming the id and the page, with the page's nearest ids: by site path, relative, by the
site's host, in any container, percent-encoded, in another case or script; from a document, an interpretation, a
participation text or a page of content/; to a document, an interpretation, a draft's 起草说明, an issue."""
from __future__ import annotations

import pytest

from conftest import Repo, copy_sample
from gongbao.publish import rendered_html
from gongbao.publish.build import BuildFailed, build

DOC = "gazette/2019/08/xzf-2019-18.md"  # served at /doc/xzf/2019/18/
AFTER = "印发给你们，请认真贯彻执行。\n"
TOLD = "在页面 /"
# the seed's title, in its Traditional script: its page's title id
SEED_TITLE = "無錫市人民政府辦公室關於印發無錫市全面推進政務公開工作實施辦法的通知"

# links of DOC to ids their pages have (/doc/wxzfl/180/ has art-1…art-22, art-6-1…, chap-1…, gb-jd)
PRESENT = [
    "见[第五条](/doc/wxzfl/180/#art-5)。",
    "见[第六条第（二）项](../../../wxzfl/180/#art-6-2)。",
    "- 见[第五条](/doc/wxzfl/180/#art%2D5)",
    "> 见[第一章](/doc/wxzfl/180/index.html#chap-1)",
    "| 甲 | 见[第五条](/doc/wxzfl/180#art-5) |\n|---|---|\n| 乙 | 丙 |",
    '见<a href="/doc/wxzfl/180/#art-22">第二十二条</a>。',
    "见[第五条][1]。\n\n[1]: /doc/wxzfl/180/#art-5",
    "见<https://gazette.example.gov.cn/doc/wxzfl/180/#art-5>。",
    '<div markdown="1">\n見[第五條](/doc/wxzfl/180/#art-5)\n</div>',
    "见[办法](https://gazette.example.gov.cn/doc/wxzfl/180/){: href=\"/doc/wxzfl/180/#art-5\" }",
    f"見[通知](/doc/xzbf/2018/68/#{SEED_TITLE})，[一、](/doc/xzbf/2018/68/#sec-1-2)。",
    "见[解读](/doc/wxzfl/180/#gb-jd)，[相关文件](/doc/wxzfl/180/#gb-relations)。",  # the project's ids around the text
    "见[本期](/gazette/2018/06/#市政府规章)，[目录](/gazette/2018/06/#toc)。",  # an issue's
    "见[解读](/doc/wxzfl/180/jiedu/wxzfl-180-wzjd/#sec-1)。",  # an interpretation's
    "见[办法](/doc/wxzfl/180/#)，[顶部](/doc/wxzfl/180/#top)。",  # the top of the page
    "见[本文件第一条](/doc/xzf/2019/18/#art-1)。",  # its own page by its address
    "见[目录](/catalog/type/规范性文件/#x)，[打印版](/gazette/2018/06/print/#x)。",  # generated listings: not read
    "见[附件](/doc/xzbf/2018/75/files/附件1.pdf#page=2)。",  # a file: no page's ids
]


def _sample(tmp_path) -> Repo:
    return Repo(copy_sample(tmp_path / "repo", files=("mkdocs.yml", "gazette.yml", "withdrawn.yml")))  # nothing locked


@pytest.fixture
def unlocked(tmp_path) -> Repo:
    return _sample(tmp_path)


def _told(repo: Repo) -> list[str]:
    return [m for m in repo.messages() if TOLD in m]


def _added(repo: Repo, path: str, text: str) -> int:
    """``text`` added as the first paragraphs of the body of ``path``; the line of the file it starts at."""
    source = (repo.path / path).read_text(encoding="utf-8")
    body = source.index("\n---\n", 4) + 5
    (repo.path / path).write_text(source[:body] + f"\n{text}\n" + source[body:], encoding="utf-8")
    return source[:body].count("\n") + 2


def _message(path: str, line: int, address: str, target: str, page: str, near: str = "") -> str:
    return (f"{path}:{line}: 链接 “{address}” 指向的位置 “#{target}” 在页面 {page} 上不存在：读者点击后只到该页顶部，"
            f"引用这个网址的人找不到所引之处 — {near}条款的锚点由编号生成：第五条 #art-5，第五条第（二）项 #art-5-2，一、#sec-1，"
            "（二）#sec-1-2，重复的编号加 _2（见 docs/content-contract.md），标题的锚点是标题文字；大小写和繁简须与该页一致")


@pytest.mark.parametrize("text", PRESENT)
def test_a_link_to_an_id_another_page_has_passes(unlocked, text):
    _added(unlocked, DOC, text)
    assert _told(unlocked) == []


def test_the_exact_message_names_the_id_the_page_and_the_ids_near_it(unlocked):
    line = _added(unlocked, DOC, "见[第五条](/doc/wxzfl/180/#art-5a)。")
    assert _told(unlocked) == [_message(DOC, line, "/doc/wxzfl/180/#art-5a", "art-5a", "/doc/wxzfl/180/",
                                        "该页有 #art-5、#art-15、#art-6-5；")]


# (text, the line of the link after the first, the address, the id as the page would need it, the ids the hint names)
MISSING = [
    ("见[第五条](/doc/wxzfl/180/#ART-5)。", 0, "/doc/wxzfl/180/#ART-5", "ART-5", "#art-5"),
    ("见[第九十九条](../../../wxzfl/180/#art-99)。", 0, "../../../wxzfl/180/#art-99", "art-99", None),
    ("- 见[第五条](/doc/wxzfl/180/#art%2D55)", 0, "/doc/wxzfl/180/#art%2D55", "art-55", None),
    ("> 见[第一章](/doc/wxzfl/180/index.html#chap-9)", 0, "/doc/wxzfl/180/index.html#chap-9", "chap-9", None),
    ("| 甲 | 见[第五条](/doc/wxzfl/180#art-5-1) |\n|---|---|\n| 乙 | 丙 |", 0, "/doc/wxzfl/180#art-5-1", "art-5-1", None),
    ('见<a href="/doc/wxzfl/180/#art-23">第二十三条</a>。', 0, "/doc/wxzfl/180/#art-23", "art-23", None),
    ("见[第五条][1]。\n\n[1]: /doc/wxzfl/180/#art-5b", 2, "/doc/wxzfl/180/#art-5b", "art-5b", None),
    ("见<https://gazette.example.gov.cn/doc/wxzfl/180/#art-0>。", 0,
     "https://gazette.example.gov.cn/doc/wxzfl/180/#art-0", "art-0", None),
    ('<div markdown="1">\n見[第五條](/doc/wxzfl/180/#art-5_2)\n</div>', 1, "/doc/wxzfl/180/#art-5_2", "art-5_2", None),
    ("见[办法](https://gazette.example.gov.cn/doc/wxzfl/180/){: href=\"/doc/wxzfl/180/#art-50\" }", 0,
     "/doc/wxzfl/180/#art-50", "art-50", None),
    # the title's id in the other script: another id, the page's named
    ("見[通知](/doc/xzbf/2018/68/#无锡市人民政府办公室关于印发无锡市全面推进政务公开工作实施办法的通知)。", 0,
     "/doc/xzbf/2018/68/#无锡市人民政府办公室关于印发无锡市全面推进政务公开工作实施办法的通知",
     "无锡市人民政府办公室关于印发无锡市全面推进政务公开工作实施办法的通知", f"#{SEED_TITLE}"),
    ("见[解读](/doc/xzf/2019/2/#gb-jd)。", 0, "/doc/xzf/2019/2/#gb-jd", "gb-jd", None),  # a 通知 with no interpretation
    ("见[本期](/gazette/2018/06/#市政府文件)。", 0, "/gazette/2018/06/#市政府文件", "市政府文件", None),
    ("见[解读](/doc/wxzfl/180/jiedu/wxzfl-180-wzjd/#art-1)。", 0, "/doc/wxzfl/180/jiedu/wxzfl-180-wzjd/#art-1", "art-1",
     None),
    ("见[本文件第九十条](/doc/xzf/2019/18/#art-90)。", 0, "/doc/xzf/2019/18/#art-90", "art-90", None),
]


@pytest.mark.parametrize(("text", "below", "address", "target", "near"), MISSING)
def test_a_link_to_an_id_another_page_lacks_is_refused_at_its_line(unlocked, text, below, address, target, near):
    line = _added(unlocked, DOC, text) + below
    told = _told(unlocked)
    assert [m.split(" — ")[0] for m in told] == [_message(DOC, line, address, target, _page(address)).split(" — ")[0]]
    if near:
        assert f"该页有 {near}；" in told[0]


def _page(address: str) -> str:
    path = address.removeprefix("https://gazette.example.gov.cn").split("#")[0].removesuffix("index.html")
    if path.startswith("../"):
        path = "/doc/" + path.lstrip("./")
    return path.rstrip("/") + "/"


# other texts and pages: an interpretation, a draft to its 起草说明 (shown on the draft's page as sec-N_2, on its own as
# sec-N), a page of content/
DRAFT, EXPLANATION = "drafts/2026-zwgk-bzh-zqyj.md", "explanations/2026-zwgk-bzh-zqyj.md"
ELSEWHERE_PRESENT = [
    ("interpretations/wxzfl-180-wzjd.md", "见[第五条](../../#art-5)，[第六条](/doc/wxzfl/180/#art-6-7)。"),
    (DRAFT, "见[说明](explanation/#sec-2)，[说明](/draft/2026-zwgk-bzh-zqyj/#sec-2_2)。"),
    (EXPLANATION, "见[方案](../#sec-2_2)，[本页](./#sec-1)。"),
    ("feedback/2018-gbgl-yjcn.md", "见[第五条](/doc/wxzfl/180/#art-5)。"),
]
ELSEWHERE_MISSING = [
    ("interpretations/wxzfl-180-wzjd.md", "见[第五条](../../#art-5a)。", "../../#art-5a", "art-5a", "/doc/wxzfl/180/"),
    (DRAFT, "见[说明](explanation/#sec-9)。", "explanation/#sec-9", "sec-9", "/draft/2026-zwgk-bzh-zqyj/explanation/"),
    (DRAFT, "见[说明](/draft/2026-zwgk-bzh-zqyj/#sec-9_2)。", "/draft/2026-zwgk-bzh-zqyj/#sec-9_2", "sec-9_2",
     "/draft/2026-zwgk-bzh-zqyj/"),
    (EXPLANATION, "见[方案](../#sec-2_9)。", "../#sec-2_9", "sec-2_9", "/draft/2026-zwgk-bzh-zqyj/"),
    ("feedback/2018-gbgl-yjcn.md", "见[第五条](/doc/wxzfl/180/#第五条)。", "/doc/wxzfl/180/#第五条", "第五条",
     "/doc/wxzfl/180/"),
]


@pytest.mark.parametrize(("path", "text"), ELSEWHERE_PRESENT)
def test_other_texts_links_to_ids_other_pages_have_pass(unlocked, path, text):
    _added(unlocked, path, text)
    assert _told(unlocked) == []


@pytest.mark.parametrize(("path", "text", "address", "target", "page"), ELSEWHERE_MISSING)
def test_other_texts_links_to_ids_other_pages_lack_are_refused(unlocked, path, text, address, target, page):
    line = _added(unlocked, path, text)
    assert [m.split(" — ")[0] for m in _told(unlocked)] == [_message(path, line, address, target, page).split(" — ")[0]]


def test_a_page_of_content_links_and_is_linked_to(unlocked):
    about, text = unlocked.path / "content/about.md", "见[第五条](/doc/wxzfl/180/#art-5)，[第九十条](/doc/wxzfl/180/#art-90)。"
    about.write_text(about.read_text(encoding="utf-8") + f"\n{text}\n", encoding="utf-8")
    line = _added(unlocked, DOC, "见[关于本站](/about/#关于本站)，[联系](/about/#联系我们)。")
    assert [m.split(" — ")[0] for m in _told(unlocked)] == [
        _message("content/about.md", _line(unlocked, "content/about.md", text), "/doc/wxzfl/180/#art-90", "art-90",
                 "/doc/wxzfl/180/").split(" — ")[0],
        _message(DOC, line, "/about/#联系我们", "联系我们", "/about/").split(" — ")[0]]


def _line(repo: Repo, path: str, start: str) -> int:
    return next(n for n, line in enumerate((repo.path / path).read_text(encoding="utf-8").split("\n"), 1)
                if line.startswith(start))


# The build's own look (gongbao.publish.rendered_html.elsewhere): once every page is rendered, each page's links to an
# id of another page are judged against that page's content as published, generated pages too: the print view's ids,
# which check does not make, so only the published page can tell.
@pytest.mark.build
def test_the_build_refuses_a_link_to_an_id_another_built_page_lacks(tmp_path, capfd):
    repo = _sample(tmp_path)
    line = _added(repo, DOC, "见[打印版](/gazette/2018/06/print/#d-wxzfl-180-art-5)，"
                             "[打印版](/gazette/2018/06/print/#d-wxzfl-180-art-98)。")
    assert repo.check().ok
    with pytest.raises(BuildFailed):
        build(repo.path, tmp_path / "site", search_index=False, quiet=True)
    told = [line for line in capfd.readouterr().err.split("\n") if TOLD in line]
    assert [told_line.split(" — ")[0] for told_line in told] == [
        f"{DOC}:{line}: 发布的页面中链接 “/gazette/2018/06/print/#d-wxzfl-180-art-98” 指向的位置 "
        "“#d-wxzfl-180-art-98” 在页面 /gazette/2018/06/print/ 上不存在：读者点击后只到该页顶部，引用这个网址的人找不到所引之处"], told
    assert "该页有 #d-wxzfl-180-art-9" in told[0]


@pytest.mark.build
def test_the_build_publishes_links_to_ids_other_pages_have(tmp_path):
    repo = _sample(tmp_path)
    _added(repo, DOC, "见[第五条](/doc/wxzfl/180/#art-5)，[打印版](/gazette/2018/06/print/#d-wxzfl-180-art-5)，"
                      "[本期](/gazette/2018/06/#市政府规章)，[说明](/draft/2026-zwgk-bzh-zqyj/#sec-2_2)，"
                      f"[解读](/doc/wxzfl/180/#gb-jd)，[通知](/doc/xzbf/2018/68/#{SEED_TITLE})，[关于](/about/#关于本站)。")
    build(repo.path, tmp_path / "site", search_index=False, quiet=True)
    assert 'href="/doc/wxzfl/180/#art-5"' in (tmp_path / "site/doc/xzf/2019/18/index.html").read_text(encoding="utf-8")


def test_the_rendered_check_reads_a_fragment_as_a_browser_does():
    """As written or percent-decoded, nothing else: another case or script is another id; by the site's host too; a
    page this build did not render (None) is not judged."""
    ids = {"doc/wxzfl/180/": {"art-5", "附件說明"}}.get
    cites = ["/doc/wxzfl/180/#art%2D5", "../../../wxzfl/180/#ART-5", "/doc/wxzfl/180/#%E9%99%84%E4%BB%B6%E8%AF%B4%E6%98%8E",
             "https://gazette.example.gov.cn/doc/wxzfl/180/#art-6", "/doc/wxzf/9/#art-6", "https://www.gov.cn/x/#art-6",
             "/doc/wxzfl/180/#", "/doc/wxzfl/180/#art-5"]
    found = rendered_html.elsewhere(cites, "doc/xzf/2019/18/", "https://gazette.example.gov.cn/", ids)
    assert [v.needles for v in found] == [("../../../wxzfl/180/#ART-5", "#ART-5"),
                                          ("/doc/wxzfl/180/#%E9%99%84%E4%BB%B6%E8%AF%B4%E6%98%8E",
                                           "#%E9%99%84%E4%BB%B6%E8%AF%B4%E6%98%8E"),
                                          ("https://gazette.example.gov.cn/doc/wxzfl/180/#art-6", "#art-6")]
    assert "该页有 #附件說明；" in found[1].hint and "该页有 #art-5；" in found[0].hint


@pytest.mark.parametrize("address, permanent", [
    ("/wh/无锡市人民政府令第180号/#art-5", "/doc/wxzfl/180/#art-5"),      # the number's alias: a redirect page
    ("../../../../wh/无锡市人民政府令第180号/#art-5", "/doc/wxzfl/180/#art-5"),
    ("/wh/无锡市政府令180号/#art-5", None),                              # another spelling: the resolver's
])
def test_a_link_to_an_id_through_a_redirect_is_refused_with_the_permanent_address(unlocked, address, permanent):
    """The alias's page is a meta refresh that goes to the page alone without JavaScript, and the resolver a script:
    the permanent address is linked instead."""
    line = _added(unlocked, DOC, f"见[第五条]({address})。")
    told = [m for m in unlocked.messages() if "经由转向网址" in m]
    assert len(told) == 1 and told[0].startswith(f"{DOC}:{line}: 链接 {address} 经由转向网址 /wh/"), told
    assert (f"直接链接永久网址：{permanent}" in told[0]) if permanent else "“引用”按钮" in told[0]
    _added(unlocked, DOC, "见[第五条](/wh/无锡市人民政府令第180号/)。")  # the alias itself: no id to lose
    assert len([m for m in unlocked.messages() if "经由转向网址" in m]) == 1


@pytest.mark.parametrize("opening, closing", [("<div>", "</div>"), ("<details>", "</details>"),
                                              ("<section>\n", "\n</section>")])
def test_a_numbered_line_the_renderer_keeps_in_raw_html_is_no_anchor_of_its_page(unlocked, opening, closing):
    """Python-Markdown passes a raw HTML block on as it is: a 第一条 inside one gets no id, though its line is numbered.
    The anchors read of a text alone took #art-1 for one its page has: check passed the link the build refused."""
    target = unlocked.path / "gazette/2018/06/wxzfl-180.md"  # /doc/wxzfl/180/, art-1 its first article
    source = target.read_text(encoding="utf-8")
    start = source.index("\n第一条　") + 1
    end = source.index("\n", start)
    target.write_text(f"{source[:start]}{opening}\n{source[start:end]}\n{closing}{source[end:]}", encoding="utf-8")
    line = _added(unlocked, DOC, "见[第一条](/doc/wxzfl/180/#art-1)。")
    assert [m.split(" — ")[0] for m in _told(unlocked)] == [
        _message(DOC, line, "/doc/wxzfl/180/#art-1", "art-1", "/doc/wxzfl/180/").split(" — ")[0]]
