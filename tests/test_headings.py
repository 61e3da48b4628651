"""Official headings (一、 （一） 1. （1） 第一章 第一节 第三条) become anchors that never move."""
import re
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import examples
from gongbao.identifiers import headings, numerals
from gongbao.identifiers.headings import blocks, classify, split_lead
from gongbao.rules import anchor_ids

NOTICE = """\
各市（县）、区人民政府，市各委办局：

一、总体要求
（一）加强统筹。各地各部门要加强统筹，明确责任分工。
（二）突出重点。
1. 细化任务
（1）明确时限
(2)明确责任
2．压实责任
(三)强化考核
二、工作任务
按照“放管服”改革要求，2018年底前完成。
三、保障措施
"""

REGULATION = """\
第一章 总则
第一条 为了规范政府公报管理，根据有关规定，结合本市实际，制定本办法。
第二条 本办法适用于本市政府公报的编辑、出版和发行。
第二章 编辑出版
第一节 一般规定
第三条 政府公报刊登下列内容：
（一）市政府规章；
（二）市政府及其办公室发布的规范性文件；
(三)其他需要刊登的文件。
第四条 政府公报每月出版一期。
第二节 发行
第五条 政府公报以赠阅为主。
第三章 附则
第六条 本办法自2018年7月1日起施行。
"""


def anchors(body: str) -> list[tuple[str, int | None, str]]:
    return [(b.anchor, b.level, b.text) for b in blocks(body) if b.anchor]


def anchor_of(body: str, text_start: str) -> str:
    return next(b.anchor for b in blocks(body) if b.text.startswith(text_start))


def test_notice_headings_at_every_level():
    assert anchors(NOTICE) == [
        ("sec-1", 2, "一、总体要求"),
        ("sec-1-1", 3, "（一）加强统筹。各地各部门要加强统筹，明确责任分工。"),
        ("sec-1-2", 3, "（二）突出重点。"),
        ("sec-1-2-1", 4, "1. 细化任务"),
        ("sec-1-2-1-1", 5, "（1）明确时限"),
        ("sec-1-2-1-2", 5, "(2)明确责任"),
        ("sec-1-2-2", 4, "2．压实责任"),
        ("sec-1-3", 3, "(三)强化考核"),
        ("sec-2", 2, "二、工作任务"),
        ("sec-3", 2, "三、保障措施"),
    ]


def test_plain_paragraphs_stay_plain():
    plain = [b for b in blocks(NOTICE) if b.text.startswith(("各市", "按照"))]
    assert [(b.anchor, b.level, b.marker) for b in plain] == [(None, None, None), (None, None, None)]


def test_regulation_chapters_sections_articles_and_items():
    assert anchors(REGULATION) == [
        ("chap-1", 2, "第一章 总则"),
        ("art-1", None, "第一条 为了规范政府公报管理，根据有关规定，结合本市实际，制定本办法。"),
        ("art-2", None, "第二条 本办法适用于本市政府公报的编辑、出版和发行。"),
        ("chap-2", 2, "第二章 编辑出版"),
        ("chap-2-sec-1", 3, "第一节 一般规定"),
        ("art-3", None, "第三条 政府公报刊登下列内容："),
        ("art-3-1", None, "（一）市政府规章；"),
        ("art-3-2", None, "（二）市政府及其办公室发布的规范性文件；"),
        ("art-3-3", None, "(三)其他需要刊登的文件。"),
        ("art-4", None, "第四条 政府公报每月出版一期。"),
        ("chap-2-sec-2", 3, "第二节 发行"),
        ("art-5", None, "第五条 政府公报以赠阅为主。"),
        ("chap-3", 2, "第三章 附则"),
        ("art-6", None, "第六条 本办法自2018年7月1日起施行。"),
    ]


def test_articles_keep_their_marker():
    block = next(b for b in blocks(REGULATION) if b.anchor == "art-3")
    assert (block.marker.kind, block.marker.number, block.marker.marker, block.marker.rest) == \
        ("art", 3, "第三条", "政府公报刊登下列内容：")


def test_large_article_numbers():
    body = "第九十九条 甲。\n第一百条 乙。\n第一百零三条 丙。\n"
    assert [a for a, _, _ in anchors(body)] == ["art-99", "art-100", "art-103"]


