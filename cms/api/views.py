"""The GraphQL endpoint: our own view, not grapple's csrf-exempt one.

In order, a request is refused before anything runs when
1. its body is larger than settings.GRAPHQL_MAX_BODY_BYTES (400, before reading it);
2. it sends an Authorization header that is not a valid bearer token (401, unless 3);
3. its client (token, session user, else IP; a bad token counts against its IP) is over
   its rate limit (429 with Retry-After; cms.api.rate_limit);
4. it is a session-authenticated POST that fails Django's CSRF check (403);
5. its body is not JSON, or query / variables / operationName / extensions have the wrong
   type, or it has no query (400); a mutation sent with GET (405);
6. its query is longer than settings.GRAPHQL_MAX_QUERY_BYTES (before parsing);
7. its query does not parse or fails validation: graphql-core's standard rules plus
   cms.api.validation's depth, alias and introspection rules;
8. its estimated cost, with the request's variables, is over settings.GRAPHQL_MAX_COST
   (cms.api.validation.MaxCostRule).
The refusals of 6-8 (and bad variables) are GraphQL request errors: 400 under
`Accept: application/graphql-response+json`, 200 under application/json (the
GraphQL-over-HTTP spec's legacy rule; cms.api.http has the media types and statuses).

Errors are GraphQL-shaped JSON, {"errors": [{"message": ..., "extensions": {"code": ...}}]},
each with a code of cms.api.errors. Unless DEBUG, an unexpected exception in a resolver
answers "Internal error." (code INTERNAL; logged in full here), so no traceback, SQL or path
leaves the server; GraphQLErrors raised on purpose are kept. An outage of the database or the
cache (cms.failure.is_unavailable) is code UNAVAILABLE instead. A response whose errors are all
such faults and that has no data is a 500 (503 with Retry-After for UNAVAILABLE) under both
media types (cms.api.http). An exception outside GraphQL's execution is a 500 (or 503) with
the same body.
"""

import json
import logging
import re
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponseBadRequest, HttpResponseNotAllowed, QueryDict
from django.middleware.csrf import CsrfViewMiddleware
from django.utils.cache import patch_vary_headers
from django.utils.decorators import method_decorator
from django.views.decorators.csrf import csrf_exempt
from graphene_django.views import GraphQLView as BaseGraphQLView
from graphene_django.views import HttpError
from graphene_django_graphiql_static.views import GraphiQLOfflineView
from graphql.error import GraphQLError
from graphql.execution import ExecutionResult
from graphql.utilities import get_operation_ast

from cms.failure import RETRY_AFTER_SECONDS, UNAVAILABLE_MESSAGE, is_unavailable
from graphql import OperationType, execute, parse, validate, validate_schema

from . import persisted, rate_limit
from .auth import ApiAuthenticationError, bearer_user
from .errors import (
    BAD_USER_INPUT,
    FORBIDDEN,
    INTERNAL,
    INTERNAL_ERROR,
    PERMISSION_DENIED,
    UNAUTHENTICATED,
    UNAVAILABLE,
    bad_input,
    error_response,
    internal,
)
from .http import CONTENT_TYPES, JSON, graphql_status, response_media_type
from .validation import operation_costs, validation_rules

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


TOO_DEEP = "The query is nested too deeply."
EXTENSIONS_NOT_AN_OBJECT = "extensions must be a JSON object."
# Validation and input coercion messages suggest names of the schema ("Did you mean
# 'services'?"): with introspection off they would let a client map the schema anyway.
# graphql-core leaves them out (`hide_suggestions`, in validation and in the coercion of
# variables and arguments); format_error strips any that is left from every message.
SUGGESTION = re.compile(r"\s*Did you mean .*\?\s*$", re.DOTALL)


def _csrf_failure(request):
    """Run Django's CSRF check; return the failure response or None."""
    middleware = CsrfViewMiddleware(lambda req: None)
    middleware.process_request(request)
    return middleware.process_view(request, None, (), {})


def _content_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def _bad_request(message: str) -> HttpError:
    return HttpError(HttpResponseBadRequest(message), message)


