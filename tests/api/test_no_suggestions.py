"""With introspection off (production) no error suggests a name of the schema: not a
field, argument, type, enum value or input field, from parsing, validation, variable
coercion or argument coercion, at any depth of an input value. The review found
variables bypassing the filter: `{"o": "TITL"}` for a `ServiceOrder` answered
"Did you mean the enum value 'TITLE'?".

Every case is checked twice: with introspection on (development) it does suggest, which
proves the case reaches a suggestion; with it off, the same request names nothing.
Cases are built from the schema, so a new enum, input field or argument is covered.
The requests accept application/graphql-response+json, under which every case is a 400.
"""

import json

import graphene
import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from cms.api.schema import schema
from cms.api.views import GraphQLView
from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    Undefined,
    get_named_type,
    is_list_type,
    is_non_null_type,
)
from tests.api import gql
from tests.api.gql import GRAPHQL_RESPONSE_JSON

pytestmark = pytest.mark.django_db

SCHEMA = schema.graphql_schema


def post(query, variables=None):
    return gql.post(query, variables, accept=GRAPHQL_RESPONSE_JSON)


def misspell(name: str, taken) -> str:
    """A near miss of `name` that is no other name: the last character dropped (or doubled)."""
    for candidate in (name[:-1], name + name[-1], name[0] + name[2:]):
        if candidate and candidate not in taken and candidate != name:
            return candidate
    raise AssertionError(name)


def root_fields():
    for operation, root in (("query", SCHEMA.query_type), ("mutation", SCHEMA.mutation_type)):
        for name, field in root.fields.items():
            yield operation, name, field


def selection(field) -> str:
    """A minimal valid selection below a field of this type."""
    named = get_named_type(field.type)
    if not hasattr(named, "fields"):
        return ""
    return " { __typename }"


def required_arguments(field, skip=()) -> str:
    """Literal values for a field's required arguments (other than those in `skip`)."""
    parts = []
    for name, argument in field.args.items():
        if name in skip or argument.default_value is not Undefined:
            continue
        if not is_non_null_type(argument.type):
            continue
        parts.append(f"{name}: {_sample(argument.type)}")
    return ", ".join(parts)


def _sample(type_) -> str:
    named = get_named_type(type_)
    if isinstance(named, GraphQLEnumType):
        value = next(iter(named.values))
    elif named.name in ("Int", "Float"):
        value = "1"
    elif named.name == "Boolean":
        value = "true"
    else:
        value = '"1"'
    return f"[{value}]" if is_list_type(getattr(type_, "of_type", type_)) else value


def _call(name, field, argument_name, value) -> str:
    others = required_arguments(field, skip={argument_name})
    args = f"{argument_name}: {value}" + (f", {others}" if others else "")
    return f"{name}({args}){selection(field)}"


# --- the cases: (id, query, variables, the names that must not appear) ------------------------
def enum_cases():
    """Every argument of an enum type (or a list of one), misspelt as a literal and as a
    variable; every enum field of an input object the same way."""
    for operation, name, field in root_fields():
        for arg_name, argument in field.args.items():
            named = get_named_type(argument.type)
            if isinstance(named, GraphQLEnumType):
                values = list(named.values)
                wrong = misspell(values[-1], values)
                listed = is_list_type(getattr(argument.type, "of_type", argument.type))
                literal = f"[{wrong}]" if listed else wrong
                yield (
                    f"{name}.{arg_name}:literal",
                    f"{operation} {{ {_call(name, field, arg_name, literal)} }}",
                    None,
                    values[-1],
                )
                type_text = str(argument.type)
                yield (
                    f"{name}.{arg_name}:variable",
                    f"{operation}($v: {type_text}) {{ {_call(name, field, arg_name, '$v')} }}",
                    {"v": [wrong] if listed else wrong},
                    values[-1],
                )
            elif isinstance(named, GraphQLInputObjectType):
                yield from input_object_cases(operation, name, field, arg_name, named)


