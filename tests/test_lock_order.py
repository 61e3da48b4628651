"""The order a page lists its files in is locked (``file_order``): the page numbers them (附件1, 附件2 …) and its body says
"见附件1", so a swap in the front matter changed what a published page cites, while the lock, keeping the files by
name, saw nothing."""
from __future__ import annotations

import json

import pytest

from conftest import TODAY, Repo
from gongbao.cli import main
from gongbao.content import lock, published_lock
from gongbao.publish.build import BuildFailed, build
from gongbao.publish.check import check
from samplefiles import pdf, png

from test_lock import DOC, JD, URL, write_lock

JD_URL = "doc/xzbf/2018/68/jiedu/xzbf-68-jd/"
FIRST, SECOND = "  - {file: xzbf-68/b.pdf, title: 附件1：考核办法}\n", "  - {file: xzbf-68/a.pdf, title: 附件2：申请表}\n"
CORRECTION = "corrections:\n  - {date: 2026-12-01, change: 附件1与附件2的顺序更正, reason: 录入时颠倒}\n"


def attach(repo: Repo, first: str = FIRST, second: str = SECOND) -> None:
    """The document lists b.pdf, then a.pdf: not the order of their names, which the lock's "files" keeps."""
    repo.write("gazette/2018/06/xzbf-68/a.pdf", pdf("a"))
    repo.write("gazette/2018/06/xzbf-68/b.pdf", pdf("b"))
    repo.replace(DOC, "\n---\n", f"\nattachments:\n{first}{second}---\n")


def swap(repo: Repo) -> None:
    repo.replace(DOC, FIRST + SECOND, SECOND + FIRST)


@pytest.fixture
def locked(repo: Repo, capsys) -> Repo:
    attach(repo)
    write_lock(repo)
    capsys.readouterr()
    return repo


def lock_json(repo: Repo) -> dict:
    return json.loads((repo.path / lock.FILENAME).read_text(encoding="utf-8"))


