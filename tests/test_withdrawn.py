"""withdrawn.yml: each record names the permanent URL of a document or interpretation and nothing else
the site generates, with a usable title, date and reason, and every problem names its line."""
from __future__ import annotations

import json

import pytest

from conftest import Repo
from deadline import within

URL_HINT = "写成 doc/<代码>/<年份>/<序号>/、doc/id/<id>/ 或其后加 jiedu/<解读名>/，以 / 结尾"
NOT_A_DOCUMENT = [
    "search/", "gazette/2018/06/", "gazette/", "wh/锡政办发〔2018〕68号/", "manifest.json", "feeds/documents.xml",
    "sitemap.xml", "assets/gb-cite.js", "catalog/", "jiedu/", "/", "404.html", "index.html",
    "../../etc/", "doc/xzbf/../../x/", "doc/xzbf/2018/68/../../", "doc/xzbf/2018/99/jiedu/../",
    "/etc/passwd/", "/tmp/x/", "//example.com/doc/xzbf/2018/99/", "https://example.gov.cn/doc/xzbf/2018/99/",
    "doc/xzbf/2018/99", "doc/xzbf/2018/99/index.md", "doc/xzbf/2018/99/index.json", "doc/XZBF/2018/99/",
    "doc/xzbf/2018/99/jiedu/", "doc/xzbf/2018/99/jiedu/JD/", "doc\\xzbf\\2018\\99\\",
    # one URL has one spelling: other digits or a leading zero would be a second one of a court-cited URL
    "doc/xzbf/2018/０９９/", "doc/xzbf/２０１８/99/", "doc/xzbf/2018/٩٩/", "doc/xzbf/2018/099/", "doc/wxzfl/0181/",
    # nor a space: the record's URL would not be the page's
    "doc/xzbf/2018/99/ ", " doc/xzbf/2018/99/", "doc/xzbf/2018/ 99/", "doc/xzbf/2018/99/\u3000",
]


def record(url: str = "doc/xzbf/2018/99/", title: str = "关于……的通知", date: str = "2019-03-01",
           reason: str = "依法撤回") -> str:
    return f"- url: {url}\n  title: {title}\n  date: {date}\n  reason: {reason}\n"


def messages(repo: Repo, text: str | bytes) -> list[str]:
    repo.write("withdrawn.yml", text)
    with within(5):
        return repo.messages()


@pytest.mark.parametrize("url", NOT_A_DOCUMENT)
def test_only_document_urls_can_be_withdrawn(repo: Repo, url):
    quoted = '"' + url.replace("\\", "\\\\") + '"'
    shown = url.replace("\u3000", "\\u3000")  # a space that does not show as one: its escape
    assert messages(repo, record() + record(quoted)) == [
        f"withdrawn.yml:5: 撤回记录的网址“{shown}”不是文件或解读的网址 — {URL_HINT}"]


@pytest.mark.parametrize("url", ["doc/xzbf/2018/99/", "/doc/xzbf/2018/99/", "doc/id/wx-notice-12/", "doc/wxzfl/181/",
                                 "doc/xzbf/2018/99/jiedu/xzbf-2018-99-jd/"])
def test_document_and_interpretation_urls_are_accepted(repo: Repo, url):
    assert messages(repo, record(url)) == []


@pytest.mark.parametrize("date, hint", [("2019-02-30", "年-月-日，如 2019-03-01"), ("20190301", "2019-03-01（年-月-日）"),
                                        ("2019-3-1", "2019-03-01（年-月-日）"), ("2019-03-01T00:00", "年-月-日，如 2019-03-01"),
                                        ("'2019'", "年-月-日，如 2019-03-01"), ("9999-99-99", "年-月-日，如 2019-03-01")])
def test_date_must_be_a_real_day(repo: Repo, date, hint):
    shown = date.strip("'")
    assert messages(repo, record(date=date)) == [f"withdrawn.yml:3: 撤回记录的日期“{shown}”无效 — 写成 {hint}"]


@pytest.mark.parametrize("title", ["关于<script>alert(1)</script>的通知", "<img src=x onerror=alert(1)>", "a > b"])
def test_title_may_not_hold_markup(repo: Repo, title):
    assert messages(repo, record(title=f"'{title}'")) == ["withdrawn.yml:2: 撤回记录的标题中不能含有 < 或 > — 书名号请用《》，不要写 HTML"]


@pytest.mark.parametrize("key, value, line", [("title", "[a, b]", 2), ("reason", "{a: 1}", 4), ("url", "[doc/xzbf/2018/99/]", 1),
                                              ("title", "''", 2), ("reason", "'   '", 4)])
def test_values_must_be_text(repo: Repo, key, value, line):
    assert messages(repo, record(**{key: value})) == [f"withdrawn.yml:{line}: 撤回记录的 {key} 应为一段文字 — 写成 "
                                                      "- {url: doc/xzbf/2018/99/, title: 关于……的通知, date: 2019-03-01, reason: 撤回理由}"]


