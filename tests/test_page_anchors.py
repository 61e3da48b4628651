"""A link of a text to an id its page writes around it: [见解读](#gb-jd), the title's id, a draft's #起草说明. check
refused each (html_safety's "指向的位置在本页不存在", from the body alone) while the build's rendered check accepted
it: the page has it. Which of them a page has depends on other files (an interpretation gives its document 政策解读,
gb-jd; a later document gives it 相关文件, gb-relations), so check reads the page the build makes (rules.page_anchors,
gongbao.publish.render.site.page_ids): a link to one the page lacks is still refused, at its line, by check and by
the build, in any container, encoded or in Traditional script."""
from __future__ import annotations

import pytest

from conftest import Repo, copy_sample
from gongbao.publish.build import build

DOC = "gazette/2019/08/xzf-2019-18.md"  # 规范性文件 with an interpretation and relations, no 勘误, no consultation
TITLE = "无锡市人民政府关于印发无锡市市级政府投资项目管理办法的通知"
AFTER = "印发给你们，请认真贯彻执行。\n"
TOLD = "指向的位置在本页不存在"

# links to ids the document's page has around its text
PRESENT = [
    "见[政策解读](#gb-jd)。",
    "- 见[相关文件](#gb-relations)",
    "> 见[本文件](#无锡市人民政府关于印发无锡市市级政府投资项目管理办法的通知)",
    "| 甲 | 见[解读](#gb-jd) |\n|---|---|\n| 乙 | 丙 |",
    '见<a href="#gb-jd">解读</a>。',
    "见[解读][1]。\n\n[1]: #gb-relations",
    "见[解读](#%67%62-jd)。",
    "見[本文件](#%E6%97%A0%E9%94%A1%E5%B8%82%E4%BA%BA%E6%B0%91%E6%94%BF%E5%BA%9C%E5%85%B3%E4%BA%8E%E5%8D%B0%E5%8F%91"
    "%E6%97%A0%E9%94%A1%E5%B8%82%E5%B8%82%E7%BA%A7%E6%94%BF%E5%BA%9C%E6%8A%95%E8%B5%84%E9%A1%B9%E7%9B%AE%E7%AE%A1%E7%90"
    "%86%E5%8A%9E%E6%B3%95%E7%9A%84%E9%80%9A%E7%9F%A5)。",
]
# (text, the id it names): ids that page lacks (no consultation, no 勘误; the theme's, outside the content; another case)
MISSING = [
    ("见[公开征求意见](#gb-zqyj)。", "gb-zqyj"),
    ("- 见[勘误](#gb-kanwu)", "gb-kanwu"),
    ("> 见[正文](#gb-content)", "gb-content"),
    ('见<a href="#GB-JD">解读</a>。', "GB-JD"),
    ("见[解读][1]。\n\n[1]: #gb-jdx", "gb-jdx"),
    ("見[本文件](#無錫市人民政府關於印發無錫市市級政府投資項目管理辦法的通知)。", "無錫市人民政府關於印發無錫市市級政府投資項目管理辦法的通知"),
    ("见[起草说明](#起草说明)。", "起草说明"),
]


@pytest.fixture
def unlocked(tmp_path) -> Repo:
    return Repo(copy_sample(tmp_path / "repo", files=("mkdocs.yml", "gazette.yml", "withdrawn.yml")))  # nothing locked


def _told(repo: Repo) -> list[str]:
    return [m.split(" — ")[0] for m in repo.messages() if TOLD in m]


def _line(repo: Repo, path: str, text: str) -> int:
    return (repo.path / path).read_text(encoding="utf-8").split("\n").index(text.split("\n")[0]) + 1


def _message(path: str, line: int, target: str) -> str:
    return f"{path}:{line}: 链接 “#{target}” 指向的位置在本页不存在：读者点击后不会跳转，引用这个网址的人也找不到它"


@pytest.mark.parametrize("text", PRESENT)
def test_a_link_to_an_id_the_page_writes_around_the_text_passes(unlocked, text):
    unlocked.replace(DOC, AFTER, f"{AFTER}\n{text}\n\n")
    assert _told(unlocked) == []


@pytest.mark.parametrize(("text", "target"), MISSING)
def test_a_link_to_an_id_the_page_lacks_is_still_refused_at_its_line(unlocked, text, target):
    unlocked.replace(DOC, AFTER, f"{AFTER}\n{text}\n\n")
    line = _line(unlocked, DOC, text) + (2 if "[1]:" in text else 0)
    assert _told(unlocked) == [_message(DOC, line, target)]