def _extensions(request, data):
    """The request's `extensions` parameter, refused with 400 unless it is a JSON object or
    absent (or null). In a GET's query string or a form it is JSON text."""
    if "extensions" in request.GET or isinstance(data, QueryDict):
        text = request.GET.get("extensions") or data.get("extensions")
        try:
            value = json.loads(text) if text else None
        except ValueError:
            raise _bad_request(EXTENSIONS_NOT_AN_OBJECT) from None
    else:
        value = data.get("extensions")
    if value is not None and not isinstance(value, dict):
        raise _bad_request(EXTENSIONS_NOT_AN_OBJECT)
    return value


def _response_codes(response) -> list[str]:
    """The error codes of a refusal's small JSON body (for the access log)."""
    try:
        errors = json.loads(response.content).get("errors") or []
        return [str((error.get("extensions") or {}).get("code")) for error in errors]
    except (ValueError, AttributeError, TypeError):
        return []


def error_code(error) -> str:
    """The `extensions.code` of an error the view answers with (cms.api.errors)."""
    if isinstance(error, HttpError):
        return BAD_USER_INPUT  # a malformed request: bad JSON or parameters, GET mutation
    if isinstance(error, GraphQLError):
        code = (error.extensions or {}).get("code")
        if code:
            return code
        original = error.original_error
        if original is None or isinstance(original, GraphQLError):
            # graphql-core's own: syntax, validation, variables and arguments.
            return BAD_USER_INPUT
        # An exception in a field: "Permission denied.", an outage or "Internal error."
        # (_unexpected).
        return _fault_code(original)
    if isinstance(error, RecursionError):
        return BAD_USER_INPUT  # parsing a query nested past Python's recursion limit
    return _fault_code(error)


def _fault_code(exception) -> str:
    if isinstance(exception, PermissionDenied):
        return FORBIDDEN
    return UNAVAILABLE if is_unavailable(exception) else INTERNAL


