"""The cost limit: an estimate of the values a query could return, computed before it
runs (fields × list sizes along each path, page sizes from `limit` literals, variables or
defaults), refused over settings.GRAPHQL_MAX_COST with the cost in the error. The review's
attack, 30 aliases × `services(limit: 100)` with every field and two levels of
`relatedServices`, answered 1.8 MB in 3.5 s; it is refused without running any SQL.

The requests accept application/graphql-response+json, under which a refusal is a 400."""

import json

import pytest

from cms.api.schema import schema
from cms.api.validation import DEFAULT_LIST_SIZE, cost_errors, cost_rule
from graphql import parse, validate
from tests.api import gql
from tests.api.gql import GRAPHQL_RESPONSE_JSON, QUERIES, query_file

pytestmark = pytest.mark.django_db

SCHEMA = schema.graphql_schema
BUDGET = 50_000


def post(query, variables=None):
    return gql.post(query, variables, accept=GRAPHQL_RESPONSE_JSON)


def public_fields() -> str:
    """Every public field of a service (customer-detail's fragment) without relatedServices."""
    text = query_file("customer-detail")
    body = text[text.index("fragment PublicService on Service {") :].split("{", 1)[1]
    return body[: body.index("relatedServices")]


def attack(aliases=30) -> str:
    selections = " ".join(
        f"a{i}: services(limit: 100) {{ totalCount items {{ ...S }} }}" for i in range(aliases)
    )
    return (
        f"fragment P on Service {{ {public_fields()} }}\n"
        "fragment S on Service { ...P relatedServices { ...P relatedServices { ...P } } }\n"
        f"{{ {selections} }}"
    )


def cost_of(query, variables=None) -> int:
    """The estimated cost, read from the refusal under a budget of 0 (of a document with
    several operations, the costliest)."""
    from django.test import override_settings

    with override_settings(GRAPHQL_MAX_COST=0):
        errors = cost_errors(SCHEMA, parse(query), variables)
    assert errors and all(e.extensions["code"] == "COST_LIMIT" for e in errors), errors
    return max(e.extensions["cost"] for e in errors)


def test_the_default_budget(settings):
    assert settings.GRAPHQL_MAX_COST == BUDGET


# --- the formula ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("query", "variables", "cost"),
    [
        # services (1) + 100 items × (the item + id + title)
        ("{ services(limit: 100) { items { id title } } }", None, 1 + 100 * 3),
        # the argument's default page size (20)
        ("{ services { totalCount items { id } } }", None, 1 + 1 + 20 * 2),
        ("query($n: Int) { services(limit: $n) { items { id } } }", {"n": 100}, 1 + 100 * 2),
        ("query($n: Int) { services(limit: $n) { items { id } } }", {"n": 5}, 1 + 5 * 2),
        ("query($n: Int) { services(limit: $n) { items { id } } }", {"n": 5.0}, 1 + 5 * 2),
        ("query($n: Int) { services(limit: $n) { items { id } } }", None, 1 + 20 * 2),
        ("query($n: Int = 50) { services(limit: $n) { items { id } } }", None, 1 + 50 * 2),
        ("query($n: Int = 50) { services(limit: $n) { items { id } } }", {"n": 7}, 1 + 7 * 2),
        # a list without a page argument: DEFAULT_LIST_SIZE
        ("{ terms(vocabulary: audience) { slug name } }", None, DEFAULT_LIST_SIZE * 3),
        # list sizes multiply along the path
        (
            "{ services(limit: 100) { items { relatedServices { relatedServices { id } } } } }",
            None,
            1 + 100 * (1 + 10 * (1 + 10 * (1 + 1))),
        ),
        # objects and scalars count once per object they are on
        ("{ service(id: 1) { title provider { name slug } } }", None, 1 + 1 + 1 + 2),
        ("{ __typename }", None, 1),
        # aliases count each
        (
            "{ a: services(limit: 2) { items { id } } b: services(limit: 3) { items { id } } }",
            None,
            (1 + 2 * 2) + (1 + 3 * 2),
        ),
        # fragments (named and inline) count as if written out
        (
            "{ services(limit: 4) { ...R } } fragment R on ServiceResults { items { id } }",
            None,
            1 + 4 * 2,
        ),
        (
            "{ services(limit: 4) { ... on ServiceResults { items { ... on Service { id } } } } }",
            None,
            1 + 4 * 2,
        ),
        (
            "{ services(limit: 4) { items { ...F } } } fragment F on Service { id title }",
            None,
            1 + 4 * 3,
        ),
        # the same fragment in two page contexts
        (
            "{ a: services(limit: 2) { ...R } b: services(limit: 30) { ...R } } "
            "fragment R on ServiceResults { items { id } }",
            None,
            (1 + 2 * 2) + (1 + 30 * 2),
        ),
        ("{ policies(limit: 3) { items { title } } }", None, 1 + 3 * 2),
    ],
)
def test_cost_formula(query, variables, cost):
    assert cost_of(query, variables) == cost


def test_the_rule_works_with_graphql_validate_too(settings):
    settings.GRAPHQL_MAX_COST = 100
    query = parse("query($n: Int) { services(limit: $n) { items { id } } }")
    assert validate(SCHEMA, query, [cost_rule({"n": 49})]) == []
    (error,) = validate(SCHEMA, query, [cost_rule({"n": 50})])
    assert error.extensions == {"code": "COST_LIMIT", "cost": 101, "limit": 100}


