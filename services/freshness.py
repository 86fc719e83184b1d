"""Freshness of published services: reminders, outdated, archived.

A published service is "fresh" from its last confirmation ("still accurate") or
publication: that moment starts a *freshness period*. The rule is sequential, as in
the agreement, and counts the reminders that were actually queued (cms/outbox.py: a
queued message is sent once the mail server accepts it, retried until then, never lost):

1. reminder 1 to the update pair 120 days into the period;
2. reminder 2 fifteen days after reminder 1 was sent;
3. reminder 3 fifteen days after reminder 2 was sent;
4. outdated (still public, flagged) fifteen days after reminder 3 was sent;
5. archived (unpublished) sixty days after it became outdated.

Days are calendar days in the site's time zone, so a daily run at a fixed hour keeps
the 15-day rhythm (a reminder sent at 06:00:05 makes the next one due on the 15th day
at 06:00 too). A service found long overdue therefore gets reminder 1 now, reminder 2
fifteen days later and so on: never several at once, and never outdated by age alone.

What was queued, and when, is the record of the keyed `SentNotification` rows that
`python manage.py pipeline_reminders` writes (see `step_key`): one row per step and
period (written even when neither half of the pair can be e-mailed, so a service
without a reachable pair still runs its course) and one per recipient (so nobody gets
a message twice). The key contains the start of the period, so a confirmation or a
new publication starts a new sequence; running the command twice sends nothing twice.

A service being reviewed (a workflow *in progress*, the "in review" lifecycle) is
left alone: no reminders, not marked outdated, not archived, while the review is
open. The pair is already updating it, and a reminder would only ask for what is
under way. The sequence resumes where it stopped if the review ends without a
publication (a publication starts a new period). A workflow sent back to the
provider ("needs changes") does not pause the clock: nobody is reviewing anything.

Freshness belongs to the service, not to each language version: the rule runs on the
Finnish source (the default locale), and its translations follow it. A confirmation,
the outdated flag and archiving are applied to the source and its Swedish and English
translations together (`family`), so the pair gets one sequence of reminders per
service and no translation stays public after its source was archived.

`due_step` is the rule as a pure function; the command supplies the facts.
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from wagtail.log_actions import log

FIRST_REMINDER_DAYS = 120
REMINDER_INTERVAL_DAYS = 15
REMINDERS = 3
OUTDATED_AFTER_LAST_REMINDER_DAYS = 15
ARCHIVE_AFTER_OUTDATED_DAYS = 60
# The nominal schedule when the daily command runs every day: days into the period.
REMINDER_DAYS = tuple(
    FIRST_REMINDER_DAYS + n * REMINDER_INTERVAL_DAYS for n in range(REMINDERS)
)  # (120, 135, 150)
OUTDATED_AFTER_DAYS = REMINDER_DAYS[-1] + OUTDATED_AFTER_LAST_REMINDER_DAYS  # 165
KEY_PREFIX = "freshness"


@dataclass(frozen=True)
class FreshnessStep:
    kind: str  # "reminder", "outdated" or "archive"
    number: int = 0  # reminder number 1..3

    def key(self, page, fresh_since: dt.datetime) -> str:
        return step_key(page.pk, fresh_since, self.kind, self.number)


def period_stamp(fresh_since: dt.datetime) -> str:
    """The start of a period in keys: UTC to the second (as the database returns it)."""
    if timezone.is_aware(fresh_since):
        fresh_since = fresh_since.astimezone(dt.UTC)
    return f"{fresh_since:%Y%m%d%H%M%S}"


def step_key(page_pk: int, fresh_since: dt.datetime, kind: str, number: int = 0) -> str:
    """The key of one step of one period; recipients' rows append `:<user pk>`."""
    return f"{KEY_PREFIX}:{page_pk}:{period_stamp(fresh_since)}:{kind}:{number}"


def _day(value: dt.datetime) -> dt.date:
    return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()


def _days_since(start: dt.datetime, now: dt.datetime) -> int:
    return (_day(now) - _day(start)).days


