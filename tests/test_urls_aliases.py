"""Permanent paths and their aliases: every written form of a number leads to one URL, and back."""
from __future__ import annotations

import re
from urllib.parse import quote, unquote

import pytest

from conftest import ROOT, Repo
from gongbao import redirects, urls
from gongbao.docnumber import DocId, DocNumber
from gongbao.settings import load as load_settings

CODES = load_settings(ROOT).issuer_codes
NUMBERS = ["锡政办发〔2018〕68号", "锡政发〔2019〕18号", "锡财规〔2018〕2号", "锡政办函〔2018〕41号", "无锡市人民政府令第180号"]


@pytest.mark.parametrize("text", NUMBERS)
def test_every_alias_form_names_the_number_and_its_one_path(text):
    number = DocNumber.parse(text)
    path = urls.DocPath.of(number, CODES)
    forms = redirects.variants(number)
    assert forms[0] == text  # the canonical form comes first
    assert len(forms) == len(set(forms))
    for written in forms:
        alias = redirects.alias_url(written)
        assert redirects.parse_alias(alias) == number
        assert redirects.parse_alias(quote(alias)) == number  # as a browser sends it
        assert urls.DocPath.of(redirects.parse_alias(alias), CODES) == path
    assert urls.DocPath.parse(str(path)) == path


def test_the_alias_forms_cover_brackets_script_and_the_final_hao():
    forms = set(redirects.variants(DocNumber.parse("锡政办发〔2018〕68号")))
    for expected in ("锡政办发〔2018〕68号", "锡政办发[2018]68号", "锡政办发(2018)68号", "锡政办发（2018）68号",
                     "锡政办发【2018】68号", "锡政办发［2018］68号", "锡政办发201868号", "锡政办发〔2018〕68",
                     "錫政辦發〔2018〕68號", "錫政辦發[2018]68號", "錫政辦發201868"):
        assert expected in forms
    assert len(forms) == 2 * 7 * 2
    assert redirects.variants(DocNumber.parse("无锡市人民政府令第180号")) == [
        "无锡市人民政府令第180号", "无锡市人民政府令第180", "無錫市人民政府令第180號", "無錫市人民政府令第180"]


@pytest.mark.parametrize("written", ["錫政辦發〔2017〕95 號", "锡政办发 [2017] 95号"])
def test_spaces_are_not_part_of_an_alias_url(written):
    assert redirects.alias_url(written) in {f"wh/{v}/" for v in redirects.variants(DocNumber.parse(written))}


@pytest.mark.parametrize("url", ["doc/xzbf/2018/68/", "wh/", "wh/not-a-number/", "wh/锡政办发/"])
def test_a_url_that_is_no_alias_is_refused(url):
    with pytest.raises(ValueError):
        redirects.parse_alias(url)


@pytest.mark.parametrize("path", ["doc/xzbf/2018/68/jiedu/xzbf-2018-68-wzjd/", "doc/wxzfl/180/jiedu/jd/",
                                  "doc/id/wx-notice-12/jiedu/wd/"])
def test_interpretation_urls_show_their_document(path):
    assert redirects.INTERPRETATION.match(path)
    document = path[: path.index("jiedu/")]
    assert str(urls.DocPath.parse(document)) == document


@pytest.mark.parametrize("path", ["doc/xzbf/2018/68/", "doc/xzbf/2018/68/jiedu/", "doc/xzbf/jiedu/a/",
                                  "doc/xzbf/2018/68/jiedu/A_b/", "jiedu/a/"])
def test_what_is_not_an_interpretation_url(path):
    assert not redirects.INTERPRETATION.match(path)


def test_id_documents_have_a_path_and_no_number_alias(repo: Repo):
    repo.replace("gazette/2018/06/xzbf-68.md", "doc_number: 锡政办发〔2018〕68号", "id: wx-notice-12")
    repo.replace("gazette/2018/06/xzbf-68.md", "type: 规范性文件", "type: 其他文件")
    repo.replace("interpretations/xzbf-68-jd.md", "锡政办发〔2018〕68号", "wx-notice-12")
    checked = repo.check()
    assert checked.ok, [str(d) for d in checked.diagnostics]
    planned, problems = redirects.plan(checked.archive, checked.settings.issuer_codes)
    assert problems == [] and planned == {} and redirects.aliases(checked.archive, checked.settings.issuer_codes) == {}
    assert urls.DocPath.of(DocId("wx-notice-12"), CODES) == urls.DocPath.parse("doc/id/wx-notice-12/")


