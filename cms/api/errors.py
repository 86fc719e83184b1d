"""The machine-readable codes of the GraphQL API's errors (`extensions.code`).

Every error the API answers with carries one of these codes, so a client branches on the
code, never on the message (messages are for people and may be reworded):

    BAD_USER_INPUT   the request or an argument is wrong: malformed HTTP request, a query
                     that does not parse or validate, bad variables, the size, depth and
                     alias limits, an argument out of range, a mutation's invalid input
    NOT_FOUND        a mutation names something that does not exist or is not visible
                     (queries answer null for that instead)
    FORBIDDEN        authenticated, but not allowed: the CSRF check of a session, a
                     PermissionDenied, a list that is not yours
    UNAUTHENTICATED  an Authorization header that does not authenticate (HTTP 401), or a
                     field that needs a signed-in user
    RATE_LIMITED     over the client's rate limit (HTTP 429)
    COST_LIMIT       the query's estimated cost is over the limit
    INTERNAL         a fault of the server; the message says nothing more
    UNAVAILABLE      a service the server depends on (the database, the cache) is down or
                     unreachable: try again later (HTTP 503 with Retry-After)

A field's error may also name the argument it is about in `extensions.field` (`limit`,
`serviceId`, `shareWith`, ...): mutations report invalid input that way. docs/api.md
lists the codes with their HTTP statuses.

Raise `bad_input(...)`, `not_found(...)`, `forbidden(...)` or `unauthenticated(...)`
instead of a bare GraphQLError; `tests/api/test_error_codes.py` makes sure no module of
the API raises one without a code. The view (`cms.api.views`) adds the code to every
error it formats and answers unexpected exceptions with INTERNAL, an outage of the
database or the cache (cms.failure.is_unavailable) with UNAVAILABLE.
"""

from enum import StrEnum

import graphene
from django.http import JsonResponse

from graphql import GraphQLError


class ErrorCode(StrEnum):
    BAD_USER_INPUT = "BAD_USER_INPUT"
    NOT_FOUND = "NOT_FOUND"
    FORBIDDEN = "FORBIDDEN"
    UNAUTHENTICATED = "UNAUTHENTICATED"
    RATE_LIMITED = "RATE_LIMITED"
    COST_LIMIT = "COST_LIMIT"
    INTERNAL = "INTERNAL"
    UNAVAILABLE = "UNAVAILABLE"


BAD_USER_INPUT = ErrorCode.BAD_USER_INPUT
NOT_FOUND = ErrorCode.NOT_FOUND
FORBIDDEN = ErrorCode.FORBIDDEN
UNAUTHENTICATED = ErrorCode.UNAUTHENTICATED
RATE_LIMITED = ErrorCode.RATE_LIMITED
COST_LIMIT = ErrorCode.COST_LIMIT
INTERNAL = ErrorCode.INTERNAL
UNAVAILABLE = ErrorCode.UNAVAILABLE

INTERNAL_ERROR = "Internal error."
PERMISSION_DENIED = "Permission denied."

DESCRIPTIONS = {
    BAD_USER_INPUT: "The request or an argument is wrong (malformed request, a query that "
    "does not parse or validate, bad variables, the size, depth and alias limits, invalid "
    "input of a mutation).",
    NOT_FOUND: "A mutation names something that does not exist or is not visible to you.",
    FORBIDDEN: "Authenticated, but not allowed (also a session's failed CSRF check).",
    UNAUTHENTICATED: "The Authorization header does not authenticate (HTTP 401), or the "
    "field needs a signed-in user.",
    RATE_LIMITED: "Over the client's rate limit (HTTP 429, Retry-After).",
    COST_LIMIT: "The estimated cost of the query is over the limit.",
    INTERNAL: "A fault of the server.",
    UNAVAILABLE: "A service the server depends on (database, cache) is unavailable: try "
    "again later (HTTP 503, Retry-After).",
}


class ErrorCodeEnum(graphene.Enum):
    """The codes in the contract (graphql/schema.graphql). No field returns this enum: it
    names the values `extensions.code` takes."""

    class Meta:
        name = "ErrorCode"
        description = "The values of `extensions.code` of the API's errors (docs/api.md)."

    BAD_USER_INPUT = BAD_USER_INPUT.value
    NOT_FOUND = NOT_FOUND.value
    FORBIDDEN = FORBIDDEN.value
    UNAUTHENTICATED = UNAUTHENTICATED.value
    RATE_LIMITED = RATE_LIMITED.value
    COST_LIMIT = COST_LIMIT.value
    INTERNAL = INTERNAL.value
    UNAVAILABLE = UNAVAILABLE.value

    @property
    def description(self):
        return DESCRIPTIONS[ErrorCode(self.value)]


def api_error(code: ErrorCode, message: str, *, field=None, nodes=None, **extensions):
    """A GraphQLError with `extensions.code` (and `extensions.field`, the argument it is
    about, when given). Raise it from a resolver or report it from a validation rule."""
    extensions = {"code": str(code), **({"field": field} if field else {}), **extensions}
    return GraphQLError(message, nodes, extensions=extensions)


def bad_input(message: str, field: str | None = None, *, nodes=None) -> GraphQLError:
    """The request or an argument is wrong; `field`: the argument (camelCase, as sent)."""
    return api_error(BAD_USER_INPUT, message, field=field, nodes=nodes)


def not_found(message: str, field: str | None = None) -> GraphQLError:
    """What a mutation's argument names does not exist (or is not visible to the caller)."""
    return api_error(NOT_FOUND, message, field=field)


def forbidden(message: str = PERMISSION_DENIED, field: str | None = None) -> GraphQLError:
    """The caller is known but may not do this."""
    return api_error(FORBIDDEN, message, field=field)


def unauthenticated(message: str) -> GraphQLError:
    """This needs a signed-in user (a personal API token or a CSRF-checked session)."""
    return api_error(UNAUTHENTICATED, message)


def internal(message: str = INTERNAL_ERROR) -> GraphQLError:
    return api_error(INTERNAL, message)


def error_body(message: str, code: ErrorCode, **extensions) -> dict:
    """A response body with one error and no `data` (a refused request)."""
    return {"errors": [{"message": message, "extensions": {"code": str(code), **extensions}}]}


def error_response(message: str, status: int, code: ErrorCode, headers=None) -> JsonResponse:
    """A refused request's HTTP response. Its Content-Type is application/json here; the
    view turns it into the media type the client asked for."""
    return JsonResponse(error_body(message, code), status=status, headers=headers)