def test_an_editors_note_in_the_reason_is_refused_not_published(repo: Repo):
    """The notice prints the reason whole, escaped: a note <!-- … --> was shown to every reader as text."""
    assert messages(repo, record(reason="'依法撤回。<!-- 内部：经办人张三 -->'")) == [
        "withdrawn.yml:4: 撤回记录的 reason 中有注释 <!-- … -->，撤回公告会把它原样显示出来 — 删去这段注释；撤回公告的标题和理由整段公开"]


def test_a_url_withdrawn_twice(repo: Repo):
    assert messages(repo, record() + record("/doc/xzbf/2018/99/")) == [
        "withdrawn.yml:5: 网址 doc/xzbf/2018/99/ 已在第 1 行记为撤回 — 每个网址只记一次：删去重复的一条"]


@pytest.mark.parametrize("text, message", [
    ("url: doc/xzbf/2018/99/\n", "withdrawn.yml:1: withdrawn.yml 应为撤回记录的列表"),
    (record() + "- just text\n", "withdrawn.yml:5: 撤回记录应含 url、title、date（年-月-日）、reason，不含其他键"),
    (record() + "- [a, b]\n", "withdrawn.yml:5: 撤回记录应含 url、title、date（年-月-日）、reason，不含其他键"),
    (record() + "  extra: 1\n", "withdrawn.yml:1: 撤回记录有多余的键 extra — 每条撤回记录含 url、title、date（年-月-日）、reason，不含其他键"),
    ("- url: doc/xzbf/2018/99/\n  title: x\n  date: 2019-03-01\n",
     "withdrawn.yml:1: 撤回记录缺少 reason — 每条撤回记录含 url、title、date（年-月-日）、reason，不含其他键"),
    ("- url: doc/xzbf/2018/99/\n  titel: x\n  date: 2019-03-01\n  reason: y\n",
     "withdrawn.yml:1: 撤回记录缺少 title；有多余的键 titel — 每条撤回记录含"),
    ("- {url: [\n", "withdrawn.yml:2: withdrawn.yml 无法解析：expected the node content, but found '<stream end>'"),
])
def test_wrong_shapes(repo: Repo, text, message):
    found = messages(repo, text)
    assert len(found) == 1 and found[0].startswith(message), found


def test_every_problem_of_a_record_at_once(repo: Repo):
    assert messages(repo, record("search/", "'<b>'", "2019-02-30")) == [
        f"withdrawn.yml:1: 撤回记录的网址“search/”不是文件或解读的网址 — {URL_HINT}",
        "withdrawn.yml:2: 撤回记录的标题中不能含有 < 或 > — 书名号请用《》，不要写 HTML",
        "withdrawn.yml:3: 撤回记录的日期“2019-02-30”无效 — 写成 年-月-日，如 2019-03-01"]


def test_the_notice_escapes_title_and_reason(site_repo: Repo, tmp_path):
    from gongbao.publish.build import build

    # a notice stands only at a URL the lock holds, under the title published there: one with markup's characters
    locked = json.loads((site_repo.path / "gazette.lock.json").read_text(encoding="utf-8"))
    entry = dict(next(e for e in locked["urls"].values() if e["kind"] == "document"))
    locked["urls"]["doc/xzbf/2017/1/"] = entry | {"title": "“甲 & 乙” 的 \"通知\"", "first_published": "2017-01-05",
                                                  "ref": "锡政办发〔2017〕1号"}
    (site_repo.path / "gazette.lock.json").write_text(json.dumps(locked, ensure_ascii=False, indent=2), encoding="utf-8")
    site_repo.write("withdrawn.yml", record("doc/xzbf/2017/1/", "'“甲 & 乙” 的 \"通知\"'", reason="'理由 & <b>其他</b>'"))
    target = tmp_path / "site"
    build(site_repo.path, target, search_index=False, quiet=True)
    html = (target / "doc/xzbf/2017/1/index.html").read_text(encoding="utf-8")
    assert "&lt;b&gt;其他&lt;/b&gt;" in html and "<b>其他</b>" not in html
    assert '<h1 class="gb-title">“甲 &amp; 乙” 的 &quot;通知&quot;</h1>' in html


@pytest.mark.parametrize("key, value", [("title", "关于【不予公开】某事的通知"), ("title", "关于【不予公開】某事【/不予公開】的通知"),
                                        ("reason", "〖不予公开〗涉及个人隐私"), ("reason", "［/不予公开］")])
def test_a_notice_carries_no_withholding_mark(repo: Repo, key, value):
    line = {"title": 2, "reason": 4}[key]
    assert messages(repo, record(**{key: value})) == [
        f"withdrawn.yml:{line}: 撤回记录的 {key} 含有不予公开标记，撤回公告会原样公开它 — 撤回公告的标题和理由整段公开：删去不应公开的文字"]


def test_a_withdrawn_list_in_another_encoding_is_named(repo: Repo):
    assert messages(repo, record().encode("utf-16")) == [
        "withdrawn.yml:1: withdrawn.yml 无法读取：文件是 UTF-16 编码，不是 UTF-8 — 用编辑器以 UTF-8 编码重新保存该文件"]


def test_a_date_written_another_way_is_hinted_as_it_is_meant(repo: Repo):
    assert messages(repo, record(date="2019年3月1日")) == [
        "withdrawn.yml:3: 撤回记录的日期“2019年3月1日”无效 — 写成 2019-03-01（年-月-日）"]