@method_decorator(csrf_exempt, name="dispatch")
class GraphQLView(BaseGraphQLView):
    """Anonymous and bearer-token requests need no CSRF token; a session cookie never
    authorises a request that fails Django's CSRF check."""

    media_type = JSON

    # GraphiQL (only while settings.GRAPHIQL_ENABLED: development) from the project's own
    # static files, never a CDN, so it works offline: graphene-django-graphiql-static ships
    # the npm releases graphene-django 3.2.3's page pins (graphiql 2.4.7, React 17.0.2, ...)
    # with their SRI hashes; our template needs no inline script or style (cms/csp.py).
    graphiql_template = "cms/graphiql.html"
    whatwg_fetch_sri = GraphiQLOfflineView.whatwg_fetch_sri
    react_sri = GraphiQLOfflineView.react_sri
    react_dom_sri = GraphiQLOfflineView.react_dom_sri
    graphiql_sri = GraphiQLOfflineView.graphiql_sri
    graphiql_css_sri = GraphiQLOfflineView.graphiql_css_sri
    subscriptions_transport_ws_sri = GraphiQLOfflineView.subscriptions_transport_ws_sri
    graphiql_plugin_explorer_sri = GraphiQLOfflineView.graphiql_plugin_explorer_sri
    graphiql_plugin_explorer_css_sri = GraphiQLOfflineView.graphiql_plugin_explorer_css_sri

    def dispatch(self, request, *args, **kwargs):
        # The media type of every answer, refusals included (cms.api.http).
        self.media_type = response_media_type(request.META.get("HTTP_ACCEPT"))
        # GraphiQL follows the setting at request time, whatever the URLconf passed.
        self.graphiql = self.graphiql and settings.GRAPHIQL_ENABLED
        # Read by the access log (cms.observability): operation name, cost, error codes.
        request.graphql_operation = request.graphql_cost = None
        try:
            # An anonymous persisted GET may be answered from the cache (cms.api.persisted).
            response = self._refusal(request) or persisted.respond(
                request,
                self.media_type,
                lambda: super(GraphQLView, self).dispatch(request, *args, **kwargs),
            )
        except PermissionDenied:
            response = error_response(PERMISSION_DENIED, 403, FORBIDDEN)
        except Exception as exc:
            # Outside GraphQL's execution (which reports errors per field): a 500 that says
            # no more than a field's internal error, a 503 for an outage (cms.failure).
            if is_unavailable(exc):
                logger.warning("GraphQL request failed outside execution: %r", exc)
                response = error_response(UNAVAILABLE_MESSAGE, 503, UNAVAILABLE)
            elif settings.DEBUG:
                raise
            else:
                logger.exception("GraphQL request failed outside execution")
                response = error_response(INTERNAL_ERROR, 500, INTERNAL)
        if response.get("Content-Type", "").partition(";")[0].strip() == JSON:
            response["Content-Type"] = CONTENT_TYPES[self.media_type]
        if response.status_code == 503 and not response.has_header("Retry-After"):
            response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        patch_vary_headers(response, ["Accept"])
        if response.status_code >= 400 and not hasattr(request, "graphql_error_codes"):
            request.graphql_error_codes = _response_codes(response)
        return response

    def _refusal(self, request):
        """The response refusing the request before GraphQL sees it, or None (then the
        request's user is the token's user, if it sent one)."""
        max_body = settings.GRAPHQL_MAX_BODY_BYTES
        if _content_length(request) > max_body:
            return error_response(
                f"The request body is {_content_length(request)} bytes, more than the limit "
                f"of {max_body}.",
                400,
                BAD_USER_INPUT,
            )

        try:
            token_user = bearer_user(request)
        except ApiAuthenticationError as error:
            # Counted against the client's address, like an anonymous request.
            return rate_limit.refusal(request) or error_response(
                error.message,
                401,
                UNAUTHENTICATED,
                {"WWW-Authenticate": error.www_authenticate},
            )
        refused = rate_limit.refusal(request, token_user)
        if refused is not None:
            return refused

        if token_user is not None:
            request.user = token_user
        elif request.method == "POST" and request.user.is_authenticated:
            if _csrf_failure(request) is not None:
                return error_response(
                    "CSRF check failed for a session-authenticated request.", 403, FORBIDDEN
                )
        return None

    def get_graphql_params(self, request, data):
        """graphene-django's parameters, the query text taken from a persisted document
        when the request names one by its hash (cms.api.persisted)."""
        query, variables, operation_name, id = super().get_graphql_params(request, data)
        return persisted.resolve(request, data, query), variables, operation_name, id

    def parse_body(self, request):
        try:
            return super().parse_body(request)
        except RecursionError:
            # JSON nested past Python's recursion limit (a 100 kB "[[[[…" is enough):
            # graphene-django only catches TypeError and ValueError, so it was a 500.
            raise HttpError(HttpResponseBadRequest("POST body sent invalid JSON.")) from None

    def get_response(self, request, data, show_graphiql=False):
        """graphene-django's response (a GraphQL error without a path is a request error:
        no `data`), with the status of cms.api.http for the negotiated media type."""
        self._result = None
        body, status = super().get_response(request, data, show_graphiql)
        result = self._result
        if body is not None and result is not None:
            errors = result.errors or []
            has_data = not any(not getattr(error, "path", None) for error in errors)
            codes = [error_code(error) for error in errors]
            status = graphql_status(self.media_type, has_data, result.data is None, codes)
            request.graphql_error_codes = codes
        return body, status

    def execute_graphql_request(
        self, request, data, query, variables, operation_name, show_graphiql=False
    ):
        result = self._execute_request(
            request, data, query, variables, operation_name, show_graphiql
        )
        if result is not None and any(
            error_code(error) == UNAVAILABLE for error in result.errors or []
        ):
            # An outage (the database or the cache) while resolving: whatever data came
            # back is incomplete, so none is sent and the response is a 503 (cms/api/http.py).
            result = ExecutionResult(data=None, errors=result.errors)
        self._result = result
        return result

    def _execute_request(self, request, data, query, variables, operation_name, show_graphiql):
        if query is not None and not isinstance(query, str):
            raise _bad_request("The query must be a string.")
        if variables is not None and not isinstance(variables, dict):
            raise _bad_request("Variables must be a JSON object.")
        if operation_name is not None and not isinstance(operation_name, str):
            raise _bad_request("operationName must be a string.")
        _extensions(request, data)  # refused when malformed (persistedQuery: cms.api.persisted)
        if query:
            size, limit = len(query.encode("utf-8")), settings.GRAPHQL_MAX_QUERY_BYTES
            if size > limit:
                return ExecutionResult(
                    errors=[
                        bad_input(f"The query is {size} bytes, more than the limit of {limit}.")
                    ]
                )
        try:
            return self._execute(request, query, variables, operation_name, show_graphiql)
        except RecursionError:
            # A query within the size limit can still nest past Python's recursion limit
            # in graphql-core's parser or validation; that is the client's error, not ours.
            return ExecutionResult(errors=[bad_input(TOO_DEEP)])

    def _execute(self, request, query, variables, operation_name, show_graphiql):
        """graphene-django's execute_graphql_request, with the parsed and validated
        document cached per query text (frontends send the same few queries).
        tests/api/test_graphene_django_pin.py fails when a graphene-django upgrade changes
        the code this copies."""
        if not query:
            if show_graphiql:
                return None
            raise _bad_request("Must provide query string.")
        schema = self.schema.graphql_schema
        schema_errors = validate_schema(schema)
        if schema_errors:
            logger.error("The GraphQL schema is invalid: %s", schema_errors)
            return ExecutionResult(data=None, errors=[internal()])
        document, errors = prepared_document(
            schema,
            query,
            settings.GRAPHQL_MAX_DEPTH,
            settings.GRAPHQL_MAX_ALIASES,
            settings.GRAPHQL_INTROSPECTION,
        )
        operation = get_operation_ast(document, operation_name) if document else None
        if operation is not None and operation.name is not None:
            request.graphql_operation = operation.name.value
        if errors:
            return ExecutionResult(data=None, errors=list(errors))
        # The cost depends on the variables (`limit: $limit`): per request, not cached.
        errors, costs = operation_costs(schema, document, variables)
        request.graphql_cost = costs.get(operation) if operation is not None else None
        if errors:
            if request.graphql_cost is None:
                request.graphql_cost = (errors[0].extensions or {}).get("cost")
            return ExecutionResult(data=None, errors=errors)
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
        # Every error has a code; one given on purpose (and its other extensions) is kept.
        formatted["extensions"] = {
            "code": str(error_code(error)),
            **(formatted.get("extensions") or {}),
        }
        return formatted

    def _format_error(self, error):
        if isinstance(error, HttpError):
            return {"message": error.message}
        if isinstance(error, GraphQLError):
            original = error.original_error
            if original is None or isinstance(original, GraphQLError):
                # Syntax and validation errors, and messages resolvers raise on purpose.
                return error.formatted
            return self._unexpected(error, original)
        if isinstance(error, RecursionError):
            return {"message": TOO_DEEP}
        return self._unexpected(error, error)

    def _unexpected(self, error, original):
        if isinstance(original, PermissionDenied):
            message = PERMISSION_DENIED
        elif is_unavailable(original):
            logger.warning(
                "GraphQL field failed, a service is unavailable: %s: %r",
                getattr(error, "path", None),
                original,
            )
            message = UNAVAILABLE_MESSAGE
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


