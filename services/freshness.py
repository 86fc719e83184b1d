"""Freshness of published services: reminders, outdated, archived.

A published service is "fresh" from its last confirmation ("still accurate") or
publication. The update pair is reminded 120 days after that, again after 15 and
15 more days (135, 150). Fifteen days after the last reminder (day 165) the service
becomes outdated: still public, flagged. Sixty days after that it is archived
(unpublished). `python manage.py pipeline_reminders` applies these daily; every
step is keyed so that running it twice sends nothing twice.
"""

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

REMINDER_DAYS = (120, 135, 150)
OUTDATED_AFTER_DAYS = 165
ARCHIVE_AFTER_OUTDATED_DAYS = 60


@dataclass(frozen=True)
class FreshnessStep:
    kind: str  # "reminder", "outdated" or "archive"
    number: int = 0  # reminder number 1..3

    def key(self, page, fresh_since: dt.datetime) -> str:
        return f"freshness:{page.pk}:{fresh_since:%Y%m%d%H%M%S}:{self.kind}:{self.number}"


def due_step(fresh_since: dt.datetime, outdated_at: dt.datetime | None, now: dt.datetime):
    """The one step due for a live service at `now`, or None.

    Only the latest reminder that is due is returned, so a service found long
    overdue gets one reminder, not three at once.
    """
    if outdated_at is not None:
        if now >= outdated_at + dt.timedelta(days=ARCHIVE_AFTER_OUTDATED_DAYS):
            return FreshnessStep("archive")
        return None
    age = now - fresh_since
    if age >= dt.timedelta(days=OUTDATED_AFTER_DAYS):
        return FreshnessStep("outdated")
    due = [n for n, days in enumerate(REMINDER_DAYS, start=1) if age >= dt.timedelta(days=days)]
    return FreshnessStep("reminder", due[-1]) if due else None


@transaction.atomic
def confirm_accurate(page, user):
    """The one-click "still accurate": resets the clock and clears the outdated flag."""
    page.verified_at = timezone.now()
    page.verified_by = user
    page.outdated_at = None
    type(page).objects.filter(pk=page.pk).update(
        verified_at=page.verified_at, verified_by=user, outdated_at=None
    )
    log(instance=page, action="services.confirm_accurate", user=user)
    return page


def mark_outdated(page, now):
    page.outdated_at = now
    type(page).objects.filter(pk=page.pk).update(outdated_at=now)
    log(instance=page, action="services.outdated")


def archive(page, now):
    page.archived_at = now
    type(page).objects.filter(pk=page.pk).update(archived_at=now)
    page.unpublish(log_action="services.archived")
