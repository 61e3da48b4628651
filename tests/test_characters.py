"""Characters no page, feed or twin can hold (lone surrogates, control characters, noncharacters) are
a diagnostic at the line of the key, however they are written or wherever they are nested; what
passes the check always gives well-formed XML and JSON."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest
import yaml
from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import TODAY, Repo, minimal_files, examples
from deadline import within
from gongbao.publish.check import check
from gongbao.publish.render import site

DOC = "gazette/2018/06/xzbf-68.md"
HINT = "删除该字符；YAML 中不要写 \\x07、\\ud800 这类转义"
KINDS = {  # YAML escape → how the diagnostic names it
    "\\ud800": "无法编码的孤立代理码位 U+D800", "\\udfff": "无法编码的孤立代理码位 U+DFFF",
    "\\x07": "不可见的控制字符 U+0007", "\\e[31m": "不可见的控制字符 U+001B", "\\0": "不可见的控制字符 U+0000",
    "\\x7f": "不可见的控制字符 U+007F", "\\x85": "不可见的控制字符 U+0085", "\\x9f": "不可见的控制字符 U+009F",
    "\\ufffe": "非字符码位 U+FFFE", "\\uffff": "非字符码位 U+FFFF", "\\ufdd0": "非字符码位 U+FDD0",
    "\\U0010ffff": "非字符码位 U+10FFFF", "\\U0001fffe": "非字符码位 U+1FFFE",
}


def own(repo: Repo) -> list[str]:
    """The document's own diagnostics (its interpretation then misses it: reported too, elsewhere)."""
    with within(5):
        return [m for m in repo.messages() if m.startswith(DOC)]


@pytest.mark.parametrize("escape", KINDS)
def test_escaped_character_in_a_title(repo: Repo, escape):
    repo.replace(DOC, "title: 关于印发示例办法的通知", f'title: "关于{escape}印发示例办法的通知"')
    assert own(repo) == [f"{DOC}:2: front matter 中 “title” 含有{KINDS[escape]} — {HINT}"]


@pytest.mark.parametrize("old, new, line, key", [
    ("issuer: 无锡市人民政府办公室", 'issuer: [无锡市人民政府办公室, "\\ud800"]', 4, "issuer"),
    ("issuer: 无锡市人民政府办公室", 'issuer:\n  - 无锡市人民政府办公室\n  - "\\x07"', 4, "issuer"),
    ("section: 市政府办公室文件", 'section: 市政府办公室文件\ncorrections:\n  - {date: 2018-07-02, change: "\\ud800", reason: 排版}',
     11, "corrections"),
    ("section: 市政府办公室文件", 'section: 市政府办公室文件\ntopics: [{a: [[["\\x1b"]]]}]', 11, "topics"),
    ("status: 执行中", '"\\ud800": 执行中', 8, "\\ud800"),
    ("title: 关于印发示例办法的通知", 'title: "關於印發示例辦法的通知\\u0085"', 2, "title"),   # Traditional script
    ("title: 关于印发示例办法的通知", '標題: "關於\\x07"', 2, "標題"),                         # a key alias
    ("title: 关于印发示例办法的通知", 'title: "关于\\x9b31m印发"', 2, "title"),                 # C1 CSI
    ("title: 关于印发示例办法的通知", 'title: "关于\\\n  \\x07印发"', 2, "title"),              # folded over lines
])
def test_character_in_lists_mappings_keys_and_other_scripts(repo: Repo, old, new, line, key):
    repo.replace(DOC, old, new)
    messages = own(repo)
    assert len(messages) == 1 and messages[0].startswith(f"{DOC}:{line}: front matter 中 “{key}” 含有"), messages


@pytest.mark.parametrize("raw", ["\x07", "\x1b", "\x7f", "\ufffe", "\x00"])
def test_raw_character_in_a_value_is_refused_too(repo: Repo, raw):
    repo.replace(DOC, "title: 关于印发示例办法的通知", f"title: 关于{raw}印发示例办法的通知")
    messages = own(repo)
    assert len(messages) == 1 and messages[0].startswith(f"{DOC}:2: "), messages


