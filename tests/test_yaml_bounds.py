"""YAML that would take minutes or all memory (alias bombs) or the whole stack (deep nesting) is a
diagnostic within seconds, in front matter, gazette.yml and withdrawn.yml alike."""
from __future__ import annotations

import json

import pytest

from conftest import Repo
from deadline import within
from gongbao.content import mkdocs_config, yamlread

DOC = "gazette/2018/06/hostile.md"  # beside the valid document, which stays
FRONT_HINT = "front matter 只写 key: value 和简单列表，不用 YAML 别名（& 和 *）"
TOO_MANY = f"展开别名（*）后超过 {yamlread.MAX_VALUES} 个值"
TOO_DEEP = f"嵌套超过 {yamlread.MAX_DEPTH} 层"


def laughs(template: str, mapping: bool = False) -> str:
    """The billion laughs: each of nine keys names the previous one nine times."""
    lines, previous = [], None
    for key in "abcdefghi":
        items = ['"lol"'] * 9 if previous is None else [f"*{previous}"] * 9
        if mapping:
            items = [f"x{n}: {item}" for n, item in enumerate(items)]
        lines.append(template.format(key=key, items=", ".join(items), first=items[0]))
        previous = key
    return "\n".join(lines) + "\n"


BOMBS = {  # name → (YAML text, line of the key whose value explodes)
    "flow lists": (laughs("{key}: &{key} [{items}]"), 9),
    "flow mappings": (laughs("{key}: &{key} {{{items}}}", mapping=True), 9),
    "block lists": (laughs("{key}: &{key}\n" + "  - {first}\n" * 9).replace("\n\n", "\n"), 81),
    "under a title": (laughs("x{key}: &{key} [{items}]") + "title: *i\n", 10),
}


def test_the_classic_bomb_is_small():
    assert len(BOMBS["flow lists"][0].encode()) < 600


@pytest.mark.parametrize("name", BOMBS)
def test_alias_bomb_in_front_matter_is_refused_within_seconds(repo: Repo, name):
    text, line = BOMBS[name]
    repo.write(DOC, f"---\n{text}---\n正文\n")
    with within(2):
        messages = repo.messages()
    assert messages == [f"{DOC}:{line + 1}: front matter 过于复杂：{TOO_MANY} — {FRONT_HINT}"]


def test_aliases_within_the_limit_still_load():
    assert yamlread.load_yaml("a: &x [1, 2]\nb: *x\n")[1] == {"a": [1, 2], "b": [1, 2]}


def test_merge_key_bomb_is_refused():
    with within(2), pytest.raises(yamlread.Unbounded):
        yamlread.load_yaml(laughs("{key}: &{key} {{{items}}}", mapping=True) + "z: {<<: *i}\n")


def test_a_recursive_anchor_is_too_deep():
    with within(2), pytest.raises(yamlread.Unbounded) as caught:
        yamlread.load_yaml("a: &a [*a]\n")
    assert caught.value.problem == TOO_DEEP


@pytest.mark.parametrize("depth", [21, 500, 5000, 100_000])
@pytest.mark.parametrize("shape", ["lists", "mappings", "block"])
def test_deep_nesting_is_refused_within_seconds(repo: Repo, depth, shape):
    if shape == "lists":
        value, line = "[" * depth + "]" * depth, 2
    elif shape == "mappings":
        value, line = "{a: " * depth + "1" + "}" * depth, 2
    else:
        depth = min(depth, 500)  # indentation grows quadratically: 500 levels is 125,000 spaces
        value = "".join("\n" + "  " * level + "- " for level in range(1, depth + 1)) + "x"
        line = 2 + yamlread.MAX_DEPTH
    repo.write(DOC, f"---\ntitle: {value}\n---\n正文\n")
    with within(5):
        messages = repo.messages()
    assert messages == [f"{DOC}:{line}: front matter 过于复杂：{TOO_DEEP} — {FRONT_HINT}"]


def test_nesting_at_the_limit_loads():
    depth = yamlread.MAX_DEPTH - 1
    assert yamlread.load_yaml("a: " + "[" * depth + "]" * depth)[1]["a"] is not None


@pytest.mark.parametrize("name", BOMBS)
def test_alias_bomb_in_gazette_yml(repo: Repo, name):
    text, line = BOMBS[name]
    repo.write("gazette.yml", (repo.path / "gazette.yml").read_text(encoding="utf-8") + "extra:\n  " +
               text.replace("\n", "\n  "))
    with within(2):
        messages = repo.messages()
    assert len(messages) == 1 and messages[0].startswith("gazette.yml:") and TOO_MANY in messages[0], messages


def test_deep_gazette_yml(repo: Repo):
    repo.write("gazette.yml", "site: " + "[" * 500 + "]" * 500 + "\n")
    with within(5):
        assert repo.messages() == [f"gazette.yml:1: 配置文件无法解析：{TOO_DEEP} — 检查 YAML 语法（UTF-8 编码，不用别名 & 和 *）"]


