"""Favourites and named service lists in the admin ("My services"): the owner keeps a list,
colleagues it is shared with read it, nobody else sees it, and the service card adds to it."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from services.models import ChangeRequest, Favourite, ServiceList, ServicePage

pytestmark = pytest.mark.django_db

OWNER, COLLEAGUE, STRANGER = "helsinki-expert", "helsinki-producer", "espoo-expert"


def refused(response):
    """Wagtail's admin answers a PermissionDenied with a redirect home and a message."""
    return response.status_code == 403 or (
        response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    )


def client_for(username):
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client


def list_form(name, pages, shared_with=(), existing_items=()):
    """The add/edit form as the browser posts it: an inline formset of chosen services."""
    data = {
        "name": name,
        "description": "",
        "shared_with": [u.pk for u in shared_with],
        "items-TOTAL_FORMS": str(len(existing_items) + len(pages)),
        "items-INITIAL_FORMS": str(len(existing_items)),
        "items-MIN_NUM_FORMS": "0",
        "items-MAX_NUM_FORMS": "1000",
    }
    rows = [(item.pk, item.page_id) for item in existing_items] + [(None, p.pk) for p in pages]
    for i, (item_id, page_id) in enumerate(rows):
        data[f"items-{i}-id"] = item_id or ""
        data[f"items-{i}-page"] = page_id
        data[f"items-{i}-ORDER"] = str(i + 1)
        data[f"items-{i}-DELETE"] = ""
    return data


@pytest.fixture
def pages(services):
    return list(ServicePage.objects.live().filter(locale__language_code="fi").order_by("pk")[:3])


@pytest.fixture
def shared_list(user, pages):
    service_list = ServiceList.objects.create(owner=user(OWNER), name="Nuorten palvelut")
    for page in pages[:2]:
        service_list.add(page)
    service_list.shared_with.add(user(COLLEAGUE))
    return service_list


def test_owner_creates_a_list_with_services_and_shares_it(user, pages):
    owner = client_for(OWNER)
    response = owner.post(
        reverse("service-lists:add"),
        list_form("Kotoutuminen", [pages[1], pages[0]], shared_with=[user(COLLEAGUE)]),
    )
    assert response.status_code == 302, response.context["form"].errors
    service_list = ServiceList.objects.get(name="Kotoutuminen")
    assert service_list.owner == user(OWNER)
    assert [i.page_id for i in service_list.items.all()] == [pages[1].pk, pages[0].pk]
    assert list(service_list.shared_with.all()) == [user(COLLEAGUE)]


def test_list_form_refuses_bad_input_and_saves_nothing(user, pages):
    owner = client_for(OWNER)
    inactive = user(STRANGER)
    inactive.is_active = False
    inactive.save()
    for data in (
        list_form("", [pages[0]]),  # no name
        list_form("Tuplat", [pages[0], pages[0]]),  # the same service twice
        list_form("Itselle", [pages[0]], shared_with=[user(OWNER)]),  # oneself
        list_form("Poistunut", [pages[0]], shared_with=[inactive]),  # an inactive user
    ):
        response = owner.post(reverse("service-lists:add"), data)
        assert response.status_code == 200, data["name"]
    assert not ServiceList.objects.exists()


def test_shared_list_is_readable_but_not_editable_by_a_colleague(shared_list, pages):
    colleague = client_for(COLLEAGUE)
    index = colleague.get(reverse("service-lists:index")).content.decode()
    assert "Nuorten palvelut" in index
    assert reverse("service-lists:edit", args=[shared_list.pk]) not in index
    inspect = colleague.get(reverse("service-lists:inspect", args=[shared_list.pk]))
    assert inspect.status_code == 200
    body = inspect.content.decode()
    assert pages[0].title in body and reverse("services_card", args=[pages[0].pk]) in body
    assert reverse("service-lists:edit", args=[shared_list.pk]) not in body

    before = list(shared_list.items.values_list("page_id", flat=True))
    assert refused(colleague.get(reverse("service-lists:edit", args=[shared_list.pk])))
    response = colleague.post(
        reverse("service-lists:edit", args=[shared_list.pk]), list_form("Kaapattu", [pages[2]])
    )
    assert refused(response)
    assert refused(colleague.post(reverse("service-lists:delete", args=[shared_list.pk])))
    shared_list.refresh_from_db()
    assert shared_list.name == "Nuorten palvelut"
    assert list(shared_list.items.values_list("page_id", flat=True)) == before


