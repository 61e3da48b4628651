"""Public participation in a built site: the pages, links both ways, twins against their schemas, the
feed, the search facet, the print view; nothing withheld in any output file; axe-core in Chromium."""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import re
import shutil

import pytest
from axe_playwright_python.sync_playwright import Axe
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from conftest import ROOT, Repo
from gongbao.publish.build import build
from test_disclosure import readable

EPOCH = "1796083200"  # 2026-12-01: what a build of a gazette without its own build_date would be judged on
JUDGED_ON = "2026年12月1日"  # the sample's own build_date (gazette.yml): a snapshot, judged on that day whatever the clock
OPEN, CLOSED = "draft/2026-zwgk-bzh-zqyj/", "draft/2018-gbgl-zqyj/"
FEEDBACK, FINAL = CLOSED + "feedback/", "doc/wxzfl/180/"
EXPLAINED = CLOSED + "explanation/"
SECRET_DRAFT, SECRET_FEEDBACK, SECRET_PASSAGE, SECRET_ANSWER = "泄密标记草甲Q1", "泄密标记草乙Q2", "泄密标记草丙Q3", "泄密标记草丁Q4"
SECRET_TITLE = "关于内部测试事项的方案（征求意见稿）"
SECRET_EXPLANATION = "泄密标记草戊Q5"
SCHEMAS = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in (ROOT / "schemas").glob("*.schema.json")}
REGISTRY = Registry().with_resources((s["$id"], Resource.from_contents(s)) for s in SCHEMAS.values())


def _draft(draft_id: str, title: str, disclosure: str, body: str) -> str:
    return f"""\
---
title: {title}
id: {draft_id}
consulter: 无锡市人民政府办公室
opens: 2026-10-01
closes: 2026-10-31
email: yj@example.gov.cn
disclosure: {disclosure}
---
{body}
"""


def _explanation(draft_id: str, body: str) -> str:
    return f"""\
---
title: 起草说明 {draft_id}
draft: {draft_id}
disclosure: 主动公开
---
{body}
"""


def _feedback(draft_id: str, marker: str, disclosure: str) -> str:
    return f"""\
---
title: 意见采纳情况 {draft_id}
draft: {draft_id}
published: 2026-11-10
comments: 1
adopted: 1
disclosure: {disclosure}
---
{marker}
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory, monkeypatch_module):
    """The sample, plus a withheld draft with its feedback, a partly disclosed draft, and a withheld
    feedback of a public draft; built with its search index on the sample's test date."""
    monkeypatch_module.setenv("SOURCE_DATE_EPOCH", EPOCH)
    repo = Repo(tmp_path_factory.mktemp("participation") / "repo")
    shutil.copytree(ROOT, repo.path, ignore=shutil.ignore_patterns(".venv", "node_modules", "site", ".git", "tests"))
    withheld = "不予公开\ndisclosure_reason: 第十六条：过程性信息"
    repo.write("drafts/secret.md", _draft("2026-secret-zqyj", SECRET_TITLE, withheld, SECRET_DRAFT))
    repo.write("feedback/secret.md", _feedback("2026-secret-zqyj", SECRET_DRAFT + "续", "主动公开"))
    repo.write("explanations/secret.md", _explanation("2026-secret-zqyj", SECRET_EXPLANATION))  # public, of a withheld draft
    repo.write("drafts/partial.md", _draft("2026-partial-zqyj", "部分公开测试方案（征求意见稿）",
                                           "部分公开\ndisclosure_reason: 第十五条：个人隐私",
                                           f"公开的内容。【不予公开】{SECRET_PASSAGE}【/不予公开】"))
    repo.write("explanations/partial.md", _explanation("2026-partial-zqyj", "部分公开的说明。"))
    repo.write("feedback/partial.md", _feedback("2026-partial-zqyj", SECRET_ANSWER,
                                                "依申请公开\ndisclosure_reason: 第十九条：不涉及公众利益调整"))
    (repo.path / "gazette.lock.json").unlink()  # a fresh repository: nothing published yet
    out = repo.path / "site"
    build(repo.path, out, quiet=True)
    return out


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as mp:
        yield mp


