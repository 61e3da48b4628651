"""What an editor wrote, named in a message, is quoted as the project quotes it (chars.quoted): in “…”, a character that
would not show as itself — here a zero-width space pasted with the text — as its \\u escape, a backslash not doubled.
One test a family of messages that quoted with Python's repr ('…'), or with "…" and, as yamlread.described did, left
the zero-width space as it is: the message then named a value that read exactly as the right one."""
from __future__ import annotations

import json

import pytest

from conftest import Repo
from gongbao.cli import main
from gongbao.content import lock, mkdocs_config, redirects
from gongbao.identifiers import chars, numerals
from gongbao.identifiers.headings import Anchor
from gongbao.tools import scaffold

from test_mkdocs_yml import SHIPPED

DOC = "gazette/2018/06/xzbf-68.md"
JD = "interpretations/xzbf-68-jd.md"
ZW = "\u200b"       # a zero-width space, as a paste from a web page or Word brings it
SHOWN = "\\u200b"   # how a message writes it


def test_quoted_writes_an_invisible_character_of_any_plane_as_one_escape():
    assert chars.quoted(f"锡政办发{ZW}〔2018〕") == f"“锡政办发{SHOWN}〔2018〕”"
    assert chars.quoted("關於\u3000某事\\") == "“關於\\u3000某事\\”"  # Traditional text as it is, one backslash
    # past the Basic Plane (a tag character): \ue0001 would read as U+E000 followed by a 1
    assert chars.quoted("甲\U000e0001") == "“甲\\U000e0001”"


def test_the_lock_files_entries_quote_their_url_and_kind(repo: Repo, capsys):
    assert main(["lock", "--root", str(repo.path), "--write"]) == 0
    capsys.readouterr()
    data = json.loads((repo.path / lock.FILENAME).read_text(encoding="utf-8"))
    data["urls"][f"doc/xzbf/2018/68/{ZW}"] = "x"
    data["urls"]["doc/xzbf/2018/68/"]["kind"] = f"document{ZW}"
    data["urls"]["doc/xzbf/2018/69/\x1b[2K"] = dict(data["urls"]["gazette/2018/06/"])  # was repr's \x1b, unquoted
    _, problems = lock.parse(json.dumps(data, ensure_ascii=False, indent=2))
    told = [d.message for d in problems]
    assert f"gazette.lock.json 中“doc/xzbf/2018/68/{SHOWN}”的条目无效：应为对象，却是 str" in told
    assert any(m.startswith(f"gazette.lock.json 中“doc/xzbf/2018/68/”的条目无效：kind “document{SHOWN}” 应为 ")
               for m in told), told
    assert "gazette.lock.json 中“doc/xzbf/2018/69/\\u001b[2K”的条目无效：条目含有不可见的控制字符 U+001B" in told
    twice = '{"version": 2, "urls": {"a\\u200b": {}, "a\\u200b": {}}}'
    assert lock.parse(twice)[1][0].message == f"gazette.lock.json 无法读取：键“a{SHOWN}”出现两次"


def test_mkdocs_yml_values_are_quoted(repo: Repo):
    repo.write("mkdocs.yml", SHIPPED.replace("docs_dir: content", f"docs_dir: content{ZW}")
               .replace("site_name: x\n", f"site_name: x\nsite_url: https://x.cn/{ZW}\nexclude_docs: |\n  !.x{ZW}\n"))
    told = [d.message for d in mkdocs_config.problems(repo.path)]
    assert any(m.startswith(f"docs_dir 应为 content，而不是“content{SHOWN}”（") for m in told), told
    assert any(m.startswith(f"exclude_docs 中的“!.x{SHOWN}”会把") for m in told), told
    assert any(m.startswith(f"mkdocs.yml 不能有 site_url（“https://x.cn/{SHOWN}”）") for m in told), told


def test_mkdocs_yml_theme_values_and_nav_links_are_quoted(repo: Repo):
    repo.write("mkdocs.yml", SHIPPED.replace("  custom_dir: overrides\n", f"  custom_dir: overrides\n  language: zh{ZW}\n"
                                                                        "  favicon: https://cdn.example.com/a.ico\n")
               + f"nav:\n  - 外链: \"javascript:alert(1){ZW}\"\n")
    told = [m for m in repo.messages() if m.startswith("mkdocs.yml")]
    assert any(f"theme 的设置值“zh{SHOWN}”不是名称、颜色或路径" in m for m in told), told
    assert any("theme 的设置值“https://cdn.example.com/a.ico”指向其他网站" in m for m in told), told
    assert any(f"导航（nav）中的链接“javascript:alert(1){SHOWN}”使用了不安全的协议" in m for m in told), told
    long = "javascript:" + "甲" * 60  # clipped as before, now with its …
    repo.write("mkdocs.yml", SHIPPED + f"nav:\n  - 外链: \"{long}\"\n")
    assert any(f"导航（nav）中的链接“{long[:40]}…”使用了不安全的协议" in m for m in repo.messages())


