"""Every error of the API carries `extensions.code` (cms.api.errors), and every code is
produced by a real request through /graphql/ here, with the HTTP status it comes with
(requests without an Accept header: application/json). Mutations name the argument a
user-input error is about in `extensions.field`.
"""

import ast
import json
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db import OperationalError
from django.test import Client
from graphene_django.settings import graphene_settings

from cms.api.errors import ErrorCode
from cms.api.views import GraphQLView
from services.models import ServiceList, ServicePage
from tests.api.gql import post, token_for

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
TYPENAME = "{ __typename }"


@pytest.fixture(autouse=True)
def _fresh_rate_limit_counters():
    cache.clear()
    yield
    cache.clear()


def raw_post(body, **extra):
    return Client().post("/graphql/", body, content_type="application/json", **extra)


def a_service():
    return ServicePage.objects.live().filter(locale__language_code="fi").order_by("pk").first()


def field_raises(monkeypatch, field, exception):
    def resolve(*args, **kwargs):
        raise exception

    graphql_field = graphene_settings.SCHEMA.graphql_schema.query_type.fields[field]
    monkeypatch.setattr(graphql_field, "resolve", resolve)


# --- the requests: each returns the response ----------------------------------------------
def syntax_error(env):
    return post("{ services(limit: 1) { ")


def validation_error(env):
    return post("{ noSuchField }")


def variable_coercion(env):
    return post("query($l: Int) { services(limit: $l) { totalCount } }", {"l": "many"})


def depth_limit(env):
    nested = "relatedServices { " * 9 + "id" + " }" * 9
    return post("{ services(limit: 1) { items { " + nested + " } } }")  # 12 deep


def invalid_json(env):
    return raw_post("{not json")


def extensions_not_an_object(env):
    return raw_post(json.dumps({"query": TYPENAME, "extensions": [1]}))


def body_too_large(env):
    env.settings.GRAPHQL_MAX_BODY_BYTES = 10
    return post(TYPENAME)


def mutation_over_get(env):
    return Client().get("/graphql/", {"query": "mutation { __typename }"})


def argument_out_of_range(env):
    return post("{ services(limit: 1000) { totalCount } }")


def mutation_input(env):
    return post(
        'mutation { createServiceList(name: "  ") { id } }', token=token_for("helsinki-expert")
    )


def change_request_without_message(env):
    return post(
        'mutation($id: ID!) { sendChangeRequest(serviceId: $id, message: " ") { id } }',
        {"id": str(a_service().pk)},
        token=token_for("helsinki-expert"),
    )


def unknown_service(env):
    return post(
        'mutation { setFavourite(serviceId: "99999999", favourite: true) { isFavourite } }',
        token=token_for("helsinki-expert"),
    )


def unknown_list(env):
    return post(
        'mutation { deleteServiceList(listId: "99999999") { ok } }',
        token=token_for("helsinki-expert"),
    )


def session_without_csrf(env):
    client = Client(enforce_csrf_checks=True)
    client.force_login(env.user("helsinki-expert"))
    return client.post(
        "/graphql/", json.dumps({"query": TYPENAME}), content_type="application/json"
    )


def someone_elses_list(env):
    owner, colleague = env.user("helsinki-expert"), env.user("helsinki-producer")
    service_list = ServiceList.objects.create(owner=owner, name="Shared")
    service_list.shared_with.add(colleague)
    return post(
        f'mutation {{ changeServiceList(listId: "{service_list.pk}", name: "Mine") {{ id }} }}',
        token=token_for("helsinki-producer"),
    )


def provider_sends_change_request(env):
    return post(
        'mutation($id: ID!) { sendChangeRequest(serviceId: $id, message: "Fix") { id } }',
        {"id": str(a_service().pk)},
        token=token_for("tyovalmennus-editor"),
    )


def permission_denied_in_a_field(env):
    field_raises(env.monkeypatch, "services", PermissionDenied("internal detail"))
    return post("{ services(limit: 1) { totalCount } }")


def bad_token(env):
    return post(TYPENAME, token="pm_not-a-token")


def staff_field_anonymously(env):
    return post("{ favourites { id } }")


def over_the_rate_limit(env):
    env.settings.GRAPHQL_RATE_LIMIT_ANONYMOUS = "1/m"
    post(TYPENAME)
    return post(TYPENAME)


def over_the_cost_limit(env):
    env.settings.GRAPHQL_MAX_COST = 10
    return post("{ services(limit: 100) { items { id } } }")


def bug_in_a_field(env):
    env.settings.DEBUG = False
    field_raises(env.monkeypatch, "services", RuntimeError("boom"))
    return post("{ services(limit: 1) { totalCount } }")


