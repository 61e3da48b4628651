"""gazette.yml: every unusable setting is reported at once, and the content is checked all the same, against the
settings read: a setting with errors says nothing of the content (Settings.unread)."""
import json

import pytest

from conftest import DOCUMENT, Repo
from gongbao.cli import main
from gongbao.content import settings
from gongbao.content.diagnostics import ContentError
from gongbao.content.settings import EXAMPLE
from gongbao.identifiers.chars import bad_character


def problems(repo: Repo, old: str, new: str) -> list[str]:
    repo.replace("gazette.yml", old, new)
    return repo.messages()


def test_the_minimal_settings_are_valid(repo: Repo):
    assert repo.messages() == []


@pytest.mark.parametrize("code, message", [
    ("XZBF", "gazette.yml:3: issuer_codes 中 “锡政办发” 的代码 “XZBF” 无效 — 用小写字母开头的小写字母和数字，如 xzbf"),
    ("xz-bf", "gazette.yml:3: issuer_codes 中 “锡政办发” 的代码 “xz-bf” 无效 — 用小写字母开头的小写字母和数字，如 xzbf"),
    ("2018", "gazette.yml:3: issuer_codes 中 “锡政办发” 的代码 “2018” 无效 — 用小写字母开头的小写字母和数字，如 xzbf"),
    ("id", "gazette.yml:3: issuer_codes 中 “锡政办发” 的代码不能是 id — doc/id/ 留给没有文号的文件，换一个代码，如 xzbf"),
])
def test_issuer_code_must_make_a_usable_url(repo: Repo, code, message):
    assert problems(repo, "锡政办发: xzbf", f"锡政办发: '{code}'") == [message]


def test_an_agency_written_in_both_scripts_is_a_key_written_twice(repo: Repo):
    """Both are one agency (codes are keyed by the 简体): the second code silently replaced the first."""
    assert problems(repo, "{锡政办发: xzbf,", "{錫政辦發: xzbf,\n  锡政办发: xzb,") == [
        "gazette.yml:4: issuer_codes 中 “锡政办发” 出现了两次（第 3 行和第 4 行） — 只保留一个，删除另一个"]


def test_issuer_code_used_twice(repo: Repo):
    assert problems(repo, "锡政发: xzf", "锡政发: xzbf") == [
        "gazette.yml:3: issuer_codes 中代码 “xzbf” 被多个机关代字使用 — 每个机关代字用不同代码"]


def test_issuer_slug_must_make_a_usable_url(repo: Repo):
    assert problems(repo, "无锡市人民政府办公室: wxszfbgs", "无锡市人民政府办公室: 办公室") == [
        "gazette.yml:2: issuers 中 “无锡市人民政府办公室” 的代码 “办公室” 无效 — 用小写字母、数字和连字符，如 wxszf"]


def test_every_problem_at_once(repo: Repo):
    repo.replace("gazette.yml", "锡政办发: xzbf", "锡政办发: id")
    assert len(problems(repo, "无锡市人民政府办公室: wxszfbgs", "无锡市人民政府办公室: 办公室")) == 2


def settings_messages(repo: Repo, text: str | bytes) -> list[str]:
    from deadline import within

    repo.write("gazette.yml", text)
    with within(5):  # the content's own problems aside: these texts leave out the issuers its documents name
        return [m for m in repo.messages() if m.startswith("gazette.yml:")]