def test_an_interpretations_slug_is_quoted(repo: Repo):
    repo.replace(JD, "kind: 文字解读", f"kind: 文字解读\nslug: xzbf-68{ZW}-jd")
    assert any(f"{JD}:6: 解读的网址名“xzbf-68{SHOWN}-jd”无效" in m for m in repo.messages())


def test_previous_urls_are_quoted(repo: Repo):
    repo.replace(DOC, "status: 执行中", f"status: 执行中\nprevious_urls: [doc/xzbf/2018/6{ZW}8/]")
    repo.replace(JD, "kind: 文字解读", f"kind: 文字解读\nprevious_urls: [doc/xzbf/2018/99/{ZW}]")
    told = repo.messages()
    assert any(f"{DOC}:9: previous_urls：文件网址“doc/xzbf/2018/6{SHOWN}8/”无效" in m for m in told), told
    assert any(f"{JD}:6: previous_urls：“doc/xzbf/2018/99/{SHOWN}”不是解读的网址" in m for m in told), told


def test_a_value_described_by_the_front_matters_reader_escapes_a_zero_width_space(repo: Repo):
    """yamlread.described escaped only what chars.shown does (controls, bidi): “2028-06-30” with a zero-width space read as the right date."""
    repo.replace(DOC, "status: 执行中", f'status: 执行中\nexpires: "2028-06-30{ZW}"')
    assert any(f"{DOC}:9: expires 的日期 “2028-06-30{SHOWN}” 格式不对" in m for m in repo.messages())


def test_an_attachments_file_is_quoted_and_a_value_of_another_kind_described(repo: Repo):
    repo.replace(DOC, "\n---\n", f"\nattachments:\n  - file: xzbf-68/附件{ZW}1.pdf\n    title: 附件1\n"
                                 "  - file:\n    title: 附件2\n---\n")
    told = repo.messages()
    assert any(f"attachments 第 1 项 的 file “xzbf-68/附件{SHOWN}1.pdf” 只能含" in m for m in told), told
    assert any("attachments 第 2 项 的 file 空值 应为文件路径" in m for m in told), told  # was: file None


@pytest.mark.parametrize("parse, text, message", [
    (Anchor.parse, f"art-3{ZW}", f"锚点“art-3{SHOWN}”无效"),
    (redirects.parse_alias, f"wj{ZW}/x/", f"“wj{SHOWN}/x/”不是文号别名网址"),
    (numerals.parse, f"二{ZW}", f"不是中文数字：“二{SHOWN}”"),
    (scaffold.parse_issue, f"2018/0{ZW}6", f"期“2018/0{SHOWN}6”无法识别"),
])
def test_identifiers_quote_what_they_cannot_read(parse, text, message):
    with pytest.raises((ValueError, scaffold.ScaffoldError)) as caught:
        parse(text)
    assert str(caught.value).startswith(message)


def test_the_new_command_quotes_what_it_was_given(repo: Repo, capsys):
    root = ["--root", str(repo.path)]
    assert main(["new", "interpretation", *root, "--of", "锡政办发〔2018〕68号", "--kind", f"图解{ZW}"]) == 1
    assert f"解读形式 “图解{SHOWN}” 无效" in capsys.readouterr().err
    assert main(["new", "interpretation", *root, "--of", "锡政办发〔2018〕68号", "--slug", f"a{ZW}b"]) == 1
    assert f"slug “a{SHOWN}b” 无效" in capsys.readouterr().err
    assert main(["new", "document", *root, "--issue", "2018/06", "--type", "规范性文件", "--number", "锡府发〔2018〕1号",
                 "--title", "关于某事的通知"]) == 1
    assert "文号 锡府发〔2018〕1号 的机关代字“锡府发”没有网址代码" in capsys.readouterr().err


