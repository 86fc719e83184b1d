"""Request logs and metrics (docs/operations.md "Logs, metrics and error reporting").

- `RequestLogMiddleware`: one access-log line per request on the `cms.access` logger
  (request id, user, method, path, view, status, duration, DB queries, and for /graphql/
  the operation name, estimated cost and error codes the view stored on the request).
  The request id is X-Request-ID from a trusted proxy (only when TRUSTED_PROXY_COUNT > 0
  and the value looks like an id), else a new one; it is echoed in the response header
  and added to every log record written while the request runs (`RequestContextFilter`),
  Django's own `django.request` errors included.
- Logged: never a request body, a query string, a header or a cookie. Path parameters
  whose name says they are secret (`key`, `token`, `uidb64`, ...: invitation and password
  reset links) are replaced by "[redacted]".
- The user is read only when it costs no query: a user the request has already loaded
  (the auth middleware's lazy user once something evaluated it, a bearer token's user),
  or "anonymous" when the request has no session cookie. Otherwise the line has no user.
- DB queries are counted with `connection.execute_wrapper` (works with DEBUG off) and
  exported as django-prometheus' `django_db_*` metrics; cache reads (`get`, `get_many`)
  are counted per cache alias as its `django_cache_get_*` metrics, whatever the backend
  (`instrument_caches`). Requests, views and latency are django-prometheus' middleware.
- `metrics_view`: /metrics, only with `Authorization: Bearer <METRICS_TOKEN>` or from an
  address in METRICS_ALLOWED_IPS; otherwise the 404 of any address that is no page.

Nothing here imports the domain apps (cms is the base app; tests/test_architecture.py).
"""

from __future__ import annotations

import hmac
import ipaddress
import logging
import re
import time
import uuid
from contextlib import ExitStack
from contextvars import ContextVar
from functools import lru_cache

from django.conf import settings
from django.db import connections
from django.utils.functional import empty
from django.views.decorators.cache import never_cache
from django_prometheus.cache.metrics import (
    django_cache_get_fail_total,
    django_cache_get_total,
    django_cache_hits_total,
    django_cache_misses_total,
)
from django_prometheus.db.metrics import errors_total, execute_total, query_duration_seconds
from django_prometheus.exports import ExportToDjangoView
from prometheus_client import Counter
from pythonjsonlogger.json import JsonFormatter as BaseJsonFormatter

from cms.client_ip import client_ip

access_logger = logging.getLogger("cms.access")

REQUEST_ID_HEADER = "X-Request-ID"
# What an incoming X-Request-ID may be (a proxy's UUID, a trace id): anything else is
# replaced, so a client cannot write arbitrary text into the logs through a proxy.
VALID_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")
# URL parameters whose values are secrets and never logged (their path is redacted).
SECRET_PARAMETER = re.compile(r"key|token|secret|password|uid", re.IGNORECASE)
REDACTED = "[redacted]"
MAX_PATH_LENGTH = 500

# Distinct GraphQL operation names that get their own metric label per process; others
# are counted as "other" (clients choose the names: the label set must stay bounded).
MAX_OPERATION_LABELS = 200
OPERATION_NAME = re.compile(r"[_A-Za-z][_0-9A-Za-z]{0,63}")

graphql_operations_total = Counter(
    "graphql_operations_total",
    "GraphQL requests by operation name (anonymous: unnamed, other: past the label limit).",
    ["operation"],
)
graphql_errors_total = Counter(
    "graphql_errors_total",
    "Errors of GraphQL responses by operation name and extensions.code.",
    ["operation", "code"],
)

_request_id: ContextVar[str | None] = ContextVar("request_id", default=None)
_operation_labels: set[str] = set()


def current_request_id() -> str | None:
    """The id of the request being handled in this context, or None."""
    return _request_id.get()


class RequestContextFilter(logging.Filter):
    """Adds `request_id` (None outside a request) to every record a handler writes; for
    Django's records about a request (`request` extra: "Not Found: /x" is logged after the
    middleware returned) the id of that request, and their path with secret parameters
    redacted as in the access log (on the django.request logger, so before any handler)."""

    def filter(self, record):
        request = getattr(record, "request", None)
        if not hasattr(record, "request_id"):
            record.request_id = _request_id.get() or getattr(request, "request_id", None)
        path = getattr(request, "path", None)
        if isinstance(path, str) and isinstance(record.args, tuple) and path in record.args:
            safe = _path_of(request)
            record.args = tuple(safe if arg == path else arg for arg in record.args)
        return True


