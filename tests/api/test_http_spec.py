"""GraphQL over HTTP (the working group's spec; `make api-audit` runs its conformance audit
against a live server): the response media type follows the Accept header, request errors
are 400 under application/graphql-response+json and 200 under application/json (the
spec's legacy rule), the `extensions` parameter must be an object, and our own refusals
(401, 403, 405, 429, malformed requests) keep their statuses under both media types.
cms/api/http.py has the rules."""

import json

import pytest
from django.core.cache import cache
from django.test import Client
from graphene_django.settings import graphene_settings

from cms.api.http import graphql_status, response_media_type
from cms.api.views import GraphQLView

pytestmark = pytest.mark.django_db

GRJ = "application/graphql-response+json"
JSON = "application/json"
CONTENT_TYPE = {GRJ: f"{GRJ}; charset=utf-8", JSON: JSON}
TYPENAME = "{ __typename }"


@pytest.fixture(autouse=True)
def _fresh_rate_limit_counters():
    cache.clear()
    yield
    cache.clear()


def post(payload, accept=None, client=None, **extra):
    if accept is not None:
        extra["HTTP_ACCEPT"] = accept
    body = payload if isinstance(payload, str) else json.dumps(payload)
    return (client or Client()).post("/graphql/", body, content_type="application/json", **extra)


# --- content negotiation ----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("accept", "media_type"),
    [
        (None, JSON),
        ("", JSON),
        ("application/json", JSON),
        ("*/*", JSON),
        ("application/*", JSON),
        (GRJ, GRJ),
        (f"{GRJ}, application/json;q=0.9", GRJ),  # what the spec recommends clients send
        (f"application/json, {GRJ}", JSON),  # equally preferred: the client's order
        (f"application/json;q=0.5, {GRJ}", GRJ),
        (f"{GRJ};q=0, application/json", JSON),
        (f"{GRJ};q=0", JSON),
        ("text/plain", JSON),  # nothing we serve: application/json rather than a 406
        (f"text/html;q=0.9, {GRJ};q=0.8", GRJ),
        (f"{GRJ.upper()}; charset=utf-8", GRJ),
        (f"{GRJ};q=nonsense, application/json;q=0.1", JSON),
    ],
)
def test_the_media_type_follows_the_accept_header(accept, media_type):
    assert response_media_type(accept) == media_type
    response = post({"query": TYPENAME}, accept=accept)
    assert response.status_code == 200
    assert response["Content-Type"] == CONTENT_TYPE[media_type]
    assert response.json() == {"data": {"__typename": "Query"}}
    assert "Accept" in response["Vary"]


def test_get_requests_negotiate_too():
    response = Client().get("/graphql/", {"query": TYPENAME}, HTTP_ACCEPT=GRJ)
    assert response.status_code == 200 and response["Content-Type"] == CONTENT_TYPE[GRJ]


# --- request errors: 400 under graphql-response+json, 200 under application/json -------------
REQUEST_ERRORS = {
    "parse": {"query": "{"},
    "validation": {"query": "{ noSuchField }"},
    "variable-coercion": {"query": "query($id: ID!) { service(id: $id) { id } }", "variables": {}},
    "unused-variable": {"query": "query CoerceFailure($id: ID!) { __typename }"},
    "depth": {"query": "{ services { items { " + "relatedServices { " * 9 + "id" + " }" * 11},
    "cost": {"query": "{ a: services(limit: 100) { items { id title slug } } }"},
    "query-size": {"query": "{ __typename " + " " * 20_001 + "}"},
}


@pytest.mark.parametrize("payload", REQUEST_ERRORS.values(), ids=REQUEST_ERRORS.keys())
@pytest.mark.parametrize(("accept", "status"), [(GRJ, 400), (JSON, 200), (None, 200)])
def test_request_errors_by_media_type(settings, payload, accept, status):
    settings.GRAPHQL_MAX_COST = 100
    response = post(payload, accept=accept)
    body = response.json()
    assert response.status_code == status, body
    assert "data" not in body and body["errors"], body
    assert response["Content-Type"] == CONTENT_TYPE[accept or JSON]


@pytest.mark.parametrize("accept", [GRJ, JSON])
def test_errors_inside_fields_are_200_with_data(accept):
    response = post({"query": "{ services(limit: 0) { totalCount } __typename }"}, accept=accept)
    body = response.json()
    assert response.status_code == 200
    assert body["data"] is None  # `services` is non-null: its error nulls the whole data
    assert body["errors"][0]["path"] == ["services"]


