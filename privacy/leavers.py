"""Leavers and minimisation: the daily job's rules (docs/privacy.md, "Leavers and
minimisation"). `run(now)` applies them all and returns the counts per step; it is
idempotent (a second run on the same day does nothing more) and takes `now`, so tests
freeze time by passing it.

An account's last use is the latest of: its last sign-in (else when it was made), its API
tokens' last use (a service account of the frontend never signs in) and its reopening.

1. Warn: an open account unused for USERS_INACTIVE_WARN_DAYS gets one e-mail per period
   without use (through the outbox, keyed, so a rerun queues nothing twice).
2. Close: an open account unused for USERS_INACTIVE_DEACTIVATE_DAYS, warned at least
   (DEACTIVATE - WARN) days ago, is closed: its memberships end the way a main user's leaver
   step ends them (cms.members.deactivate_membership), so a main user can reopen it. An
   account that was never warned (the job did not run, or the rule is new) is warned first:
   nobody is closed without the warning's notice period.
3. Anonymise (privacy.subjects.anonymise_account), a closed account:
   - unused for USERS_INACTIVE_ANONYMISE_DAYS and closed at least (ANONYMISE - DEACTIVATE)
     days ago; or
   - closed because the person left (their last membership was ended by a main user) at
     least USERS_DEACTIVATED_ANONYMISE_DAYS ago.
   A closed account without a recorded closing date (closed before this app, or by hand) gets
   today's date, so every rule's full period is counted from a known day.

Superusers (the break-glass accounts) are warned but never closed or anonymised by the job.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Max, OuterRef, Subquery
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from wagtail.admin.utils import get_admin_base_url

from cms import outbox
from cms.members import deactivate_membership, user_language
from cms.models import ApiToken

from .models import AccountLifecycle, DeactivationReason
from .signals import reason_for_closing
from .subjects import anonymise_account


@dataclass(frozen=True)
class Periods:
    warn: dt.timedelta
    deactivate: dt.timedelta
    anonymise: dt.timedelta
    deactivated_anonymise: dt.timedelta

    @classmethod
    def from_settings(cls) -> Periods:
        return cls(
            warn=dt.timedelta(days=settings.USERS_INACTIVE_WARN_DAYS),
            deactivate=dt.timedelta(days=settings.USERS_INACTIVE_DEACTIVATE_DAYS),
            anonymise=dt.timedelta(days=settings.USERS_INACTIVE_ANONYMISE_DAYS),
            deactivated_anonymise=dt.timedelta(days=settings.USERS_DEACTIVATED_ANONYMISE_DAYS),
        )

    def errors(self) -> list[str]:
        """Settings that make no sense together (the command refuses to run with them)."""
        errors = []
        if not dt.timedelta(0) < self.warn < self.deactivate < self.anonymise:
            errors.append(
                "USERS_INACTIVE_WARN_DAYS < USERS_INACTIVE_DEACTIVATE_DAYS < "
                "USERS_INACTIVE_ANONYMISE_DAYS, all above 0"
            )
        if self.deactivated_anonymise <= dt.timedelta(0):
            errors.append("USERS_DEACTIVATED_ANONYMISE_DAYS above 0")
        return errors


STEPS = (
    "warned",
    "deactivated",
    "anonymised_unused",
    "anonymised_left",
    "superusers_kept",
    "closing_dates_recorded",
)


@dataclass
class Report:
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STEPS, 0))

    def add(self, step: str, n: int = 1) -> None:
        self.counts[step] += n

    def __str__(self) -> str:
        return ", ".join(f"{n} {step.replace('_', ' ')}" for step, n in self.counts.items())


def accounts():
    """Users with what the rules need: last token use and the lifecycle record."""
    User = get_user_model()
    token_use = (
        ApiToken.objects.filter(user=OuterRef("pk"))
        .values("user")
        .annotate(last=Max("last_used_at"))
        .values("last")
    )
    return (
        User.objects.annotate(last_token_use=Subquery(token_use))
        .select_related("privacy_lifecycle")
        .order_by("pk")
    )


def _lifecycle(user) -> AccountLifecycle | None:
    try:
        return user.privacy_lifecycle
    except AccountLifecycle.DoesNotExist:
        return None


def last_use(user) -> dt.datetime:
    lifecycle = _lifecycle(user)
    moments = [user.date_joined, user.last_login, getattr(user, "last_token_use", None)]
    if lifecycle is not None:
        moments.append(lifecycle.reactivated_at)
    return max(moment for moment in moments if moment is not None)


def run(now: dt.datetime | None = None, periods: Periods | None = None) -> Report:
    now = now or timezone.now()
    periods = periods or Periods.from_settings()
    report = Report()
    with outbox.batch():
        for user in accounts().filter(is_active=True):
            _open_account(user, now, periods, report)
        for user in accounts().filter(is_active=False):
            _closed_account(user, now, periods, report)
    return report


def _open_account(user, now, periods, report) -> None:
    idle = now - last_use(user)
    if idle < periods.warn:
        return
    lifecycle = _lifecycle(user)
    warned_at = lifecycle.inactivity_warned_at if lifecycle else None
    warned = warned_at is not None and warned_at > last_use(user)
    if not warned:
        warn(user, now, periods)
        report.add("warned")
        return
    if idle < periods.deactivate or now - warned_at < periods.deactivate - periods.warn:
        return
    if user.is_superuser:
        report.add("superusers_kept")
        return
    deactivate(user, now)
    report.add("deactivated")


def _closed_account(user, now, periods, report) -> None:
    lifecycle = _lifecycle(user)
    if lifecycle is not None and lifecycle.anonymised_at is not None:
        return
    if user.is_superuser:
        return
    if lifecycle is None or lifecycle.deactivated_at is None:
        lifecycle, _ = AccountLifecycle.objects.get_or_create(user=user)
        lifecycle.deactivated_at = now
        lifecycle.deactivation_reason = reason_for_closing(user)
        lifecycle.save(update_fields=["deactivated_at", "deactivation_reason"])
        report.add("closing_dates_recorded")
        return
    closed_for = now - lifecycle.deactivated_at
    if (
        lifecycle.deactivation_reason == DeactivationReason.LEFT
        and closed_for >= periods.deactivated_anonymise
    ):
        anonymise_account(user, now=now)
        report.add("anonymised_left")
    elif (
        now - last_use(user) >= periods.anonymise
        and closed_for >= periods.anonymise - periods.deactivate
    ):
        anonymise_account(user, now=now)
        report.add("anonymised_unused")


def closing_date(user, now, periods) -> dt.date:
    """The day the account will be closed if it is not used: the rule's day, and never
    sooner than the warning's notice period."""
    rule_day = last_use(user) + periods.deactivate
    notice_day = now + (periods.deactivate - periods.warn)
    return timezone.localtime(max(rule_day, notice_day)).date()


