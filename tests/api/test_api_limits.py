"""Limits on what a GraphQL request may ask: depth, aliases, query and body size,
introspection, and the standard validation. Every refusal is a 400 with a GraphQL error
and runs no SQL. These requests are anonymous on purpose: a bearer token's look-up is
itself SQL.

They accept application/graphql-response+json, the media type under which a refused
GraphQL request is a 400; under application/json (or no Accept header) the spec's legacy
rule answers the same body with 200 (tests/api/test_http_spec.py)."""

import json

import graphene
import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client, RequestFactory
from graphql.utilities import get_introspection_query

from cms.api.views import GraphQLView

pytestmark = pytest.mark.django_db

# The test queries, in one place (the schema's shapes change; these only need a root field).
SERVICES_QUERY = "{ services(limit: 1) { __typename } }"
WRONG_ARGUMENT_TYPE_QUERY = '{ services(limit: "many") { __typename } }'
MISSPELT_FIELD_QUERY = "{ servics(limit: 1) { __typename } }"
TYPENAME_QUERY = "{ __typename }"


GRAPHQL_RESPONSE_JSON = "application/graphql-response+json"


def post_json(payload, client=None, **extra):
    extra.setdefault("HTTP_ACCEPT", GRAPHQL_RESPONSE_JSON)
    return (client or Client()).post("/graphql/", payload, content_type="application/json", **extra)


def post(query, variables=None):
    return post_json(json.dumps({"query": query, "variables": variables}))


def messages(response) -> list[str]:
    return [error["message"] for error in response.json()["errors"]]


def aliases(count: int) -> str:
    return "{ " + " ".join(f"a{i}: __typename" for i in range(count)) + " }"


def refused(response, fragment: str) -> bool:
    body = response.json()
    return (
        response.status_code == 400
        and "data" not in body
        and any(fragment in message for message in messages(response))
    )


# --- a schema that nests as deep as asked, to test depth on valid queries ---------------------
RESOLVED = []


class Node(graphene.ObjectType):
    name = graphene.String()
    child = graphene.Field(lambda: Node)

    def resolve_name(root, info):
        RESOLVED.append("name")
        return "node"

    def resolve_child(root, info):
        return Node()


class NestedQuery(graphene.ObjectType):
    node = graphene.Field(Node)

    def resolve_node(root, info):
        return Node()


nested_view = GraphQLView.as_view(schema=graphene.Schema(query=NestedQuery))


def nested(depth: int) -> str:
    """A query `depth` fields deep: { node { child { … { name } … } } }."""
    inner = "name"
    for _ in range(depth - 2):
        inner = f"child {{ {inner} }}"
    return f"{{ node {{ {inner} }} }}"


def post_nested(query):
    RESOLVED.clear()
    request = RequestFactory().post(
        "/graphql/",
        json.dumps({"query": query}),
        content_type="application/json",
        HTTP_ACCEPT=GRAPHQL_RESPONSE_JSON,
    )
    request.user = AnonymousUser()
    response = nested_view(request)
    return response.status_code, json.loads(response.content)


def test_depth_10_runs_and_11_is_refused(settings):
    assert settings.GRAPHQL_MAX_DEPTH == 10
    status, body = post_nested(nested(10))
    assert status == 200 and "errors" not in body and RESOLVED == ["name"]
    status, body = post_nested(nested(11))
    assert status == 400 and "data" not in body and RESOLVED == []
    assert body["errors"] == [
        {
            "message": "Query depth 11 exceeds the limit of 10.",
            "locations": [{"line": 1, "column": 1}],
            "extensions": {"code": "BAD_USER_INPUT"},
        }
    ]


def test_depth_follows_fragments():
    # node(1) › child(2) › child(3) › Deeper: child ×7 (4–10) › name (11)
    deeper = "fragment Deeper on Node { " + "child { " * 7 + "name" + " }" * 7 + " }"
    query = "{ node { ...Deep } } fragment Deep on Node { child { child { ...Deeper } } } " + deeper
    status, body = post_nested(query)
    assert status == 400
    assert body["errors"][0]["message"] == "Query depth 11 exceeds the limit of 10."
    status, body = post_nested("{ node { child { ...Deeper } } } " + deeper)
    assert status == 200, body  # 10


