"""The GraphQL endpoint: our own view, not grapple's csrf-exempt one.

In order, a request is refused before anything runs when
1. its body is larger than settings.GRAPHQL_MAX_BODY_BYTES (400, before reading it);
2. it sends an Authorization header that is not a valid bearer token (401, unless 3);
3. its client (token, session user, else IP; a bad token counts against its IP) is over
   its rate limit (429 with Retry-After; cms.api.rate_limit);
4. it is a session-authenticated POST that fails Django's CSRF check (403);
5. its body is not JSON, or query / variables / operationName have the wrong type (400);
6. its query is longer than settings.GRAPHQL_MAX_QUERY_BYTES (400, before parsing);
7. its query does not parse or fails validation: graphql-core's standard rules plus
   cms.api.validation's depth, alias and introspection rules (400);
8. its estimated cost, with the request's variables, is over settings.GRAPHQL_MAX_COST
   (cms.api.validation.MaxCostRule; 400).
Errors are GraphQL-shaped JSON: {"errors": [{"message": ...}]}. Unless DEBUG, an
unexpected exception in a resolver answers "Internal error." (logged in full here), so
no traceback, SQL or path leaves the server; GraphQLErrors raised on purpose are kept.
"""

import logging
import re
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponseBadRequest, HttpResponseNotAllowed, JsonResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.utils.decorators import method_decorator
from django.views.decorators.csrf import csrf_exempt
from graphene_django.views import GraphQLView as BaseGraphQLView
from graphene_django.views import HttpError
from graphql.error import GraphQLError
from graphql.execution import ExecutionResult
from graphql.utilities import get_operation_ast

from graphql import OperationType, execute, parse, validate, validate_schema

from . import rate_limit
from .auth import ApiAuthenticationError, bearer_user
from .validation import cost_errors, validation_rules

logger = logging.getLogger(__name__)
MAX_VALIDATION_ERRORS = 20


@lru_cache(maxsize=512)
def prepared_document(schema, query: str, max_depth: int, max_aliases: int, introspection: bool):
    """(document, validation errors) of a query; the limits are part of the key because
    the validation rules read them. Syntax errors are returned, not raised."""
    try:
        document = parse(query)
    except GraphQLError as error:
        return None, (error,)
    errors = validate(
        schema,
        document,
        validation_rules(),
        MAX_VALIDATION_ERRORS,
        hide_suggestions=not introspection,
    )
    return document, tuple(errors)


INTERNAL_ERROR = "Internal error."
PERMISSION_DENIED = "Permission denied."
TOO_DEEP = "The query is nested too deeply."
# Validation and input coercion messages suggest names of the schema ("Did you mean
# 'services'?"): with introspection off they would let a client map the schema anyway.
# graphql-core leaves them out (`hide_suggestions`, in validation and in the coercion of
# variables and arguments); format_error strips any that is left from every message.
SUGGESTION = re.compile(r"\s*Did you mean .*\?\s*$", re.DOTALL)
# extensions.code of the errors that refuse a request before it runs (parsing,
# validation, variables), so clients can tell them from errors inside a field.
BAD_USER_INPUT = "BAD_USER_INPUT"


def _csrf_failure(request):
    """Run Django's CSRF check; return the failure response or None."""
    middleware = CsrfViewMiddleware(lambda req: None)
    middleware.process_request(request)
    return middleware.process_view(request, None, (), {})


def error_response(message: str, status: int, headers=None) -> JsonResponse:
    return JsonResponse({"errors": [{"message": message}]}, status=status, headers=headers)


def _content_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def _bad_request(message: str) -> HttpError:
    return HttpError(HttpResponseBadRequest(message), message)