@transaction.atomic
def warn(user, now, periods) -> None:
    lifecycle, _ = AccountLifecycle.objects.get_or_create(user=user)
    lifecycle.inactivity_warned_at = now
    lifecycle.save(update_fields=["inactivity_warned_at"])
    if not user.email:
        return
    with translation.override(user_language(user)):
        context = {
            "user": user,
            "name": user.get_full_name() or user.get_username(),
            "date": formats.date_format(closing_date(user, now, periods), "SHORT_DATE_FORMAT"),
            "url": get_admin_base_url() + reverse("wagtailadmin_login"),
        }
        subject = render_to_string("privacy/emails/inactive_warning_subject.txt", context)
        body = render_to_string("privacy/emails/inactive_warning.txt", context)
    # One warning per period without use: the key names the last use it is about.
    key = f"privacy-inactive:{user.pk}:{last_use(user).isoformat()}"
    outbox.enqueue(user.email, subject.strip(), body, key=key)


@transaction.atomic
def deactivate(user, now) -> None:
    for membership in user.memberships.filter(is_active=True).select_related("user"):
        deactivate_membership(membership)
    user.refresh_from_db()
    if user.is_active:  # no membership closed it (an account without one)
        user.is_active = False
        user.save(update_fields=["is_active"])
    lifecycle, _ = AccountLifecycle.objects.get_or_create(user=user)
    lifecycle.deactivated_at = now
    lifecycle.deactivation_reason = DeactivationReason.INACTIVITY
    lifecycle.save(update_fields=["deactivated_at", "deactivation_reason"])
