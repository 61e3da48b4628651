"""Permanent paths and their aliases: every written form of a number leads to one URL, and back."""
from __future__ import annotations

import contextlib
import json
import http.client
import os
import re
import socket
import subprocess
import time
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

import pytest

from conftest import DOCUMENT, ROOT, Repo
from gongbao.content import redirects, urls
from gongbao.publish.render import host_headers, redirect_pages, searchpage
from gongbao.identifiers.docnumber import DocId, DocNumber
from gongbao.publish import csp
from gongbao.publish.check import check
from gongbao.content.settings import load as load_settings

CODES = load_settings(ROOT).issuer_codes
NGINX = "/usr/sbin/nginx"
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


def test_the_redirect_page_is_static_and_canonical_and_runs_only_the_sites_own_script_file(repo: Repo):
    """No inline script (the policy trusts none of its own); the site's script file (gb-redirect.js) carries a
    citation's fragment to the link marked data-gb-redirect, which the refresh drops (tests/test_citation_fragments.py)."""
    checked = repo.check()
    alias = redirects.alias_url("锡政办发〔2018〕68号")
    html = redirect_pages.redirect_page(redirects.aliases(checked.archive, checked.settings.issuer_codes)[alias],
                                   "https://example.gov.cn/")
    assert '<meta http-equiv="refresh" content="0; url=../../doc/xzbf/2018/68/">' in html
    assert '<link rel="canonical" href="https://example.gov.cn/doc/xzbf/2018/68/">' in html
    assert '<a href="../../doc/xzbf/2018/68/" data-gb-redirect>https://example.gov.cn/doc/xzbf/2018/68/</a>' in html
    assert re.findall(r"<script[^>]*>", html) == ['<script src="../../assets/javascripts/gb-site.js">']
    assert csp.inline_scripts(html) == []


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
        "interpretations/xzbf-68-jd.md:6: previous_urls：“doc/xzbf/2018/99/”不是解读的网址 — "
        "写解读以前的网址，如 doc/xzbf/2018/68/jiedu/wzjd/"]


def test_a_malformed_previous_url_is_an_error(repo: Repo):
    repo.replace("gazette/2018/06/xzbf-68.md", "status: 执行中", "status: 执行中\nprevious_urls: [xzbf-68.html]")
    (message,) = repo.messages()
    assert message == ("gazette/2018/06/xzbf-68.md:9: previous_urls：文件网址“xzbf-68.html/”无效：应为 "
                       "doc/<代码>/<年份>/<序号>/ 或 doc/id/<id>/ — 写文件以前的网址，如 doc/xzbf/2018/86/")


# A permanent URL has one spelling: fullwidth or other Unicode digits, or a leading zero, would be a second
# spelling of a URL a court cites (a regular expression's \d matched them all).
@pytest.mark.parametrize("old", ["doc/xzbf/2018/０８６/", "doc/xzbf/２０１８/86/", "doc/xzbf/2018/٨٦/", "doc/xzbf/2018/086/"])
def test_a_previous_url_with_other_digits_is_an_error(repo: Repo, old):
    repo.replace("gazette/2018/06/xzbf-68.md", "status: 执行中", f"status: 执行中\nprevious_urls: [{old}]")
    assert any(m.startswith(f"gazette/2018/06/xzbf-68.md:9: previous_urls：文件网址“{old}”无效") for m in repo.messages())


@pytest.mark.parametrize("old", ["doc/xzbf/2018/６８/jiedu/wzjd/", "doc/xzbf/2018/068/jiedu/wzjd/"])
def test_an_interpretation_previous_url_with_other_digits_is_an_error(repo: Repo, old):
    repo.replace("interpretations/xzbf-68-jd.md", "kind: 文字解读", f"kind: 文字解读\nprevious_urls: [{old}]")
    assert f"interpretations/xzbf-68-jd.md:6: previous_urls：“{old}”不是解读的网址 — 写解读以前的网址，如 doc/xzbf/2018/68/jiedu/wzjd/" \
        in repo.messages()


SPELLINGS = [v for n in ("锡政办发〔2018〕68号", "无锡市人民政府令第180号") for v in redirects.variants(DocNumber.parse(n))]


