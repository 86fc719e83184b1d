"""The policies part of `seed_demo`: a year of meetings with a few absences, a decided and
an escalated policy, content cases, so that `sanctions_report` prints a few sanctions."""

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.utils import timezone

from policies import rules
from policies.demo import build_policy_demo, meeting_schedule
from policies.models import (
    Attendance,
    ContentCase,
    Decision,
    Meeting,
    PolicyIndexPage,
    PolicyPage,
)
from policies.sanctions import sanctions
from services.demo.builder import DemoReport

pytestmark = pytest.mark.django_db


def build(anchor):
    report = DemoReport()
    build_policy_demo(SimpleNamespace(anchor=anchor, report=report))
    return report


def test_the_schedule_of_a_year():
    schedule = meeting_schedule(2026)
    by_body = {}
    for date, body, _n in schedule:
        by_body.setdefault(body, []).append(date)
    wg, ws, sg = by_body["working_group"], by_body["workshop"], by_body["steering_group"]
    assert all(d.weekday() == 2 for d in wg) and all(d.weekday() == 0 for d in ws)
    # Every 4th week, except that no meeting is held in a holiday season (none in July).
    assert all((b - a).days % 28 == 0 for a, b in zip(wg, wg[1:], strict=False))
    assert all((b - a).days % 28 == 0 for a, b in zip(ws, ws[1:], strict=False))
    assert not [d for d, _b, _n in schedule if rules.holiday_season(d) is not None]
    assert not [d for d, _b, _n in schedule if d.month == 7]
    assert dt.date(2026, 7, 1) - dt.timedelta(weeks=4) in wg  # the cadence skipped 1.7. and 29.7.
    assert wg[wg.index(dt.date(2026, 6, 3)) + 1] == dt.date(2026, 8, 26)
    assert [(d.month - 1) // 3 for d in sg] == [0, 1, 2, 3]  # one in each quarter
    assert (len(wg), len(ws)) == (11, 12) and all(d.year == 2026 for d, _b, _n in schedule)


def test_the_demo_year_gives_a_few_sanctions(no_monitoring):
    anchor = dt.datetime(2026, 12, 10, 12, tzinfo=dt.UTC)
    report = build(anchor)
    assert report.created["meetings"] == 27
    # Attendance only for meetings held by the anchor day, every partner at each.
    held = Meeting.objects.filter(date__lte=dt.date(2026, 12, 10))
    assert Attendance.objects.count() == held.count() * 5
    assert not Attendance.objects.filter(meeting__date__gt=dt.date(2026, 12, 10)).exists()
    found = [(s.partner.slug, s.kind, s.subject, s.period, s.amount) for s in sanctions(2026)]
    case = ContentCase.objects.exclude(third_notice_on=None).get()
    assert sorted(found) == sorted(
        [
            ("kerava", "attendance", "Steering group", "7–12/2026", Decimal(500)),
            ("raasepori", "attendance", "Working group", "7–12/2026", Decimal(500)),
            ("vantaa", "attendance", "Workshop", "1–6/2026", Decimal(500)),
            (case.organisation.slug, "content", case.service.title, "7–12/2026", Decimal(1000)),
        ]
    )
    # The agreement's own example: Kerava absent from the Q1 and Q3 steering group meetings.
    kerava = Attendance.objects.filter(
        organisation__slug="kerava", meeting__body="steering_group", status="absent"
    )
    assert [(a.meeting.date.month - 1) // 3 + 1 for a in kerava.order_by("meeting__date")] == [1, 3]
    # The open case proposes its 2nd notice, moved by the 10-day legal review.
    open_case = ContentCase.objects.get(third_notice_on=None)
    step = open_case.next_step
    first = open_case.first_notice_on
    assert step.step == rules.SECOND_NOTICE
    assert step.due == rules.add_months(first, 1) + dt.timedelta(days=10)


def test_decided_and_escalated_policies():
    decisions = {d.title: d for d in Decision.objects.all()}
    outcomes = sorted(d.outcome for d in decisions.values())
    assert outcomes == ["steering_group", "working_group"]
    policies = PolicyPage.objects.filter(locale__language_code="fi")
    assert {p.decided_by for p in policies if p.decision_id} == {"working_group", "steering_group"}
    superseded = policies.get(status="superseded")
    assert superseded.superseded_by.decision.outcome == "steering_group"
    assert set(PolicyIndexPage.objects.values_list("locale__language_code", flat=True)) == {
        "fi",
        "sv",
        "en",
    }
    for page in policies.exclude(status="superseded"):
        assert {t.locale.language_code for t in page.get_translations(inclusive=True)} == {
            "fi",
            "sv",
            "en",
        }
        assert all(t.live for t in page.get_translations())


def test_the_demo_is_idempotent():
    counts = (Meeting.objects.count(), Attendance.objects.count(), PolicyPage.objects.count())
    assert build(timezone.now()).created == {}
    assert (
        Meeting.objects.count(),
        Attendance.objects.count(),
        PolicyPage.objects.count(),
    ) == counts
