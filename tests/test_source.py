"""Reading content files: every broken file is a Diagnostic naming its path (and line), never an exception."""
import os

import pytest

from conftest import DOCUMENT, Repo
from deadline import within
from gongbao.content.source import MAX_BYTES, parse, read

DOC = "gazette/2018/06/xzbf-68.md"


def first_problem(repo: Repo) -> str:
    """The check's diagnostic about the broken document (others may follow from it: its interpretation)."""
    found = [str(d) for d in repo.check().diagnostics if d.path == DOC]
    assert len(found) == 1, found
    return found[0]


def test_source_keeps_key_lines_and_body_line():
    result = parse("a.md", "---\ntitle: 标题\nwritten: 2018-06-05\ntopics: [政务公开, 公报]\n---\n正文第一行\n第二行\n".encode())
    assert result.diagnostics == []
    source = result.source
    assert source.meta == {"title": "标题", "written": "2018-06-05", "topics": ["政务公开", "公报"]}
    assert source.key_lines == {"title": 2, "written": 3, "topics": 4}
    assert source.body == "正文第一行\n第二行\n"
    assert source.body_line == 6
    assert source.line_of("missing") == 1


def test_dates_stay_text_so_that_impossible_dates_are_our_error():
    assert parse("a.md", b"---\nwritten: 2018-02-30\n---\n").source.meta == {"written": "2018-02-30"}


def test_invalid_yaml_names_its_line(repo: Repo):
    repo.replace(DOC, "type: 规范性文件", "type: 规范性文件: 其他")
    assert first_problem(repo) == (
        f"{DOC}:5: front matter 不是合法的 YAML：这一行的值中有“: ”（冒号加空格），被读成了又一个 key：给整个值加引号 — "
        "检查冒号后是否有空格、引号是否成对、缩进是否一致；含冒号的值请加引号")


@pytest.mark.parametrize("line", ["- 锡政办发〔2018〕1号{spaces}x", "doc_number: x{spaces}y", "issuer：x{spaces}", "title{spaces}x"])
def test_a_long_line_of_a_broken_front_matter_is_read_in_linear_time(repo: Repo, line):
    """What a file that cannot be read names and the line its mistake is on are looked for by patterns: a lazy value
    before optional spaces took seconds for 32,000 spaces and hours for a megabyte."""
    repo.replace(DOC, "status: 执行中\n", "status: 执行中\n" + line.format(spaces=" " * 1_000_000) + "\n")
    with within(10):
        assert len(first_problem(repo)) < 400


def test_unclosed_bracket_is_reported_where_it_opens(repo: Repo):
    """Not on the next line, where PyYAML notices it."""
    repo.replace(DOC, "title: 关于", "title: [关于")
    assert first_problem(repo) == (
        f"{DOC}:2: front matter 不是合法的 YAML：这一行的 [ 没有配对的 ] — "
        "检查冒号后是否有空格、引号是否成对、缩进是否一致；含冒号的值请加引号")


HINT = "检查冒号后是否有空格、引号是否成对、缩进是否一致；含冒号的值请加引号"
COLON = "key 后的冒号是全角冒号“：”，应为半角冒号加空格（key: 值）"


