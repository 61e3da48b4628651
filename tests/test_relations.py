"""Statuses agree with the documents that amend and repeal them; chains have no cycle; pages say
whether a document is in force on the build date."""
from __future__ import annotations

import datetime as dt

import pytest

from conftest import Repo
from gongbao.publish.check import check
from gongbao.content.relations import reverse
from gongbao.publish.render import document, ui

DOC = "gazette/2018/06/xzbf-68.md"
LATER = "gazette/2018/06/later.md"
HINT = {"repeals": "改为 status: 已废止；若 锡政办发〔2018〕70号 并未废止本文件，改正其 repeals",
        "amends": "改为 status: 已修订；若 锡政办发〔2018〕70号 并未修改本文件，改正其 amends"}


def later(relations: str, effective: str = "2018-06-20", status: str = "执行中") -> str:
    return f"""\
        ---
        title: 关于修改示例办法的决定
        doc_number: 锡政办发〔2018〕70号
        issuer: 无锡市人民政府办公室
        type: 其他文件
        written: 2018-06-20
        published: 2018-06-20
        effective: {effective}
        status: {status}
        disclosure: 主动公开
        section: 市政府办公室文件
        {relations}
        ---
        正文。
        """


@pytest.mark.parametrize("key, verb", [("repeals", "废止"), ("amends", "修改")])
def test_a_document_in_force_that_another_repeals_or_amends_is_an_error(repo: Repo, key, verb):
    repo.write(LATER, later(f"{key}: [锡政办发〔2018〕68号]"))
    assert repo.messages() == [
        f"{DOC}:8: 文件状态为执行中，但已被 锡政办发〔2018〕70号（{LATER}）{verb}（自 2018-06-20 起） — {HINT[key]}"]


@pytest.mark.parametrize("key, status", [("repeals", "已废止"), ("repeals", "已失效"), ("amends", "已修订")])
def test_a_status_that_follows_the_relation_is_fine(repo: Repo, key, status):
    repo.write(LATER, later(f"{key}: [锡政办发〔2018〕68号]"))
    repo.replace(DOC, "status: 执行中", f"status: {status}")
    assert repo.messages() == []


@pytest.mark.parametrize("key, status, written", [("repeals", "已废止", "[锡政办发〔2018〕68号]"),
                                                 ("amends", "已修订", "[錫政辦發［2018］68號]"),
                                                 ("repeals", "已废止", "\n          - 锡政办发(2018)68号")])
def test_a_document_published_before_the_one_it_repeals_or_amends_was_made_is_an_error(repo: Repo, key, status, written):
    """A relation is shown on the page of the document it names: one dated 2018-06-01 that repealed 68号 (made and
    published 2018-06-05) put 本文件已被 锡政办发〔2018〕70号 废止（2018年6月1日） on the cited page, repealed before it was published,
    and check and the build passed (neither page's hash covers it: a later document's by design)."""
    repo.write(LATER, later(f"{key}: {written}", effective="2018-06-01").replace("2018-06-20", "2018-06-01"))
    repo.replace(DOC, "status: 执行中", f"status: {status}")
    assert repo.messages() == [
        f"{LATER}:12: {key} 中的 锡政办发〔2018〕68号 成文于 2018-06-05，晚于本文件的发布日期 2018-06-01：一份文件只能"
        f"{VERB_OF[key]}在它发布时（或当天）已经成文的文件 — 核对本文件的 published 和 {key}"]


def test_a_document_published_the_same_day_may_repeal(repo: Repo):
    repo.write(LATER, later("repeals: [锡政办发〔2018〕68号]", effective="2018-06-05").replace("2018-06-20", "2018-06-05"))
    repo.replace(DOC, "status: 执行中", "status: 已废止")
    assert repo.messages() == []


def test_a_text_made_before_may_be_repealed_by_one_the_gazette_published_first(repo: Repo):
    """68号 made on 1 May reached the gazette on 5 June; the one repealing it, on 1 June: no error (the gazette's lag)."""
    repo.replace(DOC, "written: 2018-06-05", "written: 2018-05-01")
    repo.write(LATER, later("repeals: [锡政办发〔2018〕68号]", effective="2018-06-01").replace("2018-06-20", "2018-06-01"))
    repo.replace(DOC, "status: 执行中", "status: 已废止")
    assert repo.messages() == []


