"""Property tests: whatever bytes an editor's tools produce, the loader loads them or reports
diagnostics that name the file — it never raises."""
from __future__ import annotations

import shutil

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import TODAY, Repo, minimal_files, examples
from gongbao.publish.check import check
from gongbao.content.source import parse

DOC = "gazette/2018/06/xzbf-68.md"
KEYS = ["title", "doc_number", "issuer", "type", "written", "published", "effective", "status", "disclosure",
        "disclosure_reason", "section", "topics", "based_on", "amends", "repeals", "id", "language", "标题", "文号"]
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=30),
                    st.sampled_from(["2018-02-30", "2018-06-05", "锡政办发〔2018〕68号", "主动", "执行中", "[", "{a: 1}"]))
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                       st.dictionaries(st.text(max_size=5), inner, max_size=3)),
                      max_leaves=6)


@given(st.binary(max_size=2000))
@settings(max_examples=examples(300), deadline=None)
def test_any_bytes_read_or_report(data):
    result = parse("gazette/2018/06/x.md", data)
    assert (result.source is None) == bool(result.diagnostics)
    assert all(d.path == "gazette/2018/06/x.md" for d in result.diagnostics)


@given(st.text(max_size=600))
@settings(max_examples=examples(300), deadline=None)
def test_any_text_with_fences_reads_or_reports(body):
    result = parse("x.md", f"---\n{body}\n---\n{body}".encode("utf-8", "surrogatepass"))
    assert result.source is not None or result.diagnostics


@given(st.dictionaries(st.sampled_from(KEYS), VALUES, max_size=8), st.text(max_size=200))
@settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_front_matter_loads_or_reports(tmp_path_factory, meta, body):
    import yaml

    repo = Repo(tmp_path_factory.mktemp("fuzz") / "repo")
    for rel, text in minimal_files().items():
        repo.write(rel, text)
    try:
        front = yaml.safe_dump(meta, allow_unicode=True)
    except yaml.YAMLError:
        return
    (repo.path / DOC).write_text(f"---\n{front}---\n{body}", encoding="utf-8", errors="surrogatepass")
    result = check(repo.path, today=TODAY)
    for d in result.diagnostics:
        assert d.path and d.message
    shutil.rmtree(repo.path)
