"""Calling /graphql/ the way a frontend does."""

import json
from pathlib import Path

from django.test import Client

QUERIES = Path(__file__).resolve().parents[2] / "graphql" / "queries"
# The media type under which a refused GraphQL request (parse, validation, variables, limits,
# cost) is a 400; under application/json it is a 200 (docs/api.md, cms/api/http.py).
GRAPHQL_RESPONSE_JSON = "application/graphql-response+json"


def query_file(name: str) -> str:
    return (QUERIES / f"{name}.graphql").read_text()


def post(query, variables=None, token=None, client=None, accept=None, operation=None):
    client = client or Client()
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    if accept:
        headers["HTTP_ACCEPT"] = accept
    payload = {"query": query, "variables": variables or {}}
    if operation:
        payload["operationName"] = operation
    return client.post(
        "/graphql/",
        json.dumps(payload),
        content_type="application/json",
        **headers,
    )


def gql(query, variables=None, token=None, client=None, operation=None):
    """The response's JSON; fails the test on HTTP errors and GraphQL errors."""
    response = post(query, variables, token, client, operation=operation)
    body = response.json()
    assert response.status_code == 200 and "errors" not in body, body
    return body["data"]


def token_for(username):
    from django.contrib.auth import get_user_model

    from cms.models import ApiToken

    _, raw = ApiToken.issue(get_user_model().objects.get(username=username), "test")
    return raw