VERB_OF = {"repeals": "废止", "amends": "修改"}


@pytest.mark.parametrize("key, status", [("repeals", "已废止"), ("amends", "已修订")])
def test_a_status_whose_basis_has_errors_of_its_own_is_not_told_baseless(repo: Repo, key, status):
    """The basis is there: its own error is told; "没有依据…否则改回文件的实际状态" would undo a true status."""
    repo.write(LATER, later(f"{key}: [锡政办发〔2018〕68号]").replace("        section: 市政府办公室文件\n", ""))
    repo.replace(DOC, "status: 执行中", f"status: {status}")
    assert repo.messages() == [f"{LATER}:1: 缺少必填项 section — 在 front matter 中加入 section: 市政府办公室文件"]


def test_a_status_whose_basis_cannot_be_read_is_not_told_baseless(repo: Repo):
    repo.write(LATER, later("repeals:\n          - 锡政办发〔2018〕68号").replace("issuer: ", "issuer："))
    repo.replace(DOC, "status: 执行中", "status: 已废止")
    assert [m.split("：")[0] for m in repo.messages()] == [f"{LATER}:4: front matter 不是合法的 YAML"]


def test_an_amended_document_marked_amended_but_also_repealed_must_say_repealed(repo: Repo):
    repo.write(LATER, later("repeals: [锡政办发〔2018〕68号]"))
    repo.replace(DOC, "status: 执行中", "status: 已修订")
    assert repo.messages() == [
        f"{DOC}:8: 文件状态为已修订，但已被 锡政办发〔2018〕70号（{LATER}）废止（自 2018-06-20 起） — {HINT['repeals']}"]


def test_a_repeal_not_yet_in_force_leaves_the_target_in_force(repo: Repo):
    repo.write(LATER, later("repeals: [锡政办发〔2018〕68号]", effective="2027-01-01", status="尚未施行"))
    assert repo.messages() == []


def _doc(number: str, relations: str) -> str:
    return later(relations).replace("锡政办发〔2018〕70号", number).replace("关于修改示例办法的决定", f"决定{number}")


def test_a_cycle_of_two_is_one_error(repo: Repo):
    repo.write(LATER, later("amends: [锡政办发〔2018〕68号]"))
    repo.replace(DOC, "status: 执行中", "status: 已修订\nrepeals: [锡政办发〔2018〕70号]")
    messages = [m for m in repo.messages() if "循环" in m]
    assert messages == [
        f"{DOC}:9: 修改/废止关系形成循环：锡政办发〔2018〕68号 → 锡政办发〔2018〕70号 → 锡政办发〔2018〕68号 — "
        "一份文件不能（间接）修改或废止修改、废止它的文件：检查各文件的 amends 和 repeals"]


def test_a_longer_cycle_is_found_and_a_chain_is_not_a_cycle(repo: Repo):
    repo.write("gazette/2018/06/a.md", _doc("锡政办发〔2018〕71号", "amends: [锡政办发〔2018〕72号]"))
    repo.write("gazette/2018/06/b.md", _doc("锡政办发〔2018〕72号", "amends: [锡政办发〔2018〕73号]"))
    repo.write("gazette/2018/06/c.md", _doc("锡政办发〔2018〕73号", "amends: [锡政办发〔2018〕68号]"))
    repo.replace(DOC, "status: 执行中", "status: 已修订")
    assert not [m for m in repo.messages() if "循环" in m]  # a chain: 71 → 72 → 73 → 68
    repo.replace(DOC, "status: 已修订", "status: 已修订\namends: [锡政办发〔2018〕71号]")
    cycles = [m for m in repo.messages() if "循环" in m]
    assert len(cycles) == 1
    assert "锡政办发〔2018〕68号 → 锡政办发〔2018〕71号 → 锡政办发〔2018〕72号 → 锡政办发〔2018〕73号 → 锡政办发〔2018〕68号" in cycles[0]


