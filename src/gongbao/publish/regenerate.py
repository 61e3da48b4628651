"""The preview's outputs after an edit: only the makers the edit reaches are called again, the rest kept.

The first call makes every output (``gongbao.publish.render.site.makers``), noting what each maker read
(``gongbao.publish.dependencies``), and keeps the makers and the archive they read. Each later call compares the new
archive with the kept one and, where an item changed, gives the kept item the new values in place: the kept makers
then read the edit, and only those that read a field that changed are called again. What every maker shares — the
archive's indexes, the relations, whatever the makers worked out when they were listed — was read before any of
them, and a change there, a file added, removed or moved in its collection's order, other settings or another build
date list and make everything again. The result is what ``site.outputs`` makes of the same archive: that is what
the preview's tests compare, byte for byte, with a clean build.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property

from gongbao.content import integrity
from gongbao.content.model import Archive
from gongbao.content.settings import Settings
from gongbao.publish import dependencies
from gongbao.publish.dependencies import UNKNOWN
from gongbao.publish.render import site

_INDEXES = [name for name, value in vars(Archive).items() if isinstance(value, cached_property)]


@dataclass
class _Kept:
    public: Archive        # what the makers read; its items take each edit's values in place
    whole: tuple           # what no field holds: membership, settings, build date
    index: dependencies.Index
    shared: set            # what every maker depends on
    found: list[site.Maker]
    reads: list[set]       # per maker, what it read
    made: list[dict]       # per maker, what it made
    readers: dict          # file → the makers that read one of its fields (or may have: UNKNOWN under "")


class Regenerator:
    """Called as ``site.outputs`` is (the hook's ``gb_generate``), keeping between calls what it made."""

    def __init__(self):
        self._kept: _Kept | None = None
        self.remade = 0  # how many makers the last call called: for the tests and the benchmark
        # by kind, the outputs the last call may have changed (what the makers called made, and had made before);
        # None when it made everything: the preview's hook looks again only at these (hooks/gazette.py)
        self.touched: dict[str, set[str]] | None = None
        # Set by the preview's worker: the makers of later files (site.Maker.later) an edit reaches are left pending,
        # their outputs the last ones made, until a call without it makes them. Only while the site holds every
        # output as last made: a maker left pending then writes nothing it did not write before.
        self.defer = False
        self.pending: set[int] = set()

    def __call__(self, archive: Archive, settings: Settings, today: dt.date) -> site.Outputs:
        public = archive.public()
        whole = (dependencies.membership(public), settings, today)
        kept = self._kept
        self.remade, self.touched = 0, None
        self._kept = None  # until every maker reached has made its outputs: a renderer that raises leaves nothing kept
        reached = None if kept is None or kept.whole != whole else _took(kept, public)
        with dependencies.watching():
            touched = None if reached is None else defaultdict(set)
            if reached is None:
                kept = _listed(public, whole, settings, today)
                reached, self.pending = range(len(kept.found)), set()
            elif not self.defer:
                reached |= self.pending
            out, remade = site.Outputs(), set()
            for i, maker in enumerate(kept.found):
                # a maker called with the outputs of a kind: again when one of them was made again
                due = i in reached or bool(maker.needs and maker.needs in remade)
                if due and maker.later and self.defer and touched is not None:
                    self.pending.add(i)
                elif due:
                    self.pending.discard(i)
                    kept.reads[i] = set()
                    before = kept.made[i]
                    with kept.index.reading(kept.reads[i]), integrity.once(apart=True):  # its reads all noted
                        kept.made[i] = maker.made(out)
                    if touched is not None:
                        touched[maker.kind] |= before.keys() | kept.made[i].keys()
                    for path, _ in kept.reads[i]:
                        kept.readers[path].add(i)
                    remade.add(maker.kind)
                    self.remade += 1
                getattr(out, maker.kind).update(kept.made[i])
        self._kept, self.touched = kept, touched
        return out


def _took(kept: _Kept, public: Archive) -> set[int] | None:
    """Give the kept items an edit's values; the makers that read one that changed. None, the kept items left as
    they were, when the edit changed what every maker shares."""
    changed = dependencies.changed(kept.public, public)
    fields = {f for _, _, found in changed for f in found}
    if fields & kept.shared:
        return None
    for old, new, _ in changed:
        kept.index.take(old, new)
    candidates = kept.readers[UNKNOWN[0]] | {i for path, _ in fields for i in kept.readers[path]}
    return {i for i in candidates if UNKNOWN in kept.reads[i] or kept.reads[i] & fields}


def _listed(public: Archive, whole: tuple, settings: Settings, today: dt.date) -> _Kept:
    """Every maker listed anew, nothing made yet; called inside ``dependencies.watching``."""
    index = dependencies.Index(public)
    shared: set = set()
    with index.reading(shared):
        for name in _INDEXES:  # made now, once for every maker (and their reads are everyone's)
            getattr(public, name)
        found = site.makers(public, settings, today)
    return _Kept(public, whole, index, shared, found, [set() for _ in found], [{} for _ in found], defaultdict(set))