class JsonFormatter(BaseJsonFormatter):
    """One JSON object per line: timestamp, level, logger, message, request_id and the
    record's extra fields. Django's `request` extra (an object whose text includes the
    query string) and the dev server's are left out."""

    OMITTED = ("request", "server_time", "status_code")

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("fmt", "%(levelname)s %(name)s %(message)s")
        kwargs.setdefault("rename_fields", {"levelname": "level", "name": "logger"})
        kwargs.setdefault("timestamp", True)
        super().__init__(*args, **kwargs)

    def add_fields(self, log_data, record, message_dict):
        super().add_fields(log_data, record, message_dict)
        for key in self.OMITTED:
            log_data.pop(key, None)
        if "status_code" in record.__dict__ and "status" not in log_data:
            log_data["status"] = record.status_code


# --- Per request ----------------------------------------------------------------------
class _QueryCounter:
    """Counts the statements a request sends, on every configured database."""

    def __init__(self):
        self.count = 0
        self.seconds = 0.0

    def wrapper(self, connection):
        alias, vendor = connection.alias, connection.vendor
        executed = execute_total.labels(alias, vendor)
        duration = query_duration_seconds.labels(alias, vendor)

        def count(execute, sql, params, many, context):
            start = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            except Exception as error:
                errors_total.labels(alias, vendor, type(error).__name__).inc()
                raise
            finally:
                elapsed = time.perf_counter() - start
                self.count += 1
                self.seconds += elapsed
                executed.inc()
                duration.observe(elapsed)

        return count


def _request_id_of(request) -> str:
    if settings.TRUSTED_PROXY_COUNT > 0:
        incoming = request.META.get("HTTP_X_REQUEST_ID", "")
        if VALID_REQUEST_ID.fullmatch(incoming):
            return incoming
    return uuid.uuid4().hex


def _user_of(request) -> tuple[int | None, str | None]:
    """(user id, username), ("anonymous" for nobody), without a query of its own."""
    user = getattr(request, "user", None)
    if user is None:
        return None, "anonymous"
    if getattr(user, "_wrapped", None) is empty:
        # AuthenticationMiddleware's lazy user, never evaluated: loading it now would read
        # the session (and the user). Without a session cookie it is anonymous for free.
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return None, "anonymous"
        return None, None
    if user.is_authenticated:
        return user.pk, user.get_username()
    return None, "anonymous"


def _path_of(request) -> str:
    path = request.path
    match = getattr(request, "resolver_match", None)
    if match is not None:
        for name, value in match.kwargs.items():
            if SECRET_PARAMETER.search(name) and isinstance(value, str) and value:
                path = path.replace(value, REDACTED)
    return path[:MAX_PATH_LENGTH]


def _operation_label(name: str | None) -> str:
    if not name:
        return "anonymous"
    if not OPERATION_NAME.fullmatch(name):
        return "other"
    if name not in _operation_labels:
        if len(_operation_labels) >= MAX_OPERATION_LABELS:
            return "other"
        _operation_labels.add(name)
    return name


class RequestLogMiddleware:
    """The access log, the request id and the per-request DB query count (see the module
    docstring). Placed first in MIDDLEWARE so it sees every response, redirects and
    refusals of other middleware included."""

    def __init__(self, get_response):
        self.get_response = get_response
        instrument_caches()

    def __call__(self, request):
        request_id = _request_id_of(request)
        request.request_id = request_id
        token = _request_id.set(request_id)
        counter = _QueryCounter()
        start = time.perf_counter()
        try:
            with ExitStack() as stack:
                for connection in connections.all():
                    stack.enter_context(connection.execute_wrapper(counter.wrapper(connection)))
                response = self.get_response(request)
            response[REQUEST_ID_HEADER] = request_id
            self._log(request, response, counter, time.perf_counter() - start)
            return response
        finally:
            _request_id.reset(token)

    def _log(self, request, response, counter, seconds):
        user_id, username = _user_of(request)
        path = _path_of(request)
        match = getattr(request, "resolver_match", None)
        fields = {
            "request_id": request.request_id,
            "method": request.method,
            "path": path,
            "view": match.view_name if match is not None else None,
            "status": response.status_code,
            "duration_ms": round(seconds * 1000, 1),
            "db_queries": counter.count,
            "db_ms": round(counter.seconds * 1000, 1),
            "user_id": user_id,
            "username": username,
        }
        message = (
            f"{request.method} {path} {response.status_code} {fields['duration_ms']} ms "
            f"{counter.count} queries user={username or '?'}"
        )
        if hasattr(request, "graphql_operation"):
            operation = request.graphql_operation
            codes = sorted(set(getattr(request, "graphql_error_codes", None) or ()))
            cost = getattr(request, "graphql_cost", None)
            fields.update(graphql_operation=operation, graphql_cost=cost, graphql_error_codes=codes)
            message += f" operation={operation or '-'} cost={cost}"
            if codes:
                message += f" errors={','.join(codes)}"
            label = _operation_label(operation)
            graphql_operations_total.labels(label).inc()
            for code in codes:
                graphql_errors_total.labels(label, code).inc()
        level = logging.ERROR if response.status_code >= 500 else logging.INFO
        access_logger.log(level, message, extra=fields)