def _page(repo: Repo, today: dt.date) -> str:
    checked = repo.check()
    public = checked.archive.public()
    doc = public.document(checked.archive.documents[0].ref)
    return document.page(doc, public, checked.settings.issuer_codes, reverse(public), checked.settings, today).ours()


def test_a_document_not_yet_in_force_says_so(repo: Repo):
    repo.replace(DOC, "status: 执行中", "effective: 2018-08-01\nstatus: 执行中")
    assert "本文件尚未施行（自2018年8月1日起施行）。" in _page(repo, dt.date(2018, 7, 1))
    assert "尚未施行（" not in _page(repo, dt.date(2018, 8, 1))


def test_an_expired_document_says_so(repo: Repo):
    repo.replace(DOC, "status: 执行中", "expires: 2019-12-31\nstatus: 已失效")
    assert "本文件已于2019年12月31日失效。" in _page(repo, dt.date(2020, 1, 1))
    assert "失效。" not in _page(repo, dt.date(2019, 12, 31))


def test_the_notes_follow_source_date_epoch(repo: Repo, monkeypatch):
    repo.replace(DOC, "status: 执行中", "expires: 2019-12-31\nstatus: 已失效")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2019, 6, 1, tzinfo=dt.timezone.utc).timestamp())))
    checked = check(repo.path)  # the build date is check's (SOURCE_DATE_EPOCH), passed on to every renderer
    assert checked.today == dt.date(2019, 6, 1)
    public = checked.archive.public()
    page = document.page(public.documents[0], public, checked.settings.issuer_codes, reverse(public), checked.settings,
                         checked.today).ours()
    assert "失效。" not in page


def test_a_status_whose_basis_names_the_number_the_document_mistypes_is_not_told_baseless(repo: Repo):
    """The basis is there, naming the right number: the typo in the document's is told (rules/issuers.py); "没有依据…
    否则改回文件的实际状态" would undo a true status."""
    repo.write(LATER, later("amends: [锡政办发〔2018〕68号]"))
    repo.replace(DOC, "status: 执行中", "status: 已修订")
    repo.replace(DOC, "锡政办发〔2018〕68号", "锡政办法〔2018〕68号")
    assert repo.messages() == [
        f'{DOC}:3: 文号 锡政办法〔2018〕68号 的机关代字“锡政办法”没有网址代码（是否应为 锡政办发？） — 文号写错的，改为 锡政办发〔2018〕68号；'
        "确是新的机关代字，才在 gazette.yml 的 issuer_codes 下加入 锡政办法: 代码（小写字母，如 xzbf），代码一经发布不得更改"]


# --- a status that says a document no longer stands as printed has a basis a reader can check ----------

UNEXPLAINED = {
    "已废止": "文件状态为已废止，但没有依据：本公报中没有已施行的文件废止它（repeals） — 在废止它的文件的 repeals 中写入",
    "已修订": "文件状态为已修订，但没有依据：本公报中没有已施行的文件修改它（amends） — 在修改它的文件的 amends 中写入",
    "已失效": "文件状态为已失效，但没有依据：本公报中没有已施行的文件废止它（repeals），有效期也未届满 — 在废止它的文件的 repeals 中写入",
}


@pytest.mark.parametrize("status", UNEXPLAINED)
def test_a_status_nothing_explains_is_an_error(repo: Repo, status):
    """The hole: 执行中 → 已废止 in one edit, with no document repealing it, told courts a rule in force was void."""
    repo.replace(DOC, "status: 执行中", f"status: {status}")
    (message,) = repo.messages()
    assert message.startswith(f"{DOC}:8: {UNEXPLAINED[status]} 锡政办发〔2018〕68号；该文件不在本公报中的，写 status_basis:")


@pytest.mark.parametrize("relations, status", [
    ("amends: [锡政办发〔2018〕68号]", "已废止"),   # amended, not repealed
])
def test_a_relation_of_the_other_kind_is_no_basis(repo: Repo, relations, status):
    repo.write(LATER, later(relations))
    repo.replace(DOC, "status: 执行中", f"status: {status}")
    (message,) = repo.messages()
    assert message.startswith(f"{DOC}:8: {UNEXPLAINED[status]}")


