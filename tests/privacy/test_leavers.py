"""Leavers and minimisation (privacy/leavers.py) with dated examples: the job gets `now`,
the accounts get their dates in the past. Default periods: warn 180, close 210, anonymise
365 days without use; a leaver closed by a main user anonymised 90 days after."""

import datetime as dt
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from cms.members import deactivate_membership, reactivate_membership
from cms.models import ApiToken, Membership, Organisation, OutgoingEmail
from cms.roles import Role
from privacy import leavers
from privacy.models import AccountLifecycle, DeactivationReason
from privacy.subjects import PSEUDONYM_PREFIX

pytestmark = pytest.mark.django_db
DAY = dt.timedelta(days=1)


@pytest.fixture
def now():
    return timezone.now().replace(microsecond=0)


@pytest.fixture(autouse=True)
def _baseline(now):
    """Whatever the demo world itself would trigger is done first, so each test's report
    counts only its own accounts."""
    leavers.run(now)


def make_user(name, *, idle_days, now, superuser=False, membership=True):
    User = get_user_model()
    user = User.objects.create(
        username=name,
        email=f"{name}@example.fi",
        first_name="Testi",
        last_name=name.title(),
        is_superuser=superuser,
    )
    User.objects.filter(pk=user.pk).update(
        date_joined=now - dt.timedelta(days=idle_days + 30),
        last_login=now - dt.timedelta(days=idle_days),
    )
    if membership:
        Membership.objects.create(
            user=user, organisation=Organisation.objects.get(slug="helsinki"), role=Role.EXPERT
        )
    user.refresh_from_db()
    return user


def lifecycle(user):
    return AccountLifecycle.objects.filter(user=user).first()


def warnings_to(user):
    return OutgoingEmail.objects.filter(recipient=user.email)


def test_not_warned_before_the_warning_period(now):
    user = make_user("tuore", idle_days=179, now=now)
    report = leavers.run(now)
    assert report.counts["warned"] == 0
    assert lifecycle(user) is None and not warnings_to(user).exists()


def test_warned_once_at_180_days_through_the_outbox(now):
    user = make_user("hiljainen", idle_days=180, now=now)
    report = leavers.run(now)
    assert report.counts["warned"] == 1
    mail = warnings_to(user).get()
    assert "closed" in mail.subject or "suljetaan" in mail.subject
    closing = timezone.localtime(user.last_login + 210 * DAY).date()
    assert closing.strftime("%-d.%-m.%Y") in mail.body or closing.isoformat() in mail.body
    assert lifecycle(user).inactivity_warned_at == now
    again = leavers.run(now + DAY)
    assert again.counts["warned"] == 0 and warnings_to(user).count() == 1
    user.refresh_from_db()
    assert user.is_active


def test_closed_at_210_days_when_warned_30_days_before(now):
    user = make_user("lahtija", idle_days=180, now=now)
    leavers.run(now)
    assert leavers.run(now + 29 * DAY).counts["deactivated"] == 0
    user.refresh_from_db()
    assert user.is_active
    report = leavers.run(now + 30 * DAY)
    assert report.counts["deactivated"] == 1
    user.refresh_from_db()
    assert not user.is_active
    membership = user.memberships.get()
    assert not membership.is_active and membership.closed_account, "a main user can reopen it"
    record = lifecycle(user)
    assert record.deactivation_reason == DeactivationReason.INACTIVITY
    assert record.deactivated_at == now + 30 * DAY


def test_never_closed_without_the_warnings_notice_period(now):
    user = make_user("unohtunut", idle_days=300, now=now)
    report = leavers.run(now)
    assert report.counts == {**report.counts, "warned": 1, "deactivated": 0}
    body = warnings_to(user).get().body
    assert timezone.localtime(now + 30 * DAY).strftime("%-d.%-m.%Y") in body
    assert leavers.run(now + 29 * DAY).counts["deactivated"] == 0
    assert leavers.run(now + 30 * DAY).counts["deactivated"] == 1


def test_anonymised_after_365_days_without_use(now):
    user = make_user("vanha", idle_days=364, now=now)
    user.is_active = False
    user.save(update_fields=["is_active"])  # the signal records the closing
    AccountLifecycle.objects.filter(user=user).update(
        deactivated_at=now - 154 * DAY, deactivation_reason=DeactivationReason.INACTIVITY
    )
    assert leavers.run(now).counts["anonymised_unused"] == 0
    report = leavers.run(now + DAY)
    assert report.counts["anonymised_unused"] == 1
    user.refresh_from_db()
    assert user.username.startswith(PSEUDONYM_PREFIX) and user.email == ""
    assert user.first_name == "" and user.last_name == ""