def test_depth_counts_inline_fragments():
    inner = nested(10)[len("{ node { ") : -len(" } }")]
    status, body = post_nested(f"{{ node {{ ... on Node {{ child {{ {inner} }} }} }} }}")
    assert status == 400
    assert "Query depth 11" in body["errors"][0]["message"]


def test_fragment_cycles_are_refused_not_looped():
    query = "{ node { ...A } } fragment A on Node { child { ...B } } fragment B on Node { ...A }"
    status, body = post_nested(query)
    assert status == 400
    assert any("Cannot spread fragment 'A'" in e["message"] for e in body["errors"])


def test_depth_50_is_refused_without_sql(django_assert_num_queries):
    query = "{ " + "a { " * 49 + "b" + " }" * 50
    with django_assert_num_queries(0):
        response = post(query)
    assert refused(response, "Query depth 50 exceeds the limit of 10.")


def test_depth_limit_follows_the_setting(settings):
    settings.GRAPHQL_MAX_DEPTH = 3
    status, body = post_nested(nested(4))
    assert status == 400 and body["errors"][0]["message"] == "Query depth 4 exceeds the limit of 3."


def test_a_long_chain_of_fragments_is_refused_not_a_server_error():
    count = 500  # just under the size limit
    fragments = " ".join(f"fragment F{i} on Query {{ ...F{i + 1} }}" for i in range(count))
    query = f"{{ ...F0 }} {fragments} fragment F{count} on Query {{ __typename }}"
    response = post(query)
    assert response.status_code == 400
    assert messages(response) and "Internal error." not in messages(response)


def test_fragments_multiplying_aliases_are_counted_without_expanding_them():
    levels = 40  # 2**40 aliases if expanded
    fragments = " ".join(
        f"fragment G{i} on Query {{ ...G{i + 1} ...G{i + 1} }}" for i in range(levels)
    )
    response = post(f"{{ ...G0 }} {fragments} fragment G{levels} on Query {{ x: __typename }}")
    assert refused(response, f"The query uses {2**levels} aliases")


def test_deeply_nested_brackets_are_refused_not_a_server_error():
    response = post("{" * 3000 + "}" * 3000)
    assert response.status_code == 400
    assert "Internal error." not in messages(response)


# --- aliases ---------------------------------------------------------------------------------
def test_30_aliases_run_and_31_are_refused(django_assert_num_queries):
    with django_assert_num_queries(0):
        response = post(aliases(30))
    assert response.status_code == 200 and len(response.json()["data"]) == 30
    with django_assert_num_queries(0):
        response = post(aliases(31))
    assert refused(response, "The query uses 31 aliases, more than the limit of 30.")


def test_500_aliases_are_refused_without_sql(django_assert_num_queries):
    with django_assert_num_queries(0):
        response = post(aliases(500))
    assert refused(response, "uses 500 aliases")


def test_aliases_in_fragments_count_each_time_the_fragment_is_used():
    fragment = "fragment Many on Node { " + " ".join(f"n{i}: name" for i in range(15)) + " }"
    status, body = post_nested("{ node { ...Many } } " + fragment)
    assert status == 200, body  # 15 aliases
    status, body = post_nested("{ x: node { ...Many } y: node { ...Many } } " + fragment)
    assert status == 400  # 2 + 15 + 15
    assert body["errors"][0]["message"] == "The query uses 32 aliases, more than the limit of 30."


def test_named_operations_are_named_in_the_alias_error():
    response = post("query Greedy " + aliases(31))
    assert refused(response, "Operation 'Greedy' uses 31 aliases")


# --- size ------------------------------------------------------------------------------------
def test_query_over_20_kb_is_refused_before_parsing(django_assert_num_queries):
    query = "# " + "x" * 21_000 + "\n" + TYPENAME_QUERY
    with django_assert_num_queries(0):
        response = post(query)
    size = len(query.encode())
    assert refused(response, f"The query is {size} bytes, more than the limit of 20000.")


def test_query_just_under_the_limit_runs():
    query = "# " + "x" * 19_000 + "\n" + TYPENAME_QUERY
    response = post(query)
    assert response.status_code == 200 and response.json() == {"data": {"__typename": "Query"}}


def test_variables_do_not_count_towards_the_query_size():
    response = post(
        "query ($skip: Boolean!) { __typename @skip(if: $skip) }",
        {"skip": False, "pad": "x" * 30_000},
    )
    assert response.status_code == 200