def test_a_repeal_not_yet_in_force_is_no_basis(repo: Repo):
    repo.write(LATER, later("repeals: [锡政办发〔2018〕68号]", effective="2027-01-01", status="尚未施行"))
    repo.replace(DOC, "status: 执行中", "status: 已废止")
    (message,) = repo.messages()
    assert message.startswith(f"{DOC}:8: {UNEXPLAINED['已废止']}")


@pytest.mark.parametrize("key", ["status_basis", "状态依据"])
def test_a_basis_outside_the_gazette_is_written_and_printed(repo: Repo, key):
    repo.replace(DOC, "status: 执行中", f"status: 已废止\n{key}: 苏政发〔2020〕12号")
    assert repo.messages() == []
    assert '<span class="gb-status">已废止</span>（依据：苏政发〔2020〕12号）' in _page(repo, dt.date(2026, 12, 1))
    with ui.interface(ui.TRADITIONAL):  # the site's interface script: the label follows it, the basis is as written
        assert '<span class="gb-status">已廢止</span>（依據：苏政发〔2020〕12号）' in _page(repo, dt.date(2026, 12, 1))


def test_a_basis_is_escaped_as_text(repo: Repo):
    repo.replace(DOC, "status: 执行中", 'status: 已废止\nstatus_basis: "<b>苏政发</b>"')
    assert "（依据：&lt;b&gt;苏政发&lt;/b&gt;）" in _page(repo, dt.date(2026, 12, 1))


def test_a_basis_for_a_document_in_force_is_an_error(repo: Repo):
    repo.replace(DOC, "status: 执行中", "status: 执行中\nstatus_basis: 苏政发〔2020〕12号")
    assert repo.messages() == [f"{DOC}:9: 文件状态为执行中，却写了 status_basis — 删去 status_basis：它只写已修订、已废止、已失效的依据"]


def test_an_expiry_past_is_the_basis_of_expired(repo: Repo):
    repo.replace(DOC, "status: 执行中", "expires: 2019-12-31\nstatus: 已失效")
    assert repo.messages() == []


@pytest.mark.parametrize("disclosure", ["不予公开", "依申请公开"])
def test_a_withheld_repeal_is_no_basis_a_reader_can_check(repo: Repo, disclosure):
    """A document never published says nothing on the page: 已废止 would stand with no basis shown, one edit of status
    and a withheld file away from telling courts a rule in force is void."""
    repo.write(LATER, later("repeals: [锡政办发〔2018〕68号]").replace(
        "disclosure: 主动公开", f"disclosure: {disclosure}\n        disclosure_reason: 涉及国家秘密"))
    repo.replace(DOC, "status: 执行中", "status: 已废止")
    (message,) = repo.messages()
    assert message.startswith(f"{DOC}:8: {UNEXPLAINED['已废止']}")


@pytest.mark.parametrize("basis", ["锡政办发〔2018〕70号", "根据錫政辦發[2018]70號", "锡政办发2018年70", "锡政办发〔2018〕68号"])
def test_a_basis_this_gazette_contradicts_is_an_error(repo: Repo, basis):
    """status_basis names a decision outside this gazette: one of its own documents that does not repeal or amend the
    document (or the document itself) is a basis the site itself shows to be false."""
    repo.write(LATER, later("based_on: [国办发〔2016〕80号]"))
    repo.replace(DOC, "status: 执行中", f"status: 已废止\nstatus_basis: {basis}")
    cited = "锡政办发〔2018〕68号" if basis.endswith("68号") else "锡政办发〔2018〕70号"
    assert repo.messages() == [
        f"{DOC}:9: status_basis 写的 {cited} 是本公报中的文件，它没有修改或废止本文件 — "
        f"本公报中的文件修改或废止本文件的，在它的 amends 或 repeals 中写入 锡政办发〔2018〕68号，删去 status_basis；"
        f"否则改正 status_basis 或文件状态"]