@pytest.mark.parametrize("old, new, told", [
    # the value told invalid, and the one it should be, read alike
    ("disclosure: 主动公开", f"disclosure: 主动公开{ZW}", f"{DOC}:9: disclosure “主动公开{SHOWN}” 无效，应为 主动公开|"),
    ("status: 执行中", f"status: 执行中\nlanguage: zh-{ZW}Hant", f"{DOC}:9: language “zh-{SHOWN}Hant” 无效"),
    ("section: 市政府办公室文件", f"section: 市政府办公室文件{ZW}", f"{DOC}:10: 栏目“市政府办公室文件{SHOWN}”不在 2018年第6期 的 sections 中"),
    ("issuer: 无锡市人民政府办公室", f"issuer: 无锡市人民政府办公室{ZW}", f"{DOC}:4: 制发机关“无锡市人民政府办公室{SHOWN}”不在"),
    ("section: 市政府办公室文件", f"section: 市政府办公室文件\ntopics: [綜合政務{ZW}]", f"{DOC}:11: 主题分类“綜合政務{SHOWN}”不在分类表中"),
    ("section: 市政府办公室文件", f"section: 市政府办公室文件\nindex_number: 014000000/2018-0006{ZW}8",
     f"{DOC}:11: 索引号“014000000/2018-0006{SHOWN}8”不符合本站格式"),
    ("doc_number: 锡政办发〔2018〕68号", "doc_number: 锡政办法〔2018〕68号", f"{DOC}:3: 文号 锡政办法〔2018〕68号 的机关代字“锡政办法”没有"),
])
def test_a_value_outside_its_vocabulary_is_quoted(repo: Repo, old, new, told):
    repo.replace("gazette.yml", "issuers:", "index_number_pattern: '\\d{9}/\\d{4}-\\d{5}'\nissuers:")
    repo.replace(DOC, old, new)
    assert any(m.startswith(told) for m in repo.messages()), repo.messages()


# gazette.yml's own messages named an issuer's, a 机关代字's or a topic's name, a footer field or a key no setting has
# through chars.shown, which leaves a zero-width space as it is: issuer_codes 中 锡府发 不是机关代字, of a 锡府发 that
# read as a good one.
@pytest.mark.parametrize("old, new, told", [
    ("锡政发: xzf", f"锡府{ZW}发: xf", f"gazette.yml:3: issuer_codes 中 “锡府{SHOWN}发” 不是机关代字"),
    ("锡政发: xzf", f"锡府{ZW}发: XF", f"gazette.yml:3: issuer_codes 中 “锡府{SHOWN}发” 的代码 “XF” 无效"),
    ("锡政发: xzf", f"錫政{ZW}發: id", f"gazette.yml:3: issuer_codes 中 “锡政{SHOWN}发” 的代码不能是 id"),
    ("无锡市人民政府: wxszf", f"无锡市人民{ZW}政府: 政府", f"gazette.yml:2: issuers 中 “无锡市人民{SHOWN}政府” 的代码 “政府” 无效"),
    ("issuer_codes:", f"topics: {{综合{ZW}政务: 综合}}\nissuer_codes:", f"gazette.yml:3: topics 中 “综合{SHOWN}政务” 的代码 “综合” 无效"),
    ("issuer_codes:", f"topics: {{综合政务: zh, 政务公开: zh{ZW}}}\nissuer_codes:", "gazette.yml:3: topics 中 “政务公开” 的代码 “zh\\u200b” 无效"),
    ("issuer_codes:", f"site{ZW}: {{}}\nissuer_codes:", f"gazette.yml:3: 未知的设置 “site{SHOWN}”"),
    ("issuer_codes:", f"footer: {{icp{ZW}: 【不予公开】备案号【/不予公开】}}\nissuer_codes:",
     f"gazette.yml:3: footer 中 “icp{SHOWN}” 中不能含有不予公开标记"),
    ("无锡市人民政府: wxszf", f"无锡市人民政府{ZW}<b>: wxszf", f"gazette.yml:2: issuers 中 “无锡市人民政府{SHOWN}<b>” 中不能含有 <"),
    ("锡政发: xzf", f"锡政发: xzf, 锡政发{ZW}: xzf", f"gazette.yml:3: issuer_codes 中代码 “xzf” 被多个机关代字使用"),
])
def test_the_settings_name_what_the_editor_wrote_quoted(repo: Repo, old, new, told):
    repo.replace("gazette.yml", old, new)
    assert any(m.startswith(told) for m in repo.messages()), repo.messages()
