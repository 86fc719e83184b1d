"""Errors never carry tracebacks, SQL or paths unless DEBUG: an unexpected exception in a
resolver answers "Internal error." and is logged here; GraphQLErrors raised on purpose
keep their message."""

import json
import logging

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from graphene_django.settings import graphene_settings
from graphql.error import GraphQLError

pytestmark = pytest.mark.django_db

# The test query, in one place (the schema's shapes change; this only needs the root field).
SERVICES_QUERY = "{ services(limit: 1) { __typename } }"
SECRET = "/secret/path/cms/models.py SELECT password FROM auth_user"


def post(query=SERVICES_QUERY):
    return Client().post("/graphql/", json.dumps({"query": query}), content_type="application/json")


@pytest.fixture
def services_raises(monkeypatch):
    """Make the root `services` field raise the given exception."""

    def install(exception):
        def resolve(*args, **kwargs):
            raise exception

        field = graphene_settings.SCHEMA.graphql_schema.query_type.fields["services"]
        monkeypatch.setattr(field, "resolve", resolve)

    return install


def test_unexpected_error_is_masked_in_production(settings, services_raises, caplog):
    settings.DEBUG = False
    services_raises(RuntimeError(SECRET))
    with caplog.at_level(logging.ERROR, logger="cms.api.views"):
        response = post()
    text = response.content.decode()
    for leak in ("secret", "SELECT", "Traceback", "RuntimeError", ".py", "password"):
        assert leak not in text
    body = response.json()
    assert body["errors"] == [
        {
            "message": "Internal error.",
            "locations": [{"line": 1, "column": 3}],
            "path": ["services"],
            "extensions": {"code": "INTERNAL"},
        }
    ]
    # The real error is in the server's log, with its traceback.
    record = next(r for r in caplog.records if r.name == "cms.api.views")
    assert record.exc_info and record.exc_info[0] is RuntimeError
    assert SECRET in str(record.exc_info[1])


def test_unexpected_error_shows_its_message_in_debug(settings, services_raises):
    settings.DEBUG = True
    services_raises(RuntimeError("boom in development"))
    response = post()
    assert response.json()["errors"][0]["message"] == "boom in development"


def test_deliberate_graphql_errors_keep_their_message(settings, services_raises):
    settings.DEBUG = False
    services_raises(GraphQLError("limit must be between 1 and 100."))
    response = post()
    assert response.json()["errors"][0]["message"] == "limit must be between 1 and 100."


def test_permission_denied_says_so(settings, services_raises):
    settings.DEBUG = False
    services_raises(PermissionDenied("internal detail"))
    response = post()
    assert response.json()["errors"][0]["message"] == "Permission denied."
    assert "internal detail" not in response.content.decode()


def test_validation_errors_are_not_masked(settings):
    settings.DEBUG = False
    response = post("{ noSuchField }")
    assert response.status_code == 200  # application/json: the spec's legacy rule
    assert "Cannot query field 'noSuchField'" in response.json()["errors"][0]["message"]
