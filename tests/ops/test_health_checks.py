"""/healthz and /readyz (cms/health.py, docs/operations.md "Health checks and failure
signals"): liveness without the database, readiness with the database, the cache and the
migrations; never cached, outside the language prefixes, answered whatever the Host header,
without login or rate limit."""

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.urls import reverse

from cms import health

pytestmark = pytest.mark.django_db


def test_healthz_answers_without_the_database(django_assert_num_queries):
    with django_assert_num_queries(0):
        response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert response["Cache-Control"] == "no-store"
    assert reverse("healthz") in ("/healthz", "/healthz/")


def test_readyz_checks_database_cache_and_migrations():
    response = Client().get("/readyz")
    body = response.json()
    assert response.status_code == 200, body
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "cache", "migrations"}
    assert all(check["ok"] for check in body["checks"].values())
    assert response["Cache-Control"] == "no-store"


@pytest.mark.parametrize("path", ["/healthz", "/healthz/", "/readyz", "/readyz/"])
def test_probes_pass_whatever_the_host_and_need_no_login(settings, path):
    # A load balancer probes with the instance's address, not a name of ALLOWED_HOSTS.
    settings.ALLOWED_HOSTS = ["palvelumanuaali.example.fi"]
    response = Client().get(path, HTTP_HOST="10.0.3.7:8000")
    assert response.status_code == 200
    assert "Set-Cookie" not in response and "Location" not in response


def test_probes_are_not_rate_limited(settings):
    settings.GRAPHQL_RATE_LIMIT_ANONYMOUS = "1/m"
    client = Client()
    assert {client.get("/readyz").status_code for _ in range(5)} == {200}


def test_probes_are_outside_the_language_prefixes():
    assert Client().get("/sv/healthz/").status_code == 404
    assert Client().get("/en/readyz/").status_code == 404


def test_only_get_and_head():
    assert Client().head("/healthz").status_code == 200
    assert Client().post("/readyz").status_code == 405


def test_readyz_fails_when_the_database_fails(monkeypatch):
    def broken(execute, sql, params, many, context):
        from django.db import OperationalError

        raise OperationalError("connection refused")

    with connection.execute_wrapper(broken):
        response = Client().get("/readyz")
    body = response.json()
    assert response.status_code == 503, body
    assert body["status"] == "unavailable"
    assert body["failed"] == ["database", "migrations"]
    assert body["checks"]["database"] == {"ok": False, "error": "OperationalError"}
    assert body["checks"]["cache"]["ok"] is True
    assert response["Cache-Control"] == "no-store"


def test_readyz_fails_when_the_cache_fails(monkeypatch):
    def refused(*args, **kwargs):
        raise ConnectionRefusedError("cache down")

    monkeypatch.setattr(caches["default"], "set", refused)
    response = Client().get("/readyz")
    body = response.json()
    assert response.status_code == 503, body
    assert body["failed"] == ["cache"]
    assert body["checks"]["cache"] == {"ok": False, "error": "ConnectionRefusedError"}


def test_readyz_fails_when_the_cache_forgets(monkeypatch):
    # A cache that swallows its errors (django-redis IGNORE_EXCEPTIONS) answers None.
    monkeypatch.setattr(caches["default"], "get", lambda *args, **kwargs: None)
    response = Client().get("/readyz")
    assert response.status_code == 503 and response.json()["failed"] == ["cache"]


def test_readyz_fails_on_unapplied_migrations(monkeypatch):
    monkeypatch.setattr(health, "_migrations_applied", False)

    class Plan:
        def __init__(self, connection):
            self.loader = type("Loader", (), {"graph": type("G", (), {"leaf_nodes": list})})

        def migration_plan(self, targets):
            migration = type("M", (), {"app_label": "services", "name": "0099_new"})
            return [(migration, False)]

    monkeypatch.setattr(health, "MigrationExecutor", Plan)
    response = Client().get("/readyz")
    body = response.json()
    assert response.status_code == 503 and body["failed"] == ["migrations"]
    # Once the migrations are applied, the next probe passes.
    monkeypatch.undo()
    assert Client().get("/readyz").status_code == 200
