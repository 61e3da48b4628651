"""Attachments in a built site: the files under their page's URL, byte for byte; the list of downloads on
the page, its print view and its JSON twin; nothing of a withheld one anywhere; and in Chromium, the list a
reader sees, the file it downloads, the address printed on paper, the image of a 图解."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from browser import ROOT
from conftest import Repo
from gongbao.publish import searchformat
from gongbao.publish.build import BuildFailed, build
from samplefiles import pdf

DOC, PDF = "doc/xzbf/2018/75/", "附件-增设电梯申请表.pdf"
TJ, PNG = "doc/xzbf/2018/75/jiedu/xzbf-2018-75-tj/", "一图读懂.png"
SOURCE_PDF = ROOT / "gazette/2018/07/xzbf-75" / PDF


def test_files_are_published_byte_for_byte_under_their_pages_url(built_site: Path):
    assert (built_site / DOC / "files" / PDF).read_bytes() == SOURCE_PDF.read_bytes()
    assert (built_site / TJ / "files" / PNG).read_bytes() == (ROOT / "interpretations/xzbf-2018-75-tj" / PNG).read_bytes()


def test_the_page_lists_each_download_with_its_type_and_size(built_site: Path):
    html = (built_site / DOC / "index.html").read_text(encoding="utf-8")
    size = SOURCE_PDF.stat().st_size
    assert (f'<li><a href="files/{PDF}" type="application/pdf">附件：无锡市区既有多层住宅增设电梯申请表</a>'
            f'<span class="gb-file-meta" data-pagefind-ignore="">（PDF，{size} B）</span>') in html
    assert f'<span class="gb-file-url" data-pagefind-ignore="">https://gazette.example.gov.cn/{DOC}files/{PDF}</span>' in html
    printed = (built_site / "gazette/2018/07/print/index.html").read_text(encoding="utf-8")
    assert f'href="../../../../{DOC}files/{PDF}"' in printed  # the print view links the same file


def test_the_twin_lists_each_file_with_its_hash(built_site: Path):
    twin = json.loads((built_site / DOC / "index.json").read_text(encoding="utf-8"))
    data = SOURCE_PDF.read_bytes()
    assert twin["attachments"] == [{
        "title": "附件：无锡市区既有多层住宅增设电梯申请表", "name": PDF,
        "url": f"https://gazette.example.gov.cn/{DOC}files/{PDF}", "type": "application/pdf",
        "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}]
    lock = json.loads((built_site / "gazette.lock.json").read_text(encoding="utf-8"))
    assert lock["urls"][DOC]["files"] == {PDF: {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest(),
                                                "title": "附件：无锡市区既有多层住宅增设电梯申请表"}}


def test_an_interpretation_shows_its_images_with_alt_text(built_site: Path):
    html = (built_site / TJ / "index.html").read_text(encoding="utf-8")
    assert f'<figure class="gb-figure"><img alt="一图读懂市区既有多层住宅增设电梯（长图，文字内容见下文）" src="files/{PNG}"' in html \
        or f'<figure class="gb-figure"><img src="files/{PNG}" alt="一图读懂市区既有多层住宅增设电梯（长图，文字内容见下文）">' in html


def _all_output(site: Path) -> bytes:
    return b"".join(searchformat.unpack(p.read_bytes()) + p.name.encode() for p in site.rglob("*") if p.is_file())


def test_withheld_attachments_never_reach_the_site(site_repo: Repo, tmp_path: Path):
    repo = site_repo
    repo.write("gazette/2018/07/xzbh-38/密件甲.pdf", pdf("SECRET-38"))
    repo.replace("gazette/2018/07/xzbh-38.md", "\n---\n", "\nattachments:\n  - {file: xzbh-38/密件甲.pdf, title: 培训班名册甲}\n---\n")
    repo.write("gazette/2018/07/xzbh-41/附件1.pdf", pdf("PUBLIC-41"))
    repo.write("gazette/2018/07/xzbh-41/名单乙.pdf", pdf("SECRET-41"))
    repo.replace("gazette/2018/07/xzbh-41.md", "\n---\n",
                 "\nattachments:\n  - {file: xzbh-41/附件1.pdf, title: 附件1：试点方案, disclosure: 主动公开}\n"
                 "  - {file: xzbh-41/名单乙.pdf, title: 业主名单乙, disclosure: 不予公开}\n---\n")
    repo.replace("gazette/2018/07/xzbh-41.md", "based_on:", "  - {date: 2018-08-02, change: 补发附件1, reason: 发布时遗漏附件}\nbased_on:")
    build(repo.path, tmp_path / "site", search_index=False, quiet=True)
    out = _all_output(tmp_path / "site")
    for word in ("密件甲", "培训班名册甲", "SECRET-38", "名单乙", "业主名单乙", "SECRET-41"):
        assert word.encode() not in out, word
    assert b"PUBLIC-41" in out and "附件1：试点方案".encode() in out


def test_a_file_in_content_fails_the_build_as_check_does(site_repo: Repo, tmp_path: Path):
    site_repo.write("content/files/附件1.pdf", pdf())
    assert "content/files/附件1.pdf:1: content/ 中的文件 附件1.pdf 会不经检查、不入锁定文件地原样发布" in "\n".join(
        site_repo.messages())
    with pytest.raises(BuildFailed):
        build(site_repo.path, tmp_path / "site", search_index=False, quiet=True)
    assert not (tmp_path / "site").exists()


# ---- in Chromium --------------------------------------------------------------------------------------

def test_a_reader_sees_downloads_and_gets_the_file(page, site_url):
    page.goto(site_url + DOC)
    items = page.locator(".gb-attachments li")
    assert items.count() == 1
    assert items.first.inner_text().startswith("附件：无锡市区既有多层住宅增设电梯申请表（PDF，")
    assert not page.locator(".gb-file-url").is_visible()  # on paper only
    response = page.request.get(items.first.locator("a").evaluate("a => a.href"))
    assert response.status == 200 and response.body() == SOURCE_PDF.read_bytes()
    page.emulate_media(media="print")
    assert page.locator(".gb-attachments").is_visible()
    assert page.locator(".gb-file-url").inner_text() == f"https://gazette.example.gov.cn/{DOC}files/{PDF}"


def test_a_reader_sees_the_image_of_a_tujie(page, site_url):
    blocked = []
    page.on("console", lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(site_url + TJ)
    image = page.locator(".gb-figure img")
    image.wait_for()
    assert page.evaluate("document.querySelector('.gb-figure img').complete")
    assert image.evaluate("img => img.naturalWidth") == 64 and image.get_attribute("alt")
    assert blocked == []


SWAP = '''"""Test shim: an attachment replaced after the check read it, before MkDocs copies it."""
from pathlib import Path


def on_env(env, config, files):
    Path(config.config_file_path).parent.joinpath("gazette/2018/07/xzbf-75/附件-增设电梯申请表.pdf").write_bytes(
        b"<html><script>alert(1)</script></html>")
    return env
'''


def test_a_file_swapped_during_the_build_is_not_published(site_repo: Repo, tmp_path: Path, capfd):
    site_repo.write("hooks/swap.py", SWAP)
    site_repo.replace("mkdocs.yml", "hooks:\n  - hooks/gazette.py", "hooks:\n  - hooks/gazette.py\n  - hooks/swap.py")
    with pytest.raises(BuildFailed):
        build(site_repo.path, tmp_path / "site", search_index=False, quiet=True)
    assert "gazette/2018/07/xzbf-75/附件-增设电梯申请表.pdf：文件在生成期间被改动" in capfd.readouterr().err
    assert not (tmp_path / "site").exists()
