"""Honest failure signals (cms/failure.py, cms/api/http.py, cms/db_backends; docs/operations.md
"Health checks and failure signals"): an outage of the database answers 503 with Retry-After,
never 200 — JSON with code UNAVAILABLE under /graphql/ (both media types), an HTML page
elsewhere; other server faults stay 500; on PostgreSQL a read that meets a dropped connection
is retried once on a new one, a write or a read inside a transaction never."""

import json
import os

import pytest
from django.db import InterfaceError, OperationalError, connection, connections, transaction
from django.test import Client, RequestFactory

from cms.db_backends.retry import is_plain_read
from cms.failure import is_unavailable, server_error
from cms.settings.base import DATABASES, database

pytestmark = pytest.mark.django_db

GRJ = "application/graphql-response+json"
LISTING = "{ services(limit: 20) { totalCount items { id title slug } } }"
ON_POSTGRES = os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))


def down(execute, sql, params, many, context):
    raise OperationalError("could not connect to server: Connection refused")


@pytest.fixture
def database_down():
    with connection.execute_wrapper(down):
        yield


def post(query, accept=None, client=None):
    headers = {"HTTP_ACCEPT": accept} if accept else {}
    return (client or Client()).post(
        "/graphql/", json.dumps({"query": query}), content_type="application/json", **headers
    )


@pytest.mark.parametrize(
    ("accept", "content_type"), [(None, "application/json"), (GRJ, f"{GRJ}; charset=utf-8")]
)
def test_graphql_answers_503_when_the_database_is_down(database_down, accept, content_type):
    response = post(LISTING, accept)
    body = response.json()
    assert response.status_code == 503, body
    assert response["Content-Type"] == content_type
    assert response["Retry-After"].isdigit()
    assert body["data"] is None
    (error,) = body["errors"]
    assert error["extensions"] == {"code": "UNAVAILABLE"}
    assert error["path"] == ["services"]
    assert "Connection refused" not in error["message"]  # nothing of the failure leaks


@pytest.mark.parametrize("accept", [None, GRJ])
def test_an_outage_midway_is_a_503_without_its_partial_data(accept):
    """The database goes down after the first field answered (make faulttest's restart:
    `{"data": {"service": null}}` with an UNAVAILABLE error was a 200): no partial data,
    a 503."""
    calls = []

    def down_after_the_first(execute, sql, params, many, context):
        calls.append(sql)
        if len(calls) > 1:
            raise OperationalError("server closed the connection unexpectedly")
        return execute(sql, params, many, context)

    query = "{ a: services(limit: 1) { totalCount } b: services(limit: 2) { totalCount } }"
    with connection.execute_wrapper(down_after_the_first):
        response = post(query, accept)
    body = response.json()
    assert response.status_code == 503, body
    assert body["data"] is None
    assert {e["extensions"]["code"] for e in body["errors"]} == {"UNAVAILABLE"}


def test_graphql_over_get_answers_503_too(database_down):
    response = Client().get("/graphql/", {"query": LISTING}, HTTP_ACCEPT=GRJ)
    assert response.status_code == 503
    assert response.json()["errors"][0]["extensions"]["code"] == "UNAVAILABLE"


def test_a_mutation_answers_503_when_the_database_is_down(database_down):
    response = post('mutation { createServiceList(name: "x") { id } }', GRJ)
    assert response.status_code == 503, response.content


def test_the_frontend_answers_503_when_the_database_is_down(database_down):
    response = Client(raise_request_exception=False).get("/")
    assert response.status_code == 503
    assert response["Content-Type"].startswith("text/html")
    assert response["Retry-After"].isdigit()
    assert "public" not in response.get("Cache-Control", "")


def test_a_signed_in_page_answers_503_when_the_database_is_down(user):
    # The session and the user are read from the database before any view runs.
    client = Client(raise_request_exception=False)
    client.force_login(user("helsinki-expert"))
    with connection.execute_wrapper(down):
        response = client.get("/")
    assert response.status_code == 503
    assert response["Retry-After"].isdigit()
    assert response["Cache-Control"] == "no-store"
    assert b"Try again" in response.content or b"try again" in response.content


def test_readyz_answers_503_when_the_database_is_down(database_down):
    assert Client().get("/readyz").status_code == 503


def test_healthz_does_not_depend_on_the_database(database_down):
    assert Client().get("/healthz").status_code == 200


def _failing_with(exception, path):
    request = RequestFactory().get(path)
    try:
        raise exception
    except Exception:
        return server_error(request)


def test_handler500_tells_an_outage_from_a_bug():
    outage = _failing_with(InterfaceError("connection already closed"), "/palvelut/")
    assert outage.status_code == 503 and outage["Retry-After"].isdigit()
    api_outage = _failing_with(OperationalError("timeout"), "/graphql/")
    assert api_outage.status_code == 503
    assert json.loads(api_outage.content)["errors"][0]["extensions"] == {"code": "UNAVAILABLE"}
    assert _failing_with(RuntimeError("bug"), "/palvelut/").status_code == 500
    bug = _failing_with(KeyError("bug"), "/graphql/")
    assert bug.status_code == 500
    assert json.loads(bug.content)["errors"][0]["extensions"] == {"code": "INTERNAL"}


