"""Which fields of which content files an output was made from, found by watching the renderer read them.

The preview (gongbao_preview) regenerates, after an edit, only the outputs the edit reaches. Rather than a map
written by hand beside every renderer (which would go stale the day a renderer reads one more field), the map is
recorded: while an output is made, every read of a field of a content item (document, interpretation, issue,
draft, 起草说明, feedback, decisions catalogue, and their ``Source``) is noted as (file, field). An output whose
recorded fields all compare equal after an edit is what it was: a renderer is a function of what it reads, and the
first read that could take it down another path is a read of a field that changed. What no field holds is compared
whole: the settings and build date, and the files and order of each collection (``membership``).
"""
from __future__ import annotations

import dataclasses
from contextlib import contextmanager

from gongbao.content.model import Archive, Document, Interpretation, Issue
from gongbao.content.participation import DecisionYear, Draft, Explanation, Feedback
from gongbao.content.source import Source

ITEMS = (Document, Interpretation, Issue, Draft, Explanation, Feedback, DecisionYear)
COLLECTIONS = ("issues", "documents", "interpretations", "drafts", "explanations", "feedback", "decisions")
ALL = "*"  # a read of the whole item (its __dict__): every field
_FIELDS = {cls: frozenset(f.name for f in dataclasses.fields(cls)) for cls in (*ITEMS, Source)}

_reads: list[set] = []  # the reads of the output being made, innermost last


def _getattribute(self, name):
    if _reads:
        _reads[-1].add((id(self), name))
    return object.__getattribute__(self, name)


# Noted for a read of an item that is not in the archive (a copy made while rendering): its output is always remade.
UNKNOWN = ("", "?")


@contextmanager
def watching():
    """Reads of content items are noted while inside; outside, the classes are as they were."""
    for cls in (*ITEMS, Source):
        cls.__getattribute__ = _getattribute
    try:
        yield
    finally:
        for cls in (*ITEMS, Source):
            del cls.__getattribute__


class Index:
    """Maps what was read, by object, to (file, field): ``source.<field>`` for the item's Source."""

    def __init__(self, archive: Archive):
        self._names: dict[int, tuple[str, str, frozenset]] = {}
        self._kept = []  # the items, alive while their ids name them
        for item in items(archive):
            source = object.__getattribute__(item, "source")
            self._names[id(item)] = (source.path, "", _FIELDS[type(item)])
            self._names[id(source)] = (source.path, "source.", _FIELDS[Source])
            self._kept += [item, source]

    def take(self, old, new) -> None:
        """``old`` (a kept item, read by kept makers) takes the values of ``new``, the same file's item after an edit;
        its new Source is named as the old was (the old stays kept: its id must not name another object)."""
        vars(old).update(vars(new))
        source = object.__getattribute__(new, "source")
        self._names[id(source)] = (source.path, "source.", _FIELDS[Source])
        self._kept.append(source)

    @contextmanager
    def reading(self, into: set):
        """Note in ``into`` the (file, field) pairs read inside, and UNKNOWN for an item not in the archive."""
        raw: set = set()
        _reads.append(raw)
        try:
            yield
        finally:
            _reads.pop()
        for oid, name in raw:
            if oid not in self._names:
                into.add(UNKNOWN)
                continue
            path, prefix, fields = self._names[oid]
            if name == "__dict__":
                into.update((path, prefix + f) for f in fields)
            elif name in fields and name != "source":  # the Source itself is followed field by field
                into.add((path, prefix + name))


def items(archive: Archive):
    for collection in COLLECTIONS:
        yield from getattr(archive, collection)


def membership(archive: Archive) -> tuple:
    """Each collection's files, in order, and what no field of an item holds (withdrawals, whole)."""
    return (tuple(tuple(object.__getattribute__(i, "source").path for i in getattr(archive, c)) for c in COLLECTIONS),
            tuple(archive.withdrawn))


def changed(before: Archive, after: Archive) -> list[tuple[object, object, set[tuple[str, str]]]]:
    """The items that differ between two archives of the same ``membership``: (before's, after's, the (file, field)
    pairs that differ)."""
    out = []
    for old, new in zip(items(before), items(after)):
        if old is new or old == new:  # the dataclasses' own comparison, all fields at once: most items are unchanged
            continue
        path = old.source.path
        fields = {(path, name) for name in _FIELDS[type(old)] - {"source"} if getattr(old, name) != getattr(new, name)}
        fields |= {(path, "source." + name) for name in _FIELDS[Source] if getattr(old.source, name) != getattr(new.source, name)}
        out.append((old, new, fields))
    return out
