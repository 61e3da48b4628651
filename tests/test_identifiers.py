"""Identifiers as value objects: 文号, ids, permanent document paths, heading anchors, numerals."""
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongbao.identifiers import numerals
from gongbao.identifiers.docnumber import DocId, DocNumber, parse_reference
from gongbao.identifiers.headings import Anchor, is_anchor
from gongbao.content.urls import DocPath

CANONICAL = "锡政办发〔2017〕95号"


@pytest.mark.parametrize("text", [
    "锡政办发〔2017〕95号",
    "锡政办发[2017]95号",
    "锡政办发(2017)95号",
    "锡政办发（2017）95号",
    "锡政办发【2017】95号",
    "锡政办发〖2017〗95号",
    "锡政办发［2017］95号",          # full-width square brackets
    "锡政办发2017 95号",             # no brackets: the year is four digits
    "锡政办发〔２０１７〕９５号",        # full-width digits
    "锡政办发〔2017〕95 号",          # the seed writes it so
    " 锡政办发 〔2017〕 95号 ",
    "锡政办发\u3000〔2017〕\u300095号",  # ideographic space
    "锡政办发〔2017〕第95号",
    "锡政办发〔2017〕95",            # 号 left out
    "錫政辦發〔2017〕95 號",          # Traditional script
    "錫政辦發[2017]95號",
])
def test_number_variants_fold_to_one_value(text):
    number = DocNumber.parse(text)
    assert number == DocNumber("锡政办发", 2017, 95)
    assert str(number) == CANONICAL
    assert hash(number) == hash(DocNumber.parse(CANONICAL))
    assert DocNumber.parse(str(number)) == number


def test_traditional_and_simplified_numbers_are_the_same_key():
    traditional, simplified = DocNumber.parse("錫政辦發〔2017〕95 號"), DocNumber.parse("锡政办发[2017]95号")
    assert traditional == simplified
    assert {traditional: "seed"}[simplified] == "seed"
    assert len({traditional, simplified}) == 1


@pytest.mark.parametrize("text, agency, year, serial", [
    ("锡政办发〔2018〕68号", "锡政办发", 2018, 68),
    ("锡政发〔2019〕2号", "锡政发", 2019, 2),
    ("国办发〔2016〕80号", "国办发", 2016, 80),
    ("苏政办发〔2017〕151号", "苏政办发", 2017, 151),
    ("锡财规〔2019〕1号", "锡财规", 2019, 1),
    ("锡政办发〔1999〕123456号", "锡政办发", 1999, 123456),
])
def test_number_fields(text, agency, year, serial):
    number = DocNumber.parse(text)
    assert (number.agency, number.year, number.serial) == (agency, year, serial)
    assert str(number) == text


@pytest.mark.parametrize("text", [
    "无锡市人民政府令第180号",
    "无锡市人民政府令第 180 号",
    "無錫市人民政府令第180號",
    "无锡市人民政府令第１８０号",
    "无锡市人民政府令第180",
])
def test_government_order_numbers(text):
    number = DocNumber.parse(text)
    assert number == DocNumber("无锡市人民政府令", None, 180)
    assert str(number) == "无锡市人民政府令第180号"
    assert DocNumber.parse(str(number)) == number


def test_numbers_differ_by_any_field():
    base = DocNumber.parse("锡政办发〔2018〕68号")
    assert base != DocNumber.parse("锡政办发〔2018〕69号")
    assert base != DocNumber.parse("锡政办发〔2017〕68号")
    assert base != DocNumber.parse("锡政发〔2018〕68号")
    assert DocNumber.parse("无锡市人民政府令第68号") != DocNumber("无锡市人民政府", 2018, 68)


