"""Pipeline SLA (julkaisuputki) arithmetic, as plain functions.

A review waits from the moment the provider submits until the municipality
approves. Time spent back with the provider (after "request changes") does not
count: the waiting time is the sum of the municipal review task's states of one
workflow. Targets are 14 days for a service published before and 21 days for a
new service (or one marked as needing new instructions); days inside holiday
periods do not count towards the target, which moves the deadline later.
"""

import datetime as dt
import math
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

TARGET_PUBLISHED_BEFORE = 14
TARGET_NEW = 21


@dataclass(frozen=True)
class Interval:
    start: dt.datetime
    end: dt.datetime | None  # None: still open

    def duration(self, now: dt.datetime) -> dt.timedelta:
        return (self.end or now) - self.start


def target_days(*, published_before: bool, needs_new_instructions: bool = False) -> int:
    if published_before and not needs_new_instructions:
        return TARGET_PUBLISHED_BEFORE
    return TARGET_NEW


def waiting_time(intervals: Iterable[Interval], now: dt.datetime) -> dt.timedelta:
    """The time a review has waited for the municipality: its task states added up."""
    return sum((i.duration(now) for i in intervals), dt.timedelta())


def holiday_days(holidays: Iterable[tuple[dt.date, dt.date]]) -> set[dt.date]:
    days = set()
    for start, end in holidays:
        day = start
        while day <= end:
            days.add(day)
            day += dt.timedelta(days=1)
    return days


def deadline(
    start: dt.date, target: int, holidays: Iterable[tuple[dt.date, dt.date]] = ()
) -> dt.date:
    """The date by which a review started on `start` must be done.

    Counts `target` days after `start`, skipping days inside holiday periods
    (inclusive date ranges). With no holidays: start + target days.
    """
    skip = holiday_days(holidays)
    day, counted = start, 0
    while counted < target:
        day += dt.timedelta(days=1)
        if day not in skip:
            counted += 1
    return day


def extension_days(start: dt.date, target: int, holidays) -> int:
    """How many days holidays added to the target of a review started on `start`."""
    return (deadline(start, target, holidays) - start).days - target


def waited_days(waited: dt.timedelta) -> float:
    return waited.total_seconds() / 86400


def is_overdue(waited: dt.timedelta, target: int, extension: int = 0) -> bool:
    return waited > dt.timedelta(days=target + extension)


def percentile(values: Sequence[float], p: float) -> float | None:
    """The p-th percentile (0–100) with linear interpolation (as numpy's default)."""
    if not values:
        return None
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    rank = (len(ordered) - 1) * p / 100
    low, high = math.floor(rank), math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


@dataclass(frozen=True)
class ClosedReview:
    waited_days: float
    target_days: int  # holiday extension included


@dataclass(frozen=True)
class Summary:
    count: int
    median_days: float | None
    p90_days: float | None
    within_target_share: float | None  # 0..1


def summarise(reviews: Sequence[ClosedReview]) -> Summary:
    if not reviews:
        return Summary(0, None, None, None)
    days = [r.waited_days for r in reviews]
    within = sum(1 for r in reviews if r.waited_days <= r.target_days)
    return Summary(
        count=len(reviews),
        median_days=statistics.median(days),
        p90_days=percentile(days, 90),
        within_target_share=within / len(reviews),
    )
