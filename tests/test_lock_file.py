"""A hand-edited gazette.lock.json: every malformed entry is a ``path:line`` diagnostic, never a traceback."""
from __future__ import annotations

import json
import tracemalloc

import pytest
from hypothesis import given, settings, strategies as st

from conftest import Repo, examples
from deadline import within
from gongbao.content import lock
from gongbao.cli import main

from test_lock import older

URL = "doc/xzbf/2018/68/"
HINT = "不要手工编辑锁定文件；用 git 恢复它，再运行 gongbao lock"
NOTE_HASH = "只在一期公报的条目中，应为 64 位小写十六进制（本期说明的 SHA-256）"


@pytest.fixture
def data(repo: Repo, capsys) -> dict:
    assert main(["lock", "--root", str(repo.path), "--write"]) == 0
    capsys.readouterr()
    return json.loads((repo.path / lock.FILENAME).read_text(encoding="utf-8"))


def write(repo: Repo, data: dict) -> str:
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    repo.write(lock.FILENAME, text)
    return text


def line_of(text: str, needle: str) -> int:
    return text[:text.index(needle)].count("\n") + 1


@pytest.mark.parametrize("key, value, why", [
    (None, "sha256-of-something", "应为对象，却是 str"),
    (None, 42, "应为对象，却是 int"),
    (None, None, "应为对象，却是 NoneType"),
    ("kind", "page", "kind “page” 应为 document、interpretation、issue、draft、explanation、feedback 之一"),
    ("kind", 1, "kind 应为非空字符串"),
    ("ref", 68, "ref 应为非空字符串"),
    ("title", "", "title 应为非空字符串"),
    ("first_published", "2018-02-30", "first_published 应为 年-月-日"),
    ("sha256", None, "sha256 应为 64 位小写十六进制（文件和解读的哈希不能为空）"),
    ("sha256", "ABC", "sha256 应为 64 位小写十六进制（文件和解读的哈希不能为空）"),
    ("sha256", 0, "sha256 应为 64 位小写十六进制（文件和解读的哈希不能为空）"),
    ("sha256", "0" * 64 + "\n", "sha256 应为 64 位小写十六进制（文件和解读的哈希不能为空）"),
    ("corrections", "0", "corrections 应为不小于 0 的整数"),
    ("corrections", -1, "corrections 应为不小于 0 的整数"),
    ("corrections", True, "corrections 应为不小于 0 的整数"),
    ("corrections", 1.0, "corrections 应为不小于 0 的整数"),
    ("corrections", 1, "correction_sha256 应为与 corrections 条数相同的 SHA-256 列表"),
    ("correction_sha256", None, "correction_sha256 应为与 corrections 条数相同的 SHA-256 列表"),
    ("correction_sha256", "", "correction_sha256 应为与 corrections 条数相同的 SHA-256 列表"),
    ("canonical_version", 5, "canonical_version 应为 1、2、3、4 之一"),
    ("canonical_version", "3", "canonical_version 应为 1、2、3、4 之一"),
    ("fields", ["2018-06-05"], "fields 应为 {字段: 字符串}"),
    ("fields", {"written": 20180605}, "fields 应为 {字段: 字符串}"),
    # the site publishes the lock as it is: a fact no page states was published unread ("kind" is an interpretation's)
    ("fields", {"written": "2018-06-05", "note": "【不予公开】内部意见【/不予公开】"}, "fields 只记这类页面的事实，多出 note"),
    ("fields", {"written": "2018-06-05", "kind": "文字解读"}, "fields 只记这类页面的事实，多出 kind"),
    ("note_sha256", "0" * 64, f"note_sha256 {NOTE_HASH}"),  # a document's entry: its text's hash covers its body
])
def test_an_entry_of_the_wrong_type_is_a_diagnostic_naming_its_line(repo: Repo, data, key, value, why):
    if key is None:
        data["urls"][URL] = value
    else:
        data["urls"][URL][key] = value
    text = write(repo, data)
    start, named = text.index(f'"{URL}"'), why.split()[0]  # the line of the key the message names
    where = line_of(text, f'"{URL}"') + (line_of(text[start:], f'"{named}"') - 1 if key is not None else 0)
    problems = [m for m in repo.messages() if "gazette.lock.json" in m.split(":")[0]]
    assert problems[0] == f"gazette.lock.json:{where}: gazette.lock.json 中“{URL}”的条目无效：{why} — {HINT}"


def test_an_unknown_or_missing_key_is_named(repo: Repo, data):
    data["urls"][URL]["verified"] = True
    del data["urls"]["gazette/2018/06/"]["title"]
    text = write(repo, data)
    messages = repo.messages()
    where = line_of(text, '"verified"')
    assert f"gazette.lock.json:{where}: gazette.lock.json 中“{URL}”的条目无效：" in messages[0]
    assert "多出或缺少 verified" in messages[0]
    assert "“gazette/2018/06/”的条目无效" in messages[1] and "多出或缺少 title" in messages[1]


