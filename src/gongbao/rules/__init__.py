"""Checks over the loaded archive: each module holds one rule, a pure function of a Context.

``check(context)`` yields Diagnostics; ``ALL`` is the order they run in.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..lock import EMPTY, Lock
from ..model import Archive
from ..settings import Settings


@dataclass(frozen=True)
class Context:
    archive: Archive
    settings: Settings
    today: dt.date  # the build date: statuses that depend on time are judged against it
    lock: Lock = EMPTY  # the committed gazette.lock.json: what has been published before
    published: Lock = EMPTY  # the lock of the last published state, which ``lock`` may not weaken


def all_rules():
    from . import aspects, dates, duplicates, issuers, issues, pairing, relations, sections, index_numbers, topics
    from . import anchor_ids, html_safety, lock, placeholders

    return (issues, issuers, duplicates, sections, dates, relations, pairing, aspects, topics, index_numbers, lock,
            placeholders, html_safety, anchor_ids)


def run(context: Context):
    for rule in all_rules():
        yield from rule.check(context)
