"""Machine-readable twins of the built sample site: JSON next to each page, catalogue, manifest,
JSON-LD — each valid against the schemas in schemas/, each hash equal to the page's — and the
cite button in a real browser."""
from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from conftest import ROOT
from gongbao.publish import twins

SCHEMAS = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in (ROOT / "schemas").glob("*.schema.json")}
REGISTRY = Registry().with_resources((s["$id"], Resource.from_contents(s)) for s in SCHEMAS.values())
RULE = "doc/wxzfl/180/"
WITHHELD = "doc/xzbh/2018/38/"


def validator(name: str) -> Draft202012Validator:
    Draft202012Validator.check_schema(SCHEMAS[name])
    return Draft202012Validator(SCHEMAS[name], registry=REGISTRY)


def read_json(site: Path, rel: str):
    return json.loads((site / rel).read_text(encoding="utf-8"))


def local(url: str) -> str:
    return re.sub(r"^https?://[^/]+/", "", url)


def twin_files(site: Path) -> list[Path]:
    return sorted((site / "doc").rglob("index.json"))


def test_every_twin_validates_against_its_schema(built_site):
    docs, interps = validator("document.schema.json"), validator("interpretation.schema.json")
    files = twin_files(built_site)
    assert len(files) == 19  # 10 published documents, 9 interpretations
    for path in files:
        data = json.loads(path.read_text(encoding="utf-8"))
        (docs if data["kind"] == "document" else interps).validate(data)
        assert local(data["url"]) + "index.json" == path.relative_to(built_site).as_posix()


def test_the_catalogue_validates_and_the_csv_says_the_same(built_site):
    catalogue = read_json(built_site, twins.CATALOGUE_JSON)
    validator("catalogue.schema.json").validate(catalogue)
    raw = (built_site / twins.CATALOGUE_CSV).read_bytes()
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    row_schema = validator("catalogue.schema.json")
    assert len(rows) == len(catalogue["documents"]) == 10
    for row, entry in zip(rows, catalogue["documents"]):
        parsed = {k: (v or None) for k, v in row.items()}
        parsed["issuers"] = row["issuers"].split("、")
        assert parsed == entry
        row_schema.validate({"documents": [parsed]})


MANIFEST_KINDS = {"documents": "document", "interpretations": "interpretation", "drafts": "draft",
                  "explanations": "explanation", "feedback": "feedback"}


def manifest_entries(manifest: dict) -> list[dict]:
    return [entry for key in MANIFEST_KINDS for entry in manifest[key]]


def test_the_manifest_hashes_match_the_pages(built_site):
    manifest = read_json(built_site, twins.MANIFEST)
    validator("manifest.schema.json").validate(manifest)
    assert {key: len(manifest[key]) for key in MANIFEST_KINDS} == {
        "documents": 10, "interpretations": 9, "drafts": 2, "explanations": 2, "feedback": 1}
    for entry in manifest_entries(manifest):
        path = local(entry["url"])
        text = (built_site / path / "index.txt").read_bytes()
        assert hashlib.sha256(text).hexdigest() == entry["sha256"], path
        twin = read_json(built_site, path + "index.json")
        assert twin["sha256"] == entry["sha256"] and twin["text"].encode("utf-8") == text
        html = (built_site / path / "index.html").read_text(encoding="utf-8")
        assert re.findall(r'SHA-256：<code>([0-9a-f]{64})</code>', html) == [entry["sha256"]]  # shown once, as the text's


