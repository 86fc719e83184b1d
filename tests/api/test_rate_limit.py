"""The GraphQL endpoint's rate limit per client: anonymous requests per IP, bearer tokens
per token, session users per user. Over the limit: 429, `Retry-After` and a GraphQL error
with extensions.code RATE_LIMITED, before any SQL. Counters are in Django's cache."""

import json

import pytest
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.test import Client

from tests.api.gql import token_for
from tests.clients import client_for

QUERY = "{ __typename }"


@pytest.fixture(autouse=True)
def _fresh_counters():
    cache.clear()
    yield
    cache.clear()


def post(client=None, token=None, **extra):
    if token:
        extra["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    return (client or Client()).post(
        "/graphql/", json.dumps({"query": QUERY}), content_type="application/json", **extra
    )


def assert_limited(response):
    assert response.status_code == 429, response.content
    retry_after = int(response["Retry-After"])
    assert 1 <= retry_after <= 60
    (error,) = response.json()["errors"]
    assert error["extensions"] == {"code": "RATE_LIMITED"}
    assert "Too many requests: the limit is" in error["message"]
    assert f"Try again in {retry_after} seconds." in error["message"]
    assert "data" not in response.json()


def test_tests_are_not_rate_limited_by_default(settings):
    assert settings.GRAPHQL_RATE_LIMIT_ANONYMOUS == "1000000/m"
    for _ in range(50):
        assert post().status_code == 200


@pytest.mark.django_db
def test_anonymous_requests_are_limited_per_ip(settings, django_assert_num_queries):
    settings.GRAPHQL_RATE_LIMIT_ANONYMOUS = "3/m"
    for _ in range(3):
        assert post(REMOTE_ADDR="203.0.113.7").status_code == 200
    with django_assert_num_queries(0):
        response = post(REMOTE_ADDR="203.0.113.7")
    assert_limited(response)
    assert "the limit is 3 per minute" in response.json()["errors"][0]["message"]
    # Another address has its own count.
    assert post(REMOTE_ADDR="203.0.113.8").status_code == 200


def test_get_requests_count_too(settings):
    settings.GRAPHQL_RATE_LIMIT_ANONYMOUS = "2/m"
    client = Client()
    assert client.get("/graphql/", {"query": QUERY}).status_code == 200
    assert post(client).status_code == 200
    assert_limited(client.get("/graphql/", {"query": QUERY}))


def test_refused_requests_count_too(settings):
    settings.GRAPHQL_RATE_LIMIT_ANONYMOUS = "2/m"
    client = Client()
    bad = client.post("/graphql/", "{nope", content_type="application/json")
    assert bad.status_code == 400
    assert post(client).status_code == 200
    assert_limited(post(client))


def test_a_forged_forwarded_for_does_not_escape_the_limit(settings):
    settings.GRAPHQL_RATE_LIMIT_ANONYMOUS = "2/m"
    assert settings.TRUSTED_PROXY_COUNT == 0
    for i in range(2):
        assert post(HTTP_X_FORWARDED_FOR=f"198.51.100.{i}").status_code == 200
    assert_limited(post(HTTP_X_FORWARDED_FOR="198.51.100.99"))


