"""The fast front-matter reader (gongbao.content.plainyaml) returns exactly what PyYAML through
gongbao.content.yamlread returns — the same values of the same types, the same keys on the same lines — or
declines; where they could disagree, an editor could smuggle a value past the checks. One shared table of
tricky inputs, a property test on generated front matter, and the check that it reads the usual shape."""
from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings, strategies as st

from conftest import ROOT, examples
from gongbao.content import plainyaml, source
from gongbao.content.yamlread import Unbounded
from gongbao.tools import synthetic


def _typed(value):
    """A value with every type spelled out: True, 1 and 1.0 are equal in Python, not here."""
    if isinstance(value, dict):
        return ("dict", [(_typed(k), _typed(v)) for k, v in value.items()])
    if isinstance(value, list):
        return ("list", [_typed(v) for v in value])
    return (type(value).__name__, value)


def _pyyaml(text: str):
    try:
        keys, data = source._keys_and_data(text)
    except (yaml.YAMLError, Unbounded, RecursionError) as exc:
        return type(exc).__name__
    return keys, _typed(data)


def agrees(text: str) -> bool:
    """Whether the fast reader declined or gave what PyYAML gives; False on any difference."""
    fast = plainyaml.read(text)
    if fast is None:
        return True
    return (fast[0], _typed(fast[1])) == _pyyaml(text)


TRICKY = [
    "title: 关于印发《办法》的通知", "title: '单引号'", 'title: "双引号"', "title: 'it''s'", 'title: "a\\"b"',
    'title: "转义\\n换行"', "title: 'a' 'b'", 'title: "a" # 注释', "title: a # 注释", "title: a#b", "title: a #b",
    "flag: yes", "flag: no", "flag: on", "flag: off", "flag: Yes", "flag: TRUE", "flag: y", "flag: n", "flag: ~",
    "flag: null", "flag: Null", "flag:", "flag: ''", 'flag: ""', "flag: =", "<<: a", "a: <<",
    "written: 2025-09-20", "written: 2025-9-2", "written: 2025-09-20 10:00:00", "written: 2025-09-20T10:00:00Z",
    "number: 68", "number: 068", "number: 0o17", "number: 0x1F", "number: 1_000", "number: 1:30", "number: 190:20:30",
    "number: 1.5", "number: .5", "number: 1e3", "number: 1.0e+3", "number: .inf", "number: -.inf", "number: .NaN",
    "number: +1", "number: -1", "number: 0b101", "number: 1,000",
    "title:\tTab", "title: a\tb", "title: \ta", "\ttitle: a", "title: a ", "title:   spaced  ", "title : a",
    "title:a", "title: a: b", "title: a:b", "title: http://example.org/a", "title: a:", "title: ：全角冒号",
    "title: a\u3000b", "title: \u3000", "title: 全角　空格", "title:\u3000a",
    "title: &a x\nother: *a", "title: !!str 1", "title: !tag x", "title: *a", "title: @x", "title: `x`", "title: %x",
    "title: |\n  block", "title: >\n  folded", "title: >-\n  a", "title: [a, b]", "title: [a,b]", "title: [ a , b ]",
    "title: [a, [b]]", "title: [a, {b: c}]", "title: {a: b}", "title: [a, b,]", "title: []", "title: [a, 'b']",
    "title: ['a, b']", 'title: ["a", b]', "title: [a: b]", "title: [a] x", "title: [yes, 1]", "title: [-a]",
    "title: [a #b]", "title: [a, ~]", "title: [2025-09-20]",
    "title: a\n  continued", "title: a\n\n  continued", "title:\n  a", "title:\n  multi\n  line",
    "topics:\n- a\n- b", "topics:\n  - a\n  - b", "topics:\n- a\n  - b", "topics:\n  - a\n- b", "topics:\n-a",
    "topics:\n- a\n  b", "topics:\n- \n- b", "topics:\n-\n- b", "topics:\n- - a", "topics:\n- a: b", "topics:\n- yes",
    "topics:\n- 'a'\n- \"b\"", "topics:\n\n- a\n\n- b\n\nnext: c", "topics:\n- a\nnext: b", "topics:\n- a # c",
    "topics:\n  - a\n  next: b", "topics:\n- a\n- b\n  - c",
    "a: 1\na: 2", "title: a\ntitle: b", "title: a\n\n\nother: b", "\n\ntitle: a", "title: a\n", "title: a\n\n",
    "# comment\ntitle: a", "title: a\n# comment", "---\ntitle: a", "title: a\n...", "title: ...", "title: ---",
    "- a\n- b", "just text", "", "\n", "   ", "title: a\n  - b", "文号: 锡政发〔2018〕68号", "標題: 繁體字",
    "公开属性：主动公开", "title: 繁體「引號」", "title: \ufeffx", "\ufefftitle: x", "title: a\u2028b", "title: a\x85b",
    "title: a\u2029b", 'title: "a\u2028b"', "title: 'a\x85b'", "title: a\x07b", "title: \U0001f600", "ti-tle: a",
    "1: a", "yes: a", "null: a", "~: a", "[a]: b", "? a\n: b", "title: -a", "title: - a", "title: ?a", "title: ? a",
    "title: a,b", "title: a, b", "title: ,a", "title: a]", "title: a}", "title: a{b}", "title: !a", "title: a!b",
    "title: 'a", 'title: "a', "title: a'", 'title: a"', "title: '  a  '", 'title: " a"', "title: 'a\nb'",
    "title: \"a\n  b\"", "title: a\\b", "title: 'a\\b'", 'title: "a\\\\b"', "title: 'a#b'", 'title: "a: b"',
]


