"""A withdrawn document's number leads to its withdrawal notice by every path a published document's number leads to
the document: the canonical alias page, the hosts' rules, the search page's number lookup (which the 404 page's
resolver hands every other spelling to); the number is the lock's (its file is gone), and never a page's."""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

import pytest

from browser import serve
from conftest import DOCUMENT, TODAY, Repo, copy_sample
from test_lock import DOC, JD, JD_URL, URL, WITHDRAWALS, moved, write_lock
from test_urls_aliases import _head, _nginx
from gongbao.content import lock, published_lock, redirects
from gongbao.content.model import Withdrawal
from gongbao.identifiers.docnumber import DocNumber
from gongbao.publish.build import build
from gongbao.publish.check import check
from gongbao.publish.render import redirect_pages, searchpage

NUMBER = DocNumber.parse("锡政办发〔2018〕68号")
ALIAS = redirects.alias_url(str(NUMBER))


@pytest.fixture
def withdrawn(repo: Repo, capsys) -> Repo:
    """The minimal repository's document and interpretation published (locked), then withdrawn: files gone, notices."""
    write_lock(repo)
    capsys.readouterr()
    (repo.path / DOC).unlink()
    (repo.path / JD).unlink()
    repo.write("withdrawn.yml", WITHDRAWALS)
    return repo


def _shard(checked, name: str) -> dict:
    return json.loads(searchpage.files(checked.archive.public(), checked.settings)[f"search/numbers/{name}.json"])


def test_a_withdrawal_notice_has_the_number_the_lock_published_the_document_under(withdrawn: Repo):
    """Not an interpretation's notice: its entry's ref is the number of the document it interprets, whose own notice
    the number leads to."""
    checked = withdrawn.check()
    assert checked.ok, [str(d) for d in checked.diagnostics]
    assert {w.url: (w.number, w.published) for w in checked.archive.withdrawn} == {
        URL: (NUMBER, dt.date(2018, 6, 5)), JD_URL: (None, None)}


def test_every_spelling_of_a_withdrawn_number_leads_to_its_notice(withdrawn: Repo):
    checked = withdrawn.check()
    codes = checked.settings.issuer_codes
    assert redirects.aliases(checked.archive, codes) == {ALIAS: redirects.Redirect(ALIAS, URL, "withdrawn.yml", 1)}
    assert _shard(checked, "xzbf/2018") == {"68": {"url": URL, "title": "关于印发示例办法的通知", "number": str(NUMBER),
                                                   "date": "2018-06-05", "status": "已撤回"}}
    for written in redirects.variants(NUMBER):  # as the resolver reads it: the shard of its code and year, its serial
        number = DocNumber.parse(written)
        assert (codes[number.agency], number.year, number.serial) == ("xzbf", 2018, 68), written
    made = redirect_pages.files(checked.archive.public(), checked.settings)
    assert '<meta http-equiv="refresh" content="0; url=../../doc/xzbf/2018/68/">' in made[f"{ALIAS}index.html"]
    assert f"/{quote(ALIAS)} /{URL} 301" in made[redirect_pages.NETLIFY].splitlines()
    assert f'location = "/{ALIAS}" {{ return 301 /{URL}; }}' in made[redirect_pages.NGINX].splitlines()