@pytest.mark.parametrize("value", [None, "", "ABC", "0" * 63, "0" * 64 + "\n", 0])
def test_an_issue_notes_hash_is_64_lowercase_hex(repo: Repo, data, value):
    data["urls"]["gazette/2018/06/"]["note_sha256"] = value
    text = write(repo, data)
    where = line_of(text, '"gazette/2018/06/"') + line_of(text[text.index('"gazette/2018/06/"'):], '"note_sha256"') - 1
    assert repo.messages()[0] == (f"gazette.lock.json:{where}: gazette.lock.json 中“gazette/2018/06/”的条目无效："
                                  f"note_sha256 {NOTE_HASH} — {HINT}")


def test_an_issue_may_not_carry_a_hash(repo: Repo, data):
    data["urls"]["gazette/2018/06/"]["sha256"] = "0" * 64
    write(repo, data)
    assert "一期公报的 sha256 应为 null" in repo.messages()[0]


def test_a_url_written_twice_is_refused(repo: Repo, data):
    text = write(repo, data)
    entry = json.dumps(data["urls"][URL], ensure_ascii=False)
    repo.write(lock.FILENAME, text.replace('"urls": {', f'"urls": {{\n    "{URL}": {entry},', 1))
    (message,) = repo.messages()
    assert message.startswith(f"gazette.lock.json:1: gazette.lock.json 无法读取：键“{URL}”出现两次")


def test_a_merge_conflict_in_the_lock_is_named_as_such(repo: Repo, data):
    text = write(repo, data).replace('  "version"', '<<<<<<< HEAD\n  "version"', 1)
    repo.write(lock.FILENAME, text)
    assert repo.messages() == [f"gazette.lock.json:{line_of(text, '<<<<<<<')}: gazette.lock.json 无法读取："
                               "有未解决的 git 合并冲突（<<<<<<< 与 >>>>>>> 之间是两个版本） — "
                               "保留一个版本（git checkout --ours 或 --theirs gazette.lock.json），再运行 gongbao lock --write"]


@pytest.mark.parametrize("text", ["[]", '{"version": 3, "urls": {}}', '{"version": 2, "urls": []}', '"lock"',
                                  '{"version": 2}', b"\xff\xfe{}", "[" * 200_000 + "]" * 200_000,
                                  '{"version": 2, "urls": ' + '{"a": ' * 100_000 + "1" + "}" * 100_001,
                                  # the site publishes the lock byte for byte: a key of its own was published unread
                                  '{"version": 2, "urls": {}, "note": "【不予公开】内部意见【/不予公开】"}'])
def test_a_lock_of_the_wrong_shape_is_one_diagnostic(repo: Repo, text):
    repo.write(lock.FILENAME, text)
    (message,) = repo.messages()
    assert message.startswith("gazette.lock.json:1: gazette.lock.json 无法读取：")


def test_a_version_1_lock_is_read_and_checked_with_version_1_hashes(repo: Repo, data):
    write(repo, older(repo, data, 1))
    assert repo.messages() == []
    repo.replace("gazette/2018/06/xzbf-68.md", "加强统筹。各地", "加强统筹，各地")
    (message,) = repo.messages()
    assert "已发布的文本（标题、文号或正文）被改动，但没有勘误记录" in message


_JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=70),
                     lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=20), inner, max_size=9),
                     max_leaves=20)
_ENTRY_VALUE = st.fixed_dictionaries({}, optional={k: _JSON for k in (
    "kind", "ref", "title", "first_published", "sha256", "corrections", "correction_sha256", "canonical_version",
    "fields", "files")})


@pytest.mark.parametrize("where", ["title", "ref", "url", "fields"])
def test_a_character_no_text_holds_is_a_diagnostic_not_a_traceback(repo: Repo, data, capsys, where):
    """A lone surrogate (written \\ud800, which JSON reads) in an entry ended gongbao check in a UnicodeEncodeError
    traceback when the entry's diagnostic was printed; a control character would be printed into the terminal."""
    entry = data["urls"][URL]
    if where == "url":
        data["urls"]["doc/xzbf/2018/\ud800/"] = data["urls"].pop(URL)
    elif where == "fields":
        entry["fields"]["written"] = "2018-06-05\x1b[2J"
    else:
        entry[where] += "\ud800"
    text = json.dumps(data, ensure_ascii=True, indent=2, sort_keys=True) + "\n"
    repo.write(lock.FILENAME, text)
    messages = repo.messages()
    assert any(m.startswith("gazette.lock.json:") and "的条目无效：条目含有" in m for m in messages), messages
    assert main(["check", "--root", str(repo.path)]) == 1
    assert "条目含有" in capsys.readouterr().out


