"""The date a build is judged against: statuses that depend on time must not depend on the machine's clock
when a build is to be reproduced.

A live gazette is judged on the day it is built: the publish workflow rebuilds it daily, and
consultations close, 意见采纳情况 falls due, documents expire as the days pass. A snapshot — the sample,
an archived copy — says in gazette.yml on which day it is judged (``build_date``), so it keeps building
as it was and still means what it said: its open consultation stays open on that day, and its feedback
is not overdue on a day it never saw. Nothing of a rule changes; only the day it is applied on is fixed.
"""
from __future__ import annotations

import datetime as dt
import os

from gongbao.content.settings import BUILD_DATE, Settings


def build_date(pinned: dt.date | None = None) -> dt.date:
    """``pinned`` (gazette.yml's ``build_date``) when there is one, else SOURCE_DATE_EPOCH when set
    (reproducible builds), else today."""
    if pinned is not None:
        return pinned
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    return dt.date.today()


def judged_on(settings: Settings) -> dt.date | None:
    """The day a check judges by when its caller names none: ``build_date`` of ``settings``. None when gazette.yml pins
    a day that cannot be read (build_date: 2026-12-32): a day was meant, which is unknown; judged by today or
    SOURCE_DATE_EPOCH instead, the feedback the snapshot never saw fall due is told overdue, a document told expired, as
    facts of a day nobody chose. The rules then say only what holds on any day it may mean (rules.Context.today)."""
    return None if settings.unsure(BUILD_DATE) else build_date(settings.build_date)


def latest(today: dt.date | None) -> dt.date:
    """The last day a check may be judging by: ``today``, or when it is unknown (``judged_on``), the calendar's, as no
    pin may be later (rules/pinned_date): a date after it is in the future whatever day was meant."""
    return today if today is not None else dt.date.today()
