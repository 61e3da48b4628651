"""The per-body rules skip most text by a quick look (gongbao check at 10,000 documents): each quick look
must let through everything the exact rule would find. Written as attempts to slip past the look."""
import functools
import json
import posixpath
import re
import sys
import time
import unicodedata
from html import escape as html_escape
from pathlib import Path, PurePosixPath

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from conftest import examples
from gongbao.content import fields, integrity, loader, lookalikes, notes, redaction, source
from gongbao.content.settings import Settings
from gongbao.identifiers import chars, script, vocabulary
from gongbao.rules import (anchor_ids, aspects, heading_levels, html_safety, joined_lists, link_text, links, nested_lists,
                           nesting, placeholders, table_cells)
from gongbao.rules.rendering import BODY


def test_every_character_that_folds_to_d_is_looked_for():
    every = {c for c in map(chr, range(sys.maxunicode + 1)) if "d" in unicodedata.normalize("NFKD", c).lower()}
    assert every == set(placeholders.FOLDING_TO_D)


@pytest.mark.parametrize("text", ["TOⅮO", "to𝐝o", "TOⓓO", "ＴＯＤＯ", "to\u200bdo", "待办 ToDo：", "TOＤO"])
def test_a_todo_spelled_with_any_d_is_found(text):
    assert placeholders.found(text)  # a front-matter value
    assert placeholders.found("正文。" * 300 + text)  # a body: looked at another way


def test_chinese_text_without_the_word_is_not_found():
    assert not placeholders.found("第一条　为了规范行政行为，根据《中华人民共和国行政许可法》，制定本办法。" * 50)


@pytest.mark.parametrize("line, deep", [
    ("- " * 33 + "x", True), ("- " * 32 + "x", False), ("> " * 33, True), ("1. " * 33 + "x", True),
    ("\t" * 33 + "x", True), ("\t" * 32 + "x", False), (" " * 129 + "x", True), (" " * 128 + "x", False),
    ("\u3000" * 40 + "x", False), (" -  \t" * 33 + "x", True), ("1.1." * 40, False),
])
def test_nesting_is_found_on_any_line_of_a_body(line, deep):
    body = "第一条　正文。\n\n" + line + "\n第二条　正文。"
    assert bool(nesting.problems(body)) is deep
    assert [n for n, *_ in nesting.problems(body)] == ([3] if deep else [])


@pytest.mark.parametrize("body, lines", [
    ("- " * 33 + "x\n正文", [1]), (" " * 129 + "x\n正文", [1]), ("正文\n" + "- " * 33 + "x", [2]),
    ("正文\n" + " -" * 33 + "\n正文", [2]), ("- " * 31 + "-\n" + "- " * 33, [2]), ("- " * 33, [1]),
    ("- " * 32 + "-\n正文", [1]), ("正文\n" + "- " * 32 + "-\n正文", [2]),
])
def test_nesting_is_found_on_the_first_and_the_last_line_and_before_a_line_end(body, lines):
    """The quick look matches the first line and searches after each newline: both ends, and a marker before a newline."""
    assert [n for n, *_ in nesting.problems(body)] == lines


@pytest.mark.parametrize("line", ["-  " * 20_000 + "x", " -" * 20_000, "\n" * 200_000 + " " * 32 + "x"])
def test_the_quick_look_for_nesting_never_backtracks(line):
    started = time.process_time()
    nesting.problems(line)
    assert time.process_time() - started < 1


@settings(max_examples=examples(2000), deadline=None)
@given(st.lists(st.sampled_from(["\n", "正文", "- ", "-", "* ", "+ ", "> ", "1. ", "２. ", "١) ", " ", "\t", "\u3000", "\xa0",
                                 "- " * 32, " " * 32, "\t" * 32, "\u3000" * 32, "x"]), max_size=8))
def test_the_quick_look_for_nesting_lets_every_deep_line_through(pieces):
    """Compared with the exact count on every line (the quick look replaced by one that always lets through)."""
    body = "".join(pieces)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(nesting, "_SUSPECT_FIRST", re.compile(""))
        exact = nesting.problems(body)
    assert nesting.problems(body) == exact


@settings(max_examples=examples(2000), deadline=None)
@given(st.lists(st.sampled_from(["\n", "正文", "- ", "* ", "+ ", "1. ", "1) ", "١. ", "> ", ">", " ", "  ", "\t", "\u3000",
                                 "```", "    ", "# 标题", "---", "一、总体要求", "x"]), max_size=12), st.booleans())
@example(["- x\n\t- y\n\t - z"], True)  # tabs alone: 4 and 5 columns
@example([">\t- x\n>\t - y"], False)  # a tab after >: 2 and 3 columns inside the quote
@example(["1. ", "x", "\n", "  ", "1. ", "y"], False)  # items of numbers: none of the marks but .
def test_the_quick_look_for_unnested_items_lets_every_one_through(pieces, numbered):
    """Compared with the rule reading every body line by line (the quick look replaced by one that always lets through)."""
    body = "".join(pieces)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(nested_lists, "_SUSPECT", re.compile(""))
        patch.setattr(nested_lists, "holds_any", lambda text, characters: True)
        exact = nested_lists.unnested(body, numbered)
    assert nested_lists.unnested(body, numbered) == exact