def input_object_cases(operation, name, field, arg_name, input_type):
    """Every field of an input object misspelt as a key (literal and variable), and every
    enum inside it with a misspelt value."""
    type_text = str(input_type)
    for key, input_field in input_type.fields.items():
        wrong = misspell(key, input_type.fields)
        value = _sample(input_field.type)
        yield (
            f"{name}.{arg_name}.{key}:literal-key",
            f"{operation} {{ {_call(name, field, arg_name, '{' + wrong + ': ' + value + '}')} }}",
            None,
            key,
        )
        yield (
            f"{name}.{arg_name}.{key}:variable-key",
            f"{operation}($v: {type_text}) {{ {_call(name, field, arg_name, '$v')} }}",
            {"v": {wrong: json.loads(value) if value != "true" else True}},
            key,
        )


def validation_cases():
    """Misspelt names the standard validation rules would suggest for."""
    for operation, name, field in root_fields():
        taken = {n for _, n, _ in root_fields()}
        wrong = misspell(name, taken)
        args = required_arguments(field)
        call = f"{wrong}({args})" if args else wrong
        yield f"field:{name}", f"{operation} {{ {call}{selection(field)} }}", None, name
        for arg_name in field.args:
            # The required arguments are given too: their absence would be named, rightly.
            wrong_arg = misspell(arg_name, field.args)
            others = required_arguments(field)
            extra = f"{wrong_arg}: 1" + (f", {others}" if others else "")
            yield (
                f"argument:{name}.{arg_name}",
                f"{operation} {{ {name}({extra}){selection(field)} }}",
                None,
                arg_name,
            )
    service = SCHEMA.get_type("Service")
    for field_name in service.fields:
        wrong = misspell(field_name, service.fields)
        yield (
            f"field:Service.{field_name}",
            f"{{ services {{ items {{ {wrong} }} }} }}",
            None,
            field_name,
        )
    for type_name in ("ServiceOrder", "ServiceFilter", "LocaleCode", "Vocabulary"):
        wrong = misspell(type_name, SCHEMA.type_map)
        yield (
            f"variable-type:{type_name}",
            f"query($v: {wrong}) {{ __typename }}",
            None,
            type_name,
        )
    yield (
        "fragment-type:Service",
        "{ services { items { ...F } } } fragment F on Servic { id }",
        None,
        "Service",
    )
    yield (
        "union-field:description",
        "{ services { items { description { html } } } }",
        None,
        "ParagraphBlock",
    )
    yield "leaf-without-selection", "{ services }", None, "services { ... }"


CASES = [*enum_cases(), *validation_cases()]


def _messages(response):
    body = response.json()
    assert "errors" in body, body
    return [error["message"] for error in body["errors"]]


