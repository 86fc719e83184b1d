"""What the staff view needs of the staff API (issue 14): lists and favourites in the
requested locale whatever translation a service was added in, one service once, `isFavourite`,
`serviceList(id:)`, `me { colleagues }` and a list's description."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from services.models import Favourite, ServiceList, ServicePage
from tests.api.gql import gql, post, token_for

pytestmark = pytest.mark.django_db

LIST = """query($id: ID!, $locale: LocaleCode) {
  serviceList(id: $id) { id name description isOwner services(locale: $locale) { id title locale isFallback } }
}"""
FAVOURITE = "mutation($id: ID!, $f: Boolean!) { setFavourite(serviceId: $id, favourite: $f) { isFavourite } }"


@pytest.fixture
def demo(services, user):
    """A list of helsinki-expert with two services, shared with helsinki-producer."""
    service_list = ServiceList.objects.create(
        owner=user("helsinki-expert"), name="Nuorten palvelut", description="Alle 30-vuotiaille"
    )
    for page in ServicePage.objects.live().filter(locale__language_code="fi").order_by("pk")[:2]:
        service_list.add(page)
    service_list.shared_with.add(user("helsinki-producer"))
    return service_list


def test_a_list_shows_each_service_in_the_requested_locale(sv_pair, user):
    fi, sv = sv_pair
    token = token_for("helsinki-expert")
    created = gql(
        'mutation($ids: [ID!]) { createServiceList(name: "Asiakkaalle", serviceIds: $ids) { id } }',
        {"ids": [str(fi.pk)]},
        token=token,
    )["createServiceList"]
    data = gql(LIST, {"id": created["id"], "locale": "sv"}, token=token)["serviceList"]
    assert data["services"] == [
        {"id": str(sv.pk), "title": sv.title, "locale": "sv", "isFallback": False}
    ]
    data = gql(LIST, {"id": created["id"], "locale": "fi"}, token=token)["serviceList"]
    assert data["services"] == [
        {"id": str(fi.pk), "title": fi.title, "locale": "fi", "isFallback": False}
    ]
    # Added again in Swedish: still once; removed by its Swedish id: gone.
    change = (
        "mutation($id: ID!, $add: [ID!], $remove: [ID!]) { changeServiceList(listId: $id, "
        "addServiceIds: $add, removeServiceIds: $remove) { services { id } } }"
    )
    added = gql(change, {"id": created["id"], "add": [str(sv.pk)]}, token=token)
    assert added["changeServiceList"]["services"] == [{"id": str(fi.pk)}]
    assert ServiceList.objects.get(pk=created["id"]).items.count() == 1
    removed = gql(change, {"id": created["id"], "remove": [str(sv.pk)]}, token=token)
    assert removed["changeServiceList"]["services"] == []


def test_favourites_are_one_per_service_in_the_requested_locale(sv_pair):
    fi, sv = sv_pair
    token = token_for("helsinki-expert")
    Favourite.objects.filter(user__username="helsinki-expert").delete()
    gql(FAVOURITE, {"id": str(sv.pk), "f": True}, token=token)
    gql(FAVOURITE, {"id": str(fi.pk), "f": True}, token=token)  # the same service
    assert Favourite.objects.filter(user__username="helsinki-expert").count() == 1
    favourites = gql("{ favourites(locale: fi) { id title } }", token=token)["favourites"]
    assert favourites == [{"id": str(fi.pk), "title": fi.title}]
    favourites = gql("{ favourites(locale: sv) { id title } }", token=token)["favourites"]
    assert favourites == [{"id": str(sv.pk), "title": sv.title}]
    query = "query($id: ID!, $l: LocaleCode) { service(id: $id, locale: $l) { isFavourite } }"
    assert gql(query, {"id": str(fi.pk), "l": "sv"}, token=token)["service"]["isFavourite"]
    assert not gql(query, {"id": str(fi.pk)}, token=token_for("espoo-expert"))["service"][
        "isFavourite"
    ]
    assert not gql(query, {"id": str(fi.pk)})["service"]["isFavourite"]  # anonymous
    gql(FAVOURITE, {"id": str(fi.pk), "f": False}, token=token)  # removed by the other id
    assert not Favourite.objects.filter(user__username="helsinki-expert").exists()


def test_is_favourite_of_a_list_is_one_query(services, user):
    token = token_for("helsinki-expert")
    first = ServicePage.objects.live().filter(locale__language_code="fi").order_by("title")[:3]
    for page in first[:2]:
        Favourite.objects.get_or_create(user=user("helsinki-expert"), page=page)
    query = "{ services(limit: 20) { items { id isFavourite } } }"
    gql(query, token=token)
    with CaptureQueriesContext(connection) as plain:
        gql("{ services(limit: 20) { items { id } } }", token=token)
    with CaptureQueriesContext(connection) as starred:
        items = gql(query, token=token)["services"]["items"]
    assert len(starred.captured_queries) == len(plain.captured_queries) + 1
    favourites = set(
        Favourite.objects.filter(user__username="helsinki-expert").values_list("page_id", flat=True)
    )
    assert favourites and {int(i["id"]) for i in items if i["isFavourite"]} == favourites & {
        int(i["id"]) for i in items
    }


def test_service_list_by_id_is_the_caller_s_to_see(demo):
    mine = gql(LIST, {"id": str(demo.pk)}, token=token_for("helsinki-expert"))["serviceList"]
    assert mine["name"] == demo.name and mine["isOwner"] and mine["description"]
    assert len(mine["services"]) == demo.items.count()
    shared = gql(LIST, {"id": str(demo.pk)}, token=token_for("helsinki-producer"))
    assert shared["serviceList"]["isOwner"] is False
    assert gql(LIST, {"id": str(demo.pk)}, token=token_for("espoo-expert"))["serviceList"] is None
    assert gql(LIST, {"id": "999999"}, token=token_for("espoo-expert"))["serviceList"] is None
    body = post(LIST, {"id": "abc"}, token=token_for("espoo-expert")).json()
    assert body["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT", "field": "id"}
    body = post(LIST, {"id": str(demo.pk)}).json()
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


def test_colleagues_are_whom_a_list_may_be_shared_with(services, user):
    data = gql("{ me { colleagues { username name } } }", token=token_for("helsinki-expert"))
    names = {p["username"] for p in data["me"]["colleagues"]}
    assert {"helsinki-producer", "helsinki-main"} <= names
    assert "helsinki-expert" not in names and "espoo-expert" not in names
    producer = user("helsinki-producer")
    assert {"username": "helsinki-producer", "name": producer.get_full_name()} in data["me"][
        "colleagues"
    ]


def test_a_list_is_renamed_and_described_by_its_owner_only(demo):
    change = (
        'mutation($id: ID!) { changeServiceList(listId: $id, name: " Uusi ", '
        'description: "Kuvaus") { name description } }'
    )
    body = post(change, {"id": str(demo.pk)}, token=token_for("helsinki-producer")).json()
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    data = gql(change, {"id": str(demo.pk)}, token=token_for("helsinki-expert"))
    assert data["changeServiceList"] == {"name": "Uusi", "description": "Kuvaus"}


def test_stored_translation_of_an_item_does_not_matter(sv_pair, user):
    """An item stored as the Swedish page (added on the Swedish service page) lists in
    Finnish as the Finnish page."""
    fi, sv = sv_pair
    service_list = ServiceList.objects.create(owner=user("helsinki-expert"), name="Svenska")
    service_list.add(ServicePage.objects.get(pk=sv.pk))
    data = gql(
        LIST, {"id": str(service_list.pk), "locale": "fi"}, token=token_for("helsinki-expert")
    )
    assert data["serviceList"]["services"][0]["id"] == str(fi.pk)
