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


def build_date(pinned: dt.date | None = None) -> dt.date:
    """``pinned`` (gazette.yml's ``build_date``) when there is one, else SOURCE_DATE_EPOCH when set
    (reproducible builds), else today."""
    if pinned is not None:
        return pinned
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    return dt.date.today()