@pytest.mark.parametrize("old, new, line, problem", [
    # pasted from a word processor: noticed by PyYAML on the next line (or the next after blank ones), in its words
    ("issuer: ", "issuer：", 4, COLON),
    ("issuer: ", "issuer： ", 4, COLON),
    ("issuer: 无锡市人民政府办公室\n", "issuer：无锡市人民政府办公室\n\n# 下一项\n", 4, COLON),
    ("title: ", "title：", 2, COLON),  # the first key: noticed as a mapping value not allowed on the next line
    ("type: ", "type:\u3000", 5, "冒号后是全角空格或不换行空格（从 Word 粘贴时常见），应为半角空格（key: 值）"),
    ("type: ", "type:\xa0", 5, "冒号后是全角空格或不换行空格（从 Word 粘贴时常见），应为半角空格（key: 值）"),
    ("status: ", "\tstatus: ", 8, "行首有制表符（Tab）：YAML 只能用空格缩进"),
    ("type: ", "type ", 5, "这一行缺少 key 后的冒号：应写成 key: 值（半角冒号加空格）"),
    ("title: 关于印发示例办法的通知", "title: \"关于印发示例办法的通知”", 2,
     "这一行的值以引号开头，却没有以同样的引号结束（中文引号“”不能结束它）"),  # noticed at the end of the front matter
    # and the other mistakes, in words rather than PyYAML's
    ("status: ", " status: ", 8, "这一行的缩进与上一行不一致（同一层的各行要左边对齐）"),
    ("status: 执行中", "status: 执行中\n- 已修订", 9, "这一行的“- ”列表项混在了 key: value 之间：列表项写在它所属的 key: 之下，并缩进"),
    ("title: 关于印发示例办法的通知", "title: '关于印发'示例办法的通知", 2,
     "这一行的值在引号或方括号结束后还有文字：引号、方括号要括住整个值"),
    ("title: 关于印发示例办法的通知", 'title: "关于印发\\示例办法的通知"', 2, "双引号中的反斜杠 \\ 开始了一个转义：改用单引号括起这个值"),
    ("title: 关于印发示例办法的通知", "title: @关于印发示例办法的通知", 2, "值不能以 @ 开头：给整个值加引号"),
])
def test_a_yaml_mistake_is_named_at_its_line_in_words(repo: Repo, old, new, line, problem):
    repo.replace(DOC, old, new)
    assert first_problem(repo) == f"{DOC}:{line}: front matter 不是合法的 YAML：{problem} — {HINT}"


def test_tab_indentation(repo: Repo):
    repo.replace(DOC, "type: 规范性文件", "type:\t规范性文件\n\tsection: x")
    assert first_problem(repo).startswith(f"{DOC}:5: front matter 不是合法的 YAML：found character '\\t'")


def test_unclosed_front_matter(repo: Repo):
    repo.write(DOC, "---\ntitle: 关于印发示例办法的通知\n正文\n")
    assert first_problem(repo) == f"{DOC}:1: front matter 没有结束 — 在元数据之后加一行 ---"


def test_a_doubled_opening_fence_is_named_not_every_key_missing(repo: Repo):
    repo.write(DOC, "---\n" + DOCUMENT)
    assert first_problem(repo) == (
        f"{DOC}:2: front matter 是空的：这一行的 --- 让它提前结束了，元数据落在了正文里 — 删去多余的这一行 ---")


@pytest.mark.parametrize("content", [b"", b"  \n\n", b"\xef\xbb\xbf", b"\r\n"])
def test_empty_file(repo: Repo, content):
    repo.write(DOC, content)
    assert first_problem(repo) == f"{DOC}:1: 文件为空 — 填写以 --- 开头的 front matter 和正文，或删除该文件"


def test_file_without_front_matter(repo: Repo):
    repo.write(DOC, "关于印发示例办法的通知\n")
    assert first_problem(repo) == (
        f"{DOC}:1: 文件缺少 front matter — 第一行应为 ---，随后是 key: value 元数据，再以 --- 结束")


def test_front_matter_that_is_not_a_mapping(repo: Repo):
    repo.write(DOC, "---\n关于印发示例办法的通知\n---\n正文\n")
    assert first_problem(repo) == f"{DOC}:2: front matter 应为 key: value 形式 — 每行写一个 key: value"


def test_gbk_bytes_name_the_first_bad_line(repo: Repo):
    repo.write(DOC, DOCUMENT.encode("gbk"))
    assert first_problem(repo) == f"{DOC}:2: 文件不是 UTF-8 编码（可能是 GBK） — 用编辑器以 UTF-8 编码重新保存该文件"


