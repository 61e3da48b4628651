"""Anchors over generated heading sequences: unique on a page, in the grammar, and never moved by text
appended below them (a court's citation must land on one place, the same place in every build)."""
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import examples
from gongbao.identifiers import numerals
from gongbao.identifiers.headings import Anchor, blocks, is_anchor

# Small numbers, so that repeats and would-be clashes (第三条 twice, 一、 twice, （二）) are common.
_NUMBER = st.integers(1, 4)
_CN = _NUMBER.map(numerals.format)


def _line(kind: str) -> st.SearchStrategy[str]:
    return {
        "chap": st.builds("第{}章 甲".format, _CN),
        "part": st.builds(lambda n, c: f"第{n}{c} 乙", _CN, st.sampled_from("节節")),
        "art": st.builds(lambda n, c: f"第{n}{c} 丙。", _CN, st.sampled_from("条條")),
        "l0": st.builds("{}、丁".format, _CN),
        "l1": st.builds(lambda n, p: f"{p[0]}{n}{p[1]}戊", _CN, st.sampled_from(["（）", "()"])),
        "l2": st.builds(lambda n, d: f"{n}{d} 己", _NUMBER, st.sampled_from(".．")),
        "l3": st.builds(lambda n, p: f"{p[0]}{n}{p[1]}庚", _NUMBER, st.sampled_from(["（）", "()"])),
        "text": st.just("按照有关规定执行。"),
        "blank": st.just(""),
    }[kind]


_LINES = st.sampled_from(["chap", "part", "art", "l0", "l1", "l2", "l3", "text", "blank"]).flatmap(_line)
_HEADED = st.tuples(st.sampled_from(["", "## ", "### "]), _LINES).map(lambda p: p[0] + p[1] if p[1] else p[1])
BODIES = st.lists(_HEADED, max_size=40)


def _anchors(lines: list[str]) -> list[str]:
    return [b.anchor for b in blocks("\n".join(lines)) if b.anchor]


@settings(max_examples=examples(400), deadline=None)
@given(BODIES)
def test_anchors_are_unique_on_a_page_and_in_the_grammar(lines):
    found = _anchors(lines)
    assert len(set(found)) == len(found), found
    for anchor in found:
        assert is_anchor(anchor) and str(Anchor.parse(anchor)) == anchor


@settings(max_examples=examples(300), deadline=None)
@given(BODIES, BODIES)
def test_appending_text_moves_no_anchor(lines, appended):
    before = _anchors(lines)
    assert _anchors(lines + appended)[:len(before)] == before


@settings(max_examples=examples(200), deadline=None)
@given(BODIES)
def test_a_heading_that_is_not_repeated_keeps_its_plain_id(lines):
    # Only a second (third…) occurrence of an id by numbers is marked, and only with _N.
    found = [Anchor.parse(a) for a in _anchors(lines)]
    plain = [Anchor(a.kind, a.numbers) for a in found]
    for i, anchor in enumerate(found):
        assert anchor.repeat == plain[:i + 1].count(plain[i])