_LIST_PIECES = ["\n", "正文", "- ", "-", "* ", "+ ", "> ", ">", "1. ", "1) ", "１) ", "١. ", "12345. ", "２０２４. ", " ",
                "\t", "\u3000", "```", "    ", "# 标题", "## ", "### ", "#### 三、", "#", "---", "一、总体要求", "x"]


@settings(max_examples=examples(2000), deadline=None)
@given(st.lists(st.sampled_from(_LIST_PIECES), max_size=12), st.booleans())
@example(["正文", "\n", "１) ", "x"], False)  # a number of other digits and ): none of the marks but )
def test_the_look_for_a_list_under_a_paragraph_lets_every_one_through(pieces, numbered):
    """Compared with the rule reading every body line by line (the looks for its marks and lines replaced by ones that
    always let through)."""
    body = "".join(pieces)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(joined_lists, "_SUSPECT", re.compile("\n"))
        patch.setattr(joined_lists, "_SUSPECT_AS_WRITTEN", re.compile("\n"))
        patch.setattr(joined_lists, "holds_any", lambda text, characters: True)
        exact = joined_lists.joined("\n" + body, numbered)
    assert joined_lists.joined("\n" + body, numbered) == exact


@settings(max_examples=examples(1000), deadline=None)
@given(st.lists(st.sampled_from(_LIST_PIECES), max_size=12), st.booleans())
def test_the_look_for_a_hash_lets_every_skipped_heading_through(pieces, numbered):
    """Compared with the rule reading every body line by line (its quick looks replaced by ones that always let through)."""
    body = "".join(pieces)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(heading_levels, "_may_skip", lambda body: True)
        exact = heading_levels.skipped(body, numbered)
    assert heading_levels.skipped(body, numbered) == exact


@pytest.mark.parametrize("body, line", [
    ("正文\n\nArt 3\n===\n", 3), ("正文\nArt 3\n  ---\n", 2), ("正文\n\n## Art 3\n", 3),
    ("正文\n\n段落 {: #art-3 }\n", 3), ("Art 3\n\u3000-\n", 1), ("正文\n\u3000第三条\n", None), ("art-3\n-\n", 1),
])
def test_ids_are_found_on_any_line_of_a_body(body, line):
    found = [n for n, *_ in anchor_ids.problems(body)]
    assert found == ([line] if line else [])



def _every_line(body: str) -> list[tuple[int, str, str | None]]:
    lines = body.split("\n")
    return [(n, line, lines[n] if n < len(lines) else None) for n, line in enumerate(lines, 1)]


@settings(max_examples=examples(2000), deadline=None)
@given(st.lists(st.sampled_from(["\n", "正文", "## ", "# ", "#", "{", "}", ": ", "#art-3", "Art 3", "id=x", "=", "==",
                                 "-", "--", " ", "\t", "\u3000", "gb-x", "第三条", "{: #sec-1 }", "\r"]), max_size=16))
def test_the_candidate_lines_are_every_line_that_can_write_an_id(pieces):
    """Each line looked at as a candidate gives the same ids as the quick look's few."""
    body = "".join(pieces)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(anchor_ids, "_candidates", _every_line)
        exact = list(anchor_ids._written_ids(body))
    assert list(anchor_ids._written_ids(body)) == exact

@pytest.mark.parametrize("body", ["## Art 3\n正文 {\n", "{\n## Art 3\n", "正文 { x }\n\n## Art 3\n{: #art-4 }\n## Art 3",
                                  "#a{#b}\n{#c}#d\n", "## Art 3 {: #x }\n\n{: #art-5 }"])