def test_fragments_spread_many_times_are_not_expanded():
    levels = 60  # 2**60 copies of the innermost field if expanded
    fragments = " ".join(
        f"fragment G{i} on Service {{ ...G{i + 1} ...G{i + 1} }}" for i in range(levels)
    )
    query = f"{{ service(id: 1) {{ ...G0 }} }} {fragments} fragment G{levels} on Service {{ id }}"
    assert cost_of(query) == 1 + 2**levels


# --- the budget ---------------------------------------------------------------------------------
def example_variables(name):
    """The largest page the example's own comment suggests (catalogue-listing: 100)."""
    return {"limit": 100} if name == "catalogue-listing" else {}


# Documents that may use more of the budget, and why. client-list: every schedule of every
# service on a list (the client's sheet), estimated at 10 services × 10 time-and-place
# blocks × 10 entries of each of their four lists (about 18,000, a static estimate whatever
# the list's real length); it still leaves more than half of the default budget.
MARGINS = {"client-list": 2}


@pytest.mark.parametrize("name", sorted(p.stem for p in QUERIES.glob("*.graphql")))
def test_every_example_query_is_well_within_the_budget(name):
    cost = cost_of(query_file(name), example_variables(name))
    assert cost * MARGINS.get(name, 5) <= BUDGET, cost


def test_the_reviews_attack_is_refused_before_any_sql(django_assert_num_queries):
    query = attack()
    assert len(query.encode()) < 20_000
    with django_assert_num_queries(0):
        response = post(query)
    assert response.status_code == 400
    body = response.json()
    assert "data" not in body
    (error,) = body["errors"]
    cost = error["extensions"]["cost"]
    assert error["extensions"] == {"code": "COST_LIMIT", "cost": cost, "limit": BUDGET}
    assert cost > 1_000 * BUDGET
    assert error["message"] == (
        f"The query has an estimated cost of {cost}, more than the limit of {BUDGET}: "
        "ask for fewer items or fields."
    )


@pytest.mark.parametrize(
    "query",
    [
        attack(aliases=1),
        # written out, no fragments
        "{ services(limit: 100) { items { "
        + public_fields()
        + " relatedServices { "
        + public_fields()
        + " relatedServices { "
        + public_fields()
        + " } } } } }",
        # every field of 100 services and their related services, by variable
        "query($n: Int) { services(limit: $n) { items { "
        + public_fields()
        + " relatedServices { id title } } } }",
    ],
)
def test_heavy_queries_are_refused(query):
    response = post(query, {"n": 100})
    assert response.status_code == 400
    (error,) = response.json()["errors"]
    assert error["extensions"]["code"] == "COST_LIMIT"


def test_the_cost_follows_the_variables_of_each_request():
    # The parsed and validated document is cached per query text; the cost is not.
    query = "query($n: Int) { services(limit: $n) { items { " + public_fields() + " } } }"
    assert post(query, {"n": 1}).status_code == 200
    refused = post(query, {"n": 100})
    assert refused.status_code == 400
    assert refused.json()["errors"][0]["extensions"]["code"] == "COST_LIMIT"
    assert post(query, {"n": 1}).status_code == 200


def test_the_budget_follows_the_setting_and_is_inclusive(settings):
    query = "{ services(limit: 100) { items { id title } } }"  # 301
    settings.GRAPHQL_MAX_COST = 301
    assert post(query).status_code == 200
    settings.GRAPHQL_MAX_COST = 300
    response = post("query Listing " + query)
    assert response.status_code == 400
    assert response.json()["errors"][0]["message"] == (
        "Operation 'Listing' has an estimated cost of 301, more than the limit of 300: "
        "ask for fewer items or fields."
    )


def test_only_the_operations_over_the_budget_are_reported(settings):
    settings.GRAPHQL_MAX_COST = 100
    query = (
        "query Small { services(limit: 1) { items { id } } } "
        "query Big { services(limit: 100) { items { id } } }"
    )
    response = post(query)
    assert response.status_code == 400
    assert [e["message"].split(" has")[0] for e in response.json()["errors"]] == ["Operation 'Big'"]


# --- machine-readable codes of refusals -------------------------------------------------------
@pytest.mark.parametrize(
    ("query", "variables"),
    [
        ("{ services(limit: 1) { ", None),  # syntax
        ("{ noSuchField }", None),  # validation
        ('{ services(limit: "many") { totalCount } }', None),
        ("query($o: ServiceOrder) { services(orderBy: $o) { totalCount } }", {"o": "TITL"}),
        ("{ " + "a { " * 11 + "b" + " }" * 12, None),  # depth
    ],
)
def test_refusals_before_execution_are_bad_user_input(query, variables):
    response = post(query, variables)
    assert response.status_code == 400
    for error in response.json()["errors"]:
        assert error["extensions"]["code"] == "BAD_USER_INPUT", error


def test_errors_inside_fields_keep_their_shape():
    response = post("{ services(limit: 1000) { totalCount } }")
    assert response.status_code == 200  # a field's error: the response has `data`
    (error,) = response.json()["errors"]
    assert error["message"] == "limit must be between 1 and 100."
    assert error["path"] == ["services"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"


def test_the_example_queries_run_under_the_default_budget():
    listing = post(query_file("catalogue-listing"), {"limit": 100})
    assert listing.status_code == 200 and "errors" not in listing.json()
    body = json.loads(post(query_file("taxonomies")).content)
    assert "errors" not in body
