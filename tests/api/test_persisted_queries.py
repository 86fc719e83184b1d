"""Persisted queries (graphql/queries/*.graphql by SHA-256) over GET, and the cache of
anonymous answers: ETag, Cache-Control, 304, invalidation by publication (the generation of
cms.cache_generation), never for a token or session caller (cms/api/persisted.py)."""

import hashlib
import json

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from cms import cache_generation
from services.models import ProviderFolderPage, ServicePage
from services.models.taxonomies import Audience
from tests.api.gql import QUERIES, token_for

pytestmark = pytest.mark.django_db


def sha(name: str) -> str:
    return hashlib.sha256((QUERIES / f"{name}.graphql").read_bytes()).hexdigest()


LISTING = sha("catalogue-listing")
LISTING_VARS = {"locale": "fi", "limit": 100}


@pytest.fixture(autouse=True)
def _fresh_cache(settings):
    settings.GRAPHQL_CACHE_SECONDS = 60
    cache.clear()
    yield
    cache.clear()


def get(params=None, client=None, **headers):
    query = {"id": LISTING, "variables": json.dumps(LISTING_VARS)}
    query.update(params or {})
    return (client or Client()).get("/graphql/", query, **headers)


def counted(call):
    with CaptureQueriesContext(connection) as queries:
        response = call()
    return response, len(queries)


def titles(response) -> set[str]:
    assert response.status_code == 200, response.content
    return {item["title"] for item in response.json()["data"]["services"]["items"]}


def test_a_persisted_get_answers_the_document_and_is_cached_with_etag():
    first, first_queries = counted(get)
    assert first.status_code == 200, first.content
    body = first.json()
    assert "errors" not in body and body["data"]["services"]["totalCount"] > 0
    assert first["Cache-Control"] == "public, max-age=60"
    etag = first["ETag"]
    assert etag.startswith('"') and len(etag) > 10
    assert {"Accept", "Authorization", "Cookie"} <= {v.strip() for v in first["Vary"].split(",")}
    assert first_queries > 0

    second, second_queries = counted(get)
    assert second_queries == 0  # from the cache: no SQL
    assert second.content == first.content and second["ETag"] == etag

    not_modified, queries = counted(lambda: get(HTTP_IF_NONE_MATCH=etag))
    assert not_modified.status_code == 304 and not_modified.content == b""
    assert not_modified["ETag"] == etag and queries == 0
    # The gzip middleware's weak form matches too; another tag does not.
    assert get(HTTP_IF_NONE_MATCH=f"W/{etag}").status_code == 304
    assert get(HTTP_IF_NONE_MATCH='"other"').status_code == 200


def test_other_variables_are_another_entry():
    few = get({"variables": json.dumps({"locale": "fi", "limit": 2})})
    assert len(few.json()["data"]["services"]["items"]) == 2
    assert get().content != few.content
    assert get()["ETag"] != few["ETag"]


def test_apollo_extensions_name_the_document_too():
    extensions = {"persistedQuery": {"version": 1, "sha256Hash": LISTING}}
    response = Client().get(
        "/graphql/",
        {"extensions": json.dumps(extensions), "variables": json.dumps(LISTING_VARS)},
    )
    assert response.status_code == 200 and response["Cache-Control"] == "public, max-age=60"
    assert response.content == get().content


