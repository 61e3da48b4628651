"""Each text's canonical form is computed once a build (``integrity.once``), and never kept past it."""
from __future__ import annotations

from collections import Counter
from dataclasses import replace

import pytest

from conftest import Repo
from gongbao.content import integrity, lock
from gongbao.publish.render import site


@pytest.fixture
def counted(monkeypatch) -> Counter:
    """How often each item's canonical text (current version, own record) is worked out."""
    calls: Counter = Counter()
    real = integrity._canonical_text

    def counting(item, version, stated, ref):
        if version == integrity.VERSION and not stated and ref is None:
            calls[id(item)] += 1
        return real(item, version, stated, ref)
    monkeypatch.setattr(integrity, "_canonical_text", counting)
    return calls


def _build(repo: Repo):
    """What the hook does with canonical texts: the check, every output, the lock's entries."""
    checked = repo.check()
    made = site.outputs(checked.archive, checked.settings, checked.today)
    entries = [lock.entry(item) for item in lock.pages(checked.archive, checked.settings.issuer_codes).values()]
    return checked, made, entries


def test_a_build_works_out_each_text_once(site_repo: Repo, counted: Counter):
    with integrity.once():
        checked, made, entries = _build(site_repo)
    public = checked.archive.public()
    texts = [*public.documents, *public.interpretations, *public.drafts, *public.explanations, *public.feedback]
    assert texts and all(counted[id(item)] == 1 for item in texts)
    assert max(counted.values()) == 1


def test_without_the_block_the_same_outputs_each_text_many_times(site_repo: Repo, counted: Counter):
    """The test above can fail: outside ``once`` the page, the twins, the manifest and the lock each work it out."""
    checked, made, entries = _build(site_repo)
    assert max(counted.values()) >= 4
    with integrity.once():
        again = _build(site_repo)
    assert again[1] == made and again[2] == entries  # the same bytes, the same lock


def test_nothing_is_kept_past_the_block(repo: Repo, counted: Counter):
    doc = repo.check().archive.documents[0]
    with integrity.once():
        first = integrity.sha256(doc)
        assert integrity.sha256(doc) == first and integrity.canonical_text(doc) == integrity.canonical_text(doc)
    assert counted[id(doc)] == 1
    doc.title = doc.title + "（修订）"  # an item is a plain dataclass: changed after the block, hashed anew
    with integrity.once():
        assert integrity.sha256(doc) != first
    assert integrity.sha256(doc) != first and counted[id(doc)] == 3


def test_another_item_never_gets_an_items_text(repo: Repo):
    """Keyed by the object, which the memo holds: a copy with another body, or one made after the first is gone
    (whose id Python could reuse), gets its own text."""
    doc = repo.check().archive.documents[0]
    with integrity.once():
        before = integrity.canonical_text(doc)
        other = replace(doc, source=replace(doc.source, body=doc.source.body + "\n新增一段。\n"))
        assert integrity.canonical_text(other).endswith("新增一段。\n") and integrity.canonical_text(doc) == before
        for n in range(50):  # made and dropped: ids of dead objects come back
            assert integrity.canonical_text(replace(doc, title=f"标题{n}")).startswith(f"标题{n}\n")


def test_other_versions_and_locked_records_are_not_taken_from_the_memo(repo: Repo):
    doc = repo.check().archive.documents[0]
    stated = {"type": "公告"}
    plain = (integrity.canonical_text(doc, 2), integrity.sha256(doc, 1), integrity.sha256(doc, stated=stated))
    with integrity.once():
        integrity.sha256(doc)
        assert (integrity.canonical_text(doc, 2), integrity.sha256(doc, 1), integrity.sha256(doc, stated=stated)) == plain
        assert integrity.sha256(doc, stated=stated) != integrity.sha256(doc)


def test_a_nested_block_shares_the_outer_one(repo: Repo, counted: Counter):
    doc = repo.check().archive.documents[0]
    with integrity.once():
        integrity.sha256(doc)
        with integrity.once():
            integrity.sha256(doc)
        integrity.sha256(doc)
    assert counted[id(doc)] == 1
