"""An anonymous persisted GET's cached answer is served before the session, user, locale
and view machinery (cms.api.persisted.PersistedCacheMiddleware): the same bytes and headers
as the view's answer, the same key (language from the cookie or Accept-Language), and never
for a caller with a session cookie or a token."""

import json
from unittest import mock

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client

from cms.api.views import GraphQLView
from tests.api.test_persisted_queries import LISTING, LISTING_VARS, counted, get, sha

pytestmark = pytest.mark.django_db

SAME_HEADERS = (
    "Content-Type",
    "Cache-Control",
    "ETag",
    "Vary",
    "Content-Language",
    "Content-Security-Policy",
    "X-Content-Type-Options",
    "Referrer-Policy",
)


@pytest.fixture(autouse=True)
def _fresh_cache(settings):
    settings.GRAPHQL_CACHE_SECONDS = 60
    cache.clear()
    yield
    cache.clear()


def _view_never_runs():
    return mock.patch.object(GraphQLView, "dispatch", side_effect=AssertionError("view ran"))


def test_a_hit_is_answered_without_the_view_with_the_views_headers():
    stored = get()
    assert stored.status_code == 200
    with _view_never_runs():
        early, queries = counted(get)
    assert queries == 0  # not even the session or the user
    assert early.status_code == 200 and early.content == stored.content
    for name in SAME_HEADERS:
        assert early.get(name) == stored.get(name), name
    with _view_never_runs():
        not_modified = get(HTTP_IF_NONE_MATCH=stored["ETag"])
    assert not_modified.status_code == 304 and not_modified["ETag"] == stored["ETag"]


def test_a_miss_goes_down_to_the_view():
    with _view_never_runs(), pytest.raises(AssertionError, match="view ran"):
        get()


def test_the_language_of_the_key_is_the_back_offices():
    get(HTTP_ACCEPT_LANGUAGE="fi")
    with _view_never_runs():
        assert get(HTTP_ACCEPT_LANGUAGE="fi").status_code == 200
    # Another language is another entry, by header or by the language cookie.
    with _view_never_runs(), pytest.raises(AssertionError, match="view ran"):
        get(HTTP_ACCEPT_LANGUAGE="sv")
    swedish = Client()
    swedish.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
    with _view_never_runs(), pytest.raises(AssertionError, match="view ran"):
        get(client=swedish, HTTP_ACCEPT_LANGUAGE="fi")
    answered = get(client=swedish, HTTP_ACCEPT_LANGUAGE="fi")
    assert answered["Content-Language"] == "sv"
    with _view_never_runs():
        assert get(client=swedish, HTTP_ACCEPT_LANGUAGE="fi")["Content-Language"] == "sv"


def test_the_media_type_is_part_of_the_key():
    get()
    with _view_never_runs(), pytest.raises(AssertionError, match="view ran"):
        get(HTTP_ACCEPT="application/graphql-response+json")
    spec = get(HTTP_ACCEPT="application/graphql-response+json")
    with _view_never_runs():
        again = get(HTTP_ACCEPT="application/graphql-response+json")
    assert again["Content-Type"] == spec["Content-Type"]
    assert again["Content-Type"].startswith("application/graphql-response+json")


@pytest.mark.parametrize(
    "headers",
    [{"HTTP_AUTHORIZATION": "Bearer whatever"}, {"HTTP_COOKIE": "sessionid=abc"}],
    ids=["token", "session cookie"],
)
def test_a_token_or_a_session_cookie_always_reaches_the_view(headers):
    get()
    with _view_never_runs(), pytest.raises(AssertionError, match="view ran"):
        get(**headers)


def test_other_shapes_of_request_reach_the_view():
    get()
    variables = json.dumps(LISTING_VARS)
    with _view_never_runs():
        for params in (
            {"id": LISTING, "variables": variables, "query": "{ __typename }"},
            {"id": "0" * 64, "variables": variables},
        ):
            with pytest.raises(AssertionError, match="view ran"):
                Client().get("/graphql/", params)
        with pytest.raises(AssertionError, match="view ran"):
            Client().post(
                "/graphql/?" + f"id={LISTING}", {"variables": variables}, "application/json"
            )


def test_the_cache_off_means_no_early_answers(settings):
    get()
    settings.GRAPHQL_CACHE_SECONDS = 0
    with _view_never_runs(), pytest.raises(AssertionError, match="view ran"):
        get()


def test_a_preview_document_is_never_served_early():
    params = {
        "id": sha("service-page"),
        "operationName": "ServicePreview",
        "variables": json.dumps({"token": "x", "locale": "fi", "internal": False}),
    }
    Client().get("/graphql/", params)
    with _view_never_runs(), pytest.raises(AssertionError, match="view ran"):
        Client().get("/graphql/", params)


def test_an_early_hit_counts_against_the_anonymous_rate_limit(settings):
    settings.GRAPHQL_RATE_LIMIT_ANONYMOUS = "2/m"
    assert get(REMOTE_ADDR="198.51.100.7").status_code == 200  # the view, counted there
    with _view_never_runs():
        assert get(REMOTE_ADDR="198.51.100.7").status_code == 200  # early, counted
        refused = get(REMOTE_ADDR="198.51.100.7")
        assert get(REMOTE_ADDR="198.51.100.8").status_code == 200  # another client
    assert refused.status_code == 429 and refused["Retry-After"]
    assert refused.json()["errors"][0]["extensions"]["code"] == "RATE_LIMITED"


def test_a_failing_cache_sends_the_request_on_to_the_view():
    get()
    with (
        # The reading module's name for the cache, not the cache object: patching through
        # Django's per-thread proxy would drop the metrics' counting wrapper on exit.
        mock.patch(
            "cms.cache_generation.cache",
            **{
                "get.side_effect": ConnectionError("down"),
                "get_many.side_effect": ConnectionError("down"),
            },
        ),
        _view_never_runs(),
        pytest.raises(AssertionError, match="view ran"),
    ):
        get()


def test_a_changed_setting_is_followed_by_the_next_early_answer(settings):
    """The early decision is kept per request shape (cms.api.persisted._early_key); a
    setting it depends on changing clears it."""
    assert get()["Content-Language"] == "en"  # the test settings' language without a header
    with _view_never_runs():
        assert get()["Content-Language"] == "en"
    settings.BACK_OFFICE_LANGUAGE_WITHOUT_HEADER = "sv"
    with _view_never_runs(), pytest.raises(AssertionError, match="view ran"):
        get()  # another language: another entry, not yet stored
    assert get()["Content-Language"] == "sv"


def test_the_kept_decisions_are_bounded(monkeypatch):
    from cms.api import persisted

    monkeypatch.setattr(persisted, "EARLY_KEYS_MAX", 20)
    for n in range(25):
        Client().get("/graphql/", {"id": LISTING, "variables": json.dumps({"offset": n})})
    assert 0 < len(persisted._early_keys) <= 20