@pytest.mark.parametrize("name", BOMBS)
def test_alias_bomb_in_withdrawn_yml(repo: Repo, name):
    text, _ = BOMBS[name]
    repo.write("withdrawn.yml", "- " + text.replace("\n", "\n  "))
    with within(2):
        messages = repo.messages()
    assert len(messages) == 1 and messages[0].startswith("withdrawn.yml:") and TOO_MANY in messages[0], messages


def test_deep_withdrawn_yml(repo: Repo):
    repo.write("withdrawn.yml", "- " * 200 + "x\n")
    with within(5):
        assert repo.messages() == [
            f"withdrawn.yml:1: withdrawn.yml 无法解析：{TOO_DEEP} — 检查 YAML 语法（UTF-8 编码，不用别名 & 和 *）"]


SCALARS = {  # a value PyYAML's constructors fail to convert, each raising its own exception: told in words, not Python's
    "int past Python's digit limit": ("1" * 5000, "整数 " + "1" * 40 + "… 的位数太多"),
    "not an int": ("!!int 十二", "十二 不是十进制整数"),
    "not a bool": ("!!bool maybe", "maybe 不是 true 或 false"),
}


@pytest.mark.parametrize("name", SCALARS)
@pytest.mark.parametrize("where", ["front matter", "gazette.yml", "withdrawn.yml"])
def test_a_scalar_that_fails_to_convert_is_a_yaml_error_at_its_line(repo: Repo, name, where):
    value, problem = SCALARS[name]
    if where == "front matter":
        file, text, line = DOC, f"---\ntitle: 标题\nx: {value}\n---\n正文\n", 3
    elif where == "gazette.yml":
        gazette = (repo.path / "gazette.yml").read_text(encoding="utf-8")
        file, text, line = where, gazette + f"extra:\n  x: {value}\n", gazette.count("\n") + 2
    else:
        file, text, line = where, f"- x: {value}\n", 1
    repo.write(file, text)
    messages = repo.messages()
    assert len(messages) == 1 and messages[0].startswith(f"{file}:{line}: ") and problem in messages[0], messages


@pytest.mark.parametrize("hostile, line", [("deep nav", 3), ("alias bomb", 2)])
def test_hostile_mkdocs_yml_is_refused_within_seconds(repo: Repo, hostile, line):
    nav = "[" * 10_000 + "]" * 10_000 + "\n" if hostile == "deep nav" else BOMBS["flow lists"][0].replace("\n", "\n    ")
    repo.write("mkdocs.yml", "site_name: x\nnav:\n  - " + nav)
    with within(5):
        messages = repo.messages()
    assert len(messages) == 1 and messages[0].startswith(f"mkdocs.yml:{line}: mkdocs.yml 过于复杂："), messages


def test_a_build_refuses_a_hostile_mkdocs_yml_before_mkdocs_reads_it(site_repo, tmp_path):
    from gongbao.publish.build import BuildFailed, build

    site_repo.write("mkdocs.yml", "site_name: x\nnav:\n  - " + BOMBS["flow lists"][0].replace("\n", "\n    "))
    with within(10), pytest.raises(BuildFailed, match="mkdocs.yml:2: mkdocs.yml 过于复杂"):
        build(site_repo.path, tmp_path / "site", search_index=False, quiet=True)


PLUMBING = ("docs_dir: content\nplugins: []\nhooks:\n  - hooks/gazette.py\nmarkdown_extensions:\n  - attr_list\n  - md_in_html\n"
            "  - tables:\n      use_align_attribute: true\n  - toc:\n      permalink: false\n      marker: \"\"\n"
            "      slugify: !!python/object/apply:pymdownx.slugs.slugify {kwds: {case: lower}}\n")  # what mkdocs.yml must say besides (test_mkdocs_yml.py)


@pytest.mark.parametrize("url", ["https://gazette.example.gov.cn:8443/gongbao/", "https://gazette.example.gov.cn/",
                                 "javascript:alert(1)", "https://gazette.gov.cn@evil.example/", 'https://x.cn/"><script>'])
def test_a_site_url_in_mkdocs_yml_is_refused(repo: Repo, url):
    """gazette.yml's site.url is the site's address: mkdocs.yml's was kept when gazette.yml had none, so the pages were
    under its folder while the redirect rules were written for /, and the folder was held to no rule."""
    repo.write("mkdocs.yml", f"site_name: x\n# 网站地址\nsite_url: {json.dumps(url)}\n{PLUMBING}")
    expected = [f"mkdocs.yml:3: mkdocs.yml 不能有 site_url（“{url}”）：网站地址只写在 gazette.yml 中 — "
                "删去这一行，把网址写在 gazette.yml 的 site.url 中，例如 url: https://gazette.example.gov.cn/"]
    assert repo.messages() == expected
    assert [str(d) for d in mkdocs_config.problems(repo.path)] == expected  # the build's, before MkDocs runs


@pytest.mark.parametrize("url", ["", "null", '""'])
def test_no_site_url_in_mkdocs_yml_is_accepted(repo: Repo, url):
    repo.write("mkdocs.yml", f"site_name: x\nsite_url: {url}\n{PLUMBING}")
    assert repo.messages() == [] and mkdocs_config.problems(repo.path) == []
