"""The access log (cms.observability, docs/operations.md "Logs, metrics and error
reporting"): one JSON line per request on stdout with the request id, user, method, path,
status, duration and DB queries, the GraphQL operation, cost and error codes; Django's own
errors carry the request id; no secret of the request is ever written.

The `json_log` fixture configures logging exactly as settings.LOGGING with LOG_FORMAT=json
(the handler then writes to pytest's captured stdout) and restores the test settings'
configuration afterwards."""

import io
import json
import logging.config
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.http import HttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import path

import cms.urls
from cms.settings.base import logging_config
from tests.api.gql import post, token_for

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
FIELDS = {
    "timestamp",
    "level",
    "logger",
    "message",
    "request_id",
    "method",
    "path",
    "view",
    "status",
    "duration_ms",
    "db_queries",
    "db_ms",
    "user_id",
    "username",
}


def boom(request):
    raise RuntimeError("boom in a view")


def plain(request):
    return HttpResponse("ok")


# For the tests marked urls(__name__): the project's, a view that fails and one that runs
# no query.
urlpatterns = [path("boom/", boom), path("plain/", plain), *cms.urls.urlpatterns]


def configure(log_format) -> io.StringIO:
    """Logging as settings.LOGGING with LOG_FORMAT=`log_format`; what its stdout handler
    writes goes to the returned buffer instead."""
    config = logging_config(log_format)
    assert config["handlers"]["stdout"]["stream"] == "ext://sys.stdout"
    logging.config.dictConfig(config)
    (handler,) = (h for h in logging.getLogger().handlers if h.name == "stdout")
    buffer = io.StringIO()
    handler.setStream(buffer)
    return buffer


@pytest.fixture
def json_log(db):
    buffer = configure("json")

    def lines():
        text, _ = buffer.getvalue(), buffer.truncate(0)
        buffer.seek(0)
        return [json.loads(line) for line in text.splitlines() if line.strip()]

    yield lines
    logging.config.dictConfig(settings.LOGGING)


def access(lines):
    return [line for line in lines if line["logger"] == "cms.access"]


def test_a_request_writes_one_json_line_with_its_fields(json_log):
    client = Client()
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/en/")
    assert response.status_code == 200
    lines = json_log()
    assert len(lines) == 1, lines
    (line,) = lines
    assert FIELDS <= set(line), set(line) ^ FIELDS
    assert line["logger"] == "cms.access" and line["level"] == "INFO"
    assert line["method"] == "GET" and line["path"] == "/en/" and line["status"] == 200
    assert line["request_id"] == response["X-Request-ID"] and len(line["request_id"]) == 32
    assert line["username"] == "anonymous" and line["user_id"] is None
    assert line["db_queries"] == len(queries) > 0
    assert line["duration_ms"] > 0
    assert "graphql_operation" not in line  # only for /graphql/


def test_each_request_gets_its_own_id(json_log):
    client = Client()
    first, second = client.get("/en/"), client.get("/en/")
    assert first["X-Request-ID"] != second["X-Request-ID"]
    assert [line["request_id"] for line in access(json_log())] == [
        first["X-Request-ID"],
        second["X-Request-ID"],
    ]


def test_a_signed_in_user_is_named(json_log, login):
    client = login("helsinki-producer")
    client.get("/admin/")
    (line,) = access(json_log())
    assert line["username"] == "helsinki-producer"
    assert line["user_id"] == client.session["_auth_user_id"] or line["user_id"] == int(
        client.session["_auth_user_id"]
    )


def test_a_graphql_request_logs_its_operation_and_cost(json_log):
    response = post("query LogProbe { services(limit: 3) { items { id } } }")
    assert response.status_code == 200, response.content
    (line,) = access(json_log())
    assert line["path"] == "/graphql/" and line["view"] == "graphql"
    assert line["graphql_operation"] == "LogProbe"
    assert line["graphql_cost"] == 1 + 3 * (1 + 1)
    assert line["graphql_error_codes"] == []
    assert line["db_queries"] > 0
    assert "operation=LogProbe cost=7" in line["message"]


def test_graphql_errors_are_logged_by_code(json_log, settings):
    settings.GRAPHQL_MAX_COST = 100
    post("query TooCostly { services(limit: 100) { items { id title } } }")
    post("query Broken { noSuchField }")
    post("{ __typename }", token="not-a-token")
    costly, broken, unauthenticated = access(json_log())
    assert costly["graphql_operation"] == "TooCostly"
    assert costly["graphql_cost"] == 1 + 100 * 3
    assert costly["graphql_error_codes"] == ["COST_LIMIT"]
    assert broken["graphql_operation"] == "Broken"
    assert broken["graphql_error_codes"] == ["BAD_USER_INPUT"]
    assert unauthenticated["status"] == 401
    assert unauthenticated["graphql_error_codes"] == ["UNAUTHENTICATED"]


