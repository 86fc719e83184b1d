"""Staff API edges found in review: a change request's service once it is no longer
public, query counts of the lists, malformed ids in setFavourite."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from services.models import ServiceList, ServicePage
from tests.api.gql import gql, post, token_for

pytestmark = pytest.mark.django_db

SECRET_TITLE = "ZQXJ-PRIVATE-TITLE-6610"


@pytest.fixture
def pages(services):
    return list(ServicePage.objects.live().filter(locale__language_code="fi").order_by("pk")[:6])


@pytest.mark.parametrize("how", ["private", "unpublished"])
def test_my_change_requests_drop_a_service_that_is_no_longer_public(pages, how):
    token = token_for("helsinki-expert")
    send = 'mutation($id: ID!) { sendChangeRequest(serviceId: $id, message: "x") { id } }'
    gql(send, {"id": str(pages[0].pk)}, token=token)
    gql(send, {"id": str(pages[1].pk)}, token=token)
    page = ServicePage.objects.get(pk=pages[0].pk)
    page.title = SECRET_TITLE
    page.save_revision().publish()
    if how == "private":
        PageViewRestriction.objects.create(page=page, restriction_type="login")
    else:
        page.unpublish()
    response = post("{ myChangeRequests { status service { id slug title } } }", token=token)
    assert SECRET_TITLE not in response.content.decode()
    requests = response.json()["data"]["myChangeRequests"]
    # Both requests are still listed with their status; only the hidden service is null.
    assert [r["service"] and r["service"]["id"] for r in requests] == [str(pages[1].pk), None]
    assert all(r["status"] == "open" for r in requests)


def lists_query(token):
    query = "{ serviceLists { id name isOwner sharedWith { username } services { id title } } }"
    with CaptureQueriesContext(connection) as ctx:
        data = gql(query, token=token)
    return len(ctx.captured_queries), data["serviceLists"]


def test_service_lists_run_a_constant_number_of_queries(pages, user):
    owner = user("helsinki-expert")
    token = token_for("helsinki-expert")

    def make(first, count):
        for i in range(first, first + count):
            service_list = ServiceList.objects.create(owner=owner, name=f"Lista {i:02}")
            for page in pages[i % 3 : i % 3 + 3]:
                service_list.add(page)
            service_list.shared_with.add(user("helsinki-producer"))

    make(0, 1)
    lists_query(token)  # warm caches (content types, locales)
    one, _ = lists_query(token)
    make(1, 9)
    ten, lists = lists_query(token)
    own = [each for each in lists if each["name"].startswith("Lista")]
    assert len(own) == 10
    assert [s["id"] for s in own[4]["services"]] == [str(p.pk) for p in pages[1:4]]
    assert own[4]["sharedWith"] == [{"username": "helsinki-producer"}]
    assert ten == one, f"1 list: {one} queries, 10 lists: {ten}"


@pytest.mark.parametrize("favourite", ["true", "false"])
def test_set_favourite_with_a_malformed_id(pages, favourite):
    body = post(
        f'mutation {{ setFavourite(serviceId: "abc", favourite: {favourite}) {{ isFavourite }} }}',
        token=token_for("helsinki-expert"),
    ).json()
    assert body["errors"][0]["message"] == "serviceId must be a number."
