"""Who a GraphQL request runs as: a bearer token's user (no session, no CSRF token), a
session user only with a valid CSRF token, or anonymous. A bad Authorization header is
refused with 401 before anything runs."""

import json
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.test import Client, RequestFactory
from django.utils import timezone

from cms.api.views import GraphQLView
from cms.models import ApiToken

pytestmark = pytest.mark.django_db

# The test queries, in one place (the schema's shapes change; these only need a root field).
SERVICES_QUERY = "{ services(limit: 1) { __typename } }"
TYPENAME_QUERY = "{ __typename }"

OWNER = "helsinki-producer"
INVALID = {
    "errors": [
        {"message": "Invalid or expired API token.", "extensions": {"code": "UNAUTHENTICATED"}}
    ]
}


def post(client, query=SERVICES_QUERY, **extra):
    return client.post(
        "/graphql/", json.dumps({"query": query}), content_type="application/json", **extra
    )


def bearer(key):
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


@pytest.fixture
def seen_users(monkeypatch):
    """The request.user of every GraphQL execution (none when a request is refused early)."""
    seen = []
    original = GraphQLView.get_context

    def get_context(self, request):
        seen.append(request.user)
        return original(self, request)

    monkeypatch.setattr(GraphQLView, "get_context", get_context)
    return seen


@pytest.fixture
def token(user):
    return ApiToken.issue(user(OWNER), "Frontend")


def test_bearer_token_runs_the_query_as_its_user_without_session_or_csrf(user, token, seen_users):
    _token, raw_key = token
    client = Client(enforce_csrf_checks=True)
    response = post(client, **bearer(raw_key))
    assert response.status_code == 200, response.content
    body = response.json()
    assert "errors" not in body and body["data"]["services"]
    assert [u.username for u in seen_users] == [OWNER]
    assert settings.SESSION_COOKIE_NAME not in response.cookies
    assert settings.SESSION_COOKIE_NAME not in client.cookies


def test_bearer_token_works_on_get_requests(token, seen_users):
    _token, raw_key = token
    response = Client().get("/graphql/", {"query": TYPENAME_QUERY}, **bearer(raw_key))
    assert response.status_code == 200
    assert response.json() == {"data": {"__typename": "Query"}}
    assert [u.username for u in seen_users] == [OWNER]


def test_bearer_token_wins_over_a_session_cookie(user, token, seen_users):
    _token, raw_key = token
    client = Client(enforce_csrf_checks=True)
    client.force_login(user("espoo-main"))
    response = post(client, **bearer(raw_key))
    assert response.status_code == 200
    assert [u.username for u in seen_users] == [OWNER]


def test_revoked_token_is_refused_with_401_and_no_data(user, token, seen_users):
    api_token, raw_key = token
    api_token.revoke(by=user(OWNER))
    response = post(Client(), **bearer(raw_key))
    assert response.status_code == 401
    assert response.json() == INVALID
    assert "Bearer" in response["WWW-Authenticate"]
    assert seen_users == []


def test_expired_token_is_refused_with_401(user, seen_users):
    _token, raw_key = ApiToken.issue(
        user(OWNER), "Old", expires_at=timezone.now() - timedelta(minutes=1)
    )
    response = post(Client(), **bearer(raw_key))
    assert response.status_code == 401 and response.json() == INVALID
    assert seen_users == []


def test_token_of_a_deactivated_user_is_refused(user, token, seen_users):
    _token, raw_key = token
    owner = user(OWNER)
    owner.is_active = False
    owner.save()
    response = post(Client(), **bearer(raw_key))
    assert response.status_code == 401 and response.json() == INVALID
    assert seen_users == []


@pytest.mark.parametrize(
    "header",
    ["Bearer pm_garbage", "Bearer garbage", "Bearer", "Bearer    ", "bearer pm_" + "A" * 43],
)
def test_garbage_bearer_tokens_are_refused(header, seen_users):
    response = post(Client(), HTTP_AUTHORIZATION=header)
    assert response.status_code == 401 and response.json() == INVALID
    assert seen_users == []


@pytest.mark.parametrize("header", ["Basic dXNlcjpwYXNz", "Token pm_abc", "pm_abc"])
def test_other_authorization_schemes_are_refused(header, seen_users):
    response = post(Client(), HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert "Bearer" in response.json()["errors"][0]["message"]
    assert "data" not in response.json()
    assert seen_users == []


def test_anonymous_requests_need_no_token(seen_users):
    response = post(Client(enforce_csrf_checks=True))
    assert response.status_code == 200
    assert len(seen_users) == 1 and not seen_users[0].is_authenticated


# --- session authentication needs a CSRF token ---------------------------------------------
def test_session_post_without_csrf_token_is_refused(user, seen_users):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user(OWNER))
    response = post(client)
    assert response.status_code == 403
    assert "CSRF" in response.json()["errors"][0]["message"]
    assert seen_users == []


def test_session_post_with_csrf_token_runs_as_the_session_user(user, seen_users):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user(OWNER))
    client.get("/graphql/", {"query": TYPENAME_QUERY})  # sets the CSRF cookie
    csrf_token = client.cookies["csrftoken"].value
    seen_users.clear()
    response = post(client, HTTP_X_CSRFTOKEN=csrf_token)
    assert response.status_code == 200, response.content
    assert [u.username for u in seen_users] == [OWNER]


@pytest.mark.parametrize("enabled", [True, False])
def test_graphiql_is_served_only_when_the_setting_is_on(settings, enabled):
    settings.GRAPHIQL_ENABLED = enabled
    request = RequestFactory().get("/graphql/", HTTP_ACCEPT="text/html")
    request.user = AnonymousUser()
    response = GraphQLView.as_view(graphiql=True)(request)
    is_graphiql = response["Content-Type"].startswith("text/html")
    assert is_graphiql is enabled
    assert (b"graphiql" in response.content.lower()) is enabled


def test_graphiql_is_off_under_the_test_settings():
    response = Client().get("/graphql/", HTTP_ACCEPT="text/html")
    assert response["Content-Type"] == "application/json"
    assert b"graphiql" not in response.content.lower()
