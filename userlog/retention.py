"""The user log's retention: rows older than settings.USERLOG_RETENTION_DAYS go.

`purge(now)` is the only code that deletes user log rows; the daily job runs it
(`manage.py purge_user_log`, cms/jobs.py). docs/privacy.md, "User log", says why the
default is two years.
"""

import datetime as dt

from django.conf import settings
from django.utils import timezone

from .models import UserLogEntry


def cutoff(now=None) -> dt.datetime:
    """Rows strictly older than this are removed."""
    now = now or timezone.now()
    return now - dt.timedelta(days=settings.USERLOG_RETENTION_DAYS)


def purge(now=None) -> int:
    """Delete the rows older than the retention period; how many were removed."""
    days = settings.USERLOG_RETENTION_DAYS
    if not isinstance(days, int) or days < 1:
        raise ValueError(f"USERLOG_RETENTION_DAYS must be a whole number of days ≥ 1, got {days!r}")
    return UserLogEntry.objects.filter(at__lt=cutoff(now))._purge()