def test_the_braces_and_hashes_of_a_body_without_underlines_are_taken_in_order(body):
    """Without = or - the candidate lines come from a search for each of { and #, merged in the body's order."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(anchor_ids, "_candidates", _every_line)
        exact = list(anchor_ids._written_ids(body))
    assert exact and list(anchor_ids._written_ids(body)) == exact


# The look-alike scan looks at each 予 of the text before making the reader's copy: every way of hiding
# the word's characters' neighbours (invisible characters, emphasis, tags, references, astral fillers) must
# still reach the exact scan. Compared with the scan that always makes the copy.
_FILLERS = ["【", "】", "/", "〖", "（", "）", "*", "_", "~", "`", "<b>", "</b>", "<span class=x>", "&#x4e88;",
            "&amp;", "\u200b", "\u3000", " ", "\n", "\ufe0f", "\U000e0100", "\U000e0041", "\u3164", "\x01", "给",
            "【不予公开】", "【/不予公开】"]
_FILLING = st.lists(st.sampled_from(_FILLERS), max_size=2).map("".join)


@settings(max_examples=examples(3000), deadline=None)
@given(st.tuples(_FILLING, st.sampled_from("不\uf967"), _FILLING, st.sampled_from(["予", "&#x4e88;", "&#20104;"]),
                 _FILLING, st.sampled_from("公"), _FILLING, st.sampled_from("开開\uf9e7"), _FILLING))
def test_the_look_at_each_yu_lets_every_occurrence_through(pieces):
    text = "".join(pieces)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(lookalikes, "_may_hold_word", lambda text, tables: True)
        exact = lookalikes.problems(text)
    assert lookalikes.problems(text) == exact


@pytest.mark.parametrize("text", ["【不\u200b予\u200b公开】", "[不*予*公开]", "不<b>予</b>公开", "不&#x4e88;公开",
                                  "(不\U000e0100予\U000e0100公开)", "【不予\u3164公开】"])
def test_a_hidden_neighbour_of_yu_is_looked_at(text):
    assert lookalikes.problems(text)


# A file's NUL and bidirectional controls are looked for in its bytes, and a front matter's forbidden characters
# by a class without the astral ones and a look for those: each must still find every one, at its line.
_FORBIDDEN = sorted({chr(c) for c in range(sys.maxunicode + 1) if chars._BAD.match(chr(c))})


def test_every_forbidden_character_of_a_value_is_looked_for():
    assert len(_FORBIDDEN) > 2000
    missed = [c for c in _FORBIDDEN if not chars.possible_in(f"title: 正文{c}正文")]
    assert missed == []
    assert not chars.possible_in("title: 关于印发无锡市“十四五”规划的通知 𠀀")


@pytest.mark.parametrize("ascii_only", [False, True])
def test_every_forbidden_character_of_a_lock_is_looked_for_as_json_writes_it(ascii_only):
    """A lock's text is looked at for the JSON escapes that make such a character (\\u, \\b, \\f, \\r), not for
    every backslash: a lock's records are JSON inside JSON, so nearly every lock holds \\"."""
    missed = [c for c in _FORBIDDEN if not chars.possible_in_json(json.dumps({"title": f"正文{c}正文"}, ensure_ascii=ascii_only))]
    assert missed == []
    harmless = json.dumps({"fields": {"issuers": json.dumps(["无锡市人民政府"], ensure_ascii=False)}, "t": "a\\tb/\n"},
                          ensure_ascii=False)
    assert "\\" in harmless and not chars.possible_in_json(harmless)


@pytest.mark.parametrize("bad", [*chars.BIDI_CHARS, "\x00"])
@pytest.mark.parametrize("before", ["", "正文“引号”—", "a" * 5000])
def test_a_nul_or_bidi_control_anywhere_in_a_file_is_refused_at_its_line(bad, before):
    text = f"---\ntitle: 通知\n---\n\n{before}\n第二行{bad}正文\n"
    found = source.parse("gazette/x.md", text.encode()).diagnostics
    assert [d.line for d in found] == [6]
    assert source.parse("gazette/x.md", text.replace(bad, "").encode()).source is not None


def _split_by_lines(text: str):
    """The plain definition of source._split: the first line after the first whose stripped text is ---."""
    lines = text.split("\n")
    for index in range(1, len(lines)):
        if lines[index].strip() == "---":
            return "\n".join(lines[1:index]), "\n".join(lines[index + 1:]), index
    return None


@settings(max_examples=examples(3000), deadline=None)
@given(st.lists(st.sampled_from(["\n", "---", "--", "-", " ", "\t", "\u3000", "\x1c", "\x85", "\u2028", "title: 通知",
                                 "a---", "---b", "正文"]), max_size=14))
def test_the_closing_fence_is_the_first_line_that_strips_to_it(pieces):
    text = "---\n" + "".join(pieces)
    assert source._split(text) == _split_by_lines(text)
    assert source._split("".join(pieces)) == _split_by_lines("".join(pieces))