def test_article_keeps_its_anchor_when_a_paragraph_is_inserted_above():
    edited = REGULATION.replace("第一条 为了", "根据市政府常务会议决定，对本办法作如下说明。\n第一条 为了")
    assert anchors(edited) == anchors(REGULATION)
    assert anchor_of(edited, "第三条") == "art-3"
    assert anchor_of(edited, "（二）市政府") == "art-3-2"


def test_article_keeps_its_anchor_when_a_new_section_is_inserted_above():
    edited = "一、修订说明\n（一）本次修订的背景。\n二、修订内容\n" + REGULATION
    assert anchor_of(edited, "第三条") == "art-3"
    assert anchor_of(edited, "（二）市政府") == "art-3-2"
    assert anchor_of(edited, "第六条") == "art-6"
    assert anchor_of(edited, "第一节") == "chap-2-sec-1"
    assert anchors(edited)[:3] == [("sec-1", 2, "一、修订说明"), ("sec-1-1", 3, "（一）本次修订的背景。"),
                                   ("sec-2", 2, "二、修订内容")]


def test_article_keeps_its_anchor_when_an_article_is_inserted_above():
    # A renumbering edit changes the written numbers; anchors follow what is written, not positions.
    edited = REGULATION.replace("第二条 本办法适用", "第二条之一 新增条款。\n第二条 本办法适用")
    assert anchor_of(edited, "第三条") == "art-3"


def test_notice_heading_keeps_its_anchor_when_a_paragraph_is_inserted_above():
    edited = NOTICE.replace("二、工作任务", "此外，各地要及时报送进展情况。\n二、工作任务")
    assert anchors(edited) == anchors(NOTICE)


def test_fenced_code_is_ignored():
    body = "一、总体要求\n```\n二、这不是标题\n第三条 也不是条文\n```\n~~~\n（一）还不是\n~~~\n二、工作任务\n"
    assert anchors(body) == [("sec-1", 2, "一、总体要求"), ("sec-2", 2, "二、工作任务")]
    fenced = [b for b in blocks(body) if "不是" in b.text]
    assert all(b.anchor is None and b.marker is None for b in fenced)


def test_markdown_headings_keep_their_level_and_get_the_anchor():
    body = "## 一、背景依据\n文字。\n### （一）政策依据\n## 二、目标任务\n"
    assert anchors(body) == [("sec-1", 2, "一、背景依据"), ("sec-1-1", 3, "（一）政策依据"), ("sec-2", 2, "二、目标任务")]


def test_top_level_is_the_first_level_the_document_uses():
    body = "（一）加强统筹。\n（二）突出重点。\n1. 细化\n"
    assert [a for a, _, _ in anchors(body)] == ["sec-1", "sec-2", "sec-2-1"]


def test_an_enclosing_level_used_but_not_restarted_counts_as_zero():
    body = "一、总体要求\n（一）加强统筹。\n二、工作任务\n1. 细化\n"
    assert [a for a, _, _ in anchors(body)] == ["sec-1", "sec-1-1", "sec-2", "sec-2-0-1"]


def test_a_level_that_starts_late_does_not_renumber_what_is_above_it():
    # An annex with 一、 appended to a notice whose top level is （一）: the notice keeps its ids.
    notice = "（一）前言部分。\n（二）主要内容。\n"
    annexed = notice + "附件\n一、总体要求\n（一）加强统筹。\n"
    assert [a for a, _, _ in anchors(notice)] == ["sec-1", "sec-2"]
    assert [a for a, _, _ in anchors(annexed)] == ["sec-1", "sec-2", "sec-1_2", "sec-1-1"]


def test_a_repeated_marker_gets_a_suffix_not_a_clash():
    body = "一、甲\n一、甲的附件\n二、乙\n"
    assert [a for a, _, _ in anchors(body)] == ["sec-1", "sec-1_2", "sec-2"]


def test_a_second_article_never_takes_an_items_id():
    # The old suffix -2 gave the second 第三条 art-3-2, the id of 第三条第（二）项.
    body = "第三条 下列事项：\n（一）甲；\n（二）乙。\n第四条 丙。\n第三条 引用的原文。\n（二）再次出现。\n"
    assert [a for a, _, _ in anchors(body)] == ["art-3", "art-3-1", "art-3-2", "art-4", "art-3_2", "art-3-2_2"]


def test_a_second_top_heading_never_takes_a_subheadings_id():
    # The old suffix gave the second 一、 sec-1-2, the id of （二） under the first 一、.
    for body in ("一、甲\n（一）子\n（二）子\n一、又一个甲\n", "一、甲\n一、又一个甲\n（二）子\n"):
        found = [a for a, _, _ in anchors(body)]
        assert len(set(found)) == len(found), found
        assert found[0] == "sec-1" and "sec-1_2" in found and "sec-1-2" in found


