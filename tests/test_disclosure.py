"""Nothing of a withheld document leaks: not a page, not a title, not a word in the search index."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import search_index_reader
from gongbao.content import lock
from gongbao.publish import searchformat
from gongbao.publish.build import build

MARKER_DOC = "泄密标记甲Q7X"          # in a 不予公开 document
MARKER_INTERPRETATION = "泄密标记乙K3Z"  # in an interpretation of it
MARKER_REDACTED = "泄密标记丙W9M"      # in a withheld passage of a 部分公开 document
MARKER_ON_REQUEST = "泄密标记丁R2P"    # in a 依申请公开 document
MARKER_TRADITIONAL = "泄密标记戊T5H"   # in a Traditional withheld passage 【不予公開】…【/不予公開】
MARKER_MIXED = "泄密标记己M6J"         # between a Traditional opening and a Simplified closing mark
NOTES = {  # editors' notes (HTML comments): in a Traditional page, a code span, an interpretation, an issue note
    "inline": "编者注释庚A1B", "multi-line": "编者注释辛C2D", "code span": "编者注释壬E3F",
    "interpretation": "编者注释癸G4H", "issue note": "编者注释子J5K", "withheld document": "编者注释丑L6M",
}
BESIDE_NOTE = "注釋旁的可見文字"     # published text right before a note: proves each output carries the page
WITHHELD_TITLE = "关于泄密标记测试事项的内部通知"
WITHHELD_NUMBER = "锡政办发〔2018〕99号"


def _withheld(disclosure: str, number: str, marker: str, title: str) -> str:
    return f"""\
---
title: {title}
doc_number: {number}
issuer: 无锡市人民政府办公室
type: 其他文件
written: 2018-06-05
published: 2018-06-05
status: 执行中
disclosure: {disclosure}
disclosure_reason: 涉及国家秘密
section: 市政府办公室文件
---
一、总体要求
{marker} 的内容不得公开。
"""


def _traditional_partial() -> str:
    return f"""\
---
title: 關於部分公開測試事項的通知
doc_number: 锡政办发〔2018〕97号
issuer: 无锡市人民政府办公室
type: 其他文件
written: 2018-06-05
published: 2018-06-05
status: 执行中
disclosure: 部分公开
disclosure_reason: 涉及個人隱私
section: 市政府办公室文件
language: zh-Hant
---
一、總體要求
公開的內容。【不予公開：涉及個人隱私】{MARKER_TRADITIONAL}【/不予公開】
二、其他事項
【不予公開】
{MARKER_MIXED}
【/不予公开】
三、附則
"""


def readable(path: Path) -> str:
    """A built file's text; the search index's files unpacked (they are gzip-compressed)."""
    return searchformat.unpack(path.read_bytes()).decode("utf-8", errors="replace")


@pytest.fixture(scope="module")
def leak_site(tmp_path_factory):
    from conftest import Repo, ROOT
    import shutil

    repo = Repo(tmp_path_factory.mktemp("leak") / "repo")
    shutil.copytree(ROOT, repo.path, ignore=shutil.ignore_patterns(".venv", "node_modules", "site", ".git", "tests"))
    repo.write("gazette/2018/06/secret.md", _withheld("不予公开", WITHHELD_NUMBER, MARKER_DOC, WITHHELD_TITLE))
    repo.write("gazette/2018/06/on-request.md",
               _withheld("依申请公开", "锡政办发〔2018〕98号", MARKER_ON_REQUEST, "关于依申请公开测试的通知"))
    repo.write("interpretations/secret-jd.md", f"""\
