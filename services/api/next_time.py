"""`Service.nextTime`: when and where a service is next held, for a list's card.

Computed on the server from the service's time and place (`timeAndPlace`, five modes) at
the moment of the request, in the site's time zone (settings.TIME_ZONE), so a frontend
needs neither the whole schedule nor a calendar of its own to show "next: Tue 14.1. at
9–12, Street 1, Espoo". It reads the same stored stream as `timeAndPlace` (the column is
read with the list's rows and the locations' references once per list: no query per row).

- `continuous` and `period`/`periods` with weekly times: the next day (today included
  while today's time has not ended) that has a weekly time, inside a period;
- `period`/`periods` without weekly times: the running period (`date` today, `until` its
  end) or the next one to start;
- `dates`: the next date (today's while it has not ended);
- `agreed`, and `continuous` without weekly times: no date, only the place (`date` null);
- nothing upcoming (every date past): no value of that block.

Of several blocks the earliest date wins; a block without a date only when no block has
one. `null` when the service has no time and place, or all of it is past.
"""

import datetime as dt

import graphene
from django.utils import timezone

from .blocks import Location

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# How far ahead a weekly schedule is searched for its next day (a period may start later).
HORIZON_DAYS = 366 * 2


class NextTime(graphene.ObjectType):
    """When and where the service is next held (`Service.nextTime`), computed on the server
    from `timeAndPlace` at request time (the site's time zone, Europe/Helsinki)."""

    mode = graphene.String(
        required=True,
        description="The time and place it comes from: continuous, period, "
        "periods, dates or agreed.",
    )
    date = graphene.Date(
        description="The next day it is held (today or later); null when the time is agreed "
        "separately or a continuous service has no weekly times."
    )
    start = graphene.String(description="HH:MM, when known.")
    end = graphene.String(description="HH:MM, when known.")
    until = graphene.Date(
        description="The last day of the period `date` falls in (period, periods)."
    )
    location = graphene.Field(Location, description="The first place of that time and place.")


def _minutes(hhmm):
    if not hhmm:
        return None
    hours, _, minutes = hhmm.partition(":")
    return int(hours) * 60 + int(minutes or 0)


def _not_over(day, end, today, now_minutes):
    """Whether a time on `day` ending at `end` (HH:MM or None) has not yet ended."""
    if day > today:
        return True
    if day < today:
        return False
    end_minutes = _minutes(end)
    return end_minutes is None or end_minutes > now_minutes


def _next_weekly(weekly_times, first, last, today, now_minutes):
    """(day, weekly time) of the first weekly time on a day in [first, last], not over."""
    by_weekday = {}
    for w in weekly_times:
        if w.weekday in WEEKDAYS:
            by_weekday.setdefault(WEEKDAYS.index(w.weekday), []).append(w)
    if not by_weekday:
        return None
    day = max(first, today)
    last = min(last, today + dt.timedelta(days=HORIZON_DAYS))
    while day <= last:
        for w in sorted(by_weekday.get(day.weekday(), ()), key=lambda w: w.start or ""):
            if _not_over(day, w.end, today, now_minutes):
                return day, w
        day += dt.timedelta(days=1)
    return None


def _of_block(block, today, now_minutes):
    """The next time of one time-and-place block (a `TimeAndPlace`), or None."""
    location = block.locations[0] if block.locations else None

    def at(day, start=None, end=None, until=None):
        return NextTime(
            mode=block.mode, date=day, start=start, end=end, until=until, location=location
        )

    if block.mode == "dates":
        upcoming = [
            d for d in block.dates if d.date and _not_over(d.date, d.end, today, now_minutes)
        ]
        if not upcoming:
            return None
        first = min(upcoming, key=lambda d: (d.date, d.start or ""))
        return at(first.date, first.start, first.end)
    if block.mode in ("period", "periods"):
        for period in sorted(
            (p for p in block.periods if p.start_date and p.end_date), key=lambda p: p.start_date
        ):
            if period.end_date < today:
                continue
            if block.weekly_times:
                found = _next_weekly(
                    block.weekly_times, period.start_date, period.end_date, today, now_minutes
                )
                if found:
                    day, w = found
                    return at(day, w.start, w.end, period.end_date)
                continue
            return at(max(period.start_date, today), until=period.end_date)
        return None
    if block.mode == "continuous" and block.weekly_times:
        found = _next_weekly(block.weekly_times, today, dt.date.max, today, now_minutes)
        if found:
            day, w = found
            return at(day, w.start, w.end)
        return None
    # agreed separately, or continuous without weekly times: the place only
    return at(None)


def next_time(blocks, now=None):
    """The next time (`NextTime`) of a service's time-and-place blocks at `now` (aware;
    default: the current time), or None."""
    now = timezone.localtime(now)
    today, now_minutes = now.date(), now.hour * 60 + now.minute
    found = [n for n in (_of_block(b, today, now_minutes) for b in blocks) if n is not None]
    if not found:
        return None
    return min(found, key=lambda n: (n.date is None, n.date or dt.date.max, n.start or ""))