# --- malformed requests and our own refusals: the same status under both media types -----------
def _session_without_csrf(accept, user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user("helsinki-expert"))
    return post({"query": TYPENAME}, accept=accept, client=client)


REFUSALS = {
    "invalid-json": (lambda accept, user: post('{ "not a JSON', accept=accept), 400),
    "no-query": (lambda accept, user: post({"notquery": TYPENAME}, accept=accept), 400),
    "query-not-a-string": (lambda accept, user: post({"query": 0}, accept=accept), 400),
    "variables-not-an-object": (
        lambda accept, user: post({"query": TYPENAME, "variables": "string"}, accept=accept),
        400,
    ),
    "operation-name-not-a-string": (
        lambda accept, user: post({"query": TYPENAME, "operationName": False}, accept=accept),
        400,
    ),
    "no-content-type": (
        lambda accept, user: Client().generic(
            "POST", "/graphql/", json.dumps({"query": TYPENAME}), HTTP_ACCEPT=accept
        ),
        400,
    ),
    "mutation-over-get": (
        lambda accept, user: Client().get(
            "/graphql/", {"query": "mutation { __typename }"}, HTTP_ACCEPT=accept
        ),
        405,
    ),
    "bad-token": (
        lambda accept, user: post(
            {"query": TYPENAME}, accept=accept, HTTP_AUTHORIZATION="Bearer pm_nope"
        ),
        401,
    ),
    "session-without-csrf": (_session_without_csrf, 403),
}


@pytest.mark.parametrize(("request_", "status"), REFUSALS.values(), ids=REFUSALS.keys())
@pytest.mark.parametrize("accept", [GRJ, JSON])
def test_refusals_keep_their_status_under_both_media_types(user, accept, request_, status):
    response = request_(accept, user)
    assert response.status_code == status, response.content
    assert response["Content-Type"] == CONTENT_TYPE[accept]
    body = response.json()
    assert "data" not in body and body["errors"][0]["extensions"]["code"]


@pytest.mark.parametrize("accept", [GRJ, JSON])
def test_rate_limit_and_body_limit_keep_their_status(settings, accept):
    settings.GRAPHQL_MAX_BODY_BYTES = 10
    response = post({"query": TYPENAME}, accept=accept)
    assert response.status_code == 400 and response["Content-Type"] == CONTENT_TYPE[accept]
    settings.GRAPHQL_MAX_BODY_BYTES = 1000
    settings.GRAPHQL_RATE_LIMIT_ANONYMOUS = "1/m"
    post({"query": TYPENAME})
    response = post({"query": TYPENAME}, accept=accept)
    assert response.status_code == 429 and response["Content-Type"] == CONTENT_TYPE[accept]
    assert response.json()["errors"][0]["extensions"] == {"code": "RATE_LIMITED"}


# --- the extensions parameter -------------------------------------------------------------------
@pytest.mark.parametrize("extensions", [{"some": "value"}, {}, None])
@pytest.mark.parametrize("accept", [GRJ, JSON])
def test_object_or_null_extensions_are_accepted(accept, extensions):
    response = post({"query": TYPENAME, "extensions": extensions}, accept=accept)
    assert response.status_code == 200
    assert response.json() == {"data": {"__typename": "Query"}}


@pytest.mark.parametrize("extensions", ["string", 0, False, ["array"], '{"a": 1}'])
@pytest.mark.parametrize("accept", [GRJ, JSON])
def test_other_extensions_are_a_400(accept, extensions):
    response = post({"query": TYPENAME, "extensions": extensions}, accept=accept)
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {"message": "extensions must be a JSON object.", "extensions": {"code": "BAD_USER_INPUT"}}
    ]


@pytest.mark.parametrize(
    ("extensions", "status"),
    [('{"persistedQuery": {"version": 1}}', 200), ("", 200), ("[1]", 400), ("{nope", 400)],
)
def test_extensions_in_a_get_are_json_text(extensions, status):
    response = Client().get("/graphql/", {"query": TYPENAME, "extensions": extensions})
    assert response.status_code == status, response.content


