"""No page a lock holds shows a file of the site's own, as published: the build reads each rendered page's addresses
as a browser does (rules.links.served_path) and refuses one that leads to a file of content/ that is not a page (the
footer's logo…), which no lock holds. rules.links refuses the same in the source (test_rules_links.py); here it is
switched off, as a way around its reading would be, and the build must refuse on its own."""
from __future__ import annotations

import pytest

from conftest import Repo
from samplefiles import png
from test_check_build_agree import DOC, JD, make_repo
from test_rules_links import ANOTHER_PAGES, FOREIGN, LOGO, ON_HOST, TUJIE, illustrated
from gongbao import rules
from gongbao.publish import rendered_html
from gongbao.rules import links
from gongbao.publish.build import BuildFailed, build

SHIM = '''"""Test shim: the build without the source rule on links (rules.links)."""
import gongbao.rules as rules

_all = rules.all_rules
rules.all_rules = lambda: tuple(r for r in _all() if r.ID != "links")
'''


def _repo(path, shimmed: bool = True) -> Repo:
    repo = make_repo(path, shim=False)
    if shimmed:
        repo.write("hooks/shim.py", SHIM)
        repo.replace("mkdocs.yml", "hooks:\n  - hooks/gazette.py", "hooks:\n  - hooks/shim.py\n  - hooks/gazette.py")
    repo.replace("gazette.yml", "issuers:", "footer: {gov_logo: assets/dzjg.png}\nissuers:")
    repo.write("content/assets/dzjg.png", png())
    return repo


def _append(repo: Repo, rel: str, text: str) -> None:
    path = repo.path / rel
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


# addresses a browser reads as the site's own host (site.url https://example.gov.cn/) or as paths
HOSTS = ("absolute, the site's host", "backslashes, raw html", "the page's scheme, no host")


@pytest.mark.build
@pytest.mark.parametrize("rel, snippet", [*((DOC, s) for s in LOGO.values()), (JD, "![图解](../../../../../../assets/dzjg.png)"),
                                          *((DOC, ON_HOST[k]) for k in HOSTS)],
                         ids=[*LOGO.keys(), "interpretation", *HOSTS])
def test_the_build_refuses_a_page_that_shows_a_file_of_the_sites_own(tmp_path, capfd, monkeypatch, rel, snippet):
    repo = _repo(tmp_path / "repo")
    _append(repo, rel, "\n" + snippet + "\n")
    every = rules.all_rules
    monkeypatch.setattr(rules, "all_rules", lambda: tuple(r for r in every() if r.ID != "links"))
    assert repo.check().ok  # with the source rule off, as in the build: only the published page can tell
    with pytest.raises(BuildFailed):
        build(repo.path, tmp_path / "site", search_index=False, quiet=True)
    log = capfd.readouterr().err
    assert f"{rel}:" in log and f"图片或链接指向网站自己的文件 /assets/dzjg.png：它不属于本页" in log, log
    assert "网站标识等网站自己的文件只由网站模板显示" not in log  # the source rule's hint: not what refused it
    assert not (tmp_path / "site").exists()


@pytest.mark.build
def test_a_hand_written_page_and_the_templates_may_show_them(tmp_path):
    repo = _repo(tmp_path / "repo")
    _append(repo, "content/about.md", "\n![标识](assets/dzjg.png) [标识](/assets/dzjg.png)\n")
    build(repo.path, tmp_path / "site", search_index=False, quiet=True)
    assert 'src="../assets/dzjg.png"' in (tmp_path / "site/about/index.html").read_text(encoding="utf-8")
    assert "dzjg.png" in (tmp_path / "site/doc/xzbf/2018/68/index.html").read_text(encoding="utf-8")  # the footer's


@pytest.mark.parametrize("snippet", ON_HOST.values(), ids=ON_HOST.keys())
def test_the_rendered_check_reads_an_address_of_the_sites_own_host_as_the_site_s(render_body, snippet):
    """The rendered check's reading of a page's addresses (as hooks/gazette.py's _own_file asks it): an address of
    site.url's host, however written, or a path with backslashes, leads to the file of the site's own."""
    def shows(address: str) -> str | None:
        path = links.served_path(address, "doc/xzbf/2018/68/", "https://example.gov.cn/")
        return "/" + path if path == "assets/dzjg.png" else None
    found, _ = rendered_html.inspect(render_body(snippet), rendered_html.Counter(), shows=shows)
    assert links.own_file_message("/assets/dzjg.png") in [v.message for v in found]  # an image's also: not on the site


@pytest.mark.build
@pytest.mark.parametrize("snippet", [FOREIGN[k] for k in ("raw html img in a quote, backslashes", "linked image in a table",
                                                          "reference definition, a list item")], ids=["raw html", "table", "reference"])
def test_the_build_refuses_a_page_that_shows_another_pages_file_as_an_image(tmp_path, capfd, monkeypatch, snippet):
    """The interpretation's image shown by the document: the build reads the rendered page's images, with the source
    rule off, and refuses one that is not a file of the page's own (its files/), which the page's lock does not hold."""
    repo = _repo(tmp_path / "repo")
    illustrated(repo)
    _append(repo, DOC, "\n" + snippet + "\n")
    every = rules.all_rules
    monkeypatch.setattr(rules, "all_rules", lambda: tuple(r for r in every() if r.ID != "links"))
    assert [d for d in repo.check().diagnostics if d.is_error and d.rule != "html"] == []
    with pytest.raises(BuildFailed):
        build(repo.path, tmp_path / "site", search_index=False, quiet=True)
    log = capfd.readouterr().err
    assert f"{DOC}:" in log and f"{ANOTHER_PAGES} {TUJIE}：" in log, log
    assert not (tmp_path / "site").exists()


@pytest.mark.build
def test_an_image_of_the_pages_own_and_a_link_to_another_pages_file_are_built(tmp_path):
    repo = _repo(tmp_path / "repo", shimmed=False)
    illustrated(repo)
    _append(repo, DOC, f"\n见[图解]({TUJIE})。\n")
    _append(repo, JD, f"\n![图解]({TUJIE})\n")
    build(repo.path, tmp_path / "site", search_index=False, quiet=True)
    assert 'src="/doc/xzbf/2018/68/jiedu/xzbf-68-jd/files/' in \
        (tmp_path / "site/doc/xzbf/2018/68/jiedu/xzbf-68-jd/index.html").read_text(encoding="utf-8")
