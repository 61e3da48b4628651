"""The order an issue lists its sections in is locked (``section_order``): its page and print view list its documents
by section in the order of its "sections:", so a swap there reordered the printed 目录 of a published issue, while
the lock, keeping of an issue only its 总期号, date and note, saw nothing."""
from __future__ import annotations

import pytest

from conftest import DOCUMENT, Repo
from test_lock_order import errors, hand_edited, lock_json, new_by_hand_without, write_json
from gongbao.cli import main
from gongbao.content import lock

ISSUE, ISSUE_URL = "gazette/2018/06/index.md", "gazette/2018/06/"
SECTIONS = "sections: [市政府文件, 市政府规章, 市政府办公室文件]"
SWAPPED = "sections: [市政府办公室文件, 市政府规章, 市政府文件]"
SHOWN = ["市政府文件", "市政府办公室文件"]  # 市政府规章 has no document: not shown


def document(number: int, section: str) -> str:
    return (DOCUMENT.replace("锡政办发〔2018〕68号", f"锡政发〔2018〕{number}号").replace("无锡市人民政府办公室", "无锡市人民政府")
            .replace("市政府办公室文件", section).replace("示例办法", f"示例办法{number}").replace("规范性文件", "其他文件"))


@pytest.fixture
def locked(repo: Repo, capsys) -> Repo:
    """The issue shows 市政府文件 (锡政发〔2018〕12号), then 市政府办公室文件 (锡政办发〔2018〕68号)."""
    repo.replace(ISSUE, "sections: [市政府规章, 市政府办公室文件]", SECTIONS)
    repo.write("gazette/2018/06/xzf-12.md", document(12, "市政府文件"))
    assert main(["lock", "--root", str(repo.path), "--write"]) == 0
    capsys.readouterr()
    return repo


def test_the_lock_records_the_order_the_issue_shows_its_sections_in(locked: Repo):
    assert lock_json(locked)["urls"][ISSUE_URL]["section_order"] == SHOWN
    assert errors(locked) == []


def test_a_swap_of_two_shown_sections_is_refused_at_the_sections_line(locked: Repo, capsys):
    assert main(["check", "--root", str(locked.path)]) == 0  # and kept: the check after it reads only the edited file
    locked.replace(ISSUE, SECTIONS, SWAPPED)
    (found,) = errors(locked)
    line = (locked.path / ISSUE).read_text(encoding="utf-8").split("\n").index(SWAPPED) + 1
    at = lock.load(locked.path)[0].line(ISSUE_URL)
    assert found == (f"{ISSUE}:{line}: 已发布的一期公报的栏目顺序被改动：{lock.FILENAME} 第 {at} 行的 {ISSUE_URL} 锁定的目录顺序为"
                     "“市政府文件、市政府办公室文件”，现为“市政府办公室文件、市政府文件” — 把 sections 中这些栏目恢复为锁定的顺序"
                     "“市政府文件、市政府办公室文件”：一期公报出版后，它的目录不再改动（没有勘误），更正写在以后一期公报中")
    assert main(["check", "--root", str(locked.path)]) == 1
    assert "已发布的一期公报的栏目顺序被改动" in capsys.readouterr().out


def test_a_section_shown_since_is_no_reorder(locked: Repo):
    """A document published into the issue later shows a section between the two: their order is the same."""
    locked.write("gazette/2018/06/xzf-13.md", document(13, "市政府规章"))
    assert errors(locked) == []
    locked.replace(ISSUE, SECTIONS, SWAPPED)
    (found,) = errors(locked)
    assert "锁定的目录顺序为“市政府文件、市政府办公室文件”，现为“市政府办公室文件、市政府规章、市政府文件”" in found


def test_a_section_no_longer_shown_is_no_reorder(locked: Repo):
    """The lock records 市政府规章 first, as when a document since withdrawn showed it: moved, it changes no order of
    what is still shown."""
    hand_edited(locked, lambda entry: entry.update(section_order=["市政府规章", *SHOWN]), ISSUE_URL)
    locked.replace(ISSUE, SECTIONS, "sections: [市政府文件, 市政府办公室文件, 市政府规章]")
    assert errors(locked) == []


def test_an_entry_written_before_the_order_was_locked_is_accepted_and_gets_it_from_lock_write(locked: Repo, capsys):
    hand_edited(locked, lambda entry: entry.pop("section_order"), ISSUE_URL)
    before = lock_json(locked)["urls"][ISSUE_URL]
    assert errors(locked) == []
    assert main(["check", "--root", str(locked.path), "--locked"]) == 0  # an upgrade: nothing unpublished
    capsys.readouterr()
    assert main(["lock", "--root", str(locked.path), "--write"]) == 0
    assert f"↑ {ISSUE_URL}  记录栏目顺序：市政府文件、市政府办公室文件" in capsys.readouterr().out
    assert lock_json(locked)["urls"][ISSUE_URL] == {**before, "section_order": SHOWN}  # nothing else of it changed
    locked.replace(ISSUE, SECTIONS, SWAPPED)
    assert len(errors(locked)) == 1