def test_body_over_1_mb_is_refused_before_reading_it(django_assert_num_queries):
    body = json.dumps({"query": TYPENAME_QUERY, "variables": {"pad": "x" * 1_100_000}})
    with django_assert_num_queries(0):
        response = post_json(body)
    assert response.status_code == 400
    assert messages(response) == [
        f"The request body is {len(body)} bytes, more than the limit of 1048576."
    ]


# --- malformed requests: clear 400s, never a 500 ------------------------------------------------
@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ("{not json", "POST body sent invalid JSON."),
        ("", "Must provide query string."),
        ('["{ __typename }"]', "The received data is not a valid JSON query."),
        ("null", "The received data is not a valid JSON query."),
        ("{}", "Must provide query string."),
        ('{"query": 42}', "The query must be a string."),
        ('{"query": ["{ __typename }"]}', "The query must be a string."),
        ('{"query": "{ __typename }", "variables": [1]}', "Variables must be a JSON object."),
        ('{"query": "{ __typename }", "variables": "[1]"}', "Variables must be a JSON object."),
        ('{"query": "{ __typename }", "variables": "{nope"}', "Variables are invalid JSON."),
        ('{"query": "{ __typename }", "operationName": 1}', "operationName must be a string."),
    ],
)
def test_malformed_requests_get_a_clear_400(payload, message, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = post_json(payload)
    assert response.status_code == 400
    assert response["Content-Type"] == f"{GRAPHQL_RESPONSE_JSON}; charset=utf-8"
    assert messages(response) == [message]


def test_a_syntax_error_is_a_400_with_its_location():
    response = post("{ services(limit: 1) { ")
    assert response.status_code == 400
    assert messages(response)[0].startswith("Syntax Error")


# --- standard validation stays on -----------------------------------------------------------
def test_unknown_field_is_a_validation_error_not_empty_data(django_assert_num_queries):
    with django_assert_num_queries(0):
        response = post("{ noSuchField }")
    assert refused(response, "Cannot query field 'noSuchField' on type 'Query'.")


def test_wrong_argument_type_is_a_validation_error(django_assert_num_queries):
    with django_assert_num_queries(0):
        response = post(WRONG_ARGUMENT_TYPE_QUERY)
    assert refused(response, "Int cannot represent non-integer value")


def test_undeclared_variable_is_a_validation_error():
    response = post("{ services(limit: $many) { __typename } }")
    assert refused(response, "Variable '$many' is not defined.")


def test_a_valid_query_runs():
    response = post(SERVICES_QUERY)
    assert response.status_code == 200, response.content
    assert "errors" not in response.json()


# --- introspection ---------------------------------------------------------------------------
def test_introspection_is_allowed_when_enabled_even_the_full_graphiql_query(settings):
    assert settings.GRAPHQL_INTROSPECTION is True  # test settings, like dev
    response = post(get_introspection_query(descriptions=True, input_value_deprecation=True))
    assert response.status_code == 200, messages(response)
    assert response.json()["data"]["__schema"]["queryType"]["name"] == "Query"


def test_introspection_depth_has_its_own_limit():
    query = "{ __schema { types { " + "fields { type { " * 10 + "name" + " } }" * 10 + " } } }"
    response = post(query)
    assert refused(response, "Introspection depth 23 exceeds the limit of 20.")


def test_introspection_is_refused_when_disabled(settings, django_assert_num_queries):
    settings.GRAPHQL_INTROSPECTION = False
    with django_assert_num_queries(0):
        response = post("{ __schema { queryType { name } } }")
    assert refused(response, "introspection has been disabled")
    response = post('{ __type(name: "Query") { name } }')
    assert refused(response, "introspection has been disabled")
    # __typename is not introspection of the schema and stays allowed.
    assert post(TYPENAME_QUERY).status_code == 200


def test_disabled_introspection_also_hides_field_suggestions(settings):
    assert any("Did you mean" in m for m in messages(post(MISSPELT_FIELD_QUERY)))
    settings.GRAPHQL_INTROSPECTION = False
    response = post(MISSPELT_FIELD_QUERY)
    assert refused(response, "Cannot query field 'servics' on type 'Query'.")
    assert not any("Did you mean" in m for m in messages(response))
