"""yamlread.load_yaml (libyaml plus a shortcut constructor) gives what PyYAML's own safe loader gives."""
from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings, strategies as st

from conftest import examples
from gongbao.content import yamlread


def reference(text: str):
    loaded = yaml.load(text, Loader=yamlread.Loader)
    return {} if loaded is None else loaded


scalars = st.one_of(st.text(max_size=20), st.integers(), st.booleans(), st.none(), st.floats(allow_nan=False))
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
                      max_leaves=12)


@settings(max_examples=examples(200), deadline=None)
@given(st.dictionaries(st.text(max_size=12), values, max_size=8))
def test_any_mapping_loads_the_same(data):
    text = yaml.safe_dump(data, allow_unicode=True)
    assert yamlread.load_yaml(text)[1] == reference(text)


@pytest.mark.parametrize("text", [
    "title: 关于……的通知\nwritten: 2018-06-05\nnumber: 6\nflag: yes\nempty:\nnull: ~\n",
    "base: &b {issuer: 无锡市人民政府, type: 规章}\ndoc:\n  <<: *b\n  type: 规范性文件\n",
    "a: &x [1, 2]\nb: *x\n",
    "n: !!str 123\nm: !!int '5'\nd: !!timestamp 2018-06-05\n",
    "1: one\n2.5: two\n? [a, b]\n: three\n",
    "",
    "- a\n- b\n",
    "plain",
])
def test_special_cases_load_the_same(text):
    try:
        expected = reference(text)
    except yaml.YAMLError:
        with pytest.raises(yaml.YAMLError):
            yamlread.load_yaml(text)
        return
    assert yamlread.load_yaml(text)[1] == expected


def test_errors_carry_pyyaml_s_own_message():
    with pytest.raises(yaml.YAMLError) as caught:
        yamlread.load_yaml("title: a: b\n")
    assert caught.value.problem == "mapping values are not allowed here"


@pytest.mark.parametrize("written, value", [("0403", 403), ("08", 8), ("010", 10), ("-07", -7), ("1_000", 1000),
                                            ("0x1A", "0x1A"), ("1:30", "1:30"), ("0b11", "0b11"), ("0o17", "0o17")])
def test_an_integer_is_read_as_the_decimal_an_editor_writes(written, value):
    """YAML 1.1 read total_number: 0403 as octal 259 and number: 010 as 8 (published so, silently), 08 as no number;
    hexadecimal, binary and base 60 are text, which a key wanting a number tells as such."""
    assert yamlread.load_yaml(f"n: {written}\n")[1] == {"n": value}
    assert yaml.load(f"n: {written}\n", Loader=yamlread.Loader) == {"n": value}


def test_a_total_number_with_a_leading_zero_is_the_number_written(repo):
    repo.replace("gazette/2018/06/index.md", "total_number: 389", "total_number: 0389")
    checked = repo.check()
    assert checked.ok and checked.archive.issues[0].total_number == 389


@pytest.mark.parametrize("written", ["0128", "08", "0403", "+7", "1_000"])
def test_a_whole_number_written_otherwise_is_the_text_written_where_text_is_wanted(repo, written):
    """YAML 1.1 read 0128 as text: read as the number 128, a title (or an id, made a URL) written 0128 was published
    128, silently. A key wanting a number still reads its value; dumped, it is written as it was."""
    value = yamlread.load_yaml(f"n: {written}\n")[1]["n"]
    assert (yamlread.text(value), value, str(value)) == (written, int(written.replace("_", "")), str(int(value)))
    assert yamlread.dump_mapping({"n": value}) == [f"n: {written}\n"]
    assert yaml.load(yaml.dump({"n": value}, Dumper=yamlread.Dumper), Loader=yamlread.Loader) == {"n": value}
    repo.replace("gazette/2018/06/xzbf-68.md", "title: 关于印发示例办法的通知", f"title: {written}")
    repo.replace("gazette/2018/06/index.md", "number: 6\ntotal_number: 389", "number: 06\ntotal_number: 0389")
    checked = repo.check()
    assert checked.archive.documents[0].title == written
    assert checked.archive.issues[0].label == "2018年第6期（总第389期）"  # a number by its digits