def test_a_number_a_page_answers_to_is_never_a_notices(repo: Repo):
    """The check refuses a notice at a page's URL (below), so a withdrawn number and a page's can meet only where the
    lock's number is not its URL's (a lock edited by hand, a code given to another agency). Then the page keeps its
    number, the one it has now (68) and the one it had (86): a notice only says a text is gone, and taking the number
    would lead readers of the page in force to that; of two notices of one number, the first in withdrawn.yml."""
    repo.replace(DOC, "status: 执行中", "status: 执行中\nprevious_urls: [doc/xzbf/2018/86/]")
    checked = repo.check()
    codes = checked.settings.issuer_codes

    def notice(url: str, number: str, line: int) -> Withdrawal:
        return Withdrawal(url, "另一份通知", dt.date(2026, 12, 1), "撤回", line, DocNumber.parse(number), dt.date(2018, 6, 1))

    checked.archive.withdrawn = [notice("doc/xzbf/2018/99/", "锡政办发〔2018〕68号", 1),
                                 notice("doc/xzbf/2018/98/", "锡政办发〔2018〕86号", 2),
                                 notice("doc/xzbf/2018/97/", "锡政办发〔2018〕97号", 3),
                                 notice("doc/xzbf/2018/96/", "锡政办发〔2018〕97号", 4)]
    assert {n: w.url for n, w in redirects.withdrawn_numbers(checked.archive, codes).items()} == {
        DocNumber.parse("锡政办发〔2018〕97号"): "doc/xzbf/2018/97/"}
    assert {url: r.target for url, r in redirects.aliases(checked.archive, codes).items()} == {
        ALIAS: URL, "wh/锡政办发〔2018〕86号/": URL, "wh/锡政办发〔2018〕97号/": "doc/xzbf/2018/97/"}
    assert {serial: entry["url"] for serial, entry in _shard(checked, "xzbf/2018").items()} == {
        "68": URL, "86": URL, "97": "doc/xzbf/2018/97/"}
    # an agency no code names any more: no alias, no lookup can reach it (and no shard is named after nothing)
    checked.archive.withdrawn = [notice("doc/xzbf/2018/99/", "锡某发〔2018〕5号", 1)]
    assert redirects.withdrawn_numbers(checked.archive, codes) == {}
    assert "search/numbers/xzbf/2018.json" in searchpage.files(checked.archive.public(), checked.settings)
    # a code two agencies share: a page's number keeps its entry of the shard the two share
    shared = dataclasses.replace(checked.settings, issuer_codes={**codes, "锡某发": "xzbf"})
    checked.archive.withdrawn = [notice("doc/xzbf/2018/99/", "锡某发〔2018〕68号", 1)]
    shard = json.loads(searchpage.files(checked.archive.public(), shared)["search/numbers/xzbf/2018.json"])
    assert shard["68"]["url"] == URL and shard["68"]["status"] == "执行中"


@pytest.mark.parametrize("how", ["reused", "renumbered"])
def test_a_withdrawn_number_cannot_be_given_to_a_page(withdrawn: Repo, how):
    """A new document numbered 68 stands at the notice's URL; one renumbered from 68 names it as its earlier URL: both
    refused, so no page and no notice ever share a number."""
    other = DOCUMENT.replace("关于印发示例办法的通知", "关于另一件事的通知").replace("type: 规范性文件", "type: 其他文件")
    if how == "renumbered":
        other = other.replace("68号", "99号").replace("status: 执行中", "status: 执行中\nprevious_urls: [doc/xzbf/2018/68/]")
    withdrawn.write("gazette/2018/06/other.md", other)
    expected = ("withdrawn.yml:1: 撤回记录的网址 doc/xzbf/2018/68/ 仍是 gazette/2018/06/other.md 的网址" if how == "reused" else
                "gazette/2018/06/other.md:9: 网址 doc/xzbf/2018/68/ 不能转到 doc/xzbf/2018/99/：它已在 withdrawn.yml 第 1 行记为撤回")
    assert any(m.startswith(expected) for m in withdrawn.messages()), withdrawn.messages()


def test_both_numbers_of_a_renumbered_document_lead_to_its_notices(repo: Repo, capsys):
    """Renumbered 68 → 86 and locked, then withdrawn: each URL it was published at gets a notice (the lock rule asks),
    and each number leads to the notice at its own URL, as it led to the page before."""
    write_lock(repo)
    moved(repo)
    write_lock(repo)
    capsys.readouterr()
    (repo.path / DOC).unlink()
    (repo.path / JD).unlink()
    repo.write("withdrawn.yml", "".join(
        f"- {{url: {url}, title: {title}, date: 2026-12-01, reason: 撤回}}\n"
        for base in (URL, "doc/xzbf/2018/86/") for url, title in ((base, "关于印发示例办法的通知"),
                                                                  (f"{base}jiedu/xzbf-68-jd/", "《示例办法》解读"))))
    checked = repo.check()
    assert checked.ok, [str(d) for d in checked.diagnostics]
    assert {url: r.target for url, r in redirects.aliases(checked.archive, checked.settings.issuer_codes).items()} == {
        ALIAS: URL, "wh/锡政办发〔2018〕86号/": "doc/xzbf/2018/86/"}