@pytest.mark.parametrize("text, message", [
    ("- site\n- issuers\n", f"gazette.yml:1: gazette.yml 应为 key: value 形式的设置，而不是列表 — 每行写一个 key: value，{EXAMPLE}"),
    ("just text\n", f"gazette.yml:1: gazette.yml 应为 key: value 形式的设置，而不是“just text” — 每行写一个 key: value，{EXAMPLE}"),
    ("site: [a, b]\n", "gazette.yml:1: site 应为 名称: 值 的映射，而不是列表 — 写成\nsite:\n  名称: 值"),
    ("site: {name: x}\nissuers:\n  - 无锡市人民政府\n", "gazette.yml:2: issuers 应为 名称: 值 的映射，而不是列表 — 写成\nissuers:\n  名称: 值"),
    ("issuer_codes: 锡政办发\n", "gazette.yml:1: issuer_codes 应为 名称: 值 的映射，而不是“锡政办发” — 写成\nissuer_codes:\n  名称: 值"),
    ("footer:\n  主办: [a, b]\n", "gazette.yml:2: footer 中 “主办” 的值应为一段文字，而不是列表 — 写成 主办: 值"),
    ("topics:\n  综合政务: {code: zhzw}\n", "gazette.yml:2: topics 中 “综合政务” 应为 {slug: 代码, previous_slugs: [以前的代码]}，"
     "而不是含有 “code” 的映射 — 写成 综合政务: 代码，或 综合政务: {slug: 现在的代码, previous_slugs: [以前的代码]}"),
    ("topics:\n  综合政务: [zhzw]\n", "gazette.yml:2: topics 中 “综合政务” 的值应为一段文字，而不是列表 — 写成 综合政务: 值"),
    ("site:\n  name: [a]\n", "gazette.yml:2: site 中 “name” 的值应为一段文字，而不是列表 — 写成 name: 值"),
    ("index_number_pattern: [a]\n", "gazette.yml:1: index_number_pattern 应为一段文字，而不是列表 — 例如 ^\\d{9}/\\d{4}-\\d{5}$"),
    ("strict: 'no'\n", "gazette.yml:1: strict 应为 true 或 false，实际为 “no” — 写成 strict: true 或 strict: false"),
])
def test_wrong_shapes_are_diagnostics_with_lines(repo: Repo, text, message):
    assert settings_messages(repo, text) == [message]


@pytest.mark.parametrize("value, shown", [
    ("10000000000", "“10000000000”"), ("-1", "“-1”"), ("366", "“366”"), ("'5'", "“5”"), ("5.5", "“5.5”"),
    ("true", "布尔值 true"), ("[5]", "列表"), ("{days: 5}", "映射"), ("1.0e+400", "“1.0e+400”"),
])
def test_grace_days_must_be_a_sane_number(repo: Repo, value, shown):
    text = (repo.path / "gazette.yml").read_text(encoding="utf-8") + f"interpretation_grace_days: {value}\n"
    assert settings_messages(repo, text) == [
        f"gazette.yml:4: interpretation_grace_days 应为 0 到 365 之间的整数（天），实际为 {shown} — 例如 0（同步发布）或 5"]


@pytest.mark.parametrize("value", ["0", "365", "5"])
def test_grace_days_in_range(repo: Repo, value):
    text = (repo.path / "gazette.yml").read_text(encoding="utf-8") + f"interpretation_grace_days: {value}\n"
    assert settings_messages(repo, text) == []


def test_every_shape_problem_at_once(repo: Repo):
    assert len(settings_messages(repo, "site: 1\nissuers: 2\ninterpretation_grace_days: x\nstrict: 3\n")) == 4


def test_invalid_yaml_names_its_line(repo: Repo):
    assert settings_messages(repo, "site:\n  name: [\n") == [
        "gazette.yml:3: 配置文件无法解析：expected the node content, but found '<stream end>' — 检查 YAML 语法（UTF-8 编码，不用别名 & 和 *）"]


@pytest.mark.parametrize("encoding, line, what", [("gbk", 2, "文件不是 UTF-8 编码（可能是 GBK）"),
                                                  ("utf-16", 1, "文件是 UTF-16 编码，不是 UTF-8")])
def test_settings_in_another_encoding_name_it_and_the_line(repo: Repo, encoding, line, what):
    text = "site:\n  name: 无锡市人民政府公报\n"
    assert settings_messages(repo, text.encode(encoding)) == [
        f"gazette.yml:{line}: 配置文件无法读取：{what} — 用编辑器以 UTF-8 编码重新保存该文件"]


@pytest.mark.parametrize("text, first, second, key", [
    ("strict: true\nsite:\n  name: a\nstrict: false\n", 1, 4, "strict"),
    ("site:\n  name: a\n  url: https://a.example/\n  name: b\n", 2, 4, "site.name"),
])
def test_a_key_written_twice_is_refused_at_both_lines(repo: Repo, text, first, second, key):
    assert settings_messages(repo, text) == [
        f"gazette.yml:{second}: {key} 出现了两次（第 {first} 行和第 {second} 行） — 只保留一个，删除另一个"]