def test_invalid_utf8_in_the_body(repo: Repo):
    repo.write(DOC, DOCUMENT.encode() + "（二）另一行。\n".encode("gbk"))
    assert first_problem(repo) == f"{DOC}:14: 文件不是 UTF-8 编码（可能是 GBK） — 用编辑器以 UTF-8 编码重新保存该文件"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_is_named_as_such(repo: Repo, encoding):
    """Notepad's "Unicode" is UTF-16 with a byte-order mark: telling its editor "GBK" would send them the wrong way."""
    data = DOCUMENT.encode(encoding)
    if encoding != "utf-16":  # these codecs write no mark; the editors' tools do
        data = ("\ufeff" + DOCUMENT).encode(encoding)
    repo.write(DOC, data)
    assert first_problem(repo) == f"{DOC}:1: 文件是 UTF-16 编码，不是 UTF-8 — 用编辑器以 UTF-8 编码重新保存该文件"


def test_bom_is_harmless(repo: Repo):
    repo.write(DOC, b"\xef\xbb\xbf" + DOCUMENT.encode())
    assert repo.messages() == []
    doc = repo.check().archive.documents[0]
    assert doc.title == "关于印发示例办法的通知"
    assert doc.source.key_lines["title"] == 2


def test_crlf_line_endings_are_harmless(repo: Repo):
    repo.write(DOC, DOCUMENT.replace("\n", "\r\n").encode())
    assert repo.messages() == []
    doc = repo.check().archive.documents[0]
    assert "\r" not in doc.source.body
    assert doc.source.line_of("status") == 8


def test_old_mac_line_endings(repo: Repo):
    repo.write(DOC, DOCUMENT.replace("\n", "\r").encode())
    assert repo.messages() == []


def test_nul_byte_names_its_line(repo: Repo):
    repo.write(DOC, DOCUMENT.replace("（一）加强统筹", "（一）加强\x00统筹").encode())
    assert first_problem(repo) == f"{DOC}:13: 文件含有空字符（NUL），不是文本文件 — 确认这是 Markdown 文本文件"


def test_duplicate_key(repo: Repo):
    repo.replace(DOC, "type: 规范性文件", "type: 规范性文件\ntype: 规章")
    assert first_problem(repo) == f"{DOC}:6: front matter 中 type 出现了两次（第 5 行和第 6 行） — 只保留一个，删除另一个"


@pytest.mark.parametrize("value, shown", [("[2018-06-05]", "列表"), ("{year: 2018}", "映射"), ("6月5日", "“6月5日”"),
                                          ("20180605", "“20180605”"), ("true", "布尔值 true")])
def test_wrong_type_where_a_date_belongs(repo: Repo, value, shown):
    repo.replace(DOC, "written: 2018-06-05", f"written: {value}")
    assert first_problem(repo) == f"{DOC}:6: written 的日期 {shown} 格式不对 — 写成 written: 2018-06-05（年-月-日）"


def test_list_where_text_belongs(repo: Repo):
    repo.replace(DOC, "title: 关于印发示例办法的通知", "title: [关于, 通知]")
    assert first_problem(repo) == f"{DOC}:2: title 应为一段文字，而不是列表 — 写成 title: 关于……的通知"


def test_mapping_where_issuers_belong(repo: Repo):
    repo.replace(DOC, "issuer: 无锡市人民政府办公室", "issuer: {name: 无锡市人民政府办公室}")
    assert first_problem(repo) == f"{DOC}:4: issuer 应为文字或文字列表 — 写成 issuer: [无锡市人民政府办公室]"


@pytest.mark.parametrize("path, old, new, line, written, listed", [
    (DOC, "issuer: 无锡市人民政府办公室", "issuer: 无锡市人民政府办公室，无锡市人民政府", 4,
     "无锡市人民政府办公室，无锡市人民政府", "无锡市人民政府办公室, 无锡市人民政府"),
    (DOC, "issuer: 无锡市人民政府办公室", "issuer: [无锡市人民政府办公室，无锡市人民政府]", 4,
     "无锡市人民政府办公室，无锡市人民政府", "无锡市人民政府办公室, 无锡市人民政府"),
    ("gazette/2018/06/index.md", "sections: [市政府规章, 市政府办公室文件]", "sections: 市政府规章, 市政府办公室文件", 6,
     "市政府规章, 市政府办公室文件", "市政府规章, 市政府办公室文件"),
])
def test_a_list_written_as_one_text_is_told_at_its_key(repo: Repo, path, old, new, line, written, listed):
    """Not as one issuer nobody knows, nor as a section missing at every document of the issue."""
    repo.replace(path, old, new)
    assert repo.messages() == [f"{path}:{line}: {new.split(':')[0]} 的几项写在了一段文字“{written}”里 — "
                               f"列表写成 {new.split(':')[0]}: [{listed}]（用半角逗号分隔）"]


