"""A catalogue page's or feed's URL holds a slug of gazette.yml (catalog/issuer/<slug>/, feeds/issuer/<slug>.xml,
catalog/topic/<slug>/): once published, the lock records it (``slugs``) with the name it lists, and a slug that no name
has any more, or that another name took over, is refused at its line of gazette.yml; a slug that moves is declared
(``previous_slugs``) and its old URLs lead to the new ones (tests/test_slug_redirects.py)."""
from __future__ import annotations

import json
from dataclasses import replace

import pytest

from conftest import TODAY, Repo
from gongbao.cli import main
from gongbao.content import lock, published_lock
from gongbao.content.settings import FILENAME as SETTINGS
from gongbao.publish.check import check
from gongbao.tools import status

from test_lock import DOC, write_lock

ISSUERS = "issuers: {无锡市人民政府: wxszf, 无锡市人民政府办公室: wxszfbgs}"
BLOCK = "issuers:\n  无锡市人民政府: wxszf\n  无锡市人民政府办公室: wxszfbgs\n"
TOPICS = "topics:\n  综合政务: zhzw\n  其他: qt\n"


def slug_problems(repo: Repo, published: lock.Lock = lock.EMPTY) -> list:
    return [d for d in check(repo.path, TODAY, published=(published, [])).diagnostics
            if d.rule == "lock" or d.path == SETTINGS]


@pytest.fixture
def locked(repo: Repo, capsys) -> Repo:
    """The minimal repository with its issuers one a line and its document filed under 综合政务 of the office's own topics."""
    repo.replace(SETTINGS, ISSUERS + "\n", BLOCK + TOPICS)
    repo.replace(DOC, "section: 市政府办公室文件\n", "section: 市政府办公室文件\ntopics: [综合政务]\n")
    write_lock(repo)
    capsys.readouterr()
    return repo


def test_lock_write_records_the_published_slugs_last_in_the_file(locked: Repo):
    text = (locked.path / lock.FILENAME).read_text(encoding="utf-8")
    assert json.loads(text)["slugs"] == {"issuer": {"wxszfbgs": "无锡市人民政府办公室"}, "topic": {"zhzw": "综合政务"}}
    assert list(json.loads(text)) == ["urls", "version", "website", "slugs"]  # after the entries: none moves a line
    assert lock.load(locked.path)[0].dumps() == text


@pytest.mark.parametrize("old, new, line, told, fix", [
    ("无锡市人民政府办公室: wxszfbgs", "无锡市人民政府办公室: wxszfbg2", 4,
     "catalog/issuer/wxszfbgs/ 和订阅源 feeds/issuer/wxszfbgs.xml 已作为“无锡市人民政府办公室”的目录发布",
     "写成 无锡市人民政府办公室: {slug: wxszfbg2, previous_slugs: [wxszfbgs]}"),
    ("综合政务: zhzw", "综合政务: zhzw2", 6, "catalog/topic/zhzw/ 已作为“综合政务”的目录发布",
     "写成 综合政务: {slug: zhzw2, previous_slugs: [zhzw]}"),
    ("  综合政务: zhzw\n", "", 5, "gazette.yml 的 topics 中已没有代码 zhzw", "改回 综合政务: zhzw"),  # the class removed
    (TOPICS, "", 1, "catalog/topic/zhzw/ 已作为“综合政务”的目录发布", "改回 综合政务: zhzw"),  # the default classes: 综合政务 is zhzw there
])
def test_a_published_slug_changed_or_removed_is_refused_at_its_line(locked: Repo, old, new, line, told, fix):
    locked.replace(SETTINGS, old, new)
    problems = [d for d in slug_problems(locked) if d.rule == "lock"]
    if old == TOPICS:  # the default classes have zhzw: nothing vanishes
        assert problems == []
        return
    (problem,) = problems
    assert (problem.path, problem.line) == (SETTINGS, line), problem
    assert told in problem.message and "这些网址会消失" in problem.message and fix in problem.hint


@pytest.mark.parametrize("old, new", [
    ("无锡市人民政府办公室: wxszfbgs", "无锡市人民政府办公室: {slug: wxszfbg2, previous_slugs: [wxszfbgs]}"),
    ("无锡市人民政府办公室: wxszfbgs", "无锡市人民政府办公室:\n    slug: wxszfbg2\n    previous_slugs:\n      - wxszfbgs"),
    ("综合政务: zhzw", "综合政务: {slug: zhzw2, previous_slugs: [zhzw, zhzw1]}"),
])
def test_a_declared_move_passes_and_is_recorded(locked: Repo, capsys, old, new):
    locked.replace(SETTINGS, old, new)
    assert slug_problems(locked) == []
    write_lock(locked)
    recorded = lock.load(locked.path)[0].slugs
    assert "wxszfbgs" in recorded["issuer"] and "zhzw" in recorded["topic"]  # never dropped: the old URL stays published
    assert {"wxszfbg2", "zhzw2"} & (recorded["issuer"].keys() | recorded["topic"].keys())