def test_one_alias_page_per_document_not_one_per_spelling(built_site):
    """25 spellings a document made most of a large site's files; now the canonical one has a page."""
    checked = check(ROOT)
    numbered = [d for d in checked.archive.public().documents if d.number]
    pages = sorted(p.parent.name for p in (built_site / "wh").glob("*/index.html"))
    assert pages == sorted(str(d.number) for d in numbered)


@pytest.mark.parametrize("written", ["錫政辦發[2018]68號", "锡政办发〔2018〕68号", "锡政办发(2018)68", "锡政办发2018 68号",
                                     "无锡市人民政府令第180号", "無錫市人民政府令第180"])
def test_every_spelling_reaches_the_document_in_a_browser(page, site_url, written):
    """The canonical spelling through its page, every other through the 404 page's resolver and the
    search page's number lookup: one grammar, no page per spelling."""
    target = str(urls.DocPath.of(DocNumber.parse(written), CODES))
    page.goto(site_url + quote(redirects.alias_url(written)))
    page.wait_for_url(re.compile(re.escape(target) + "$"))
    assert unquote(page.url) == site_url + target
    assert page.locator("h1.gb-title").count() == 1


def test_every_listed_spelling_reaches_the_document(page, site_url):
    for written in SPELLINGS:
        target = str(urls.DocPath.of(DocNumber.parse(written), CODES))
        page.goto(site_url + quote(redirects.alias_url(written)))
        page.wait_for_url(re.compile(re.escape(target) + "$"))


def test_a_number_the_site_does_not_publish_stays_on_the_search_page(page, site_url):
    """国办发〔2016〕80号 is cited, not published: the resolver may not loop or guess a page."""
    page.goto(site_url + quote("wh/国办发〔2016〕80号/"))
    page.wait_for_url(re.compile(r"/search/\?"))
    page.wait_for_selector("#gb-search-status:has-text('80')")  # the page's policy forbids evaluating strings
    assert "/search/" in page.url


@pytest.mark.parametrize("path", ["wh/%E9%94%A1%ZZ/", "wh/", "doc/xzbf/2018/999/"])
def test_what_names_no_number_gets_the_sites_404_page(page, site_url, path):
    response = page.goto(site_url + path)
    assert response.status == 404
    page.wait_for_timeout(300)  # a resolver that fired would have moved on by now
    assert page.url == site_url + path and page.locator("h1.gb-title").inner_text() == "页面不存在"


def test_the_hosts_rules_are_ascii_and_one_line_a_redirect(built_site):
    rules = (built_site / redirect_pages.NETLIFY).read_text(encoding="utf-8").splitlines()
    body = [line for line in rules if not line.startswith("#")]
    assert all(line.isascii() and len(line.split()) == 3 for line in body)
    assert body[-1] == "/wh/* /search/?from=wh&q=:splat 302"
    assert f"/wh/{quote('锡政办发〔2018〕68号')}/ /doc/xzbf/2018/68/ 301" in body


def test_the_hosts_rules_send_no_fragment_so_the_browser_keeps_the_citations(built_site):
    """A 301 or 302 whose Location has no fragment keeps the one the reader asked for (/wh/…/#art-5 lands at 第五条,
    through the search page's lookup too); a target with one would replace it."""
    netlify = [line.split()[1] for line in (built_site / redirect_pages.NETLIFY).read_text(encoding="utf-8").splitlines()
               if not line.startswith("#")]
    nginx = re.findall(r"return 30[12] ([^;]+);", (built_site / redirect_pages.NGINX).read_text(encoding="utf-8"))
    assert len(netlify) == len(nginx) > 1 and not [target for target in netlify + nginx if "#" in target]


def test_the_hosts_headers_forbid_framing_by_another_site(built_site):
    rules = (built_site / host_headers.NETLIFY).read_text(encoding="utf-8").splitlines()
    assert [line for line in rules if not line.startswith("#")] == [
        "/*", "  Content-Security-Policy: frame-ancestors 'self'", "  X-Frame-Options: SAMEORIGIN",
        "  X-Content-Type-Options: nosniff"]


