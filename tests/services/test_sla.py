"""Pipeline SLA arithmetic, table-driven with fixed dates."""

import datetime as dt

import pytest

from services import sla

D = dt.date
UTC = dt.UTC


def T(day, hour=9):
    return dt.datetime(2026, 3, day, hour, tzinfo=UTC)


@pytest.mark.parametrize(
    "published_before,new_instructions,expected",
    [(True, False, 14), (False, False, 21), (True, True, 21), (False, True, 21)],
)
def test_target_days(published_before, new_instructions, expected):
    assert (
        sla.target_days(published_before=published_before, needs_new_instructions=new_instructions)
        == expected
    )


@pytest.mark.parametrize(
    "start,target,holidays,expected",
    [
        (D(2026, 3, 2), 14, [], D(2026, 3, 16)),
        (D(2026, 3, 2), 21, [], D(2026, 3, 23)),
        # A week of holiday inside the window moves the deadline by a week.
        (D(2026, 3, 2), 14, [(D(2026, 3, 9), D(2026, 3, 15))], D(2026, 3, 23)),
        # Holiday entirely after the deadline changes nothing.
        (D(2026, 3, 2), 14, [(D(2026, 4, 1), D(2026, 4, 30))], D(2026, 3, 16)),
        # Holiday starting on the deadline day pushes it across the holiday.
        (D(2026, 3, 2), 14, [(D(2026, 3, 16), D(2026, 3, 17))], D(2026, 3, 18)),
        # Midsummer to end of July (Finnish summer holidays), review started 20.6.
        (D(2026, 6, 20), 14, [(D(2026, 6, 22), D(2026, 7, 31))], D(2026, 8, 13)),
        # Overlapping holiday periods count each day once.
        (
            D(2026, 3, 2),
            14,
            [(D(2026, 3, 5), D(2026, 3, 8)), (D(2026, 3, 7), D(2026, 3, 10))],
            D(2026, 3, 22),
        ),
        # Across a month end and the turn of a year.
        (D(2026, 12, 20), 14, [(D(2026, 12, 24), D(2026, 12, 26))], D(2027, 1, 6)),
    ],
)
def test_deadline(start, target, holidays, expected):
    assert sla.deadline(start, target, holidays) == expected
    assert sla.extension_days(start, target, holidays) == (expected - start).days - target


def test_waiting_time_adds_task_states_and_skips_time_with_the_provider():
    # Submitted 2.3, sent back 5.3 (3 days), resubmitted 10.3, approved 12.3 (2 days).
    states = [sla.Interval(T(2), T(5)), sla.Interval(T(10), T(12))]
    assert sla.waiting_time(states, now=T(30)) == dt.timedelta(days=5)


def test_waiting_time_of_an_open_review_runs_until_now():
    states = [sla.Interval(T(2), T(5)), sla.Interval(T(10), None)]
    assert sla.waiting_time(states, now=T(20)) == dt.timedelta(days=13)


@pytest.mark.parametrize(
    "waited_days,target,extension,overdue",
    [
        (14, 14, 0, False),
        (14.01, 14, 0, True),
        (20, 14, 7, False),
        (21.5, 14, 7, True),
        (0, 21, 0, False),
    ],
)
def test_overdue(waited_days, target, extension, overdue):
    assert sla.is_overdue(dt.timedelta(days=waited_days), target, extension) is overdue


@pytest.mark.parametrize(
    "values,p,expected",
    [
        ([], 90, None),
        ([5], 90, 5),
        ([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90, 9.1),
        ([1, 2, 3, 4], 50, 2.5),
    ],
)
def test_percentile(values, p, expected):
    result = sla.percentile(values, p)
    assert result == pytest.approx(expected) if expected is not None else result is None


def test_summary():
    reviews = [sla.ClosedReview(d, 14) for d in (3, 7, 10, 15, 30)]
    summary = sla.summarise(reviews)
    assert summary.count == 5
    assert summary.median_days == 10
    assert summary.p90_days == pytest.approx(24.0)
    assert summary.within_target_share == pytest.approx(0.6)
    assert sla.summarise([]).count == 0