@pytest.mark.parametrize("text", TRICKY)
def test_tricky_front_matter_is_read_as_pyyaml_reads_it_or_declined(text):
    assert agrees(text), (plainyaml.read(text), _pyyaml(text))


def test_tricky_values_the_fast_reader_must_decline():
    """What a subset reader is most tempted to take: the table above is not passed by declining only these."""
    for text in ("flag: yes", "flag: ~", "number: 07", "title: a # c", "title: &a x\nother: *a", "title: a\n  more",
                 "topics:\n- a\n  b", "title: 'it''s'", 'title: "a\\"b"', "title: a\u2028b", "flag:"):
        assert plainyaml.read(text) is None, text


def test_the_usual_front_matter_is_read_without_pyyaml():
    files = synthetic.archive(60, shape="real")
    fronts = [text.split("---\n")[1] for rel, text in files.items() if rel.endswith(".md")]
    read = [f for f in fronts if plainyaml.read(f) is not None]
    assert len(read) == len(fronts) and all(agrees(f) for f in fronts)
    assert plainyaml.read("title: 文\nissuer: [甲, 乙]\ntopics:\n  - 财政\n  - 审计\nid: 'x-1'") == (
        [("title", 0), ("issuer", 1), ("topics", 2), ("id", 5)],
        {"title": "文", "issuer": ["甲", "乙"], "topics": ["财政", "审计"], "id": "x-1"})


_PIECES = ["a", "文", "：", "\u3000", " ", "  ", ":", ": ", "#", " #", "-", "- ", "'", '"', "''", "\\", "[", "]", ",",
           ", ", "{", "}", "&", "*", "!", "|", ">", "%", "@", "`", "?", "~", "yes", "no", "on", "null", "1", "0", "07",
           "1.5", "e3", ".", "...", "---", "2025-09-20", "\t", "\n", "\n  ", "\n- ", "\n  - ", "<<", "=", "\ufeff",
           "\u2028", "\x85", "0x", "_", "繁體"]
_value = st.lists(st.sampled_from(_PIECES), max_size=6).map("".join)
_key = st.sampled_from(["title", "topics", "a", "文号", "yes", "1", "id", "x_y", "title "])
_line = st.tuples(_key, st.sampled_from([": ", ":", ":  ", ": \n- ", ":\n  - ", ":\n- "]), _value).map("".join)


@settings(max_examples=examples(3000), deadline=None, derandomize=True)
@given(st.lists(_line, min_size=1, max_size=5).map("\n".join))
def test_generated_front_matter_is_read_as_pyyaml_reads_it_or_declined(text):
    assert agrees(text), (text, plainyaml.read(text), _pyyaml(text))


def _documents():
    """Every content file of the sample site; one of its documents with each hostile payload as its title (plain
    and quoted), and with each line of the tricky table in place of its title line."""
    root = ROOT
    files = [(p.relative_to(root).as_posix(), p.read_bytes()) for folder in ("gazette", "interpretations")
             for p in sorted((root / folder).rglob("*.md"))]
    document = next(data for rel, data in files if not rel.endswith("index.md") and rel.startswith("gazette/"))
    title = document.decode().split("\n")[1]
    payloads = [line for line in (ROOT / "tests/hostile/front_matter_payloads.txt").read_text(encoding="utf-8").splitlines() if line]
    for n, payload in enumerate(payloads):
        for written in (payload, f"'{payload}'", f'"{payload}"'):
            files.append((f"payload-{n}.md", document.decode().replace(title, f"title: {written}", 1).encode()))
    files += [(f"tricky-{n}.md", document.decode().replace(title, text, 1).encode()) for n, text in enumerate(TRICKY)]
    return files


def test_every_sample_and_hostile_file_reads_the_same_without_the_fast_reader(monkeypatch):
    """The whole read (source.parse): values, key lines, body and every diagnostic, with and without plainyaml."""
    files = _documents()
    fast = [source.parse(rel, data) for rel, data in files]
    monkeypatch.setattr(plainyaml, "read", lambda text: None)
    assert fast == [source.parse(rel, data) for rel, data in files]
    assert len(files) > 200 and sum(result.source is None for result in fast) > 50  # errors compared too


def test_a_line_read_before_gives_each_file_its_own_list():
    """Lines are read once for all files (plainyaml._entry's cache): a flow list is still each file's own object."""
    text = "issuer: [甲, 乙]\ntitle: 文"
    first = plainyaml.read(text)[1]
    first["issuer"].append("丙")
    assert plainyaml.read(text) == ([("issuer", 0), ("title", 1)], {"issuer": ["甲", "乙"], "title": "文"})