def test_repeats_in_traditional_script_and_every_container_kind():
    body = "第一章 總則\n第三條 甲。\n第一章 附錄\n第一節 乙\n第一節 丙\n第三條 丁。\n"
    assert [a for a, _, _ in anchors(body)] == ["chap-1", "art-3", "chap-1_2", "chap-1-sec-1", "chap-1-sec-1_2",
                                                "art-3_2"]


def test_items_after_a_new_top_level_section_are_sections_again():
    body = "第三条 下列事项：\n（一）甲；\n一、附件说明\n（一）乙。\n"
    assert [a for a, _, _ in anchors(body)] == ["art-3", "art-3-1", "sec-1", "sec-1-1"]


def test_chapter_restarts_items_outside_articles():
    body = "第一章 总则\n（一）不属于任何一条的说明。\n"
    assert [a for a, _, _ in anchors(body)] == ["chap-1", "sec-1"]


@pytest.mark.parametrize("line", [
    "2018年底前完成。", "1.5倍以上的面积。", "十分重要。", "一是公文办理要严格程序。", "第一时间向本级政府报告。",
    "（注：此为示例）", "“一、”不是开头", "",
])
def test_lines_that_only_look_like_headings(line):
    assert classify(line) is None


@pytest.mark.parametrize("line, kind, number, marker, rest", [
    ("一、总体要求", 0, 1, "一、", "总体要求"),
    ("十二、附则", 0, 12, "十二、", "附则"),
    ("（十一）规范公众参与方式。", 1, 11, "（十一）", "规范公众参与方式。"),
    ("(一) 加强", 1, 1, "(一)", "加强"),
    ("3. 细化", 2, 3, "3.", "细化"),
    ("12．压实", 2, 12, "12．", "压实"),
    ("（4）明确", 3, 4, "（4）", "明确"),
    ("第一章 总则", "chap", 1, "第一章", "总则"),
    ("第二节 发行", "part", 2, "第二节", "发行"),
    ("第二十三条 本办法自发布之日起施行。", "art", 23, "第二十三条", "本办法自发布之日起施行。"),
    ("  第三条　前后有空白", "art", 3, "第三条", "前后有空白"),
])
def test_classify(line, kind, number, marker, rest):
    m = classify(line)
    assert (m.kind, m.number, m.marker, m.rest) == (kind, number, marker, rest)


@pytest.mark.parametrize("text, lead, rest", [
    ("（一）突出重点", "（一）突出重点", ""),
    ("（一）加强统筹。各地各部门要加强统筹。", "（一）加强统筹。", "各地各部门要加强统筹。"),
    ("（五）推动政务舆情回应制度化规范化。及时监测舆情。各地各部门要全天候监测以下政务舆情。",
     "（五）推动政务舆情回应制度化规范化。", "及时监测舆情。各地各部门要全天候监测以下政务舆情。"),
    ("（一）" + "很" * 60 + "长的第一句。后文。", "", "（一）" + "很" * 60 + "长的第一句。后文。"),
])
def test_split_lead(text, lead, rest):
    assert split_lead(text) == (lead, rest)


def test_seed_body_gets_its_official_anchors():
    from conftest import ROOT

    seed = (ROOT / "gazette/2018/06/xzbf-68.md").read_text(encoding="utf-8")
    found = {b.anchor: b.text for b in blocks(seed) if b.anchor}
    assert found["sec-1"] == "一、建立健全政務公開制度規范"
    assert found["sec-1-1"].startswith("(一)加強權責清單")
    assert found["sec-2-6"].startswith("(六)建設智慧便捷的政府網站")  # （六） continues across 二、
    assert "sec-1-6" not in found


def test_traditional_script_regulation():
    body = "第一章 總則\n第一條 為了規範管理，制定本辦法。\n第一節 一般規定\n第二條 有下列情形之一的：\n（一）甲；\n第兩百條 乙。\n"
    assert [a for a, _, _ in anchors(body)] == ["chap-1", "art-1", "chap-1-sec-1", "art-2", "art-2-1", "art-200"]