def test_behind_a_trusted_proxy_each_client_has_its_own_count(settings):
    settings.GRAPHQL_RATE_LIMIT_ANONYMOUS = "2/m"
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    for _ in range(2):
        assert post(HTTP_X_FORWARDED_FOR="198.51.100.1", **proxy).status_code == 200
    assert_limited(post(HTTP_X_FORWARDED_FOR="198.51.100.1", **proxy))
    assert post(HTTP_X_FORWARDED_FOR="198.51.100.2", **proxy).status_code == 200
    # What the client wrote left of the proxy's entry does not matter.
    assert_limited(post(HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.1", **proxy))


def test_ipv6_clients_are_counted_per_64_block(settings):
    settings.GRAPHQL_RATE_LIMIT_ANONYMOUS = "2/m"
    assert post(REMOTE_ADDR="2001:db8:1:2::1").status_code == 200
    assert post(REMOTE_ADDR="2001:db8:1:2:ffff::9").status_code == 200
    assert_limited(post(REMOTE_ADDR="2001:db8:1:2::abcd"))
    assert post(REMOTE_ADDR="2001:db8:1:3::1").status_code == 200


@pytest.mark.django_db
def test_tokens_are_limited_per_token(settings):
    settings.GRAPHQL_RATE_LIMIT_AUTHENTICATED = "2/m"
    settings.GRAPHQL_RATE_LIMIT_ANONYMOUS = "2/m"
    first, second = token_for("helsinki-expert"), token_for("helsinki-expert")
    for _ in range(2):
        assert post(token=first).status_code == 200
    assert_limited(post(token=first))
    # The same user's other token, and anonymous requests from the same address, are
    # other clients.
    assert post(token=second).status_code == 200
    assert post().status_code == 200


@pytest.mark.django_db
def test_session_users_are_limited_per_user(settings, user):
    settings.GRAPHQL_RATE_LIMIT_AUTHENTICATED = "2/m"
    settings.GRAPHQL_RATE_LIMIT_ANONYMOUS = "100/m"
    expert = user("helsinki-expert")
    # A GET needs no CSRF token; the two sessions of one user share a count.
    one, two = client_for(expert), client_for(expert)
    assert one.get("/graphql/", {"query": QUERY}).status_code == 200
    assert two.get("/graphql/", {"query": QUERY}).status_code == 200
    assert_limited(one.get("/graphql/", {"query": QUERY}))
    other = client_for(user("espoo-expert"))
    assert other.get("/graphql/", {"query": QUERY}).status_code == 200


@pytest.mark.django_db
def test_bad_tokens_count_against_the_address(settings):
    settings.GRAPHQL_RATE_LIMIT_ANONYMOUS = "2/m"
    for i in range(2):
        assert post(token=f"pm_not-a-token-{i}").status_code == 401
    assert_limited(post(token="pm_not-a-token-3"))
    assert_limited(post())


def test_the_counters_are_in_the_cache(settings):
    settings.GRAPHQL_RATE_LIMIT_ANONYMOUS = "1/m"
    assert post().status_code == 200
    assert_limited(post())
    cache.clear()  # what every app server shares
    assert post().status_code == 200


def test_an_empty_rate_turns_the_limit_off(settings):
    settings.GRAPHQL_RATE_LIMIT_ANONYMOUS = ""
    for _ in range(5):
        assert post().status_code == 200


def test_a_failing_cache_lets_requests_through(settings, monkeypatch):
    settings.GRAPHQL_RATE_LIMIT_ANONYMOUS = "1/m"

    def broken(*args, **kwargs):
        raise ConnectionError("cache down")

    from django.core.cache import caches

    monkeypatch.setattr(caches["default"], "add", broken)
    for _ in range(3):
        assert post().status_code == 200


@pytest.mark.parametrize("value", ["300/m", "100/5m", "10/s", "1/d", "2/h", ""])
def test_rate_settings_accept_django_ratelimit_rates(monkeypatch, value):
    from cms.settings.base import env_rate

    monkeypatch.setenv("GRAPHQL_RATE_LIMIT_ANONYMOUS", value)
    assert env_rate("GRAPHQL_RATE_LIMIT_ANONYMOUS", "300/m") == value


@pytest.mark.parametrize("value", ["300", "300/", "m", "/m", "300/x", "300/M", "3.5/m", "a/m"])
def test_rate_settings_refuse_anything_else(monkeypatch, value):
    from cms.settings.base import env_rate

    monkeypatch.setenv("GRAPHQL_RATE_LIMIT_ANONYMOUS", value)
    with pytest.raises(ImproperlyConfigured):
        env_rate("GRAPHQL_RATE_LIMIT_ANONYMOUS", "300/m")


@pytest.mark.django_db
def test_the_first_refusal_in_a_window_is_logged_without_the_key(settings, caplog):
    settings.GRAPHQL_RATE_LIMIT_AUTHENTICATED = "1/m"
    token = token_for("helsinki-expert")
    with caplog.at_level("WARNING", logger="cms.api.rate_limit"):
        for _ in range(4):
            post(token=token)
    (record,) = [r for r in caplog.records if r.name == "cms.api.rate_limit"]
    assert "GraphQL rate limit 1/m reached by an API token of user" in record.getMessage()
    assert token not in record.getMessage()
