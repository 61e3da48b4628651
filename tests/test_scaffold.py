"""Scaffolds: a real YAML emitter, new document right after new issue, the issuer from the 机关代字,
the 问答 skeleton's aspect headings."""
import pytest

from conftest import Repo
from gongbao.content import loader, source
from gongbao.tools import scaffold
from gongbao.tools.agencies import issuers_of
from gongbao.identifiers.docnumber import DocNumber
from gongbao.content.model import IssueKey
from gongbao.rules.aspects import covered
from gongbao.content.settings import load as load_settings
from gongbao.identifiers.vocabulary import ASPECTS

TRICKY = ["yes", "no", "null", "Null", "on", "off", "~", "1.5", "1e3", "0x1F", "true", "", " 前后空格 ", "a # b", "a: b",
          "---", "- 列表", "[x]", "{x}", "'单引号'", '"双引号"', "%x", "@x", "`x", "*x", "&x", "!x", "|", ">", "?",
          "2018-06-05", "2018-02-30", "第一行\n第二行", "TODO：填写", "锡政办发〔2018〕68号", "\t制表"]


@pytest.mark.parametrize("value", TRICKY)
def test_front_matter_reads_back_what_was_written(value):
    meta = {"title": value, "issuer": [value, "无锡市人民政府"], "total_number": 389}
    text = scaffold.front_matter(meta, {"title": "注释"}) + "正文\n"
    parsed = source.parse("x.md", text.encode("utf-8"))
    assert parsed.source is not None, parsed.diagnostics
    assert parsed.source.meta == meta


def test_a_comment_follows_a_one_line_value_and_dates_are_written_plainly():
    text = scaffold.front_matter({"written": "2018-06-05", "status": "TODO：文件状态"}, {"status": "执行中|已废止"})
    assert text == "---\nwritten: 2018-06-05\nstatus: TODO：文件状态  # 执行中|已废止\n---\n"


def loaded(repo: Repo):
    settings = load_settings(repo.path)
    return loader.load(repo.path, settings).archive, settings


def test_new_document_right_after_new_issue(repo: Repo):
    archive, settings = loaded(repo)
    new = scaffold.issue(archive, IssueKey(2019, 1))
    scaffold.write(repo.path, [new])
    archive, settings = loaded(repo)
    assert archive.issue(IssueKey(2019, 1)) is None  # its published date is still TODO
    files = scaffold.document(archive, settings, IssueKey(2019, 1), "规范性文件", DocNumber.parse("锡政发〔2019〕1号"),
                              root=repo.path)
    assert [f.path for f in files] == ["gazette/2019/01/xzf-2019-1.md", "interpretations/xzf-2019-1-wzjd.md"]
    assert "# 本期栏目之一：市政府规章|市政府办公室文件\n" in files[0].text  # the new issue's sections
    assert "published: TODO：发布日期  # 年-月-日，不晚于本期出版日期\n" in files[0].text


def test_new_document_in_an_issue_that_does_not_exist_refuses(repo: Repo):
    archive, settings = loaded(repo)
    with pytest.raises(scaffold.ScaffoldError, match="2019年第1期 还不存在 — 先运行 gongbao new issue"):
        scaffold.document(archive, settings, IssueKey(2019, 1), "规范性文件", DocNumber.parse("锡政发〔2019〕1号"),
                          root=repo.path)


def test_new_document_in_an_issue_whose_sections_are_broken_offers_the_defaults(repo: Repo):
    repo.write("gazette/2019/01/index.md", "---\nyear: 2019\nnumber: 1\nsections: TODO\n---\n")
    archive, settings = loaded(repo)
    files = scaffold.document(archive, settings, IssueKey(2019, 1), "其他文件", DocNumber.parse("锡政发〔2019〕1号"),
                              root=repo.path)
    assert "|".join(scaffold.DEFAULT_SECTIONS) in files[0].text