def test_the_manifest_lists_every_locked_text_with_its_locked_hash(built_site):
    """Each kind of text the lock holds (all but issues) is in the manifest under its URL, with the locked hash,
    and the manifest lists nothing the lock does not (the sample is fully locked)."""
    manifest = read_json(built_site, twins.MANIFEST)
    locked = json.loads((ROOT / "gazette.lock.json").read_text(encoding="utf-8"))["urls"]
    texts = {url: e for url, e in locked.items() if e["kind"] != "issue"}
    listed = {local(e["url"]): (kind, e) for key, kind in MANIFEST_KINDS.items() for e in manifest[key]}
    assert set(listed) == set(texts)
    for url, (kind, entry) in listed.items():
        assert (kind, entry["number"], entry["title"], entry["sha256"]) == (
            texts[url]["kind"], texts[url]["ref"], texts[url]["title"], texts[url]["sha256"]), url
    assert manifest["drafts"][0] == {"url": "https://gazette.example.gov.cn/draft/2018-gbgl-zqyj/",
                                     "number": "2018-gbgl-zqyj", "title": "无锡市人民政府公报管理办法（征求意见稿）",
                                     "sha256": locked["draft/2018-gbgl-zqyj/"]["sha256"]}


def test_withheld_documents_are_in_no_machine_readable_file(built_site):
    assert not (built_site / WITHHELD).exists()
    for rel in (twins.MANIFEST, twins.CATALOGUE_JSON, twins.CATALOGUE_CSV):
        text = (built_site / rel).read_text(encoding="utf-8")
        assert "锡政办函〔2018〕38号" not in text and WITHHELD not in text


def test_relations_and_interpretations_in_the_twin(built_site):
    amended = read_json(built_site, "doc/xcg/2018/2/index.json")
    assert amended["legal_force"] == "PartiallyInForce"
    assert amended["relations"]["amended_by"] == [{"ref": "锡财规〔2019〕1号",
                                                   "url": "https://gazette.example.gov.cn/doc/xcg/2019/1/"}]
    seed = read_json(built_site, "doc/xzbf/2018/68/index.json")
    assert {"ref": "国办发〔2016〕80号", "url": None} in seed["relations"]["based_on"]
    assert [i["url"] for i in seed["interpretations"]] == [
        "https://gazette.example.gov.cn/doc/xzbf/2018/68/jiedu/xzbf-2018-68-wzjd/"]
    interp = read_json(built_site, "doc/xzbf/2018/68/jiedu/xzbf-2018-68-wzjd/index.json")
    assert interp["interprets"]["json"] == "https://gazette.example.gov.cn/doc/xzbf/2018/68/index.json"