def test_the_redirect_page_is_static_and_canonical(repo: Repo):
    checked = repo.check()
    alias = redirects.alias_url("錫政辦發[2018]68號")
    html = redirects.redirect_page(redirects.aliases(checked.archive, checked.settings.issuer_codes)[alias],
                                   "https://example.gov.cn/")
    assert '<meta http-equiv="refresh" content="0; url=../../doc/xzbf/2018/68/">' in html
    assert '<link rel="canonical" href="https://example.gov.cn/doc/xzbf/2018/68/">' in html
    assert '<a href="../../doc/xzbf/2018/68/">https://example.gov.cn/doc/xzbf/2018/68/</a>' in html
    assert "<script" not in html


def test_previous_urls_redirect_the_document_and_its_interpretations(repo: Repo):
    repo.replace("gazette/2018/06/xzbf-68.md", "status: 执行中", "status: 执行中\nprevious_urls: [doc/xzbf/2018/86/]")
    checked = repo.check()
    assert checked.ok, [str(d) for d in checked.diagnostics]
    planned, _ = redirects.plan(checked.archive, checked.settings.issuer_codes)
    assert planned["doc/xzbf/2018/86/"].target == "doc/xzbf/2018/68/"
    assert planned["doc/xzbf/2018/86/jiedu/xzbf-68-jd/"].target == "doc/xzbf/2018/68/jiedu/xzbf-68-jd/"


OTHER = """\
    ---
    title: 另一份通知
    id: wx-notice-1
    issuer: 无锡市人民政府办公室
    type: 其他文件
    written: 2018-06-05
    published: 2018-06-05
    status: 执行中
    disclosure: 主动公开
    section: 市政府办公室文件
    previous_urls: [{old}]
    ---
    正文。
    """
CLASH_HINT = "一个网址只能属于一个文件：检查 previous_urls 是否写错"


def test_a_url_claimed_by_two_files_is_an_error(repo: Repo):
    repo.write("gazette/2018/06/other.md", OTHER.format(old="doc/xzbf/2018/99/"))
    repo.replace("gazette/2018/06/xzbf-68.md", "status: 执行中", "status: 执行中\nprevious_urls: [doc/xzbf/2018/99/]")
    assert repo.messages() == [
        "gazette/2018/06/xzbf-68.md:9: 网址 doc/xzbf/2018/99/ 不能转到 doc/xzbf/2018/68/：它已由 "
        f"gazette/2018/06/other.md 占用（转到 doc/id/wx-notice-1/） — {CLASH_HINT}"]


def test_a_previous_url_that_is_a_live_page_is_an_error(repo: Repo):
    repo.write("gazette/2018/06/other.md", OTHER.format(old="/doc/xzbf/2018/68"))
    assert repo.messages() == [
        "gazette/2018/06/other.md:11: 网址 doc/xzbf/2018/68/ 不能转到 doc/id/wx-notice-1/：它是 "
        f"gazette/2018/06/xzbf-68.md 的现行网址 — {CLASH_HINT}"]


def test_an_interpretation_previous_url_must_be_an_interpretation_url(repo: Repo):
    repo.replace("interpretations/xzbf-68-jd.md", "kind: 文字解读", "kind: 文字解读\nprevious_urls: [doc/xzbf/2018/99/]")
    assert repo.messages() == [
        "interpretations/xzbf-68-jd.md:6: previous_urls：'doc/xzbf/2018/99/' 不是解读的网址 — "
        "写解读以前的网址，如 doc/xzbf/2018/68/jiedu/wzjd/"]


def test_a_malformed_previous_url_is_an_error(repo: Repo):
    repo.replace("gazette/2018/06/xzbf-68.md", "status: 执行中", "status: 执行中\nprevious_urls: [xzbf-68.html]")
    (message,) = repo.messages()
    assert message == ("gazette/2018/06/xzbf-68.md:9: previous_urls：文件网址 'xzbf-68.html/' 无效：应为 "
                       "doc/<代码>/<年份>/<序号>/ 或 doc/id/<id>/ — 写文件以前的网址，如 doc/xzbf/2018/86/")


def test_alias_pages_redirect_in_a_browser(page, site_url, built_site):
    for written in ("錫政辦發[2018]68號", "锡政办发〔2018〕68号", "锡政办发(2018)68", "无锡市人民政府令第180号"):
        target = str(urls.DocPath.of(DocNumber.parse(written), CODES))
        assert (built_site / redirects.alias_url(written) / "index.html").exists()
        page.goto(site_url + quote(redirects.alias_url(written)))
        page.wait_for_url(re.compile(re.escape(target) + "$"))
        assert unquote(page.url) == site_url + target
        assert page.locator("h1.gb-title").count() == 1