def execute_in_process(request, query: str, variables: dict | None, operation_name=None) -> dict:
    """Run a GraphQL document for `request.user` inside this process, exactly as the
    endpoint would (the same parse, validation, depth, alias and cost limits, resolvers
    and error formatting), and return the response body as a dict ({"data", "errors"}).

    For a frontend deployed with the CMS (frontend/api.py): no HTTP round trip, no CSRF
    or rate limit (the frontend's own page views are what a client sends). Each call gets
    a fresh request object, so the API's per-request caches never mix two documents."""
    from django.http import HttpRequest

    api_request = HttpRequest()
    api_request.method = "POST"
    api_request.path = api_request.path_info = "/graphql/"
    api_request.META = {
        key: value
        for key, value in request.META.items()
        if key
        in ("REMOTE_ADDR", "HTTP_X_FORWARDED_FOR", "HTTP_USER_AGENT", "SERVER_NAME", "SERVER_PORT")
    }
    api_request.user = request.user
    api_request.session = getattr(request, "session", None)
    view = GraphQLView()
    view.media_type = JSON
    result = view._execute_request(api_request, {}, query, variables, operation_name, False)
    body = {}
    if result.errors:
        body["errors"] = [view.format_error(error) for error in result.errors]
    if result.data is not None or not result.errors:
        body["data"] = result.data
    return body