def test_no_secret_of_a_request_is_logged(json_log, user, caplog):
    password = "Pw-for-the-log-test-4711"
    account = user("helsinki-producer")
    account.set_password(password)
    account.save()
    client = Client()
    response = client.post(
        "/admin/login/?next=/admin/&token=query-secret-1",
        {"username": "helsinki-producer", "password": password},
    )
    assert response.status_code == 302
    session_cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    token = token_for("helsinki-producer")
    assert post("{ me { username } }", token=token).status_code == 200
    client.get("/admin/invitations/invitation-key-secret-2/")
    lines = json_log()
    text = json.dumps(lines) + caplog.text
    for secret in (password, token, session_cookie, "query-secret-1", "invitation-key-secret-2"):
        assert secret not in text
    login_line, bearer_line, invitation_line = access(lines)
    assert login_line["path"] == "/admin/login/" and login_line["status"] == 302
    assert bearer_line["username"] == "helsinki-producer"
    assert invitation_line["path"] == "/admin/invitations/[redacted]/"


@pytest.mark.urls(__name__)
def test_django_errors_are_logged_with_the_request_id(json_log):
    response = Client(raise_request_exception=False).get("/boom/")
    assert response.status_code == 500
    lines = json_log()
    error = next(line for line in lines if line["logger"] == "django.request")
    assert error["level"] == "ERROR" and "boom in a view" in error["exc_info"]
    assert error["request_id"] == response["X-Request-ID"]
    (line,) = access(lines)
    assert line["status"] == 500 and line["level"] == "ERROR"


@pytest.mark.urls(__name__)
def test_not_found_is_logged_with_the_request_id(json_log):
    response = Client().get("/no-such-page/")
    assert response.status_code == 404
    warning = next(line for line in json_log() if line["logger"] == "django.request")
    assert warning["request_id"] == response["X-Request-ID"]
    assert "request" not in warning  # Django's extra (its text has the query string)


@pytest.mark.urls(__name__)
def test_a_proxys_request_id_is_taken_only_from_a_trusted_proxy(json_log, settings):
    client = Client()
    assert client.get("/plain/", HTTP_X_REQUEST_ID="abc-123")["X-Request-ID"] != "abc-123"
    settings.TRUSTED_PROXY_COUNT = 1
    assert client.get("/plain/", HTTP_X_REQUEST_ID="abc-123")["X-Request-ID"] == "abc-123"
    forged = client.get("/plain/", HTTP_X_REQUEST_ID="x\nFAKE LINE")["X-Request-ID"]
    assert forged != "x\nFAKE LINE" and len(forged) == 32
    lines = access(json_log())
    assert [line["db_queries"] for line in lines] == [0, 0, 0]
    assert lines[1]["request_id"] == "abc-123"


def test_the_text_format_has_the_request_id(db):
    buffer = configure("text")
    try:
        response = Client().get("/en/")
    finally:
        logging.config.dictConfig(settings.LOGGING)
    (line,) = buffer.getvalue().splitlines()
    assert f"INFO cms.access [{response['X-Request-ID']}] GET /en/ 200 " in line


def _settings_in_a_process(module, expression="LOGGING['handlers']['stdout']['formatter']", **env):
    """Load the settings `module` in a new process with `env`; print `expression` as JSON."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("LOG_", "SENTRY_", "METRICS_"))
    }
    environment.update(DJANGO_SETTINGS_MODULE=module, **env)
    code = (
        f"from django.conf import settings; import json; print(json.dumps(settings.{expression}))"
    )
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True
    )


PRODUCTION = {
    "DJANGO_SECRET_KEY": "x" * 50,
    "DJANGO_ALLOWED_HOSTS": "cms.example.fi",
    "DATABASE_URL": "postgres://user:pass@localhost:5432/none",
}


@pytest.mark.parametrize(
    ("module", "env", "formatter"),
    [
        ("cms.settings.dev", {}, "text"),
        ("cms.settings.dev", {"LOG_FORMAT": "json"}, "json"),
        ("cms.settings.production", PRODUCTION, "json"),
        ("cms.settings.production", {**PRODUCTION, "LOG_FORMAT": "text"}, "text"),
    ],
)
def test_the_format_is_text_in_development_and_json_in_production(module, env, formatter):
    result = _settings_in_a_process(module, **env)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == formatter


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"LOG_FORMAT": "xml"}, "LOG_FORMAT must be json or text"),
        ({"LOG_LEVEL": "LOUD"}, "LOG_LEVEL must be one of DEBUG, INFO"),
        ({"LOG_LEVELS": "cms.access"}, "LOG_LEVELS must be logger=LEVEL pairs"),
    ],
)
def test_bad_log_settings_are_refused_with_a_message(env, message):
    result = _settings_in_a_process("cms.settings.dev", **env)
    assert result.returncode != 0 and message in result.stderr


def test_log_levels_are_set_per_logger():
    result = _settings_in_a_process(
        "cms.settings.dev",
        "LOGGING",
        LOG_LEVEL="warning",
        LOG_LEVELS="cms.access=ERROR, django=info",
    )
    assert result.returncode == 0, result.stderr
    config = json.loads(result.stdout)
    assert config["root"]["level"] == "WARNING"
    assert config["loggers"]["cms.access"] == {"level": "ERROR"}
    # Django's loggers keep writing through the one stdout handler.
    assert config["loggers"]["django"] == {"handlers": [], "level": "INFO", "propagate": True}
