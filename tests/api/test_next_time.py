"""`Service.nextTime`: the next time and place of a service, computed on the server from its
time and place in each of the five modes, and read for a list without a query per row."""

import datetime as dt
import zoneinfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from services.api.blocks import DateRange, Location, SingleDate, TimeAndPlace, WeeklyTime
from services.api.next_time import next_time
from services.models import ServicePage
from tests.api.gql import gql, post, query_file

HELSINKI = zoneinfo.ZoneInfo("Europe/Helsinki")
# Wednesday 14 January 2026, 10:30 in Helsinki.
NOW = dt.datetime(2026, 1, 14, 10, 30, tzinfo=HELSINKI)
PLACE = Location(name="", street_address="Tie 1", postal_code="02100", city="Espoo")


def block(mode, weekly=(), periods=(), dates=()):
    return TimeAndPlace(
        mode=mode,
        info="",
        locations=[PLACE],
        weekly_times=[WeeklyTime(weekday=d, start=s, end=e) for d, s, e in weekly],
        periods=[DateRange(start_date=a, end_date=b) for a, b in periods],
        dates=[SingleDate(date=d, start=s, end=e) for d, s, e in dates],
    )


def D(day, month=1):
    return dt.date(2026, month, day)


def test_continuous_is_the_next_weekly_time_today_while_it_lasts():
    found = next_time([block("continuous", weekly=[("wed", "09:00", "12:00")])], NOW)
    assert (found.date, found.start, found.end) == (D(14), "09:00", "12:00")
    assert found.location.city == "Espoo" and found.mode == "continuous"


def test_continuous_skips_a_time_that_has_ended_today():
    weekly = [("wed", "08:00", "10:00"), ("fri", "09:00", "15:00")]
    found = next_time([block("continuous", weekly=weekly)], NOW)
    assert (found.date, found.start) == (D(16), "09:00")


def test_period_with_weekly_times_starts_on_its_first_matching_day():
    b = block("period", weekly=[("mon", "09:00", "12:00")], periods=[(D(20), D(20, 3))])
    found = next_time([b], NOW)
    assert (found.date, found.until) == (D(26), D(20, 3))


def test_running_period_without_weekly_times_is_today_until_its_end():
    found = next_time([block("period", periods=[(D(1), D(31))])], NOW)
    assert (found.date, found.until, found.start) == (D(14), D(31), None)


def test_periods_skip_the_past_ones():
    november = (dt.date(2025, 11, 1), dt.date(2025, 11, 30))
    b = block("periods", periods=[november, (D(2, 2), D(27, 3))])
    found = next_time([b], NOW)
    assert (found.date, found.until) == (D(2, 2), D(27, 3))


def test_dates_give_the_next_date_not_over():
    dates = [(D(14), "08:00", "10:00"), (D(28), "10:00", "14:00"), (D(21), None, None)]
    found = next_time([block("dates", dates=dates)], NOW)
    assert (found.date, found.start) == (D(21), None)


def test_agreed_has_the_place_without_a_date():
    found = next_time([block("agreed")], NOW)
    assert found.date is None and found.mode == "agreed" and found.location.city == "Espoo"


def test_the_earliest_block_wins_and_a_dated_one_before_an_agreed_one():
    blocks = [block("agreed"), block("dates", dates=[(D(30), "10:00", "12:00")])]
    assert next_time(blocks, NOW).date == D(30)
    blocks.append(block("continuous", weekly=[("thu", "09:00", "12:00")]))
    assert next_time(blocks, NOW).date == D(15)


def test_all_past_or_nothing_is_null():
    assert next_time([], NOW) is None
    assert next_time([block("dates", dates=[(D(2), "10:00", "12:00")])], NOW) is None
    december = (dt.date(2025, 12, 1), dt.date(2025, 12, 31))
    assert next_time([block("period", periods=[december])], NOW) is None


# --- Through the API -----------------------------------------------------------------------------
NEXT = "query($l: Int) { services(limit: $l) { items { id nextTime { mode date location { city } } } } }"


@pytest.mark.django_db
def test_the_api_gives_each_service_its_next_time(services):
    items = gql(NEXT, {"l": 100})["services"]["items"]
    timed = [item for item in items if item["nextTime"]]
    assert timed  # the demo's services have a time and place, most of it upcoming
    for item in timed:
        page = ServicePage.objects.get(pk=item["id"])
        modes = [b["type"] for b in page.time_and_place.raw_data]
        cities = {
            loc["city"] for b in page.time_and_place.raw_data for loc in b["value"]["locations"]
        }
        assert item["nextTime"]["mode"] in modes
        assert item["nextTime"]["location"]["city"] in cities
        if item["nextTime"]["mode"] in ("dates", "period", "periods"):
            assert dt.date.fromisoformat(item["nextTime"]["date"]) >= dt.date.today()


@pytest.mark.django_db
def test_next_time_of_a_list_costs_no_query_per_row(services):
    search = query_file("catalogue-search")
    post(search, {"limit": 1})

    def queries(limit):
        with CaptureQueriesContext(connection) as ctx:
            response = post(search, {"limit": limit})
        assert "errors" not in response.json(), response.json()
        return len(ctx.captured_queries)

    assert queries(3) == queries(20)