def test_what_counts_as_an_outage():
    import psycopg

    assert is_unavailable(OperationalError("x"))
    assert is_unavailable(psycopg.OperationalError("x"))
    assert is_unavailable(ConnectionRefusedError())
    assert is_unavailable(TimeoutError())
    wrapped = RuntimeError("wrapped")
    wrapped.__cause__ = InterfaceError("closed")
    assert is_unavailable(wrapped)
    assert not is_unavailable(RuntimeError("bug"))
    assert not is_unavailable(ValueError("bad input"))
    assert not is_unavailable(None)


# --- connections: health checks and the retry of a read --------------------------------------
def test_every_database_is_health_checked():
    assert DATABASES and all(config["CONN_HEALTH_CHECKS"] for config in DATABASES.values())
    config = database("postgres://u:p@db.example.fi:5432/pm")
    assert config["CONN_HEALTH_CHECKS"] is True
    assert config["ENGINE"] == "cms.db_backends.postgresql"
    assert database("sqlite:///x.sqlite3")["ENGINE"] == "django.db.backends.sqlite3"


@pytest.mark.parametrize(
    ("sql", "read"),
    [
        ('SELECT "services_servicepage"."id" FROM "services_servicepage"', True),
        ("  select 1", True),
        ("(SELECT 1) UNION (SELECT 2)", True),
        ('SELECT "x"."id" FROM "x" FOR UPDATE', False),
        ('SELECT "x"."id" FROM "x" FOR NO KEY UPDATE SKIP LOCKED', False),
        ("SELECT pg_try_advisory_lock(42)", False),
        ("SELECT nextval('seq')", False),
        ('INSERT INTO "x" ("a") VALUES (1)', False),
        ('UPDATE "x" SET "a" = 1', False),
        ("DELETE FROM x", False),
        ("WITH d AS (DELETE FROM x RETURNING id) SELECT * FROM d", False),
        # The search's ranking (search/engine.py): a read-only WITH is a read.
        (
            "\nWITH q (token) AS (VALUES (%s)),\nr AS MATERIALIZED (SELECT 1) SELECT r.x FROM r",
            True,
        ),
        ("WITH u AS (UPDATE x SET a = 1 RETURNING id) SELECT * FROM u", False),
        ("WITH i AS (INSERT INTO x (a) VALUES (1) RETURNING id) SELECT * FROM i", False),
        ("SELECT * INTO copy FROM x", False),
        ("SELECT 1; DELETE FROM x", False),
        (None, False),
    ],
)
def test_only_plain_reads_are_retried(sql, read):
    assert is_plain_read(sql) is read


@pytest.fixture
def own_connection():
    """A connection of its own to the test database, in autocommit and outside the test's
    transaction (the demo world is committed, so it sees it), standing in for "default"
    while the test runs; `test.terminate()` kills its backend from the test's connection."""
    test_connection = connections["default"]
    fresh = connections.create_connection("default")
    fresh.ensure_connection()
    connections["default"] = fresh

    def terminate():
        pid = fresh.connection.info.backend_pid
        with test_connection.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s, 5000)", [pid])
            assert cursor.fetchone() == (True,)
        return pid

    fresh.terminate = terminate
    try:
        yield fresh
    finally:
        fresh.close()
        connections["default"] = test_connection


postgres_only = pytest.mark.skipif(not ON_POSTGRES, reason="pg_terminate_backend: PostgreSQL")


@postgres_only
def test_a_listing_survives_a_killed_backend(own_connection, caplog):
    assert own_connection.settings_dict["ENGINE"] == "cms.db_backends.postgresql"
    before = post(LISTING, GRJ)
    assert before.status_code == 200
    old_pid = own_connection.terminate()
    response = post(LISTING, GRJ)
    body = response.json()
    assert response.status_code == 200, body
    assert body == before.json()
    assert own_connection.connection.info.backend_pid != old_pid
    assert any("reconnecting to retry a read" in r.getMessage() for r in caplog.records)


@postgres_only
def test_the_frontend_survives_a_killed_backend(own_connection):
    assert Client().get("/").status_code == 200
    own_connection.terminate()
    assert Client().get("/").status_code == 200


@postgres_only
def test_a_write_is_never_retried(own_connection):
    own_connection.terminate()
    with pytest.raises((OperationalError, InterfaceError)):
        with own_connection.cursor() as cursor:
            cursor.execute("UPDATE django_migrations SET app = app WHERE false")
    # The next statement gets a new connection (no statement had run on it).
    with own_connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)


@postgres_only
def test_a_read_inside_a_transaction_is_never_retried(own_connection):
    with pytest.raises((OperationalError, InterfaceError)):
        with transaction.atomic():
            with own_connection.cursor() as cursor:
                cursor.execute("SELECT 1")
            own_connection.terminate()
            with own_connection.cursor() as cursor:
                cursor.execute("SELECT 1")
    own_connection.close()


@postgres_only
def test_a_database_that_stays_down_is_a_503(own_connection, monkeypatch):
    own_connection.terminate()

    # Reconnecting fails too: the server is gone, not just the connection.
    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(own_connection, "get_new_connection", refuse)
    response = post(LISTING, GRJ)
    assert response.status_code == 503, response.content
    assert response.json()["errors"][0]["extensions"]["code"] == "UNAVAILABLE"