@settings(max_examples=examples(300), deadline=None)
@given(version=st.sampled_from([1, 2, "2", None]), urls=st.dictionaries(st.text(max_size=30), _ENTRY_VALUE | _JSON, max_size=4))
def test_any_lock_is_entries_or_diagnostics_never_a_traceback(version, urls):
    text = json.dumps({"version": version, "urls": urls}, ensure_ascii=False, indent=2)
    parsed, problems = lock.parse(text)
    assert all(isinstance(e, lock.Entry) for e in parsed.entries.values())
    assert all(p.path == lock.FILENAME and p.line >= 1 for p in problems)
    assert len(parsed.entries) + len(problems) == (len(urls) if version in (1, 2) else 1) or problems


def test_writing_the_lock_replaces_a_link_and_never_writes_where_it_leads(tmp_path):
    elsewhere = tmp_path / "elsewhere.json"
    elsewhere.write_text("someone else's file", encoding="utf-8")
    root = tmp_path / "repo"
    root.mkdir()
    (root / lock.FILENAME).symlink_to(elsewhere)
    lock.write(root, lock.EMPTY)
    assert elsewhere.read_text(encoding="utf-8") == "someone else's file"
    assert not (root / lock.FILENAME).is_symlink()
    read, problems = lock.read(root / lock.FILENAME, lock.FILENAME)
    assert read.exists and read.entries == {} and problems == []
    assert [p.name for p in root.iterdir()] == [lock.FILENAME]  # no temporary file left


def test_a_lock_past_the_cap_is_one_diagnostic_and_is_not_read(repo: Repo):
    """A 300 MB lock was read whole, then parsed: a sparse file says its size without a byte on the disk."""
    with open(repo.path / lock.FILENAME, "wb") as file:
        file.truncate(300 * 1024 * 1024)
    expected = (f"{lock.FILENAME}:1: {lock.FILENAME} 无法读取：文件过大（300 MB，上限 64 MB），三十年的公报、每份文件都有解读，锁定文件也不到 64 MB"
                " — 用 git 恢复它，再运行 gongbao lock")
    tracemalloc.start()
    try:
        problems = lock.load(repo.path)[1]
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [str(d) for d in problems] == [expected] and peak < 1024 * 1024
    assert expected in repo.messages()


def test_a_lock_of_many_tiny_objects_is_refused_as_it_is_read(repo: Repo):
    """Nine bytes an entry ("1/":{},): a lock of the size limit so made was ten million objects, each an invalid entry
    told, and took 8 GB of memory, still growing. A million objects in, the text is refused."""
    entries = ",".join(f'"{n:x}/":{{}}' for n in range(1_000_001))
    (repo.path / lock.FILENAME).write_text(f'{{"version": 2, "urls": {{{entries}}}}}', encoding="utf-8")
    with within(30):
        problems = lock.load(repo.path)[1]
    assert [str(d) for d in problems] == [
        f"{lock.FILENAME}:1: {lock.FILENAME} 无法读取：对象过多（超过 1,000,000 个），不像是 gongbao lock 写出的锁定文件"
        " — 不要手工编辑锁定文件；用 git 恢复它，再运行 gongbao lock"]


def test_a_lock_of_the_cap_is_read_and_one_byte_more_is_not(repo: Repo, data, monkeypatch):
    size = len(write(repo, data).encode("utf-8"))
    monkeypatch.setattr(lock, "MAX_BYTES", size)
    locked, problems = lock.load(repo.path)
    assert URL in locked.entries and problems == []
    monkeypatch.setattr(lock, "MAX_BYTES", size - 1)
    locked, problems = lock.load(repo.path)
    assert locked.entries == {} and [d.message.split("：")[1] for d in problems] == ["文件过大（1 MB，上限 0 MB），三十年的公报、每份文件都有解读，锁定文件也不到 64 MB"]


def test_a_lock_parsed_again_is_the_one_its_text_says_never_an_earlier_one(repo: Repo, data):
    """The last text parsed under each name is kept with its lock (the preview checks at every save): the same text
    gives that lock, any other text its own, and a caller that adds to the diagnostics changes no later answer."""
    good = write(repo, data)
    data["urls"][URL]["sha256"] = "not a hash"
    bad = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    first, none = lock.parse(good)
    assert URL in first.entries and none == []
    none.append("added by a caller")
    assert lock.parse(good) == (first, [])
    broken, problems = lock.parse(bad)
    assert URL not in broken.entries and len(problems) == 1
    assert lock.parse(good)[0].entries == first.entries
    assert lock.parse(bad, "site/gazette.lock.json")[1][0].path == "site/gazette.lock.json"