def test_extensions_in_a_form_are_json_text():
    client = Client()
    ok = client.post("/graphql/", {"query": TYPENAME, "extensions": '{"a": 1}'})
    assert ok.status_code == 200, ok.content
    refused = client.post("/graphql/", {"query": TYPENAME, "extensions": "[1]"})
    assert refused.status_code == 400


# --- server faults --------------------------------------------------------------------------------
def _services_raise(monkeypatch):
    def resolve(*args, **kwargs):
        raise RuntimeError("boom")

    field = graphene_settings.SCHEMA.graphql_schema.query_type.fields["services"]
    monkeypatch.setattr(field, "resolve", resolve)


@pytest.mark.parametrize(("accept", "status"), [(GRJ, 500), (JSON, 500)])
def test_a_fault_that_nulls_all_data_is_a_500_under_both_media_types(
    settings, monkeypatch, accept, status
):
    settings.DEBUG = False
    _services_raise(monkeypatch)
    response = post({"query": "{ services { totalCount } }"}, accept=accept)
    assert response.status_code == status
    body = response.json()
    assert body["data"] is None
    assert body["errors"][0]["extensions"] == {"code": "INTERNAL"}


@pytest.mark.parametrize("accept", [GRJ, JSON])
def test_a_fault_with_partial_data_is_a_200(settings, monkeypatch, accept):
    settings.DEBUG = False

    def resolve(*args, **kwargs):
        raise RuntimeError("boom")

    field = graphene_settings.SCHEMA.graphql_schema.query_type.fields["service"]
    monkeypatch.setattr(field, "resolve", resolve)
    response = post({"query": '{ service(id: "1") { id } __typename }'}, accept=accept)
    assert response.status_code == 200
    assert response.json()["data"] == {"service": None, "__typename": "Query"}


@pytest.mark.parametrize("accept", [GRJ, JSON])
def test_a_fault_outside_execution_is_a_500(settings, monkeypatch, accept):
    settings.DEBUG = False

    def get_context(self, request):
        raise RuntimeError("/secret/path SELECT")

    monkeypatch.setattr(GraphQLView, "get_context", get_context)
    response = post({"query": TYPENAME}, accept=accept)
    assert response.status_code == 500
    assert response["Content-Type"] == CONTENT_TYPE[accept]
    assert response.json() == {
        "errors": [{"message": "Internal error.", "extensions": {"code": "INTERNAL"}}]
    }


def test_a_fault_outside_execution_is_raised_in_debug(settings, monkeypatch):
    settings.DEBUG = True

    def get_context(self, request):
        raise RuntimeError("boom")

    monkeypatch.setattr(GraphQLView, "get_context", get_context)
    with pytest.raises(RuntimeError):
        post({"query": TYPENAME})


@pytest.mark.parametrize(
    ("media_type", "has_data", "data_is_null", "codes", "status"),
    [
        (GRJ, True, False, [], 200),
        (GRJ, True, False, ["INTERNAL"], 200),  # partial data: 2xx is a MUST
        (GRJ, True, True, ["INTERNAL"], 500),
        (GRJ, True, True, ["INTERNAL", "BAD_USER_INPUT"], 200),
        (GRJ, True, True, ["UNAUTHENTICATED"], 200),
        (GRJ, False, True, ["BAD_USER_INPUT"], 400),
        (GRJ, False, True, ["COST_LIMIT"], 400),
        (GRJ, False, True, ["INTERNAL"], 500),
        (JSON, True, True, ["INTERNAL"], 500),  # a server fault is not the request's error
        (JSON, True, False, ["INTERNAL"], 200),
        (GRJ, True, True, ["UNAVAILABLE"], 503),
        (JSON, True, True, ["UNAVAILABLE", "INTERNAL"], 503),
        (JSON, False, True, ["UNAVAILABLE"], 503),
        # An outage anywhere is a 503: the view drops the partial data it came with (data
        # null), so the spec's "non-null data MUST be 2xx" never meets an outage.
        (GRJ, True, False, ["UNAVAILABLE"], 503),
        (JSON, True, True, ["UNAVAILABLE", "BAD_USER_INPUT"], 503),
        (JSON, False, True, ["BAD_USER_INPUT"], 200),
        (JSON, False, True, ["INTERNAL"], 500),
    ],
)
def test_graphql_status(media_type, has_data, data_is_null, codes, status):
    assert graphql_status(media_type, has_data, data_is_null, codes) == status