@method_decorator(csrf_exempt, name="dispatch")
class GraphQLView(BaseGraphQLView):
    """Anonymous and bearer-token requests need no CSRF token; a session cookie never
    authorises a request that fails Django's CSRF check."""

    def dispatch(self, request, *args, **kwargs):
        # GraphiQL follows the setting at request time, whatever the URLconf passed.
        self.graphiql = self.graphiql and settings.GRAPHIQL_ENABLED

        max_body = settings.GRAPHQL_MAX_BODY_BYTES
        if _content_length(request) > max_body:
            return error_response(
                f"The request body is {_content_length(request)} bytes, more than the limit "
                f"of {max_body}.",
                400,
            )

        try:
            token_user = bearer_user(request)
        except ApiAuthenticationError as error:
            # Counted against the client's address, like an anonymous request.
            return rate_limit.refusal(request) or error_response(
                error.message, 401, {"WWW-Authenticate": error.www_authenticate}
            )
        refused = rate_limit.refusal(request, token_user)
        if refused is not None:
            return refused

        if token_user is not None:
            request.user = token_user
        elif request.method == "POST" and request.user.is_authenticated:
            if _csrf_failure(request) is not None:
                return error_response("CSRF check failed for a session-authenticated request.", 403)
        return super().dispatch(request, *args, **kwargs)

    def parse_body(self, request):
        try:
            return super().parse_body(request)
        except RecursionError:
            # JSON nested past Python's recursion limit (a 100 kB "[[[[…" is enough):
            # graphene-django only catches TypeError and ValueError, so it was a 500.
            raise HttpError(HttpResponseBadRequest("POST body sent invalid JSON.")) from None

    def execute_graphql_request(
        self, request, data, query, variables, operation_name, show_graphiql=False
    ):
        if query is not None and not isinstance(query, str):
            raise _bad_request("The query must be a string.")
        if variables is not None and not isinstance(variables, dict):
            raise _bad_request("Variables must be a JSON object.")
        if operation_name is not None and not isinstance(operation_name, str):
            raise _bad_request("operationName must be a string.")
        if query:
            size, limit = len(query.encode("utf-8")), settings.GRAPHQL_MAX_QUERY_BYTES
            if size > limit:
                return ExecutionResult(
                    errors=[
                        GraphQLError(f"The query is {size} bytes, more than the limit of {limit}.")
                    ]
                )
        try:
            return self._execute(request, query, variables, operation_name, show_graphiql)
        except RecursionError:
            # A query within the size limit can still nest past Python's recursion limit
            # in graphql-core's parser or validation; that is the client's error, not ours.
            return ExecutionResult(errors=[GraphQLError(TOO_DEEP)])

    def _execute(self, request, query, variables, operation_name, show_graphiql):
        """graphene-django's execute_graphql_request, with the parsed and validated
        document cached per query text (frontends send the same few queries)."""
        if not query:
            if show_graphiql:
                return None
            raise _bad_request("Must provide query string.")
        schema = self.schema.graphql_schema
        schema_errors = validate_schema(schema)
        if schema_errors:
            return ExecutionResult(data=None, errors=schema_errors)
        document, errors = prepared_document(
            schema,
            query,
            settings.GRAPHQL_MAX_DEPTH,
            settings.GRAPHQL_MAX_ALIASES,
            settings.GRAPHQL_INTROSPECTION,
        )
        if errors:
            return ExecutionResult(data=None, errors=list(errors))
        # The cost depends on the variables (`limit: $limit`): per request, not cached.
        errors = cost_errors(schema, document, variables)
        if errors:
            return ExecutionResult(data=None, errors=errors)
        operation = get_operation_ast(document, operation_name)
        if request.method.lower() == "get" and operation is not None:
            if operation.operation != OperationType.QUERY:
                if show_graphiql:
                    return None
                raise HttpError(
                    HttpResponseNotAllowed(
                        ["POST"], f"Can only perform a {operation.operation.value} from a POST."
                    )
                )
        options = {
            "root_value": self.get_root_value(request),
            "context_value": self.get_context(request),
            "variable_values": variables,
            "operation_name": operation_name,
            "middleware": self.get_middleware(request),
            "hide_suggestions": not settings.GRAPHQL_INTROSPECTION,
        }
        if operation is not None and operation.operation == OperationType.MUTATION:
            with transaction.atomic():
                result = execute(schema, document, **options)
                if result.errors:
                    transaction.set_rollback(True)
            return result
        return execute(schema, document, **options)

    def format_error(self, error):
        formatted = self._format_error(error)
        if not settings.GRAPHQL_INTROSPECTION and isinstance(formatted.get("message"), str):
            # Whatever produced the message (parser, validation, coercion of variables or
            # arguments, a resolver), it names nothing of the schema in production.
            formatted["message"] = SUGGESTION.sub("", formatted["message"])
        return formatted

    def _format_error(self, error):
        if isinstance(error, HttpError):
            return {"message": error.message}
        if isinstance(error, GraphQLError):
            original = error.original_error
            if original is None or isinstance(original, GraphQLError):
                # Syntax and validation errors, and messages resolvers raise on purpose.
                formatted = error.formatted
                if not formatted.get("path"):
                    # Not from a field: the request was refused before anything ran.
                    extensions = formatted.get("extensions") or {}
                    formatted["extensions"] = {"code": BAD_USER_INPUT, **extensions}
                return formatted
            return self._unexpected(error, original)
        if isinstance(error, RecursionError):
            return {"message": TOO_DEEP}
        return self._unexpected(error, error)

    def _unexpected(self, error, original):
        if isinstance(original, PermissionDenied):
            message = PERMISSION_DENIED
        else:
            logger.error(
                "GraphQL request failed: %s",
                getattr(error, "path", None) or type(original).__name__,
                exc_info=(type(original), original, original.__traceback__),
            )
            message = INTERNAL_ERROR
        if settings.DEBUG:
            return error.formatted if isinstance(error, GraphQLError) else {"message": str(error)}
        formatted = {"message": message}
        if isinstance(error, GraphQLError):
            # Where it failed is fine to say; what failed is not.
            for key in ("locations", "path"):
                if error.formatted.get(key) is not None:
                    formatted[key] = error.formatted[key]
        return formatted