@pytest.mark.parametrize(
    ("query", "variables", "name"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_no_error_suggests_a_name_in_production(settings, query, variables, name):
    settings.GRAPHQL_INTROSPECTION = True
    suggested = _messages(post(query, variables))
    assert any("Did you mean" in message for message in suggested), suggested

    settings.GRAPHQL_INTROSPECTION = False
    response = post(query, variables)
    messages = _messages(response)
    assert response.status_code == 400, messages
    for message in messages:
        assert "Did you mean" not in message, message
        assert f"'{name}'" not in message, message


def test_the_reviews_example():
    from django.test import override_settings

    query = "query($o: ServiceOrder) { services(orderBy: $o) { totalCount } }"
    with override_settings(GRAPHQL_INTROSPECTION=False):
        messages = _messages(post(query, {"o": "TITL"}))
    assert messages == [
        "Variable '$o' got invalid value 'TITL'; Value 'TITL' does not exist in "
        "'ServiceOrder' enum."
    ]


# --- nested input values: lists of input objects and enums, at any depth --------------------
class Kind(graphene.Enum):
    ALPHA = 1
    BRAVO = 2


class Inner(graphene.InputObjectType):
    kind = Kind()
    kinds = graphene.List(graphene.NonNull(Kind))


class Outer(graphene.InputObjectType):
    inner = graphene.List(graphene.NonNull(Inner))
    deeper = graphene.List(graphene.List(Inner))
    kinds = graphene.List(graphene.NonNull(Kind))


class NestedInputQuery(graphene.ObjectType):
    probe = graphene.Int(value=Outer(), values=graphene.List(Outer))

    def resolve_probe(root, info, value=None, values=None):
        return 1


nested_view = GraphQLView.as_view(schema=graphene.Schema(query=NestedInputQuery))

# Each path puts a near miss deep inside the input: enum values and input field names.
NESTED = [
    ("kinds-enum", {"kinds": ["ALPH"]}, "ALPHA"),
    ("inner-enum", {"inner": [{"kind": "BRAV"}]}, "BRAVO"),
    ("inner-list-enum", {"inner": [{"kinds": ["ALPHA", "BRAV"]}]}, "BRAVO"),
    ("inner-key", {"inner": [{"kin": "ALPHA"}]}, "kind"),
    ("deeper-key", {"deeper": [[{"kinds": ["ALPHA"]}, {"kindz": ["ALPHA"]}]]}, "kinds"),
    ("deeper-enum", {"deeper": [[{"kind": "ALPHAA"}]]}, "ALPHA"),
    ("outer-key", {"inne": []}, "inner"),
]


def _literal(value) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_literal(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_literal(v) for v in value) + "]"
    return str(value)  # enum values are names


def _post_nested(query, variables=None):
    request = RequestFactory().post(
        "/graphql/",
        json.dumps({"query": query, "variables": variables}),
        content_type="application/json",
        HTTP_ACCEPT=GRAPHQL_RESPONSE_JSON,
    )
    request.user = AnonymousUser()
    response = nested_view(request)
    return response.status_code, [e["message"] for e in json.loads(response.content)["errors"]]


def _nested_requests(value):
    yield f"{{ probe(value: {_literal(value)}) }}", None
    yield f"{{ probe(values: [{_literal(value)}]) }}", None
    yield "query($v: Outer) { probe(value: $v) }", {"v": value}
    yield "query($v: [Outer]) { probe(values: $v) }", {"v": [value]}
    yield (
        "query($v: [Inner!]) { probe(value: {inner: $v}) }",
        value.get("inner") and {"v": value["inner"]},
    )


@pytest.mark.parametrize(("value", "name"), [c[1:] for c in NESTED], ids=[c[0] for c in NESTED])
def test_nested_input_values_suggest_nothing_in_production(settings, value, name):
    for query, variables in _nested_requests(value):
        if variables is None and "$v" in query:
            continue
        settings.GRAPHQL_INTROSPECTION = True
        status, messages = _post_nested(query, variables)
        assert status == 400 and any("Did you mean" in m for m in messages), (query, messages)
        settings.GRAPHQL_INTROSPECTION = False
        status, messages = _post_nested(query, variables)
        assert status == 400, (query, messages)
        for message in messages:
            assert "Did you mean" not in message and f"'{name}'" not in message, (query, message)


@pytest.mark.parametrize(
    "query",
    [
        "{ services(limit: 1) { titl",
        "quer { services { totalCount } }",
        "{ services(orderBy: TITLE { totalCount } }",
        '{ services(search: "unterminated) { totalCount } }',
    ],
)
def test_syntax_errors_name_nothing(settings, query):
    settings.GRAPHQL_INTROSPECTION = False
    response = post(query)
    messages = _messages(response)
    assert response.status_code == 400
    assert all("Did you mean" not in m for m in messages)
    assert all(m.startswith("Syntax Error") for m in messages)


def test_suggestions_are_hidden_also_in_debug(settings):
    settings.DEBUG = True
    settings.GRAPHQL_INTROSPECTION = False
    query = "query($o: ServiceOrder) { services(orderBy: $o) { totalCount } }"
    messages = _messages(post(query, {"o": "TITL"}))
    assert all("Did you mean" not in m for m in messages), messages
