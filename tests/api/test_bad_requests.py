"""Bad input that used to get a 500 or an "Internal error." (docs/api.md: malformed requests
are 400s with a clear message, never 500s)."""

import json

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def post_raw(body):
    client = Client(raise_request_exception=False)
    return client.post("/graphql/", body, content_type="application/json")


@pytest.mark.parametrize(
    "body",
    [
        "[" * 50_000 + "]" * 50_000,  # 100 kB, well under the 1 MiB body limit
        '{"query": "{ __typename }", "variables": {"a": ' + "[" * 50_000 + "]" * 50_000 + "}}",
    ],
    ids=["nested-body", "nested-variables"],
)
def test_deeply_nested_json_is_a_400_not_a_500(body):
    response = post_raw(body)
    assert response.status_code == 400, (response.status_code, response.content[:120])
    assert response.json()["errors"][0]["message"]


def test_search_with_a_nul_character_is_not_an_internal_error(settings):
    settings.DEBUG = False
    response = post_raw(json.dumps({"query": '{ services(search: "a\\u0000b") { totalCount } }'}))
    body = response.json()
    assert body["errors"][0]["message"] == "search must not contain control characters."


@pytest.mark.parametrize("value", ["99999999999999999999999", "²", "١٢", "-1", "1.0", ""])
def test_odd_ids_are_a_clear_error(settings, value):
    settings.DEBUG = False
    for field in ("service", "policy"):
        response = post_raw(json.dumps({"query": f'{{ {field}(id: "{value}") {{ title }} }}'}))
        assert response.json()["errors"][0]["message"] == "id must be a number.", field
