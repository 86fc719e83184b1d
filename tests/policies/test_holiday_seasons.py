"""No meetings in holiday seasons: the seasons as a plain function, the scheduling that skips
them, and the warning when a meeting is recorded in one."""

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from policies import rules
from policies.models import Meeting

D = dt.date


@pytest.mark.parametrize(
    "year, eve", [(2024, D(2024, 6, 21)), (2025, D(2025, 6, 20)), (2026, D(2026, 6, 19))]
)
def test_midsummer_eve_is_the_friday_between_19_and_25_june(year, eve):
    assert rules.midsummer_eve(year) == eve and eve.weekday() == 4


@pytest.mark.parametrize(
    "date, season",
    [
        (D(2026, 6, 18), None),  # the day before Midsummer Eve
        (D(2026, 6, 19), rules.SUMMER),
        (D(2026, 7, 1), rules.SUMMER),
        (D(2026, 7, 31), rules.SUMMER),
        (D(2026, 8, 1), None),
        (D(2026, 12, 23), None),
        (D(2026, 12, 24), rules.CHRISTMAS),
        (D(2026, 12, 31), rules.CHRISTMAS),
        (D(2027, 1, 6), rules.CHRISTMAS),  # Epiphany: the season that began the year before
        (D(2027, 1, 7), None),
        (D(2025, 6, 19), None),  # in 2025 Midsummer Eve is 20 June
    ],
)
def test_holiday_season_of_a_day(date, season):
    found = rules.holiday_season(date)
    assert (found.season if found else None) == season


def test_meeting_dates_skip_the_seasons_and_keep_the_cadence():
    dates = rules.meeting_dates(D(2026, 6, 3), dt.timedelta(weeks=4), D(2027, 1, 31))
    # 1.7. and 29.7. (summer) and 30.12. (Christmas) are not held; the cadence goes on.
    assert dates == [
        D(2026, 6, 3),
        D(2026, 8, 26),
        D(2026, 9, 23),
        D(2026, 10, 21),
        D(2026, 11, 18),
        D(2026, 12, 16),
        D(2027, 1, 13),
    ]


# --- The meeting form warns --------------------------------------------------------------------
def meeting_data(date, body="working_group"):
    return nested_form_data(
        {
            "date": date,
            "body": body,
            "facilitator": "",
            "topic": "",
            "attendances": inline_formset([]),
        }
    )


@pytest.mark.django_db
def test_a_meeting_in_the_summer_is_saved_with_a_warning(login, no_monitoring):
    client = login("yllapito-maintainer")
    response = client.post(reverse("meetings:add"), meeting_data("2026-07-15"))
    assert response.status_code == 302
    assert Meeting.objects.filter(date=D(2026, 7, 15)).exists()  # nothing lost
    warnings = [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]
    assert len(warnings) == 1
    assert "summer holiday season" in warnings[0] and "19.6.2026–31.7.2026" in warnings[0]


@pytest.mark.django_db
def test_editing_a_meeting_into_christmas_warns_and_outside_does_not(login, no_monitoring):
    client = login("yllapito-maintainer")
    meeting = Meeting.objects.create(date=D(2026, 12, 16), body="working_group")
    url = reverse("meetings:edit", args=[meeting.pk])
    response = client.post(url, meeting_data("2026-12-30"))
    assert response.status_code == 302
    warnings = [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]
    assert len(warnings) == 1 and "Christmas and New Year" in warnings[0]
    client.get(reverse("meetings:index"))  # the messages are shown (consumed)
    response = client.post(url, meeting_data("2027-01-13"))
    assert response.status_code == 302
    assert not [m for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]
    assert Meeting(date=D(2027, 1, 13), body="working_group").holiday_warning() == ""
