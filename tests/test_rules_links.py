"""rules/links.py and rules/site_files.py: every link and image leads to something the site will have,
wherever and however it is written; and what strict MkDocs refuses in content/ and the nav is a check error."""
import pytest

from conftest import DOCUMENT, Repo
from samplefiles import pdf, png

DOC = "gazette/2018/06/xzbf-68.md"       # served at /doc/xzbf/2018/68/
JD = "interpretations/xzbf-68-jd.md"     # served at /doc/xzbf/2018/68/jiedu/xzbf-68-jd/
BODY_END = 14                             # the first line after the minimal document's body
MISSING = "链接指向不存在的页面或文件"


def append(repo: Repo, text: str, rel: str = DOC) -> None:
    path = repo.path / rel
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def link_errors(repo: Repo) -> list[str]:
    return [str(d) for d in repo.check().diagnostics if d.rule == "links"]


BROKEN = {  # a missing chart.png, written every way an editor (or an attacker) might
    "inline image": "![图表](chart.png)",
    "inline link with title": '[图表](chart.png "标题")',
    "angle brackets": "[图表](<chart.png>)",
    "in a list": "- 见[图表](chart.png)",
    "in a numbered list": "1. 见[图表](chart.png)",
    "in a block quote": "> 见[图表](chart.png)",
    "in a table": "| 附件 | 说明 |\n|---|---|\n| [图表](chart.png) | 无 |",
    "reference definition": "见[图表][1]\n\n[1]: chart.png",
    "reference definition in a quote": "> [fig]: chart.png",
    "attribute list": "[图表](../../../../doc/xzbf/2018/68/){: href=\"chart.png\" }",
    "raw html img": '<img src="chart.png" alt="图表">',
    "raw html link over two lines": '<a\n  href="chart.png">图表</a>',
    "html entity": '<img src="chart&#46;png" alt="图表">',
    "percent-encoded": "![图表](chart%2Epng)",
    "backslash escape": "![图表](chart\\.png)",
    "traditional script text": "見[圖表](chart.png)",
    "inside a markdown div": '<div markdown="1">\n見[圖表](chart.png)\n</div>',
}


@pytest.mark.parametrize("snippet", BROKEN.values(), ids=BROKEN.keys())
def test_a_missing_file_is_reported_with_file_and_line(repo: Repo, snippet: str):
    append(repo, "\n" + snippet + "\n")
    errors = link_errors(repo)
    assert len(errors) == 1, errors
    assert errors[0].startswith(f"{DOC}:")
    line = int(errors[0].split(":")[1])
    written = (repo.path / DOC).read_text(encoding="utf-8").split("\n")[line - 1]
    assert "chart" in written or written == "<a"  # the line of the link, or of the tag that carries it
    assert MISSING in errors[0] and "/doc/xzbf/2018/68/chart.png" in errors[0]


def test_code_is_not_a_link(repo: Repo):
    append(repo, "\n`![图](chart.png)`\n\n```\n<img src=\"chart.png\">\n[a](b.png)\n```\n")
    assert link_errors(repo) == []


GOOD = [
    "/doc/xzbf/2018/68/",                       # the permanent URL, from the site root
    "/doc/xzbf/2018/68/#sec-1",
    "/doc/xzbf/2018/68/jiedu/xzbf-68-jd/",
    "/gazette/2018/06/",
    "/gazette/2018/06/print/",
    "/gazette/",
    "/catalog/documents.csv",                   # generated files
    "/doc/xzbf/2018/68/index.json",
    "/wh/锡政办发〔2018〕68号/",                   # the number's alias, its canonical spelling
    "/wh/%E9%94%A1%E6%94%BF%E5%8A%9E%E5%8F%91%E3%80%942018%E3%80%9568%E5%8F%B7/",
    "../../../../doc/xzbf/2018/68/index.json",  # relative, and right on both pages it appears on
    "../../../../gazette/2018/06/",
    "#sec-1",
    "https://www.gov.cn/",
    "mailto:gb@example.gov.cn",
    "tel:0510-12345678",
    "?page=2",
]