---
title: 《泄密标记测试》解读
interprets: {WITHHELD_NUMBER}
published: 2018-06-05
kind: 问答
---
### 问：{MARKER_INTERPRETATION}？
答：不公开。
""")
    repo.replace("gazette/2018/07/xzbh-41.md", "示例业主甲", MARKER_REDACTED)
    repo.write("gazette/2018/06/traditional-partial.md", _traditional_partial())
    repo.replace("gazette/2018/06/xzbf-68.md", "各市(縣)、區人民政府", f"{BESIDE_NOTE}<!-- {NOTES['inline']} -->\n\n"
                 f"<!--\n{NOTES['multi-line']}\n-->\n`<!-- {NOTES['code span']} -->`\n\n各市(縣)、區人民政府")
    repo.replace("interpretations/xzbf-2018-68-wzjd.md", "\n## ", f"\n<!-- {NOTES['interpretation']} -->\n\n## ")
    repo.replace("gazette/2018/06/index.md", "本期刊登", f"<!-- {NOTES['issue note']} -->本期刊登")
    repo.replace("gazette/2018/06/on-request.md", "一、总体要求", f"一、总体要求<!-- {NOTES['withheld document']} -->")
    # the sample's lock records the partly disclosed document's text: this is a fresh repository
    (repo.path / "gazette.lock.json").unlink()
    site = repo.path / "site"
    build(repo.path, site, quiet=True)
    return site


def test_markers_appear_in_no_output_file(leak_site):
    files = [p for p in leak_site.rglob("*") if p.is_file()]
    assert (leak_site / "search/index/pages").is_dir(), "the search index was built"
    texts = {p: readable(p) for p in files}
    for needle in (MARKER_DOC, MARKER_INTERPRETATION, MARKER_REDACTED, MARKER_ON_REQUEST, WITHHELD_TITLE,
                   "关于依申请公开测试的通知", "《泄密标记测试》解读", MARKER_TRADITIONAL, MARKER_MIXED,
                   *NOTES.values()):
        hits = [str(p.relative_to(leak_site)) for p, text in texts.items() if needle in text]
        assert hits == [], f"{needle} leaked into {hits}"
        # the index's keys hold text only as character pairs: no page holds every pair of the needle
        assert search_index_reader.candidates(leak_site, needle) == set(), needle


def test_traditional_marks_withhold_their_passage(leak_site):
    page = (leak_site / "doc/xzbf/2018/97/index.html").read_text(encoding="utf-8")
    text = (leak_site / "doc/xzbf/2018/97/index.txt").read_text(encoding="utf-8")
    assert "公開的內容。（此处依法不予公开）" in page
    assert text.endswith("一、總體要求\n公開的內容。（此处依法不予公开）\n二、其他事項\n（此处依法不予公开）\n三、附則\n")


@pytest.mark.parametrize("output", [
    "doc/xzbf/2018/68/index.html", "doc/xzbf/2018/68/index.txt", "doc/xzbf/2018/68/index.json",
    "gazette/2018/06/print/index.html", "search/index/pages",
])
def test_each_output_of_a_traditional_page_carries_its_text_but_no_note(leak_site, output):
    files = [p for p in (leak_site / output).rglob("*") if p.is_file()] if output == "search/index/pages" \
        else [leak_site / output]
    texts = [readable(p) for p in files]
    assert any(BESIDE_NOTE in text for text in texts), f"{output} does not carry the page"
    assert not any(note in text for text in texts for note in NOTES.values())
    assert not any("<!--" in text and BESIDE_NOTE in text for text in texts if output.endswith((".txt", ".json")))


def test_how_many_lines_were_withheld_is_not_published(leak_site):
    """A passage of three lines is one placeholder in index.txt, the JSON twin and the page: no blank line after it
    tells how many lines it had (gongbao.content.redaction)."""
    page = leak_site / "doc/xzbf/2018/97"
    assert "二、其他事項\n（此处依法不予公开）\n三、附則\n" in (page / "index.txt").read_text(encoding="utf-8")
    assert "（此处依法不予公开）\n三、附則" in json.loads((page / "index.json").read_text(encoding="utf-8"))["text"]


def test_withheld_number_is_not_published_as_a_page_or_lookup(leak_site):
    assert not (leak_site / "doc/xzbf/2018/99").exists()
    shard = (leak_site / "search/numbers/xzbf/2018.json").read_text(encoding="utf-8")
    assert '"68"' in shard and '"99"' not in shard


def test_partly_disclosed_page_shows_the_placeholder(leak_site):
    page = (leak_site / "doc/xzbh/2018/41/index.html").read_text(encoding="utf-8")
    assert "（此处依法不予公开）" in page
    assert "示例业主乙" not in page and "试点单元业主意见汇总表" in page


def test_build_reports_how_many_documents_it_held_back(site_repo, capfd):
    site_repo.write("gazette/2018/06/secret.md", _withheld("不予公开", WITHHELD_NUMBER, MARKER_DOC, WITHHELD_TITLE))
    build(site_repo.path, site_repo.path / "site", search_index=False)
    assert "2 份依法不予公开、未发布" in capfd.readouterr().err


def test_reclassifying_a_published_document_is_not_a_silent_removal(site_repo):
    doc = "gazette/2018/07/xzbf-75.md"
    site_repo.replace(doc, "disclosure: 主动公开", "disclosure: 不予公开\ndisclosure_reason: 经审查涉及国家秘密")
    urls = ["doc/xzbf/2018/75/"] + [f"doc/xzbf/2018/75/jiedu/xzbf-2018-75-{s}/" for s in ("tj", "wd", "wzjd")]
    messages = site_repo.messages()
    for url in urls:
        assert any(f"已发布的网址 {url}" in m and "withdrawn.yml" in m for m in messages), url
    site_repo.write("withdrawn.yml", "".join(
        f"- {{url: {u}, title: 已撤回的文件, date: 2019-03-01, reason: 经审查涉及国家秘密，依法撤回}}\n" for u in urls))
    errors = lambda: [str(d) for d in site_repo.check().diagnostics if d.is_error]  # the sample's pinned day warns
    assert [m.split("”")[0] for m in errors()] == ["withdrawn.yml:%d: 撤回记录的标题“已撤回的文件" % n
                                                   for n in range(1, 5)]  # the notice names what it was
    titles = lock.load(site_repo.path)[0].entries
    site_repo.write("withdrawn.yml", "".join(
        f"- {{url: {u}, title: {titles[u].title}, date: 2019-03-01, reason: 经审查涉及国家秘密，依法撤回}}\n" for u in urls))
    assert errors() == []