def test_the_number_comes_from_the_first_lock_that_holds_the_url(withdrawn: Repo):
    """The committed lock's entry; else the last published lock's, or what that site published before a lock recorded
    it (published_lock): a document published and withdrawn before gongbao lock --write ran still has its number."""
    committed = lock.load(withdrawn.path)[0]
    checked = withdrawn.check()
    read = [dataclasses.replace(w, number=None, published=None) for w in checked.archive.withdrawn]  # as loaded

    def numbers(*locks) -> list[DocNumber | None]:
        checked.archive.withdrawn = read
        lock.number_withdrawals(checked.archive, locks, checked.settings.issuer_codes)
        return [w.number for w in checked.archive.withdrawn]

    assert numbers(lock.Lock({}), committed) == numbers(committed, lock.Lock({})) == [NUMBER, None]
    renamed = lock.Lock({URL: dataclasses.replace(committed.entries[URL], ref="锡政办发〔2018〕99号")})
    assert numbers(committed, renamed) == [NUMBER, None]
    # a ref the URL does not spell (another serial, year or agency) is no number of the notice's: the next lock's is
    for ref in ("锡政办发〔2018〕99号", "锡政办发〔2019〕68号", "无锡市人民政府令第68号"):
        renamed = lock.Lock({URL: dataclasses.replace(committed.entries[URL], ref=ref)})
        assert numbers(renamed, committed) == [NUMBER, None] and numbers(renamed) == [None, None], ref
    for ref in ("wx-notice-12", "锡政办发〔2018〕"):  # an id document's notice, or a ref edited by hand: no number
        assert numbers(lock.Lock({URL: dataclasses.replace(committed.entries[URL], ref=ref)})) == [None, None]


