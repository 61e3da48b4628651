"""Nothing of a withheld document leaks: not a page, not a title, not a word in the search index."""
from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from gongbao.build import build

MARKER_DOC = "泄密标记甲Q7X"          # in a 不予公开 document
MARKER_INTERPRETATION = "泄密标记乙K3Z"  # in an interpretation of it
MARKER_REDACTED = "泄密标记丙W9M"      # in a withheld passage of a 部分公开 document
MARKER_ON_REQUEST = "泄密标记丁R2P"    # in a 依申请公开 document
WITHHELD_TITLE = "关于泄密标记测试事项的内部通知"
WITHHELD_NUMBER = "锡政办发〔2018〕99号"


def _withheld(disclosure: str, number: str, marker: str, title: str) -> str:
    return f"""\
---
title: {title}
doc_number: {number}
issuer: 无锡市人民政府办公室
type: 规范性文件
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


def readable(path: Path) -> str:
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":  # Pagefind's index, fragments and filters are gzip
        data = gzip.decompress(data)
    return data.decode("utf-8", errors="replace")


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
    # the sample's lock records the partly disclosed document's text: this is a fresh repository
    (repo.path / "gazette.lock.json").unlink()
    site = repo.path / "site"
    build(repo.path, site, quiet=True)
    return site


def test_markers_appear_in_no_output_file(leak_site):
    files = [p for p in leak_site.rglob("*") if p.is_file()]
    assert any(p.suffix == ".pf_fragment" for p in files), "the search index was built"
    texts = {p: readable(p) for p in files}
    for needle in (MARKER_DOC, MARKER_INTERPRETATION, MARKER_REDACTED, MARKER_ON_REQUEST, WITHHELD_TITLE,
                   "关于依申请公开测试的通知", "《泄密标记测试》解读"):
        hits = [str(p.relative_to(leak_site)) for p, text in texts.items() if needle in text]
        assert hits == [], f"{needle} leaked into {hits}"


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
    assert site_repo.messages() == []