@pytest.mark.parametrize("url", GOOD)
def test_links_to_what_the_site_has_pass(repo: Repo, url: str):
    append(repo, f"\n见[链接]({url})和<a href=\"{url}\">链接</a>\n")
    assert link_errors(repo) == []


def test_a_relative_link_right_on_the_document_is_right_on_the_print_view(repo: Repo):
    """The print view shows the body as the document's page renders it, each link rebased (printed_body): a link that
    reaches its target from the document reaches it from the print view too (tests/test_printed_body.py builds it)."""
    repo.write("gazette/2018/06/xzbf-69.md", DOCUMENT.replace("68号", "69号"))
    append(repo, "\n见[第69号](../69/)\n")
    assert link_errors(repo) == []


@pytest.mark.parametrize("url", ["/doc/xzbf/2018/99/", "/wh/锡政办发〔2018〕99号/", "/catalog/issuer/nobody/",
                                 "../../../../../../etc/passwd", "/doc/xzbf/2018/68/index.html.bak", "./chart.PNG",
                                 "/doc/xzbf/2018/68/jiedu/other/", "\\doc\\nosuch\\", "http://[example.org/"])
def test_links_to_what_the_site_lacks_fail(repo: Repo, url: str):
    append(repo, f"\n见[链接]({url})\n")
    assert [e.split(" — ")[0].split("（")[0] for e in link_errors(repo)] == [f"{DOC}:{BODY_END + 1}: {MISSING}：{url}"]


@pytest.mark.parametrize("url", ["/wh/錫政辦發[2018]68號/", "/wh/锡政办发(2018)68/"])
def test_an_alias_in_another_spelling_is_refused_with_the_canonical_one(repo: Repo, url: str):
    """Only the canonical spelling has a page; the others need the 404 page's script: a link gets the canonical one."""
    append(repo, f"\n见[链接]({url})\n")
    (error,) = link_errors(repo)
    assert error.split(" — ")[0].split("（")[0] == f"{DOC}:{BODY_END + 1}: {MISSING}：{url}"
    assert "写 /wh/锡政办发〔2018〕68号/" in error.split(" — ")[1]


def test_an_interpretation_body_is_checked_against_its_own_url(repo: Repo):
    append(repo, "\n![图解](tu.png)\n[原文](../../)\n", JD)
    errors = link_errors(repo)
    assert len(errors) == 1 and "/doc/xzbf/2018/68/jiedu/xzbf-68-jd/tu.png" in errors[0] and errors[0].startswith(JD)


def test_a_withheld_document_is_never_rendered_so_its_links_are_not_checked(repo: Repo):
    repo.replace(DOC, "disclosure: 主动公开", "disclosure: 不予公开\ndisclosure_reason: 涉密")
    append(repo, "\n![图](chart.png)\n")
    assert link_errors(repo) == []


def test_declared_attachments_can_be_linked_from_the_site_root(repo: Repo):
    repo.write("gazette/2018/06/xzbf-68/附件1.pdf", pdf())
    repo.replace(DOC, "\n---\n", "\nattachments: [{file: xzbf-68/附件1.pdf, title: 附件1}]\n---\n")
    files = "/doc/xzbf/2018/68/files/"
    append(repo, f"\n[附件]({files}附件1.pdf) [附件]({files}%E9%99%84%E4%BB%B61.pdf) [缺]({files}附件2.pdf)\n")
    errors = link_errors(repo)
    assert len(errors) == 1 and "附件2.pdf" in errors[0]