@contextlib.contextmanager
def _nginx(folder: Path, root: Path, rules: Path, error_page: str = "/404.html"):
    """nginx serving ``root`` with the ``rules`` a build wrote, on a free port."""
    assert Path(NGINX).exists(), "nginx is missing: run bash scripts/setup.sh --with-browser"
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    # as root, nginx's workers would drop to nobody, who may not read pytest's private folders
    user = "user root;" if os.geteuid() == 0 else ""
    (folder / "nginx.conf").write_text(f"""
{user} daemon off; pid {folder}/nginx.pid; error_log {folder}/error.log;
events {{}}
http {{
  include /etc/nginx/mime.types;  # as a real server: a browser runs no script sent as text/plain with nosniff
  access_log off; client_body_temp_path {folder}; proxy_temp_path {folder}; fastcgi_temp_path {folder};
  uwsgi_temp_path {folder}; scgi_temp_path {folder};
  server {{
    listen 127.0.0.1:{port}; root {root}; error_page 404 {error_page};
    include {rules};
  }}
}}
""", encoding="utf-8")
    process = subprocess.Popen([NGINX, "-p", str(folder), "-c", str(folder / "nginx.conf")], stderr=subprocess.PIPE)
    try:
        for _ in range(100):
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.1):
                break
            time.sleep(0.05)
        else:
            raise AssertionError(process.stderr.read().decode())
        yield f"http://127.0.0.1:{port}/"
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def nginx(built_site, tmp_path_factory):
    """The site behind a real nginx with the rules the build wrote."""
    with _nginx(tmp_path_factory.mktemp("nginx"), built_site, built_site / redirect_pages.NGINX) as served:
        yield served


def _answer(url: str) -> http.client.HTTPResponse:
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    connection.request("GET", parts.path + (f"?{parts.query}" if parts.query else ""))
    return connection.getresponse()


def _head(url: str) -> tuple[int, str]:
    response = _answer(url)
    return response.status, response.getheader("Location") or ""


def test_nginx_forbids_framing_by_another_site_on_every_answer(nginx):
    """A page, a redirect of each kind and a 404: nginx adds a header only to some statuses unless told always."""
    answers = [_answer(nginx + path) for path in ("doc/xzbf/2018/68/", quote("wh/锡政办发〔2018〕68号/"),
                                                  quote("wh/锡政办发2018-68/"), "doc/xzbf/2018/999/")]
    assert [a.status for a in answers] == [200, 301, 302, 404]
    for answer in answers:
        assert {name: answer.headers.get_all(name) for name, _ in host_headers.HEADERS} == {
            name: [value] for name, value in host_headers.HEADERS}


def test_nginx_redirects_every_spelling_with_a_status(nginx):
    for written in SPELLINGS:
        target = str(urls.DocPath.of(DocNumber.parse(written), CODES))
        status, location = _head(nginx + quote(redirects.alias_url(written)))
        if written == str(DocNumber.parse(written)):
            assert (status, urlsplit(location).path) == (301, "/" + target), written
        else:
            assert status == 302 and location.endswith(f"/search/?from=wh&q={quote(''.join(written.split()))}"), \
                (written, status, location)
    assert _head(nginx + "doc/xzbf/2018/68/")[0] == 200
    assert _head(nginx + "wh/")[0] == 404


@pytest.mark.parametrize("written", ["无锡市人民政府令第180号", "無錫市人民政府令第180"])
def test_through_nginx_a_citation_keeps_its_article(page, nginx, written):
    """The 301 of the canonical spelling, and the 302 of another to the search page's lookup, keep the fragment."""
    page.goto(nginx + quote(redirects.alias_url(written)) + "#art-5")
    page.wait_for_url(nginx + "doc/wxzfl/180/#art-5")