def test_the_interpretations_section_is_the_pages_once_an_interpretation_names_the_document(unlocked):
    """xzbh-41 (a 复函) has no interpretation, so no 政策解读 section: #gb-jd is refused, then passes once one exists."""
    doc = "gazette/2018/07/xzbh-41.md"
    text = (unlocked.path / doc).read_text(encoding="utf-8")
    body = text.index("\n---\n", 4) + 5
    (unlocked.path / doc).write_text(text[:body] + "\n見[解讀](#gb-jd)。\n" + text[body:], encoding="utf-8")
    assert _told(unlocked) == [_message(doc, _line(unlocked, doc, "見[解讀](#gb-jd)。"), "gb-jd")]
    source = (unlocked.path / "interpretations/xzf-2019-18-wzjd.md").read_text(encoding="utf-8")
    unlocked.write("interpretations/xzbh-41-wzjd.md", source.replace("锡政发〔2019〕18号", "锡政办函〔2018〕41号", 1))
    assert _told(unlocked) == []


def test_an_interpretations_and_a_drafts_page_have_their_own(unlocked):
    """An interpretation's page has its title's id and no 政策解读 section; a draft's page has its 起草说明."""
    interp, draft = "interpretations/xzf-2019-18-wzjd.md", "drafts/2018-gbgl-zqyj.md"
    for path in (interp, draft):
        text = (unlocked.path / path).read_text(encoding="utf-8")
        body = text.index("\n---\n", 4) + 5
        links = ("见[标题](#无锡市市级政府投资项目管理办法政策解读)，[解读](#gb-jd)" if path == interp
                 else "见[起草说明](#起草说明)，[标题](#无锡市人民政府公报管理办法征求意见稿)，[相关](#gb-relations)")
        (unlocked.path / path).write_text(text[:body] + f"\n{links}\n" + text[body:], encoding="utf-8")
    assert _told(unlocked) == [_message(draft, _line(unlocked, draft, "见[起草说明](#起草说明)，[标题](#无锡市人民政府公报管理办法征求意见稿)，[相关](#gb-relations)"), "gb-relations"),
                               _message(interp, _line(unlocked, interp, "见[标题](#无锡市市级政府投资项目管理办法政策解读)，[解读](#gb-jd)"), "gb-jd")]


# A draft's page shows its 起草说明 below it, with the ids it had as part of the draft (toc's, after the draft's own:
# its 一、 and 二、 are sec-1_2 and sec-2_2 under a draft that has them too): check read the draft's text alone and
# refused a link the page follows. Now it asks the page the build makes (render.site.page_ids) of such a link.
DRAFT, EXPLANATION = "drafts/2026-zwgk-bzh-zqyj.md", "explanations/2026-zwgk-bzh-zqyj.md"
DRAFT_LINKS = [
    "见[起草说明第二部分](#sec-2_2)。",
    "- 见[起草依据](#sec-1_2)",
    '> 见<a href="#sec-2_2">需要说明的问题</a>。',
    "見[說明][1]。\n\n[1]: #sec-1_2",
    "见[说明](#%73ec-2_2)。",
    "见[附表](#附表说明)。",  # a heading of the 起草说明 (below: EXPLAINED)
]
EXPLAINED = "## 附表说明\n\n附表列出各部门的公开事项（示例）。\n"
# (file, text, the id it names): ids those pages lack
NOT_ON_THE_PAGE = [
    (DRAFT, "见[说明](#sec-3_2)。", "sec-3_2"),  # the 起草说明 has no 三、
    (DRAFT, "見[附表](#附錶說明)。", "附錶說明"),  # its heading in Traditional script: another id
    (DRAFT, "- 见[说明](#sec-2_3)", "sec-2_3"),
    (EXPLANATION, "见[说明](#sec-2_2)。", "sec-2_2"),  # the 起草说明's own page shows no draft above it
    ("feedback/2018-gbgl-yjcn.md", "见[说明](#sec-2_2)。", "sec-2_2"),  # nor does a feedback's
    ("drafts/2018-gbgl-zqyj.md", "见[说明](#sec-1_2)。", "sec-1_2"),  # this draft has no 一、: its 起草说明's is sec-1
]


def _added(repo: Repo, path: str, text: str) -> None:
    """``text`` added as the first paragraphs of the body of ``path``."""
    source = (repo.path / path).read_text(encoding="utf-8")
    body = source.index("\n---\n", 4) + 5
    (repo.path / path).write_text(source[:body] + f"\n{text}\n" + source[body:], encoding="utf-8")