def test_an_unknown_hash_is_a_400():
    response = Client().get("/graphql/", {"id": "0" * 64})
    assert response.status_code == 400
    (error,) = response.json()["errors"]
    assert "PersistedQueryNotFound" in error["message"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"


def test_a_persisted_mutation_is_refused_on_get():
    response = Client().get(
        "/graphql/", {"id": sha("add-favourite"), "variables": json.dumps({"id": "1"})}
    )
    assert response.status_code == 405
    assert "public" not in response.get("Cache-Control", "")


def test_post_stays_uncached():
    def post():
        return Client().post(
            "/graphql/",
            json.dumps({"id": LISTING, "variables": LISTING_VARS}),
            content_type="application/json",
        )

    first, _ = counted(post)
    assert first.status_code == 200 and "errors" not in first.json()
    assert "public" not in first.get("Cache-Control", "")
    _, queries = counted(post)
    assert queries > 0


def test_a_token_caller_never_gets_nor_leaves_a_cached_answer(user):
    anonymous = get()
    token = token_for("helsinki-producer")
    response, queries = counted(lambda: get(HTTP_AUTHORIZATION=f"Bearer {token}"))
    assert response.status_code == 200 and queries > 0
    assert response["Cache-Control"] == "private, no-store"
    assert not response.has_header("ETag")
    # Internal data for the token's user: a document that reads it.
    internal = get(
        {"id": sha("staff-detail"), "variables": json.dumps({"id": _service().pk})},
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert internal["Cache-Control"] == "private, no-store"
    anon_detail, queries = counted(
        lambda: get({"id": sha("staff-detail"), "variables": json.dumps({"id": _service().pk})})
    )
    assert queries > 0, "the token caller's answer was served to an anonymous caller"
    assert anon_detail.content != internal.content
    assert get().content == anonymous.content


def test_a_signed_in_session_never_gets_a_cached_answer(login):
    get()  # cached for anonymous callers
    client = login("helsinki-producer")
    response, queries = counted(lambda: get(client=client))
    assert response.status_code == 200 and queries > 0
    assert response["Cache-Control"] == "private, no-store"


def test_a_preview_is_never_cached():
    response = Client().get(
        "/graphql/",
        {
            "id": sha("service-page"),
            "operationName": "ServicePreview",
            "variables": json.dumps({"token": "id=1:nope"}),
        },
    )
    assert "public" not in response.get("Cache-Control", "")
    assert not response.has_header("ETag")


def test_zero_seconds_turns_the_cache_off(settings):
    settings.GRAPHQL_CACHE_SECONDS = 0
    get()
    response, queries = counted(get)
    assert response.status_code == 200 and queries > 0
    assert "public" not in response.get("Cache-Control", "")


def _service() -> ServicePage:
    return ServicePage.objects.live().public().filter(locale__language_code="fi").order_by("pk")[0]


def test_unpublish_and_publish_reach_the_next_get():
    page = _service()
    before = titles(get())
    assert page.title in before
    generation = cache_generation.current()
    page.unpublish()
    assert cache_generation.current() != generation
    assert page.title not in titles(get())
    page = ServicePage.objects.get(pk=page.pk)
    page.save_revision().publish()
    assert page.title in titles(get())


def test_a_published_change_reaches_the_next_get():
    page = _service()
    get()
    page.title = "Välimuistin ohittava otsikko"
    page.save_revision().publish()
    assert "Välimuistin ohittava otsikko" in titles(get())


def test_a_move_reaches_the_next_get():
    page = _service()
    variables = {"locale": "fi", "limit": 100, "filter": {"providers": [page.provider.slug]}}
    listed = get({"variables": json.dumps(variables)})
    assert page.title in titles(listed)
    target = (
        ProviderFolderPage.objects.filter(locale__language_code="fi")
        .exclude(organisation=page.provider)
        .first()
    )
    page.move(target, pos="last-child")
    assert ServicePage.objects.get(pk=page.pk).provider != page.provider
    assert page.title not in titles(get({"variables": json.dumps(variables)}))


def test_a_renamed_term_reaches_the_next_get():
    document = {"id": sha("taxonomies"), "variables": json.dumps({"locale": "fi"})}
    first = get(document)
    term = Audience.objects.filter(locale__language_code="fi").order_by("pk").first()
    assert term.name in {t["name"] for t in first.json()["data"]["audiences"]}
    term.name = "Uusi kohderyhmän nimi"
    term.save()
    second = get(document)
    assert "Uusi kohderyhmän nimi" in {t["name"] for t in second.json()["data"]["audiences"]}
    assert second["ETag"] != first["ETag"]


def test_a_deleted_service_reaches_the_next_get():
    page = _service()
    assert page.title in titles(get())
    page.delete()
    assert page.title not in titles(get())


def test_a_content_page_or_policy_changing_publication_reaches_the_next_get():
    from content.models import ContentPage
    from policies.models.pages import PolicyPage

    document = {"id": sha("content-pages"), "variables": json.dumps({"locale": "fi"})}
    page = ContentPage.objects.live().public().filter(locale__language_code="fi").first()
    first = get(document)
    assert page.title in {item["title"] for item in first.json()["data"]["contentPages"]["items"]}
    page.unpublish()
    second = get(document)
    assert page.title not in {i["title"] for i in second.json()["data"]["contentPages"]["items"]}

    policy = PolicyPage.objects.live().first()
    generation = cache_generation.current()
    policy.unpublish()
    assert cache_generation.current() != generation


def test_an_entry_built_before_a_bump_is_a_miss_and_the_read_is_one_round_trip():
    """cache_generation.get_fresh / set_fresh: the generation travels in the entry (one
    get_many per read); an entry built while the generation moved on is never served."""
    key = "test:fresh-entry"
    value, generation = cache_generation.get_fresh(key)
    assert value is None and generation == cache_generation.current()
    cache_generation.set_fresh(key, {"body": b"old"}, generation, 60)
    assert cache_generation.get_fresh(key) == ({"body": b"old"}, generation)
    cache_generation.bump()  # a publication while (or after) the entry was built
    value, newer = cache_generation.get_fresh(key)
    assert value is None and newer != generation
    cache_generation.set_fresh(key, {"body": b"new"}, newer, 60)
    calls = []
    real = cache.get_many
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(cache, "get_many", lambda keys: calls.append(list(keys)) or real(keys))
        assert cache_generation.get_fresh(key) == ({"body": b"new"}, newer)
    assert calls == [[cache_generation.KEY, key]]


def test_a_lost_generation_makes_every_entry_a_miss():
    """Redis restarted or the counter evicted: a new number from the clock, no old entry."""
    key = "test:fresh-lost"
    _, generation = cache_generation.get_fresh(key)
    cache_generation.set_fresh(key, "kept", generation, 60)
    cache.delete(cache_generation.KEY)
    value, fresh = cache_generation.get_fresh(key)
    assert value is None and fresh != generation
