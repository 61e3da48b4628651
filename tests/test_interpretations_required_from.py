"""interpretations_required_from (gazette.yml): documents published before it need no interpretation,
and their pages say that nothing is missing; from that date on, every one still needs its own."""
import pytest

from conftest import SETTINGS, Repo
from gongbao.content.diagnostics import ContentError
from gongbao.publish.render import site
from gongbao.content.settings import load as load_settings

DOC = "gazette/2018/06/xzbf-68.md"
JD = "interpretations/xzbf-68-jd.md"
PAGE = "doc/xzbf/2018/68/"
NOTE = "本文件发布于2018年6月6日之前，当时尚无配套发布政策解读的要求，未缺少解读。"


def page(repo: Repo) -> str:
    """The HTML the project writes on the document's page (gongbao.publish.render.parts)."""
    checked = repo.check()
    return site.pages(checked.archive, checked.settings, checked.today)[PAGE].ours()


def test_a_document_before_the_date_needs_none_and_its_page_says_so(repo: Repo):
    (repo.path / JD).unlink()
    repo.write("gazette.yml", SETTINGS + "interpretations_required_from: 2018-06-06\n")
    assert repo.messages() == []
    html = page(repo)
    assert NOTE in html and 'class="gb-none-required"' in html


def test_a_document_on_the_date_still_needs_one(repo: Repo):
    (repo.path / JD).unlink()
    repo.write("gazette.yml", SETTINGS + "interpretations_required_from: 2018-06-05\n")
    assert [m.split(" — ")[0] for m in repo.messages()] == [
        f"{DOC}:5: 规范性文件 锡政办发〔2018〕68号 没有政策解读"]


@pytest.mark.parametrize("published", ["2018-06-06 00:00", "'2018-06-06'", "2018-6-6"])
def test_a_date_written_otherwise_on_the_day_does_not_escape(repo: Repo, published):
    (repo.path / JD).unlink()
    repo.write("gazette.yml", SETTINGS + "interpretations_required_from: 2018-06-06\n")
    repo.replace(DOC, "published: 2018-06-05", f"published: {published}")
    assert [m.split(" — ")[0].split(": ", 1)[1] for m in repo.messages()] == ["规范性文件 锡政办发〔2018〕68号 没有政策解读"]


def test_a_traditional_type_before_the_date_needs_none_either(repo: Repo):
    (repo.path / JD).unlink()
    repo.write("gazette.yml", SETTINGS + "interpretations_required_from: 2018-06-06\n")
    repo.replace(DOC, "type: 规范性文件", "type: 規範性文件")
    assert repo.messages() == []
    assert NOTE in page(repo)


def test_an_interpreted_old_document_still_lists_its_interpretation(repo: Repo):
    repo.write("gazette.yml", SETTINGS + "interpretations_required_from: 2020-01-01\n")
    html = page(repo)
    assert NOTE.replace("2018年6月6日", "2020年1月1日") not in html and "《示例办法》解读" in html


def test_without_the_setting_every_normative_document_needs_one_and_pages_say_nothing(repo: Repo):
    (repo.path / JD).unlink()
    assert len(repo.messages()) == 1
    assert "gb-none-required" not in page(repo)


@pytest.mark.parametrize("value", ["yes", "2016", "2016-13-01", "1900-01-01", "[2016-11-10]", "2016-11-10 08:00:00"])
def test_the_setting_must_be_a_date(repo: Repo, value):
    repo.write("gazette.yml", SETTINGS + f"interpretations_required_from: {value}\n")
    with pytest.raises(ContentError) as caught:
        load_settings(repo.path)
    assert [d.message.split("，")[0] for d in caught.value.diagnostics] == [
        "interpretations_required_from 应为 1949 至 2199 年间的日期（年-月-日）"]
    assert caught.value.diagnostics[0].line == 4


def test_the_setting_may_be_quoted(repo: Repo):
    repo.write("gazette.yml", SETTINGS + "interpretations_required_from: '2016-11-10'\n")
    assert str(load_settings(repo.path).interpretations_required_from) == "2016-11-10"