UNLOCKED = "网站自己的文件"
LOGO = {  # the footer's logo, a file of content/ the lock does not hold, shown by a published text every way it may be
    "image from the root": "![任免决定书](/assets/dzjg.png)",
    "relative image": "![任免决定书](../../../../assets/dzjg.png)",
    "raw html img": '<img src="/assets/dzjg.png" alt="任免决定书">',
    "percent-encoded": "![任免决定书](/assets/dzj%67.png)",
    "html entity": '<img src="/assets/dzjg&#46;png" alt="图">',
    "reference definition": "![任免决定书][1]\n\n[1]: /assets/dzjg.png",
    "in a list": "- 见![任免决定书](/assets/dzjg.png)",
    "in a block quote": "> ![任免決定書](/assets/dzjg.png)",
    "in a table": "| 附件 | 说明 |\n|---|---|\n| ![图](/assets/dzjg.png) | 无 |",
    "inside a markdown div": '<div markdown="1">\n![圖](../../../../assets/./dzjg.png)\n</div>',
    "a link": "见[任免决定书](/assets/dzjg.png)",
}


@pytest.mark.parametrize("snippet", LOGO.values(), ids=LOGO.keys())
def test_a_published_text_may_not_show_a_file_of_the_sites_own(repo: Repo, snippet: str):
    """The footer's logo (or any file of content/) is no file of the page: the lock holds no hash of it, so once a
    document showed it as its scanned 任免决定书, replacing content/assets/dzjg.png changed what the cited page showed,
    and check --locked, status and the build said nothing."""
    repo.replace("gazette.yml", "issuers:", "footer: {gov_logo: assets/dzjg.png}\nissuers:")
    repo.write("content/assets/dzjg.png", png())
    append(repo, "\n" + snippet + "\n")
    errors = link_errors(repo)
    assert len(errors) == 1 and errors[0].startswith(f"{DOC}:") and UNLOCKED in errors[0], errors
    assert "/assets/dzjg.png" in errors[0] and "attachments" in errors[0]


# the same file by an address a browser reads as the site's own host (site.url https://example.gov.cn/), or as a path
ON_HOST = {
    "absolute, the site's host": "见[任免决定书](https://example.gov.cn/assets/dzjg.png)",
    "http": "![任免决定书](http://example.gov.cn/assets/dzjg.png)",
    "capitals, port, final dot": "见[任免决定书](HTTPS://EXAMPLE.gov.cn.:443/assets/dzjg.png)",
    "full-width host": "- 見[任免決定書](https://ｅｘａｍｐｌｅ。gov.cn/assets/dzjg.png)",
    "percent-encoded host": "> 见[任免决定书](https://example%2Egov.cn/assets/dzjg.png)",
    "protocol-relative": "| 附件 |\n|---|\n| [任免决定书](//example.gov.cn/assets/dzjg.png) |",
    "backslashes, raw html": '<a href="https:\\\\example.gov.cn\\assets\\dzjg.png">任免决定书</a>',
    "the page's scheme, no host": "见[任免决定书](https:../../../../assets/dzjg.png)",
    "the page's scheme, a path": "见[任免决定书](https:/assets/dzjg.png)",
    "relative with backslashes": '<a href="..\\..\\..\\..\\assets\\dzjg.png">任免决定书</a>',
    "autolink": "见<https://example.gov.cn/assets/dzjg.png>",
    "character reference": "见[任免决定书](https://example.gov.cn/assets/dzjg&#46;png)",
    "reference definition": "见[任免决定书][1]\n\n[1]: https://example.gov.cn/assets/dzjg.png",
}


@pytest.mark.parametrize("snippet", ON_HOST.values(), ids=ON_HOST.keys())
def test_an_address_of_the_sites_own_host_is_a_file_of_the_sites_own(repo: Repo, snippet: str):
    """An absolute address of site.url's host leads to the same file as /assets/dzjg.png: the rule took every address
    with a scheme or a host for another site's, and a relative one with backslashes for a file the site lacks."""
    repo.replace("gazette.yml", "issuers:", "footer: {gov_logo: assets/dzjg.png}\nissuers:")
    repo.write("content/assets/dzjg.png", png())
    append(repo, "\n" + snippet + "\n")
    errors = link_errors(repo)
    assert len(errors) == 1 and errors[0].startswith(f"{DOC}:") and UNLOCKED in errors[0], errors
    assert "/assets/dzjg.png：" in errors[0]


