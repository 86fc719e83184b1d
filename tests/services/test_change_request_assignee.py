"""Whom a change request may be assigned to (services/viewsets.py, services/change_requests.py):
only people of the update pair's organisations who may handle the request (edit the service),
offered by name, never by username (an e-mail address for real users); a forged assignee is
refused (docs/security.md, "Accounts and members")."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from services.change_requests import assignee_candidates, update_change_request
from services.models import ChangeRequest
from tests.clients import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def change_request(services, user):
    page = services("helsinki")
    return ChangeRequest.objects.create(
        page=page, sender=user("espoo-expert"), message="Hinta on vanhentunut."
    )


def rename(user, username, first, last, email):
    account = user(username)
    account.username, account.email = email, email
    account.first_name, account.last_name = first, last
    account.save()
    return account


def edit_url(change_request):
    return reverse("change-requests:edit", args=[change_request.pk])


def assignee_options(response) -> dict:
    field = response.context["form"].fields["assignee"]
    return {u.pk: field.label_from_instance(u) for u in field.queryset}


def test_only_people_who_may_handle_the_request_are_offered(change_request, user):
    provider = change_request.page.provider.slug
    candidates = set(assignee_candidates(change_request).values_list("username", flat=True))
    assert {"helsinki-producer", "helsinki-main", f"{provider}-editor"} <= candidates
    # Members of the pair's organisations who may not edit the service, and everyone else.
    assert not candidates & {"helsinki-expert", "espoo-producer", "yllapito-maintainer"}
    for username in candidates:
        assert change_request.page.permissions_for_user(user(username)).can_edit(), username


def test_choices_show_names_not_usernames(change_request, user):
    producer = rename(
        user, "helsinki-producer2", "Maija", "Meikäläinen", "maija.meikalainen@hel.example"
    )
    response = client_for(user("helsinki-producer")).get(edit_url(change_request))
    assert response.status_code == 200
    options = assignee_options(response)
    assert options[producer.pk] == "Maija Meikäläinen"
    body = response.content.decode()
    assert "Maija Meikäläinen" in body
    assert "maija.meikalainen@hel.example" not in body
    # Nobody who may not handle the request is offered, by any name.
    expert = rename(user, "helsinki-expert", "Eero", "Ekspertti", "eero.ekspertti@hel.example")
    assert expert.pk not in options
    assert (
        "Eero Ekspertti"
        not in client_for(user("helsinki-producer")).get(edit_url(change_request)).content.decode()
    )


def test_namesakes_are_told_apart_by_e_mail(change_request, user):
    a = rename(user, "helsinki-producer", "Maija", "Meikäläinen", "maija.m@hel.example")
    b = rename(user, "helsinki-producer2", "Maija", "Meikäläinen", "maija.meikalainen@hel.example")
    options = assignee_options(client_for(a).get(edit_url(change_request)))
    assert options[a.pk] == "Maija Meikäläinen (maija.m@hel.example)"
    assert options[b.pk] == "Maija Meikäläinen (maija.meikalainen@hel.example)"


@pytest.mark.parametrize("forged", ["espoo-producer", "helsinki-expert", "yllapito-maintainer"])
def test_a_forged_assignee_is_refused(change_request, user, forged):
    client = client_for(user("helsinki-producer"))
    response = client.post(
        edit_url(change_request), {"status": "in_progress", "assignee": user(forged).pk}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["assignee"]
    change_request.refresh_from_db()
    assert change_request.assignee is None and change_request.status == "open"
    with pytest.raises(ValidationError):
        update_change_request(
            change_request, user("helsinki-producer"), status="done", assignee=user(forged)
        )
    change_request.refresh_from_db()
    assert change_request.assignee is None and change_request.status == "open"


def test_a_valid_assignee_is_saved_and_listed_by_name(change_request, user):
    provider_editor = rename(
        user,
        f"{change_request.page.provider.slug}-editor",
        "Pekka",
        "Palveluntuottaja",
        "pekka@provider.example",
    )
    client = client_for(user("helsinki-producer"))
    response = client.post(
        edit_url(change_request), {"status": "in_progress", "assignee": provider_editor.pk}
    )
    assert response.status_code == 302, response.context["form"].errors
    change_request.refresh_from_db()
    assert change_request.assignee == provider_editor
    listing = client.get(reverse("change-requests:index")).content.decode()
    assert "Pekka Palveluntuottaja" in listing
    assert "pekka@provider.example" not in listing
    # The current assignee stays a valid choice when the status alone changes, even once
    # they may no longer handle the request.
    provider_editor.memberships.update(is_active=False)
    response = client.post(
        edit_url(change_request), {"status": "done", "assignee": provider_editor.pk}
    )
    assert response.status_code == 302


def test_update_pair_choices_show_names(services, user):
    """The service form's update pair ("provider updater", "municipal responsible") offers
    people of the two organisations by name too: a provider editor does not learn the
    municipality's staff's e-mail addresses."""
    page = services("helsinki")
    producer = rename(user, "helsinki-producer2", "Maija", "Meikäläinen", "maija.m@hel.example")
    editor = user(f"{page.provider.slug}-editor")
    response = client_for(editor).get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    form = response.context["form"]
    field = form.fields["municipal_responsible"]
    assert field.label_from_instance(producer) == "Maija Meikäläinen"
    body = response.content.decode()
    assert "Maija Meikäläinen" in body and "maija.m@hel.example" not in body
    editor = rename(user, editor.username, "Pekka", "Päivittäjä", "pekka@provider.example")
    assert form.fields["provider_updater"].label_from_instance(editor) == "Pekka Päivittäjä"
