"""Error reporting (cms/error_reporting.py): Sentry starts only when SENTRY_DSN is set, and
an event carries the exception but no user, credentials, cookies, body or query string.

No event leaves the machine: the settings are loaded in a child process whose DSN points at
a closed loopback port and which raises no error, and the in-process test sends its events
to a transport that keeps them."""

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from wsgiref.util import setup_testing_defaults

import pytest
import sentry_sdk
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client
from django.urls import path
from django.views.decorators.csrf import csrf_exempt
from sentry_sdk.transport import Transport

import cms.urls
from cms.api.views import GraphQLView
from cms.error_reporting import init_sentry, scrub_event

ROOT = Path(__file__).resolve().parents[2]
# A DSN nobody answers (port 9 on loopback), for the settings' test.
LOOPBACK_DSN = "http://public@127.0.0.1:9/1"


@csrf_exempt
def failing_view(request):
    raise RuntimeError("failure for the error report")


urlpatterns = [path("sentry-boom/", failing_view), *cms.urls.urlpatterns]


# (Not within the source lines an event shows around failing_view.)
SECRETS = ("bearer-secret-4711", "cookie-secret-4711", "query-secret-4711", "body-secret-4711")


def _sentry_state(**env):
    environment = {k: v for k, v in os.environ.items() if not k.startswith("SENTRY_")}
    environment.update(DJANGO_SETTINGS_MODULE="cms.settings.test", **env)
    code = (
        "import django, json, sentry_sdk; django.setup(); client = sentry_sdk.get_client(); "
        "from sentry_sdk.scope import should_send_default_pii; "
        "options = {k: client.options.get(k) for k in ('dsn', 'environment', 'release', "
        "'traces_sample_rate', 'max_request_body_size', 'include_local_variables')}; "
        "options['pii'] = should_send_default_pii(); "
        "options['user_info'] = (client.options.get('data_collection') or {}).get('user_info'); "
        "print(json.dumps({'active': client.is_active(), 'options': options}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_without_a_dsn_sentry_is_not_started():
    assert _sentry_state()["active"] is False


def test_with_a_dsn_the_settings_start_it_with_the_environments_options():
    state = _sentry_state(
        SENTRY_DSN=LOOPBACK_DSN,
        SENTRY_ENVIRONMENT="staging",
        SENTRY_RELEASE="palvelumanuaali@1.2.3",
        SENTRY_TRACES_SAMPLE_RATE="0.25",
    )
    assert state["active"] is True
    assert state["options"] == {
        "dsn": LOOPBACK_DSN,
        "environment": "staging",
        "release": "palvelumanuaali@1.2.3",
        "traces_sample_rate": 0.25,
        "max_request_body_size": "never",
        "include_local_variables": False,
        "pii": False,
        "user_info": False,
    }


def test_a_bad_sample_rate_is_refused():
    environment = {k: v for k, v in os.environ.items() if not k.startswith("SENTRY_")}
    environment.update(DJANGO_SETTINGS_MODULE="cms.settings.test", SENTRY_TRACES_SAMPLE_RATE="2")
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "SENTRY_TRACES_SAMPLE_RATE must be between 0 and 1" in result.stderr


class KeepingTransport(Transport):
    """Keeps the envelopes instead of sending them."""

    def __init__(self, options=None):
        super().__init__(options)
        self.envelopes = []

    def capture_envelope(self, envelope):
        self.envelopes.append(envelope)

    def events(self):
        return [
            item.payload.json
            for envelope in self.envelopes
            for item in envelope.items
            if item.type == "event"
        ]


@pytest.fixture
def sentry():
    transport = KeepingTransport()
    init_sentry("https://public@sentry.invalid/1", "test", None, 0.0, transport=transport)
    yield transport
    sentry_sdk.get_client().close()
    sentry_sdk.get_global_scope().set_client(None)
    assert not sentry_sdk.get_client().is_active()


def wsgi_post(path, query, body: bytes, headers: dict):
    """A request through Django's WSGI handler, as gunicorn sends it (sentry-sdk reads the
    URL and headers there; the test client bypasses it). Connections are not closed at the
    end of the request, as with the test client, so the test's transaction stays."""
    environ = {}
    setup_testing_defaults(environ)
    environ.update(
        {
            "REQUEST_METHOD": "POST",
            "PATH_INFO": path,
            "QUERY_STRING": query,
            "HTTP_HOST": "testserver",
            "CONTENT_TYPE": "application/x-www-form-urlencoded",
            "CONTENT_LENGTH": str(len(body)),
            "wsgi.input": io.BytesIO(body),
            **headers,
        }
    )
    statuses = []
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        response = WSGIHandler()(
            environ, lambda status, headers, exc_info=None: statuses.append(status)
        )
        b"".join(response)
        response.close()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return statuses[0]


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_an_exception_in_a_view_is_reported_without_pii(sentry):
    status = wsgi_post(
        "/sentry-boom/",
        "token=query-secret-4711",
        b"password=body-secret-4711",
        {
            "HTTP_AUTHORIZATION": "Bearer bearer-secret-4711",
            "HTTP_COOKIE": "sessionid=cookie-secret-4711; csrftoken=cookie-secret-4711",
            "HTTP_X_CUSTOM": "kept",
            "REMOTE_ADDR": "192.0.2.44",
        },
    )
    assert status.startswith("500")
    sentry_sdk.flush()
    events = [e for e in sentry.events() if e.get("exception")]
    assert len(events) == 1, sentry.events()
    (event,) = events
    exception = event["exception"]["values"][-1]
    assert exception["type"] == "RuntimeError"
    assert exception["value"] == "failure for the error report"
    assert not any(frame.get("vars") for frame in exception["stacktrace"]["frames"])
    request = event["request"]
    assert request["url"] == "http://testserver/sentry-boom/" and request["method"] == "POST"
    headers = {key.lower() for key in request["headers"]}
    assert "x-custom" in headers and not {"authorization", "cookie"} & headers
    assert "user" not in event
    text = json.dumps(sentry.events())
    for secret in (*SECRETS, "192.0.2.44"):
        assert secret not in text, text[max(0, text.find(secret) - 300) : text.find(secret) + 50]


@pytest.mark.django_db
def test_an_internal_graphql_error_is_reported(sentry, monkeypatch):
    def fail(self, request):
        raise RuntimeError("resolver exploded")

    monkeypatch.setattr(GraphQLView, "_refusal", fail)
    response = Client().post(
        "/graphql/", {"query": "{ __typename }"}, content_type="application/json"
    )
    assert response.status_code == 500
    sentry_sdk.flush()
    values = [
        value
        for event in sentry.events()
        for value in (event.get("exception") or {}).get("values", [])
    ]
    assert any(value["value"] == "resolver exploded" for value in values), sentry.events()
    # The access log line of the 500 is no event of its own.
    assert not any(event.get("logger") == "cms.access" for event in sentry.events()), (
        sentry.events()
    )


def test_scrub_event_removes_credentials_and_user():
    event = {
        "request": {
            "url": "https://cms.example.fi/preview/?token=abc",
            "headers": {"Authorization": "Bearer x", "COOKIE": "a=b", "Accept": "text/html"},
            "cookies": {"sessionid": "s"},
            "data": {"password": "p"},
            "query_string": "token=abc",
        },
        "user": {"id": 1, "username": "u", "ip_address": "192.0.2.1"},
    }
    assert scrub_event(event) == {
        "request": {"url": "https://cms.example.fi/preview/", "headers": {"Accept": "text/html"}}
    }
