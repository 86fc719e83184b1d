"""Freshness rules: the sequential reminders, outdated, archived (services.freshness)."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry

from services import freshness
from services.buttons import still_accurate_button
from services.models import Lifecycle, SentNotification, ServicePage

pytestmark = pytest.mark.django_db
# 12:00 in Helsinki.
NOW = dt.datetime(2026, 6, 1, 9, tzinfo=dt.UTC)


def ago(days, **kwargs):
    return NOW - dt.timedelta(days=days, **kwargs)


# --- the rule, with fixed dates -------------------------------------------------------------------
@pytest.mark.parametrize(
    "age,sent,outdated,in_review,expected",
    [
        # The nominal schedule of a daily run: 120, 135, 150 days, outdated at 165.
        (10, [], None, False, None),
        (119, [], None, False, None),
        (120, [], None, False, ("reminder", 1)),
        (134, [14], None, False, None),
        (135, [15], None, False, ("reminder", 2)),
        (149, [29, 14], None, False, None),
        (150, [30, 15], None, False, ("reminder", 3)),
        (164, [44, 29, 14], None, False, None),
        (165, [45, 30, 15], None, False, ("outdated", 0)),
        # Found long overdue: reminder 1 only, then the others 15 days apart.
        (134, [], None, False, ("reminder", 1)),
        (135, [], None, False, ("reminder", 1)),
        (400, [], None, False, ("reminder", 1)),
        (400, [0], None, False, None),
        (400, [14], None, False, None),
        (400, [15], None, False, ("reminder", 2)),
        (400, [29, 14], None, False, None),
        (400, [30, 15], None, False, ("reminder", 3)),
        # Outdated 15 days after reminder 3 was sent, not by age alone.
        (400, [28, 14, 0], None, False, None),
        (400, [42, 28, 14], None, False, None),
        (400, [45, 30, 15], None, False, ("outdated", 0)),
        (400, [90, 75, 60], None, False, ("outdated", 0)),
        # Archived 60 days after it became outdated.
        (400, [90, 75, 60], 59, False, None),
        (400, [90, 75, 60], 60, False, ("archive", 0)),
        (400, [], 60, False, ("archive", 0)),
        # Nothing while a review is open.
        (130, [], None, True, None),
        (400, [45, 30, 15], None, True, None),
        (400, [120, 105, 90], 75, True, None),
        # An outdated flag from before the period started (published since) does not count.
        (10, [], 100, False, None),
        (120, [], 200, False, ("reminder", 1)),
    ],
)
def test_due_step(age, sent, outdated, in_review, expected):
    step = freshness.due_step(
        ago(age),
        ago(outdated) if outdated is not None else None,
        NOW,
        [ago(days) for days in sent],
        in_review=in_review,
    )
    assert (step.kind, step.number) == expected if expected else step is None


def test_days_are_calendar_days():
    """Days are calendar days in the site's time zone: a reminder sent a few seconds
    after a daily run's hour does not slip a day, and 23:59 to 00:01 is a day."""
    sent = ago(15) + dt.timedelta(seconds=5)
    assert freshness.due_step(ago(200), None, NOW, [sent]) == freshness.FreshnessStep("reminder", 2)

    def local(*args):
        return timezone.make_aware(dt.datetime(*args))

    fresh_since = local(2026, 2, 1, 23, 59)
    assert freshness.due_step(fresh_since, None, local(2026, 5, 31, 23, 59)) is None  # day 119
    assert freshness.due_step(fresh_since, None, local(2026, 6, 1, 0, 1)) == (
        freshness.FreshnessStep("reminder", 1)
    )


def test_period_stamp_is_utc():
    local = timezone.localtime(NOW)
    assert freshness.period_stamp(local) == freshness.period_stamp(NOW) == "20260601090000"


# --- the daily command, day by day -------------------------------------------------------------
START = dt.datetime(2026, 6, 1, 3, tzinfo=dt.UTC)  # 06:00 in Helsinki