def test_text_where_an_integer_belongs(repo: Repo):
    repo.replace("gazette/2018/06/index.md", "number: 6", "number: 第六期")
    messages = repo.messages()
    assert "gazette/2018/06/index.md:3: number 应为非负整数，实际为 “第六期” — 写成 number: 6" in messages


def test_file_over_the_size_limit(repo: Repo):
    assert MAX_BYTES == 2 * 1024 * 1024
    repo.write(DOC, DOCUMENT + "字" * (1024 * 1024))  # 3 bytes each: a 3 MB file
    assert first_problem(repo) == (
        f"{DOC}: 文件过大（3072 KB，上限 2048 KB） — 检查是否误放了附件或重复粘贴；附件请另行存放")


def test_symlink_outside_the_repository(repo: Repo, tmp_path):
    outside = tmp_path / "outside.md"
    outside.write_text(DOCUMENT, encoding="utf-8")
    (repo.path / DOC).unlink()
    os.symlink(outside, repo.path / DOC)
    assert first_problem(repo) == f"{DOC}: 符号链接指向仓库之外 — 把文件本身放进仓库，不要用链接"


def test_dangling_symlink_outside(repo: Repo, tmp_path):
    (repo.path / DOC).unlink()
    os.symlink(tmp_path / "missing.md", repo.path / DOC)
    assert first_problem(repo) == f"{DOC}: 符号链接指向仓库之外 — 把文件本身放进仓库，不要用链接"


def test_symlink_inside_the_repository_is_read(repo: Repo):
    (repo.path / "originals").mkdir()
    (repo.path / DOC).rename(repo.path / "originals/xzbf-68.md")
    os.symlink(repo.path / "originals/xzbf-68.md", repo.path / DOC)
    assert repo.messages() == []


def test_unreadable_path_is_a_diagnostic(repo: Repo, tmp_path):
    result = read(repo.path, repo.path / "gazette/2018/06/gone.md")
    assert [str(d) for d in result.diagnostics] == [
        "gazette/2018/06/gone.md: 无法读取文件：No such file or directory — 检查文件是否存在、是否有读取权限"]


def test_broken_files_never_raise_and_are_all_reported(repo: Repo):
    repo.write("gazette/2018/06/a.md", b"\x00")
    repo.write("gazette/2018/06/b.md", "---\ntitle: [\n---\n")
    repo.write("gazette/2018/06/c.md", "正文".encode("gbk"))
    repo.write("interpretations/d.md", "---\ntitle: x\n")
    paths = [d.path for d in repo.check().diagnostics]
    assert paths == ["gazette/2018/06/a.md", "gazette/2018/06/b.md", "gazette/2018/06/c.md", "interpretations/d.md"]


def test_linked_folder_outside_the_repository(repo: Repo, tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "xzbf-69.md").write_text(DOCUMENT, encoding="utf-8")
    os.symlink(outside, repo.path / "gazette/2018/06/more")
    assert "gazette/2018/06/more: 符号链接指向仓库之外 — 把文件本身放进仓库，不要用链接" in repo.messages()


def test_linked_folder_inside_the_repository_is_read(repo: Repo):
    (repo.path / "originals").mkdir()
    (repo.path / DOC).rename(repo.path / "originals/xzbf-68.md")
    os.symlink(repo.path / "originals", repo.path / "gazette/2018/06/originals")
    assert repo.messages() == []


def test_link_to_a_parent_folder_ends(repo: Repo):
    os.symlink(repo.path / "gazette/2018", repo.path / "gazette/2018/06/loop")
    assert repo.messages() == []