def database_outage_in_a_field(env):
    env.settings.DEBUG = False
    field_raises(env.monkeypatch, "services", OperationalError("connection refused"))
    return post("{ services(limit: 1) { totalCount } }")


def bug_outside_execution(env):
    env.settings.DEBUG = False

    def get_context(self, request):
        raise RuntimeError("boom")

    env.monkeypatch.setattr(GraphQLView, "get_context", get_context)
    return post(TYPENAME)


# (request, code, HTTP status, extensions.field, path of the error)
CASES = [
    (syntax_error, "BAD_USER_INPUT", 200, None, None),
    (validation_error, "BAD_USER_INPUT", 200, None, None),
    (variable_coercion, "BAD_USER_INPUT", 200, None, None),
    (depth_limit, "BAD_USER_INPUT", 200, None, None),
    (invalid_json, "BAD_USER_INPUT", 400, None, None),
    (extensions_not_an_object, "BAD_USER_INPUT", 400, None, None),
    (body_too_large, "BAD_USER_INPUT", 400, None, None),
    (mutation_over_get, "BAD_USER_INPUT", 405, None, None),
    (argument_out_of_range, "BAD_USER_INPUT", 200, "limit", ["services"]),
    (mutation_input, "BAD_USER_INPUT", 200, "name", ["createServiceList"]),
    (change_request_without_message, "BAD_USER_INPUT", 200, "message", ["sendChangeRequest"]),
    (unknown_service, "NOT_FOUND", 200, "serviceId", ["setFavourite"]),
    (unknown_list, "NOT_FOUND", 200, "listId", ["deleteServiceList"]),
    (session_without_csrf, "FORBIDDEN", 403, None, None),
    (someone_elses_list, "FORBIDDEN", 200, "listId", ["changeServiceList"]),
    (provider_sends_change_request, "FORBIDDEN", 200, None, ["sendChangeRequest"]),
    (permission_denied_in_a_field, "FORBIDDEN", 200, None, ["services"]),
    (bad_token, "UNAUTHENTICATED", 401, None, None),
    (staff_field_anonymously, "UNAUTHENTICATED", 200, None, ["favourites"]),
    (over_the_rate_limit, "RATE_LIMITED", 429, None, None),
    (over_the_cost_limit, "COST_LIMIT", 200, None, None),
    (bug_in_a_field, "INTERNAL", 500, None, ["services"]),
    (database_outage_in_a_field, "UNAVAILABLE", 503, None, ["services"]),
    (bug_outside_execution, "INTERNAL", 500, None, None),
]


class Env:
    def __init__(self, settings, monkeypatch, user):
        self.settings, self.monkeypatch, self.user = settings, monkeypatch, user


@pytest.mark.parametrize(
    ("request_", "code", "status", "field", "path"),
    CASES,
    ids=[case[0].__name__ for case in CASES],
)
def test_every_error_has_its_code(settings, monkeypatch, user, request_, code, status, field, path):
    response = request_(Env(settings, monkeypatch, user))
    body = response.json()
    assert response.status_code == status, body
    (error,) = body["errors"]
    assert error["extensions"]["code"] == code, error
    assert error["extensions"].get("field") == field, error
    assert error.get("path") == path, error
    assert error["message"]
    # A request refused before execution has no `data`; a field's error comes with it.
    assert ("data" in body) == (path is not None), body


def test_every_code_is_produced_by_a_request():
    assert {case[1] for case in CASES} == {code.value for code in ErrorCode}


def test_a_refused_mutation_changes_nothing(user):
    before = ServiceList.objects.count()
    response = post(
        'mutation { createServiceList(name: "New", serviceIds: ["99999999"]) { id } }',
        token=token_for("helsinki-expert"),
    )
    (error,) = response.json()["errors"]
    assert error["extensions"] == {"code": "NOT_FOUND", "field": "serviceIds"}
    assert response.json()["data"] == {"createServiceList": None}
    assert ServiceList.objects.count() == before


# --- no module of the API raises an error without a code --------------------------------------
API_MODULES = sorted(
    path
    for folder in ("cms/api", "services/api", "policies/api")
    for path in (ROOT / folder).glob("*.py")
    if path.name != "errors.py"
)


@pytest.mark.parametrize("path", API_MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_bare_graphql_error_is_raised(path):
    """GraphQLError(...) is made only by cms.api.errors' helpers, which set the code."""
    calls = [
        node.lineno
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.Call)
        and getattr(node.func, "id", getattr(node.func, "attr", None)) == "GraphQLError"
    ]
    assert calls == [], f"{path}: use cms.api.errors (bad_input, not_found, ...) at lines {calls}"