def test_another_host_and_a_page_of_the_site_by_its_address_pass(repo: Repo):
    repo.replace("gazette.yml", "issuers:", "footer: {gov_logo: assets/dzjg.png}\nissuers:")
    repo.write("content/assets/dzjg.png", png())
    append(repo, "\n见[门户](https://www.wuxi.gov.cn/assets/dzjg.png)、[本文件](https://example.gov.cn/doc/xzbf/2018/68/)、"
                 "[范例](https://example.gov.cn.cn/assets/dzjg.png)、[端口](https://example.gov.cn:8443/assets/dzjg.png)\n")
    assert link_errors(repo) == []


def test_an_interpretation_may_not_show_a_file_of_the_sites_own(repo: Repo):
    repo.replace("gazette.yml", "issuers:", "footer: {gov_logo: assets/dzjg.png}\nissuers:")
    repo.write("content/assets/dzjg.png", png())
    append(repo, "\n![图解](../../../../../../assets/dzjg.png)\n", JD)
    errors = link_errors(repo)
    assert len(errors) == 1 and errors[0].startswith(f"{JD}:") and UNLOCKED in errors[0] and "images" in errors[0]


def test_a_draft_may_not_show_a_file_of_the_sites_own(repo: Repo):
    repo.replace("gazette.yml", "issuers:", "footer: {gov_logo: assets/dzjg.png}\nissuers:")
    repo.write("content/assets/dzjg.png", png())
    repo.write("drafts/sl.md", "---\ntitle: 无锡市示例办法（征求意见稿）\nid: 2026-sl-zqyj\nconsulter: 无锡市人民政府办公室\n"
               "opens: 2026-11-01\ncloses: 2026-12-31\nemail: yj@example.gov.cn\ndisclosure: 主动公开\n---\n"
               "第一条 为了示例，制定本办法。\n\n<img src=\"../../assets/dzjg.png\" alt=\"示意图\">\n")
    errors = link_errors(repo)
    assert len(errors) == 1 and errors[0].startswith("drafts/sl.md:12:") and UNLOCKED in errors[0], errors


def test_a_hand_written_page_may_show_the_sites_own_files(repo: Repo):
    repo.replace("gazette.yml", "issuers:", "footer: {gov_logo: assets/dzjg.png}\nissuers:")
    repo.write("content/assets/dzjg.png", png())
    repo.write("content/about.md", "# 关于\n\n![标识](assets/dzjg.png) [标识](/assets/dzjg.png)\n")
    assert link_errors(repo) == []


def test_a_site_served_under_a_path_needs_that_path_in_absolute_links(repo: Repo):
    repo.replace("gazette.yml", 'url: "https://example.gov.cn/"', 'url: "https://example.gov.cn/gongbao/"')
    append(repo, "\n[甲](/gongbao/doc/xzbf/2018/68/) [乙](/doc/xzbf/2018/68/)\n")
    errors = link_errors(repo)
    assert len(errors) == 1 and "：/doc/xzbf/2018/68/" in errors[0] and "/gongbao/doc/xzbf/2018/68/" in errors[0]


def test_hand_written_pages_resolve_like_mkdocs(repo: Repo):
    repo.write("content/img/logo.png", b"PNG")
    repo.write("content/about.md", "---\ntitle: 关于\n---\n# 关于\n\n[首页](index.md) ![标](img/logo.png)\n"
                                   "[目录](gazette/)\n<img src=\"img/logo.png\">\n[缺](missing.md)\n")
    errors = [e.split(" — ")[0] for e in link_errors(repo)]
    assert errors == [  # MkDocs rewrites Markdown file links from the source's folder; the browser reads the rest from /about/
        f"content/about.md:7: {MISSING}：gazette/（在本页 /about/ 上指向 /about/gazette/）",
        f"content/about.md:8: {MISSING}：img/logo.png（在本页 /about/ 上指向 /about/img/logo.png）",
        f"content/about.md:9: {MISSING}：missing.md（在本页 /about/ 上指向 /missing.md）",
    ]