@pytest.mark.parametrize("text, line", [
    ("site:\n  name: a\n  interface_script: zh-CN\n", 3),
    ("site:\n  name: a\n  default_language: en\n", 3),
    ("topics:\n  综合政务: zhzw\n  其他: 其他\n", 3),
    ("topics:\n  综合政务: zhzw\n  其他: zhzw\n", 3),
    ("issuers:\n  无锡市人民政府: wxszf\n  无锡市财政局: WX\n", 3),
    ("issuer_codes:\n  锡政发: xzf\n  锡政办发: xzf\n", 3),
    ("issuer_codes:\n  锡政发: xzf\n  锡政办发: id\n", 3),
    ("issuer_codes:\n  锡政发: xzf\n  錫政辦發: xzf\n", 3),  # an agency in 繁体 at its own line, not its section's
    ("issuer_codes:\n  锡政发: xzf\n  錫政辦發: id\n", 3),
    ("issuer_codes:\n  锡政发: xzf\n  錫政辦發: XZ\n", 3),
    ("issuer_codes:\n  锡政发: xzf\n  錫政辦發: [xzbf]\n", 3),
    ("site: {name: a}\nindex_number_pattern: '('\n", 2),
    ("site: {name: a}\nindex_number_pattern: '(a+)+'\n", 2),
])
def test_every_settings_error_names_the_line_of_its_key(repo: Repo, text, line):
    messages = settings_messages(repo, text)
    assert len(messages) == 1 and messages[0].startswith(f"gazette.yml:{line}: "), messages


@pytest.mark.parametrize("text, message", [
    ("site: {name: a}\nstrict: false\ninterpretation_grace_day: 5\n",
     "gazette.yml:3: 未知的设置 “interpretation_grace_day”（是否应为 interpretation_grace_days？） — 删去它，或改正拼写"),
    ("site:\n  name: a\n  ulr: https://a.example/\n",
     "gazette.yml:3: 未知的设置 site 中 “ulr”（是否应为 site.url？） — 删去它，或改正拼写"),
    ("site: {name: a}\ncolour: red\n", "gazette.yml:2: 未知的设置 “colour” — 删去它，或改正拼写"),
])
def test_an_unknown_setting_is_refused_with_the_nearest_known_name(repo: Repo, text, message):
    assert settings_messages(repo, text) == [message]


@pytest.mark.parametrize("url", ["https://:443/", "https:///path", "https://a.example:http/", "https://a.example:70000/",
                                 "https://a.example:-1/", "https://a .example/", "https://user:pw@a.example/",
                                 "https://user@a.example/", "ftp://a.example/"])
def test_a_bad_site_url_is_refused_at_its_line(repo: Repo, url):
    assert problems(repo, 'url: "https://example.gov.cn/"', f"url: {url!r}") == [
        f"gazette.yml:1: site.url 应为以 http:// 或 https:// 开头的完整网址，而不是 “{url}” — "
        "例如 https://gazette.example.gov.cn/（网址中不能有空格、引号或尖括号）"]


@pytest.mark.parametrize("url", ["https://a.example/", "http://a.example:8080/gazette/", "https://a.example"])
def test_a_good_site_url_is_accepted(repo: Repo, url):
    assert problems(repo, 'url: "https://example.gov.cn/"', f"url: {url!r}") == []


# The loader takes withheld passages out of content files only: a setting is printed on every page as written.
@pytest.mark.parametrize("text, key", [
    ("site: {name: 【不予公开】某某【/不予公开】公报}\n", "site.name"),
    ("site: {name: a}\nfooter:\n  icp: 【不予公開】备案号【/不予公開】\n", "footer 中 “icp”"),
    ("site: {name: a}\nissuers:\n  某局【不予公开】内设处室【/不予公开】: mj\n", "issuers 中 “某局【不予公开】内设处室【/不予公开】”"),
])
def test_a_withholding_mark_in_a_printed_setting_is_refused(repo: Repo, text, key):
    assert any(m.startswith("gazette.yml:") and f"{key} 中不能含有不予公开标记" in m for m in settings_messages(repo, text))


