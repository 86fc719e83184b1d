"""The pipeline's admin screens: still accurate, change requests, favourites, holidays."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from services.models import ChangeRequest, Favourite, HolidayPeriod, ServicePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def service(services):
    return services("helsinki")


@pytest.mark.parametrize(
    "username,allowed",
    [("helsinki-producer", True), ("espoo-producer", False), ("helsinki-expert", False)],
)
def test_still_accurate(login, service, username, allowed):
    before = (service.verified_at, service.verified_by_id)
    client = login(username)
    response = client.post(reverse("services_confirm_accurate", args=[service.pk]))
    service.refresh_from_db()
    confirmed = (service.verified_at, service.verified_by_id) != before
    assert confirmed is allowed
    if allowed:
        assert service.verified_by.username == username
    else:
        assert response.status_code in (302, 403)
    # A GET changes nothing.
    assert (
        login("helsinki-producer")
        .get(reverse("services_confirm_accurate", args=[service.pk]))
        .status_code
        == 405
    )


def test_provider_editor_confirms_own_service(login, service):
    login(f"{service.provider.slug}-editor").post(
        reverse("services_confirm_accurate", args=[service.pk])
    )
    service.refresh_from_db()
    assert service.verified_by.username == f"{service.provider.slug}-editor"


def test_change_request_round_trip(login, service, mailoutbox):
    expert = login("espoo-expert")
    url = reverse("services_change_request", args=[service.pk])
    assert expert.post(url, {"message": ""}).status_code == 200  # form error, nothing saved
    assert not ChangeRequest.objects.exists()
    expert.post(url, {"message": "Hinta on vanhentunut.", "section": "public"})
    request = ChangeRequest.objects.get()
    assert request.sender.username == "espoo-expert" and len(mailoutbox) == 2
    # The sender sees its status; the pair handles it.
    sender_list = expert.get(reverse("change-requests:index"))
    assert sender_list.status_code == 200 and str(service.title) in sender_list.content.decode()
    assert expert.post(
        reverse("change-requests:edit", args=[request.pk]), {"status": "done"}
    ).status_code in (302, 403)
    request.refresh_from_db()
    assert request.status == "open"

    producer = login("helsinki-producer")
    producer.post(
        reverse("change-requests:edit", args=[request.pk]),
        {"status": "done", "assignee": "", "comment": "Korjattu."},
    )
    request.refresh_from_db()
    assert request.status == "done"
    assert [e.comment for e in request.events.all()][-1] == "Korjattu."


def test_change_request_not_for_providers_and_lists_are_scoped(login, service, user):
    editor = login(f"{service.provider.slug}-editor")
    response = editor.post(reverse("services_change_request", args=[service.pk]), {"message": "x"})
    assert response.status_code in (302, 403) and not ChangeRequest.objects.exists()
    other = ServicePage.objects.filter(responsible_municipality__slug="espoo").first()
    ChangeRequest.objects.create(page=other, sender=user("espoo-expert"), message="Espoon asia")
    listing = login("helsinki-producer").get(reverse("change-requests:index"))
    assert (
        "Espoon asia" not in listing.content.decode()
        and other.title not in listing.content.decode()
    )


def test_favourite_toggle(login, service):
    client = login("helsinki-expert")
    client.post(reverse("services_favourite", args=[service.pk]))
    assert Favourite.objects.filter(user__username="helsinki-expert", page=service).exists()
    client.post(reverse("services_favourite", args=[service.pk]))
    assert not Favourite.objects.filter(user__username="helsinki-expert", page=service).exists()


def test_holiday_periods_and_notice(login):
    maintainer = login("yllapito-maintainer")
    maintainer.post(
        reverse("holiday-periods:add"),
        {"name": "Kesä", "start": "2026-08-01", "end": "2026-07-01", "notice": ""},
    )
    assert not HolidayPeriod.objects.exists(), "a period ending before it starts is refused"
    today = timezone.localdate()
    maintainer.post(
        reverse("holiday-periods:add"),
        {
            "name": "Kesätauko",
            "start": today - dt.timedelta(days=1),
            "end": today + dt.timedelta(days=5),
            "notice": "Käsittely kestää tavallista pidempään.",
        },
    )
    assert HolidayPeriod.objects.filter(name="Kesätauko").exists()
    dashboard = login(f"{ServicePage.objects.first().provider.slug}-editor").get(
        reverse("wagtailadmin_home")
    )
    assert "Käsittely kestää tavallista pidempään." in dashboard.content.decode()
    assert login("helsinki-producer").get(reverse("holiday-periods:add")).status_code != 200