def test_heading_levels_skip_none_the_document_does_not_use():
    """Levels by rank among the levels used so far: a notice that starts at （一）, or goes from 一、 straight
    to 1., has no h3 missing above an h4 (screen readers and axe's heading-order rule)."""
    assert [level for _, level, _ in anchors("（一）加强统筹。\n1. 细化\n")] == [2, 3]
    assert [level for _, level, _ in anchors("一、总体要求\n2. 试点单元业主意见汇总表\n")] == [2, 3]
    assert [level for _, level, _ in anchors("第一章 总则\n第二章 附则\n")] == [2, 2]


# -- one pattern for the seven markers ------------------------------------------------------------------------------
_PIECES = ["第", "三", "十", "二", "〇", "两", "章", "节", "節", "条", "條", "、", "（", "）", "(", ")", "1", "23", "456",
           ".", "．", " ", "\u3000", "\t", "正文", "#", "## "]


# lines that start like a marker (a number between an opening and a closing), and any mix of the pieces
_LINES = st.one_of(
    st.tuples(st.sampled_from(["", " ", "第", "（", "(", "#"]), st.sampled_from(["三", "十二", "〇", "1", "23", "4567", "x"]),
              st.sampled_from(["章", "节", "節", "条", "條", "、", "）", ")", ".", "．", ""]),
              st.lists(st.sampled_from(_PIECES), max_size=8).map("".join)).map("".join),
    st.lists(st.sampled_from(_PIECES), max_size=12).map("".join))


def _one_by_one(line: str):
    """``classify`` as it was: the seven patterns tried in their order, the first match taken."""
    text = line.strip()
    for kind, pattern in headings._PATTERNS:
        match = re.match(rf"^{pattern}\s*", text)
        if match:
            raw = match.group(2)
            return kind, int(raw) if raw.isdigit() else numerals.parse(raw), match.group(1), text[match.end():]
    return None


@settings(max_examples=examples(3000), deadline=None)
@given(_LINES)
def test_one_pattern_classifies_as_the_seven_tried_in_turn(line):
    found = classify(line)
    assert (found and (found.kind, found.number, found.marker, found.rest)) == (_one_by_one(line) or None)


def test_the_generated_lines_reach_every_marker():
    """The test above means something: what it tries meets each of the seven kinds."""
    kinds = set()
    given(_LINES)(settings(max_examples=3000, deadline=None, derandomize=True)(
        lambda line: kinds.add(found[0] if (found := _one_by_one(line)) else None)))()
    assert kinds >= {"chap", "part", "art", 0, 1, 2, 3}


@settings(max_examples=examples(500), deadline=None)
@given(st.lists(st.sampled_from(_PIECES + ["\n", "\n", "\n"]), max_size=60).map("".join))
def test_every_anchor_made_is_one_of_the_grammar(body):
    """Anchors are written from their numbers without an ``Anchor`` to check them: each still parses back to itself."""
    for block in blocks(body):
        if block.anchor:
            assert str(headings.Anchor.parse(block.anchor)) == block.anchor


# The one pattern each reading of a written heading was: the same (level, text) for every line, in linear time
_AS_ONE_PATTERN = {None: re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$"), " \t": re.compile(r"(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$")}


@settings(max_examples=examples(2000))
@given(st.text(alphabet="#  \t\u3000\xa0甲x\\", max_size=16), st.sampled_from([None, " \t"]))
def test_a_written_heading_is_read_as_the_one_pattern_read_it(line, blanks):
    old = _AS_ONE_PATTERN[blanks].match(line)
    assert headings.written_heading(line, blanks) == (old and (len(old[1]), old[2]))


@pytest.mark.parametrize("line", ["## 说明" + " " * 200_000 + "甲", "#" + "\u3000" * 200_000 + "#" * 3 + " 甲 ##", "###" + " #" * 100_000])
def test_a_heading_of_many_spaces_is_read_at_once(line):
    """(.*?)\\s*#*\\s*$ tried every split of the spaces: 2,000 took 8 s, 4,000 a minute of every check."""
    started = time.process_time()
    for blanks in (None, " \t"):
        headings.written_heading(line, blanks)
    headings.blocks(line + "\n正文")
    anchor_ids.problems(line + "\n正文")
    assert time.process_time() - started < 1


@settings(max_examples=examples(2000))
@given(st.text(alphabet="#  \t\u3000甲{}", max_size=14))
def test_the_anchor_rule_reads_a_heading_as_its_one_pattern_read_it(line):
    old = re.match(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$", line)
    new = anchor_ids._atx(line)
    assert (new and new[1]) == (old and old[1])