# --- a gazette.yml with errors: told once, and the content checked all the same ---------------------------------

@pytest.mark.parametrize("text", ["", "\n  \n", "# 设置写在这里\n\n", "---\n", "{}\n"],
                         ids=["0 bytes", "whitespace", "comments", "a document marker", "an empty mapping"])
def test_an_empty_gazette_yml_is_one_problem(repo: Repo, text):
    """Not one for each issuer and 机关代字 the documents name, each told to be added to it."""
    repo.write("gazette.yml", text)
    assert repo.messages() == [f"gazette.yml:1: gazette.yml 是空的，没有任何设置 — 用 git 恢复它（git restore gazette.yml）；新建的公报{EXAMPLE}"]


BLOCK = """\
site:
  name: 测试公报
  url: https://example.gov.cn/
  default_language: zh-Hans
issuers:
  无锡市人民政府: wxszf
  无锡市人民政府办公室: wxszfbgs
issuer_codes:
  锡政办发: xzbf
  锡政发: xzf
interpretation_grace_days: 5
interpretations_required_from: 2018-06-03
topics:
  综合政务: zhzw
  示例类: slsl
"""
DOC = "gazette/2018/06/xzbf-68.md"
# an optional value's error: the document still joins the archive, for every rule to see
EFFECTIVE = f"{DOC}:9: effective 的日期 “2018年6月5日” 格式不对 — 写成 effective: 2018-06-05（年-月-日）"


@pytest.mark.parametrize("old, new, line", [
    ("  锡政办发: xzbf", "  锡政办发：xzbf", 9),            # not YAML: nothing read
    ("issuer_codes:", "issuer_code:", 8),                 # a misspelt key: its setting at its default
    ("issuers:", "issuer:", 5),
    ("  锡政办发: xzbf", "  锡政办发: XZBF", 9),
    ("  锡政办发: xzbf", "  锡政办发: [xzbf]", 9),
    ("  无锡市人民政府办公室: wxszfbgs", "  无锡市人民政府办公室: [wxszfbgs]", 7),
    ("issuers:\n", "issuers:\n  无锡市人民政府办公室: a\n", 8),  # written twice
    ("zh-Hans", "zh-CN", 4),
    ("interpretation_grace_days: 5", "interpretation_grace_days: 五", 11),  # the interpretation 3 days late
    ("2018-06-03", "2018年6月3日", 12),  # a document before it, with none
    ("  综合政务: zhzw", "  综合政务: [zhzw]", 14),  # a document of 示例类
])
def test_a_gazette_yml_with_errors_leaves_the_content_checked_without_follow_on_errors(repo: Repo, old, new, line):
    """An editor sees the content's problems in the same round, and none made of a setting's default: each
    document's issuer or 机关代字 told unknown, a locked page told gone, an interpretation told missing."""
    repo.write("gazette.yml", BLOCK)
    repo.replace(DOC, "status: 执行中", "status: 执行中\ntopics: [示例类]")
    repo.replace("interpretations/xzbf-68-jd.md", "published: 2018-06-05", "published: 2018-06-08")
    repo.write("content/about.md", "# 关于\n\n见[示例办法](/doc/xzbf/2018/68/)。\n")  # a page whose URL is known
    repo.write("gazette/2018/06/xzbf-60.md", DOCUMENT.replace("68号", "60号").replace("2018-06-05", "2018-06-01"))
    assert main(["lock", "--root", str(repo.path), "--write"]) == 0
    repo.replace("gazette.yml", old, new)
    repo.replace(DOC, "status: 执行中", "status: 执行中\neffective: 2018年6月5日")
    messages = repo.messages()
    assert [m.split(":")[:2] for m in messages] == [["gazette.yml", str(line)], [DOC, "9"]], messages
    assert messages[1] == EFFECTIVE


