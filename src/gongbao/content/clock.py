"""The date a build is judged against: statuses that depend on time must not depend on the machine's clock
when a build is to be reproduced."""
from __future__ import annotations

import datetime as dt
import os


def build_date() -> dt.date:
    """SOURCE_DATE_EPOCH when set (reproducible builds), else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    return dt.date.today()
