"""Admin screens at a constant number of queries whatever their length (SLA report, change
requests, favourites), and the add-to-list view with a malformed list id."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from services import change_requests
from services.models import ChangeRequest, Favourite, ServiceList, ServicePage

pytestmark = pytest.mark.django_db


def count(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_sla_report_constant_queries(login, user):
    client = login("helsinki-producer")
    pages = list(
        ServicePage.objects.live()
        .filter(locale__language_code="fi", responsible_municipality__slug="helsinki")
        .order_by("pk")[:6]
    )
    editor = user("yllapito-maintainer")
    pages[0].get_workflow().start(pages[0], editor)
    one = count(client, reverse("services_sla_report"))
    for page in pages[1:]:
        page.get_workflow().start(page, editor)
    six = count(client, reverse("services_sla_report"))
    assert six == one, (one, six)


def test_change_request_listing_constant_queries(login, user):
    client = login("helsinki-producer")
    sender = user("espoo-expert")
    pages = list(
        ServicePage.objects.live()
        .filter(locale__language_code="fi", responsible_municipality__slug="helsinki")
        .order_by("pk")[:6]
    )
    ChangeRequest.objects.all().delete()
    change_requests.send_change_request(pages[0], sender, "Korjaa")
    one = count(client, reverse("change-requests:index"))
    for page in pages[1:]:
        change_requests.send_change_request(page, sender, "Korjaa")
    six = count(client, reverse("change-requests:index"))
    assert six == one, (one, six)


def _favourites_queries(client, user, n):
    Favourite.objects.filter(user=user).delete()
    pages = ServicePage.objects.live().filter(locale__language_code="fi").order_by("pk")[:n]
    for page in pages:
        Favourite.objects.create(user=user, page=page)
    client.get(reverse("favourites:index"))  # warm caches
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("favourites:index"))
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_favourites_screen_constant_queries(login, user):
    client = login("helsinki-expert")
    expert = user("helsinki-expert")
    one = _favourites_queries(client, expert, 1)
    eight = _favourites_queries(client, expert, 8)
    assert eight == one, f"1 favourite: {one} queries, 8 favourites: {eight} queries"


def test_add_to_list_with_malformed_list_id_is_not_a_server_error(login, user):
    client = login("helsinki-expert")
    client.raise_request_exception = False
    ServiceList.objects.create(owner=user("helsinki-expert"), name="Oma")
    page = ServicePage.objects.live().filter(locale__language_code="fi").first()
    response = client.post(reverse("services_add_to_list", args=[page.pk]), {"service_list": "abc"})
    assert response.status_code in (400, 404), response.status_code