def test_a_gazette_yml_that_cannot_be_read_leaves_the_content_checked(repo: Repo):
    repo.write("gazette.yml", BLOCK.encode("gbk"))
    repo.replace(DOC, "status: 执行中", "status: 执行中\neffective: 2018年6月5日")
    assert repo.messages() == ["gazette.yml:2: 配置文件无法读取：文件不是 UTF-8 编码（可能是 GBK） — 用编辑器以 UTF-8 编码重新保存该文件",
                               EFFECTIVE]


def test_the_build_still_stops_at_a_gazette_yml_with_errors(repo: Repo):
    repo.replace("gazette.yml", "锡政办发: xzbf", "锡政办发: XZBF")
    with pytest.raises(ContentError):
        settings.load(repo.path)


@pytest.mark.parametrize("key, written, hint", [
    ("build_date", "2026年12月1日", "写成 build_date: 2026-12-01"),
    ("interpretations_required_from", "2016.11.10", "写成 interpretations_required_from: 2016-11-10"),
    ("interpretations_required_from", "2016年13月10日",
     "例如 interpretations_required_from: 2016-11-10（国办发〔2016〕80号 印发之日）；不写则所有规章、规范性文件都要有解读"),
])
def test_a_date_setting_written_another_way_is_hinted_as_the_day_it_names(repo: Repo, key, written, hint):
    """Not the example 2026-11-29 an editor might copy as the day the snapshot is judged on."""
    (message,) = settings_messages(repo, f"{key}: {written}\n")
    assert message.endswith(f" — {hint}"), message


@pytest.mark.parametrize("text, header", [
    ("issuer_codes:\n  锡政办发: xzbf\nissuer_codes:\n  锡政发: XZF\n  锡政办发: xzbf\n",
     "gazette.yml:3: issuer_codes 出现了两次（第 1 行和第 3 行） — 只保留一个，删除另一个"),
    ("issuer_codes:\n  锡政办发: \"xz\\x00bf\"\n  锡政发: XZF\n",
     "gazette.yml:2: issuer_codes 中 “锡政办发” 含有不可见的控制字符 U+0000 — 删除该字符；YAML 中不要写 \\x07、\\ud800 这类转义"),
], ids=["the section written twice", "a character in another code"])
def test_an_error_at_the_issuer_codes_line_hides_no_code_below_it(repo: Repo, text, header):
    """All errors at once: the code 'XZF' is told in the same round as the error of its section."""
    messages = settings_messages(repo, text)
    assert header in messages
    code_line = text.splitlines().index("  锡政发: XZF") + 1
    assert f"gazette.yml:{code_line}: issuer_codes 中 “锡政发” 的代码 “XZF” 无效 — 用小写字母开头的小写字母和数字，如 xzbf" in messages


def _hostile_settings():
    """Each setting with a NUL, an ESC or a bidi override in a key of its own and in its value (an entry's key and
    value for a section, an item for a list), written twice, or a section's entry given a list."""
    for key in settings.KEYS:
        for char in ("\x00", "\x1b", "\u202e"):
            name, value = json.dumps(f"某{char}机关"), json.dumps(f"ab{char}c")
            if key in settings.SECTIONS:
                sub = "name" if key == "site" else "某机关"
                yield from [f"{key}:\n  {name}: abc\n", f"{key}:\n  {sub}: {value}\n", f"{key}:\n  {name}: [abc]\n",
                            f"{key}:\n  {name}: abc\n  {name}: abd\n"]
            else:
                own = json.dumps(key + char)
                item = f"[{value}]" if key.startswith("consultation_") else value
                yield from [f"{own}: 1\n", f"{key}: {item}\n", f"{own}: 1\n{own}: 2\n"]


@pytest.mark.parametrize("text", list(_hostile_settings()))
def test_a_setting_with_a_control_character_is_told_with_it_escaped(tmp_path, text):
    """A key or value of gazette.yml echoed raw would act on the editor's terminal (ESC), cut the line (NUL) or reorder it
    (U+202E): every message shows it escaped."""
    (tmp_path / "gazette.yml").write_text(text, encoding="utf-8")
    _, problems = settings.read(tmp_path)
    assert problems
    assert [str(p) for p in problems if bad_character(str(p))] == []