@pytest.mark.parametrize("written", ["WXSZFBGS", "ｗｘｓｚｆｂｇｓ", "wxszfbgs/", "wxszfbgs "])
def test_a_previous_or_current_slug_in_another_spelling_is_refused(locked: Repo, written):
    """Capitals, full-width letters or a slash are another URL: not the one published."""
    locked.replace(SETTINGS, "无锡市人民政府办公室: wxszfbgs", f"无锡市人民政府办公室: {{slug: wxszfbg2, previous_slugs: ['{written}']}}")
    messages = [str(d) for d in slug_problems(locked)]
    assert any("的 previous_slugs 中" in m and "不是代码" in m and m.startswith("gazette.yml:4:") for m in messages), messages
    locked.replace(SETTINGS, f"{{slug: wxszfbg2, previous_slugs: ['{written}']}}", f"'{written}'")
    assert any(m.startswith("gazette.yml:4:") and "的代码" in m and "无效" in m for m in map(str, slug_problems(locked)))


@pytest.mark.parametrize("issuers, line, holder", [
    # the office's slug given to the government, the office on a new one: its published listing would show another's
    ("  无锡市人民政府: wxszfbgs\n  无锡市人民政府办公室: wxszfbg2\n", 3, "无锡市人民政府"),
    # moved to the government as a previous slug of its own
    ("  无锡市人民政府: {slug: wxszf, previous_slugs: [wxszfbgs]}\n  无锡市人民政府办公室: wxszfbg2\n", 3, "无锡市人民政府"),
    # taken by the office's name in Traditional script, another name in gazette.yml, the office kept under a new slug
    ("  無錫市人民政府辦公室: wxszfbgs\n  无锡市人民政府办公室: wxszfbg2\n", 3, "無錫市人民政府辦公室"),
])
def test_a_published_slug_taken_over_by_another_name_is_refused(locked: Repo, issuers, line, holder):
    locked.replace(SETTINGS, BLOCK, "issuers:\n" + issuers)
    (problem,) = [d for d in slug_problems(locked) if d.rule == "lock"]
    assert (problem.path, problem.line) == (SETTINGS, line)
    assert f"现在 gazette.yml 把 wxszfbgs 给了“{holder}”" in problem.message
    assert "把 wxszfbgs 还给“无锡市人民政府办公室”" in problem.hint


def test_a_topic_slug_taken_over_is_refused(locked: Repo):
    locked.replace(SETTINGS, TOPICS, "topics:\n  综合政务: zhzw2\n  其他: zhzw\n")
    (problem,) = [d for d in slug_problems(locked) if d.rule == "lock"]
    assert problem.line == 7 and "把 zhzw 给了“其他”" in problem.message


@pytest.mark.parametrize("issuers, message", [
    ("  无锡市人民政府: {slug: wxszf, previous_slugs: [old]}\n  无锡市人民政府办公室: {slug: wxszfbgs, previous_slugs: [old]}\n",
     "gazette.yml:4: issuers 中 “old” 同时是 “无锡市人民政府” 和 “无锡市人民政府办公室” 以前的代码"),
    ("  无锡市人民政府: {slug: wxszf, previous_slugs: [wxszfbgs]}\n  无锡市人民政府办公室: wxszfbgs\n",
     "gazette.yml:3: issuers 中 “无锡市人民政府” 的 previous_slugs 中 “wxszfbgs” 是 “无锡市人民政府办公室” 现在的代码"),
    ("  无锡市人民政府: wxszf\n  无锡市人民政府办公室: {slug: wxszfbgs, previous_slugs: [wxszfbgs]}\n",
     "gazette.yml:4: issuers 中 “无锡市人民政府办公室” 的 previous_slugs 中 “wxszfbgs” 是它自己现在的代码"),
    ("  无锡市人民政府: wxszf\n  无锡市人民政府办公室: {slug: wxszfbgs, previous_slugs: wxszfbg}\n",
     "gazette.yml:4: issuers 中 “无锡市人民政府办公室” 的 previous_slugs 应为以前的代码的列表"),
    ("  无锡市人民政府: wxszf\n  无锡市人民政府办公室: {slug: wxszfbgs, previous: [wxszfbg]}\n",
     "gazette.yml:4: issuers 中 “无锡市人民政府办公室” 应为 {slug: 代码, previous_slugs: [以前的代码]}"),
])
def test_previous_slugs_that_lead_nowhere_or_two_ways_are_refused(locked: Repo, issuers, message):
    locked.replace(SETTINGS, BLOCK, "issuers:\n" + issuers)
    assert any(str(d).startswith(message) for d in slug_problems(locked)), [str(d) for d in slug_problems(locked)]


