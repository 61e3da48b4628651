"""The search index (gongbao.publish.searchindex, format searchformat.py): folding, keys, shards,
what is indexed and what never is."""
from __future__ import annotations

import datetime as dt
import gzip
import json
import os
import random
import re
from collections import Counter
from pathlib import Path

import markdown
import pytest
import yaml
from zlib_ng import gzip_ng

import search_index_reader as reader
from search_oracle import expected, indexed_pages
from gongbao.identifiers.docnumber import DocNumber, citations
from gongbao.identifiers import script
from gongbao.identifiers.script import to_simplified
from gongbao.publish import searchformat, searchindex, searchtext
from gongbao.publish.render import searchmeta

CITATIONS = yaml.safe_load((Path(__file__).parent / "search" / "citation_grammar.yml").read_text(encoding="utf-8"))

SEED_QUERIES = ("政务公开", "政務公開", "公开", "政", "锡政办发〔2018〕68号", "2018", "无锡 通知", "財政專項資金",
                "电梯", "此处依法", "不存在的词语组合")


def test_fold_is_the_shared_table_and_drops_whitespace():
    assert searchformat.fold("政務 公開\n") == "政务公开"
    assert searchformat.query_keys("政務公開") == searchformat.query_keys("政务公开") == ["公开", "务公", "政务"]


def test_fold_drops_exactly_the_whitespace_of_re():
    every = "".join(map(chr, range(0x110000)))
    spaces = "".join(re.findall(r"\s", every))
    assert len(spaces) > 20 and searchformat.fold("政" + spaces + "务") == "政务"
    kept = re.sub(r"\s", "", every)
    assert searchformat.fold(kept) == to_simplified(kept)


def test_folding_by_code_point_is_folding_by_the_table():
    table = script._to_simplified()
    text = "".join(map(chr, table)) + "政务 公开 ABC ＡＢＣ 𠀀" + chr(max(table)) + chr(max(table) + 1) + chr(0x10FFFF)
    assert to_simplified(text) == "".join(table.get(ord(c), c) for c in text)
    assert script.to_traditional(text) == "".join(script._to_traditional().get(ord(c), c) for c in text)


def test_a_one_character_query_has_one_key_and_ascii_has_pairs():
    assert searchformat.query_keys("政") == ["政"]
    assert searchformat.query_keys("ab12") == ["12", "ab", "b1"]


def test_keys_are_characters_and_pairs_with_counts():
    counts = searchformat.keys("公开公开")
    assert counts["公开"] == 2 and counts["开公"] == 1 and counts["公"] == 2
    rng = random.Random(3)
    for n in range(2000):  # every character and every pair counted, the last character and the empty text too
        text = "".join(rng.choice("政务公开公𠀀ab1") for _ in range(rng.randint(0, 2 + n % 40)))
        assert searchformat.keys(text) == Counter(text) + Counter(text[i:i + 2] for i in range(len(text) - 1)), text


def test_key_hash_is_fnv1a_over_code_points():
    assert searchformat.key_hash("") == 0x811C9DC5
    assert searchformat.key_hash("a") == 0xE40C292C
    assert searchformat.key_hash("𠀀") == ((0x811C9DC5 ^ 0x20000) * 0x01000193) & 0xFFFFFFFF  # one code point, not two halves


PAGE = """<html><body><nav>导航文字</nav><article data-pagefind-body>
<div class="gb-search-tags" hidden><span data-pagefind-sort="date:2018-06-28"></span>
<span data-pagefind-filter="kind:文件"></span><span data-pagefind-filter="issuer:甲局"></span>
<span data-pagefind-filter="issuer:乙局"></span><span data-pagefind-meta="number:锡政发〔2018〕1号"></span>
</div>
<h1 class="gb-title" data-pagefind-weight="10">標題<b>文字</b></h1>
<p data-pagefind-ignore="all">忽略部分</p><p>正文內容<br>第二行</p><h2>小标题</h2></article>
<footer>页脚文字</footer></body></html>"""


def test_reader_takes_the_body_less_ignored_parts():
    page = searchtext.read(PAGE)
    assert page.title == "標題文字" and page.date == "2018-06-28"
    assert page.filters == [("kind", "文件"), ("issuer", "甲局"), ("issuer", "乙局")]
    assert page.meta == {"number": "锡政发〔2018〕1号"}
    text = page.text
    assert "正文內容" in text and "第二行" in text and "小标题" in text
    for absent in ("导航", "忽略", "页脚"):
        assert absent not in text
    assert searchtext.read("<html><body><p>没有检索区域</p></body></html>") is None