def test_a_number_a_document_had_before_still_reaches_it(repo: Repo):
    """Renumbered (68 was 86): the earlier number's alias page and its entry in the search page's number lookup, which
    the 404 page's resolver hands every other spelling to, lead to the document as the number it has now does."""
    repo.replace("gazette/2018/06/xzbf-68.md", "status: 执行中", "status: 执行中\nprevious_urls: [doc/xzbf/2018/86/]")
    checked = repo.check()
    assert checked.ok, [str(d) for d in checked.diagnostics]
    codes = checked.settings.issuer_codes
    earlier = DocNumber.parse("锡政办发〔2018〕86号")
    assert {str(n): d.source.path for n, d in redirects.earlier_numbers(checked.archive, codes).items()} == {
        "锡政办发〔2018〕86号": "gazette/2018/06/xzbf-68.md"}
    assert redirects.aliases(checked.archive, codes)[redirects.alias_url(str(earlier))].target == "doc/xzbf/2018/68/"
    shard = json.loads(searchpage.files(checked.archive.public(), checked.settings)["search/numbers/xzbf/2018.json"])
    assert shard["86"] == shard["68"] and shard["86"]["url"] == "doc/xzbf/2018/68/"
    for written in redirects.variants(earlier):  # as the resolver reads it: the shard of its code and year, its serial
        number = DocNumber.parse(written)
        assert (codes[number.agency], number.year, str(number.serial)) == ("xzbf", 2018, "86"), written


def test_an_earlier_number_another_document_has_now_is_that_documents(repo: Repo):
    """A number given up and given again leads to the document that has it now; a code two agencies share names no
    number; an id document's earlier URL names none."""
    repo.write("gazette/2018/06/other.md", OTHER.format(old="doc/xzbf/2018/68/"))
    repo.write("gazette/2018/06/third.md", OTHER.replace("wx-notice-1", "wx-notice-2").format(old="doc/id/wx-notice-9/"))
    checked = repo.check()
    codes = checked.settings.issuer_codes
    assert redirects.earlier_numbers(checked.archive, codes) == {}
    shared = {**codes, "无锡市某局": codes["锡政办发"]}
    repo.replace("gazette/2018/06/other.md", "doc/xzbf/2018/68/", "doc/xzbf/2018/97/")
    checked = repo.check()
    assert [str(n) for n in redirects.earlier_numbers(checked.archive, codes)] == ["锡政办发〔2018〕97号"]
    assert redirects.earlier_numbers(checked.archive, shared) == {}


WITHHELD = (DOCUMENT.replace("关于印发示例办法的通知", "不予公开的通知").replace("68号", "97号")
            .replace("type: 规范性文件", "type: 其他文件")
            .replace("disclosure: 主动公开", "disclosure: 不予公开\ndisclosure_reason: 涉及国家秘密（第十四条）"))


def test_an_earlier_number_a_withheld_document_has_now_is_not_another_documents(repo: Repo):
    """锡政办发〔2018〕97号 is the number of a document withheld (不予公开): it is cited by that number, as plain text.
    Another document naming its URL as an earlier one of its own must not take the number: its alias page and the search
    page's number lookup would lead every reader who types 97号 to a different text (or the check says it cannot)."""
    repo.write("gazette/2018/06/held.md", WITHHELD)
    repo.write("gazette/2018/06/other.md", OTHER.format(old="doc/xzbf/2018/97/"))
    checked = repo.check()
    codes = checked.settings.issuer_codes
    hijacked = redirects.earlier_numbers(checked.archive, codes)
    assert not checked.ok or hijacked == {}, {str(n): d.source.path for n, d in hijacked.items()}


# Written as one location of nginx's include: a quote ends its text, a brace its block, # comments out the line
_LOCATION = re.compile(r'location = "/[\w/〔〕-]+/" \{ return 301 /[a-z0-9/-]+/; \}')


@pytest.mark.parametrize("agency", ['锡政办发"{}}#', "../../../../tmp/x", "xzbf", "锡政办发;", "锡政\\办发", "锡政办发{"])
def test_an_agency_no_number_can_have_is_refused_and_writes_no_host_rule(repo: Repo, agency):
    """A 机关代字 of issuer_codes is a key of gazette.yml, which no grammar read: a document's earlier URL with its code
    gave it a number alias (redirects.earlier_numbers), written into the hosts' rules as it stood. '锡政办发"{}}#' ended
    the location's quote and closed nginx's server block (the rest of the include then in http {}, where nginx refuses
    to start), and '../' climbed out of wh/ in _redirects. A 机关代字 is Chinese characters, as the grammar reads one."""
    repo.replace("gazette.yml", "issuer_codes: {锡政办发: xzbf, 锡政发: xzf, 无锡市人民政府令: wxzfl}",
                 f"issuer_codes:\n  锡政办发: xzbf\n  锡政发: xzf\n  '{agency}': evil\n")
    repo.replace("gazette/2018/06/xzbf-68.md", "status: 执行中", "status: 执行中\nprevious_urls: [doc/evil/2018/5/]")
    checked = repo.check()
    assert f"gazette.yml:6: issuer_codes 中 “{agency}” 不是机关代字：文号中的机关代字只由汉字组成 — " \
           "写文号中年份前的汉字，如 锡政办发〔2018〕68号 的 锡政办发；政府令写到“令”字，如 无锡市人民政府令" in map(str, checked.diagnostics)
    rules = redirect_pages.files(checked.archive, checked.settings)[redirect_pages.NGINX].splitlines()
    assert [line for line in rules if line.startswith("location = ") and not _LOCATION.fullmatch(line)] == []


