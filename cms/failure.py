"""Honest failure signals: an outage of what the app depends on is a 503, never a 200.

`is_unavailable(exc)` tells a failure of a backing service (the database, the cache) from
a bug: Django's OperationalError and InterfaceError (psycopg's and sqlite3's are wrapped
into them; a raw psycopg one counts too), the connection errors of redis and django-redis,
and Python's ConnectionError and TimeoutError (a socket to a service that does not answer).

Where it is used (docs/operations.md, "Health checks and failure signals"):

- `cms.api.views`: an error of that kind inside a GraphQL field has the code UNAVAILABLE and
  the response is a 503 (cms.api.http.graphql_status), outside execution too;
- `server_error`, the project's handler500 (cms/urls.py): any other uncaught exception of
  that kind, in a view or a middleware, answers 503 with Retry-After: JSON in the API's
  error shape under /graphql/, a small self-contained HTML page elsewhere (no template, no
  context processor: they could need the database that is down); other exceptions keep
  Django's 500 page;
- `FailureSignalMiddleware`: every 503 (the frontend's own included) carries Retry-After,
  and a 5xx without Cache-Control gets `no-store`, so no cache keeps an error.
"""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.views import defaults

logger = logging.getLogger(__name__)

# Seconds a client is asked to wait before retrying a 503.
RETRY_AFTER_SECONDS = 10
UNAVAILABLE_MESSAGE = "The service is temporarily unavailable. Try again shortly."


def _service_errors() -> tuple[type[BaseException], ...]:
    errors: list[type[BaseException]] = [
        OperationalError,
        InterfaceError,
        ConnectionError,
        TimeoutError,
    ]
    try:
        import psycopg

        errors += [psycopg.OperationalError, psycopg.InterfaceError]
    except ImportError:  # pragma: no cover - psycopg is in requirements.txt
        pass
    try:
        import redis.exceptions

        errors += [redis.exceptions.ConnectionError, redis.exceptions.TimeoutError]
    except ImportError:
        pass
    try:
        from django_redis.exceptions import ConnectionInterrupted

        errors.append(ConnectionInterrupted)
    except ImportError:
        pass
    return tuple(errors)


SERVICE_ERRORS = _service_errors()


def is_unavailable(exc: BaseException | None) -> bool:
    """True when `exc` (or an exception it was raised from) is an outage of a backing
    service rather than a bug."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, SERVICE_ERRORS):
            return True
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return False


def _is_api(request) -> bool:
    return request.path_info.startswith("/graphql/")


def unavailable_response(request) -> HttpResponse:
    """The 503 for `request`: the GraphQL error shape under /graphql/, HTML elsewhere."""
    if _is_api(request):
        from cms.api.errors import UNAVAILABLE, error_body

        response = JsonResponse(error_body(UNAVAILABLE_MESSAGE, UNAVAILABLE), status=503)
    else:
        response = HttpResponse(UNAVAILABLE_PAGE, status=503, content_type="text/html")
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def server_error(request, *args, **kwargs):
    """handler500: a 503 when the uncaught exception is an outage (see the module), else
    Django's 500 page (JSON under /graphql/)."""
    exc = sys.exc_info()[1]
    if is_unavailable(exc):
        logger.warning("Answered 503: %s (%s)", type(exc).__name__, request.path_info)
        return unavailable_response(request)
    if _is_api(request):
        from cms.api.errors import INTERNAL, INTERNAL_ERROR, error_response

        return error_response(INTERNAL_ERROR, 500, INTERNAL)
    return defaults.server_error(request, *args, **kwargs)


class FailureSignalMiddleware:
    """Retry-After on every 503 and `Cache-Control: no-store` on a 5xx that has no
    Cache-Control of its own (an error must never be kept by a cache)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code >= 500:
            if response.status_code == 503 and not response.has_header("Retry-After"):
                response["Retry-After"] = str(RETRY_AFTER_SECONDS)
            if not response.has_header("Cache-Control"):
                response["Cache-Control"] = "no-store"
        return response


# Self-contained: no template, stylesheet or database (all could be what is down).
UNAVAILABLE_PAGE = """<!doctype html>
<html lang="fi">
<head><meta charset="utf-8"><meta name="robots" content="noindex">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Palvelumanuaali – 503</title></head>
<body>
<main>
<h1>Palvelu ei ole juuri nyt käytettävissä</h1>
<p>Yritä hetken kuluttua uudelleen.</p>
<h2 lang="sv">Tjänsten är inte tillgänglig just nu</h2>
<p lang="sv">Försök igen om en stund.</p>
<h2 lang="en">The service is temporarily unavailable</h2>
<p lang="en">Please try again shortly.</p>
</main>
</body>
</html>
"""