def test_a_hand_written_page_in_another_encoding_is_reported(repo: Repo):
    repo.write("content/about.md", "# 关于本站\n".encode("gbk"))
    assert "content/about.md:1: 文件不是 UTF-8 编码（可能是 GBK） — 用编辑器以 UTF-8 编码重新保存该文件" in repo.messages()
    repo.write("content/about.md", "# 关于本站\n\n简介\n".encode() + "（二）另一行。\n".encode("gbk"))
    assert "content/about.md:4: 文件不是 UTF-8 编码（可能是 GBK） — 用编辑器以 UTF-8 编码重新保存该文件" in repo.messages()
    repo.write("content/about.md", "# 关于本站\n".encode("utf-16"))
    assert "content/about.md:1: 文件是 UTF-16 编码，不是 UTF-8 — 用编辑器以 UTF-8 编码重新保存该文件" in repo.messages()


def test_a_nav_entry_without_its_page(repo: Repo):
    repo.write("mkdocs.yml", "site_name: x\nmarkdown_extensions:\n  - toc:\n      slugify: !!python/name:pymdownx.slugs.slugify\n"
                             "nav:\n  - 首页: index.md\n  - 目录: gazette/index.md\n  - 关于: about.md\n"
                             "  - 外部: https://www.gov.cn/\n")
    assert [str(d) for d in repo.check().diagnostics if d.rule == "site-files"] == [
        "mkdocs.yml:8: 导航（nav）中的页面 about.md 不存在 — 在 content/ 中建立 about.md，或从 mkdocs.yml 的 nav 中删去这一项"]
    repo.write("content/about.md", "# 关于\n")
    assert [d for d in repo.check().diagnostics if d.rule == "site-files"] == []


def test_readme_beside_index_is_reported(repo: Repo):
    repo.write("content/guide/index.md", "# 指南\n")
    repo.write("content/guide/README.md", "# 指南\n")
    repo.write("content/other/README.md", "# 其他\n")  # alone in its folder it is the folder's page
    assert [str(d).split(" — ")[0] for d in repo.check().diagnostics if d.rule == "site-files"] == [
        "content/guide/README.md:1: README.md 与同一文件夹中的 index.md 是同一个网页，生成时会被排除"]


def test_the_whole_sample_has_no_broken_link(site_repo: Repo):
    assert [d for d in site_repo.check().diagnostics if d.rule in ("links", "site-files")] == []


def test_a_link_to_a_withdrawn_documents_notice_passes(repo: Repo):
    repo.write("withdrawn.yml", "- url: doc/xzbf/2018/99/\n  title: 关于某事的通知\n  date: 2019-03-01\n  reason: 已撤回。\n")
    append(repo, "\n[已撤回的文件](/doc/xzbf/2018/99/) [缺](/doc/xzbf/2018/98/)\n")
    assert ["/doc/xzbf/2018/98/" in e for e in link_errors(repo)] == [True]


def test_links_to_the_sites_stylesheets_and_scripts_lead_where_they_are_published(site_repo: Repo):
    """They are published joined, as two files of the build's (gongbao.publish.joined_assets): a link to a source
    passed the check and was a 404 on the site, and one to a joined file was refused though the site has it."""
    append(site_repo, "\n[样式](/assets/stylesheets/gb-reading.css) [脚本](/assets/gb-cite.js)"
                      " [样式](/assets/stylesheets/gb-site.css) [脚本](/assets/javascripts/gb-site.js)\n", "content/about.md")
    assert sorted(e.split(MISSING)[1].split("（")[0] for e in link_errors(site_repo)) == [
        "：/assets/gb-cite.js", "：/assets/stylesheets/gb-reading.css"]