def test_a_list_not_shared_with_you_is_invisible(shared_list):
    stranger = client_for(STRANGER)
    assert "Nuorten palvelut" not in stranger.get(reverse("service-lists:index")).content.decode()
    assert stranger.get(reverse("service-lists:inspect", args=[shared_list.pk])).status_code == 404
    assert refused(stranger.get(reverse("service-lists:edit", args=[shared_list.pk])))
    stranger.post(reverse("service-lists:delete", args=[shared_list.pk]))
    assert ServiceList.objects.filter(pk=shared_list.pk).exists()


def test_owner_edits_reorders_and_deletes(shared_list, pages):
    owner = client_for(OWNER)
    items = list(shared_list.items.all())
    data = list_form("Nuoret", [pages[2]], existing_items=items)
    data["items-0-DELETE"] = "1"
    response = owner.post(reverse("service-lists:edit", args=[shared_list.pk]), data)
    assert response.status_code == 302
    shared_list.refresh_from_db()
    assert shared_list.name == "Nuoret"
    assert {i.page_id for i in shared_list.items.all()} == {pages[1].pk, pages[2].pk}
    owner.post(reverse("service-lists:delete", args=[shared_list.pk]))
    assert not ServiceList.objects.filter(pk=shared_list.pk).exists()


def test_add_to_list_from_the_service_card(shared_list, pages):
    owner = client_for(OWNER)
    card = owner.get(reverse("services_card", args=[pages[2].pk])).content.decode()
    assert reverse("services_add_to_list", args=[pages[2].pk]) in card
    url = reverse("services_add_to_list", args=[pages[2].pk])
    owner.post(url, {"service_list": shared_list.pk})
    owner.post(url, {"service_list": shared_list.pk})  # twice: still once on the list
    assert list(shared_list.items.values_list("page_id", flat=True)) == [
        pages[0].pk,
        pages[1].pk,
        pages[2].pk,
    ]
    # Someone else's list, a missing list, a GET: refused, nothing added.
    colleague = client_for(COLLEAGUE)
    assert colleague.post(url, {"service_list": shared_list.pk}).status_code == 404
    assert owner.post(url, {"service_list": ""}).status_code == 404
    assert owner.get(url).status_code == 405
    assert shared_list.items.count() == 3


def test_favourites_screen_lists_only_own_favourites(user, pages):
    Favourite.objects.create(user=user(OWNER), page=pages[0])
    Favourite.objects.create(user=user(COLLEAGUE), page=pages[1])
    owner = client_for(OWNER)
    body = owner.get(reverse("favourites:index")).content.decode()
    assert pages[0].title in body and pages[1].title not in body
    # Removing from the screen returns to it; an off-site "next" is ignored.
    response = owner.post(
        reverse("services_favourite", args=[pages[0].pk]), {"next": reverse("favourites:index")}
    )
    assert response.url == reverse("favourites:index")
    assert not Favourite.objects.filter(user=user(OWNER)).exists()
    response = owner.post(
        reverse("services_favourite", args=[pages[0].pk]), {"next": "https://evil.example/"}
    )
    assert response.url == reverse("services_card", args=[pages[0].pk])


def test_an_unpublished_favourite_can_still_be_removed(user, pages):
    Favourite.objects.create(user=user(OWNER), page=pages[0])
    pages[0].unpublish()
    owner = client_for(OWNER)
    owner.post(reverse("services_favourite", args=[pages[0].pk]))
    assert not Favourite.objects.filter(user=user(OWNER)).exists()
    owner.post(reverse("services_favourite", args=[pages[0].pk]))  # cannot re-add it
    assert not Favourite.objects.filter(user=user(OWNER)).exists()


def test_my_services_menu_for_every_staff_role():
    for username in (OWNER, "helsinki-producer", "yllapito-maintainer"):
        body = client_for(username).get(reverse("wagtailadmin_home")).content.decode()
        assert reverse("favourites:index") in body and reverse("service-lists:index") in body


def test_open_change_requests_are_counted_on_the_edit_page(user, services):
    page = services("helsinki")
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    producer = client_for("helsinki-producer")
    assert "open change request" not in producer.get(edit_url).content.decode()
    for status in ("open", "in_progress", "done"):
        ChangeRequest.objects.create(
            page=page, sender=user("helsinki-expert"), message=f"pyyntö {status}", status=status
        )
    body = producer.get(edit_url).content.decode()
    assert "2 open change requests" in body
    listing = producer.get(reverse("change-requests:index") + f"?service={page.pk}")
    assert "pyyntö open" in listing.content.decode() or page.title in listing.content.decode()
    other = services("espoo")
    ChangeRequest.objects.create(page=other, sender=user("espoo-expert"), message="Espoon pyyntö")
    listing = producer.get(reverse("change-requests:index") + f"?service={page.pk}")
    assert listing.context["object_list"].count() == 3