@pytest.mark.parametrize("text", DRAFT_LINKS)
def test_a_drafts_link_to_an_id_of_its_explanation_on_its_page_passes(unlocked, text):
    with (unlocked.path / EXPLANATION).open("a", encoding="utf-8") as explanation:
        explanation.write(f"\n{EXPLAINED}")
    _added(unlocked, DRAFT, text)
    assert _told(unlocked) == []


@pytest.mark.parametrize(("path", "text", "target"), NOT_ON_THE_PAGE)
def test_a_participation_texts_link_to_an_id_its_page_lacks_is_refused(unlocked, path, text, target):
    with (unlocked.path / EXPLANATION).open("a", encoding="utf-8") as explanation:
        explanation.write(f"\n{EXPLAINED}")
    _added(unlocked, path, text)
    assert _told(unlocked) == [_message(path, _line(unlocked, path, text), target)]


# A heading of the text in the words of its title: the page's title took the title's id first, so toc gives the heading
# the id with _1 (a second such heading _2), as the build shows. check read the text alone (the heading's id bare) and
# refused a link to _1, which the page has; a link to an id the page lacks is still refused.
INTERPRETATION = "interpretations/xzf-2019-18-wzjd.md"
INTERPRETATION_TITLE = "无锡市市级政府投资项目管理办法政策解读"  # toc's id of 《无锡市市级政府投资项目管理办法》政策解读
TITLED = [
    (DOC, f"## {TITLE}\n\n见[本节](#{TITLE}_1)。"),
    (DOC, f"## {TITLE}\n\n## {TITLE}\n\n- 见[第二节](#{TITLE}_2)"),
    (DOC, f"> ## {TITLE}\n>\n> 见[本节](#{TITLE}_1)，[标题](#{TITLE})。"),
    (INTERPRETATION, f"## 《无锡市市级政府投资项目管理办法》政策解读\n\n见[本节](#{INTERPRETATION_TITLE}_1)。"),
    (DRAFT, "## 无锡市政务公开标准化规范化工作方案（征求意见稿）\n\n见[本节](#无锡市政务公开标准化规范化工作方案征求意见稿_1)。"),
]
TITLED_MISSING = [
    (DOC, f"见[本节](#{TITLE}_1)。", f"{TITLE}_1"),  # no heading of the title's words
    (DOC, f"## {TITLE}\n\n见[第二节](#{TITLE}_2)。", f"{TITLE}_2"),
    (DOC, "## 無錫市人民政府關於印發無錫市市級政府投資項目管理辦法的通知\n\n見[本節](#無錫市人民政府關於印發無錫市市級政府投資項目管理辦法的通知_1)。",
     "無錫市人民政府關於印發無錫市市級政府投資項目管理辦法的通知_1"),  # in Traditional script: its own id, bare
    (INTERPRETATION, f"见[本节](#{INTERPRETATION_TITLE}_1)。", f"{INTERPRETATION_TITLE}_1"),
    (DRAFT, "见[本节](#无锡市政务公开标准化规范化工作方案征求意见稿_1)。", "无锡市政务公开标准化规范化工作方案征求意见稿_1"),
]


@pytest.mark.parametrize(("path", "text"), TITLED)
def test_a_link_to_a_heading_of_the_titles_words_by_its_id_on_the_page_passes(unlocked, path, text):
    _added(unlocked, path, text)
    assert _told(unlocked) == []


@pytest.mark.parametrize(("path", "text", "target"), TITLED_MISSING)
def test_a_link_to_an_id_of_the_titles_words_the_page_lacks_is_refused(unlocked, path, text, target):
    _added(unlocked, path, text)
    line = _line(unlocked, path, next(line for line in text.split("\n") if "](#" in line))
    assert _told(unlocked) == [_message(path, line, target)]


def test_the_build_publishes_the_ids_those_links_go_to(unlocked, tmp_path):
    """What check now accepts is what the built pages have: the draft's link to its 起草说明's sec-2_2, the document's to
    the heading of its title's words, _1 after the title's own id (the rendered check passes both)."""
    _added(unlocked, DRAFT, "见[起草说明第二部分](#sec-2_2)。")
    _added(unlocked, DOC, f"## {TITLE}\n\n见[本节](#{TITLE}_1)。")
    build(unlocked.path, tmp_path / "site", search_index=False, quiet=True)
    for url, target in (("draft/2026-zwgk-bzh-zqyj/", "sec-2_2"), ("doc/xzf/2019/18/", f"{TITLE}_1")):
        page = (tmp_path / "site" / url / "index.html").read_text(encoding="utf-8")
        assert f'href="#{target}"' in page and f'id="{target}"' in page