@pytest.mark.parametrize("text", ["a\tb", "第一行\n第二行", "A & B “引号” ]] 😀 \u2028 \ufeff"])
def test_tab_newline_and_ordinary_unicode_are_text(repo: Repo, text):
    """In a value that may hold them (责编: a title is one line, html_safety.title_problems)."""
    repo.replace(DOC, "title: 关于印发示例办法的通知", "title: 关于印发示例办法的通知\neditor: " + json.dumps("法制办" + text, ensure_ascii=False))
    assert own(repo) == []


@pytest.mark.parametrize("where, text", [
    ("site name", 'site: {name: "测试\\x07公报", url: "https://example.gov.cn/"}'),
    ("footer", 'footer: {主办: "\\ud800"}'),
    ("issuer", 'issuers: {"无锡市人民政府\\x1b": wxszf}'),
])
def test_characters_in_gazette_yml(repo: Repo, where, text):
    settings_text = (repo.path / "gazette.yml").read_text(encoding="utf-8")
    key = text.split(":")[0]
    lines = [line for line in settings_text.splitlines() if not line.startswith(key + ":")]
    repo.write("gazette.yml", "\n".join(lines + [text]) + "\n")
    messages = repo.messages()
    assert len(messages) == 1 and messages[0].startswith(f"gazette.yml:{len(lines) + 1}: {key} 中 "), messages
    assert "含有" in messages[0], messages


def test_characters_in_withdrawn_yml(repo: Repo):
    repo.write("withdrawn.yml", '- url: doc/xzbf/2018/99/\n  title: "撤回\\ud800"\n  date: 2019-03-01\n  reason: "理由\\x07"\n')
    assert repo.messages() == [
        f"withdrawn.yml:2: 撤回记录的 title 含有无法编码的孤立代理码位 U+D800 — {HINT}",
        f"withdrawn.yml:4: 撤回记录的 reason 含有不可见的控制字符 U+0007 — {HINT}"]


def _parse_every_output(checked) -> int:
    parsed = 0
    for path, content in site.files(checked.archive, checked.settings).items():
        text = content.decode("utf-8") if isinstance(content, bytes) else content
        text.encode("utf-8")  # strict: a surrogate would raise here, as it does when the file is written
        if path.endswith(".xml"):
            ET.fromstring(text.encode("utf-8"))
            parsed += 1
        elif path.endswith(".json"):
            json.loads(text)
            parsed += 1
    return parsed


@given(st.text(min_size=1, max_size=20))
@settings(max_examples=examples(120), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_title_that_passes_gives_well_formed_feeds_and_twins(tmp_path_factory, title):
    repo = Repo(tmp_path_factory.mktemp("chars") / "repo")
    for rel, text in minimal_files().items():
        repo.write(rel, text)
    for rel in (DOC, "interpretations/xzbf-68-jd.md"):
        front = yaml.safe_dump({"title": title}, allow_unicode=True)  # escapes what YAML cannot hold raw
        repo.replace(rel, "title: " + ("关于印发示例办法的通知" if rel == DOC else "《示例办法》解读") + "\n", front)
    checked = check(repo.path, today=TODAY)
    if checked.ok:
        assert _parse_every_output(checked) >= 5  # two feeds, sitemap, twins, manifest
    else:
        assert all(d.path in (DOC, "interpretations/xzbf-68-jd.md") for d in checked.diagnostics if d.is_error)


def test_every_generated_file_of_the_sample_parses(site_repo: Repo):
    checked = site_repo.check()
    assert checked.ok
    assert _parse_every_output(checked) > 10


@pytest.mark.parametrize("raw", ["\x01", "\x9b", "\ufffe"])
def test_raw_character_names_its_own_line(repo: Repo, raw):
    repo.replace(DOC, "status: 执行中", f"status: 执行{raw}中")
    messages = own(repo)
    assert len(messages) == 1 and messages[0].startswith(f"{DOC}:8: "), messages


def test_raw_character_in_gazette_yml_names_its_line(repo: Repo):
    repo.write("gazette.yml", (repo.path / "gazette.yml").read_text(encoding="utf-8") + "footer: {主办: \"a\x01\"}\n")
    assert repo.messages() == ["gazette.yml:4: 配置文件无法解析：unacceptable character #x0001: special characters are not allowed "
                               "— 检查 YAML 语法（UTF-8 编码，不用别名 & 和 *）"]
