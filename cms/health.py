"""Health checks for load balancers and orchestrators (docs/operations.md, "Health checks
and failure signals").

- `GET /healthz`: liveness. The process answers; nothing else is touched (no database, no
  cache). 200 `{"status": "ok"}`. Restart the process when this fails.
- `GET /readyz`: readiness. 200 `{"status": "ok", "checks": {...}}` when every check
  passes, else 503 with `"status": "unavailable"` and the failing checks named (the error's
  class only; details go to the log, logger cms.health). Take the instance out of the load
  balancer while this fails. The checks:
  - `database`: `SELECT 1` on every configured database;
  - `cache`: a set, get and delete of a random key on every configured cache;
  - `migrations`: no migration of the code is unapplied on the default database (once
    it passed, a process does not look again: its code cannot change).

Both answer GET and HEAD (anything else: 405), are never cached (`Cache-Control:
no-store`) and are answered by `HealthCheckMiddleware`, the first middleware: before the
Host check (a load balancer probes with the instance's address), the HTTPS redirect,
sessions, the language prefix, login and the API's rate limit. They are in cms/urls.py too,
for reverse() and a stack without the middleware.
"""

import logging
import time
import uuid

from django.conf import settings
from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpResponseNotAllowed, JsonResponse

logger = logging.getLogger(__name__)

HEALTH_PATHS = {"/healthz", "/healthz/"}
READY_PATHS = {"/readyz", "/readyz/"}
_migrations_applied = False


def _answer(body: dict, status: int = 200) -> JsonResponse:
    response = JsonResponse(body, status=status)
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _method_refusal(request):
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    return None


def healthz(request):
    """The process is alive."""
    return _method_refusal(request) or _answer({"status": "ok"})


def check_database() -> None:
    for alias in settings.DATABASES:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()


def check_cache() -> None:
    for alias in settings.CACHES:
        cache = caches[alias]
        key, value = f"readyz:{uuid.uuid4().hex}", uuid.uuid4().hex
        cache.set(key, value, timeout=10)
        try:
            if cache.get(key) != value:
                raise RuntimeError(f"cache {alias!r} did not return the value just set")
        finally:
            cache.delete(key)


def check_migrations() -> None:
    global _migrations_applied
    if _migrations_applied:
        return
    executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if plan:
        names = ", ".join(f"{m.app_label}.{m.name}" for m, _ in plan[:5])
        raise RuntimeError(f"{len(plan)} unapplied migration(s): {names}")
    _migrations_applied = True


CHECKS = {"database": check_database, "cache": check_cache, "migrations": check_migrations}


def readyz(request):
    """The database, the cache and the schema are ready for requests."""
    refused = _method_refusal(request)
    if refused:
        return refused
    checks, failed = {}, []
    for name, check in CHECKS.items():
        if name == "migrations" and "database" in failed:
            checks[name] = {"ok": False, "error": "skipped: the database is unavailable"}
            failed.append(name)
            continue
        started = time.perf_counter()
        try:
            check()
        except Exception as error:
            logger.warning("Readiness check %s failed: %r", name, error)
            checks[name] = {"ok": False, "error": type(error).__name__}
            failed.append(name)
        else:
            checks[name] = {"ok": True, "ms": round((time.perf_counter() - started) * 1000, 1)}
    if failed:
        return _answer({"status": "unavailable", "failed": failed, "checks": checks}, 503)
    return _answer({"status": "ok", "checks": checks})


class HealthCheckMiddleware:
    """Answers /healthz and /readyz before any other middleware (see the module)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info in HEALTH_PATHS:
            return healthz(request)
        if request.path_info in READY_PATHS:
            return readyz(request)
        return self.get_response(request)
