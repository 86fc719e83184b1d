"""Staff features through GraphQL: me, favourites, shareable lists, change requests."""

import pytest

from services.models import ChangeRequest, Favourite, ServiceList, ServicePage
from tests.api.gql import gql, post, token_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(services):
    return list(ServicePage.objects.live().filter(locale__language_code="fi").order_by("pk")[:3])


def error_of(response):
    return response.json()["errors"][0]["message"]


def test_me_shows_user_organisation_and_roles(services):
    data = gql(
        "{ me { username canViewInternal roles { organisation role } } }",
        token=token_for("helsinki-producer"),
    )
    assert data["me"]["username"] == "helsinki-producer" and data["me"]["canViewInternal"]
    assert {"organisation": "helsinki", "role": "producer"} in data["me"]["roles"]
    assert gql("{ me { username } }")["me"] is None


def test_staff_fields_need_authentication(services):
    for query in (
        "{ favourites { id } }",
        "{ serviceLists { id } }",
        "{ myChangeRequests { id } }",
    ):
        assert "Authentication required" in error_of(post(query))
    response = post('mutation { setFavourite(serviceId: "1", favourite: true) { isFavourite } }')
    assert "Authentication required" in error_of(response)
    assert not Favourite.objects.exists()


def test_favourites_add_list_and_remove(pages):
    token = token_for("helsinki-expert")
    add = "mutation($id: ID!, $f: Boolean!) { setFavourite(serviceId: $id, favourite: $f) { isFavourite } }"
    for page in pages[:2]:
        gql(add, {"id": str(page.pk), "f": True}, token=token)
    gql(add, {"id": str(pages[0].pk), "f": True}, token=token)  # twice: still once
    favourites = gql("{ favourites { id title } }", token=token)["favourites"]
    assert {f["id"] for f in favourites} == {str(pages[0].pk), str(pages[1].pk)}
    gql(add, {"id": str(pages[0].pk), "f": False}, token=token)
    assert [f["id"] for f in gql("{ favourites { id } }", token=token)["favourites"]] == [
        str(pages[1].pk)
    ]
    # Another user's favourites are their own.
    assert gql("{ favourites { id } }", token=token_for("espoo-expert"))["favourites"] == []


def test_unpublished_or_unknown_service_cannot_be_favourited(pages):
    token = token_for("helsinki-expert")
    pages[0].unpublish()
    for service_id in (str(pages[0].pk), "999999", "abc"):
        response = post(
            f'mutation {{ setFavourite(serviceId: "{service_id}", favourite: true) {{ isFavourite }} }}',
            token=token,
        )
        assert "errors" in response.json()
    assert not Favourite.objects.exists()


def test_lists_create_share_and_read_only_for_colleagues(pages):
    owner = token_for("helsinki-expert")
    created = gql(
        'mutation($ids: [ID!]) { createServiceList(name: "Nuoret", serviceIds: $ids) { id name } }',
        {"ids": [str(p.pk) for p in pages[:2]]},
        token=owner,
    )["createServiceList"]
    list_id = created["id"]
    change = (
        "mutation($id: ID!, $add: [ID!], $share: [String!]) { changeServiceList(listId: $id, "
        "addServiceIds: $add, shareWith: $share) { id sharedWith { username } services { id } } }"
    )
    data = gql(
        change,
        {"id": list_id, "add": [str(pages[2].pk)], "share": ["helsinki-producer"]},
        token=owner,
    )["changeServiceList"]
    assert [s["id"] for s in data["services"]] == [str(p.pk) for p in pages]
    assert data["sharedWith"] == [{"username": "helsinki-producer"}]

    colleague = token_for("helsinki-producer")
    lists = gql("{ serviceLists { id name isOwner services { id } } }", token=colleague)
    assert lists["serviceLists"] == [
        {
            "id": list_id,
            "name": "Nuoret",
            "isOwner": False,
            "services": [{"id": str(p.pk)} for p in pages],
        }
    ]
    response = post(change, {"id": list_id, "add": [], "share": []}, token=colleague)
    assert error_of(response) == "Only the owner can change a list."
    assert ServiceList.objects.get(pk=list_id).shared_with.count() == 1

    stranger = token_for("espoo-expert")
    assert gql("{ serviceLists { id } }", token=stranger)["serviceLists"] == []
    response = post(change, {"id": list_id, "add": []}, token=stranger)
    assert error_of(response) == f"No service list with id {list_id}."
    response = post(
        f'mutation {{ deleteServiceList(listId: "{list_id}") {{ ok }} }}', token=stranger
    )
    assert "errors" in response.json() and ServiceList.objects.filter(pk=list_id).exists()


def test_list_bad_input_changes_nothing(pages, user):
    owner = token_for("helsinki-expert")
    response = post('mutation { createServiceList(name: "  ") { id } }', token=owner)
    assert error_of(response) == "name must be 1–200 characters."
    response = post(
        'mutation { createServiceList(name: "X", serviceIds: ["999999"]) { id } }', token=owner
    )
    assert "No published service" in error_of(response)
    assert not ServiceList.objects.exists()
    service_list = ServiceList.objects.create(owner=user("helsinki-expert"), name="Oma")
    response = post(
        f'mutation {{ changeServiceList(listId: "{service_list.pk}", shareWith: ["nobody-here"]) {{ id }} }}',
        token=owner,
    )
    assert error_of(response) == "Cannot share with: nobody-here."
    assert not service_list.shared_with.exists()


def test_change_request_send_and_follow(pages):
    token = token_for("helsinki-expert")
    send = (
        "mutation($id: ID!, $m: String!) { sendChangeRequest(serviceId: $id, message: $m, "
        "section: TIME_AND_PLACE) { id status section service { id } } }"
    )
    sent = gql(send, {"id": str(pages[0].pk), "m": "Aukioloajat ovat muuttuneet."}, token=token)
    request = sent["sendChangeRequest"]
    assert request["status"] == "open" and request["section"] == "time_and_place"
    mine = gql("{ myChangeRequests { id status history { status } } }", token=token)
    assert mine["myChangeRequests"][0]["id"] == request["id"]
    assert mine["myChangeRequests"][0]["history"] == [{"status": "open"}]

    # A provider may not send one; an empty message is refused; nothing is stored.
    provider = token_for(f"{pages[0].provider.slug}-editor")
    assert "municipal users" in error_of(
        post(send, {"id": str(pages[0].pk), "m": "x"}, token=provider)
    )
    assert "errors" in post(send, {"id": str(pages[0].pk), "m": "   "}, token=token).json()
    assert ChangeRequest.objects.count() == 1