@pytest.fixture
def clock(monkeypatch):
    """Django's clock (the command's now, `sent_at`, log times) set by the test."""

    class Clock:
        now = START

        def set(self, value):
            self.now = value

    fake = Clock()
    monkeypatch.setattr(timezone, "now", lambda: fake.now)
    return fake


@pytest.fixture
def service(services):
    return services("helsinki")


def isolate(service, fresh_since):
    """`service` fresh since `fresh_since`; every other live service in the far future."""
    ServicePage.objects.live().exclude(pk=service.pk).update(
        last_published_at=START + dt.timedelta(days=10_000), verified_at=None, outdated_at=None
    )
    ServicePage.objects.filter(pk=service.pk).update(
        last_published_at=fresh_since, verified_at=None, outdated_at=None
    )
    service.refresh_from_db()


def run():
    """Run the daily command; its counts, e.g. {"freshness reminders": 1, "outdated": 0, …}."""
    out = StringIO()
    call_command("pipeline_reminders", stdout=out)
    line = out.getvalue().strip().splitlines()[-1]
    return {what: int(n) for n, what in (part.split(" ", 1) for part in line.split(", "))}


FRESHNESS = ("freshness reminders", "outdated", "archived")


def timeline(clock, days):
    """Run the command twice a day (at 06:00–06:02, in turn) on `days` after START;
    {day: what happened}. The second run of a day must do nothing."""
    events = {}
    for day in days:
        clock.set(START + dt.timedelta(days=day, minutes=day % 3))
        first, second = run(), run()
        assert not any(second[k] for k in FRESHNESS), f"day {day}: the second run did {second}"
        happened = tuple(k for k in FRESHNESS if first[k])
        if happened:
            events[day] = happened
    return events


def reminder_days(service, fresh_since):
    return [
        (timezone.localtime(sent).date() - timezone.localtime(START).date()).days
        for sent in freshness.reminders_for(service, fresh_since)
    ]


def test_daily_runs_remind_at_120_135_150_outdate_at_165_archive_60_days_later(
    clock, service, mailoutbox
):
    fresh_since = START - dt.timedelta(days=100, hours=-5)  # 11:00, 100 days before day 0
    isolate(service, fresh_since)
    events = timeline(clock, range(0, 131))
    reminder, outdated, archived = (("freshness reminders",), ("outdated",), ("archived",))
    assert events == {20: reminder, 35: reminder, 50: reminder, 65: outdated, 125: archived}
    assert reminder_days(service, fresh_since) == [20, 35, 50]
    pair = sorted([service.provider_updater.email, service.municipal_responsible.email])
    assert len(mailoutbox) == 5 * 2, "three reminders, outdated, archived: to each of the pair"
    assert sorted(m.to[0] for m in mailoutbox[:2]) == pair
    service.refresh_from_db()
    assert not service.live and service.lifecycle == Lifecycle.ARCHIVED
    assert timezone.localtime(service.outdated_at).date() == (START + dt.timedelta(days=65)).date()


def test_long_overdue_service_gets_reminder_1_first_then_the_others(clock, service, mailoutbox):
    fresh_since = START - dt.timedelta(days=400)
    isolate(service, fresh_since)
    assert timeline(clock, [0]) == {0: ("freshness reminders",)}
    assert reminder_days(service, fresh_since) == [0]
    service.refresh_from_db()
    assert service.outdated_at is None, "not outdated by age alone"
    assert len(mailoutbox) == 2, "one reminder to each half of the pair"
    assert "1" in mailoutbox[0].body

    events = timeline(clock, range(1, 110))
    reminder = ("freshness reminders",)
    assert events == {15: reminder, 30: reminder, 45: ("outdated",), 105: ("archived",)}
    assert reminder_days(service, fresh_since) == [0, 15, 30]


def test_outdated_only_15_days_after_reminder_3(clock, service):
    fresh_since = START - dt.timedelta(days=300)
    isolate(service, fresh_since)
    assert timeline(clock, range(0, 45)) == {
        0: ("freshness reminders",),
        15: ("freshness reminders",),
        30: ("freshness reminders",),
    }
    service.refresh_from_db()
    assert service.outdated_at is None and service.lifecycle == Lifecycle.PUBLISHED
    assert timeline(clock, [45]) == {45: ("outdated",)}
    service.refresh_from_db()
    assert service.live and service.lifecycle == Lifecycle.OUTDATED


