"""People are shown by name in the admin (issue 17): members, invitations, change
requests (list, handling page, e-mail); the e-mail address or username only when the name
is empty; no query per row."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from cms.people import person_name
from services.change_requests import send_change_request
from services.models import ChangeRequest
from tests.clients import client_for

pytestmark = pytest.mark.django_db


def named(user, first, last):
    user.first_name, user.last_name = first, last
    user.save()
    return user


def test_person_name_falls_back_to_the_email_then_the_username(user):
    person = named(user("espoo-expert"), "Eeva", "Esimerkki")
    assert person_name(person) == "Eeva Esimerkki"
    named(person, "", "")
    assert person_name(person) == person.email
    person.email = ""
    assert person_name(person) == "espoo-expert"
    assert person_name(None, empty="—") == "—"


def test_the_members_list_shows_names_not_usernames(user):
    named(user("helsinki-producer"), "Hanna", "Helsinkiläinen")
    body = client_for(user("helsinki-main")).get(reverse("members:index")).content.decode()
    assert "Hanna Helsinkiläinen" in body
    assert ">helsinki-producer<" not in body


def test_the_members_list_costs_no_query_per_row(user):
    client = client_for(user("yllapito-maintainer"))
    url = reverse("members:index")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url + "?per_page=5")
    with CaptureQueriesContext(connection) as many:
        client.get(url + "?per_page=50")
    assert len(many) <= len(few) + 1


def test_the_member_edit_page_names_the_person(user):
    from cms.models import Membership

    member = named(user("helsinki-producer"), "Hanna", "Helsinkiläinen")
    membership = Membership.objects.get(user=member)
    body = (
        client_for(user("helsinki-main"))
        .get(reverse("members:edit", args=[membership.pk]))
        .content.decode()
    )
    assert "Hanna Helsinkiläinen" in body


def send(services, user, sender="espoo-expert", message="Osoite on vanhentunut."):
    page = services("espoo")
    return send_change_request(page, user(sender), message)


def test_change_requests_list_names_the_sender(services, user):
    named(user("espoo-expert"), "Eeva", "Esimerkki")
    send(services, user)
    body = client_for(user("espoo-producer")).get(reverse("change-requests:index")).content.decode()
    assert "Eeva Esimerkki" in body and ">espoo-expert<" not in body


def test_change_request_handling_page_shows_the_request_and_its_history_by_name(services, user):
    named(user("espoo-expert"), "Eeva", "Esimerkki")
    named(user("espoo-producer"), "Pekka", "Tuottaja")
    request = send(services, user)
    client = client_for(user("espoo-producer"))
    url = reverse("change-requests:edit", args=[request.pk])
    client.post(
        url,
        {"status": "in_progress", "assignee": user("espoo-producer").pk, "comment": "Katson."},
    )
    body = client.get(url).content.decode()
    assert "data-change-request" in body
    assert "Osoite on vanhentunut." in body  # what was asked
    assert "Eeva Esimerkki" in body and "Pekka Tuottaja" in body and "Katson." in body
    assert "espoo-expert<" not in body and ">espoo-producer<" not in body


def test_change_request_email_names_the_sender_or_their_address(services, user):
    from cms.models import OutgoingEmail

    named(user("espoo-expert"), "Eeva", "Esimerkki")
    with translation.override("en"):
        send(services, user)
    bodies = list(OutgoingEmail.objects.values_list("body", flat=True))
    assert any("Eeva Esimerkki" in body for body in bodies), bodies
    OutgoingEmail.objects.all().delete()
    nameless = named(user("espoo-expert"), "", "")
    send(services, user)
    bodies = list(OutgoingEmail.objects.values_list("body", flat=True))
    assert bodies and all(body.startswith(nameless.email) for body in bodies), bodies


def test_change_requests_list_costs_no_query_per_row(services, user):
    client = client_for(user("espoo-producer"))
    url = reverse("change-requests:index")
    send(services, user)
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for n in range(5):
        send(services, user, message=f"Korjaus {n}.")
    with CaptureQueriesContext(connection) as six:
        client.get(url)
    assert ChangeRequest.objects.count() >= 6
    assert len(six) <= len(one) + 1