def test_a_stylesheet_or_script_mkdocs_yml_names_and_content_lacks_is_refused_at_its_line(site_repo: Repo):
    """The build joins them (gongbao.publish.joined_assets): one missing ended it in a traceback, check passing."""
    (site_repo.path / "content/assets/gb-cite.css").unlink()
    line = next(n for n, text in enumerate((site_repo.path / "mkdocs.yml").read_text(encoding="utf-8").split("\n"), 1)
                if text.strip() == "- assets/gb-cite.css")
    assert [str(d) for d in site_repo.check().diagnostics if d.rule == "site-files"] == [
        f"mkdocs.yml:{line}: mkdocs.yml 列出的网站样式或脚本 assets/gb-cite.css 不在 content/ 中 — "
        "在 content/ 中放回 assets/gb-cite.css，或从 mkdocs.yml 的 extra_css、extra_javascript 中删去这一项"]


@pytest.mark.parametrize("where", ["extra_css", "extra_javascript"])
def test_a_stylesheet_named_twice_in_mkdocs_yml_is_refused_at_its_second_line(site_repo: Repo, where):
    """The build joins them and takes each out of the files once: one named twice (in either list) ended it in
    MkDocs' ValueError traceback, check passing."""
    text = (site_repo.path / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace(f"{where}:\n", f"{where}:\n  - assets/gb-cite.css\n", 1)
    (site_repo.path / "mkdocs.yml").write_text(text, encoding="utf-8")
    line = [n for n, t in enumerate(text.split("\n"), 1) if t.strip() == "- assets/gb-cite.css"][1]
    assert [str(d) for d in site_repo.check().diagnostics if d.rule == "site-files"] == [
        f"mkdocs.yml:{line}: mkdocs.yml 再次列出网站样式或脚本 assets/gb-cite.css — "
        "extra_css、extra_javascript 中每个文件只列一次：删去这一项"]


def test_a_stylesheet_not_in_utf_8_is_refused_at_its_line(site_repo: Repo):
    """The build reads each as text to join them: one saved in GBK ended it in a UnicodeDecodeError traceback."""
    (site_repo.path / "content/assets/gb-cite.css").write_bytes("body {}\n/* 引用 */\n".encode("gbk"))
    assert [str(d) for d in site_repo.check().diagnostics if d.path == "content/assets/gb-cite.css"] == [
        "content/assets/gb-cite.css:2: 文件不是 UTF-8 编码（可能是 GBK） — 用编辑器以 UTF-8 编码重新保存该文件"]


OWN_HOST_MISSING = {  # an editor pastes the site's full address as often as /doc/…: a page that is not there
    "https": "见[第99号](https://example.gov.cn/doc/xzbf/2018/99/)",
    "capitals and port": "见[第99号](HTTPS://EXAMPLE.gov.cn:443/doc/xzbf/2018/99/)",
    "no scheme": '<a href="//example.gov.cn/doc/xzbf/2018/99/">第99号</a>',
    "autolink": "见<https://example.gov.cn/doc/xzbf/2018/99/>",
    "in a Traditional quote": "> 見[第99號](http://example.gov.cn/doc/xzbf/2018/99/)",
    "a file": "见[附件](https://example.gov.cn/doc/xzbf/2018/68/files/附件9.pdf)",
}


@pytest.mark.parametrize("snippet", OWN_HOST_MISSING.values(), ids=OWN_HOST_MISSING.keys())
def test_an_address_naming_the_sites_host_must_lead_to_a_page_it_has(repo: Repo, snippet: str):
    append(repo, "\n" + snippet + "\n")
    errors = link_errors(repo)
    assert len(errors) == 1 and errors[0].startswith(f"{DOC}:{BODY_END + 1}: {MISSING}"), errors


@pytest.mark.parametrize("snippet", [
    "见[第68号](https://example.gov.cn/doc/xzbf/2018/68/)",             # a page the site has
    "见[第68号](//EXAMPLE.gov.cn/doc/xzbf/2018/68/#art-1)",
    "见[国务院](https://www.gov.cn/zhengce/99/)",                        # another host
    "见[门户](https://example.gov.cn:8443/doc/xzbf/2018/99/)",          # another port: another site
])
def test_an_address_of_a_page_the_site_has_or_of_another_site_passes(repo: Repo, snippet: str):
    append(repo, "\n" + snippet + "\n")
    assert link_errors(repo) == []


def test_the_hosts_pages_outside_the_sites_folder_are_not_the_sites(repo: Repo):
    """A gazette served under /gongbao/ may link to the host's portal: those pages are not this site's to check."""
    repo.replace("gazette.yml", 'url: "https://example.gov.cn/"', 'url: "https://example.gov.cn/gongbao/"')
    append(repo, "\n见[门户](https://example.gov.cn/zwgk/) [缺](https://example.gov.cn/gongbao/doc/xzbf/2018/99/)\n")
    errors = link_errors(repo)
    assert len(errors) == 1 and "/gongbao/doc/xzbf/2018/99/" in errors[0], errors


# the interpretation's image, a file of another page than the document's: that page's 勘误 may replace it
TUJIE = "/doc/xzbf/2018/68/jiedu/xzbf-68-jd/files/图.png"
FOREIGN = {
    "image": f"![附图]({TUJIE})",
    "raw html img in a quote, backslashes": '> <img src="jiedu\\xzbf-68-jd\\files\\图.png" alt="附图">',
    "reference definition, a list item": f"- 見![附圖][圖一]\n\n[圖一]: {TUJIE}",
    "linked image in a table": f"| 附图 | 说明 |\n|---|---|\n| [![附图]({TUJIE})](/doc/xzbf/2018/68/) | 无 |",
    "the site's host": f"![附图](https://example.gov.cn{TUJIE})",
    "percent-encoded": "![附图](/doc/xzbf/2018/68/jiedu/xzbf-68-jd/files/%E5%9B%BE.png)",
}
ANOTHER_PAGES = "图片显示的是别的页面的文件"


def illustrated(repo: Repo) -> None:
    """The interpretation with an image of its own (``TUJIE``)."""
    repo.write("interpretations/xzbf-68-jd/图.png", png())
    repo.replace(JD, "\n---\n", "\nimages:\n  - {file: xzbf-68-jd/图.png, title: 图解}\n---\n")


@pytest.mark.parametrize("snippet", FOREIGN.values(), ids=FOREIGN.keys())
def test_a_published_text_may_not_show_another_pages_file_as_an_image(repo: Repo, snippet: str):
    """A locked document showed a file of another page (an interpretation's image) as its own figure: replacing that
    file with a 勘误 of the interpretation changed what the document's page showed, and check and the build passed,
    the document's own lock and page saying nothing of it."""
    illustrated(repo)
    append(repo, "\n" + snippet + "\n")
    errors = link_errors(repo)
    assert len(errors) == 1 and errors[0].startswith(f"{DOC}:") and ANOTHER_PAGES in errors[0], errors
    assert f"{TUJIE}：" in errors[0] and "attachments" in errors[0]


def test_a_draft_may_not_show_another_pages_file_as_an_image(repo: Repo):
    illustrated(repo)
    repo.write("drafts/sl.md", "---\ntitle: 无锡市示例办法（征求意见稿）\nid: 2026-sl-zqyj\nconsulter: 无锡市人民政府办公室\n"
               "opens: 2026-11-01\ncloses: 2026-12-31\nemail: yj@example.gov.cn\ndisclosure: 主动公开\n---\n"
               f"第一条 为了示例，制定本办法。\n\n![示意图]({TUJIE})\n")
    errors = [e for e in link_errors(repo) if e.startswith("drafts/sl.md:")]
    assert len(errors) == 1 and ANOTHER_PAGES in errors[0], errors


def test_a_link_to_another_pages_file_and_an_image_of_the_pages_own_pass(repo: Repo):
    illustrated(repo)
    append(repo, f"\n见[图解]({TUJIE})、[圖解][圖]。\n\n[圖]: {TUJIE}\n")
    append(repo, f"\n![图解]({TUJIE})\n", JD)
    assert link_errors(repo) == []