# --- Cache reads ------------------------------------------------------------------------
_MISSING = object()
_caches_instrumented = False


def _instrument_cache(backend, alias: str) -> None:
    """Count this cache object's get / get_many as hits and misses (labelled by alias)."""
    if getattr(backend, "_observability_counted", False):
        return
    get, get_many = backend.get, backend.get_many
    total, hits, misses, failures = (
        metric.labels(backend=alias)
        for metric in (
            django_cache_get_total,
            django_cache_hits_total,
            django_cache_misses_total,
            django_cache_get_fail_total,
        )
    )

    def counted_get(key, default=None, *args, **kwargs):
        total.inc()
        try:
            value = get(key, _MISSING, *args, **kwargs)
        except Exception:
            failures.inc()
            raise
        if value is _MISSING:
            misses.inc()
            return default
        hits.inc()
        return value

    def counted_get_many(keys, *args, **kwargs):
        keys = list(keys)
        total.inc(len(keys))
        try:
            found = get_many(keys, *args, **kwargs)
        except Exception:
            failures.inc(len(keys))
            raise
        hits.inc(len(found))
        misses.inc(len(keys) - len(found))
        return found

    backend.get, backend.get_many = counted_get, counted_get_many
    backend._observability_counted = True


def instrument_caches() -> None:
    """Count the reads of every cache of settings.CACHES, whatever its backend: the cache
    objects Django creates (per thread) get counting get / get_many; those this thread
    already has are counted from now on. Idempotent."""
    global _caches_instrumented
    from django.core.cache import CacheHandler, caches

    if not _caches_instrumented:
        create_connection = CacheHandler.create_connection

        def counted_connection(self, alias):
            backend = create_connection(self, alias)
            _instrument_cache(backend, alias)
            return backend

        CacheHandler.create_connection = counted_connection
        _caches_instrumented = True
    for alias in caches.settings:
        _instrument_cache(caches[alias], alias)


# --- /metrics ---------------------------------------------------------------------------
@lru_cache(maxsize=8)
def _networks(entries: tuple[str, ...]) -> tuple:
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)


def metrics_allowed(request) -> bool:
    """A bearer token equal to settings.METRICS_TOKEN (compared in constant time), or a
    client address (cms.client_ip) in settings.METRICS_ALLOWED_IPS. Nothing configured:
    nobody."""
    token = settings.METRICS_TOKEN
    if token:
        scheme, _, credentials = request.META.get("HTTP_AUTHORIZATION", "").partition(" ")
        if scheme.lower() == "bearer" and hmac.compare_digest(
            credentials.strip().encode(), token.encode()
        ):
            return True
    allowed = settings.METRICS_ALLOWED_IPS
    if allowed:
        ip = client_ip(request)
        if ip is not None:
            address = ipaddress.ip_address(ip)
            return any(address in network for network in _networks(tuple(allowed)))
    return False


@never_cache
def metrics_view(request):
    """Prometheus' text format; multi-process mode when PROMETHEUS_MULTIPROC_DIR is set
    (django-prometheus' ExportToDjangoView)."""
    if not metrics_allowed(request):
        from cms.headless import no_page  # not at import: the logging configuration imports us

        return no_page(request)  # the answer of any address that is no page
    return ExportToDjangoView(request)