def test_a_committed_lock_cannot_give_a_notice_another_number(withdrawn: Repo, tmp_path):
    """The committed lock's entry at the withdrawn URL rewritten to another number, with a 勘误 counted (its page, gone,
    no longer vouches for its ref: rules/lock lets it pass): the notice keeps the number its URL was published under,
    and the other number (never published, or another document's to come) gets no alias, no lookup and no host rule."""
    (tmp_path / "published.json").write_bytes((withdrawn.path / "gazette.lock.json").read_bytes())
    data = json.loads((withdrawn.path / "gazette.lock.json").read_text(encoding="utf-8"))
    data["urls"][URL] |= {"ref": "锡政办发〔2018〕99号", "corrections": 1, "correction_sha256": ["ab" * 32]}
    (withdrawn.path / "gazette.lock.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    checked = check(withdrawn.path, today=TODAY, published=published_lock.from_file(tmp_path / "published.json"))
    assert checked.ok, [str(d) for d in checked.diagnostics]
    assert {url: r.target for url, r in redirects.aliases(checked.archive, checked.settings.issuer_codes).items()} == {
        ALIAS: URL}
    assert set(_shard(checked, "xzbf/2018")) == {"68"}


# --- the sample with 锡财规〔2019〕1号 withdrawn, built ------------------------------------------------------------

WITHDRAWN_URL = "doc/xcg/2019/1/"
WITHDRAWN_NUMBER = "锡财规〔2019〕1号"
SAMPLE_WITHDRAWALS = """\
- url: doc/xcg/2019/1/
  title: 无锡市财政局关于修改《无锡市市级财政专项资金绩效评价管理办法》的决定
  date: 2019-06-01
  reason: 经市政府同意撤回。
- url: doc/xcg/2019/1/jiedu/xcg-2019-1-wzjd/
  title: 《无锡市财政局关于修改〈无锡市市级财政专项资金绩效评价管理办法〉的决定》解读
  date: 2019-06-01
  reason: 所解读的文件已撤回。
"""


@pytest.fixture(scope="module")
def withdrawn_site(tmp_path_factory) -> Path:
    """The sample with 锡财规〔2019〕1号 and its interpretation withdrawn (the document it amended cites it as the basis
    of its status), built."""
    root = copy_sample(tmp_path_factory.mktemp("withdrawn") / "repo")
    (root / "gazette/2019/01/xcg-2019-1.md").unlink()
    (root / "interpretations/xcg-2019-1-wzjd.md").unlink()
    (root / "withdrawn.yml").write_text(SAMPLE_WITHDRAWALS, encoding="utf-8")
    Repo(root).replace("gazette/2018/06/xcg-2018-2.md", "status: 已修订", f"status: 已修订\nstatus_basis: {WITHDRAWN_NUMBER}")
    build(root, root / "site", quiet=True)
    return root / "site"


def test_the_withdrawn_number_keeps_its_alias_page_rules_and_lookup(withdrawn_site: Path, built_site: Path):
    """The number's alias page and hosts' rules led to the document's URL while it was published and lead there still,
    where the notice stands now: byte for byte the sample's, as is every other alias; its lookup says 已撤回."""
    page = (withdrawn_site / f"wh/{WITHDRAWN_NUMBER}/index.html").read_text(encoding="utf-8")
    assert f'content="0; url=../../{WITHDRAWN_URL}"' in page
    for name in ("wh", redirect_pages.NETLIFY, redirect_pages.NGINX, "search/numbers"):
        before = sorted(p.relative_to(built_site) for p in [built_site / name, *(built_site / name).rglob("*")] if p.is_file())
        after = sorted(p.relative_to(withdrawn_site) for p in [withdrawn_site / name, *(withdrawn_site / name).rglob("*")]
                       if p.is_file())
        assert before == after and before
        changed = [p for p in before if (built_site / p).read_bytes() != (withdrawn_site / p).read_bytes()]
        assert changed == ([Path("search/numbers/xcg/2019.json")] if name == "search/numbers" else []), name
    shard = json.loads((withdrawn_site / "search/numbers/xcg/2019.json").read_text(encoding="utf-8"))
    published = json.loads((built_site / "search/numbers/xcg/2019.json").read_text(encoding="utf-8"))
    assert shard == published | {"1": published["1"] | {"status": "已撤回"}}
    assert published["1"]["url"] == WITHDRAWN_URL
    assert "gb-withdrawn" in (withdrawn_site / WITHDRAWN_URL / "index.html").read_text(encoding="utf-8")


def test_nginx_redirects_every_spelling_of_the_withdrawn_number(withdrawn_site: Path, tmp_path):
    with _nginx(tmp_path, withdrawn_site, withdrawn_site / redirect_pages.NGINX) as served:
        for written in redirects.variants(DocNumber.parse(WITHDRAWN_NUMBER)):
            status, location = _head(served + quote(redirects.alias_url(written)))
            if written == WITHDRAWN_NUMBER:
                assert (status, urlsplit(location).path) == (301, "/" + WITHDRAWN_URL)
            else:
                assert status == 302 and location.endswith(f"/search/?from=wh&q={quote(written)}"), (written, location)
        assert _head(served + WITHDRAWN_URL)[0] == 200


@pytest.mark.parametrize("written", ["錫財規[2019]1號", "锡财规(2019)1", "锡财规2019 1号", WITHDRAWN_NUMBER])
def test_a_withdrawn_number_in_any_spelling_reaches_the_notice_in_a_browser(page, withdrawn_site: Path, written):
    """Through the 404 page's resolver and the search page's number lookup (the canonical spelling: its alias page), a
    reader citing the number lands on the withdrawal notice, not on 页面不存在."""
    with serve(withdrawn_site) as url:
        page.goto(url + quote(redirects.alias_url(written)))
        page.wait_for_url(re.compile(re.escape(WITHDRAWN_URL) + "$"))
        assert unquote(page.url) == url + WITHDRAWN_URL
        assert "本文件已于2019年6月1日撤回" in page.locator(".gb-withdrawn").inner_text()
