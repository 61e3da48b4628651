"""What an entry shows the cross-document rules (gongbao.publish.crosskept.shown) is written without copying the
item or naming its fields one by one: the digest must be the one its plain definition gives, for every kind of entry a generated archive holds
(Traditional script, every field), and for items whose fields hold what a repr could confuse."""
import dataclasses
import datetime as dt
import hashlib

import pytest

from gongbao import rules
from gongbao.content import loader, settings as settings_module
from gongbao.content.model import Correction, Document, Interpretation, Issue, IssueKey
from gongbao.content.source import Recalled, Source
from gongbao.identifiers.docnumber import DocId, DocNumber
from gongbao.publish import crosskept
from gongbao.tools import synthetic


def _plain(item, links) -> tuple[str, str]:
    source = item.source
    fields = tuple(getattr(item, field.name) for field in dataclasses.fields(item)
                   if field.repr and field.name not in ("source", "corrections", "note"))
    seen = (type(item).__qualname__, fields, source.path, tuple(links))
    return (hashlib.sha256(repr(seen).encode()).hexdigest(),
            hashlib.sha256(repr((dict(source.key_lines), source.body_line, source.removed)).encode()).hexdigest())


@pytest.fixture(scope="module")
def entries(tmp_path_factory):
    root = tmp_path_factory.mktemp("archive")
    synthetic.write(root, synthetic.archive(300, shape="real"))
    archive = loader.load(root, settings_module.load(root)).archive
    items = [*archive.issues, *archive.documents, *archive.interpretations]
    assert any(d.language == "zh-Hant" for d in archive.documents)  # Traditional script among them
    assert all(type(i).__repr__ is not object.__repr__ for i in items)
    return items


def test_shown_is_its_plain_definition_for_every_generated_entry(entries):
    for item in entries:
        links = rules.body_links(item)
        assert crosskept.shown(item, links) == _plain(item, links)


def test_shown_is_its_plain_definition_for_a_kept_entry(entries):
    """As a check's cache keeps it: the source without values and body."""
    for item in entries[::7]:
        links = rules.body_links(item)
        kept = dataclasses.replace(item, source=Recalled.of(item.source))
        assert crosskept.shown(kept, links) == _plain(kept, links) == crosskept.shown(item, links)


_SOURCE = Source("gazette/2018/06/x.md", {"title": "x"}, {"title": 2, "標題": 3, "a'b\"c": 4}, "正文", 9)


@pytest.mark.parametrize("item", [
    Issue(_SOURCE, IssueKey(2018, 6), 120, dt.date(2018, 6, 30), ("规章", "規範性文件"), note="'\"\\"),
    Document(_SOURCE, "關於〔2017〕95號的通知, title='x'", DocNumber("錫政辦發", 2017, 95), None, ("无锡市人民政府",),
             "通知", dt.date(2017, 1, 2), dt.date(2017, 1, 3), "执行中", "主动公开", "规范性文件", IssueKey(2017, 1),
             based_on=(DocId("wx-1"), DocNumber("无锡市人民政府令", None, 180)),
             corrections=(Correction(dt.date(2017, 2, 1), "第三条", "排版错误"),)),
    Interpretation(_SOURCE, "解讀", DocId("wx-2018-notice-12"), dt.date(2018, 1, 1), "文字解读", "slug", author="\n"),
])
def test_shown_is_its_plain_definition_for_made_up_fields(item):
    for links in [(), ("a.md", "b.md#x"), ("它's\"",)]:
        assert crosskept.shown(item, links) == _plain(item, links)


def test_the_digest_of_where_keys_are_is_its_plain_definition_however_often_asked():
    """Kept by layout (crosskept._where): the same keys in another order, on other lines, with another body line or
    other line breaks withheld are another layout; asked again, a layout gives the plain digest."""
    item = Issue(_SOURCE, IssueKey(2018, 6), 120, dt.date(2018, 6, 30), ("规章",))
    layouts = [{"title": 2, "year": 3}, {"year": 2, "title": 3}, {"year": 3, "title": 2}, {"title": 2, "year": 4}]
    for key_lines, body_line, withheld in [(k, b, w) for k in layouts for b in (5, 6) for w in ((), ((3, 2),))] * 2:
        kept = dataclasses.replace(item, source=Source(_SOURCE.path, {}, dict(key_lines), "", body_line, withheld))
        assert crosskept.shown(kept, ()) == _plain(kept, ())
    assert len({crosskept.shown(dataclasses.replace(item, source=Source(_SOURCE.path, {}, k, "", 5)), ())[1]
                for k in layouts}) == len(layouts)