def test_unreachable_pair_still_runs_its_course(clock, service, mailoutbox):
    """Reminders are recorded even when nobody can be e-mailed: such a service, too,
    becomes outdated."""
    fresh_since = START - dt.timedelta(days=300)
    isolate(service, fresh_since)
    ServicePage.objects.filter(pk=service.pk).update(
        provider_updater=None, municipal_responsible=None
    )
    timeline(clock, range(0, 46))
    service.refresh_from_db()
    assert service.outdated_at is not None and not mailoutbox
    assert reminder_days(service, fresh_since) == [0, 15, 30]


def test_nothing_happens_while_in_review(clock, service, user, mailoutbox):
    fresh_since = START - dt.timedelta(days=300)
    isolate(service, fresh_since)
    editor = user(f"{service.provider.slug}-editor")
    state = service.get_workflow().start(service, editor)
    mailoutbox.clear()
    assert timeline(clock, range(0, 100)) == {}
    assert not SentNotification.objects.filter(key__startswith=f"freshness:{service.pk}:").exists()
    # What was e-mailed is about the review only (due, then late).
    assert len(mailoutbox) == SentNotification.objects.filter(key__startswith="sla-").count()

    # The review ends without a publication: the sequence starts where it stood.
    state.cancel(user=editor)
    assert timeline(clock, [100, 115]) == {
        100: ("freshness reminders",),
        115: ("freshness reminders",),
    }


def test_outdated_service_in_review_is_not_archived(clock, service, user):
    isolate(service, START - dt.timedelta(days=300))
    ServicePage.objects.filter(pk=service.pk).update(outdated_at=START - dt.timedelta(days=61))
    state = service.get_workflow().start(service, user(f"{service.provider.slug}-editor"))
    assert timeline(clock, [0, 1]) == {}
    service.refresh_from_db()
    assert service.live and service.lifecycle == Lifecycle.IN_REVIEW
    state.cancel(user=user("helsinki-producer"))
    assert timeline(clock, [2]) == {2: ("archived",)}


def test_still_accurate_starts_a_new_period(clock, service, user, mailoutbox):
    fresh_since = START - dt.timedelta(days=300)
    isolate(service, fresh_since)
    timeline(clock, range(0, 46))
    service.refresh_from_db()
    assert service.lifecycle == Lifecycle.OUTDATED

    clock.set(START + dt.timedelta(days=50))
    freshness.confirm_accurate(service, user("helsinki-producer"))
    service.refresh_from_db()
    assert service.outdated_at is None and service.lifecycle == Lifecycle.PUBLISHED
    assert service.freshness_date == clock.now
    mailoutbox.clear()
    # The old period's reminders do not count: 120 days of quiet, then reminder 1 again.
    assert timeline(clock, range(51, 171)) == {170: ("freshness reminders",)}
    assert len(mailoutbox) == 2
    assert reminder_days(service, service.freshness_date) == [170]


def test_a_new_publication_clears_an_old_outdated_flag(clock, service):
    isolate(service, START - dt.timedelta(days=2))
    ServicePage.objects.filter(pk=service.pk).update(outdated_at=START - dt.timedelta(days=70))
    assert timeline(clock, [0]) == {}
    service.refresh_from_db()
    assert service.live and service.outdated_at is None


def test_command_twice_sends_nothing_twice(clock, service, mailoutbox):
    isolate(service, START - dt.timedelta(days=121))
    run()
    sent, rows = len(mailoutbox), SentNotification.objects.count()
    assert sent == 2
    for _ in range(3):
        assert not any(run()[k] for k in FRESHNESS)
    assert (len(mailoutbox), SentNotification.objects.count()) == (sent, rows)