def html(site, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def test_nothing_withheld_reaches_any_output_file(site):
    files = [p for p in site.rglob("*") if p.is_file()]
    assert (site / "search/index/pages").is_dir(), "the search index was built"
    texts = {p: readable(p) for p in files}
    for needle in (SECRET_DRAFT, SECRET_TITLE, "2026-secret-zqyj", SECRET_PASSAGE, SECRET_ANSWER, "意见采纳情况 2026-partial-zqyj",
                   SECRET_EXPLANATION):
        hits = [str(p.relative_to(site)) for p, text in texts.items() if needle in text]
        assert hits == [], f"{needle} leaked into {hits}"
    assert "公开的内容。（此处依法不予公开）" in html(site, "draft/2026-partial-zqyj/")
    assert not (site / "draft/2026-partial-zqyj/feedback").exists()


def test_the_manifest_lists_public_participation_and_nothing_withheld(site):
    manifest = json.loads((site / "manifest.json").read_text(encoding="utf-8"))
    Draft202012Validator(SCHEMAS["manifest.schema.json"], registry=REGISTRY).validate(manifest)
    urls = {key: [e["url"].removeprefix("https://gazette.example.gov.cn/") for e in manifest[key]]
            for key in ("drafts", "explanations", "feedback")}
    assert urls == {"drafts": [CLOSED, "draft/2026-partial-zqyj/", OPEN],
                    "explanations": [EXPLAINED, "draft/2026-partial-zqyj/explanation/", OPEN + "explanation/"],
                    "feedback": [FEEDBACK]}  # not the withheld draft, its public explanation and feedback, nor 依申请公开 feedback
    partial = manifest["drafts"][1]
    assert partial["number"] == "2026-partial-zqyj"
    assert partial["sha256"] == hashlib.sha256((site / "draft/2026-partial-zqyj/index.txt").read_bytes()).hexdigest()


def test_a_draft_says_what_it_is_and_states_its_period(site):
    page = html(site, OPEN)
    assert "征求意见稿 — 不是正式文件" in page and 'role="note"' in page
    assert '<time datetime="2026-11-20">2026年11月20日</time>至<time datetime="2027-12-31">2027年12月31日</time>' in page
    assert "正在征求意见" in page and '<a href="mailto:zwgk@example.gov.cn">' in page
    assert "文号" not in page.split('<article')[1].split('</article>')[0]  # a draft has no 文号
    assert '<a href="https://yjzj.example.gov.cn/consult/2026-zwgk-bzh">' in page and "<form" not in page.split("<article")[1]
    assert '<h2 id="起草说明">起草说明</h2>' in page
    assert '"@type": "CreativeWork", "creativeWorkStatus": "Draft"' in page and "Legislation" not in page


def test_final_document_and_draft_link_each_other_and_the_feedback(site):
    draft, final, feedback = html(site, CLOSED), html(site, FINAL), html(site, FEEDBACK)
    assert "已正式印发" in draft and 'href="../../doc/wxzfl/180/"' in draft and 'href="feedback/"' in draft
    assert "意见征集已结束" in draft and "mailto:" not in draft  # no channel is offered once closed
    assert 'href="../../../draft/2018-gbgl-zqyj/"' in final and 'href="../../../draft/2018-gbgl-zqyj/feedback/"' in final
    assert "收到意见" in feedback and "23 条" in feedback and 'href="../../../doc/wxzfl/180/"' in feedback


def test_consultations_lists_open_ones_and_archives_closed_ones(site):
    listing, closed = html(site, "consultations/"), html(site, "consultations/closed/")
    assert JUDGED_ON in listing  # the build date it was judged on
    open_part = listing.split('id="open"')[1]
    assert "无锡市政务公开标准化规范化工作方案（征求意见稿）" in open_part and "公报管理办法" not in open_part
    assert "无锡市人民政府公报管理办法（征求意见稿）" in closed and "意见采纳情况" in closed and "2026-zwgk-bzh" not in closed
    assert "部分公开测试方案" in closed  # closed on 2026-10-31, with no public feedback yet


def test_drafts_are_not_documents(site):
    catalogue = json.loads((site / "catalog/documents.json").read_text(encoding="utf-8"))
    assert not any("征求意见稿" in row["title"] for row in catalogue["documents"])
    assert "征求意见稿" not in (site / "feeds/documents.xml").read_text(encoding="utf-8")
    feed = (site / "feeds/consultations.xml").read_text(encoding="utf-8")
    assert "https://gazette.example.gov.cn/draft/2026-zwgk-bzh-zqyj/" in feed and SECRET_TITLE not in feed


def test_the_search_page_has_a_facet_for_drafts(site):
    page = html(site, "search/")
    assert 'value="征求意见稿"' in page and 'data-facet="consultation"' in page
    assert 'data-pagefind-filter="kind:征求意见稿\n' in html(site, OPEN)  # pairs one a line (searchmeta.tags)


@pytest.mark.parametrize("path,schema", [
    (OPEN + "index.json", "draft.schema.json"), (CLOSED + "index.json", "draft.schema.json"),
    (FEEDBACK + "index.json", "feedback.schema.json"), ("decisions/2018/decisions.json", "decisions.schema.json"),
    (EXPLAINED + "index.json", "explanation.schema.json"), (FINAL + "index.json", "document.schema.json"),
    ("doc/xzbf/2018/68/index.json", "document.schema.json"),
])
def test_twins_are_valid_against_their_schemas(site, path, schema):
    Draft202012Validator.check_schema(SCHEMAS[schema])
    data = json.loads((site / path).read_text(encoding="utf-8"))
    errors = [e.message for e in Draft202012Validator(SCHEMAS[schema], registry=REGISTRY).iter_errors(data)]
    assert errors == []


def test_a_twin_hash_is_the_hash_of_its_text(site):
    data = json.loads((site / CLOSED / "index.json").read_text(encoding="utf-8"))
    text = (site / CLOSED / "index.txt").read_bytes()
    assert hashlib.sha256(text).hexdigest() == data["sha256"] and data["final"].endswith("/doc/wxzfl/180/")
    assert data["sha256"] in html(site, CLOSED)


def test_the_explanation_has_a_page_and_a_hash_of_its_own_and_is_shown_below_its_draft(site):
    page, draft = html(site, EXPLAINED), html(site, CLOSED)
    assert "征求意见稿 — 不是正式文件" in page and 'href="../"' in page and "一、起草背景" in page
    data = json.loads((site / EXPLAINED / "index.json").read_text(encoding="utf-8"))
    assert hashlib.sha256((site / EXPLAINED / "index.txt").read_bytes()).hexdigest() == data["sha256"]
    assert data["sha256"] in page and data["sha256"] not in draft  # the draft's hash is of the draft's text only
    assert data["draft"].endswith("/draft/2018-gbgl-zqyj/")
    assert json.loads((site / CLOSED / "index.json").read_text(encoding="utf-8"))["explanation"] == data["url"]
    # below the draft, where it stood before it had a file of its own: its heading and anchors are where they were
    assert '<h2 id="起草说明">起草说明</h2>' in draft and 'id="sec-1"' in draft and 'href="explanation/"' in draft
    assert '"@type": "CreativeWork"' in page and "Legislation" not in page


def test_feedback_carries_json_ld_about_its_draft(site):
    page = html(site, FEEDBACK)
    blocks = [json.loads(b) for b in re.findall(r'<script type="application/ld\+json">(.*?)</script>', page)]
    (block,) = [b for b in blocks if "about" in b]
    assert block["@type"] == "CreativeWork" and block["about"]["url"].endswith("/draft/2018-gbgl-zqyj/")
    assert "Legislation" not in page


def test_the_final_documents_twin_links_its_draft_and_feedback(site):
    final = json.loads((site / FINAL / "index.json").read_text(encoding="utf-8"))
    assert final["draft"] == "https://gazette.example.gov.cn/draft/2018-gbgl-zqyj/"
    assert final["feedback"] == "https://gazette.example.gov.cn/draft/2018-gbgl-zqyj/feedback/"
    other = json.loads((site / "doc/xzbf/2018/68/index.json").read_text(encoding="utf-8"))
    assert other["draft"] is None and other["feedback"] is None


def test_the_sitemap_lists_public_drafts_explanations_and_feedback_only(site):
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    for url in (OPEN, CLOSED, EXPLAINED, FEEDBACK, OPEN + "explanation/", "draft/2026-partial-zqyj/"):
        assert f"<loc>https://gazette.example.gov.cn/{url}</loc>" in sitemap, url
    assert "2026-secret-zqyj" not in sitemap and "draft/2026-partial-zqyj/feedback/" not in sitemap
    # lastmod: a draft's latest 勘误 (the sample's drafts have one), else its publication
    assert "<loc>https://gazette.example.gov.cn/draft/2018-gbgl-zqyj/feedback/</loc>\n    <lastmod>2018-06-28</lastmod>" in sitemap


def test_the_decisions_catalogue_links_what_has_appeared(site):
    page = html(site, "decisions/2018/")
    assert "集体讨论决定" in page and "2018-01" in page
    assert 'href="../../draft/2018-gbgl-zqyj/"' in page and 'href="../../doc/wxzfl/180/"' in page
    rows = list(csv.DictReader(io.StringIO((site / "decisions/2018/decisions.csv").read_text(encoding="utf-8-sig"))))
    assert rows[0]["id"] == "2018-01" and rows[0]["final"].endswith("/doc/wxzfl/180/") and rows[1]["draft"] == ""


def test_a_draft_prints_as_a_draft(page, site_url):
    page.goto(site_url + OPEN)
    page.emulate_media(media="print")
    assert page.locator(".gb-draft-banner").is_visible()  # on paper too, it says it is not a final document
    assert page.locator("time[datetime='2027-12-31']").first.is_visible()


PAGES = ["consultations/", "consultations/closed/", OPEN, CLOSED, FEEDBACK, EXPLAINED, OPEN + "explanation/", "decisions/",
         "decisions/2018/"]


@pytest.mark.parametrize("path", PAGES)
def test_axe_finds_no_violation(page, site_url, path):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site_url + path)
    page.wait_for_load_state("networkidle")
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def test_the_draft_page_on_a_phone_has_no_violation(page, site_url):
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(site_url + OPEN)
    page.wait_for_load_state("networkidle")
    assert page.locator(".gb-draft-banner").is_visible()
    assert Axe().run(page).violations_count == 0


def test_a_reader_after_the_closing_day_sees_the_item_marked_closed(page, site_url):
    page.clock.set_fixed_time(dt.datetime(2028, 1, 2, tzinfo=dt.timezone.utc))
    page.goto(site_url + "consultations/")
    row = page.locator("tr[data-gb-closes='2027-12-31']")
    assert row.locator(".gb-closed-note").inner_text() == "（已过截止日期）"
    page.goto(site_url + OPEN)
    assert page.locator(".gb-standing .gb-closed-note").count() == 1


def test_a_reader_within_the_period_sees_no_mark(page, site_url):
    page.clock.set_fixed_time(dt.datetime(2027, 12, 31, 15, 59, tzinfo=dt.timezone.utc))  # 23:59 in China
    page.goto(site_url + "consultations/")
    assert page.locator("tr[data-gb-closes='2027-12-31']").count() == 1
    assert page.locator(".gb-closed-note").count() == 0
