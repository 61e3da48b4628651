"""The preview server (also the browser tests' and the benchmark's): text gzipped when accepted, as production hosts do."""
import gzip
import urllib.request

import pytest

from browser import serve


@pytest.fixture
def site(tmp_path):
    (tmp_path / "doc").mkdir()
    (tmp_path / "doc/index.html").write_text("<p>文号</p>" * 200, encoding="utf-8")
    (tmp_path / "app.js").write_text("var a = 1;\n" * 300, encoding="utf-8")
    (tmp_path / "index.zh.pf_index").write_bytes(gzip.compress(b"pagefind" * 100))
    with serve(tmp_path) as base:
        yield base, tmp_path


def get(url: str, accept: str = "gzip, deflate"):
    with urllib.request.urlopen(urllib.request.Request(url, headers={"Accept-Encoding": accept})) as r:
        return r.headers, r.read(), r.url


def test_text_is_gzipped_when_the_browser_accepts_it(site):
    base, root = site
    headers, body, _ = get(base + "app.js")
    assert headers["Content-Encoding"] == "gzip" and headers["Vary"] == "Accept-Encoding"
    assert headers["Content-Type"] == "text/javascript"
    assert gzip.decompress(body) == (root / "app.js").read_bytes()
    assert int(headers["Content-Length"]) == len(body) < (root / "app.js").stat().st_size / 10


def test_folder_page_is_gzipped_and_a_folder_without_slash_still_redirects(site):
    base, root = site
    headers, body, url = get(base + "doc")
    assert url == base + "doc/"
    assert gzip.decompress(body) == (root / "doc/index.html").read_bytes()


def test_identity_when_gzip_is_not_accepted(site):
    base, root = site
    headers, body, _ = get(base + "app.js", accept="identity")
    assert headers["Content-Encoding"] is None and body == (root / "app.js").read_bytes()


def test_pagefind_files_are_sent_as_they_are(site):
    base, root = site
    headers, body, _ = get(base + "index.zh.pf_index")
    assert headers["Content-Encoding"] is None and body == (root / "index.zh.pf_index").read_bytes()


def test_a_rebuilt_file_is_compressed_afresh(site):
    base, root = site
    get(base + "app.js")
    (root / "app.js").write_text("var b = 2;\n" * 500, encoding="utf-8")
    _, body, _ = get(base + "app.js")
    assert gzip.decompress(body) == (root / "app.js").read_bytes()