def test_an_entry_without_its_order_does_not_record_it_over_a_changed_date(locked: Repo):
    """The order is recorded only while all else the entry locks is still the issue's: not over a changed date, which
    the check refuses meanwhile."""
    hand_edited(locked, lambda entry: entry.pop("section_order"), ISSUE_URL)
    locked.replace(ISSUE, "published: 2018-06-30", "published: 2018-06-29")
    checked = locked.check()
    assert lock.unrecorded(lock.load(locked.path)[0], checked.archive, checked.settings.issuer_codes) == []


@pytest.mark.parametrize("order", ["市政府文件、市政府办公室文件", ["市政府文件"], ["市政府文件", "市政府文件"],
                                   ["市政府文件", ""], ["市政府文件", 1], [], None])
def test_a_malformed_order_is_an_error_at_its_line(locked: Repo, order):
    hand_edited(locked, lambda entry: entry.update(section_order=order), ISSUE_URL)
    text = (locked.path / lock.FILENAME).read_text(encoding="utf-8").split("\n")
    (found,) = errors(locked)
    assert f"{lock.FILENAME} 中“{ISSUE_URL}”的条目无效：section_order 只在一期公报的条目中" in found
    assert text[int(found.split(":")[1]) - 1].strip().startswith('"section_order"')


def test_an_order_in_a_documents_entry_is_malformed(locked: Repo):
    data = lock_json(locked)
    data["urls"]["doc/xzbf/2018/68/"]["section_order"] = SHOWN
    write_json(locked, data)
    (found,) = errors(locked)
    assert "section_order 只在一期公报的条目中" in found


def test_the_order_survives_the_round_trip(locked: Repo):
    text = (locked.path / lock.FILENAME).read_text(encoding="utf-8")
    parsed, problems = lock.parse(text, "round-trip.json")
    assert problems == [] and parsed.entries[ISSUE_URL].section_order == tuple(SHOWN)
    assert parsed.dumps() == text


def test_one_shown_section_has_no_order_until_a_second_is_shown(repo: Repo):
    """One section has no order: the entry stays as it was, and the first lock --write after a second is shown (a
    document published into the issue later) records the order."""
    repo.replace(ISSUE, "sections: [市政府规章, 市政府办公室文件]", SECTIONS)
    assert main(["lock", "--root", str(repo.path), "--write"]) == 0
    assert "section_order" not in lock_json(repo)["urls"][ISSUE_URL]
    repo.write("gazette/2018/06/xzf-12.md", document(12, "市政府文件"))
    assert main(["lock", "--root", str(repo.path), "--write"]) == 0
    assert lock_json(repo)["urls"][ISSUE_URL]["section_order"] == SHOWN


def test_a_hand_edit_dropping_the_order_cannot_hide_a_swap(locked: Repo):
    published = hand_edited(locked, lambda entry: entry.pop("section_order"), ISSUE_URL)
    locked.replace(ISSUE, SECTIONS, SWAPPED)
    found = errors(locked, published)
    assert any("条目被改弱：栏目顺序的记录（section_order）被删除或改写" in f for f in found)
    assert any(f.startswith(f"{ISSUE}:") and "已发布的一期公报的栏目顺序被改动" in f for f in found)


def test_a_hand_edit_of_the_order_with_the_swap_is_refused(locked: Repo):
    published = hand_edited(locked, lambda entry: entry.update(section_order=SHOWN[::-1]), ISSUE_URL)
    locked.replace(ISSUE, SECTIONS, SWAPPED)
    found = errors(locked, published)
    assert any("条目被改弱：栏目顺序的记录（section_order）被删除或改写" in f for f in found)
    assert any(f.startswith(f"{ISSUE}:") and "已发布的一期公报的栏目顺序被改动" in f for f in found)


def test_a_new_entry_written_by_hand_without_its_order_is_refused(locked: Repo):
    """An issue new since the last published lock, its entry without the order of its sections, would be taken for one
    written before the order was locked: once published, its sections could be swapped with 0 errors."""
    (found,) = new_by_hand_without(locked, ISSUE_URL, "section_order")
    assert f"新增的条目 {ISSUE_URL} 不是 gongbao lock --write 写的：没有 section_order（栏目的顺序）" in found