@pytest.mark.parametrize("text", [
    "", "   ", "abc", "95号", "锡政办发", "锡政办发〔17〕95号", "锡政办发〔2017〕号", "锡政办发〔2017〕1234567号",
    "锡政办发〔1899〕5号", "无锡市人民政府令180号", "ABC〔2017〕1号", "锡政办发〔2017〕-1号",
])
def test_rejected_numbers_quote_the_input(text):
    with pytest.raises(ValueError) as caught:
        DocNumber.parse(text)
    assert str(caught.value) == (
        f"文号“{text}”无法识别：应为 机关代字〔年份〕序号号（如 锡政办发〔2018〕68号）"
        "或 …令第N号（如 无锡市人民政府令第180号）"
    )


@pytest.mark.parametrize("text", ["wx-2018-notice-12", "a", "x1", "2018", " wx-notice-12 "])
def test_doc_ids(text):
    doc_id = DocId.parse(text)
    assert str(doc_id) == text.strip()
    assert DocId.parse(str(doc_id)) == doc_id
    assert hash(doc_id) == hash(DocId(text.strip()))


@pytest.mark.parametrize("text", ["", "WX-1", "wx_1", "-wx", "wx-", "通知", "wx 1", "a" * 65])
def test_rejected_ids(text):
    with pytest.raises(ValueError) as caught:
        DocId.parse(text)
    assert str(caught.value) == f"id “{text}” 无效：只能用小写英文字母、数字和连字符，如 wx-2018-notice-12"


@pytest.mark.parametrize("text, shown", [
    ("锡政办发〔2018〕\u200b68号", "锡政办发〔2018〕\\u200b68号"),   # what would not show as itself: its escape
    ("关于\u3000某事", "关于\\u3000某事"),
    ("锡政办发\x1b[2K〔2018〕68号", "锡政办发\\u001b[2K〔2018〕68号"),
    ("關於某事的通知", "關於某事的通知"),
])
def test_a_reference_is_quoted_as_the_project_quotes(text, shown):
    with pytest.raises(ValueError) as caught:
        parse_reference(text)
    assert str(caught.value).startswith(f"“{shown}”既不是文号")


def test_references_are_numbers_first_then_ids():
    assert parse_reference("錫政辦發[2018]68號") == DocNumber("锡政办发", 2018, 68)
    assert parse_reference("wx-2018-notice-12") == DocId("wx-2018-notice-12")
    with pytest.raises(ValueError) as caught:
        parse_reference("关于某事的通知")
    assert str(caught.value) == "“关于某事的通知”既不是文号（如 锡政办发〔2018〕68号）也不是 id（如 wx-2018-notice-12）"


CODES = {"锡政办发": "xzbf", "无锡市人民政府令": "wxzfl"}


@pytest.mark.parametrize("ref, path", [
    (DocNumber.parse("錫政辦發〔2018〕68號"), "doc/xzbf/2018/68/"),
    (DocNumber.parse("无锡市人民政府令第180号"), "doc/wxzfl/180/"),
    (DocId("wx-notice-12"), "doc/id/wx-notice-12/"),
])
def test_doc_paths_format_and_parse_back(ref, path):
    formatted = DocPath.of(ref, CODES)
    assert str(formatted) == path
    assert DocPath.parse(path) == formatted
    assert DocPath.parse("/" + path) == formatted


def test_doc_path_fields():
    assert DocPath.parse("doc/xzbf/2018/68/") == DocPath("xzbf", 2018, 68)
    assert DocPath.parse("doc/wxzfl/180/") == DocPath("wxzfl", None, 180)
    assert DocPath.parse("doc/id/wx-notice-12/") == DocPath("id/wx-notice-12")


def test_doc_path_of_an_agency_without_code():
    with pytest.raises(KeyError) as caught:
        DocPath.of(DocNumber.parse("锡政发〔2019〕2号"), CODES)
    assert caught.value.args[0] == "机关代字 锡政发 没有网址代码"


@pytest.mark.parametrize("text", ["doc/xzbf/2018/68", "doc/XZBF/2018/68/", "doc/1x/2018/68/", "xzbf/2018/68/",
                                  "doc/xzbf/18/68/", "doc/id/WX/", "doc/xzbf/2018/68/jiedu/wzjd/", ""])