def test_a_topic_previous_slug_that_is_another_topics_slug_is_refused(locked: Repo):
    locked.replace(SETTINGS, "其他: qt", "其他: {slug: qt, previous_slugs: [zhzw]}")
    assert any(str(d).startswith("gazette.yml:7: topics 中 “其他” 的 previous_slugs 中 “zhzw” 是 “综合政务” 现在的代码")
               for d in slug_problems(locked))


def test_a_renamed_name_keeping_its_slug_passes(locked: Repo):
    """An issuer renamed everywhere (its documents each with a 勘误) keeps its listing at its URL: no false refusal."""
    data = json.loads((locked.path / lock.FILENAME).read_text(encoding="utf-8"))
    data["slugs"]["issuer"]["wxszfbgs"] = "无锡市人民政府办公厅"  # the name it was published for, gone from gazette.yml
    locked.write(lock.FILENAME, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    assert slug_problems(locked) == []
    (found,) = lock.unrecorded_slugs(lock.load(locked.path)[0], locked.check().archive.public(), locked.check().settings)
    assert str(found) == "↑ catalog/issuer/wxszfbgs/  记录名称“无锡市人民政府办公厅”→“无锡市人民政府办公室”"


def test_an_old_lock_without_slugs_loads_and_is_upgraded(locked: Repo, capsys):
    data = json.loads((locked.path / lock.FILENAME).read_text(encoding="utf-8"))
    del data["slugs"]
    locked.write(lock.FILENAME, json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
    assert slug_problems(locked) == [] and lock.load(locked.path)[0].slugs is None
    checked = locked.check()
    found = status.status(checked.archive, checked.settings, lock.load(locked.path)[0], lambda path: None, "HEAD")
    assert [(s.url, s.path, s.kind) for s in found] == [("catalog/issuer/wxszfbgs/", SETTINGS, "new"),
                                                          ("catalog/topic/zhzw/", SETTINGS, "new")]
    assert "新增目录（无锡市人民政府办公室，订阅源 feeds/issuer/wxszfbgs.xml）（尚未锁定" in found[0].state
    assert main(["check", "--root", str(locked.path), "--locked"]) == 1
    assert "gazette.lock.json 尚未记录将要发布的：+ catalog/issuer/wxszfbgs/" in capsys.readouterr().out
    write_lock(locked)
    assert lock.load(locked.path)[0].slugs["issuer"] == {"wxszfbgs": "无锡市人民政府办公室"}


def test_a_slug_the_published_lock_records_and_the_committed_one_dropped_is_refused(locked: Repo, tmp_path):
    published = lock.load(locked.path)[0]
    data = json.loads((locked.path / lock.FILENAME).read_text(encoding="utf-8"))
    del data["slugs"]["issuer"]["wxszfbgs"]
    locked.write(lock.FILENAME, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    locked.replace(SETTINGS, "无锡市人民政府办公室: wxszfbgs", "无锡市人民政府办公室: wxszfbg2")
    messages = [str(d) for d in slug_problems(locked, published)]
    assert any("删去了 catalog/issuer/wxszfbgs/ 的记录（slugs）" in m for m in messages)
    assert any(m.startswith("gazette.yml:4: catalog/issuer/wxszfbgs/") for m in messages)  # the published lock's record


def test_a_committed_lock_naming_another_for_a_published_slug_does_not_hand_it_over(locked: Repo):
    """The committed lock rewritten by hand to record the office's published slug for the government (not dropped,
    which is told as weaker): the published lock's record still holds, and the government's taking it is refused."""
    published = lock.load(locked.path)[0]
    data = json.loads((locked.path / lock.FILENAME).read_text(encoding="utf-8"))
    data["slugs"]["issuer"]["wxszfbgs"] = "无锡市人民政府"
    locked.write(lock.FILENAME, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    locked.replace(SETTINGS, BLOCK, "issuers:\n  无锡市人民政府: wxszfbgs\n  无锡市人民政府办公室: wxszfbg2\n")
    (problem,) = [d for d in slug_problems(locked, published) if d.rule == "lock"]
    assert (problem.path, problem.line) == (SETTINGS, 3), problem
    assert "已作为“无锡市人民政府办公室”的目录发布" in problem.message and "把 wxszfbgs 给了“无锡市人民政府”" in problem.message


@pytest.mark.parametrize("record", [[], {"issuer": {"WX": "甲"}}, {"issuer": {"wx": ""}}, {"feed": {}},
                                    {"issuer": {"wx": ["甲"]}}])
def test_a_malformed_slugs_record_is_told(locked: Repo, record):
    data = json.loads((locked.path / lock.FILENAME).read_text(encoding="utf-8"))
    data["slugs"] = record
    locked.write(lock.FILENAME, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    assert any("slugs 应为" in d.message for d in check(locked.path, TODAY).diagnostics)


def _status(repo: Repo) -> list[tuple[str, str, str, bool]]:
    checked = repo.check()
    found = status.status(checked.archive, checked.settings, lock.load(repo.path)[0], lambda path: None, "HEAD")
    return [(s.url, s.path, s.kind, s.needs_correction) for s in found if s.path == lock.FILENAME]


@pytest.mark.parametrize("old, new, url, state", [
    ("无锡市人民政府办公室: wxszfbgs", "无锡市人民政府办公室: wxszfbg2", "catalog/issuer/wxszfbgs/", "已发布的“无锡市人民政府办公室”的目录将消失"),
    ("  综合政务: zhzw\n", "", "catalog/topic/zhzw/", "已发布的“综合政务”的目录将消失"),
    (BLOCK, "issuers:\n  無錫市人民政府辦公室: wxszfbgs\n  无锡市人民政府办公室: wxszfbg2\n", "catalog/issuer/wxszfbgs/",
     "已发布的“无锡市人民政府办公室”的目录将列出“無錫市人民政府辦公室”的文件"),
])
def test_status_lists_a_recorded_slug_about_to_disappear_or_change_hands(locked: Repo, old, new, url, state):
    """status listed new slugs but not a recorded one the check refuses: the editor saw nothing vanish."""
    locked.replace(SETTINGS, old, new)
    assert _status(locked) == [(url, lock.FILENAME, "vanished", True)]
    checked = locked.check()
    (found,) = [s for s in status.status(checked.archive, checked.settings, lock.load(locked.path)[0], lambda p: None, "HEAD")
                if s.kind == "vanished"]
    assert found.state.startswith(state)
    assert "消失 1 个网址" in status.report([found], lock.load(locked.path)[0])


def test_status_lists_no_slug_a_rename_or_a_declared_move_keeps(locked: Repo):
    locked.replace(SETTINGS, "无锡市人民政府办公室: wxszfbgs", "无锡市人民政府办公室: {slug: wxszfbg2, previous_slugs: [wxszfbgs]}")
    assert _status(locked) == []


def test_a_slug_published_unrecorded_and_then_renamed_is_refused(locked: Repo, tmp_path):
    """A site published beyond its lock (gazette.unrecorded.json) carried no record of its listings' slugs: a catalogue
    first published unrecorded, then renamed before the next lock --write, vanished with no error. Now the record
    carries them, through the file the next build reads, and the rename is refused at its line."""
    data = json.loads((locked.path / lock.FILENAME).read_text(encoding="utf-8"))
    del data["slugs"]["issuer"]["wxszfbgs"]  # the office's listing is new: its lock does not record it yet
    locked.write(lock.FILENAME, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    committed, checked = lock.load(locked.path)[0], locked.check()
    beyond = published_lock.beyond(committed, None, checked.archive, checked.settings, TODAY)
    assert beyond.slugs == {"issuer": {"wxszfbgs": "无锡市人民政府办公室"}, "topic": {}}
    published_lock.keep_unrecorded(tmp_path, beyond)  # as the site carries it, and the next build reads it
    unrecorded = lock.read(tmp_path / published_lock.UNRECORDED, published_lock.UNRECORDED)[0]
    assert published_lock.beyond(committed, unrecorded, checked.archive, checked.settings, TODAY).slugs == beyond.slugs
    published = replace(committed, name="site/gazette.lock.json", unrecorded=unrecorded)
    assert slug_problems(locked, published) == []
    locked.replace(SETTINGS, "无锡市人民政府办公室: wxszfbgs", "无锡市人民政府办公室: wxszfbg2")
    (problem,) = [d for d in slug_problems(locked, published) if d.rule == "lock"]
    assert (problem.path, problem.line) == (SETTINGS, 4)
    assert problem.message.startswith("catalog/issuer/wxszfbgs/ 和订阅源 feeds/issuer/wxszfbgs.xml 已作为“无锡市人民政府办公室”的目录发布"
                                      f"（{published_lock.UNRECORDED} 第 ")