def test_a_leaver_closed_by_a_main_user_is_anonymised_90_days_later(now):
    user = make_user("pois", idle_days=1, now=now)
    deactivate_membership(user.memberships.get())
    user.refresh_from_db()
    record = lifecycle(user)
    assert not user.is_active
    assert record.deactivation_reason == DeactivationReason.LEFT
    closed = record.deactivated_at
    assert abs(closed - timezone.now()) < dt.timedelta(minutes=5)
    assert leavers.run(closed + 89 * DAY).counts["anonymised_left"] == 0
    assert leavers.run(closed + 90 * DAY).counts["anonymised_left"] == 1
    user.refresh_from_db()
    assert user.username.startswith(PSEUDONYM_PREFIX)
    # Twice: nothing more.
    again = leavers.run(closed + 91 * DAY)
    assert again.counts["anonymised_left"] == 0
    pseudonym = user.username
    user.refresh_from_db()
    assert user.username == pseudonym


def test_reopening_counts_as_use(now):
    user = make_user("palaaja", idle_days=300, now=now)
    membership = user.memberships.get()
    deactivate_membership(membership)
    assert reactivate_membership(membership)
    user.refresh_from_db()
    record = lifecycle(user)
    assert user.is_active and record.deactivated_at is None and record.reactivated_at
    report = leavers.run(now)
    assert report.counts["warned"] == 0 and not warnings_to(user).exists()


def test_api_token_use_counts_as_use(now):
    user = make_user("palvelutili", idle_days=400, now=now, membership=True)
    token, _key = ApiToken.issue(user, "frontend")
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now - 2 * DAY)
    assert leavers.run(now).counts["warned"] == 0


def test_superusers_are_warned_but_never_closed_or_anonymised(now):
    user = make_user("paakayttaja", idle_days=400, now=now, superuser=True, membership=False)
    assert leavers.run(now).counts["warned"] == 1
    report = leavers.run(now + 31 * DAY)
    assert report.counts["deactivated"] == 0 and report.counts["superusers_kept"] == 1
    user.refresh_from_db()
    assert user.is_active and user.username == "paakayttaja"
    # Closed by hand, still never anonymised by the job.
    user.is_active = False
    user.save()
    leavers.run(now + 400 * DAY)
    user.refresh_from_db()
    assert user.username == "paakayttaja"


def test_a_closed_account_without_a_date_gets_one_and_waits_the_full_period(now):
    user = make_user("suljettu", idle_days=500, now=now)
    get_user_model().objects.filter(pk=user.pk).update(is_active=False)  # no signal
    report = leavers.run(now)
    assert report.counts["closing_dates_recorded"] == 1
    assert lifecycle(user).deactivated_at == now
    assert leavers.run(now + 154 * DAY).counts["anonymised_unused"] == 0
    assert leavers.run(now + 155 * DAY).counts["anonymised_unused"] == 1


def test_a_second_run_does_nothing(now):
    make_user("a", idle_days=181, now=now)
    make_user("b", idle_days=400, now=now)
    first = leavers.run(now)
    assert first.counts["warned"] == 2
    second = leavers.run(now)
    assert all(n == 0 for n in second.counts.values()), second.counts


def test_the_daily_command_reports_each_step(now, settings):
    make_user("komento", idle_days=200, now=now)
    out = io.StringIO()
    call_command("privacy_leavers", stdout=out)
    line = out.getvalue().strip().splitlines()[-1]
    assert line.startswith("Leavers: 1 warned, 0 deactivated, 0 anonymised unused,")
    for step in leavers.STEPS:
        assert step.replace("_", " ") in line


def test_the_command_refuses_settings_out_of_order(settings):
    from django.core.management.base import CommandError

    settings.USERS_INACTIVE_DEACTIVATE_DAYS = 100  # before the warning (180)
    with pytest.raises(CommandError, match="USERS_INACTIVE_WARN_DAYS <"):
        call_command("privacy_leavers", stdout=io.StringIO())


def test_the_job_runs_in_the_daily_schedule():
    from cms.jobs import SCHEDULES

    jobs = {job.name: job for job in SCHEDULES["daily"].jobs}
    assert jobs["leavers"].command == "privacy_leavers"
    names = [job.name for job in SCHEDULES["daily"].jobs]
    assert names.index("leavers") < names.index("outbox"), "its warnings go out the same night"