@pytest.mark.parametrize("written", ["https://example.gov.cn/公报/", "https://example.gov.cn/%E5%85%AC%E6%8A%A5",
                                     "https://example.gov.cn/%e5%85%ac%e6%8a%a5/"])
def test_nginx_redirects_under_a_folder_in_chinese(repo: Repo, tmp_path, written):
    """The rules wrote each location percent-encoded (/%E5%85%AC%E6%8A%A5/wh/…) while nginx matches the decoded path
    (/公报/wh/…): none matched, and every earlier URL and number alias met the 404 page, without a status."""
    repo.replace("gazette.yml", 'url: "https://example.gov.cn/"', f'url: "{written}"')
    repo.replace("gazette/2018/06/xzbf-68.md", "status: 执行中", "status: 执行中\nprevious_urls: [doc/xzbf/2018/86/]")
    checked = repo.check()
    assert checked.ok, [str(d) for d in checked.diagnostics]
    rules = tmp_path / "rules.conf"
    rules.write_text(redirect_pages.files(checked.archive, checked.settings)[redirect_pages.NGINX], encoding="utf-8")
    (tmp_path / "www/公报").mkdir(parents=True)
    folder = quote("/公报/")
    with _nginx(tmp_path, tmp_path / "www", rules, "/公报/404.html") as served:
        for request in (folder, "/公报/"):  # as a browser sends it, and as raw UTF-8 (curl)
            status, location = _raw_head(served, request + quote("wh/锡政办发〔2018〕68号/"))
            assert (status, urlsplit(location).path) == (301, f"{folder}doc/xzbf/2018/68/"), request
            status, location = _raw_head(served, request + "doc/xzbf/2018/86/")
            assert (status, urlsplit(location).path) == (301, f"{folder}doc/xzbf/2018/68/"), request
        status, location = _head(served + folder[1:] + quote("wh/锡政办发[2018]68号/"))
        assert status == 302 and location.endswith(f"{folder}search/?from=wh&q={quote('锡政办发[2018]68号')}")
        assert _head(served + folder[1:] + "wh/")[0] == 404


def _raw_head(served: str, path: str) -> tuple[int, str]:
    """A GET of ``path`` sent as its UTF-8 bytes (http.client sends ASCII only)."""
    parts = urlsplit(served)
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as connection:
        connection.sendall(b"GET " + path.encode("utf-8") + b" HTTP/1.0\r\nHost: x\r\n\r\n")
        head = connection.makefile("rb").read().split(b"\r\n\r\n")[0].decode("latin-1").split("\r\n")
    fields = dict(line.split(": ", 1) for line in head[1:])
    return int(head[0].split()[1]), fields.get("Location", "")


@pytest.mark.parametrize("path", ["a%22;b", "a%20b", "a%7Bb", "a%25b", "a%5Cb", "%2E%2E", "a//b", "a%2Fb", "%FF", "a;b", "a$b"])
def test_a_site_folder_nginx_could_not_match_is_refused(repo: Repo, path):
    """Decoded, a quote, space or brace would end the rule's location or its line (a part of anything but letters,
    digits and - . _ ~ is refused); %2F splits a part in two, and . and .. parts and empty ones nginx resolves away, so
    no location would ever match."""
    repo.replace("gazette.yml", 'url: "https://example.gov.cn/"', f'url: "https://example.gov.cn/{path}/"')
    found = [str(d) for d in repo.check().diagnostics]
    assert found and all(d.startswith("gazette.yml:") and "site.url" in d for d in found), found
