"""The sample gazette, built once for this module: pages carry what the seed shows, and what must
not be published is nowhere in the output."""
from __future__ import annotations

import hashlib
import posixpath
import re
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, Repo
from gongbao.tools import synthetic
from gongbao.publish import searchformat
from gongbao.publish.build import BuildFailed, build

SEED = "doc/xzbf/2018/68/index.html"
SEED_JD = "doc/xzbf/2018/68/jiedu/xzbf-2018-68-wzjd/index.html"
WITHHELD_TITLE = "无锡市人民政府办公室关于举办2018年度全市政务公开专项业务培训班的函"


def copy_sample(path: Path) -> Repo:
    """What the ``site_repo`` fixture copies, for a module-scoped build."""
    path.mkdir(parents=True)
    for name in ("mkdocs.yml", "gazette.yml"):
        shutil.copy(ROOT / name, path / name)
    for name in ("content", "gazette", "interpretations", "hooks", "overrides"):
        if (ROOT / name).exists():
            shutil.copytree(ROOT / name, path / name)
    return Repo(path)


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> tuple[Repo, Path]:
    base = tmp_path_factory.mktemp("site")
    repo = copy_sample(base / "repo")
    build(repo.path, base / "site", quiet=True)
    return repo, base / "site"


def page(site: Path, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


def meta_rows(html: str) -> dict[str, str]:
    """The header block (<dl class="gb-meta">) as label → inner HTML."""
    block = re.search(r'<dl class="gb-meta"[^>]*>(.*?)</dl>', html, re.S).group(1)
    return {dt: dd.strip() for dt, dd in re.findall(r"<dt[^>]*>(.*?)</dt>\s*<dd[^>]*>(.*?)</dd>", block, re.S)}


def text(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


def test_seed_page_carries_the_header_block(sample):
    _, site = sample
    rows = meta_rows(page(site, SEED))
    assert rows["文号"] == "锡政办发〔2018〕68号"
    assert rows["制发机关"] == "无锡市人民政府办公室"
    assert rows["成文日期"] == "2018年6月5日"
    assert rows["发布日期"] == "2018年6月5日"
    assert text(rows["文件状态"]) == "执行中"
    assert rows["公开属性"] == "主动公开"
    assert rows["所属公报"] == '<a href="../../../../gazette/2018/06/">2018年第6期（总第389期）</a>'
    assert list(rows).index("文号") < list(rows).index("制发机关") < list(rows).index("成文日期")


def test_seed_page_ends_with_the_published_note_in_its_own_script(sample):
    _, site = sample
    html = page(site, SEED)
    note = '<p class="gb-published-note" data-pagefind-ignore="">（此件公開發布）</p>'  # kept out of the search index
    assert html.count(note) == 1
    assert html.index("(十五)加強對政務數據資源的開發利用") < html.index(note)
    assert '<p class="gb-published-note" data-pagefind-ignore="">（此件公开发布）</p>' in page(site, "doc/wxzfl/180/index.html")


def test_withheld_or_partial_documents_have_no_published_note(sample):
    _, site = sample
    assert "（此件公开发布）" not in page(site, "doc/xzbh/2018/41/index.html")  # 部分公开


def test_document_links_to_its_interpretation_and_back(sample):
    _, site = sample
    html = page(site, SEED)
    section = re.search(r'<section [^>]*class="gb-interpretations".*?</section>', html, re.S).group(0)
    assert '<a href="jiedu/xzbf-2018-68-wzjd/">《无锡市全面推进政务公开工作实施办法》文字解读</a>' in section
    back = meta_rows(page(site, SEED_JD))["原文件"]
    assert back == ('<a href="../../">無錫市人民政府辦公室關於印發無錫市全面推進政務公開工作實施辦法的通知</a>'
                    "（锡政办发〔2018〕68号，执行中）")
    assert (site / "doc/xzbf/2018/68/jiedu/xzbf-2018-68-wzjd/../../index.html").resolve() == (site / SEED).resolve()


def test_document_with_several_interpretations_links_each(sample):
    _, site = sample
    html = page(site, "doc/xzbf/2018/75/index.html")
    section = re.search(r'<section [^>]*class="gb-interpretations".*?</section>', html, re.S).group(0)
    links = re.findall(r'<a href="(jiedu/[^"]+)">', section)
    assert len(links) == 3
    for link in links:
        assert (site / "doc/xzbf/2018/75" / link / "index.html").is_file()


def test_issue_page_lists_documents_by_section_in_the_issues_order(sample):
    _, site = sample
    html = page(site, "gazette/2018/06/index.html")
    toc = html[html.index('id="toc"'):]
    sections = re.findall(r'<h3 class="gb-section"[^>]*>(.*?)</h3>', toc)
    assert sections == ["市政府规章", "市政府办公室文件", "部门文件", "人事任免"]
    groups = re.split(r'<h3 class="gb-section"[^>]*>', toc)[1:]
    numbers = [re.findall(r'<span class="gb-number">(.*?)</span>', g) for g in groups]
    assert numbers == [["无锡市人民政府令第180号"], ["锡政办发〔2018〕68号"], ["锡财规〔2018〕2号"], []]
    assert '<a href="../../../doc/xzbf/2018/68/">' in groups[1]
    assert '<a href="../../../doc/id/wxszf-2018-rm-06/">无锡市人民政府关于周文彬等同志职务任免的通知</a>' in groups[3]


def test_issue_page_does_not_list_the_withheld_document(sample):
    _, site = sample
    html = page(site, "gazette/2018/07/index.html")
    assert "锡政办函〔2018〕38号" not in html
    assert "锡政办函〔2018〕41号" in html  # 部分公开 is published


def test_official_headings_became_anchors(sample):
    _, site = sample
    seed = page(site, SEED)
    assert '<h2 id="sec-1">一、建立健全政務公開制度規范</h2>' in seed
    assert '<h3 id="sec-1-1">(一)加強權責清單和公共服務清單統一規范。</h3>' in seed
    assert 'id="sec-2-6"' in seed
    order = page(site, "doc/wxzfl/180/index.html")
    for anchor in ("chap-1", "art-1", "art-3", "chap-2", "art-6-1"):
        assert f'id="{anchor}"' in order, anchor
    assert re.search(r'<p id="art-3"><b>第三条</b>', order)  # the number's typeface: by its place (gb-reading.css)


def _all_output(site: Path):
    for path in site.rglob("*"):
        if path.is_file():
            yield path, searchformat.unpack(path.read_bytes())  # the search index's files are gzip'd


def test_withheld_document_appears_in_no_output_file(sample):
    _, site = sample
    leaks = [p.relative_to(site).as_posix() for p, data in _all_output(site)
             if WITHHELD_TITLE.encode() in data or "锡政办函〔2018〕38号".encode() in data]
    assert leaks == []
    assert not (site / "doc/xzbh/2018/38").exists()


def test_search_index_was_built(sample):
    _, site = sample
    assert (site / "search/index/meta.json").is_file()
    assert any(WITHHELD_TITLE.encode() not in data and "锡政办发".encode() in data
               for p, data in _all_output(site) if p.parent.name == "pages" and "index" in p.parts)


def tree_digest(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def test_broken_content_fails_the_build_and_leaves_the_site_untouched(sample, capfd):
    repo, site = sample
    before = tree_digest(site)
    broken = "gazette/2018/06/xcg-2018-2.md"
    original = (repo.path / broken).read_bytes()
    repo.replace(broken, "published:", "published: 2018-02-30\nwritten_again:")
    try:
        with pytest.raises(BuildFailed) as caught:
            build(repo.path, site, quiet=True)
    finally:
        (repo.path / broken).write_bytes(original)
    out = capfd.readouterr()
    assert str(caught.value) == "网站生成失败，未发布；原有网站保持不变。"
    assert f"{broken}:" in out.out + out.err
    assert "未知的键 written_again" in out.out + out.err
    assert tree_digest(site) == before
    assert not [p for p in site.parent.iterdir() if p.name.startswith(".site-")]  # no staging left behind


def test_document_page_size_does_not_grow_with_the_archive(sample, tmp_path):
    repo, site = sample
    big = copy_sample(tmp_path / "repo")
    files = synthetic.archive(500, seed=5, last=(2017, 12))  # issues 2014-2017: beside the sample's 2018-2019
    settings = yaml.safe_load((big.path / "gazette.yml").read_text(encoding="utf-8"))
    generated = yaml.safe_load(files.pop("gazette.yml"))
    settings["issuers"] = {**generated["issuers"], **settings["issuers"]}
    settings["issuer_codes"] = {**generated["issuer_codes"], **settings["issuer_codes"]}
    (big.path / "gazette.yml").write_text(yaml.safe_dump(settings, allow_unicode=True), encoding="utf-8")
    synthetic.write(big.path, files)
    build(big.path, tmp_path / "site", search_index=False, quiet=True)
    small_html, big_html = page(site, SEED), page(tmp_path / "site", SEED)
    assert len(big_html.encode()) == len(small_html.encode())
    # the menu is the same few site-wide links on every page, never a list of documents
    synthetic_url = "doc/xzbf/2017/" + _first_serial(tmp_path / "site/doc/xzbf/2017") + "/"
    nav = primary_nav(page(tmp_path / "site", synthetic_url + "index.html"), synthetic_url)
    assert nav == primary_nav(small_html, "doc/xzbf/2018/68/")
    assert {"", "gazette/", "jiedu/", "catalog/"} <= nav and len(nav) < 12
    assert len(list((tmp_path / "site/doc").rglob("index.html"))) > 500


def primary_nav(html: str, url: str) -> set[str]:
    """The site paths the primary navigation links to, from a page at ``url``."""
    nav = html[html.index("md-nav--primary"):html.index("md-nav--secondary")]
    return {posixpath.normpath(posixpath.join("/" + url, href)).lstrip("/") + "/" if href.strip("./") else ""
            for href in re.findall(r'href="([^"]+)"', nav)}


def _first_serial(folder: Path) -> str:
    return sorted((p.name for p in folder.iterdir()), key=int)[0]