@functools.cache
def _format() -> dict[int, None]:
    return dict.fromkeys(c for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Cf")


def test_every_format_character_is_dropped():
    assert placeholders.FORMAT_CHARACTERS == _format()


def _found_plainly(text: str) -> bool:
    """placeholders.found by its definition alone: the word in the normalised, lower-cased text without format characters."""
    return placeholders._WORD.search(unicodedata.normalize("NFKC", text).lower()
                                     .translate(_format())) is not None


@pytest.mark.parametrize("d", placeholders.FOLDING_TO_D)
@pytest.mark.parametrize("around", ["", "𠀀"])  # text of the Basic Plane, and text with an astral character
def test_a_body_with_any_d_is_looked_at(d, around):
    for text in (f"to{d}o", f"TO{d}O", f"ｔｏ{d}ｏ", d):
        body = "正文。" * 300 + around + text + "\n正文。"
        assert placeholders.found(body) is _found_plainly(body), (body[-12:], d)
        # a body's lines, one of them an address with a d: each line looked at alone finds the same lines
        body = f"详见 https://www.wuxi.gov.cn/doc/\n{body}\n正文{text}。"
        assert [n for n, _ in placeholders._lines(body)] == [
            n for n, line in enumerate(body.split("\n")) if _found_plainly(line)], (body[-12:], d)


@pytest.mark.parametrize("text", ["【不予公开】秘密【/不予公开】", "【不予公開：理由】x\ny【/不予公开】", "正文【/不予公开】", "【不予公开】未完"])
def test_a_mark_is_never_missed_by_the_look_for_its_bracket(text):
    """redaction looks for 【 before the marks' regex: every mark starts with it."""
    assert redaction.MARK.pattern.startswith(redaction._BRACKET)
    body = "正文。" * 300 + text
    assert redaction.has_marks(body)
    assert redaction.redact(body) != (body, [], ())


@settings(max_examples=examples(3000), deadline=None)
@given(st.lists(st.sampled_from(["\n", "#", "## ", "背景依据", " ", "\t", "\u3000", "\x0b", "x", "x#", "\n#"]), max_size=12))
def test_the_lines_marked_as_headings_are_every_line_that_starts_with_a_hash(pieces):
    body = "".join(pieces)
    assert aspects.marked_lines(body) == [line for line in body.split("\n") if line.lstrip().startswith("#")]


# A name the walk can list: not empty, no separator, not . or .. (Path would drop or keep those otherwise).
_NAME = st.lists(st.sampled_from(["a", "文", ".", "..", "md", " ", "-", ".md"]), min_size=1, max_size=6).map(
    "".join).filter(lambda name: name not in (".", ".."))


@settings(max_examples=examples(2000), deadline=None)
@given(st.lists(_NAME, min_size=1, max_size=3))
def test_an_interpretations_default_slug_is_its_paths_stem(names):
    """loader._stem is Path.stem for every path the walk can list (the default slug of an interpretation)."""
    rel = "/".join(["interpretations", *names])
    assert loader._stem(rel) == PurePosixPath(rel).stem


# The placeholder rule looks at all front-matter values at once: a TODO in any string of any value (a list's item,
# a 勘误 record's text, beside integers) must still be found, at its key, as looking at each value finds it.
_WORDISH = st.sampled_from(["TODO", "ｔｏｄｏ", "to\u200bdo", "to\U0001d41do", "tod", "o", "文", "d", "Ⓓ", "\U0001d41d", ""])
_VALUE = st.recursive(st.one_of(st.integers(0, 9), st.lists(_WORDISH, max_size=3).map("".join)),
                      lambda inner: st.one_of(st.lists(inner, max_size=3),
                                              st.dictionaries(st.sampled_from(["date", "change"]), inner, max_size=2)),
                      max_leaves=6)


@settings(max_examples=examples(3000), deadline=None)
@given(st.dictionaries(st.sampled_from(["title", "topics", "corrections", "year"]), _VALUE, max_size=4))
def test_the_look_at_all_values_lets_every_placeholder_through(meta):
    src = source.Source("gazette/2018/06/a.md", meta, {key: n for n, key in enumerate(meta, 2)}, "正文", 8)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(placeholders, "_may_hold", lambda meta: True)
        exact = list(placeholders.unfilled(src))
    assert list(placeholders.unfilled(src)) == exact


_MARKISH = st.lists(st.sampled_from(["<b", "<b ", "<i>", "【", "】", ">", "<", "不予公开", "不予", "公开", "/", "&#x4e88;", "*", "<!--",
                                     "-->", "文", " ", "\n", ""]), max_size=5).map("".join)


@settings(max_examples=examples(3000), deadline=None)
@given(st.dictionaries(st.sampled_from(["title", "section", "topics", "corrections"]),
                       st.one_of(_MARKISH, st.lists(_MARKISH, max_size=3), st.integers(0, 9)), max_size=4))
@example({"title": "<b", "section": "不予公开】>"})  # a tag from one value to the next hid the mark-like text between
def test_the_look_at_all_values_lets_every_mark_and_note_through(meta):
    """loader.screened looks at all front-matter values at once: each value with a mark, a look-alike or a note must
    still be told at its key, as looking at each value tells it."""
    src = source.Source("gazette/2018/06/a.md", meta, {key: n for n, key in enumerate(meta, 2)}, "正文", 8)
    told = []
    loader.screened(src, told)
    texts = {key: "\n".join(loader._texts(value)) for key, value in meta.items()}
    exact = [(n, rule) for n, text in enumerate(texts.values(), 2)
             for rule, found in (("redaction", loader._marked(text)), ("comment", loader._NOTE in text)) if found]
    assert [(d.line, d.rule) for d in told] == exact


@settings(max_examples=examples(2000), deadline=None)
@given(st.lists(st.sampled_from(["title", "标题", "doc_number", "文号", "发文字号", "year", "x"]), max_size=5, unique=True),
       st.lists(st.sampled_from(["title", "标题", "文号", "year", "merged"]), max_size=3, unique=True))
def test_fields_read_without_aliases_as_with_them(keys, lined):
    """fields.Fields takes a front matter without Chinese key names as it is: the same values, lines and problems
    as the look at each key (a key's line only where the file has it)."""
    src = source.Source("gazette/2018/06/a.md", {key: f"值{n}" for n, key in enumerate(keys)},
                        {key: n for n, key in enumerate(lined, 2)}, "正文", 8)
    fast = fields.Fields(src, "document")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(fields, "_renamed", lambda meta: True)  # the look at each key
        slow = fields.Fields(src, "document")
    assert (fast.meta, list(fast.meta), fast._lines, fast._conflicts, fast.diagnostics) == \
           (slow.meta, list(slow.meta), slow._lines, slow._conflicts, slow.diagnostics)
    assert [fast.line(key) for key in ("title", "doc_number", "year", "merged")] == \
           [slow.line(key) for key in ("title", "doc_number", "year", "merged")]


@settings(max_examples=examples(2000), deadline=None)
@given(st.lists(st.sampled_from(["第三条", "第一章", "第二节", "一、", "（一）", "1.", "（1）", "总则", " ", "\u3000", "Art 3",
                                 "第", "条", "十", "x" * 40, "附件", "第三條", "第一節", "總則", "１．", "（１）"]), max_size=6))
def test_a_heading_is_official_as_classify_says_whether_cached_or_long(pieces):
    """anchor_ids._official (short headings cached) says what headings.classify says, asked once or again."""
    heading = "".join(pieces)
    exact = anchor_ids.classify(heading) is not None
    assert anchor_ids._official(heading) == exact
    assert anchor_ids._official(heading) == exact


def _declared_files_plainly(source) -> set[str]:
    out = set()
    for key, value in source.meta.items():
        if fields.KEY_ALIASES.get(key, key) in ("attachments", "images"):
            for item in value if isinstance(value, list) else ():
                if isinstance(item, dict) and isinstance(item.get("file"), str):
                    out.add(posixpath.normpath(posixpath.join(posixpath.dirname(source.path), item["file"])))
    return out


_LISTED = st.lists(st.one_of(st.fixed_dictionaries({"file": st.sampled_from(["a.pdf", "../b.png", "./c/d.pdf", "附件1.pdf"])}),
                             st.just({"file": 3}), st.just("a.pdf"), st.just({})), max_size=3)


@given(st.dictionaries(st.sampled_from([*fields.KEY_ALIASES, "attachments", "images", "title", "files", "Attachments"]),
                       st.one_of(_LISTED, st.just("a.pdf"), st.just(None)), max_size=6))
def test_the_files_a_page_names_are_found_under_every_name_of_their_keys(meta):
    """loader.declared_files looks at the keys once for one that names files (KEY_ALIASES): what it finds is what a
    look-up of each key's alias finds."""
    src = source.Source("gazette/2018/06/x.md", meta, {}, "", 5)
    assert loader.declared_files([src]) == _declared_files_plainly(src)


def _body_line_by_line(text: str) -> str:
    """The plain definition of integrity._body (the module's docstring): each line's trailing blanks removed, a hard
    break kept as two spaces before a non-blank line, the empty lines at the start and end dropped."""
    lines = text.split("\n")
    out = []
    for n, line in enumerate(lines):
        following = lines[n + 1] if n + 1 < len(lines) else ""
        kept = line.rstrip(" \t")
        if kept and following.strip(" \t") and line.expandtabs(4).endswith("  "):
            kept += "  "
        out.append(kept)
    while out and not out[-1]:
        out.pop()
    while out and not out[0]:
        out.pop(0)
    return "".join(f"{line}\n" for line in out)


@settings(max_examples=examples(500), deadline=None)
@given(st.lists(st.sampled_from(["\n", "正文", " ", "  ", "\t", "\u3000", "\xa0", "x", "\n\n", " \n", "\t\n"]), max_size=14))
def test_a_body_without_a_blank_line_end_is_hashed_as_line_by_line(parts):
    text = "".join(parts)
    assert integrity._body(text) == _body_line_by_line(text)


def _value_plainly(value, ordered: bool) -> str:
    """The plain definition of a record value (integrity's docstring): NFC, runs of spaces, tabs and line ends made one
    space, ends' spaces removed; a list as a JSON array."""
    def one(v) -> str:
        text = "" if v is None else v.isoformat() if hasattr(v, "isoformat") else str(v)
        return re.sub(r"[ \t\r\n]+", " ", unicodedata.normalize("NFC", text)).strip(" ")
    if isinstance(value, tuple):
        parts = [" ".join(map(one, v)) if isinstance(v, tuple) else one(v) for v in value]
        return json.dumps(parts if ordered else sorted(parts), ensure_ascii=False) if parts else ""
    return one(value)


_VALUE_TEXT = st.lists(st.sampled_from(["城乡建设", " ", "  ", "\t", "\r\n", "\n", "\r", "\u3000", "\xa0", "\u2028", "e",
                                        "\u0301", "Å", "x", "、", '"', "\\", "\x85"]), max_size=8).map("".join)


@settings(max_examples=examples(500), deadline=None)
@given(st.one_of(_VALUE_TEXT, st.none(), st.integers(),
                 st.tuples(st.lists(st.one_of(_VALUE_TEXT, st.tuples(_VALUE_TEXT, _VALUE_TEXT)), max_size=3)).map(
                     lambda wrapped: tuple(wrapped[0]))),
       st.booleans())
@example("城乡  建设", True)  # printable, but two spaces: one space
@example("城乡\t建设\r\n", True)  # no two spaces, but not printable: one space each
@example((" 城乡\u3000建设 ", ("a\tb", "c  d")), False)
def test_a_record_value_is_written_as_its_plain_definition(value, ordered):
    assert integrity._value(value, ordered) == _value_plainly(value, ordered)


# What the rules look for by chars.ascii_of, beside characters that share its low byte (三 U+4E09 a tab's, 丠 U+4E20 a
# space's, 乻 U+4E7B a {'s), their full-width forms, other white space, a lone surrogate and an astral character.
_ASCII_TEXT = st.lists(st.sampled_from(list("<>]{}[#=-`~&\t \n!:(") + ["三", "丠", "乻", "［", "＜", "｛", "\u3000", "\xa0",
                                                                      "\x85", "\u2028", "\ud800", "\U0001d41d", "正文"]),
                       max_size=16).map("".join)


@settings(max_examples=examples(500), deadline=None)
@given(_ASCII_TEXT)
def test_a_texts_ascii_characters_hold_each_of_its_ascii_characters_and_runs(text):
    present = chars.ascii_of(text)
    for ch in map(chr, range(128)):
        assert (ch in present) == (ch in text)
    assert present.count("[") == text.count("[")
    for run in (" \n", "\t\n", "](", "]:", "```", "~~~", *map(chr, range(128))):
        assert chars.holds(text, run) == (run in text)
    for characters in (">*+-.)", "*+-.)", "#", "]-"):
        assert chars.holds_any(text, characters) == any(ch in text for ch in characters)


@settings(max_examples=examples(300), deadline=None)
@given(_ASCII_TEXT, _ASCII_TEXT)
def test_the_ascii_characters_kept_are_always_the_texts_asked_about(first, second):
    """The last text's are kept: asked of another text in between, or of an equal text that is another object, the
    answer is that text's."""
    looks = (notes.strip, html_safety.body_problems, anchor_ids.problems, links.links, nesting.renderer_cost,
             integrity._body)
    alone = {text: [look(text) for look in looks] for text in (first, second)}
    for text in (first, second, "".join(["", first, "x"])[:-1], first):
        chars.ascii_of(second if text is first else first)
        assert [look(text) for look in looks] == alone[text]
        assert chars.ascii_of(text) == "".join(ch for ch in text if ch.isascii())


@settings(max_examples=examples(500), deadline=None)
@given(st.lists(st.sampled_from(["e", "\u0301", "\u0327", "A\u030a", "\u1100", "\u1161", "\u11a8", "\uf900", "\u212b",
                                 "\u0344", "\u1e9b\u0323", "\r\n", "\n", "\r", "正文", "---", " "]),
                max_size=12).map("".join))
def test_the_body_parse_made_last_is_nfc_as_the_canonical_text_takes_it(written):
    """The canonical text does not normalise the body parse made last (source.known_nfc): it must be NFC, whatever
    decomposed, composing or singleton characters follow the closing fence's line end."""
    made = source.parse("gazette/2018/06/x.md", f"---\ntitle: 标题\n---\n{written}".encode()).source
    if made is not None:
        assert source.known_nfc(made.body) and unicodedata.is_normalized("NFC", made.body)
        copy = "".join([made.body, "x"])[:-1]
        assert copy is made.body or not source.known_nfc(copy)  # an equal text is not taken for it


@settings(max_examples=examples(3000), deadline=None)
@given(st.lists(st.sampled_from(["\n", "\r\n", "\r", " ", "  ", "\t", "\u3000", "正文", "e\u0301", "\u212b", "\ufeff", "x",
                                 "<!-- 注 -->", "---"]), max_size=12).map("".join), st.booleans())
@example("\n\n第一条 正文。\n\n第二条\n\n", False)
def test_the_hash_of_a_body_as_read_is_the_hash_of_its_canonical_text(written, bom):
    """The canonical hash of a body read as it is hashes the bytes read (source.known_utf8), not the canonical text:
    alike, whatever line ends, blanks, decomposed characters or notes the body holds, at its start and end too."""
    rel = "interpretations/x.md"
    data = ("\ufeff" if bom else "") + f"---\ntitle: 解读\ninterprets: 锡政发〔2018〕1号\npublished: 2018-06-05\nkind: 文字解读\n---\n"
    item = loader._entry_of(Path("."), rel, Settings(), loader.INTERPRETATION, None,
                            source.parse(rel, (data + written).encode())).item
    assert item is not None
    assert integrity.sha256(item) == integrity.text_sha256(integrity._canonical_text(item, integrity.VERSION, None, None))
    if written == "\n\n第一条 正文。\n\n第二条\n\n":
        assert source.known_utf8(item.source.body) == "\n\n第一条 正文。\n\n第二条\n\n".encode()  # hashed as read


@settings(max_examples=examples(3000), deadline=None)
@given(st.lists(st.sampled_from(["\n", "---", "-", " ", "title: 通知", "正文", "·", "\x1b", "\x7f", "\x85", "\x9f", "\x0b",
                                 "\x1c", "\t"]), max_size=12).map("".join))
@example("---\ntitle: \x1b\n---\n正文")
@example("\x1b\n---\n正文")  # on the first line, not a fence: the file is refused for it first
@example("---\ntitle: 通知\n---\x85\n正文")
def test_a_control_character_is_found_in_the_front_matter_and_the_body_apart(text):
    """source.parse looks for control characters in the body and in what is before it apart: the look at the whole
    text, wherever the character is (the fences, the line after the closing one, the last line)."""
    data = text.encode()
    assert source._control_in(text, data, source._split(text)) is (chars.control_in(text, data) is not None)


def _may_hold_word_plainly(text: str) -> bool:
    """lookalikes._may_hold_word as first written: a look at each form of 予 inside the text, at what is just before
    and just after it."""
    invisible, variants = lookalikes.forms()
    hidden = invisible | set("*_~`")
    before, after = variants["不"] | hidden | {">"}, variants["公"] | hidden | {"<"}
    return "&" in text or any(text[at] in variants["予"] and text[at - 1] in before and text[at + 1] in after
                               for at in range(1, len(text) - 1))


@settings(max_examples=examples(1000), deadline=None)
@given(st.lists(st.sampled_from(["予", "不", "公", "開", "以", "给", "\u200b", "\U000e0100", "*", "<", ">", "&", "\n",
                                 "\u3164", "\uf967", " ", "正文"]), max_size=10).map("".join))
@example("不予\U000e0100公开")  # an astral invisible character after 予
@example("不予\u200b")  # … one of the Basic Plane's, at the end
@example("予公")  # 予 first: nothing before it
@example("\uf967予公")  # 不's compatibility form (U+F967) before it
def test_the_search_for_a_followed_yu_finds_what_a_look_at_each_finds(text):
    """A 予 at either end, next to invisible, astral or padded characters, in 不予 and 予以 that are not the word."""
    assert lookalikes._may_hold_word(text, lookalikes._tables()) == _may_hold_word_plainly(text)


@pytest.mark.parametrize("text", ["---", "---\n", " --- \ntitle: 标题\n---\n正文", "\t---\t\r\ntitle: 标题\r\n---\r\n",
                                  "--- x\n---\n", "x\n---\n---\n", "\n---\n---\n", "——\n---\n", "-- -\ntitle: 标题\n---\n"])
def test_a_file_lacks_front_matter_exactly_when_its_first_line_is_no_fence(text):
    """parse reads the first line without splitting the file (the plain definition: text.split("\\n", 1)[0])."""
    lacking = "文件缺少 front matter" in [d.message for d in source.parse("gazette/x.md", text.encode()).diagnostics]
    assert lacking == (text.replace("\r\n", "\n").split("\n", 1)[0].strip() != "---")


@settings(max_examples=examples(1000), deadline=None)
@given(st.lists(st.sampled_from(["【", "】", "不予公开", "不予公開", "/", "：理由", ":", "\n", "正文", "【不予公开】", "【/不予公开】",
                                 "【/不予公開】", "〖", "［不予公开］"]), max_size=10).map("".join))
def test_a_body_without_a_mark_is_not_redacted_at_all(body):
    """A document's body is redacted only when redaction.has_marks finds a mark (loader._document): without one,
    opening or closing, redact leaves it as it is and finds nothing wrong."""
    if not redaction.has_marks(body):
        assert redaction.redact(body) == (body, [], ())


@settings(max_examples=examples(3000), deadline=None)
@given(st.lists(st.sampled_from(["|", "\\", "`", "``", "甲", " ", "\\|"]), max_size=14))
def test_a_row_of_a_table_with_borders_has_no_more_cells_than_its_quick_count(pieces):
    """table_cells splits a row for the cells past the header's only when its pipes allow more than the header's."""
    tables = table_cells._parser()[0].parser.blockprocessors["table"]
    row = "".join(pieces).strip(" ")
    border, tables.border = tables.border, True
    try:
        assert len(tables._split_row(row)) <= table_cells._most_cells(row)
    finally:
        tables.border = border


@settings(max_examples=examples(3000), deadline=None)
@given(st.lists(st.sampled_from(["[", "]", "(", ")", ":", "!", " ", "<", ">", "a", "甲", "\n"]), max_size=14))
def test_a_line_without_a_links_brackets_has_no_address_for_html_safety_or_links(pieces):
    """html_safety and links read addresses only on a line with "](" or "]:" (or, links, "{" or "<")."""
    line = "".join(pieces)
    if "](" not in line and "]:" not in line:
        for pattern in (html_safety._MD_LINK, html_safety._MD_REFERENCE, html_safety._MD_IMAGE, links._INLINE):
            assert not pattern.search(line)
        if "{" not in line and "<" not in line:
            assert not links._DEFINITION.search(line) and not links._ATTR_LIST.search(line)


@settings(max_examples=examples(2000), deadline=None)
@given(st.lists(st.sampled_from(["|", "-", ":", " ", "\n", "甲", ">", "\t"]), max_size=30),
       st.lists(st.sampled_from(["甲", "| 甲 |", " ", "> x", "|", "甲|乙"]), max_size=6))
def test_the_table_budget_counts_from_the_first_separator_row_whatever_is_above(pieces, above):
    """nesting.table_size reads from the first line that can be a separator row: lines above it, none of which can be
    one, set apart by a blank line, change no count."""
    text = "".join(pieces)
    above = [line for line in above if not nesting.SEPARATOR.fullmatch(line)]
    cap, nesting.MAX_CELLS = nesting.MAX_CELLS, 3  # a few cells told, to compare the counts
    try:
        alone, under = nesting.table_size(text), nesting.table_size("\n".join([*above, "", text]))
    finally:
        nesting.MAX_CELLS = cap
    assert [message for _, message, _ in alone] == [message for _, message, _ in under]


@settings(max_examples=examples(3000), deadline=None)
@given(st.lists(st.sampled_from(["| 甲 | 乙 |", "|---|---|", "| 1 | 2 | 3 |", "| 1 |", "|---|", "| a \\| b |",
                                 "| `x|y` | z |", "甲 | 乙", "---|---", "    | 1 | 2 |", "> | 1 | 2 |", "- | 1 |",
                                 "第三条 甲|乙", "", "正文。", "| x | y | z", "|", "|:-:|--|", "\t| 1 | 2 | 3 |"]),
                max_size=8).map("\n".join))
@example("| 1 | 2 | 3 |\n|---|---|---|\n\n| 甲 | 乙 |\n|---|---|\n| 1 | 2 | 3 |")  # two widths: the narrower judges
def test_a_body_whose_tables_cannot_cut_a_row_has_none_cut_by_the_parser(body):
    """table_cells skips parsing a body where no row may split into more cells than the narrowest separator row:
    the parser, run anyway, cuts none there."""
    if table_cells._none_cut(body) and table_cells._parsable(body):
        assert table_cells._parsed(body, BODY)[0] == ()


def test_the_aspects_are_their_own_simplified_text():
    """aspects.covered looks for them in the # lines as written before translating them: no character of theirs changes."""
    assert all(script.to_simplified(ch) == ch for aspect in vocabulary.ASPECTS for ch in aspect)


@settings(max_examples=examples(1000), deadline=None)
@given(st.lists(st.sampled_from([*vocabulary.ASPECTS, *map(script.to_traditional, vocabulary.ASPECTS), "## ", "# ", "\n",
                                 "一、", "背景", "依據", "正文", " ", "#", "\u200b"]), max_size=30))
def test_an_aspect_found_as_written_is_found_in_the_simplified_text(pieces):
    """So all nine found in the # lines as written are all nine found in their Simplified text (aspects.covered)."""
    written = " ".join(aspects.marked_lines("".join(pieces)))
    for aspect in vocabulary.ASPECTS:
        assert aspect not in written or aspect in script.to_simplified(written)


@settings(max_examples=examples(1000), deadline=None)
@given(st.lists(st.sampled_from([*nesting._INLINE_MARKS, "  \n", " ", "\n", "  ", "正文", "\u3000", "x"]), max_size=40))
def test_a_texts_inline_marks_are_fewer_than_twice_its_ascii_characters(pieces):
    """nesting.inline_cost answers by the lengths alone where twice the ASCII characters are within the budget."""
    text = "".join(pieces)
    marked = chars.ascii_of(text)
    assert sum(marked.count(c) for c in nesting._INLINE_MARKS) + marked.count("  \n") <= 2 * len(marked)


# what a title may be made of: an address's letters and marks, look-alikes of its dots and slashes, words and brackets
_TITLE_PARTS = ["关于", "通知", "ｗｗｗ", "www", "https", "http", "：", ":", "／", "/", "．", ".", "。", "｡", "․", "﹒", "\\",
                "example", "gov", "cn", "ｇｏｖ", "doc", "2018", "６８", "（", "）", "(", ")", " ", "　", "@", "#", "xn--"]


@settings(max_examples=examples(500), deadline=None)
@given(st.lists(st.sampled_from(_TITLE_PARTS), max_size=16).map("".join))
@example("关于ｗｗｗ．ｅｘａｍｐｌｅ．ｇｏｖ．ｃｎ／ｄｏｃ／ｘｚｂｆ／２０１８／７５／的通知")
@example("关于https：／／example．gov。cn／doc／的通知")
def test_a_title_the_title_check_skips_shows_no_address(title):
    """link_text.title_problems makes no page of a title with no dot or slash as a reader reads it: such a title is one
    the listings' link shows no address in (found, on the link it makes)."""
    site = "https://example.gov.cn/"
    made = f'<a href="{site}doc/xzbf/2018/68/">{html_escape(title)}</a>'
    if not link_text.may_show_address(title):
        assert link_text.title_problems(title, site) == [] and link_text.found(made, site) == []