def json_ld(html: str) -> dict:
    (block,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(block)


def test_the_page_carries_schema_org_legislation(built_site):
    data = json_ld((built_site / RULE / "index.html").read_text(encoding="utf-8"))
    assert data["@type"] == "Legislation"
    assert data["legislationIdentifier"] == "无锡市人民政府令第180号"
    assert data["legislationDate"] == "2018-06-20" and data["datePublished"] == "2018-06-28"
    assert data["legislationLegalForce"] == "InForce"
    assert data["legislationPassedBy"] == [{"@type": "GovernmentOrganization", "name": "无锡市人民政府"}]
    assert data["legislationType"] == "规章" and data["inLanguage"] == "zh-Hans"
    assert data["url"] == "https://gazette.example.gov.cn/doc/wxzfl/180/"
    repealed = json_ld((built_site / "doc/xfgg/2018/2/index.html").read_text(encoding="utf-8"))
    assert repealed["legislationLegalForce"] == "NotInForce"


@pytest.mark.parametrize("title", ["</script><script>alert(1)</script>", "A & B <!-- x", "“引号”\u2028"])
def test_json_ld_cannot_end_its_script_block(title):
    block = twins.script_block({"name": title})
    inner = block[len('<script type="application/ld+json">'):-len("</script>\n")]
    assert "<" not in inner and ">" not in inner and "&" not in inner
    assert json.loads(inner) == {"name": title}


@pytest.mark.parametrize("data", [
    {"documents": []},
    {"documents": [{"title": "a\n\"b\"\\", "issuers": ["甲", "乙"], "none": None, "empty": [], "n": 3, "map": {}}],
     "algorithm": "sha256", "z": [], "a": None},
    {"b": [{"x": "\u2028</script>"}, {"x": "", "nested": [{"deep": ["1", 2]}]}], "a": "值"},
])
def test_the_catalogue_laid_out_entry_by_entry_is_the_whole_dump(data):
    """The catalogue and the manifest are written entry by entry (each entry's layout kept between the preview's
    edits): the bytes are those of one json.dumps of the whole."""
    laid_out = {key: [twins._laid_out(e) for e in value] if isinstance(value, list) else value for key, value in data.items()}
    assert twins._dump_lists(laid_out) == twins._dump(data)


CITE = ("无锡市人民政府：《无锡市人民政府公报管理办法》（无锡市人民政府令第180号）{where}，"
        "载《无锡市人民政府公报（示例）》2018年第6期（总第389期），https://gazette.example.gov.cn/doc/wxzfl/180/{anchor}")


@pytest.fixture
def clipboard_page(browser):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    tab = context.new_page()
    yield tab
    context.close()


@pytest.mark.parametrize("selector, where, anchor", [
    ("#art-3", "第三条", "#art-3"),
    ("#art-6-2", "第六条第（二）项", "#art-6-2"),
    ("#chap-2", "第二章", "#chap-2"),
    (".gb-cite", "", ""),
])
def test_cite_copies_the_citation(clipboard_page, site_url, selector, where, anchor):
    tab = clipboard_page
    tab.goto(site_url + RULE)
    tab.locator(f"{selector} > .gb-cite-btn").click()
    tab.locator("[data-gb-copied]").wait_for()  # a locator, not eval: the site's CSP forbids eval
    assert tab.evaluate("navigator.clipboard.readText()") == CITE.format(where=where, anchor=anchor)


def test_cite_falls_back_to_a_selected_text_box_without_a_clipboard(page, site_url):
    page.add_init_script("Object.defineProperty(navigator, 'clipboard', {value: undefined})")
    page.goto(site_url + RULE)
    page.locator("#art-3 > .gb-cite-btn").click()
    box = page.locator("#art-3 .gb-cite-out")
    assert box.input_value() == CITE.format(where="第三条", anchor="#art-3")
    assert page.evaluate("document.activeElement.className") == "gb-cite-out"


def test_cite_on_a_policy_heading_names_the_heading(clipboard_page, site_url):
    tab = clipboard_page
    tab.goto(site_url + "doc/xzbf/2018/68/")
    tab.locator("#sec-1-2 > .gb-cite-btn").click()
    tab.locator("[data-gb-copied]").wait_for()  # a locator, not eval: the site's CSP forbids eval
    assert tab.evaluate("navigator.clipboard.readText()") == (
        "无锡市人民政府办公室：《無錫市人民政府辦公室關於印發無錫市全面推進政務公開工作實施辦法的通知》（锡政办发〔2018〕68号）"
        "(二)建立健全政務公開事項目錄，载《无锡市人民政府公报（示例）》2018年第6期（总第389期），"
        "https://gazette.example.gov.cn/doc/xzbf/2018/68/#sec-1-2")


def test_every_locked_url_is_a_page_of_the_built_site(built_site):
    from gongbao.content import lock

    locked, problems = lock.load(ROOT)
    assert problems == [] and locked.entries
    for url in locked.entries:
        assert (built_site / url / "index.html").exists(), url


def test_the_catalogue_page_links_the_open_data(built_site):
    html = (built_site / "catalog/index.html").read_text(encoding="utf-8")
    for name in ("documents.json", "documents.csv"):
        assert f'href="{name}"' in html and (built_site / "catalog" / name).exists()


def test_cite_names_articles_of_a_traditional_document(clipboard_page, site_url):
    """A document written in Traditional numbers its articles 第三條: the pinpoint is named as written."""
    tab = clipboard_page

    def in_traditional(route):
        response = route.fetch()
        route.fulfill(response=response, body=response.text().replace("第三条", "第三條"))

    tab.route(site_url + RULE, in_traditional)
    tab.goto(site_url + RULE)
    tab.locator("#art-3 > .gb-cite-btn").click()
    tab.locator("[data-gb-copied]").wait_for()
    assert tab.evaluate("navigator.clipboard.readText()") == CITE.format(where="第三條", anchor="#art-3")