def due_step(
    fresh_since: dt.datetime,
    outdated_at: dt.datetime | None,
    now: dt.datetime,
    reminders_sent: Sequence[dt.datetime] = (),
    *,
    in_review: bool = False,
) -> FreshnessStep | None:
    """The one step due for a live service at `now`, or None.

    `reminders_sent` are the times reminders 1, 2, … of the current period (the one
    starting at `fresh_since`) were sent, in order. An `outdated_at` from before the
    period started belongs to an earlier period and is ignored.
    """
    if in_review:
        return None
    if outdated_at is not None and outdated_at >= fresh_since:
        if _days_since(outdated_at, now) >= ARCHIVE_AFTER_OUTDATED_DAYS:
            return FreshnessStep("archive")
        return None
    sent = list(reminders_sent)[:REMINDERS]
    if not sent:
        due = _days_since(fresh_since, now) >= FIRST_REMINDER_DAYS
    elif len(sent) < REMINDERS:
        due = _days_since(sent[-1], now) >= REMINDER_INTERVAL_DAYS
    else:
        if _days_since(sent[-1], now) >= OUTDATED_AFTER_LAST_REMINDER_DAYS:
            return FreshnessStep("outdated")
        return None
    return FreshnessStep("reminder", len(sent) + 1) if due else None


def sent_reminders(page_pks=None) -> dict[tuple[int, str], list[dt.datetime]]:
    """When reminders were sent: {(page pk, period stamp): [sent at of reminder 1, 2, …]}.

    A reminder counts from its first row (the step's own or a recipient's); a list
    stops at the first missing number. One query (all reminder rows, or `page_pks`').
    """
    from .models import SentNotification

    rows = SentNotification.objects.filter(
        key__startswith=f"{KEY_PREFIX}:", key__contains=":reminder:"
    )
    if page_pks is not None:
        query = Q()
        for pk in page_pks:
            query |= Q(key__startswith=f"{KEY_PREFIX}:{pk}:")
        rows = rows.filter(query) if query else rows.none()
    first: dict[tuple[int, str], dict[int, dt.datetime]] = {}
    for key, sent_at in rows.values_list("key", "sent_at").iterator(chunk_size=2000):
        parts = key.split(":")
        if len(parts) < 5 or parts[3] != "reminder" or not parts[4].isdigit():
            continue
        numbers = first.setdefault((int(parts[1]), parts[2]), {})
        number = int(parts[4])
        if number not in numbers or sent_at < numbers[number]:
            numbers[number] = sent_at
    result = {}
    for period, numbers in first.items():
        times = []
        for number in range(1, REMINDERS + 1):
            if number not in numbers:
                break
            times.append(numbers[number])
        result[period] = times
    return result


def reminders_for(page, fresh_since: dt.datetime) -> list[dt.datetime]:
    """The sent times of the reminders of `page`'s period starting at `fresh_since`."""
    return sent_reminders([page.pk]).get((page.pk, period_stamp(fresh_since)), [])


def record_step(page, fresh_since: dt.datetime, step: FreshnessStep) -> bool:
    """Write the step's own row: the step was taken now, whoever could be e-mailed.

    Returns False when it was already recorded. The daily command records a step and
    then e-mails the pair (`notifications.notify` writes the recipients' rows).
    """
    from .models import SentNotification

    try:
        with transaction.atomic():
            SentNotification.objects.create(key=step.key(page, fresh_since), recipient="")
    except IntegrityError:
        return False
    return True


def can_confirm(user, page) -> bool:
    """The update pair confirms the service itself, the Finnish source: whoever can edit
    it. A translator (who edits only the Swedish and English versions) cannot."""
    return (
        page.live
        and page.locale.language_code == settings.LANGUAGE_CODE
        and page.permissions_for_user(user).can_edit()
    )


def family(page):
    """The service in every language: the page and its translations."""
    return type(page).objects.filter(translation_key=page.translation_key)


@transaction.atomic
def confirm_accurate(page, user):
    """The one-click "still accurate": resets the clock and clears the outdated flag
    (of the service in every language)."""
    page.verified_at = timezone.now()
    page.verified_by = user
    page.outdated_at = None
    family(page).update(verified_at=page.verified_at, verified_by=user, outdated_at=None)
    log(instance=page, action="services.confirm_accurate", user=user)
    return page


def mark_outdated(page, now):
    page.outdated_at = now
    family(page).update(outdated_at=now)
    log(instance=page, action="services.outdated")


def clear_outdated(page):
    """Drop an outdated flag of an earlier period (the service was published since)."""
    page.outdated_at = None
    family(page).update(outdated_at=None)


@transaction.atomic
def archive(page, now):
    """Unpublish the service and its translations (each logged as archived)."""
    family(page).update(archived_at=now)
    for member in family(page).live().order_by("pk"):
        member.archived_at = now
        member.unpublish(log_action="services.archived")
    page.archived_at = now
