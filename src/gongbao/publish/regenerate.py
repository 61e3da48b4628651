"""The preview's outputs after an edit: only the makers the edit reaches are called again, the rest kept.

The first call makes every output (``gongbao.publish.render.site.makers``), noting what each maker read
(``gongbao.publish.dependencies``); each later call compares the new archive with the last, field by field, and
calls again only the makers that read a field that changed. What every maker shares — the archive's indexes, the
relations — was read before any of them, and a change there, a file added, removed or moved in its collection's
order, other settings or another build date make everything again. The result is what ``site.outputs`` makes of
the same archive: that is what the preview's tests compare, byte for byte, with a clean build.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

from gongbao.content.model import Archive
from gongbao.content.settings import Settings
from gongbao.publish import dependencies
from gongbao.publish.dependencies import UNKNOWN
from gongbao.publish.render import site

_INDEXES = [name for name, value in vars(Archive).items() if isinstance(value, cached_property)]


@dataclass
class _Made:
    public: Archive
    whole: tuple          # what no field holds: membership, settings, build date
    shared: set           # what every maker depends on
    reads: list[set]      # per maker, what it read
    made: list[dict]      # per maker, what it made


class Regenerator:
    """Called as ``site.outputs`` is (the hook's ``gb_generate``), keeping between calls what it made."""

    def __init__(self):
        self._last: _Made | None = None
        self.remade = 0  # how many makers the last call called: for the tests and the benchmark

    def __call__(self, archive: Archive, settings: Settings, today: dt.date) -> site.Outputs:
        public = archive.public()
        whole = (dependencies.membership(public), settings, today)
        last = self._last
        reached = None  # every maker
        self.remade = 0
        if last is not None and last.whole == whole:
            changed = dependencies.changed(last.public, public)
            if not changed & last.shared:
                reached = {i for i, reads in enumerate(last.reads) if UNKNOWN in reads or reads & changed}
        with dependencies.watching():
            index = dependencies.Index(public)
            shared: set = set()
            with index.reading(shared):
                for name in _INDEXES:  # made now, once for every maker (and their reads are everyone's)
                    getattr(public, name)
                found = site.makers(public, settings, today)
            if reached is None:
                reads, made = [set() for _ in found], [{} for _ in found]
            else:
                reads, made = list(last.reads), list(last.made)
            out, remade = site.Outputs(), set()
            for i, maker in enumerate(found):
                # a maker called with the outputs of a kind: again when one of them was made again
                if reached is None or i in reached or (maker.needs and maker.needs in remade):
                    reads[i] = set()
                    with index.reading(reads[i]):
                        made[i] = maker.made(out)
                    remade.add(maker.kind)
                    self.remade += 1
                getattr(out, maker.kind).update(made[i])
        self._last = _Made(public, whole, shared, reads, made)
        return out
