"""Wagtail's generic history and usage screens of our scoped admin screens answer only for
objects the user may see: another user's private list, another organisation's member or
token, a change request of a service one cannot handle: 404, and the object's name is not
shown. The object's own people still see them."""

import pytest
from django.urls import reverse

from cms.models import ApiToken, Membership
from services.models import ChangeRequest, ServiceList, ServicePage

pytestmark = pytest.mark.django_db

SECRET = "ZQXJ-YKSITYINEN-LISTA-8841"


def get(login, username, viewset, view, pk):
    return login(username).get(reverse(f"{viewset}:{view}", args=[pk]))


@pytest.fixture
def private_list(user):
    page = ServicePage.objects.live().filter(locale__language_code="fi").order_by("pk").first()
    service_list = ServiceList.objects.create(owner=user("helsinki-expert"), name=SECRET)
    service_list.add(page)
    service_list.shared_with.add(user("helsinki-producer"))
    return service_list


@pytest.mark.parametrize("view", ["history", "usage"])
def test_someone_elses_list(login, private_list, view):
    stranger = get(login, "espoo-expert", "service-lists", view, private_list.pk)
    assert stranger.status_code == 404
    assert SECRET not in stranger.content.decode()
    for username in ("helsinki-expert", "helsinki-producer"):  # owner, shared with
        response = get(login, username, "service-lists", view, private_list.pk)
        assert response.status_code == 200, username
        assert SECRET in response.content.decode()


@pytest.mark.parametrize("view", ["history", "usage"])
def test_change_request_of_a_service_one_cannot_handle(login, user, services, view):
    page = services("helsinki")
    request = ChangeRequest.objects.create(
        page=page, sender=user("helsinki-expert"), message="x", section="other"
    )
    other = (
        ServicePage.objects.filter(locale__language_code="fi")
        .exclude(provider=page.provider)
        .exclude(responsible_municipality=page.responsible_municipality)
        .order_by("pk")
        .first()
    )
    stranger = get(login, f"{other.provider.slug}-editor", "change-requests", view, request.pk)
    assert stranger.status_code == 404
    assert page.title not in stranger.content.decode()
    handler = get(login, "helsinki-producer", "change-requests", view, request.pk)
    assert handler.status_code == 200
    assert page.title in handler.content.decode()


@pytest.mark.parametrize("view", ["history", "usage"])
def test_member_of_another_organisation(login, view):
    espoo = Membership.objects.filter(organisation__slug="espoo").order_by("pk").first()
    stranger = get(login, "helsinki-main", "members", view, espoo.pk)
    assert stranger.status_code in (403, 404)
    assert espoo.user.get_full_name() not in stranger.content.decode()
    assert get(login, "espoo-main", "members", view, espoo.pk).status_code in (200, 403)


@pytest.mark.parametrize("view", ["history", "usage", "edit", "delete"])
def test_tokens_have_no_object_screens_but_revoke(login, user, view):
    token, _raw = ApiToken.issue(user("espoo-expert"), "ZQXJ-ESPOON-AVAIN")
    for username in ("helsinki-expert", "espoo-expert"):
        response = login(username).get(f"/admin/api-tokens/{view}/{token.pk}/")
        assert response.status_code == 404
        assert "ZQXJ-ESPOON-AVAIN" not in response.content.decode()
