"""The synthetic archive is deterministic, realistic in shape, and passes every check."""
from collections import Counter
from pathlib import Path

import pytest

from conftest import TODAY
from gongbao.cli import main
from gongbao.tools import synthetic
from gongbao.publish.check import check
from gongbao.identifiers.headings import blocks
from gongbao.rules.aspects import covered
from gongbao.identifiers.vocabulary import ASPECTS

N = 300


@pytest.fixture(scope="module")
def checked(tmp_path_factory):
    root = tmp_path_factory.mktemp("synthetic")
    synthetic.write(root, synthetic.archive(N, seed=7))
    return check(root, today=TODAY)


def test_same_seed_same_files_other_seed_other_files():
    assert synthetic.archive(40, seed=3) == synthetic.archive(40, seed=3)
    assert synthetic.archive(40, seed=3) != synthetic.archive(40, seed=4)


def test_archive_passes_every_check(checked):
    assert [str(d) for d in checked.diagnostics] == []
    assert len(checked.archive.documents) == N


def test_monthly_issues_of_about_a_dozen_documents(checked):
    issues = sorted(checked.archive.issues, key=lambda i: i.key)
    assert len(issues) == -(-N // synthetic.PER_ISSUE)
    assert [i.total_number for i in issues] == list(range(1, len(issues) + 1))
    assert (issues[-1].key.year, issues[-1].key.number) == (2025, 12)
    months = [i.key.year * 12 + i.key.number for i in issues]
    assert all(b - a == 1 for a, b in zip(months, months[1:]))
    per_issue = Counter(d.issue for d in checked.archive.documents)
    assert set(per_issue.values()) == {synthetic.PER_ISSUE}


def test_mixed_types_statuses_and_disclosures(checked):
    docs = checked.archive.documents
    types = Counter(d.type for d in docs)
    assert set(types) == {"规章", "规范性文件", "其他文件"}
    assert 0.03 < types["规章"] / N < 0.15
    assert {"执行中", "已废止", "已修订"} <= {d.status for d in docs}  # 已失效 needs an archive of 5+ years
    assert {"主动公开"} < {d.disclosure for d in docs}
    assert all(d.disclosure_reason for d in docs if d.disclosure != "主动公开")


def test_bodies_of_10_to_40_paragraphs_with_official_headings(checked):
    for doc in checked.archive.documents:
        paragraphs = [b for b in blocks(doc.source.body) if b.text.strip()]
        assert 10 <= len(paragraphs) <= 42, (doc.source.path, len(paragraphs))
        anchors = {b.anchor.split("-")[0] for b in paragraphs if b.anchor}
        assert anchors == ({"chap", "art"} if doc.type == "规章" else {"sec"}), doc.source.path


def test_some_documents_are_in_traditional_script(checked):
    hant = [d for d in checked.archive.documents if d.language == "zh-Hant"]
    assert 0.05 < len(hant) / N < 0.2
    assert all("無錫" in d.title for d in hant)
    assert any("條" in d.source.body for d in hant if d.type == "规章")


def test_every_public_rule_and_normative_document_has_one_or_two_interpretations(checked):
    archive = checked.archive
    for doc in archive.documents:
        items = archive.interpretations_of(doc)
        if doc.type == "其他文件" or not doc.is_public:
            assert items == []
            continue
        assert 1 <= len(items) <= 2
        assert items[0].kind == "文字解读" and items[0].published == doc.published
        assert covered(items[0].source.body) == set(ASPECTS)
    assert Counter(len(archive.interpretations_of(d)) for d in archive.documents)[2] > 0


def test_relations_point_at_earlier_documents_whose_status_says_so(checked):
    archive = checked.archive
    related = [(d, key, ref) for d in archive.documents for key in ("repeals", "amends") for ref in getattr(d, key)]
    assert related
    for doc, key, ref in related:
        target = archive.document(ref)
        assert target is not None and target.published <= doc.published
        assert target.status == {"repeals": "已废止", "amends": "已修订"}[key]


def test_issuers_and_codes_come_from_the_written_settings(checked):
    assert {i for d in checked.archive.documents for i in d.issuers} <= set(checked.settings.issuers)
    assert {d.number.agency for d in checked.archive.documents} <= set(checked.settings.issuer_codes)


def test_write_copies_the_project_build_files(tmp_path):
    from conftest import ROOT

    synthetic.write(tmp_path, {"gazette.yml": synthetic.settings_yaml()}, ROOT)
    assert (tmp_path / "mkdocs.yml").read_bytes() == (ROOT / "mkdocs.yml").read_bytes()
    assert (tmp_path / "hooks/gazette.py").is_file()
    assert (tmp_path / "content/index.md").is_file()


def test_generate_script(tmp_path):
    import subprocess
    import sys

    from conftest import ROOT

    out = tmp_path / "a"
    done = subprocess.run([sys.executable, str(ROOT / "scripts/generate_archive.py"), "--documents", "30", "--out", str(out)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "30 documents" in done.stderr
    assert Path(out / "gazette.yml").is_file() and (out / "mkdocs.yml").is_file()
    assert sum(1 for _ in (out / "gazette").rglob("*.md")) == 30 + 3


def test_benchmark_plain_project_has_the_same_pages_and_no_hooks(tmp_path):
    import importlib.util

    import yaml

    from conftest import ROOT

    spec = importlib.util.spec_from_file_location("benchmark", ROOT / "scripts/benchmark.py")
    benchmark = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(benchmark)
    synthetic.write(tmp_path / "a", synthetic.archive(24, seed=2), ROOT)
    benchmark.plain_project(tmp_path / "a", tmp_path / "plain")
    config_text = (tmp_path / "plain/mkdocs.yml").read_text(encoding="utf-8")
    assert "hooks" not in config_text and "custom_dir" not in config_text
    assert "slugify: !!python/object/apply:pymdownx.slugs.slugify" in config_text
    config = yaml.load(config_text, Loader=benchmark._PermissiveLoader)
    assert config["docs_dir"] == "docs" and config["theme"]["name"] == "material"
    pages = list((tmp_path / "plain/docs/doc").rglob("index.md"))
    assert len(pages) >= 24  # documents and their interpretations
    texts = [p.read_text(encoding="utf-8") for p in pages]
    # what MkDocs renders of a document in the full build: its title and anchored body, not our HTML around them
    assert any(" #art-" in t or " #sec-" in t for t in texts) and not any("<article" in t for t in texts)
    # a print view: the bodies it shows, which plain MkDocs would render again; with --bodies-once, none
    printed = [p.read_text(encoding="utf-8") for p in (tmp_path / "plain/docs/gazette").rglob("print/index.md")]
    assert printed and all(t.count(" #art-") + t.count(" #sec-") > 1 for t in printed)
    benchmark.plain_project(tmp_path / "a", tmp_path / "once", bodies_once=True)
    assert not any(" #art-" in p.read_text(encoding="utf-8") for p in (tmp_path / "once/docs/gazette").rglob("print/index.md"))


REAL = 400


@pytest.fixture(scope="module")
def real(tmp_path_factory):
    root = tmp_path_factory.mktemp("synthetic-real")
    synthetic.write(root, synthetic.archive(REAL, seed=5, shape="real"))
    return check(root, today=TODAY)


def _quantiles(values):
    ordered = sorted(values)
    return [ordered[int(len(ordered) * p)] for p in (0.1, 0.5, 0.9)]


def test_real_shape_passes_every_check(real):
    assert [str(d) for d in real.diagnostics] == []
    assert len(real.archive.documents) == REAL


def test_real_shape_matches_the_measured_real_texts(real):
    """shared/REAL-CONTENT.md: characters p10 1,716 / median 4,956 / p90 10,068; articles median 39;
    chapters median 6; lines median 92. Each generated quantile within about a third of the real one."""
    docs = real.archive.documents
    chars = _quantiles(len("".join(doc.source.body.split())) for doc in docs)
    found = [[b for b in blocks(doc.source.body) if b.anchor] for doc in docs]
    articles = _quantiles(sum(1 for b in bs if b.marker.kind == "art") for bs in found)
    chapters = _quantiles(sum(1 for b in bs if b.marker.kind == "chap") for bs in found)
    lines = _quantiles(sum(1 for line in doc.source.body.split("\n") if line.strip()) for doc in docs)
    assert 1_200 < chars[0] < 2_600 and 3_700 < chars[1] < 6_200 and 7_500 < chars[2] < 13_500, chars
    assert 26 < articles[1] < 52 and 4 <= chapters[1] <= 8, (articles, chapters)
    assert 70 < lines[1] < 120, lines
    assert any("| --- |" in doc.source.body for doc in docs)  # now and then a table


def test_unknown_shape_is_refused():
    with pytest.raises(ValueError, match="shape"):
        synthetic.archive(3, shape="long")


def test_a_corrected_document_of_a_locked_archive_passes_with_each_of_its_corrections(tmp_path, capsys):
    """The benchmarks' edit of a published text: the sentence added and a 勘误 saying so, again and again."""
    synthetic.write(tmp_path, synthetic.archive(24, seed=2))
    assert main(["lock", "--root", str(tmp_path), "--write"]) == 0
    path = sorted((tmp_path / "gazette").rglob("*.md"))[-2]
    uncorrected = path.read_text(encoding="utf-8").replace("。", "。（改动）", 1)
    for n in (1, 2):
        path.write_text(synthetic.corrected(path.read_text(encoding="utf-8"), f"（第{n}次修改）", TODAY), encoding="utf-8")
        result = check(tmp_path, today=TODAY)
        assert [str(d) for d in result.diagnostics] == []
        (doc,) = [d for d in result.archive.documents if d.source.path.endswith(path.name)]
        assert [c.change for c in doc.corrections][-1] == f"正文第一句后增加“（第{n}次修改）”"
        assert f"（第{n}次修改）" in doc.source.body
    assert main(["lock", "--root", str(tmp_path), "--write"]) == 0
    path.write_text(uncorrected, encoding="utf-8")
    assert any("勘误记录被删除" in str(d) for d in check(tmp_path, today=TODAY).diagnostics)  # the lock holds them
    capsys.readouterr()


def test_marked_up_archive_has_tables_and_links_and_passes_every_check(tmp_path):
    """bench_check --markup: tables and links in the share asked for, every interpretation linked, nothing refused."""
    plain = synthetic.archive(60, seed=5, shape="real")
    files = synthetic.marked_up(plain, 0.5, seed=5)
    assert files == synthetic.marked_up(plain, 0.5, seed=5)
    documents = [rel for rel in plain if rel.startswith("gazette/") and not rel.endswith("/index.md")]
    tabled = [rel for rel in documents if "| --- |" in files[rel] and "| --- |" not in plain[rel]]
    assert 0.3 < len(tabled) / len(documents) < 0.7
    assert all("](https://www.wuxi.gov.cn/" in text for rel, text in files.items()
               if rel.startswith("interpretations/") and not rel.endswith("/index.md"))
    synthetic.write(tmp_path, files)
    assert [str(d) for d in check(tmp_path, today=TODAY).diagnostics] == []