def test_the_issuer_follows_the_archive_then_gazette_yml(repo: Repo):
    archive, settings = loaded(repo)
    known = ["无锡市人民政府", "无锡市人民政府办公室", "无锡市财政局", "无锡市发展和改革委员会"]
    # the archive's own 锡政办发 document names its issuer
    assert issuers_of(DocNumber.parse("锡政办发〔2019〕1号"), archive.documents, []) == ("无锡市人民政府办公室",)
    assert issuers_of(DocNumber.parse("锡财规〔2019〕1号"), [], known) == ("无锡市财政局",)
    assert issuers_of(DocNumber.parse("锡发改规〔2019〕1号"), [], known) == ("无锡市发展和改革委员会",)
    assert issuers_of(DocNumber.parse("无锡市人民政府令第1号"), [], known) == ("无锡市人民政府",)


@pytest.mark.parametrize("number", ["锡政发〔2019〕1号",   # 锡…政 is in 无锡市人民政府, and in 无锡市财政局 too
                                    "苏政办发〔2019〕1号"])  # no issuer of this gazette
def test_the_issuer_is_not_guessed_when_it_is_ambiguous_or_unknown(number):
    known = ["无锡市人民政府", "无锡市人民政府办公室", "无锡市财政局"]
    assert issuers_of(DocNumber.parse(number), [], known) == ()


def test_documents_that_disagree_on_the_issuer_leave_it_to_the_editor(repo: Repo):
    repo.write("gazette/2018/06/xzbf-69.md", (repo.path / "gazette/2018/06/xzbf-68.md").read_text(encoding="utf-8")
               .replace("68号", "69号").replace("issuer: 无锡市人民政府办公室", "issuer: 无锡市人民政府"))
    archive, settings = loaded(repo)
    files = scaffold.document(archive, settings, IssueKey(2018, 6), "其他文件", DocNumber.parse("锡政办发〔2018〕70号"))
    assert "issuer: TODO：制发机关  # gazette.yml 的 issuers 之一" in files[0].text


def test_a_scaffolded_issuer_says_it_was_inferred(repo: Repo):
    archive, settings = loaded(repo)
    files = scaffold.document(archive, settings, IssueKey(2018, 6), "其他文件", DocNumber.parse("锡政办发〔2018〕70号"))
    assert "issuer: 无锡市人民政府办公室  # 据机关代字 锡政办发 推定，请核对\n" in files[0].text
    given = scaffold.document(archive, settings, IssueKey(2018, 6), "其他文件", DocNumber.parse("锡政办发〔2018〕70号"),
                              issuers=("无锡市人民政府",))
    assert "issuer: 无锡市人民政府  # gazette.yml 的 issuers 之一" in given[0].text


def test_the_qa_skeleton_has_the_headings_check_asks_for(repo: Repo):
    archive, settings = loaded(repo)
    qa = scaffold.interpretation(archive, settings, DocNumber.parse("锡政办发〔2018〕68号"), "问答")
    body = source.parse(qa.path, qa.text.encode("utf-8")).source.body
    assert covered(body) == set(ASPECTS)
    assert covered(body.replace("## 五、执行标准", "## 五、")) == set(ASPECTS) - {"执行标准"}


def test_a_link_planted_where_a_new_file_goes_is_an_existing_file(repo: Repo, tmp_path):
    """exists() follows a link: one leading nowhere (a pull request can commit it) was taken for no file, and the
    scaffold was written where it led, outside the repository."""
    archive, _ = loaded(repo)
    new = scaffold.issue(archive, IssueKey(2019, 1))
    (repo.path / new.path).parent.mkdir(parents=True)
    (repo.path / new.path).symlink_to(tmp_path / "outside.md")
    with pytest.raises(scaffold.ScaffoldError, match="文件已存在"):
        scaffold.write(repo.path, [new])
    assert not (tmp_path / "outside.md").exists()


def test_a_folder_on_the_way_that_leads_out_of_the_repository_is_refused(repo: Repo, tmp_path):
    archive, _ = loaded(repo)
    new = scaffold.issue(archive, IssueKey(2019, 1))
    (tmp_path / "outside").mkdir()
    (repo.path / "gazette" / "2019").symlink_to(tmp_path / "outside", target_is_directory=True)
    with pytest.raises(scaffold.ScaffoldError, match="符号链接指向仓库之外.*gazette/2019/01/index.md"):
        scaffold.write(repo.path, [new])
    assert list((tmp_path / "outside").iterdir()) == []