def test_the_tags_element_reads_back_as_written_and_a_line_break_adds_no_filter():
    """searchmeta.tags writes each attribute once, its pairs one a line (not an element a pair, 0.4 KB a page):
    the reader finds the same filters, in order, and metadata; a value holding a line break (from a field)
    cannot add a filter or a status of its own."""
    tags = searchmeta.tags(dt.date(2018, 6, 28), [("kind", "文件"), ("issuer", "甲局"), ("issuer", "乙局\nstatus:已废止"),
                                                   ("type", "")], [("number", "锡政发〔2018〕1号"), ("status", "执行中")])
    assert tags.count("<") == 2 and tags.count("data-pagefind-filter") == 1
    page = searchtext.read(f"<html><body><article data-pagefind-body>{tags}<h1>标题</h1></article></body></html>")
    assert page.date == "2018-06-28" and page.title == "标题"
    assert page.filters == [("kind", "文件"), ("issuer", "甲局"), ("issuer", "乙局 status:已废止")]
    assert page.meta == {"date": "2018-06-28", "number": "锡政发〔2018〕1号", "status": "执行中"}
    assert page.text.strip() == "标题"


def test_weights_count_double_and_pairs_across_elements_count():
    counts = _named(searchindex.weighted(searchtext.read(PAGE)))
    assert counts["题文"] == 20 and counts["标题"] == 20 + 12  # weight 10, across <b>; and in the <h2>
    assert counts["正文"] == 2 and counts["小标"] == 12  # body 1, an <h2> 6
    assert "忽略" not in counts and "导航" not in counts
    assert counts["字正"] == 20  # the title's last character and the body's first: one text to search


def _site(tmp_path: Path, pages: dict[str, str]) -> Path:
    for rel, html in pages.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(html, encoding="utf-8")
    return tmp_path


def _page(date: str, title: str, body: str, *filters: str) -> str:
    tags = "".join(f'<span data-pagefind-filter="{f}"></span>' for f in filters)
    return (f'<html><body><article data-pagefind-body><span data-pagefind-sort="date:{date}"></span>{tags}'
            f'<h1>{title}</h1><p>{body}</p></article></body></html>')