def write_json(repo: Repo, data: dict) -> None:
    repo.write(lock.FILENAME, json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n")


def errors(repo: Repo, published: lock.Lock = lock.EMPTY) -> list[str]:
    return [str(d) for d in check(repo.path, TODAY, published=(published, [])).diagnostics
            if d.rule == "lock" and d.is_error]


def attachments_line(repo: Repo) -> int:
    lines = (repo.path / DOC).read_text(encoding="utf-8").split("\n")
    return lines.index("attachments:") + 1


def test_the_lock_records_the_order_the_page_lists_its_files_in(locked: Repo):
    entry = lock_json(locked)["urls"][URL]
    assert entry["file_order"] == ["b.pdf", "a.pdf"] and list(entry["files"]) == ["a.pdf", "b.pdf"]
    assert errors(locked) == []


def test_a_swap_of_two_published_attachments_without_a_correction_is_refused(locked: Repo, capsys):
    assert main(["check", "--root", str(locked.path)]) == 0  # and kept: the check after it reads only the edited file
    swap(locked)
    (found,) = errors(locked)
    assert found.startswith(f"{DOC}:{attachments_line(locked)}: 已发布的页面列出附件的顺序被改动，但没有勘误记录")
    assert "锁定为“b.pdf、a.pdf”，现为“a.pdf、b.pdf”（附件1由 b.pdf 变成了 a.pdf）" in found
    assert "在 corrections 中加入" in found and "否则把 attachments 恢复为锁定的顺序“b.pdf、a.pdf”" in found
    assert main(["check", "--root", str(locked.path)]) == 1
    assert "已发布的页面列出附件的顺序被改动" in capsys.readouterr().out


def test_a_swap_with_a_correction_is_allowed_and_recorded(locked: Repo, capsys):
    swap(locked)
    locked.replace(DOC, "status: 执行中", f"status: 执行中\n{CORRECTION}")
    assert errors(locked) == []
    write_lock(locked)
    assert lock_json(locked)["urls"][URL]["file_order"] == ["a.pdf", "b.pdf"]
    assert errors(locked) == []


def test_a_swap_of_an_interpretations_images_is_refused(repo: Repo, capsys):
    """Its images are shown as figures in the order declared, and listed for download so."""
    repo.write("interpretations/xzbf-68-jd/1.png", png())
    repo.write("interpretations/xzbf-68-jd/2.png", png(height=41))
    images = "  - {file: xzbf-68-jd/2.png, title: 图一}\n", "  - {file: xzbf-68-jd/1.png, title: 图二}\n"
    repo.replace(JD, "\n---\n", f"\nimages:\n{''.join(images)}---\n")
    write_lock(repo)
    assert lock_json(repo)["urls"][JD_URL]["file_order"] == ["2.png", "1.png"]
    repo.replace(JD, "".join(images), "".join(reversed(images)))
    (found,) = errors(repo)
    assert found.startswith(f"{JD}:") and "锁定为“2.png、1.png”，现为“1.png、2.png”" in found and "images" in found


def test_an_entry_written_before_the_order_was_locked_is_accepted_and_gets_it_from_lock_write(locked: Repo, capsys):
    data = lock_json(locked)
    del data["urls"][URL]["file_order"]
    write_json(locked, data)
    assert errors(locked) == []
    assert main(["check", "--root", str(locked.path), "--locked"]) == 0  # an upgrade: nothing unpublished
    write_lock(locked)
    assert f"↑ {URL}  记录附件顺序：b.pdf、a.pdf" in capsys.readouterr().out
    entry = lock_json(locked)["urls"][URL]
    assert entry["file_order"] == ["b.pdf", "a.pdf"] and entry["recorded"] == TODAY.isoformat()
    swap(locked)
    assert len(errors(locked)) == 1


def test_an_entry_without_its_order_does_not_record_it_over_a_changed_title(locked: Repo, capsys):
    """The order is recorded only while all else the entry locks is still the page's: not over a title changed without
    a 勘误, which the check refuses meanwhile."""
    data = lock_json(locked)
    del data["urls"][URL]["file_order"]
    write_json(locked, data)
    locked.replace(DOC, "附件2：申请表", "附件2：另一张表")
    checked = locked.check()
    assert lock.unrecorded(lock.load(locked.path)[0], checked.archive, checked.settings.issuer_codes) == []


@pytest.mark.parametrize("order", ["b.pdf、a.pdf", ["b.pdf"], ["b.pdf", "b.pdf"], ["b.pdf", "c.pdf"],
                                   ["b.pdf", "a.pdf", "c.pdf"], [1, 2], [], None])
def test_a_malformed_order_is_an_error_at_its_line(locked: Repo, order):
    data = lock_json(locked)
    data["urls"][URL]["file_order"] = order
    write_json(locked, data)
    text = (locked.path / lock.FILENAME).read_text(encoding="utf-8").split("\n")
    (found,) = errors(locked)
    assert f"gazette.lock.json 中“{URL}”的条目无效：file_order 只在有两个以上文件的条目中" in found
    assert text[int(found.split(":")[1]) - 1].strip().startswith('"file_order"')


def test_an_order_of_a_single_file_is_malformed(repo: Repo, capsys):
    """One file has no order: written only for two or more, so the lock stays as it was for every other page."""
    repo.write("gazette/2018/06/xzbf-68/a.pdf", pdf("a"))
    repo.replace(DOC, "\n---\n", f"\nattachments:\n{SECOND}---\n")
    write_lock(repo)
    data = lock_json(repo)
    assert "file_order" not in data["urls"][URL]
    data["urls"][URL]["file_order"] = ["a.pdf"]
    write_json(repo, data)
    (found,) = errors(repo)
    assert "file_order 只在有两个以上文件的条目中" in found


def test_the_order_survives_the_round_trip(locked: Repo):
    text = (locked.path / lock.FILENAME).read_text(encoding="utf-8")
    parsed, problems = lock.parse(text, "round-trip.json")
    assert problems == [] and parsed.entries[URL].file_order == ("b.pdf", "a.pdf")
    assert parsed.dumps() == text
    assert "file_order" not in json.loads(text)["urls"][JD_URL]  # no files: no key


def hand_edited(repo: Repo, edit, url: str = URL) -> lock.Lock:
    """The published lock (the one written), once ``edit`` changed the committed one's entry at ``url`` by hand."""
    published = lock.load(repo.path)[0]
    data = lock_json(repo)
    edit(data["urls"][url])
    write_json(repo, data)
    return published


def test_a_hand_edit_dropping_the_order_cannot_hide_a_swap(locked: Repo):
    published = hand_edited(locked, lambda entry: entry.pop("file_order"))
    swap(locked)
    found = errors(locked, published)
    assert any("条目被改弱：附件顺序的记录（file_order）被删除" in f for f in found)
    assert any(f.startswith(f"{DOC}:{attachments_line(locked)}: 已发布的页面列出附件的顺序被改动") and "site" not in f
               for f in found)


def test_a_hand_edit_of_the_order_with_the_swap_is_refused(locked: Repo):
    published = hand_edited(locked, lambda entry: entry.update(file_order=["a.pdf", "b.pdf"]))
    swap(locked)
    found = errors(locked, published)
    assert any("勘误条数未变，附件的顺序却由“b.pdf、a.pdf”改为“a.pdf、b.pdf”" in f for f in found)
    assert any(f.startswith(f"{DOC}:") and "已发布的页面列出附件的顺序被改动" in f for f in found)


def test_a_new_entry_written_by_hand_without_its_order_is_refused(locked: Repo):
    """A page new since the last published lock, its entry without the order of its files, would be taken for one
    written before the order was locked: once published, its files could be swapped with 0 errors."""
    (found,) = new_by_hand_without(locked, URL, "file_order")
    assert f"新增的条目 {URL} 不是 gongbao lock --write 写的：没有 file_order（附件的顺序）" in found


def new_by_hand_without(repo: Repo, url: str, key: str) -> list[str]:
    """The lock rule's errors when the entry at ``url``, new since the last published lock, lacks ``key``."""
    data = lock_json(repo)
    published = lock.parse(json.dumps({**data, "urls": {u: e for u, e in data["urls"].items() if u != url}}),
                           "site/gazette.lock.json")[0]
    del data["urls"][url][key]
    write_json(repo, data)
    return errors(repo, published)



# --- a published file listed but not read is its error, told once ---------------------------------------

FOLDER = "gazette/2018/06/xzbf-68"


def test_an_attachment_renamed_on_disk_is_told_once_with_the_name_it_has(locked: Repo):
    """Not also as a published file deleted (the lock) and a file no page lists (the site files): one mistake."""
    (locked.path / FOLDER / "b.pdf").rename(locked.path / FOLDER / "b（定稿）.pdf")
    assert locked.messages() == [
        f"{DOC}:{attachments_line(locked)}: attachments 第 1 项 的文件 {FOLDER}/b.pdf 不存在 — 是否改了文件名？{FOLDER} 中有未列出的 "
        "b（定稿）.pdf：把 file 改为 xzbf-68/b（定稿）.pdf，或把文件 b（定稿）.pdf 改名为 b.pdf（已提交的文件用 git mv 改名）"]


def test_an_attachment_renamed_in_the_front_matter_alone_is_told_once_with_the_name_it_has(locked: Repo):
    """b1.pdf listed, which is not there, and the published b.pdf on disk, listed by no page: one mistake, the missing
    file's, whose hint names b.pdf. The lock does not also tell the list dropped the published b.pdf, nor the site files
    b.pdf unlisted."""
    locked.replace(DOC, "xzbf-68/b.pdf", "xzbf-68/b1.pdf")
    assert locked.messages() == [
        f"{DOC}:{attachments_line(locked)}: attachments 第 1 项 的文件 {FOLDER}/b1.pdf 不存在 — 是否改了文件名？{FOLDER} 中有未列出的 "
        "b.pdf：把 file 改为 xzbf-68/b.pdf，或把文件 b.pdf 改名为 b1.pdf（已提交的文件用 git mv 改名）"]


def test_a_published_attachment_renamed_in_the_front_matter_and_on_disk_is_told_deleted(locked: Repo):
    """The hint's other way, the file renamed too (git mv b.pdf b1.pdf): the published b.pdf's URL goes, which the lock
    tells, and b1.pdf is new without a 勘误."""
    locked.replace(DOC, "xzbf-68/b.pdf", "xzbf-68/b1.pdf")
    (locked.path / FOLDER / "b.pdf").rename(locked.path / FOLDER / "b1.pdf")
    assert [m.split("（")[0] for m in locked.messages()] == [
        f"{DOC}:{attachments_line(locked)}: 已发布的附件 b.pdf 被删除", f"{DOC}:{attachments_line(locked)}: 已发布的页面的附件 b1.pdf 新增，但没有勘误记录"]


def test_a_published_attachment_without_its_title_is_told_once(locked: Repo):
    locked.replace(DOC, "title: 附件1：考核办法", "title: ''")
    assert [m.split(" — ")[0] for m in locked.messages()] == [
        f"{DOC}:{attachments_line(locked)}: attachments 第 1 项 缺少 title（读者看到的名称）"]


def test_a_file_deleted_or_changed_beside_one_unread_is_still_told(locked: Repo):
    """Only a file the list still names is left to its error: one the page no longer lists is told deleted, one whose
    bytes changed told changed, and an unlisted file that is no renamed one told unlisted."""
    locked.replace(DOC, "title: 附件1：考核办法", "title: ''")
    locked.write(f"{FOLDER}/a.pdf", pdf("a, changed"))
    assert [m.split("（")[0] for m in errors(locked)] == [f"{DOC}:{attachments_line(locked)}: 已发布的页面的附件 a.pdf 被改动"]
    locked.replace(DOC, SECOND, "")
    locked.write(f"{FOLDER}/c.pdf", pdf("c"))
    assert [m.split(" — ")[0] for m in locked.messages()] == [
        f"{DOC}:{attachments_line(locked)}: attachments 第 1 项 缺少 title（读者看到的名称）",
        f"{DOC}:{attachments_line(locked)}: 已发布的附件 a.pdf 被删除（gazette.lock.json 第 {lock_line(locked)} 行的 {URL} 记有它，"
        f"SHA-256 {sha_of(locked, 'a.pdf')[:12]}…）：它的网址会消失",
        f"{FOLDER}/a.pdf: 这个文件没有被任何文件的 attachments 或解读的 images 列出，不会发布",
        f"{FOLDER}/c.pdf: 这个文件没有被任何文件的 attachments 或解读的 images 列出，不会发布"]


def lock_line(repo: Repo) -> int:
    return lock.load(repo.path)[0].lines[URL]


def sha_of(repo: Repo, name: str) -> str:
    return lock.load(repo.path)[0].entries[URL].file_map()[name][0]

def test_the_build_refuses_a_swap_of_the_files_a_site_published(site_repo: Repo, tmp_path, capfd):
    """A second attachment added with a 勘误 and published before gongbao lock --write recorded it: the site's record of
    what it published unrecorded keeps the order, and the next build refuses a swap against it."""
    page, target = "gazette/2018/07/xzbf-75.md", tmp_path / "site"
    first = "  - file: xzbf-75/附件-增设电梯申请表.pdf\n    title: 附件：无锡市区既有多层住宅增设电梯申请表\n"
    second = "  - {file: xzbf-75/附件2.pdf, title: 附件2：承诺书}\n"
    site_repo.write("gazette/2018/07/xzbf-75/附件2.pdf", pdf("2"))
    site_repo.replace(page, first, first + second)
    site_repo.replace(page, "    reason: 发布时遗漏附件\n", "    reason: 发布时遗漏附件\n"
                                                      "  - {date: 2026-12-01, change: 补发附件2, reason: 发布时遗漏}\n")
    build(site_repo.path, target, search_index=False, quiet=True)
    recorded = json.loads((target / published_lock.UNRECORDED).read_text(encoding="utf-8"))["urls"]
    assert recorded["doc/xzbf/2018/75/"]["file_order"] == ["附件-增设电梯申请表.pdf", "附件2.pdf"]
    capfd.readouterr()
    site_repo.replace(page, first + second, second + first)
    with pytest.raises(BuildFailed):
        build(site_repo.path, target, search_index=False, quiet=True)
    err = capfd.readouterr().err
    assert f"{page}:14: 已发布的页面列出附件的顺序被改动，但没有勘误记录：site/{published_lock.UNRECORDED} 第 " in err
