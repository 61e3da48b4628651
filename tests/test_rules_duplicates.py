"""rules/duplicates.py: one number (after normalisation) or id names one document; interpretation slugs are unique."""
from conftest import DOCUMENT, INTERPRETATION, Repo

DOC = "gazette/2018/06/xzbf-68.md"


def test_same_number_in_other_script_and_brackets(repo: Repo):
    repo.write(DOC, DOCUMENT.replace("锡政办发〔2018〕68号", "錫政辦發〔2018〕68號"))
    repo.write("gazette/2018/06/copy.md", DOCUMENT.replace("锡政办发〔2018〕68号", "锡政办发[2018]68号"))
    assert repo.messages() == [
        f"{DOC}:3: 锡政办发〔2018〕68号 与 gazette/2018/06/copy.md 重复 — 文号（统一括号、空格和繁简后）与 id 必须唯一；检查是否重复录入"]


def test_same_number_with_full_width_digits_and_spaces(repo: Repo):
    repo.write("gazette/2018/06/zz.md", DOCUMENT.replace("锡政办发〔2018〕68号", "锡政办发 (２０１８) ６８ 号"))
    assert repo.messages() == [
        "gazette/2018/06/zz.md:3: 锡政办发〔2018〕68号 与 gazette/2018/06/xzbf-68.md 重复 — "
        "文号（统一括号、空格和繁简后）与 id 必须唯一；检查是否重复录入"]


def test_duplicate_across_issues(repo: Repo):
    repo.write("gazette/2018/07/index.md", "---\nyear: 2018\nnumber: 7\ntotal_number: 390\npublished: 2018-07-31\n"
               "sections: [市政府办公室文件]\n---\n")
    repo.write("gazette/2018/07/again.md", DOCUMENT)
    assert repo.messages() == [
        "gazette/2018/07/again.md:3: 锡政办发〔2018〕68号 与 gazette/2018/06/xzbf-68.md 重复 — "
        "文号（统一括号、空格和繁简后）与 id 必须唯一；检查是否重复录入"]


def test_different_serials_are_not_duplicates(repo: Repo):
    repo.write("gazette/2018/06/zz.md", DOCUMENT.replace("68号", "69号"))
    repo.write("interpretations/zz.md", INTERPRETATION.replace("68号", "69号"))
    assert repo.messages() == []


def test_duplicate_ids(repo: Repo):
    other = DOCUMENT.replace("doc_number: 锡政办发〔2018〕68号", "id: wx-notice-1").replace("规范性文件", "其他文件")
    repo.write("gazette/2018/06/a.md", other)
    repo.write("gazette/2018/06/b.md", other)
    assert repo.messages() == [
        "gazette/2018/06/b.md:3: wx-notice-1 与 gazette/2018/06/a.md 重复 — 文号（统一括号、空格和繁简后）与 id 必须唯一；检查是否重复录入"]


def test_duplicate_interpretation_slugs(repo: Repo):
    repo.write("interpretations/2018/xzbf-68-jd.md", INTERPRETATION)
    assert repo.messages() == [
        "interpretations/xzbf-68-jd.md:1: 解读网址名 xzbf-68-jd 与 interpretations/2018/xzbf-68-jd.md 重复 — 给其中一篇设置不同的 slug"]


def test_same_slug_for_different_documents_is_fine(repo: Repo):
    repo.write("gazette/2018/06/zz.md", DOCUMENT.replace("68号", "69号"))
    repo.write("interpretations/other/xzbf-68-jd.md", INTERPRETATION.replace("68号", "69号"))
    assert repo.messages() == []