def test_index_numbers_pages_newest_first_and_finds_every_part(tmp_path):
    site = _site(tmp_path, {
        "doc/a/2016/1/index.html": _page("2016-01-01", "旧文件", "养老服务体系建设", "kind:文件", "year:2016"),
        "doc/a/2018/2/index.html": _page("2018-01-01", "新文件", "財政專項資金管理 养老", "kind:文件", "year:2018"),
        "gazette/2018/01/index.html": _page("2018-01-31", "公报", "目录 养老服务，务养", "kind:公报", "year:2018"),
        "doc/a/2017/3/index.html": "<html><body><p>养老服务 未标记检索区域</p></body></html>",
    })
    assert searchindex.index(site, quiet=True) == 3
    meta = json.loads((site / "search/index/meta.json").read_text(encoding="utf-8"))
    assert meta["version"] == searchformat.VERSION and meta["pages"] == 3
    assert [reader.page(site, i)["url"] for i in range(3)] == ["gazette/2018/01/", "doc/a/2018/2/", "doc/a/2016/1/"]
    # the records of ids n * group … n * group + group - 1 in pages/<n>.json, and no other file
    group = meta["group"]
    assert group == searchformat.GROUP >= 1
    files = {n: sorted(json.loads(reader.text(site / f"search/index/pages/{n}.json"))) for n in range(-(-3 // group))}
    assert files == {n: [str(i) for i in range(3) if i // group == n] for n in files}
    assert sorted(p.name for p in (site / "search/index/pages").iterdir()) == sorted(f"{n}.json" for n in files)
    assert reader.found(site, "养老服务") == {"gazette/2018/01/", "doc/a/2016/1/"}
    assert reader.found(site, "财政专项资金") == reader.found(site, "財政專項資金") == {"doc/a/2018/2/"}
    assert reader.found(site, "养老 管理") == {"doc/a/2018/2/"}
    assert reader.found(site, "老") == {"gazette/2018/01/", "doc/a/2018/2/", "doc/a/2016/1/"}
    assert reader.found(site, "养老 不在") == set()
    assert reader.candidates(site, "服务养老") == {0}  # all its pairs, so a candidate, but no page holds it
    assert reader.found(site, "服务养老") == set()
    facets = json.loads(reader.text(site / "search/index/facets.json"))
    assert facets["kind"]["values"] == ["公报", "文件"] and facets["kind"]["pages"] == chr(0x100) + chr(0x101) * 2


def test_pack_is_gzip_without_a_time_and_unpack_takes_either_form():
    packed = searchformat.pack('{"text":"政务公开"}')
    assert packed[:2] == b"\x1f\x8b" and packed[4:8] == b"\0\0\0\0"  # gzip, mtime 0: builds stay byte-identical
    assert packed == searchformat.pack('{"text":"政务公开"}')
    assert searchformat.unpack(packed) == '{"text":"政务公开"}'.encode("utf-8")
    assert searchformat.unpack(b'{"text":1}') == b'{"text":1}'  # a host that sent it with Content-Encoding: gzip


def test_pack_keeps_zlibs_output_where_zlib_ngs_ends_just_past_a_disk_block(monkeypatch):
    text = json.dumps({str(i): f"第{i}条 政务公开 养老服务 {i * i}" for i in range(150)}, ensure_ascii=False)
    ng, zlib = (module.compress(text.encode("utf-8"), 9, mtime=0) for module in (gzip_ng, gzip))
    assert len(zlib) < len(ng)  # one of the files where zlib-ng's output is a little larger
    monkeypatch.setattr(searchformat, "BLOCK", len(ng) - 1)  # zlib-ng's spills one byte into a block: zlib's kept
    assert searchformat.pack(text) == zlib
    monkeypatch.setattr(searchformat, "BLOCK", len(ng) - searchformat.SPILL - 1)  # well into it: zlib-ng's
    assert searchformat.pack(text) == ng
    assert searchformat.unpack(zlib) == searchformat.unpack(ng) == text.encode("utf-8")


def test_every_index_file_but_meta_is_packed_and_smaller(tmp_path):
    body = "养老服务体系建设工作会议的通知。" * 40
    site = _site(tmp_path, {f"doc/a/2018/{n}/index.html": _page(f"2018-01-0{n}", f"文件{n}", body, "kind:文件")
                            for n in (1, 2)})
    searchindex.index(site, quiet=True)
    folder = site / "search/index"
    files = sorted(p for p in folder.rglob("*.json") if p.name != "meta.json")
    assert {p.parent.name for p in files} == {"index", "keys", "pages"}
    assert all(p.read_bytes()[:2] == b"\x1f\x8b" for p in files)
    assert json.loads((folder / "meta.json").read_text(encoding="utf-8"))["version"] == searchformat.VERSION  # readable by any page
    record = folder / "pages/0.json"
    assert len(record.read_bytes()) < len(reader.text(record).encode("utf-8")) / 4
    assert body in reader.page(site, 0)["text"]


def test_long_lists_get_their_own_file_and_shards_are_a_power_of_two(tmp_path, monkeypatch):
    monkeypatch.setattr(searchindex, "OWN_FILE", 20)
    monkeypatch.setattr(searchindex, "SHARD", 40)
    monkeypatch.setattr(searchindex, "BLOCK", 0)  # shards as SHARD gives them, not merged to fill a block
    site = _site(tmp_path, {f"doc/a/2018/{n}/index.html": _page(f"2018-01-{n:02}", f"文件{n}", "共同的正文" + "字" * n)
                            for n in range(1, 13)})
    searchindex.index(site, quiet=True)
    shards = json.loads((site / "search/index/meta.json").read_text(encoding="utf-8"))["shards"]
    assert shards > 1 and shards & (shards - 1) == 0
    own = [p.stem for p in (site / "search/index/keys").glob("x*.json")]
    assert own, "the common pairs have files of their own"
    assert len(reader.postings(site, "共同")) == 12 and len(reader.found(site, "共同的正文")) == 12
    assert reader.found(site, "字" * 12) == {"doc/a/2018/12/"}


def test_shards_are_halved_while_their_mean_still_fits_a_disk_block(tmp_path, monkeypatch):
    """A shard takes a whole 4 KB block however little it holds: SHARD's count is halved while the shards'
    mean packed size fits one, never further; a key is found in whichever shard count was chosen."""
    monkeypatch.setattr(searchindex, "SHARD", 40)
    pages = {f"doc/a/2018/{n}/index.html": _page(f"2018-01-{n:02}", f"文件{n}", "共同的正文" + "字" * n + chr(0x4E00 + 97 * n) * 3)
             for n in range(1, 13)}

    def indexed(block: int) -> tuple[int, list[int]]:
        monkeypatch.setattr(searchindex, "BLOCK", block)
        site = _site(tmp_path / str(block), pages)
        searchindex.index(site, quiet=True)
        assert reader.found(site, "共同的正文") == {f"doc/a/2018/{n}/" for n in range(1, 13)}
        assert reader.found(site, "字" * 12) == {"doc/a/2018/12/"}
        shards = json.loads((site / "search/index/meta.json").read_text(encoding="utf-8"))["shards"]
        return shards, [len((site / f"search/index/keys/{n}.json").read_bytes()) for n in range(shards)]

    as_given, sizes = indexed(0)
    assert as_given >= 8
    halved, merged = indexed(4096)
    assert halved == 1 and sum(merged) <= 4096  # the sample's keys all fit one block
    limit = (sum(sizes) // as_given) * 3  # the mean of SHARD's shards, halved once fits, twice not (packing varies)
    some, fewer = indexed(limit)
    assert as_given > some > 1 and sum(fewer) <= limit * some
    assert sum(fewer) / (some // 2) > limit or some == 1  # not halved past the block


def test_a_page_gone_since_the_last_index_leaves_nothing(tmp_path):
    site = _site(tmp_path, {f"doc/a/2018/{n}/index.html": _page(f"2018-01-0{n}", f"文件{n}", f"正文{n}") for n in (1, 2)})
    searchindex.index(site, quiet=True)
    (site / "doc/a/2018/1/index.html").write_text("<html><body>已撤回</body></html>", encoding="utf-8")
    searchindex.index(site, quiet=True)
    assert sorted(p.name for p in (site / "search/index/pages").iterdir()) == ["0.json"]
    assert not any("文件1" in reader.text(p) for p in (site / "search/index").rglob("*.json"))


def test_withheld_and_unindexed_text_is_in_no_file(tmp_path):
    site = _site(tmp_path, {
        "doc/a/2018/1/index.html": _page("2018-01-01", "公开文件", "公开的正文") .replace(
            "</article>", '<p data-pagefind-ignore="all">泄密标记甲</p></article><p>泄密标记乙</p>'),
        "doc/a/2018/2/index.html": "<html><body><p>泄密标记丙 没有检索区域</p></body></html>",
    })
    searchindex.index(site, quiet=True)
    files = [reader.text(p) for p in (site / "search/index").rglob("*.json")]
    for marker in ("标记甲", "标记乙", "标记丙"):
        assert not any(marker[1:] in f or f'"{marker[1:]}"' in f for f in files), marker  # neither the text nor its pair
    assert reader.found(site, "泄密") == set()


@pytest.fixture(scope="module")
def indexed_sample(built_site, tmp_path_factory):
    """The sample site's pages, indexed apart from the session's site."""
    site = tmp_path_factory.mktemp("indexed")
    for path in built_site.rglob("index.html"):
        target = site / path.relative_to(built_site)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(path.read_bytes())
    searchindex.index(site, quiet=True)
    return site


@pytest.mark.parametrize("query", SEED_QUERIES)
def test_the_index_finds_what_the_oracle_finds(indexed_sample, query):
    want = expected(indexed_pages(indexed_sample), query)
    assert reader.found(indexed_sample, query) == want


# ---------------------------------------------------------------- cited numbers (format version 2)

@pytest.mark.parametrize("case", CITATIONS, ids=[c["text"] for c in CITATIONS])
def test_python_reads_the_shared_citation_table(case):
    number = DocNumber.parse(case["query"])
    assert any(c.cites(number) for c in citations(to_simplified(case["text"]))) is case["cites"]


def test_the_citation_table_has_both_answers():
    assert sum(c["cites"] for c in CITATIONS) >= 5 and sum(not c["cites"] for c in CITATIONS) >= 5


def test_a_citation_is_found_however_far_into_a_long_text():
    text = "正文" * 5000 + "根据国办发〔2016〕80号" + "。" * 10
    (found,) = citations(text)  # the run before it: at most 16 characters
    assert (found.key, found.run, found.start, found.end) == ("〔2016〕80号", "文正文正文正文正文正文根据国办发", 9989, 10014)
    assert text[found.start:found.end] == "文正文正文正文正文正文根据国办发〔2016〕80号"


def _cited(site: Path, key: str) -> dict[int, str]:
    """Page id → the characters each page writes before the cited number ``key``."""
    return reader.postings(site, key)


def test_a_cited_number_no_page_has_is_a_key_with_short_records(tmp_path):
    long_text = "前文" * 200 + "根据國辦發〔2016〕80號文件精神" + "后文" * 200
    site = _site(tmp_path, {
        "doc/a/2019/1/index.html": _page("2019-01-01", "新文件", long_text),
        "doc/a/2018/2/index.html": _page("2018-01-01", "关于落实国办发〔2016〕80号的通知", "依据苏政办发〔2016〕80号和锡政办发〔2018〕68号。"),
        "doc/a/2017/3/index.html": _page("2017-01-01", "无关文件", "国办发〔2016〕180号与国办发〔2016〕8号"),
        "search/codes.json": '{"锡政办发":"xzbf"}',
        "search/numbers/xzbf/2018.json": '{"68":{"url":"doc/xzbf/2018/68/"}}',  # published here: no key needed
    })
    searchindex.index(site, quiet=True)
    # the characters before each citation (the title is the page's <h1>, in its text too)
    assert _cited(site, "〔2016〕80号") == {0: "文前文前文前文前文前文根据国办发", 1: "关于落实国办发|的通知依据苏政办发"}
    assert _cited(site, "〔2016〕180号") == {2: "无关文件国办发"} and _cited(site, "〔2016〕8号") == {2: "与国办发"}
    assert _cited(site, "〔2018〕68号") == {}
    record = reader.page(site, 0, "cited")
    full = reader.page(site, 0)
    assert {k: v for k, v in record.items() if k != "text"} == {k: v for k, v in full.items() if k != "text"}
    # 30 characters before the run of 16 before the year, 60 after 號: in the page's own script
    opening, closing = long_text.index("〔"), long_text.index("號") + 1
    assert record["text"] == "…" + long_text[opening - 16 - 30:closing + 60] + "…"
    assert "根据國辦發〔2016〕80號" in record["text"] and len(record["text"]) < len(full["text"]) / 5
    assert [reader.page(site, i, "cited")["url"] for i in range(3)] == [reader.page(site, i)["url"] for i in range(3)]
    assert sorted(p.name for p in (site / "search/index/cited").iterdir()) == \
        sorted({f"{i // searchformat.GROUP}.json" for i in range(3)})  # the records of pages 0 to 2, grouped
    meta = json.loads((site / "search/index/meta.json").read_text(encoding="utf-8"))
    assert meta["version"] == searchformat.VERSION


def test_a_page_citing_only_published_numbers_has_no_cited_record(tmp_path):
    site = _site(tmp_path, {
        "doc/xzbf/2018/68/index.html": _page("2018-06-05", "本文件", "锡政办发〔2018〕68号 无锡市人民政府令第180号"),
        "search/codes.json": '{"锡政办发":"xzbf","无锡市人民政府令":"wxzfl"}',
        "search/numbers/xzbf/2018.json": '{"68":{}}', "search/numbers/wxzfl/ling.json": '{"180":{}}',
    })
    searchindex.index(site, quiet=True)
    assert not any((site / "search/index/cited").iterdir())
    assert _cited(site, "〔2018〕68号") == {} and _cited(site, "第180号") == {}


def test_a_relation_to_a_number_no_page_has_is_cited_though_the_relations_are_not_indexed(tmp_path):
    relations = ('<div class="gb-related" data-pagefind-ignore="all"><dl><dt>依据</dt><dd>'
                 '<span class="gb-external" data-gb-cites="依据 國辦發〔2016〕80號">國辦發〔2016〕80號</span>、'
                 '<span class="gb-external" data-gb-cites="依据 锡政办发〔2018〕68号">锡政办发〔2018〕68号</span></dd></dl></div>')
    site = _site(tmp_path, {
        "doc/a/2019/1/index.html": _page("2019-01-01", "某文件", "正文不提文号。").replace("</h1>", "</h1>" + relations),
        "search/codes.json": '{"锡政办发":"xzbf"}', "search/numbers/xzbf/2018.json": '{"68":{}}',
    })
    searchindex.index(site, quiet=True)
    assert reader.found(site, "国办发") == set(), "the relations stay out of the text index"
    assert _cited(site, "〔2016〕80号") == {0: "国办发"} and _cited(site, "〔2018〕68号") == {}
    record = reader.page(site, 0, "cited")
    assert record["text"] == "依据 國辦發〔2016〕80號"  # what the page shows of it, in its own script; the published one left out


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _many(tmp_path: Path, name: str, count: int) -> Path:
    """``count`` pages of several weights, filters, citations (one of a number no page has) and a few shared words."""
    return _site(tmp_path / name, {
        f"doc/a/{2000 + n % 20}/{n}/index.html": _page(
            f"{2000 + n % 20}-0{1 + n % 9}-1{n % 10}", f"文件{n}號 養老服務",
            f"正文{n}：根据国办发〔2016〕{n % 7}号，" + "政务公开" * (n % 5) + chr(0x4E00 + n) * (n % 3),
            f"kind:{'文件' if n % 3 else '公报'}", f"year:{2000 + n % 20}")
        for n in range(count)})


def test_the_pooled_index_is_byte_identical_to_one_process(tmp_path, monkeypatch):
    """Runs of pages on two workers, their parts merged by key: the same files, byte for byte, as one process
    (ids, postings in id order, facets, records, cited records, shards)."""
    monkeypatch.setattr(searchindex, "MIN_PAGES", 1)
    monkeypatch.setattr(searchindex, "PAGES_A_TASK", 7)  # many runs, a key's postings spread over them
    site = _many(tmp_path, "site", 60)
    searchindex.index(site, quiet=True, out=tmp_path / "one", workers=1)
    searchindex.index(site, quiet=True, out=tmp_path / "two", workers=2)
    one, two = _files(tmp_path / "one"), _files(tmp_path / "two")
    assert len([f for f in one if f.startswith("pages/")]) == 60 and any(f.startswith("cited/") for f in one)
    assert one == two
    lists = [entry for name, data in two.items() if name.startswith("keys/") and name[5:-5].isdigit()
             for entry in json.loads(searchformat.unpack(data)).values()]
    lists = [json.loads(searchformat.unpack(two[f"keys/{e}.json"])) if isinstance(e, str) else e for e in lists]
    assert all(all(delta > 0 for delta in ids[1:]) for ids, _ in lists)  # every list in id order, across runs
    assert sum(len(ids) for ids, _ in lists) > 60 * 20
    searchindex.index(site, quiet=True, workers=2)
    assert len(reader.found(site, "政务公开")) == 48  # n % 5 != 0


def test_a_broken_pool_leaves_the_index_to_this_process(tmp_path, monkeypatch):
    parent, weighted = os.getpid(), searchindex.weighted

    def killed(page):  # a worker killed while it counts its pages (forked: it inherits this patch)
        if os.getpid() != parent:
            os._exit(1)
        return weighted(page)

    monkeypatch.setattr(searchindex, "MIN_PAGES", 1)
    monkeypatch.setattr(searchindex, "weighted", killed)
    site = _many(tmp_path, "site", 20)
    assert searchindex.index(site, quiet=True, workers=2) == 20
    searchindex.index(site, quiet=True, out=tmp_path / "one", workers=1)
    assert _files(site / searchformat.FOLDER) == _files(tmp_path / "one")


def _by_html_parser(html: str) -> searchtext.Page:
    reader = searchtext._Reader()
    reader.feed(html)
    reader.close()
    return reader.page


def _by_tokens(html: str) -> searchtext.Page | None:
    reader = searchtext._Reader()
    return None if searchtext._tokens(html, reader) is None else reader.page


# The forms the project writes: the fast reading must take them, and read them as html.parser does.
TAKEN = [
    PAGE,
    '<!DOCTYPE html><html lang="zh"><BODY><Article data-pagefind-body><H1 Class=t DATA-PAGEFIND-WEIGHT="2">標題&amp;题</H1>'
    '<p title=\'單引號 &lt;x&gt;\' hidden data-x="">正文&#x4E00;&#19968;&copy 与 &nbsp;空格</p></article></BODY></html>',
    '<html><body><article data-pagefind-body><br/><br /><img src=a.png alt=x/><span/>正文<a href=x/>链接</a>'
    '<p data-pagefind-weight="0.5">低</p><div data-pagefind-ignore="all"><h2>忽略</h2></div>尾</article></body></html>',
    '<html><body><article data-pagefind-body><script type="application/ld+json">{"a": "<b>&amp;</b>"}</script>'
    '<style>p > a { x: "</p>" }</style><p a="1" a="2">重复</p><h3\n  class="x"\n>多行</h3>'
    '<span data-pagefind-filter="kind:文件\nyear:2018\nissuer:甲&amp;乙" data-pagefind-meta="number:国办发〔2016〕80号"></span>'
    '</article><p>页外文字 & 符号</p>',
    "<html><body><article data-pagefind-body><p>𠀀 astral, ＡＢＣ full-width, 第三條 總則</p></article></body></html>",
    # plain markup (read by one pattern) beside, in and around what is not: a heading's, an ignored or weighed
    # element's, the title's, a mismatched or upper-case end tag, '>' in a value, a data- attribute in any case
    '<html><body><article data-pagefind-body><h1>標<b>題</b><br>尾</h1><P>大寫</P><P>混合</p><p/>'
    '<ol><li class="a>b"><a href=#x title=\'c\'>條目&amp;一</a></li><li><a>二</a>外</li></ol><div><p>兩層</p></div>'
    '<h2 id=x><span>小</span>標題</h2><p data-pagefind-ignore><span>忽略</span><em>也</em></p>'
    '<div data-pagefind-weight="3"><p>三<i>倍</i></p><BR/><img src="a>b"></div><p DATA-X="1"><span>大</span></p>'
    '<p xdata-y=1>旁</p><p><span>錯</span></div>後<p><b>開</p>閉</b></article></body></html>',
    # headings and ignored elements holding plain markup (read at once) and their near misses
    '<html><body><article data-pagefind-body><h1>題<h2>中</h2><h1 data-pagefind-ignore>略</h1>尾</h1><H3>大</H3>'
    '<h3>混</H3><h4 class=a><a href="#x">鏈&lt;</a><br/>接</h4><h2 data-pagefind-ignore>忽</h2><h5 data-x>屬</h5>'
    '<div DATA-PAGEFIND-IGNORE="all" class=m><dl><dt>甲</dt><dd><a><b><i><u><s>深</s></u></i></b></a></dd></dl></div>'
    '<p data-pagefind-ignore data-gb-cites="依据：国发〔2016〕80号">引</p><p data-pagefind-ignorex>非</p>'
    '<section data-pagefind-ignore data-pagefind-ignore=""><h2>二</h2></section><h6>六<p>段</h6>後</p>'
    '<div><div><div><div><div><p>五層</p></div></div></div></div></div></article></body></html>',
]
# Markup outside the fast reading's forms: it declines, html.parser reads the page.
DECLINED = [
    "<html><body><article data-pagefind-body><p>a < b</p></article></body></html>",
    "<html><body><article data-pagefind-body><!-- 注释 --><p>文字</p></article></body></html>",
    "<html><body><article data-pagefind-body><p>文字</ p></article></body></html>",
    "<html><body><article data-pagefind-body><p>文字</p ></article></body></html>",
    "<html><body><article data-pagefind-body><script>x</ script>文字</article></body></html>",
    "<html><body><article data-pagefind-body><script>x = 1",
    "<html><body><article data-pagefind-body><p a==b>文字</p><?php x ?></article></body></html>",
    "<html><body><article data-pagefind-body><![CDATA[文字]]><p>正文</p></article>",
    "<html><body><article data-pagefind-body><p title=\"未闭合>文字</p></article>",
]


@pytest.mark.parametrize("html", TAKEN)
def test_the_fast_reading_takes_the_projects_markup_as_html_parser_reads_it(html):
    assert _by_tokens(html) == _by_html_parser(html) != searchtext.Page()
    assert searchtext.read(html) == _by_html_parser(html)


@pytest.mark.parametrize("html", DECLINED)
def test_other_markup_is_left_to_html_parser(html):
    assert _by_tokens(html) is None
    assert searchtext.read(html) == _by_html_parser(html)


def test_the_fast_reading_agrees_with_html_parser_on_mixed_markup():
    """Pages put together at random from the pieces above (and cut anywhere): read alike, or declined."""
    pieces = [part for html in TAKEN + DECLINED for part in re.split(r"(?=<)", html) if part]
    rng, taken = random.Random(12), 0
    for _ in range(3000):
        html = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 30)))
        html = html[:rng.randint(0, len(html))] if rng.random() < 0.2 else html
        fast = _by_tokens(html)
        if fast is not None:
            taken += 1
            assert fast == _by_html_parser(html), html
    assert taken > 300


def test_the_sample_sites_pages_are_all_read_fast_and_alike(built_site):
    pages = [p.read_text(encoding="utf-8") for p in sorted(built_site.rglob("index.html"))]
    indexed = [html for html in pages if "data-pagefind-body" in html]
    assert len(indexed) > 10
    assert all(_by_tokens(html) == _by_html_parser(html) for html in indexed)
    assert all(_by_element(html) == _by_html_parser(html) for html in indexed)  # each read from its element alone


def _named(counts: dict[int, int]) -> dict[str, int]:
    named = {searchformat.key_name(code): count for code, count in counts.items()}
    assert len(named) == len(counts) and all(searchformat.key_code(key) == code for key, code in zip(named, counts))
    return named


def _weighted_plainly(page: searchtext.Page) -> dict[str, int]:
    """The definition (searchformat.py): each piece folded, runs of one weight, each run's keys with the first
    character of the next, at its weight."""
    runs: list[list] = []
    for text, weight in page.pieces:
        folded = searchformat.fold(text)
        if folded and runs and runs[-1][1] == weight:
            runs[-1][0] += folded
        elif folded:
            runs.append([folded, weight])
    totals: dict[str, float] = {}
    for i, (text, weight) in enumerate(runs):
        following = runs[i + 1][0][:1] if i + 1 < len(runs) else ""
        for key, count in searchformat.keys(text + following).items():
            count -= key == following
            if count:
                totals[key] = totals.get(key, 0) + weight * count
    return {key: max(1, round(2 * total)) for key, total in totals.items()}


def test_weighted_counts_are_the_definitions_on_generated_pages():
    rng = random.Random(5)
    alphabet = "政务公开政務公開财政專項资金 \n\u3000第三條總則𠀀ＡＢａb1"
    for n in range(3000):  # halves as the pages are written; then other weights, and none
        weights = (0.5, 1.0, 2, 5, 6, 7, 10.0) + ((0.3, 1.7, 0, 0.25) if n % 3 == 0 else ())
        pieces = [("".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12))), rng.choice(weights))
                  for _ in range(rng.randint(0, 12))]
        page = searchtext.Page(pieces=pieces)
        assert _named(searchindex.weighted(page)) == _weighted_plainly(page), pieces


CONTAINERS = """# 無錫市財政專項資金管理辦法 {#title .gb-title data-pagefind-weight="10"}

第一條 為規範財政專項資金管理&amp;監督，制定本辦法。

> 引用：依據《預算法》第三條。
>
> - 引用中的列表 **加粗** 與 `代碼 <b>`

1. 第一項：資金範圍
    - 子項 [鏈接](../a/ "標題 \\"引號\\"")
2. 第二項 ｛全角｝ 𠀀

| 項目 | 金額（萬元） |
|:-----|-----:|
| 專項 | 1,000 |

<div class="gb-note" markdown="1">
**注：** 本辦法自發布之日起施行。<br>
</div>
"""


def test_editors_containers_in_the_traditional_script_are_read_fast_and_alike():
    """What Python-Markdown writes of quotes, lists, tables, attribute lists and HTML blocks, in Traditional script:
    read by the fast path, and as html.parser reads it."""
    body = markdown.markdown(CONTAINERS, extensions=["attr_list", "md_in_html", "tables"])
    html = f"<html><body><article data-pagefind-body>{body}</article></body></html>"
    assert _by_tokens(html) == _by_html_parser(html)
    page = _by_tokens(html)
    assert page.title == "無錫市財政專項資金管理辦法" and "子項" in page.text and "1,000" in page.text
    assert any(weight == 10 for _, weight in page.pieces)


def _by_element(html: str) -> searchtext.Page | None:
    reader = searchtext._Reader()
    return reader.page if searchtext._indexed_element(html, reader) else None


# A page's chrome, as the theme writes it around the indexed element, and what may stand in it or after it.
BEFORE = ('<!DOCTYPE html><html><head><script>var a = "<div>" + 1 < 2;</script><style>p > a { x: "</p>" }</style>'
          '<script src=x.js></script></head><body><header><nav><a href=/>首页</a><br/><img src="a.png" alt="<图>"></nav></header>'
          '<main class="md-main"><div class="x"><SCRIPT/>')
AFTER = '</div></main><footer><p>页脚 &amp; 文字</p><script>x = "</div>";</script></footer></body></html>'
ELEMENT = ('<article data-pagefind-body><h1>標題<b>文字</b></h1><p data-pagefind-ignore data-gb-cites="依据：国发〔2016〕80号">'
           '忽略</p><article><p>內層</p></article><h2>小標題</h2><p>正文<br/>&#x4E00;行<span/></p></article>')
# Read from the element alone, as from the whole page.
ELEMENT_TAKEN = [
    BEFORE + ELEMENT + AFTER,
    BEFORE + ELEMENT,  # the page cut after the element
    BEFORE + ELEMENT[:-10],  # or inside it: read to the end
    '<div><p title="a>b" data-x=\'<c>\'>前</p><article data-x="1" data-pagefind-body>正文</article></div>',
    BEFORE + '<div class=x data-pagefind-body data-pagefind-meta="number:甲〔2016〕1号"/>' + AFTER,
    BEFORE + '<article data-pagefind-body>' + markdown.markdown(CONTAINERS, extensions=["attr_list", "md_in_html",
                                                                                         "tables"]) + '</article>' + AFTER,
]
# Where the element alone could read otherwise, or the markup before it is not _tokens': the whole page is read.
ELEMENT_DECLINED = [
    BEFORE + '<article data-pagefind-body><p>前</p></div><p>后</p></article>' + AFTER,  # closes the element too
    BEFORE + '<article data-pagefind-body><p>前</p></span><p>后</p></article>' + AFTER,  # closes nothing
    BEFORE + '<article data-pagefind-body><h1>標題</article><p>后</p></h1>' + AFTER,  # the title ends after it
    BEFORE + ELEMENT + '<section data-pagefind-body>第二个</section>' + AFTER,
    BEFORE + ELEMENT + '<section DATA-PAGEFIND-BODY>第二个</section>' + AFTER,
    BEFORE + '<div DATA-PAGEFIND-BODY><p>大寫</p></div>' + ELEMENT + AFTER,
    BEFORE + '<p>属性 data-pagefind-body 的说明</p>' + ELEMENT + AFTER,
    BEFORE + '<a title="data-pagefind-body">链接</a>' + ELEMENT + AFTER,
    BEFORE + '<a title="<b data-pagefind-body>">链接</a>' + ELEMENT + AFTER,
    BEFORE + '<!-- <div data-pagefind-body>注释</div> -->' + ELEMENT + AFTER,
    BEFORE + '<script>s = "<div data-pagefind-body>";</script>' + ELEMENT + AFTER,
    BEFORE + '<script>s = "</ script><div data-pagefind-body>";</script>' + ELEMENT + AFTER,
    BEFORE + '<textarea><div data-pagefind-body></textarea>' + ELEMENT + AFTER,
    BEFORE + '<div data-pagefind-ignore>' + ELEMENT + '</div>' + AFTER,
    BEFORE + '<div data-pagefind-weight="3">' + ELEMENT + '</div>' + AFTER,
    BEFORE + '<h2><span data-pagefind-body>標題中</span></h2>' + AFTER,
    BEFORE + '<p>a < b</p>' + ELEMENT + AFTER,
    BEFORE + '<p a==b>x</p>' + ELEMENT + AFTER,
]


@pytest.mark.parametrize("html", ELEMENT_TAKEN)
def test_the_indexed_element_alone_is_read_as_the_whole_page(html):
    assert _by_element(html) == _by_html_parser(html) == searchtext.read(html) != searchtext.Page()


@pytest.mark.parametrize("html", ELEMENT_DECLINED)
def test_the_whole_page_is_read_where_the_element_alone_could_differ(html):
    assert _by_element(html) is None
    assert searchtext.read(html) == _by_html_parser(html) != searchtext.Page()


def test_the_indexed_element_alone_agrees_with_html_parser_on_mixed_markup():
    """Pages put together at random from the pieces above, chrome and elements, an element's start tag among them
    (and cut anywhere): read alike from the element alone, or declined."""
    pieces = [part for html in ELEMENT_TAKEN * 3 + ELEMENT_DECLINED + TAKEN + DECLINED
              for part in re.split(r"(?=<)", html) if part]
    rng, taken = random.Random(13), 0
    for _ in range(3000):
        parts = [rng.choice(pieces) for _ in range(rng.randint(0, 30))]
        parts.insert(rng.randint(0, len(parts)), rng.choice(["<article data-pagefind-body>", "<p data-pagefind-body>"]))
        html = "".join(parts)
        html = html[:rng.randint(0, len(html))] if rng.random() < 0.2 else html
        if "data-pagefind-body" not in html:
            continue
        fast = _by_element(html)
        if fast is not None:
            taken += 1
            assert fast == _by_html_parser(html), html
        assert searchtext.read(html) == _by_html_parser(html), html
    assert taken > 300