def test_rejected_doc_paths(text):
    with pytest.raises(ValueError) as caught:
        DocPath.parse(text)
    assert str(caught.value) == f"文件网址“{text}”无效：应为 doc/<代码>/<年份>/<序号>/ 或 doc/id/<id>/"


GRAMMAR = json.loads((Path(__file__).parent / "data/anchor_grammar.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", GRAMMAR["valid"], ids=lambda c: c["id"])
def test_anchors_parse_and_format(case):
    anchor = Anchor.parse(case["id"])
    assert anchor == Anchor(case["kind"], tuple(case["numbers"]), case["repeat"])
    assert str(anchor) == case["id"]
    assert is_anchor(case["id"])
    assert Anchor.parse("#" + case["id"]) == anchor  # as written after a URL's #
    assert not is_anchor("#" + case["id"])  # but no element's id starts with #


@pytest.mark.parametrize("text", GRAMMAR["invalid"])
def test_rejected_anchors(text):
    assert not is_anchor(text)
    with pytest.raises(ValueError) as caught:
        Anchor.parse(text)
    shown = text.replace("\n", "\\u000a")  # a line end written as its escape, not ending the message's line
    assert str(caught.value) == f"锚点“{shown}”无效：应为 art-N[-M]、chap-N[-sec-M] 或 sec-N[-M…]，同一页重复的再加 _2、_3…"


@pytest.mark.parametrize("kind, numbers, repeat", [
    ("art", (), 1), ("art", (1, 2, 3), 1), ("chap", (1, 2, 3), 1), ("sec", (1, 2, 3, 4, 5), 1), ("part", (1,), 1),
    ("sec", (-1,), 1), ("art", (3,), 0),
])
def test_an_anchor_that_could_not_be_written_is_refused(kind, numbers, repeat):
    with pytest.raises(ValueError):
        Anchor(kind, numbers, repeat)


@given(st.sampled_from(["art", "chap", "sec"]).flatmap(lambda kind: st.tuples(
    st.just(kind), st.lists(st.integers(0, 10**6), min_size=1, max_size=2 if kind != "sec" else 4).map(tuple),
    st.integers(1, 10**6))))
def test_every_anchor_round_trips(value):
    anchor = Anchor(*value)
    assert Anchor.parse(str(anchor)) == anchor
    assert is_anchor(str(anchor))


def test_numerals_round_trip_1_to_9999():
    for value in range(1, 10000):
        assert numerals.parse(numerals.format(value)) == value, value


@pytest.mark.parametrize("text, value", [
    ("一", 1), ("九", 9), ("十", 10), ("十一", 11), ("二十", 20), ("二十三", 23), ("九十九", 99),
    ("一百", 100), ("一百零三", 103), ("一百一十", 110), ("一百一十五", 115), ("两百", 200),
    ("一千零一", 1001), ("一千零一十", 1010), ("二千", 2000), ("九千九百九十九", 9999), ("〇", 0),
])
def test_numerals_as_written(text, value):
    assert numerals.parse(text) == value


@pytest.mark.parametrize("value, text", [(1, "一"), (10, "十"), (15, "十五"), (20, "二十"), (105, "一百零五"),
                                         (110, "一百一十"), (1100, "一千一百"), (9999, "九千九百九十九")])
def test_numerals_formatted(value, text):
    assert numerals.format(value) == text


@pytest.mark.parametrize("text", ["", "1", "一a", "第一", "、"])
def test_rejected_numerals(text):
    with pytest.raises(ValueError) as caught:
        numerals.parse(text)
    assert str(caught.value) == f"不是中文数字：“{text}”"


@pytest.mark.parametrize("value", [0, -1, 10000])
def test_numerals_out_of_range(value):
    with pytest.raises(ValueError) as caught:
        numerals.format(value)
    assert str(caught.value) == f"超出范围：{value}"