# --- the demo world -----------------------------------------------------------------------------
def test_demo_world_first_run_outdates_only_a_few():
    """The test world is built like `seed_demo`: its first daily run must not flag the
    catalogue outdated (only the few services the demo made outdated are)."""
    live = ServicePage.objects.live()
    total = live.count()
    outdated_before = set(live.filter(outdated_at__isnull=False).values_list("pk", flat=True))
    assert 1 <= len(outdated_before) <= 0.1 * total
    first = run()
    assert first["archived"] == 0
    outdated = live.filter(outdated_at__isnull=False).count()
    assert outdated <= 0.1 * total
    assert first["freshness reminders"] <= 0.1 * total
    assert not any(run()[k] for k in FRESHNESS)


def test_demo_outdated_services_had_their_three_reminders():
    for page in ServicePage.objects.live().filter(outdated_at__isnull=False):
        sent = freshness.reminders_for(page, page.freshness_date)
        assert len(sent) == 3
        days = [timezone.localtime(t).date() for t in [page.freshness_date, *sent]]
        assert [(b - a).days for a, b in zip(days, days[1:], strict=False)] == [120, 15, 15]
        gap = timezone.localtime(page.outdated_at).date() - days[-1]
        assert gap.days == freshness.OUTDATED_AFTER_LAST_REMINDER_DAYS
        rows = SentNotification.objects.filter(
            key__startswith=freshness.step_key(page.pk, page.freshness_date, "reminder", 3)
        )
        assert {r.recipient for r in rows} >= {
            page.provider_updater.email,
            page.municipal_responsible.email,
        }


# --- translations follow their source ------------------------------------------------------------
def test_translations_follow_the_source_and_get_no_reminders_of_their_own(
    clock, sv_pair, mailoutbox
):
    fi, sv = sv_pair
    fresh_since = START - dt.timedelta(days=100, hours=-5)
    isolate(fi, fresh_since)
    # The translation was published long ago: on its own it would be reminded at once.
    ServicePage.objects.filter(pk=sv.pk).update(last_published_at=START - dt.timedelta(days=400))
    events = timeline(clock, range(0, 131))
    reminder = ("freshness reminders",)
    assert events == {
        20: reminder,
        35: reminder,
        50: reminder,
        65: ("outdated",),
        125: ("archived",),
    }
    assert freshness.sent_reminders([sv.pk]) == {}
    assert len(mailoutbox) == 5 * 2  # one sequence for the service, not one per language
    sv.refresh_from_db()
    fi.refresh_from_db()
    # Archived together: no Swedish version stays public after its source is withdrawn.
    assert not fi.live and not sv.live
    assert sv.lifecycle == Lifecycle.ARCHIVED and sv.outdated_at == fi.outdated_at
    assert PageLogEntry.objects.filter(page=sv, action="services.archived").exists()


def test_outdated_and_still_accurate_apply_to_every_language(clock, sv_pair, user):
    fi, sv = sv_pair
    isolate(fi, START - dt.timedelta(days=300))
    timeline(clock, range(0, 46))
    sv.refresh_from_db()
    assert sv.outdated_at is not None and sv.lifecycle == Lifecycle.OUTDATED
    freshness.confirm_accurate(fi, user("raasepori-producer"))
    sv.refresh_from_db()
    assert sv.outdated_at is None and sv.verified_at == clock.now
    assert sv.lifecycle == Lifecycle.PUBLISHED


def test_a_translator_cannot_confirm_the_service(sv_pair, login, user):
    """Still accurate belongs to the update pair, on the Finnish service: not on a Swedish
    version by a translator (who cannot edit the Finnish one)."""
    fi, sv = sv_pair
    ServicePage.objects.filter(translation_key=fi.translation_key).update(
        verified_at=None, verified_by=None
    )
    client = login("raasepori-translator")
    response = client.post(reverse("services_confirm_accurate", args=[sv.pk]))
    assert response.status_code in (302, 403)  # Wagtail turns a refusal into a redirect
    assert not ServicePage.objects.filter(
        translation_key=fi.translation_key, verified_at__isnull=False
    ).exists()
    # The button is not offered on the translation, and is on the source for its pair.
    header = list(still_accurate_button(sv, user("raasepori-translator")))
    assert header == []
    assert list(still_accurate_button(fi, fi.municipal_responsible))
